"""Articles analysed by the real nlp stage (spaCy + MiniLM), built from short texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.model import AnalyzedArticle, Article


@pytest.fixture(scope="session")
def analyze() -> Callable[[dict[str, str]], list[AnalyzedArticle]]:
    from newsweave.nlp import analyze_articles

    def run(texts: dict[str, str]) -> list[AnalyzedArticle]:
        articles = [
            Article(id=source, path=f"{source}.txt", text=text, title=None, outlet=None, url=None,
                    published=dt.date(2024, 6, 11))
            for source, text in texts.items()
        ]
        return analyze_articles(articles, DEFAULT_SETTINGS)

    return run
