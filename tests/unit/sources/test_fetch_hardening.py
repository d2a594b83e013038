"""Fetching against hostile or broken servers: bad redirects, trickled replies, compression bombs, credentials.

Every server here is the loopback fixture server started by the test. Time is
never asserted: a fetch that must end runs in a thread joined with a generous
hang guard, and what is checked is the one-line problem it reports.
"""

from __future__ import annotations

import gzip
import threading
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from newsweave.config import Settings
from newsweave.model import LoadResult
from newsweave.sources import load_sources
from newsweave.sources.address_guard import FetchPolicy
from newsweave.sources.fetch import fetch_urls
from newsweave.sources.inflate import STEP_BYTES, decoded
from newsweave.sources.limits import describe_limit

from .fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture

HANG_GUARD_SECONDS = 30.0  # far beyond any deadline set here; reaching it means the fetch hung
NO_WAIT = FetchPolicy(sleep=lambda _: None)


def in_thread(fetch: Callable[[], LoadResult]) -> LoadResult:
    """Run `fetch` in a thread and fail the test, rather than hang it, if it does not return."""
    results: list[LoadResult] = []
    worker = threading.Thread(target=lambda: results.append(fetch()), daemon=True)
    worker.start()
    worker.join(HANG_GUARD_SECONDS)
    assert not worker.is_alive(), f"the fetch was still running after {HANG_GUARD_SECONDS:g} s"
    (result,) = results
    return result


# --------------------------------------------------------------------------- bad redirects


BAD_LOCATIONS = [
    "http:\\\\news.example\\story",  # backslashes: a scheme and no host
    "http://[::1",  # an unclosed IPv6 literal
    "http://xn--a.example/",  # punycode that does not decode
    "https:",  # a scheme alone
]


@pytest.mark.parametrize("location", BAD_LOCATIONS)
@pytest.mark.parametrize("own_client", [False, True], ids=["guarded client", "caller's client"])
def test_a_bad_redirect_is_one_problem_and_the_other_urls_go_on(
    server: FixtureServer, article_page: str, location: str, own_client: bool
) -> None:
    bad = server.route("/bad-redirect", Reply(status=302, headers=(("Location", location),)))
    good = server.route("/story", Reply(body=article_page.encode("utf-8")))

    if own_client:
        with httpx.Client(trust_env=False) as client:
            result = fetch_urls([bad, good], allow_private=True, client=client, policy=NO_WAIT)
    else:
        result = fetch_urls([bad, good], allow_private=True, policy=NO_WAIT)

    assert [document.path for document in result.documents] == [good]
    (problem,) = result.problems
    assert problem.input == bad
    assert problem.problem.startswith("redirected to an invalid URL (")
    assert "\n" not in str(problem)
    assert server.hits["/bad-redirect"] == 1  # a broken Location is not a passing failure: no retry


# --------------------------------------------------------------------------- the total deadline


def test_headers_trickled_one_byte_at_a_time_end_at_the_total_deadline(server: FixtureServer) -> None:
    url = server.route("/slow-head", Reply(drip_head=True))
    settings = Settings(fetch_total_timeout=2.0)
    policy = FetchPolicy(sleep=lambda _: None, read_timeout=5.0)  # each byte comes well within the read timeout

    result = in_thread(lambda: fetch_urls([url], settings, allow_private=True, policy=policy))

    assert [str(problem) for problem in result.problems] == [
        f"{url}: timed out: not done within the 2 s allowed per URL; raise fetch_total_timeout to wait longer"
    ]
    assert server.hits["/slow-head"] == 1


def test_a_trickled_body_ends_at_the_total_deadline(server: FixtureServer) -> None:
    url = server.route("/slow-body", Reply(content_type="text/plain", drip=True))
    settings = Settings(fetch_total_timeout=2.0)

    result = in_thread(lambda: fetch_urls([url], settings, allow_private=True, policy=NO_WAIT))

    (problem,) = result.problems
    assert problem.input == url
    assert problem.problem.startswith("timed out: not done within the 2 s allowed per URL")


def test_retries_stop_when_their_wait_would_pass_the_total_deadline(server: FixtureServer) -> None:
    url = server.route("/busy", Reply(status=503, body=b"busy"))
    sleeps: list[float] = []
    policy = FetchPolicy(sleep=sleeps.append, backoff_seconds=5.0)

    result = fetch_urls([url], Settings(fetch_total_timeout=2.0), allow_private=True, policy=policy)

    assert [problem.problem for problem in result.problems] == [
        "HTTP 503 Service Unavailable (no time left to try again within the 2 s allowed per URL)"
    ]
    assert sleeps == []
    assert server.hits["/busy"] == 1


# --------------------------------------------------------------------------- compression bombs


def zeros_gzipped(megabytes: int) -> bytes:
    """`megabytes` MiB of zero bytes, gzipped, built a block at a time so the test itself stays small."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def zeros_deflated(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """200 MiB of zeros under each coding: a few hundred KB on the wire, twice gzipped a few KB."""
    once = zeros_gzipped(200)
    return {"gzip, gzip": gzip.compress(once, 9), "gzip": once, "deflate": zeros_deflated(200)}


@pytest.mark.parametrize("coding", ["gzip, gzip", "gzip", "deflate"])
def test_a_compression_bomb_is_refused_without_expanding_in_memory(
    server: FixtureServer, bombs: dict[str, bytes], coding: str
) -> None:
    url = server.route("/bomb", Reply(body=bombs[coding], headers=(("Content-Encoding", coding),)))
    settings = Settings(max_input_bytes=1_000_000)

    tracemalloc.start()
    try:
        result = fetch_urls([url], settings, allow_private=True, policy=NO_WAIT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # Decoded a network chunk at a time, as httpx does, this peaked at 140-440 MiB; a step at a time, near 1.5 MiB.
    assert peak < 50 * 2**20, f"memory peaked at {peak / 2**20:.0f} MiB"
    assert [problem.problem for problem in result.problems] == [
        f"response larger than the {describe_limit(1_000_000)} limit; raise max_input_bytes to fetch it "
        "(it grows past it when decompressed)"
    ]


def test_a_compressed_body_is_capped_as_sent_too(server: FixtureServer) -> None:
    # 100,000 empty gzip members: 2 MB on the wire that decode to nothing at all.
    empty_members = gzip.compress(b"") * 100_000
    url = server.route("/empty", Reply(body=empty_members, headers=(("Content-Encoding", "gzip"),), send_length=False))

    result = fetch_urls([url], Settings(max_input_bytes=100_000), allow_private=True, policy=NO_WAIT)

    assert [problem.problem for problem in result.problems] == [
        f"response larger than the {describe_limit(100_000)} limit; raise max_input_bytes to fetch it"
    ]


@pytest.mark.parametrize("coding", ["br", "zstd", "gzip, gzip, gzip, gzip"])
def test_codings_that_are_not_read_step_by_step_are_refused(server: FixtureServer, coding: str) -> None:
    url = server.route("/packed", Reply(body=b"\x1b\x00\x00\x00 not a page", headers=(("Content-Encoding", coding),)))

    result = fetch_urls([url], allow_private=True, policy=NO_WAIT)

    (problem,) = result.problems
    assert problem.input == url
    expected = "layers of content encoding" if "," in coding else f"content encoding {coding} is not supported"
    assert expected in problem.problem


def test_compressed_pages_still_read(server: FixtureServer, article_page: str, story_paragraphs: tuple[str, ...]) -> None:
    page = article_page.encode("utf-8")
    urls = [
        server.route("/gz", Reply(body=gzip.compress(page), headers=(("Content-Encoding", "gzip"),))),
        server.route("/zlib", Reply(body=zlib.compress(page), headers=(("Content-Encoding", "deflate"),))),
        server.route("/raw", Reply(body=zlib.compress(page)[2:-4], headers=(("Content-Encoding", "deflate"),))),
        server.route(
            "/twice", Reply(body=gzip.compress(gzip.compress(page)), headers=(("Content-Encoding", "gzip, gzip"),))
        ),
    ]

    result = fetch_urls(urls, allow_private=True, policy=NO_WAIT)

    assert result.problems == ()
    assert [document.path for document in result.documents] == urls
    assert all(story_paragraphs[0] in document.text for document in result.documents)
    assert server.request_headers[0]["accept-encoding"] == "gzip, deflate"


def test_the_decoder_never_hands_on_more_than_a_step() -> None:
    pieces = decoded([gzip.compress(gzip.compress(bytes(10 * STEP_BYTES + 7)))], ("gzip", "gzip"))
    sizes = [len(piece) for piece in pieces]
    assert max(sizes) <= STEP_BYTES
    assert sum(sizes) == 10 * STEP_BYTES + 7


# --------------------------------------------------------------------------- feed items and credentials


def link_feed(*links: str) -> bytes:
    items = "".join(f"<item><title>Item {number}</title><link>{link}</link></item>" for number, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def test_a_failing_feed_link_names_the_feed_and_the_item(server: FixtureServer, tmp_path: Path, article_page: str) -> None:
    good = server.route("/good", Reply(body=article_page.encode("utf-8")))
    gone = server.route("/gone", Reply(status=404))
    feed = tmp_path / "wire.xml"
    feed.write_bytes(link_feed(good, gone))

    result = load_sources([str(feed)], allow_private=True, policy=NO_WAIT)

    assert [document.url for document in result.documents] == [good]
    assert [str(problem) for problem in result.problems] == [f"{feed}[1] ({gone}): HTTP 404 Not Found"]


def with_password(url: str) -> str:
    return url.replace("//", "//reader:s3cret@", 1)


def test_credentials_in_urls_are_sent_but_never_repeated(server: FixtureServer, article_page: str) -> None:
    server.route("/story", Reply(body=article_page.encode("utf-8")))
    server.route("/gone", Reply(status=404))
    server.route("/away", Reply(status=302, headers=(("Location", "ftp://reader:s3cret@files.example/a"),)))
    server.route("/feed", Reply(body=link_feed(with_password(server.url("/gone")))))
    story, gone, away, feed = (with_password(server.url(path)) for path in ("/story", "/gone", "/away", "/feed"))

    result = load_sources([story, gone, away, feed], allow_private=True, policy=NO_WAIT)

    shown = "http://***@" + server.url("/")[len("http://") :]
    assert [(document.path, document.url) for document in result.documents] == [(shown + "story", shown + "story")]
    assert [str(problem) for problem in result.problems] == [
        f"{shown}gone: HTTP 404 Not Found",
        f"{shown}away: redirected to ftp://***@files.example/a: refused: only http and https URLs can be fetched, not ftp:",
        f"{shown}feed[0] ({shown}gone): HTTP 404 Not Found",
    ]
    assert "s3cret" not in repr(result)
    assert server.request_headers[0]["authorization"].startswith("Basic ")  # still used to fetch
