"""Wall time and memory of the briefing pipeline, against the project's targets.

Four measurements:

(a) seeds, cold: `newsweave brief ../shared/seeds --format json` as a new
    process, N times; wall seconds and the child's peak resident memory;
(b) seeds, warm: `brief_paths` in this process after one warm-up run, N
    times, with per-stage medians from `run.timings`;
(c) 60 articles, warm: the first 60 non-empty Multi-News documents (clusters
    in file order) as one story through `brief_documents`, N times, per stage;
(d) this process's peak resident memory after all of the above.

Writes the section between `<!-- speed:start -->` and `<!-- speed:end -->` of
docs/benchmarks.md; the rest of that file is left as it is.

    .venv/bin/python benchmarks/bench_speed.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench_common import (
    DEFAULT_SHARED,
    REPO_ROOT,
    first_documents,
    load_multinews,
    load_average,
    machine_summary,
    markdown_table,
    median,
    today,
    write_marked_section,
)

START_MARKER = "<!-- speed:start -->"
END_MARKER = "<!-- speed:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
MIB = 1024 * 1024

# Targets on 2 cores.
TARGET_SEEDS_WARM_S = 1.5
TARGET_SEEDS_COLD_S = 8.0
TARGET_STORY_WARM_S = 15.0
TARGET_PEAK_MIB = 1.5 * 1024  # 1.5 GB


@dataclass
class Timed:
    """Wall seconds of repeated runs, and per-stage seconds of each run."""

    seconds: list[float] = field(default_factory=list)
    stages: list[dict[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # failed runs count here, not in `seconds`
    peak_mib: list[float] = field(default_factory=list)

    def stage_medians(self) -> dict[str, float]:
        order: dict[str, None] = {}
        for run in self.stages:
            for name in run:
                order.setdefault(name, None)
        return {name: median([run.get(name, 0.0) for run in self.stages]) for name in order}


def peak_rss_mib(usage: resource.struct_rusage) -> float:
    """ru_maxrss is kilobytes on Linux and bytes on macOS."""
    scale = 1 if sys.platform == "darwin" else 1024
    return usage.ru_maxrss * scale / MIB


def cli_command() -> list[str]:
    """The installed `newsweave` console script of this interpreter's environment."""
    beside = Path(sys.executable).with_name("newsweave")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newsweave")
    if found:
        return [found]
    raise SystemExit("the newsweave command is not installed in this environment (pip install -e .)")


def run_cold(seeds: Path, runs: int) -> Timed:
    """(a) the CLI as a new process; peak memory from wait4's usage of that child alone."""
    timed = Timed()
    command = cli_command() + ["brief", str(seeds), "--format", "json"]
    for _ in range(runs):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            child = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO_ROOT)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if child.returncode != 0:
                message = err.read().decode("utf-8", "replace").strip().splitlines()
                timed.errors.append(f"exit {child.returncode}: {message[-1] if message else ''}")
                continue
            try:
                json.loads(out.read().decode("utf-8"))
            except ValueError as error:
                timed.errors.append(f"output is not JSON: {error}")
                continue
            timed.seconds.append(elapsed)
            timed.peak_mib.append(peak_rss_mib(usage))
    return timed


def run_warm(call: Callable[[], object], runs: int, warm_up: bool) -> Timed:
    """(b), (c) an in-process call, timed as a whole and per stage."""
    timed = Timed()
    if warm_up:
        try:
            call()
        except Exception as error:  # reported below, with the timed runs' failures
            timed.errors.append(f"warm-up: {_one_line(error)}")
    for _ in range(runs):
        started = time.perf_counter()
        try:
            run = call()
        except Exception as error:
            timed.errors.append(_one_line(error))
            continue
        elapsed = time.perf_counter() - started
        if getattr(run, "briefing", None) is None:
            problems = "; ".join(str(p) for p in getattr(run, "problems", ()))
            timed.errors.append(f"no briefing: {problems[:200]}")
            continue
        timed.seconds.append(elapsed)
        stages: dict[str, float] = {}
        for timing in run.timings:
            stages[timing.stage] = stages.get(timing.stage, 0.0) + timing.seconds
        timed.stages.append(stages)
    return timed


def _one_line(error: BaseException) -> str:
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= 200 else text[:197] + "..."


def verdict(value: float, target: float) -> str:
    return "pass" if value <= target else "**miss**"


def report(
    runs: int,
    cold: Timed,
    warm: Timed,
    story: Timed,
    story_size: int,
    story_clusters: int,
    self_peak_mib: float,
    load_at_start: float | None = None,
) -> str:
    def figures(timed: Timed) -> tuple[str, str, str]:
        if not timed.seconds:
            return ("—", "—", "—")
        return (f"{median(timed.seconds):.2f}", f"{min(timed.seconds):.2f}", f"{max(timed.seconds):.2f}")

    rows = []
    for label, timed, target in (
        ("seeds (5 articles), cold CLI, wall s", cold, TARGET_SEEDS_COLD_S),
        ("seeds (5 articles), warm library call, wall s", warm, TARGET_SEEDS_WARM_S),
        (f"{story_size} articles, warm library call, wall s", story, TARGET_STORY_WARM_S),
    ):
        med, low, high = figures(timed)
        if timed.errors:
            result = f"**error** ({len(timed.errors)} failed run(s), see below)"
        else:
            result = verdict(median(timed.seconds), target) if timed.seconds else "—"
        rows.append((label, med, low, high, f"≤ {target:g}", result))
    if cold.peak_mib:
        cold_peak = max(cold.peak_mib)
        rows.append(
            (
                "cold CLI process, peak RSS MiB",
                f"{median(cold.peak_mib):.0f}",
                f"{min(cold.peak_mib):.0f}",
                f"{cold_peak:.0f}",
                f"≤ {TARGET_PEAK_MIB:.0f}",
                verdict(cold_peak, TARGET_PEAK_MIB),
            )
        )
    rows.append(
        (
            "benchmark process after (b) and (c), peak RSS MiB",
            f"{self_peak_mib:.0f}",
            "",
            "",
            f"≤ {TARGET_PEAK_MIB:.0f}",
            verdict(self_peak_mib, TARGET_PEAK_MIB),
        )
    )
    table = markdown_table(["Measure", "Median", "Min", "Max", "Target", "Result"], rows)

    seeds_stages = warm.stage_medians()
    story_stages = story.stage_medians()
    names = list(dict.fromkeys([*seeds_stages, *story_stages]))
    story_total = sum(story_stages.values())
    stage_rows = []
    for name in names:
        share = f"{100 * story_stages.get(name, 0.0) / story_total:.0f}%" if story_total else "—"
        stage_rows.append(
            (
                name,
                f"{seeds_stages[name]:.3f}" if name in seeds_stages else "—",
                f"{story_stages[name]:.3f}" if name in story_stages else "—",
                share,
            )
        )
    stage_rows.append(
        (
            "*sum of stages*",
            f"{sum(seeds_stages.values()):.3f}",
            f"{story_total:.3f}",
            "100%" if story_total else "—",
        )
    )
    stage_table = markdown_table(
        ["Stage", "seeds warm, median s", f"{story_size} articles warm, median s", f"share of {story_size}-article time"],
        stage_rows,
    )

    errors = [f"- cold: {e}" for e in cold.errors] + [f"- seeds warm: {e}" for e in warm.errors]
    errors += [f"- {story_size} articles: {e}" for e in story.errors]
    command = ".venv/bin/python benchmarks/bench_speed.py" + (f" --runs {runs}" if runs else "")
    lines = [
        "## Speed and memory",
        "",
        f"Measured {today()} on {machine_summary(load_at_start)}. {runs} timed run(s) per figure. "
        "The machine was shared with other work while measuring, so treat single figures as noisy.",
        "",
        "- **seeds, cold**: `newsweave brief ../shared/seeds --format json` as a new process "
        "(interpreter start, imports, model loading, the briefing, JSON output); peak RSS of that child "
        "from `os.wait4`.",
        "- **seeds, warm**: `brief_paths([\"../shared/seeds\"], DEFAULT_SETTINGS)` in one process after "
        "one warm-up run.",
        f"- **{story_size} articles, warm**: the first {story_size} non-empty documents of "
        f"`../shared/data/multinews_dev.jsonl` (clusters in file order: {story_clusters} clusters) "
        "as one story through `brief_documents`, format \"json\", in the same warm process. These are "
        "unrelated stories on purpose: it is a load test, not a quality test.",
        "- **peak RSS**: `resource.getrusage(RUSAGE_SELF).ru_maxrss` of the benchmark process after the "
        "warm runs; the 1.5 GB target is read as 1536 MiB.",
        "",
        table,
        "",
        "Per stage (medians of `run.timings`, in pipeline order):",
        "",
        stage_table,
        "",
    ]
    if errors:
        lines += ["Failed runs:", "", *errors, ""]
    lines += [
        "Regenerate (rewrites this section only):",
        "",
        "```",
        command,
        "```",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder (default: <repo>/../shared)")
    parser.add_argument("--articles", type=int, default=60, help="size of the Multi-News load story (default 60)")
    parser.add_argument("--no-docs", action="store_true", help="print the report only")
    args = parser.parse_args(argv)
    load_at_start = load_average()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    seeds = args.shared / "seeds"
    clusters = load_multinews(args.shared / "data" / "multinews_dev.jsonl")
    picked = first_documents(clusters, args.articles)
    story_clusters = len({path.split(":")[1] for path, _ in picked})

    print(f"(a) seeds cold, {args.runs} run(s)", file=sys.stderr, flush=True)
    cold = run_cold(seeds, args.runs)

    try:
        from newsweave.config import DEFAULT_SETTINGS
        from newsweave.model import RawDocument
        from newsweave.pipeline import brief_documents, brief_paths
    except ImportError as error:
        raise SystemExit(f"cannot import the newsweave pipeline: {error}") from error

    print(f"(b) seeds warm, 1 + {args.runs} run(s)", file=sys.stderr, flush=True)
    warm = run_warm(lambda: brief_paths([str(seeds)], DEFAULT_SETTINGS), args.runs, warm_up=True)

    documents = [RawDocument(path=path, text=text, format="json") for path, text in picked]
    print(f"(c) {len(documents)} articles warm, {args.runs} run(s)", file=sys.stderr, flush=True)
    story = run_warm(lambda: brief_documents(documents, DEFAULT_SETTINGS), args.runs, warm_up=False)

    self_peak = peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF))
    text = report(args.runs, cold, warm, story, len(documents), story_clusters, self_peak, load_at_start)
    print(text)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, text, "Benchmarks")
        print(f"wrote {DOC_PATH.relative_to(REPO_ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
