"""The PostgreSQL schema and its migrations.

As in `sqlite_schema`: `MIGRATIONS[n]` takes a database from version n to
version n + 1, the `schema_version` table records how far it has come, each
step runs in its own transaction (PostgreSQL's DDL is transactional, so an
interrupted step leaves nothing half done), and a version this code does not
know is refused, never guessed at.

The tables live in the connection's current schema (the first of its
`search_path`, `public` unless the URL says otherwise), so several corpora can
share one database, one schema each. The first version is the whole shape the
SQLite schema reached in its five steps, with PostgreSQL's own types: dates
are `date`, lists are `jsonb`, vectors and MinHashes `bytea`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

import psycopg
from psycopg import pq

from newsweave.errors import UsageError
from newsweave.store.base import StoreError

Connection = psycopg.Connection[Any]

# Namespace of newsweave's advisory locks (any fixed number; this is "nwv1" in ASCII). Key 0 guards
# migrations database-wide (they may create the shared unaccent extension); writers lock their schema.
LOCK_NAMESPACE = 0x6E777631
SEARCH_CONFIG = "newsweave_english"
# Punctuation becomes a space before the text is indexed: PostgreSQL's parser would otherwise keep
# "Covid-19" as 'covid' and '-19', "4.5" as one number, "x@y.com" as one address, and the query's
# plain words (search_terms) would miss them. Quotes and dashes outside ASCII are listed because a
# database in the C locale counts only ASCII characters as punctuation.
_PUNCTUATION = "[[:punct:]«»“”„‘’‚‹›—–―…·•]+"


def _indexed(column: str) -> str:
    return f"to_tsvector('{SEARCH_CONFIG}', regexp_replace({column}, '{_PUNCTUATION}', ' ', 'g'))"


_VERSION_1 = (
    "CREATE TABLE schema_version (version integer NOT NULL)",
    """CREATE TABLE stories (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        headline text,
        first_published date,
        last_published date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        centroid bytea,
        entities jsonb NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX stories_by_last_published ON stories (last_published)",
    "CREATE INDEX stories_by_status ON stories (status, last_published)",
    # The identity sequence never reuses a number, so "ingest order" stays stable. Writers take the
    # schema's advisory lock before inserting, so numbers also become visible in order, which lets
    # readers page on `seq` without missing a row committed late.
    # The search vector is computed inside the writing transaction, as SQLite's FTS triggers are:
    # a rollback undoes both. The title weighs more ('A') than the body ('B').
    f"""CREATE TABLE articles (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        identity text NOT NULL UNIQUE,
        path text NOT NULL,
        url text,
        outlet text,
        title text,
        published date,
        text text NOT NULL,
        raw_text text NOT NULL,
        removed jsonb NOT NULL DEFAULT '[]',
        copy_of text,
        story_id text REFERENCES stories (id),
        ingested_at text NOT NULL,
        search tsvector GENERATED ALWAYS AS (
            setweight({_indexed("coalesce(title, '')")}, 'A') || setweight({_indexed("text")}, 'B')
        ) STORED
    )""",
    "CREATE INDEX articles_by_story ON articles (story_id, published)",
    "CREATE INDEX articles_by_published ON articles (published)",
    "CREATE INDEX articles_by_copy_of ON articles (copy_of)",
    "CREATE INDEX articles_by_outlet ON articles (outlet, story_id)",
    "CREATE INDEX articles_by_words ON articles USING gin (search)",
    """CREATE TABLE signatures (
        article_id text PRIMARY KEY REFERENCES articles (id),
        vector bytea NOT NULL,
        entities jsonb NOT NULL DEFAULT '[]',
        published date,
        terms jsonb NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE minhashes (
        article_id text PRIMARY KEY REFERENCES articles (id),
        minhash bytea NOT NULL
    )""",
    """CREATE TABLE briefings (
        story_id text PRIMARY KEY REFERENCES stories (id),
        revision text NOT NULL,
        conflicts integer NOT NULL,
        updates integer,
        document text NOT NULL,
        created_at text NOT NULL
    )""",
    """CREATE TABLE checkpoints (
        name text PRIMARY KEY,
        fingerprint text NOT NULL,
        through_article text NOT NULL REFERENCES articles (id),
        data bytea NOT NULL
    )""",
)


def _create_version_1(connection: Connection) -> None:
    """The search configuration, then every table and index of the first schema."""
    _create_search_config(connection)
    for statement in _VERSION_1:
        connection.execute(statement)


def _create_search_config(connection: Connection) -> None:
    """`newsweave_english`: PostgreSQL's english stemming and stop words, with accents folded first.

    SQLite's index ignores accents ("cafe" finds "Café"); PostgreSQL does so
    through the `unaccent` dictionary, a trusted extension shipped with the
    server that the database's owner may create.
    """
    schema = _unaccent_schema(connection)
    if schema is None:
        try:
            with connection.transaction():  # a savepoint: a refusal leaves the migration's transaction usable
                connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
            raise SetupRefused(
                f"cannot set up full-text search: the 'unaccent' extension is not installed and this user cannot "
                f"create it ({reason}); ask the database's owner to run  CREATE EXTENSION unaccent"
            ) from error
        schema = _unaccent_schema(connection)
    connection.execute(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.english)")
    connection.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} "
        f"ALTER MAPPING FOR hword, hword_part, word WITH {schema}.unaccent, english_stem"
    )


def _unaccent_schema(connection: Connection) -> str | None:
    row = connection.execute(
        "SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'"
    ).fetchone()
    return str(row["schema"]) if row is not None else None


class SetupRefused(Exception):
    """A migration step cannot be done with this server or user; `migrate` adds the database's name."""


Migration = Callable[[Connection], None]
MIGRATIONS: tuple[Migration, ...] = (_create_version_1,)


def stored_version(connection: Connection, name: str) -> int:
    """The schema version the current schema records: 0 when it holds no table at all."""
    rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    tables = {row["tablename"] for row in rows}
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"{name} holds tables of another program (no newsweave schema_version table in its schema): "
                "choose another database, or a schema of its own with ?options=-csearch_path%3Dnewsweave"
            )
        return 0
    rows = connection.execute("SELECT version FROM schema_version").fetchall()
    if len(rows) != 1 or not isinstance(rows[0]["version"], int):
        raise StoreError(
            f"{name} is damaged: its schema_version table should hold one whole number; "
            "restore a backup, or drop the schema and ingest again"
        )
    return int(rows[0]["version"])


def migrate(
    connection: Connection, name: str, migrations: Sequence[Migration] = MIGRATIONS, *, create: bool = True
) -> int:
    """Bring the schema up to the newest version; returns the version it ends at.

    The version is read first without any lock, so a reader can open a
    database that another process is writing to; only a schema that needs
    upgrading waits for the migration lock, and checks its version again under
    it. With `create` False, a schema holding no newsweave tables yet is
    refused instead of set up (reading commands never create a database).
    """
    known = len(migrations)
    version = stored_version(connection, name)
    _refuse_newer(version, known, name)
    if version == 0 and not create:
        raise UsageError(
            f"{name} holds no newsweave database yet: ingest into it first, with  newsweave ingest SOURCE --db URL"
        )
    while version < known:
        connection.execute("BEGIN")
        try:
            connection.execute("SELECT pg_advisory_xact_lock(%s, 0)", (LOCK_NAMESPACE,))
            version = stored_version(connection, name)
            _refuse_newer(version, known, name)
            if version < known:
                migrations[version](connection)
                version += 1
                connection.execute("DELETE FROM schema_version")
                connection.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
            connection.execute("COMMIT")
        except BaseException as error:
            # The error that brought us here matters more than a failed rollback (a lost connection).
            with suppress(psycopg.Error):
                if connection.info.transaction_status != pq.TransactionStatus.IDLE:
                    connection.execute("ROLLBACK")
            if isinstance(error, SetupRefused):
                raise StoreError(f"{name}: {error}") from error
            raise
    return version


def _refuse_newer(version: int, known: int, name: str) -> None:
    if version > known:
        raise StoreError(
            f"{name} was written by a newer newsweave (database version {version}, this one knows up to "
            f"{known}): upgrade newsweave with  pip install --upgrade newsweave"
        )
