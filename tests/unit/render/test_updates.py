"""Figures that changed over time are rendered apart from disagreements, latest first, in every format."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsweave.model import Briefing, Evidence, SummarySentence, Update, UpdateValue
from newsweave.render import render_html, render_json, render_markdown
from newsweave.render.json_contract import briefing_from_dict

TOLL = Update(
    topic="killed at least …",
    values=(
        UpdateValue("43 people", "43 people", "article dated 2024-06-14", ("S2",), (Evidence("S2", "At least 43 people were killed."),)),
        UpdateValue("36 people", "36 people", "article dated 2024-06-13", ("S1",), (Evidence("S1", "At least 36 people were killed."),)),
    ),
)


@pytest.fixture
def with_update(briefing: Briefing) -> Briefing:
    return dataclasses.replace(briefing, analysis=dataclasses.replace(briefing.analysis, updates=(TOLL,)))


def test_json_lists_updates_at_the_top_level_and_reads_them_back(with_update: Briefing) -> None:
    data = json.loads(render_json(with_update))
    [update] = data["updates"]
    assert [stage["value"] for stage in update["values"]] == ["43 people", "36 people"]
    assert update["values"][0]["as_of"] == "article dated 2024-06-14"
    assert update["values"][0]["evidence"][0]["sentence"] == "At least 43 people were killed."
    assert briefing_from_dict(data).analysis.updates == (TOLL,)


def test_a_briefing_kept_before_updates_existed_reads_back_without_them(briefing: Briefing) -> None:
    data = json.loads(render_json(briefing))
    del data["updates"]
    assert briefing_from_dict(data).analysis.updates == ()


def test_markdown_and_html_show_the_stages_apart_from_the_disputes(with_update: Briefing) -> None:
    markdown = render_markdown(with_update)
    assert "## Figures that changed over time" in markdown
    assert markdown.index("43 people") < markdown.index("36 people")
    assert "as of: article dated 2024-06-14" in markdown
    page = render_html(with_update)
    assert 'id="updates"' in page and "as of: article dated 2024-06-13" in page


def test_no_update_section_without_updates(briefing: Briefing) -> None:
    assert "Figures that changed over time" not in render_markdown(briefing)
    assert 'id="updates"' not in render_html(briefing)


@pytest.fixture
def with_outdated_summary(with_update: Briefing) -> Briefing:
    """The summary gives the toll's earlier stage (36), marked as since updated by update 1."""
    outdated = SummarySentence("At least 36 people were killed, officials said.", ("S1",), updated=(1,))
    return dataclasses.replace(with_update, summary=(*with_update.summary, outdated))


def test_a_summary_sentence_with_an_outdated_figure_gives_the_latest_stage(with_outdated_summary: Briefing) -> None:
    markdown = render_markdown(with_outdated_summary)
    line = next(line for line in markdown.splitlines() if line.startswith("At least 36 people"))
    assert line.endswith("(since updated: 43 people, as of article dated 2024-06-14)")
    assert "since updated" not in markdown.split("At least 36 people")[0]  # only that sentence is marked
    page = render_html(with_outdated_summary)
    assert '<a class="updated" href="#update-1">since updated: 43 people, as of article dated 2024-06-14</a>' in page
    assert '<div class="update" id="update-1">' in page  # the link lands on the update's card
    data = json.loads(render_json(with_outdated_summary))
    assert data["summary"][-1]["updated"] == [1]
    assert briefing_from_dict(data).summary == with_outdated_summary.summary


def test_a_kept_briefing_without_update_marks_reads_back(with_outdated_summary: Briefing) -> None:
    data = json.loads(render_json(with_outdated_summary))
    for item in data["summary"]:
        del item["updated"]
    assert all(sentence.updated == () for sentence in briefing_from_dict(data).summary)
