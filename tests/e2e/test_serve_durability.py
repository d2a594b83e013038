"""`newsweave serve` never loses a write it acknowledged, whatever other processes do to the database.

Real processes throughout: the server on a free loopback port, other `newsweave`
commands opening the same file, then `kill -9` of the server and a fresh
process looking at what is on disk.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from newsweave.store import open_store

from .conftest import REPO_ROOT
from .test_serve_cli import ARTICLE, NEWSWEAVE, _free_port, _wait_until_answering

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402  (invented text written by the benchmark's generator)

TOKEN = "durable"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@contextmanager
def _server(database: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`newsweave serve` over `database`; killed with SIGKILL (never a clean stop) when the block ends."""
    port = _free_port()
    process = subprocess.Popen(
        [NEWSWEAVE, "serve", "--db", str(database), "--port", str(port)],
        env={**os.environ, "NEWSWEAVE_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_answering(f"{base}/api/stories", process)
        yield base, process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)


def _newsweave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWEAVE, *args], capture_output=True, text=True, timeout=600)


def _exported_ids(database: Path) -> set[str]:
    """The ids a fresh process finds in the database, through `newsweave export`."""
    exported = _newsweave("export", "--db", str(database))
    assert exported.returncode == 0, exported.stderr
    return {json.loads(line)["id"] for line in exported.stdout.splitlines()}


def _integrity(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _post(base: str, article: dict[str, object]) -> list[str]:
    answer = httpx.post(f"{base}/api/articles", json=article, headers=AUTH, timeout=300)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["added_ids"])


def test_a_post_acknowledged_after_another_process_opened_the_database_survives_kill_9(tmp_path):
    database = tmp_path / "corpus.db"
    open_store(database).close()
    with _server(database) as (base, server):
        # Another process opening and closing the file used to reset the server's write-ahead
        # log: the server's own check of the file had dropped its SQLite locks.
        listed = _newsweave("stories", "--db", str(database))
        assert listed.returncode == 0, listed.stderr
        assert _post(base, ARTICLE) == [ARTICLE["id"]]
        assert ARTICLE["id"] in _exported_ids(database), "another process must see the acknowledged write"
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=60)
    assert ARTICLE["id"] in _exported_ids(database)
    assert _integrity(database) == "ok"


def test_posts_and_a_concurrent_ingest_all_survive_kill_9_of_the_server(tmp_path):
    database = tmp_path / "corpus.db"
    open_store(database).close()
    records = generate(1200, seed=11)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    posted = [
        {**ARTICLE, "id": f"posted-{number}", "url": f"https://example.org/cape/{number}",
         "title": f"{ARTICLE['title']} ({number})", "text": f"Update {number}. {ARTICLE['text']}"}
        for number in range(6)
    ]
    acknowledged: list[str] = []
    with _server(database) as (base, server):
        ingest = subprocess.Popen(
            [NEWSWEAVE, "ingest", str(corpus), "--db", str(database), "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            for article in posted:
                acknowledged += _post(base, article)
                if len(acknowledged) == 1:
                    assert ingest.poll() is None, "the ingest must still be writing while the server takes POSTs"
                _newsweave("stories", "--db", str(database), "--limit", "1")  # one more process opening the file
                time.sleep(0.2)
            out, err = ingest.communicate(timeout=900)
        finally:
            if ingest.poll() is None:
                ingest.kill()
                ingest.communicate()
        assert ingest.returncode == 0, err
        assert acknowledged == [article["id"] for article in posted]
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=60)
    stored = _exported_ids(database)
    assert set(acknowledged) <= stored
    assert {record["id"] for record in records} <= stored
    assert _integrity(database) == "ok"
