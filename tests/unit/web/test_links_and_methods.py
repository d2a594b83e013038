"""Every address the application writes works, whatever characters an id holds; HEAD and 405 behave."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsweave.store import open_store

TOKEN = {"Authorization": "Bearer test-token"}
# Ids come from the `id` field of JSON inputs: any text at all.
ODD_IDS = (
    "wire/2024/07/harbour-crane",
    "harbour?crane=1&day=2",
    "harbour#crane",
    "harbour 100% crane",
    "crane at the harbour",
    "grúa del puerto — 港のクレーン",
    "a/b?c#d%e f ü",
)
ODD_STORY_ID = "story/harbour?crane#1 100% ü"
HREF = re.compile(r'href="([^"]*)"')


def _article(number: int, article_id: str) -> dict[str, object]:
    """An invented report on a harbour crane, worded a little differently each time."""
    text = (
        f"A new container crane, the harbour's {number + 2}th, arrived on a barge on Wednesday morning. "
        f"Port staff said report number {number} was the first to confirm that the crane would be bolted "
        "to the eastern quay over the coming fortnight. Dock workers watched from the breakwater as tugs "
        "eased the barge alongside, and the port authority said lorries would be kept away from the quay "
        f"until engineers had tested the crane's brakes. Edition {number} of the harbour bulletin listed the closures."
    )
    return {"id": article_id, "title": f"Harbour crane arrives ({number})", "outlet": f"Outlet {number}",
            "published": "2024-07-10", "text": text}


@pytest.fixture
def odd_client(client, corpus_db: Path):
    """The client over a database holding the odd ids, in a story whose id is odd too."""
    body = "\n".join(json.dumps(_article(number, article_id)) for number, article_id in enumerate(ODD_IDS)) + "\n"
    response = client.post("/api/articles", content=body.encode(), headers={**TOKEN, "Content-Type": "application/x-ndjson"})
    assert response.status_code == 200 and response.json()["added_ids"] == list(ODD_IDS), response.text
    with open_store(corpus_db) as store:
        store.create_story(ODD_STORY_ID, "Harbour crane arrives", None, None)
        for article_id in ODD_IDS:
            store.assign(article_id, ODD_STORY_ID)
    return client


def _local_links(page: str) -> set[str]:
    """The application's own addresses linked from a page (fragments dropped, as a browser does)."""
    links = set()
    for href in HREF.findall(page):
        href = html.unescape(href)
        if href.startswith("/") and not href.startswith("//"):
            links.add(href.split("#", 1)[0])
    return links


def test_every_article_and_story_link_opens_its_page_whatever_the_id_holds(odd_client):
    listing = odd_client.get("/", params={"q": "crane"})
    assert listing.status_code == 200
    links = _local_links(listing.text)
    story_links = {link for link in links if link.startswith("/stories/")}
    article_links = {link for link in links if link.startswith("/articles/")}
    assert len(story_links) == 1 and article_links, links
    [story_link] = story_links
    story_page = odd_client.get(story_link)
    assert story_page.status_code == 200, story_page.text
    article_links |= {link for link in _local_links(story_page.text) if link.startswith("/articles/")}
    opened = {}
    for link in sorted(article_links):
        page = odd_client.get(link)
        assert page.status_code == 200, (link, page.status_code)
        opened[link] = page.text
        back = {target for target in _local_links(page.text) if target.startswith("/stories/")}
        assert back == {story_link}, (link, back)  # the breadcrumb leads back to the story
    found = {article_id for article_id in ODD_IDS for text in opened.values() if html.escape(article_id) in text}
    assert found == set(ODD_IDS)


def test_the_api_links_and_lookups_work_for_odd_ids(odd_client):
    [story] = [s for s in odd_client.get("/api/stories").json()["stories"] if s["id"] == ODD_STORY_ID]
    assert odd_client.get(story["html"]).status_code == 200
    briefing = odd_client.get(story["api"])
    assert briefing.status_code == 200, briefing.text
    for article_id in ODD_IDS:
        article = odd_client.get(f"/api{_path_of(article_id)}")
        assert article.status_code == 200, (article_id, article.text)
        assert article.json()["id"] == article_id
        html_link = article.json()["html"]
        assert urlsplit(html_link).path == html_link  # no query or fragment: the id is all in the path
        assert odd_client.get(html_link).status_code == 200


def _path_of(article_id: str) -> str:
    from newsweave.web.anchors import article_href

    return article_href(article_id)


GET_ADDRESSES = ("/", "/api/stories", "/openapi.json", "/static/reader.css", "/api/articles/ferry-none")


@pytest.mark.parametrize("address", GET_ADDRESSES)
def test_head_answers_like_get_without_a_body(client, address):
    got = client.get(address)
    head = client.head(address)
    assert head.status_code == got.status_code
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.content == b""


def test_head_works_on_story_and_article_pages(odd_client):
    paths = [f"/stories/{_quote(ODD_STORY_ID)}", f"/api/stories/{_quote(ODD_STORY_ID)}", _path_of(ODD_IDS[-1]),
             f"/api{_path_of(ODD_IDS[-1])}"]
    for path in paths:
        head = odd_client.head(path)
        assert head.status_code == 200 and head.content == b"", path


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@pytest.mark.parametrize(
    ("method", "address", "allowed"),
    [
        ("POST", "/", {"GET", "HEAD"}),
        ("DELETE", "/api/stories", {"GET", "HEAD"}),
        ("PUT", "/api/articles/ferry-1", {"GET", "HEAD"}),
        ("GET", "/api/articles", {"POST"}),
    ],
)
def test_a_wrong_method_is_answered_405_with_the_allowed_ones(client, method, address, allowed):
    response = client.request(method, address, headers={"Accept": "application/json"})
    assert response.status_code == 405
    assert {part.strip() for part in response.headers["allow"].split(",")} == allowed
    error = response.json()["error"]
    assert error["status"] == 405 and error["code"] == "method_not_allowed"
    assert all(name in error["message"] for name in allowed) and "\n" not in error["message"]
