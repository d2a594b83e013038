"""Decoding text files: byte-order marks, UTF-16 without a mark, legacy encodings, binary data."""

from __future__ import annotations

import codecs

import pytest

from newsweave.errors import InputError
from newsweave.sources.decoding import decode_text, needs_whole_file_decoding, normalize_text

SAMPLE = "Crème brûlée café opened on Rue Saint-Éloi, the mayor said.\nA second line follows."


@pytest.mark.parametrize(
    ("mark", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_mark_selects_encoding_and_is_removed(mark: bytes, encoding: str) -> None:
    assert decode_text("a.txt", mark + SAMPLE.encode(encoding)) == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_mark_is_recognised_by_its_nul_pattern(encoding: str) -> None:
    assert decode_text("a.txt", SAMPLE.encode(encoding)) == SAMPLE


def test_invalid_utf8_that_reads_as_windows_1252_is_decoded() -> None:
    text = "The \u201cnew\u201d bridge cost \u20ac4m \u2013 more than planned, na\u00efve critics said."
    assert decode_text("a.txt", text.encode("cp1252")) == text


def test_declared_encoding_is_tried_before_windows_1252() -> None:
    text = "Москва сообщила о переговорах в Стамбуле во вторник."
    assert decode_text("a.html", text.encode("koi8-r"), declared_encoding="koi8-r") == text


def test_unknown_declared_encoding_is_ignored() -> None:
    text = "Caf\u00e9 prices rose again this spring."
    assert decode_text("a.html", text.encode("cp1252"), declared_encoding="no-such-codec") == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # every byte value: NULs that are not UTF-16
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        b"\x01\x02\x03\x04\x05\x06\x07\x08 some words \x0e\x0f\x10\x11\x12\x13\x14",
    ],
)
def test_binary_bytes_are_refused_naming_the_input(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_text("photo.txt", data)
    assert caught.value.input_name == "photo.txt"
    assert caught.value.problem.startswith("binary file, not text")
    assert "\n" not in caught.value.problem


def test_high_bytes_without_ascii_text_are_not_taken_for_windows_1252() -> None:
    noise = bytes(0x80 + (index * 37) % 0x7F for index in range(400))
    with pytest.raises(InputError, match="binary file, not text"):
        decode_text("noise.txt", noise)


def test_broken_payload_after_a_mark_is_reported() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode_text("a.txt", codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone high surrogate


def test_newlines_are_normalised_and_text_composed() -> None:
    decomposed = "Cafe\u0301 one\r\ntwo\rthree\n"
    assert normalize_text(decomposed) == "Caf\u00e9 one\ntwo\nthree\n"
    assert decode_text("a.txt", decomposed.encode("utf-8")) == "Caf\u00e9 one\ntwo\nthree\n"


def test_a_few_stray_control_characters_do_not_make_text_binary() -> None:
    text = "A long paragraph of ordinary prose about the harbour works. " * 5 + "\x07"
    assert decode_text("a.txt", text.encode("utf-8")) == text


def test_wide_encodings_are_detected_for_line_splitting() -> None:
    assert needs_whole_file_decoding(codecs.BOM_UTF16_LE + "{}".encode("utf-16-le"))
    assert needs_whole_file_decoding('{"text": "x"}'.encode("utf-16-be"))
    assert not needs_whole_file_decoding(codecs.BOM_UTF8 + b'{"text": "x"}')
    assert not needs_whole_file_decoding(b'{"text": "x"}\n')


def test_one_stray_nul_byte_does_not_make_utf8_text_binary() -> None:
    text = "The ferry resumed service on Monday after repairs to the landing stage. " * 5
    data = text.encode("utf-8").replace(b"Monday", b"Mon\x00day", 1)
    assert "ferry resumed service" in decode_text("a.txt", data)
