"""Sources that must not be cited for a sentence, because they state its value otherwise.

A summary sentence or an agreement cites every source whose aligned sentence
tells the same fact. That is not enough: a source may tell the fact in other
words with another value elsewhere in its text ("tens of thousands" against
its own "107,000"), and citing it would tell the reader it agrees. Two kinds of
knowledge say so:

- a reported conflict: a sentence holding the words of one position (and of no
  other) is gainsaid by the sources that hold only other positions;
- a slot (the values grouped as one measured thing, disputed or not): a value
  is gainsaid by the sources whose every value in that slot is incompatible
  with it;
- a photo caption, which the cleaner took out of the body: a source whose caption
  holds one position's words (a region in its usual short forms) holds that position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsweave.analyze.opposites import region_spellings
from newsweave.lexicon import PHOTO_CAPTION_REASON
from newsweave.model import AnalyzedArticle, Conflict, Gainsay

_PIECE_MIN_CHARS = 3


def gainsaid_by_conflicts(articles: Sequence[AnalyzedArticle], conflicts: Sequence[Conflict]) -> list[Gainsay]:
    """Every body sentence holding exactly one position's words, with the sources of the other positions."""
    found: list[Gainsay] = []
    for conflict in conflicts:
        patterns = [_patterns(position.value) for position in conflict.positions]
        sources = [set(position.sources) for position in conflict.positions]
        if not all(patterns) or _nested(conflict):
            continue
        _add_caption_holders(articles, conflict, patterns, sources)
        for analyzed in articles:
            for sentence in analyzed.sentences:
                held = [n for n, group in enumerate(patterns) if any(p.search(sentence.text) for p in group)]
                if len(held) != 1:
                    continue
                mine = sources[held[0]]
                others = {s for n, group in enumerate(sources) if n != held[0] for s in group} - mine
                if others:
                    found.append(
                        Gainsay(
                            source=sentence.source,
                            index=sentence.index,
                            value=conflict.positions[held[0]].value,
                            sources=tuple(sorted(others)),
                        )
                    )
    return found


def _add_caption_holders(
    articles: Sequence[AnalyzedArticle], conflict: Conflict, patterns: list[list[re.Pattern[str]]], sources: list[set[str]]
) -> None:
    """Add to a position the sources whose photo captions hold its words and no other position's.

    The cleaner takes captions out of the body, so they give no claim; a caption that places the
    crash "in northern Greece" still keeps its outlet from being cited for "central Greece"."""
    spelled = region_spellings(conflict)
    forms = [group + (_whole_words(spelled[n]) if spelled else []) for n, group in enumerate(patterns)]
    for analyzed in articles:
        for line in analyzed.article.removed:
            if line.reason != PHOTO_CAPTION_REASON:
                continue
            held = [n for n, group in enumerate(forms) if any(p.search(line.text) for p in group)]
            if len(held) == 1:
                sources[held[0]].add(analyzed.article.id)


def _whole_words(phrases: Iterable[str]) -> list[re.Pattern[str]]:
    """Case-blind patterns matching each phrase as whole words."""
    return [re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE) for phrase in phrases]


def gainsaying_sources(gainsays: Iterable[Gainsay]) -> dict[tuple[str, int], set[str]]:
    """(source, sentence index) -> the sources that state that sentence's value otherwise."""
    table: dict[tuple[str, int], set[str]] = {}
    for item in gainsays:
        table.setdefault((item.source, item.index), set()).update(item.sources)
    return table


def _nested(conflict: Conflict) -> bool:
    """Whether one side's words occur inside another's ("injured" in "not injured"): such values are
    labels, not words a sentence would hold for one side only."""
    values = [position.value.lower() for position in conflict.positions]
    return any(
        piece.strip() and piece.strip() in other
        for number, value in enumerate(values)
        for piece in value.split(" / ")
        for j, other in enumerate(values)
        if j != number
    )


def _patterns(value: str) -> list[re.Pattern[str]]:
    """Whole-word patterns for each way a position's value was written ("Friday morning / Friday")."""
    pieces = [piece.strip() for piece in value.split(" / ") if len(piece.strip()) >= _PIECE_MIN_CHARS]
    return _whole_words(pieces)
