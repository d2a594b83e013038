"""Standard input ("-"): read it within the size limit and load what it holds.

Standard input has no file name to say what it holds, so the bytes are sniffed:
JSONL when its lines are JSON objects (one may be malformed), HTML when it starts
like markup, plain text otherwise. A feed piped in is recognised by the SOURCE
dispatcher (dispatch.py), which may fetch its links.
"""

from __future__ import annotations

import json
import re
import sys
from typing import BinaryIO, Literal

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult

from .formats import parse_plain_text
from .html import parse_html
from .jsonfiles import parse_jsonl
from .limits import describe_limit

STDIN_NAME = "-"
JsonKind = Literal["object", "other", "too deep"]
MARKUP_START = re.compile(rb"^\s*<(!doctype\s+html|html|head|body|article|main|div|p|meta|title|!--)[\s>/]", re.I)


def read_stdin(stream: BinaryIO | None = None, settings: Settings = DEFAULT_SETTINGS) -> bytes | InputProblem:
    """Read all of standard input (or `stream`), never more than `max_input_bytes`."""
    source = stream if stream is not None else sys.stdin.buffer
    try:
        if source.isatty():
            # Waiting on a terminal would look like a hang; nothing was piped in.
            return InputProblem(STDIN_NAME, "standard input is a terminal; pipe the articles in")
        data = source.read(settings.max_input_bytes + 1)
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        return InputProblem(STDIN_NAME, f"cannot read standard input ({error})")
    if len(data) > settings.max_input_bytes:
        # Only limit + 1 bytes were read, so the true size is unknown.
        limit = describe_limit(settings.max_input_bytes)
        return InputProblem(STDIN_NAME, f"standard input is larger than the {limit} limit; raise max_input_bytes")
    return data


def load_stdin_bytes(data: bytes, settings: Settings = DEFAULT_SETTINGS) -> LoadResult:
    """Load bytes read from standard input as JSONL, HTML or plain text, whichever they look like."""
    if not data.strip():
        return LoadResult(documents=(), problems=(InputProblem(STDIN_NAME, "standard input is empty"),))
    lines = _nonblank_lines(data)
    first = _json_kind(lines[0])
    if first == "too deep":
        # Said as for a file on disk; read as prose it would fail later and less clearly.
        return LoadResult(documents=(), problems=(InputProblem(STDIN_NAME, "invalid JSON (nested too deeply)"),))
    if first == "object" and _all_look_like_objects(lines):
        return parse_jsonl(STDIN_NAME, data)
    try:
        document = parse_html(STDIN_NAME, data) if looks_like_markup(data) else parse_plain_text(STDIN_NAME, data)
    except InputError as error:
        return LoadResult(documents=(), problems=(InputProblem(error.input_name, error.problem),))
    return LoadResult(documents=(document,), problems=())


def load_stdin(stream: BinaryIO | None = None, settings: Settings = DEFAULT_SETTINGS) -> LoadResult:
    """Read standard input (or `stream`) and load it as one input named "-"."""
    data = read_stdin(stream, settings)
    if isinstance(data, InputProblem):
        return LoadResult(documents=(), problems=(data,))
    return load_stdin_bytes(data, settings)


def looks_like_jsonl(data: bytes) -> bool:
    """True when the first non-blank line is a JSON object and every other one at least looks like one.

    A malformed object line in a stream of articles is a bad line to report, not a
    reason to read the whole stream as prose; a line of prose makes it text.
    """
    lines = _nonblank_lines(data)
    return bool(lines) and _json_kind(lines[0]) == "object" and _all_look_like_objects(lines)


def _nonblank_lines(data: bytes) -> list[bytes]:
    return [line.strip() for line in data.splitlines() if line.strip()]


def _all_look_like_objects(lines: list[bytes]) -> bool:
    return all(line.startswith(b"{") for line in lines)


def _json_kind(line: bytes) -> JsonKind:
    """What one line is as JSON; "too deep" when it opens more brackets than the parser can follow."""
    try:
        return "object" if isinstance(json.loads(line), dict) else "other"
    except RecursionError:
        return "too deep"
    except ValueError:  # also UnicodeDecodeError
        return "other"


def looks_like_markup(data: bytes) -> bool:
    """True when the bytes start like an HTML page or fragment (after a byte-order mark and blanks)."""
    return MARKUP_START.match(data.removeprefix(b"\xef\xbb\xbf")) is not None
