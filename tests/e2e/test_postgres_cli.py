"""The commands on a PostgreSQL database, named by URL: ingest, list, search, export, brief, serve.

Runs on the server NEWSWEAVE_TEST_POSTGRES names, one fresh schema per test
(see tests/postgres_server.py); skipped without one, unless NEWSWEAVE_REQUIRE_POSTGRES=1.
The same commands on SQLite files are in test_corpus_cli.py and test_serve_cli.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from ..postgres_server import PostgresServer, postgres_server  # noqa: F401  (a fixture)
from .conftest import REPO_ROOT, SAMPLE_DIR

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
SECRET = "hunter2"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([NEWSWEAVE, *args], capture_output=True, cwd=REPO_ROOT, env=env, timeout=600)


def with_password(url: str, database: str | None = None) -> tuple[str, str]:
    """`url` with a password in it (the test server trusts loopback users, so any will do), and that password."""
    parts = urlsplit(url)
    secret = parts.password or SECRET
    netloc = f"{parts.username or 'newsweave'}:{secret}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, f"/{database}" if database else parts.path, parts.query, "")), secret


@pytest.fixture
def url(postgres_server: PostgresServer) -> Iterator[str]:  # noqa: F811  (the imported fixture)
    with postgres_server.fresh_schema() as fresh:
        yield fresh


def test_ingest_list_search_export_brief_by_url(url):
    result = run("ingest", str(SAMPLE_DIR), "--db", url, "--quiet")
    assert result.returncode == 0, result.stderr
    assert b"6 added" in result.stdout
    again = run("ingest", str(SAMPLE_DIR), "--db", url, "--quiet")
    assert again.returncode == 0 and b"0 added, 6 already stored" in again.stdout

    listing = json.loads(run("stories", "--db", url, "--format", "json").stdout)
    assert sum(len(story["articles"]) for story in listing["stories"]) == 6
    hits = json.loads(run("search", "bridge", "--db", url, "--format", "json").stdout)["hits"]
    assert hits and all("**" in hit["snippet"] or "bridge" in (hit["title"] or "").lower() for hit in hits)
    assert run("search", '"unbalanced -( NEAR & !', "--db", url).returncode == 0
    exported = run("export", "--db", url).stdout.decode().splitlines()
    assert len(exported) == 6 and all(json.loads(line)["raw_text"] for line in exported)

    biggest = max(listing["stories"], key=lambda story: len(story["articles"]))
    briefing = run("brief", "--story", biggest["id"], "--db", url, "--format", "json")
    assert briefing.returncode == 0, briefing.stderr
    assert len(json.loads(briefing.stdout)["sources"]) == len(biggest["articles"])


def test_newsweave_db_may_hold_a_url(url):
    environ = {**os.environ, "NEWSWEAVE_DB": url}
    assert run("ingest", str(SAMPLE_DIR), "--quiet", env=environ).returncode == 0
    stories = json.loads(run("stories", "--format", "json", env=environ).stdout)["stories"]
    assert sum(len(story["articles"]) for story in stories) == 6


def test_reading_commands_refuse_a_schema_without_a_corpus_and_leave_it_empty(url, postgres_server):
    for command in (["stories"], ["search", "bridge"], ["export"], ["brief", "--story", "st-1"], ["serve"]):
        result = run(*command, "--db", url)
        assert result.returncode == 2, command
        assert b"no newsweave database yet" in result.stderr and result.stderr.count(b"\n") == 1
    assert run("ingest", str(SAMPLE_DIR), "--db", url, "--quiet").returncode == 0  # ingest creates it


def test_connection_failures_are_one_line_without_the_password(postgres_server):
    unknown, secret = with_password(postgres_server.url, database="no_such_newsweave_db")
    unreachable = f"postgresql://reader:{SECRET}@127.0.0.1:1/news"
    for url in (unknown, unreachable):
        for command in (["stories"], ["ingest", str(SAMPLE_DIR), "--quiet"]):
            result = run(*command, "--db", url)
            err = result.stderr.decode()
            assert result.returncode == 1, (command, err)
            assert err.count("\n") == 1 and "Traceback" not in err and "cannot connect to" in err
            assert secret not in err and SECRET not in err and "***" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_reads_a_database_by_url_and_never_shows_its_password(url):
    assert run("ingest", str(SAMPLE_DIR), "--db", url, "--quiet").returncode == 0
    shown_url, secret = with_password(url)
    port = _free_port()
    process = subprocess.Popen(
        [NEWSWEAVE, "serve", "--db", shown_url, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[1].decode()
            try:
                stories = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5).json()["stories"]
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not answer within a minute"
                time.sleep(0.2)
        assert sum(story["articles"] for story in stories) == 6
        page = httpx.get(f"http://127.0.0.1:{port}/stories/{stories[0]['id']}", timeout=120)
        assert page.status_code == 200 and secret not in page.text
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"Traceback" not in stderr and secret.encode() not in stderr
    assert b"serving postgresql://" in stderr and b":***@" in stderr
