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
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace

from newsweave import clean, metadata, nlp, sources
from newsweave.config import Settings
from newsweave.errors import NewsweaveError
from newsweave.model import Article, ArticleSignature, InputProblem, RawDocument, StoredArticle
from newsweave.sources.identity import TEXT_IDENTITY_PREFIX
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
    owners: dict[str, tuple[str, str | None]] = {}  # identity -> (id, outlet) of the batch article holding it
    for document in batch:
        prepared = clean_document(document, settings)
        if isinstance(prepared, InputProblem):
            failed.append(prepared)
            continue
        article = _with_own_identity(prepared, store, owners)
        if article is None:
            duplicates += 1
            continue
        owners[article.identity] = (article.id, article.outlet)
        candidates.append(article)
    # Copies are only known in the write phase, so they are signed too: the embedding of a
    # text does not depend on the batch it is in, so the originals' signatures are unchanged.
    with models if models is not None else nullcontext():
        signatures = nlp.article_signatures(candidates, settings)
    articles = tuple(PreparedArticle(article, signature) for article, signature in zip(candidates, signatures))
    return PreparedBatch(seen=len(batch), articles=articles, failed=tuple(failed), duplicates=duplicates)


def clean_document(document: RawDocument, settings: Settings) -> StoredArticle | InputProblem:
    """The document cleaned and identified as the store would keep it, or why it is not stored."""
    try:
        cleaned = _cleaned(document, settings)
    except NewsweaveError as error:
        return InputProblem(document.path, str(error))
    words = len(cleaned.text.split())
    if words < settings.min_stored_words:
        return InputProblem(document.path, f"not an article: {words} words of text after removing boilerplate")
    return stored_article(document, cleaned)


def _with_own_identity(
    article: StoredArticle, store: ArticleStore, owners: dict[str, tuple[str, str | None]]
) -> StoredArticle | None:
    """The article under an identity no other article holds, or None when it is already stored."""
    holder = owners.get(article.identity)
    if holder is None:
        stored_id = store.article_id_for_identity(article.identity)
        stored = store.get_article(stored_id) if stored_id else None
        holder = (stored.id, stored.outlet) if stored is not None else None
    return own_identity(article, holder, lambda own: own in owners or bool(store.article_id_for_identity(own)))


def own_identity(
    article: StoredArticle, holder: tuple[str, str | None] | None, is_held: Callable[[str], bool]
) -> StoredArticle | None:
    """The article under an identity no other article holds, or None when it repeats one.

    `holder` is the (id, outlet) of the article already holding its identity, if any; `is_held`
    tells whether another identity is taken. Two inputs with one URL are one article. Without a
    URL an article is known by its text, and the same text given again under its own id or outlet
    is another outlet's copy, not a repeat: it is kept under an identity that adds its id and
    outlet (and then folded as a copy), so that the second outlet does not vanish from the
    corpus. Given again itself, it is a repeat.
    """
    if holder is None:
        return article
    if not article.identity.startswith(TEXT_IDENTITY_PREFIX) or holder == (article.id, article.outlet):
        return None
    own = f"{article.identity}|{article.id}|{article.outlet or ''}"
    if is_held(own):
        return None
    return replace(article, identity=own)


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
