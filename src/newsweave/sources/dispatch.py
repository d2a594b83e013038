"""The dispatcher of the command line's SOURCE arguments: each goes to its reader, in the order given.

"-" goes to standard input (a feed piped in is read as a feed), http(s) URLs to
the feed or page fetchers, .xml/.rss/.atom files to the feed reader, other
files and folders to `load_inputs`. Sources may use the network: the link-only
items of every feed, whether named, piped in, fetched or found in a folder,
are fetched through one guarded client, opened only when first needed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import BinaryIO

import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import InputProblem, LoadResult, RawDocument

from .address_guard import DEFAULT_POLICY, FetchPolicy, make_client
from .feeds import FeedResult, feed_documents, looks_like_feed, parse_feed
from .fetch import FEED_TYPES, document_from_download, download
from .files import load_feed_file, load_inputs
from .formats import is_feed_name
from .redact import redact_result
from .stdin import STDIN_NAME, load_stdin_bytes, read_stdin

URL_START = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def load_sources(
    items: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    allow_private: bool = False,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Load every SOURCE in `items`, in order: "-", http(s) URLs (feeds or pages), feed files, files and folders.

    Consecutive files and folders are loaded together, so a file reached twice
    among them is loaded once. One HTTP client serves all URLs.
    """
    if isinstance(items, (str, bytes)):
        raise TypeError("load_sources takes a sequence of sources, not a single source")
    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    paths: list[str] = []

    def add(result: LoadResult) -> None:
        documents.extend(result.documents)
        problems.extend(result.problems)

    stdin_read = False
    with ExitStack() as cleanup:
        active = client

        def http() -> httpx.Client:
            nonlocal active
            if active is None:  # made on first use: a run with no URLs opens nothing
                active = cleanup.enter_context(make_client(allow_private=allow_private, policy=policy))
            return active

        def read_feed(feed: FeedResult) -> LoadResult:
            # A feed found among the files has its links fetched, like a feed named on its own.
            links_client = http() if feed.links else None
            return feed_documents(feed, settings, allow_private=allow_private, client=links_client, policy=policy)

        def flush_paths() -> None:
            if paths:
                add(load_inputs(paths, settings, read_feed=read_feed))
                paths.clear()

        for item in items:
            item = os.fspath(item)
            if item != STDIN_NAME and not URL_START.match(item) and not _is_feed_file(item):
                paths.append(item)
                continue
            flush_paths()
            if item == STDIN_NAME:
                if stdin_read:
                    add(_problem(STDIN_NAME, "standard input is named more than once; it was read the first time"))
                else:
                    add(_load_stdin_source(stdin, settings, allow_private, http, policy))
                stdin_read = True
            elif URL_START.match(item):
                add(_load_url(item, settings, allow_private, http(), policy))
            else:
                # Without a client yet, the feed reader makes one only if it has links to fetch.
                add(load_feed_file(item, settings, allow_private=allow_private, client=active, policy=policy))
        flush_paths()
    # Credentials written into a URL never reach a message or the store.
    return redact_result(LoadResult(documents=tuple(documents), problems=tuple(problems)))


def _is_feed_file(item: str) -> bool:
    # A folder named "news.xml" is still a folder; a missing file is reported by the feed reader.
    return is_feed_name(item) and not os.path.isdir(item)


def _load_url(
    url: str, settings: Settings, allow_private: bool, client: httpx.Client, policy: FetchPolicy
) -> LoadResult:
    """Fetch `url` once and read it as a feed when the server or the bytes say so, else as an article page."""
    fetched = download(url, settings, client=client, allow_private=allow_private, policy=policy)
    if isinstance(fetched, InputProblem):
        return LoadResult(documents=(), problems=(fetched,))
    if fetched.content_type in FEED_TYPES or looks_like_feed(fetched.body):
        feed = parse_feed(url, fetched.body, charset=fetched.charset)
        return feed_documents(feed, settings, allow_private=allow_private, client=client, policy=policy)
    return document_from_download(fetched, settings)


def _load_stdin_source(
    stream: BinaryIO | None,
    settings: Settings,
    allow_private: bool,
    http: Callable[[], httpx.Client],
    policy: FetchPolicy,
) -> LoadResult:
    """Standard input as a SOURCE: a feed piped in has its links fetched; anything else is read as by `load_stdin`."""
    data = read_stdin(stream, settings)
    if isinstance(data, InputProblem):
        return LoadResult(documents=(), problems=(data,))
    if looks_like_feed(data):
        feed = parse_feed(STDIN_NAME, data)
        client = http() if feed.links else None
        return feed_documents(feed, settings, allow_private=allow_private, client=client, policy=policy)
    return load_stdin_bytes(data, settings)


def _problem(name: str, problem: str) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(name, problem),))
