"""A story clusterer's exact state as bytes, so that a restart resumes instead of replaying the corpus.

Without it, an ingest that starts on a stored corpus replays every stored
signature to rebuild its stories: a cost that grows with every article. The
ingest saves a checkpoint now and then (`Settings.story_checkpoint_articles`)
inside the transaction that stores the articles it covers, and when the
command ends; a restart resumes from it and replays only the signatures stored
after it.

The bytes are zlib-compressed JSON. Running sums are kept exactly (float64
vectors as base64, other numbers as JSON floats, which Python writes and reads
back bit for bit), because a rounded sum could, rarely, tip a later article
into another story than a full replay would. Anything unreadable raises
`CheckpointError`, and the caller replays instead: a checkpoint is only ever
a shortcut.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsweave.errors import CheckpointError

FORMAT = 2  # 2: members and the size last tried for a split


@dataclass(frozen=True, eq=False)
class OpenStorySnapshot:
    """One open story inside a `ClustererSnapshot`: the exact running sums, not a rounded centroid."""

    number: int
    size: int
    entity_counts: tuple[tuple[str, int], ...]
    first_published: dt.date | None
    last_published: dt.date | None
    last_joined: int
    vector_sum: np.ndarray = field(repr=False)  # float64
    terms: tuple[tuple[str, float], ...]  # summed TF-IDF vector of the body words
    terms_squared_norm: float
    checked_size: int = 1  # its size when it was last tried for a split
    # Article ids of its members while it may still split (their signatures are in the store), else None
    members: tuple[str, ...] | None = None


@dataclass(frozen=True, eq=False)
class ClustererSnapshot:
    """All a clusterer holds, exactly, so that `StoryClusterer.resume` carries on bit for bit.

    Unlike `StoryClusterer.export_state` it lists only the open stories: closed
    ones live on in the corpus-wide frequencies and in the next story number.
    Its size follows the open stories and the vocabulary, not the corpus.
    """

    articles_seen: int
    next_number: int
    entity_frequency: tuple[tuple[str, int], ...]
    term_articles: int
    term_frequency: tuple[tuple[str, int], ...]
    stories: tuple[OpenStorySnapshot, ...]  # in row order

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Every article whose signature `StoryClusterer.resume` needs, in story order."""
        return tuple(article for story in self.stories for article in story.members or ())


def encode_snapshot(snapshot: ClustererSnapshot) -> bytes:
    """The snapshot as compressed bytes."""
    document = {
        "format": FORMAT,
        "articles_seen": snapshot.articles_seen,
        "next_number": snapshot.next_number,
        "entity_frequency": snapshot.entity_frequency,
        "term_articles": snapshot.term_articles,
        "term_frequency": snapshot.term_frequency,
        "stories": [_story_document(story) for story in snapshot.stories],
    }
    return zlib.compress(json.dumps(document, separators=(",", ":")).encode("utf-8"), 6)


def decode_snapshot(data: bytes) -> ClustererSnapshot:
    """The snapshot `encode_snapshot` wrote; CheckpointError for anything else."""
    try:
        document = json.loads(zlib.decompress(data).decode("utf-8"))
        if document.get("format") != FORMAT:
            raise CheckpointError(f"checkpoint format {document.get('format')!r}, this newsweave reads {FORMAT}")
        return ClustererSnapshot(
            articles_seen=int(document["articles_seen"]),
            next_number=int(document["next_number"]),
            entity_frequency=tuple((str(name), int(count)) for name, count in document["entity_frequency"]),
            term_articles=int(document["term_articles"]),
            term_frequency=tuple((str(word), int(count)) for word, count in document["term_frequency"]),
            stories=tuple(_story(story) for story in document["stories"]),
        )
    except CheckpointError:
        raise
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise CheckpointError(f"unreadable checkpoint ({type(error).__name__}: {error})") from error


def _story_document(story: OpenStorySnapshot) -> dict[str, Any]:
    return {
        "number": story.number,
        "size": story.size,
        "entity_counts": story.entity_counts,
        "first": story.first_published.isoformat() if story.first_published else None,
        "last": story.last_published.isoformat() if story.last_published else None,
        "last_joined": story.last_joined,
        "vector_sum": base64.b64encode(np.asarray(story.vector_sum, dtype="<f8").tobytes()).decode("ascii"),
        "terms": story.terms,
        "terms_squared_norm": story.terms_squared_norm,
        "checked_size": story.checked_size,
        "members": story.members,
    }


def _story(document: dict[str, Any]) -> OpenStorySnapshot:
    return OpenStorySnapshot(
        number=int(document["number"]),
        size=int(document["size"]),
        entity_counts=tuple((str(name), int(count)) for name, count in document["entity_counts"]),
        first_published=dt.date.fromisoformat(document["first"]) if document["first"] else None,
        last_published=dt.date.fromisoformat(document["last"]) if document["last"] else None,
        last_joined=int(document["last_joined"]),
        vector_sum=np.frombuffer(base64.b64decode(document["vector_sum"], validate=True), dtype="<f8").astype(
            np.float64
        ),
        terms=tuple((str(word), float(weight)) for word, weight in document["terms"]),
        terms_squared_norm=float(document["terms_squared_norm"]),
        checked_size=int(document["checked_size"]),
        members=None if document["members"] is None else tuple(str(article) for article in document["members"]),
    )
