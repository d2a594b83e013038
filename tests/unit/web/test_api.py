"""The JSON API: stories, briefings, articles, ingest, the one error shape, and the OpenAPI schema."""

from __future__ import annotations

import json

import pytest

from newsweave.model import BRIEFING_SCHEMA

from .conftest import story_ids

TOKEN = {"Authorization": "Bearer test-token"}


def _article(number: int, **fields: object) -> dict[str, object]:
    """An invented article about a ferry timetable, long enough to be kept."""
    text = (
        f"The island ferry company published timetable number {number} on Thursday. "
        "Crossings will run every forty minutes during the morning peak, the company said, "
        "and the last boat will leave the mainland quay at half past eleven at night. "
        "Passenger groups welcomed the extra evening sailing but asked for more space for bicycles. "
        "The company said the new timetable would be reviewed after the summer."
    )
    return {"id": f"ferry-{number}", "title": f"Ferry timetable {number} published", "outlet": "Quayside Gazette",
            "published": "2024-07-04", "text": text, **fields}


def _assert_error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]["message"]


# ----------------------------------------------------------------------------- reading


def test_stories_are_listed_newest_first_with_their_outlets(client):
    stories = client.get("/api/stories").json()["stories"]
    assert [s["last_published"] for s in stories] == sorted((s["last_published"] for s in stories), reverse=True)
    seeds = next(s for s in stories if "Kremlin" in s["headline"])
    assert seeds["articles"] == 5 and "Reuters" in seeds["outlets"]
    assert seeds["html"] == f"/stories/{seeds['id']}" and seeds["api"] == f"/api/stories/{seeds['id']}"


def test_a_story_answers_with_its_briefing_and_the_list_then_counts_its_disagreements(client):
    ids = story_ids(client)
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert listed[ids["Kremlin"]]["disagreements"] is None  # not briefed yet
    briefing = client.get(f"/api/stories/{ids['Kremlin']}").json()
    assert briefing["schema"] == BRIEFING_SCHEMA
    assert any({p["value"] for p in c["positions"]} >= {"Monday", "Tuesday"} for c in briefing["conflicts"])
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert listed[ids["Kremlin"]]["disagreements"] == len(briefing["conflicts"]) >= 1


def test_every_source_of_a_briefing_is_a_stored_article(client):
    ids = story_ids(client)
    briefing = client.get(f"/api/stories/{ids['Bridge']}").json()
    for source in briefing["sources"]:
        article = client.get(f"/api/articles/{source['external_id']}").json()
        assert article["story_id"] == ids["Bridge"]
        assert article["outlet"] == source["outlet"]


def test_a_story_numbers_its_sources_alike_in_the_api_the_page_and_the_cli(client, corpus_db):
    """`brief --story` (brief_story, as the CLI runs it), the JSON API and the story page give each article
    the same source id."""
    import re

    from newsweave.pipeline import brief_story
    from newsweave.render.json_contract import briefing_to_dict
    from newsweave.store import open_store

    ids = story_ids(client)
    for story in (ids["Kremlin"], ids["Bridge"]):
        api = {s["id"]: s["external_id"] for s in client.get(f"/api/stories/{story}").json()["sources"]}
        with open_store(corpus_db) as store:
            run = brief_story(store, story)
        cli = {s["id"]: s["external_id"] for s in briefing_to_dict(run.briefing)["sources"]}
        assert api == cli and len(api) >= 4
        page = client.get(f"/stories/{story}").text
        table = page[page.index('<table class="sources">') :]
        for source_id, article_id in api.items():
            assert re.search(rf"<td>{source_id}</td>\s*<td><a href=\"/articles/{re.escape(article_id)}\"", table), source_id


def test_an_article_answers_with_its_text_and_removed_lines(client):
    ids = story_ids(client)
    briefing = client.get(f"/api/stories/{ids['Kremlin']}").json()
    article = client.get(f"/api/articles/{briefing['sources'][0]['external_id']}").json()
    assert len(article["text"].split()) > 100
    assert all(set(line) == {"text", "reason"} for line in article["removed"])
    assert article["html"].startswith("/articles/")


def test_search_and_filters_narrow_the_list(client):
    ids = story_ids(client)
    assert [s["id"] for s in client.get("/api/stories", params={"q": "hanger cable"}).json()["stories"]] == [ids["Bridge"]]
    assert [s["id"] for s in client.get("/api/stories", params={"outlet": "Reuters"}).json()["stories"]] == [ids["Kremlin"]]
    assert client.get("/api/stories", params={"until": "2023-01-01"}).json()["stories"][0]["id"] == ids["Kremlin"]
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["stories"] == []
    assert client.get("/api/stories", params={"q": "zzzunheardofword"}).json()["stories"] == []


def test_pages_of_the_list_follow_each_other(make_client):
    client = make_client(page_size=1)
    first = client.get("/api/stories").json()
    second = client.get("/api/stories", params={"page": first["next_page"]}).json()
    assert first["next_page"] == 2 and second["next_page"] is None
    assert first["stories"][0]["id"] != second["stories"][0]["id"]


# ----------------------------------------------------------------------------- errors


def test_every_kind_of_failure_has_the_one_error_shape(client):
    assert "no story 'nowhere'" in _assert_error(client.get("/api/stories/nowhere"), 404, "not_found")
    _assert_error(client.get("/api/articles/nowhere"), 404, "not_found")
    _assert_error(client.get("/api/no-such-endpoint"), 404, "not_found")
    assert "since" in _assert_error(client.get("/api/stories", params={"since": "yesterday"}), 422, "invalid_request")
    _assert_error(client.get("/api/stories", params={"page": 0}), 422, "invalid_request")
    message = _assert_error(
        client.get("/api/stories", params={"since": "2024-02-01", "until": "2024-01-01"}), 422, "invalid_request"
    )
    assert "swap" in message
    _assert_error(client.delete("/api/stories"), 405, "method_not_allowed")


def test_a_browser_gets_errors_as_a_page(client):
    response = client.get("/stories/nowhere", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no story &#39;nowhere&#39;" in response.text or "no story 'nowhere'" in response.text
    assert client.get("/", params={"since": "not-a-date"}).status_code == 422


# ----------------------------------------------------------------------------- writing


def test_writes_are_refused_when_the_server_has_no_token(make_client):
    client = make_client(token=None)
    message = _assert_error(client.post("/api/articles", json=_article(1), headers=TOKEN), 403, "writes_disabled")
    assert "NEWSWEAVE_TOKEN" in message


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic test-token", "test-token"])
def test_writes_need_the_right_token(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/articles", json=_article(1), headers=headers)
    _assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles/ferry-1").status_code == 404


def test_one_article_is_ingested_and_can_be_read_back(client):
    response = client.post("/api/articles", json=_article(1), headers=TOKEN)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 1 and report["added_ids"] == ["ferry-1"] and report["failed"] == []
    assert report["stories_opened"] == 1
    article = client.get("/api/articles/ferry-1").json()
    assert article["outlet"] == "Quayside Gazette" and article["published"] == "2024-07-04"
    again = client.post("/api/articles", json=_article(1), headers=TOKEN).json()
    assert (again["added"], again["already_stored"]) == (0, 1)


def test_a_batch_keeps_its_good_lines_and_names_the_bad_one(client):
    body = "\n".join([json.dumps(_article(1)), "{not json", json.dumps(_article(2, id="ferry-2"))]) + "\n"
    response = client.post(
        "/api/articles", content=body.encode(), headers={**TOKEN, "Content-Type": "application/x-ndjson"}
    )
    report = response.json()
    assert response.status_code == 200 and report["added"] == 2
    assert [problem["input"] for problem in report["failed"]] == ["request.jsonl:2"]


def test_a_body_with_no_usable_article_is_refused(client):
    response = client.post("/api/articles", json={"title": "No text here"}, headers=TOKEN)
    assert "request.json" in _assert_error(response, 422, "no_usable_article")


def test_a_body_of_another_type_is_refused(client):
    response = client.post("/api/articles", content=b"plain words", headers={**TOKEN, "Content-Type": "text/plain"})
    _assert_error(response, 415, "unsupported_media_type")


def test_a_body_over_the_limit_is_refused_before_it_is_read(make_client):
    from newsweave.config import Settings

    client = make_client(token="test-token", settings=Settings(max_input_bytes=2_000))
    large = json.dumps(_article(1, text="word " * 1_000))
    _assert_error(client.post("/api/articles", content=large, headers={**TOKEN, "Content-Type": "application/json"}), 413, "too_large")
    assert client.get("/api/articles/ferry-1").status_code == 404


# ----------------------------------------------------------------------------- schema and headers


def test_the_openapi_schema_describes_every_endpoint_and_the_error_shape(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/articles"} <= set(paths)
    assert "post" in paths["/api/articles"]
    assert "ErrorBody" in schema["components"]["schemas"]
    assert not any(path.startswith("/stories") or path == "/" for path in paths)  # pages are not API


@pytest.mark.parametrize("path", ["/", "/api/stories", "/static/reader.css", "/api/stories/nowhere", "/openapi.json"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_a_streamed_body_over_the_limit_is_refused_while_it_arrives(make_client):
    from newsweave.config import Settings

    client = make_client(token="test-token", settings=Settings(max_input_bytes=2_000))

    def chunks():  # no Content-Length: the size is only known as the body arrives
        for _ in range(10):
            yield b" " * 500

    response = client.post("/api/articles", content=chunks(), headers={**TOKEN, "Content-Type": "application/json"})
    _assert_error(response, 413, "too_large")
