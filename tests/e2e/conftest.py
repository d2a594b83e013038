"""Shared fixtures: the seeds briefed once per session through the library."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.pipeline import BriefingRun, brief_paths
from newsweave.render import briefing_to_dict

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLE_DIR = REPO_ROOT / "examples" / "sample-story"


@pytest.fixture(scope="session")
def seeds_run() -> BriefingRun:
    run = brief_paths([str(SEEDS_DIR)])
    assert run.briefing is not None, run.problems
    return run


@pytest.fixture(scope="session")
def seeds_json(seeds_run: BriefingRun) -> dict:
    return briefing_to_dict(seeds_run.briefing)
