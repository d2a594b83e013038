"""Shared fixtures for the corpus store tests: a fresh database file and article builders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsweave.model import ArticleSignature, RemovedLine, StoredArticle
from newsweave.store import SQLiteStore

from .disk_limit import full_disk  # noqa: F401  (a fixture)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(db_path)
    yield opened
    opened.close()


def make_article(article_id: str, **changes: object) -> StoredArticle:
    """A StoredArticle with plausible values (identity follows the id); `changes` override fields."""
    article = StoredArticle(
        id=article_id,
        identity=f"text:{article_id}",
        path=f"feed.jsonl:{article_id}",
        url=None,
        outlet="Example Outlet",
        title=f"Title {article_id}",
        published=dt.date(2024, 3, 1),
        text=f"Body of article {article_id}.",
        raw_text=f"<p>Body of article {article_id}.</p>",
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def make_signature(article_id: str, seed: int = 0, dim: int = 8) -> ArticleSignature:
    """A signature with a random unit vector (seeded) and a couple of entities."""
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    vector /= np.linalg.norm(vector)
    return ArticleSignature(
        article_id=article_id,
        vector=vector,
        entities=frozenset({"Ankara", f"person {seed}"}),
        published=dt.date(2024, 3, 1),
        terms=(("ankara", 2), (f"word{seed}", 1)),
    )


FULL_ARTICLE = StoredArticle(
    id="reuters-17",
    identity="url:https://example.com/news/17",
    path="wire.jsonl:17",
    url="https://example.com/news/17?utm=x",
    outlet="Reuters",
    title="Talks resume in Istanbul — «ceasefire» on the table",
    published=dt.date(2023, 12, 31),
    text="Delegations met on Tuesday.\n\nA second paragraph, with ünïcödé and an emoji 🕊️.",
    raw_text="<html><p>Delegations met on Tuesday.</p><p>Subscribe now!</p></html>",
    removed=(RemovedLine("Subscribe now!", "promotion"), RemovedLine("Share on X", "share buttons")),
    copy_of=None,
    story_id=None,
    ingested_at="2024-01-02T03:04:05+00:00",
)

