"""Evaluation gate: the analysis of 12 real multi-outlet events must not get worse.

Runs the shared scorer over ../shared/data/events_dev.jsonl (the same run as
`benchmarks/quality_conflicts.py`, whose table is in docs/quality.md) and
compares every figure with the floors pinned in quality_floors.json: counts of
what is found may not fall below theirs, counts of errors may not rise above
theirs. Raising a floor after an improvement is welcome; lowering one is a
visible change to that file, to be argued in review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quality_conflicts import ScoreRun, score_events

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))["events_dev"]


@pytest.fixture(scope="module")
def scored() -> ScoreRun:
    return score_events()


def test_every_event_was_briefed(scored: ScoreRun) -> None:
    assert len(scored.events) == FLOORS["events"]
    empty = [score.event for score in scored.events if not score.count("summary_sentences")]
    assert not empty, f"events with an empty summary: {empty}"


@pytest.mark.parametrize("figure", sorted(FLOORS["at_least"]))
def test_what_is_found_stays_at_or_above_its_floor(scored: ScoreRun, figure: str) -> None:
    floor = FLOORS["at_least"][figure]
    value = scored.total.precision if figure == "precision" else scored.total.count(figure)
    assert value >= floor, f"{figure} fell to {value} (floor {floor}); per event: {_per_event(scored, figure)}"


@pytest.mark.parametrize("figure", sorted(FLOORS["at_most"]))
def test_errors_stay_at_or_below_their_ceiling(scored: ScoreRun, figure: str) -> None:
    ceiling = FLOORS["at_most"][figure]
    value = scored.total.count(figure)
    assert value <= ceiling, f"{figure} rose to {value} (ceiling {ceiling}); per event: {_per_event(scored, figure)}"


def _per_event(scored: ScoreRun, figure: str) -> dict[str, float]:
    if figure == "precision":
        return {score.event: round(score.precision, 2) for score in scored.events}
    return {score.event: score.count(figure) for score in scored.events}
