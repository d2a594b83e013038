"""Shared fixtures for the dedupe stage tests: the real seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.model import Article

# tests/unit/dedupe/conftest.py -> the repository root is three folders up;
# the shared seed articles live beside the repository.
SEEDS_DIRECTORY = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The texts of the five seed articles: one event, five outlets, five writers."""
    paths = sorted(SEEDS_DIRECTORY.glob("*.txt"))
    assert len(paths) == 5, f"expected the five seed articles in {SEEDS_DIRECTORY}"
    return [path.read_text(encoding="utf-8") for path in paths]


@pytest.fixture(scope="session")
def make_article():
    """Build an Article with just an id, a text and optionally a date."""

    def build(article_id: str, text: str, published=None) -> Article:
        return Article(
            id=article_id,
            path=f"{article_id}.txt",
            text=text,
            title=None,
            outlet=None,
            url=None,
            published=published,
        )

    return build
