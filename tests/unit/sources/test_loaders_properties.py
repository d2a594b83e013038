"""Properties of the loaders: no bytes crash them, and text survives a trip through a file."""

from __future__ import annotations

import codecs
import json
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.config import Settings
from newsweave.model import LoadResult
from newsweave.sources import SUPPORTED_EXTENSIONS, load_bytes, load_inputs

EXTENSIONS = st.sampled_from([*SUPPORTED_EXTENSIONS, ".xyz", ""])

# Bytes that exercise each decoder path: raw noise, marks, NUL patterns, JSON and HTML fragments.
FRAGMENTS = st.sampled_from(
    [
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF32_BE,
        b"\x00",
        b"\n",
        b"\r\n",
        b'{"text": "',
        b'"}',
        b"[",
        b"]",
        b"<p>",
        b"</p>",
        b"<script>",
        b"\xe2\x80\x9c",
        b"\x93",
        b"Ferry ",
    ]
)
BYTE_SOUP = st.lists(st.one_of(st.binary(max_size=40), FRAGMENTS), max_size=25).map(b"".join)

# Characters a text file can hold: no control characters besides tab and newline,
# no surrogates (unencodable) and no U+FEFF (read as a byte-order mark at the start).
TEXT_CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff", whitelist_characters="\t\n"
)


def assert_well_formed(result: LoadResult, name: str) -> None:
    assert result.documents or result.problems
    for document in result.documents:
        assert document.text.strip()
        assert document.path.startswith(name)
    for problem in result.problems:
        assert problem.input.startswith(name)
        assert problem.problem and "\n" not in problem.problem and "\r" not in problem.problem


@settings(max_examples=300, deadline=None)
@given(data=BYTE_SOUP, extension=EXTENSIONS)
def test_any_bytes_give_documents_or_problems_never_an_exception(data: bytes, extension: str) -> None:
    name = f"input{extension}"
    assert_well_formed(load_bytes(name, data), name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=BYTE_SOUP, extension=st.sampled_from(SUPPORTED_EXTENSIONS), limit=st.integers(1, 400))
def test_any_file_on_disk_gives_documents_or_problems(data: bytes, extension: str, limit: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        result = load_inputs([str(path)], Settings(max_input_bytes=limit))
    assert_well_formed(result, str(path))


@settings(max_examples=200, deadline=None)
@given(text=st.text(TEXT_CHARACTERS, max_size=200), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_written_as_utf8_or_utf16_round_trips(text: str, encoding: str) -> None:
    result = load_bytes("story.txt", text.encode(encoding))

    if not text.strip():
        assert [problem.problem for problem in result.problems] == ["empty file"]
        return
    assert result.problems == ()
    (document,) = result.documents
    assert document.text == unicodedata.normalize("NFC", text)


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=2, max_size=200))
def test_ascii_text_as_utf16_without_a_mark_round_trips(text: str) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        result = load_bytes("story.txt", text.encode(encoding))
        if text.strip():
            assert [document.text for document in result.documents] == [text]
        else:
            assert [problem.problem for problem in result.problems] == ["empty file"]


@settings(max_examples=100, deadline=None)
@given(text=st.text(TEXT_CHARACTERS, min_size=1, max_size=200).filter(str.strip))
def test_text_in_json_and_jsonl_round_trips(text: str) -> None:
    payload = json.dumps({"text": text})
    for name, data in (("a.json", payload), ("a.jsonl", payload + "\n")):
        (document,) = load_bytes(name, data.encode("utf-8")).documents
        assert document.text == unicodedata.normalize("NFC", text)
