"""A user's search words as a safe FTS5 query.

FTS5 has its own query language (quotes, `-`, `OR`, `NEAR(...)`, `col:`):
typed into a search box it either fails to parse or means something the user
did not ask for. Here every word becomes a quoted phrase, so the query means
"all of these words", whatever characters were typed.
"""

from __future__ import annotations

import re

# Words as the unicode61 tokenizer sees them: letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")
# Enough for any real query; bounds the work a pasted page of text can cause.
MAX_QUERY_WORDS = 32


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression requiring every word of `query`; None when it has no words."""
    words: dict[str, None] = {}
    for word in _WORD.findall(query):
        words.setdefault(word.lower(), None)
        if len(words) == MAX_QUERY_WORDS:
            break
    if not words:
        return None
    # A quoted string is always a plain phrase to FTS5; the words hold no quotes to escape.
    return " ".join(f'"{word}"' for word in words)
