"""Kill -9 at several random points of an ingest: nothing committed is lost, nothing is corrupt, and
running the same command again completes the rest with no article stored twice.

Each kill lands at a seeded random moment after a seeded number of articles is committed: while
a batch is being cleaned, embedded, clustered or committed. After each kill the database must pass
`PRAGMA integrity_check` and every committed article must have its story (batches are all or
nothing); the next run resumes from there. A few hundred articles run in `make test`; the same
test over 10,000 articles is marked slow (`make test-slow`).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402  (invented text written by the benchmark's generator)

BATCH = 64  # articles per transaction in pipeline/ingest.py
CORPUS_SEED = 5
HANG_GUARD_SECONDS = 900  # far beyond any honest run; only a hang reaches it


def _command(corpus: Path, db: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "newsweave"), "ingest", str(corpus), "--db", str(db), "--quiet"]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet, or its schema not yet committed
        return 0


def _check_consistent(db: Path) -> list[str]:
    """Assert what must hold after any kill; return the ids of the stored articles."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        orphans = connection.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
        unsigned = connection.execute(
            "SELECT count(*) FROM articles WHERE copy_of IS NULL AND id NOT IN (SELECT article_id FROM signatures)"
        ).fetchone()[0]
        empty = connection.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL)"
        ).fetchone()[0]
    assert orphans == 0, "a committed article must already have its story: batches are all or nothing"
    assert unsigned == 0, "a committed original must have the signature the next run replays"
    assert empty == 0, "a committed story must have its articles"
    assert len(ids) == len(set(ids))
    return ids


def _kill_after(corpus: Path, db: Path, committed: int, delay: float) -> None:
    """Start the ingest, wait until `committed` articles are stored, wait `delay` more seconds, kill -9."""
    process = subprocess.Popen(_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while _stored(db) < committed and process.poll() is None:
            assert time.monotonic() < deadline, f"fewer than {committed} articles stored after {HANG_GUARD_SECONDS} s"
            time.sleep(0.05)
        time.sleep(delay)
        assert process.poll() is None, "the ingest ended before it could be killed; kill earlier"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)


@pytest.mark.parametrize(
    ("articles", "kills", "seed"),
    [
        pytest.param(448, 3, 11, id="448-articles"),
        pytest.param(10_000, 4, 12, id="10000-articles", marks=pytest.mark.slow),
    ],
)
def test_kill_minus_nine_at_random_points_then_resume(tmp_path: Path, articles: int, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    records = generate(articles, seed=CORPUS_SEED)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "corpus.db"

    # Kill points stay three batches short of the end, so the run is still going when killed.
    points = sorted(rng.sample(range(1, articles - 3 * BATCH), kills))
    committed = 0
    for point in points:
        # Up to about half a batch's work past the point: the kill lands anywhere in the next batch.
        _kill_after(corpus, db, committed=max(point, committed + 1), delay=rng.uniform(0.0, 1.5))
        stored = _check_consistent(db)
        assert len(stored) >= committed, "a kill must never lose what an earlier run committed"
        committed = len(stored)
    assert 0 < committed < articles

    resumed = subprocess.run(_command(corpus, db), capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{committed} already stored" in resumed.stdout

    stored = _check_consistent(db)
    assert sorted(stored) == sorted(r["id"] for r in records)
