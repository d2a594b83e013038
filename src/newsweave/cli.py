"""The `newsweave` command: a thin layer over the library.

Exit status: 0 all inputs used, 1 some input skipped or nothing to brief,
2 usage error. Problems are printed on stderr, one line each, naming the
input; no traceback reaches the user (set NEWSWEAVE_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from newsweave.config import DEFAULT_SETTINGS
from newsweave.errors import NewsweaveError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("md", "json", "html")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every command and option is documented here and in README.md."""
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Read one news story across many outlets: agreements, disagreements, who claims what.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    brief = commands.add_parser(
        "brief",
        help="brief the articles given as one story",
        description="Brief the articles in PATH (files or folders: .txt .md .html .json .jsonl) as one story.",
    )
    brief.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    brief.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    brief.add_argument(
        "--words", type=_positive_int, default=DEFAULT_SETTINGS.summary_words, help="summary length cap in words (default: 200)"
    )
    brief.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    brief.set_defaults(handler=_run_brief)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _run_brief(args: argparse.Namespace) -> int:
    from newsweave.pipeline import brief_paths
    from newsweave.render import render_briefing

    settings = dataclasses.replace(DEFAULT_SETTINGS, summary_words=args.words)
    run = brief_paths(args.paths, settings)
    for problem in run.problems:
        _error(str(problem))
    if run.briefing is None:
        _error("nothing to brief: no usable article among the inputs")
        return EXIT_FAILED
    text = render_briefing(run.briefing, args.format)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write output ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)
    return EXIT_FAILED if run.problems else EXIT_OK


def _error(message: str) -> None:
    print(f"newsweave: {message}", file=sys.stderr)


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
