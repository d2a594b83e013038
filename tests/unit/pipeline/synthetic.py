"""The benchmark's synthetic corpus (invented events, outlets and text; about 10% wire copies) as
documents for the pipeline tests."""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.model import RawDocument

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402,F401  (re-exported: the benchmark's own generator)


def corpus_documents(records: list[dict]) -> list[RawDocument]:
    """The records as `ingest` reads them from a JSONL file, in order."""
    return [
        RawDocument(path=f"corpus.jsonl:{i}", text=r["text"], format="jsonl", title=r["title"], url=r["url"],
                    outlet=r["outlet"], published=r["published"], external_id=r["id"])
        for i, r in enumerate(records, 1)
    ]  # fmt: skip
