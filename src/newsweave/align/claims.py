"""Group sentences from different sources into claims.

Two sentences belong to one claim when their embeddings are close. Claims are
built greedily from the most similar cross-source pairs down, and a claim holds
at most one sentence per source: a source that says the same thing twice is
still one voice. Sentences that match nothing elsewhere become one-source claims.
Conflicting versions of a fact ("talks start on Monday" / "on Tuesday") are
deliberately aligned too: the analysis stage compares their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import AnalyzedArticle, Claim, Evidence, Sentence


LINKAGE_SLACK = 0.93  # a member may sit this much below the threshold from the claim's farthest member


@dataclass(frozen=True)
class _Member:
    """A sentence taking part in alignment, with its row in the stacked vector matrix."""

    row: int
    sentence: Sentence


def _collect_members(articles: Sequence[AnalyzedArticle]) -> tuple[list[_Member], np.ndarray]:
    members: list[_Member] = []
    rows: list[np.ndarray] = []
    for analyzed in articles:
        for sentence, vector in zip(analyzed.sentences, analyzed.vectors):
            if sentence.kind == "heading" or len(sentence.text.split()) < 4:
                continue  # subheads and fragments are not claims of their own
            members.append(_Member(row=len(members), sentence=sentence))
            rows.append(vector)
    matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 1), np.float32)
    return members, matrix


def align_claims(
    articles: Sequence[AnalyzedArticle],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    skip_sources: frozenset[str] = frozenset(),
) -> list[Claim]:
    """Align the sentences of a story's articles into claims (C1, C2, …).

    `skip_sources` names articles that are copies of another one: their
    sentences would only echo the original, so they are left out of alignment
    and reported through the copy groups instead.
    Claims are ordered by how many sources carry them, then by where they first
    appear (source order, sentence order).
    """
    kept = [a for a in articles if a.article.id not in skip_sources]
    members, matrix = _collect_members(kept)
    if not members:
        return []
    similarity = matrix @ matrix.T
    source_of = [m.sentence.source for m in members]

    # Each cluster: list of member rows; cluster_of[row] -> cluster index.
    clusters: list[list[int]] = [[m.row] for m in members]
    cluster_of = list(range(len(members)))

    threshold = settings.claim_similarity
    upper = np.triu(similarity, k=1)
    candidates = np.argwhere(upper >= threshold)
    order: Sequence[int] = (
        np.argsort(-upper[candidates[:, 0], candidates[:, 1]], kind="stable").tolist() if len(candidates) else []
    )
    for index in order:
        a, b = (int(x) for x in candidates[index])
        if source_of[a] == source_of[b]:
            continue
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        if {source_of[r] for r in clusters[ca]} & {source_of[r] for r in clusters[cb]}:
            continue  # one sentence per source per claim
        merged = clusters[ca] + clusters[cb]
        # Complete linkage: every sentence of a claim must tell the fact of every other one,
        # so a claim never grows into a chain of loosely related sentences.
        if similarity[np.ix_(clusters[ca], clusters[cb])].min() < threshold * LINKAGE_SLACK:
            continue
        clusters[ca] = merged
        clusters[cb] = []
        for row in merged:
            cluster_of[row] = ca

    source_rank = {a.article.id: i for i, a in enumerate(kept)}
    built = []
    for rows in clusters:
        if not rows:
            continue
        rows.sort(key=lambda r: (source_rank[source_of[r]], members[r].sentence.index))
        built.append(rows)
    built.sort(
        key=lambda rows: (
            -len(rows),
            source_rank[source_of[rows[0]]],
            members[rows[0]].sentence.index,
        )
    )
    # A sentence broken off mid-way backs a fact told whole elsewhere; alone it is no claim.
    built = [rows for rows in built if any(members[r].sentence.kind == "body" for r in rows)]
    claims = []
    for number, rows in enumerate(built, start=1):
        representative = _representative(rows, similarity, members)
        evidence = tuple(
            Evidence(source=members[r].sentence.source, sentence=members[r].sentence.text, index=members[r].sentence.index)
            for r in rows
        )
        claims.append(Claim(id=f"C{number}", text=representative.text, evidence=evidence))
    return claims


def _representative(rows: list[int], similarity: np.ndarray, members: list[_Member]) -> Sentence:
    """The member closest to all others, never a sentence broken off mid-way; on ties, the shorter
    sentence (easier to read)."""
    if len(rows) == 1:
        return members[rows[0]].sentence
    block = similarity[np.ix_(rows, rows)]
    centrality = block.sum(axis=1)
    best = max(
        range(len(rows)),
        key=lambda i: (
            members[rows[i]].sentence.kind == "body",
            round(float(centrality[i]), 3),
            -len(members[rows[i]].sentence.text),
        ),
    )
    return members[rows[best]].sentence
