"""Briefings are made once per change of a story, kept across restarts, and never block readers."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from newsweave.web import WebOptions, create_app

from .conftest import LiveServer, story_ids
from .test_api import TOKEN, _article


def test_a_story_is_briefed_once_however_often_it_is_read(client, counting_brief):
    story = story_ids(client)["Kremlin"]
    first = client.get(f"/api/stories/{story}")
    for path in (f"/api/stories/{story}", f"/stories/{story}", f"/stories/{story}"):
        assert client.get(path).status_code == 200
    briefing = first.json()
    client.get(f"/articles/{briefing['sources'][0]['external_id']}")
    assert counting_brief.calls == [story]
    assert client.get(f"/api/stories/{story}").content == first.content


def test_concurrent_first_readers_wait_for_one_briefing(client, counting_brief):
    story = story_ids(client)["Bridge"]
    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(lambda _: client.get(f"/api/stories/{story}").content, range(6)))
    assert counting_brief.calls == [story]
    assert len(set(bodies)) == 1


def test_a_new_article_in_the_story_makes_a_new_briefing(client, counting_brief):
    story = story_ids(client)["Bridge"]
    before = client.get(f"/api/stories/{story}").json()
    # A seventh report of the bridge closure, in the team's own words.
    joining = _article(
        7,
        id="bridge-7",
        title="Merrow Sound Bridge stays shut to cars after hanger cable snaps",
        outlet="Kestrelmouth Evening Star",
        published="2024-06-12",
        text=(
            "The Merrow Sound Bridge in Kestrelmouth stayed closed to cars on Wednesday after a hanger cable "
            "snapped and part of the deck dropped, the harbour authority said. Engineers were inspecting the "
            "remaining hanger cables, and ferries carried commuters across the sound. The authority said no one "
            "was injured and that the bridge would stay shut until the failed cable is replaced."
        ),
    )
    report = client.post("/api/articles", json=joining, headers=TOKEN).json()
    assert report["added"] == 1 and report["stories_grown"] == 1, report
    after = client.get(f"/api/stories/{story}").json()
    assert counting_brief.calls == [story, story]
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert "bridge-7" in {source["external_id"] for source in after["sources"]}


def test_a_restarted_server_serves_the_kept_briefing_without_making_it_again(corpus_db, make_client, counting_brief):
    client = make_client()
    story = story_ids(client)["Kremlin"]
    made = client.get(f"/api/stories/{story}").content
    counting_brief.calls.clear()
    restarted = make_client()
    assert restarted.get(f"/api/stories/{story}").content == made
    assert restarted.get(f"/stories/{story}").status_code == 200
    assert counting_brief.calls == []


def test_a_damaged_kept_briefing_is_made_again(corpus_db, make_client, counting_brief):
    client = make_client()
    story = story_ids(client)["Kremlin"]
    client.get(f"/api/stories/{story}")
    with sqlite3.connect(corpus_db) as raw:
        raw.execute("UPDATE briefings SET document = '{\"schema\": \"broken' WHERE story_id = ?", (story,))
    restarted = make_client()
    assert restarted.get(f"/api/stories/{story}").json()["schema"] == "newsweave.briefing/1"
    assert counting_brief.calls == [story, story]


def test_the_warmer_briefs_the_listed_stories_in_the_background(make_client, counting_brief):
    client = make_client(warm=True)
    listed = client.get("/api/stories").json()["stories"]
    assert all(story["disagreements"] is None for story in listed)
    state = client.app.state.web
    deadline = time.monotonic() + 60  # two briefings on a slow machine
    while len(counting_brief.calls) < len(listed) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(counting_brief.calls) == sorted(story["id"] for story in listed)
    state.warmer.stop()
    relisted = client.get("/api/stories").json()["stories"]
    assert all(isinstance(story["disagreements"], int) for story in relisted)


def test_readers_are_answered_while_a_write_holds_the_database(corpus_db, counting_brief):
    app = create_app(WebOptions(db_path=str(corpus_db), token="test-token", warm=False), brief=counting_brief)
    state = app.state.web
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        story = story_ids_over_http(http)["Kremlin"]
        assert http.get(f"/stories/{story}").status_code == 200  # briefed and cached
        holding, release = threading.Event(), threading.Event()

        def long_write() -> None:
            # An ingest's write transaction, held open for as long as the test needs.
            with state.writer.transaction():
                holding.set()
                release.wait(30)

        writer = threading.Thread(target=long_write)
        writer.start()
        try:
            assert holding.wait(10)
            for path in (f"/stories/{story}", f"/api/stories/{story}", "/api/stories", "/", "/api/stories?q=Kremlin"):
                assert http.get(path).status_code == 200, path
            assert writer.is_alive()  # the write was still open while every read was answered
        finally:
            release.set()
            writer.join()


def story_ids_over_http(http: httpx.Client) -> dict[str, str]:
    stories = http.get("/api/stories").json()["stories"]
    return {word: s["id"] for s in stories for word in ("Kremlin", "Bridge") if word in (s["headline"] or "")}


def test_a_client_holding_the_current_briefing_gets_not_modified(client, counting_brief):
    story = story_ids(client)["Kremlin"]
    first = client.get(f"/api/stories/{story}")
    etag = first.headers["etag"]
    assert client.get(f"/api/stories/{story}", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/api/stories/{story}", headers={"If-None-Match": '"stale"'}).status_code == 200
    assert counting_brief.calls == [story]
