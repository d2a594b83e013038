"""Several `newsweave ingest` processes writing one PostgreSQL corpus at once.

Each writer prepares its batches (cleaning, models) without a lock, then takes the
corpus's write lock, catches up with what the others stored (replaying their
articles into its copy index and clusterer) and writes. So, whatever the overlap and
the interleaving: no article twice, none lost, every article in exactly one story,
and copies folded across writers. Runs on the server NEWSWEAVE_TEST_POSTGRES names
(see tests/postgres_server.py); skipped without one, unless NEWSWEAVE_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from newsweave.store import open_store

from ..postgres_server import PostgresServer, postgres_server  # noqa: F401  (a fixture)
from .conftest import REPO_ROOT

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402  (the benchmark's own generator: invented text)


def _write(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: record[k] for k in ("id", "title", "text", "url", "outlet", "published")}) + "\n")
    return path


def test_three_writers_with_overlapping_inputs_store_each_article_once_in_one_story(tmp_path, postgres_server):  # noqa: F811
    records = generate(240, seed=23)
    # Overlapping thirds: every article reaches two writers, so each identity is raced for.
    parts = [records[0:160], records[80:240], records[160:240] + records[0:80]]
    files = [_write(tmp_path / f"part{n}.jsonl", part) for n, part in enumerate(parts)]
    with postgres_server.fresh_schema() as url:
        # Create the schema first, so that the writers race for articles rather than for the migration.
        open_store(url).close()
        writers = [
            subprocess.Popen([NEWSWEAVE, "ingest", str(f), "--db", url, "--quiet", "--format", "json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO_ROOT)
            for f in files
        ]  # fmt: skip
        results = [writer.communicate(timeout=900) for writer in writers]
        for writer, (out, err) in zip(writers, results):
            assert writer.returncode == 0, err.decode("utf-8", "replace")[-800:]
        reports = [json.loads(out) for out, _ in results]

        with open_store(url) as store:
            articles = list(store.iter_articles())
            stories = store.list_stories()
            gold_copies = {r["id"]: r["copy_of"] for r in records if r["copy_of"]}
            found_copies = {a.id: a.copy_of for a in articles if a.copy_of}

    identities = Counter(a.identity for a in articles)
    assert len(articles) == len(records) and max(identities.values()) == 1  # none lost, none twice
    assert sum(r["added"] for r in reports) == len(records)  # each article added by exactly one writer
    membership = Counter(article_id for story in stories for article_id in story.article_ids)
    assert set(membership) == {a.id for a in articles} and set(membership.values()) == {1}
    assert {a.story_id for a in articles} == {s.id for s in stories}
    # Copies fold whichever writer stored the original: the planted wire copies are found.
    assert set(gold_copies) <= set(found_copies)
