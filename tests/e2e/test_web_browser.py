"""The web reader driven by a real headless Chromium, against the real server and a real database.

Why each test matters:
- stories list: the first page a reader sees must list every story the CLI ingested, and render.
- story page: conflict cards and the coverage matrix are the point of a briefing; the seeds
  disagree on Tuesday vs Monday, so a page without that card or a ✕ cell has lost the finding.
- citation chips: every finding must link to the exact sentence it came from; a chip that lands
  on the wrong, missing, hidden or off-screen element breaks the reader's trust in the summary.
- hostile article: article text is untrusted; it must show as text and never run (escaping plus
  the Content-Security-Policy), in the article page, the story page and the search results.
- boilerplate toggle: the only JavaScript on the site; it must actually hide the greyed lines.
- outlet filter: the list form must narrow the stories to the chosen outlet.

Chromium comes from the system (`.ci/run` installs Debian's package); no browser is downloaded
and no page may load anything from outside the local server. Without Chromium these tests are
skipped, except in CI where that is an error (browser_lookup.py).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from newsweave.web.app import create_app
from newsweave.web.state import WebOptions

from .browser_lookup import decide, find_chromium

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLE_DIR = REPO_ROOT / "examples" / "sample-story"
SAMPLE_ARTICLE = "aurvik-post-en-88412"  # the id the sample's .jsonl gives one of its articles
HOSTILE_ID = "hostile-fair-1"
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
HOSTILE = {  # an invented article with markup inside ordinary sentences
    "id": HOSTILE_ID, "outlet": "Quillbrook Gazette", "published": "2024-05-11",
    "title": f"Village fair {SCRIPT} draws a record crowd",
    "text": "The annual village fair in Quillbrook drew a record crowd on Saturday, organisers said, with more "
    "than four thousand visitors passing through the gates before noon. A stall holder who sold pickled pears "
    f"wrote {SCRIPT} on her chalkboard as a joke for the programmers in town. The baking contest was won by a "
    "retired postman whose rhubarb tart impressed all three judges. Another stall showed a picture frame "
    f"labelled {IMG} which puzzled the parish council. Organisers said the fair raised enough money to repair "
    "the roof of the village hall before the winter storms arrive.",
}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHIP_PREFIX = re.compile(r"^S\d+(?: \([^)]*\))?: ")


def normalised(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A database made by the real `newsweave ingest`, and the ids of its three stories."""
    cli = Path(sys.executable).with_name("newsweave")
    assert cli.exists(), f"no newsweave script next to {sys.executable}; install the project (make install)"
    assert SEEDS_DIR.is_dir(), f"the shared seeds are missing: expected them at {SEEDS_DIR}"
    work = tmp_path_factory.mktemp("web")
    hostile = work / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = work / "corpus.db"
    subprocess.run([cli, "ingest", SEEDS_DIR, SAMPLE_DIR, hostile, "--db", db, "--quiet"], check=True, timeout=300)
    listed = subprocess.run(
        [cli, "stories", "--format", "json", "--db", db], check=True, capture_output=True, text=True, timeout=60
    )
    stories = json.loads(listed.stdout)["stories"]

    def story_with(test) -> str:
        [found] = [s["id"] for s in stories if any(test(a) for a in s["articles"])]  # exactly one
        return found

    return {"db": db, "stories": stories, "seeds": story_with(lambda a: a["outlet"] == "Reuters"),
            "sample": story_with(lambda a: a["id"] == SAMPLE_ARTICLE),
            "hostile": story_with(lambda a: a["id"] == HOSTILE_ID)}


@pytest.fixture(scope="module")
def base_url(corpus: dict) -> Iterator[str]:
    """The real application served by uvicorn on a free local port, in a background thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(WebOptions(db_path=str(corpus["db"]), warm=False))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    assert not thread.is_alive(), "the web server did not stop"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Every test asks for `page`, whose first fixture is this one: a missing browser is found
    # before the corpus is ingested.
    decision = decide(find_chromium(os.environ), os.environ)
    if decision.action == "skip":
        pytest.skip(decision.reason)
    if decision.action == "fail" or decision.executable is None:
        pytest.fail(decision.reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=decision.executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh page that may only talk to the local server; anything else is refused and fails the test."""
    yield from _local_page(browser, base_url)


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    """The same, on a phone's screen: 375 CSS pixels wide."""
    yield from _local_page(browser, base_url, viewport={"width": 375, "height": 740}, is_mobile=True)


def _local_page(browser: Browser, base_url: str, **options) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, **options)
    outside: list[str] = []

    def local_only(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or url.startswith(base_url + "/"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", local_only)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()
    assert not outside, f"pages tried to reach outside the local server: {outside}"


def story_link(page: Page, story_id: str):
    return page.locator(f'tr.story-row[data-story="{story_id}"] a.story-link')


def test_stories_page_lists_ingested_stories(page: Page, corpus: dict, tmp_path: Path) -> None:
    page.goto("/")
    expect(page.locator("tr.story-row")).to_have_count(len(corpus["stories"]))
    seeds = normalised(story_link(page, corpus["seeds"]).inner_text())
    assert "Kremlin" in seeds or "talks" in seeds, seeds
    expect(story_link(page, corpus["sample"])).to_contain_text("Merrow Sound Bridge")
    shot = tmp_path / "stories.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_story_of_one_outlet_is_marked_and_the_others_are_not(page: Page, corpus: dict) -> None:
    page.goto("/")
    row = page.locator(f'tr.story-row[data-story="{corpus["hostile"]}"]')
    expect(row.locator(".single-outlet")).to_be_visible()
    for many in (corpus["seeds"], corpus["sample"]):
        expect(page.locator(f'tr.story-row[data-story="{many}"] .single-outlet')).to_have_count(0)


def test_pages_fit_a_phone_screen(phone: Page, corpus: dict, tmp_path: Path) -> None:
    """No page is wider than a 375-pixel screen: the stories table turns into cards, wide tables scroll inside."""
    paths = ["/", f"/stories/{corpus['seeds']}", f"/stories/{corpus['sample']}", f"/articles/{SAMPLE_ARTICLE}"]
    for path in paths:
        phone.goto(path)
        overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow} px wider than the phone's screen"
    phone.goto("/")
    expect(phone.locator("table.stories thead")).to_be_hidden()
    expect(story_link(phone, corpus["sample"])).to_be_visible()
    shot = tmp_path / "stories-phone.png"
    phone.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_story_page_shows_conflict_and_coverage(page: Page, corpus: dict) -> None:
    page.goto("/")
    story_link(page, corpus["seeds"]).click()
    page.wait_for_url(f"**/stories/{corpus['seeds']}")
    sides = [normalised(text) for text in page.locator(".conflict .side .value").all_inner_texts()]
    assert any(s.startswith("Tuesday") for s in sides) and any(s.startswith("Monday") for s in sides), sides
    card = page.locator(".conflict").filter(has_text="Tuesday").filter(has_text="Monday")
    expect(card.first).to_be_visible()
    expect(page.locator("table.coverage")).to_have_count(1)
    assert page.locator("table.coverage td.contradicts").count() >= 1


def check_chip_landed(page: Page, href: str, title: str) -> None:
    """The browser, sent to a chip's link, shows the highlighted sentence the chip's title names."""
    path, _, anchor = href.partition("#")
    assert path.startswith("/articles/") and anchor.startswith("s-"), href
    assert urlsplit(page.url).path == path and urlsplit(page.url).fragment == anchor, (page.url, href)
    target = page.locator(f'[id="{anchor}"]')
    expect(target).to_have_count(1)
    assert target.evaluate("e => e.matches('mark.cited')"), f"{href} lands on {target.evaluate('e => e.outerHTML')}"
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    assert normalised(target.text_content()) == normalised(CHIP_PREFIX.sub("", title, count=1)), href


def test_citation_chips_land_on_their_sentences(page: Page, corpus: dict) -> None:
    story = f"/stories/{corpus['seeds']}"
    page.goto(story)
    summary = [(c.get_attribute("href"), c.get_attribute("title")) for c in page.locator("#summary a.chip").all()]
    assert len(summary) >= 3, summary
    sides = page.locator(".conflict .side").count()
    assert sides >= 2
    page.locator("#summary a.chip").first.click()  # the first by a real click, the rest by opening the link
    page.wait_for_url(f"**{summary[0][0]}")
    for number, (href, title) in enumerate(summary):
        if number:
            page.goto(href)
        check_chip_landed(page, href, title)
    for side in range(sides):  # the first chip of every side of every conflict card
        page.goto(story)
        chip = page.locator(".conflict .side").nth(side).locator("a.chip").first
        href, title = chip.get_attribute("href"), chip.get_attribute("title")
        chip.click()
        page.wait_for_url(f"**{href}")
        check_chip_landed(page, href, title)


def assert_inert(page: Page, response, where: str, whole_text: bool = True) -> None:
    """The hostile markup is on the page as text, and none of it became an element or ran."""
    assert "script-src 'self'" in response.headers.get("content-security-policy", ""), where
    assert page.evaluate("window.__pwned") is None, where
    text = page.locator("main").inner_text()
    assert SCRIPT in text, where
    if whole_text:  # a search snippet shows only the words around the match
        assert IMG in text, where
    assert page.locator("script:not([src]), img[onerror], [onerror]").count() == 0, where


def test_hostile_article_is_shown_as_text(page: Page, corpus: dict) -> None:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto("/")
    page.locator("form.search input[name=q]").fill("pickled")
    with page.expect_navigation() as searched:
        page.locator("form.search button[type=submit]").click()
    assert_inert(page, searched.value, "search results", whole_text=False)
    with page.expect_navigation() as opened:
        page.locator(".hits a", has_text="Village fair").click()
    assert urlsplit(page.url).path == f"/articles/{HOSTILE_ID}"
    assert_inert(page, opened.value, "article page")
    assert_inert(page, page.goto(f"/stories/{corpus['hostile']}"), "story page")
    assert problems == []


def test_boilerplate_toggle_hides_removed_lines(page: Page, corpus: dict) -> None:
    page.goto(f"/stories/{corpus['seeds']}")
    page.locator("table.sources a", has_text="Reuters").first.click()
    page.wait_for_url("**/articles/**")
    removed = page.locator("p.removed")
    assert removed.count() >= 1 and removed.first.is_visible()
    toggle = page.locator("button.toggle-removed")
    expect(toggle).to_be_visible()  # hidden in the HTML; the script shows it
    toggle.click()
    for line in removed.all():
        expect(line).to_be_hidden()
    expect(toggle).to_have_text("Show boilerplate")
    toggle.click()
    expect(removed.first).to_be_visible()


def test_outlet_filter_lists_only_that_outlets_stories(page: Page, corpus: dict) -> None:
    page.goto("/")
    form = page.locator("form.filters")
    form.locator("select[name=outlet]").select_option("Reuters")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "outlet=Reuters" in page.url
    rows = page.locator("tr.story-row")
    ids = {row.get_attribute("data-story") for row in rows.all()}
    assert ids == {s["id"] for s in corpus["stories"] if "Reuters" in s["outlets"]} == {corpus["seeds"]}, ids
    for row in rows.all():
        assert "Reuters" in row.locator("td").nth(1).inner_text().split(", ")
    expect(form.locator("select[name=outlet]")).to_have_value("Reuters")
