"""Boilerplate removal for one article and for a whole story.

Every non-blank input line ends up either in the kept text or in the list of removed
lines with a reason: nothing is dropped silently. Kept lines are never rewritten; they
are joined as paragraphs separated by a blank line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.clean import reasons
from newsweave.clean.layout import judge_layout
from newsweave.clean.lines import is_prose_sentence, repeat_key, split_logical_lines, words_of
from newsweave.clean.rules import boilerplate_reason
from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import CleanLine, CleanText, RemovedLine

PARAGRAPH_SEPARATOR = "\n\n"
# The first kept line is the likely headline; metadata decides about it, so story-wide
# repetition never removes it unless it is too short to be a headline.
_MIN_HEADLINE_WORDS = 4


@dataclass(frozen=True)
class _JudgedLine:
    """One logical line and why it was removed (None: kept)."""

    text: str
    reason: str | None


def clean_article(text: str, settings: Settings = DEFAULT_SETTINGS) -> CleanText:
    """Remove boilerplate lines from one article, without looking at any other article."""
    return _assemble(_judge_article(_as_text(text), settings))


def clean_story(texts: Sequence[str], settings: Settings = DEFAULT_SETTINGS) -> list[CleanText]:
    """Clean every article of one story; returns one CleanText per input, in the same order.

    Besides the single-article rules, a short non-prose line (a label, menu entry or
    slogan) kept in two or more articles is site furniture and is removed from all of
    them. Full prose sentences shared by several articles stay: wire copy is content.
    """
    judged = [_judge_article(_as_text(text), settings) for text in texts]
    shared = _keys_kept_in_several_articles(judged)
    return [_assemble(_remove_shared_lines(lines, shared)) for lines in judged]


def _as_text(value: object) -> str:
    # Bad input never crashes: None is an empty article, bytes are decoded leniently.
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def _judge_article(text: str, settings: Settings) -> list[_JudgedLine]:
    lines = split_logical_lines(text)
    found: list[str | None] = []
    seen: set[str] = set()
    for line in lines:
        reason = boilerplate_reason(line, settings.max_pattern_line_chars)
        key = repeat_key(line)
        if reason is None and key in seen:
            reason = reasons.REPEATED_LINE
        seen.add(key)
        found.append(reason)
    # Then the rules that need the line's place in the article (mastheads, link boxes).
    return [_JudgedLine(line, reason) for line, reason in zip(lines, judge_layout(lines, found), strict=True)]


def _keys_kept_in_several_articles(judged: Sequence[Sequence[_JudgedLine]]) -> set[str]:
    articles_with_key: dict[str, int] = {}
    for lines in judged:
        keys = {repeat_key(line.text) for line in lines if line.reason is None and not is_prose_sentence(line.text)}
        for key in keys:
            articles_with_key[key] = articles_with_key.get(key, 0) + 1
    return {key for key, count in articles_with_key.items() if count >= 2}


def _remove_shared_lines(lines: Sequence[_JudgedLine], shared: set[str]) -> list[_JudgedLine]:
    result: list[_JudgedLine] = []
    headline_seen = False
    for line in lines:
        if line.reason is not None:
            result.append(line)
            continue
        is_headline = not headline_seen and len(words_of(line.text)) >= _MIN_HEADLINE_WORDS
        headline_seen = True
        if not is_headline and repeat_key(line.text) in shared and not is_prose_sentence(line.text):
            line = _JudgedLine(line.text, reasons.SHARED_ACROSS_SOURCES)
        result.append(line)
    return result


def _assemble(lines: Sequence[_JudgedLine]) -> CleanText:
    kept = [line.text for line in lines if line.reason is None]
    removed = tuple(RemovedLine(line.text, line.reason) for line in lines if line.reason is not None)
    in_order = tuple(CleanLine(line.text, line.reason) for line in lines)
    return CleanText(text=PARAGRAPH_SEPARATOR.join(kept), removed=removed, lines=in_order)
