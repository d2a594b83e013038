"""The SQLite schema and its migrations.

`MIGRATIONS[n]` takes a database from version n to version n + 1; the
`schema_version` table records how far a file has come. Each step runs in its
own write transaction, so an interrupted upgrade leaves the file at the last
complete version. A file from a newer newsweave is refused, never guessed at.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from newsweave.store.base import StoreError

_VERSION_1 = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE stories (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        headline TEXT,
        first_published TEXT,
        last_published TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        centroid BLOB,
        entities TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX stories_by_last_published ON stories (last_published)",
    "CREATE INDEX stories_by_status ON stories (status, last_published)",
    # AUTOINCREMENT: the ingest sequence never reuses a number, so "ingest order" stays stable.
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        identity TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        text TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        copy_of TEXT,
        story_id TEXT REFERENCES stories (id),
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_by_story ON articles (story_id, published)",
    "CREATE INDEX articles_by_published ON articles (published)",
    "CREATE INDEX articles_by_copy_of ON articles (copy_of)",
    """CREATE TABLE signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        vector BLOB NOT NULL,
        entities TEXT NOT NULL DEFAULT '[]',
        published TEXT
    )""",
    """CREATE TABLE minhashes (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        minhash BLOB NOT NULL
    )""",
    # External-content FTS: the text lives once, in `articles`; triggers keep the index in step
    # inside the writing transaction, so a rollback undoes both.
    """CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
)


def _create_version_1(connection: sqlite3.Connection) -> None:
    """Every table, index and trigger of the first corpus schema."""
    for statement in _VERSION_1:
        connection.execute(statement)


_VERSION_2 = (
    # Finished briefings, one per story, with the story revision they were made from: the web
    # reader computes a briefing once per change of the story, and keeps it across restarts.
    """CREATE TABLE briefings (
        story_id TEXT PRIMARY KEY REFERENCES stories (id),
        revision TEXT NOT NULL,
        conflicts INTEGER NOT NULL,
        document TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    # The reader filters stories by outlet.
    "CREATE INDEX articles_by_outlet ON articles (outlet, story_id)",
)


def _add_briefings(connection: sqlite3.Connection) -> None:
    """Version 2: stored briefings and the outlet index."""
    for statement in _VERSION_2:
        connection.execute(statement)


def _add_update_counts(connection: sqlite3.Connection) -> None:
    """Version 3: the number of figures that changed over time, beside the conflict count.

    The stories list counts updates apart from disagreements without loading
    each briefing. A kept briefing whose document lists its `updates` gets that
    count; one made before updates existed keeps NULL, which the list shows as
    unknown rather than as a false 0.
    """
    connection.execute("ALTER TABLE briefings ADD COLUMN updates INTEGER")
    counted: list[tuple[int, str]] = []
    for story_id, document in connection.execute("SELECT story_id, document FROM briefings"):
        count = _update_count(document)
        if count is not None:
            counted.append((count, story_id))
    connection.executemany("UPDATE briefings SET updates = ? WHERE story_id = ?", counted)


def _update_count(document: object) -> int | None:
    """How many updates a kept briefing document lists, or None when it does not say."""
    if not isinstance(document, str):
        return None
    try:
        data = json.loads(document)
    except (ValueError, RecursionError):  # a damaged document is made again when its story is read
        return None
    updates = data.get("updates") if isinstance(data, dict) else None
    return len(updates) if isinstance(updates, list) else None


def _add_signature_terms(connection: sqlite3.Connection) -> None:
    """Version 4: the body's words in each clustering signature, a second content signal.

    Articles stored before keep an empty list: they are clustered by their lead
    embedding and names, as they were when they were ingested.
    """
    connection.execute("ALTER TABLE signatures ADD COLUMN terms TEXT NOT NULL DEFAULT '[]'")


def _add_checkpoints(connection: sqlite3.Connection) -> None:
    """Version 5: saved clustering state, so that a restart resumes instead of replaying every signature.

    A database from before has none: its first restart replays as before, and
    the next ingest saves one.
    """
    connection.execute(
        """CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            through_article TEXT NOT NULL REFERENCES articles (id),
            data BLOB NOT NULL
        )"""
    )


def _stem_search_words(connection: sqlite3.Connection) -> None:
    """Version 6: search matches word forms ("strike" finds "strikes"), as PostgreSQL's english search does.

    The index is rebuilt from the stored text with the Porter stemmer in front
    of the same tokenizer; the triggers write to the new index by name.
    """
    connection.execute("DROP TABLE articles_fts")
    connection.execute(
        """CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text, content = 'articles', content_rowid = 'seq',
            tokenize = 'porter unicode61 remove_diacritics 2'
        )"""
    )
    connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[Migration, ...] = (
    _create_version_1,
    _add_briefings,
    _add_update_counts,
    _add_signature_terms,
    _add_checkpoints,
    _stem_search_words,
)


def check_database_path(path: Path) -> None:
    """Refuse, before SQLite touches it, a path that cannot hold a corpus database.

    Only the path's metadata is looked at, never its content: opening and closing
    the file with anything but SQLite would drop every POSIX lock this process's
    SQLite connections hold on it (closing any descriptor of a file releases them
    all), and another process could then reset the write-ahead log under them.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file: pass a file path such as {path / 'corpus.db'}")
    if not path.parent.is_dir():
        raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist; create it first")


def check_sqlite_file(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file SQLite cannot read as a database, before anything is written to it.

    Reading the schema cookie makes SQLite read and check the file's header
    through its own locked descriptor; a file that is not SQLite is left untouched.
    """
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        if "not a database" not in str(error).lower():
            raise
        raise StoreError(
            f"{path} is not a newsweave database (SQLite cannot read it: {error}): "
            "choose another database path, or move this file away"
        ) from error


def stored_version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version the file records: 0 for an empty database."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"{path} is an SQLite database of another program (it has no newsweave schema_version table): "
                "choose another database path"
            )
        return 0
    rows = connection.execute("SELECT version FROM schema_version").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], int):
        raise StoreError(
            f"{path} is damaged: its schema_version table should hold one whole number; "
            "restore a backup, or move the file away and ingest again"
        )
    return int(rows[0][0])


def migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the newest schema; returns the version it ends at.

    The version is read first without taking the write lock, so a reader can
    open a database that another process is writing to; only a file that
    needs upgrading waits for the lock, and checks its version again under it.
    """
    known = len(migrations)
    version = stored_version(connection, path)
    _refuse_newer(version, known, path)
    while version < known:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = stored_version(connection, path)
            _refuse_newer(version, known, path)
            if version < known:
                migrations[version](connection)
                version += 1
                connection.execute("DELETE FROM schema_version")
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return version


def _refuse_newer(version: int, known: int, path: Path) -> None:
    if version > known:
        raise StoreError(
            f"{path} was written by a newer newsweave (database version {version}, this one knows up to "
            f"{known}): upgrade newsweave with  pip install --upgrade newsweave"
        )
