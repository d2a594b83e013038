"""The corpus database: articles, their stories, and full-text search.

Stages depend on the `ArticleStore` protocol; `open_store` picks the backend
(SQLite, one file, for now).
"""

from __future__ import annotations

import os

from newsweave.errors import UsageError
from newsweave.store.base import (
    AddOutcome,
    ArticleMinhash,
    ArticleStore,
    BriefingStamp,
    SearchHit,
    StoreCounts,
    StoreError,
    StoreFullError,
    StoredBriefing,
    StoredCheckpoint,
    StorySignature,
)
from newsweave.store.briefing_keys import briefing_revision, current_stamps
from newsweave.store.sqlite import SQLiteStore


def open_store(path: str | os.PathLike[str]) -> ArticleStore:
    """Open (or create) the corpus database at `path`."""
    if "://" in os.fspath(path):
        raise UsageError(
            f"{os.fspath(path)}: only SQLite database files are supported for now; pass a file path such as corpus.db"
        )
    return SQLiteStore(path)


__all__ = [
    "AddOutcome",
    "ArticleMinhash",
    "ArticleStore",
    "BriefingStamp",
    "SQLiteStore",
    "SearchHit",
    "StoreCounts",
    "StoreError",
    "StoreFullError",
    "StoredBriefing",
    "StoredCheckpoint",
    "StorySignature",
    "briefing_revision",
    "current_stamps",
    "open_store",
]
