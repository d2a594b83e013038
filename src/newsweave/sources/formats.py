"""Choose a reader by file extension and turn one input's bytes into documents or problems."""

from __future__ import annotations

import os

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .decoding import decode_text
from .html import parse_html
from .jsonfiles import parse_json, parse_jsonl
from .limits import too_large_problem

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSION = ".json"
JSONL_EXTENSION = ".jsonl"
SUPPORTED_EXTENSIONS = (*TEXT_EXTENSIONS, *HTML_EXTENSIONS, JSON_EXTENSION, JSONL_EXTENSION)
# Feeds are not read by `load_bytes`: an item with only a link may need fetching, which is the caller's choice.
FEED_EXTENSIONS = (".xml", ".rss", ".atom")


def extension_of(name: str) -> str:
    """Return the lower-case extension of a file name, with its dot, or '' if it has none."""
    return os.path.splitext(name)[1].lower()


def is_supported(name: str) -> bool:
    """True when `name` ends in an extension some reader handles."""
    return extension_of(name) in SUPPORTED_EXTENSIONS


def is_feed_name(name: str) -> bool:
    """True when `name` ends in a feed extension (.xml, .rss, .atom)."""
    return extension_of(name) in FEED_EXTENSIONS


def unsupported_type_problem(name: str) -> str:
    """One-line problem for a file whose extension no reader handles."""
    expected = ", ".join(SUPPORTED_EXTENSIONS)
    extension = extension_of(name)
    if not extension:
        return f"unsupported file type: no extension (expected {expected})"
    return f"unsupported file type '{extension}' (expected {expected})"


def load_bytes(name: str, data: bytes, settings: Settings = DEFAULT_SETTINGS) -> LoadResult:
    """Load the articles in `data`, read by the extension of `name` (.txt, .md, .html, .htm, .json, .jsonl).

    Never raises for bad bytes: everything unusable comes back as an InputProblem
    naming `name` (or "name:LINE" / "name[INDEX]" for one article of a JSONL or
    JSON list file).
    """
    extension = extension_of(name)
    if extension not in SUPPORTED_EXTENSIONS:
        return _problem(name, unsupported_type_problem(name))
    if len(data) > settings.max_input_bytes:
        return _problem(name, too_large_problem(len(data), settings.max_input_bytes))
    if not data:
        return _problem(name, "empty file")

    if extension == JSON_EXTENSION:
        return parse_json(name, data)
    if extension == JSONL_EXTENSION:
        return parse_jsonl(name, data)
    try:
        document = parse_html(name, data) if extension in HTML_EXTENSIONS else parse_plain_text(name, data)
    except InputError as error:
        return _problem(error.input_name, error.problem)
    return LoadResult(documents=(document,), problems=())


def parse_plain_text(name: str, data: bytes) -> RawDocument:
    """Read a .txt or .md article; the text is kept as it is apart from decoding and newlines."""
    text = decode_text(name, data)
    if not text.strip():
        raise InputError(name, "empty file")
    return RawDocument(path=name, text=text, format="text")


def _problem(name: str, problem: str) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(name, problem),))
