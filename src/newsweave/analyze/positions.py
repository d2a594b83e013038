"""One way to build a side of a conflict, whichever detector found it.

A side is a value as written, the sentences that state it (the first is its claim),
their sources in order of first mention, each sentence once as evidence, and what
the detector knows besides: who the claim is attributed to, the outlets it came
through, a comparable form of the value and how firmly it is stated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsweave.model import Certainty, Evidence, Position, Sentence


def build_position(
    values: Iterable[str],
    sentences: Sequence[Sentence],
    *,
    attributed_to: str | None = None,
    via: Iterable[str] = (),
    normalized: str | None = None,
    certainty: Certainty = "confirmed",
) -> Position:
    """A side from the ways its value is written ("Friday morning", "Friday") and the sentences stating it."""
    return Position(
        value=" / ".join(dict.fromkeys(values)),
        claim=sentences[0].text,
        sources=tuple(dict.fromkeys(sentence.source for sentence in sentences)),
        attributed_to=attributed_to,
        evidence=tuple(dict.fromkeys(Evidence(s.source, s.text, s.index) for s in sentences)),
        via=tuple(dict.fromkeys(via)),
        normalized=normalized,
        certainty=certainty,
    )
