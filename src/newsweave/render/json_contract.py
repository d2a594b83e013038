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
    BRIEFING_SCHEMA,
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
    Update,
    UpdateValue,
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
            {
                "text": sentence.text,
                "citations": list(sentence.citations),
                "evidence": _evidence(sentence.evidence),
                "disputed": list(sentence.disputed),
                "updated": list(sentence.updated),
            }
            for sentence in briefing.summary
        ],
        "agreements": [_agreement(agreement) for agreement in analysis.agreements],
        "conflicts": [_conflict(conflict) for conflict in analysis.conflicts],
        "updates": [_update(update) for update in analysis.updates],
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
            {
                "date": event.date.isoformat(),
                "event": event.event,
                "sources": list(event.sources),
                "evidence": _evidence(event.evidence),
            }
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
        "external_id": source.external_id,
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
        "certainty": position.certainty,
        "evidence": _evidence(position.evidence),
    }


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "topic": conflict.topic,
        "kind": conflict.kind,
        "positions": [_position(position) for position in conflict.positions],
    }


def _update(update: Update) -> dict[str, Any]:
    return {
        "topic": update.topic,
        "values": [
            {
                "value": stage.value,
                "normalized": stage.normalized,
                "as_of": stage.as_of,
                "sources": list(stage.sources),
                "evidence": _evidence(stage.evidence),
            }
            for stage in update.values
        ],
    }


def _entity(entity: EntityGroup) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "mentions": entity.mentions,
    }


# ----------------------------------------------------------------- reading it back


def briefing_from_dict(data: dict[str, Any]) -> Briefing:
    """Rebuild a Briefing from its briefing/1 JSON form (as `briefing_to_dict` wrote it).

    Used to keep finished briefings in the corpus database. Raises ValueError
    when `data` is not a briefing/1 document; evidence sentence indexes are not
    part of the contract and come back as -1.
    """
    if not isinstance(data, dict) or data.get("schema") != BRIEFING_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"not a {BRIEFING_SCHEMA} document (schema: {found!r})")
    try:
        return _read_briefing(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"damaged {BRIEFING_SCHEMA} document: {error!r}") from error


def _read_briefing(data: dict[str, Any]) -> Briefing:
    story = data["story"]
    return Briefing(
        story=Story(
            headline=story["headline"],
            first_published=_date_or_none(story["first_published"]),
            last_published=_date_or_none(story["last_published"]),
        ),
        sources=tuple(
            SourceInfo(
                id=item["id"],
                outlet=item["outlet"],
                title=item["title"],
                url=item["url"],
                published=_date_or_none(item["published"]),
                path=item["path"],
                cites=tuple(item["cites"]),
                copy_of=item["copy_of"],
                external_id=item.get("external_id"),
            )
            for item in data["sources"]
        ),
        summary=tuple(
            SummarySentence(
                item["text"],
                tuple(item["citations"]),
                _read_evidence(item),
                tuple(item.get("disputed", ())),
                tuple(item.get("updated", ())),
            )
            for item in data["summary"]
        ),
        analysis=Analysis(
            agreements=tuple(
                Agreement(item["claim"], tuple(item["sources"]), int(item["origins"]), _read_evidence(item))
                for item in data["agreements"]
            ),
            conflicts=tuple(
                Conflict(item["topic"], item["kind"], tuple(_read_position(p) for p in item["positions"]))
                for item in data["conflicts"]
            ),
            updates=tuple(  # absent from briefings kept before updates existed
                Update(
                    item["topic"],
                    tuple(
                        UpdateValue(v["value"], v["normalized"], v["as_of"], tuple(v["sources"]), _read_evidence(v))
                        for v in item["values"]
                    ),
                )
                for item in data.get("updates", [])
            ),
            single_source=tuple(
                SingleSourceClaim(item["claim"], item["source"], item["attributed_to"])
                for item in data["single_source"]
            ),
            quotes=tuple(Quote(item["speaker"], item["text"], tuple(item["sources"])) for item in data["quotes"]),
            entities=tuple(
                EntityGroup(item["name"], item["type"], tuple(item["aliases"]), tuple(item["sources"]), item["mentions"])
                for item in data["entities"]
            ),
            timeline=tuple(
                TimelineEvent(
                    dt.date.fromisoformat(item["date"]), item["event"], tuple(item["sources"]), _read_evidence(item)
                )
                for item in data["timeline"]
            ),
            framing=tuple(Framing(item["source"], tuple(item["terms"])) for item in data["framing"]),
            chains=tuple(
                SourceChain(item["source"], tuple(item["cites"]), item["copy_of"]) for item in data["chains"]
            ),
        ),
        removed=tuple(RemovedFromSource(item["source"], item["text"], item["reason"]) for item in data["removed"]),
        notes=tuple(data["notes"]),
    )


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _read_evidence(item: dict[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e["source"], e["sentence"]) for e in item.get("evidence", ()))


def _read_position(item: dict[str, Any]) -> Position:
    return Position(
        value=item["value"],
        claim=item["claim"],
        sources=tuple(item["sources"]),
        attributed_to=item["attributed_to"],
        evidence=_read_evidence(item),
        via=tuple(item["via"]),
        normalized=item["normalized"],
        certainty=item.get("certainty", "confirmed"),
    )
