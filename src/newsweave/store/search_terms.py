"""A user's search words, read the same way by every backend.

Both engines have their own query language (FTS5: quotes, `-`, `OR`,
`NEAR(...)`, `col:`; PostgreSQL: `&`, `|`, `!`, `<->`): typed into a search
box it either fails to parse or means something the user did not ask for. Here
a query is only its words (runs of letters and digits), so it means "all of
these words", whatever characters were typed.

Stop words ("the", "or", ...) are dropped, as PostgreSQL's `english`
configuration drops them: a query made only of them finds nothing on either
backend, rather than every article on one of them.
"""

from __future__ import annotations

import re

# Words as the SQLite tokenizer (unicode61) sees them, and as the PostgreSQL index is built
# (punctuation turned into spaces first): letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")
# Enough for any real query; bounds the work a pasted page of text can cause.
MAX_QUERY_WORDS = 32

# PostgreSQL's english stop words (share/tsearch_data/english.stop, the Snowball list), kept
# here so that SQLite ignores the same ones; tests/unit/store checks the two lists agree.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing don down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own s same she should so some such t than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with you your yours yourself yourselves
    """.split()
)


def query_words(query: str) -> list[str]:
    """The distinct words of `query`, lowercased, without stop words, at most MAX_QUERY_WORDS."""
    words: dict[str, None] = {}
    for word in _WORD.findall(query):
        lowered = word.lower()
        if lowered in STOP_WORDS:
            continue
        words.setdefault(lowered, None)
        if len(words) == MAX_QUERY_WORDS:
            break
    return list(words)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression requiring every word of `query`; None when it has no words."""
    words = query_words(query)
    if not words:
        return None
    # A quoted string is always a plain phrase to FTS5; the words hold no quotes to escape.
    return " ".join(f'"{word}"' for word in words)
