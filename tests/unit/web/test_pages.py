"""The HTML pages over a real corpus: every chip lands on its sentence, text is escaped, boilerplate is greyed."""

from __future__ import annotations

import html
import re

from .conftest import story_ids
from .test_api import TOKEN, _article

CHIP = re.compile(r'<a class="chip" href="(/articles/[^"#]+)#(s-[0-9a-f]{12})" title="([^"]*)"')


def _marked_ids(page: str) -> set[str]:
    return set(re.findall(r'<(?:mark|span) class="cited" id="(s-[0-9a-f]{12})"', page))


def test_the_stories_page_lists_both_stories_with_links(client):
    ids = story_ids(client)
    page = client.get("/").text
    for story_id in ids.values():
        assert f'href="/stories/{story_id}"' in page
    assert "Harbourline Wire" in page and "11 articles in 2 stories" in page


def test_the_story_page_shows_the_disputed_start_day_with_its_attribution(client):
    page = client.get(f"/stories/{story_ids(client)['Kremlin']}").text
    cards = re.findall(r'<div class="conflict".*?</div>\s*</div>\s*</div>', page, flags=re.S)
    start_day = next(card for card in cards if "Monday" in card and "Tuesday" in card)
    assert "senior Turkish official" in start_day and "Peskov" in start_day
    assert "Press TV citing Reuters" in start_day
    assert 'class="coverage"' in page and 'class="contradicts"' in page
    assert '<svg class="timeline-chart"' in page


def test_every_chip_lands_on_a_marked_sentence_of_its_article(client):
    """Chips point at the sentence each source holds; the article page must carry that anchor."""
    ids = story_ids(client)
    total = missing = 0
    for story_id in ids.values():
        page = client.get(f"/stories/{story_id}").text
        articles: dict[str, set[str]] = {}
        for href, anchor, _title in CHIP.findall(page):
            if href not in articles:
                articles[href] = _marked_ids(client.get(href).text)
            total += 1
            missing += anchor not in articles[href]
    assert total > 200
    assert missing == 0, f"{missing} of {total} chips point at no marked sentence"


def test_summary_chips_cite_the_sentence_shown_in_their_title(client):
    page = client.get(f"/stories/{story_ids(client)['Kremlin']}").text
    summary = page.split('<section id="summary">')[1].split("</section>")[0]
    chips = CHIP.findall(summary)
    assert chips
    for href, anchor, title in chips:
        article = client.get(href).text
        marked = re.search(rf'id="{anchor}"[^>]*>(.*?)</mark>', article, flags=re.S)
        assert marked, (href, anchor)
        sentence = html.unescape(re.sub(r"<[^>]+>", "", marked.group(1)))
        assert html.unescape(title).split(": ", 1)[1] == sentence


def test_the_article_page_greys_boilerplate_with_its_reason(client):
    briefing = client.get(f"/api/stories/{story_ids(client)['Kremlin']}").json()
    removed_by_source = {}
    for line in briefing["removed"]:
        removed_by_source.setdefault(line["source"], []).append(line)
    source = max(briefing["sources"], key=lambda s: len(removed_by_source.get(s["id"], [])))
    page = client.get(f"/articles/{source['external_id']}").text
    greyed = re.findall(r'<p class="removed" title="removed: ([^"]+)">', page)
    assert len(greyed) >= len(removed_by_source[source["id"]]) >= 1
    assert page.count('<mark class="cited"') >= 1


def test_hostile_article_text_is_shown_as_text(client):
    hostile = _article(
        9,
        title='Harbour <script>window.pwned = 1</script> notice',
        text=(
            "The harbour office posted a notice about mooring fees on Monday. "
            '<img src=x onerror="window.pwned = 2"> Boat owners said the new fees were too high for small craft. '
            "<script>document.body.innerHTML = 'gone'</script> The office said it would meet owners next week "
            "to hear their objections before the fees take effect in the autumn."
        ),
    )
    assert client.post("/api/articles", json=hostile, headers=TOKEN).json()["added"] == 1
    story_id = client.get("/api/articles/ferry-9").json()["story_id"]
    for path in ("/articles/ferry-9", f"/stories/{story_id}", "/?q=mooring"):
        page = client.get(path).text
        assert "<script>window" not in page and "<script>document" not in page, path
        assert "<img src=x" not in page, path
        assert "&lt;script&gt;" in page, path


def test_a_disputed_summary_sentence_links_to_its_card_on_the_story_page(client):
    page = client.get(f"/stories/{story_ids(client)['Kremlin']}").text
    anchors = re.findall(r'<a class="disputed" href="#(conflict-\d+)">disputed</a>', page)
    assert anchors  # the seeds' summary tells the start day, which the sources dispute
    for anchor in anchors:
        assert f'<div class="conflict" id="{anchor}"' in page
