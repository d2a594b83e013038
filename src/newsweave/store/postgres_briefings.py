"""Queries on the briefings and checkpoints tables, kept apart from the article and story queries."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import psycopg

from newsweave.errors import UsageError
from newsweave.store.base import BriefingStamp, StoredBriefing, StoredCheckpoint

Connection = psycopg.Connection[Any]


def save_briefing(connection: Connection, briefing: StoredBriefing) -> None:
    """Insert or replace the briefing of one story; the story must exist."""
    if connection.execute("SELECT 1 FROM stories WHERE id = %s", (briefing.story_id,)).fetchone() is None:
        raise UsageError(f"no story {briefing.story_id!r} in this database: a briefing needs its story")
    connection.execute(
        """INSERT INTO briefings (story_id, revision, conflicts, updates, document, created_at)
           VALUES (%(story_id)s, %(revision)s, %(conflicts)s, %(updates)s, %(document)s, %(created_at)s)
           ON CONFLICT (story_id) DO UPDATE SET revision = excluded.revision, conflicts = excluded.conflicts,
               updates = excluded.updates, document = excluded.document, created_at = excluded.created_at""",
        {
            "story_id": briefing.story_id,
            "revision": briefing.revision,
            "conflicts": briefing.conflicts,
            "updates": briefing.updates,
            "document": briefing.document,
            "created_at": briefing.created_at,
        },
    )


def get_briefing(connection: Connection, story_id: str) -> StoredBriefing | None:
    """The stored briefing of a story, or None."""
    row = connection.execute("SELECT * FROM briefings WHERE story_id = %s", (story_id,)).fetchone()
    if row is None:
        return None
    return StoredBriefing(
        story_id=row["story_id"],
        revision=row["revision"],
        conflicts=int(row["conflicts"]),
        updates=_count_or_none(row["updates"]),
        document=row["document"],
        created_at=row["created_at"],
    )


def briefing_stamps(connection: Connection, story_ids: Collection[str]) -> dict[str, BriefingStamp]:
    """Revision, conflict and update counts of each stored briefing among `story_ids`."""
    wanted = list(dict.fromkeys(story_ids))
    if not wanted:
        return {}
    # One array parameter holds any number of ids: no chunking as SQLite needs.
    rows = connection.execute(
        "SELECT story_id, revision, conflicts, updates FROM briefings WHERE story_id = ANY(%s::text[])", (wanted,)
    ).fetchall()
    return {
        row["story_id"]: BriefingStamp(row["revision"], int(row["conflicts"]), _count_or_none(row["updates"]))
        for row in rows
    }


def _count_or_none(value: int | None) -> int | None:
    """A stored count; NULL (a briefing kept before the count existed) stays unknown, never 0."""
    return None if value is None else int(value)


def save_checkpoint(connection: Connection, checkpoint: StoredCheckpoint) -> None:
    """Insert or replace the checkpoint of that name; the article it runs through must be stored."""
    if connection.execute("SELECT 1 FROM articles WHERE id = %s", (checkpoint.through_article,)).fetchone() is None:
        raise UsageError(f"no article {checkpoint.through_article!r} in this database: a checkpoint runs through one")
    connection.execute(
        """INSERT INTO checkpoints (name, fingerprint, through_article, data) VALUES (%s, %s, %s, %s)
           ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint,
               through_article = excluded.through_article, data = excluded.data""",
        (checkpoint.name, checkpoint.fingerprint, checkpoint.through_article, bytes(checkpoint.data)),
    )


def get_checkpoint(connection: Connection, name: str) -> StoredCheckpoint | None:
    row = connection.execute("SELECT * FROM checkpoints WHERE name = %s", (name,)).fetchone()
    if row is None:
        return None
    return StoredCheckpoint(row["name"], row["fingerprint"], row["through_article"], bytes(row["data"]))
