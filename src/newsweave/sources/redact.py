"""Keep credentials written into a URL (`https://user:secret@host/...`) out of every message and record.

A URL given on the command line or found in a feed may carry a user name and
password; they are sent to the server but never repeated in a problem line, a
document's path or its stored URL. The whole user-info part becomes "***": a
user name alone is often a token.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsweave.model import InputProblem, LoadResult, RawDocument

# scheme://userinfo@ — the user info runs to the last "@" before the path, query or fragment starts.
USER_INFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*:[/\\]{2})(?P<userinfo>[^/\\?#\s@]*(?:@[^/\\?#\s@]*)*)@")
HIDDEN = "***"


def redact(text: str) -> str:
    """`text` with the user info of every URL in it replaced by "***"; unchanged when there is none."""
    if "@" not in text:
        return text
    return USER_INFO.sub(lambda match: f"{match.group('scheme')}{HIDDEN}@", text)


def redact_problem(problem: InputProblem) -> InputProblem:
    return InputProblem(redact(problem.input), redact(problem.problem))


def redact_result(result: LoadResult) -> LoadResult:
    """The same result with credentials taken out of every problem and every document's path and URL."""
    return LoadResult(
        documents=tuple(_redact_document(document) for document in result.documents),
        problems=tuple(redact_problem(problem) for problem in result.problems),
    )


def _redact_document(document: RawDocument) -> RawDocument:
    path, url = redact(document.path), redact(document.url) if document.url is not None else None
    if path == document.path and url == document.url:
        return document
    return replace(document, path=path, url=url)
