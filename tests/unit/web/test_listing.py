"""The stories list counts updates over time apart from disagreements, in the page and in the API."""

from __future__ import annotations

import dataclasses
import re

from fastapi.testclient import TestClient

from newsweave.model import Update, UpdateValue
from newsweave.pipeline import brief_story
from newsweave.store import StoredBriefing, briefing_revision, open_store
from newsweave.web import WebOptions, create_app

from .conftest import story_ids


def _brief_with_a_running_toll(store, story_id, settings):
    """The real briefing, plus one invented figure that grew between two of its sources."""
    run = brief_story(store, story_id, settings)
    assert run.briefing is not None
    first, second = (source.id for source in run.briefing.sources[:2])
    toll = Update(
        "number of people detained",
        (
            UpdateValue("at least 12 people", "12", "article dated 2023-03-02", (second,)),
            UpdateValue("eight people", "8", "article dated 2023-03-01", (first,)),
        ),
    )
    analysis = dataclasses.replace(run.briefing.analysis, updates=(*run.briefing.analysis.updates, toll))
    return dataclasses.replace(run, briefing=dataclasses.replace(run.briefing, analysis=analysis))


def _count_cells(page: str, story_id: str) -> tuple[str, str]:
    """The disagreements and updates cells of one story's row, as HTML."""
    row = re.search(rf'<tr class="story-row" data-story="{re.escape(story_id)}">(.*?)</tr>', page, flags=re.S)
    assert row is not None, story_id
    cells = re.findall(r'<td class="num[^"]*"[^>]*>(.*?)</td>', row.group(1), flags=re.S)
    assert len(cells) == 3, cells  # articles, disagreements, updates over time
    return cells[1], cells[2]


def test_a_made_briefing_lists_its_updates_apart_from_its_disagreements(corpus_db):
    app = create_app(WebOptions(db_path=str(corpus_db), warm=False), brief=_brief_with_a_running_toll)
    with TestClient(app) as client:
        story = story_ids(client)["Kremlin"]
        briefing = client.get(f"/api/stories/{story}").json()
        assert briefing["updates"] and briefing["conflicts"]
        listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
        assert listed[story]["updates"] == len(briefing["updates"])
        assert listed[story]["disagreements"] == len(briefing["conflicts"])
        page = client.get("/").text
        assert "Updates over time</th>" in page
        disagreements, updates = _count_cells(page, story)
        assert updates.strip() == str(len(briefing["updates"]))
        assert str(len(briefing["conflicts"])) in disagreements
    with TestClient(create_app(WebOptions(db_path=str(corpus_db), warm=False))) as restarted:  # read from the database
        listed = {s["id"]: s for s in restarted.get("/api/stories").json()["stories"]}
        assert listed[story]["updates"] == len(briefing["updates"])


def test_a_count_the_kept_briefing_does_not_hold_is_not_shown_as_zero(corpus_db, make_client):
    client = make_client()
    ids = story_ids(client)
    with open_store(corpus_db) as store:  # a briefing kept before updates were counted
        kremlin = store.get_story(ids["Kremlin"])
        store.save_briefing(StoredBriefing(kremlin.id, briefing_revision(kremlin), 3, None, "{}"))
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert (listed[ids["Kremlin"]]["disagreements"], listed[ids["Kremlin"]]["updates"]) == (3, None)
    assert (listed[ids["Bridge"]]["disagreements"], listed[ids["Bridge"]]["updates"]) == (None, None)  # not made
    page = client.get("/").text
    disagreements, updates = _count_cells(page, ids["Kremlin"])
    assert "3" in disagreements and updates.strip() == ""
    disagreements, updates = _count_cells(page, ids["Bridge"])
    assert 'class="pending"' in disagreements and 'class="pending"' in updates


def test_the_openapi_schema_describes_the_update_count(client):
    story_out = client.get("/openapi.json").json()["components"]["schemas"]["StoryOut"]
    assert "updates" in story_out["required"]
    assert "apart from disagreements" in story_out["properties"]["updates"]["description"]
