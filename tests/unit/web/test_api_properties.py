"""Property: no request, however malformed, makes the server fail; every refusal has the one error shape."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.web import WebOptions, create_app
from newsweave.web.anchors import path_segment

TOKEN = {"Authorization": "Bearer prop-token"}
property_settings = settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "title": json_values,
        "text": json_values,
        "url": json_values,
        "outlet": json_values,
        "published": json_values,
    },
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("props") / "props.db"
    with TestClient(create_app(WebOptions(db_path=str(path), token="prop-token", warm=False))) as test_client:
        yield test_client


def _is_error_shape(response) -> bool:
    body = response.json()
    return set(body) == {"error"} and body["error"]["status"] == response.status_code


@property_settings
@given(body=st.binary(max_size=400), media_type=st.sampled_from(["application/json", "application/x-ndjson"]))
def test_any_bytes_posted_are_refused_or_ingested_never_a_server_error(client, body, media_type):
    response = client.post("/api/articles", content=body, headers={**TOKEN, "Content-Type": media_type})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert _is_error_shape(response)


@property_settings
@given(articles=st.lists(article_like, min_size=1, max_size=3))
def test_any_article_shaped_json_is_refused_or_ingested(client, articles):
    body = "\n".join(json.dumps(article) for article in articles)
    response = client.post("/api/articles", content=body.encode(), headers={**TOKEN, "Content-Type": "application/x-ndjson"})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        report = response.json()
        assert report["added"] + report["already_stored"] + len(report["failed"]) == len(articles)


@property_settings
@given(
    q=st.text(max_size=30),
    since=st.text(max_size=12),
    outlet=st.text(max_size=12),
    page=st.text(max_size=6),
)
def test_any_query_string_gets_an_answer_or_a_shaped_refusal(client, q, since, outlet, page):
    params = {"q": q, "since": since, "outlet": outlet, "page": page}
    for path in ("/api/stories", "/"):
        response = client.get(path, params=params, headers={"Accept": "application/json"})
        assert response.status_code in (200, 422), (path, params, response.text)
        if response.status_code == 422:
            assert _is_error_shape(response)


@property_settings
@given(identifier=st.text(min_size=1, max_size=40))
def test_any_id_is_found_or_not_found(client, identifier):
    quoted = path_segment(identifier)  # the form every link the app writes uses
    for path in (f"/api/stories/{quoted}", f"/api/articles/{quoted}"):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.text)
        assert _is_error_shape(response) or response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("identifier", [".", ".."])
def test_dot_segment_ids_are_reachable_through_the_links_the_app_writes(client, identifier):
    # Found by the property test above: "/api/articles/." is read as "/api/articles/" by clients.
    for path in (f"/api/stories/{path_segment(identifier)}", f"/api/articles/{path_segment(identifier)}"):
        response = client.get(path)
        assert response.status_code == 404 and _is_error_shape(response), (path, response.text)
