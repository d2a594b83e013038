"""Fetching article URLs from a local server: pages, errors, retries, timeouts, size cap, redirects, refusals.

The fixture server listens on loopback, which the fetcher refuses by default;
tests of successful fetches therefore pass allow_private=True, and the tests
of refusal show that nothing reached the server.
"""

from __future__ import annotations

import json
import socket

import pytest

from newsweave.config import Settings
from newsweave.sources.address_guard import FetchPolicy, resolve_host
from newsweave.sources.fetch import fetch_urls

from .fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture

KOI8_TEXT = "Паром между Северным берегом и Вязовой пристанью остановится на три недели ради ремонта."


def quick_policy(sleeps: list[float] | None = None, **changes: object) -> FetchPolicy:
    """A policy that records back-off waits instead of sleeping."""
    recorded = sleeps if sleeps is not None else []
    return FetchPolicy(sleep=recorded.append, **changes)  # type: ignore[arg-type]


def page_reply(article_page: str) -> Reply:
    return Reply(body=article_page.encode("utf-8"))


def test_an_article_page_becomes_a_url_document(
    server: FixtureServer, article_page: str, story_paragraphs: tuple[str, ...]
) -> None:
    url = server.route("/local/ferry", page_reply(article_page))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert result.problems == ()
    (document,) = result.documents
    assert (document.format, document.path, document.url) == ("url", url, url)
    assert document.title == "Ferry to pause for ramp repairs"
    assert document.outlet == "Harbour Gazette"
    assert "\n\n".join(story_paragraphs) in document.text
    assert "Subscribe" not in document.text


def test_requests_name_newsweave_in_the_user_agent(server: FixtureServer, article_page: str) -> None:
    url = server.route("/a", page_reply(article_page))
    fetch_urls([url], allow_private=True, policy=quick_policy())
    assert server.request_headers[0]["user-agent"].startswith("newsweave")


def test_missing_page_is_one_line_problem(server: FixtureServer) -> None:
    url = server.route("/gone", Reply(status=404, body=b"<p>gone</p>"))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert result.documents == ()
    assert [str(problem) for problem in result.problems] == [f"{url}: HTTP 404 Not Found"]
    assert server.hits["/gone"] == 1  # a 404 is not retried


def test_server_error_is_retried_with_back_off(server: FixtureServer, article_page: str) -> None:
    url = server.route("/flaky", Reply(status=500, body=b"oops"), page_reply(article_page))
    sleeps: list[float] = []

    result = fetch_urls([url], allow_private=True, policy=quick_policy(sleeps))

    assert result.problems == ()
    assert len(result.documents) == 1
    assert server.hits["/flaky"] == 2
    assert sleeps == [1.0]


def test_lasting_server_error_gives_up_after_three_tries(server: FixtureServer) -> None:
    url = server.route("/down", Reply(status=503, body=b"busy"))
    sleeps: list[float] = []

    result = fetch_urls([url], allow_private=True, policy=quick_policy(sleeps))

    assert [problem.problem for problem in result.problems] == ["HTTP 503 Service Unavailable (after 3 tries)"]
    assert server.hits["/down"] == 3
    assert sleeps == [1.0, 2.0]  # exponential back-off


def test_short_retry_after_is_honoured(server: FixtureServer, article_page: str) -> None:
    busy = Reply(status=429, body=b"slow down", headers=(("Retry-After", "3"),))
    url = server.route("/limited", busy, page_reply(article_page))
    sleeps: list[float] = []

    result = fetch_urls([url], allow_private=True, policy=quick_policy(sleeps))

    assert len(result.documents) == 1
    assert sleeps == [3.0]


def test_long_retry_after_is_not_waited_for(server: FixtureServer) -> None:
    url = server.route("/limited", Reply(status=429, body=b"", headers=(("Retry-After", "3600"),)))
    sleeps: list[float] = []

    result = fetch_urls([url], allow_private=True, policy=quick_policy(sleeps))

    (problem,) = result.problems
    assert problem.problem == "HTTP 429 Too Many Requests (the server asks to wait 3600 s; try later)"
    assert sleeps == []
    assert server.hits["/limited"] == 1


def test_silent_server_times_out(server: FixtureServer) -> None:
    url = server.route("/silent", Reply(stall=True))

    result = fetch_urls([url], allow_private=True, policy=quick_policy(read_timeout=0.2))

    assert [problem.problem for problem in result.problems] == ["timed out after 0.2 s"]
    assert server.hits["/silent"] == 1  # a read timeout is not retried


def test_trickling_server_is_cut_off_by_the_total_deadline(server: FixtureServer) -> None:
    url = server.route("/trickle", Reply(content_type="text/plain", drip=True))

    settings = Settings(fetch_total_timeout=0.3)

    result = fetch_urls([url], settings, allow_private=True, policy=quick_policy(read_timeout=5))

    assert [problem.problem for problem in result.problems] == [
        "timed out: not done within the 0.3 s allowed per URL; raise fetch_total_timeout to wait longer"
    ]


def test_body_past_the_size_cap_is_abandoned(server: FixtureServer) -> None:
    huge = b"<p>" + b"word " * 50_000 + b"</p>"
    streamed = server.route("/streamed", Reply(body=huge, send_length=False))
    declared = server.route("/declared", Reply(body=huge))
    settings = Settings(max_input_bytes=1000)

    result = fetch_urls([streamed, declared], settings, allow_private=True, policy=quick_policy())

    expected = "response larger than the 1,000 bytes limit; raise max_input_bytes to fetch it"
    assert [(problem.input, problem.problem) for problem in result.problems] == [
        (streamed, expected),
        (declared, expected),
    ]


def test_connection_refused_is_retried_then_reported(unused_port: int) -> None:
    url = f"http://127.0.0.1:{unused_port}/article"
    sleeps: list[float] = []

    result = fetch_urls([url], allow_private=True, policy=quick_policy(sleeps))

    (problem,) = result.problems
    assert problem.problem.startswith("cannot connect (")
    assert problem.problem.endswith("(after 3 tries)")
    assert "refused" in problem.problem.lower()
    assert sleeps == [1.0, 2.0]


def test_redirects_are_followed_and_the_final_address_kept(server: FixtureServer, article_page: str) -> None:
    final = server.route("/story", page_reply(article_page))
    start = server.route("/s/1", Reply(status=301, headers=(("Location", "/story"),)))

    result = fetch_urls([start], allow_private=True, policy=quick_policy())

    (document,) = result.documents
    assert document.path == start
    assert document.url == final


def test_redirect_loop_stops(server: FixtureServer) -> None:
    url = server.route("/loop", Reply(status=302, headers=(("Location", "/loop"),)))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert [problem.problem for problem in result.problems] == ["too many redirects (more than 5)"]
    assert server.hits["/loop"] == 6


def test_page_without_article_text_is_reported(server: FixtureServer) -> None:
    url = server.route("/app", Reply(body=b"<html><body><script>render()</script></body></html>"))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert [problem.problem for problem in result.problems] == ["not an article page (no extractable text)"]


def test_plain_text_and_json_are_read_by_content_type(server: FixtureServer, story_paragraphs: tuple[str, ...]) -> None:
    text = "\n\n".join(story_paragraphs)
    plain = server.route("/plain", Reply(body=text.encode("utf-8"), content_type="text/plain; charset=utf-8"))
    article = {"title": "Ferry to pause", "outlet": "Harbour Gazette", "text": text}
    as_json = server.route("/json", Reply(body=json.dumps(article).encode("utf-8"), content_type="application/json"))

    result = fetch_urls([plain, as_json], allow_private=True, policy=quick_policy())

    assert result.problems == ()
    first, second = result.documents
    assert (first.format, first.path, first.url, first.text) == ("url", plain, plain, text)
    assert (second.format, second.title, second.outlet, second.url) == ("url", "Ferry to pause", "Harbour Gazette", as_json)


def test_articles_in_a_json_list_keep_their_own_urls(server: FixtureServer) -> None:
    articles = [{"text": "One.", "url": "https://a.example/1"}, {"text": "Two."}]
    url = server.route("/list", Reply(body=json.dumps(articles).encode("utf-8"), content_type="application/json"))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert [(d.path, d.url, d.format) for d in result.documents] == [
        (f"{url}[0]", "https://a.example/1", "url"),
        (f"{url}[1]", None, "url"),
    ]


def test_header_charset_decodes_a_page_that_declares_none(server: FixtureServer) -> None:
    page = f"<html><body><article><p>{KOI8_TEXT}</p><p>{KOI8_TEXT}</p></article></body></html>"
    url = server.route("/koi8", Reply(body=page.encode("koi8-r"), content_type="text/html; charset=koi8-r"))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    (document,) = result.documents
    assert KOI8_TEXT in document.text


def test_other_content_types_are_not_articles(server: FixtureServer) -> None:
    url = server.route("/logo.png", Reply(body=b"\x89PNG\r\n\x1a\n....", content_type="image/png"))

    result = fetch_urls([url], allow_private=True, policy=quick_policy())

    assert [problem.problem for problem in result.problems] == ["not an article page (content type image/png)"]


def test_one_bad_url_does_not_stop_the_others(server: FixtureServer, article_page: str) -> None:
    first = server.route("/one", page_reply(article_page))
    missing = server.route("/missing", Reply(status=404))
    third = server.route("/three", page_reply(article_page))

    result = fetch_urls([first, missing, "ftp://files.example/a.txt", third], allow_private=True, policy=quick_policy())

    assert [document.path for document in result.documents] == [first, third]
    assert [problem.input for problem in result.problems] == [missing, "ftp://files.example/a.txt"]


def test_the_real_resolver_reads_ip_literals_without_dns() -> None:
    assert resolve_host("127.0.0.1", 80) == ("127.0.0.1",)
    assert resolve_host("2130706433", 80) == ("127.0.0.1",)  # the decimal form the C resolver accepts


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (bound once to pick it, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
