"""The cleaner on the five real seed reports: boilerplate out, news in, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.clean import clean_article, clean_story
from newsweave.clean.reasons import ALL_REASONS
from newsweave.model import CleanText

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def all_seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def cleaned() -> dict[str, CleanText]:
    prefixes = [path.name.split("_", 1)[0] for path in sorted(SEEDS.glob("*.txt"))]
    return dict(zip(prefixes, clean_story(all_seed_texts()), strict=True))


def kept_paragraphs(result: CleanText) -> list[str]:
    return result.text.split("\n\n")


def raw_line_containing(text: str, fragment: str) -> str:
    (line,) = [line.strip() for line in text.splitlines() if fragment in line]
    return line


def reasons_for(result: CleanText, fragment: str) -> list[str]:
    return [removed.reason for removed in result.removed if fragment in removed.text]


def test_seeds_are_all_present() -> None:
    assert len(all_seed_texts()) == 5


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_non_blank_line_is_kept_or_removed_exactly_once(cleaned: dict[str, CleanText], prefix: str) -> None:
    result = cleaned[prefix]
    input_lines = [line.strip() for line in seed_text(prefix).splitlines() if line.strip()]
    output_lines = kept_paragraphs(result) + [removed.text for removed in result.removed]
    assert sorted(output_lines) == sorted(input_lines)
    assert {removed.reason for removed in result.removed} <= ALL_REASONS


def test_wire_report_loses_its_web_furniture(cleaned: dict[str, CleanText]) -> None:
    result = cleaned["000"]
    assert reasons_for(result, "minute read") == ["reading time"]
    assert reasons_for(result, "Register now") == ["subscription prompt"] * 3
    assert reasons_for(result, "Reporting by") == ["byline"]
    assert reasons_for(result, "Trust Principles") == ["outlet standards note"]
    assert reasons_for(result, "via REUTERS") == ["photo caption"]


def test_wire_report_keeps_headline_dateline_and_quotes(cleaned: dict[str, CleanText]) -> None:
    text = seed_text("000")
    paragraphs = kept_paragraphs(cleaned["000"])
    headline = next(line.strip() for line in text.splitlines() if line.strip())
    assert paragraphs[0] == headline
    for fragment in ("(Reuters) -", "Peskov said that was unlikely", "Peskov told reporters", "Lavrov said in an interview"):
        assert raw_line_containing(text, fragment) in paragraphs


def test_turkish_report_drops_section_label_editor_comment_rules_and_repeated_headline(
    cleaned: dict[str, CleanText],
) -> None:
    result = cleaned["001"]
    text = seed_text("001")
    headline = next(line.strip() for line in text.splitlines() if line.strip())
    assert reasons_for(result, "World") == ["site navigation"]
    assert reasons_for(result, "Editor :") == ["byline"]
    assert reasons_for(result, "WARNING: Comments") == ["comment policy"]
    assert [removed.reason for removed in result.removed if removed.text == headline] == ["repeated line"]
    assert kept_paragraphs(result).count(headline) == 1
    # The standfirst under the headline is editorial content.
    assert raw_line_containing(text, "in person meeting allows") in kept_paragraphs(result)


def test_translated_report_drops_stamp_and_caption_but_keeps_subheads(cleaned: dict[str, CleanText]) -> None:
    result = cleaned["002"]
    text = seed_text("002")
    assert reasons_for(result, "(act ") == ["timestamp"]
    assert reasons_for(result, "©REUTERS") == ["photo caption"]
    paragraphs = kept_paragraphs(result)
    for subhead in ("start on Tuesday", "only planning to meet", "So far, three face-to-face"):
        assert raw_line_containing(text, subhead) in paragraphs
    assert raw_line_containing(text, "according to Interfax") in paragraphs


def test_agency_copy_drops_cookie_banner_reading_time_and_repeated_standfirst(cleaned: dict[str, CleanText]) -> None:
    result = cleaned["003"]
    text = seed_text("003")
    assert reasons_for(result, "cookies") == ["cookie notice"]
    assert reasons_for(result, "min read") == ["reading time"]
    paragraphs = kept_paragraphs(result)
    # The standfirst and its copy with a full stop added are one paragraph now.
    assert sum("confirmed that the talks" in paragraph for paragraph in paragraphs) == 1
    assert reasons_for(result, "confirmed that the talks") == ["repeated line"]
    assert raw_line_containing(text, "maintains its demands in Ukraine") in paragraphs
    assert raw_line_containing(text, "Paris in 2019") in paragraphs


def test_press_tv_report_drops_footer_and_caption_but_keeps_cited_reuters_sentence(
    cleaned: dict[str, CleanText],
) -> None:
    result = cleaned["004"]
    text = seed_text("004")
    assert reasons_for(result, "SHARE THIS ARTICLE") == ["share widget"]
    assert reasons_for(result, "Roku") == ["site promo"]
    assert reasons_for(result, "alternate addresses") == ["site promo"]
    assert reasons_for(result, "www.") == ["bare link"]
    assert reasons_for(result, "(Photo by") == ["photo caption"]
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    assert [removed.reason for removed in result.removed if removed.text == first_line] == ["site navigation"]
    paragraphs = kept_paragraphs(result)
    assert raw_line_containing(text, "Reuters cited a senior Turkish official") in paragraphs
    assert raw_line_containing(text, "fighting rages on") == paragraphs[0]


def test_story_cleaning_of_seeds_matches_single_article_cleaning(cleaned: dict[str, CleanText]) -> None:
    # The seeds share no furniture lines, so the story-wide rule must not take anything else out.
    for prefix, result in cleaned.items():
        assert result == clean_article(seed_text(prefix))
