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


def article_href(article_id: str, sentence: str | None = None) -> str:
    """The article page, scrolled to `sentence` when given."""
    href = f"/articles/{quote(article_id, safe='')}"
    return f"{href}#{sentence_anchor(sentence)}" if sentence else href


def story_href(story_id: str) -> str:
    """The story page."""
    return f"/stories/{quote(story_id, safe='')}"
