"""Corpus mode: articles stream into the database, copies fold, stories grow.

Each batch of articles is prepared first (`prepare`: cleaned, given an identity,
signed with its title-and-lead embedding and names), with nothing locked; then,
in one short transaction, checked again for identities stored meanwhile,
checked against the copy index, placed in a story and written. A process killed
at any moment leaves every earlier
batch committed and nothing half-written; the next run skips what is stored
(identities) and carries on. In-memory state (story clusterer, copy index) is
rebuilt from the database at start. The clusterer resumes from the checkpoint
saved with the articles it covers, then replays the signatures stored after it,
in ingest order: clustering is deterministic, so the replay ends where the last
run stopped, and a restart costs the same on a large corpus as on a small one.
With no checkpoint (a database from before them, or other clustering settings)
every stored signature is replayed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from newsweave import clean, dedupe, nlp, sources, stories
from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import CheckpointError, UsageError
from newsweave.model import ArticleSignature, CleanLine, InputProblem, RawDocument, StoredArticle, StorySplit
from newsweave.pipeline.brief import BriefingRun, brief_documents
from newsweave.pipeline.prepare import PreparedBatch, prepare_batch
from newsweave.store import ArticleStore, StoredCheckpoint

BATCH_SIZE = 64  # articles per transaction: small enough to lose little on a crash, large enough to batch the models
COPY_WINDOW_DAYS = 14  # wire copies are reprinted within days; older articles leave the copy index
COPY_WINDOW_UNDATED = 20_000  # undated articles kept in the copy index, newest first
STORY_CHECKPOINT = "stories"  # name of the clusterer's checkpoint in the store

Progress = Callable[[int, int], None]  # (articles done, articles in all)
PrepareBatch = Callable[[Sequence[RawDocument]], PreparedBatch]


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did, for the summary line and the exit status."""

    seen: int
    added: int
    duplicates: int
    copies: int
    failed: tuple[InputProblem, ...]
    stories_opened: int
    stories_grown: int
    stories_closed: int
    seconds: float
    added_ids: tuple[str, ...] = ()  # ids of the articles stored by this ingest, in the order they were stored
    stories_split: int = 0  # stories found to hold two events, whose smaller part became a story of its own

    def summary(self) -> str:
        """One line a user reads at the end of an ingest."""
        rate = self.seen / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.added} added, {self.duplicates} already stored, {self.copies} copies folded, "
            f"{len(self.failed)} failed; stories: {self.stories_opened} opened, {self.stories_grown} grown, "
            f"{self.stories_split} split, {self.stories_closed} closed; {self.seen} articles in {self.seconds:.1f} s ({rate:.1f}/s)"
        )


@dataclass
class IngestTally:
    """What an ingest has done so far; the write phase of each batch adds to it."""

    seen: int = 0
    added: int = 0
    duplicates: int = 0
    copies: int = 0
    opened: int = 0
    grown: set[str] = field(default_factory=set)
    closed: int = 0
    split: int = 0
    failed: list[InputProblem] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)


class Ingestor:
    """Feeds documents into one store. Not thread-safe: one ingest per store at a time."""

    def __init__(self, store: ArticleStore, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.store = store
        self.settings = settings
        self._rebuild()

    def _rebuild(self) -> None:
        """Bring the copy index and the clusterer back to where the stored corpus left them."""
        self.copies = dedupe.CopyIndex(self.settings)
        self._copy_window: deque[tuple[int, str]] = deque()  # (publication day, article id), oldest first
        self._undated: deque[str] = deque()
        self._newest_day = 0
        self.clusterer = self._new_clusterer()
        # Counted before the replay: an article stored during it makes the next write replay again.
        self._synced_count = self.store.count()
        self._last_clustered: str | None = None  # the newest article whose signature the clusterer holds
        self._since_checkpoint = 0
        for signature in self.store.load_signatures(after_article=self._resume()):
            self.clusterer.add(signature if signature.terms else self._with_body_terms(signature))
            self._last_clustered = signature.article_id
            self._since_checkpoint += 1
        self.clusterer.take_closed()
        self.clusterer.take_splits()  # the store holds their outcome already
        for article in self.store.recent_articles(COPY_WINDOW_DAYS, COPY_WINDOW_UNDATED):
            self._index_for_copies(article)

    def _new_clusterer(self) -> stories.StoryClusterer:
        return stories.StoryClusterer(
            threshold=self.settings.story_join_threshold,
            entity_weight=self.settings.story_entity_weight,
            term_weight=self.settings.story_term_weight,
            top_terms=self.settings.story_top_terms,
            date_weight=self.settings.story_date_weight,
            date_scale_days=self.settings.story_date_scale_days,
            idle_articles=self.settings.story_idle_articles,
            split_threshold=self.settings.story_split_threshold,
            split_min_part=self.settings.story_split_min_part,
            split_max_members=self.settings.story_split_max_members,
        )

    def _fingerprint(self) -> str:
        """The clustering settings a checkpoint was made with: state made with others is not resumed."""
        s = self.settings
        values = (
            s.story_join_threshold, s.story_entity_weight, s.story_term_weight, s.story_top_terms,
            s.story_date_weight, s.story_date_scale_days, s.story_idle_articles, s.story_split_threshold,
            s.story_split_min_part, s.story_split_max_members,
        )  # fmt: skip
        return "stories/2 " + " ".join(repr(value) for value in values)

    def _resume(self) -> str | None:
        """Resume the clusterer from the stored checkpoint; the article it runs through, or None to replay all."""
        checkpoint = self.store.get_checkpoint(STORY_CHECKPOINT)
        if checkpoint is None or checkpoint.fingerprint != self._fingerprint():
            return None
        try:
            snapshot = stories.decode_snapshot(checkpoint.data)
            members = {
                signature.article_id: signature if signature.terms else self._with_body_terms(signature)
                for signature in self.store.signatures_of(snapshot.member_ids)
            }
            self.clusterer.resume(snapshot, members)
            first = next(iter(self.store.load_signatures()), None)
            if first is not None and self.clusterer.dimension not in (None, first.vector.shape[-1]):
                raise CheckpointError("the checkpoint's vectors are not the stored signatures' length")
        except (CheckpointError, UsageError):  # a damaged checkpoint is only a lost shortcut: replay everything
            self.clusterer = self._new_clusterer()
            return None
        self._last_clustered = checkpoint.through_article
        return checkpoint.through_article

    def save_checkpoint(self) -> None:
        """Save the clusterer's state now, if anything was clustered since the last save: a run that ends
        with this lets the next one start without replaying its articles."""
        if self._since_checkpoint and self._synced_count == self.store.count():
            with self.store.transaction():
                self._save_checkpoint()

    def _save_checkpoint(self) -> None:
        """Save the clusterer's state with the articles it covers (inside the write transaction)."""
        if self._last_clustered is None:
            return
        data = stories.encode_snapshot(self.clusterer.snapshot())
        self.store.save_checkpoint(StoredCheckpoint(STORY_CHECKPOINT, self._fingerprint(), self._last_clustered, data))
        self._since_checkpoint = 0

    def _with_body_terms(self, signature: ArticleSignature) -> ArticleSignature:
        """A signature stored before body words were kept, given its article's words, so that old and
        new articles are clustered alike."""
        article = self.store.get_article(signature.article_id)
        if article is None:
            return signature
        return replace(signature, terms=nlp.body_terms(article.title, article.text))

    def ingest(self, documents: Sequence[RawDocument], progress: Progress | None = None) -> IngestReport:
        """Store every usable document; problems are collected, never raised.

        Documents are taken in publication order (undated ones last, input order
        otherwise): the copy index forgets articles by date, and a story's centroid
        settles on its first reports before later, looser ones arrive.
        """
        return run_ingest(
            documents, lambda batch: prepare_batch(batch, self.store, self.settings), self.write, progress
        )

    def write(self, prepared: PreparedBatch, tally: IngestTally) -> None:
        """The write phase of a prepared batch: fold copies, cluster, store; one transaction.

        Under the transaction's write lock, the ingestor first catches up with
        articles other writers (another process, another request) stored since
        its last write, by replaying the stored corpus: every writer then
        clusters from the state the database records, and two writers never
        open the same story id. Identities are checked again for the same reason.
        """
        tally.seen += prepared.seen
        tally.failed.extend(prepared.failed)
        tally.duplicates += prepared.duplicates
        if not prepared.articles:
            return
        try:
            with self.store.transaction():
                if self.store.count() != self._synced_count:
                    self._rebuild()
                for item in prepared.articles:
                    if self.store.article_id_for_identity(item.article.identity):
                        tally.duplicates += 1
                        continue
                    article = replace(item.article, id=self._free_id(item.article))
                    match = self._index_for_copies(article)
                    if match is not None:
                        self._store_copy(replace(article, copy_of=match.original), match.original, tally)
                    else:
                        self._store_original(article, replace(item.signature, article_id=article.id), tally)
                for story_id in self.clusterer.take_closed():
                    self.store.update_story(story_id, status="closed")
                    tally.closed += 1
                if self._since_checkpoint >= self.settings.story_checkpoint_articles:
                    self._save_checkpoint()
                self._synced_count = self.store.count()
        except BaseException:
            self._synced_count = -1  # memory holds what the undone transaction never stored: replay before the next write
            raise

    def _store_copy(self, article: StoredArticle, original_id: str, tally: IngestTally) -> None:
        """A copy joins its original's story; its signature plays no part in clustering."""
        origin = self.store.get_article(original_id)
        self.store.add_article(article)
        tally.added += 1
        tally.added_ids.append(article.id)
        tally.copies += 1
        if origin is not None and origin.story_id:
            self.store.assign(article.id, origin.story_id)

    def _store_original(self, article: StoredArticle, signature: ArticleSignature, tally: IngestTally) -> None:
        self.store.add_article(article, signature)
        tally.added += 1
        tally.added_ids.append(article.id)
        assignment = self.clusterer.add(signature)
        self._last_clustered = article.id
        self._since_checkpoint += 1
        if assignment.opened:
            self.store.create_story(assignment.story_id, article.title, article.published, article.published)
            tally.opened += 1
        for split in self.clusterer.take_splits():
            self._apply_split(split)
            tally.split += 1
            tally.grown.update((split.kept, split.new))
        if not assignment.opened:
            tally.grown.add(assignment.story_id)
            self._keep_earliest_headline(assignment.story_id, article)
        self.store.assign(article.id, assignment.story_id)

    def _apply_split(self, split: StorySplit) -> None:
        """Move a split's articles, and the copies folded into them, to their new story; both stories
        take the headline and date span of what they now hold (their kept briefings go stale with it)."""
        moved = set(split.moved)
        leaving = [a for a in self.store.story_articles(split.kept) if a.id in moved or a.copy_of in moved]
        found = {a.id for a in leaving}
        # The article being added is not in the story yet; in the split's order, so headlines never tie by chance.
        leaving += [a for a in (self.store.get_article(i) for i in split.moved if i not in found) if a]
        headline, first, last = _story_face(leaving)
        self.store.create_story(split.new, headline, first, last)
        for article in leaving:
            self.store.assign(article.id, split.new)
        headline, first, last = _story_face(self.store.story_articles(split.kept))
        self.store.update_story(split.kept, headline=headline, first_published=first, last_published=last)

    def _keep_earliest_headline(self, story_id: str, article: StoredArticle) -> None:
        """A story is headlined by its earliest article, whatever order the articles arrive in."""
        story = self.store.get_story(story_id)
        if story is None or not article.title or article.published is None:
            return
        if story.first_published is None or article.published < story.first_published:
            self.store.update_story(story_id, headline=article.title)

    def _index_for_copies(self, article: StoredArticle) -> dedupe.CopyMatch | None:
        """Add the article to the copy index and let articles older than the copy window go."""
        match = self.copies.add(article.id, article.text)
        if article.published is None:
            self._undated.append(article.id)
            if len(self._undated) > COPY_WINDOW_UNDATED:
                self.copies.forget(self._undated.popleft())
            return match
        day = article.published.toordinal()
        self._newest_day = max(self._newest_day, day)
        self._copy_window.append((day, article.id))
        # Articles arrive in date order within a run, so the oldest sit at the left end.
        while self._copy_window and self._copy_window[0][0] < self._newest_day - COPY_WINDOW_DAYS:
            self.copies.forget(self._copy_window.popleft()[1])
        return match

    def _free_id(self, article: StoredArticle) -> str:
        """The article's id, or a derived one when another article holds it (ids from inputs can clash)."""
        if self.store.get_article(article.id) is None and article.id not in self.copies:
            return article.id
        return f"{article.id}-{hashlib.sha256(article.identity.encode('utf-8')).hexdigest()[:8]}"


def run_ingest(
    documents: Sequence[RawDocument],
    prepare: PrepareBatch,
    write: Callable[[PreparedBatch, IngestTally], None],
    progress: Progress | None = None,
) -> IngestReport:
    """Prepare and write `documents` batch by batch, in publication order; the report of it all.

    The writer of the web server passes its own `prepare` and `write`, to hold
    its locks only where they are needed.
    """
    started = time.perf_counter()
    tally = IngestTally()
    documents = sorted(documents, key=arrival_key)
    for batch in _batches(documents, BATCH_SIZE):
        write(prepare(batch), tally)
        if progress is not None:
            progress(tally.seen, len(documents))
    return IngestReport(
        seen=tally.seen,
        added=tally.added,
        duplicates=tally.duplicates,
        copies=tally.copies,
        failed=tuple(tally.failed),
        stories_opened=tally.opened,
        stories_grown=len(tally.grown),
        stories_closed=tally.closed,
        seconds=time.perf_counter() - started,
        added_ids=tuple(tally.added_ids),
        stories_split=tally.split,
    )


def _story_face(articles: Sequence[StoredArticle]) -> tuple[str | None, dt.date | None, dt.date | None]:
    """Headline (the earliest dated article's title, else the first title) and date span of some articles."""
    dates = [article.published for article in articles if article.published is not None]
    titled = sorted(
        (article for article in articles if article.title),
        key=lambda article: (article.published is None, article.published or dt.date.min),
    )
    return (titled[0].title if titled else None), min(dates, default=None), max(dates, default=None)


def arrival_key(document: RawDocument) -> tuple[bool, str]:
    """ISO dates sort as text; a date that is not ISO, or none, goes last (stable sort keeps input order)."""
    published = (document.published or "").strip()
    try:
        return (False, dt.date.fromisoformat(published[:10]).isoformat())
    except ValueError:
        return (True, "")


def _batches(items: Sequence[RawDocument], size: int) -> Iterator[Sequence[RawDocument]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ingest_sources(
    items: Sequence[str],
    store: ArticleStore,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    allow_private: bool = False,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Load SOURCE arguments (files, folders, feeds, URLs, "-") and ingest them into `store`."""
    loaded = sources.load_sources(items, settings, allow_private=allow_private, stdin=stdin)
    ingestor = Ingestor(store, settings)
    report = ingestor.ingest(loaded.documents, progress)
    ingestor.save_checkpoint()  # the command's end: the next run resumes from here, replaying nothing
    return replace(report, failed=loaded.problems + report.failed)


def ingest_bytes(name: str, data: bytes, ingestor: Ingestor) -> IngestReport:
    """Load articles held in memory (read by the extension of `name`: .json, .jsonl, .html, .txt) and ingest them."""
    loaded = sources.load_bytes(name, data, ingestor.settings)
    report = ingestor.ingest(loaded.documents)
    return replace(report, failed=loaded.problems + report.failed)


def article_lines(article: StoredArticle) -> tuple[CleanLine, ...]:
    """The stored article's input lines in reading order, each kept or removed with its reason."""
    return clean.clean_article(article.raw_text).lines


def brief_story(store: ArticleStore, story_id: str, settings: Settings = DEFAULT_SETTINGS) -> BriefingRun:
    """Brief one stored story with the story-briefing engine."""
    story = store.get_story(story_id)
    if story is None:
        raise UsageError(f"no story {story_id!r} in this database; list them with  newsweave stories")
    documents = [
        RawDocument(
            path=article.path,
            text=article.raw_text,
            format="json",
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            published=article.published.isoformat() if article.published else None,
            external_id=article.id,
        )
        for article in store.story_articles(story_id)
    ]
    return brief_documents(documents, settings)
