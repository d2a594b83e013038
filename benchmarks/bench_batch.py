"""`newsweave batch` (Spark, local mode) at scale: wall time and rate on 1 and 2 cores, and agreement with ingest.

For each corpus size, a synthetic corpus from generate_corpus.py (or, with --real, the dev articles
of ../shared/data) is written as JSONL and built into an empty SQLite database by
`newsweave batch --master local[1]` and `--master local[2]`, each a new process timed from start to
exit (Spark's start included). Where ingest is affordable (sizes up to --ingest-max), `newsweave
ingest` builds the same corpus too, and each batch's stories are scored against ingest's with
B-cubed F1 (ingest's stories as the reference), and its copy pairs compared. Writes a section of
docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_batch.py --sizes 1000 10000
    .venv/bin/python benchmarks/bench_batch.py --sizes 10000 50000 --ingest-max 10000
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bcubed import bcubed
from bench_common import DEFAULT_SHARED, REPO_ROOT, load_average, machine_summary, markdown_table, today, write_marked_section
from generate_corpus import generate

from newsweave.store import open_store

START_MARKER = "<!-- batch:start -->"
END_MARKER = "<!-- batch:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
MASTERS = ("local[1]", "local[2]")
SUMMARY = re.compile(r"(?P<added>\d+) added, (?P<duplicates>\d+) duplicates, (?P<copies>\d+) copies folded, "
                     r"(?P<failed>\d+) failed; (?P<stories>\d+) stories;")  # fmt: skip


@dataclass(frozen=True)
class Build:
    """One command building one corpus."""

    corpus: str
    articles: int
    command: str  # "batch local[2]", "ingest"
    wall_seconds: float
    stored: int
    copies: int
    stories: int
    f1_vs_ingest: float | None = None  # B-cubed F1 of the stories, ingest's as the reference
    same_copies: bool | None = None  # the same (copy, original) pairs as ingest
    f1_vs_gold: float | None = None  # against the generator's events (synthetic corpora)
    failure: str | None = None  # the job's last line when it failed as a whole


def write_corpus(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")


def timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = subprocess.run([NEWSWEAVE, *args], capture_output=True, text=True, cwd=REPO_ROOT)
    if result.returncode not in (0, 1):  # 1: some input was not an article, which the real dev sets hold
        raise SystemExit(f"newsweave {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return time.perf_counter() - started, result


def corpus_state(db: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Each stored article's story, and the (copy, original) pairs."""
    with open_store(db, create=False) as store:
        articles = list(store.iter_articles())
    return ({a.id: a.story_id or f"none:{a.id}" for a in articles}, {(a.id, a.copy_of) for a in articles if a.copy_of})


def gold_f1(stories: dict[str, str], records: list[dict]) -> float | None:
    gold = {record["id"]: record["event"] for record in records if record.get("event")}
    ids = sorted(set(stories) & set(gold))
    return bcubed([stories[i] for i in ids], [gold[i] for i in ids]).f1 if ids else None


def measure(name: str, records: list[dict], workdir: Path, masters: tuple[str, ...], with_ingest: bool) -> list[Build]:
    corpus = workdir / f"{name}-{len(records)}.jsonl"
    write_corpus(records, corpus)
    builds: list[Build] = []
    reference = None
    if with_ingest:
        db = workdir / f"{corpus.stem}-ingest.db"
        seconds, result = timed(["ingest", str(corpus), "--db", str(db), "--quiet"])
        reference = corpus_state(db)
        counts = re.search(r"(\d+) added, \d+ already stored, (\d+) copies folded", result.stdout)
        assert counts, result.stdout
        builds.append(Build(name, len(records), "ingest", seconds, int(counts[1]), int(counts[2]),
                            len(set(reference[0].values())), f1_vs_gold=gold_f1(reference[0], records)))  # fmt: skip
        print(f"{name} {len(records):,}: ingest {seconds:.0f} s", flush=True)
    for master in masters:
        db = workdir / f"{corpus.stem}-{master.replace('[', '').replace(']', '')}.db"
        seconds, result = timed(["batch", str(corpus), "--db", str(db), "--master", master])
        summary = SUMMARY.search(result.stdout)
        if summary is None:  # the job failed as a whole: keep its one-line reason as the row, and go on
            reason = next((line for line in reversed(result.stderr.splitlines()) if "spark WARN" not in line), "no output")
            print(f"{name} {len(records):,}: batch {master} FAILED after {seconds:.0f} s: {reason}", flush=True)
            # The error output's tail, for whoever has to find the cause (the working folder goes at the end).
            print("\n".join(result.stderr.splitlines()[-60:]), flush=True)
            builds.append(Build(name, len(records), f"batch {master}", seconds, 0, 0, 0, failure=reason))
            db.unlink(missing_ok=True)
            continue
        stories, copies = corpus_state(db)
        f1 = same = None
        if reference is not None:
            ids = sorted(reference[0])
            f1 = bcubed([stories.get(i, f"missing:{i}") for i in ids], [reference[0][i] for i in ids]).f1
            same = copies == reference[1]
        builds.append(Build(name, len(records), f"batch {master}", seconds, int(summary["added"]), int(summary["copies"]),
                            int(summary["stories"]), f1, same, gold_f1(stories, records)))  # fmt: skip
        print(f"{name} {len(records):,}: batch {master} {seconds:.0f} s, F1 vs ingest {f1}, same copies {same}", flush=True)
        db.unlink()
    return builds


def real_records(shared: Path) -> list[dict]:
    from bench_ingest import real_records as dev_articles  # the same dev articles bench_ingest.py measures

    return dev_articles(shared)


def report(builds: list[Build], load_at_start: float | None, ingest_max: int, command: str) -> str:
    def number(value: float | None, digits: int = 4) -> str:
        return "-" if value is None else f"{value:.{digits}f}"

    rows = [
        [b.corpus, f"{b.articles:,}", b.command, f"{b.wall_seconds:.0f}", f"{b.articles / b.wall_seconds:.1f}",
         f"{b.stored:,}", f"{b.copies:,}", f"{b.stories:,}", number(b.f1_vs_ingest),
         "-" if b.same_copies is None else ("yes" if b.same_copies else "no"), number(b.f1_vs_gold, 3)]
        if b.failure is None else
        [b.corpus, f"{b.articles:,}", b.command, f"failed after {b.wall_seconds:.0f}", "-", "-", "-", "-", "-", "-",
         "-"]
        for b in builds
    ]  # fmt: skip
    failures = [f"- {b.command} on {b.articles:,} articles failed: `{b.failure}`" for b in builds if b.failure]
    table = markdown_table(
        ["Corpus", "Articles", "Command", "Wall s", "Articles/s", "Stored", "Copies", "Stories",
         "B-cubed F1 vs ingest", "Copy pairs as ingest", "F1 vs gold events"],
        rows,
    )  # fmt: skip
    return "\n".join(
        [
            "## Batch (Spark) at scale",
            "",
            f"Measured {today()} on {machine_summary(load_at_start)}.",
            "",
            "`newsweave batch corpus.jsonl --db new.db --master local[N]`, each run a new process timed from start "
            "to exit: Spark's start (about 5 s), reading, cleaning, signing and the copy join on N Python workers, "
            "then story grouping and the SQLite writes on the driver. Synthetic corpora from "
            "`benchmarks/generate_corpus.py` (about 150 words an article, N/20 stories, about 10% wire copies); "
            "the real dev articles of `../shared/data` with --real. `ingest` is the same corpus through "
            f"`newsweave ingest`, run only up to {ingest_max:,} articles (it is the reference, not the subject, "
            "and takes about 4 minutes a 10,000); the batch's stories are scored against ingest's with B-cubed F1, "
            "and its (copy, original) pairs compared. F1 vs gold events: against the generator's own stories.",
            "",
            table,
            *([""] + failures if failures else []),
            "",
            "Regenerate (rewrites this section only):",
            "",
            "```",
            command,
            "```",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000, 50000], help="synthetic corpus sizes (default 10000 50000)")
    parser.add_argument("--real", action="store_true", help="also the real articles of ../shared/data's dev sets")
    parser.add_argument("--masters", nargs="+", default=list(MASTERS), help="Spark masters (default local[1] local[2])")
    parser.add_argument("--ingest-max", type=int, default=10000, help="run ingest for comparison up to this size (default 10000)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    load_at_start = load_average()
    builds: list[Build] = []
    with tempfile.TemporaryDirectory(prefix="newsweave-batch-bench-") as folder:
        workdir = Path(folder)
        for size in args.sizes:
            builds += measure("synthetic", generate(size), workdir, tuple(args.masters), size <= args.ingest_max)
        if args.real:
            records = real_records(args.shared)
            builds += measure("real dev articles", records, workdir, tuple(args.masters), len(records) <= args.ingest_max)
    command = " ".join(
        [".venv/bin/python benchmarks/bench_batch.py --sizes", *map(str, args.sizes), "--masters", *args.masters,
         "--ingest-max", str(args.ingest_max), *(["--real"] if args.real else [])]
    )  # fmt: skip
    section = report(builds, load_at_start, args.ingest_max, command)
    print(section)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Benchmarks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
