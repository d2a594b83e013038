"""Standard input ("-") and the dispatcher of the command line's SOURCE arguments.

Standard input has no file name to say what it holds, so the bytes are sniffed:
a feed, JSONL when its lines are JSON objects (one may be malformed), HTML when it starts
like markup, plain text otherwise. `load_sources` sends each SOURCE to its
reader: "-" to standard input, http(s) URLs to the feed or page fetchers,
.xml/.rss/.atom files to the feed reader, other files and folders to
`load_inputs`, keeping the order of the arguments.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import BinaryIO

import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .feeds import feed_documents, load_feed_file, looks_like_feed, parse_feed
from .fetch import DEFAULT_POLICY, FEED_TYPES, FetchPolicy, document_from_download, download, make_client
from .files import load_inputs
from .formats import extension_of, parse_plain_text
from .html import parse_html
from .jsonfiles import parse_jsonl
from .limits import describe_limit

STDIN_NAME = "-"
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
URL_START = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
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
    if looks_like_jsonl(data):
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
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    return bool(lines) and _is_json_object(lines[0]) and all(line.startswith(b"{") for line in lines)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:  # also UnicodeDecodeError
        return False


def looks_like_markup(data: bytes) -> bool:
    """True when the bytes start like an HTML page or fragment (after a byte-order mark and blanks)."""
    return MARKUP_START.match(data.removeprefix(b"\xef\xbb\xbf")) is not None


def load_sources(
    items: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    allow_private: bool = False,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Load every SOURCE in `items`, in order: "-", http(s) URLs (feeds or pages), feed files, files and folders.

    Consecutive files and folders are loaded together, so a file reached twice
    among them is loaded once. One HTTP client serves all URLs.
    """
    if isinstance(items, (str, bytes)):
        raise TypeError("load_sources takes a sequence of sources, not a single source")
    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    paths: list[str] = []

    def add(result: LoadResult) -> None:
        documents.extend(result.documents)
        problems.extend(result.problems)

    def flush_paths() -> None:
        if paths:
            add(load_inputs(paths, settings))
            paths.clear()

    stdin_read = False
    with ExitStack() as cleanup:
        active = client

        def http() -> httpx.Client:
            nonlocal active
            if active is None:  # made on first use: a run with no URLs opens nothing
                active = cleanup.enter_context(make_client(allow_private=allow_private, policy=policy))
            return active

        for item in items:
            item = os.fspath(item)
            if item != STDIN_NAME and not URL_START.match(item) and not _is_feed_file(item):
                paths.append(item)
                continue
            flush_paths()
            if item == STDIN_NAME:
                if stdin_read:
                    add(_problem(STDIN_NAME, "standard input is named more than once; it was read the first time"))
                else:
                    add(_load_stdin_source(stdin, settings, allow_private, http, policy))
                stdin_read = True
            elif URL_START.match(item):
                add(_load_url(item, settings, allow_private, http(), policy))
            else:
                # Without a client yet, the feed reader makes one only if it has links to fetch.
                add(load_feed_file(item, settings, allow_private=allow_private, client=active, policy=policy))
        flush_paths()
    return LoadResult(documents=tuple(documents), problems=tuple(problems))


def _is_feed_file(item: str) -> bool:
    # A folder named "news.xml" is still a folder; a missing file is reported by the feed reader.
    return extension_of(item) in FEED_EXTENSIONS and not os.path.isdir(item)


def _load_url(
    url: str, settings: Settings, allow_private: bool, client: httpx.Client, policy: FetchPolicy
) -> LoadResult:
    """Fetch `url` once and read it as a feed when the server or the bytes say so, else as an article page."""
    fetched = download(url, settings, client=client, allow_private=allow_private, policy=policy)
    if isinstance(fetched, InputProblem):
        return LoadResult(documents=(), problems=(fetched,))
    if fetched.content_type in FEED_TYPES or looks_like_feed(fetched.body):
        feed = parse_feed(url, fetched.body, charset=fetched.charset)
        return feed_documents(feed, settings, allow_private=allow_private, client=client, policy=policy)
    return document_from_download(fetched, settings)


def _load_stdin_source(
    stream: BinaryIO | None,
    settings: Settings,
    allow_private: bool,
    http: Callable[[], httpx.Client],
    policy: FetchPolicy,
) -> LoadResult:
    data = read_stdin(stream, settings)
    if isinstance(data, InputProblem):
        return LoadResult(documents=(), problems=(data,))
    if looks_like_feed(data):
        feed = parse_feed(STDIN_NAME, data)
        client = http() if feed.links else None
        return feed_documents(feed, settings, allow_private=allow_private, client=client, policy=policy)
    return load_stdin_bytes(data, settings)


def _problem(name: str, problem: str) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(name, problem),))
