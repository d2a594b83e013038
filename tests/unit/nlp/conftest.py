"""Shared fixtures for the nlp stage tests: the real seed articles and loaded models."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.model import Article
from newsweave.nlp import get_embedder, load_language_model

# tests/unit/nlp/conftest.py -> repository root is three folders up; the
# shared seed articles live beside the repository.
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
SEEDS_DIRECTORY = REPOSITORY_ROOT.parent / "shared" / "seeds"


def seed_article(file_prefix: str, article_id: str) -> Article:
    """The seed article whose file name starts with `file_prefix`, as a cleaned Article."""
    matches = sorted(SEEDS_DIRECTORY.glob(f"{file_prefix}_*.txt"))
    assert matches, f"seed {file_prefix} not found in {SEEDS_DIRECTORY}"
    path = matches[0]
    return Article(
        id=article_id,
        path=path.name,
        text=path.read_text(encoding="utf-8"),
        title=None,
        outlet=None,
        url=None,
        published=None,
    )


@pytest.fixture(scope="session")
def load_seed():
    """The seed_article function, for tests that need real articles."""
    return seed_article


@pytest.fixture(scope="session")
def language_model():
    return load_language_model()


@pytest.fixture(scope="session")
def embedder():
    return get_embedder()
