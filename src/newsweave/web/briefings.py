"""Each story's briefing, made once per change of the story.

A briefing costs seconds (language models over every article); a page view
must cost milliseconds. So a briefing is made the first time its story is
asked for, kept in the database with the story's revision (the fingerprint of
its membership), and served from memory until an article joins the story.
Concurrent requests for the same story wait for one computation; the language
models are used by one computation at a time (ingest included), because
spaCy's pipeline is not documented as safe to share between threads.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsweave.config import Settings
from newsweave.errors import NewsweaveError
from newsweave.model import Briefing, InputProblem, StoredStory
from newsweave.pipeline import BriefingRun, brief_story
from newsweave.render import briefing_from_dict, render_json
from newsweave.store import ArticleStore, StoredBriefing, briefing_revision  # shared with the CLI story list
from newsweave.web.lru import LruMap

log = logging.getLogger("newsweave.web")

BriefStory = Callable[[ArticleStore, str, Settings], BriefingRun]


@dataclass(frozen=True, eq=False)
class ReadyBriefing:
    """A story's briefing at one revision, with its JSON body ready to send."""

    story: StoredStory
    briefing: Briefing | None  # None: no article of the story was usable
    document: bytes  # newsweave.briefing/1 JSON, UTF-8; empty when there is no briefing
    problems: tuple[InputProblem, ...] = ()

    @property
    def revision(self) -> str:
        return briefing_revision(self.story)


class BriefingCache:
    """Briefings by story: from memory, else from the database, else made now (and kept)."""

    def __init__(
        self,
        reader: ArticleStore,
        writer: ArticleStore | None,
        settings: Settings,
        models_lock: threading.Lock,
        *,
        capacity: int = 256,
        brief: BriefStory = brief_story,
    ) -> None:
        self.reader = reader
        self.writer = writer  # None: a read-only server keeps briefings in memory only
        self.settings = settings
        self.models_lock = models_lock
        self.computed = 0  # briefings made by this process; tests and the benchmark read it
        self._brief = brief
        self._memory: LruMap[str, ReadyBriefing] = LruMap(capacity)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def ready(self, story: StoredStory) -> ReadyBriefing | None:
        """The briefing of the story's current revision if one is already made; never computes."""
        cached = self._memory.get(story.id)
        if cached is not None and cached.revision == briefing_revision(story):
            return cached
        kept = self.reader.get_briefing(story.id)
        if kept is None or kept.revision != briefing_revision(story):
            return None
        try:
            briefing = briefing_from_dict(json.loads(kept.document))
        except ValueError as error:  # json.JSONDecodeError is a ValueError too
            log.warning("story %s: the kept briefing cannot be read (%s); making it again", story.id, error)
            return None
        ready = ReadyBriefing(story, briefing, kept.document.encode("utf-8"))
        self._memory.put(story.id, ready)
        return ready

    def get(self, story: StoredStory) -> ReadyBriefing:
        """The briefing of the story's current revision, made now when needed."""
        ready = self.ready(story)
        if ready is not None:
            return ready
        with self._lock_for(story.id):
            ready = self.ready(story)  # another request may have made it while this one waited
            if ready is not None:
                return ready
            with self.models_lock:
                run = self._brief(self.reader, story.id, self.settings)
            self.computed += 1
            document = render_json(run.briefing) if run.briefing is not None else ""
            ready = ReadyBriefing(story, run.briefing, document.encode("utf-8"), run.problems)
            self._memory.put(story.id, ready)
            if run.briefing is not None:
                self._keep(story, run.briefing, document)
            return ready

    def _keep(self, story: StoredStory, briefing: Briefing, document: str) -> None:
        if self.writer is None:
            return
        kept = StoredBriefing(
            story_id=story.id,
            revision=briefing_revision(story),
            conflicts=len(briefing.analysis.conflicts),
            updates=len(briefing.analysis.updates),
            document=document,
            created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        try:
            self.writer.save_briefing(kept)
        except NewsweaveError as error:
            # The page is still served from memory; the next process makes it again.
            log.warning("story %s: the briefing could not be kept in the database: %s", story.id, error)

    def _lock_for(self, story_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(story_id, threading.Lock())


class BriefingWarmer:
    """Makes briefings in the background, one at a time, for stories a reader has listed.

    The stories page asks for the briefings it cannot show a disagreement count
    for yet; they are made while the reader looks at the list.
    """

    def __init__(self, cache: BriefingCache, reader: ArticleStore) -> None:
        self.cache = cache
        self.reader = reader
        self._queue: deque[str] = deque()
        self._queued: set[str] = set()
        self._wake = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def request(self, story_ids: Iterable[str]) -> None:
        """Queue stories for briefing (ones already queued are not queued twice)."""
        with self._wake:
            for story_id in story_ids:
                if story_id not in self._queued:
                    self._queued.add(story_id)
                    self._queue.append(story_id)
            self._wake.notify()

    def start(self) -> None:
        """Start the background thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="newsweave-briefing-warmer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Finish the briefing under way, then stop."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                story_id = self._queue.popleft()
                self._queued.discard(story_id)
            try:
                story = self.reader.get_story(story_id)
                if story is not None:
                    self.cache.get(story)
            except NewsweaveError as error:
                log.warning("story %s: no briefing could be made: %s", story_id, error)
            except Exception:  # a bug must not kill the thread that keeps lists complete
                log.exception("story %s: making the briefing failed", story_id)
