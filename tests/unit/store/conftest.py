"""Shared fixtures for the corpus store tests: a fresh database of each backend, and article builders.

Every test that takes `database` or `store` runs twice: on an SQLite file
(id `sqlite`) and on a fresh schema of a PostgreSQL server (id `postgres`,
see tests/postgres_server.py: skipped without a server, unless required).
Tests that take `db_path` and no `store` are about SQLite files only; `postgres_database`
is a fresh schema for tests about PostgreSQL alone.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsweave.model import ArticleSignature, RemovedLine, StoredArticle
from newsweave.store import ArticleStore, open_store

from ...postgres_server import PostgresServer, postgres_server  # noqa: F401  (a fixture)
from .disk_limit import full_disk  # noqa: F401  (a fixture)


@dataclass(frozen=True)
class Database:
    """One fresh, empty database of one backend, and raw access to it beside the store."""

    backend: str  # "sqlite" or "postgres"
    target: str  # what open_store takes: a file path or a URL

    def open(self, **options: Any) -> ArticleStore:
        return open_store(self.target, **options)

    @property
    def migrations(self) -> Sequence[Callable[[Any], None]]:
        if self.backend == "sqlite":
            from newsweave.store.sqlite_schema import MIGRATIONS
        else:
            from newsweave.store.postgres_schema import MIGRATIONS
        return MIGRATIONS

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Run one statement outside the store (committed at once); its rows, if any."""
        with self._raw() as connection:
            cursor = connection.execute(sql, params)
            rows = cursor.fetchall() if cursor.description else []
            return [tuple(row.values()) if isinstance(row, dict) else tuple(row) for row in rows]

    def tables(self) -> set[str]:
        if self.backend == "sqlite":
            return {row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {row[0] for row in self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def columns(self, table: str) -> set[str]:
        if self.backend == "sqlite":
            return {row[1] for row in self.execute(f"PRAGMA table_info({table})")}
        sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s"
        return {row[0] for row in self.execute(sql, (table,))}

    def recorded_version(self) -> int:
        return int(self.execute("SELECT version FROM schema_version")[0][0])

    def migrate(self, migrations: Sequence[Callable[[Any], None]]) -> int:
        """The backend's own `migrate` with these steps, on a raw connection."""
        with self._raw() as connection:
            if self.backend == "sqlite":
                from newsweave.store.sqlite_schema import migrate

                return migrate(connection, Path(self.target), migrations)
            from newsweave.store.postgres_schema import migrate as migrate_postgres

            return migrate_postgres(connection, self.target, migrations)

    def _raw(self) -> Any:
        if self.backend == "sqlite":
            return closing(sqlite3.connect(self.target, isolation_level=None))
        import psycopg
        from psycopg.rows import dict_row

        # The store's migrations read rows by column name, as the store's own connection does.
        return psycopg.connect(self.target, autocommit=True, row_factory=dict_row)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield Database("sqlite", str(db_path))
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_schema() as url:
        yield Database("postgres", url)


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> Iterator[Database]:  # noqa: F811  (the fixture above)
    """A fresh schema on the test server, for tests about PostgreSQL alone."""
    with postgres_server.fresh_schema() as url:
        yield Database("postgres", url)


@pytest.fixture
def store(database: Database) -> Iterator[ArticleStore]:
    opened = database.open()
    yield opened
    opened.close()


def make_article(article_id: str, **changes: object) -> StoredArticle:
    """A StoredArticle with plausible values (identity follows the id); `changes` override fields."""
    article = StoredArticle(
        id=article_id,
        identity=f"text:{article_id}",
        path=f"feed.jsonl:{article_id}",
        url=None,
        outlet="Example Outlet",
        title=f"Title {article_id}",
        published=dt.date(2024, 3, 1),
        text=f"Body of article {article_id}.",
        raw_text=f"<p>Body of article {article_id}.</p>",
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def make_signature(article_id: str, seed: int = 0, dim: int = 8) -> ArticleSignature:
    """A signature with a random unit vector (seeded) and a couple of entities."""
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    vector /= np.linalg.norm(vector)
    return ArticleSignature(
        article_id=article_id,
        vector=vector,
        entities=frozenset({"Ankara", f"person {seed}"}),
        published=dt.date(2024, 3, 1),
        terms=(("ankara", 2), (f"word{seed}", 1)),
    )


FULL_ARTICLE = StoredArticle(
    id="reuters-17",
    identity="url:https://example.com/news/17",
    path="wire.jsonl:17",
    url="https://example.com/news/17?utm=x",
    outlet="Reuters",
    title="Talks resume in Istanbul — «ceasefire» on the table",
    published=dt.date(2023, 12, 31),
    text="Delegations met on Tuesday.\n\nA second paragraph, with ünïcödé and an emoji 🕊️.",
    raw_text="<html><p>Delegations met on Tuesday.</p><p>Subscribe now!</p></html>",
    removed=(RemovedLine("Subscribe now!", "promotion"), RemovedLine("Share on X", "share buttons")),
    copy_of=None,
    story_id=None,
    ingested_at="2024-01-02T03:04:05+00:00",
)
