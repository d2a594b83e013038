"""Read articles stored as JSON: one object or a list of objects (.json), one object a line (.jsonl).

An article object carries `text` and optionally `id`, `title`, `url`, `outlet`
and `published`. `source` and `date` are accepted for `outlet` and `published`,
the names common research data sets use. One bad article never stops the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, Literal

from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .decoding import decode_text, needs_whole_file_decoding, normalize_text
from .limits import describe_limit

JsonFormat = Literal["json", "jsonl"]

# Model field -> keys that may carry it, first found wins.
OPTIONAL_STRING_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source"),
    "published": ("published", "date"),
}

# Enough of the start of a JSONL file to see whether it is UTF-16 or UTF-32.
ENCODING_SNIFF_BYTES = 4096
READ_CHUNK_BYTES = 1024 * 1024


def parse_json(name: str, data: bytes) -> LoadResult:
    """Load a .json file: one article object, or a list of them named "name[0]", "name[1]", ..."""
    try:
        text = decode_text(name, data)
        if not text.strip():
            raise InputError(name, "empty file")
        value = _load_json(name, text, with_line=True)
    except InputError as error:
        return _problem(error)

    if isinstance(value, dict):
        return _collect([_article_or_problem(name, value, "json")])
    if isinstance(value, list):
        if not value:
            return _collect([InputProblem(name, "the list holds no articles")])
        return _collect(_article_or_problem(f"{name}[{index}]", item, "json") for index, item in enumerate(value))
    return _collect(
        [InputProblem(name, f"expected an article object or a list of them, got {_json_type(value)}")]
    )


def parse_jsonl(name: str, data: bytes) -> LoadResult:
    """Load the bytes of a .jsonl file held in memory; lines are named "name:LINE" (from 1)."""
    if needs_whole_file_decoding(data[:ENCODING_SNIFF_BYTES]):
        return _parse_wide_jsonl(name, data)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline ending the last line does not start another
    return _parse_lines(name, enumerate(lines, start=1), max_line_bytes=None)


def stream_jsonl(name: str, stream: BinaryIO, max_line_bytes: int) -> LoadResult:
    """Load a .jsonl file line by line, so its total size is not limited, only each line's."""
    head = stream.read(ENCODING_SNIFF_BYTES)
    if needs_whole_file_decoding(head):
        rest = stream.read(max_line_bytes + 1)
        if len(head) + len(rest) > max_line_bytes:
            limit = describe_limit(max_line_bytes)
            problem = f"UTF-16/UTF-32 JSONL file larger than the {limit} limit; save it as UTF-8 to load it line by line"
            return _collect([InputProblem(name, problem)])
        return _parse_wide_jsonl(name, head + rest)
    stream.seek(0)
    return _parse_lines(name, _numbered_lines(stream, max_line_bytes), max_line_bytes)


def _numbered_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[tuple[int, bytes]]:
    """Yield (line number, bytes) pairs; an over-long line is cut after max_line_bytes + 1 bytes."""
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
        yield number, line.removesuffix(b"\n")


def _skip_rest_of_line(stream: BinaryIO) -> None:
    # Read in bounded chunks: an over-long line must not be held in memory.
    while True:
        chunk = stream.readline(READ_CHUNK_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_wide_jsonl(name: str, data: bytes) -> LoadResult:
    try:
        text = decode_text(name, data)
    except InputError as error:
        return _problem(error)
    lines = [line.encode("utf-8") for line in text.split("\n")]
    # The size limit was checked on the whole file already.
    return _parse_lines(name, enumerate(lines, start=1), max_line_bytes=None)


def _parse_lines(name: str, lines: Iterable[tuple[int, bytes]], max_line_bytes: int | None) -> LoadResult:
    outcomes: list[RawDocument | InputProblem] = []
    for number, raw_line in lines:
        outcome = document_from_line(f"{name}:{number}", raw_line, max_line_bytes)
        if outcome is not None:
            outcomes.append(outcome)
    if not outcomes:
        outcomes.append(InputProblem(name, "empty file"))
    return _collect(outcomes)


def document_from_line(line_name: str, raw_line: bytes, max_line_bytes: int | None) -> RawDocument | InputProblem | None:
    """The article of one JSONL line (without its newline), a problem, or None for a blank line.

    The one reading of a line, shared by the loader and by jobs that split files into lines themselves.
    """
    if max_line_bytes is not None and len(raw_line) > max_line_bytes:
        limit = describe_limit(max_line_bytes)
        return InputProblem(line_name, f"line is larger than the {limit} limit; split it or raise max_input_bytes")
    if not raw_line.strip():
        return None
    try:
        value = _load_json(line_name, decode_text(line_name, raw_line), with_line=False)
    except InputError as error:
        return InputProblem(error.input_name, error.problem)
    return _article_or_problem(line_name, value, "jsonl")


def _load_json(name: str, text: str, *, with_line: bool) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}" if with_line else f"column {error.colno}"
        raise InputError(name, f"invalid JSON ({error.msg.removesuffix(' at')} at {where})") from None
    except RecursionError:
        raise InputError(name, "invalid JSON (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        raise InputError(name, f"invalid JSON ({_one_line(str(error))})") from None


def _article_or_problem(name: str, value: Any, json_format: JsonFormat) -> RawDocument | InputProblem:
    try:
        return article_from_object(name, value, json_format)
    except InputError as error:
        return InputProblem(error.input_name, error.problem)


def article_from_object(name: str, value: Any, json_format: JsonFormat) -> RawDocument:
    """Build the document of one decoded article object; raise InputError naming `name` if it is unusable."""
    if not isinstance(value, dict):
        raise InputError(name, f"expected an article object, got {_json_type(value)}")
    if "text" not in value or value["text"] is None:
        raise InputError(name, "no 'text' field; every article needs its text")
    text = value["text"]
    if not isinstance(text, str):
        raise InputError(name, f"field 'text' must be a string, got {_json_type(text)}")
    text = _clean_string(text)
    if not text.strip():
        raise InputError(name, "field 'text' is empty")

    fields: dict[str, str | None] = {}
    for field_name, keys in OPTIONAL_STRING_FIELDS.items():
        key = next((key for key in keys if value.get(key) is not None), None)
        if key is None:
            fields[field_name] = None
            continue
        field_value = value[key]
        if not isinstance(field_value, str):
            raise InputError(name, f"field '{key}' must be a string, got {_json_type(field_value)}")
        fields[field_name] = " ".join(_clean_string(field_value).split()) or None

    return RawDocument(
        path=name,
        text=text,
        format=json_format,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=fields["published"],
        external_id=_external_id(name, value.get("id")),
    )


def _external_id(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(name, f"field 'id' must be a string or a number, got {_json_type(value)}")
    return str(value).strip() or None


def _clean_string(value: str) -> str:
    # JSON escapes can encode lone surrogates, which no later stage could write out.
    value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return normalize_text(value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _problem(error: InputError) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(error.input_name, error.problem),))


def _collect(outcomes: Iterable[RawDocument | InputProblem]) -> LoadResult:
    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    for outcome in outcomes:
        if isinstance(outcome, RawDocument):
            documents.append(outcome)
        else:
            problems.append(outcome)
    return LoadResult(documents=tuple(documents), problems=tuple(problems))
