"""Analysis of one story: agreements, conflicts with attribution, source chains,
single-source details, quotes by speaker, entities, timeline and framing."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from newsweave.analyze.agreements import (
    agreement_of,
    figure_agreements,
    find_agreements,
    find_single_source,
    gainsaid_within_claims,
)
from newsweave.analyze.attribution import resolve_pronoun_speakers
from newsweave.analyze.chains import find_chains
from newsweave.analyze.citations import gainsaid_by_conflicts, gainsaying_sources
from newsweave.analyze.conflicts import Embed, SlotFindings, find_slot_conflicts
from newsweave.analyze.detectors import StoryContext, run_detectors
from newsweave.analyze.entities import merge_entities
from newsweave.analyze.framing import find_framing
from newsweave.analyze.quotes import extract_quotes
from newsweave.analyze.roles import role_agreements, roles_by_name
from newsweave.analyze.slots import extract_slot_values
from newsweave.analyze.status import find_status_updates
from newsweave.analyze.timeline import build_timeline
from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import Agreement, Analysis, AnalyzedArticle, Claim, CopyGroup

__all__ = ["analyze_story", "SlotFindings"]


def analyze_story(
    articles: Sequence[AnalyzedArticle],
    claims: Sequence[Claim],
    copies: Sequence[CopyGroup],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    embed: Embed,
) -> Analysis:
    """Run every analysis over a story's analysed articles and aligned claims.

    `embed` turns texts into L2-normalised vectors (the nlp stage's embedder);
    it is passed in so this stage does not depend on the nlp stage.
    """
    copy_members = {m for group in copies for m in group.members if m != group.origin}
    originals = [a for a in articles if a.article.id not in copy_members]
    slot_values = extract_slot_values(originals)
    with _EmbeddedAhead(embed, [value.context for value in slot_values]) as embed_slots:
        # The slots' clauses are embedded in a second thread while the pure-Python work below goes on.
        entities = merge_entities(originals)
        attributions = {a.article.id: resolve_pronoun_speakers(a.sentences) for a in articles}
        claim_of = {(e.source, e.index): claim.id for claim in claims for e in claim.evidence}
        slot_findings = find_slot_conflicts(slot_values, embed_slots, settings, claim_of)
    outlet_of = {a.article.id: a.article.outlet for a in articles}
    via_by_sentence = {
        (source, index): attribution.via
        for source, items in attributions.items()
        for index, attribution in enumerate(items)
        if attribution is not None and attribution.via
    }

    roles_of_people = roles_by_name(originals)  # read once: the office disputes and the role agreements use them
    context = StoryContext(claims, originals, attributions, settings, slot_findings.conflicts, roles_of_people)
    conflicts = tuple(found.conflict for found in run_detectors(context))

    sentence_of = {(a.article.id, s.index): s for a in articles for s in a.sentences}
    statuses = find_status_updates(claims, originals)
    # The sentences that state one value alike are checked like a claim's: their other figures count.
    figure_groups = [
        Claim(id=f"F{number}", text=item.evidence[0].sentence, evidence=item.evidence)
        for number, item in enumerate(slot_findings.shared_values, start=1)
    ]
    gainsaid = (
        slot_findings.gainsaid
        + statuses.gainsaid
        + tuple(gainsaid_by_conflicts(originals, conflicts))
        + tuple(gainsaid_within_claims([*claims, *figure_groups], sentence_of, originals))
    )
    gainsaying = gainsaying_sources(gainsaid)
    agreements = find_agreements(claims, conflicts, via_by_sentence, outlet_of, sentence_of, gainsaying)
    unit_agreements = [
        Agreement(
            claim=f"{' = '.join(item.displays)} (≈ {item.normalized}): {item.evidence[0].sentence}",
            sources=item.sources,
            origins=len(item.sources),
            evidence=item.evidence,
        )
        for item in slot_findings.unit_agreements
    ]
    figures = figure_agreements(
        [(item.displays[0], item.evidence) for item in slot_findings.shared_values],
        unit_agreements + agreements,
        via_by_sentence,
        outlet_of,
        gainsaying,
    )
    found = unit_agreements + agreements + figures
    roles = [agreement_of(item.text, item.evidence, via_by_sentence, outlet_of) for item in role_agreements(entities, originals, roles_of_people)]
    return Analysis(
        agreements=tuple(found + roles),
        conflicts=conflicts,
        updates=slot_findings.updates + statuses.updates,
        single_source=tuple(find_single_source(claims, originals, attributions, conflicts)),
        quotes=tuple(extract_quotes(originals, entities)),
        entities=tuple(entities),
        timeline=tuple(build_timeline(originals, entities)),
        framing=tuple(find_framing(originals)),
        chains=tuple(find_chains(articles, attributions, copies)),
        gainsaid=gainsaid,
        self_contradictions=slot_findings.self_contradictions,
    )


class _EmbeddedAhead:
    """An `Embed` whose texts were sent to the embedder, in a background thread, before they were asked for.

    The embedder's runtime leaves Python's lock while it works, so the thread runs beside Python
    code. A text asked for that was not sent ahead is embedded on the spot.
    """

    def __init__(self, embed: Embed, texts: Sequence[str]) -> None:
        self._embed = embed
        self._row_of = {text: row for row, text in enumerate(dict.fromkeys(texts))}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-embed-slots")
        self._ahead: Future[np.ndarray] | None = self._pool.submit(embed, list(self._row_of)) if self._row_of else None

    def __enter__(self) -> _EmbeddedAhead:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if self._ahead is None or any(text not in self._row_of for text in texts):
            return self._embed(texts)
        return np.asarray(self._ahead.result())[[self._row_of[text] for text in texts]]
