"""Conflicts: the same slot filled with different values by different sources.

Slot values (dates, quantities) are grouped when their clauses say the same
thing apart from the value: the blanked-out clauses must be close in embedding
space and share a content word. Grouping is complete-linkage, so two loosely
related clauses never end up in one slot through a chain of neighbours. Inside
a slot, values that state the same amount (the same day; 1,600 feet and 488
metres) form one position; two or more positions make a conflict. Same-amount
values written in different units are reported as agreements across units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from newsweave.analyze.attribution import outlet_name
from newsweave.analyze.clauses import position_certainty
from newsweave.analyze.compatibility import all_compatible, same_value, values_compatible
from newsweave.analyze.entities import words_match
from newsweave.analyze.opposition import opposed_sides, values_by_sentence
from newsweave.analyze.positions import build_position
from newsweave.analyze.quantities import comparable_dimension
from newsweave.analyze.self_contradictions import self_contradictions
from newsweave.analyze.slot_membership import may_share_slot
from newsweave.analyze.slots import SlotValue, ValueKind
from newsweave.analyze.tallies import build_update, is_running_tally, one_source_gives_two_stages
from newsweave.analyze.topics import slot_topic
from newsweave.config import Settings
from newsweave.lexicon import THIRD_PERSON_SUBJECTS
from newsweave.model import Conflict, ConflictKind, Evidence, Gainsay, Position, SelfContradiction, Update

Embed = Callable[[Sequence[str]], np.ndarray]
CLAIM_BONUS = 0.1
# The kind of dispute each kind of slot value makes: a month is a date told coarsely.
CONFLICT_KIND_OF_VALUE: Mapping[ValueKind, ConflictKind] = MappingProxyType(
    {"date": "date", "month": "date", "time": "time", "number": "number"}
)
SAME_DISPUTE_SIMILARITY = 0.35


@dataclass(frozen=True)
class UnitAgreement:
    """Sources that state the same amount in different units ("1,600 feet" = "488 metres")."""

    displays: tuple[str, ...]
    normalized: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    context: str


@dataclass(frozen=True)
class SlotFindings:
    conflicts: tuple[Conflict, ...]
    unit_agreements: tuple[UnitAgreement, ...]
    updates: tuple[Update, ...] = ()  # running tallies given at several stages: not disputes
    gainsaid: tuple[Gainsay, ...] = ()  # values that other sources of the slot state otherwise
    # One value of a slot that two or more sources state the same way ("13 wounded", "Wednesday evening"),
    # whether or not the slot is disputed: an agreement on a figure however differently the sentences read.
    shared_values: tuple[UnitAgreement, ...] = ()
    self_contradictions: tuple[SelfContradiction, ...] = ()  # an article giving one thing two ways


def find_slot_conflicts(
    values: Sequence[SlotValue],
    embed: Embed,
    settings: Settings,
    claim_of: dict[tuple[str, int], str],
) -> SlotFindings:
    """Group values into slots and report the slots whose sources disagree."""
    usable = [v for v in values if not v.denied and len(v.context.split()) >= 3]
    if len(usable) < 2:
        return SlotFindings((), (), ())
    vectors = embed([v.context for v in usable])
    slots = []
    # Only values of one dimension can share a slot: group each dimension on its own (much smaller).
    # Sums of money in any currency are one dimension: "€216m a year" may dispute "$75 million a year".
    by_dimension: dict[str, list[int]] = {}
    for index, value in enumerate(usable):
        by_dimension.setdefault(comparable_dimension(value.dimension), []).append(index)
    for indices in by_dimension.values():
        if len(indices) > 1:
            grouped = _group_slots([usable[i] for i in indices], vectors[indices], claim_of, settings)
            slots.extend([[indices[i] for i in group] for group in grouped])
    slots = _one_slot_per_key(slots, usable, settings)
    said_in = values_by_sentence(values)
    conflicts: list[tuple[float, Conflict, np.ndarray]] = []
    agreements: list[UnitAgreement] = []
    shared: list[UnitAgreement] = []
    contradictions: list[SelfContradiction] = []
    updates: list[Update] = []
    gainsaid: list[Gainsay] = []
    for members in slots:
        slot_values = [usable[i] for i in members]
        gainsaid.extend(_gainsaid_in_slot(slot_values, settings))
        positions = _positions(slot_values)
        tally = is_running_tally(slot_values) and slot_values[0].history_year is None  # a past toll is settled
        contradictions.extend(self_contradictions(slot_values, _topic(slot_values[0]), tally, settings))
        if not tally:  # a tally's stages are all kept, "at least 150" among them
            positions = _without_covering_values(_sides_of_a_dispute(positions), settings)
        if len({v.source for v in slot_values}) < 2:
            continue
        compatible = all_compatible(positions, settings)
        if len(positions) >= 2 and tally and not (compatible and _one_stage(positions)):
            # With no key, an article giving two counts may give two different things ("15 killed" last
            # year, "three hurt" today); a keyed toll it gives twice is its own earlier and later stage.
            if slot_values[0].key is not None or not one_source_gives_two_stages(positions):
                updates.append(build_update(_topic(usable[_central(members, vectors)]), positions, _evidence))
        elif len(positions) >= 2 and not compatible and _still_a_dispute(disputed := opposed_sides(positions, said_in), settings):
            centre = _central(members, vectors)
            topic = _topic(usable[centre])
            built = tuple(_position(group) for group in disputed)
            weight = sum(len(p.sources) for p in built)
            centre_vector = vectors[members].mean(axis=0)
            centre_vector /= float(np.linalg.norm(centre_vector)) or 1.0
            conflicts.append((-weight, Conflict(topic=topic, kind=_kind(slot_values[0]), positions=built), centre_vector))
            for reporter, told in _one_reporter_told_two_ways(slot_values, settings):
                conflict = Conflict(topic=f"{topic}, as {reporter} reported it", kind=_kind(slot_values[0]), positions=tuple(_position(group) for group in told))
                conflicts.append((-weight + 0.5, conflict, centre_vector))  # told right after the dispute it narrows
        for group in positions:
            if len({v.source for v in group}) < 2:
                continue
            displays = {_unit_word(v.display) for v in group}
            # Units are converted for measures only; a count has no unit ("153 people" = "153 individuals").
            measured = group[0].kind == "number" and not group[0].dimension.startswith("count:")
            agreement = UnitAgreement(
                displays=tuple(dict.fromkeys(v.display for v in group)),
                normalized=group[0].normalized,
                sources=tuple(dict.fromkeys(v.source for v in group)),
                evidence=tuple(dict.fromkeys(_evidence(v) for v in group)),
                context=group[0].context,
            )
            if measured and len(displays) > 1:
                agreements.append(agreement)
            elif _stated_alike(group):
                shared.append(agreement)
    ranked = sorted(_merge_same_dispute(conflicts), key=lambda item: item[0])
    return SlotFindings(
        tuple(c for _, c in ranked), tuple(agreements), tuple(updates), tuple(gainsaid), tuple(shared), tuple(contradictions)
    )


# Hedges that say the figure is near the amount, not that it is the amount or a floor under it.
_APPROXIMATE_BOUNDS = frozenset({"about", "nearly", "several"})


def _still_a_dispute(sides: list[list[SlotValue]], settings: Settings) -> bool:
    return len(sides) >= 2 and not all_compatible(sides, settings)


def _one_reporter_told_two_ways(values: list[SlotValue], settings: Settings) -> list[tuple[str, list[list[SlotValue]]]]:
    """Named reporters whom two outlets quote with figures that cannot both be true ("$75 million a year,
    CBS Sports reports" / "CBS Sports reported … €216m a year"): the outlets disagree on what the reporter
    said, a narrower dispute than the slot's. Only where others in the slot say something too."""
    by_reporter: dict[str, list[SlotValue]] = {}
    for value in values:
        name = _reporter_name(value.speaker)
        if name is not None:
            by_reporter.setdefault(name, []).append(value)
    found = []
    everyone = {value.source for value in values}
    for told in by_reporter.values():
        sources = {value.source for value in told}
        if len(sources) < 2 or sources == everyone:
            continue
        positions = _sides_of_a_dispute(_positions(told))
        if len(positions) >= 2 and not all_compatible(positions, settings):
            found.append((outlet_name(told[0].speaker or ""), positions))
    return found


def _reporter_name(speaker: str | None) -> str | None:
    """A speaker that names someone ("CBS Sports", "the AFP news agency" -> "afp"), lower case; None for
    "reports", "a previous report" or "the club", which two outlets may use for different people."""
    if not speaker:
        return None
    words = outlet_name(speaker).split()
    if not words or not all(word[:1].isupper() or not word[:1].isalpha() for word in words):
        return None
    return " ".join(words).lower()


def _one_stage(positions: list[list[SlotValue]]) -> bool:
    """Whether a tally's compatible positions are one count told loosely ("about 300" / 304) rather than
    two stages of it ("at least 66" taken to hospital, then 72 still there): two positions that each
    state their amount, exactly or as a floor, are two stages."""
    stated = [group for group in positions if group[0].bound not in _APPROXIMATE_BOUNDS]
    return len({group[0].amount for group in stated}) < 2


def _stated_alike(group: list[SlotValue]) -> bool:
    """Whether a value's sources agree on one measured thing, not only on a number or a day: a figure
    whose key says what it measures, or a measure with a unit. Days and times group clauses too
    loosely (an arrest and a protest on one Wednesday) to call them one fact."""
    first = group[0]
    if first.kind != "number":
        return False
    return first.key is not None or not first.dimension.startswith("count:")


def _group_slots(
    values: list[SlotValue], vectors: np.ndarray, claim_of: dict[tuple[str, int], str], settings: Settings
) -> list[list[int]]:
    """Average-linkage grouping of values whose blanked-out clauses say the same thing.

    Two values whose sentences were aligned into one claim get a small bonus:
    the whole sentences already told the same fact. Values that may not share a
    slot (see `may_share_slot`) keep their clusters apart for good.
    """
    count = len(values)
    similarity = (vectors @ vectors.T).astype(np.float64)
    forbidden = np.zeros((count, count), dtype=bool)
    for i in range(count):
        a = values[i]
        claim_a = claim_of.get((a.source, a.sentence.index))
        for j in range(i + 1, count):
            b = values[j]
            if not may_share_slot(a, b, settings):
                forbidden[i, j] = forbidden[j, i] = True
                continue
            if a.key is not None and a.key == b.key:
                bonus = settings.slot_key_bonus  # one measured attribute ("dead", "people taking part"), however worded
            elif claim_a is not None and claim_a == claim_of.get((b.source, b.sentence.index)):
                bonus = CLAIM_BONUS
            elif a.kind == b.kind == "time" and a.tense == b.tense == "past":
                bonus = CLAIM_BONUS  # two times of one done act (see may_share_slot), however worded
            elif not (a.context_words & b.context_words):
                bonus = -CLAIM_BONUS
            else:
                bonus = 0.0
            similarity[i, j] += bonus
            similarity[j, i] += bonus
    # Cluster-to-cluster sums of similarity; the average is the sum over the product of sizes.
    sums = similarity.copy()
    sizes = np.ones(count)
    active = np.ones(count, dtype=bool)
    members: list[list[int]] = [[i] for i in range(count)]
    np.fill_diagonal(forbidden, True)
    while True:
        average = sums / np.outer(sizes, sizes)
        average[forbidden | ~active[:, None] | ~active[None, :]] = -np.inf
        flat = int(np.argmax(average))
        x, y = divmod(flat, count)
        if average[x, y] < settings.slot_similarity:
            break
        sums[x, :] += sums[y, :]
        sums[:, x] += sums[:, y]
        forbidden[x, :] |= forbidden[y, :]
        forbidden[:, x] |= forbidden[:, y]
        forbidden[x, x] = True
        sizes[x] += sizes[y]
        active[y] = False
        members[x].extend(members[y])
        members[y] = []
    return [sorted(m) for m in members if len(m) > 1]


def _gainsaid_in_slot(values: list[SlotValue], settings: Settings) -> list[Gainsay]:
    """For each value, the sources whose every value in the slot cannot be true with it."""
    by_source: dict[str, list[SlotValue]] = {}
    for value in values:
        by_source.setdefault(value.source, []).append(value)
    found = []
    for value in values:
        against = tuple(
            source
            for source, theirs in by_source.items()
            if source != value.source and not any(values_compatible(value, other, settings) for other in theirs)
        )
        if against:
            found.append(Gainsay(source=value.source, index=value.sentence.index, value=value.display, sources=against))
    return found


def _one_slot_per_key(slots: list[list[int]], values: list[SlotValue], settings: Settings) -> list[list[int]]:
    """Slots that measure one attribute of one kind ("people taking part") are one slot told in several clauses."""
    merged: list[list[int]] = []
    # One home per dimension, key and past year: the toll of a disaster years ago is another slot.
    home: dict[tuple[str, str, int | None], list[int]] = {}
    for members in slots:
        keys = {values[i].key for i in members}
        key = next(iter(keys)) if len(keys) == 1 else None
        if key is None:
            merged.append(list(members))
            continue
        first = values[members[0]]
        home_key = (comparable_dimension(first.dimension), key, first.history_year)
        target = home.get(home_key)
        if target is None:
            home[home_key] = target = []
            merged.append(target)
        elif not all(may_share_slot(values[i], values[j], settings) for i in members for j in target if values[i].source != values[j].source):
            merged.append(list(members))  # "earning $16,450" and "paid $13.6 million": one key, amounts of two facts
            continue
        target.extend(members)
    # A figure no clause-alike joined still measures its key's attribute: it joins that slot when it may.
    placed = {i for members in slots for i in members}
    for index, value in enumerate(values):
        target = home.get((comparable_dimension(value.dimension), value.key or "", value.history_year))
        if index not in placed and target and all(may_share_slot(value, values[i], settings) for i in target):
            target.append(index)
    return merged


def _merge_same_dispute(conflicts: list[tuple[float, Conflict, np.ndarray]]) -> list[tuple[float, Conflict]]:
    """Two slots that contrast exactly the same values in similar words are one dispute told twice."""
    merged: list[tuple[float, Conflict, np.ndarray]] = []
    for weight, conflict, centre in conflicts:
        values = {p.normalized for p in conflict.positions}
        for index, (other_weight, other, other_centre) in enumerate(merged):
            if {p.normalized for p in other.positions} == values and float(centre @ other_centre) >= SAME_DISPUTE_SIMILARITY:
                merged[index] = (other_weight + weight, _combine(other, conflict), other_centre)
                break
        else:
            merged.append((weight, conflict, centre))
    return [(weight, conflict) for weight, conflict, _ in merged]


def _combine(first: Conflict, second: Conflict) -> Conflict:
    positions = []
    for position in first.positions:
        twin = next(p for p in second.positions if p.normalized == position.normalized)
        speakers = _distinct_speakers([*(position.attributed_to or "").split("; "), *(twin.attributed_to or "").split("; ")])
        positions.append(
            replace(
                position,
                sources=tuple(dict.fromkeys(position.sources + twin.sources)),
                attributed_to="; ".join(speakers) or None,
                evidence=tuple(dict.fromkeys(position.evidence + twin.evidence)),
                via=tuple(dict.fromkeys(position.via + twin.via)),
                value=" / ".join(dict.fromkeys(position.value.split(" / ") + twin.value.split(" / "))),
            )
        )
    positions.sort(key=lambda p: -len(p.sources))
    return replace(first, positions=tuple(positions))


def _positions(values: list[SlotValue]) -> list[list[SlotValue]]:
    """Values grouped by the amount they state (2% tolerance for rounding across units)."""
    groups: list[list[SlotValue]] = []
    for value in sorted(values, key=lambda v: v.amount):
        if groups and same_value(groups[-1][0], value):
            groups[-1].append(value)
        else:
            groups.append([value])
    if groups and groups[0][0].kind == "date":
        groups = _fold_dates_resting_on_the_article_date(groups)
    groups.sort(key=lambda g: -len({v.source for v in g}))
    return groups


def _without_covering_values(positions: list[list[SlotValue]], settings: Settings) -> list[list[SlotValue]]:
    """A vague value that can be true with every other side ("millions of customers" beside "up to 9
    million" and "up to 9.8 million") takes no side: it is left out of the dispute."""
    if len(positions) < 3:
        return positions
    kept = [
        group
        for number, group in enumerate(positions)
        if not all(
            values_compatible(value, other, settings)
            for value in group
            for j, other_group in enumerate(positions)
            if j != number
            for other in other_group
        )
    ]
    return kept if len(kept) >= 2 else positions


def _sides_of_a_dispute(positions: list[list[SlotValue]]) -> list[list[SlotValue]]:
    """Values only stated by sources that also state another value of the slot are left out.

    An article giving "Friday night" and "Saturday night" in one slot tells of
    two moments, not a dispute with itself; one giving 107,000 and 325,000 tells
    two counts by two counters. What other outlets say against it still stands.
    """
    sources_of = [{value.source for value in group} for group in positions]
    return [
        group
        for index, group in enumerate(positions)
        if sources_of[index] - set().union(*(other for j, other in enumerate(sources_of) if j != index))
    ]


def _fold_dates_resting_on_the_article_date(groups: list[list[SlotValue]]) -> list[list[SlotValue]]:
    """Weekday and relative dates are placed by the article's own date, often a page or crawl date.

    "Saturday" says the same as "Saturday, March 15" whatever week it was
    resolved to, so a group written only as weekdays joins the group of the same
    weekday (one that writes its day out, if any). "Today" resolved one day off
    another date (or one weekday off a weekday, which may sit in another week) may
    only show that the article's date is the day after it was written: such a group
    is left out, neither a side of a dispute nor an agreement.
    """

    def weekday(group: list[SlotValue]) -> int:
        return dt.date.fromordinal(int(group[0].amount)).weekday()

    def written_only(group: list[SlotValue], form: str) -> bool:
        return all(value.date_form == form for value in group)

    def has_own_day(group: list[SlotValue]) -> bool:
        return any(value.date_form in (None, "absolute") for value in group)

    folded = [list(group) for group in groups]
    for group in [g for g in folded if written_only(g, "weekday")]:
        targets = [g for g in folded if g is not group and g and weekday(g) == weekday(group)]
        if targets:
            target = max(targets, key=lambda g: (has_own_day(g), len({v.source for v in g})))
            target.extend(group)
            group.clear()
    folded = [g for g in folded if g]

    def days_apart(group: list[SlotValue], other: list[SlotValue]) -> int:
        apart = int(abs(other[0].amount - group[0].amount))
        if written_only(other, "weekday"):  # a weekday may have been placed in another week
            apart = min(apart % 7, 7 - apart % 7)
        return apart

    return [
        g
        for g in folded
        if not written_only(g, "relative") or not any(h is not g and days_apart(g, h) <= 1 for h in folded)
    ]


def _position(group: list[SlotValue]) -> Position:
    speakers = _distinct_speakers(v.speaker for v in group)
    return build_position(
        (v.display for v in group),
        [v.sentence for v in group],
        attributed_to="; ".join(speakers) if speakers else None,
        via=(f"{name} ({v.source})" for v in group for name in v.via),
        normalized=group[0].normalized,
        certainty=position_certainty(v.certainty for v in group),
    )


def _distinct_speakers(speakers) -> list[str]:
    """Speakers without repeats: "Peskov" folds into "Dmitry Peskov", "Teodor Halvorson" into
    "Teodor Halvorsen" (same surname, or a spelling of it). Each group shows its most informative
    form: the longest, and among those the one the sources write most often."""
    groups: list[list[str]] = []
    for speaker in speakers:
        if not speaker or speaker.lower() in THIRD_PERSON_SUBJECTS | {"we", "i"}:
            continue
        surname = _surname(speaker)
        group = next((g for g in groups if words_match(_surname(g[0]), surname)), None)
        if group is None:
            groups.append([speaker])
        else:
            group.append(speaker)
    return [max(dict.fromkeys(g), key=lambda form: (len(form.split()), g.count(form))) for g in groups]


def _surname(speaker: str) -> str:
    return speaker.split()[-1].removesuffix("'s").removesuffix("’s")


def _evidence(value: SlotValue) -> Evidence:
    return Evidence(source=value.source, sentence=value.sentence.text, index=value.sentence.index)


def _central(members: list[int], vectors: np.ndarray) -> int:
    block = vectors[members] @ vectors[members].T
    return members[int(np.argmax(block.sum(axis=1)))]


def _topic(value: SlotValue) -> str:
    common = frozenset(t.text for t in value.sentence.tokens if t.pos != "PROPN" and not t.ent_type)
    return slot_topic(value.kind, value.dimension, value.key, value.context, value.sentence.text, common)


def _kind(value: SlotValue) -> ConflictKind:
    return CONFLICT_KIND_OF_VALUE[value.kind]


def _unit_word(display: str) -> str:
    """The unit part of "1,600 feet" ("feet"): values in different units agree across units."""
    return " ".join(display.lower().split()[1:])
