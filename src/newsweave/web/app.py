"""The ASGI application: routes, static files, security headers, and the one error shape."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave import __version__
from newsweave.errors import NewsweaveError, StoreError, UsageError
from newsweave.pipeline import brief_story
from newsweave.store import StoreFullError, open_store
from newsweave.web import api, pages
from newsweave.web.briefings import BriefStory
from newsweave.web.errors import ApiError, error_body, known
from newsweave.web.security import BodyDeadline, BodySizeLimit, HeadAsGet, SecurityHeaders
from newsweave.web.state import WebOptions, WebState

log = logging.getLogger("newsweave.web")


def create_app(options: WebOptions = WebOptions(), *, brief: BriefStory = brief_story) -> FastAPI:
    """The web reader and JSON API over the database at `options.db_path`.

    The database is opened here (a wrong path fails before the server starts);
    it is closed, and background briefing stops, when the application shuts down.
    `brief` makes a story's briefing (the pipeline's, unless a caller swaps it).
    """
    state = WebState(options, reader=open_store(options.db_path), writer=open_store(options.db_path), brief=brief)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if options.warm:
            state.warmer.start()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Stories across outlets: what they agree on, where they disagree, who claims what.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP (and offline use) rule out
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = state
    app.include_router(api.router)
    app.include_router(pages.router)
    # The reader's script lives with the web; its stylesheet with the briefing templates it styles.
    app.mount("/static", StaticFiles(packages=[("newsweave.web", "static"), ("newsweave.render", "static")]), name="static")
    _add_error_handlers(app)
    # Added innermost first: a request meets the security headers, HEAD, the body deadline, then the size cap.
    app.add_middleware(BodySizeLimit, limit=options.settings.max_input_bytes)
    app.add_middleware(BodyDeadline, seconds=options.settings.request_body_timeout_seconds)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, error: ApiError) -> Response:
        return error_response(request, error.status, error.code, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
        status = known(error.status_code)
        detail = error.detail if isinstance(error.detail, str) and error.status_code != 404 else status.message
        headers = dict(error.headers or {})
        if "Allow" in headers:  # a 405 says which methods the address takes; every GET address takes HEAD too
            methods = [method.strip() for method in headers["Allow"].split(",")]
            if "GET" in methods and "HEAD" not in methods:
                methods.append("HEAD")
            headers["Allow"] = ", ".join(methods)
            detail = f"{request.url.path} takes {headers['Allow']}, not {request.method}"
        return error_response(request, error.status_code, status.code, detail, headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError) -> Response:
        problems = []
        for item in error.errors()[:3]:
            where = " ".join(str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body"))
            problems.append(f"{where}: {item.get('msg', 'invalid')}" if where else str(item.get("msg", "invalid")))
        return error_response(request, 422, "invalid_request", "; ".join(problems) or known(422).message)

    @app.exception_handler(NewsweaveError)
    async def on_newsweave_error(request: Request, error: NewsweaveError) -> Response:
        if isinstance(error, StoreFullError):
            log.warning("database: %s", error)
            return error_response(request, 507, "insufficient_storage", str(error))
        if isinstance(error, StoreError):
            log.warning("database: %s", error)
            return error_response(request, 503, "unavailable", str(error))
        status = 400 if isinstance(error, UsageError) else 422
        return error_response(request, status, "bad_request" if status == 400 else "invalid_request", str(error))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, error: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, "internal_error", known(500).message)


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The error answer: JSON under /api and for JSON clients, a plain page for browsers."""
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    wants_json = request.url.path.startswith("/api") or request.url.path == "/openapi.json"
    accept = request.headers.get("accept", "")
    if wants_json or ("application/json" in accept and "text/html" not in accept):
        return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)
    body = pages.render_page("error.html", status=status, code=code, message=message)
    return HTMLResponse(body, status_code=status, headers=headers)
