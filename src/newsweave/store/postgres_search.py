"""Full-text search over the articles: the tsquery and its rows as ranked hits.

The index is the `articles.search` column (see `postgres_schema`): the title
weighted 'A' and the body 'B', built with the `newsweave_english`
configuration, which folds accents, stems words and drops stop words. The
query is the user's plain words (`search_terms.query_words`) joined for
`plainto_tsquery`, which requires all of them and reads no operators.
"""

from __future__ import annotations

from typing import Any

import psycopg

from newsweave.store.base import MATCH_CLOSE, MATCH_OPEN, SearchHit
from newsweave.store.postgres_schema import SEARCH_CONFIG

Connection = psycopg.Connection[Any]

# Weights of {D, C, B, A}: a word in the headline counts four times one in the body, as in the SQLite store.
_WEIGHTS = "{0, 0, 0.25, 1.0}"
# ts_rank's normalisation 1 divides by 1 + log(length): a long article that mentions the words once
# ranks below a short one about them, as BM25's length normalisation does on SQLite.
_NORMALISATION = 1
SNIPPET_WORDS = 16
_HEADLINE_OPTIONS = (
    f"StartSel={MATCH_OPEN}, StopSel={MATCH_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS - 4}, HighlightAll=false"
)
# Ranked on the index alone; only the `limit` best are re-read for their snippet. The snippet marks
# any of the words (the all-words query with '&' turned to '|': the lexemes are plain words, so the
# text is safe to recast), from the body unless only the title holds some of them (ts_filter keeps
# the title's 'A' or the body's 'B' part of the stored vector).
_SEARCH_SQL = f"""
    WITH query AS (
        SELECT words, replace(words::text, ' & ', ' | ')::tsquery AS any_word
        FROM plainto_tsquery('{SEARCH_CONFIG}', %(words)s) AS words
    ),
    best AS (
        SELECT articles.seq, ts_rank('{_WEIGHTS}', articles.search, query.words, {_NORMALISATION}) AS score
        FROM articles, query
        WHERE articles.search @@ query.words
        ORDER BY score DESC, articles.seq
        LIMIT %(limit)s
    )
    SELECT articles.id, articles.title, articles.outlet, articles.published, articles.story_id, best.score,
           CASE WHEN NOT ts_filter(articles.search, '{{b}}') @@ query.any_word
                     AND ts_filter(articles.search, '{{a}}') @@ query.any_word
                THEN ts_headline('{SEARCH_CONFIG}', articles.title, query.any_word, %(options)s)
                ELSE ts_headline('{SEARCH_CONFIG}', articles.text, query.any_word, %(options)s)
           END AS snippet
    FROM best JOIN articles ON articles.seq = best.seq, query
    ORDER BY best.score DESC, best.seq
"""


def ranked_hits(connection: Connection, words: list[str], limit: int) -> list[SearchHit]:
    """The best `limit` articles holding every one of `words`, best first."""
    rows = connection.execute(
        _SEARCH_SQL, {"words": " ".join(words), "limit": limit, "options": _HEADLINE_OPTIONS}
    ).fetchall()
    return [
        SearchHit(
            article_id=row["id"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            snippet=row["snippet"] or "",
            rank=position,
            score=float(row["score"]),  # ts_rank: higher is better
            story_id=row["story_id"],
        )
        for position, row in enumerate(rows, start=1)
    ]
