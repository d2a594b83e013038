"""Full-text search over the articles: the FTS5 query and its rows as ranked hits."""

from __future__ import annotations

import sqlite3

from newsweave.store.base import MATCH_CLOSE, MATCH_OPEN, SearchHit
from newsweave.store.sqlite_rows import text_to_date

# A word in the headline says more about what an article is about than one in the body.
TITLE_WEIGHT = 4.0
SNIPPET_WORDS = 16
_SEARCH_SQL = f"""
    SELECT articles.id, articles.title, articles.outlet, articles.published, articles.story_id,
           snippet(articles_fts, -1, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', {SNIPPET_WORDS}) AS snippet,
           bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS bm25
    FROM articles_fts JOIN articles ON articles.seq = articles_fts.rowid
    WHERE articles_fts MATCH ?
    ORDER BY bm25, articles.seq
    LIMIT ?
"""


def ranked_hits(connection: sqlite3.Connection, expression: str, limit: int) -> list[SearchHit]:
    """The best `limit` articles matching an FTS5 expression, best first."""
    rows = connection.execute(_SEARCH_SQL, (expression, limit)).fetchall()
    return [
        SearchHit(
            article_id=row["id"],
            title=row["title"],
            outlet=row["outlet"],
            published=text_to_date(row["published"]),
            snippet=row["snippet"] or "",
            rank=position,
            score=-float(row["bm25"]),  # FTS5's bm25 is lower-is-better
            story_id=row["story_id"],
        )
        for position, row in enumerate(rows, start=1)
    ]
