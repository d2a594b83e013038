"""The corpus database: articles, their stories, and full-text search.

Stages depend on the `ArticleStore` protocol; `open_store` picks the backend:
a PostgreSQL server for a postgresql:// URL (`newsweave.store.postgres`, which
needs the optional psycopg package and is imported only then), else an SQLite
file.
"""

from __future__ import annotations

import os
from pathlib import Path

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
from newsweave.store.postgres_url import (
    display_name,
    is_keyword_connection_string,
    is_postgres_url,
    mask_password,
    require_driver,
)
from newsweave.store.sqlite import SQLiteStore


def open_store(target: str | os.PathLike[str], *, create: bool = True) -> ArticleStore:
    """Open (or create) the corpus database at `target`: a postgresql:// (or postgres://) URL, or a file path.

    With `create` False a database that does not exist yet (a missing file, a
    schema without newsweave tables) is a UsageError instead of being created:
    reading commands never leave an empty database behind.
    """
    name = os.fspath(target)
    if is_postgres_url(name):
        shown = display_name(name)
        require_driver(shown)  # a one-line install hint, not an ImportError, when psycopg is missing
        from newsweave.store.postgres import PostgresStore

        return PostgresStore(name, create=create)
    if "://" in name:
        raise UsageError(
            f"{display_name(name)}: not a database newsweave can open; "
            "pass a file path such as corpus.db or a postgresql:// URL"
        )
    if is_keyword_connection_string(name):
        # Taken as a file name it would become an SQLite file called "host=... password=...".
        raise UsageError(
            f"{display_name(name)}: write a PostgreSQL connection as a URL, "
            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        )
    if not create and name != ":memory:" and not Path(name).exists():
        raise UsageError(f"{name}: no such database; create it with  newsweave ingest SOURCE --db {name}")
    return SQLiteStore(target)


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
    "display_name",
    "is_postgres_url",
    "mask_password",
    "open_store",
]
