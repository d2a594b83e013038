"""Boilerplate that only its place in the article gives away.

A line alone can look like content: "Infrastructure" could be a subheading, "Coastal
rail line to reopen" a headline. Where it sits decides:

- a masthead: a short all-capitals line naming the outlet ("THE DAILY EXAMPLE - WORLD
  EDITION") that the article also names in ordinary case ("told the Daily Example");
- a section label: a one-to-three-word label between the headline and the first prose
  paragraph ("Politics", "World News");
- related links: the headline-shaped lines listed under a heading such as "Read next",
  "More on this story" or "Most read in Sport", up to the first line of prose.

`judge_layout` only ever turns a kept line into a removed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.clean import reasons
from newsweave.clean.lines import ends_sentence, is_prose_sentence, words_of
from newsweave.clean.rules import is_list_heading

_MAX_MASTHEAD_WORDS = 8
_MAX_SECTION_LABEL_WORDS = 3
# Link boxes are short; a longer run of headline-shaped lines is more likely subheads.
_MAX_LINKS_UNDER_HEADING = 10
_MAX_LINK_WORDS = 20
# Where a masthead's name ends: "THE EXAMPLE POST - ENGLISH SERVICE", "THE EXAMPLE | WORLD".
# (?<!\s): a separator is tried where its blanks start, not from every blank of a long run (quadratic).
_MASTHEAD_SEPARATOR = re.compile(r"(?<!\s)(?:\s+[-–—|•·:]\s+|\s*[|•·]\s*)")
_LABEL_PUNCTUATION = re.compile(r"[.!?,;:\"“”()\[\]/|>»›]")


def judge_layout(lines: Sequence[str], judged: Sequence[str | None]) -> list[str | None]:
    """Return the reasons of `judged` with mastheads, section labels and related links added.

    `lines[i]` is a logical line of one article and `judged[i]` the reason already given
    to it (None: kept so far).
    """
    result = list(judged)
    _mark_mastheads(lines, result)
    _mark_section_labels(lines, result)
    _mark_related_links(lines, result)
    return result


def _mark_mastheads(lines: Sequence[str], result: list[str | None]) -> None:
    # Lines holding each name in title case: one scan of the article per distinct name, not per
    # capitals line (thousands of repeated capitals lines made this quadratic).
    found_in: dict[str, set[int]] = {}
    for index, line in enumerate(lines):
        if result[index] is not None:
            continue
        name = _masthead_name(line)
        if name is None:
            continue
        if name not in found_in:
            # The outlet's name in ordinary case elsewhere ("told The Klaxon") shows it is a name, not a
            # headline in capitals: a shouted headline is not repeated in title case inside its own article.
            title_case = re.compile(r"\b" + r"\s+".join(word.capitalize() for word in name.split()) + r"\b")
            found_in[name] = {position for position, other in enumerate(lines) if title_case.search(other)}
        if found_in[name] - {index}:
            result[index] = reasons.MASTHEAD


def _masthead_name(line: str) -> str | None:
    """The name part of a short all-capitals line ("EXAMPLE POST" of "THE EXAMPLE POST - WORLD")."""
    letters = [char for char in line if char.isalpha()]
    if not letters or any(not char.isupper() for char in letters):
        return None
    if len(words_of(line)) > _MAX_MASTHEAD_WORDS or ends_sentence(line) or any(char.isdigit() for char in line):
        return None
    name = _MASTHEAD_SEPARATOR.split(line.strip())[0].strip()
    words = name.split()
    if words and words[0] == "THE":
        words = words[1:]
    # "THE KLAXON" and "EXAMPLE POST" are names; a lone word ("UKRAINE") is a section label.
    if not words or (len(words) < 2 and not name.startswith("THE ")):
        return None
    if any(not word.isalpha() for word in words):
        return None
    return " ".join(words)


def _mark_section_labels(lines: Sequence[str], result: list[str | None]) -> None:
    headline_seen = False
    for index, line in enumerate(lines):
        if result[index] is not None:
            continue
        if not headline_seen:
            # The first kept line is the likely headline, however short: metadata decides about it.
            headline_seen = True
            continue
        if _is_prose_start(line):
            return
        if _is_section_label(line):
            result[index] = reasons.SITE_NAVIGATION


def _is_prose_start(line: str) -> bool:
    return is_prose_sentence(line) or (ends_sentence(line) and len(words_of(line)) >= 4)


def _is_section_label(line: str) -> bool:
    words = words_of(line)
    if not 1 <= len(words) <= _MAX_SECTION_LABEL_WORDS or _LABEL_PUNCTUATION.search(line):
        return False
    return all(word[0].isupper() for word in words if word.casefold() not in {"and", "of", "the", "&"})


def _mark_related_links(lines: Sequence[str], result: list[str | None]) -> None:
    index = 0
    while index < len(lines):
        if not is_list_heading(lines[index]):
            index += 1
            continue
        index += 1
        listed = 0
        while index < len(lines) and listed < _MAX_LINKS_UNDER_HEADING:
            line = lines[index]
            if result[index] is None:
                if is_list_heading(line) or not _is_link_line(line):
                    break
                result[index] = reasons.RELATED_LINKS
                listed += 1
            index += 1


def _is_link_line(line: str) -> bool:
    # A linked headline or topic: short, no sentence ending; running prose ends the box.
    words = words_of(line)
    return 1 <= len(words) <= _MAX_LINK_WORDS and not ends_sentence(line) and not is_prose_sentence(line)
