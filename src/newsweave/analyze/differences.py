"""Conflicts inside aligned claims: the same sentence with a different place, direction, name or polarity.

Alignment already grouped sentences that tell one fact. Here each pair of
sentences from different sources is compared word for word on the slots
that embeddings gloss over: "the north tower" vs "the south tower", "near
Kessel Point" vs "near Old Harbour", "engineer Miriam Okafor-Lind" vs
"Miriam Okafor", "no one was injured" vs "two workers were injured".
"""

from __future__ import annotations

import re

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from newsweave.analyze.clauses import clause_certainty, main_predicate, position_certainty
from newsweave.analyze.entities import words_match
from newsweave.analyze.person_names import HONORIFICS, may_be_one_person
from newsweave.analyze.positions import build_position
from newsweave.analyze.roles import role_of
from newsweave.analyze.spans import children, quoted_token_mask, token_char_spans
from newsweave.analyze.verdicts import opposite_verdicts
from newsweave.lexicon import REPORTING_VERBS, THIRD_PERSON_SUBJECTS
from newsweave.model import (
    AnalyzedArticle,
    Attribution,
    Certainty,
    Claim,
    Conflict,
    ConflictKind,
    Entity,
    Position,
    Sentence,
)

DIRECTIONS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
        "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west",
        "upper", "lower", "left", "right", "inbound", "outbound", "northbound", "southbound",
        "eastbound", "westbound", "upstream", "downstream",
    }
)  # fmt: skip
# Countries and cities stand for governments ("sanctions on Russia" / "on Moscow"): only sites and areas count.
PLACE_LABELS = frozenset({"FAC", "LOC"})
COMMON_PREDICATES = frozenset(
    {"be", "have", "do", "say", "tell", "make", "take", "get", "go", "come", "give", "see", "know", "want", "add"}
)
MAX_KEY_MEMBERS = 40
STORY_WIDE_SIMILARITY = 0.2
RANK_MODIFIERS = frozenset({"deputy", "vice", "acting", "former", "assistant", "chief", "senior", "junior", "interim"})
CONTENTLESS_VERBS = frozenset({"be", "have", "do", "get", "seem", "become"})
NEGATIVE_SUBJECTS = frozenset({"no one", "nobody", "none", "nothing", "no-one"})

DifferenceKind = Literal["place", "name", "negation"]


@dataclass(frozen=True)
class _Difference:
    kind: DifferenceKind
    key: str  # what the slot is about: "tower", "chief engineer", "injured"
    value_a: str
    value_b: str
    a: Sentence
    b: Sentence


def find_claim_conflicts(
    claims: Sequence[Claim],
    articles: Sequence[AnalyzedArticle],
    attributions: dict[str, list[Attribution | None]],
    pair_similarity: float = 0.55,
) -> list[Conflict]:
    """Place, direction, name and negation conflicts between sentences that tell the same fact.

    Candidates are the sentence pairs aligned into one claim, plus any two
    sentences of different sources whose embeddings reach `pair_similarity`:
    a contradiction often lowers similarity below the alignment threshold.
    """
    found: dict[tuple[DifferenceKind, str], list[tuple[str, Sentence]]] = {}
    for a, b in _candidate_pairs(claims, articles, pair_similarity):
        for difference in _differences(a, b):
            entries = found.setdefault((difference.kind, difference.key), [])
            entries.append((difference.value_a, difference.a))
            entries.append((difference.value_b, difference.b))
    conflicts = []
    for (kind, key), entries in found.items():
        by_value: dict[str, list[Sentence]] = {}
        for value, sentence in entries:
            bucket = by_value.setdefault(value, [])
            if all((s.source, s.index) != (sentence.source, sentence.index) for s in bucket):
                bucket.append(sentence)
        if kind == "name":
            by_value = _one_side_per_person(by_value)
            if _named_together(by_value, articles):
                continue  # one article names both: two people ("Bill Clinton" and "Hillary Clinton"), not one
        if len(by_value) < 2:
            continue
        positions = tuple(
            _position(value, sentences, attributions, judged=kind == "place")
            for value, sentences in sorted(by_value.items(), key=lambda item: -len({s.source for s in item[1]}))
        )
        conflicts.append(Conflict(topic=_topic(kind, key), kind=kind, positions=positions))
    return conflicts


def _candidate_pairs(
    claims: Sequence[Claim], articles: Sequence[AnalyzedArticle], pair_similarity: float
) -> list[tuple[Sentence, Sentence]]:
    sentence_of = {(a.article.id, s.index): s for a in articles for s in a.sentences}
    seen: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    pairs: list[tuple[Sentence, Sentence]] = []

    def add(a: Sentence, b: Sentence) -> None:
        key = ((a.source, a.index), (b.source, b.index))
        if a.source != b.source and key not in seen and key[::-1] not in seen:
            seen.add(key)
            pairs.append((a, b))

    for claim in claims:
        members = [sentence_of[(e.source, e.index)] for e in claim.evidence if (e.source, e.index) in sentence_of]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                add(a, b)
    for a, b in _story_wide_pairs(articles, STORY_WIDE_SIMILARITY):
        add(a, b)
    body = [(s, a.vectors[i]) for a in articles for i, s in enumerate(a.sentences) if s.kind == "body"]
    if len(body) > 1 and body[0][1].ndim == 1 and np.linalg.norm(body[0][1]) > 0:
        matrix = np.vstack([v for _, v in body])
        similarity = matrix @ matrix.T
        for i, j in zip(*np.nonzero(np.triu(similarity >= pair_similarity, 1))):
            add(body[i][0], body[j][0])
    return pairs


def _topic(kind: str, key: str) -> str:
    """A phrase for the reader: "name of the chief engineer", "spelling of the name Han", "which tower"."""
    if kind == "name":
        titles, _, name_part = key.rpartition(" ")
        return f"spelling of the name {name_part}" if titles == "person" else f"name of the {titles}"
    if kind == "negation":
        return f"whether {key}"
    return f"which {key}" if " " not in key else f"where: {key}"  # a direction's noun, or verb and preposition


def _position(
    value: str, sentences: list[Sentence], attributions: dict[str, list[Attribution | None]], judged: bool = True
) -> Position:
    """One side; `judged`: whether its certainty is read from the sentences. A place can be planned
    ("will stop at X"); a name's spelling cannot, and a negation side says "not" in its value."""
    speakers: dict[str, None] = {}
    via: dict[str, None] = {}
    for sentence in sentences:
        items = attributions.get(sentence.source, [])
        attribution = items[sentence.index] if sentence.index < len(items) else None
        if attribution is not None and attribution.speaker.lower() not in THIRD_PERSON_SUBJECTS:
            speakers.setdefault(attribution.speaker, None)
            for name in attribution.via:
                via.setdefault(f"{name} ({sentence.source})", None)
    return build_position(
        [value],
        sentences,
        attributed_to="; ".join(speakers) or None,
        via=via,
        certainty=position_certainty(_certainty(s) for s in sentences) if judged else "confirmed",
    )


def _certainty(sentence: Sentence) -> Certainty:
    root = main_predicate(sentence)
    return clause_certainty(sentence, root) if root is not None else "confirmed"


def _differences(a: Sentence, b: Sentence) -> Iterator[_Difference]:
    yield from _direction_differences(a, b)
    yield from _place_differences(a, b)
    yield from _name_differences(a, b)
    yield from _negation_difference(a, b)
    verdicts = opposite_verdicts(a, b)
    if verdicts is not None:
        yield _Difference("negation", verdicts.key, verdicts.first, verdicts.second, a, b)


def _story_wide_pairs(articles: Sequence[AnalyzedArticle], minimum_similarity: float) -> list[tuple[Sentence, Sentence]]:
    """Pairs that embeddings miss: a denial reads unlike the assertion it denies
    ("No one was injured" / "Two workers were injured"), and a swapped direction is
    one word in a differently built sentence. Sentences are paired when they share
    a main predicate or a direction-modified noun, then compared like aligned ones."""
    keyed: dict[str, list[tuple[Sentence, np.ndarray]]] = {}
    for analyzed in articles:
        for i, sentence in enumerate(analyzed.sentences):
            if sentence.kind != "body" or not sentence.tokens:
                continue
            keys = set()
            root = main_predicate(sentence)
            if root is not None and sentence.tokens[root].lemma.lower() not in COMMON_PREDICATES:
                keys.add("predicate:" + sentence.tokens[root].lemma.lower())
            for token in sentence.tokens:
                if token.text.lower() in DIRECTIONS and 0 <= token.head < len(sentence.tokens):
                    keys.add("direction:" + sentence.tokens[token.head].lemma.lower())
            for key in keys:
                keyed.setdefault(key, []).append((sentence, analyzed.vectors[i]))
    pairs = []
    for members in keyed.values():
        if len(members) > MAX_KEY_MEMBERS:
            continue  # a predicate every article uses says nothing by itself
        for i, (a, vector_a) in enumerate(members):
            for b, vector_b in members[i + 1 :]:
                if a.source != b.source and float(vector_a @ vector_b) >= minimum_similarity:
                    pairs.append((a, b))
    return pairs


def _direction_differences(a: Sentence, b: Sentence) -> Iterator[_Difference]:
    """Direction words modifying the same noun: "north tower" / "south tower"."""
    def directions(sentence: Sentence) -> dict[str, str]:
        found = {}
        for token in sentence.tokens:
            if token.text.lower() in DIRECTIONS and 0 <= token.head < len(sentence.tokens):
                head = sentence.tokens[token.head]
                if token.text[:1].isupper() and head.pos == "PROPN" and head.text[:1].isupper():
                    continue  # "South Korea", "North Carolina": part of a name, not a direction
                if head.pos in {"NOUN", "PROPN"} and token.head != sentence.tokens.index(token):
                    found[head.lemma.lower()] = f"{token.text.lower()} {head.text}"
        return found

    in_a, in_b = directions(a), directions(b)
    for noun in in_a.keys() & in_b.keys():
        if in_a[noun].split()[0] != in_b[noun].split()[0]:
            yield _Difference("place", noun, in_a[noun], in_b[noun], a, b)


def _place_differences(a: Sentence, b: Sentence) -> Iterator[_Difference]:
    """Different named places after the same preposition and verb: "near Kessel Point" / "near Old Harbour"."""
    def places(sentence: Sentence) -> dict[str, str]:
        found = {}
        for entity in sentence.entities:
            if entity.label not in PLACE_LABELS:
                continue
            head = _entity_head(sentence, entity.start, entity.end)
            preposition = sentence.tokens[sentence.tokens[head].head] if 0 <= sentence.tokens[head].head < len(sentence.tokens) else None
            if preposition is None or preposition.dep != "prep" or preposition.lemma.lower() == "of":
                continue
            governor = sentence.tokens[preposition.head] if 0 <= preposition.head < len(sentence.tokens) else None
            if governor is None:
                continue
            found[f"{governor.lemma.lower()} {preposition.lemma.lower()}"] = entity.text
        return found

    in_a, in_b = places(a), places(b)
    text_a, text_b = a.text.lower(), b.text.lower()
    for slot in in_a.keys() & in_b.keys():
        place_a, place_b = in_a[slot], in_b[slot]
        # A place the other sentence also names elsewhere is detail, not contradiction ("Istanbul, Turkey").
        if words_match(place_a, place_b) or place_a.lower() in text_b or place_b.lower() in text_a:
            continue
        yield _Difference("place", slot, place_a, place_b, a, b)


def _entity_head(sentence: Sentence, start: int, end: int) -> int:
    for index in range(start, end):
        head = sentence.tokens[index].head
        if not start <= head < end or head == index:
            return index
    return end - 1


def _name_differences(a: Sentence, b: Sentence) -> Iterator[_Difference]:
    """The same person named differently (beyond spelling variants), or given a different rank."""
    people_a = [(_whole_name(a, e), _title_words(a, e.start)) for e in a.entities if e.label == "PERSON"]
    people_b = [(_whole_name(b, e), _title_words(b, e.start)) for e in b.entities if e.label == "PERSON"]
    for entity_a, titles_a in people_a:
        parts_a = _name_parts(entity_a.text)
        for entity_b, titles_b in people_b:
            parts_b = _name_parts(entity_b.text)
            if not parts_a or not parts_b:
                continue
            same_first = len(parts_a) > 1 and len(parts_b) > 1 and words_match(parts_a[0], parts_b[0])
            same_last = words_match(parts_a[-1], parts_b[-1])
            if same_last and titles_a and titles_b and titles_a != titles_b:
                extra = (titles_a - titles_b) | (titles_b - titles_a)
                if extra and extra <= RANK_MODIFIERS:
                    key = " ".join(sorted(titles_a & titles_b)) or parts_a[-1]
                    yield _Difference(
                        "name", f"{key} {parts_a[-1]}".strip(),
                        " ".join(_ordered_titles(a, entity_a.start) + [entity_a.text]),
                        " ".join(_ordered_titles(b, entity_b.start) + [entity_b.text]), a, b,
                    )
            if may_be_one_person(entity_a.text, entity_b.text):
                continue  # "Mike" / "Michael", "Robert Card" / "Robert R. Card II": one person's name
            if not titles_a & titles_b and not _same_role(a, entity_a, b, entity_b):
                # A shared name alone says nothing: "John McCain" and "John Kerry", "Hillary Clinton" and
                # "Bill Clinton" are two people. A shared title says both sentences name the holder of one
                # post ("chief engineer Ruth X" / "Ruth Y", "suspect Ivo Brandt" / "suspect Ian Brandt").
                continue
            if same_last and len(parts_a) > 1 and len(parts_b) > 1 and not same_first and not _initial_of(parts_a[0], parts_b[0]):
                yield _Difference("name", _person_key(titles_a & titles_b, parts_a[-1]), entity_a.text, entity_b.text, a, b)
            elif same_first and not same_last:
                yield _Difference("name", _person_key(titles_a & titles_b, parts_a[0]), entity_a.text, entity_b.text, a, b)


def _same_role(a: Sentence, entity_a: Entity, b: Sentence, entity_b: Entity) -> bool:
    """Whether both names are given one role beside them ("The authority's chief engineer, X")."""
    role_a = role_of(a, entity_a.start, entity_a.end)
    role_b = role_of(b, entity_b.start, entity_b.end) if role_a is not None else None
    return role_b is not None and role_a is not None and role_a.noun == role_b.noun


def _named_together(by_value: dict[str, list[Sentence]], articles: Sequence[AnalyzedArticle]) -> bool:
    """Whether one article writes two of the sides' names: then they are two people of the story."""
    spellings = [
        {re.sub(r"['’]s$", "", written.strip()) for written in value.split(" / ")} for value in by_value
    ]
    for analyzed in articles:
        text = analyzed.article.text
        if sum(any(name and name in text for name in names) for names in spellings) >= 2:
            return True
    return False


def _one_side_per_person(by_value: dict[str, list[Sentence]]) -> dict[str, list[Sentence]]:
    """Names that can be one person ("Park Jae-hoon", "Park Jae Hun") are one side, written both ways."""
    merged: dict[str, list[Sentence]] = {}
    for value, sentences in by_value.items():
        home = next((side for side in merged if any(may_be_one_person(value, v) for v in side.split(" / "))), None)
        if home is None:
            merged[value] = list(sentences)
        else:
            side = merged.pop(home)
            merged[f"{home} / {value}"] = side + [s for s in sentences if s not in side]
    return merged


def _whole_name(sentence: Sentence, entity: Entity) -> Entity:
    """The entity with a hyphenated part the tagger left out: "Han Duck" of "Han Duck-soo"."""
    tokens, end = sentence.tokens, entity.end
    while (
        end + 1 < len(tokens)
        and tokens[end].text == "-"
        and not tokens[end - 1].whitespace
        and not tokens[end].whitespace
        and tokens[end + 1].text.isalpha()
    ):
        end += 2
    if end == entity.end:
        return entity
    text = entity.text + "".join(tokens[i].text + tokens[i].whitespace for i in range(entity.end, end)).rstrip()
    return replace(entity, text=text, end=end)


def _person_key(titles: frozenset[str], name_part: str) -> str:
    """What a name conflict is about: "chief engineer Miriam", or "person Okafor" without a title."""
    return f"{' '.join(sorted(titles)) or 'person'} {name_part}"


def _title_words(sentence: Sentence, start: int) -> frozenset[str]:
    return frozenset(word.lower() for word in _ordered_titles(sentence, start))


def _ordered_titles(sentence: Sentence, start: int) -> list[str]:
    """Lower-case words just before a name: "deputy mayor" in "deputy mayor Ana Reyes"."""
    words: list[str] = []
    index = start - 1
    while index >= 0 and sentence.tokens[index].pos in {"NOUN", "ADJ", "PROPN"} and sentence.tokens[index].text.islower():
        words.insert(0, sentence.tokens[index].text)
        index -= 1
    return words


def _name_parts(name: str) -> list[str]:
    """Capitalised parts of a name, honorifics left out ("Mr Reddin" -> ["Reddin"])."""
    cleaned = name.replace("’s", "").replace("'s", "").strip()
    return [part for part in cleaned.split() if part[:1].isupper() and part.lower() not in HONORIFICS]


def _initial_of(a: str, b: str) -> bool:
    return (len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1) and a[0].lower() == b[0].lower()


def _negation_difference(a: Sentence, b: Sentence) -> Iterator[_Difference]:
    """One sentence denies what the other asserts, about the same main verb."""
    root_a, root_b = main_predicate(a), main_predicate(b)
    if root_a is None or root_b is None:
        return
    if a.tokens[root_a].lemma.lower() != b.tokens[root_b].lemma.lower():
        return
    verb = ""
    if a.tokens[root_a].lemma.lower() in CONTENTLESS_VERBS:
        # "is" / "is not": what is asserted or denied is the complement ("is not a cyber attack").
        complement_a, complement_b = _complement(a, root_a), _complement(b, root_b)
        if complement_a is None or complement_a != complement_b:
            return
        verb = f" {complement_a}"
    negated_a, negated_b = _negated(a, root_a), _negated(b, root_b)
    if negated_a == negated_b or _is_question_or_quoted(a, root_a) or _is_question_or_quoted(b, root_b):
        return
    # "Clinton responded" and "her spokesman did not respond" deny nothing of each other: a "not" denies
    # the verb of the same subject (and object, where both have one). A subject that is itself the
    # denial ("No one was injured" / "Two workers were injured") has no subject to share.
    if not (_no_one_subject(a, root_a) or _no_one_subject(b, root_b)):
        if not _same_argument(a, root_a, b, root_b, _SUBJECT_DEPS, subject=True):
            return
        if not _same_argument(a, root_a, b, root_b, _OBJECT_DEPS, subject=False):
            return
    verb = (b if negated_a else a).tokens[root_b if negated_a else root_a].text.lower() + verb
    yield _Difference("negation", verb, ("not " if negated_a else "") + verb, ("not " if negated_b else "") + verb, a, b)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj"})
_NO_ONE = frozenset({"nobody", "none", "nothing", "no-one"})


def _argument(sentence: Sentence, root: int, deps: frozenset[str], *, through_preposition: bool) -> str | None:
    """The lemma of the verb's subject or object head, lower case; None when it has none or a pronoun.
    `through_preposition`: an object may hang from the verb's first preposition ("apologized for the
    voicemail")."""
    tokens = sentence.tokens
    for child in children(tokens, root):
        if tokens[child].dep in deps:
            return None if tokens[child].pos == "PRON" else tokens[child].lemma.lower()
    if through_preposition:
        for child in children(tokens, root):
            if tokens[child].dep == "prep":
                objects = [c for c in children(tokens, child) if tokens[c].dep == "pobj"]
                if objects:
                    return None if tokens[objects[0]].pos == "PRON" else tokens[objects[0]].lemma.lower()
    return None


def _same_argument(a: Sentence, root_a: int, b: Sentence, root_b: int, deps: frozenset[str], *, subject: bool) -> bool:
    """Whether two verbs have the same subject (both must have one) or the same object (a missing
    object on either side is no difference)."""
    first = _argument(a, root_a, deps, through_preposition=not subject)
    second = _argument(b, root_b, deps, through_preposition=not subject)
    if first is None or second is None:
        return not subject
    return first == second


def _no_one_subject(sentence: Sentence, root: int) -> bool:
    tokens = sentence.tokens
    for child in children(tokens, root):
        if tokens[child].dep in _SUBJECT_DEPS:
            if any(tokens[c].dep == "prep" and tokens[c].text.lower() == "of" for c in children(tokens, child)):
                return False  # "none of the associates": a denial about them, with a subject to compare
            determiners = {tokens[c].text.lower() for c in children(tokens, child)}
            text = tokens[child].text.lower()
            return text in _NO_ONE or (text == "one" and "no" in determiners) or "no" in determiners
    return False


def _complement(sentence: Sentence, root: int) -> str | None:
    """The lemma of what a contentless verb says of its subject: "attack" in "is not a cyber attack"."""
    for child in children(sentence.tokens, root):
        if sentence.tokens[child].dep in {"attr", "acomp", "dobj", "oprd"}:
            return sentence.tokens[child].lemma.lower()
    return None


def _is_question_or_quoted(sentence: Sentence, root: int) -> bool:
    """Questions to the reader and words inside quotation marks are not the outlet's own assertions."""
    if sentence.text.rstrip().endswith("?"):
        return True
    return quoted_token_mask(sentence.tokens)[root]


def _negated(sentence: Sentence, root: int) -> bool:
    tokens = sentence.tokens
    for child in children(tokens, root):
        if tokens[child].dep == "neg":
            return True
        if tokens[child].dep in {"nsubj", "nsubjpass"}:
            spans = token_char_spans(sentence)
            subject = sentence.text[spans[child][0] : spans[child][1]].lower()
            determiners = [tokens[c].text.lower() for c in children(tokens, child)]
            if subject in {"nobody", "none", "nothing", "no-one"} or "no" in determiners:
                return True
    return False


