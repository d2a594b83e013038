"""Sentence splitting, parsing and sentence embeddings for cleaned articles.

`analyze_articles` is the stage's entry point; the language model and the
embedder load once per process and are shared by every call.
"""

from newsweave.nlp.analyze import analyze_articles, analyzed_length
from newsweave.nlp.embedder import EMBEDDING_DIM, SentenceEmbedder, get_embedder
from newsweave.nlp.language_model import load_language_model
from newsweave.nlp.signatures import article_signatures, body_terms, lead_text

__all__ = [
    "EMBEDDING_DIM",
    "SentenceEmbedder",
    "analyze_articles",
    "analyzed_length",
    "article_signatures",
    "body_terms",
    "lead_text",
    "get_embedder",
    "load_language_model",
]
