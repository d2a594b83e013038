"""Ingest speed and memory at scale: synthetic corpora of N articles into an empty database.

For each N, a child process runs exactly what `newsweave ingest corpus.jsonl --db new.db`
runs (load, then the library ingest with a progress callback), so the parent can read the
child's peak memory from the operating system (os.wait4) and the child can record when each
batch was committed. From those timestamps the script reports the sustained rate and the rate
in each tenth of the run: a flat rate means the cost per article does not grow with the size
of the database. Writes a section of docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_ingest.py --sizes 1000 10000 50000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_common import DEFAULT_SHARED, REPO_ROOT, machine_summary, markdown_table, today, write_marked_section
from generate_corpus import generate
from quality_story_sets import load_sets

START_MARKER = "<!-- ingest:start -->"
END_MARKER = "<!-- ingest:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"

CHILD = """
import json, sys, time
from newsweave.pipeline import Ingestor
from newsweave.sources import load_sources
from newsweave.store import open_store
corpus, db, timeline = sys.argv[1:4]
started = time.perf_counter()
marks = []
loaded = load_sources([corpus])
loaded_at = time.perf_counter() - started
with open_store(db) as store:
    ingestor = Ingestor(store)
    report = ingestor.ingest(loaded.documents, lambda done, total: marks.append((done, time.perf_counter() - started)))
    ingestor.save_checkpoint()  # as `newsweave ingest` does when it ends
    counts = store.counts()
restart_started = time.perf_counter()
with open_store(db) as store:  # what a new ingest does first on the full database: resume, replay the tail
    Ingestor(store)
restart = time.perf_counter() - restart_started
json.dump({"loaded_at": loaded_at, "marks": marks, "added": report.added, "copies": report.copies,
           "failed": len(report.failed), "stories": counts.stories, "summary": report.summary(),
           "restart": restart}, open(timeline, "w"))
"""


@dataclass(frozen=True)
class IngestRun:
    articles: int
    wall_seconds: float
    peak_rss_mib: float
    load_seconds: float
    rate_overall: float  # articles per second over the ingest, load excluded
    rate_by_tenth: tuple[float, ...]
    added: int
    copies: int
    stories: int
    database_mib: float
    restart_seconds: float  # opening the full database and rebuilding the ingest's state
    corpus: str = "synthetic"


def run_size(articles: int, workdir: Path) -> IngestRun:
    return run_corpus(list(generate(articles)), "synthetic", workdir)


def real_records(shared: Path) -> list[dict]:
    """The real articles of the development sets, each once: clustering_dev, the Multi-News documents
    (web-archive notices left out) and the 12 dev events, as JSONL records for `newsweave ingest`."""
    sets = load_sets(shared)
    records = []
    for name in ("clustering_dev", "Multi-News dev (no dates, no titles)", "events_dev (12 events)"):
        for row in sets[name]:
            records.append({
                "id": str(row["id"]), "title": row.get("title"), "text": row.get("text") or "",
                "url": row.get("url"), "outlet": row.get("source"), "published": row.get("date"),
            })  # fmt: skip
    return records


def run_corpus(records: list[dict], name: str, workdir: Path) -> IngestRun:
    articles = len(records)
    corpus = workdir / f"{name}.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    db = workdir / f"{name}.db"
    timeline = workdir / f"timeline-{name}.json"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(db), str(timeline)], cwd=REPO_ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"ingest of {articles} articles failed with status {status}")
    data = json.loads(timeline.read_text())
    marks = [(0, data["loaded_at"])] + [tuple(mark) for mark in data["marks"]]
    ingest_seconds = marks[-1][1] - data["loaded_at"]
    tenths = []
    for tenth in range(10):
        low, high = articles * tenth / 10, articles * (tenth + 1) / 10
        inside = [m for m in marks if low <= m[0] <= high]
        if len(inside) >= 2 and inside[-1][1] > inside[0][1]:
            tenths.append((inside[-1][0] - inside[0][0]) / (inside[-1][1] - inside[0][1]))
    database_bytes = sum(p.stat().st_size for p in workdir.glob(f"{name}.db*"))
    return IngestRun(
        articles=articles,
        wall_seconds=wall,
        peak_rss_mib=usage.ru_maxrss / 1024,
        load_seconds=data["loaded_at"],
        rate_overall=articles / ingest_seconds if ingest_seconds else 0.0,
        rate_by_tenth=tuple(tenths),
        added=data["added"],
        copies=data["copies"],
        stories=data["stories"],
        database_mib=database_bytes / 2**20,
        restart_seconds=data["restart"],
        corpus=name,
    )


def report(runs: list[IngestRun]) -> str:
    rows = [
        [
            r.corpus,
            f"{r.articles:,}", f"{r.wall_seconds:.0f}", f"{r.rate_overall:.1f}",
            f"{min(r.rate_by_tenth):.1f} – {max(r.rate_by_tenth):.1f}" if r.rate_by_tenth else "-",
            f"{r.peak_rss_mib:,.0f}", f"{r.database_mib:,.0f}", f"{r.copies:,}", f"{r.stories:,}",
            f"{r.restart_seconds:.2f}",
        ]
        for r in runs
    ]
    table = markdown_table(
        ["Corpus", "Articles", "Wall s", "Articles/s (ingest)", "Articles/s per tenth, min – max", "Peak RSS MiB",
         "Database MiB", "Copies folded", "Stories", "Restart s"],
        rows,
    )
    tenths = "\n".join(
        f"- {r.corpus}, {r.articles:,}: " + ", ".join(f"{rate:.0f}" for rate in r.rate_by_tenth) for r in runs
    )
    sizes = " ".join(str(r.articles) for r in runs if r.corpus == "synthetic")
    real = " --real" if any(r.corpus != "synthetic" for r in runs) else ""
    return "\n".join(
        [
            "## Ingest at scale",
            "",
            f"Measured {today()} on {machine_summary()}.",
            "",
            "Synthetic corpora from `benchmarks/generate_corpus.py` (invented text; N/20 stories, about 10% wire "
            "copies; short articles of about 150 words), each ingested into an empty database by a new process doing "
            "what `newsweave ingest corpus.jsonl --db new.db` does. Rate excludes loading the JSONL; peak RSS is "
            "the child process's, from the operating system. The real dev articles are those of "
            "`../shared/data` (clustering_dev, the Multi-News documents, the 12 dev events: raw page text "
            "with boilerplate, median about 550 words), each once. Restart: a new ingest opening the full database "
            "and rebuilding its state (the clusterer resumes from its last checkpoint and replays the "
            "signatures stored after it; the copy index reads the last 14 days), measured in the same child.",
            "",
            table,
            "",
            "Rate in each tenth of the run (articles/s): a flat row means the cost per article does not grow "
            "with the database.",
            "",
            tenths,
            "",
            "Targets on 2 cores: ≥ 30 articles/s sustained at 10,000 synthetic articles and ≥ 20 on the real "
            "ones; cost per article flat; peak memory ≤ 2 GB at 50,000; a restart that does not grow with the "
            "corpus.",
            "",
            "Regenerate (rewrites this section only):",
            "",
            "```",
            f".venv/bin/python benchmarks/bench_ingest.py --sizes {sizes}{real}",
            "```",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--real", action="store_true", help="also the real articles of ../shared/data's dev sets")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsweave-ingest-") as workdir:
        runs = []
        corpora = [(size, lambda size=size: run_size(size, Path(workdir))) for size in args.sizes]
        if args.real:
            records = real_records(args.shared)
            corpora.append((len(records), lambda: run_corpus(records, "real dev articles", Path(workdir))))
        for size, measure in corpora:
            run = measure()
            print(f"{size:>7,} articles: {run.rate_overall:.1f}/s, peak {run.peak_rss_mib:,.0f} MiB, "
                  f"tenths {[round(x) for x in run.rate_by_tenth]}, restart {run.restart_seconds:.2f} s", flush=True)
            runs.append(run)
    section = report(runs)
    print(section)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Benchmarks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
