"""Clustering signatures of articles: an embedding of title and lead, and the names in them.

Story clustering looks at what an article is about, which the headline and the
first paragraphs say; the rest of the body adds cost and drifts into background.
Only spaCy's named-entity recogniser runs here (no parser, tagger or lemmatiser),
which keeps ingest fast.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import ArticleSignature, StoredArticle
from newsweave.nlp.embedder import SentenceEmbedder, get_embedder
from newsweave.nlp.language_model import load_language_model

LEAD_WORDS = 60  # words of body after the title: about the first two paragraphs of news copy
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"})


def lead_text(title: str | None, text: str, words: int = LEAD_WORDS) -> str:
    """The title followed by the first `words` words of the body."""
    body = " ".join(text.split()[:words])
    return f"{title.strip()}. {body}" if title and title.strip() else body


def article_signatures(
    articles: Sequence[StoredArticle],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    language_model=None,
    embedder: SentenceEmbedder | None = None,
) -> list[ArticleSignature]:
    """One signature per article, in order: lead embedding, entity names, publication date."""
    if not articles:
        return []
    nlp = language_model or load_language_model(settings)
    embedder = embedder or get_embedder(settings)
    leads = [lead_text(a.title, a.text) for a in articles]
    vectors = embedder.embed(leads)
    keep = [name for name in ("tok2vec", "ner") if name in nlp.pipe_names]
    disabled = [name for name in nlp.pipe_names if name not in keep]
    signatures = []
    for article, vector, doc in zip(articles, vectors, nlp.pipe(leads, disable=disabled, batch_size=64)):
        entities = frozenset(ent.text for ent in doc.ents if ent.label_ in ENTITY_LABELS)
        signatures.append(ArticleSignature(article.id, vector, entities, article.published))
    return signatures
