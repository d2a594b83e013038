"""The stories list behind both the stories page and `GET /api/stories`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from newsweave.model import StoredStory
from newsweave.render.outlets import fold_outlets, spellings_of
from newsweave.store import ArticleStore, SearchHit, current_stamps
from newsweave.web.errors import ApiError

SEARCH_HITS = 1000  # articles a search looks at; their stories are then listed newest first
BEST_HITS = 5  # best-matching articles shown above the stories


@dataclass(frozen=True)
class StoryFilters:
    """What the reader asked for; every field is optional."""

    q: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    page: int = 1

    def query_string(self, page: int) -> str:
        """The address query for another page of the same list."""
        fields = {
            "q": self.q or "",
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "outlet": self.outlet or "",
        }
        kept = {name: value for name, value in fields.items() if value}
        if page > 1:
            kept["page"] = str(page)
        return urlencode(kept)


@dataclass(frozen=True)
class StoryRow:
    story: StoredStory
    disagreements: int | None  # None: no briefing of the story's current revision yet
    # Figures that changed over time, counted apart from disagreements; None: no current briefing yet,
    # or one kept before updates were counted (then the count is not shown rather than shown as 0).
    updates: int | None

    @cached_property
    def outlets(self) -> tuple[str, ...]:
        """The story's outlets, each once under one spelling ("New York Times (News)" is "New York Times")."""
        return fold_outlets(self.story.outlets)

    @property
    def single_outlet(self) -> bool:
        """Carried by one outlet only: nothing to compare it with."""
        return len(self.outlets) == 1


@dataclass(frozen=True)
class StoryPage:
    filters: StoryFilters
    rows: tuple[StoryRow, ...]
    has_next: bool
    waiting: tuple[str, ...]  # story ids whose briefing is not made yet
    best_hits: tuple[SearchHit, ...] = ()  # the best-matching articles of a search


def list_stories(store: ArticleStore, filters: StoryFilters, page_size: int) -> StoryPage:
    """One page of stories matching the filters, newest first, with their disagreement and update counts."""
    if filters.page < 1:
        raise ApiError(422, "invalid_request", f"page must be 1 or more, got {filters.page}")
    if filters.since and filters.until and filters.since > filters.until:
        raise ApiError(
            422, "invalid_request", f"since ({filters.since}) is after until ({filters.until}): swap them"
        )
    ids = None
    hits: list[SearchHit] = []
    query = (filters.q or "").strip()
    if query:
        hits = store.search(query, limit=SEARCH_HITS)
        ids = list(dict.fromkeys(hit.story_id for hit in hits if hit.story_id))
    # An outlet chosen by its shown name matches every spelling of it in the corpus.
    outlet = (spellings_of(filters.outlet, store.outlets()) or (filters.outlet,)) if filters.outlet else None
    stories = store.list_stories(
        filters.since,
        limit=page_size + 1,  # one more tells whether a next page exists
        offset=(filters.page - 1) * page_size,
        until=filters.until,
        outlet=outlet,
        ids=ids,
    )
    shown = stories[:page_size]
    stamps = current_stamps(store, shown)
    rows = []
    waiting = []
    for story in shown:
        stamp = stamps.get(story.id)
        if stamp is None:
            rows.append(StoryRow(story, None, None))
            waiting.append(story.id)
        else:
            rows.append(StoryRow(story, stamp.conflicts, stamp.updates))
    return StoryPage(filters, tuple(rows), len(stories) > page_size, tuple(waiting), tuple(hits[:BEST_HITS]))
