"""Moving a corpus between stores: SQLite to PostgreSQL and back, nothing lost.

`copy_corpus` reads one store through the `ArticleStore` protocol and writes
another, so any two backends pair up. Everything an ingest left is carried:
articles in ingest order (with their ids, copies, outlets, removed lines and
ingest times), their clustering signatures and MinHash bytes, the stories with
their status and, for open stories, the centroid clustering goes on from, the
kept briefings, and the clusterer's checkpoint. An `ingest` into the copy then
carries on exactly where it would have in the original.

The target must be empty: merging two corpora would need new story ids and a
replay, which is what `ingest` of an export does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsweave.errors import UsageError
from newsweave.model import StoredArticle
from newsweave.pipeline.ingest import STORY_CHECKPOINT
from newsweave.store import ArticleMinhash, ArticleStore

COPY_BATCH = 500  # articles per target transaction: a failure loses at most one batch, which a rerun redoes


@dataclass(frozen=True)
class CopyReport:
    """What a copy moved."""

    articles: int
    copies: int  # articles that copy another one
    stories: int
    briefings: int
    checkpoint: bool  # whether the clusterer's checkpoint came along (a restart then replays nothing)

    def summary(self) -> str:
        return (
            f"copied {_count(self.articles, 'article')} ({_count(self.copies, 'copy', 'copies')}), "
            f"{_count(self.stories, 'story', 'stories')}, {_count(self.briefings, 'kept briefing')}"
            f"{', and the clustering checkpoint' if self.checkpoint else ''}"
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def copy_corpus(source: ArticleStore, target: ArticleStore, progress: Callable[[int], None] | None = None) -> CopyReport:
    """Copy every article, story, kept briefing and checkpoint of `source` into the empty `target`."""
    if target.count() or target.list_stories(limit=1):
        raise UsageError("the target corpus is not empty: copy into a new database (merging corpora is not supported)")
    # In the order they were opened, which their numbered ids keep ("st-000009" before "st-000010"), so
    # that ties in story lists and the open stories' order come out as in the source.
    stories = sorted(source.list_stories(), key=lambda story: (len(story.id), story.id))
    centroids = {signature.story_id: signature for signature in source.open_story_signatures()}
    with target.transaction():
        for story in stories:
            open_state = centroids.get(story.id)
            target.create_story(
                story.id,
                story.headline,
                story.first_published,
                story.last_published,
                centroid=open_state.centroid if open_state else None,
                entities=open_state.entities if open_state else frozenset(),
            )
            if story.status != "open":
                target.update_story(story.id, status=story.status)
    moved = copies = 0
    minhashes = _Lockstep(source.load_minhashes())
    for batch in _batches(source.iter_articles(), COPY_BATCH):
        signatures = {s.article_id: s for s in source.signatures_of([a.id for a in batch])}
        with target.transaction():
            for article in batch:
                outcome = target.add_article(article, signatures.get(article.id), minhashes.take(article.id))
                if not outcome.added or outcome.article_id != article.id:
                    raise UsageError(f"article {article.id} could not keep its id in the target ({outcome})")
                copies += article.copy_of is not None
        moved += len(batch)
        if progress is not None:
            progress(moved)
    briefings = 0
    for story in stories:
        kept = source.get_briefing(story.id)
        if kept is not None:
            target.save_briefing(kept)
            briefings += 1
    checkpoint = source.get_checkpoint(STORY_CHECKPOINT)
    if checkpoint is not None:
        target.save_checkpoint(checkpoint)
    return CopyReport(moved, copies, len(stories), briefings, checkpoint is not None)


class _Lockstep:
    """MinHash bytes read alongside the articles: both come in ingest order, and an article stored
    without MinHash (none was made for it) simply has no entry."""

    def __init__(self, minhashes: Iterator[ArticleMinhash]) -> None:
        self._rest = minhashes
        self._head = next(self._rest, None)

    def take(self, article_id: str) -> bytes | None:
        if self._head is None or self._head.article_id != article_id:
            return None
        found = self._head.minhash
        self._head = next(self._rest, None)
        return found


def _batches(articles: Iterator[StoredArticle], size: int) -> Iterator[Sequence[StoredArticle]]:
    batch: list[StoredArticle] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
