"""Article titles: the loader's field, or the headline line that opens the cleaned text."""

from __future__ import annotations

import re

PARAGRAPH_SEPARATOR = "\n\n"
# The headline is among the first kept paragraphs (a standfirst or dateline may follow it).
_HEADLINE_WINDOW = 3
_MIN_HEADLINE_WORDS = 4
_MAX_HEADLINE_WORDS = 25
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
# A headline has no final full stop (closing quotes after it included) and does not lead into more text.
_SENTENCE_OR_LEAD_IN_END = re.compile(r"[.:;,…][\"'”’»)\]]*$")
_HEADLINE_START = re.compile(r"^[\"'“‘«]?[^\W_a-z]")
# Invisible characters a headline may carry from the page.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _paragraphs(text: str) -> list[str]:
    return [paragraph.strip() for paragraph in text.split(PARAGRAPH_SEPARATOR) if paragraph.strip()]


def is_headline_like(line: str) -> bool:
    """True for a line shaped like a headline: 4 to 25 words, capitalised start, no final full stop."""
    line = line.strip().strip(_INVISIBLE)
    words = _WORD.findall(line)
    if not _MIN_HEADLINE_WORDS <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    return _HEADLINE_START.match(line) is not None and not _SENTENCE_OR_LEAD_IN_END.search(line)


def headline_from_text(text: str) -> str | None:
    """Return the first headline-like paragraph among the first few of a cleaned text, or None."""
    for paragraph in _paragraphs(text)[:_HEADLINE_WINDOW]:
        if is_headline_like(paragraph):
            return paragraph.strip(_INVISIBLE).strip()
    return None


def clean_title_field(value: object) -> str | None:
    """Return a usable title from a loader's field: whitespace collapsed, None when empty."""
    if not isinstance(value, str):
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def without_title(text: str, title: str) -> str:
    """Return the text without the paragraphs that are the title itself (its repeats included)."""
    wanted = " ".join(title.split())
    kept = [paragraph for paragraph in _paragraphs(text) if " ".join(paragraph.strip(_INVISIBLE).split()) != wanted]
    return PARAGRAPH_SEPARATOR.join(kept)
