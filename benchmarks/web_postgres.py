"""The PostgreSQL side of the web benchmark: a fresh schema that receives the corpus by
`newsweave copy`, and the CPU time of the server's backends read from /proc."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_common import REPO_ROOT
from web_load import NEWSWEAVE, log

from newsweave.store import mask_password


def schema_url(url: str, schema: str) -> str:
    """`url` with its search_path set to `schema` (libpq's `options` in the URL's query), as the tests do."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-c search_path={schema}', safe='')}"


class PostgresCorpus:
    """A fresh schema on a PostgreSQL server, which receives the corpus; dropped by `close()`.

    The schema is named `bench_web_<hex>`: one left behind by a killed run can be found
    and dropped by hand.
    """

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.conninfo import conninfo_to_dict
        except ImportError:
            raise SystemExit("--postgres needs psycopg: pip install 'newsweave[postgres]'") from None
        self.shown = mask_password(url)
        try:
            self._admin: Any = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
            raise SystemExit(f"cannot reach the PostgreSQL server {self.shown}: {reason}") from None
        self.schema = ""
        try:
            names = ("server_version", "shared_buffers", "fsync", "synchronous_commit")
            row = self._admin.execute(f"SELECT {', '.join(f'current_setting({n!r})' for n in names)}").fetchone()
            assert row is not None  # a SELECT without FROM answers one row
            self.settings = dict(zip(names, map(str, row), strict=True))
            # In public, as the tests install it: a store creating it in its own schema would have the
            # database-wide extension dropped with that schema.
            if self._admin.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'").fetchone() is None:
                self._admin.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            schema = f"bench_web_{secrets.token_hex(6)}"
            self._admin.execute(f"CREATE SCHEMA {schema}")
        except psycopg.Error as error:
            self._admin.close()
            raise SystemExit(f"cannot prepare a schema on {self.shown}: {' '.join(str(error).split())}") from None
        self.schema = schema
        self.url = schema_url(url, schema)
        # The server's connections carry the schema's name, so that their backends can be found.
        self.serve_url = f"{self.url}&application_name={schema}"
        host = str(conninfo_to_dict(url).get("host") or "")
        self.local = host in ("", "localhost", "127.0.0.1", "::1") or host.startswith("/")
        log(f"PostgreSQL {self.settings['server_version']} at {self.shown}: schema {schema} created")

    def load(self, source: Path, keep_briefings: bool) -> int:
        """Move the SQLite corpus into the schema (`newsweave copy`), drop its kept briefings unless told
        to keep them, then vacuum and analyse its tables. Returns how many kept briefings were dropped."""
        result = subprocess.run(
            [str(NEWSWEAVE), "copy", "--from", str(source), "--to", self.url, "--quiet"],
            cwd=REPO_ROOT, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"newsweave copy failed with status {result.returncode}:\n{result.stderr[-2000:]}")
        log(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "copy done")
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as connection:
            dropped = 0 if keep_briefings else connection.execute("DELETE FROM briefings").rowcount
            # A bulk load leaves no planner statistics yet: autovacuum would gather them at some point of
            # the loads. Done now, the server starts on an analysed database.
            tables = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            ).fetchall()
            for (table,) in tables:
                connection.execute(f'VACUUM (ANALYZE) "{table}"')
        return max(dropped, 0)

    def backend_cpu(self) -> dict[int, float] | None:
        """CPU seconds (user plus system) so far of each backend serving the web server's connections,
        by process id; None when they cannot be read (a server on another machine)."""
        if not self.local:
            return None
        rows = self._admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (self.schema,)
        ).fetchall()
        tick = os.sysconf("SC_CLK_TCK")
        seconds = {}
        for (pid,) in rows:
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() != "postgres":
                    continue
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
        return seconds or None

    def close(self) -> None:
        """Drop the schema with everything in it, and the admin connection."""
        try:
            if self.schema:
                self._admin.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
                log(f"schema {self.schema} dropped")
        finally:
            self._admin.close()


def cpu_spent(before: dict[int, float] | None, after: dict[int, float] | None) -> float | None:
    """CPU seconds the backends used between two readings (a backend new since the first counts whole)."""
    if before is None or after is None:
        return None
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
