"""The PostgreSQL server the tests use, and a fresh schema on it for each test.

The server is the one NEWSWEAVE_TEST_POSTGRES names (a libpq URL such as
postgresql://newsweave@127.0.0.1:5433/newsweave_test; scripts/postgres-test-server
starts one and prints that line). Without it the PostgreSQL cases skip, saying
how to start one; with NEWSWEAVE_REQUIRE_POSTGRES=1 (CI) they fail instead.
Each test gets its own schema, named in the URL's search_path, and dropped
afterwards: tests stay isolated without a database each.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn
from urllib.parse import quote

import pytest

SERVER_VARIABLE = "NEWSWEAVE_TEST_POSTGRES"
REQUIRE_VARIABLE = "NEWSWEAVE_REQUIRE_POSTGRES"
START_HINT = f'start a throwaway server with  eval "$(scripts/postgres-test-server)"  (it sets {SERVER_VARIABLE})'


class PostgresServer:
    """An admin connection to the test server, which hands out fresh schemas."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self._admin: Any = psycopg.connect(url, autocommit=True, connect_timeout=10)
        # Installed once in public, not by the first store in its test schema: dropping that schema
        # would take the database-wide extension with it, from under every other schema.
        self._admin.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")

    @contextmanager
    def fresh_schema(self) -> Iterator[str]:
        """The server's URL pointing at a new empty schema, dropped (with all in it) afterwards."""
        schema = f"t_{secrets.token_hex(6)}"
        self._admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield schema_url(self.url, schema)
        finally:
            self._admin.execute(f"DROP SCHEMA {schema} CASCADE")

    def close(self) -> None:
        self._admin.close()


def schema_url(url: str, schema: str) -> str:
    """`url` with its search_path set to `schema` (libpq's `options` in the URL's query)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-c search_path={schema}', safe='')}"


def skip_or_fail(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The test server, or a skip (a failure under NEWSWEAVE_REQUIRE_POSTGRES=1) saying how to start one."""
    url = os.environ.get(SERVER_VARIABLE)
    if not url:
        skip_or_fail(f"no PostgreSQL server for these cases: {START_HINT}")
    try:
        import psycopg
    except ImportError:
        skip_or_fail("psycopg is not installed: pip install 'newsweave[postgres]'")
    try:
        server = PostgresServer(url)
    except psycopg.Error as error:
        from newsweave.store import mask_password

        skip_or_fail(f"cannot reach the PostgreSQL server {mask_password(url)} ({' '.join(str(error).split())}); {START_HINT}")
    yield server
    server.close()
