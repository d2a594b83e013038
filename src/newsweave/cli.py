"""The `newsweave` command: a thin layer over the library.

Exit status: 0 all inputs used, 1 some input skipped or nothing to brief,
2 usage error. Problems are printed on stderr, one line each, naming the
input with its control characters escaped; no traceback reaches the user
(set NEWSWEAVE_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import time
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave import __version__
from newsweave.config import DEFAULT_SETTINGS
from newsweave.errors import NewsweaveError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from newsweave.pipeline import IngestReport
    from newsweave.store import ArticleStore

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("md", "json", "html")
DEFAULT_DB = "newsweave.db"
DB_VARIABLE = "NEWSWEAVE_DB"  # the database used when --db is not given
STDOUT_NAME = "-"  # as an output file: standard output


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every command and option is documented here and in README.md."""
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Read one news story across many outlets: agreements, disagreements, who claims what.",
    )
    parser.add_argument("--version", action="version", version=f"newsweave {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    brief = commands.add_parser(
        "brief",
        help="brief the articles given as one story, or a stored story",
        description="Brief the articles in PATH (files or folders: .txt .md .html .json .jsonl, or - for "
        "standard input) as one story, or a story of the corpus database with --story.",
    )
    brief.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders, - for standard input")
    brief.add_argument("--story", metavar="ID", help="brief this story of the database instead of files")
    brief.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    brief.add_argument(
        "--words", type=_positive_int, default=DEFAULT_SETTINGS.summary_words, help="summary length cap in words (default: 200)"
    )
    brief.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output (- for it)")
    brief.add_argument("--quiet", action="store_true", help="no progress display")
    _add_db_option(brief)
    brief.set_defaults(handler=_run_brief)

    ingest = commands.add_parser(
        "ingest",
        help="add articles to the corpus database, fold copies, group them into stories",
        description="Ingest SOURCE: files, folders, .jsonl, saved .html, RSS/Atom feeds (file or URL), "
        "article URLs, or - for standard input. Re-ingesting the same input adds nothing.",
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="what to ingest")
    ingest.add_argument(
        "--allow-private", action="store_true", help="allow URLs that resolve to private or loopback addresses"
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument(
        "--format", choices=("text", "json"), default="text", help="summary as one line of text or as JSON (default: text)"
    )
    _add_db_option(ingest)
    ingest.set_defaults(handler=_run_ingest)

    batch = commands.add_parser(
        "batch",
        help="build a corpus from large JSONL or Parquet inputs with Spark (needs the spark extra and Java)",
        description="Do what ingest does for SOURCE (.jsonl or .parquet files, or folders of them) as one Spark "
        "job: reading, cleaning, signing and copy finding in parallel, story grouping on the driver. Writes "
        "an empty database (--db) or Parquet files (--parquet; load them with load-parquet).",
    )
    batch.add_argument("sources", nargs="+", metavar="SOURCE", help=".jsonl or .parquet files, or folders of them")
    output = batch.add_mutually_exclusive_group(required=True)
    output.add_argument("--db", metavar="DB", help="new corpus database: a file, or a postgresql://USER@HOST/NAME URL")
    output.add_argument("--parquet", metavar="DIR", help="write articles.parquet and stories.parquet into DIR instead")
    _add_spark_options(batch)
    batch.add_argument("--partitions", type=_positive_int, metavar="N", help="Spark partitions (default: twice the cores, more for a large input: at most 5,000 documents each)")
    batch.set_defaults(handler=_run_batch)

    load_parquet = commands.add_parser(
        "load-parquet",
        help="write the Parquet output of batch --parquet into an empty corpus database",
    )
    load_parquet.add_argument("directory", metavar="DIR", help="the folder batch --parquet wrote")
    _add_db_option(load_parquet)
    _add_spark_options(load_parquet)
    load_parquet.set_defaults(handler=_run_load_parquet)

    listing = commands.add_parser(
        "stories",
        help="list the stories of the corpus database, newest first, with counts of disagreements and of "
        "updates over time from their briefings",
    )
    listing.add_argument("--since", type=_date, metavar="DATE", help="only stories active on or after DATE (YYYY-MM-DD)")
    listing.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    listing.add_argument("--limit", type=_positive_int, metavar="N", help="at most N stories")
    _add_db_option(listing)
    listing.set_defaults(handler=_run_stories)

    search = commands.add_parser("search", help="full-text search over the stored articles")
    search.add_argument("query", metavar="QUERY", help="words to look for (all must occur)")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N results (default: 20)")
    search.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    _add_db_option(search)
    search.set_defaults(handler=_run_search)

    export = commands.add_parser("export", help="write every stored article, losslessly, for backup or another tool")
    export.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format (default: jsonl)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output (- for it)")
    _add_db_option(export)
    export.set_defaults(handler=_run_export)

    copy = commands.add_parser(
        "copy",
        help="copy a whole corpus database into a new one (SQLite to PostgreSQL and back)",
        description="Copy every article, story, kept briefing and the clustering checkpoint of the database "
        "FROM into the empty database TO (a file or a postgresql:// URL); ingest then carries on in TO "
        "exactly as it would have in FROM.",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="FROM", help="the database to copy")
    copy.add_argument("--to", dest="target", required=True, metavar="TO", help="the new, empty database")
    copy.add_argument("--quiet", action="store_true", help="no progress display")
    copy.set_defaults(handler=_run_copy)

    serve = commands.add_parser(
        "serve",
        help="serve the web reader and the JSON API over the corpus database",
        description="Serve the stories of the database as web pages and a JSON API (OpenAPI schema at "
        "/openapi.json). Writing (POST /api/articles) needs NEWSWEAVE_TOKEN set in the environment.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    _add_db_option(serve)
    serve.set_defaults(handler=_run_serve)
    return parser


def _add_db_option(command: argparse.ArgumentParser) -> None:
    # The help never shows the default's value: $NEWSWEAVE_DB may be a URL holding a password.
    command.add_argument(
        "--db",
        default=os.environ.get(DB_VARIABLE) or DEFAULT_DB,
        metavar="DB",
        help=f"corpus database: a file, or a postgresql://USER@HOST/NAME URL (default: ${DB_VARIABLE}, "
        f"else {DEFAULT_DB} here)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-06-11, got {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535")
    return value


def _run_brief(args: argparse.Namespace) -> int:
    from newsweave.pipeline import brief_paths, brief_story
    from newsweave.render import render_briefing

    if bool(args.paths) == bool(args.story):
        raise UsageError("give article PATHs or --story ID (one of the two)")
    settings = dataclasses.replace(DEFAULT_SETTINGS, summary_words=args.words)
    if args.story:
        with _open_existing_store(args.db) as store:
            run = brief_story(store, args.story, settings)
    else:
        stdin = sys.stdin.buffer if "-" in args.paths else None
        with _stage_display(enabled=not args.quiet and sys.stderr.isatty()) as progress:
            run = brief_paths(args.paths, settings, stdin=stdin, progress=progress)
    for problem in run.problems:
        _error(str(problem))
    if run.briefing is None:
        _error("nothing to brief: no usable article among the inputs")
        return EXIT_FAILED
    _write(render_briefing(run.briefing, args.format), args.output)
    return EXIT_FAILED if run.problems else EXIT_OK


def _run_ingest(args: argparse.Namespace) -> int:
    from newsweave.pipeline import ingest_sources
    from newsweave.store import open_store

    stdin = sys.stdin.buffer if "-" in args.sources else None
    with open_store(args.db) as store, _progress_bar(enabled=not args.quiet and sys.stderr.isatty()) as progress:
        report = ingest_sources(
            args.sources, store, DEFAULT_SETTINGS, allow_private=args.allow_private, stdin=stdin, progress=progress
        )
    for problem in report.failed:
        _error(str(problem))
    if args.format == "json":
        _write(json.dumps(ingest_summary(report), ensure_ascii=False, indent=2) + "\n", None)
    else:
        print(report.summary())
    return EXIT_FAILED if report.failed else EXIT_OK


def _add_spark_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--master", default="local[*]", help="Spark master: local[N] on this machine, spark://HOST:PORT for a cluster "
        "(default: local[*], every core)"
    )


def _run_batch(args: argparse.Namespace) -> int:
    from newsweave.pipeline.batch import BatchOptions, run_batch

    options = BatchOptions(tuple(args.sources), db=args.db, parquet=args.parquet, master=args.master,
                           partitions=args.partitions)  # fmt: skip
    report = run_batch(options)
    for problem in report.failed:
        _error(str(problem))
    print(report.summary())
    return EXIT_FAILED if report.failed else EXIT_OK


def _run_load_parquet(args: argparse.Namespace) -> int:
    from newsweave.pipeline.batch import load_parquet
    from newsweave.store import display_name

    outcome = load_parquet(args.directory, args.db, args.master)
    print(f"{outcome.articles} articles ({outcome.copies} copies) and {outcome.stories} stories loaded into "
          f"{display_name(args.db)}")  # fmt: skip
    return EXIT_OK


def ingest_summary(report: IngestReport) -> dict[str, Any]:
    """The ingest summary as `ingest --format json` prints it (field names as in POST /api/articles)."""
    return {
        "schema": "newsweave.ingest/1",
        "seen": report.seen,
        "added": report.added,
        "added_ids": list(report.added_ids),
        "already_stored": report.duplicates,
        "copies": report.copies,
        "failed": [{"input": problem.input, "problem": problem.problem} for problem in report.failed],
        "stories_opened": report.stories_opened,
        "stories_grown": report.stories_grown,
        "stories_split": report.stories_split,
        "stories_closed": report.stories_closed,
        "seconds": round(report.seconds, 3),
    }


def _run_stories(args: argparse.Namespace) -> int:
    from newsweave.render.stories import render_stories_json, render_stories_table
    from newsweave.store import current_stamps

    with _open_existing_store(args.db) as store:
        stories = store.list_stories(since=args.since, limit=args.limit)
        counts = current_stamps(store, stories)  # briefings the web reader kept; listing never makes one
        if args.format == "json":
            articles = {story.id: store.story_articles(story.id) for story in stories}
            _write(render_stories_json(stories, articles, counts), None)
        else:
            _write(render_stories_table(stories, counts), None)
    return EXIT_OK


def _run_search(args: argparse.Namespace) -> int:
    with _open_existing_store(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.format == "json":
        rows = [
            {"rank": h.rank, "id": h.article_id, "title": h.title, "outlet": h.outlet,
             "published": h.published.isoformat() if h.published else None, "snippet": h.snippet}
            for h in hits
        ]
        _write(json.dumps({"query": args.query, "hits": rows}, ensure_ascii=False, indent=2) + "\n", None)
    else:
        lines = [
            f"{h.rank:>3}. {h.article_id}  {h.published or '-'}  {h.outlet or '-'}  {h.title or '(no title)'}\n"
            f"     {' '.join(h.snippet.split())}"
            for h in hits
        ]
        _write("\n".join(lines) + ("\n" if lines else f"no article matches {args.query!r}\n"), None)
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    with _open_existing_store(args.db) as store:
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in store.export_rows())
        if args.output and args.output != STDOUT_NAME:
            try:
                with open(args.output, "w", encoding="utf-8") as handle:
                    handle.writelines(lines)
            except OSError as exc:
                raise UsageError(f"{args.output}: cannot write output ({exc.strerror or exc})") from None
        else:
            sys.stdout.writelines(lines)
    return EXIT_OK


def _run_copy(args: argparse.Namespace) -> int:
    from newsweave.pipeline.copy_corpus import copy_corpus
    from newsweave.store import display_name, open_store

    with _open_existing_store(args.source) as source, open_store(args.target) as target:
        total = source.count()

        def progress(done: int) -> None:
            if not args.quiet:
                print(f"newsweave: copied {done:,} of {total:,} articles", file=sys.stderr)

        report = copy_corpus(source, target, progress)
    print(f"newsweave: {report.summary()} from {display_name(args.source)} to {display_name(args.target)}", file=sys.stderr)
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from newsweave.store import display_name
    from newsweave.web import WebOptions, create_app
    from newsweave.web.server import serve
    from newsweave.web.state import TOKEN_VARIABLE

    _open_existing_store(args.db).close()  # a missing or foreign database is refused before the server starts
    token = os.environ.get(TOKEN_VARIABLE) or None
    app = create_app(WebOptions(db_path=args.db, token=token))
    writes = "writes allowed with the token" if token else f"read-only (set {TOKEN_VARIABLE} to allow writes)"
    shown = display_name(args.db)
    print(f"newsweave: serving {shown} at http://{args.host}:{args.port}/ ({writes}); Ctrl-C stops", file=sys.stderr)
    serve(app, args.host, args.port, DEFAULT_SETTINGS)  # uvicorn, cutting off clients too slow to send a request
    return EXIT_OK


def _open_existing_store(target: str) -> ArticleStore:
    """Open a database that must exist already: reading commands never create an empty one."""
    from newsweave.store import open_store

    return open_store(target, create=False)


@contextlib.contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar with rate and ETA on standard error, or nothing when not a terminal."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}/s"),
        TimeRemainingColumn(), console=_stderr_console(), transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, rate="-")
        started = time.perf_counter()

        def update(done: int, total: int) -> None:
            elapsed = max(time.perf_counter() - started, 1e-6)
            bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f}")

        yield update


@contextlib.contextmanager
def _stage_display(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A spinner on standard error naming the briefing's current stage, or nothing when not a terminal."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("briefing: {task.description}"), TimeElapsedColumn(),
        console=_stderr_console(), transient=True,
    ) as display:
        task = display.add_task("starting", total=None)

        def update(stage: str) -> None:
            display.update(task, description=STAGE_LABELS.get(stage, stage))

        yield update


# What each stage of the briefing does, as the progress display says it.
STAGE_LABELS = {
    "load": "reading the inputs",
    "clean": "removing boilerplate",
    "metadata": "reading outlets, titles and dates",
    "nlp": "parsing and embedding sentences",
    "dedupe": "finding copies",
    "coherence": "checking the articles tell one story",
    "align": "grouping sentences into claims",
    "analyze": "finding conflicts, quotes and the timeline",
    "summarize": "writing the summary",
}


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _write(text: str, output: str | None) -> None:
    if output and output != STDOUT_NAME:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{output}: cannot write output ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)


def printable(text: str) -> str:
    """`text` with control characters written as escapes (a newline as \\n, ESC as \\x1b).

    Input names come from the file system and the network: raw, a name could
    recolour the terminal, move the cursor or fake a second problem line.
    """
    return "".join(_escape(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES or char in _BIDI_CONTROLS
                   else char for char in text)


# Cc: C0/C1 controls and DEL; Zl/Zp: line and paragraph separators; Cs: undecodable bytes of a file name.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
# Bidirectional overrides and isolates reorder what is shown; other format characters (joiners) are harmless.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    if char in "\n\r\t":
        return char.encode("unicode_escape").decode("ascii")
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _error(message: str) -> None:
    print(f"newsweave: {printable(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsweave` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except NewsweaveError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: users get one line, not a traceback
        if os.environ.get("NEWSWEAVE_DEBUG"):
            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {exc} (set NEWSWEAVE_DEBUG=1 for details and please report it)")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
