"""`newsweave batch` (Spark, local mode) against `newsweave ingest` on the same articles, through the CLI.

The corpus is 1,000 real articles: the development sets of ../shared/data (clustering_dev, the
Multi-News documents, the 12 dev events), with some of them given again by another outlet as
exact copies and as trimmed reprints, so that copy folding has work to do. Both commands must
fold the same copies into the same originals and group the articles into the same stories
(B-cubed F1 of one partition against the other at least 0.98; signing is batched as ingest
batches it, so they normally agree exactly). The result must then serve `stories` and
`brief --story` as an ingested corpus does.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsweave.store import open_store

from ..postgres_server import PostgresServer, postgres_server  # noqa: F401  (a fixture)
from .conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from bcubed import bcubed  # noqa: E402  (the benchmarks' own scorer)

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
ARTICLES = 1000
WEB_ARCHIVE_NOTICE = re.compile(r"Internet Archive|Wayback Machine|Archive-It", re.IGNORECASE)

pytest.importorskip("pyspark", reason="newsweave batch needs the spark extra: pip install 'newsweave[spark]'")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWEAVE, *args], capture_output=True, text=True, cwd=REPO_ROOT, timeout=900)


def real_articles() -> list[dict]:
    """The dev sets' articles as article JSON, each once."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared data is missing: {SHARED_DATA} (see ../shared/README.md)")
    records = []
    for line in (SHARED_DATA / "clustering_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        records.append({"id": row["id"], "title": row.get("title"), "text": row["text"], "url": row.get("url"),
                        "outlet": row.get("source"), "published": row.get("date")})  # fmt: skip
    for line in (SHARED_DATA / "multinews_dev.jsonl").open(encoding="utf-8"):
        cluster = json.loads(line)
        for number, document in enumerate(cluster["documents"]):
            text = document.get("text") or ""
            if text.strip() and not WEB_ARCHIVE_NOTICE.search(text[:600]):
                records.append({"id": f"{cluster['id']}-{number}", "text": text})
    for number, line in enumerate((SHARED_DATA / "events_dev.jsonl").open(encoding="utf-8")):
        row = json.loads(line)
        records.append({"id": f"event-{number}", "title": row.get("title") or None, "text": row["text"],
                        "url": row.get("url"), "outlet": row.get("outlet"), "published": row.get("date") or None})  # fmt: skip
    return records


def with_copies(records: list[dict], total: int) -> list[dict]:
    """`records` cut to leave room for copies, then copies of some of them up to `total`:
    half exact (another outlet, same text), half reprints with their own furniture and the end trimmed."""
    rng = random.Random(5)
    copies = max(total // 30, total - len(records))
    kept = records[: total - copies]
    sources = rng.sample([r for r in kept if len(r["text"].split()) > 150], copies)
    for number, source in enumerate(sources):
        text = source["text"]
        if number % 2:
            paragraphs = [p for p in text.split("\n") if p.strip()]
            text = "\n\n".join(["Reprinted by arrangement.", *paragraphs[: max(3, len(paragraphs) - 1)],
                                f"Copyright Reprint Wire {number}."])  # fmt: skip
        kept.append({**source, "id": f"copy-{number}", "text": text, "outlet": f"Reprint Wire {number}",
                     "url": f"https://reprint-{number}.example/story"})  # fmt: skip
    return kept


def problem_lines(stderr: str) -> list[str]:
    """The lines naming a problem: Spark's own warnings (one line each, marked) are not about the inputs."""
    return [line for line in stderr.splitlines() if not line.startswith("newsweave: spark ")]


def corpus_state(db: Path | str) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Each article's story, and the (copy, original) pairs."""
    with open_store(db, create=False) as store:
        articles = list(store.iter_articles())
    stories = {article.id: article.story_id or f"none:{article.id}" for article in articles}
    copies = {(article.id, article.copy_of) for article in articles if article.copy_of}
    return stories, copies


def test_batch_builds_the_corpus_ingest_builds(tmp_path):
    records = with_copies(real_articles(), ARTICLES)
    assert len(records) == ARTICLES
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    started = time.perf_counter()
    batch = run("batch", str(corpus), "--db", str(tmp_path / "batch.db"), "--master", "local[2]")
    batch_seconds = time.perf_counter() - started
    ingest = run("ingest", str(corpus), "--db", str(tmp_path / "ingest.db"), "--quiet")

    # A few dev-set pages are nothing but boilerplate: both commands name each on a line of its own,
    # and exit 1. Besides them, one summary line.
    failures = ingest.stderr.splitlines()
    assert failures and all(re.fullmatch(r"newsweave: .*corpus\.jsonl:\d+: not an article: .*", f) for f in failures)
    assert (batch.returncode, ingest.returncode) == (1, 1)
    assert problem_lines(batch.stderr) == failures
    assert re.fullmatch(rf"\d+ added, 0 duplicates, \d+ copies folded, {len(failures)} failed; \d+ stories; "
                        rf"1000 articles in .*\n", batch.stdout), batch.stdout  # fmt: skip
    batch_stories, batch_copies = corpus_state(tmp_path / "batch.db")
    ingest_stories, ingest_copies = corpus_state(tmp_path / "ingest.db")
    assert batch_stories.keys() == ingest_stories.keys()
    assert len(ingest_copies) >= ARTICLES // 30  # the copies made above fold, and whatever the dev sets hold
    assert batch_copies == ingest_copies
    ids = sorted(ingest_stories)
    agreement = bcubed([batch_stories[i] for i in ids], [ingest_stories[i] for i in ids])
    assert agreement.f1 >= 0.98, agreement
    print(f"batch of {ARTICLES} articles in {batch_seconds:.0f} s; B-cubed F1 against ingest {agreement.f1:.4f}")

    listing = run("stories", "--db", str(tmp_path / "batch.db"), "--format", "json")
    assert listing.returncode == 0, listing.stderr
    stories = json.loads(listing.stdout)["stories"]
    assert len(stories) == len(set(batch_stories.values()))
    small = min((s for s in stories if len(s["articles"]) >= 2), key=lambda s: len(s["articles"]))
    brief = run("brief", "--db", str(tmp_path / "batch.db"), "--story", small["id"], "--format", "json", "--quiet")
    assert brief.returncode in (0, 1), brief.stderr  # 1: an article of the story was too short to brief
    assert json.loads(brief.stdout)["schema"] == "newsweave.briefing/1"


def test_parquet_output_loads_into_the_corpus_ingest_builds(tmp_path):
    """batch --parquet, then load-parquet, gives ingest's corpus; bad rows are named one line each and a
    repeated article is counted, not stored; ingest carries on from the loaded corpus as from its own."""
    from generate_corpus import generate  # the benchmarks' invented corpus, with wire copies

    records = generate(80, seed=3)
    first, later = records[:60], records[60:]
    lines = [json.dumps(record) for record in first]
    lines[10:10] = ['{"title": "no closing brace"', json.dumps({"title": "no text"}), json.dumps(first[3])]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps(record) + "\n" for record in later), encoding="utf-8")

    batch = run("batch", str(corpus), "--parquet", str(tmp_path / "out"), "--master", "local[2]", "--partitions", "3")
    ingest = run("ingest", str(corpus), "--db", str(tmp_path / "ingest.db"), "--quiet")
    assert batch.returncode == ingest.returncode == 1
    assert problem_lines(batch.stderr) == ingest.stderr.splitlines()
    assert [line.split(": ", 2)[1] for line in batch.stderr.splitlines()] == [f"{corpus}:11", f"{corpus}:12"]
    assert batch.stdout.startswith("60 added, 1 duplicates, "), batch.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"articles.parquet", "stories.parquet"}
    again = run("batch", str(corpus), "--parquet", str(tmp_path / "out"))
    assert again.returncode == 2 and "already" in again.stderr and again.stderr.count("\n") == 1

    loaded = run("load-parquet", str(tmp_path / "out"), "--db", str(tmp_path / "loaded.db"), "--master", "local[1]")
    assert loaded.returncode == 0, loaded.stderr
    assert corpus_state(tmp_path / "loaded.db") == corpus_state(tmp_path / "ingest.db")

    for db in ("loaded.db", "ingest.db"):
        assert run("ingest", str(more), "--db", str(tmp_path / db), "--quiet").returncode == 0
    assert corpus_state(tmp_path / "loaded.db") == corpus_state(tmp_path / "ingest.db")
    listings = [run("stories", "--db", str(tmp_path / db), "--format", "json").stdout for db in ("loaded.db", "ingest.db")]
    assert listings[0] == listings[1]


def test_batch_writes_a_postgresql_corpus_that_ingest_and_the_readers_take_as_their_own(tmp_path, postgres_server):  # noqa: F811
    """batch --db postgresql://...: the corpus ingest builds in SQLite, the same story listing, and
    ingest carries on in it as in its own."""
    from generate_corpus import generate  # the benchmarks' invented corpus, with wire copies

    records = generate(70, seed=11)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records[:55]), encoding="utf-8")
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps(record) + "\n" for record in records[55:]), encoding="utf-8")
    with postgres_server.fresh_schema() as url:
        batch = run("batch", str(corpus), "--db", url, "--master", "local[1]")
        assert batch.returncode == 0, batch.stderr
        assert batch.stdout.startswith("55 added, 0 duplicates, "), batch.stdout
        ingest = run("ingest", str(corpus), "--db", str(tmp_path / "ingest.db"), "--quiet")
        assert ingest.returncode == 0, ingest.stderr
        assert corpus_state(url) == corpus_state(tmp_path / "ingest.db")
        listings = [run("stories", "--db", db, "--format", "json") for db in (url, str(tmp_path / "ingest.db"))]
        assert listings[0].returncode == 0, listings[0].stderr
        assert listings[0].stdout == listings[1].stdout

        for db in (url, str(tmp_path / "ingest.db")):
            assert run("ingest", str(more), "--db", db, "--quiet").returncode == 0
        assert corpus_state(url) == corpus_state(tmp_path / "ingest.db")

        again = run("batch", str(corpus), "--db", url, "--master", "local[1]")
        assert again.returncode == 2 and again.stderr.count("\n") == 1, again.stderr  # only into an empty corpus
