"""Opposite descriptions of one thing anywhere in the story, aligned or not.

Sources often place a fact in sentences that alignment never pairs, so a
word-for-word comparison of aligned sentences misses two kinds of dispute:
the same thing with opposite modifiers ("a downhill alley" / "an uphill
alley", "the upper deck" / "the lower deck") and a named place given
different regions ("in central Greece" / "in northern Greece" / "in the north
of the country"). Here every body sentence of every source is read once for
(key, value) statements, and keys whose values clash between sources become
conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from newsweave.analyze.positions import build_position
from newsweave.analyze.spans import phrase_text, quoted_token_mask, token_char_spans
from newsweave.model import AnalyzedArticle, Conflict, Position, Sentence, Token

# Exclusive groups of modifiers: one thing cannot be both. Kept conservative: words such as
# "front"/"rear" or "left"/"right" describe so many different things that they would mostly pair
# unrelated nouns.
OPPOSITE_MODIFIERS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "slope": frozenset({"uphill", "downhill"}),
        "level": frozenset({"upper", "lower"}),
        "travel": frozenset({"inbound", "outbound"}),
        "river": frozenset({"upstream", "downstream"}),
        "north-south travel": frozenset({"northbound", "southbound"}),
        "east-west travel": frozenset({"eastbound", "westbound"}),
    }
)
# Most groups label members of a pair that usually exist side by side (decks, platforms, lanes), so
# a source naming both is describing two things. A slope describes one thing: a source calling the
# same noun uphill in one sentence and downhill in another contradicts the others as much as itself,
# so its statements stay unless one sentence names both ("from the uphill end to the downhill end").
DESCRIPTIVE_GROUPS = frozenset({"slope"})
# What each group says of a thing, as a topic: "slope of the alley", "direction of travel of the train".
GROUP_TOPICS: Mapping[str, str] = MappingProxyType(
    {
        "slope": "slope",
        "level": "level",
        "travel": "direction of travel",
        "river": "position on the river",
        "north-south travel": "direction of travel",
        "east-west travel": "direction of travel",
    }
)
_GROUP_OF = {word: group for group, words in OPPOSITE_MODIFIERS.items() for word in words}

# Region adjectives and nouns, to the compass value they name.
REGION_ADJECTIVES: Mapping[str, str] = MappingProxyType(
    {
        "northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "central",
        "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
        "southwestern": "southwest", "north-eastern": "northeast", "north-western": "northwest",
        "south-eastern": "southeast", "south-western": "southwest",
    }
)  # fmt: skip
REGION_NOUNS: Mapping[str, str] = MappingProxyType(
    {
        "north": "north", "south": "south", "east": "east", "west": "west", "centre": "central",
        "center": "central", "northeast": "northeast", "northwest": "northwest", "southeast": "southeast",
        "southwest": "southwest", "north-east": "northeast", "north-west": "northwest",
        "south-east": "southeast", "south-west": "southwest",
    }
)  # fmt: skip
# The same tables read the other way: the words that name each compass value.
_ADJECTIVES_OF: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {region: tuple(a for a, r in REGION_ADJECTIVES.items() if r == region) for region in set(REGION_ADJECTIVES.values())}
)
_NOUNS_OF: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {region: tuple(n for n, r in REGION_NOUNS.items() if r == region) for region in set(REGION_NOUNS.values())}
)
_OPPOSITE_COMPASS = (("north", "south"), ("east", "west"))
# A region reached, left or crossed ("fled to southern X", "moved through central X") is where
# someone went, not where the reported thing is; only location statements are compared.
ROUTE_PREPOSITIONS = frozenset({"to", "from", "into", "through", "across", "toward", "towards", "throughout", "via"})
HYPHENS = frozenset({"-", "‐", "‑"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Nouns too general to name one thing: "the upper part", "the lower end", "the upper house" vs
# "the lower house" are different things, not one thing described two ways.
GENERIC_KEYS = frozenset(
    {
        "area", "part", "side", "region", "time", "half", "end", "portion", "section", "level", "limit",
        "bound", "range", "house", "chamber", "court", "class", "hand", "body", "case", "rate", "price",
        "number", "figure", "estimate", "reach", "middle", "way", "tier", "income", "lip", "jaw", "arm",
        "leg", "back",
    }
)  # fmt: skip
MAX_REGION_VALUES = 2  # a place given 3+ regions is a story about several regions (weather, a front line)
MAX_MODIFIER_GAP = 5  # tokens between a modifier and its noun: "a downhill 40-meter back alley"
COUNTRY_WORDS = frozenset({"country"})
# Nouns that say what a named place is: "the northern city of X" places X in the north of its country.
SETTLEMENT_NOUNS = frozenset(
    {"city", "town", "village", "port", "province", "state", "county", "district", "island", "capital"}
)
REGION_OF = "region"  # key space: the region of a named place ("central Greece")
REGION_TOPIC = "region of "  # a region dispute's topic: "region of Greece"
LOCATED = "located"  # key space: where a named place lies ("the central city of Larissa")


@dataclass(frozen=True)
class _Mention:
    space: str  # REGION_OF, LOCATED, or a modifier group name
    key: str  # normalised place name or noun lemma; "" for "the country" until resolved
    label: str  # the place or noun as written, for the topic
    value: str  # normalised: "north", "central", "downhill"
    words: str  # the statement as written: "central Greece", "downhill alley"
    sentence: Sentence


def find_opposite_conflicts(articles: Sequence[AnalyzedArticle]) -> list[Conflict]:
    """Conflicts where sources describe one thing or one place with opposite words.

    A key (a noun with a modifier from one exclusive group, or a named place with a
    region word) is in dispute when two sources give clashing values and each value
    comes from a source that does not itself give the other (see DESCRIPTIVE_GROUPS).
    """
    mentions = [mention for article in articles for sentence in article.sentences for mention in _mentions(sentence)]
    grouped: dict[tuple[str, str], list[_Mention]] = {}
    for mention in _resolve_country(mentions):
        grouped.setdefault((mention.space, mention.key), []).append(mention)
    conflicts = []
    for (space, _key), items in grouped.items():
        conflict = _conflict(space, items)
        if conflict is not None:
            conflicts.append(conflict)
    return conflicts


# --------------------------------------------------------------------------- reading sentences


def _mentions(sentence: Sentence) -> Iterator[_Mention]:
    tokens = sentence.tokens
    if sentence.kind != "body" or not tokens:
        return
    quoted = quoted_token_mask(tokens)
    spans = token_char_spans(sentence)
    entity_of = _place_entities(sentence)
    for index, token in enumerate(tokens):
        if quoted[index] or not token.text.islower():  # capitalised: part of a name ("Northern Ireland")
            continue
        word = token.text.lower()
        if word in _GROUP_OF:
            mention = _modifier_mention(sentence, spans, index, _GROUP_OF[word])
        else:
            mention = _region_mention(sentence, spans, entity_of, index)
        if mention is not None:
            yield mention


def _place_entities(sentence: Sentence) -> dict[int, tuple[int, int]]:
    """Token index -> (start, end) of the place entity (GPE, LOC) covering it."""
    found: dict[int, tuple[int, int]] = {}
    count = len(sentence.tokens)
    for entity in sentence.entities:
        if entity.label in PLACE_LABELS and 0 <= entity.start < entity.end <= count:
            for index in range(entity.start, entity.end):
                found[index] = (entity.start, entity.end)
    return found


def _head(tokens: tuple[Token, ...], index: int) -> int | None:
    head = tokens[index].head
    return head if 0 <= head < len(tokens) and head != index else None


def _modifier_mention(sentence: Sentence, spans: list[tuple[int, int]], index: int, group: str) -> _Mention | None:
    tokens = sentence.tokens
    head = _head(tokens, index)
    if head is None or not 0 < head - index <= MAX_MODIFIER_GAP:
        return None
    noun = tokens[head]
    if noun.pos != "NOUN" or tokens[index].dep not in {"amod", "compound", "advmod", "nmod"}:
        return None
    key = noun.lemma.lower()
    if key in GENERIC_KEYS:
        return None
    words = phrase_text(sentence, spans, index, head)
    return _Mention(group, key, key, tokens[index].text.lower(), words, sentence)


def _region_word(tokens: tuple[Token, ...], index: int, table: Mapping[str, str]) -> tuple[int, str] | None:
    """(first token, value) of a region word ending at `index`, joining "north - eastern"."""
    word = tokens[index].text.lower()
    if (
        word in {"eastern", "western", "east", "west"}
        and index >= 2
        and tokens[index - 1].text in HYPHENS
        and not tokens[index - 1].whitespace
        and not tokens[index - 2].whitespace
        and tokens[index - 2].text in {"north", "south"}
    ):
        joined = f"{tokens[index - 2].text}-{word}"
        return (index - 2, table[joined]) if joined in table else None
    if word in table:
        return index, table[word]
    return None


def _region_mention(
    sentence: Sentence, spans: list[tuple[int, int]], entity_of: dict[int, tuple[int, int]], index: int
) -> _Mention | None:
    tokens = sentence.tokens
    adjective = _region_word(tokens, index, REGION_ADJECTIVES)
    if adjective is not None:
        return _adjective_region(sentence, spans, entity_of, index, *adjective)
    noun = _region_word(tokens, index, REGION_NOUNS)
    if noun is not None and tokens[index].pos in {"NOUN", "PROPN"}:
        return _noun_region(sentence, spans, entity_of, index, *noun)
    return None


def _adjective_region(
    sentence: Sentence,
    spans: list[tuple[int, int]],
    entity_of: dict[int, tuple[int, int]],
    index: int,
    first: int,
    value: str,
) -> _Mention | None:
    """ "central Greece" (region of Greece) or "the central city of Larissa" (where Larissa lies)."""
    tokens = sentence.tokens
    head = _head(tokens, index)
    if head is not None and tokens[index].dep == "conj" and _is_region_adjective(tokens[head]):
        head = _head(tokens, head)  # "central and northern Greece": both describe Greece
    if head is None or not 0 < head - index <= MAX_MODIFIER_GAP:
        return None
    place = _place_span(tokens, entity_of, head, after=index)
    if place is not None:
        if _is_route(tokens, head):
            return None
        words = phrase_text(sentence, spans, first, place[1] - 1)
        return _place_mention(REGION_OF, sentence, spans, place, value, words)
    # "the central city of Larissa": the noun names what the place is, so the region locates the
    # place itself; spaCy often mislabels such names (ORG, PERSON), the construction is enough.
    of = head + 1
    if tokens[head].lemma.lower() not in SETTLEMENT_NOUNS or of >= len(tokens) or tokens[of].text.lower() != "of":
        return None
    target = _object_of(tokens, of)
    place = None if target is None else _place_span(tokens, entity_of, target, after=of, named=True)
    if place is None:
        return None
    words = phrase_text(sentence, spans, first, place[1] - 1)
    return _place_mention(LOCATED, sentence, spans, place, value, words)


def _noun_region(
    sentence: Sentence,
    spans: list[tuple[int, int]],
    entity_of: dict[int, tuple[int, int]],
    index: int,
    first: int,
    value: str,
) -> _Mention | None:
    """ "the (far) north of Greece", "the north of the country", "Greece's north", "the country's north"."""
    tokens = sentence.tokens
    if _is_route(tokens, index):
        return None
    start = first - 1
    if start >= 1 and tokens[start].text.lower() == "far":
        start -= 1
    if start >= 0 and tokens[start].text.lower() == "the" and index + 1 < len(tokens):
        if tokens[index + 1].text.lower() != "of":
            return None
        target = _object_of(tokens, index + 1)
        if target is None:
            return None
        if _is_the_country(tokens, target):
            return _Mention(REGION_OF, "", "", value, phrase_text(sentence, spans, start, target), sentence)
        place = _place_span(tokens, entity_of, target, after=index + 1)
        if place is None:
            return None
        return _place_mention(REGION_OF, sentence, spans, place, value, phrase_text(sentence, spans, start, place[1] - 1))
    # Possessive: "Greece's north" / "the country's north" ("'s" sits between owner and region word).
    owner = first - 2
    if owner < 0 or tokens[first - 1].text not in {"'s", "’s"} or _head(tokens, owner) != index:
        return None
    if _is_the_country(tokens, owner):
        return _Mention(REGION_OF, "", "", value, phrase_text(sentence, spans, owner - 1, index), sentence)
    place = _place_span(tokens, entity_of, owner, after=-1)
    if place is None or place[1] - 1 != owner:
        return None
    return _place_mention(REGION_OF, sentence, spans, place, value, phrase_text(sentence, spans, place[0], index))


def _is_route(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the token is the object of a route preposition ("moved through central X")."""
    head = _head(tokens, index)
    return tokens[index].dep == "pobj" and head is not None and tokens[head].text.lower() in ROUTE_PREPOSITIONS


def _is_region_adjective(token: Token) -> bool:
    return token.text.lower() in REGION_ADJECTIVES or token.text.lower() in {"eastern", "western"}


def _object_of(tokens: tuple[Token, ...], preposition: int) -> int | None:
    """The object of the preposition at `preposition` ("of" -> "Greece")."""
    for index in range(preposition + 1, min(preposition + 1 + MAX_MODIFIER_GAP, len(tokens))):
        if tokens[index].head == preposition and tokens[index].dep == "pobj":
            return index
    return None


def _is_the_country(tokens: tuple[Token, ...], index: int) -> bool:
    return tokens[index].lemma.lower() in COUNTRY_WORDS and index >= 1 and tokens[index - 1].text.lower() == "the"


def _place_span(
    tokens: tuple[Token, ...], entity_of: dict[int, tuple[int, int]], index: int, after: int, named: bool = False
) -> tuple[int, int] | None:
    """(start, end) of the place name at `index`: its GPE/LOC entity, or a proper noun spaCy left
    untagged (invented or rare names often are), or with `named` (the text says it is a place) any
    proper noun; only tokens after `after` count."""
    if index in entity_of:
        start, end = entity_of[index]
        start = max(start, after + 1)
        return (start, end) if start < end else None
    if tokens[index].pos != "PROPN" or (tokens[index].ent_type and not named):
        return None
    start = index
    while start - 1 > after and tokens[start - 1].pos == "PROPN" and (named or not tokens[start - 1].ent_type):
        start -= 1
    return start, index + 1


def _place_mention(
    space: str,
    sentence: Sentence,
    spans: list[tuple[int, int]],
    place: tuple[int, int],
    value: str,
    words: str,
) -> _Mention | None:
    label = phrase_text(sentence, spans, place[0], place[1] - 1)
    key = _normalise_place(label)
    return _Mention(space, key, label, value, words, sentence) if key else None


def _normalise_place(text: str) -> str:
    key = " ".join(text.lower().split())
    return key[4:] if key.startswith("the ") else key


def _resolve_country(mentions: list[_Mention]) -> list[_Mention]:
    """Key "the north of the country" to the one named place the story's region words describe.

    Without a gazetteer "the country" cannot be looked up. When the sources give a region to
    exactly one named place ("central Greece"), that place is the one they are locating; with
    several ("northern Israel", "southern Lebanon") or none, "the country" is left out.
    """
    named = {m.key: m.label for m in mentions if m.space == REGION_OF and m.key}
    country, label = next(iter(named.items())) if len(named) == 1 else (None, "")
    resolved = []
    for mention in mentions:
        if mention.space == REGION_OF and not mention.key:
            if country is None:
                continue
            mention = _Mention(REGION_OF, country, label, mention.value, mention.words, mention.sentence)
        resolved.append(mention)
    return resolved


# --------------------------------------------------------------------------- judging keys


def _conflict(space: str, mentions: list[_Mention]) -> Conflict | None:
    is_region = space in {REGION_OF, LOCATED}
    all_values = list(dict.fromkeys(m.value for m in mentions))
    if len(all_values) < 2 or (is_region and len(all_values) > MAX_REGION_VALUES):
        return None
    kept = _without_self_pairs(mentions, descriptive=space in DESCRIPTIVE_GROUPS)
    sources_of: dict[str, dict[str, None]] = {}
    for mention in kept:
        sources_of.setdefault(mention.value, {}).setdefault(mention.sentence.source, None)
    values = list(sources_of)
    clash = any(
        _clashes(a, b, is_region) and any(sa != sb for sa in sources_of[a] for sb in sources_of[b])
        for position, a in enumerate(values)
        for b in values[position + 1 :]
    )
    if not clash:
        return None
    positions = tuple(_position(value, [m for m in kept if m.value == value]) for value in values)
    label = kept[0].label
    if space == REGION_OF:
        topic = f"{REGION_TOPIC}{label}"
    elif space == LOCATED:
        topic = f"where {label} lies"
    else:
        topic = f"{GROUP_TOPICS.get(space, space)} of the {label}"
    return Conflict(topic=topic, kind="place", positions=positions)


def region_spellings(conflict: Conflict) -> list[list[str]] | None:
    """For a dispute over a place's region, each position's value in the forms a short caption uses
    ("northern Greece", "the north of Greece"); None for any other conflict."""
    if conflict.kind != "place" or not conflict.topic.startswith(REGION_TOPIC):
        return None
    label = conflict.topic[len(REGION_TOPIC) :]
    return [
        [f"{a} {label}" for a in _ADJECTIVES_OF.get(p.normalized or "", ())]
        + [f"the {n} of {label}" for n in _NOUNS_OF.get(p.normalized or "", ())]
        for p in conflict.positions
    ]


def _without_self_pairs(mentions: list[_Mention], descriptive: bool) -> list[_Mention]:
    """Drop a source's statements for a key when it gives several values itself (it describes
    several things), or, for descriptive groups, when one of its sentences gives several."""
    values_by: dict[tuple[str, int] | str, set[str]] = {}
    for mention in mentions:
        unit: tuple[str, int] | str = (
            (mention.sentence.source, mention.sentence.index) if descriptive else mention.sentence.source
        )
        values_by.setdefault(unit, set()).add(mention.value)
    dropped = {
        unit if isinstance(unit, str) else unit[0] for unit, values in values_by.items() if len(values) > 1
    }
    return [m for m in mentions if m.sentence.source not in dropped]


def _clashes(a: str, b: str, is_region: bool) -> bool:
    """Whether two values cannot both hold. Regions: "central" clashes with any compass region,
    compass regions only across an axis ("north"/"south"; "north"/"northeast" overlap)."""
    if a == b:
        return False
    if not is_region:
        return True
    if "central" in {a, b}:
        return True
    return any(
        (_has(a, one) and _has(b, other)) or (_has(a, other) and _has(b, one)) for one, other in _OPPOSITE_COMPASS
    )


def _has(value: str, direction: str) -> bool:
    return value == direction or value.startswith(direction) or value.endswith(direction)


def _position(value: str, mentions: list[_Mention]) -> Position:
    return build_position([mentions[0].words], [m.sentence for m in mentions], normalized=value)
