"""Plain-text articles (.txt, .md): the seeds, encodings, and empty or binary files."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from newsweave.config import Settings
from newsweave.sources import load_bytes, load_inputs


def test_the_five_seeds_load_in_file_name_order_with_text_intact(seeds_dir: Path) -> None:
    result = load_inputs([str(seeds_dir)])

    seed_files = sorted(seeds_dir.glob("*.txt"))
    assert len(seed_files) == 5
    assert result.problems == ()
    assert [document.path for document in result.documents] == [str(path) for path in seed_files]
    for document, path in zip(result.documents, seed_files, strict=True):
        expected = unicodedata.normalize("NFC", path.read_text(encoding="utf-8").replace("\r\n", "\n"))
        assert document.text == expected
        assert document.format == "text"
        assert document.title is None and document.outlet is None and document.url is None


def test_a_seed_named_outright_loads_the_same_as_through_its_folder(seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.glob("*.txt"))[2]
    alone = load_inputs([str(seed)])
    assert [document.text for document in alone.documents] == [seed.read_text(encoding="utf-8")]


def test_markdown_is_read_as_text(tmp_path: Path, story_paragraphs: tuple[str, ...]) -> None:
    path = tmp_path / "story.md"
    content = "# Ferry to pause\n\n" + "\n\n".join(story_paragraphs) + "\n"
    path.write_text(content, encoding="utf-8")

    (document,) = load_inputs([str(path)]).documents
    assert document.text == content
    assert document.format == "text"
    assert document.path == str(path)


def test_upper_case_extension_is_accepted() -> None:
    result = load_bytes("STORY.TXT", b"Harbour works begin on Monday.")
    assert [document.text for document in result.documents] == ["Harbour works begin on Monday."]


def test_utf8_mark_and_windows_newlines_are_removed() -> None:
    result = load_bytes("a.txt", codecs.BOM_UTF8 + b"First line.\r\nSecond line.\r\n")
    assert result.documents[0].text == "First line.\nSecond line.\n"


def test_utf16_with_and_without_mark_loads(tmp_path: Path, story_paragraphs: tuple[str, ...]) -> None:
    text = "\n\n".join(story_paragraphs)
    with_mark = tmp_path / "with_mark.txt"
    with_mark.write_bytes(text.encode("utf-16"))  # Python's utf-16 writes a mark
    without_mark = tmp_path / "without_mark.txt"
    without_mark.write_bytes(text.encode("utf-16-le"))

    result = load_inputs([str(with_mark), str(without_mark)])
    assert result.problems == ()
    assert [document.text for document in result.documents] == [text, text]


def test_windows_1252_text_loads_without_a_problem(tmp_path: Path) -> None:
    text = "Officials called the plan \u201cunworkable\u201d \u2013 a r\u00e9sum\u00e9 of delays."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))

    result = load_inputs([str(path)])
    assert result.problems == ()
    assert result.documents[0].text == text


def test_empty_and_whitespace_only_files_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_bytes(b" \n\t\r\n  ")
    blank_utf16 = tmp_path / "blank16.txt"
    blank_utf16.write_bytes("   \n".encode("utf-16"))

    result = load_inputs([str(empty), str(blank), str(blank_utf16)])
    assert result.documents == ()
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (str(empty), "empty file"),
        (str(blank), "empty file"),
        (str(blank_utf16), "empty file"),
    ]


def test_binary_file_is_reported_and_others_still_load(tmp_path: Path) -> None:
    binary = tmp_path / "a_image.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" * 20)
    good = tmp_path / "b_story.txt"
    good.write_text("The ferry will pause for repairs.", encoding="utf-8")

    result = load_inputs([str(tmp_path)])
    assert [document.path for document in result.documents] == [str(good)]
    (problem,) = result.problems
    assert problem.input == str(binary)
    assert problem.problem.startswith("binary file, not text")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * 100)  # 500 bytes
    small = Settings(max_input_bytes=200)

    result = load_inputs([str(path)], small)
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.input == str(path)
    assert problem.problem == "file is 500 bytes, larger than the 200 bytes limit; split it or raise max_input_bytes"


def test_file_exactly_at_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "fits.txt"
    path.write_bytes(b"x" * 200)
    result = load_inputs([str(path)], Settings(max_input_bytes=200))
    assert result.problems == ()
    assert len(result.documents[0].text) == 200


def test_load_bytes_applies_the_same_limit() -> None:
    result = load_bytes("big.txt", b"a" * 300, Settings(max_input_bytes=100))
    assert result.documents == ()
    assert "larger than the 100 bytes limit" in result.problems[0].problem
