"""PostgreSQL connection strings: telling them from file paths, and showing them without their password.

Nothing here imports psycopg, so the CLI and `open_store` can use it whether
or not the optional dependency is installed.
"""

from __future__ import annotations

import os
import re

from newsweave.errors import UsageError

URL_SCHEMES = ("postgresql://", "postgres://")
INSTALL_HINT = "pip install 'newsweave[postgres]'"
MASK = "***"

# libpq ends a URL's user:password part at the first '@' or '/', so neither can be in the password unescaped.
_URL_PASSWORD = re.compile(r"(?P<head>://[^:/@\s]*):[^/@\s]*@")
# ...?password=secret&... in a URL's query.
_QUERY_PASSWORD = re.compile(r"(?P<head>[?&]password=)[^&#\s]*", re.IGNORECASE)
# password=secret or password = 'it''s secret' in key=value form, at the start or after a space.
# A few of libpq's keywords, at the start or after a space: enough to tell a connection string from a file.
_KEYWORD_SETTING = re.compile(r"(?<!\S)(?:host|hostaddr|port|dbname|user|password|service|sslmode)\s*=", re.IGNORECASE)
_KEYWORD_PASSWORD = re.compile(r"(?P<head>(?<!\S)password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|\S*)", re.IGNORECASE)


def is_keyword_connection_string(target: str | os.PathLike[str]) -> bool:
    """Whether `target` looks like libpq's key=value form (host=... dbname=...) rather than a file name."""
    return _KEYWORD_SETTING.search(os.fspath(target)) is not None


def is_postgres_url(target: str | os.PathLike[str]) -> bool:
    """Whether `target` names a PostgreSQL database (postgresql://... or postgres://...)."""
    return os.fspath(target).lower().startswith(URL_SCHEMES)


def mask_password(text: str) -> str:
    """`text` with every connection password in it replaced by ***.

    postgresql://user:secret@host/db becomes postgresql://user:***@host/db;
    `password=secret` (key=value form or URL query) becomes `password=***`.
    Used on every URL and every server message newsweave shows.
    """
    text = _URL_PASSWORD.sub(lambda match: f"{match['head']}:{MASK}@", text)
    text = _QUERY_PASSWORD.sub(lambda match: f"{match['head']}{MASK}", text)
    return _KEYWORD_PASSWORD.sub(lambda match: f"{match['head']}{MASK}", text)


def display_name(target: str | os.PathLike[str]) -> str:
    """How messages name a database: a file's path, or a URL with its password masked."""
    return mask_password(os.fspath(target))


def require_driver(name: str) -> None:
    """Refuse, with the command that fixes it, a PostgreSQL URL when psycopg is not installed.

    Imported at each call rather than once: the check must see the driver as it is now.
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise UsageError(
            f"{name}: PostgreSQL databases need the optional psycopg package; install it with  {INSTALL_HINT}"
        ) from None
