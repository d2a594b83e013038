"""The conflict detectors, as rows of one table: what each reads and which kinds of conflict it reports.

Every detector takes the same story context and returns conflicts; the table says
which `ConflictKind`s each may report, and a test checks that the table and
`ConflictKind` cover each other, so a new kind cannot appear without a detector
declaring it, nor a detector report a kind the contract does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave.analyze.differences import find_claim_conflicts
from newsweave.analyze.opposites import find_opposite_conflicts
from newsweave.analyze.platforms import find_platform_conflicts
from newsweave.analyze.ranks import find_rank_conflicts
from newsweave.analyze.roles import Role
from newsweave.analyze.titles import find_title_conflicts
from newsweave.analyze.weekday_dates import find_weekday_date_conflicts
from newsweave.config import Settings
from newsweave.model import AnalyzedArticle, Attribution, Claim, Conflict, ConflictKind

# A kind the contract reads but no detector reports: a briefing written by another producer may carry it.
UNTYPED_KIND: ConflictKind = "other"


@dataclass(frozen=True)
class StoryContext:
    """What the detectors read: the aligned claims, the original (not copied) articles, who said what."""

    claims: Sequence[Claim]
    originals: Sequence[AnalyzedArticle]
    attributions: dict[str, list[Attribution | None]]
    settings: Settings
    slot_conflicts: tuple[Conflict, ...]  # found with the slot values, which also give updates and agreements
    roles: dict[str, list[Role]] | None = None  # people's roles by name, read once per story (analyze/roles.py)


@dataclass(frozen=True)
class Detector:
    name: str
    kinds: frozenset[ConflictKind]
    find: Callable[[StoryContext], Sequence[Conflict]]


DETECTORS: tuple[Detector, ...] = (
    Detector(
        "values of one slot (dates, times, figures)",
        frozenset({"date", "time", "number"}),
        lambda c: c.slot_conflicts,
    ),
    Detector(
        "aligned sentences word for word (places, names, negation, verdicts)",
        frozenset({"place", "name", "negation"}),
        lambda c: find_claim_conflicts(c.claims, c.originals, c.attributions, c.settings.difference_similarity),
    ),
    Detector(
        "opposite descriptions across the story",
        frozenset({"place"}),
        lambda c: find_opposite_conflicts(c.originals),
    ),
    Detector(
        "whether a person still holds a title",
        frozenset({"name"}),
        lambda c: find_title_conflicts(c.originals),
    ),
    Detector(
        "one weekday pinned to different dates",
        frozenset({"date"}),
        lambda c: find_weekday_date_conflicts(c.originals),
    ),
    Detector(
        "the platform a person posted a statement on",
        frozenset({"name"}),
        lambda c: find_platform_conflicts(c.originals),
    ),
    Detector(
        "which office a person holds (a deputy or acting holder, or the office itself)",
        frozenset({"name"}),
        lambda c: find_rank_conflicts(c.originals, c.roles),
    ),
)


@dataclass(frozen=True)
class Detected:
    detector: str
    conflict: Conflict


def run_detectors(context: StoryContext, detectors: Sequence[Detector] = DETECTORS) -> list[Detected]:
    """Every detector's conflicts, in table order, each with the detector that found it."""
    return [Detected(detector.name, conflict) for detector in detectors for conflict in detector.find(context)]
