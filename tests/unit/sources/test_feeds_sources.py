"""Feeds fetched from the local server and saved as files, standard input, and the SOURCE dispatcher."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsweave.config import Settings
from newsweave.sources.address_guard import FetchPolicy
from newsweave.sources.dispatch import load_sources
from newsweave.sources.feeds import fetch_feed
from newsweave.sources.files import load_feed_file
from newsweave.sources.stdin import load_stdin

from .fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture
from .test_feeds import BILLION_LAUGHS, REFUSED, rss
from .test_fetch_guard import names

POLICY = FetchPolicy(sleep=lambda _: None)
RSS_TYPE = "application/rss+xml; charset=utf-8"


def full_item(title: str, text: str, link: str = "https://gazette.example/x") -> str:
    return f"<item><title>{title}</title><link>{link}</link><content:encoded>&lt;p&gt;{text}&lt;/p&gt;</content:encoded></item>"


def link_item(title: str, link: str, date: str = "Fri, 12 May 2023 08:30:00 GMT") -> str:
    return f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate></item>"


def test_fetched_feed_keeps_item_order_and_fetches_links(server: FixtureServer, article_page: str) -> None:
    article = server.route("/local/ferry", Reply(body=article_page.encode("utf-8")))
    missing = server.route("/local/gone", Reply(status=404))
    items = full_item("Storm warning", "Storm warnings were issued on Sunday.") + link_item("Ferry", article)
    items += link_item("Gone", missing)
    feed = server.route("/feed", Reply(body=rss(items).encode("utf-8"), content_type=RSS_TYPE))

    result = fetch_feed(feed, allow_private=True, policy=POLICY)

    first, second = result.documents
    assert (first.path, first.format, first.text) == (f"{feed}[0]", "feed", "Storm warnings were issued on Sunday.")
    assert (second.path, second.format, second.url) == (article, "url", article)
    assert second.title == "Ferry to pause for ramp repairs"  # the page's own title
    assert second.published == "Fri, 12 May 2023 08:30:00 GMT"  # the feed's date wins
    assert [(problem.input, problem.problem) for problem in result.problems] == [(f"{feed}[2] ({missing})", "HTTP 404 Not Found")]


def test_links_of_a_feed_are_checked_like_any_url(server: FixtureServer) -> None:
    # The feed's host is allowed by name; the loopback address its item links to is not.
    private = server.route("/private", Reply(body=b"<p>internal</p>"))
    server.route("/feed", Reply(body=rss(link_item("Inside", private)).encode(), content_type=RSS_TYPE))
    policy = FetchPolicy(
        sleep=lambda _: None, resolve=names({"news.example": ["127.0.0.1"]}), allow_hosts=frozenset({"news.example"})
    )

    result = load_sources([server.url("/feed", host="news.example")], policy=policy)

    assert (server.hits["/feed"], server.hits["/private"]) == (1, 0)
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (
            f"{server.url('/feed', host='news.example')}[0] ({private})",
            "refused: resolves to a loopback address (127.0.0.1); use --allow-private to fetch it",
        )
    ]


def test_billion_laughs_over_http_is_one_problem(server: FixtureServer) -> None:
    feed = server.route("/evil", Reply(body=BILLION_LAUGHS, content_type="application/xml"))
    result = fetch_feed(feed, allow_private=True, policy=POLICY)
    assert [str(problem) for problem in result.problems] == [f"{feed}: {REFUSED}"]


def test_feed_file_with_links_left_unfetched(tmp_path: Path) -> None:
    path = tmp_path / "saved.rss"
    items = full_item("Storm warning", "Storm warnings were issued on Sunday.") + link_item("Ferry", "https://g.example/f")
    path.write_text(rss(items), encoding="utf-8")

    result = load_feed_file(str(path), fetch_links=False)

    assert [document.path for document in result.documents] == [f"{path}[0]"]
    assert [problem.problem for problem in result.problems] == ["1 item(s) have only a link and were not fetched"]
    assert [str(p) for p in load_feed_file(str(tmp_path / "none.xml")).problems] == [f"{tmp_path}/none.xml: no such file or folder"]


def test_sources_are_loaded_in_the_order_given(
    server: FixtureServer, tmp_path: Path, article_page: str, story_paragraphs: tuple[str, ...]
) -> None:
    story = "\n\n".join(story_paragraphs)
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.txt").write_text(story, encoding="utf-8")
    (folder / "c.html").write_text(article_page, encoding="utf-8")
    (tmp_path / "local.rss").write_text(rss(full_item("Local", "A local item.")), encoding="utf-8")
    article = server.route("/article", Reply(body=article_page.encode("utf-8")))
    # Served as plain text, as some servers do: recognised as a feed by its root element.
    feed = server.route("/feed", Reply(body=rss(full_item("Remote", "A remote item.")).encode(), content_type="text/plain"))
    lines = [{"title": "Piped one", "text": story}, {"title": "Piped two", "text": story}]
    stdin = io.BytesIO("\n".join(json.dumps(line) for line in lines).encode("utf-8"))
    sources = [str(tmp_path / "a.txt"), article, str(folder), "-", str(tmp_path / "local.rss"), feed, str(tmp_path / "no.txt")]

    result = load_sources(sources, allow_private=True, stdin=stdin, policy=POLICY)

    assert [document.path for document in result.documents] == [
        str(tmp_path / "a.txt"),
        article,
        str(folder / "b.txt"),
        str(folder / "c.html"),
        "-:1",
        "-:2",
        f"{tmp_path / 'local.rss'}[0]",
        f"{feed}[0]",
    ]
    assert [document.format for document in result.documents] == ["text", "url", "text", "html", "jsonl", "jsonl", "feed", "feed"]
    assert [str(problem) for problem in result.problems] == [f"{tmp_path / 'no.txt'}: no such file or folder"]


def test_xml_that_is_not_a_feed_is_reported(server: FixtureServer) -> None:
    sitemap = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    url = server.route("/sitemap.xml", Reply(body=sitemap, content_type="application/xml"))
    result = load_sources([url], allow_private=True, policy=POLICY)
    assert [problem.problem for problem in result.problems] == ["not an RSS or Atom feed (the root element is <urlset>)"]


def test_refused_and_unfetchable_sources_are_problems_not_files(server: FixtureServer) -> None:
    url = server.route("/article", Reply(body=b"<p>hello</p>"))

    result = load_sources([url, "ftp://files.example/story.txt"], policy=POLICY)

    assert [problem.problem for problem in result.problems] == [
        "refused: resolves to a loopback address (127.0.0.1); use --allow-private to fetch it",
        "refused: only http and https URLs can be fetched, not ftp:",
    ]
    assert server.hits["/article"] == 0


def test_standard_input_is_read_once() -> None:
    result = load_sources(["-", "-"], stdin=io.BytesIO(b"A plain article piped in."))
    assert [document.text for document in result.documents] == ["A plain article piped in."]
    assert [problem.problem for problem in result.problems] == [
        "standard input is named more than once; it was read the first time"
    ]


def test_a_feed_piped_into_standard_input() -> None:
    piped = rss(full_item("Piped", "A piped feed item.")).encode("utf-8")
    (document,) = load_sources(["-"], stdin=io.BytesIO(piped)).documents
    assert (document.path, document.format, document.text) == ("-[0]", "feed", "A piped feed item.")


def test_standard_input_is_sniffed(article_page: str, story_paragraphs: tuple[str, ...]) -> None:
    jsonl = b'{"text": "one"}\n\n{"text": "two"}\n'
    assert [d.format for d in load_stdin(io.BytesIO(jsonl)).documents] == ["jsonl", "jsonl"]

    (page,) = load_stdin(io.BytesIO(article_page.encode("utf-8"))).documents
    assert (page.path, page.format, page.title) == ("-", "html", "Ferry to pause for ramp repairs")

    # A JSON line among text lines does not make the input JSONL.
    mixed = b'{"text": "one"}\nand then some prose.\n'
    (text,) = load_stdin(io.BytesIO(mixed)).documents
    assert (text.format, text.text) == ("text", mixed.decode())


def test_empty_oversized_and_terminal_standard_input() -> None:
    assert [p.problem for p in load_stdin(io.BytesIO(b" \n")).problems] == ["standard input is empty"]
    too_big = load_stdin(io.BytesIO(b"x" * 2000), Settings(max_input_bytes=1000)).problems
    assert [p.problem for p in too_big] == ["standard input is larger than the 1,000 bytes limit; raise max_input_bytes"]

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    assert [p.problem for p in load_stdin(Terminal()).problems] == ["standard input is a terminal; pipe the articles in"]
