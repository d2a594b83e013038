"""What the corpus database offers the stages, independent of the engine behind it.

Stages talk to an `ArticleStore` only. SQLite (`newsweave.store.sqlite`) and
PostgreSQL (`newsweave.store.postgres`) implement it alike, and one test suite
runs on both; no stage knows which it has. Every answer is a frozen record
from this module or from `newsweave.model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Protocol, Self, runtime_checkable

import numpy as np

from newsweave.errors import StoreError  # re-exported: the store's error lives in the one exception tree
from newsweave.model import ArticleSignature, StoredArticle, StoredStory

StoryStatus = Literal["open", "closed"]


class StoreFullError(StoreError):
    """A write failed because the disk (or the database's size limit) is full; nothing of it was kept."""

# Search snippets mark the matched words with these, so that a terminal shows
# them as they are and a web page can swap them for <mark> after escaping.
MATCH_OPEN = "**"
MATCH_CLOSE = "**"


@dataclass(frozen=True)
class AddOutcome:
    """What `add_article` did with one article.

    `article_id` is the id the article has in the store: the existing article's
    id when the identity was stored already, a suffixed id when the requested
    one belonged to a different article.
    """

    article_id: str
    added: bool
    existing_id: str | None = None  # set when nothing was added: the article already stored under this identity
    renamed_from: str | None = None  # set when the requested id was taken by another article


@dataclass(frozen=True)
class SearchHit:
    """One article found by full-text search; `rank` 1 is the best match."""

    article_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    snippet: str  # a short passage with matched words between MATCH_OPEN and MATCH_CLOSE
    rank: int
    score: float  # relevance (BM25 on SQLite, ts_rank on PostgreSQL), higher is better; comparable only within one search
    story_id: str | None = None


@dataclass(frozen=True)
class StoreCounts:
    """How much the corpus holds."""

    articles: int
    copies: int  # articles that copy another one
    stories: int
    open_stories: int


@dataclass(frozen=True)
class ArticleMinhash:
    """The MinHash signature of one article's text, as the copy index serialised it."""

    article_id: str
    minhash: bytes


@dataclass(frozen=True, eq=False)
class StorySignature:
    """What story clustering needs of an open story to carry on after a restart."""

    story_id: str
    centroid: np.ndarray | None = field(repr=False)  # float32, as clustering last saved it
    entities: frozenset[str]
    first_published: dt.date | None
    last_published: dt.date | None
    size: int  # number of articles assigned to the story


@dataclass(frozen=True)
class StoredBriefing:
    """A finished briefing kept for a story, and the story revision it was made from."""

    story_id: str
    revision: str  # StoredStory.revision when the briefing was made; a different one means it is stale
    conflicts: int  # number of conflicts, for story lists that do not load the document
    # Number of figures that changed over time (the document's `updates`), counted apart from conflicts;
    # None when the briefing was kept before newsweave counted them, so a list shows nothing rather than 0.
    updates: int | None
    document: str  # the briefing as newsweave.briefing/1 JSON text
    created_at: str = ""  # ISO 8601, UTC


@dataclass(frozen=True)
class BriefingStamp:
    """What a story list needs to know of a stored briefing without loading it."""

    revision: str
    conflicts: int
    updates: int | None  # None: not counted when the briefing was kept (see StoredBriefing.updates)


@dataclass(frozen=True, eq=False)
class StoredCheckpoint:
    """Saved in-memory state of an ingest (the story clusterer's), so that a restart resumes rather than replays.

    `through_article` is the last article whose signature the state includes:
    a restart replays only the signatures stored after it. `fingerprint`
    names the settings the state was made with; state made with other
    settings is not resumed.
    """

    name: str
    fingerprint: str
    through_article: str
    data: bytes = field(repr=False)


@runtime_checkable
class ArticleStore(Protocol):
    """A corpus of articles, their stories and the indexes that rebuild in-memory state.

    Writes outside `transaction()` commit one by one; inside it they commit
    together or not at all. Lookups of unknown ids return None; writes that
    name an unknown article or story raise `UsageError`; engine failures raise
    `StoreError`.
    """

    # ----------------------------------------------------------------- articles

    def add_article(
        self,
        article: StoredArticle,
        signature: ArticleSignature | None = None,
        minhash: bytes | None = None,
    ) -> AddOutcome:
        """Store an article once per identity, with its clustering signature and MinHash bytes."""
        ...

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The article stored under this id, or None."""
        ...

    def article_id_for_identity(self, identity: str) -> str | None:
        """The id of the article stored under this identity, or None when it is new."""
        ...

    def iter_articles(self, since: dt.date | None = None, batch_size: int = 500) -> Iterator[StoredArticle]:
        """Every article in ingest order, read in batches; `since` keeps those published on or after it."""
        ...

    def recent_articles(self, days: int, undated: int) -> Iterator[StoredArticle]:
        """In ingest order: the articles published within `days` of the newest date stored, and the
        `undated` undated articles stored last. What a restart needs of the corpus, whatever its size."""
        ...

    def count(self) -> int:
        """Number of articles stored."""
        ...

    def counts(self) -> StoreCounts:
        """Numbers of articles, copies, stories and open stories."""
        ...

    # ----------------------------------------------------------------- stories

    def create_story(
        self,
        story_id: str,
        headline: str | None,
        first_published: dt.date | None,
        last_published: dt.date | None,
        *,
        centroid: np.ndarray | None = None,
        entities: frozenset[str] = frozenset(),
    ) -> None:
        """Open a new story."""
        ...

    def assign(self, article_id: str, story_id: str) -> None:
        """Put an article in a story; the story's date span widens to the article's date."""
        ...

    def update_story(
        self,
        story_id: str,
        *,
        headline: str | None = None,
        first_published: dt.date | None = None,
        last_published: dt.date | None = None,
        status: StoryStatus | None = None,
        centroid: np.ndarray | None = None,
        entities: frozenset[str] | None = None,
    ) -> None:
        """Change the given fields of a story; fields left as None keep their value."""
        ...

    def get_story(self, story_id: str) -> StoredStory | None:
        """The story with its article ids and outlets, or None."""
        ...

    def list_stories(
        self,
        since: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        until: dt.date | None = None,
        outlet: str | Collection[str] | None = None,
        ids: Collection[str] | None = None,
    ) -> list[StoredStory]:
        """Stories, most recently active first.

        `since` / `until` keep stories whose last article is dated within the
        bounds; `outlet` keeps stories with an article from that outlet (or
        from any of several spellings of it); `ids` keeps only the stories named.
        """
        ...

    def outlets(self) -> list[str]:
        """Every outlet named by a stored article, the most frequent first."""
        ...

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        """The articles of a story, oldest first."""
        ...

    def open_story_signatures(self) -> list[StorySignature]:
        """Centroid, entities, dates and size of every open story, oldest story first."""
        ...

    def close_stories(self, older_than: dt.date) -> int:
        """Close open stories last published before `older_than`; returns how many were closed."""
        ...

    # ----------------------------------------------------------------- briefings

    def save_briefing(self, briefing: StoredBriefing) -> None:
        """Keep a finished briefing for its story, replacing the one kept before."""
        ...

    def get_briefing(self, story_id: str) -> StoredBriefing | None:
        """The briefing kept for a story (maybe stale: compare its revision), or None."""
        ...

    def briefing_stamps(self, story_ids: Collection[str]) -> dict[str, BriefingStamp]:
        """Revision, conflict and update counts of the kept briefings of these stories, by story id."""
        ...

    # ----------------------------------------------------------------- indexes

    def load_signatures(
        self, since: dt.date | None = None, after_article: str | None = None
    ) -> Iterator[ArticleSignature]:
        """Stored clustering signatures in ingest order; `since` keeps those published on or after it,
        `after_article` those stored after that article (UsageError when it is not stored)."""
        ...

    def signatures_of(self, article_ids: Collection[str]) -> list[ArticleSignature]:
        """The stored signatures of these articles, in ingest order; an id without one is left out."""
        ...

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None:
        """Keep a checkpoint, replacing the one of the same name; `through_article` must be stored."""
        ...

    def get_checkpoint(self, name: str) -> StoredCheckpoint | None:
        """The checkpoint kept under `name`, or None."""
        ...

    def load_minhashes(self) -> Iterator[ArticleMinhash]:
        """Stored MinHash bytes in ingest order, to rebuild the copy index."""
        ...

    # ----------------------------------------------------------------- search

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text hold every word of the query, best match first."""
        ...

    # ----------------------------------------------------------------- lifecycle

    def transaction(self) -> AbstractContextManager[None]:
        """A block whose writes commit together, or are all undone when it raises."""
        ...

    def export_rows(self) -> Iterator[dict[str, object]]:
        """Every article as a JSON-ready dict holding all its stored fields, in ingest order."""
        ...

    def close(self) -> None:
        """Release the database; closing twice is harmless."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
