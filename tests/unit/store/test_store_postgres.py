"""What only the PostgreSQL backend has: URLs whose passwords never show, the optional driver,
connection failures in one line, and the server's own rules (no NUL in text, its stop words).

The behaviour both backends share is tested once, on both, in the other files of this folder.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from newsweave import cli
from newsweave.errors import InputError, UsageError
from newsweave.store import StoreError, display_name, mask_password, open_store
from newsweave.store.search_terms import STOP_WORDS

from .conftest import make_article

SECRET = "hunter2"


# ----------------------------------------------------------------------------- passwords never shown


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("postgresql://reader:hunter2@db.example:5432/news", "postgresql://reader:***@db.example:5432/news"),
        ("postgres://reader:hunter2@db.example/news", "postgres://reader:***@db.example/news"),
        ("postgresql://reader:p%40ss%2Fw@db/news?sslmode=require", "postgresql://reader:***@db/news?sslmode=require"),
        ("postgresql://reader:pa?ss@db/news", "postgresql://reader:***@db/news"),
        ("postgresql://reader@db/news?password=hunter2&sslmode=require", "postgresql://reader@db/news?password=***&sslmode=require"),
        ("postgresql://db/news?sslmode=require&Password=hunter2", "postgresql://db/news?sslmode=require&Password=***"),
        ("host=db user=reader password=hunter2 dbname=news", "host=db user=reader password=*** dbname=news"),
        ("host=db password = 'it\\'s a secret' dbname=news", "host=db password = *** dbname=news"),
        ("postgresql://reader@db/news", "postgresql://reader@db/news"),
        ("postgresql://db:5432/news", "postgresql://db:5432/news"),
        ("corpus.db", "corpus.db"),
        ("see postgresql://a:b@h/d and postgresql://c:hunter2@h/d", "see postgresql://a:***@h/d and postgresql://c:***@h/d"),
    ],
)
def test_passwords_are_masked_in_every_form_of_connection_string(given, shown):
    assert mask_password(given) == shown


def test_a_key_value_connection_string_is_refused_without_showing_its_password(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in ("ingest", "stories"):
        with pytest.raises(UsageError) as caught:
            open_store(f"host=127.0.0.1 user=reader password={SECRET} dbname=news", create=command == "ingest")
        message = str(caught.value)
        assert "postgresql://" in message and "password=***" in message and SECRET not in message
    assert list(tmp_path.iterdir()) == []  # no SQLite file named after it


# ----------------------------------------------------------------------------- the optional driver


def test_a_postgresql_url_without_psycopg_gives_the_install_command(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails, as when it is not installed
    url = f"postgresql://reader:{SECRET}@db.example/news"
    with pytest.raises(UsageError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "pip install 'newsweave[postgres]'" in message and "postgresql://reader:***@db.example/news" in message
    assert SECRET not in message and "\n" not in message
    assert cli.main(["stories", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "newsweave[postgres]" in err and SECRET not in err


def test_importing_the_store_does_not_import_psycopg():
    code = "import sys, newsweave.store, newsweave.cli; assert 'psycopg' not in sys.modules, 'imported eagerly'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# ----------------------------------------------------------------------------- connection failures


def test_an_unreachable_server_is_one_line_without_the_password():
    pytest.importorskip("psycopg")
    url = f"postgresql://reader:{SECRET}@127.0.0.1:1/news?connect_timeout=5"  # nothing listens on port 1
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith("cannot connect to postgresql://reader:***@127.0.0.1:1/news")
    assert SECRET not in message and "\n" not in message and "refused" in message.lower()


def _with_password(url: str, *, database: str | None = None) -> tuple[str, str]:
    """`url` carrying a password (SECRET, unless it has one: the test server trusts loopback users),
    optionally naming another database; and the password it carries."""
    parts = urlsplit(url)
    secret = parts.password or SECRET
    netloc = f"{parts.username or 'newsweave'}:{secret}@{parts.hostname}:{parts.port or 5432}"
    path = f"/{database}" if database else parts.path
    return urlunsplit((parts.scheme, netloc, path, parts.query, "")), secret


def test_an_unknown_database_on_the_server_is_one_line_without_the_password(postgres_server):
    url, secret = _with_password(postgres_server.url, database="no_such_newsweave_db")
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "no_such_newsweave_db" in message and "does not exist" in message
    assert secret not in message and "***" in message and "\n" not in message


def test_a_repr_and_messages_name_the_database_without_its_password(postgres_database):
    url, secret = _with_password(postgres_database.target)
    with open_store(url) as store:
        assert secret not in repr(store) and "***" in repr(store)
        with pytest.raises(UsageError) as caught:
            store.assign("nothing", "nowhere")
        assert secret not in str(caught.value) and "***" in str(caught.value)


def test_a_lost_connection_is_a_store_error_naming_the_database(postgres_database):
    name = f"newsweave_{uuid.uuid4().hex[:12]}"
    url = f"{postgres_database.target}&application_name={name}"
    with open_store(url) as store:
        store.add_article(make_article("a"))
        # Another session ends this store's connection, as a server restart would.
        postgres_database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (name,))
        with pytest.raises(StoreError) as caught:
            store.count()
        message = str(caught.value)
        assert message.startswith(f"lost the connection to {display_name(url)}") and "\n" not in message


def test_a_schema_of_another_program_names_the_way_out(postgres_database):
    postgres_database.execute("CREATE TABLE contacts (name text)")
    with pytest.raises(StoreError, match="search_path"):
        postgres_database.open()


# ----------------------------------------------------------------------------- the server's own rules


# PostgreSQL only: SQLite's text holds NUL characters; PostgreSQL's cannot (the sources strip them anyway).
def test_text_holding_a_nul_character_is_an_input_error_naming_the_input(postgres_database):
    with postgres_database.open() as store:
        with pytest.raises(InputError, match=r"bad\.jsonl:4.*NUL"):
            store.add_article(make_article("a", text="before\x00after", path="bad.jsonl:4"))
        with pytest.raises(UsageError, match="NUL"):
            store.get_article("a\x00")
        assert store.count() == 0
        assert store.add_article(make_article("b")).added  # the connection is still good


def test_the_stop_words_are_exactly_the_servers_english_ones(postgres_database):
    words = sorted(STOP_WORDS)
    rows = postgres_database.execute("SELECT word FROM unnest(%s::text[]) AS word WHERE to_tsvector('english', word) != ''", (words,))
    assert rows == []  # every word of the list is a stop word for the server
    kept = postgres_database.execute("SELECT to_tsvector('english', 'near harbour strikes')::text")[0][0]
    assert kept == "'harbour':2 'near':1 'strike':3"
    for listing in Path("/usr/share/postgresql").glob("*/tsearch_data/english.stop"):
        assert set(listing.read_text().split()) == STOP_WORDS  # and no stop word of the server is missing
