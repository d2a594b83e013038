"""What both backends check and prepare before they touch their database, in one place.

The SQLite and PostgreSQL stores differ in SQL and in how a column holds a date
or a set of names; what they accept and refuse does not. Each backend passes its
own column conversions in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import numpy as np

from newsweave.errors import UsageError
from newsweave.model import ArticleSignature, StoredArticle
from newsweave.store.base import StoryStatus
from newsweave.store.sqlite_rows import vector_to_blob

STORY_STATUSES: tuple[StoryStatus, ...] = ("open", "closed")


def require_count(value: object, name: str, *, minimum: int) -> None:
    """Refuse anything but a whole number (not a bool) of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UsageError(f"{name} must be a whole number of at least {minimum}, got {value!r}")


@dataclass(frozen=True)
class NewArticle:
    """An article's parts checked for storing: its signature vector as bytes, and its ingest time."""

    vector: bytes | None
    ingested_at: str  # ISO 8601, UTC: the article's own, or now


def checked_new_article(article: StoredArticle, signature: ArticleSignature | None, minhash: object) -> NewArticle:
    """Refuse an article that cannot be stored as given; its vector and ingest time otherwise."""
    if not article.id or not article.identity:
        raise UsageError(f"{article.path}: an article needs a non-empty id and identity to be stored")
    if signature is not None and signature.article_id != article.id:
        raise UsageError(f"the signature is of article {signature.article_id}, not of {article.id}")
    vector = vector_to_blob(signature.vector, f"the signature vector of {article.id}") if signature else None
    if minhash is not None and not isinstance(minhash, bytes | bytearray | memoryview):
        raise UsageError(f"the MinHash of {article.id} must be bytes, got {type(minhash).__name__}")
    return NewArticle(vector, article.ingested_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def story_changes(
    story_id: str,
    *,
    headline: str | None,
    first_published: dt.date | None,
    last_published: dt.date | None,
    status: StoryStatus | None,
    centroid: np.ndarray | None,
    entities: frozenset[str] | None,
    date_column: Callable[[dt.date], object],
    entities_column: Callable[[frozenset[str]], object],
) -> dict[str, object]:
    """The columns an update of a story sets, by name; a field given as None keeps its value."""
    if status is not None and status not in STORY_STATUSES:
        raise UsageError(f"a story's status is 'open' or 'closed', not {status!r}")
    changes: dict[str, object] = {}
    if headline is not None:
        changes["headline"] = headline
    if first_published is not None:
        changes["first_published"] = date_column(first_published)
    if last_published is not None:
        changes["last_published"] = date_column(last_published)
    if status is not None:
        changes["status"] = status
    if centroid is not None:
        changes["centroid"] = vector_to_blob(centroid, f"the centroid of story {story_id}")
    if entities is not None:
        changes["entities"] = entities_column(entities)
    return changes


def require_cutoff(older_than: dt.date | None) -> dt.date:
    if older_than is None:
        raise UsageError("close_stories needs a date: stories last published before it are closed")
    return older_than


class ClosesOnExit:
    """`with store:` closes the store at the end of the block."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
