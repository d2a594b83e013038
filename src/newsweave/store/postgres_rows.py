"""Turning records into PostgreSQL column values and back.

Dates are `date` columns, lists (removed lines, entities, body words) are
`jsonb`, vectors are the same little-endian float32 bytes as in SQLite (so a
corpus can move between the two without re-encoding). The checks and list
readers are `sqlite_rows`'s, so both stores accept and return exactly the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from psycopg.types.json import Jsonb

from newsweave.model import ArticleSignature, RemovedLine, StoredArticle, StoredStory
from newsweave.store.base import StorySignature
from newsweave.store.sqlite_rows import (
    ARTICLE_COLUMNS,
    blob_to_vector,
    checked_date,
    list_to_entities,
    list_to_removed,
    list_to_terms,
)

Row = dict[str, Any]


def removed_value(removed: tuple[RemovedLine, ...]) -> Jsonb:
    return Jsonb([{"text": line.text, "reason": line.reason} for line in removed])


def entities_value(entities: frozenset[str]) -> Jsonb:
    """An entity set as a sorted list, so equal sets are stored identically."""
    return Jsonb(sorted(entities))


def terms_value(terms: tuple[tuple[str, int], ...]) -> Jsonb:
    return Jsonb([[word, count] for word, count in terms])


def article_values(article: StoredArticle, article_id: str, ingested_at: str) -> tuple[object, ...]:
    """Column values for inserting an article, in ARTICLE_COLUMNS order."""
    return (
        article_id,
        article.identity,
        article.path,
        article.url,
        article.outlet,
        article.title,
        checked_date(article.published),
        article.text,
        article.raw_text,
        removed_value(article.removed),
        article.copy_of,
        article.story_id,
        ingested_at,
    )


def row_to_article(row: Row) -> StoredArticle:
    """A StoredArticle from a row selected with ARTICLE_SELECT."""
    return StoredArticle(
        id=row["id"],
        identity=row["identity"],
        path=row["path"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        text=row["text"],
        raw_text=row["raw_text"],
        removed=list_to_removed(row["removed"]),
        copy_of=row["copy_of"],
        story_id=row["story_id"],
        ingested_at=row["ingested_at"],
    )


def row_to_export(row: Row) -> dict[str, object]:
    """A JSON-ready dict of every stored article field, as the SQLite store exports it (ISO date text)."""
    exported: dict[str, object] = {name: row[name] for name in ARTICLE_COLUMNS}
    published = row["published"]
    exported["published"] = published.isoformat() if isinstance(published, dt.date) else None
    exported["removed"] = [{"text": line.text, "reason": line.reason} for line in list_to_removed(row["removed"])]
    return exported


def row_to_signature(row: Row) -> ArticleSignature:
    """An ArticleSignature from a row of the signatures table."""
    vector = blob_to_vector(row["vector"])
    return ArticleSignature(
        article_id=row["article_id"],
        vector=vector if vector is not None else np.zeros(0, np.float32),
        entities=list_to_entities(row["entities"]),
        published=row["published"],
        terms=list_to_terms(row["terms"]),
    )


def row_to_story_signature(row: Row) -> StorySignature:
    """A StorySignature from a stories row carrying a `size` column."""
    return StorySignature(
        story_id=row["id"],
        centroid=blob_to_vector(row["centroid"]),
        entities=list_to_entities(row["entities"]),
        first_published=row["first_published"],
        last_published=row["last_published"],
        size=int(row["size"]),
    )


def stories_with_members(stories: list[Row], members: list[Row]) -> list[StoredStory]:
    """Each story row with the ids and distinct outlets of its members, in member order."""
    ids_by_story: dict[str, list[str]] = {}
    outlets_by_story: dict[str, dict[str, None]] = {}
    for member in members:
        ids_by_story.setdefault(member["story_id"], []).append(member["id"])
        if member["outlet"]:
            outlets_by_story.setdefault(member["story_id"], {}).setdefault(member["outlet"], None)
    return [
        StoredStory(
            id=row["id"],
            headline=row["headline"],
            first_published=row["first_published"],
            last_published=row["last_published"],
            status="closed" if row["status"] == "closed" else "open",
            article_ids=tuple(ids_by_story.get(row["id"], ())),
            outlets=tuple(outlets_by_story.get(row["id"], {})),
        )
        for row in stories
    ]

