"""PostgreSQL against SQLite: ingest rate and memory on one corpus, and several writers at once.

One synthetic corpus (benchmarks/generate_corpus.py: invented events, about 10% wire
copies) is ingested by `newsweave ingest` child processes:

1. into a new SQLite file, and into a fresh PostgreSQL schema: wall time, rate and each
   process's peak memory (os.wait4);
2. into one fresh PostgreSQL schema by 2 and by 4 processes at once, each given its own
   share of the articles (dealt in turn, so every writer sees every week of news):
   total wall time and rate, and then the corpus is checked: articles stored against
   articles given, identities stored twice (must be 0), articles in no story or in two
   (must be 0), and B-cubed F1 of the stories against the single writer's.

Needs a PostgreSQL server: `--url` or NEWSWEAVE_TEST_POSTGRES (scripts/postgres-test-server
starts one). Writes a section of docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_postgres.py --articles 10000 --writers 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bcubed import bcubed
from bench_common import REPO_ROOT, machine_summary, markdown_table, today, write_marked_section
from generate_corpus import generate

START_MARKER = "<!-- postgres:start -->"
END_MARKER = "<!-- postgres:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")


@dataclass(frozen=True)
class Run:
    label: str
    writers: int
    seconds: float
    peak_mb: float  # the largest of the writers' peaks
    stored: int
    given: int
    twice: int  # identities stored more than once
    unplaced: int  # articles in no story, or in more than one
    stories: int
    f1: float | None  # stories against the single PostgreSQL writer's (B-cubed, articles as items)

    @property
    def rate(self) -> float:
        return self.given / self.seconds if self.seconds else 0.0


def write_corpus(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: record[k] for k in ("id", "title", "text", "url", "outlet", "published")}) + "\n")
    return path


def ingest_at_once(files: list[Path], target: str) -> tuple[float, float]:
    """Run one `newsweave ingest` per file, all at once, into `target`; wall seconds and the largest peak MB."""
    started = time.perf_counter()
    children = [
        subprocess.Popen([NEWSWEAVE, "ingest", str(f), "--db", target, "--quiet"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, cwd=REPO_ROOT)
        for f in files
    ]  # fmt: skip
    peak_kb = 0
    for child in children:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        if child.returncode != 0:
            raise SystemExit(f"ingest into {target} failed (exit {child.returncode}): {errors.strip()[-400:]}")
        peak_kb = max(peak_kb, usage.ru_maxrss)
    return time.perf_counter() - started, peak_kb / 1024


def check(label: str, writers: int, target: str, seconds: float, peak_mb: float, given: int,
          reference: dict[str, str] | None) -> tuple[Run, dict[str, str]]:  # fmt: skip
    from newsweave.store import open_store

    with open_store(target, create=False) as store:
        articles = list(store.iter_articles())
        stories = store.list_stories()
    identities = Counter(a.identity for a in articles)
    membership = Counter(article_id for story in stories for article_id in story.article_ids)
    unplaced = sum(1 for a in articles if membership[a.id] != 1)
    story_of = {a.id: a.story_id or "" for a in articles}
    f1 = None
    if reference is not None:
        shared = sorted(set(reference) & set(story_of))
        f1 = bcubed([reference[i] for i in shared], [story_of[i] for i in shared]).f1
    run = Run(label, writers, seconds, peak_mb, len(articles), given, sum(n - 1 for n in identities.values() if n > 1),
              unplaced, len(stories), f1)  # fmt: skip
    return run, story_of


class Schemas:
    """Fresh schemas on the server, dropped when the benchmark ends."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.made: list[str] = []

    def fresh(self) -> str:
        from urllib.parse import quote

        name = f"bench_{secrets.token_hex(4)}"
        self.admin.execute(f"CREATE SCHEMA {name}")
        self.made.append(name)
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}options={quote(f'-c search_path={name}', safe='')}"

    def close(self) -> None:
        for name in self.made:
            self.admin.execute(f"DROP SCHEMA {name} CASCADE")
        self.admin.close()


def report(runs: list[Run], articles: int, load: str) -> str:
    rows = [
        (run.label, run.writers, f"{run.seconds:.0f}", f"{run.rate:.1f}", f"{run.peak_mb:.0f}", f"{run.stored:,} / {run.given:,}",
         run.twice, run.unplaced, f"{run.stories:,}", "—" if run.f1 is None else f"{run.f1:.3f}")
        for run in runs
    ]  # fmt: skip
    table = markdown_table(
        ("Store", "Writers", "Wall s", "Articles / s", "Peak MB per writer", "Stored / given", "Stored twice",
         "In no story or two", "Stories", "B³ F1 vs one writer"),
        rows,
    )  # fmt: skip
    return f"""## PostgreSQL against SQLite, and several writers

Measured {today()} on {load}.

{articles:,} synthetic articles (benchmarks/generate_corpus.py, seed 7; about 10% wire copies), each
run by `newsweave ingest` child processes into a new database. Several writers each take their own
share of the articles, dealt in turn; they prepare batches (cleaning, models) side by side and take
turns at the corpus's write lock to fold copies, cluster and store. B³ F1 compares their stories
with one PostgreSQL writer's over the same articles.

{table}

Regenerate (needs a PostgreSQL server; `eval "$(scripts/postgres-test-server)"` starts one):

```
.venv/bin/python benchmarks/bench_postgres.py --articles {articles} --writers {' '.join(str(r.writers) for r in runs if r.writers > 1)}
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("NEWSWEAVE_TEST_POSTGRES"), help="PostgreSQL server URL")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--writers", type=int, nargs="*", default=[2, 4], help="numbers of concurrent writers")
    parser.add_argument("--no-docs", action="store_true", help="print the report only")
    args = parser.parse_args(argv)
    if not args.url:
        raise SystemExit('no PostgreSQL server: pass --url or run  eval "$(scripts/postgres-test-server)"')
    from bench_common import load_average

    load_at_start = load_average()
    records = generate(args.articles)
    schemas = Schemas(args.url)
    runs: list[Run] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            whole = write_corpus(records, Path(tmp) / "corpus.jsonl")
            database = str(Path(tmp) / "corpus.db")
            seconds, peak = ingest_at_once([whole], database)
            runs.append(check("SQLite", 1, database, seconds, peak, len(records), None)[0])
            print(runs[-1], file=sys.stderr, flush=True)
            target = schemas.fresh()
            seconds, peak = ingest_at_once([whole], target)
            single, reference = check("PostgreSQL", 1, target, seconds, peak, len(records), None)
            runs.append(single)
            print(single, file=sys.stderr, flush=True)
            for writers in args.writers:
                shares = [write_corpus(records[n::writers], Path(tmp) / f"share-{writers}-{n}.jsonl") for n in range(writers)]
                target = schemas.fresh()
                seconds, peak = ingest_at_once(shares, target)
                runs.append(check("PostgreSQL", writers, target, seconds, peak, len(records), reference)[0])
                print(runs[-1], file=sys.stderr, flush=True)
    finally:
        schemas.close()
    body = report(runs, args.articles, machine_summary(load_at_start))
    print(body)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, body, "PostgreSQL")
        print(f"wrote {DOC_PATH.relative_to(REPO_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
