"""A small hand-made briefing (a ferry that opens on a disputed day) shared by the story-view and page tests."""

from __future__ import annotations

import datetime as dt

from newsweave.model import (
    Agreement,
    Analysis,
    Briefing,
    Conflict,
    Evidence,
    Position,
    RemovedFromSource,
    SingleSourceClaim,
    SourceChain,
    SourceInfo,
    Story,
    SummarySentence,
)

OPENS_MONDAY = "The ferry service opens on Monday, the council said."
OPENS_TUESDAY = "The ferry service opens on Tuesday, according to the operator."
FARE = "A single fare will cost four pounds."


def source_info(number: int, outlet: str | None, external_id: str | None) -> SourceInfo:
    return SourceInfo(f"S{number}", outlet, None, None, None, f"s{number}.txt", external_id=external_id)


def ferry_briefing(**analysis: object) -> Briefing:
    conflict = Conflict(
        "the ferry service opens on …",
        "date",
        (
            Position("Monday", OPENS_MONDAY, ("S1", "S3"), "the council", (Evidence("S1", OPENS_MONDAY),),
                     via=("Wire (S3)",), normalized="2024-05-06 (Monday)"),
            Position("Tuesday", OPENS_TUESDAY, ("S2",), None, (Evidence("S2", OPENS_TUESDAY),)),
        ),
    )
    return Briefing(
        story=Story("Ferry opens", dt.date(2024, 5, 1), dt.date(2024, 5, 2)),
        sources=(source_info(1, "Daily Quay", "a-1"), source_info(2, "Harbour Post", "a-2"), source_info(3, None, None)),
        summary=(SummarySentence(FARE, ("S1", "S2"), (Evidence("S1", FARE), Evidence("S2", "Fares are four pounds."))),),
        analysis=Analysis(
            agreements=(Agreement(FARE, ("S1", "S2"), 2, (Evidence("S1", FARE), Evidence("S2", "Fares are four pounds."))),),
            conflicts=(conflict,),
            single_source=(SingleSourceClaim("The boat was built in Leith.", "S2", None),),
            chains=(SourceChain("S3", ("Wire",)),),
            **analysis,  # type: ignore[arg-type]
        ),
        removed=(RemovedFromSource("S1", "Follow us", "shared across sources"),),
    )
