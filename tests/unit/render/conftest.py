"""Hand-built briefings for the renderer tests.

One realistic story told by three outlets (one of them reprinting a wire
report), one minimal briefing with no analysis, and one whose article text is
hostile markup.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.model import (
    Agreement,
    Analysis,
    Briefing,
    Conflict,
    EntityGroup,
    Evidence,
    Framing,
    Position,
    Quote,
    RemovedFromSource,
    SingleSourceClaim,
    SourceChain,
    SourceInfo,
    Story,
    SummarySentence,
    TimelineEvent,
)

_HOSTILE_TITLE = "<script>alert(1)</script> Plant fire"
_HOSTILE_QUOTE = '<img src=x onerror=alert(1)> "we are safe"'
_HOSTILE_REMOVED = "<iframe src=//evil.example></iframe>Subscribe now"


def _sources() -> tuple[SourceInfo, ...]:
    return (
        SourceInfo(
            id="S1",
            outlet="Reuters",
            title="Fire at Antwerp chemical plant injures 12",
            url="https://www.reuters.example/world/antwerp-fire",
            published=dt.date(2024, 3, 11),
            path="inputs/reuters.html",
        ),
        SourceInfo(
            id="S2",
            outlet="Harbour Courier",
            title="Blaze at port plant: 12 hurt, says fire brigade",
            url="https://courier.example/news/blaze",
            published=dt.date(2024, 3, 11),
            path="inputs/courier.json",
            cites=("Reuters",),
            copy_of="S1",
        ),
        SourceInfo(
            id="S3",
            outlet="BBC",
            title="Antwerp plant fire: nine treated in hospital",
            url="https://bbc.example/news/world-europe-1",
            published=dt.date(2024, 3, 12),
            path="inputs/bbc.txt",
        ),
    )


def _analysis() -> Analysis:
    reuters_count = "Twelve workers were injured, a fire brigade spokesperson told Reuters."
    courier_count = "Twelve people were hurt, a fire brigade spokesperson told Reuters."
    bbc_count = "Nine people were treated in hospital, the regional governor said."
    return Analysis(
        agreements=(
            Agreement(
                claim="The fire broke out on Sunday evening at a chemical plant in the port of Antwerp.",
                sources=("S1", "S2", "S3"),
                origins=2,
                evidence=(
                    Evidence("S1", "A fire broke out on Sunday evening at a chemical plant in Antwerp's port.", 0),
                    Evidence("S3", "The fire started on Sunday evening at the plant in the port of Antwerp.", 1),
                ),
            ),
        ),
        conflicts=(
            Conflict(
                topic="Number of people injured",
                kind="number",
                positions=(
                    Position(
                        value="12",
                        claim=reuters_count,
                        sources=("S1", "S2"),
                        attributed_to="a fire brigade spokesperson",
                        evidence=(Evidence("S1", reuters_count, 2), Evidence("S2", courier_count, 1)),
                        via=("Reuters",),
                        normalized="12",
                    ),
                    Position(
                        value="nine",
                        claim=bbc_count,
                        sources=("S3",),
                        attributed_to="the regional governor",
                        evidence=(Evidence("S3", bbc_count, 3),),
                        normalized="9",
                    ),
                ),
            ),
        ),
        single_source=(
            SingleSourceClaim(
                claim="Residents within two kilometres were told to keep windows closed.",
                source="S3",
                attributed_to="local police",
            ),
        ),
        quotes=(
            Quote(speaker="Cathy Berx", text="The situation is under control.", sources=("S1", "S3")),
            Quote(speaker="Cathy Berx", text="There is no danger to the public.", sources=("S3",)),
            Quote(speaker="Jan Peeters", text="We heard two loud bangs.", sources=("S1",)),
        ),
        entities=(
            EntityGroup(
                name="Cathy Berx",
                type="PERSON",
                aliases=("Cathy Berx", "Berx", "the governor"),
                sources=("S1", "S3"),
                mentions=4,
            ),
            EntityGroup(name="Antwerp", type="GPE", aliases=("Antwerp",), sources=("S1", "S2", "S3"), mentions=5),
        ),
        timeline=(
            TimelineEvent(date=dt.date(2024, 3, 10), event="Fire breaks out at the plant", sources=("S1", "S3")),
            TimelineEvent(date=dt.date(2024, 3, 11), event="Fire declared under control", sources=("S3",)),
        ),
        framing=(
            Framing(source="S2", terms=("inferno", "chaos")),
            Framing(source="S3", terms=("incident",)),
        ),
        chains=(SourceChain(source="S2", cites=("Reuters",), copy_of="S1"),),
    )


def _removed() -> tuple[RemovedFromSource, ...]:
    return (
        RemovedFromSource(source="S1", text="Reporting by Jane Doe; Editing by John Roe", reason="byline"),
        RemovedFromSource(source="S1", text="Our Standards: The Thomson Reuters Trust Principles.", reason="footer"),
        RemovedFromSource(source="S2", text="Sign up for our daily newsletter", reason="newsletter prompt"),
    )


@pytest.fixture
def briefing() -> Briefing:
    """A three-source briefing with every section filled."""
    return Briefing(
        story=Story(
            headline="Fire at Antwerp chemical plant",
            first_published=dt.date(2024, 3, 11),
            last_published=dt.date(2024, 3, 12),
        ),
        sources=_sources(),
        summary=(
            SummarySentence(
                "A fire broke out on Sunday evening at a chemical plant in the port of Antwerp.", ("S1", "S3")
            ),
            SummarySentence("Reports of the number injured differ: 12 or nine.", ("S1", "S3"), disputed=(1,)),
        ),
        analysis=_analysis(),
        removed=_removed(),
        notes=("S2 (Harbour Courier) reprints S1 (Reuters); they count as one origin.",),
    )


@pytest.fixture
def minimal_briefing() -> Briefing:
    """One source, nothing analysed, no summary, no dates, no headline."""
    return Briefing(
        story=Story(headline=None, first_published=None, last_published=None),
        sources=(SourceInfo(id="S1", outlet=None, title=None, url=None, published=None, path="story.txt"),),
        summary=(),
        analysis=Analysis(),
        removed=(),
    )


@pytest.fixture
def hostile_briefing(briefing: Briefing) -> Briefing:
    """The realistic briefing with markup injected where article text goes."""
    hostile_source = SourceInfo(
        id="S1",
        outlet="Reuters",
        title=_HOSTILE_TITLE,
        url="javascript:alert(1)",
        published=dt.date(2024, 3, 11),
        path="inputs/<b>reuters</b>.html",
    )
    analysis = briefing.analysis
    return Briefing(
        story=Story(_HOSTILE_TITLE, dt.date(2024, 3, 11), dt.date(2024, 3, 12)),
        sources=(hostile_source, *briefing.sources[1:]),
        summary=briefing.summary,
        analysis=Analysis(
            agreements=analysis.agreements,
            conflicts=analysis.conflicts,
            quotes=(Quote(speaker="<b>Mayor</b>", text=_HOSTILE_QUOTE, sources=("S1",)),),
            entities=analysis.entities,
            timeline=analysis.timeline,
        ),
        removed=(RemovedFromSource(source="S1", text=_HOSTILE_REMOVED, reason="<em>footer</em>"),),
    )
