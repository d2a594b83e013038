"""Fuzz the ingest path: seeded hostile inputs through loading, cleaning and the ingest write.

Inputs come from `fuzz_inputs.py` (input i of seed s is always the same bytes). A
worker process holds the language models and one Ingestor on a temporary SQLite
corpus; for each batch of inputs it loads every input by its route (`load_bytes`,
standard input through the SOURCE dispatcher, or a feed file), cleans each
document and reads its metadata (timed per input), then ingests the batch's
documents and reads every acknowledged article back. The parent watches the
worker: an input that makes no progress for --hang-seconds is a hang, and the
worker is killed with SIGKILL and restarted on the same database (so every hang
is also a kill -9 the corpus must survive); `--kill-every N` adds such kills on
purpose, at a random moment of every Nth batch. A crash is any exception that
escapes the library, a worker that dies, a problem message longer than one line,
an accounting that does not add up, or an acknowledged article that cannot be
read back. Crashing and hanging inputs are saved to out/fuzz/ for reproduction.

    .venv/bin/python benchmarks/fuzz_ingest.py                       # 20,000 inputs, seed 1
    .venv/bin/python benchmarks/fuzz_ingest.py --count 2000 --seed 7 --kill-every 25
    .venv/bin/python benchmarks/fuzz_ingest.py --only 4711 --seed 1   # reproduce one input
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import multiprocessing.connection
import os
import random
import resource
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench_common import load_average, machine_summary, markdown_table, today, write_marked_section
from fuzz_inputs import FuzzInput, load_input, make_input

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "out" / "fuzz"
DOC_PATH = REPO_ROOT / "docs" / "reliability.md"
DOC_START = "<!-- fuzz:start -->"
DOC_END = "<!-- fuzz:end -->"
# Worker messages are small tuples tagged by their first item: ("ready", n), ("begin", index),
# ("input", InputOutcome), ("ingest-begin", indexes), ("ingest", IngestOutcome).
Message = tuple[Any, ...]
READY_SECONDS = 600.0  # the first model load on a cold disk can take minutes
INGEST_BASE_SECONDS = 120.0  # one ingest of a batch (models over ~50 leads, one transaction) takes a few seconds


@dataclass(frozen=True)
class InputOutcome:
    """What loading and cleaning one input did, as the worker saw it."""

    index: int
    kind: str
    documents: int
    load_problems: int
    seconds: float  # load + clean + metadata of this input
    error: str | None = None  # traceback of an exception that escaped the library


@dataclass(frozen=True)
class IngestOutcome:
    """What one ingest call over a batch's documents did."""

    indexes: tuple[int, ...]
    seen: int
    added: int
    duplicates: int
    copies: int
    failed: int
    seconds: float
    added_ids: tuple[str, ...]
    written_by_input: dict[int, int]
    peak_rss_kib: int
    error: str | None = None


@dataclass
class Totals:
    """The parent's running account of the run."""

    inputs: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    cleaned: Counter[str] = field(default_factory=Counter)
    written: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    added: int = 0
    duplicates: int = 0
    copies: int = 0
    failed: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    kills: int = 0
    kills_survived: int = 0
    acknowledged: set[str] = field(default_factory=set)
    slowest: tuple[float, int, str] = (0.0, -1, "")
    slowest_ingest: float = 0.0
    peak_rss_kib: int = 0


# --------------------------------------------------------------------------- the worker process


def worker_main(conn: multiprocessing.connection.Connection, db_path: str, scratch: str) -> None:
    """Serve batches until told to stop. Runs in the child; every library call happens here."""
    from newsweave import clean, metadata
    from newsweave.errors import NewsweaveError
    from newsweave.model import InputProblem, RawDocument
    from newsweave.pipeline import Ingestor
    from newsweave.store import open_store

    def one_line(problems: Sequence[InputProblem]) -> str | None:
        for problem in problems:
            if "\n" in str(problem) or not problem.input or not problem.problem:
                return f"a problem is not one line naming its input: {str(problem)[:300]!r}"
        return None

    store = open_store(db_path)
    ingestor = Ingestor(store)
    with open_store(os.path.join(scratch, "warm.db")) as warm:  # load the models before the clock starts
        Ingestor(warm).ingest([RawDocument("warm", " ".join(["The council met on Tuesday."] * 12), "text")])
    conn.send(("ready", store.count()))

    while True:
        message = conn.recv()
        if message[0] == "stop":
            store.close()
            return
        batch: list[FuzzInput] = message[1]
        documents: list[RawDocument] = []
        owner: dict[str, int] = {}
        for item in batch:
            conn.send(("begin", item.index))
            started = time.perf_counter()
            try:
                loaded = load_input(item, scratch)
                error = one_line(loaded.problems)
                for document in loaded.documents:
                    try:
                        metadata.build_articles([document], [clean.clean_article(document.text)])
                    except NewsweaveError:
                        pass  # the ingest reports it as a failed document
            except Exception:  # anything escaping the library is what this run looks for
                conn.send(("input", InputOutcome(item.index, item.kind, 0, 0, time.perf_counter() - started,
                                                 traceback.format_exc())))
                continue
            # Paths name the input, so written articles can be traced back to it ("-" alone would not).
            for number, document in enumerate(loaded.documents):
                path = f"fuzz#{item.index}/{number} {document.path}"
                owner[path] = item.index
                documents.append(replace(document, path=path))
            conn.send(("input", InputOutcome(item.index, item.kind, len(loaded.documents), len(loaded.problems),
                                             time.perf_counter() - started, error)))
        indexes = tuple(item.index for item in batch)
        conn.send(("ingest-begin", indexes))
        started = time.perf_counter()
        try:
            report = ingestor.ingest(documents)
            error = one_line(report.failed)
            if report.added + report.duplicates + len(report.failed) != report.seen or report.seen != len(documents):
                error = f"accounting: {report.summary()} for {len(documents)} documents"
            written: Counter[int] = Counter()
            raw_texts = {document.text for document in documents}
            for article_id in report.added_ids:
                article = store.get_article(article_id)
                if article is None or article.raw_text not in raw_texts or article.path not in owner:
                    error = error or f"acknowledged article {article_id!r} cannot be read back as it was given"
                    continue
                written[owner[article.path]] += 1
            outcome = IngestOutcome(indexes, report.seen, report.added, report.duplicates, report.copies,
                                    len(report.failed), time.perf_counter() - started, report.added_ids,
                                    dict(written), _peak_rss_kib(), error)
        except Exception:
            outcome = IngestOutcome(indexes, len(documents), 0, 0, 0, 0, time.perf_counter() - started, (), {},
                                    _peak_rss_kib(), traceback.format_exc())
            ingestor = Ingestor(store)  # in-memory state may hold articles the undone transaction never stored
        conn.send(("ingest", outcome))


def _peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


# --------------------------------------------------------------------------- the parent


class WorkerFailed(Exception):
    """The worker could not load the library or the models."""


def start_worker(db_path: str, scratch: str, tries: int = 3) -> Worker:
    """A ready worker; a failed start is retried (a tree being edited can fail to import for a moment)."""
    for attempt in range(1, tries + 1):
        try:
            return Worker(db_path, scratch)
        except WorkerFailed as error:
            if attempt == tries:
                raise SystemExit(f"fuzz: {error}") from None
            print(f"  fuzz: {error}; trying again in 30 s", flush=True)
            time.sleep(30)
    raise AssertionError("unreachable")


class Worker:
    """One worker process and its end of the pipe."""

    def __init__(self, db_path: str, scratch: str) -> None:
        context = multiprocessing.get_context("fork")  # the parent has not loaded any model or thread
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, db_path, scratch), daemon=True)
        self.process.start()
        child.close()
        kind, stored = self.receive(READY_SECONDS) or ("dead", 0)
        if kind != "ready":
            raise WorkerFailed(f"the worker did not start ({self.exit_text()})")
        self.stored_at_start = stored

    def receive(self, seconds: float) -> Message | None:
        """The next message, or None when the worker sent nothing for `seconds` or died."""
        try:
            if self.conn.poll(seconds):
                message: Message = self.conn.recv()
                return message
        except (EOFError, OSError):
            pass
        return None

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive() and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)  # SIGKILL: no cleanup in the worker, as with a power cut
        self.process.join(30)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(("stop",))
        except OSError:
            pass
        self.process.join(60)
        self.conn.close()

    def exit_text(self) -> str:
        self.process.join(5)
        return f"exit code {self.process.exitcode}"


@dataclass
class BatchRun:
    """How one batch went: "ok", "killed" (on purpose), "hang" or "died"; what came back before that."""

    status: str
    outcomes: list[InputOutcome]
    ingest: IngestOutcome | None = None
    current: int | None = None  # the input being loaded or cleaned when the worker stopped answering
    in_ingest: bool = False
    limit: float = 0.0
    exit_code: int | None = None  # negative: killed by that signal (-11: a segmentation fault)


def run_batch(worker: Worker, batch: list[FuzzInput], args: argparse.Namespace, kill_after: float | None) -> BatchRun:
    """Send one batch and follow the worker's progress until the ingest reports, or time runs out."""
    worker.conn.send(("batch", batch))
    kill_at = time.monotonic() + kill_after if kill_after is not None else None
    run = BatchRun("ok", [])
    pre_seconds = 0.0
    while True:
        # A silent worker is waited for at most one input's allowance, or the batch's ingest allowance.
        run.limit = INGEST_BASE_SECONDS + 3 * pre_seconds if run.in_ingest else args.hang_seconds
        wait = run.limit if kill_at is None else max(0.0, min(run.limit, kill_at - time.monotonic()))
        message = worker.receive(wait)
        if message is None:
            if kill_at is not None and time.monotonic() >= kill_at and worker.alive():
                run.status = "killed"
            else:
                run.status = "hang" if worker.alive() else "died"
            worker.kill()
            run.exit_code = worker.process.exitcode
            return run
        if message[0] == "begin":
            run.current = message[1]
        elif message[0] == "input":
            run.outcomes.append(message[1])
            pre_seconds += message[1].seconds
            run.current = None
        elif message[0] == "ingest-begin":
            run.in_ingest = True
        elif message[0] == "ingest":
            run.ingest = message[1]
            return run


def account_input(totals: Totals, item: FuzzInput, outcome: InputOutcome, args: argparse.Namespace) -> None:
    kind = item.kind.split(":")[0]
    totals.inputs[kind] += 1
    if outcome.error is not None:
        record(totals.crashes, item, outcome.error, args)
        return
    totals.documents += outcome.documents
    if outcome.documents == 0:
        totals.refused[kind] += 1
    else:
        totals.cleaned[kind] += 1
    if outcome.seconds > totals.slowest[0]:
        totals.slowest = (outcome.seconds, item.index, item.kind)


def account_ingest(totals: Totals, by_index: dict[int, FuzzInput], ingest: IngestOutcome,
                   args: argparse.Namespace) -> None:
    if ingest.error is not None:
        for index in ingest.indexes:
            record(totals.crashes, by_index[index], "ingest: " + ingest.error, args)
    totals.added += ingest.added
    totals.duplicates += ingest.duplicates
    totals.copies += ingest.copies
    totals.failed += ingest.failed
    totals.acknowledged.update(ingest.added_ids)
    for index, count in ingest.written_by_input.items():
        if count:
            totals.written[by_index[index].kind.split(":")[0]] += 1
    totals.slowest_ingest = max(totals.slowest_ingest, ingest.seconds)
    totals.peak_rss_kib = max(totals.peak_rss_kib, ingest.peak_rss_kib)


def record(found: list[str], item: FuzzInput, what: str, args: argparse.Namespace) -> None:
    """Keep the input's bytes and what happened in out/fuzz/, and note it for the summary."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"seed{args.seed}-{item.index}-{item.kind.replace(':', '-')}"
    suffix = ".stdin" if item.route == "stdin" else os.path.splitext(item.name)[1]
    (OUT_DIR / f"{stem}{suffix}").write_bytes(item.data)
    reproduce = f".venv/bin/python benchmarks/fuzz_ingest.py --seed {args.seed} --only {item.index}"
    (OUT_DIR / f"{stem}.txt").write_text(f"route: {item.route}\nname: {item.name}\nreproduce: {reproduce}\n\n{what}\n")
    first_line = what.strip().splitlines()[-1] if what.strip() else what
    found.append(f"input {item.index} ({item.kind}, {len(item.data):,} bytes): {first_line[:200]}")
    print(f"  ! {found[-1]}", flush=True)


def check_after_kill(db_path: str, acknowledged: set[str]) -> str | None:
    """After a SIGKILL: the file must pass SQLite's integrity check and hold every acknowledged article."""
    with sqlite3.connect(db_path) as connection:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    connection.close()
    if verdict != "ok":
        return f"integrity check: {verdict}"
    lost = acknowledged - stored
    return f"{len(lost)} acknowledged articles lost, e.g. {sorted(lost)[:3]}" if lost else None


def batches(indexes: Sequence[int], seed: int, size: int) -> Iterator[list[FuzzInput]]:
    for start in range(0, len(indexes), size):
        yield [make_input(seed, index) for index in indexes[start : start + size]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=20_000, help="inputs to generate (default 20,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--only", type=int, nargs="+", help="run just these input indexes (reproduction)")
    parser.add_argument("--batch", type=int, default=48, help="inputs per ingest call")
    parser.add_argument("--hang-seconds", type=float, default=20.0, help="an input taking longer is a hang")
    parser.add_argument("--kill-every", type=int, default=0, help="SIGKILL the worker during every Nth batch")
    parser.add_argument("--doc", action="store_true", help="write the figures into docs/reliability.md")
    args = parser.parse_args(argv)
    indexes = args.only or list(range(args.start, args.start + args.count))
    totals = Totals()
    load_at_start = load_average()
    killer = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsweave-fuzz-") as scratch:
        db_path = os.path.join(scratch, "corpus.db")
        worker = start_worker(db_path, scratch)
        print(f"fuzz: seed {args.seed}, {len(indexes):,} inputs, batches of {args.batch}; models loaded in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        pending = list(batches(indexes, args.seed, args.batch))
        number = 0
        while pending:
            batch = pending.pop(0)
            by_index = {item.index: item for item in batch}
            number += 1
            kill_after = None
            if args.kill_every and number % args.kill_every == 0 and len(batch) > 1:
                kill_after = killer.uniform(0.05, 3.0)
            run = run_batch(worker, batch, args, kill_after)
            if run.status == "ok" and run.ingest is not None:
                if run.ingest.error is not None and len(batch) > 1:
                    pending[:0] = [[item] for item in batch]  # again one at a time, to name the culprit
                    continue
                for outcome in run.outcomes:
                    account_input(totals, by_index[outcome.index], outcome, args)
                account_ingest(totals, by_index, run.ingest, args)
            else:
                # The worker was SIGKILLed: on purpose, or because it hung or died. What it had not
                # acknowledged is redone by a new worker on the same database.
                totals.kills += 1
                problem = check_after_kill(db_path, totals.acknowledged)
                if problem is None:
                    totals.kills_survived += 1
                else:
                    totals.crashes.append(f"after kill -9 in batch {number}: {problem}")
                    print(f"  ! {totals.crashes[-1]}", flush=True)
                worker = start_worker(db_path, scratch)
                if run.status == "killed":
                    pending.insert(0, batch)
                elif run.in_ingest and len(batch) > 1:
                    pending[:0] = [[item] for item in batch]
                else:
                    culprit = by_index[run.current if run.current is not None else batch[0].index]
                    what = (f"hang: no progress for {run.limit:.3g} s" if run.status == "hang"
                            else f"the worker died (exit code {run.exit_code})")
                    stage = "ingest" if run.in_ingest else "load/clean"
                    record(totals.hangs if run.status == "hang" else totals.crashes, culprit, f"{stage}: {what}", args)
                    totals.inputs[culprit.kind.split(":")[0]] += 1
                    rest = [item for item in batch if item.index != culprit.index]
                    if rest:
                        pending.insert(0, rest)
            if number % 5 == 0:
                done = sum(totals.inputs.values())
                rate = done / (time.perf_counter() - started)
                print(f"  {done:,}/{len(indexes):,} inputs, {totals.added:,} articles stored, "
                      f"{rate:.1f} inputs/s, {len(totals.crashes)} crashes, {len(totals.hangs)} hangs", flush=True)
        worker.stop()
        final = check_after_kill(db_path, totals.acknowledged)
        if final is not None:
            totals.crashes.append(f"at the end: {final}")
    seconds = time.perf_counter() - started
    print_summary(totals, seconds)
    if args.doc and not args.only:
        options = f"--count {args.count} --seed {args.seed} --batch {args.batch} --kill-every {args.kill_every}"
        write_doc(totals, seconds, f".venv/bin/python benchmarks/fuzz_ingest.py {options} --doc", load_at_start)
    return 1 if totals.crashes or totals.hangs else 0


def kind_rows(totals: Totals) -> list[tuple[str, int, int, int, int]]:
    """(kind, inputs, refused on load, reached the cleaner, written) per kind, then for all."""
    rows = [(kind, totals.inputs[kind], totals.refused[kind], totals.cleaned[kind], totals.written[kind])
            for kind in sorted(totals.inputs)]
    rows.append(("all", sum(totals.inputs.values()), sum(totals.refused.values()), sum(totals.cleaned.values()),
                 sum(totals.written.values())))
    return rows


def findings(totals: Totals, seconds: float) -> list[str]:
    """The summary's sentences, shared by the terminal and the document."""
    inputs = sum(totals.inputs.values())
    return [
        f"{inputs:,} inputs in {seconds:.0f} s ({inputs / seconds:.1f} inputs/s)",
        f"documents ingested: {totals.documents:,}: {totals.added:,} stored (of which {totals.copies:,} folded as "
        f"copies), {totals.duplicates:,} already stored, {totals.failed:,} reported as not an article or unusable",
        f"slowest input (load, clean and metadata): {totals.slowest[0]:.2f} s (input {totals.slowest[1]}, "
        f"{totals.slowest[2]}); slowest ingest call: {totals.slowest_ingest:.2f} s; "
        f"worker peak memory: {totals.peak_rss_kib / 1024:.0f} MiB",
        f"kill -9 of the worker: {totals.kills}, survived: {totals.kills_survived} (integrity check ok and every "
        f"acknowledged article on disk); acknowledged articles checked at the end: {len(totals.acknowledged):,}",
        f"crashes: {len(totals.crashes)}; hangs: {len(totals.hangs)}",
    ]


def print_summary(totals: Totals, seconds: float) -> None:
    print("\nfuzz summary")
    print(f"{'kind':<14}{'inputs':>8}{'refused':>9}{'cleaned':>9}{'written':>9}")
    for kind, *counts in kind_rows(totals):
        print(f"{kind:<14}" + "".join(f"{count:>9}" if i else f"{count:>8}" for i, count in enumerate(counts)))
    for line in findings(totals, seconds):
        print(line)
    for line in totals.crashes + totals.hangs:
        print(f"  {line}")
    if totals.crashes or totals.hangs:
        print(f"inputs saved in {OUT_DIR.relative_to(REPO_ROOT)}/")


def write_doc(totals: Totals, seconds: float, command: str, load_at_start: float | None) -> None:
    """Rewrite the fuzzing section of docs/reliability.md with this run's figures."""
    table = markdown_table(["Kind", "Inputs", "Refused on load", "Reached the cleaner", "Written to the corpus"],
                           kind_rows(totals))
    found = "\n".join(f"- {line}" for line in totals.crashes + totals.hangs) or "- none"
    body = (
        "### Results of the last run\n\n"
        f"Measured {today()} on {machine_summary(load_at_start)}.\n\n    {command}\n\n{table}\n\n"
        + "\n".join(f"- {line}." for line in findings(totals, seconds))
        + f"\n\nCrashes and hangs found:\n\n{found}\n"
    )
    write_marked_section(DOC_PATH, DOC_START, DOC_END, body, "Reliability")


if __name__ == "__main__":
    sys.exit(main())
