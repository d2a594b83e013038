"""Sniffing what bytes hold (feed, markup, JSONL) is linear, whatever blanks or prolog come first.

The feed sniffer was one regex with `(?:\\s+|<?...?>|<!--...-->|...)*` before the root:
a nested quantifier that split a run of blank lines in exponentially many ways, so a page
or stdin starting with ~25 newlines never finished. Guarded runs happen in a child process
(tests/unit/hang_guard.py) so a regression fails instead of hanging.
"""

from __future__ import annotations

import pytest

from newsweave.sources.feeds import FEED_SNIFF_BYTES, looks_like_feed
from newsweave.sources.stdin import load_stdin_bytes
from tests.unit.hang_guard import Case, long_runs, run_guarded

TEXT = b"The council said the bridge would reopen. " * 10


def hostile_starts() -> list[Case]:
    cases = [Case(f"{case.label}_then_text", case.value.encode("utf-8") + TEXT) for case in long_runs(50_000)]
    for blank in (b"\n", b" ", b"\t", b"\r\n", b" \n"):
        for count in (25, 40, 2000):
            cases.append(Case(f"{count}x{blank!r}_then_text", blank * count + TEXT))
    cases += [
        Case("comments_and_blanks", b"<!-- a -->\n\n  " * 500 + TEXT),
        Case("declarations_and_blanks", b'<?xml version="1.0"?>\n \n' * 200 + b"<rss>"),
        Case("unclosed_comment", b"\n" * 100 + b"<!--" + b"\n" * 5000),
        Case("unclosed_doctype_subset", b"<!DOCTYPE rss [" + b"\n" * 5000),
    ]
    return cases


@pytest.mark.parametrize(
    "target",
    [
        "newsweave.sources.feeds:looks_like_feed",
        "newsweave.sources.stdin:looks_like_markup",
        "newsweave.sources.stdin:looks_like_jsonl",
        "newsweave.sources.stdin:load_stdin_bytes",
    ],
)
def test_sniffing_returns_on_leading_blanks_and_long_runs(target: str) -> None:
    run_guarded(target, hostile_starts())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\n" * 40 + b"<rss version='2.0'><channel/></rss>", True),
        (b" \t\r\n" * 100 + b'<?xml version="1.0"?>\n\n<!-- made by hand -->\n<feed xmlns="x"/>', True),
        (b'<!DOCTYPE rss [<!ENTITY a "b>c">]>\n\n<rss/>', True),  # a ">" inside the internal subset
        (b"<!DOCTYPE rss>" + b"\n" * 30 + b"<rdf:RDF/>", True),
        (b"\n" * 40 + b"The council said the bridge would reopen.", False),
        (b"\n" * 40 + b"<!-- never closed <rss>", False),
        (b"<?xml version='1.0'?><html><rss/></html>", False),
        (b"\n" * FEED_SNIFF_BYTES + b"<rss/>", False),  # the root must show within the sniffed bytes
    ],
)
def test_feed_roots_are_found_after_any_prolog(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected


def test_stdin_text_after_forty_blank_lines_loads_as_one_text_document() -> None:
    result = load_stdin_bytes(b"\n" * 40 + TEXT)
    assert result.problems == ()
    (document,) = result.documents
    assert "The council said the bridge would reopen." in document.text
