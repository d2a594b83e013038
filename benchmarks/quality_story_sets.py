"""Story clustering on four development sets, with time as a signal: B-cubed through the real ingest.

Sets: ../shared/data/clustering_dev.jsonl as it is; the same with every date removed (the
`date` field and the "date YYYY-MM-DD" lines some texts carry); the Multi-News clusters of
../shared/data/multinews_dev.jsonl as one corpus (each cluster one event; no dates, no titles;
the web archive's notices left out); and the 12 real multi-outlet events of
../shared/data/events_dev.jsonl (the `event` field is the gold story). Each set is
ingested once into an empty in-memory database with the shipped settings; the stories the
database then holds are the shipped column. The stored signatures, in ingest order, are fed to
`StoryClusterer` again for every point of a small grid (join threshold, entity weight,
body-word weight, date weight, split threshold), for a leave-one-set-out choice: tuned on the
other sets, scored on this one. Baseline: TF-IDF over title
and full text with average-linkage agglomerative clustering, its threshold cross-validated
the same way and also at its best on each set. A folded copy is in its origin's story; an
article the ingest did not store counts as a story of its own.

    .venv/bin/python benchmarks/quality_story_sets.py            # rewrites its section of docs/quality.md
    .venv/bin/python benchmarks/quality_story_sets.py --no-docs  # prints only
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from batch_clustering import agglomerative, hdbscan, tfidf_features
from bcubed import BCubed, bcubed
from bench_common import DEFAULT_SHARED, REPO_ROOT, load_average, machine_summary, markdown_table, today, write_marked_section
from quality_clustering import raw_documents
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import ArticleSignature
from newsweave.pipeline import Ingestor
from newsweave.store import open_store
from newsweave.stories.clustering import StoryClusterer

START_MARKER = "<!-- story-sets:start -->"
END_MARKER = "<!-- story-sets:end -->"
DOC_PATH = REPO_ROOT / "docs" / "quality.md"
DATE_LINE = re.compile(r"^[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*$", re.MULTILINE)
# A few Multi-News documents are the web archive's notice about its crawls, standing in for a
# page it did not keep: not news, and the same text in many clusters.
WEB_ARCHIVE_NOTICE = re.compile(r"Internet Archive|Wayback Machine|Archive-It", re.IGNORECASE)
THRESHOLDS = (0.25, 0.30, 0.35, 0.40)
ENTITY_WEIGHTS = (0.0, 0.1)
TERM_WEIGHTS = (0.3, 0.5, 0.6)
DATE_WEIGHTS = (0.1, 0.2)
SPLIT_THRESHOLDS = (0.0, 0.40, 0.45)  # 0: never split
TFIDF_DISTANCES = (0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90)
Row = dict[str, Any]
Point = tuple[float, float, float, float, float]


def load_sets(shared: Path) -> dict[str, list[Row]]:
    clustering = [json.loads(line) for line in (shared / "data" / "clustering_dev.jsonl").open(encoding="utf-8")]
    undated = [dict(row, date=None, text=DATE_LINE.sub("", row.get("text") or "")) for row in clustering]
    events = []
    for number, line in enumerate((shared / "data" / "events_dev.jsonl").open(encoding="utf-8")):
        row = json.loads(line)
        events.append({**row, "id": f"event-{number}", "event_id": row["event"], "source": row.get("outlet")})
    multinews = []
    for line in (shared / "data" / "multinews_dev.jsonl").open(encoding="utf-8"):
        cluster = json.loads(line)
        for number, document in enumerate(cluster["documents"]):
            text = document.get("text") or ""
            if text.strip() and not WEB_ARCHIVE_NOTICE.search(text[:600]):
                multinews.append({"id": f"{cluster['id']}-{number}", "event_id": cluster["id"], "text": text})
    return {
        "clustering_dev": clustering,
        "clustering_dev, dates removed": undated,
        "Multi-News dev (no dates, no titles)": multinews,
        "events_dev (12 events)": events,
    }


@dataclass(frozen=True)
class Ingested:
    signatures: list[ArticleSignature]  # in ingest order; copies have none
    copy_of: dict[str, str]  # a folded copy's id -> its origin's id
    stored: int
    story_of: dict[str, str]  # article id -> the story the ingest put it in (splits applied)


def ingest(rows: Sequence[Row], name: str) -> Ingested:
    with open_store(":memory:") as store:
        Ingestor(store).ingest(raw_documents(rows, name))
        articles = list(store.iter_articles())
        copies = {article.id: article.copy_of for article in articles if article.copy_of}
        story_of = {article.id: article.story_id for article in articles if article.story_id}
        return Ingested(list(store.load_signatures()), copies, len(articles), story_of)


def ingest_score(ingested: Ingested, rows: Sequence[Row]) -> BCubed:
    """B-cubed of the stories the ingest itself made (shipped settings), as the database holds them."""
    predicted = [ingested.story_of.get(str(row["id"]), f"not-stored-{row['id']}") for row in rows]
    return bcubed(predicted, [row["event_id"] for row in rows])


def score(ingested: Ingested, rows: Sequence[Row], point: Point) -> BCubed:
    threshold, entity_weight, term_weight, date_weight, split_threshold = point
    clusterer = StoryClusterer(
        threshold=threshold,
        entity_weight=entity_weight,
        term_weight=term_weight,
        date_weight=date_weight,
        split_threshold=split_threshold,
    )
    story_of: dict[str, str] = {}
    for signature in ingested.signatures:
        story_of[signature.article_id] = clusterer.add(signature).story_id
        for split in clusterer.take_splits():
            story_of.update(dict.fromkeys(split.moved, split.new))
    story_of.update({copy: story_of[origin] for copy, origin in ingested.copy_of.items() if origin in story_of})
    predicted = [story_of.get(str(row["id"]), f"not-stored-{row['id']}") for row in rows]
    return bcubed(predicted, [row["event_id"] for row in rows])


def _hdbscan_on_signatures(ingested: Ingested, rows: Sequence[Row]) -> BCubed:
    """HDBSCAN over the same lead embeddings newsweave clusters (min_cluster_size 2, noise as singletons);
    a folded copy goes with its origin, as in newsweave's stories."""
    vectors = np.vstack([signature.vector for signature in ingested.signatures]).astype(np.float64)
    labels, _ = hdbscan(vectors)
    story_of = {signature.article_id: label for signature, label in zip(ingested.signatures, labels)}
    story_of.update({copy: story_of[origin] for copy, origin in ingested.copy_of.items() if origin in story_of})
    predicted = [story_of.get(str(row["id"]), f"not-stored-{row['id']}") for row in rows]
    return bcubed(predicted, [row["event_id"] for row in rows])


def leave_one_out(table: dict[str, dict[Any, float]]) -> dict[str, Any]:
    """For each set, the grid point best on the mean of the other sets."""
    return {
        held: max(next(iter(table.values())), key=lambda p: sum(table[other][p] for other in table if other != held))
        for held in table
    }


def run(shared: Path) -> str:
    load_at_start = load_average()
    started = time.perf_counter()
    sets = load_sets(shared)
    points = list(itertools.product(THRESHOLDS, ENTITY_WEIGHTS, TERM_WEIGHTS, DATE_WEIGHTS, SPLIT_THRESHOLDS))
    settings = DEFAULT_SETTINGS
    shipped = (
        settings.story_join_threshold, settings.story_entity_weight, settings.story_term_weight,
        settings.story_date_weight, settings.story_split_threshold,
    )  # fmt: skip
    ours: dict[str, dict[Point, BCubed]] = {}
    through_ingest: dict[str, BCubed] = {}
    tfidf: dict[str, dict[float, BCubed]] = {}
    missing: dict[str, int] = {}
    hdbscan_scores: dict[str, BCubed] = {}
    for name, rows in sets.items():
        ingested = ingest(rows, name)
        missing[name] = len(rows) - ingested.stored
        ours[name] = {point: score(ingested, rows, point) for point in points}
        through_ingest[name] = ingest_score(ingested, rows)
        features = tfidf_features([f"{row.get('title') or ''}\n{row.get('text') or ''}" for row in rows])
        gold = [row["event_id"] for row in rows]
        hdbscan_scores[name] = _hdbscan_on_signatures(ingested, rows)
        tfidf[name] = {t: bcubed(agglomerative(features, threshold=t), gold) for t in TFIDF_DISTANCES}
    ours_pick = leave_one_out({name: {p: ours[name][p].f1 for p in points} for name in sets})
    tfidf_pick = leave_one_out({name: {t: tfidf[name][t].f1 for t in TFIDF_DISTANCES} for name in sets})
    table = []
    for name in sets:
        best_t = max(TFIDF_DISTANCES, key=lambda t: tfidf[name][t].f1)
        cross = ours[name][ours_pick[name]]
        table.append([
            name, len(sets[name]), missing[name],
            f"{through_ingest[name].f1:.3f} (P {through_ingest[name].precision:.3f}, R {through_ingest[name].recall:.3f})",
            f"{cross.f1:.3f} at {ours_pick[name]}",
            f"{tfidf[name][tfidf_pick[name]].f1:.3f} at {tfidf_pick[name]:.2f}",
            f"{tfidf[name][best_t].f1:.3f} at {best_t:.2f}",
            f"{hdbscan_scores[name].f1:.3f}",
        ])  # fmt: skip
    header = [
        "Set", "Articles", "Not stored", "newsweave, shipped settings", "newsweave, tuned on the other sets",
        "TF-IDF agglomerative, tuned on the other sets", "TF-IDF agglomerative, best on this set",
        "HDBSCAN on the lead embeddings",
    ]  # fmt: skip
    return "\n".join(
        [
            "## Stories on four development sets",
            "",
            f"Measured {today()} on {machine_summary(load_at_start)}; the run took {time.perf_counter() - started:.0f} s.",
            "",
            f"Shipped settings (threshold, entity weight, body-word weight, date weight, split threshold): {shipped}, the date "
            f"weight per {settings.story_date_scale_days:g} days of gap, each article's {settings.story_top_terms} "
            f"best body words; stories close after {settings.story_idle_articles} articles without a join. Grid: "
            f"thresholds {THRESHOLDS}, entity weights {ENTITY_WEIGHTS}, body-word weights {TERM_WEIGHTS}, date "
            f"weights {DATE_WEIGHTS}, split thresholds {SPLIT_THRESHOLDS} (0 never splits). \"Tuned on the other sets\" picks the "
            "point with the best mean F1 on the other sets (leave one set out). B-cubed F1 (precision, recall).",
            "",
            markdown_table(header, table),
            "",
            "Regenerate (a few minutes; `benchmarks/quality_clustering.py` runs it too, after its own table):",
            "",
            "```",
            ".venv/bin/python benchmarks/quality_story_sets.py",
            "```",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--no-docs", action="store_true", help="print the report only")
    args = parser.parse_args(argv)
    report = run(args.shared)
    print(report)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, report, "Quality")
    return 0


if __name__ == "__main__":
    sys.exit(main())
