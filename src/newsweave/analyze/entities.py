"""One entity per real-world person, place or organisation, across sources and spellings.

Outlets spell the same name differently: transliterations of Ukrainian and Russian
names (Zelensky, Zelenskyy, Zelenskiy; Medinsky, Medinski; Kyiv, Kiev), diacritics
(Erdoğan), capitals ("REUTERS"), possessives ("Zelensky's"). The small spaCy model also
labels the same name inconsistently (an unfamiliar surname may come out as ORG or GPE).

`merge_entities` compares names by a transliteration key (`name_key`): y and i, ks and
x, ie and i, w and v, and doubled letters are the same; words match when their keys
are equal, or when their consonant skeletons agree and the keys are close by string
similarity. A single surname joins the person whose full name ends with it; two full
names join only when their surnames match, so people who share just a first name stay apart.

Each mention's label is first checked against its context (`_mention_label`): "Ms",
"councillor" or an age ("Shona Pike, 34,") make a person, a last word such as
"Authority" or "Pier" an organisation or a place. Titles are taken off names ("Consul
Henrike Aasvold"), and capitalised common words ("Ferry timetable") are no entities.
The module also holds the name knowledge the speaker analyses share: honorifics,
person nouns and `speaker_kind`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from newsweave.analyze.spans import phrase_tokens
from newsweave.lexicon import HONORIFIC_GENDERS
from newsweave.model import AnalyzedArticle, Entity, EntityGroup, Sentence

MERGED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
# Labels whose names may be merged by similarity; others only by an identical key.
_LABEL_FAMILY = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
                 "NORP": "group", "EVENT": "event"}  # fmt: skip
WORD_SIMILARITY = 0.8  # similarity of two word keys with the same skeleton to count as one spelling
_TITLE_WORDS = frozenset(
    {"president", "minister", "spokesman", "spokesperson", "spokeswoman", "prime", "foreign",
     "defence", "defense", "deputy", "chancellor", "king", "queen", "prince", "pope", "general",
     "mr", "mrs", "ms", "dr", "sir", "senator", "governor", "mayor", "secretary", "consul",
     "councillor", "councilor", "professor", "prof", "judge", "ambassador", "mx", "miss", "dame"}
)  # fmt: skip
# Honorifics and kin words before a name, with the gender they tell: "Ms Harrow", "Mum-of-two Shona Pike".
HONORIFICS: dict[str, str] = {
    **HONORIFIC_GENDERS,
    "father": "m", "dad": "m", "man": "m", "husband": "m", "son": "m",
    "mother": "f", "mum": "f", "mom": "f", "woman": "f", "wife": "f", "daughter": "f",
}  # fmt: skip
# Nouns that name a person: a name next to them is a person's ("Lionel Ashdown, a professor").
PERSON_NOUNS = frozenset(
    {"nurse", "driver", "resident", "witness", "engineer", "expert", "analyst", "professor", "doctor", "worker",
     "owner", "teacher", "student", "lawyer", "councillor", "councilor", "consul", "mayor", "manager", "member",
     "survivor", "victim", "passenger", "commuter", "neighbour", "neighbor", "spokesman", "spokeswoman",
     "spokesperson", "minister", "official", "officer", "adviser", "advisor", "director", "chairman", "chair",
     "president", "senator", "governor", "ambassador", "secretary", "chief", "head", "leader", "reporter",
     "correspondent", "editor", "author", "founder", "mother", "father", "researcher", "scientist", "pilot",
     "aide", "negotiator", "envoy", "commander", "general", "chancellor", "premier", "lawmaker", "diplomat",
     "prosecutor", "deputy", "man", "woman"}
)  # fmt: skip
_PLACE_PEOPLE_NOUNS = frozenset({"citizen", "national", "resident", "authority", "government", "embassy", "consulate"})
_COLLECTIVE_NOUNS = frozenset({"police", "people", "staff", "crew", "public", "family"})
# Last words that make a name an organisation, a building or structure, or a natural place.
_ORG_HEADS = frozenset(
    {"authority", "council", "board", "union", "university", "group", "line", "lines", "wire", "post", "directorate",
     "ministry", "department", "agency", "company", "corporation", "inc", "ltd", "hospital", "school", "college",
     "court", "party", "bank", "service", "office", "committee", "commission", "association", "federation",
     "institute", "network", "news", "times", "herald", "gazette", "courier", "journal", "tribune", "press",
     "broadcasting", "foundation", "trust", "club", "police", "army", "navy", "government", "parliament",
     "assembly", "senate", "congress", "airlines", "airways", "railways", "holdings", "partners", "fund"}
)  # fmt: skip
_FAC_HEADS = frozenset(
    {"bridge", "road", "street", "row", "pier", "station", "airport", "square", "avenue", "lane", "quay",
     "tunnel", "terminal", "hall", "tower", "stadium", "building", "palace", "harbour", "harbor", "port", "dock"}
)  # fmt: skip
_LOC_HEADS = frozenset({"island", "islands", "sea", "ocean", "river", "bay", "lake", "mountains", "valley",
                        "coast", "gulf", "strait", "peninsula"})  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DEBRIS = re.compile(r"[/@]|\.(?:com|org|net|ir|ru|ua)\b", re.IGNORECASE)  # photo credits, web addresses


@functools.lru_cache(maxsize=65536)  # names repeat endlessly across a story's mentions
def name_key(word: str) -> str:
    """A spelling-insensitive key of one name word: "Zelenskyy", "Zelenskiy" -> "zelenski"."""
    folded = unicodedata.normalize("NFKD", word.replace("ı", "i"))
    letters = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    letters = re.sub(r"[^a-z0-9]", "", letters)
    for written, spoken in (("ks", "x"), ("ph", "f"), ("w", "v"), ("y", "i"), ("ie", "i")):
        letters = letters.replace(written, spoken)
    return re.sub(r"(.)\1+", r"\1", letters)  # doubled letters: Tayyip / Tayip, Zelenskii / Zelenski


@functools.lru_cache(maxsize=262144)
def words_match(first: str, second: str) -> bool:
    """Whether two name words are spellings of one name ("Medinsky" / "Medinski")."""
    key_a, key_b = name_key(first), name_key(second)
    if key_a == key_b:
        return True
    if not key_a or not key_b:
        return False
    skeleton_a, skeleton_b = _skeleton(key_a), _skeleton(key_b)
    if skeleton_a == skeleton_b:
        return SequenceMatcher(None, key_a, key_b).ratio() >= WORD_SIMILARITY
    # One consonant more or less ("Vicente" / "Vincente"): a typo when the words are otherwise alike.
    # The cheap checks go first: this runs for every pair of name words in a story.
    return (
        min(len(key_a), len(key_b)) >= 5
        and _one_letter_apart(skeleton_a, skeleton_b)
        and SequenceMatcher(None, key_a, key_b).ratio() >= 0.85
    )


def clean_entity_text(text: str) -> str:
    """Mention text without possessive, leading article or surrounding punctuation."""
    cleaned = " ".join(text.split()).strip(" \"“”'‘’,.;:()[]-")
    cleaned = _POSSESSIVE.sub("", cleaned)
    cleaned = re.sub(r"^the\s+", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+(?:of|and|the)$", "", cleaned)  # "The English Service of": a cut-off name
    return cleaned.strip()


def merge_entities(articles: Sequence[AnalyzedArticle]) -> list[EntityGroup]:
    """Entity groups of all articles, sorted by number of mentions (most first).

    The group name is the most frequent full form (for people the most frequent of their
    longest names), its type the majority label, its aliases every spelling seen, most
    frequent first.
    """
    forms = _collect_forms(articles)
    families = [form.family for form in forms]
    partition = _Partition(forms)
    people = [index for index, form in enumerate(forms) if families[index] == "person" and len(form.words) >= 2]
    for position, first in enumerate(people):
        for second in people[position + 1 :]:
            if _full_names_match(forms[first].words, forms[second].words):
                partition.join(first, second)

    people_set = set(people)
    # Only forms of one family and one length can name the same thing: each form is compared within its bucket.
    earlier_alike: dict[tuple[str, int], list[int]] = {}
    for index in range(len(forms)):
        if index in people_set:
            continue
        form = forms[index]
        alike = earlier_alike.setdefault((families[index], len(form.words)), [])
        if len(form.words) == 1 and families[index] != "group":
            # A lone surname joins the most mentioned person it can be; spaCy's label on a
            # lone unfamiliar surname is unreliable, so any non-group label may join.
            matches = [person for person in people if words_match(form.words[0], forms[person].words[-1])]
            if matches:
                partition.join(index, max(matches, key=partition.mentions))
                alike.append(index)
                continue
        for other in alike:
            if _same_words(form.words, forms[other].words):
                partition.join(index, other)
                break
        alike.append(index)

    members: dict[int, list[_Form]] = {}
    for index, form in enumerate(forms):
        members.setdefault(partition.find(index), []).append(form)
    groups = [_group_record(group_forms, articles) for group_forms in members.values()]
    return sorted(groups, key=lambda group: (-group.mentions, group.name))


def match_person(phrase: str, groups: Sequence[EntityGroup]) -> EntityGroup | None:
    """The PERSON group a speaker phrase names, judged by its last word (the surname).

    "Kremlin spokesman Dmitry Peskov", "Peskov" -> the Dmitry Peskov group; "Zelensky's
    office" names an office, not a person, and matches nothing.
    """
    words = [clean_entity_text(word) for word in phrase.split()]
    words = [word for word in words if word]
    if not words or not words[-1][:1].isupper() or _POSSESSIVE.search(phrase.split()[-1]):
        return None
    surname = words[-1]
    candidates = [group for group in groups if group.type == "PERSON" and words_match(group.name.split()[-1], surname)]
    if not candidates:
        return None
    given = words[:-1]

    def fit(group: EntityGroup) -> tuple[int, int]:
        names = {word for alias in group.aliases for word in alias.split()[:-1]}
        shared = sum(1 for word in given if any(words_match(word, name) for name in names))
        return shared, group.mentions

    return max(candidates, key=fit)


def surname_key(word: str) -> str:
    """A name word without possessive, lower-cased: "Harrow's" -> "harrow"."""
    return _POSSESSIVE.sub("", word).lower()


def person_surname_keys(sentences: Sequence[Sentence], source: str) -> frozenset[str]:
    """Surname keys of everyone an article names as a PERSON or with "Mr", "Ms", ..."""
    keys = set()
    for sentence in sentences:
        for entity in sentence.entities if sentence.source == source else ():
            words = entity.text.split()
            if words and (entity.label == "PERSON" or words[0].lower().rstrip(".") in HONORIFICS):
                keys.add(surname_key(words[-1]))
    return frozenset(keys)


def speaker_kind(sentence: Sentence, phrase: str, person_keys: frozenset[str] = frozenset()) -> str:
    """ "person", "group" (a plural: "some residents", "police") or "other" (an institution,
    a thing) for a speaker phrase of `sentence`; `person_keys` are surnames known as people."""
    words = phrase.split()
    if not words:
        return "other"
    if words[0].lower().rstrip(".") in HONORIFICS or surname_key(words[-1]) in person_keys:
        return "person"
    inside = phrase_tokens(sentence, phrase)
    if not inside:
        return "other"
    tokens = sentence.tokens
    heads = [index for index in inside if tokens[index].head not in inside or tokens[index].head == index]
    head = tokens[heads[-1] if heads else inside[-1]]
    if any(tokens[index].ent_type == "PERSON" for index in inside):
        return "person"
    if all(tokens[index].pos == "PROPN" and not tokens[index].ent_type for index in inside):
        return "person"  # a bare unlabelled name: "Malyar said"
    if head.tag in {"NNS", "NNPS"} or head.lemma.lower() in _COLLECTIVE_NOUNS:
        return "group"
    if head.pos == "NOUN" and head.lemma.lower() in PERSON_NOUNS | _TITLE_WORDS:
        return "person"
    return "other"


# --------------------------------------------------------------------------- forms


@dataclass
class _Form:
    """All mentions whose texts share one key: one spelling, in any capitalisation."""

    key: str
    words: tuple[str, ...]
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    sources: dict[str, None] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return _LABEL_FAMILY.get(self.labels.most_common(1)[0][0], "other")

    @property
    def count(self) -> int:
        return sum(self.surfaces.values())


def _collect_forms(articles: Sequence[AnalyzedArticle]) -> list[_Form]:
    mentions: list[tuple[str, str, str]] = []  # (text, label, source)
    tokens = (token for analyzed in articles for sentence in analyzed.sentences for token in sentence.tokens)
    common_words = {token.text for token in tokens if token.text.isalpha() and token.text.islower()}
    for analyzed in articles:
        for sentence in analyzed.sentences:
            for entity in sentence.entities:
                if entity.label not in MERGED_LABELS or _DEBRIS.search(entity.text) or _in_title(sentence, entity):
                    continue
                text = clean_entity_text(_with_joined_name(sentence, entity))
                label = _mention_label(sentence, entity, text)
                if label == "PERSON":
                    text = _without_titles(text)
                if not text or not any(char.isupper() for char in text):
                    continue
                if " " not in text and text.lower() in common_words and not _after_honorific(sentence, entity):
                    continue  # "Ferry timetable", "Islanders queued": a capitalised common word
                mentions.append((text, label, sentence.source))
    mentions = _split_hyphenated_pairs(mentions)
    forms: dict[str, _Form] = {}
    for text, label, source in mentions:
        words = tuple(text.split())
        key = " ".join(name_key(word) for word in words)
        form = forms.setdefault(key, _Form(key=key, words=words))
        form.surfaces[text] += 1
        form.labels[label] += 1
        form.sources.setdefault(source, None)
    return list(forms.values())


def _mention_label(sentence: Sentence, entity: Entity, text: str) -> str:
    """The entity's label, corrected by what surrounds it.

    A person is told by an honorific or title in front ("Ms Ellery-Vane", "councillor
    Bryn Maddox"), an age ("Shona Pike, 34,") or a person noun in apposition ("Lionel
    Ashdown, a professor"); a country by its people after it ("Aurvik citizens"); an
    organisation, a structure or a natural place by its last word ("Harbourline Wire",
    "Fennick Pier", "Fennick Island").
    """
    tokens = sentence.tokens
    words = text.split()
    if not words:
        return entity.label
    before = tokens[entity.start - 1].text.lower().rstrip(".") if 0 < entity.start <= len(tokens) else ""
    if words[0].lower().rstrip(".") in HONORIFICS or before in HONORIFICS or before in PERSON_NOUNS:
        return "PERSON"
    after = [token.text for token in tokens[entity.end : entity.end + 3]]
    if len(after) == 3 and after[0] == "," and after[1].isdigit() and after[2] == ",":
        return "PERSON"  # "Shona Pike, 34, said"
    span = range(entity.start, entity.end)
    for token in tokens[entity.end :]:
        if token.dep == "appos" and token.head in span and token.lemma.lower() in PERSON_NOUNS:
            return "PERSON"
    following = tokens[entity.end].lemma.lower() if entity.end < len(tokens) else ""
    if len(words) == 1 and following in _PLACE_PEOPLE_NOUNS and entity.label in {"ORG", "FAC", "PERSON"}:
        return "GPE"  # "Aurvik citizens", "the Kestrelmouth authorities": a place and its people
    last = words[-1].lower()
    by_last_word = ((_ORG_HEADS, "ORG", "org"), (_FAC_HEADS, "FAC", "place"), (_LOC_HEADS, "LOC", "place"))
    for heads, label, family in by_last_word:
        if last in heads and len(words) >= 2:
            return entity.label if _LABEL_FAMILY.get(entity.label) == family else label
    return entity.label


def _after_honorific(sentence: Sentence, entity: Entity) -> bool:
    return 0 < entity.start <= len(sentence.tokens) and sentence.tokens[entity.start - 1].text.lower() in HONORIFICS


def _in_title(sentence: Sentence, entity: Entity) -> bool:
    """ "Transport Minister Teodor Halvorsen": a lone word before a title is part of the title."""
    tokens = sentence.tokens
    if entity.end - entity.start != 1 or entity.end + 1 >= len(tokens):
        return False
    following = tokens[entity.end]
    return following.text.lower() in _TITLE_WORDS | PERSON_NOUNS and tokens[entity.end + 1].ent_type == "PERSON"


def _with_joined_name(sentence: Sentence, entity: Entity) -> str:
    """ "the Maritime and Civil Workers' Union": spaCy may cut a name at its "and"."""
    tokens = sentence.tokens
    start = entity.start
    if (
        entity.label == "ORG"
        and start >= 3
        and start <= len(tokens)
        and tokens[start - 1].text == "and"
        and tokens[start - 2].text[:1].isupper()
        and not tokens[start - 2].ent_type
        and tokens[start - 3].text.lower() == "the"
    ):
        return " ".join([tokens[start - 2].text, "and", entity.text])
    return entity.text


def _split_hyphenated_pairs(mentions: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """ "Putin-Zelensky talks": two people, when both halves are names seen elsewhere."""
    known = {name_key(text) for text, _, _ in mentions} | {
        name_key(text.split()[-1]) for text, label, _ in mentions if label == "PERSON"
    }
    result: list[tuple[str, str, str]] = []
    for text, label, source in mentions:
        parts = text.split("-")
        both_names = all(part[:1].isupper() and name_key(part) in known for part in parts)
        if len(parts) == 2 and " " not in text and both_names:
            result.extend((part, label, source) for part in parts)
        else:
            result.append((text, label, source))
    return result


def _without_titles(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------- matching


def _one_letter_apart(first: str, second: str) -> bool:
    """Whether one string is the other with one letter inserted (after the first)."""
    shorter, longer = sorted((first, second), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer)))


def _skeleton(key: str) -> str:
    """First letter and the consonants after it: "zelenski" -> "zlnsk"."""
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def _full_names_match(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Same surname, and the shorter name's other words appear in the longer, in order."""
    if not words_match(first[-1], second[-1]):
        return False
    shorter, longer = sorted((first[:-1], second[:-1]), key=len)
    position = 0
    for word in shorter:
        while position < len(longer) and not words_match(word, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def _same_words(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Two names of one length whose words are spellings of each other, word by word."""
    return all(words_match(a, b) for a, b in zip(first, second, strict=True))


class _Partition:
    """Union-find over forms: which forms have been found to name the same thing."""

    def __init__(self, forms: list[_Form]) -> None:
        self._forms = forms
        self._parent = list(range(len(forms)))

    def find(self, index: int) -> int:
        while self._parent[index] != index:
            self._parent[index] = self._parent[self._parent[index]]
            index = self._parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        self._parent[self.find(first)] = self.find(second)

    def mentions(self, index: int) -> int:
        """Mentions of the whole group `index` belongs to."""
        target = self.find(index)
        return sum(form.count for position, form in enumerate(self._forms) if self.find(position) == target)


def _group_record(forms: list[_Form], articles: Sequence[AnalyzedArticle]) -> EntityGroup:
    surfaces: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    sources: set[str] = set()
    for form in forms:
        surfaces.update(form.surfaces)
        labels.update(form.labels)
        sources.update(form.sources)
    label = labels.most_common(1)[0][0]
    if label == "PERSON":
        longest = max(len(surface.split()) for surface in surfaces)
        full_forms = Counter({surface: count for surface, count in surfaces.items() if len(surface.split()) == longest})
        name = full_forms.most_common(1)[0][0]
    else:
        name = surfaces.most_common(1)[0][0]
    source_order = [analyzed.article.id for analyzed in articles]
    return EntityGroup(
        name=name,
        type=label,
        aliases=tuple(surface for surface, _ in surfaces.most_common()),
        sources=tuple(source for source in source_order if source in sources),
        mentions=sum(surfaces.values()),
    )
