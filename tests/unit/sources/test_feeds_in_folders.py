"""Feed files met while walking folders: read as feeds, fetched only when the caller allows the network."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsweave.config import Settings
from newsweave.sources import address_guard, load_inputs
from newsweave.sources.dispatch import load_sources
from newsweave.sources.files import LINK_ONLY_ITEM

from .fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture
from .test_feeds import rss
from .test_feeds_sources import POLICY, full_item, link_item

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northbank Courier</title>
  <entry><title>Quay lights</title><content type="html">&lt;p&gt;The quay lights were fixed.&lt;/p&gt;</content></entry>
</feed>"""


@pytest.fixture
def no_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to open an HTTP client."""

    def refuse(**_: object) -> httpx.Client:
        raise AssertionError("an HTTP client was made; loading files must not touch the network")

    monkeypatch.setattr(address_guard, "make_client", refuse)


def test_feed_files_in_a_folder_are_read_as_feeds(tmp_path: Path, no_clients: None) -> None:
    (tmp_path / "a.txt").write_text("A plain local story.", encoding="utf-8")
    (tmp_path / "b.xml").write_text(rss(full_item("Storm", "Storm warnings were issued.")), encoding="utf-8")
    (tmp_path / "c.atom").write_text(ATOM_FEED, encoding="utf-8")
    (tmp_path / "d.RSS").write_text(rss(full_item("Ferry", "The ferry pauses.")), encoding="utf-8")

    result = load_inputs([str(tmp_path)])

    assert [(document.path, document.format) for document in result.documents] == [
        (str(tmp_path / "a.txt"), "text"),
        (f"{tmp_path / 'b.xml'}[0]", "feed"),
        (f"{tmp_path / 'c.atom'}[0]", "feed"),
        (f"{tmp_path / 'd.RSS'}[0]", "feed"),
    ]
    assert [document.text for document in result.documents[1:]] == [
        "Storm warnings were issued.",
        "The quay lights were fixed.",
        "The ferry pauses.",
    ]
    assert result.problems == ()


def test_load_inputs_skips_link_only_items_without_fetching(
    server: FixtureServer, tmp_path: Path, article_page: str, no_clients: None
) -> None:
    article = server.route("/local/ferry", Reply(body=article_page.encode("utf-8")))
    storm = full_item("Storm", "Storm warnings were issued.")
    items = link_item("Ferry", article) + storm + link_item("Bridge", article)
    feed = tmp_path / "news" / "gazette.xml"
    feed.parent.mkdir()
    feed.write_text(rss(items), encoding="utf-8")

    # A folder (as `newsweave brief` loads it) and the feed named on its own read alike.
    for given in (feed.parent, feed):
        result = load_inputs([str(given)])

        assert [document.path for document in result.documents] == [f"{feed}[1]"]
        assert [(problem.input, problem.problem) for problem in result.problems] == [
            (f"{feed}[0]", LINK_ONLY_ITEM),
            (f"{feed}[2]", LINK_ONLY_ITEM),
        ]
    assert server.hits["/local/ferry"] == 0
    assert LINK_ONLY_ITEM == "the item has no text and would need fetching; ingest the feed with `newsweave ingest`"


def test_load_sources_fetches_the_links_of_feeds_in_folders(
    server: FixtureServer, tmp_path: Path, article_page: str
) -> None:
    article = server.route("/local/ferry", Reply(body=article_page.encode("utf-8")))
    missing = server.route("/local/gone", Reply(status=404))
    items = full_item("Storm", "Storm warnings were issued.") + link_item("Ferry", article) + link_item("Gone", missing)
    (tmp_path / "feed.rss").write_text(rss(items), encoding="utf-8")
    (tmp_path / "z.txt").write_text("A plain local story.", encoding="utf-8")

    result = load_sources([str(tmp_path)], allow_private=True, policy=POLICY)

    assert [(document.path, document.format) for document in result.documents] == [
        (f"{tmp_path / 'feed.rss'}[0]", "feed"),
        (article, "url"),
        (str(tmp_path / "z.txt"), "text"),
    ]
    assert result.documents[1].published == "Fri, 12 May 2023 08:30:00 GMT"  # the feed's date, as for named feeds
    assert [str(problem) for problem in result.problems] == [f"{tmp_path / 'feed.rss'}[2] ({missing}): HTTP 404 Not Found"]
    assert server.hits["/local/ferry"] == 1


def test_load_sources_guards_the_links_of_feeds_in_folders(server: FixtureServer, tmp_path: Path) -> None:
    private = server.route("/private", Reply(body=b"<p>internal</p>"))
    (tmp_path / "feed.xml").write_text(rss(link_item("Inside", private)), encoding="utf-8")

    result = load_sources([str(tmp_path)], policy=POLICY)

    assert result.documents == ()
    assert [problem.problem for problem in result.problems] == [
        "refused: resolves to a loopback address (127.0.0.1); use --allow-private to fetch it"
    ]
    assert server.hits["/private"] == 0


def test_feeds_in_folders_that_cannot_be_used_are_problems(tmp_path: Path, no_clients: None) -> None:
    (tmp_path / "broken.xml").write_text("<rss><channel>", encoding="utf-8")
    (tmp_path / "empty.atom").write_bytes(b"")
    (tmp_path / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "utf-8")
    (tmp_path / "big.rss").write_text(rss(full_item("Big", "word " * 100)), encoding="utf-8")

    result = load_inputs([str(tmp_path)], Settings(max_input_bytes=400))

    problems = {Path(problem.input).name: problem.problem for problem in result.problems}
    assert result.documents == ()
    assert problems["broken.xml"].startswith("not a well-formed feed")
    assert problems["empty.atom"] == "empty feed"
    assert problems["sitemap.xml"] == "not an RSS or Atom feed (the root element is <urlset>)"
    assert problems["big.rss"].startswith("file is ") and problems["big.rss"].endswith("raise max_input_bytes")


def test_a_feed_reached_twice_is_loaded_once(tmp_path: Path, no_clients: None) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(full_item("Storm", "Storm warnings were issued.")), encoding="utf-8")

    result = load_inputs([str(tmp_path), str(feed)])

    assert [document.path for document in result.documents] == [f"{feed}[0]"]
    assert [problem.problem for problem in result.problems] == ["already loaded (reached more than once); skipped"]
