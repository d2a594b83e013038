"""Evaluation gate: the stories the real ingest makes on four development sets must not get worse.

Ingests each set of `benchmarks/quality_story_sets.py` (clustering_dev, the same without dates,
the Multi-News clusters as one corpus, the 12 real events) into an empty database with the
shipped settings and compares B-cubed F1, and the articles left unstored, with the floors pinned
in quality_floors.json. The benchmark's table in docs/quality.md is the same run with baselines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench_common import DEFAULT_SHARED
from quality_story_sets import ingest, ingest_score, load_sets

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))["story_sets"]


@pytest.fixture(scope="module")
def sets():
    return load_sets(DEFAULT_SHARED)


def test_the_floors_name_every_set(sets):
    assert set(FLOORS["f1_at_least"]) == set(sets) == set(FLOORS["not_stored_at_most"])


@pytest.mark.parametrize("name", sorted(FLOORS["f1_at_least"]))
def test_stories_stay_at_or_above_their_floor(sets, name):
    rows = sets[name]
    ingested = ingest(rows, name)
    not_stored = len(rows) - ingested.stored
    assert not_stored <= FLOORS["not_stored_at_most"][name], f"{name}: {not_stored} articles not stored"
    result = ingest_score(ingested, rows)
    floor = FLOORS["f1_at_least"][name]
    assert result.f1 >= floor, (
        f"{name}: B-cubed F1 fell to {result.f1:.3f} (floor {floor}; precision {result.precision:.3f}, "
        f"recall {result.recall:.3f})"
    )
