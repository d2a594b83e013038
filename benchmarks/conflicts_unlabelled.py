"""Every conflict the engine reports on real events it was not tuned on, for a reader to judge.

The 252 events of ../shared/data/clustering_dev.jsonl (604 articles, about three per
event from left, centre and right outlets) carry no disagreement labels, and no
analysis rule was written on them. Each event is briefed on its own (`brief_documents`,
the path of `newsweave brief`), and every reported conflict is printed with its sides
and the sentence behind each, so that a reader can count how many are real. The
summary line counts conflicts by kind and events with at least one.

    .venv/bin/python benchmarks/conflicts_unlabelled.py                 # every event
    .venv/bin/python benchmarks/conflicts_unlabelled.py --limit 40      # the first 40 events
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench_common import DEFAULT_SHARED

from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import RawDocument
from newsweave.pipeline import brief_documents

ARTICLES = Path("data") / "clustering_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder (default ../shared)")
    parser.add_argument("--limit", type=int, default=None, help="brief only the first N events")
    args = parser.parse_args(argv)
    events: dict[str, list[RawDocument]] = defaultdict(list)
    with (args.shared / ARTICLES).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            events[row["event_id"]].append(
                RawDocument(
                    path=str(row["id"]), text=row["text"], format="json", title=row.get("title"),
                    url=row.get("url"), outlet=row.get("source"), published=row.get("date"),
                    external_id=str(row["id"]),
                )
            )
    started = time.perf_counter()
    kinds: Counter[str] = Counter()
    with_conflicts = 0
    chosen = list(events.items())[: args.limit]
    for event, documents in chosen:
        run = brief_documents(documents, DEFAULT_SETTINGS)
        conflicts = run.briefing.analysis.conflicts if run.briefing is not None else ()
        with_conflicts += bool(conflicts)
        for conflict in conflicts:
            kinds[conflict.kind] += 1
            print(f"{event} [{conflict.kind}] {conflict.topic}")
            for position in conflict.positions:
                print(f"    {position.value!r} {list(position.sources)}: {position.claim[:160]}")
    seconds = time.perf_counter() - started
    total = sum(kinds.values())
    by_kind = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()) or "none"
    print(f"{len(chosen)} events, {total} conflicts ({by_kind}), {with_conflicts} events with one or more; {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
