"""The address guard: which addresses are refused, per hop and at connect time, without touching any network.

Host names are answered by resolvers written here, and IP literals by the C
resolver in numeric-only mode, so no test asks DNS anything. The only address
ever connected to is the loopback fixture server.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence

import httpx
import pytest

from newsweave.sources.address_guard import (
    AddressRefused,
    FetchPolicy,
    GuardedBackend,
    address_problem,
    check_url,
    make_client,
)
from newsweave.sources.fetch import fetch_urls

from .fixture_server import FixtureServer, Reply, server  # noqa: F401 - `server` is a fixture

PUBLIC = "93.184.215.14"  # a public address: only ever judged, never connected to


def numeric_only(host: str, port: int) -> tuple[str, ...]:
    """Resolve IP literals the way the C resolver does (decimal, hex, octal forms too), never via DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def names(table: dict[str, Sequence[str]]) -> Callable[[str, int], Sequence[str]]:
    """A resolver that knows only `table`; IP literals resolve to themselves."""

    def resolve(host: str, port: int) -> Sequence[str]:
        if host in table:
            return table[host]
        try:
            return numeric_only(host, port)
        except socket.gaierror:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None

    return resolve


def refused(kind: str, address: str) -> str:
    return f"refused: resolves to {kind} ({address}); use --allow-private to fetch it"


# --------------------------------------------------------------------------- address table


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.200.1.9", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata service
        ("224.0.0.251", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "a non-public address"),  # carrier-grade NAT
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fd12:3456::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("fec0::1", "a site-local address"),
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
        ("::ffff:a9fe:a9fe", "a link-local address"),  # 169.254.169.254, mapped
        ("::ffff:10.1.1.1", "a private address"),
        ("2002:7f00:1::", "a loopback address"),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::7f00:1", "a loopback address"),  # NAT64 wrapping 127.0.0.1
        # What Python 3.11's is_global lets through:
        ("3fff::1", "a documentation address"),  # the 2024 documentation range 3fff::/20
        ("3fff:fff:ffff::1", "a documentation address"),
        ("2002:a00:1::", "a private address"),  # 6to4 wrapping 10.0.0.1
        ("2002:c0a8:101::1", "a private address"),  # 6to4 wrapping 192.168.1.1
        ("2002:a9fe:a9fe::", "a link-local address"),  # 6to4 wrapping 169.254.169.254
        ("64:ff9b::a9fe:a9fe", "a link-local address"),  # NAT64 wrapping 169.254.169.254
        ("64:ff9b::6440:1", "a non-public address"),  # NAT64 wrapping 100.64.0.1 (carrier-grade NAT)
        ("64:ff9b:1::7f00:1", "a loopback address"),  # local-use NAT64 wrapping 127.0.0.1
        ("64:ff9b:1::a00:1", "a private address"),  # local-use NAT64 wrapping 10.0.0.1
        ("64:ff9b:1:808:8:800::", "a local-use NAT64 address"),  # IPv4 in the middle: which host is unclear
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    assert address_problem(address) == kind


@pytest.mark.parametrize(
    "address",
    [
        PUBLIC,
        "8.8.8.8",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",  # NAT64 wrapping a public address
        "64:ff9b:1::808:808",  # local-use NAT64 wrapping a public address
        "2002:808:808::1",  # 6to4 wrapping a public address
        "3ffe::1",  # just outside 3fff::/20
        "3fff:1000::1",
    ],
)
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(
    ("url", "address", "kind"),
    [
        ("http://127.0.0.1/", "127.0.0.1", "a loopback address"),
        ("http://[::1]:8080/admin", "::1", "a loopback address"),
        ("http://0.0.0.0/", "0.0.0.0", "an unspecified address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "a link-local address"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "a loopback address"),
        ("http://2130706433/", "127.0.0.1", "a loopback address"),  # decimal
        ("http://0x7f.0.0.1/", "127.0.0.1", "a loopback address"),  # hexadecimal
        ("http://017700000001/", "127.0.0.1", "a loopback address"),  # octal
        ("http://192.168.0.10:8000/", "192.168.0.10", "a private address"),
        ("http://[fe80::1]/", "fe80::1", "a link-local address"),
    ],
)
def test_urls_to_non_public_addresses_are_refused(url: str, address: str, kind: str) -> None:
    assert check_url(url, policy=FetchPolicy(resolve=numeric_only)) == refused(kind, address)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("file:///etc/passwd", "refused: only http and https URLs can be fetched, not file:"),
        ("ftp://files.example/a.txt", "refused: only http and https URLs can be fetched, not ftp:"),
        ("gopher://old.example/1", "refused: only http and https URLs can be fetched, not gopher:"),
        ("javascript:alert(1)", "refused: only http and https URLs can be fetched, not javascript:"),
        ("news.example/story", "not a valid URL (it does not start with http:// or https://)"),
        ("http:///story", "not a valid URL (no host)"),
    ],
)
def test_other_schemes_and_broken_urls_are_refused(url: str, problem: str) -> None:
    assert check_url(url, policy=FetchPolicy(resolve=numeric_only)) == problem


def test_a_name_with_any_private_address_is_refused() -> None:
    policy = FetchPolicy(resolve=names({"intranet.example": ["10.20.30.40"], "mixed.example": [PUBLIC, "127.0.0.1"]}))
    assert check_url("http://intranet.example/", policy=policy) == refused("a private address", "10.20.30.40")
    assert check_url("http://mixed.example/", policy=policy) == refused("a loopback address", "127.0.0.1")


def test_a_name_with_only_public_addresses_passes() -> None:
    assert check_url("https://news.example/story", policy=FetchPolicy(resolve=names({"news.example": [PUBLIC]}))) is None


def test_allow_private_and_allowed_hosts_skip_the_lookup() -> None:
    def no_lookup(host: str, port: int) -> Sequence[str]:
        raise AssertionError("must not resolve")

    assert check_url("http://intranet.example/", allow_private=True, policy=FetchPolicy(resolve=no_lookup)) is None
    policy = FetchPolicy(resolve=no_lookup, allow_hosts=frozenset({"intranet.example"}))
    assert check_url("http://intranet.example/", policy=policy) is None
    # Schemes are refused even when private addresses are allowed.
    assert check_url("file:///etc/passwd", allow_private=True).startswith("refused: only http")  # type: ignore[union-attr]


def test_unknown_host_is_reported() -> None:
    problem = check_url("http://nowhere.example/", policy=FetchPolicy(resolve=names({})))
    assert problem == "cannot resolve host 'nowhere.example' (Name or service not known)"


# --------------------------------------------------------------------------- over HTTP


def test_the_loopback_server_is_refused_without_allow_private(server: FixtureServer) -> None:
    url = server.route("/article", Reply(body=b"<p>hello</p>"))
    ipv6 = f"http://[::1]:{server.port}/article"

    result = fetch_urls([url, ipv6], policy=FetchPolicy(sleep=lambda _: None))

    assert result.documents == ()
    assert [problem.problem for problem in result.problems] == [
        refused("a loopback address", "127.0.0.1"),
        refused("a loopback address", "::1"),
    ]
    assert server.hits["/article"] == 0


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (
            "LOOPBACK",
            "refused: redirected to {target}, which resolves to a loopback address (127.0.0.1); "
            "use --allow-private to fetch it",
        ),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused: redirected to {target}, which resolves to a link-local address (169.254.169.254); "
            "use --allow-private to fetch it",
        ),
        ("file:///etc/passwd", "redirected to file:/etc/passwd: refused: only http and https URLs can be fetched, not file:"),
    ],
)
def test_each_redirect_hop_is_checked(server: FixtureServer, target: str, problem: str) -> None:
    # news.example is the fixture server, allowed by name; where it redirects to is not.
    target = server.url("/article") if target == "LOOPBACK" else target
    server.route("/article", Reply(body=b"<p>secret</p>"))
    server.route("/go", Reply(status=302, headers=(("Location", target),)))
    policy = FetchPolicy(resolve=names({"news.example": ["127.0.0.1"]}), allow_hosts=frozenset({"news.example"}))
    start = server.url("/go", host="news.example")

    result = fetch_urls([start], policy=policy)

    assert [(p.input, p.problem) for p in result.problems] == [(start, problem.format(target=target))]
    assert server.hits["/go"] == 1
    assert server.hits["/article"] == 0


def test_a_name_that_rebinds_after_the_check_is_refused_at_connect_time(server: FixtureServer) -> None:
    server.route("/article", Reply(body=b"<p>secret</p>"))
    answers: list[Sequence[str]] = [[PUBLIC]]  # the check sees a public address, the connection would not

    def rebinding(host: str, port: int) -> Sequence[str]:
        return answers.pop(0) if answers else ["127.0.0.1"]

    result = fetch_urls([server.url("/article", host="rebind.example")], policy=FetchPolicy(resolve=rebinding))

    assert [problem.problem for problem in result.problems] == [refused("a loopback address", "127.0.0.1")]
    assert server.hits["/article"] == 0


def test_the_backend_refuses_before_connecting(server: FixtureServer) -> None:
    backend = GuardedBackend(allow_private=False, policy=FetchPolicy(resolve=names({"evil.example": ["127.0.0.1"]})))
    with pytest.raises(AddressRefused) as caught:
        backend.connect_tcp("evil.example", server.port)
    assert (caught.value.address, caught.value.kind) == ("127.0.0.1", "a loopback address")


def test_the_client_connects_to_the_address_it_checked(server: FixtureServer) -> None:
    # news.example exists in no DNS: reaching the server proves the connection used the checked address.
    server.route("/article", Reply(body=b"<p>hello</p>"))
    policy = FetchPolicy(resolve=names({"news.example": ["127.0.0.1"]}), allow_hosts=frozenset({"news.example"}))

    with make_client(policy=policy) as client:
        response = client.get(server.url("/article", host="news.example"))

    assert response.status_code == 200
    assert server.request_headers[0]["host"] == f"news.example:{server.port}"


def test_a_callers_own_client_still_gets_the_check(server: FixtureServer) -> None:
    url = server.route("/article", Reply(body=b"<p>hello</p>"))
    with httpx.Client(trust_env=False) as client:
        result = fetch_urls([url], client=client)
    assert [problem.problem for problem in result.problems] == [refused("a loopback address", "127.0.0.1")]
    assert server.hits["/article"] == 0
