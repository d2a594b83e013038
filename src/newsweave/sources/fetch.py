"""Fetch article pages over HTTP(S) into RawDocuments, through the address guard.

Every hop (redirects are followed by hand) is checked by `address_guard` before
it is requested, and the clients made here connect only to addresses the guard
has checked. Bodies are streamed and dropped past `max_input_bytes`; connection
errors, 429 and 5xx answers are retried with exponential back-off.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .address_guard import (
    DEFAULT_POLICY,
    AddressRefused,
    FetchPolicy,
    check_url,
    client_for,
    one_line_reason,
    refused_problem,
)
from .decoding import decode_text
from .html import NO_ARTICLE_PROBLEM, parse_html
from .jsonfiles import parse_json, parse_jsonl
from .limits import describe_limit

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "text/json")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
NOT_AN_ARTICLE = "not an article page (no extractable text)"


@dataclass(frozen=True)
class Download:
    """A successful response: the URL asked for, where it ended after redirects, and the body."""

    url: str
    final_url: str
    content_type: str  # media type in lower case without parameters; "" when the server sent none
    charset: str | None
    body: bytes


# --------------------------------------------------------------------------- downloading


@dataclass(frozen=True)
class _Failure:
    problem: str
    retry: bool = False
    wait: float | None = None  # what Retry-After asked for


@dataclass(frozen=True)
class _Redirect:
    location: str


_Outcome = Download | _Redirect | _Failure


def download(
    url: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    client: httpx.Client,
    allow_private: bool = False,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> Download | InputProblem:
    """GET `url`, following checked redirects and retrying passing failures; a problem names `url`."""
    current = url
    for hop in range(policy.max_redirects + 1):
        refusal = check_url(current, allow_private=allow_private, policy=policy)
        if refusal is not None:
            if hop and refusal.startswith("refused: resolves"):
                refusal = refusal.replace("refused: resolves", f"refused: redirected to {current}, which resolves", 1)
            elif hop:
                refusal = f"redirected to {current}: {refusal}"
            return InputProblem(url, refusal)
        outcome = _get_with_retries(client, current, settings, policy)
        if isinstance(outcome, _Failure):
            return InputProblem(url, outcome.problem)
        if isinstance(outcome, Download):
            return replace(outcome, url=url)
        current = outcome.location
    return InputProblem(url, f"too many redirects (more than {policy.max_redirects})")


def _get_with_retries(client: httpx.Client, url: str, settings: Settings, policy: FetchPolicy) -> _Outcome:
    outcome: _Outcome = _Failure("not tried")
    for attempt in range(1, max(policy.max_tries, 1) + 1):
        outcome = _get_once(client, url, settings, policy)
        if not isinstance(outcome, _Failure) or not outcome.retry or attempt >= policy.max_tries:
            break
        delay = policy.backoff_seconds * 2 ** (attempt - 1)
        if outcome.wait is not None:
            if outcome.wait > policy.max_retry_after:
                return _Failure(f"{outcome.problem} (the server asks to wait {outcome.wait:g} s; try later)")
            delay = max(outcome.wait, 0.0)
        policy.sleep(delay)
    if isinstance(outcome, _Failure) and outcome.retry and policy.max_tries > 1:
        return _Failure(f"{outcome.problem} (after {policy.max_tries} tries)")
    return outcome


def _get_once(client: httpx.Client, url: str, settings: Settings, policy: FetchPolicy) -> _Outcome:
    deadline = time.monotonic() + policy.total_timeout
    try:
        request = client.build_request("GET", url)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            return _read_response(response, settings.max_input_bytes, deadline, policy)
        finally:
            response.close()
    except AddressRefused as refused:
        return _Failure(refused_problem(refused))
    except httpx.ConnectTimeout:
        return _Failure(f"timed out connecting after {policy.connect_timeout:g} s", retry=True)
    except httpx.TimeoutException:
        # Not retried: a server that accepted and then went silent would cost several full timeouts.
        return _Failure(f"timed out after {policy.read_timeout:g} s")
    except httpx.ConnectError as error:
        return _Failure(f"cannot connect ({one_line_reason(error)})", retry=True)
    except (httpx.RemoteProtocolError, httpx.ReadError) as error:
        return _Failure(f"the connection broke ({one_line_reason(error)})", retry=True)
    except httpx.HTTPError as error:
        return _Failure(f"download failed ({one_line_reason(error)})")


def _read_response(response: httpx.Response, limit: int, deadline: float, policy: FetchPolicy) -> _Outcome:
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            return _Failure(f"{_status_text(response)} without a Location header")
        try:
            return _Redirect(str(response.url.join(location)))
        except (httpx.InvalidURL, ValueError) as error:
            return _Failure(f"redirected to an invalid URL ({error})")
    if status == 429 or status >= 500:
        return _Failure(_status_text(response), retry=True, wait=_retry_after(response.headers.get("retry-after")))
    if status >= 400:
        return _Failure(_status_text(response))
    if not 200 <= status < 300:
        return _Failure(f"{_status_text(response)} is not a page")
    too_large = f"response larger than the {describe_limit(limit)} limit; raise max_input_bytes to fetch it"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _Failure(too_large)  # refused before a byte of the body is read
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            return _Failure(too_large)
        if time.monotonic() > deadline:
            return _Failure(f"took longer than {policy.total_timeout:g} s to download")
        chunks.append(chunk)
    media_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    url = str(response.url)
    return Download(url, url, media_type, response.charset_encoding, b"".join(chunks))


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for, from either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _status_text(response: httpx.Response) -> str:
    phrase = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
    return f"HTTP {response.status_code} {phrase}".rstrip()


# --------------------------------------------------------------------------- documents


def document_from_download(fetched: Download, settings: Settings = DEFAULT_SETTINGS) -> LoadResult:
    """Turn a downloaded page into documents by its content type (HTML, plain text, JSON, JSONL)."""
    name, kind = fetched.url, fetched.content_type
    if not fetched.body.strip():
        return _problem(name, "empty response")
    if not kind:
        kind = "text/html" if fetched.body.lstrip()[:1] == b"<" else "text/plain"
    try:
        if kind in HTML_TYPES:
            document = parse_html(name, _as_utf8(fetched.body, fetched.charset))
            return _documents(fetched, (document,), ())
        if kind == "text/plain":
            text = decode_text(name, fetched.body, declared_encoding=fetched.charset)
            if not text.strip():
                return _problem(name, "empty response")
            return _documents(fetched, (RawDocument(path=name, text=text, format="text"),), ())
    except InputError as error:
        problem = error.problem
        if problem == NO_ARTICLE_PROBLEM or problem.startswith("cannot parse the HTML"):
            problem = NOT_AN_ARTICLE
        return _problem(name, problem)
    if kind in JSON_TYPES or kind.endswith("+json"):
        loaded = parse_json(name, fetched.body)
        return _documents(fetched, loaded.documents, loaded.problems)
    if kind in JSONL_TYPES:
        loaded = parse_jsonl(name, fetched.body)
        return _documents(fetched, loaded.documents, loaded.problems)
    if kind in FEED_TYPES:
        return _problem(name, "is a news feed, not an article page; give it as a source to read its items")
    return _problem(name, f"not an article page (content type {kind})")


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """Re-encode a page as UTF-8 when the HTTP header names its charset, which the page itself may not."""
    if not charset:
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeError):
        return body  # a wrong header: let the page's own declaration and the usual guesses decide


def _documents(fetched: Download, documents: Sequence[RawDocument], problems: Sequence[InputProblem]) -> LoadResult:
    # A page's address is where it was fetched from; an article in JSON keeps the URL it states, if any.
    def address(document: RawDocument) -> str | None:
        if document.format in ("json", "jsonl"):
            return document.url or (fetched.final_url if document.path == fetched.url else None)
        return fetched.final_url

    marked = tuple(replace(document, format="url", url=address(document)) for document in documents)
    return LoadResult(documents=marked, problems=tuple(problems))


def _problem(name: str, problem: str) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(name, problem),))


# --------------------------------------------------------------------------- entry points


def fetch_url(
    url: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    client: httpx.Client,
    allow_private: bool = False,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Fetch one article URL with an open client; every failure is one InputProblem naming `url`."""
    fetched = download(url, settings, client=client, allow_private=allow_private, policy=policy)
    if isinstance(fetched, InputProblem):
        return LoadResult(documents=(), problems=(fetched,))
    return document_from_download(fetched, settings)


def fetch_urls(
    urls: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Fetch article URLs in order into RawDocuments (format "url", `path` the URL asked for).

    Addresses that are not public are refused unless `allow_private`. Without a
    `client`, one guarded client is made for all the URLs and closed afterwards.
    """
    if isinstance(urls, (str, bytes)):
        raise TypeError("fetch_urls takes a sequence of URLs, not a single URL")
    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    with client_for(client, allow_private=allow_private, policy=policy) as active:
        for url in urls:
            result = fetch_url(url, settings, client=active, allow_private=allow_private, policy=policy)
            documents.extend(result.documents)
            problems.extend(result.problems)
    return LoadResult(documents=tuple(documents), problems=tuple(problems))
