"""The story list of a corpus: a table for people, JSON (newsweave.stories/1) for tools."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Protocol

from newsweave.model import StoredArticle, StoredStory
from newsweave.render.outlets import fold_outlets

STORIES_SCHEMA = "newsweave.stories/1"
UNKNOWN = "-"  # a count the table cannot give: no current briefing, or one kept before the count existed


class BriefingCounts(Protocol):
    """What the list shows of a story's current briefing (the store's briefing stamp has these)."""

    @property
    def conflicts(self) -> int: ...

    @property
    def updates(self) -> int | None: ...  # None: the briefing was kept before updates were counted


def stories_to_dict(
    stories: Sequence[StoredStory],
    articles: dict[str, list[StoredArticle]],
    counts: Mapping[str, BriefingCounts] | None = None,
) -> dict:
    """The JSON contract of `newsweave stories --format json`.

    `disagreements` and `updates` (figures that changed over time, counted
    apart) come from the story's current briefing; null when there is none yet.
    """
    known = counts or {}
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
                "disagreements": _conflicts(known.get(story.id)),
                "updates": _updates(known.get(story.id)),
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


def render_stories_json(
    stories: Sequence[StoredStory],
    articles: dict[str, list[StoredArticle]],
    counts: Mapping[str, BriefingCounts] | None = None,
) -> str:
    return json.dumps(stories_to_dict(stories, articles, counts), ensure_ascii=False, indent=2) + "\n"


def render_stories_table(stories: Sequence[StoredStory], counts: Mapping[str, BriefingCounts] | None = None) -> str:
    """A plain-text table: id, dates, article count, outlets, disagreements, updates over time, headline."""
    known = counts or {}
    rows = [("STORY", "FIRST", "LAST", "ARTICLES", "OUTLETS", "DISAGREEMENTS", "UPDATES", "HEADLINE")]
    for story in stories:
        conflicts = _conflicts(known.get(story.id))
        updates = _updates(known.get(story.id))
        rows.append(
            (
                story.id,
                _iso(story.first_published) or "-",
                _iso(story.last_published) or "-",
                str(len(story.article_ids)),
                str(len(fold_outlets(story.outlets))),
                UNKNOWN if conflicts is None else str(conflicts),
                UNKNOWN if updates is None else str(updates),
                _one_line(story.headline or "(no headline)", 70),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1] for row in rows]
    return "\n".join(lines) + "\n"


def _conflicts(counts: BriefingCounts | None) -> int | None:
    return None if counts is None else counts.conflicts


def _updates(counts: BriefingCounts | None) -> int | None:
    return None if counts is None else counts.updates


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
