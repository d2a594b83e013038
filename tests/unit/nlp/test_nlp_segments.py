from __future__ import annotations

import pytest

from newsweave.nlp.segments import MAX_SEGMENT_CHARS, Segment, ends_with_final_punctuation, split_segments


def texts_of(text: str, segments: list[Segment]) -> list[str]:
    return [text[segment.start : segment.end] for segment in segments]


def test_blank_lines_separate_paragraphs_and_offsets_are_exact():
    text = "  Headline here  \n\nFirst paragraph. Still first.\n \t\nSecond one.\n\n\n"

    segments = split_segments(text)

    assert texts_of(text, segments) == ["Headline here", "First paragraph. Still first.", "Second one."]
    assert [segment.paragraph for segment in segments] == [0, 1, 2]


def test_a_line_break_inside_a_paragraph_separates_segments_of_one_paragraph():
    text = "World  |\nEditor : Tolunay Yildiz\n\nBody text."

    segments = split_segments(text)

    assert texts_of(text, segments) == ["World  |", "Editor : Tolunay Yildiz", "Body text."]
    assert [segment.paragraph for segment in segments] == [0, 0, 1]


def test_windows_line_endings_are_handled():
    text = "Title\r\n\r\nBody sentence one.\r\nCredit line\r\n"

    segments = split_segments(text)

    assert texts_of(text, segments) == ["Title", "Body sentence one.", "Credit line"]
    assert [segment.paragraph for segment in segments] == [0, 1, 1]


def test_a_hard_wrapped_paragraph_stays_one_segment():
    text = (
        "The Kremlin said on Monday that peace talks between Russia and\n"
        "Ukraine could begin in Istanbul as soon as Tuesday, adding that\n"
        "it was important they take place face to face.\n"
    )

    segments = split_segments(text)

    assert len(segments) == 1
    assert text[segments[0].start : segments[0].end] == text.strip()


def test_whitespace_only_text_has_no_segments():
    assert split_segments(" \n\n \t \n") == []
    assert split_segments("") == []


def test_an_overlong_line_is_cut_at_whitespace_into_bounded_pieces():
    word = "abcdefghi "
    text = word * (MAX_SEGMENT_CHARS // len(word) * 2 + 7)

    segments = split_segments(text)

    assert len(segments) >= 2
    assert all(segment.end - segment.start <= MAX_SEGMENT_CHARS for segment in segments)
    pieces = texts_of(text, segments)
    assert all(not piece.startswith(" ") and not piece.endswith(" ") for piece in pieces)
    assert " ".join(pieces) == text.strip()


@pytest.mark.parametrize(
    ("text", "final"),
    [
        ("He said so.", True),
        ('"We cannot talk about progress yet."', True),
        ("Is it over?”", True),
        ("Peace, he added:", True),
        ("Kremlin says talks could start on Tuesday", False),
        ("Talks would be 'counterproductive', Moscow says", False),
        ("World  |", False),
    ],
)
def test_final_punctuation(text, final):
    assert ends_with_final_punctuation(text) is final
