"""The corpus database in one SQLite file.

This module holds the queries; `sqlite_connection` holds the connection
(WAL, locking, transactions, errors), `sqlite_schema` the tables and their
migrations, `sqlite_rows` the conversion of records to columns and back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from newsweave.errors import InputError, UsageError
from newsweave.model import ArticleSignature, StoredArticle, StoredStory
from newsweave.store.arguments import ClosesOnExit, checked_new_article, require_count, require_cutoff, story_changes
from newsweave.store.base import (
    AddOutcome,
    ArticleMinhash,
    BriefingStamp,
    SearchHit,
    StoreCounts,
    StorySignature,
    StoredBriefing,
    StoredCheckpoint,
    StoryStatus,
)
from newsweave.store import sqlite_briefings, sqlite_search
from newsweave.store.search_terms import match_expression
from newsweave.store.sqlite_rows import (
    ARTICLE_COLUMNS,
    ARTICLE_SELECT,
    article_values,
    date_to_text,
    entities_to_text,
    row_to_article,
    row_to_export,
    row_to_signature,
    row_to_story_signature,
    stories_with_members,
    terms_to_text,
    text_to_date,
    vector_to_blob,
)
from newsweave.store.sqlite_connection import LockedConnection

_ARTICLE_ORDER = "articles.published IS NULL, articles.published, articles.seq"
_STORY_ORDER = "stories.last_published IS NULL, stories.last_published DESC, stories.seq DESC"
class SQLiteStore(ClosesOnExit):
    """An `ArticleStore` kept in one SQLite file (created when missing)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._db = LockedConnection(path)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._db.path

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self._db.path)!r})"

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
            existing = _id_for_identity(connection, article.identity)
            if existing is not None:
                return AddOutcome(article_id=existing, added=False, existing_id=existing)
            if article.story_id is not None:
                self._require_story(connection, article.story_id)
            article_id = _free_article_id(connection, article.id)
            try:
                _insert_article(connection, article, article_id, ingested_at, signature, vector, minhash)
            except UnicodeEncodeError as error:
                problem = "holds text that is not valid Unicode (a lone surrogate): fix its encoding and ingest it again"
                raise InputError(article.path, problem) from error
        renamed_from = article.id if article_id != article.id else None
        return AddOutcome(article_id=article_id, added=True, renamed_from=renamed_from)

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The article stored under this id, or None."""
        with self._db.access() as connection:
            row = connection.execute(f"SELECT {ARTICLE_SELECT} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row_to_article(row) if row is not None else None

    def article_id_for_identity(self, identity: str) -> str | None:
        """The id of the article stored under this identity, or None when it is new."""
        with self._db.access() as connection:
            return _id_for_identity(connection, identity)

    def iter_articles(self, since: dt.date | None = None, batch_size: int = 500) -> Iterator[StoredArticle]:
        """Every article in ingest order, fetched `batch_size` at a time.

        Only one batch is in memory at once, and the connection is free
        between batches; articles added meanwhile come at the end.
        """
        require_count(batch_size, "batch_size", minimum=1)
        where, params = _published_since("articles.published", since)
        sql = f"SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > :after {where}"
        return self._db.stream(sql, params, row_to_article, batch_size)

    def recent_articles(self, days: int, undated: int) -> Iterator[StoredArticle]:
        """In ingest order: the articles published within `days` of the newest date, and the last
        `undated` undated ones (both found through the index on publication dates)."""
        require_count(days, "days", minimum=0)
        require_count(undated, "undated", minimum=0)
        with self._db.access() as connection:
            newest = text_to_date(connection.execute("SELECT max(published) FROM articles").fetchone()[0])
            row = connection.execute(
                "SELECT seq FROM articles WHERE published IS NULL ORDER BY seq DESC LIMIT 1 OFFSET ?",
                (max(undated - 1, 0),),
            ).fetchone()
        since = date_to_text(newest - dt.timedelta(days=days)) if newest else None
        undated_from = (int(row["seq"]) if row is not None else 0) if undated else None
        sql = f"""SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > :after
                  AND (articles.published >= :since OR (articles.published IS NULL AND articles.seq >= :undated_from))"""
        return self._db.stream(sql, {"since": since, "undated_from": undated_from}, row_to_article, 500)

    def count(self) -> int:
        """Number of articles stored."""
        with self._db.access() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def counts(self) -> StoreCounts:
        """Numbers of articles, copies, stories and open stories."""
        with self._db.access() as connection:
            row = connection.execute(
                """SELECT (SELECT COUNT(*) FROM articles),
                          (SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL),
                          (SELECT COUNT(*) FROM stories),
                          (SELECT COUNT(*) FROM stories WHERE status = 'open')"""
            ).fetchone()
        return StoreCounts(articles=row[0], copies=row[1], stories=row[2], open_stories=row[3])

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
        values = (story_id, headline, date_to_text(first_published), date_to_text(last_published), blob)
        with self._db.transaction(write=True) as connection:
            if _story_exists(connection, story_id):
                raise UsageError(f"story {story_id} exists already in {self._db.path}: choose another story id")
            connection.execute(
                """INSERT INTO stories (id, headline, first_published, last_published, centroid, entities)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (*values, entities_to_text(entities)),
            )

    def assign(self, article_id: str, story_id: str) -> None:
        """Put an article in a story; the story's date span widens to take in the article's date."""
        with self._db.transaction(write=True) as connection:
            row = connection.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise UsageError(f"no article {article_id} in {self._db.path}: add it before assigning it to a story")
            self._require_story(connection, story_id)
            connection.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
            if row["published"] is not None:
                # SQLite's two-argument min/max give NULL when either side is NULL: coalesce covers a dateless story.
                connection.execute(
                    """UPDATE stories SET first_published = coalesce(min(first_published, :date), :date),
                                          last_published = coalesce(max(last_published, :date), :date)
                       WHERE id = :story""",
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
            status=status, centroid=centroid, entities=entities, date_column=date_to_text, entities_column=entities_to_text,
        )  # fmt: skip
        with self._db.transaction(write=True) as connection:
            self._require_story(connection, story_id)
            if changes:
                assignments = ", ".join(f"{column} = :{column}" for column in changes)
                connection.execute(
                    f"UPDATE stories SET {assignments} WHERE id = :story_id", {**changes, "story_id": story_id}
                )

    def get_story(self, story_id: str) -> StoredStory | None:
        """The story with its article ids and outlets, or None."""
        with self._db.transaction(write=False) as connection:
            row = connection.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                return None
            members = connection.execute(
                f"SELECT story_id, id, outlet FROM articles WHERE story_id = ? ORDER BY {_ARTICLE_ORDER}", (story_id,)
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
        where, params = _story_filter(since, until, outlet, ids)
        page = f"SELECT stories.id FROM stories WHERE 1 {where} ORDER BY {_STORY_ORDER} LIMIT :limit OFFSET :offset"
        params = {**params, "limit": -1 if limit is None else limit, "offset": offset}
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
                   GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"""
            ).fetchall()
        return [row["outlet"] for row in rows]

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        """The articles of a story, oldest first (undated ones last); empty for an unknown story."""
        with self._db.access() as connection:
            rows = connection.execute(
                f"SELECT {ARTICLE_SELECT} FROM articles WHERE story_id = ? ORDER BY {_ARTICLE_ORDER}", (story_id,)
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
        cutoff = date_to_text(require_cutoff(older_than))
        with self._db.transaction(write=True) as connection:
            cursor = connection.execute(
                "UPDATE stories SET status = 'closed' WHERE status = 'open' AND last_published < ?", (cutoff,)
            )
            return cursor.rowcount

    # ----------------------------------------------------------------- briefings

    def save_briefing(self, briefing: StoredBriefing) -> None:
        """Keep a finished briefing for its story, replacing the one kept before."""
        with self._db.transaction(write=True) as connection:
            sqlite_briefings.save_briefing(connection, briefing)

    def get_briefing(self, story_id: str) -> StoredBriefing | None:
        """The briefing kept for a story (maybe stale: compare its revision), or None."""
        with self._db.access() as connection:
            return sqlite_briefings.get_briefing(connection, story_id)

    def briefing_stamps(self, story_ids: Collection[str]) -> dict[str, BriefingStamp]:
        """Revision, conflict and update counts of the kept briefings of these stories, by story id."""
        with self._db.access() as connection:
            return sqlite_briefings.briefing_stamps(connection, story_ids)

    # ----------------------------------------------------------------- indexes

    def load_signatures(
        self, since: dt.date | None = None, after_article: str | None = None
    ) -> Iterator[ArticleSignature]:
        """Stored clustering signatures in ingest order; `since` keeps those published on or after it,
        `after_article` those stored after that article."""
        where, params = _published_since("signatures.published", since)
        start = 0
        if after_article is not None:
            with self._db.access() as connection:
                row = connection.execute("SELECT seq FROM articles WHERE id = ?", (after_article,)).fetchone()
            if row is None:
                raise UsageError(f"no article {after_article!r} in this database to load signatures after")
            start = int(row["seq"])
        sql = f"""SELECT articles.seq AS seq, signatures.* FROM signatures
                  JOIN articles ON articles.id = signatures.article_id WHERE articles.seq > :after {where}"""
        return self._db.stream(sql, params, row_to_signature, 500, after=start)

    def signatures_of(self, article_ids: Collection[str]) -> list[ArticleSignature]:
        """The stored signatures of these articles, in ingest order; an id without one is left out."""
        found: list[tuple[int, ArticleSignature]] = []
        ids = list(dict.fromkeys(article_ids))
        with self._db.access() as connection:
            for start in range(0, len(ids), sqlite_briefings.IDS_PER_QUERY):
                chunk = ids[start : start + sqlite_briefings.IDS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"""SELECT articles.seq AS seq, signatures.* FROM signatures
                        JOIN articles ON articles.id = signatures.article_id WHERE signatures.article_id IN ({marks})""",
                    chunk,
                ).fetchall()
                found.extend((int(row["seq"]), row_to_signature(row)) for row in rows)
        return [signature for _, signature in sorted(found, key=lambda item: item[0])]

    def save_checkpoint(self, checkpoint: StoredCheckpoint) -> None:
        """Keep a checkpoint, replacing the one of the same name."""
        with self._db.transaction(write=True) as connection:
            sqlite_briefings.save_checkpoint(connection, checkpoint)

    def get_checkpoint(self, name: str) -> StoredCheckpoint | None:
        """The checkpoint kept under `name`, or None."""
        with self._db.access() as connection:
            return sqlite_briefings.get_checkpoint(connection, name)

    def load_minhashes(self) -> Iterator[ArticleMinhash]:
        """Stored MinHash bytes in ingest order, to rebuild the copy index."""
        sql = """SELECT articles.seq AS seq, minhashes.article_id, minhashes.minhash FROM minhashes
                 JOIN articles ON articles.id = minhashes.article_id WHERE articles.seq > :after"""
        return self._db.stream(sql, {}, lambda row: ArticleMinhash(row["article_id"], bytes(row["minhash"])), 1000)

    # ----------------------------------------------------------------- search

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text hold every word of the query, best match first.

        The query is read as plain words: quotes, operators and punctuation
        carry no meaning, so no typed text can make the search fail.
        """
        if not isinstance(query, str):
            raise UsageError(f"the search query must be text, got {type(query).__name__}")
        require_count(limit, "limit", minimum=1)
        expression = match_expression(query)
        if expression is None:
            return []
        with self._db.access() as connection:
            return sqlite_search.ranked_hits(connection, expression, limit)

    # ----------------------------------------------------------------- lifecycle

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A block whose writes commit together, or are all undone when it raises.

        Transactions nest (inner ones are savepoints). Other threads using this
        store wait until the block ends.
        """
        with self._db.transaction(write=True):
            yield

    def export_rows(self) -> Iterator[dict[str, object]]:
        """Every article as a JSON-ready dict holding all its stored fields, in ingest order.

        Keys: id, identity, path, url, outlet, title, published (ISO date or
        None), text, raw_text, removed (list of {"text", "reason"}), copy_of,
        story_id, ingested_at.
        """
        sql = f"SELECT articles.seq AS seq, {ARTICLE_SELECT} FROM articles WHERE articles.seq > :after"
        return self._db.stream(sql, {}, row_to_export, 500)

    def close(self) -> None:
        """Release the database; closing twice is harmless."""
        self._db.close()


    # ----------------------------------------------------------------- internals

    def _require_story(self, connection: sqlite3.Connection, story_id: str) -> None:
        if not _story_exists(connection, story_id):
            raise UsageError(f"no story {story_id} in {self._db.path}: create the story first")


def _id_for_identity(connection: sqlite3.Connection, identity: str) -> str | None:
    row = connection.execute("SELECT id FROM articles WHERE identity = ?", (identity,)).fetchone()
    return row[0] if row is not None else None


def _insert_article(
    connection: sqlite3.Connection,
    article: StoredArticle,
    article_id: str,
    ingested_at: str,
    signature: ArticleSignature | None,
    vector: bytes | None,
    minhash: bytes | None,
) -> None:
    """Insert the article row and, when given, its signature and MinHash rows."""
    placeholders = ", ".join("?" for _ in ARTICLE_COLUMNS)
    connection.execute(
        f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({placeholders})",
        article_values(article, article_id, ingested_at),
    )
    if signature is not None:
        connection.execute(
            "INSERT INTO signatures (article_id, vector, entities, published, terms) VALUES (?, ?, ?, ?, ?)",
            (
                article_id,
                vector,
                entities_to_text(signature.entities),
                date_to_text(signature.published),
                terms_to_text(signature.terms),
            ),
        )
    if minhash is not None:
        connection.execute("INSERT INTO minhashes (article_id, minhash) VALUES (?, ?)", (article_id, bytes(minhash)))


def _free_article_id(connection: sqlite3.Connection, wanted: str) -> str:
    """`wanted`, or the first of wanted-2, wanted-3, ... that no article uses."""
    candidate, suffix = wanted, 1
    while connection.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone() is not None:
        suffix += 1
        candidate = f"{wanted}-{suffix}"
    return candidate


def _story_exists(connection: sqlite3.Connection, story_id: str) -> bool:
    return connection.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


def _story_filter(
    since: dt.date | None, until: dt.date | None, outlet: str | Collection[str] | None, ids: Collection[str] | None
) -> tuple[str, dict[str, object]]:
    """`AND` conditions (and their parameters) selecting stories for `list_stories`."""
    where, params = _published_since("stories.last_published", since)
    if until is not None:
        where += " AND stories.last_published <= :until"
        params["until"] = date_to_text(until)
    if outlet is not None:
        spellings = [outlet] if isinstance(outlet, str) else list(outlet)
        where += """ AND EXISTS (SELECT 1 FROM articles WHERE articles.story_id = stories.id
                                 AND articles.outlet IN (SELECT value FROM json_each(:outlets)))"""
        params["outlets"] = json.dumps(spellings)
    if ids is not None:
        # A JSON array keeps any number of ids in one parameter.
        where += " AND stories.id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = json.dumps(list(ids))
    return where, params


def _published_since(column: str, since: dt.date | None) -> tuple[str, dict[str, object]]:
    """An extra `AND` condition keeping rows dated on or after `since` (none when since is None)."""
    if since is None:
        return "", {}
    return f"AND {column} >= :since", {"since": date_to_text(since)}

