"""The records that flow between stages.

Every stage takes and returns these frozen, typed records; no stage imports
another. Reading this file top to bottom follows the pipeline:
RawDocument (sources) -> Article (clean + metadata) -> AnalyzedArticle (nlp)
-> Claim (align) -> analysis records -> Briefing (summarize, render).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

BRIEFING_SCHEMA = "newsweave.briefing/1"

# --------------------------------------------------------------------------- load


@dataclass(frozen=True)
class RawDocument:
    """One article as a loader read it, before any cleaning.

    `text` is plain text: loaders of HTML extract the article body first.
    Fields the input did not carry are None.
    """

    path: str  # file path, URL or "file.jsonl:12" for a line of a JSONL file
    text: str
    format: Literal["text", "html", "json", "jsonl", "feed", "url"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as written in the input; parsed by metadata
    external_id: str | None = None


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be used, in one line: which input, what went wrong."""

    input: str
    problem: str

    def __str__(self) -> str:
        return f"{self.input}: {self.problem}"


@dataclass(frozen=True)
class LoadResult:
    documents: tuple[RawDocument, ...]
    problems: tuple[InputProblem, ...]


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner took out of an article, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class CleanLine:
    """One line of the input, in reading order, and whether the cleaner kept it."""

    text: str
    removed_because: str | None = None  # None: kept


@dataclass(frozen=True)
class CleanText:
    """An article body after boilerplate removal; `removed` lists everything taken out."""

    text: str
    removed: tuple[RemovedLine, ...]
    lines: tuple[CleanLine, ...] = ()  # every non-blank input line in order, kept or removed


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Article:
    """A cleaned article with its metadata and stable source id (S1, S2, ...)."""

    id: str
    path: str
    text: str  # cleaned body, paragraphs separated by blank lines
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    removed: tuple[RemovedLine, ...] = ()
    external_id: str | None = None
    outlet_evidence: str | None = None  # how the outlet was found: "field", "text: (Reuters)", "file name"
    date_evidence: str | None = None  # "field", "dateline" (with how an ambiguous one was read), "story" (borrowed)


# --------------------------------------------------------------------------- nlp


@dataclass(frozen=True)
class Token:
    """One token of a parsed sentence; `head` indexes the sentence's own tokens."""

    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    whitespace: str = " "


@dataclass(frozen=True)
class Entity:
    """A named entity inside a sentence; token offsets are sentence-relative, end exclusive."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, DATE, CARDINAL, ...
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with its parse. `index` is its position in the article."""

    source: str  # Article.id
    index: int
    text: str
    start_char: int  # offsets into Article.text
    end_char: int
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    paragraph: int = 0
    # headings: subheads and headline-like lines without a verb-final stop; cut: a page's last sentence
    # broken off mid-way (a truncated page), which may back a fact other sources tell but never states one
    kind: Literal["body", "heading", "cut"] = "body"


@dataclass(frozen=True, eq=False)
class AnalyzedArticle:
    """An article with its sentences and one L2-normalised embedding per sentence."""

    article: Article
    sentences: tuple[Sentence, ...]
    vectors: np.ndarray = field(repr=False)  # shape (len(sentences), dim), float32


# --------------------------------------------------------------------------- dedupe


@dataclass(frozen=True)
class CopyGroup:
    """Articles that are copies of one origin (same text pasted twice, a wire story reprinted)."""

    origin: str  # Article.id of the earliest / first member
    members: tuple[str, ...]  # all Article.ids, origin included
    similarity: float  # lowest estimated Jaccard similarity inside the group


# --------------------------------------------------------------------------- align


@dataclass(frozen=True)
class Evidence:
    """A sentence of a source that supports a claim."""

    source: str
    sentence: str
    index: int = -1  # Sentence.index in that source


@dataclass(frozen=True)
class Claim:
    """One fact as told by one or more sources: a group of aligned sentences."""

    id: str  # "C1", "C2", ...
    text: str  # the representative sentence
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for item in self.evidence:
            seen.setdefault(item.source, None)
        return tuple(seen)


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved to a calendar date against the article's own date."""

    text: str  # as written: "Tuesday", "tomorrow", "March 10", "Feb. 24"
    date: dt.date
    start_char: int  # offsets inside the sentence text
    end_char: int
    # How the date is written, which says how much it can be trusted: "absolute" carries its own day
    # ("March 10", "2024-03-10"), "weekday" ("Tuesday") and "relative" ("tomorrow") rest on the article's date.
    form: Literal["absolute", "weekday", "relative"] = "absolute"


@dataclass(frozen=True)
class MonthMention:
    """A month named with no day ("in September", "in October of this year", "in March 2023")."""

    text: str  # as written, without the "in": "October of this year"
    month: int  # 1 to 12
    year: int | None  # None when neither the text nor the article's date gives it
    start_char: int  # offsets inside the sentence text
    end_char: int


@dataclass(frozen=True)
class Attribution:
    """Who a sentence attributes its content to, and through which outlets it came."""

    speaker: str  # "Kremlin spokesman Dmitry Peskov", "a senior Turkish official", "the Kremlin"
    via: tuple[str, ...] = ()  # outlets or agencies named on the way: ("Reuters",), ("Interfax",)
    cue: str = ""  # the reporting verb or phrase: "said", "according to", "cited ... as saying"


@dataclass(frozen=True)
class SourceChain:
    """What a source says it got its report from: 'Press TV, citing Reuters, citing a Turkish official'."""

    source: str
    cites: tuple[str, ...]  # outlets/agencies the source attributes its report to
    copy_of: str | None = None  # Article.id this source is a copy of, if any


@dataclass(frozen=True)
class Agreement:
    claim: str
    sources: tuple[str, ...]
    origins: int  # independent origins behind `sources` (copies and citations folded)
    evidence: tuple[Evidence, ...]


ConflictKind = Literal["date", "time", "number", "place", "name", "negation", "other"]
# How firmly a position's sources state it: as done or so ("confirmed"), as planned or due ("expected": "will
# begin at 4 a.m."), as a possibility ("possible": "could start on Monday"), or as not so ("denied").
Certainty = Literal["confirmed", "expected", "possible", "denied"]


@dataclass(frozen=True)
class Position:
    """One side of a conflict: a value, who reports it, and who they attribute it to."""

    value: str
    claim: str
    sources: tuple[str, ...]
    attributed_to: str | None
    evidence: tuple[Evidence, ...]
    via: tuple[str, ...] = ()  # citation chain, e.g. ("Reuters",) when the source cites Reuters
    normalized: str | None = None  # comparable form: ISO date, value in SI units, ...
    certainty: Certainty = "confirmed"


@dataclass(frozen=True)
class Conflict:
    topic: str
    kind: ConflictKind
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class UpdateValue:
    """One stage of a figure that changed while the story was reported, as the sources of that stage give it."""

    value: str  # as written: "36 people" / "at least 36"
    normalized: str | None
    as_of: str  # what the time rests on: "article dated 2023-03-01", or "undated article"
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Update:
    """A running figure (a toll, a count of injured or arrested) given at several stages, or an event
    told as still to happen and as done ("will be charged" / "has been charged"): not a dispute."""

    topic: str
    values: tuple[UpdateValue, ...]  # latest first; undated stages last


@dataclass(frozen=True)
class SingleSourceClaim:
    claim: str
    source: str
    attributed_to: str | None


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EntityGroup:
    """One real-world entity with the spellings the sources use for it."""

    name: str
    type: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    event: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()  # the sentence of each source that tells the event


@dataclass(frozen=True)
class Framing:
    source: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()  # the sentence each cited source holds, in citation order
    disputed: tuple[int, ...] = ()  # 1-based numbers of the conflicts this sentence is a side of
    updated: tuple[int, ...] = ()  # 1-based numbers of the updates whose earlier stage this sentence gives


# --------------------------------------------------------------------------- briefing


@dataclass(frozen=True)
class Story:
    headline: str | None
    first_published: dt.date | None
    last_published: dt.date | None


@dataclass(frozen=True)
class SourceInfo:
    """A source as the briefing lists it."""

    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    path: str
    cites: tuple[str, ...] = ()
    copy_of: str | None = None
    external_id: str | None = None  # the input's own id; in corpus mode, the stored article's id


@dataclass(frozen=True)
class Gainsay:
    """A sentence's value that other sources state otherwise: they are never cited for that sentence."""

    source: str
    index: int
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SelfContradiction:
    """One article stating two values of one measured thing that cannot both be true: told to the
    reader in the notes, never shown as a dispute between outlets."""

    source: str
    topic: str
    values: tuple[str, ...]  # as written
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis stage finds in one story."""

    agreements: tuple[Agreement, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    updates: tuple[Update, ...] = ()  # figures that changed over time, kept apart from conflicts
    single_source: tuple[SingleSourceClaim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[EntityGroup, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    framing: tuple[Framing, ...] = ()
    chains: tuple[SourceChain, ...] = ()
    gainsaid: tuple[Gainsay, ...] = ()  # for citations only; not part of the briefing contract
    self_contradictions: tuple[SelfContradiction, ...] = ()  # shown as notes, not as conflicts


@dataclass(frozen=True)
class RemovedFromSource:
    """A boilerplate line removed from one source, as the briefing lists it."""

    source: str
    text: str
    reason: str


@dataclass(frozen=True)
class Briefing:
    """The finished, cited, cross-checked briefing of one story; renderers read only this."""

    story: Story
    sources: tuple[SourceInfo, ...]
    summary: tuple[SummarySentence, ...]
    analysis: Analysis
    removed: tuple[RemovedFromSource, ...]
    notes: tuple[str, ...] = ()  # plain-language remarks: copies folded, unrelated articles, ...
    schema: str = BRIEFING_SCHEMA


# --------------------------------------------------------------------------- corpus (store, stories)


@dataclass(frozen=True)
class StoredArticle:
    """An article as the corpus database keeps it; `raw_text` keeps the input lossless for export."""

    id: str  # the input's own id (JSONL `id`), else derived from `identity`
    identity: str  # "url:<normalised URL>" or "text:<sha256 of the cleaned text>": re-ingesting adds nothing
    path: str  # where it came from: a file, "file.jsonl:12", a URL
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    text: str  # cleaned text
    raw_text: str
    removed: tuple[RemovedLine, ...] = ()
    copy_of: str | None = None  # id of the article this one copies (a wire story reprinted)
    story_id: str | None = None
    ingested_at: str = ""  # ISO 8601, UTC


@dataclass(frozen=True, eq=False)
class ArticleSignature:
    """What story clustering knows of an article: lead embedding, named entities, date, body words."""

    article_id: str
    vector: np.ndarray = field(repr=False)  # L2-normalised embedding of title and lead
    entities: frozenset[str] = frozenset()  # normalised names of people, organisations and places
    published: dt.date | None = None
    terms: tuple[tuple[str, int], ...] = ()  # the body's content words and how often each occurs


@dataclass(frozen=True)
class StoryAssignment:
    """Where clustering put an article: an existing story or a new one, and how sure it was."""

    article_id: str
    story_id: str
    opened: bool  # True when the article opened a new story
    score: float  # similarity to the story it joined (1.0 for a new story)


@dataclass(frozen=True)
class StorySplit:
    """A story found to hold two events: the smaller part's articles left it for a new story."""

    kept: str  # the story id the larger part keeps
    new: str  # the id of the story the moved articles now form
    moved: tuple[str, ...]  # article ids, in the order they had joined


@dataclass(frozen=True)
class StoredStory:
    """A story in the corpus: its articles and outlets, its date span, whether it still takes articles."""

    id: str
    headline: str | None
    first_published: dt.date | None
    last_published: dt.date | None
    status: Literal["open", "closed"]
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()

    @property
    def revision(self) -> str:
        """A short fingerprint of the story's membership: it changes whenever an article joins or leaves."""
        digest = hashlib.sha256("\n".join(sorted(self.article_ids)).encode("utf-8"))
        return digest.hexdigest()[:16]
