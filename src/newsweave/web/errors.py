"""One error shape for every endpoint.

JSON answers carry `{"error": {"status": 404, "code": "not_found", "message": "..."}}`;
HTML pages show the same message on a plain page. The message says what went
wrong and what to do, in one line; no traceback reaches a client.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel


class ApiError(Exception):
    """An answer that is not a success, raised from any route."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error answer (documented in the OpenAPI schema)."""

    error: ErrorDetail


@dataclass(frozen=True)
class KnownStatus:
    code: str
    message: str


# What the framework's own failures (unknown route, wrong method, ...) are called.
KNOWN_STATUSES: dict[int, KnownStatus] = {
    400: KnownStatus("bad_request", "the request could not be read"),
    401: KnownStatus("unauthorized", "this endpoint needs a token"),
    403: KnownStatus("forbidden", "this is not allowed"),
    404: KnownStatus("not_found", "there is nothing at this address; the stories list is at /"),
    405: KnownStatus("method_not_allowed", "this address does not take that method"),
    408: KnownStatus("request_timeout", "the request did not arrive in time"),
    413: KnownStatus("too_large", "the request body is too large"),
    415: KnownStatus("unsupported_media_type", "send application/json or application/x-ndjson"),
    422: KnownStatus("invalid_request", "the request's parameters are not valid"),
    500: KnownStatus("internal_error", "the server failed; the server log has the details"),
    503: KnownStatus("unavailable", "the database is busy or unavailable; try again shortly"),
    507: KnownStatus("insufficient_storage", "the server's disk is full; try again once space is freed"),
}


def error_body(status: int, code: str, message: str) -> dict[str, dict[str, object]]:
    """The JSON body of an error answer."""
    return {"error": {"status": status, "code": code, "message": message}}


def known(status: int) -> KnownStatus:
    """The code and default message for an HTTP status."""
    return KNOWN_STATUSES.get(status, KnownStatus(f"http_{status}", f"the request failed with status {status}"))
