"""One exception tree. Every message says what went wrong and what to do about it."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose. The CLI prints it as one line."""


class UsageError(NewsweaveError):
    """The command line or API call is wrong (exit status 2)."""


class InputError(NewsweaveError):
    """One input cannot be used; the others still are. Carries the input's name."""

    def __init__(self, input_name: str, problem: str) -> None:
        super().__init__(f"{input_name}: {problem}")
        self.input_name = input_name
        self.problem = problem


class NoArticlesError(NewsweaveError):
    """Nothing usable was left to brief after loading and cleaning."""


class ModelUnavailableError(NewsweaveError):
    """A language model package is missing or broken; the message names the package to install."""


class MissingDependencyError(NewsweaveError):
    """An optional dependency is not installed; the message gives the pip command."""

    def __init__(self, package: str, feature: str) -> None:
        super().__init__(f"{feature} needs the '{package}' package: run  pip install {package}")
        self.package = package


class StoreError(NewsweaveError):
    """The corpus database cannot be opened or used; the message names the file and what to do."""


class CheckpointError(NewsweaveError):
    """Saved clustering state that cannot be read back; the ingest replays the corpus instead."""
