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
   (revision and creation time, read with sqlite3) did not change during the load, so no
   request made a briefing again.

The server's peak RSS (VmHWM) and CPU time come from /proc. Writes a section of
docs/benchmarks.md. The database is built once and kept in out/bench-web/ (git-ignored);
building it takes several minutes.

    .venv/bin/python benchmarks/bench_web.py
    .venv/bin/python benchmarks/bench_web.py --db corpus.db --no-docs     # an existing database, copied
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
from bench_common import REPO_ROOT, load_average, machine_summary, markdown_table, median, today, write_marked_section
from generate_corpus import generate
from web_load import (
    RUNNERS,
    LevelResult,
    NEWSWEAVE,
    Server,
    log,
    measure,
)

START_MARKER = "<!-- web:start -->"
END_MARKER = "<!-- web:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
DEFAULT_WORKDIR = REPO_ROOT / "out" / "bench-web"  # /out/ is git-ignored

TARGET_P95_MS = 150.0  # a cached story page at 50 clients, on 2 cores
TARGET_CLIENTS = 50
FIRST_VIEW_TIMEOUT_S = 600.0  # one briefing of a large story takes tens of seconds


# --------------------------------------------------------------------------- the database


def count_articles(db: Path) -> int:
    with closing_ro(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def closing_ro(db: Path) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection, closed at the end of a with block (the server may be writing in WAL mode)."""
    return contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30))


def build_database(articles: int, workdir: Path, rebuild: bool) -> tuple[Path, float, bool]:
    """The cached database of `articles` synthetic articles, ingested through the command line.

    Returns (path, seconds spent, whether it was built now). A database is only cached
    once its ingest finished (it is written under a temporary name, then renamed).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"corpus-{articles}.db"
    if db.exists() and not rebuild:
        log(f"reusing {db.relative_to(REPO_ROOT) if db.is_relative_to(REPO_ROOT) else db} "
            f"({count_articles(db):,} articles); --rebuild makes it again")
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


@dataclass(frozen=True)
class Chosen:
    story_id: str
    articles: int
    kind: str  # "largest" or "ordinary"


def choose_stories(db: Path, count: int) -> tuple[list[Chosen], int, list[int]]:
    """The largest stories and ordinary ones (evenly spread between the quartiles of size), deterministically.

    Returns (chosen, number of stories, sizes of all stories sorted).
    """
    with closing_ro(db) as connection:
        rows = connection.execute(
            """SELECT story_id, COUNT(*) AS size FROM articles WHERE story_id IS NOT NULL
               GROUP BY story_id ORDER BY size DESC, story_id"""
        ).fetchall()
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


def briefing_marks(db: Path) -> dict[str, tuple[str, str]]:
    """(revision, created_at) of every kept briefing, by story id."""
    with closing_ro(db) as connection:
        rows = connection.execute("SELECT story_id, revision, created_at FROM briefings").fetchall()
    return {story_id: (revision, created_at) for story_id, revision, created_at in rows}


# --------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class FirstView:
    story: Chosen
    page_s: float  # the first story page: makes the briefing, renders the page
    api_s: float  # the first /api/stories/{id} after it: briefing already made
    page_bytes: int
    api_bytes: int


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


@dataclass
class Run:
    articles: int
    stories: int
    story_sizes: list[int]
    chosen: list[Chosen]
    database_note: str
    kept_briefings: bool
    client: str
    requests: int
    warmup: int
    load_at_start: float | None
    phases: dict[str, float]
    startup_s: float
    views: list[FirstView]
    levels: list[LevelResult]
    lists: list[LevelResult]
    list_warm: tuple[int, float]
    briefings_checked: int
    briefings_changed: list[str]
    briefings_total_before: int
    briefings_total_after: int
    rss_after_views_mib: float
    peak_rss_mib: float
    server_threads: int
    command: str


def level_rows(levels: Sequence[LevelResult]) -> list[list[str]]:
    rows = []
    for r in levels:
        cpu = r.server_cpu_s * 1000 / r.requests if r.requests else math.nan
        rows.append([
            f"`{r.endpoint}`", str(r.clients), f"{r.requests:,}", f"{r.figure(0.5):.1f}", f"{r.figure(0.95):.1f}",
            f"{r.figure(0.99):.1f}", f"{max(r.latencies_ms, default=math.nan):.1f}", f"{r.throughput:.0f}",
            f"{cpu:.1f}", str(r.errors),
        ])
    return rows


def target_line(run: Run) -> str:
    page = [r for r in run.levels if r.endpoint == "/stories/{id}" and r.clients == TARGET_CLIENTS]
    if not page:
        return (f"Target: p95 ≤ {TARGET_P95_MS:.0f} ms for a cached story page at {TARGET_CLIENTS} clients: "
                "not measured.")
    value = page[0].figure(0.95)
    verdict = "PASS" if value <= TARGET_P95_MS and not page[0].errors else "MISSED"
    return (f"Target: p95 ≤ {TARGET_P95_MS:.0f} ms for a cached story page at {TARGET_CLIENTS} clients: "
            f"**{verdict}** ({value:.1f} ms).")


def report(run: Run) -> str:
    header = ["Endpoint", "Clients", "Requests", "Median ms", "p95 ms", "p99 ms", "Max ms", "Req/s",
              "Server CPU ms/req", "Errors"]
    page_s = [v.page_s for v in run.views]
    api_ms = [v.api_s * 1000 for v in run.views]
    largest = [v.page_s for v in run.views if v.story.kind == "largest"]
    ordinary = [v.page_s for v in run.views if v.story.kind == "ordinary"]
    sizes = run.story_sizes
    chosen_sizes = ", ".join(str(c.articles) for c in run.chosen)
    unchanged = (
        f"unchanged for all {run.briefings_checked} chosen stories"
        if not run.briefings_changed else f"**changed** for {', '.join(run.briefings_changed)}"
    )
    list_lines = [
        f"- `{r.endpoint}` at {r.clients} clients: median {r.figure(0.5):.1f} ms, p95 {r.figure(0.95):.1f} ms, "
        f"p99 {r.figure(0.99):.1f} ms, max {max(r.latencies_ms, default=math.nan):.1f} ms, {r.throughput:.0f} req/s, "
        f"server CPU {r.server_cpu_s * 1000 / max(r.requests, 1):.1f} ms/req, {r.requests:,} requests, "
        f"{r.errors} errors"
        for r in run.lists
    ]
    phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in run.phases.items())
    client_note = (
        "one asyncio event loop in the benchmark process, one keep-alive HTTP/1.1 connection per client, "
        "requests written and answers read by hand over asyncio streams (a light client: it shares the two "
        "cores with the server)"
        if run.client == "raw"
        else "one thread per client in the benchmark process, each with its own httpx.Client (one keep-alive "
        "connection)"
    )
    client_cpu = sum(r.client_cpu_s for r in run.levels) / max(sum(r.wall_s for r in run.levels), 1e-9)
    return "\n".join([
        "## Web server latency",
        "",
        f"Measured {today()} on {machine_summary(run.load_at_start)}.",
        "",
        f"Database: {run.database_note}: {run.articles:,} articles in {run.stories:,} stories (articles per story: "
        f"median {median(sizes):.0f}, largest {sizes[-1]}). It is copied and its kept briefings are removed "
        "from the copy, which `newsweave serve --db COPY --port P` serves in a process of its own (default "
        "options: background briefing on, read-only). The server's CPU time and peak memory come from /proc.",
        "",
        f"Stories asked for: {len(run.chosen)}, the {sum(c.kind == 'largest' for c in run.chosen)} largest and "
        f"{sum(c.kind == 'ordinary' for c in run.chosen)} of ordinary size (between the quartiles), articles each: "
        f"{chosen_sizes}. Clients: {client_note}. Each client asks for the stories in turn, starting at a "
        f"different one. At each level every client first makes {run.warmup} untimed requests, then together "
        f"they make {run.requests:,} timed ones. Latency is from writing the request to reading the last byte "
        "of the answer; every answer must be 200 with a body (for a story, as long as its first view's: a "
        "cached answer is the same bytes), anything else counts as an error.",
        "",
        (
            "**First view** (the once-per-change computation): each story's page asked for once, in turn, with no "
            "briefing kept; that request makes the briefing, keeps it in the database and renders the page. "
            if not run.kept_briefings
            else "**First view** (`--keep-briefings`: the database's kept briefings were left in place, so this is "
            "reading a kept briefing and rendering the page, **not** making the briefing): "
        )
        + f"Median {median(page_s):.2f} s, max {max(page_s):.2f} s over the {len(page_s)} stories "
        f"(largest: median {median(largest):.2f} s; ordinary: median {median(ordinary):.2f} s). "
        f"The first `/api/stories/{{id}}` after it: median {median(api_ms):.1f} ms, max {max(api_ms):.1f} ms "
        "(no briefing made). Story pages are "
        f"{median([v.page_bytes for v in run.views]) / 1024:.0f} KiB of HTML and briefings "
        f"{median([v.api_bytes for v in run.views]) / 1024:.0f} KiB of JSON (medians).",
        "",
        "**Cached pages and briefings under load**:",
        "",
        markdown_table(header, level_rows(run.levels)),
        "",
        "Server CPU ms/req is the server process's CPU time over the level divided by its requests (both "
        f"cores count). The load generator itself used {client_cpu:.0%} of one core on average over these levels.",
        "",
        f"**Lists** (after the {run.list_warm[0]} briefings the first page still lacked were made, in "
        f"{run.list_warm[1]:.0f} s, so that no background briefing runs while lists are timed):",
        "",
        *list_lines,
        "",
        f"**Briefings made once per change**: the kept briefings' revision and creation time (from the "
        f"`briefings` table, read with sqlite3 before and after the loads) are {unchanged}; the table held "
        f"{run.briefings_total_before} briefings before the story loads and {run.briefings_total_after} after "
        "the lists.",
        "",
        f"**Server memory**: peak RSS (VmHWM) {run.peak_rss_mib:,.0f} MiB; RSS after the first views "
        f"{run.rss_after_views_mib:,.0f} MiB; {run.server_threads} threads at the end. Start-up until the first "
        f"answer: {run.startup_s:.1f} s.",
        "",
        target_line(run),
        "",
        f"Phases (wall): {phases}.",
        "",
        "Regenerate (rewrites this section only; builds the database into `out/bench-web/` the first time, "
        "several minutes, and reuses it after):",
        "",
        "```",
        run.command,
        "```",
    ])


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="serve a copy of this database instead of the synthetic one")
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic corpus size (default 10000)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help="cache and scratch folder (default out/bench-web)")
    parser.add_argument("--rebuild", action="store_true", help="ingest the synthetic database again")
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
    started = time.perf_counter()
    served = workdir / "serving.db"
    if source == served:
        parser.error(f"{args.db} is the benchmark's own copy, which each run overwrites: give another database")
    dropped = copy_for_serving(source, served, args.keep_briefings)
    phases["database copy"] = time.perf_counter() - started
    articles = count_articles(served)
    chosen, story_count, sizes = choose_stories(served, args.stories)
    log(f"{articles:,} articles, {story_count:,} stories; {dropped} kept briefings dropped from the copy; "
        f"chosen story sizes {[c.articles for c in chosen]}")

    command = ".venv/bin/python benchmarks/bench_web.py"
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

    server = Server(served, workdir)
    try:
        startup_s = server.wait_ready()
        phases["server start"] = startup_s
        log(f"server up on port {server.port} after {startup_s:.1f} s (pid {server.process.pid})")

        started = time.perf_counter()
        views = first_views(server, chosen)
        phases["first views"] = time.perf_counter() - started
        rss_after_views = server.memory_mib("VmRSS")

        ids = [c.story_id for c in chosen]
        before = briefing_marks(served)
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
                levels.append(measure(server, args.client, endpoint, paths, expected, clients, args.requests,
                                      args.warmup, args.max_seconds))
        phases["story loads"] = time.perf_counter() - started
        after = briefing_marks(served)
        changed = [story_id for story_id in ids if after.get(story_id) != before.get(story_id)]

        started = time.perf_counter()
        list_warm = warm_first_list_page(server)
        phases["first list page briefings"] = time.perf_counter() - started
        log(f"first list page: {list_warm[0]} briefings made in {list_warm[1]:.1f} s")
        started = time.perf_counter()
        lists = [
            measure(server, args.client, path, [path], {}, args.list_clients, max(args.requests // 2, 100),
                    args.warmup, args.max_seconds)
            for path in ("/", "/api/stories")
        ]
        phases["list loads"] = time.perf_counter() - started
        final = briefing_marks(served)
        changed += [s for s in ids if final.get(s) != before.get(s) and s not in changed]
        peak_rss = server.memory_mib("VmHWM")
        threads = server.threads()
    finally:
        server.stop()

    run = Run(
        articles=articles, stories=story_count, story_sizes=sizes, chosen=chosen, database_note=database_note,
        kept_briefings=args.keep_briefings,
        client=args.client, requests=args.requests, warmup=args.warmup, load_at_start=load_at_start,
        phases=phases, startup_s=startup_s, views=views, levels=levels, lists=lists, list_warm=list_warm,
        briefings_checked=len(ids), briefings_changed=changed, briefings_total_before=len(before),
        briefings_total_after=len(final), rss_after_views_mib=rss_after_views, peak_rss_mib=peak_rss,
        server_threads=threads, command=command,
    )
    section = report(run)
    print(section)
    if not args.no_docs:
        write_marked_section(DOC_PATH, START_MARKER, END_MARKER, section, "Benchmarks")
    errors = sum(r.errors for r in levels + lists)
    return 1 if errors or changed else 0


if __name__ == "__main__":
    sys.exit(main())
