"""The lede: the sentence that tells what happened, the way most outlets open on it.

A news article states its central event first: what happened, to whom, where
and when. Each outlet writes its own opening, so the event most outlets open
on is the story's event, and the opening sentence closest to the other
outlets' openings tells it as most of them do. A later development or a
reaction sits in one outlet's opening at most, so it loses to the sentence the
others echo.

Only sentences from an article's opening can lead. Among them, one that names a
place and a time is preferred (a lede says where and when), an earlier one over
a later one, and one that tells what happened over one that tells what will
("the bridge will reopen on Friday" is a development of the story, not its event).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.model import AnalyzedArticle, Sentence

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
FUTURE_AUXILIARIES = frozenset({"will", "shall"})
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "ccomp"})  # the sentence's own verb, or the clause after "…said"


@dataclass(frozen=True, eq=False)
class Openings:
    """The first body sentences' vectors of each article, by article id."""

    vectors: Mapping[str, np.ndarray]

    @classmethod
    def of(cls, articles: Sequence[AnalyzedArticle], count: int) -> Openings:
        vectors = {}
        for article in articles:
            rows = [i for i, sentence in enumerate(article.sentences) if sentence.kind == "body"][:count]
            if rows:
                vectors[article.article.id] = article.vectors[rows]
        return cls(vectors)

    def echo(self, vector: np.ndarray, own_article: str) -> float:
        """How closely the other articles' openings tell this sentence: the mean of each one's best cosine.

        0 when the story has no other article (a single report has no consensus to weigh).
        """
        best = [float((rows @ vector).max()) for source, rows in self.vectors.items() if source != own_article]
        return sum(best) / len(best) if best else 0.0


def tells_a_plan(sentence: Sentence) -> bool:
    """Whether the main verb, or the clause a speaker is reported to say, is in the future ("will reopen")."""
    return any(
        token.dep == "aux"
        and token.lemma.lower() in FUTURE_AUXILIARIES
        and sentence.tokens[token.head].dep in MAIN_CLAUSE_DEPS
        for token in sentence.tokens
        if 0 <= token.head < len(sentence.tokens)
    )


def anchors(sentence: Sentence) -> int:
    """How many of "where" and "when" a sentence names (0, 1 or 2)."""
    labels = {entity.label for entity in sentence.entities}
    return int(bool(labels & PLACE_LABELS)) + int(bool(labels & TIME_LABELS))
