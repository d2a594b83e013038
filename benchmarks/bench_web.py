"""Latency of the web reader and JSON API under concurrent clients, on loopback.

A database of 10,000 synthetic articles (made by `generate_corpus.py` and ingested with
`newsweave ingest ... --db`, as the ingest benchmark does) is copied, its kept briefings
removed from the copy, and served by `newsweave serve` in a process of its own. Then:

1. first views: each chosen story's page is asked for once, in turn; that request makes
   the briefing (the once-per-change computation), so its time is reported apart;
2. load: for 1, 10 and 50 concurrent clients (one keep-alive connection each), the story
   page `/stories/{id}` and the briefing `/api/stories/{id}` are asked for round-robin over
   the chosen stories, after a warm-up; per-request latency gives median, p95, p99 and max;
3. lists: `/` and `/api/stories` at 10 clients, once the first page's briefings exist;
4. checks: every answer is 200 with a body, and the kept briefings of the chosen stories
   (revision and creation time, read through the store) did not change during the load, so
   no request made a briefing again.

The server's peak RSS (VmHWM) and CPU time come from /proc. Writes a section of
docs/benchmarks.md. The database is built once and kept in out/bench-web/ (git-ignored);
building it takes several minutes.

With `--postgres URL` the same corpus is served from PostgreSQL instead: the SQLite database
is moved into a fresh schema on that server with `newsweave copy`, its kept briefings are
removed there, and `newsweave serve --db URL` serves it; the schema is dropped at the end.
The CPU time of the server's PostgreSQL backends is read from /proc too (when the server runs
on this machine). That run writes a section of its own, beside the SQLite one.

    .venv/bin/python benchmarks/bench_web.py
    .venv/bin/python benchmarks/bench_web.py --db corpus.db --no-docs     # an existing database, copied
    .venv/bin/python benchmarks/bench_web.py --postgres "$NEWSWEAVE_TEST_POSTGRES"   # scripts/postgres-test-server
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
from bench_common import REPO_ROOT, load_average, write_marked_section
from generate_corpus import generate
from web_load import (
    RUNNERS,
    LevelResult,
    NEWSWEAVE,
    Server,
    log,
    measure,
)

from web_postgres import PostgresCorpus, cpu_spent
from web_report import (
    DOC_PATH,
    END_MARKER,
    START_MARKER,
    Chosen,
    FirstView,
    Run,
    report,
    write_postgres_section,
)

from newsweave.store import open_store

DEFAULT_WORKDIR = REPO_ROOT / "out" / "bench-web"  # /out/ is git-ignored

FIRST_VIEW_TIMEOUT_S = 600.0  # one briefing of a large story takes tens of seconds


# --------------------------------------------------------------------------- the database


def count_articles(target: str | Path) -> int:
    """Articles in the database (an SQLite file or a PostgreSQL URL), read through the store."""
    with open_store(target, create=False) as store:
        return store.count()


def closing_ro(db: Path) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection to an SQLite file, closed at the end of a with block.

    Used on the source database only (the cached one, or `--db`), which stays as it is (a store
    opened on it could migrate it in place); the served database is read through the store.
    """
    return contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30))


def cached_articles(db: Path) -> int:
    with closing_ro(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def build_database(articles: int, workdir: Path, rebuild: bool) -> tuple[Path, float, bool]:
    """The cached database of `articles` synthetic articles, ingested through the command line.

    Returns (path, seconds spent, whether it was built now). A database is only cached
    once its ingest finished (it is written under a temporary name, then renamed).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"corpus-{articles}.db"
    if db.exists() and not rebuild:
        log(f"reusing {db.relative_to(REPO_ROOT) if db.is_relative_to(REPO_ROOT) else db} "
            f"({cached_articles(db):,} articles); --rebuild makes it again")
        return db, 0.0, False
    started = time.perf_counter()
    corpus = workdir / f"corpus-{articles}.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for record in generate(articles):
            handle.write(json.dumps(record) + "\n")
    partial = workdir / f"corpus-{articles}.partial.db"
    for stale in workdir.glob(f"{partial.name}*"):
        stale.unlink()
    log(f"ingesting {articles:,} synthetic articles (about {articles / 35 / 60:.0f} min at 35 articles/s) ...")
    result = subprocess.run(
        [str(NEWSWEAVE), "ingest", str(corpus), "--db", str(partial), "--quiet"],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"ingest failed with status {result.returncode}:\n{result.stderr[-2000:]}")
    log(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "ingest done")
    for leftover in ("-wal", "-shm"):  # a clean close leaves none; never rename a live WAL apart from its file
        if (workdir / f"{partial.name}{leftover}").exists():
            raise SystemExit(f"{partial} still has a {leftover} file after ingest; not caching it")
    partial.rename(db)
    return db, time.perf_counter() - started, True


def copy_for_serving(source: Path, target: Path, keep_briefings: bool) -> int:
    """Copy the database (SQLite's backup, so a WAL is included) and drop its kept briefings.

    Returns how many kept briefings were dropped: with none kept, the first view of
    each story really makes its briefing.
    """
    for stale in target.parent.glob(f"{target.name}*"):
        stale.unlink()
    with closing_ro(source) as src:
        destination = sqlite3.connect(str(target))
        try:
            src.backup(destination)
            dropped = 0 if keep_briefings else destination.execute("DELETE FROM briefings").rowcount
            destination.commit()
        finally:
            destination.close()
    return max(dropped, 0)


def choose_stories(target: str | Path, count: int) -> tuple[list[Chosen], int, list[int]]:
    """The largest stories and ordinary ones (evenly spread between the quartiles of size), deterministically.

    Returns (chosen, number of stories, sizes of all stories sorted). Stories holding no
    article are not counted; ties in size go by story id.
    """
    with open_store(target, create=False) as store:
        stories = store.list_stories()
    rows = sorted(
        ((story.id, len(story.article_ids)) for story in stories if story.article_ids),
        key=lambda row: (-row[1], row[0]),
    )
    if len(rows) < count:
        raise SystemExit(f"the database has {len(rows)} stories; --stories {count} needs at least that many")
    largest = count // 2
    chosen = [Chosen(story_id, size, "largest") for story_id, size in rows[:largest]]
    rest = sorted(rows[largest:], key=lambda row: (row[1], row[0]))
    low, high = len(rest) // 4, (3 * len(rest)) // 4
    wanted = count - largest
    picks = sorted({low + round(i * (high - low - 1) / max(wanted - 1, 1)) for i in range(wanted)})
    chosen += [Chosen(rest[i][0], rest[i][1], "ordinary") for i in picks]
    sizes = sorted(size for _, size in rows)
    return chosen, len(rows), sizes


def briefing_marks(target: str | Path, story_ids: Sequence[str]) -> tuple[dict[str, tuple[str, str]], int]:
    """(revision, created_at) of the kept briefings of these stories, by story id, and how many
    briefings the database keeps in all (of any story)."""
    with open_store(target, create=False) as store:
        kept = [store.get_briefing(story_id) for story_id in story_ids]
        total = len(store.briefing_stamps([story.id for story in store.list_stories()]))
    return {b.story_id: (b.revision, b.created_at) for b in kept if b is not None}, total


# --------------------------------------------------------------------------- PostgreSQL


# --------------------------------------------------------------------------- the server


def first_views(server: Server, chosen: Sequence[Chosen]) -> list[FirstView]:
    """Each story's page asked for once, in turn, then its JSON; checks both answers."""
    views = []
    with httpx.Client(base_url=server.base, timeout=FIRST_VIEW_TIMEOUT_S) as client:
        for number, story in enumerate(chosen, 1):
            started = time.perf_counter()
            page = client.get(f"/stories/{story.story_id}")
            page_s = time.perf_counter() - started
            started = time.perf_counter()
            api = client.get(f"/api/stories/{story.story_id}")
            api_s = time.perf_counter() - started
            if page.status_code != 200 or "text/html" not in page.headers.get("content-type", ""):
                raise SystemExit(f"story {story.story_id}: the page answered {page.status_code}: {page.text[:300]}")
            if api.status_code != 200 or api.json().get("schema") != "newsweave.briefing/1":
                raise SystemExit(f"story {story.story_id}: the API answered {api.status_code}: {api.text[:300]}")
            views.append(FirstView(story, page_s, api_s, len(page.content), len(api.content)))
            log(f"first view {number:>2}/{len(chosen)}: {story.story_id} ({story.articles} articles, {story.kind}) "
                f"page {page_s:.2f} s, then API {api_s * 1000:.1f} ms; {len(page.content) / 1024:.0f} KiB HTML, "
                f"{len(api.content) / 1024:.0f} KiB JSON")
    return views


def warm_first_list_page(server: Server) -> tuple[int, float]:
    """Make the briefings of the stories on the first page of the list, before the list is timed.

    Listing queues those briefings for the server's background thread; timing lists
    while it works would time the briefings. Returns (stories briefed now, seconds).
    """
    started = time.perf_counter()
    with httpx.Client(base_url=server.base, timeout=FIRST_VIEW_TIMEOUT_S) as client:
        listing = client.get("/api/stories").json()["stories"]
        waiting = [row["id"] for row in listing if row["disagreements"] is None]
        for story_id in waiting:  # waits for the background thread where it is on the same story
            answer = client.get(f"/api/stories/{story_id}")
            if answer.status_code != 200:
                raise SystemExit(f"story {story_id}: the API answered {answer.status_code}: {answer.text[:300]}")
        still = [row["id"] for row in client.get("/api/stories").json()["stories"] if row["disagreements"] is None]
        if still:
            raise SystemExit(f"stories of the first page still without a kept briefing: {still}")
    return len(waiting), time.perf_counter() - started


# --------------------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="serve a copy of this database instead of the synthetic one")
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic corpus size (default 10000)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help="cache and scratch folder (default out/bench-web)")
    parser.add_argument("--rebuild", action="store_true", help="ingest the synthetic database again")
    parser.add_argument("--postgres", metavar="URL",
                        help="serve the corpus from a fresh schema on this PostgreSQL server (postgresql://...), "
                        "moved there with `newsweave copy` and dropped at the end; writes a section of its own")
    parser.add_argument("--stories", type=int, default=20, help="stories asked for (default 20)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50],
                        help="concurrency levels (default 1 10 50)")
    parser.add_argument("--requests", type=int, default=5000,
                        help="timed requests per level and endpoint (default 5000; lists half)")
    parser.add_argument("--warmup", type=int, default=3,
                        help="untimed requests per client before each level (default 3)")
    parser.add_argument("--max-seconds", type=float, default=180, help="time limit of one level (default 180)")
    parser.add_argument("--list-clients", type=int, default=10, help="clients for the list endpoints (default 10)")
    parser.add_argument("--client", choices=sorted(RUNNERS), default="raw", help="load generator (default raw)")
    parser.add_argument("--keep-briefings", action="store_true",
                        help="keep the briefings the database holds (first views then read them, not make them)")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    if args.stories < 2:
        parser.error("--stories must be at least 2")
    if args.postgres is not None and not args.postgres.startswith(("postgresql://", "postgres://")):
        parser.error("--postgres takes a URL: postgresql://USER@HOST:PORT/DATABASE")

    load_at_start = load_average()
    phases: dict[str, float] = {}
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)

    if args.db is not None:
        source = args.db.resolve()
        if not source.exists():
            parser.error(f"{args.db}: no such database")
        database_note = "the database given with `--db`"
    else:
        source, spent, built = build_database(args.articles, workdir, args.rebuild)
        built_on = time.strftime("%Y-%m-%d", time.gmtime(source.stat().st_mtime))
        database_note = (
            f"`benchmarks/generate_corpus.py --articles {args.articles}` ingested with `newsweave ingest` "
            + ("(built in this run)" if built else f"(built {built_on}, reused)")
        )
        if built:
            phases["database build (generate and ingest)"] = spent
    served = workdir / "serving.db"
    if args.postgres is None and source == served:
        parser.error(f"{args.db} is the benchmark's own copy, which each run overwrites: give another database")

    command = ".venv/bin/python benchmarks/bench_web.py"
    if args.postgres is not None:
        command += ' --postgres "$NEWSWEAVE_TEST_POSTGRES"'
    if args.db is not None:
        command += " --db DB"
    for name, default in (("articles", 10_000), ("stories", 20), ("requests", 5000), ("warmup", 3),
                          ("list_clients", 10), ("client", "raw")):
        value = getattr(args, name)
        if value != default and not (name == "articles" and args.db is not None):
            command += f" --{name.replace('_', '-')} {value}"
    if args.keep_briefings:
        command += " --keep-briefings"
    if args.clients != [1, 10, 50]:
        command += " --clients " + " ".join(str(c) for c in args.clients)

    postgres: PostgresCorpus | None = None
    try:
        started = time.perf_counter()
        if args.postgres is not None:
            postgres = PostgresCorpus(args.postgres)
            dropped = postgres.load(source, args.keep_briefings)
            phases["copy into PostgreSQL (newsweave copy, vacuum, analyse)"] = time.perf_counter() - started
            target, serve_target, place = postgres.url, postgres.serve_url, f"schema {postgres.schema}"
        else:
            dropped = copy_for_serving(source, served, args.keep_briefings)
            phases["database copy"] = time.perf_counter() - started
            target = serve_target = str(served)
            place = "the copy"
        log(f"{dropped} kept briefings dropped from {place}")
        run = serve_and_measure(args, target, serve_target, postgres, phases)
    finally:
        if postgres is not None:
            postgres.close()
    run.database_note, run.load_at_start, run.command = database_note, load_at_start, command

    section = report(run)
    print(section)
    if not args.no_docs:
        if run.postgres:
            write_postgres_section(section)
        else:
            write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Benchmarks")
    errors = sum(r.errors for r in run.levels + run.lists)
    return 1 if errors or run.briefings_changed else 0


def serve_and_measure(
    args: argparse.Namespace, target: str, serve_target: str, postgres: PostgresCorpus | None,
    phases: dict[str, float],
) -> Run:
    """Choose the stories, start the server on `serve_target`, run every phase; `target` is the database
    as the benchmark reads it (through the store), `postgres` the schema when it is on PostgreSQL."""
    articles = count_articles(target)
    chosen, story_count, sizes = choose_stories(target, args.stories)
    log(f"{articles:,} articles, {story_count:,} stories; chosen story sizes {[c.articles for c in chosen]}")
    ids = [c.story_id for c in chosen]
    database_cpu: dict[tuple[str, int], float | None] = {}

    def timed(endpoint: str, paths: Sequence[str], expected: dict[str, int], clients: int, total: int) -> LevelResult:
        before = postgres.backend_cpu() if postgres is not None else None
        result = measure(server, args.client, endpoint, paths, expected, clients, total, args.warmup, args.max_seconds)
        if postgres is not None:
            database_cpu[(result.endpoint, result.clients)] = cpu_spent(before, postgres.backend_cpu())
        return result

    # Server takes the database as given to `serve --db`: a file path or a URL.
    server = Server(serve_target, args.workdir.resolve())
    try:
        startup_s = server.wait_ready()
        phases["server start"] = startup_s
        log(f"server up on port {server.port} after {startup_s:.1f} s (pid {server.process.pid})")

        started = time.perf_counter()
        views = first_views(server, chosen)
        phases["first views"] = time.perf_counter() - started
        rss_after_views = server.memory_mib("VmRSS")

        before, total_before = briefing_marks(target, ids)
        missing = [story_id for story_id in ids if story_id not in before]
        if missing:
            raise SystemExit(f"no kept briefing after the first view of {missing}")
        time.sleep(1.1)  # creation times have whole seconds: a briefing made from now on differs

        started = time.perf_counter()
        levels = []
        # A cached answer is the same bytes every time: its length must be the first view's.
        expected = {f"/stories/{v.story.story_id}": v.page_bytes for v in views}
        expected |= {f"/api/stories/{v.story.story_id}": v.api_bytes for v in views}
        for endpoint, template in (("/stories/{id}", "/stories/{}"), ("/api/stories/{id}", "/api/stories/{}")):
            paths = [template.format(story_id) for story_id in ids]
            for clients in args.clients:
                levels.append(timed(endpoint, paths, expected, clients, args.requests))
        phases["story loads"] = time.perf_counter() - started
        after, _ = briefing_marks(target, ids)
        changed = [story_id for story_id in ids if after.get(story_id) != before.get(story_id)]

        started = time.perf_counter()
        list_warm = warm_first_list_page(server)
        phases["first list page briefings"] = time.perf_counter() - started
        log(f"first list page: {list_warm[0]} briefings made in {list_warm[1]:.1f} s")
        started = time.perf_counter()
        lists = [
            timed(path, [path], {}, args.list_clients, max(args.requests // 2, 100)) for path in ("/", "/api/stories")
        ]
        phases["list loads"] = time.perf_counter() - started
        final, total_after = briefing_marks(target, ids)
        changed += [s for s in ids if final.get(s) != before.get(s) and s not in changed]
        peak_rss = server.memory_mib("VmHWM")
        threads = server.threads()
    finally:
        server.stop()

    return Run(
        articles=articles, stories=story_count, story_sizes=sizes, chosen=chosen, database_note="",
        kept_briefings=args.keep_briefings,
        client=args.client, requests=args.requests, warmup=args.warmup, load_at_start=None,
        phases=phases, startup_s=startup_s, views=views, levels=levels, lists=lists, list_warm=list_warm,
        briefings_checked=len(ids), briefings_changed=changed, briefings_total_before=total_before,
        briefings_total_after=total_after, rss_after_views_mib=rss_after_views, peak_rss_mib=peak_rss,
        server_threads=threads, command="",
        backend="PostgreSQL" if postgres is not None else "SQLite",
        postgres_settings=postgres.settings if postgres is not None else None,
        postgres_local=postgres.local if postgres is not None else True,
        database_cpu_s=database_cpu if postgres is not None else None,
    )


if __name__ == "__main__":
    sys.exit(main())
