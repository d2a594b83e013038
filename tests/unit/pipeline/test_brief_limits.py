"""Briefing of articles longer than the analysis reads: the cut is said, never silent."""

from __future__ import annotations

from pathlib import Path

from newsweave.config import Settings
from newsweave.pipeline import brief_paths

SAMPLE_STORY = Path(__file__).resolve().parents[3] / "examples" / "sample-story"


def test_an_article_cut_for_analysis_is_named_in_the_notes() -> None:
    settings = Settings(max_analyzed_chars=600)
    run = brief_paths([str(SAMPLE_STORY)], settings)
    assert run.briefing is not None
    cut = [note for note in run.briefing.notes if "only its first" in note]
    long_sources = [s.id for s in run.briefing.sources]
    assert cut, run.briefing.notes
    assert all("max_analyzed_chars" in note for note in cut)
    assert {note.split()[0] for note in cut} <= set(long_sources)


def test_articles_within_the_limit_get_no_such_note() -> None:
    run = brief_paths([str(SAMPLE_STORY)])
    assert run.briefing is not None
    assert not [note for note in run.briefing.notes if "only its first" in note]
