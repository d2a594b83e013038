"""The web benchmark's records and its report: the tables and paragraphs of docs/benchmarks.md."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bench_common import REPO_ROOT, machine_summary, markdown_table, median, today, write_marked_section
from web_load import LevelResult

START_MARKER = "<!-- web:start -->"
END_MARKER = "<!-- web:end -->"
POSTGRES_START_MARKER = "<!-- web-postgres:start -->"
POSTGRES_END_MARKER = "<!-- web-postgres:end -->"
DOC_PATH = REPO_ROOT / "docs" / "benchmarks.md"
TARGET_P95_MS = 150.0  # a cached story page at 50 clients, on 2 cores
TARGET_CLIENTS = 50


@dataclass(frozen=True)
class Chosen:
    story_id: str
    articles: int
    kind: str  # "largest" or "ordinary"


@dataclass(frozen=True)
class FirstView:
    story: Chosen
    page_s: float  # the first story page: makes the briefing, renders the page
    api_s: float  # the first /api/stories/{id} after it: briefing already made
    page_bytes: int
    api_bytes: int


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
    backend: str = "SQLite"  # or "PostgreSQL"
    postgres_settings: dict[str, str] | None = None  # SHOW of the server, for a PostgreSQL run
    postgres_local: bool = True  # the PostgreSQL server runs on this machine (its backends' CPU is read)
    # CPU seconds of the web server's PostgreSQL backends over each level, by (endpoint, clients); None: not read
    database_cpu_s: dict[tuple[str, int], float | None] | None = None

    @property
    def postgres(self) -> bool:
        return self.backend == "PostgreSQL"


def database_cpu_ms(run: Run, result: LevelResult) -> str:
    """The PostgreSQL backends' CPU time per request over a level, or a dash where not read."""
    spent = (run.database_cpu_s or {}).get((result.endpoint, result.clients))
    return "—" if spent is None else f"{spent * 1000 / max(result.requests, 1):.1f}"


def level_rows(run: Run, levels: Sequence[LevelResult]) -> list[list[str]]:
    rows = []
    for r in levels:
        cpu = r.server_cpu_s * 1000 / r.requests if r.requests else math.nan
        rows.append([
            f"`{r.endpoint}`", str(r.clients), f"{r.requests:,}", f"{r.figure(0.5):.1f}", f"{r.figure(0.95):.1f}",
            f"{r.figure(0.99):.1f}", f"{max(r.latencies_ms, default=math.nan):.1f}", f"{r.throughput:.0f}",
            f"{cpu:.1f}", *([database_cpu_ms(run, r)] if run.postgres else []), str(r.errors),
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


def database_paragraph(run: Run, sizes: Sequence[int]) -> str:
    corpus = (
        f"Database: {run.database_note}: {run.articles:,} articles in {run.stories:,} stories (articles per story: "
        f"median {median(sizes):.0f}, largest {sizes[-1]})."
    )
    if not run.postgres:
        return (
            corpus + " It is copied and its kept briefings are removed "
            "from the copy, which `newsweave serve --db COPY --port P` serves in a process of its own (default "
            "options: background briefing on, read-only). The server's CPU time and peak memory come from /proc."
        )
    settings = run.postgres_settings or {}
    where = "on the same machine (loopback), sharing its cores" if run.postgres_local else "on another machine"
    removed = (
        "its kept briefings are removed there (`DELETE FROM briefings`), "
        if not run.kept_briefings else "its kept briefings are left in place (`--keep-briefings`), "
    )
    return (
        corpus + f" Store: **PostgreSQL** {settings.get('server_version', '?')} {where} (shared_buffers "
        f"{settings.get('shared_buffers', '?')}, fsync {settings.get('fsync', '?')}, synchronous_commit "
        f"{settings.get('synchronous_commit', '?')}). The SQLite database is moved into a fresh schema with "
        f"`newsweave copy --from DB --to URL`, {removed}its tables are vacuumed and analysed, and "
        "`newsweave serve --db URL --port P` serves it in a process of its own (default options: background "
        "briefing on, read-only); the schema is dropped at the end. The server's CPU time and peak memory come "
        "from /proc, as does the CPU time of the PostgreSQL backends serving its connections (found by their "
        "application_name)."
    )


def report(run: Run) -> str:
    header = ["Endpoint", "Clients", "Requests", "Median ms", "p95 ms", "p99 ms", "Max ms", "Req/s",
              "Server CPU ms/req", *(["PostgreSQL CPU ms/req"] if run.postgres else []), "Errors"]
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
        f"server CPU {r.server_cpu_s * 1000 / max(r.requests, 1):.1f} ms/req, "
        + (f"PostgreSQL CPU {database_cpu_ms(run, r)} ms/req, " if run.postgres else "")
        + f"{r.requests:,} requests, {r.errors} errors"
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
    cpu_note = (
        "Server CPU ms/req is the server process's CPU time over the level divided by its requests (both cores count)."
    )
    if run.postgres:
        cpu_note += (
            " PostgreSQL CPU ms/req is the same for the PostgreSQL backends of the server's connections, which "
            "run on the same cores"
            if run.postgres_local else " The PostgreSQL server runs elsewhere: its CPU time is not measured"
        ) + "; warm-up requests count in both."
    regenerate = (
        [
            "Regenerate (rewrites this section only, not the SQLite one; needs a PostgreSQL server, "
            '`eval "$(scripts/postgres-test-server)"` starts one; builds the SQLite database into '
            "`out/bench-web/` the first time, several minutes, and reuses it after):",
        ]
        if run.postgres
        else [
            "Regenerate (rewrites this section only; builds the database into `out/bench-web/` the first time, "
            "several minutes, and reuses it after):",
        ]
    )
    return "\n".join([
        "## Web server latency over PostgreSQL" if run.postgres else "## Web server latency",
        "",
        f"Measured {today()} on {machine_summary(run.load_at_start)}.",
        "",
        database_paragraph(run, sizes),
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
        markdown_table(header, level_rows(run, run.levels)),
        "",
        f"{cpu_note} The load generator itself used {client_cpu:.0%} of one core on average over these levels.",
        "",
        f"**Lists** (after the {run.list_warm[0]} briefings the first page still lacked were made, in "
        f"{run.list_warm[1]:.0f} s, so that no background briefing runs while lists are timed):",
        "",
        *list_lines,
        "",
        f"**Briefings made once per change**: the kept briefings' revision and creation time (from the "
        f"`briefings` table of the {run.backend} database, read through the store before and after the loads) "
        f"are {unchanged}; the table held "
        f"{run.briefings_total_before} briefings before the story loads and {run.briefings_total_after} after "
        "the lists.",
        "",
        f"**Server memory**: peak RSS (VmHWM) {run.peak_rss_mib:,.0f} MiB; RSS after the first views "
        f"{run.rss_after_views_mib:,.0f} MiB; {run.server_threads} threads at the end"
        + (" (the newsweave process only, not the PostgreSQL server)" if run.postgres else "")
        + f". Start-up until the first answer: {run.startup_s:.1f} s.",
        "",
        target_line(run),
        "",
        f"Phases (wall): {phases}.",
        "",
        *regenerate,
        "",
        "```",
        run.command,
        "```",
    ])


# --------------------------------------------------------------------------- main


def write_postgres_section(section: str) -> None:
    """The PostgreSQL run's own marked section: rewritten where it is; the first time, put after the
    SQLite section (before the next top-level heading that follows it), else at the end."""
    document = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
    sqlite_end = document.find(END_MARKER)
    if POSTGRES_START_MARKER not in document and POSTGRES_END_MARKER not in document and sqlite_end >= 0:
        following = document.find("\n## ", sqlite_end)
        if following >= 0:
            block = f"{POSTGRES_START_MARKER}\n{section.strip()}\n{POSTGRES_END_MARKER}\n\n"
            DOC_PATH.write_text(document[: following + 1] + block + document[following + 1 :], encoding="utf-8")
            return
    write_marked_section(DOC_PATH, POSTGRES_START_MARKER, POSTGRES_END_MARKER, section, "Benchmarks")
