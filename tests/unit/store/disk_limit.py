"""A full disk, simulated with SQLite's own page limit: the same SQLITE_FULL, nothing filled for real."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import suppress

import pytest


class DiskLimit:
    """Between `fill()` and `free()`, stores opened cannot grow by one page, as on a full disk."""

    def __init__(self) -> None:
        self.full = False
        self.connections: list[sqlite3.Connection] = []

    def fill(self) -> None:
        """The disk is full for every store opened from now on."""
        self.full = True

    def configure(self, original: Callable[[sqlite3.Connection], None], connection: sqlite3.Connection) -> None:
        original(connection)
        if self.full:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
            self.connections.append(connection)

    def free(self) -> None:
        """Space is back: the stores opened while the disk was full may grow again."""
        self.full = False
        for connection in self.connections:
            with suppress(sqlite3.ProgrammingError):  # a store closed meanwhile
                connection.execute("PRAGMA max_page_count = 1073741823")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> DiskLimit:
    """A disk that `fill()` makes full (for stores opened after it) and `free()` frees again."""
    from newsweave.store import sqlite_connection

    limit = DiskLimit()
    original = sqlite_connection._configure
    monkeypatch.setattr(sqlite_connection, "_configure", lambda connection: limit.configure(original, connection))
    return limit
