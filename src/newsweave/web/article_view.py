"""What an article page shows: its lines in reading order, boilerplate greyed, cited sentences marked.

The lines come from cleaning the stored original again (cleaning is
deterministic, so they match what was stored); lines the story briefing took
out as furniture shared across outlets are greyed too. A sentence that feeds
the briefing gets the anchor its citation chips point at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsweave.model import Briefing, CleanLine, StoredArticle
from newsweave.web.anchors import sentence_anchor


QUOTE_ROLE = "quote"
_EDGE_WORDS = 3  # words matched at each end of a passage that is not in the text verbatim


@dataclass(frozen=True)
class Segment:
    """A run of text in a line; `anchor` is set when the run is a sentence the briefing uses."""

    text: str
    anchor: str | None = None
    roles: str = ""  # what the briefing uses it for: "summary, agreement"
    inner_anchors: tuple[str, ...] = ()  # anchors of quotes or events that lie inside this sentence


@dataclass(frozen=True)
class ViewLine:
    segments: tuple[Segment, ...]
    removed_because: str | None = None


@dataclass(frozen=True)
class ArticleView:
    article: StoredArticle
    source_id: str | None  # the article's id in its story's briefing ("S3"), when briefed
    lines: tuple[ViewLine, ...]
    highlighted: int  # sentences marked as feeding the briefing
    removed: int  # lines greyed as boilerplate


def article_view(article: StoredArticle, lines: Iterable[CleanLine], briefing: Briefing | None) -> ArticleView:
    """The article's lines, greyed where removed, with the sentences its story's briefing uses marked."""
    source_id = _source_id(article, briefing)
    roles = _cited_sentences(briefing, source_id) if briefing is not None and source_id else {}
    shared_furniture = {
        line.text: line.reason for line in (briefing.removed if briefing else ()) if line.source == source_id
    }
    view_lines = []
    anchors_used: set[str] = set()
    for line in lines:
        reason = line.removed_because or shared_furniture.get(line.text)
        if reason is not None:
            view_lines.append(ViewLine((Segment(line.text),), reason))
        else:
            view_lines.append(ViewLine(_segments(line.text, roles, anchors_used)))
    return ArticleView(
        article=article,
        source_id=source_id,
        lines=tuple(view_lines),
        highlighted=len(anchors_used),
        removed=sum(1 for line in view_lines if line.removed_because is not None),
    )


def _source_id(article: StoredArticle, briefing: Briefing | None) -> str | None:
    if briefing is None:
        return None
    return next((source.id for source in briefing.sources if source.external_id == article.id), None)


def _cited_sentences(briefing: Briefing, source_id: str) -> dict[str, list[str]]:
    """Each sentence of the source that the briefing uses, with what it is used for."""
    roles: dict[str, list[str]] = {}

    def note(sentence: str, role: str) -> None:
        uses = roles.setdefault(sentence, [])
        if role not in uses:
            uses.append(role)

    for line in briefing.summary:
        for item in line.evidence:
            if item.source == source_id:
                note(item.sentence, "summary")
    for agreement in briefing.analysis.agreements:
        for item in agreement.evidence:
            if item.source == source_id:
                note(item.sentence, "agreement")
    for conflict in briefing.analysis.conflicts:
        for position in conflict.positions:
            for item in position.evidence:
                if item.source == source_id:
                    note(item.sentence, "disagreement")
    for claim in briefing.analysis.single_source:
        if claim.source == source_id:
            note(claim.claim, "single source")
    # Quotes and timeline events are parts of sentences; their chips point at them too.
    for quote in briefing.analysis.quotes:
        if source_id in quote.sources:
            note(quote.text, QUOTE_ROLE)
    for event in briefing.analysis.timeline:
        told = [item.sentence for item in event.evidence if item.source == source_id]
        for sentence in told or ([event.event] if source_id in event.sources else []):
            note(sentence, "timeline")
    return roles


def _segments(text: str, roles: dict[str, list[str]], anchors_used: set[str]) -> tuple[Segment, ...]:
    """Split a kept line around the cited passages it holds (the first occurrence of each).

    Where passages overlap, a cited sentence wins over a quote and a longer
    passage over a shorter one; the passage that loses becomes an extra anchor
    of the mark that won, so its chip still lands on the right sentence.
    """
    found = []
    for passage, uses in roles.items():
        anchor = sentence_anchor(passage)
        span = _locate(text, passage)
        if span is not None and anchor not in anchors_used:
            found.append(_Found(span[0], span[1], anchor, uses))
    marks: list[_Found] = []
    # Whole sentences first (a quote may run over several), then longer passages before shorter.
    for candidate in sorted(found, key=lambda f: (f.uses == [QUOTE_ROLE], -(f.end - f.start))):
        holder = next((m for m in marks if m.start < candidate.end and candidate.start < m.end), None)
        if holder is None:
            marks.append(candidate)
        else:
            holder.inner.append(candidate.anchor)
            holder.uses.extend(use for use in candidate.uses if use not in holder.uses)
    segments: list[Segment] = []
    cursor = 0
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.start > cursor:
            segments.append(Segment(text[cursor : mark.start]))
        segments.append(Segment(text[mark.start : mark.end], mark.anchor, ", ".join(mark.uses), tuple(mark.inner)))
        anchors_used.update((mark.anchor, *mark.inner))
        cursor = mark.end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return tuple(segments)


def _locate(text: str, passage: str) -> tuple[int, int] | None:
    """Where `passage` lies in `text`: verbatim, or (a quote joined around its attribution,
    "Our goal is obvious," he added, "peace ...") from its first words to its last words."""
    if not passage.strip():
        return None
    start = text.find(passage)
    if start >= 0:
        return start, start + len(passage)
    words = passage.split()
    if len(words) < 2 * _EDGE_WORDS:
        return None
    head, tail = " ".join(words[:_EDGE_WORDS]), " ".join(words[-_EDGE_WORDS:])
    start = text.find(head)
    end = text.find(tail, start + len(head)) if start >= 0 else -1
    if end < 0 or end - start > 2 * len(passage):
        return None
    return start, end + len(tail)


@dataclass
class _Found:
    start: int
    end: int
    anchor: str
    uses: list[str]
    inner: list[str] = field(default_factory=list)
