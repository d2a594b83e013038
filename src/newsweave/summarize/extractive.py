"""Pick sentences from the sources, never write new ones.

Each claim offers one candidate: the sentence among its evidence that reads
best on its own. Candidates are scored by how many independent origins back
the claim, how central it is to the story and how early it comes in its
article (news puts the essentials first); sentences that lean on context
("He said…", a bare quotation) are held back. Selection is greedy under the
word budget and skips anything too close to a sentence already chosen.
Every sentence cites the sources whose aligned sentence carries the claim.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.lexicon import THIRD_PERSON_POSSESSIVES, THIRD_PERSON_SUBJECTS
from newsweave.model import Analysis, AnalyzedArticle, Claim, Evidence, Sentence, SummarySentence

# "March 28 (Reuters) - ", "LONDON (AP) — ", "KYIV, March 28 (Reuters) -": wire datelines carry no content.
DATELINE = re.compile(r"^[A-Z][\w .,'’/-]{0,40}\((?:[A-Z][\w .&-]{1,30})\)\s*[-–—]+\s*")
# Openings that lean on the sentence before: pronouns, demonstratives, connectives.
_LEANING_OPENERS = THIRD_PERSON_SUBJECTS | THIRD_PERSON_POSSESSIVES | {
    "this", "that", "these", "those", "but", "and", "so", "also", "meanwhile", "however", "still", "yet",
}  # fmt: skip
CONTEXT_DEPENDENT_START = re.compile(r"^(?:" + "|".join(sorted(_LEANING_OPENERS)) + r")\b", re.IGNORECASE)
QUOTE_CHARS = "\"“”«»„"
STANDS_ALONE_LIMIT = 1.5
SHOUTED_WORD = re.compile(r"\b[A-Z]{5,}\b")


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    vector: np.ndarray
    citations: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # one sentence per cited source, in citation order
    origins: int
    score: float
    text: str


def summarize(
    articles: Sequence[AnalyzedArticle],
    claims: Sequence[Claim],
    analysis: Analysis,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[SummarySentence]:
    """An extractive summary of at most `settings.summary_words` words, every sentence cited."""
    sentence_of = {(a.article.id, s.index): (s, a.vectors[i]) for a in articles for i, s in enumerate(a.sentences)}
    position_of = {(a.article.id, s.index): rank for a in articles for rank, s in enumerate(b for b in a.sentences if b.kind == "body")}
    if not sentence_of:
        return []
    story_vector = _unit(np.vstack([v for _, v in sentence_of.values()]).mean(axis=0))
    support = {agreement.claim: agreement for agreement in analysis.agreements}
    # Sources that state a sentence's value otherwise (the analysis found them): never cited for it.
    gainsaid: dict[tuple[str, int], set[str]] = {}
    for gainsay in analysis.gainsaid:
        gainsaid.setdefault((gainsay.source, gainsay.index), set()).update(gainsay.sources)

    candidates = []
    for claim in claims:
        agreement = support.get(claim.text)
        evidence = agreement.evidence if agreement else claim.evidence[:1]
        origins = agreement.origins if agreement else 1
        best = _best_sentence(evidence, sentence_of, position_of)
        if best is None:
            continue
        sentence, vector = sentence_of[(best.source, best.index)]
        text = DATELINE.sub("", sentence.text).strip()
        if len(text.split()) < 6 or _context_penalty(text) >= STANDS_ALONE_LIMIT:
            continue  # a summary sentence must make sense without its neighbours
        score = (
            math.log2(1 + origins)
            + 1.5 * float(vector @ story_vector)
            + 0.8 * _lead_bonus(position_of.get((best.source, best.index), 99))
            - _context_penalty(text)
        )
        cited: dict[str, Evidence] = {}
        otherwise = gainsaid.get((best.source, best.index), set())
        for item in [best, *evidence]:
            if item is best or item.source not in otherwise:
                cited.setdefault(item.source, item)
        candidates.append(_Candidate(sentence, vector, tuple(cited), tuple(cited.values()), origins, score, text))

    candidates.sort(key=lambda c: -c.score)
    chosen: list[_Candidate] = []
    words = 0
    for candidate in candidates:
        length = len(candidate.text.split())
        if words + length > settings.summary_words:
            continue
        if any(float(candidate.vector @ other.vector) >= settings.redundancy_similarity for other in chosen):
            continue
        chosen.append(candidate)
        words += length
    # Consensus first: the claims most sources back lead, then the story's own order.
    order = {a.article.id: i for i, a in enumerate(articles)}
    chosen.sort(key=lambda c: (-min(c.origins, 3), order[c.sentence.source], c.sentence.index))
    # A sentence that is one side of a reported conflict says so: the reader is sent to the dispute.
    sides: dict[tuple[str, int], list[int]] = {}
    for number, conflict in enumerate(analysis.conflicts, start=1):
        for position in conflict.positions:
            for item in position.evidence:
                sides.setdefault((item.source, item.index), []).append(number)
    return [
        SummarySentence(
            text=c.text,
            citations=c.citations,
            evidence=c.evidence,
            disputed=tuple(sorted({n for e in c.evidence for n in sides.get((e.source, e.index), [])})),
        )
        for c in chosen
    ]


def _best_sentence(
    evidence: Sequence[Evidence],
    sentence_of: dict[tuple[str, int], tuple[Sentence, np.ndarray]],
    position_of: dict[tuple[str, int], int],
) -> Evidence | None:
    """The evidence sentence that stands best on its own."""
    usable = [e for e in evidence if (e.source, e.index) in sentence_of and sentence_of[(e.source, e.index)][0].kind == "body"]
    if not usable:
        return None
    return min(
        usable,
        key=lambda e: (_context_penalty(e.sentence), abs(len(e.sentence.split()) - 24), position_of.get((e.source, e.index), 99)),
    )


def _lead_bonus(position: int) -> float:
    return max(0.0, 1.0 - position / 8)


def _context_penalty(text: str) -> float:
    """How much a sentence needs its neighbours to make sense, or reads as opinion rather than report."""
    penalty = 0.0
    stripped = text.strip()
    if CONTEXT_DEPENDENT_START.match(stripped):
        penalty += 1.5
    if stripped[:1] in QUOTE_CHARS:
        penalty += 1.0
    if sum(stripped.count(mark) for mark in QUOTE_CHARS) % 2 or stripped[:1].islower():
        penalty += 2.5  # a piece of a quotation that the sentence splitter cut apart
    if stripped.endswith("?"):
        penalty += 1.0
    if "!" in stripped or SHOUTED_WORD.search(stripped):
        penalty += 1.0  # tabloid emphasis ("TERRIFIED drivers fled") is not the neutral register of a summary
    words = len(stripped.split())
    if words > 50:
        penalty += 0.5
    if words < 9:
        penalty += 0.4
    return penalty


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
