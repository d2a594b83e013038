"""Turning records into SQLite column values and back.

Dates are ISO text, removed lines and entity sets are JSON text, vectors are
little-endian float32 blobs: all readable by any SQLite client without newsweave
in the loop. The checks and the JSON-list readers here are engine-independent;
`postgres_rows` uses them too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import numpy as np

from newsweave.errors import UsageError
from newsweave.model import ArticleSignature, RemovedLine, StoredArticle, StoredStory
from newsweave.store.base import StorySignature

# Explicit byte order: a database copied between machines must read the same.
VECTOR_DTYPE = np.dtype("<f4")

# The article columns, in the order every SELECT of a whole article uses.
ARTICLE_COLUMNS = (
    "id",
    "identity",
    "path",
    "url",
    "outlet",
    "title",
    "published",
    "text",
    "raw_text",
    "removed",
    "copy_of",
    "story_id",
    "ingested_at",
)
ARTICLE_SELECT = ", ".join(f"articles.{name}" for name in ARTICLE_COLUMNS)


def checked_date(value: object) -> dt.date | None:
    """A date (a datetime keeps only its date) or None; anything else is a UsageError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise UsageError(f"expected a date (datetime.date) or None, got {type(value).__name__} {value!r}")
    return value


def date_to_text(value: dt.date | None) -> str | None:
    """ISO form of a date (a datetime keeps only its date), None for None."""
    checked = checked_date(value)
    return checked.isoformat() if checked is not None else None


def text_to_date(value: str | None) -> dt.date | None:
    """The date an ISO text names; None for None or for text that is no date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        # Written by hand or by another tool: an unreadable date is treated as unknown, not fatal.
        return None


def vector_to_blob(vector: np.ndarray, what: str) -> bytes:
    """A one-dimensional vector as float32 bytes; `what` names it in the error message."""
    array = np.asarray(vector)
    if array.ndim != 1 or array.size == 0:
        raise UsageError(f"{what} must be a non-empty one-dimensional vector, got shape {array.shape}")
    return array.astype(VECTOR_DTYPE, copy=False).tobytes()


def blob_to_vector(blob: bytes | None) -> np.ndarray | None:
    """A float32 vector read from bytes (a writable copy), None for None."""
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=VECTOR_DTYPE).astype(np.float32)


def removed_to_text(removed: tuple[RemovedLine, ...]) -> str:
    """Removed lines as a JSON list of {"text", "reason"} objects."""
    return json.dumps([{"text": line.text, "reason": line.reason} for line in removed], ensure_ascii=False)


def text_to_removed(value: str | None) -> tuple[RemovedLine, ...]:
    """Removed lines read back from their JSON form."""
    return list_to_removed(_json_list(value))


def list_to_removed(items: object) -> tuple[RemovedLine, ...]:
    """Removed lines from a parsed JSON list of {"text", "reason"} objects; other items are skipped."""
    return tuple(
        RemovedLine(text=str(item.get("text", "")), reason=str(item.get("reason", "")))
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    )


def entities_to_text(entities: frozenset[str]) -> str:
    """An entity set as a sorted JSON list, so equal sets are stored identically."""
    return json.dumps(sorted(entities), ensure_ascii=False)


def text_to_entities(value: str | None) -> frozenset[str]:
    """An entity set read back from its JSON form."""
    return list_to_entities(_json_list(value))


def list_to_entities(items: object) -> frozenset[str]:
    """An entity set from a parsed JSON list."""
    return frozenset(str(item) for item in (items if isinstance(items, list) else []))


def terms_to_text(terms: tuple[tuple[str, int], ...]) -> str:
    """A signature's body words as a JSON list of [word, count] pairs."""
    return json.dumps([[word, count] for word, count in terms], ensure_ascii=False)


def text_to_terms(value: str | None) -> tuple[tuple[str, int], ...]:
    """Body words read back; a damaged pair is left out rather than guessed at."""
    return list_to_terms(_json_list(value))


def list_to_terms(items: object) -> tuple[tuple[str, int], ...]:
    """Body words from a parsed JSON list of [word, count] pairs; a damaged pair is left out."""
    return tuple(
        (item[0], item[1])
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and type(item[1]) is int and item[1] > 0
    )


def _json_list(value: str | None) -> list:
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def article_values(article: StoredArticle, article_id: str, ingested_at: str) -> tuple[object, ...]:
    """Column values for inserting an article, in ARTICLE_COLUMNS order."""
    return (
        article_id,
        article.identity,
        article.path,
        article.url,
        article.outlet,
        article.title,
        date_to_text(article.published),
        article.text,
        article.raw_text,
        removed_to_text(article.removed),
        article.copy_of,
        article.story_id,
        ingested_at,
    )


def row_to_article(row: sqlite3.Row) -> StoredArticle:
    """A StoredArticle from a row selected with ARTICLE_SELECT."""
    return StoredArticle(
        id=row["id"],
        identity=row["identity"],
        path=row["path"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=text_to_date(row["published"]),
        text=row["text"],
        raw_text=row["raw_text"],
        removed=text_to_removed(row["removed"]),
        copy_of=row["copy_of"],
        story_id=row["story_id"],
        ingested_at=row["ingested_at"],
    )


def row_to_export(row: sqlite3.Row) -> dict[str, object]:
    """A JSON-ready dict of every stored article field; published stays ISO text."""
    exported: dict[str, object] = {name: row[name] for name in ARTICLE_COLUMNS}
    exported["removed"] = [{"text": line.text, "reason": line.reason} for line in text_to_removed(row["removed"])]
    return exported


def row_to_signature(row: sqlite3.Row) -> ArticleSignature:
    """An ArticleSignature from a row of the signatures table."""
    vector = blob_to_vector(row["vector"])
    return ArticleSignature(
        article_id=row["article_id"],
        vector=vector if vector is not None else np.zeros(0, np.float32),
        entities=text_to_entities(row["entities"]),
        published=text_to_date(row["published"]),
        terms=text_to_terms(row["terms"]),
    )


def row_to_story(row: sqlite3.Row, article_ids: tuple[str, ...], outlets: tuple[str, ...]) -> StoredStory:
    """A StoredStory from a row of the stories table and its members."""
    return StoredStory(
        id=row["id"],
        headline=row["headline"],
        first_published=text_to_date(row["first_published"]),
        last_published=text_to_date(row["last_published"]),
        status="closed" if row["status"] == "closed" else "open",
        article_ids=article_ids,
        outlets=outlets,
    )


def row_to_story_signature(row: sqlite3.Row) -> StorySignature:
    """A StorySignature from a stories row carrying a `size` column."""
    return StorySignature(
        story_id=row["id"],
        centroid=blob_to_vector(row["centroid"]),
        entities=text_to_entities(row["entities"]),
        first_published=text_to_date(row["first_published"]),
        last_published=text_to_date(row["last_published"]),
        size=int(row["size"]),
    )


def stories_with_members(stories: list[sqlite3.Row], members: list[sqlite3.Row]) -> list[StoredStory]:
    """Each story row with the ids and distinct outlets of its members, in member order."""
    ids_by_story: dict[str, list[str]] = {}
    outlets_by_story: dict[str, dict[str, None]] = {}
    for member in members:
        ids_by_story.setdefault(member["story_id"], []).append(member["id"])
        if member["outlet"]:
            outlets_by_story.setdefault(member["story_id"], {}).setdefault(member["outlet"], None)
    return [
        row_to_story(row, tuple(ids_by_story.get(row["id"], ())), tuple(outlets_by_story.get(row["id"], {})))
        for row in stories
    ]
