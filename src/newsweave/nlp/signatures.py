"""Clustering signatures of articles: an embedding of title and lead, the names in them, the body's words.

Story clustering looks at what an article is about, which the headline and the
first paragraphs say, and at which event it is, which the body's rarer words
(places, names, the things involved) tell apart. Only spaCy's named-entity
recogniser runs, on the lead (no parser, tagger or lemmatiser); the body's words
are counted with a plain pattern, which keeps ingest fast.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import ArticleSignature, StoredArticle
from newsweave.nlp.embedder import SentenceEmbedder, get_embedder
from newsweave.nlp.language_model import load_language_model
from newsweave.nlp.segments import break_long_runs

LEAD_WORDS = 60  # words of body after the title: about the first two paragraphs of news copy
# A word of three or more letters (digits, inner hyphens and apostrophes allowed); bounded, so linear.
_WORD = re.compile(r"[^\W\d_][\w'’-]{2,40}")
MAX_TERMS = 300  # distinct words kept per article, the most frequent first: bounds the stored signature
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"})


def lead_text(title: str | None, text: str, words: int = LEAD_WORDS) -> str:
    """The title followed by the first `words` words of the body."""
    body = " ".join(text.split()[:words])
    return f"{title.strip()}. {body}" if title and title.strip() else body


def body_terms(title: str | None, text: str) -> tuple[tuple[str, int], ...]:
    """The content words of title and body with their counts: lowercased, stop words left out."""
    from spacy.lang.en.stop_words import STOP_WORDS

    counts = Counter(
        word
        for word in (_word_form(match.group(0)) for match in _WORD.finditer(f"{title or ''}\n{text}"))
        if len(word) > 2 and word not in STOP_WORDS
    )
    return tuple(sorted(counts.most_common(MAX_TERMS)))


def _word_form(word: str) -> str:
    """Lowercase, without a possessive ending or edge marks: "Bridge's" counts as "bridge"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'-")


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
    docs = nlp.pipe([break_long_runs(lead) for lead in leads], disable=disabled, batch_size=64)
    for article, vector, doc in zip(articles, vectors, docs):
        entities = frozenset(ent.text for ent in doc.ents if ent.label_ in ENTITY_LABELS)
        terms = body_terms(article.title, article.text)
        signatures.append(ArticleSignature(article.id, vector, entities, article.published, terms))
    return signatures
