"""Addresses of articles and of one sentence inside an article page.

A citation chip on a story page and the highlighted sentence on the article
page must agree on the sentence's anchor without sharing state, so the anchor
is derived from the sentence's words alone.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote


def sentence_anchor(sentence: str) -> str:
    """The id of a sentence's element on its article page: "s-" and 12 hex digits of its words."""
    words = " ".join(sentence.split())
    return "s-" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:12]


def path_segment(value: str) -> str:
    """An id as one path segment. "." and ".." would be read as "this" and "parent" folder and
    removed by HTTP clients, so their dots are percent-encoded (API clients keep "%2E"; browsers
    following the WHATWG URL standard still drop it, a limit of such ids on the web pages)."""
    quoted = quote(value, safe="")
    return quoted.replace(".", "%2E") if value and set(value) == {"."} else quoted


def article_href(article_id: str, sentence: str | None = None) -> str:
    """The article page, scrolled to `sentence` when given."""
    href = f"/articles/{path_segment(article_id)}"
    return f"{href}#{sentence_anchor(sentence)}" if sentence else href


def story_href(story_id: str) -> str:
    """The story page."""
    return f"/stories/{path_segment(story_id)}"
