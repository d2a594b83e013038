"""The JSON form of a briefing: a stable contract for other programs.

Field names and shapes here are public (schema "newsweave.briefing/1"):
change them only together with the schema string. Dates become ISO 8601
strings, absent values become null, tuples become lists.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsweave.model import (
    Agreement,
    Briefing,
    Conflict,
    EntityGroup,
    Evidence,
    Position,
    SourceInfo,
)


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """Turn a briefing into plain JSON-serialisable data following the briefing/1 contract."""
    analysis = briefing.analysis
    return {
        "schema": briefing.schema,
        "story": {
            "headline": briefing.story.headline,
            "first_published": _iso_date(briefing.story.first_published),
            "last_published": _iso_date(briefing.story.last_published),
        },
        "sources": [_source(source) for source in briefing.sources],
        "summary": [
            {"text": sentence.text, "citations": list(sentence.citations)} for sentence in briefing.summary
        ],
        "agreements": [_agreement(agreement) for agreement in analysis.agreements],
        "conflicts": [_conflict(conflict) for conflict in analysis.conflicts],
        "single_source": [
            {"claim": item.claim, "source": item.source, "attributed_to": item.attributed_to}
            for item in analysis.single_source
        ],
        "quotes": [
            {"speaker": quote.speaker, "text": quote.text, "sources": list(quote.sources)}
            for quote in analysis.quotes
        ],
        "entities": [_entity(entity) for entity in analysis.entities],
        "timeline": [
            {"date": event.date.isoformat(), "event": event.event, "sources": list(event.sources)}
            for event in analysis.timeline
        ],
        "framing": [{"source": item.source, "terms": list(item.terms)} for item in analysis.framing],
        "chains": [
            {"source": chain.source, "cites": list(chain.cites), "copy_of": chain.copy_of}
            for chain in analysis.chains
        ],
        "removed": [
            {"source": line.source, "text": line.text, "reason": line.reason} for line in briefing.removed
        ],
        "notes": list(briefing.notes),
    }


def render_json(briefing: Briefing) -> str:
    """The briefing as pretty-printed UTF-8 JSON text, ending with a newline."""
    # ensure_ascii=False keeps non-English names readable in the file itself.
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _source(source: SourceInfo) -> dict[str, Any]:
    return {
        "id": source.id,
        "outlet": source.outlet,
        "title": source.title,
        "url": source.url,
        "published": _iso_date(source.published),
        "path": source.path,
        "cites": list(source.cites),
        "copy_of": source.copy_of,
    }


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"source": item.source, "sentence": item.sentence} for item in items]


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {
        "claim": agreement.claim,
        "sources": list(agreement.sources),
        "origins": agreement.origins,
        "evidence": _evidence(agreement.evidence),
    }


def _position(position: Position) -> dict[str, Any]:
    return {
        "value": position.value,
        "claim": position.claim,
        "sources": list(position.sources),
        "attributed_to": position.attributed_to,
        "via": list(position.via),
        "normalized": position.normalized,
        "evidence": _evidence(position.evidence),
    }


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "topic": conflict.topic,
        "kind": conflict.kind,
        "positions": [_position(position) for position in conflict.positions],
    }


def _entity(entity: EntityGroup) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "mentions": entity.mentions,
    }
