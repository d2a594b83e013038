"""The PostgreSQL store's smaller queries and query pieces, shared by its methods (see `postgres`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import psycopg

from newsweave.model import ArticleSignature
from newsweave.store.postgres_rows import checked_date, entities_value, terms_value
from newsweave.store.sqlite_rows import ARTICLE_COLUMNS

Connection = psycopg.Connection[Any]


def scalar(connection: Connection, sql: str) -> int:
    row = connection.execute(sql).fetchone()
    return int(row["value"]) if row is not None else 0


def id_for_identity(connection: Connection, identity: str) -> str | None:
    row = connection.execute("SELECT id FROM articles WHERE identity = %s", (identity,)).fetchone()
    return str(row["id"]) if row is not None else None


def insert_article(
    connection: Connection,
    row: tuple[object, ...],
    signature: ArticleSignature | None,
    vector: bytes | None,
    minhash: bytes | None,
) -> None:
    """Insert the article row (ARTICLE_COLUMNS order) and, when given, its signature and MinHash rows."""
    article_id = row[0]
    placeholders = ", ".join("%s" for _ in ARTICLE_COLUMNS)
    connection.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({placeholders})", row)
    if signature is not None:
        connection.execute(
            "INSERT INTO signatures (article_id, vector, entities, published, terms) VALUES (%s, %s, %s, %s, %s)",
            (
                article_id,
                vector,
                entities_value(signature.entities),
                checked_date(signature.published),
                terms_value(signature.terms),
            ),
        )
    if minhash is not None:
        connection.execute("INSERT INTO minhashes (article_id, minhash) VALUES (%s, %s)", (article_id, bytes(minhash)))


def free_article_id(connection: Connection, wanted: str) -> str:
    """`wanted`, or the first of wanted-2, wanted-3, ... that no article uses."""
    candidate, suffix = wanted, 1
    while connection.execute("SELECT 1 FROM articles WHERE id = %s", (candidate,)).fetchone() is not None:
        suffix += 1
        candidate = f"{wanted}-{suffix}"
    return candidate


def story_exists(connection: Connection, story_id: str) -> bool:
    return connection.execute("SELECT 1 FROM stories WHERE id = %s", (story_id,)).fetchone() is not None


def story_filter(
    since: dt.date | None, until: dt.date | None, outlet: str | Collection[str] | None, ids: Collection[str] | None
) -> tuple[str, dict[str, object]]:
    """`AND` conditions (and their parameters) selecting stories for `list_stories`."""
    where, params = published_since("stories.last_published", since)
    if until is not None:
        where += " AND stories.last_published <= %(until)s"
        params["until"] = checked_date(until)
    if outlet is not None:
        where += """ AND EXISTS (SELECT 1 FROM articles WHERE articles.story_id = stories.id
                                 AND articles.outlet = ANY(%(outlets)s::text[]))"""
        params["outlets"] = [outlet] if isinstance(outlet, str) else list(outlet)
    if ids is not None:
        where += " AND stories.id = ANY(%(ids)s::text[])"
        params["ids"] = list(ids)
    return where, params


def published_since(column: str, since: dt.date | None) -> tuple[str, dict[str, object]]:
    """An extra `AND` condition keeping rows dated on or after `since` (none when since is None)."""
    if since is None:
        return "", {}
    return f"AND {column} >= %(since)s", {"since": checked_date(since)}
