"""Agreements (claims backed by two or more sources) and single-source details."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.analyze.chains import dependent_sources
from newsweave.analyze.quantities import Quantity, can_both_be_true, comparable_dimension, find_quantities, same_amount
from newsweave.analyze.spans import QUOTE_MARKS, quoted_token_mask
from newsweave.model import (
    Agreement,
    AnalyzedArticle,
    Attribution,
    Claim,
    Conflict,
    Evidence,
    Gainsay,
    Sentence,
    SingleSourceClaim,
)

DETAIL_ENTITY_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
ELSEWHERE_SIMILARITY = 0.6  # a sentence this close to another source's is not its own detail
MIN_DETAIL_WORDS = 8


def _conflict_sides(conflicts: Sequence[Conflict]) -> dict[tuple[str, int], tuple[int, int]]:
    """(source, sentence index) -> (conflict number, position number)."""
    sides: dict[tuple[str, int], tuple[int, int]] = {}
    for c_number, conflict in enumerate(conflicts):
        for p_number, position in enumerate(conflict.positions):
            for item in position.evidence:
                sides.setdefault((item.source, item.index), (c_number, p_number))
    return sides


SentenceLookup = Mapping[tuple[str, int], Sentence]


def consistent_evidence(
    claim: Claim,
    conflicts: Sequence[Conflict],
    sentence_of: SentenceLookup | None = None,
    gainsaying: Mapping[tuple[str, int], set[str]] | None = None,
) -> tuple[Evidence, ...]:
    """The claim's evidence minus sentences that say otherwise than the claim's own sentence.

    Otherwise means: on the other side of a conflict, or (with `sentence_of`)
    stating another amount of something the claim's sentence measures, even when
    no conflict was reported ("signed for two and a half years" is not backed by
    a sentence that says two years). Citing such a source would tell the reader
    it agrees when it does not.
    """
    sides = _conflict_sides(conflicts)
    representative = next((e for e in claim.evidence if e.sentence == claim.text), claim.evidence[0])
    own_side = sides.get((representative.source, representative.index))
    own_amounts = _amounts(representative, sentence_of)
    # Sources that state the representative sentence's value otherwise anywhere in their text.
    otherwise = (gainsaying or {}).get((representative.source, representative.index), set())
    kept = []
    for item in claim.evidence:
        side = sides.get((item.source, item.index))
        if own_side and side and side[0] == own_side[0] and side[1] != own_side[1]:
            continue
        if item is not representative and _states_other_amount(own_amounts, _amounts(item, sentence_of)):
            continue
        if item.source != representative.source and item.source in otherwise:
            continue
        kept.append(item)
    return tuple(kept)


def _amounts(item: Evidence, sentence_of: SentenceLookup | None) -> list[Quantity]:
    sentence = sentence_of.get((item.source, item.index)) if sentence_of is not None else None
    return find_quantities(sentence) if sentence is not None else []


def _states_other_amount(own: Sequence[Quantity], other: Sequence[Quantity]) -> bool:
    """Whether `other` measures something `own` measures, and never with an amount both can be true of
    ("almost 300 people" does not back "304 people").

    Figures are compared by dimension, as sets: a sentence that sets two estimates
    side by side ("the police said 107,000, monitors up to 325,000") is backed by
    a source giving either of them. (Requiring each side to match every figure
    of the other was tried: it dropped two labelled agreements on the dev events
    and caught no more unfaithful citations.)
    """
    for dimension in {comparable_dimension(q.dimension) for q in own}:
        mine = [q for q in own if comparable_dimension(q.dimension) == dimension]
        theirs = [q for q in other if comparable_dimension(q.dimension) == dimension]
        if theirs and not any(can_both_be_true(a, b) for a in mine for b in theirs):
            return True
    return False


def gainsaid_within_claims(
    claims: Sequence[Claim], sentence_of: SentenceLookup, articles: Sequence[AnalyzedArticle] = ()
) -> list[Gainsay]:
    """For each sentence of a claim, the claim's other sources that state its figures otherwise.

    A claim's sentences were aligned by meaning, not by value; whichever of them
    a summary shows, it must not cite a source that gives another figure: in its
    own aligned sentence, or, when that sentence gives none, anywhere in its text
    ("could impact up to 2.8 million people" is not backed by a source that tells
    the same breach and says "up to 9 million customers" two paragraphs later).
    """
    figures_of: dict[str, list[Quantity]] = {}
    for analyzed in articles:
        for held in analyzed.sentences:
            if held.kind == "body":
                figures_of.setdefault(held.source, []).extend(find_quantities(held))
    found = []
    for claim in claims:
        amounts = [(item, _amounts(item, sentence_of)) for item in claim.evidence]
        for item, own in amounts:
            if not own:
                continue
            against = sorted(
                {
                    other.source
                    for other, theirs in amounts
                    if other.source != item.source
                    and (
                        _states_other_amount(own, theirs)
                        or _states_other_amount(_unmatched(own, theirs), figures_of.get(other.source, []))
                    )
                }
            )
            if against:
                found.append(Gainsay(item.source, item.index, value=", ".join(q.text for q in own), sources=tuple(against)))
    return found


def _unmatched(own: Sequence[Quantity], theirs: Sequence[Quantity]) -> list[Quantity]:
    """The figures of `own` whose dimension `theirs` never states. Ages are left out: a story gives
    many people's ages, and another person's age elsewhere in a text says nothing of this one's."""
    stated = {comparable_dimension(q.dimension) for q in theirs}
    return [q for q in own if comparable_dimension(q.dimension) not in stated and q.dimension != "age"]


def find_agreements(
    claims: Sequence[Claim],
    conflicts: Sequence[Conflict],
    via_by_sentence: dict[tuple[str, int], tuple[str, ...]],
    outlet_of: dict[str, str | None],
    sentence_of: SentenceLookup | None = None,
    gainsaying: Mapping[tuple[str, int], set[str]] | None = None,
) -> list[Agreement]:
    """Claims that two or more sources carry, with the number of independent origins behind them."""
    agreements = []
    for claim in claims:
        for text, evidence in _value_consistent_parts(claim, conflicts, sentence_of, gainsaying):
            agreements.append(agreement_of(text, evidence, via_by_sentence, outlet_of))
    agreements.sort(key=lambda a: (-a.origins, -len(a.sources)))
    return agreements


def figure_agreements(
    shared: Sequence[tuple[str, tuple[Evidence, ...]]],
    agreements: Sequence[Agreement],
    via_by_sentence: dict[tuple[str, int], tuple[str, ...]],
    outlet_of: dict[str, str | None],
    gainsaying: Mapping[tuple[str, int], set[str]],
) -> list[Agreement]:
    """Agreements on one value that sentences worded apart state alike ("13 people were wounded" /
    "injuring 13"), each given as the value as written and the sentences that state it, the first
    leading: "13 people: Thirteen people were wounded ...".

    Sources that state the leading sentence's values otherwise are left out, and a figure whose
    sentences an agreement already cites adds nothing.
    """
    cited = [{(e.source, e.index) for e in agreement.evidence} for agreement in agreements]
    found = []
    for value, evidence in shared:
        # The lead is the sentence the most sources can be cited for: one whose other figures are
        # disputed ("18 dead and 13 wounded") would cost the agreement on 13 the sources giving 16 dead.
        kept = max((_backing(lead, evidence, gainsaying) for lead in evidence), key=len)
        lead = kept[0]
        sources = tuple(dict.fromkeys(e.source for e in kept))
        keys = {(e.source, e.index) for e in kept}
        if len(sources) < 2 or any(keys <= other for other in cited):
            continue
        found.append(agreement_of(f"{value}: {lead.sentence}", kept, via_by_sentence, outlet_of))
        cited.append(keys)
    return found


def _backing(lead: Evidence, evidence: Sequence[Evidence], gainsaying: Mapping[tuple[str, int], set[str]]) -> tuple[Evidence, ...]:
    """`lead` first, then the other sentences whose sources do not state the lead's values otherwise."""
    otherwise = gainsaying.get((lead.source, lead.index), set())
    return (lead, *(e for e in evidence if e != lead and (e.source == lead.source or e.source not in otherwise)))


def agreement_of(
    text: str,
    evidence: tuple[Evidence, ...],
    via_by_sentence: dict[tuple[str, int], tuple[str, ...]],
    outlet_of: dict[str, str | None],
) -> Agreement:
    """An agreement on `text` by the sources of `evidence`, counting as origins only those citing no other."""
    sources = tuple(dict.fromkeys(e.source for e in evidence))
    via_by_source: dict[str, set[str]] = {}
    for item in evidence:
        via_by_source.setdefault(item.source, set()).update(via_by_sentence.get((item.source, item.index), ()))
    origins = len(sources) - len(dependent_sources(sources, via_by_source, outlet_of))
    return Agreement(claim=text, sources=sources, origins=max(origins, 1), evidence=evidence)


def _value_consistent_parts(
    claim: Claim,
    conflicts: Sequence[Conflict],
    sentence_of: SentenceLookup | None,
    gainsaying: Mapping[tuple[str, int], set[str]] | None,
) -> list[tuple[str, tuple[Evidence, ...]]]:
    """A claim split into groups whose sentences can all be true together, each told by two or more sources.

    Sentences aligned as one fact may give it different values ("£165 million a year" in one,
    "$75 million per year" in two others): the first group is the claim's own sentence and
    what backs it; the sentences left out form the next group, led by the one with the fewest figures.
    """
    parts = []
    remaining = claim
    while True:
        evidence = consistent_evidence(remaining, conflicts, sentence_of, gainsaying)
        if len({e.source for e in evidence}) >= 2:
            parts.append((remaining.text, evidence))
        rest = tuple(e for e in remaining.evidence if e not in evidence)
        if len({e.source for e in rest}) < 2 or len(rest) == len(remaining.evidence):
            return parts
        # The sentence with the fewest figures leads the next group: what it says, the others can back.
        lead = min(rest, key=lambda item: (not _is_body(item, sentence_of), len(_amounts(item, sentence_of))))
        if not _is_body(lead, sentence_of):
            return parts  # only sentences broken off mid-way are left: none can state the fact
        remaining = Claim(id=claim.id, text=lead.sentence, evidence=rest)


def _is_body(item: Evidence, sentence_of: SentenceLookup | None) -> bool:
    sentence = sentence_of.get((item.source, item.index)) if sentence_of is not None else None
    return sentence is None or sentence.kind == "body"


def _told_elsewhere(
    source: str,
    vector: np.ndarray,
    quantities: list[Quantity],
    sentences: _StoryVectors,
    amounts_by_source: dict[str, list[Quantity]],
) -> bool:
    """Whether another source states the same amount, or a sentence close in meaning."""
    for other, amounts in amounts_by_source.items():
        if other != source and any(same_amount(q, a) for q in quantities for a in amounts):
            return True
    if not vector.any() or not len(sentences.sources):
        return False
    others = sentences.sources != source
    return bool(others.any() and (sentences.matrix @ vector)[others].max() >= ELSEWHERE_SIMILARITY)


@dataclass(frozen=True)
class _StoryVectors:
    """Every sentence vector of a story in one matrix, with each row's source: one product per question."""

    matrix: np.ndarray  # (sentences, dimensions)
    sources: np.ndarray  # (sentences,) the source id of each row

    @classmethod
    def of(cls, articles: Sequence[AnalyzedArticle]) -> _StoryVectors:
        rows = [a.vectors for a in articles if len(a.sentences)]
        sources = [a.article.id for a in articles for _ in a.sentences]
        matrix = np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)
        return cls(matrix=matrix, sources=np.array(sources, dtype=str))


def _mostly_quoted(sentence: Sentence) -> bool:
    """Whether most of a sentence's words lie inside quotation marks: a quotation, not the outlet's own detail."""
    words = [token for token in sentence.tokens if token.pos != "PUNCT"]
    inside = [quoted for token, quoted in zip(sentence.tokens, quoted_token_mask(sentence.tokens)) if token.pos != "PUNCT"]
    return bool(words) and 2 * sum(inside) > len(words)


def find_single_source(
    claims: Sequence[Claim],
    articles: Sequence[AnalyzedArticle],
    attributions: dict[str, list[Attribution | None]],
    conflicts: Sequence[Conflict] = (),
) -> list[SingleSourceClaim]:
    """Specific details (numbers, dates, durations, amounts) that only one source reports.

    A sentence already shown as one side of a conflict is not repeated here.
    """
    sentence_of = {(a.article.id, s.index): s for a in articles for s in a.sentences}
    vector_of = {(a.article.id, s.index): a.vectors[i] for a in articles for i, s in enumerate(a.sentences)}
    story_vectors = _StoryVectors.of(articles)
    in_conflict = set(_conflict_sides(conflicts))
    amounts_by_source: dict[str, list[Quantity]] = {}
    for (source, _), held in sentence_of.items():
        amounts_by_source.setdefault(source, []).extend(find_quantities(held))
    found = []
    for claim in claims:
        if len(claim.sources) != 1:
            continue
        item = claim.evidence[0]
        key = (item.source, item.index)
        sentence = sentence_of.get(key)
        if key in in_conflict or sentence is None or sentence.kind != "body":
            continue
        text = sentence.text.strip()
        if len(text.split()) < MIN_DETAIL_WORDS or sum(text.count(m) for m in QUOTE_MARKS) % 2:
            continue  # a piece of a quotation cut by the sentence splitter is no claim of its own
        if _mostly_quoted(sentence):
            continue  # someone's words: the quotes section gives them, with the speaker
        quantities = find_quantities(sentence)
        if not quantities and not any(e.label in DETAIL_ENTITY_LABELS for e in sentence.entities):
            continue
        if _told_elsewhere(item.source, vector_of[key], quantities, story_vectors, amounts_by_source):
            continue
        article_attributions = attributions.get(item.source, [])
        attribution = article_attributions[item.index] if item.index < len(article_attributions) else None
        found.append(
            SingleSourceClaim(
                claim=sentence.text, source=item.source, attributed_to=attribution.speaker if attribution else None
            )
        )
    order = {a.article.id: i for i, a in enumerate(articles)}
    found.sort(key=lambda c: order.get(c.source, 0))
    return found
