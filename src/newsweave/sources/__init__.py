"""The load stage: read articles from files, folders, bytes, feeds, URLs or standard input into RawDocuments.

Supported inputs are plain text (.txt, .md), saved web pages (.html, .htm),
one article or a list of articles as JSON (.json) and one article a line
(.jsonl); RSS and Atom feeds (.xml, .rss, .atom, named or inside a folder, or a
URL); article URLs; and standard input ("-"). `load_sources` takes the command
line's SOURCE arguments and may fetch; `load_inputs` reads files and folders
only and never touches the network.
Every input that cannot be used is reported as a one-line InputProblem;
loading never raises for bad input.
"""

from __future__ import annotations

from .address_guard import FetchPolicy
from .dispatch import load_sources
from .feeds import FeedLink, FeedResult, fetch_feed, parse_feed
from .fetch import fetch_urls
from .files import input_files, load_feed_file, load_inputs
from .formats import SUPPORTED_EXTENSIONS, load_bytes
from .identity import article_identity, normalize_url
from .jsonfiles import article_from_object, document_from_line
from .stdin import load_stdin

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "FeedLink",
    "FeedResult",
    "FetchPolicy",
    "article_from_object",
    "article_identity",
    "document_from_line",
    "fetch_feed",
    "fetch_urls",
    "input_files",
    "load_bytes",
    "load_feed_file",
    "load_inputs",
    "load_sources",
    "load_stdin",
    "normalize_url",
    "parse_feed",
]
