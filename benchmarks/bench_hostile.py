"""Hostile inputs through the CLI: wall time and peak memory of `brief` and `ingest` on each.

Each input is written to a temporary folder, then run by a new process as
`newsweave brief FILE --format json -o /dev/null` and `newsweave ingest FILE --db new.db`
(standard input instead of FILE where the input is about stdin). The parent reads each
child's peak RSS from the operating system (os.wait4). Not part of `make test`; writes
its own section of docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_common import REPO_ROOT, machine_summary, markdown_table, today, write_marked_section

START_MARKER = "<!-- hostile:start -->"
END_MARKER = "<!-- hostile:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
# The installed console script beside this interpreter, as a user runs it.
NEWSWEAVE = [str(Path(sys.executable).with_name("newsweave"))]
MAX_INPUT_BYTES = 20 * 1024 * 1024  # Settings.max_input_bytes
TIMEOUT_SECONDS = 1800

# An invented article (our own words) that the hostile lines are put into, so the briefing runs.
ARTICLE_HEAD = (
    "Harbour bridge reopens after six weeks of repairs\n\n"
    "The harbour bridge reopened to traffic on Monday after six weeks of repairs, the city council said.\n\n"
    "Engineers replaced two worn expansion joints and resurfaced the deck, a council spokeswoman told reporters.\n\n"
)
ARTICLE_TAIL = (
    "\n\nBuses will return to their usual routes from Tuesday morning, according to the transport office.\n\n"
    "The repairs cost about 2.4 million euros, slightly less than the council had planned, she added.\n"
)
VOCABULARY = (
    "the council said bridge harbour repairs engineers traffic on monday after weeks city deck joints buses "
    "routes transport office morning cost million planned spokeswoman reporters reopened resurfaced worn"
).split()


@dataclass(frozen=True)
class HostileInput:
    name: str
    file_name: str
    make: Callable[[], bytes]
    via_stdin: bool = False


@dataclass(frozen=True)
class Run:
    input_name: str
    command: str
    size_bytes: int
    wall_seconds: float
    peak_rss_mib: float
    exit_status: int
    message: str  # the first line the CLI wrote to stderr: the input and its problem


def _in_article(line: str) -> bytes:
    return (ARTICLE_HEAD + line + ARTICLE_TAIL).encode("utf-8")


def _many_lines(total: int) -> bytes:
    # Deterministic varied sentences (no random module: the same bytes every run).
    lines: list[str] = []
    size = 0
    index = 0
    while size < total:
        words = [VOCABULARY[(index * 7 + k * 13) % len(VOCABULARY)] for k in range(8 + index % 17)]
        line = " ".join(words).capitalize() + f" {index}."
        lines.append(line)
        size += len(line) + 1
        index += 1
    return ("\n".join(lines)[: total - 1] + "\n").encode("utf-8")


INPUTS = (
    HostileInput("one seed-sized article (reference)", "reference.txt", lambda: _in_article("")),
    HostileInput("one line of 5 MB of words", "words-5mb.txt", lambda: b"word " * 1_000_000 + b"\n"),
    HostileInput("20 MB, one line of letters", "letters-20mb.txt", lambda: b"a" * (MAX_INPUT_BYTES - 1) + b"\n"),
    HostileInput("20 MB of normal lines", "lines-20mb.txt", lambda: _many_lines(MAX_INPUT_BYTES)),
    HostileInput("30,000 digits in an article", "digits-30k.txt", lambda: _in_article("1" * 30_000)),
    HostileInput("30,000 spaces in an article", "spaces-30k.txt", lambda: _in_article("Updated" + " " * 30_000 + "x")),
    HostileInput(
        "40 leading newlines, stdin",
        "newlines-40.txt",
        lambda: b"\n" * 40 + b"The council said the bridge would reopen. " * 10 + b"\n",
        via_stdin=True,
    ),
    HostileInput("100,000 nested `[` in a .json file", "nested.json", lambda: b"[" * 100_000 + b"\n"),
)


def _run(command: list[str], stdin_path: Path | None, workdir: Path) -> tuple[float, float, int, str]:
    stderr_path = workdir / "stderr.txt"
    with (
        stderr_path.open("wb") as stderr,
        (stdin_path.open("rb") if stdin_path else open(os.devnull, "rb")) as stdin,
    ):
        started = time.perf_counter()
        child = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=stderr, cwd=workdir)
        deadline = started + TIMEOUT_SECONDS
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    lines = stderr_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    message = lines[0] if lines else ""
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), message


def run_input(item: HostileInput, workdir: Path) -> list[Run]:
    path = workdir / item.file_name
    path.write_bytes(item.make())
    source = "-" if item.via_stdin else path.name
    stdin = path if item.via_stdin else None
    commands = {
        "brief": NEWSWEAVE + ["brief", source, "--format", "json", "-o", os.devnull],
        "ingest": NEWSWEAVE + ["ingest", source, "--db", str(workdir / f"{path.stem}.db")],
    }
    runs = []
    for label, command in commands.items():
        wall, peak, status, message = _run(command, stdin, workdir)
        runs.append(Run(item.name, label, path.stat().st_size, wall, peak, status, message))
        print(f"{item.name:<40} {label:<7} {wall:7.1f} s {peak:7.0f} MiB  exit {status}  {message[:80]}", flush=True)
    path.unlink()
    return runs


def report(runs: list[Run], load_at_start: float | None) -> str:
    rows = [
        [
            run.input_name,
            f"`{run.command}`",
            f"{run.size_bytes / 2**20:.2f}",
            f"{run.wall_seconds:.1f}",
            f"{run.peak_rss_mib:,.0f}",
            str(run.exit_status),
            run.message.replace("|", "\\|")[:110],
        ]
        for run in runs
    ]
    table = markdown_table(["Input", "Command", "MiB", "Wall s", "Peak RSS MiB", "Exit", "First message"], rows)
    return "\n".join(
        [
            "## Hostile inputs",
            "",
            f"Measured {today()} on {machine_summary(load_at_start)}.",
            "",
            "Each input is run by a new process as `newsweave brief FILE --format json -o /dev/null` and "
            "`newsweave ingest FILE --db new.db` (stdin instead of FILE where marked); peak RSS is the child's, "
            "from `os.wait4`. The reference row is an ordinary short article: its peak is the cost of the models, "
            "so the hostile rows should stay within 1 GB of it. Exit 1 with a message is the expected outcome "
            "for an input that holds no article.",
            "",
            table,
            "",
            "Regenerate (rewrites this section only):",
            "",
            "```",
            ".venv/bin/python benchmarks/bench_hostile.py",
            "```",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", help="file names of the inputs to run (default: all)")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()[0]
    chosen = [item for item in INPUTS if not args.only or item.file_name in args.only]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="newsweave-hostile-") as workdir:
        for item in chosen:
            runs.extend(run_input(item, Path(workdir)))
    section = report(runs, load_at_start)
    print(section)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Benchmarks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
