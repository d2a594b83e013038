"""The HTML pages: the stories list, a story's briefing, an article.

Pages are rendered on the server from Jinja templates with autoescaping on:
article text only ever reaches a page as escaped text. A story page is
rendered once per story revision and then served from memory.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import PackageLoader
from markupsafe import Markup, escape

from newsweave.pipeline import article_lines
from newsweave.render.outlets import fold_outlets
from newsweave.render.presentation import is_web_url
from newsweave.store.base import MATCH_CLOSE, MATCH_OPEN
from newsweave.web.anchors import article_href, story_href
from newsweave.web.article_view import article_view
from newsweave.web.errors import ApiError
from newsweave.web.listing import StoryFilters, list_stories
from newsweave.web.state import WebState
from newsweave.render.html import template_environment
from newsweave.render.story_view import story_view
from newsweave.web.anchors import article_href

router = APIRouter(include_in_schema=False)

# The web's own pages, and the briefing templates the story page shares with `brief --format html`.
templates = template_environment(PackageLoader("newsweave.web", "templates"))
templates.globals.update(story_href=story_href, article_href=article_href, is_web_url=is_web_url)


def marked_snippet(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words between the store's markers shown as <mark>."""
    parts = snippet.split(MATCH_OPEN) if MATCH_OPEN == MATCH_CLOSE else [snippet]
    # Odd-numbered parts sit between an opening and a closing marker.
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if number % 2 else escape(part) for number, part in enumerate(parts)
    )


templates.filters["marked"] = marked_snippet


def render_page(name: str, **values: object) -> bytes:
    """A template rendered to UTF-8 bytes."""
    return templates.get_template(name).render(**values).encode("utf-8")


def _state(request: Request) -> WebState:
    return request.app.state.web


def _html(body: bytes, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


@router.get("/")
def stories_page(
    request: Request,
    q: Annotated[str | None, Query()] = None,
    since: Annotated[str | None, Query()] = None,
    until: Annotated[str | None, Query()] = None,
    outlet: Annotated[str | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    state = _state(request)
    # The form sends empty fields; they mean "no filter", not an error.
    filters = StoryFilters(q or None, _form_date(since, "since"), _form_date(until, "until"), outlet or None, page)
    listing = list_stories(state.reader, filters, state.options.page_size)
    if state.options.warm:
        state.warmer.request(listing.waiting)
    return _html(
        render_page(
            "stories.html",
            listing=listing,
            outlets=fold_outlets(state.reader.outlets()),
            hits=listing.best_hits,
            counts=state.reader.counts(),
        )
    )


@router.get("/stories/{story_id:path}")
def story_page(request: Request, story_id: str) -> HTMLResponse:
    state = _state(request)
    story = state.story_or_404(story_id, "the list of stories is at /")
    key = (story.id, story.revision)
    cached = state.pages.get(key)
    if cached is not None:
        return _html(cached)
    ready = state.briefings.get(story)
    if ready.briefing is None:
        body = render_page("no_briefing.html", story=story, problems=ready.problems)
    else:
        body = render_page("story.html", view=story_view(ready.briefing, story_id=story.id, article_href=article_href))
    state.pages.put(key, body)
    return _html(body)


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    state = _state(request)
    article = state.reader.get_article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id!r} in this database")
    story = state.reader.get_story(article.story_id) if article.story_id else None
    briefing = state.briefings.get(story).briefing if story is not None else None
    view = article_view(article, article_lines(article), briefing)
    return _html(render_page("article.html", view=view, story=story))


def _form_date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{name} must be a date written YYYY-MM-DD, got {value!r}") from None
