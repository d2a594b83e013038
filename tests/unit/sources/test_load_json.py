"""Articles as JSON (.json: one object or a list) and JSON Lines (.jsonl: one object a line)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.sources import load_bytes, load_inputs, load_stdin


def article(text: str, **fields: object) -> dict[str, object]:
    return {"text": text, **fields}


def test_one_article_object_carries_all_its_fields(story_paragraphs: tuple[str, ...]) -> None:
    record = article(
        "\n\n".join(story_paragraphs),
        id=42,
        title="Ferry to pause",
        url="https://gazette.example/ferry",
        outlet="Harbour Gazette",
        published="2023-05-12",
    )
    (document,) = load_bytes("ferry.json", json.dumps(record).encode()).documents
    assert document.path == "ferry.json"
    assert document.format == "json"
    assert document.text == "\n\n".join(story_paragraphs)
    assert (document.title, document.url, document.outlet, document.published, document.external_id) == (
        "Ferry to pause",
        "https://gazette.example/ferry",
        "Harbour Gazette",
        "2023-05-12",
        "42",
    )


def test_only_text_is_required() -> None:
    (document,) = load_bytes("bare.json", b'{"text": "Just the story."}').documents
    assert document.text == "Just the story."
    assert document.title is None and document.external_id is None


def test_research_data_set_field_names_are_understood() -> None:
    record = article("Body.", source="Harbour Gazette", date="2023-05-12")
    (document,) = load_bytes("a.json", json.dumps(record).encode()).documents
    assert (document.outlet, document.published) == ("Harbour Gazette", "2023-05-12")


def test_list_yields_one_document_per_item_and_names_bad_items(tmp_path: Path) -> None:
    records = [
        article("First story."),
        article("   "),
        {"title": "no text here"},
        article("Fourth story.", title=7),
        "not an object",
        article("Sixth story.", id="abc"),
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    result = load_inputs([str(path)])
    assert [(document.path, document.text) for document in result.documents] == [
        (f"{path}[0]", "First story."),
        (f"{path}[5]", "Sixth story."),
    ]
    assert result.documents[1].external_id == "abc"
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (f"{path}[1]", "field 'text' is empty"),
        (f"{path}[2]", "no 'text' field; every article needs its text"),
        (f"{path}[3]", "field 'title' must be a string, got a number"),
        (f"{path}[4]", "expected an article object, got a string"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[]", "the list holds no articles"),
        (b'"just a string"', "expected an article object or a list of them, got a string"),
        (b'{"text": ["a", "b"]}', "field 'text' must be a string, got a list"),
        (b'{"text": "ok", "id": true}', "field 'id' must be a string or a number, got true/false"),
        (b'{"text": "ok", "outlet": {"name": "x"}}', "field 'outlet' must be a string, got an object"),
        (b"  \n", "empty file"),
    ],
)
def test_unusable_json_is_reported_in_one_line(content: bytes, expected: str) -> None:
    result = load_bytes("in.json", content)
    assert result.documents == ()
    assert [(problem.input, problem.problem) for problem in result.problems] == [("in.json", expected)]


def test_invalid_json_names_the_position() -> None:
    (problem,) = load_bytes("broken.json", b'{"text": "a",\n "title": }').problems
    assert problem.input == "broken.json"
    assert problem.problem.startswith("invalid JSON (")
    assert "line 2" in problem.problem


def test_deeply_nested_json_is_a_problem_not_a_crash() -> None:
    (problem,) = load_bytes("deep.json", b"[" * 100_000 + b"]" * 100_000).problems
    assert problem.problem.startswith("invalid JSON")


@pytest.mark.parametrize(
    "piped",
    [
        b"[" * 100_000 + b"\n",  # an array opened past the parser's depth, unterminated
        b'{"a":' * 100_000 + b"\n",  # nested objects: would be read as JSONL
        b"\n  \n" + b"[" * 100_000 + b"]" * 100_000,  # after blank lines, balanced
    ],
)
def test_deeply_nested_json_on_standard_input_is_a_problem_naming_it(piped: bytes) -> None:
    result = load_stdin(io.BytesIO(piped))
    assert result.documents == ()
    assert [(p.input, p.problem) for p in result.problems] == [("-", "invalid JSON (nested too deeply)")]


def test_a_deep_line_among_jsonl_articles_is_that_line_s_problem(story_paragraphs: tuple[str, ...]) -> None:
    good = json.dumps(article(" ".join(story_paragraphs))).encode()
    result = load_stdin(io.BytesIO(good + b"\n" + b'{"a":' * 100_000 + b"\n"))
    assert len(result.documents) == 1
    assert [(p.input, p.problem) for p in result.problems] == [("-:2", "invalid JSON (nested too deeply)")]


def test_text_that_opens_with_a_bracket_is_still_an_article(story_paragraphs: tuple[str, ...]) -> None:
    (document,) = load_stdin(io.BytesIO(("[Photo: the quay]\n" + "\n".join(story_paragraphs)).encode())).documents
    assert document.format == "text"


def test_lone_surrogate_escape_cannot_reach_later_stages() -> None:
    (document,) = load_bytes("s.json", b'{"text": "broken \\ud800 char"}').documents
    document.text.encode("utf-8")  # would raise if the surrogate survived
    assert document.text.startswith("broken ") and document.text.endswith(" char")


def test_jsonl_bad_line_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    lines = [
        json.dumps(article("Line one story.", id=1)),
        "",
        json.dumps(article("Line three story.", id="x-3")),
        '{"text": "unfinished',
        "   ",
        json.dumps(article("Line six story.")),
        "[1, 2]",
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = load_inputs([str(path)])
    assert [(document.path, document.text, document.external_id) for document in result.documents] == [
        (f"{path}:1", "Line one story.", "1"),
        (f"{path}:3", "Line three story.", "x-3"),
        (f"{path}:6", "Line six story.", None),
    ]
    assert all(document.format == "jsonl" for document in result.documents)
    assert [problem.input for problem in result.problems] == [f"{path}:4", f"{path}:7"]
    assert str(result.problems[0]).startswith(f"{path}:4: invalid JSON (")
    assert result.problems[1].problem == "expected an article object, got a list"


def test_jsonl_from_bytes_matches_jsonl_from_a_file(tmp_path: Path) -> None:
    content = b'{"text": "a"}\r\n\r\n{"text": "b", "title": "B"}\r\nnot json\r\n'
    path = tmp_path / "same.jsonl"
    path.write_bytes(content)
    from_file = load_inputs([str(path)])
    from_bytes = load_bytes(str(path), content)
    assert from_file == from_bytes
    assert [document.text for document in from_file.documents] == ["a", "b"]


def test_jsonl_larger_than_the_limit_is_streamed_with_each_line_held_to_it(tmp_path: Path) -> None:
    short = json.dumps(article("A short story line."))
    long = json.dumps(article("word " * 100))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([short, long, short, short]) + "\n", encoding="utf-8")

    result = load_inputs([str(path)], Settings(max_input_bytes=100))
    assert [document.path for document in result.documents] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    (problem,) = result.problems
    assert problem.input == f"{path}:2"
    assert "larger than the 100 bytes limit" in problem.problem


def test_utf16_jsonl_loads(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "Caf\u00e9 one"}\n{"text": "two"}\n'.encode("utf-16"))
    result = load_inputs([str(path)])
    assert [document.text for document in result.documents] == ["Caf\u00e9 one", "two"]
    assert [document.path for document in result.documents] == [f"{path}:1", f"{path}:2"]


def test_jsonl_of_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n \n\n", encoding="utf-8")
    assert [(problem.input, problem.problem) for problem in load_inputs([str(path)]).problems] == [
        (str(path), "empty file")
    ]


def test_real_clustering_data_loads_every_article(clustering_jsonl: Path) -> None:
    result = load_inputs([str(clustering_jsonl)])
    with clustering_jsonl.open(encoding="utf-8") as stream:
        line_count = sum(1 for line in stream if line.strip())
    assert result.problems == ()
    assert len(result.documents) == line_count
    first = result.documents[0]
    assert first.path == f"{clustering_jsonl}:1"
    assert first.title and first.outlet and first.published and first.external_id


def test_json_error_that_ends_in_at_is_not_doubled() -> None:
    # json says "Unterminated string starting at"; the position we add must not read "at at".
    (problem,) = load_bytes("cut.json", b'{"text": "unfinished').problems
    assert "at at" not in problem.problem
    assert "line 1, column 10" in problem.problem
