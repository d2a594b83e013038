"""The load stage: read articles from files, folders or bytes into RawDocuments.

Supported inputs are plain text (.txt, .md), saved web pages (.html, .htm),
one article or a list of articles as JSON (.json) and one article a line
(.jsonl). Every input that cannot be used is reported as a one-line
InputProblem; loading never raises for bad input.
"""

from __future__ import annotations

from .files import load_inputs
from .formats import SUPPORTED_EXTENSIONS, load_bytes

__all__ = ["SUPPORTED_EXTENSIONS", "load_bytes", "load_inputs"]
