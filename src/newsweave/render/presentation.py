"""Presentation decisions shared by the Markdown and HTML renderers.

Both human-readable formats show the same things in the same order; keeping
the wording and grouping here means they cannot drift apart. Nothing in this
module escapes text: each renderer escapes for its own output language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsweave.model import Briefing, Quote, RemovedFromSource, SourceInfo, Update

UNTITLED_HEADLINE = "Untitled story"
NO_SUMMARY_TEXT = "No summary could be written for this story."

SECTION_SUMMARY = "Summary"
SECTION_CONFLICTS = "Where the sources disagree"
DISPUTED_TEXT = "disputed"  # the mark on a summary sentence that is one side of a disagreement
UPDATED_TEXT = "since updated"  # the mark on a summary sentence that gives an earlier stage of a changing figure
# How a side that is not stated as fact is marked; a confirmed side carries no mark.
CERTAINTY_TEXT = {"expected": "expected, still to happen", "possible": "stated as possible", "denied": "denied"}
SECTION_UPDATES = "Figures that changed over time"
SECTION_AGREEMENTS = "What they agree on"
SECTION_SINGLE_SOURCE = "Reported by one source only"
SECTION_QUOTES = "Quotes"
SECTION_TIMELINE = "Timeline"
SECTION_ENTITIES = "Entities"
SECTION_FRAMING = "Framing"
SECTION_SOURCES = "Sources"
SECTION_NOTES = "Notes"
SECTION_REMOVED = "Removed boilerplate"


class SourceDirectory:
    """Looks sources up by id and names them the way readers see them, e.g. "S1 (Reuters)"."""

    def __init__(self, briefing: Briefing) -> None:
        self._by_id: dict[str, SourceInfo] = {source.id: source for source in briefing.sources}
        # The analysis stage may know citation chains the source list does not
        # carry; merge them so the Sources table shows everything known.
        self._chain_cites: dict[str, tuple[str, ...]] = {}
        self._chain_copy_of: dict[str, str] = {}
        for chain in briefing.analysis.chains:
            self._chain_cites[chain.source] = chain.cites
            if chain.copy_of:
                self._chain_copy_of[chain.source] = chain.copy_of

    def is_known(self, source_id: str) -> bool:
        """True when the briefing lists a source with this id."""
        return source_id in self._by_id

    def outlet(self, source_id: str) -> str | None:
        """The outlet name of a source, or None when unknown."""
        source = self._by_id.get(source_id)
        return source.outlet if source and source.outlet else None

    def label(self, source_id: str) -> str:
        """The id followed by the outlet name when known: "S1 (Reuters)"."""
        outlet = self.outlet(source_id)
        return f"{source_id} ({outlet})" if outlet else source_id

    def cites(self, source_id: str) -> tuple[str, ...]:
        """Outlets a source attributes its report to, from the source list and the chains."""
        source = self._by_id.get(source_id)
        listed = source.cites if source else ()
        return _unique((*listed, *self._chain_cites.get(source_id, ())))

    def copy_of(self, source_id: str) -> str | None:
        """The id of the source this one is a copy of, if any."""
        source = self._by_id.get(source_id)
        if source and source.copy_of:
            return source.copy_of
        return self._chain_copy_of.get(source_id)

    def origin_count(self) -> int:
        """How many listed sources are not copies of another listed source."""
        return sum(1 for source_id in self._by_id if self.copy_of(source_id) not in self._by_id)


def conflict_anchor(number: int) -> str:
    """The id of a disagreement's card, numbered from 1 in briefing order."""
    return f"conflict-{number}"


def update_anchor(number: int) -> str:
    """The id of the number-th update card (1-based), which a summary sentence's mark links to."""
    return f"update-{number}"


def shown_updates(numbers: Iterable[int], updates: Sequence[Update]) -> list[int]:
    """The update numbers (1-based) of a summary sentence's marks that the briefing has, stages and all."""
    return [n for n in numbers if 0 < n <= len(updates) and updates[n - 1].values]


def latest_stage_text(update: Update) -> str:
    """"57 people, as of article dated 2023-03-02": what a changing figure stood at last."""
    latest = update.values[0]
    return f"{latest.value}, as of {latest.as_of}"


def is_web_url(url: str | None) -> bool:
    """True for http(s) addresses: the only kind a briefing turns into a link.

    Other schemes (javascript:, data:, file:) come from untrusted input and are
    shown as text instead.
    """
    if not url:
        return False
    scheme = url.strip().split(":", 1)[0].lower()
    return scheme in ("http", "https") and not any(char.isspace() or ord(char) < 32 for char in url.strip())


def headline_text(briefing: Briefing) -> str:
    """The story headline, or a plain fallback when no source offered one."""
    headline = (briefing.story.headline or "").strip()
    return headline or UNTITLED_HEADLINE


def date_span_text(first: dt.date | None, last: dt.date | None) -> str:
    """The publication span in ISO dates: one date, a range, or an admission that it is unknown."""
    if first is None and last is None:
        return "Publication dates unknown"
    if first is None or last is None or first == last:
        known = first or last
        assert known is not None
        return f"Published {known.isoformat()}"
    return f"Published {first.isoformat()} to {last.isoformat()}"


def source_count_text(directory: SourceDirectory, source_count: int) -> str:
    """'3 sources, 2 independent origins' (the origins part only when copies were folded)."""
    sources = plural(source_count, "source")
    origins = directory.origin_count()
    if origins == source_count:
        return sources
    return f"{sources}, {plural(origins, 'independent origin')}"


def origins_text(origins: int) -> str:
    """'1 independent origin' / '2 independent origins'."""
    return plural(origins, "independent origin")


def line_count_text(count: int) -> str:
    """'1 line' / '3 lines'."""
    return plural(count, "line")


def mention_count_text(count: int) -> str:
    """'1 mention' / '4 mentions'."""
    return plural(count, "mention")


def quotes_by_speaker(quotes: Iterable[Quote]) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped by speaker, speakers in order of first appearance."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.speaker, []).append(quote)
    return list(groups.items())


def removed_by_source(removed: Iterable[RemovedFromSource]) -> list[tuple[str, list[RemovedFromSource]]]:
    """Removed lines grouped by source, sources in order of first appearance."""
    groups: dict[str, list[RemovedFromSource]] = {}
    for line in removed:
        groups.setdefault(line.source, []).append(line)
    return list(groups.items())


def extra_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """Aliases other than the entity's display name, without repeats."""
    return [alias for alias in _unique(aliases) if alias != name]


@dataclass(frozen=True)
class ProvenanceNote:
    """What the Sources table says about where a source's report came from."""

    cites: tuple[str, ...]
    copy_of: str | None

    def as_text(self, directory: SourceDirectory) -> str:
        """'cites Reuters; copy of S1 (Reuters)', or an empty string when nothing is known."""
        parts = []
        if self.cites:
            parts.append("cites " + ", ".join(self.cites))
        if self.copy_of:
            parts.append("copy of " + directory.label(self.copy_of))
        return "; ".join(parts)


def provenance_of(directory: SourceDirectory, source_id: str) -> ProvenanceNote:
    """The citation chain and copy relation known for one source."""
    return ProvenanceNote(cites=directory.cites(source_id), copy_of=directory.copy_of(source_id))


def plural(count: int, noun: str) -> str:
    """"1 source" / "3 sources"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
