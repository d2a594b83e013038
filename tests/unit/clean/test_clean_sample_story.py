"""The cleaner on the project's fictional sample story, checked against its answer key.

The plain-text, JSON and JSONL articles are read here directly (their `text` field is what
the loader hands over); the HTML page's furniture never reaches the cleaner, so its
answer-key lines are checked one by one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.clean import clean_story
from newsweave.clean.lines import ends_sentence
from newsweave.clean.reasons import ALL_REASONS
from newsweave.clean.rules import boilerplate_reason
from newsweave.model import CleanText

REPO = Path(__file__).resolve().parents[3]
STORY = REPO / "examples" / "sample-story"
ANSWER_KEY = json.loads((REPO / "tests" / "golden" / "answer_key.json").read_text(encoding="utf-8"))
HTML_FILE = "national-ledger.html"


def article_text(path: Path) -> str:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["text"]
    if path.suffix == ".jsonl":
        return json.loads(path.read_text(encoding="utf-8").splitlines()[0])["text"]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, CleanText]:
    paths = [path for path in sorted(STORY.iterdir()) if path.name in ANSWER_KEY["sources"] and path.name != HTML_FILE]
    assert len(paths) == 5
    return {path.name: result for path, result in zip(paths, clean_story([article_text(p) for p in paths]), strict=True)}


def removed_with(result: CleanText, fragment: str) -> list[str]:
    return [removed.reason for removed in result.removed if fragment in removed.text]


def kept_paragraphs(result: CleanText) -> list[str]:
    return result.text.split("\n\n")


BOILERPLATE_CASES = [
    (file_name, line)
    for file_name, lines in ANSWER_KEY["boilerplate"].items()
    if file_name != HTML_FILE
    for line in lines
]


@pytest.mark.parametrize(("file_name", "line"), BOILERPLATE_CASES)
def test_answer_key_boilerplate_is_removed_with_a_reason(
    cleaned: dict[str, CleanText], file_name: str, line: str
) -> None:
    result = cleaned[file_name]
    reasons = [removed.reason for removed in result.removed if " ".join(removed.text.split()) == " ".join(line.split())]
    assert reasons, f"{line!r} was kept"
    assert set(reasons) <= ALL_REASONS
    assert line not in kept_paragraphs(result)


@pytest.mark.parametrize("line", ANSWER_KEY["boilerplate"][HTML_FILE])
def test_answer_key_boilerplate_of_the_html_page_is_recognised(line: str) -> None:
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize(
    ("file_name", "fragment", "count"),
    [("harbourline-wire.txt", "Item 1 of 3", 2), ("kestrelmouth-courier.txt", "ADVERTISEMENT", 2), ("the-klaxon.txt", "Share  Tweet", 3)],
)
def test_repeated_furniture_goes_every_time(cleaned: dict[str, CleanText], file_name: str, fragment: str, count: int) -> None:
    assert len(removed_with(cleaned[file_name], fragment)) == count
    assert not any(fragment in paragraph for paragraph in kept_paragraphs(cleaned[file_name]))


@pytest.mark.parametrize(
    ("file_name", "fragment", "reason"),
    [
        ("harbourline-wire.txt", "Item 1 of 3", "photo caption"),
        ("harbourline-wire.txt", "[1/3]", "photo caption"),
        ("harbourline-wire.txt", "Updated an hour ago", "timestamp"),
        ("harbourline-wire.txt", "(Reporting by", "byline"),
        ("harbourline-wire.txt", "Licensing Rights, opens", "site promo"),
        ("harbourline-wire.txt", "the news and media division of", "outlet description"),
        ("harbourline-wire.txt", "quotes delayed", "disclaimer"),
        ("harbourline-wire.txt", "national audit of ageing crossings", "related links"),
        ("kestrelmouth-courier.txt", "Subscribe from $1 a week", "subscription prompt"),
        ("kestrelmouth-courier.txt", "Have you been affected", "reader call-out"),
        ("kestrelmouth-courier.txt", "in your inbox", "subscription prompt"),
        ("the-klaxon.txt", "breaking news alerts", "site promo"),
        ("the-klaxon.txt", "Got a story?", "reader call-out"),
        ("the-klaxon.txt", "THE KLAXON", "masthead"),
        ("the-klaxon.txt", "MOST READ IN NEWS", "site promo"),
        ("the-klaxon.txt", "secret wedding", "related links"),
        ("the-klaxon.txt", "community guidelines", "comment policy"),
        ("npb-news.json", "Listen to this article", "site promo"),
        ("npb-news.json", "not responsible for the content of external sites", "copyright notice"),
        ("npb-news.json", "your questions answered", "related links"),
        ("aurvik-post.jsonl", "ENGLISH SERVICE", "masthead"),
        ("aurvik-post.jsonl", "with material from", "byline"),
        ("aurvik-post.jsonl", "Did you find an error?", "outlet standards note"),
    ],
)
def test_sample_furniture_gets_its_reason(cleaned: dict[str, CleanText], file_name: str, fragment: str, reason: str) -> None:
    assert set(removed_with(cleaned[file_name], fragment)) == {reason}


def test_only_prose_and_one_subheading_are_left_under_the_headlines(cleaned: dict[str, CleanText]) -> None:
    # Under each headline every kept paragraph ends like a sentence, except the Aurvik Post's
    # one subheading: no label, menu, link or promo is left to reach the briefing.
    unfinished = {
        name: [paragraph for paragraph in kept_paragraphs(result)[1:] if not ends_sentence(paragraph)]
        for name, result in cleaned.items()
    }
    assert unfinished == {name: ["Aurvik citizens not affected"] if name == "aurvik-post.jsonl" else [] for name in cleaned}


def test_conflicting_claims_of_the_answer_key_survive_cleaning(cleaned: dict[str, CleanText]) -> None:
    checked = 0
    for conflict in ANSWER_KEY["conflicts"]:
        for position in conflict["positions"]:
            for file_name, evidence in position.get("evidence", {}).items():
                if file_name in cleaned:
                    assert evidence in cleaned[file_name].text
                    checked += 1
    assert checked >= 8
