"""Agreements count origins, not copies or citations; conflicting sides are not agreement."""

from __future__ import annotations

from newsweave.analyze.agreements import consistent_evidence, find_agreements
from newsweave.analyze.chains import dependent_sources
from newsweave.model import Claim, Conflict, Evidence, Position


def _claim(*items):
    evidence = tuple(Evidence(source, text, index) for source, text, index in items)
    return Claim(id="C1", text=evidence[0].sentence, evidence=evidence)


def test_a_source_citing_another_in_the_group_is_not_an_origin():
    outlets = {"S1": "Reuters", "S2": "Press TV", "S3": None}
    assert dependent_sources(("S1", "S2", "S3"), {"S2": {"Reuters"}}, outlets) == {"S2"}
    assert dependent_sources(("S2", "S3"), {"S2": {"Reuters"}}, outlets) == set()


def test_origins_in_agreements():
    claim = _claim(("S1", "Talks resume in Istanbul.", 0), ("S2", "Talks resume in Istanbul, Reuters said.", 3),
                   ("S3", "The talks will resume in Istanbul.", 1))
    [agreement] = find_agreements([claim], [], {("S2", 3): ("Reuters",)}, {"S1": "Reuters", "S2": "Press TV"})
    assert agreement.sources == ("S1", "S2", "S3") and agreement.origins == 2


def test_the_other_side_of_a_conflict_is_not_evidence():
    claim = _claim(("S1", "Talks start on Tuesday.", 0), ("S2", "Talks start on Monday.", 0), ("S3", "Talks begin Tuesday.", 2))
    conflict = Conflict(
        topic="talks start on …",
        kind="date",
        positions=(
            Position("Tuesday", "", ("S1", "S3"), None, (Evidence("S1", "", 0), Evidence("S3", "", 2))),
            Position("Monday", "", ("S2",), None, (Evidence("S2", "", 0),)),
        ),
    )
    kept = consistent_evidence(claim, [conflict])
    assert [e.source for e in kept] == ["S1", "S3"]
    [agreement] = find_agreements([claim], [conflict], {}, {})
    assert agreement.sources == ("S1", "S3")
