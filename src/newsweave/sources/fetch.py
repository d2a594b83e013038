"""Fetch article pages over HTTP(S) into RawDocuments, through the address guard.

Every hop (redirects are followed by hand) is checked by `address_guard` before
it is requested, and the clients made here connect only to addresses the guard
has checked. Bodies are streamed, decompressed here a step at a time (inflate.py)
and dropped past `max_input_bytes`; connection errors, 429 and 5xx answers are
retried with exponential back-off. The whole fetch of one URL, redirects and
retries included, ends within `fetch_total_timeout` (deadline.py). Whatever goes
wrong with one URL, it is one problem naming that URL, credentials hidden.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .address_guard import (
    DEFAULT_POLICY,
    REDIRECT_LOCATION,
    AddressRefused,
    FetchPolicy,
    check_url,
    client_for,
    one_line_reason,
    refused_problem,
)
from .deadline import deadline_passed, fetch_deadline
from .decoding import decode_text
from .html import NO_ARTICLE_PROBLEM, parse_html
from .inflate import ACCEPT_ENCODING, ContentCodingError, content_codings, decoded
from .jsonfiles import parse_json, parse_jsonl
from .limits import describe_limit
from .redact import redact_problem, redact_result

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "text/json")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
NOT_AN_ARTICLE = "not an article page (no extractable text)"
# httpx raises these for a URL it cannot parse or encode (a bad IDNA host is a UnicodeError, a ValueError).
BAD_URL_ERRORS = (httpx.InvalidURL, ValueError)


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
    """GET `url`, following checked redirects and retrying passing failures; a problem names `url`.

    All of it ends within `settings.fetch_total_timeout`. Credentials in `url`
    are sent but never repeated in a problem.
    """
    with fetch_deadline(settings.fetch_total_timeout) as deadline:
        fetched = _download(url, settings, client, allow_private, policy, deadline)
    return redact_problem(fetched) if isinstance(fetched, InputProblem) else fetched


def _download(
    url: str, settings: Settings, client: httpx.Client, allow_private: bool, policy: FetchPolicy, deadline: float
) -> Download | InputProblem:
    current = url
    for hop in range(policy.max_redirects + 1):
        refusal = check_url(current, allow_private=allow_private, policy=policy)
        if refusal is not None:
            if hop and refusal.startswith("refused: resolves"):
                refusal = refusal.replace("refused: resolves", f"refused: redirected to {current}, which resolves", 1)
            elif hop:
                refusal = f"redirected to {current}: {refusal}"
            return InputProblem(url, refusal)
        outcome = _get_with_retries(client, current, settings, policy, deadline)
        if isinstance(outcome, _Failure):
            return InputProblem(url, outcome.problem)
        if isinstance(outcome, Download):
            return replace(outcome, url=url)
        current = outcome.location
    return InputProblem(url, f"too many redirects (more than {policy.max_redirects})")


def _get_with_retries(
    client: httpx.Client, url: str, settings: Settings, policy: FetchPolicy, deadline: float
) -> _Outcome:
    outcome: _Outcome = _Failure("not tried")
    for attempt in range(1, max(policy.max_tries, 1) + 1):
        outcome = _get_once(client, url, settings, policy, deadline)
        if not isinstance(outcome, _Failure) or not outcome.retry or attempt >= policy.max_tries:
            break
        delay = policy.backoff_seconds * 2 ** (attempt - 1)
        if outcome.wait is not None:
            if outcome.wait > policy.max_retry_after:
                return _Failure(f"{outcome.problem} (the server asks to wait {outcome.wait:g} s; try later)")
            delay = max(outcome.wait, 0.0)
        if time.monotonic() + delay >= deadline:
            # Waiting would use up the whole allowance: report what failed rather than a bare time-out.
            return _Failure(f"{outcome.problem} (no time left to try again within {_total(settings)})")
        policy.sleep(delay)
    if isinstance(outcome, _Failure) and outcome.retry and policy.max_tries > 1:
        return _Failure(f"{outcome.problem} (after {policy.max_tries} tries)")
    return outcome


def _get_once(client: httpx.Client, url: str, settings: Settings, policy: FetchPolicy, deadline: float) -> _Outcome:
    if time.monotonic() >= deadline:
        return _Failure(_timed_out(settings))
    try:
        # Only codings that inflate.py reads a step at a time, whoever made the client.
        request = client.build_request("GET", url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    except BAD_URL_ERRORS as error:
        return _Failure(f"not a valid URL ({one_line_reason(error)})")
    try:
        response = client.send(request, stream=True, follow_redirects=False)
    except AddressRefused as refused:
        return _Failure(refused_problem(refused))
    except (httpx.HTTPError, httpx.StreamError, OSError, *BAD_URL_ERRORS) as error:
        return _failure(error, settings, policy, deadline)
    try:
        return _read_response(response, settings, deadline)
    except _BodyRefused as refused:
        return _Failure(refused.problem)
    except (httpx.HTTPError, httpx.StreamError) as error:
        return _failure(error, settings, policy, deadline)
    finally:
        response.close()


def _failure(error: Exception, settings: Settings, policy: FetchPolicy, deadline: float) -> _Failure:
    """The one-line problem for what httpx raised while sending a request or reading a response."""
    if deadline_passed(error) or time.monotonic() >= deadline:
        return _Failure(_timed_out(settings))  # whatever broke, it broke because the time was up
    if isinstance(error, httpx.ConnectTimeout):
        return _Failure(f"timed out connecting after {policy.connect_timeout:g} s", retry=True)
    if isinstance(error, httpx.TimeoutException):
        # Not retried: a server that accepted and then went silent would cost several full timeouts.
        return _Failure(f"timed out after {policy.read_timeout:g} s")
    if isinstance(error, httpx.ConnectError):
        return _Failure(f"cannot connect ({one_line_reason(error)})", retry=True)
    if isinstance(error, httpx.RemoteProtocolError) and str(error).startswith("Invalid URL in location header"):
        # A caller's own client parses the Location of a redirect even when not following it.
        return _Failure(f"redirected to an invalid URL ({one_line_reason(error)})")
    if isinstance(error, (httpx.RemoteProtocolError, httpx.ReadError)):
        return _Failure(f"the connection broke ({one_line_reason(error)})", retry=True)
    if isinstance(error, BAD_URL_ERRORS):
        # Raised by send, after the request was built: only a redirect's target can be at fault.
        return _Failure(f"redirected to an invalid URL ({one_line_reason(error)})")
    return _Failure(f"download failed ({one_line_reason(error)})")


def _read_response(response: httpx.Response, settings: Settings, deadline: float) -> _Outcome:
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.extensions.get(REDIRECT_LOCATION) or response.headers.get("location")
        if not location:
            return _Failure(f"{_status_text(response)} without a Location header")
        return _redirect_target(response.url, location)
    if status == 429 or status >= 500:
        return _Failure(_status_text(response), retry=True, wait=_retry_after(response.headers.get("retry-after")))
    if status >= 400:
        return _Failure(_status_text(response))
    if not 200 <= status < 300:
        return _Failure(f"{_status_text(response)} is not a page")
    limit = settings.max_input_bytes
    too_large = f"response larger than the {describe_limit(limit)} limit; raise max_input_bytes to fetch it"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _Failure(too_large)  # refused before a byte of the body is read
    try:
        codings = content_codings(response.headers.get_list("content-encoding"))
    except ContentCodingError as error:
        return _Failure(str(error))
    raw = _raw_body(response, limit, too_large, deadline, settings)
    chunks: list[bytes] = []
    size = 0
    try:
        # httpx would decode each network chunk whole; inflate.py hands the body on in small steps.
        for piece in decoded(raw, codings):
            size += len(piece)
            if size > limit:
                return _Failure(f"{too_large} (it grows past it when decompressed)")
            chunks.append(piece)
    except ContentCodingError as error:
        return _Failure(str(error))
    media_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    url = str(response.url)
    return Download(url, url, media_type, response.charset_encoding, b"".join(chunks))


class _BodyRefused(Exception):
    """Reading the body stopped; the message is the one-line problem."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _raw_body(
    response: httpx.Response, limit: int, too_large: str, deadline: float, settings: Settings
) -> Iterator[bytes]:
    """The body as sent, capped as it comes: a compressed body counts too, not only what it expands to."""
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise _BodyRefused(too_large)
        # A client made elsewhere has no deadline on its reads: check between chunks too.
        if time.monotonic() > deadline:
            raise _BodyRefused(_timed_out(settings))
        yield chunk


def _redirect_target(base: httpx.URL, location: str) -> _Redirect | _Failure:
    """Where a redirect points, resolved against `base`; a Location that is not a URL is a failure naming it."""
    shown = location if len(location) <= 200 else location[:200] + "..."
    try:
        target = httpx.URL(location)
        # An absolute web address must be whole: "http:\\host\path" has the scheme but no host.
        # (Other schemes are left to the address check, which names them.)
        if target.scheme in ("http", "https") and not target.host:
            return _Failure(f"redirected to an invalid URL ({shown})")
        return _Redirect(str(base.join(target)))
    except BAD_URL_ERRORS as error:
        return _Failure(f"redirected to an invalid URL ({shown}: {one_line_reason(error)})")


def _total(settings: Settings) -> str:
    return f"the {settings.fetch_total_timeout:g} s allowed per URL"


def _timed_out(settings: Settings) -> str:
    return f"timed out: not done within {_total(settings)}; raise fetch_total_timeout to wait longer"


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
    return redact_result(document_from_download(fetched, settings))


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
