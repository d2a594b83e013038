"""The stories list reads well: one name per outlet, stories of one outlet marked, the outlet filter
matching every spelling, dates kept on one line."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from newsweave.store import open_store

TOKEN = {"Authorization": "Bearer test-token"}
# One invented outlet under three spellings, and another outlet.
SPELLINGS = ("Tidewater Courier (News)", "The Tidewater Courier", "tidewater courier (Opinion)")
OTHER = "Saltmarsh Daily"
ROW = re.compile(r'<tr class="story-row" data-story="([^"]+)">(.*?)</tr>', re.DOTALL)


def _article(article_id: str, outlet: str, day: int) -> dict[str, object]:
    return {
        "id": article_id, "outlet": outlet, "published": f"2024-08-{day:02d}", "title": f"Lock gates repaired ({article_id})",
        "text": "Engineers finished repairing the lock gates on the Tidewater canal on Tuesday, the canal trust said, "
        f"and barges will pass again from Friday. Report {article_id} added that the repair took nine weeks and that "
        "the old oak gates were replaced with steel ones built at a yard upriver.",
    }  # fmt: skip


@pytest.fixture
def listed(client, corpus_db: Path):
    """Two invented stories added by hand: one told by one outlet under three spellings, one by two outlets."""
    articles = [_article(f"lock-{n}", outlet, 10 + n) for n, outlet in enumerate(SPELLINGS)]
    articles.append(_article("lock-other", OTHER, 14))
    articles.append(_article("lock-alone", SPELLINGS[0], 15))
    body = "\n".join(json.dumps(article) for article in articles) + "\n"
    response = client.post("/api/articles", content=body.encode(), headers={**TOKEN, "Content-Type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    with open_store(corpus_db) as store:
        store.create_story("st-lock-one-outlet", "Lock gates repaired", None, None)
        store.create_story("st-lock-two-outlets", "Canal reopens", None, None)
        for n in range(3):
            store.assign(f"lock-{n}", "st-lock-one-outlet")
        store.assign("lock-other", "st-lock-two-outlets")
        store.assign("lock-alone", "st-lock-two-outlets")
    return client


def _rows(page: str) -> dict[str, str]:
    return {story_id: html.unescape(re.sub(r"\s+", " ", row)) for story_id, row in ROW.findall(page)}


def test_an_outlet_is_named_once_and_a_story_of_one_outlet_is_marked(listed):
    rows = _rows(listed.get("/").text)
    one, two = rows["st-lock-one-outlet"], rows["st-lock-two-outlets"]
    assert 'data-label="Outlets">Tidewater Courier<' in one
    assert "one outlet" in one
    assert "one outlet" not in two and "Tidewater Courier" in two and OTHER in two
    seeds = [row for story_id, row in rows.items() if "Reuters" in row]
    assert seeds and all("one outlet" not in row for row in seeds)


def test_the_outlet_choices_fold_the_spellings_and_the_filter_matches_them_all(listed):
    page = listed.get("/").text
    choices = re.findall(r'<option value="([^"]*)"', page)
    assert choices.count("Tidewater Courier") == 1 and not any("(News)" in choice for choice in choices)
    assert not any(choice.lower().startswith("the tidewater") for choice in choices)
    filtered = _rows(listed.get("/", params={"outlet": "Tidewater Courier"}).text)
    assert set(filtered) == {"st-lock-one-outlet", "st-lock-two-outlets"}
    api = listed.get("/api/stories", params={"outlet": "Tidewater Courier"}).json()["stories"]
    assert {story["id"] for story in api} == {"st-lock-one-outlet", "st-lock-two-outlets"}
    only_other = _rows(listed.get("/", params={"outlet": OTHER}).text)
    assert set(only_other) == {"st-lock-two-outlets"}


def test_a_date_span_is_one_unbreakable_line(listed):
    row = _rows(listed.get("/").text)["st-lock-one-outlet"]
    assert re.search(r'data-label="Dates"><time>2024-08-10</time> – <time>2024-08-12</time></td>', row), row
    css = listed.get("/static/reader.css").text
    assert re.search(r"td\.dates[^{]*\{[^}]*white-space:\s*nowrap", css)
