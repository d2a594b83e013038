"""Kill -9 in the middle of a 10,000-article ingest: nothing committed is lost, nothing is corrupt,
and running the same command again completes the rest.

This is the slowest test of the suite (a few minutes): it ingests 10,000 articles for real.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from .conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402  (invented text written by the benchmark's generator)

ARTICLES = 10_000
KILL_AFTER = 400  # articles committed before the kill


def _command(corpus: Path, db: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "newsweave"), "ingest", str(corpus), "--db", str(db), "--quiet"]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_minus_nine_mid_ingest_then_resume(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = generate(ARTICLES, seed=5)
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "corpus.db"

    process = subprocess.Popen(_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    while _stored(db) < KILL_AFTER and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        committed = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = connection.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
    assert KILL_AFTER <= committed < ARTICLES
    assert orphans == 0, "a committed article must already have its story: batches are all or nothing"

    resumed = subprocess.run(_command(corpus, db), capture_output=True, text=True, timeout=3000)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{committed} already stored" in resumed.stdout

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        orphans = connection.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
        empty = connection.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL)"
        ).fetchone()[0]
    assert sorted(ids) == sorted(r["id"] for r in records)
    assert orphans == 0 and empty == 0
