"""Invented articles made into what the summary stage receives: parsed articles, claims, agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from newsweave.align import align_claims
from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import Agreement, Analysis, AnalyzedArticle, Article, Claim


def summary_inputs(
    texts: Mapping[str, str], published: dt.date, *, agreements: bool = True
) -> tuple[list[AnalyzedArticle], list[Claim], Analysis]:
    """Each text an article (its key the id); claims told by two or more sources become agreements."""
    from newsweave.nlp import analyze_articles

    articles = [
        Article(id=s, path=s, text=t, title=None, outlet=None, url=None, published=published) for s, t in texts.items()
    ]
    analyzed = analyze_articles(articles, DEFAULT_SETTINGS)
    claims = align_claims(analyzed)
    shared = tuple(
        Agreement(claim=c.text, sources=c.sources, origins=len(c.sources), evidence=c.evidence)
        for c in claims
        if len(c.sources) > 1
    )
    return list(analyzed), list(claims), Analysis(agreements=shared if agreements else ())
