"""The first phase of ingesting a batch: everything that needs no write access.

Cleaning, metadata, identities and clustering signatures (the language models)
are the slow part of an ingest. They are done here, without the writer's lock
or a database transaction, so that a slow article holds up neither readers nor
other writers; `Ingestor.write` then folds copies, clusters and stores the
batch in one short transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from newsweave import clean, metadata, nlp, sources
from newsweave.config import Settings
from newsweave.errors import NewsweaveError
from newsweave.model import Article, ArticleSignature, InputProblem, RawDocument, StoredArticle
from newsweave.store import ArticleStore


@dataclass(frozen=True)
class PreparedArticle:
    """A cleaned article ready to store, with its clustering signature (under the same id)."""

    article: StoredArticle
    signature: ArticleSignature


@dataclass(frozen=True)
class PreparedBatch:
    """One batch after preparation, in the order its documents came."""

    seen: int  # documents in the batch
    articles: tuple[PreparedArticle, ...]
    failed: tuple[InputProblem, ...]
    duplicates: int  # identities repeated within the batch or already stored when it was prepared


def prepare_batch(
    batch: Sequence[RawDocument],
    store: ArticleStore,
    settings: Settings,
    *,
    models: AbstractContextManager[object] | None = None,
) -> PreparedBatch:
    """Clean, identify and sign each document; non-articles and known identities are set aside.

    `models` is held while the language models run (they are not shared
    between threads); nothing else is locked, and the store is only read.
    """
    candidates: list[StoredArticle] = []
    failed: list[InputProblem] = []
    duplicates = 0
    identities: set[str] = set()
    for document in batch:
        try:
            cleaned = _cleaned(document, settings)
        except NewsweaveError as error:
            failed.append(InputProblem(document.path, str(error)))
            continue
        words = len(cleaned.text.split())
        if words < settings.min_article_words:
            failed.append(InputProblem(document.path, f"not an article: {words} words of text after removing boilerplate"))
            continue
        article = stored_article(document, cleaned)
        if article.identity in identities or store.article_id_for_identity(article.identity):
            duplicates += 1
            continue
        identities.add(article.identity)
        candidates.append(article)
    # Copies are only known in the write phase, so they are signed too: the embedding of a
    # text does not depend on the batch it is in, so the originals' signatures are unchanged.
    with models if models is not None else nullcontext():
        signatures = nlp.article_signatures(candidates, settings)
    articles = tuple(PreparedArticle(article, signature) for article, signature in zip(candidates, signatures))
    return PreparedBatch(seen=len(batch), articles=articles, failed=tuple(failed), duplicates=duplicates)


def _cleaned(document: RawDocument, settings: Settings) -> Article:
    """The document cleaned once, with its metadata: what is judged and what is stored."""
    [article] = metadata.build_articles([document], [clean.clean_article(document.text, settings)])
    return article


def stored_article(document: RawDocument, article: Article) -> StoredArticle:
    """The cleaned article as the store keeps it, with its identity and its input's id."""
    identity = sources.article_identity(article.url, article.text)
    return StoredArticle(
        id=document.external_id or "a-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16],
        identity=identity,
        path=document.path,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        text=article.text,
        raw_text=document.text,
        removed=article.removed,
        ingested_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )
