"""What every route shares: the database connections, the briefing cache, the writer, the options."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsweave import sources
from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import RawDocument, StoredStory
from newsweave.pipeline import (
    IngestReport,
    IngestTally,
    Ingestor,
    PreparedBatch,
    brief_story,
    prepare_batch,
    run_ingest,
)
from newsweave.store import ArticleStore
from newsweave.web.briefings import BriefingCache, BriefingWarmer, BriefStory
from newsweave.web.errors import ApiError
from newsweave.web.lru import LruMap

TOKEN_VARIABLE = "NEWSWEAVE_TOKEN"


@dataclass(frozen=True)
class WebOptions:
    """How `newsweave serve` runs; every field has the default the command line uses."""

    db_path: str = field(default="newsweave.db", repr=False)  # a URL may hold a password: never in a repr
    token: str | None = None  # writes are refused unless a token is set
    warm: bool = True  # make briefings in the background for stories a list shows
    page_size: int = 20
    cache_capacity: int = 256  # briefings and rendered pages kept in memory
    settings: Settings = DEFAULT_SETTINGS


class ArticleWriter:
    """Ingests request bodies into the database.

    Each batch is prepared (parsed, cleaned, signed by the language models)
    with no write lock held; only its write phase (copy folding, clustering,
    one short transaction) takes the writer's lock, so a slow article holds up
    neither another request's write nor the readers. The ingestor catches up
    by itself with what other processes wrote (see `Ingestor.write`).
    """

    def __init__(self, store: ArticleStore, settings: Settings, models_lock: threading.Lock) -> None:
        self.store = store
        self.settings = settings
        self.models_lock = models_lock
        self._lock = threading.Lock()  # one write phase at a time
        self._ingestor: Ingestor | None = None

    def ingest(self, name: str, data: bytes) -> IngestReport:
        """Load the body (read by the extension of `name`) and ingest every usable article in it."""
        loaded = sources.load_bytes(name, data, self.settings)
        report = run_ingest(loaded.documents, self.prepare, self.write)
        return replace(report, failed=loaded.problems + report.failed)

    def prepare(self, batch: Sequence[RawDocument]) -> PreparedBatch:
        """The slow phase of a batch: only the language models are held, not the writer."""
        return prepare_batch(batch, self.store, self.settings, models=self.models_lock)

    def write(self, prepared: PreparedBatch, tally: IngestTally) -> None:
        """The short phase of a batch, under the writer's lock."""
        with self._lock:
            if self._ingestor is None:
                self._ingestor = Ingestor(self.store, self.settings)
            self._ingestor.write(prepared, tally)


class WebState:
    """Shared by all routes of one application."""

    def __init__(
        self, options: WebOptions, reader: ArticleStore, writer: ArticleStore, *, brief: BriefStory = brief_story
    ) -> None:
        self.options = options
        self.reader = reader  # page views read here; never held by a long write
        self.writer = writer  # ingests and kept briefings write here
        models_lock = threading.Lock()
        self.briefings = BriefingCache(
            reader, writer, options.settings, models_lock, capacity=options.cache_capacity, brief=brief
        )
        self.warmer = BriefingWarmer(self.briefings, reader)
        self.articles = ArticleWriter(writer, options.settings, models_lock)
        self.pages: LruMap[tuple[str, str], bytes] = LruMap(options.cache_capacity)

    def story_or_404(self, story_id: str, where_listed: str) -> StoredStory:
        """The story, or a 404 naming where the stories are listed."""
        story = self.reader.get_story(story_id)
        if story is None:
            raise ApiError(404, "not_found", f"no story {story_id!r} in this database; {where_listed}")
        return story

    def check_token(self, authorization: str | None) -> None:
        """Raise unless the request carries the server's write token."""
        expected = self.options.token
        if not expected:
            raise ApiError(
                403,
                "writes_disabled",
                f"writing is switched off on this server: start it with {TOKEN_VARIABLE} set to a secret "
                "and send that secret as 'Authorization: Bearer <token>'",
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
            raise ApiError(401, "unauthorized", f"send the server's {TOKEN_VARIABLE} as 'Authorization: Bearer <token>'")

    def close(self) -> None:
        """Stop background work and release the database."""
        self.warmer.stop()
        self.writer.close()
        self.reader.close()
