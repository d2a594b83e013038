"""Fetch article pages over HTTP(S) into RawDocuments, refusing addresses that are not public.

Before each hop (redirects are followed by hand) the URL must be http(s) and its
host must resolve only to public addresses, IPv4 or IPv6, IPv4 inside IPv6
included. The client made here checks again when it connects and connects to
the very address it checked, so DNS rebinding between check and connect is
refused too; a client the caller passes in gets the per-hop check only.
Bodies are streamed and dropped past `max_input_bytes`; connection errors, 429
and 5xx answers are retried with exponential back-off.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from typing import Any

import httpcore
import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import InputError
from newsweave.model import InputProblem, LoadResult, RawDocument

from .decoding import decode_text
from .html import NO_ARTICLE_PROBLEM, parse_html
from .jsonfiles import parse_json, parse_jsonl
from .limits import describe_limit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

FETCHABLE_SCHEMES = ("http", "https")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "text/json")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
NOT_AN_ARTICLE = "not an article page (no extractable text)"
# NAT64 gateways translate 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def _user_agent() -> str:
    try:
        return f"newsweave/{metadata.version('newsweave')} (news reader)"
    except metadata.PackageNotFoundError:
        return "newsweave (news reader)"


def resolve_host(host: str, port: int) -> tuple[str, ...]:
    """Every address `host` resolves to, in the resolver's order (IP literals resolve to themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    # A link-local IPv6 address comes back with its zone ("fe80::1%eth0"); the zone is not part of the address.
    return tuple(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


@dataclass(frozen=True)
class FetchPolicy:
    """How patiently and how far to fetch. `sleep` and `resolve` are replaceable so tests need no clock or DNS."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence while waiting for bytes
    total_timeout: float = 120.0  # a server dripping one byte at a time must not hold a fetch forever
    max_tries: int = 3
    backoff_seconds: float = 1.0  # waits 1 s, then 2 s, ... between tries
    max_retry_after: float = 10.0  # a longer Retry-After is not waited for
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()  # names fetched even when they resolve to private addresses
    user_agent: str = field(default_factory=_user_agent)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    resolve: Resolver = field(default=resolve_host, repr=False, compare=False)


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True)
class Download:
    """A successful response: the URL asked for, where it ended after redirects, and the body."""

    url: str
    final_url: str
    content_type: str  # media type in lower case without parameters; "" when the server sent none
    charset: str | None
    body: bytes


# --------------------------------------------------------------------------- address checks


class AddressRefused(Exception):
    """A connection was about to go to an address that is not public."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {kind} ({address})")
        self.host, self.address, self.kind = host, address, kind


def address_problem(address: str | IPAddress) -> str | None:
    """Say what kind of non-public address `address` is ("a loopback address"), or None when it is public."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 carried inside IPv6 reaches the IPv4 host; judge that host.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "a non-public address"),
    )
    return next((kind for matched, kind in checks if matched), None)


def check_url(url: str, *, allow_private: bool = False, policy: FetchPolicy = DEFAULT_POLICY) -> str | None:
    """Return why `url` must not be fetched, in one line, or None when it may be."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        return f"not a valid URL ({error})"
    if not parsed.scheme:
        return "not a valid URL (it does not start with http:// or https://)"
    if parsed.scheme not in FETCHABLE_SCHEMES:
        return f"refused: only http and https URLs can be fetched, not {parsed.scheme}:"
    if not parsed.host:
        return "not a valid URL (no host)"
    if allow_private or parsed.host.lower() in policy.allow_hosts:
        return None
    try:
        addresses = policy.resolve(parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80))
    except (OSError, UnicodeError) as error:
        return f"cannot resolve host '{parsed.host}' ({_reason(error)})"
    refused = first_refused(parsed.host, addresses)
    return None if refused is None else refused_problem(refused)


def first_refused(host: str, addresses: Sequence[str]) -> AddressRefused | None:
    """The first address of `host` that is not public, as an exception ready to raise, or None."""
    for address in addresses:
        kind = address_problem(address)
        if kind is not None:
            return AddressRefused(host, address, kind)
    return None


def refused_problem(refused: AddressRefused) -> str:
    return f"refused: resolves to {refused.kind} ({refused.address}); use --allow-private to fetch it"


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses it has checked itself, so DNS cannot change the answer after the check."""

    def __init__(self, *, allow_private: bool, policy: FetchPolicy = DEFAULT_POLICY) -> None:
        self.allow_private = allow_private
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.policy.resolve(host, port)
        except (OSError, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve host '{host}' ({_reason(error)})") from None
        if not (self.allow_private or host.lower() in self.policy.allow_hosts):
            refused = first_refused(host, addresses)
            if refused is not None:
                raise refused
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # the checked addresses themselves, never the name again
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                failure = error
        raise failure or httpcore.ConnectError(f"host '{host}' has no address")


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        # httpx offers no public way to choose the network backend, so its pool is rebuilt with ours.
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=backend)


def make_client(*, allow_private: bool = False, policy: FetchPolicy = DEFAULT_POLICY) -> httpx.Client:
    """An HTTP client whose every connection goes through the address check; close it after use."""
    return httpx.Client(
        transport=_GuardedTransport(GuardedBackend(allow_private=allow_private, policy=policy)),
        timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout),
        headers={
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            # Only encodings whose expansion the size cap sees chunk by chunk.
            "Accept-Encoding": "gzip, deflate",
        },
        # Proxies from the environment would connect for us and skip the address check.
        trust_env=False,
        follow_redirects=False,
    )


@contextmanager
def client_for(client: httpx.Client | None, *, allow_private: bool, policy: FetchPolicy) -> Iterator[httpx.Client]:
    """Use the caller's client, or make a guarded one for the duration and close it afterwards."""
    if client is not None:
        yield client
        return
    with make_client(allow_private=allow_private, policy=policy) as own:
        yield own


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
        return _Failure(f"cannot connect ({_reason(error)})", retry=True)
    except (httpx.RemoteProtocolError, httpx.ReadError) as error:
        return _Failure(f"the connection broke ({_reason(error)})", retry=True)
    except httpx.HTTPError as error:
        return _Failure(f"download failed ({_reason(error)})")


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


def _reason(error: BaseException) -> str:
    """One short line for an exception: the operating system's words when there are some, else its message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = " ".join(str(error).split())
    if text.startswith("[Errno"):
        text = text.split("] ", 1)[-1]  # "[Errno 111] Connection refused" -> "Connection refused"
    return text or type(error).__name__


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
