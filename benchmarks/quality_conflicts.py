"""Cross-source analysis on 12 real multi-outlet events, scored against hand labels.

Runs the shared scorer (../shared/tools/score_events.py) over
../shared/data/events_dev.jsonl and its labels: for each event it briefs the
event's articles with `newsweave brief --format json` and counts what the
briefing gets right and wrong. The scorer's docstring gives every rule; in
short:

- must / hard: labelled disagreements found, per tier (recall);
- precision: reported conflicts that match a labelled disagreement;
- update_as_dispute: reported conflicts that are really a figure changing
  over time (counted apart, not true);
- must_not: reported conflicts between values that are equal or look-alike
  different facts;
- unfaithful: summary sentences and agreements that cite a source stating
  another value;
- agreements, updates: labelled agreements and changing figures shown.

The figures are written to docs/quality.md between its markers, and the
evaluation gate (tests/eval/test_events_gate.py) fails `make test` when one
falls past the floors pinned in tests/eval/quality_floors.json.

    .venv/bin/python benchmarks/quality_conflicts.py            # rewrites the section of docs/quality.md
    .venv/bin/python benchmarks/quality_conflicts.py --no-docs  # prints only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench_common import DEFAULT_SHARED, REPO_ROOT, load_average, machine_summary, markdown_table, write_marked_section

START_MARKER = "<!-- conflicts:start -->"
END_MARKER = "<!-- conflicts:end -->"
DOC_PATH = REPO_ROOT / "docs" / "quality.md"
SCORER = Path("tools") / "score_events.py"
ARTICLES = Path("data") / "events_dev.jsonl"
LABELS = Path("data") / "events_dev_labels.json"
SCORER_TIMEOUT_SECONDS = 3600


@dataclass(frozen=True)
class EventScore:
    """The scorer's counts for one event (or the total), with the ratios a reader compares."""

    event: str
    counts: Mapping[str, int]

    def count(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    @property
    def precision(self) -> float:
        reported = self.count("reported")
        return self.count("true") / reported if reported else 1.0

    @property
    def unfaithful_share(self) -> float:
        cited = self.count("cited_items")
        return self.count("unfaithful_items") / cited if cited else 0.0


@dataclass(frozen=True)
class ScoreRun:
    events: tuple[EventScore, ...]
    total: EventScore
    seconds: float


def score_events(shared: Path = DEFAULT_SHARED, cli: Path | None = None) -> ScoreRun:
    """Run the shared scorer over the development events and read back its figures."""
    command_line = cli or Path(sys.executable).with_name("newsweave")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsweave-conflicts-") as scratch:
        out = Path(scratch) / "scores.json"
        subprocess.run(
            [
                sys.executable,
                str(shared / SCORER),
                str(shared / ARTICLES),
                str(shared / LABELS),
                "--cli",
                str(command_line),
                "--json",
                str(out),
            ],
            cwd=REPO_ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=SCORER_TIMEOUT_SECONDS,
        )
        figures = json.loads(out.read_text(encoding="utf-8"))
    events = tuple(EventScore(name, counts) for name, counts in sorted(figures["events"].items()))
    return ScoreRun(events, EventScore("TOTAL", figures["total"]), time.perf_counter() - started)


def _row(score: EventScore) -> list[object]:
    return [
        score.event,
        f"{score.count('must_found')}/{score.count('must_n')}",
        f"{score.count('hard_found')}/{score.count('hard_n')}",
        f"{score.count('true')}/{score.count('reported')}",
        f"{score.precision:.2f}",
        score.count("update_as_dispute"),
        score.count("must_not_violations"),
        f"{score.count('unfaithful_items')}/{score.count('cited_items')}",
        f"{score.count('agreements_shown')}/{score.count('agreements_n')}",
        f"{score.count('updates_shown')}/{score.count('updates_n')}",
        f"{score.count('copies_shown')}/{score.count('copies_n')}",
    ]


def report(run: ScoreRun, load_at_start: float | None) -> str:
    header = [
        "Event",
        "Must",
        "Hard",
        "True / reported",
        "Precision",
        "Update as dispute",
        "must_not",
        "Unfaithful / cited",
        "Agreements",
        "Updates",
        "Copies",
    ]
    rows = [_row(score) for score in run.events] + [_row(run.total)]
    total = run.total
    return "\n".join(
        [
            "## Disagreements on real events: hand-labelled development set",
            "",
            f"{machine_summary(load_at_start)}",
            "",
            "12 real events, 94 articles (7 to 8 outlets each, raw page text with boilerplate), scored by "
            "`../shared/tools/score_events.py` against the hand labels. Must and hard: labelled disagreements "
            "found; precision: reported conflicts that are labelled disagreements; update as dispute: a figure "
            "that changed over time shown as a dispute; must_not: a conflict between equal or look-alike values; "
            "unfaithful: summary sentences and agreements citing a source that states another value.",
            "",
            markdown_table(header, rows),
            "",
            f"- Must-tier recall {total.count('must_found') / max(1, total.count('must_n')):.2f}, "
            f"hard {total.count('hard_found') / max(1, total.count('hard_n')):.2f}, precision {total.precision:.2f}, "
            f"unfaithful {total.unfaithful_share:.1%} of cited items; the whole run took {run.seconds:.0f} s.",
            "- Targets (issue 9): must ≥ 0.8, hard ≥ 0.4, precision ≥ 0.8, 0 must_not violations, unfaithful "
            "≤ 2% of cited items, agreements shown ≥ 0.8, updates shown ≥ 0.5.",
            "- The evaluation gate `tests/eval/test_events_gate.py` holds these figures at the floors of "
            "`tests/eval/quality_floors.json`.",
            "",
            "Regenerate (rewrites this section only):",
            "",
            "```",
            ".venv/bin/python benchmarks/quality_conflicts.py",
            "```",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--no-docs", action="store_true", help="print the table without rewriting docs/quality.md")
    args = parser.parse_args()
    load_at_start = load_average()
    run = score_events(args.shared)
    section = report(run, load_at_start)
    print(section)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Quality")
    return 0


if __name__ == "__main__":
    sys.exit(main())
