"""One PostgreSQL connection, shared by threads under a lock.

The counterpart of `sqlite_connection`: connecting and checking the server,
transactions and savepoints, reading in batches, and turning the driver's
errors into one-line `StoreError` messages that name the database by its URL
with the password masked.

Concurrency follows the SQLite store's rules. Writers take a transaction-level
advisory lock on their schema before their first statement, so writes
serialise as they do on SQLite's write lock (an identity is checked and stored
with no other writer in between; ingest order is commit order), and a writer
gives up with "busy" after the same timeout. Readers never take it: PostgreSQL
answers them from a snapshot (MVCC) while a writer works.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

import psycopg
from psycopg import pq
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from newsweave.errors import UsageError
from newsweave.store.base import StoreError, StoreFullError
from newsweave.store.postgres_schema import LOCK_NAMESPACE, migrate
from newsweave.store.postgres_url import MASK, mask_password

T = TypeVar("T")
Connection = psycopg.Connection[Any]
Row = dict[str, Any]

# As the SQLite store's busy timeout: a writer waits this long for another one before giving up.
LOCK_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10
_BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"  # one snapshot for every statement of a read
_WRITE_LOCK = "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))"


class PostgresConnection:
    """A psycopg connection in autocommit mode whose every use holds a re-entrant lock.

    Transactions are begun and ended here (BEGIN / SAVEPOINT), as the SQLite
    store does; a transaction keeps the lock (and so the connection) for its
    thread until it ends.
    """

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.name = mask_password(url)  # how every message names the database
        self._secrets: tuple[str, ...] = ()
        self._lock = threading.RLock()
        self._depth = 0  # transactions open: 0 none, 1 a BEGIN, more are savepoints inside it
        connection = self._connect(url)
        try:
            _check_server(connection, self.name)
            migrate(connection, self.name, create=create)
        except (StoreError, UsageError):
            connection.close()
            raise
        except psycopg.Error as error:
            connection.close()
            raise store_error(self.name, error, self._secrets) from error
        self._connection: Connection | None = connection

    def _connect(self, url: str) -> Connection:
        try:
            settings = conninfo_to_dict(url)
        except psycopg.Error as error:
            raise UsageError(
                f"{self.name} is not a valid PostgreSQL URL ({_one_line(error, ())}); "
                "write it as postgresql://USER@HOST:PORT/DATABASE"
            ) from None
        password = settings.get("password")
        self._secrets = (str(password),) if password else ()
        extra: dict[str, Any] = {"client_encoding": "UTF8"}
        if "connect_timeout" not in settings:  # an unreachable host fails within seconds, not minutes
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in settings:
            extra["application_name"] = "newsweave"
        try:
            connection = psycopg.connect(url, autocommit=True, row_factory=dict_row, **extra)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to {self.name}: {_one_line(error, self._secrets)}") from None
        try:
            connection.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
        except psycopg.Error as error:
            connection.close()
            raise store_error(self.name, error, self._secrets) from None
        return connection

    @contextmanager
    def access(self) -> Iterator[Connection]:
        """The connection, held under the lock, with driver failures turned into StoreError."""
        with self._lock:
            connection = self._connection
            if connection is None:
                raise StoreError(f"{self.name}: this store was closed; open the database again to use it")
            try:
                yield connection
            except UnicodeEncodeError as error:
                # The server takes UTF-8 only: a lone surrogate (from a badly decoded input) cannot be sent.
                raise UsageError(
                    "text holding a lone surrogate is not valid Unicode and cannot be stored or looked up; "
                    "fix the input's encoding"
                ) from error
            except psycopg.Error as error:
                if is_nul_error(error):
                    raise UsageError(
                        "text holding a NUL character (\\x00) cannot be stored in or looked up from PostgreSQL; "
                        "remove it from the input"
                    ) from error
                raise store_error(self.name, error, self._secrets) from error

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[Connection]:
        """A transaction, or a savepoint inside the one already open; undone when the block raises.

        A writer takes the schema's write lock up front, waiting for another
        writer under the lock timeout instead of failing midway; a reader
        reads one snapshot and never waits.
        """
        with self.access() as connection:
            level = self._depth
            savepoint = f"newsweave_level_{level}"
            self._depth = level + 1
            try:
                if level > 0:
                    connection.execute(f"SAVEPOINT {savepoint}")
                elif write:
                    connection.execute("BEGIN")
                    connection.execute(_WRITE_LOCK, (LOCK_NAMESPACE,))
                else:
                    connection.execute(_BEGIN_READ)
                yield connection
                _refuse_failed(connection, self.name)
                connection.execute("COMMIT" if level == 0 else f"RELEASE SAVEPOINT {savepoint}")
            except BaseException:
                _undo(connection, level, savepoint)
                raise
            finally:
                self._depth = level

    def stream(
        self,
        sql: str,
        params: Mapping[str, object],
        convert: Callable[[Row], T],
        batch_size: int,
        after: int = 0,
    ) -> Iterator[T]:
        """Rows of `sql` converted one by one, in ingest order, fetched `batch_size` at a time.

        `sql` selects a `seq` column and filters on `seq > %(after)s`. Paging
        on the sequence (not an open cursor) frees the connection between
        batches, as in the SQLite store.
        """
        while True:
            with self.access() as connection:
                rows = connection.execute(
                    f"{sql} ORDER BY seq LIMIT %(batch)s", {**params, "after": after, "batch": batch_size}
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
            if connection is not None:
                connection.close()


def _check_server(connection: Connection, name: str) -> None:
    """Refuse a database whose encoding cannot hold every article's text."""
    row = connection.execute("SELECT current_setting('server_encoding') AS encoding").fetchone()
    encoding = str(row["encoding"]) if row is not None else "?"
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise StoreError(
            f"{name} uses the {encoding} encoding, which cannot hold every article's text: "
            "create the database with  createdb --encoding=UTF8 --template=template0"
        )


def _refuse_failed(connection: Connection, name: str) -> None:
    # PostgreSQL answers COMMIT of a failed transaction with a silent rollback: say so instead.
    if connection.info.transaction_status == pq.TransactionStatus.INERROR:
        raise StoreError(f"{name}: a statement failed inside this transaction, so none of its writes were kept")


def _undo(connection: Connection, level: int, savepoint: str) -> None:
    # The error that brought us here matters more than a failed rollback (the connection may be gone).
    with suppress(psycopg.Error):
        if connection.info.transaction_status == pq.TransactionStatus.IDLE:
            return
        if level == 0:
            connection.execute("ROLLBACK")
        else:
            connection.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
            connection.execute(f"RELEASE SAVEPOINT {savepoint}")


def is_nul_error(error: BaseException) -> bool:
    """Whether the driver refused to send text holding a NUL character (PostgreSQL's text cannot)."""
    return isinstance(error, psycopg.DataError) and "NUL" in str(error) and getattr(error, "sqlstate", None) is None


def _one_line(error: BaseException, secrets: tuple[str, ...]) -> str:
    """The driver's message on one line, with no password in it."""
    text = " ".join(str(error).split())
    text = text.removeprefix("connection failed: ")
    for secret in secrets:
        text = text.replace(secret, MASK)
    return mask_password(text) or type(error).__name__


def store_error(name: str, error: psycopg.Error, secrets: tuple[str, ...] = ()) -> StoreError:
    """A StoreError naming the database and what to do, for an error the driver raised."""
    reason = _one_line(error, secrets)
    state = error.sqlstate or ""
    if state == "53100":
        return StoreFullError(f"cannot write to {name}: the server's disk is full; free some space and try again")
    if state in ("55P03", "40P01", "40001"):
        return StoreError(
            f"{name} is busy: another newsweave process is writing to it; wait for it to finish and try again"
        )
    if state == "42501":
        return StoreError(f"cannot use {name}: permission denied ({reason}); check the user's privileges")
    if state == "3F000":
        return StoreError(f"cannot use {name}: its search_path names no existing schema ({reason}); create it first")
    if state == "25006":
        return StoreError(f"cannot write to {name}: the server is read-only ({reason}); connect to the primary")
    if state.startswith(("08", "57P")) or isinstance(error, psycopg.OperationalError):
        return StoreError(f"lost the connection to {name} ({reason}); check the server and try again")
    return StoreError(f"the database {name} failed: {reason}")
