"""One SQLite connection, opened safely and shared by threads under a lock.

Everything about talking to the engine lives here: opening and checking the
file, the pragmas, transactions and savepoints, reading in batches, and
turning SQLite's errors into `StoreError` messages that say what to do.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from newsweave.errors import UsageError
from newsweave.store.base import StoreError, StoreFullError
from newsweave.store.sqlite_schema import check_database_path, check_sqlite_file, migrate

T = TypeVar("T")

# A writer waits this long for another process's write to finish before giving up.
BUSY_TIMEOUT_MS = 10_000


class LockedConnection:
    """An SQLite connection in WAL mode whose every use holds a re-entrant lock.

    `check_same_thread=False` is safe because of that lock; a transaction
    keeps the lock (and so the connection) for its thread until it ends.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._depth = 0  # transactions open: 0 none, 1 a BEGIN, more are savepoints inside it
        if str(path) != ":memory:":
            check_database_path(self.path)
        try:
            connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {self.path}: {error}; check the path and its permissions") from error
        try:
            check_sqlite_file(connection, self.path)
            _configure(connection)
            migrate(connection, self.path)
        except StoreError:
            connection.close()
            raise
        except sqlite3.Error as error:
            connection.close()
            raise store_error(self.path, error) from error
        self._connection: sqlite3.Connection | None = connection

    @contextmanager
    def access(self) -> Iterator[sqlite3.Connection]:
        """The connection, held under the lock, with SQLite failures turned into StoreError."""
        with self._lock:
            connection = self._connection
            if connection is None:
                raise StoreError(f"{self.path}: this store was closed; open the database again to use it")
            try:
                yield connection
            except sqlite3.Error as error:
                raise store_error(self.path, error) from error
            except UnicodeEncodeError as error:
                # SQLite takes UTF-8 only: a lone surrogate (from a badly decoded input) cannot be sent.
                raise UsageError(
                    "text holding a lone surrogate is not valid Unicode and cannot be stored or looked up; "
                    "fix the input's encoding"
                ) from error

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """A transaction, or a savepoint inside the one already open; undone when the block raises.

        Writers BEGIN IMMEDIATE: taking the write lock up front means waiting
        for another writer under the busy timeout instead of failing midway.
        Readers BEGIN DEFERRED, which in WAL is a consistent snapshot that
        never waits for a writer.
        """
        with self.access() as connection:
            level = self._depth
            savepoint = f"newsweave_level_{level}"
            if level == 0:
                connection.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
            else:
                connection.execute(f"SAVEPOINT {savepoint}")
            self._depth = level + 1
            try:
                yield connection
            except BaseException:
                self._depth = level
                _undo(connection, level, savepoint)
                raise
            self._depth = level
            try:
                connection.execute("COMMIT" if level == 0 else f"RELEASE {savepoint}")
            except sqlite3.Error:
                _undo(connection, level, savepoint)
                raise

    def stream(
        self,
        sql: str,
        params: Mapping[str, object],
        convert: Callable[[sqlite3.Row], T],
        batch_size: int,
        after: int = 0,
    ) -> Iterator[T]:
        """Rows of `sql` converted one by one, in ingest order, fetched `batch_size` at a time.

        `sql` selects a `seq` column and filters on `seq > :after`. Paging on
        the sequence (not an open cursor) frees the connection between
        batches: other calls and writers are never blocked by a slow reader.
        `after` starts past that sequence number.
        """
        while True:
            with self.access() as connection:
                rows = connection.execute(
                    f"{sql} ORDER BY seq LIMIT :batch", {**params, "after": after, "batch": batch_size}
                ).fetchall()
            if not rows:
                return
            after = rows[-1]["seq"]
            for row in rows:
                yield convert(row)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        with self._lock:
            connection, self._connection = self._connection, None
            if connection is None:
                return
            # Keeps the query planner's statistics fresh; a failure here must not stop the close.
            with suppress(sqlite3.Error):
                connection.execute("PRAGMA optimize")
            connection.close()


def _configure(connection: sqlite3.Connection) -> None:
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    # In WAL mode, NORMAL skips the fsync at each commit: a power cut can lose the last few
    # commits but never corrupts the file, and an application crash loses nothing. Ingest is
    # re-runnable (identities make it idempotent), so speed wins over those last commits.
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")


def _undo(connection: sqlite3.Connection, level: int, savepoint: str) -> None:
    # The error that brought us here matters more than a failed rollback; and SQLite may
    # already have rolled back by itself (disk full, I/O error), leaving nothing to undo.
    with suppress(sqlite3.Error):
        if not connection.in_transaction:
            return
        if level == 0:
            connection.execute("ROLLBACK")
        else:
            connection.execute(f"ROLLBACK TO {savepoint}")
            connection.execute(f"RELEASE {savepoint}")


def store_error(path: Path, error: sqlite3.Error) -> StoreError:
    """A StoreError naming the file and what to do, for an error SQLite raised."""
    reason = str(error)
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"{path} is busy: another newsweave process is writing to it; wait for it to finish and try again"
        )
    if "not a database" in lowered or "malformed" in lowered:
        return StoreError(
            f"{path} is damaged or not a newsweave database ({reason}): "
            "restore a backup, or move it away and ingest again"
        )
    if "no such module: fts5" in lowered:
        return StoreError(
            f"cannot use {path}: this Python's SQLite lacks full-text search (FTS5); use a Python built with it"
        )
    if "readonly" in lowered:
        return StoreError(f"cannot write to {path}: the file or its folder is read-only; check their permissions")
    if "full" in lowered:
        # SQLITE_FULL: SQLite has rolled the statement (or the whole transaction) back itself.
        return StoreFullError(f"cannot write to {path}: the disk is full; free some space and try again")
    return StoreError(f"the database {path} failed: {reason}")
