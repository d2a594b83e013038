"""The story list of a corpus: a table for people, JSON (newsweave.stories/1) for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsweave.model import StoredArticle, StoredStory

STORIES_SCHEMA = "newsweave.stories/1"


def stories_to_dict(stories: Sequence[StoredStory], articles: dict[str, list[StoredArticle]]) -> dict:
    """The JSON contract of `newsweave stories --format json`."""
    return {
        "schema": STORIES_SCHEMA,
        "stories": [
            {
                "id": story.id,
                "headline": story.headline,
                "first_published": _iso(story.first_published),
                "last_published": _iso(story.last_published),
                "status": story.status,
                "outlets": list(story.outlets),
                "articles": [
                    {
                        "id": article.id,
                        "outlet": article.outlet,
                        "title": article.title,
                        "published": _iso(article.published),
                        "copy_of": article.copy_of,
                    }
                    for article in articles.get(story.id, [])
                ],
            }
            for story in stories
        ],
    }


def render_stories_json(stories: Sequence[StoredStory], articles: dict[str, list[StoredArticle]]) -> str:
    return json.dumps(stories_to_dict(stories, articles), ensure_ascii=False, indent=2) + "\n"


def render_stories_table(stories: Sequence[StoredStory]) -> str:
    """A plain-text table: id, dates, article count, outlets, headline."""
    rows = [("STORY", "FIRST", "LAST", "ARTICLES", "OUTLETS", "HEADLINE")]
    for story in stories:
        rows.append(
            (
                story.id,
                _iso(story.first_published) or "-",
                _iso(story.last_published) or "-",
                str(len(story.article_ids)),
                str(len(story.outlets)),
                _one_line(story.headline or "(no headline)", 70),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1] for row in rows]
    return "\n".join(lines) + "\n"


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
