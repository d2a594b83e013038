"""The address guard: only public http(s) addresses are fetched, checked per hop and again at connect time.

A URL may be fetched when it is http(s) and its host resolves only to public
addresses, IPv4 or IPv6, IPv4 inside IPv6 included. The client made here checks
again when it connects and connects to the very address it checked, so DNS
rebinding between check and connect is refused too, and every connection keeps
the fetch's overall deadline (deadline.py); a client the caller passes in gets
the per-hop check only, and the deadline only between pieces of the body.

`FetchPolicy` lives here rather than in fetch.py because the guard reads it
(its resolver, its allowed hosts, the client's timeouts), and the fetcher
depends on the guard, never the other way round.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import httpcore
import httpx

from .deadline import DeadlineStream, bounded
from .inflate import ACCEPT_ENCODING

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

FETCHABLE_SCHEMES = ("http", "https")
# NAT64 gateways translate 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
# The local-use NAT64 prefix (RFC 8215): the gateway may embed the IPv4 address at several places (RFC 6052).
LOCAL_NAT64_PREFIX = ipaddress.ip_network("64:ff9b:1::/48")
# Ranges Python 3.11's `is_global` still counts as global.
UNLISTED_RANGES = ((ipaddress.ip_network("3fff::/20"), "a documentation address"),)  # RFC 9637, 2024
# Where a redirect's Location is kept on our clients' responses, out of httpx's reach (see make_client).
REDIRECT_LOCATION = "newsweave.location"


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
    read_timeout: float = 20.0  # longest silence; Settings.fetch_total_timeout bounds the whole fetch
    max_tries: int = 3
    backoff_seconds: float = 1.0  # waits 1 s, then 2 s, ... between tries
    max_retry_after: float = 10.0  # a longer Retry-After is not waited for
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()  # names fetched even when they resolve to private addresses
    user_agent: str = field(default_factory=_user_agent)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    resolve: Resolver = field(default=resolve_host, repr=False, compare=False)


DEFAULT_POLICY = FetchPolicy()


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
        if embedded is None and (ip in NAT64_PREFIX or ip in LOCAL_NAT64_PREFIX):
            if ip in LOCAL_NAT64_PREFIX and (int(ip) >> 32) & (2**48 - 1):
                # Bits between the /48 and the last 32 are set: the IPv4 address could sit at any of
                # RFC 6052's places, so which host it reaches cannot be told. Only the /96 form is judged.
                return "a local-use NAT64 address"
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
        for network, kind in UNLISTED_RANGES:
            if ip in network:
                return kind
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
        return f"cannot resolve host '{parsed.host}' ({one_line_reason(error)})"
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
    """The one-line problem for a refused address, with the flag that lifts the refusal."""
    return f"refused: resolves to {refused.kind} ({refused.address}); use --allow-private to fetch it"


def one_line_reason(error: BaseException) -> str:
    """One short line for an exception: the operating system's words when there are some, else its message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = " ".join(str(error).split())
    if text.startswith("[Errno"):
        text = text.split("] ", 1)[-1]  # "[Errno 111] Connection refused" -> "Connection refused"
    return text or type(error).__name__


# --------------------------------------------------------------------------- guarded connections


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
        bounded(timeout, httpcore.ConnectTimeout)  # no time left: do not even resolve
        try:
            addresses = self.policy.resolve(host, port)
        except (OSError, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve host '{host}' ({one_line_reason(error)})") from None
        if not (self.allow_private or host.lower() in self.policy.allow_hosts):
            refused = first_refused(host, addresses)
            if refused is not None:
                raise refused
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # the checked addresses themselves, never the name again
            try:
                wait = bounded(timeout, httpcore.ConnectTimeout)
                stream = super().connect_tcp(address, port, wait, local_address, socket_options)
                return DeadlineStream(stream)
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
            # Only encodings whose expansion the size cap sees step by step (inflate.py).
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        # Proxies from the environment would connect for us and skip the address check.
        trust_env=False,
        follow_redirects=False,
        event_hooks={"response": [_set_location_aside]},
    )


def _set_location_aside(response: httpx.Response) -> None:
    """Move a redirect's Location where httpx does not look: it parses it even when not following, and a
    malformed one (backslashes for slashes) raises from deep inside. The fetcher judges it itself."""
    if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
        response.extensions[REDIRECT_LOCATION] = response.headers["location"]
        del response.headers["location"]


@contextmanager
def client_for(client: httpx.Client | None, *, allow_private: bool, policy: FetchPolicy) -> Iterator[httpx.Client]:
    """Use the caller's client, or make a guarded one for the duration and close it afterwards."""
    if client is not None:
        yield client
        return
    with make_client(allow_private=allow_private, policy=policy) as own:
        yield own
