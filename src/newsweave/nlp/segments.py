"""Cut an article body into the pieces spaCy parses: lines of paragraphs.

Paragraphs are separated by blank lines. A single line break inside a
paragraph is also a boundary (a caption and its credit, a standfirst and a
byline), unless the paragraph looks hard-wrapped, in which case its lines
are halves of the same sentences and stay together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.config import DEFAULT_SETTINGS

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_FINAL_PUNCTUATION = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
# spaCy's memory grows with the text of one call, and very long inputs are
# debris anyway; they are parsed in pieces of at most this many characters.
MAX_SEGMENT_CHARS = DEFAULT_SETTINGS.max_parse_chars
# Where a long piece is best cut: after a sentence's final punctuation and a blank.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s")


@dataclass(frozen=True)
class Segment:
    """A stripped, non-empty stretch of an article body, with its offsets and paragraph."""

    paragraph: int
    start: int  # offsets into the article text, end exclusive
    end: int


def split_segments(text: str, max_chars: int = MAX_SEGMENT_CHARS) -> list[Segment]:
    """The non-empty lines (or whole hard-wrapped paragraphs) of `text`, in order, none over `max_chars`."""
    segments: list[Segment] = []
    paragraph_index = 0
    for paragraph_start, paragraph_end in _paragraph_spans(text):
        lines = _stripped_spans(text, paragraph_start, paragraph_end, "\n")
        if not lines:
            continue
        if _looks_hard_wrapped([text[start:end] for start, end in lines]):
            lines = [(lines[0][0], lines[-1][1])]
        for start, end in lines:
            for piece_start, piece_end in _cap_length(text, start, end, max_chars):
                segments.append(Segment(paragraph_index, piece_start, piece_end))
        paragraph_index += 1
    return segments


def ends_with_final_punctuation(text: str) -> bool:
    """Whether `text` ends like a sentence: . ! ? … : ; maybe inside closing quotes."""
    return _FINAL_PUNCTUATION.search(text) is not None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for separator in _BLANK_LINE.finditer(text):
        spans.append((position, separator.start()))
        position = separator.end()
    spans.append((position, len(text)))
    return spans


def _stripped_spans(text: str, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    """Split text[start:end] on `separator`, strip each part, drop the empty ones."""
    spans: list[tuple[int, int]] = []
    part_start = start
    while True:
        found = text.find(separator, part_start, end)
        part_end = end if found == -1 else found
        stripped = _strip_span(text, part_start, part_end)
        if stripped is not None:
            spans.append(stripped)
        if found == -1:
            return spans
        part_start = found + len(separator)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without surrounding whitespace, or None when nothing else is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _looks_hard_wrapped(lines: list[str]) -> bool:
    # Wrapped prose: three or more lines, the non-last ones long, of similar
    # length, and mostly breaking mid-sentence.
    if len(lines) < 3:
        return False
    body = lines[:-1]
    lengths = [len(line) for line in body]
    if min(lengths) < 40 or max(lengths) - min(lengths) > 25:
        return False
    open_endings = sum(1 for line in body if not ends_with_final_punctuation(line))
    return open_endings * 2 >= len(body)


def _cap_length(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most `max_chars`: at a sentence end, else at whitespace, else anywhere."""
    max_chars = max(1, max_chars)
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        limit = start + max_chars
        # A sentence end in the window's second half keeps sentences whole and pieces at least half full.
        cut = _last_sentence_break(text, start + max_chars // 2, limit)
        if cut <= start:
            cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        if cut <= start:
            cut = limit
        piece = _strip_span(text, start, cut)
        if piece is not None:
            pieces.append(piece)
        start = cut
    piece = _strip_span(text, start, end)
    if piece is not None:
        pieces.append(piece)
    return pieces


def _last_sentence_break(text: str, start: int, end: int) -> int:
    """The offset just after the last sentence end in text[start:end] (its blank excluded), or -1."""
    cut = -1
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        cut = match.end() - 1
    return cut


# spaCy's tokenizer peels prefixes and suffixes off a token one at a time, each a search over what is
# left, so a run of thousands of quote marks in a hostile page took it minutes. spaCy gets such a run
# with a blank every LONGEST_RUN characters, in place: offsets still point into the article's text.
LONGEST_RUN = 300
_LONG_RUN = re.compile(r"\S{%d,}" % (LONGEST_RUN + 1))


def break_long_runs(text: str) -> str:
    """`text` with a blank in place of every (LONGEST_RUN + 1)th character of a run without blanks."""
    return _LONG_RUN.sub(_with_blanks, text) if len(text) > LONGEST_RUN else text


def _with_blanks(match: re.Match[str]) -> str:
    characters = list(match.group(0))
    for position in range(LONGEST_RUN, len(characters), LONGEST_RUN + 1):
        characters[position] = " "
    return "".join(characters)
