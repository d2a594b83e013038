"""The JSON API: stories, briefings, articles, and ingest.

Read endpoints are open; `POST /api/articles` needs the server's token.
Every error answer has the one shape of `newsweave.web.errors`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from newsweave.model import StoredArticle
from newsweave.web.anchors import article_href, story_href
from newsweave.store import briefing_revision
from newsweave.web.errors import ApiError, ErrorBody
from newsweave.web.listing import StoryFilters, StoryRow, list_stories
from newsweave.web.state import WebState

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in ((404, "Not found"), (422, "Invalid request"), (503, "Database unavailable"))
}
# Body types POST /api/articles reads, and the file kind each is loaded as.
BODY_KINDS = {
    "application/json": "request.json",
    "application/x-ndjson": "request.jsonl",
    "application/jsonl": "request.jsonl",
    "application/x-jsonlines": "request.jsonl",
    "application/jsonlines": "request.jsonl",
}

router = APIRouter(prefix="/api", tags=["api"])


class StoryOut(BaseModel):
    id: str
    headline: str | None
    first_published: dt.date | None
    last_published: dt.date | None
    status: str
    articles: int
    outlets: list[str]
    disagreements: int | None = Field(description="conflicts between sources; null until the story's briefing is made")
    updates: int | None = Field(
        description="figures that changed over time, counted apart from disagreements; null until the story's "
        "briefing is made, or when it was kept by a newsweave that did not count them yet"
    )
    html: str
    api: str


class StoryListOut(BaseModel):
    stories: list[StoryOut]
    page: int
    next_page: int | None


class RemovedOut(BaseModel):
    text: str
    reason: str


class ArticleOut(BaseModel):
    id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    path: str
    copy_of: str | None
    ingested_at: str
    text: str
    removed: list[RemovedOut]
    html: str


class ProblemOut(BaseModel):
    input: str
    problem: str


class IngestOut(BaseModel):
    added: int
    added_ids: list[str]
    already_stored: int
    copies: int
    failed: list[ProblemOut]
    stories_opened: int
    stories_grown: int
    stories_split: int


def _state(request: Request) -> WebState:
    return request.app.state.web


@router.get("/stories", response_model=StoryListOut, responses=ERRORS, summary="List stories, newest first")
def get_stories(
    request: Request,
    q: Annotated[str | None, Query(description="full-text search over the articles")] = None,
    since: Annotated[dt.date | None, Query(description="stories last active on or after (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="stories last active on or before (YYYY-MM-DD)")] = None,
    outlet: Annotated[str | None, Query(description="stories with an article from this outlet")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> StoryListOut:
    state = _state(request)
    listing = list_stories(state.reader, StoryFilters(q, since, until, outlet, page), state.options.page_size)
    if state.options.warm:
        state.warmer.request(listing.waiting)
    return StoryListOut(
        stories=[_story_out(row) for row in listing.rows],
        page=page,
        next_page=page + 1 if listing.has_next else None,
    )


@router.get(
    "/stories/{story_id:path}",
    responses={
        200: {
            "description": "The story's briefing, as the newsweave.briefing/1 JSON contract (see README)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **ERRORS,
    },
    summary="The briefing of one story",
)
def get_story(request: Request, story_id: str) -> Response:
    state = _state(request)
    story = state.story_or_404(story_id, "list them at GET /api/stories")
    etag = f'"{briefing_revision(story)}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})  # the client's copy is current
    ready = state.briefings.get(story)
    if ready.briefing is None:
        problems = "; ".join(f"{p.input}: {p.problem}" for p in ready.problems) or "no article text left"
        raise ApiError(422, "no_briefing", f"story {story_id!r} has no article usable for a briefing ({problems})")
    return Response(ready.document, media_type="application/json", headers={"ETag": etag})


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses=ERRORS, summary="One stored article")
def get_article(request: Request, article_id: str) -> ArticleOut:
    article = _state(request).reader.get_article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id!r} in this database; search with GET /api/stories?q=")
    return _article_out(article)


@router.post(
    "/articles",
    response_model=IngestOut,
    responses={
        401: {"model": ErrorBody, "description": "Missing or wrong token"},
        403: {"model": ErrorBody, "description": "Writing is switched off (no NEWSWEAVE_TOKEN)"},
        413: {"model": ErrorBody, "description": "Body over the size limit"},
        415: {"model": ErrorBody, "description": "Body is neither JSON nor JSONL"},
        422: {"model": ErrorBody, "description": "No usable article in the body"},
    },
    summary="Ingest one article (JSON object) or a batch (JSONL, one article per line)",
)
async def post_articles(
    request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> IngestOut:
    state = _state(request)
    state.check_token(authorization)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    name = BODY_KINDS.get(media_type)
    if name is None:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"cannot read a body of type {media_type or 'unknown'!r}: send one article as application/json "
            "or many as application/x-ndjson (one JSON object a line)",
        )
    body = await request.body()
    report = await run_in_threadpool(state.articles.ingest, name, body)
    if report.added == 0 and report.duplicates == 0 and report.failed:
        shown = "; ".join(f"{p.input}: {p.problem}" for p in report.failed[:3])
        more = f" (and {len(report.failed) - 3} more)" if len(report.failed) > 3 else ""
        raise ApiError(422, "no_usable_article", f"nothing was ingested: {shown}{more}")
    return IngestOut(
        added=report.added,
        added_ids=list(report.added_ids),
        already_stored=report.duplicates,
        copies=report.copies,
        failed=[ProblemOut(input=p.input, problem=p.problem) for p in report.failed],
        stories_opened=report.stories_opened,
        stories_grown=report.stories_grown,
        stories_split=report.stories_split,
    )


def _story_out(row: StoryRow) -> StoryOut:
    story = row.story
    return StoryOut(
        id=story.id,
        headline=story.headline,
        first_published=story.first_published,
        last_published=story.last_published,
        status=story.status,
        articles=len(story.article_ids),
        outlets=list(story.outlets),
        disagreements=row.disagreements,
        updates=row.updates,
        html=story_href(story.id),
        api=f"/api{story_href(story.id)}",
    )


def _article_out(article: StoredArticle) -> ArticleOut:
    return ArticleOut(
        id=article.id,
        story_id=article.story_id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        path=article.path,
        copy_of=article.copy_of,
        ingested_at=article.ingested_at,
        text=article.text,
        removed=[RemovedOut(text=line.text, reason=line.reason) for line in article.removed],
        html=article_href(article.id),
    )
