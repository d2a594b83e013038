"""The corpus database on a PostgreSQL server (psycopg 3), for corpora shared past one machine.

It answers exactly as the SQLite store does (the same tests run on both):
this module holds the methods; `postgres_connection` the connection
(transactions, the writers' lock, errors), `postgres_schema` the tables and
their migrations, `postgres_rows` the conversion of records to columns and
back, `postgres_queries`, `postgres_briefings` and `postgres_search` the
queries the methods share or that stand apart.

Full-text search uses a copy of PostgreSQL's `english` configuration with the
`unaccent` dictionary in front (`newsweave_english`), rather than `simple`:
its Snowball stemmer and stop words are what the SQLite side matches (Porter
stemming since schema version 6, and `search_terms.STOP_WORDS`, the same
list), and `unaccent` gives SQLite's accent folding. So "strike" finds
"strikes", "cafe" finds "Café", and a query of stop words finds nothing, on
both backends alike. The stemmers differ in rare word forms (Porter vs
Snowball), and scores are `ts_rank` values rather than BM25: both rank within
one search only.

Needs the optional `psycopg` package: `open_store` checks for it first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import psycopg

from newsweave.errors import InputError, UsageError
from newsweave.model import ArticleSignature, StoredArticle, StoredStory
from newsweave.store import postgres_briefings, postgres_search
from newsweave.store import postgres_queries as queries
from newsweave.store.arguments import ClosesOnExit, checked_new_article, require_count, require_cutoff, story_changes
from newsweave.store.base import (
    AddOutcome,
    ArticleMinhash,
    BriefingStamp,
    SearchHit,
    StoreCounts,
    StoredBriefing,
    StoredCheckpoint,
    StorySignature,
    StoryStatus,
)
from newsweave.store.postgres_connection import PostgresConnection, is_nul_error
from newsweave.store.postgres_rows import (
    article_values,
    checked_date,
    entities_value,
    row_to_article,
    row_to_export,
    row_to_signature,
    row_to_story_signature,
    stories_with_members,
)
from newsweave.store.search_terms import query_words
from newsweave.store.sqlite_rows import ARTICLE_SELECT, vector_to_blob

Connection = psycopg.Connection[Any]

_ARTICLE_ORDER = "articles.published IS NULL, articles.published, articles.seq"
_STORY_ORDER = "stories.last_published IS NULL, stories.last_published DESC, stories.seq DESC"
_SIGNATURE_SELECT = "articles.seq AS seq, signatures.* FROM signatures JOIN articles ON articles.id = signatures.article_id"


class PostgresStore(ClosesOnExit):
    """An `ArticleStore` in a PostgreSQL database (its tables created when missing).

    `url` is a libpq connection string, postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE;
    the tables go to the connection's current schema (pick one with
    ?options=-csearch_path%3DNAME). With `create` False an empty schema is
    refused instead of set up. Messages and repr show the URL with its password masked.
    """

    def __init__(self, url: str, *, create: bool = True) -> None:
        self._db = PostgresConnection(url, create=create)

    @property
    def name(self) -> str:
        """The database's URL, password masked."""
        return self._db.name

    def __repr__(self) -> str:
        return f"PostgresStore({self._db.name!r})"

    # ----------------------------------------------------------------- articles

    def add_article(
        self,
        article: StoredArticle,
        signature: ArticleSignature | None = None,
        minhash: bytes | None = None,
    ) -> AddOutcome:
        """Store an article once per identity, with its clustering signature and MinHash bytes.

        An identity already stored changes nothing and reports the stored id.
        An id taken by a different article gets the first free "-2", "-3", ...
        suffix; the signature and MinHash are stored under the id actually used.
        """
        checked = checked_new_article(article, signature, minhash)
        vector, ingested_at = checked.vector, checked.ingested_at
        with self._db.transaction(write=True) as connection:
            try:
                existing = queries.id_for_identity(connection, article.identity)
                if existing is not None:
                    return AddOutcome(article_id=existing, added=False, existing_id=existing)
                if article.story_id is not None:
                    self._require_story(connection, article.story_id)
                article_id = queries.free_article_id(connection, article.id)
                row = article_values(article, article_id, ingested_at)
                queries.insert_article(connection, row, signature, vector, minhash)
            except UnicodeEncodeError as error:
                problem = "holds text that is not valid Unicode (a lone surrogate): fix its encoding and ingest it again"
                raise InputError(article.path, problem) from error
            except psycopg.DataError as error:
                if not is_nul_error(error):
                    raise
                problem = "holds a NUL character (\\x00), which PostgreSQL cannot store: remove it and ingest it again"
                raise InputError(article.path, problem) from error
        renamed_from = article.id if article_id != article.id else None
        return AddOutcome(article_id=article_id, added=True, renamed_from=renamed_from)

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The article stored under this id, or None."""
        with self._db.access() as connection:
            row = connection.execute(f"SELECT {ARTICLE_SELECT} FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row_to_article(row) if row is not None else None

    def article_id_for_identity(self, identity: str) -> str | None:
        """The id of the article stored under this identity, or None when it is new."""
        with self._db.access() as connection:
            return queries.id_for_identity(connection, identity)

    def iter_articles(self, since: dt.date | None = None, batch_size: int = 500) -> Iterator[StoredArticle]:
        """Every article in ingest order, fetched `batch_size` at a time; articles added meanwhile come at the end."""
        require_count(batch_size, "batch_size", minimum=1)
        where, params = queries.published_since("articles.published", since)
        sql = f"SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > %(after)s {where}"
        return self._db.stream(sql, params, row_to_article, batch_size)

    def recent_articles(self, days: int, undated: int) -> Iterator[StoredArticle]:
        """In ingest order: the articles published within `days` of the newest date, and the last
        `undated` undated ones (both found through the index on publication dates)."""
        require_count(days, "days", minimum=0)
        require_count(undated, "undated", minimum=0)
        with self._db.transaction(write=False) as connection:
            newest = connection.execute("SELECT max(published) AS newest FROM articles").fetchone()
            row = connection.execute(
                "SELECT seq FROM articles WHERE published IS NULL ORDER BY seq DESC LIMIT 1 OFFSET %s",
                (max(undated - 1, 0),),
            ).fetchone()
        newest_date = newest["newest"] if newest is not None else None
        since = newest_date - dt.timedelta(days=days) if newest_date else None
        undated_from = (int(row["seq"]) if row is not None else 0) if undated else None
        sql = f"""SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > %(after)s
                  AND (articles.published >= %(since)s
                       OR (articles.published IS NULL AND articles.seq >= %(undated_from)s))"""
        return self._db.stream(sql, {"since": since, "undated_from": undated_from}, row_to_article, 500)

    def count(self) -> int:
        """Number of articles stored."""
        with self._db.access() as connection:
            return queries.scalar(connection, "SELECT COUNT(*) AS value FROM articles")

    def counts(self) -> StoreCounts:
        """Numbers of articles, copies, stories and open stories."""
        with self._db.access() as connection:
            row = connection.execute(
                """SELECT (SELECT COUNT(*) FROM articles) AS articles,
                          (SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL) AS copies,
                          (SELECT COUNT(*) FROM stories) AS stories,
                          (SELECT COUNT(*) FROM stories WHERE status = 'open') AS open_stories"""
            ).fetchone()
        assert row is not None  # an aggregate always answers one row
        return StoreCounts(**{name: int(value) for name, value in row.items()})

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
        """Open a new story; an id already in use is refused."""
        if not story_id:
            raise UsageError("a story needs a non-empty id")
        blob = vector_to_blob(centroid, f"the centroid of story {story_id}") if centroid is not None else None
        values = (story_id, headline, checked_date(first_published), checked_date(last_published), blob)
        with self._db.transaction(write=True) as connection:
            if queries.story_exists(connection, story_id):
                raise UsageError(f"story {story_id} exists already in {self._db.name}: choose another story id")
            connection.execute(
                """INSERT INTO stories (id, headline, first_published, last_published, centroid, entities)
                   VALUES (%s, %s, %s, %s, %s, %s)""",
                (*values, entities_value(entities)),
            )

    def assign(self, article_id: str, story_id: str) -> None:
        """Put an article in a story; the story's date span widens to take in the article's date."""
        with self._db.transaction(write=True) as connection:
            row = connection.execute("SELECT published FROM articles WHERE id = %s", (article_id,)).fetchone()
            if row is None:
                raise UsageError(f"no article {article_id} in {self._db.name}: add it before assigning it to a story")
            self._require_story(connection, story_id)
            connection.execute("UPDATE articles SET story_id = %s WHERE id = %s", (story_id, article_id))
            if row["published"] is not None:
                # least/greatest skip NULLs: a dateless story takes the article's date.
                connection.execute(
                    """UPDATE stories SET first_published = least(first_published, %(date)s),
                                          last_published = greatest(last_published, %(date)s)
                       WHERE id = %(story)s""",
                    {"date": row["published"], "story": story_id},
                )

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
        changes = story_changes(
            story_id, headline=headline, first_published=first_published, last_published=last_published,
            status=status, centroid=centroid, entities=entities, date_column=checked_date, entities_column=entities_value,
        )  # fmt: skip
        with self._db.transaction(write=True) as connection:
            self._require_story(connection, story_id)
            if changes:
                assignments = ", ".join(f"{column} = %({column})s" for column in changes)
                connection.execute(
                    f"UPDATE stories SET {assignments} WHERE id = %(story_id)s", {**changes, "story_id": story_id}
                )

    def get_story(self, story_id: str) -> StoredStory | None:
        """The story with its article ids and outlets, or None."""
        with self._db.transaction(write=False) as connection:
            row = connection.execute("SELECT * FROM stories WHERE id = %s", (story_id,)).fetchone()
            if row is None:
                return None
            members = connection.execute(
                f"SELECT story_id, id, outlet FROM articles WHERE story_id = %s ORDER BY {_ARTICLE_ORDER}", (story_id,)
            ).fetchall()
        return stories_with_members([row], members)[0]

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
        """Stories, most recently active first; undated stories come last.

        `since` / `until` keep stories whose last article is dated within the
        bounds (inclusive); `outlet` keeps stories with an article from that
        outlet (or any of several spellings of it); `ids` keeps only the stories
        named. `limit` and `offset` page.
        """
        if limit is not None:
            require_count(limit, "limit", minimum=0)
        require_count(offset, "offset", minimum=0)
        where, params = queries.story_filter(since, until, outlet, ids)
        page = f"SELECT stories.id FROM stories WHERE true {where} ORDER BY {_STORY_ORDER} LIMIT %(limit)s OFFSET %(offset)s"
        params = {**params, "limit": limit, "offset": offset}  # LIMIT NULL is no limit
        with self._db.transaction(write=False) as connection:
            stories = connection.execute(
                f"SELECT * FROM stories WHERE id IN ({page}) ORDER BY {_STORY_ORDER}", params
            ).fetchall()
            members = connection.execute(
                f"SELECT story_id, id, outlet FROM articles WHERE story_id IN ({page}) ORDER BY {_ARTICLE_ORDER}",
                params,
            ).fetchall()
        return stories_with_members(stories, members)

    def outlets(self) -> list[str]:
        """Every outlet named by a stored article, the most frequent first."""
        with self._db.access() as connection:
            rows = connection.execute(
                """SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != ''
                   GROUP BY outlet ORDER BY COUNT(*) DESC, outlet COLLATE "C" """
            ).fetchall()
        return [row["outlet"] for row in rows]

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        """The articles of a story, oldest first (undated ones last); empty for an unknown story."""
        with self._db.access() as connection:
            rows = connection.execute(
                f"SELECT {ARTICLE_SELECT} FROM articles WHERE story_id = %s ORDER BY {_ARTICLE_ORDER}", (story_id,)
            ).fetchall()
        return [row_to_article(row) for row in rows]

    def open_story_signatures(self) -> list[StorySignature]:
        """Centroid, entities, dates and size of every open story, oldest story first."""
        with self._db.access() as connection:
            rows = connection.execute(
                """SELECT stories.*, (SELECT COUNT(*) FROM articles WHERE articles.story_id = stories.id) AS size
                   FROM stories WHERE status = 'open' ORDER BY seq"""
            ).fetchall()
        return [row_to_story_signature(row) for row in rows]

    def close_stories(self, older_than: dt.date) -> int:
        """Close open stories last published before `older_than`; undated stories stay open.

        Returns how many stories were closed.
        """
        cutoff = checked_date(require_cutoff(older_than))
        with self._db.transaction(write=True) as connection:
            cursor = connection.execute(
                "UPDATE stories SET status = 'closed' WHERE status = 'open' AND last_published < %s", (cutoff,)
            )
            return cursor.rowcount

    # ----------------------------------------------------------------- briefings

    def save_briefing(self, briefing: StoredBriefing) -> None:
        """Keep a finished briefing for its story, replacing the one kept before."""
        with self._db.transaction(write=True) as connection:
            postgres_briefings.save_briefing(connection, briefing)

    def get_briefing(self, story_id: str) -> StoredBriefing | None:
        """The briefing kept for a story (maybe stale: compare its revision), or None."""
        with self._db.access() as connection:
            return postgres_briefings.get_briefing(connection, story_id)

    def briefing_stamps(self, story_ids: Collection[str]) -> dict[str, BriefingStamp]:
        """Revision, conflict and update counts of the kept briefings of these stories, by story id."""
        with self._db.access() as connection:
            return postgres_briefings.briefing_stamps(connection, story_ids)

    # ----------------------------------------------------------------- indexes

    def load_signatures(
        self, since: dt.date | None = None, after_article: str | None = None
    ) -> Iterator[ArticleSignature]:
        """Stored clustering signatures in ingest order; `since` keeps those published on or after it,
        `after_article` those stored after that article."""
        where, params = queries.published_since("signatures.published", since)
        start = 0
        if after_article is not None:
            with self._db.access() as connection:
                row = connection.execute("SELECT seq FROM articles WHERE id = %s", (after_article,)).fetchone()
            if row is None:
                raise UsageError(f"no article {after_article!r} in this database to load signatures after")
            start = int(row["seq"])
        sql = f"SELECT {_SIGNATURE_SELECT} WHERE articles.seq > %(after)s {where}"
        return self._db.stream(sql, params, row_to_signature, 500, after=start)

    def signatures_of(self, article_ids: Collection[str]) -> list[ArticleSignature]:
        """The stored signatures of these articles, in ingest order; an id without one is left out."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return []
        with self._db.access() as connection:
            rows = connection.execute(
                f"SELECT {_SIGNATURE_SELECT} WHERE signatures.article_id = ANY(%s::text[]) ORDER BY articles.seq",
                (ids,),
            ).fetchall()
        return [row_to_signature(row) for row in rows]

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None:
        """Keep a checkpoint, replacing the one of the same name."""
        with self._db.transaction(write=True) as connection:
            postgres_briefings.save_checkpoint(connection, checkpoint)

    def get_checkpoint(self, name: str) -> StoredCheckpoint | None:
        """The checkpoint kept under `name`, or None."""
        with self._db.access() as connection:
            return postgres_briefings.get_checkpoint(connection, name)

    def load_minhashes(self) -> Iterator[ArticleMinhash]:
        """Stored MinHash bytes in ingest order, to rebuild the copy index."""
        sql = """SELECT articles.seq AS seq, minhashes.article_id, minhashes.minhash FROM minhashes
                 JOIN articles ON articles.id = minhashes.article_id WHERE articles.seq > %(after)s"""
        return self._db.stream(sql, {}, lambda row: ArticleMinhash(row["article_id"], bytes(row["minhash"])), 1000)

    # ----------------------------------------------------------------- search

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text hold every word of the query, best match first.

        The query is read as plain words (see `search_terms`): operators and
        punctuation carry no meaning, so no typed text can make the search fail.
        """
        if not isinstance(query, str):
            raise UsageError(f"the search query must be text, got {type(query).__name__}")
        require_count(limit, "limit", minimum=1)
        words = query_words(query)
        if not words:
            return []
        with self._db.access() as connection:
            return postgres_search.ranked_hits(connection, words, limit)

    # ----------------------------------------------------------------- lifecycle

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A block whose writes commit together, or are all undone when it raises.

        Transactions nest (inner ones are savepoints). Other threads using this
        store wait until the block ends; other processes' writers wait for it too.
        """
        with self._db.transaction(write=True):
            yield

    def export_rows(self) -> Iterator[dict[str, object]]:
        """Every article as a JSON-ready dict holding all its stored fields, in ingest order.

        Keys: id, identity, path, url, outlet, title, published (ISO date or
        None), text, raw_text, removed (list of {"text", "reason"}), copy_of,
        story_id, ingested_at.
        """
        sql = f"SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > %(after)s"
        return self._db.stream(sql, {}, row_to_export, 500)

    def close(self) -> None:
        """Release the database; closing twice is harmless."""
        self._db.close()


    # ----------------------------------------------------------------- internals

    def _require_story(self, connection: Connection, story_id: str) -> None:
        if not queries.story_exists(connection, story_id):
            raise UsageError(f"no story {story_id} in {self._db.name}: create the story first")
