"""Who a sentence attributes its content to, and through which outlets it came.

Reported speech in news copy comes in a few shapes, all read off the dependency parse:

  * a reporting verb and its subject: "Kremlin spokesman Dmitry Peskov said ...",
    "... said Interior Ministry adviser Vadym Denysenko", "Peskov told reporters ...";
  * "according to X": X is the speaker, or, when X is a news outlet, the channel (`via`)
    through which the sentence's own speaker was heard ("Peskov said ..., according to
    Interfax news agency");
  * "X cited Y as saying" / "Y was quoted by X as saying": speaker Y, via X;
  * "Peskov told Interfax": the outlet the speaker talked to is the channel.

A pronoun subject ("he said") comes back as that pronoun; `resolve_pronoun_speakers`
replaces it with the person it refers to (by recency, person or not, and gender), and
definite titles ("the spokesman") and possessives ("his office") with the speaker
they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from newsweave.analyze.clauses import trailing_reporter_name
from newsweave.analyze.entities import HONORIFICS, PERSON_NOUNS, person_surname_keys, speaker_kind, surname_key
from newsweave.analyze.spans import (
    children,
    contiguous_around,
    depth,
    is_inner_hyphen,
    phrase_text,
    quoted_token_mask,
    subtree,
    token_char_spans,
)
from newsweave.lexicon import (
    FIRST_SECOND_PERSON_SUBJECTS,
    REPORTING_VERBS,
    THIRD_PERSON_POSSESSIVES,
    THIRD_PERSON_SUBJECTS,
)
from newsweave.model import Attribution, Sentence, Token

_SUBJECT_DEPS = frozenset({"nsubj"})

# Outlets and agencies that show up as the channel of a report. Matched case-insensitively
# after a leading "the"; anything called "X news agency", "X newspaper", ... is an outlet too.
KNOWN_OUTLETS = frozenset(
    {
        "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
        "interfax", "interfax-ukraine", "tass", "ria", "ria novosti", "sputnik", "rt", "russia today",
        "anadolu", "anadolu agency", "aa", "ukrinform", "unian", "bloomberg", "bbc", "cnn",
        "al jazeera", "xinhua", "press tv", "irna", "dpa", "kyodo", "yonhap", "efe", "ansa", "pap",
        "axios", "politico", "cnbc", "nbc", "cbs", "abc", "fox news", "sky news", "deutsche welle",
        "dw", "france 24", "euronews", "nhk", "guardian", "new york times", "washington post",
        "wall street journal", "financial times", "telegraph", "independent", "der spiegel",
        "spiegel", "le monde", "kommersant", "izvestia", "vedomosti", "meduza", "novaya gazeta",
        "hurriyet", "daily sabah", "trt", "kyiv independent", "ukrainska pravda", "mint",
        "hindustan times", "russian times", "ntv", "rbc", "cgtn", "nikkei", "haaretz",
    }
)  # fmt: skip
_OUTLET_WORDS = re.compile(
    r"\b(?:news agency|agency|newspaper|daily|broadcaster|television|tv|radio|channel|"
    r"news|times|post|journal|gazette|herald|tribune|media|outlet|wire|press)$",
    re.IGNORECASE,
)
# (?<!\s): tried only where a run of blanks starts, not again inside it (a long run made that quadratic).
_OUTLET_SUFFIX_TO_DROP = re.compile(
    r"(?<!\s)\s+(?:news agency|agency|newspaper|daily|broadcaster|news outlet|outlet|TV channel)$"
)
_TITLE_WORDS = frozenset(
    {
        "spokesman", "spokesperson", "spokeswoman", "minister", "president", "official", "adviser",
        "advisor", "aide", "ambassador", "chief", "head", "leader", "negotiator", "secretary",
        "envoy", "governor", "mayor", "commander", "general", "chancellor", "premier", "lawmaker",
        "diplomat", "officer", "prosecutor", "deputy", "director", "chairman", "senator",
    }
)  # fmt: skip
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_TITLE_PREPOSITIONS = frozenset({"of", "for", "at", "from", "in"})  # "head of ...", "spokesman for ..."
_ANAPHORA_WINDOW = 3  # sentences back that a pronoun may reach beyond the previous paragraph


def is_news_outlet(name: str) -> bool:
    """Whether `name` names a news outlet or agency ("Reuters", "Interfax news agency", "state media")."""
    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).rstrip(".")
    if cleaned.lower() in KNOWN_OUTLETS:
        return True
    return bool(_OUTLET_WORDS.search(cleaned))


def outlet_name(name: str) -> str:
    """The short name of an outlet: "Interfax news agency" -> "Interfax", "the BBC" -> "BBC"."""
    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).rstrip(".")
    shorter = _OUTLET_SUFFIX_TO_DROP.sub("", cleaned)
    return shorter if shorter else cleaned


def is_pronoun_speaker(attribution: Attribution) -> bool:
    """Whether the speaker is an unresolved pronoun ("he", "she", "they", "it")."""
    return attribution.speaker.lower() in THIRD_PERSON_SUBJECTS


def find_attribution(sentence: Sentence) -> Attribution | None:
    """Who `sentence` attributes its content to, or None when it reports nothing said.

    Reporting verbs inside quotation marks belong to the quoted speaker's own words
    and are ignored. Of several reporting verbs the one nearest the root of the parse
    wins; a citation ("X cited Y as saying") wins over all of them.
    """
    tokens = sentence.tokens
    if not tokens:
        return None
    spans = token_char_spans(sentence)
    quoted = quoted_token_mask(tokens)

    citation = _citation(sentence, spans, quoted)
    if citation is not None:
        return citation

    according = _according_to(sentence, spans, quoted)
    reported = _reporting_verb_attribution(sentence, spans, quoted)
    if according is None:
        return reported
    according_phrase, according_cue = according
    if is_news_outlet(according_phrase):
        outlet = outlet_name(according_phrase)
        if reported is not None:
            return replace(reported, via=_unique(reported.via + (outlet,)))
        return Attribution(speaker=outlet, via=(outlet,), cue=according_cue)
    if reported is not None and not is_pronoun_speaker(reported):
        # "X said ..., according to Y": Y is who tells us X said it; X remains the speaker.
        return reported
    return Attribution(speaker=_strip_document(according_phrase), cue=according_cue)


def resolve_pronoun_speakers(sentences: Sequence[Sentence]) -> list[Attribution | None]:
    """Attributions of consecutive sentences of one article, with pronouns resolved.

    "he"/"she" take the most recent person mentioned as a subject (a speaker or not:
    "Taxi driver Declan Reddin was on the bridge. '...,' he said.") in the same or the
    previous paragraph, or in the previous few sentences, whose gender does not clash
    (learnt from "Mr"/"Ms" and from earlier pronouns); "they" and "it" take the most
    recent speaker that is no single person. A plural or an institution never takes
    over "she said". A definite title ("the spokesman added", "the minister said")
    takes the last person of the article known by that title, "his office" the last
    speaker of that kind ("the President's Office"). Pronouns with nobody fitting to
    refer to become None; unmatched titles and possessives stay as written.
    """
    resolved: list[Attribution | None] = []
    discourse: _Discourse | None = None
    for position, sentence in enumerate(sentences):
        if discourse is None or discourse.source != sentence.source:
            discourse = _Discourse(sentence.source, person_surname_keys(sentences, sentence.source))
        attribution = find_attribution(sentence)
        if attribution is not None:
            attribution = discourse.resolve(attribution, position, sentence.paragraph)
        discourse.remember(sentence, position, attribution)
        resolved.append(attribution)
    return resolved


@dataclass(frozen=True)
class _Mention:
    """Someone the article has just talked about, as a pronoun may refer back to them."""

    speaker: str
    via: tuple[str, ...]
    kind: str  # "person", "group" (a plural: "some residents") or "other" (an institution)
    key: str  # a person's surname key, else ""
    position: int
    paragraph: int


class _Discourse:
    """What one article has mentioned so far: people, their titles and genders."""

    def __init__(self, source: str, person_keys: frozenset[str]) -> None:
        self.source = source
        self._person_keys = person_keys
        self._mentions: list[_Mention] = []
        self._gender: dict[str, str] = {}
        self._titles: dict[str, set[str]] = {}
        self._outlet = ""  # the news outlet last named, for "the agency"

    def resolve(self, attribution: Attribution, position: int, paragraph: int) -> Attribution | None:
        if self._outlet and any(name[:1].islower() for name in attribution.via):
            # "According to the agency": the outlet the article last named.
            via = _unique(tuple(self._outlet if name[:1].islower() else name for name in attribution.via))
            generic = attribution.speaker[:1].islower() and attribution.speaker in attribution.via
            speaker = self._outlet if generic else attribution.speaker
            attribution = Attribution(speaker=speaker, via=via, cue=attribution.cue)
        speaker = attribution.speaker
        words = speaker.lower().split()
        antecedent: _Mention | None = None
        if is_pronoun_speaker(attribution):
            antecedent = self._pronoun_antecedent(words[0], position, paragraph)
            if antecedent is None:
                return None
        elif len(words) >= 2 and words[0] in THIRD_PERSON_POSSESSIVES:
            antecedent = self._latest(lambda m: words[-1] in m.speaker.lower().split() and m.kind != "group")
        elif len(words) >= 2 and words[0] == "the" and words[-1] in _TITLE_WORDS:
            antecedent = self._latest(lambda m: m.kind == "person" and words[-1] in self._titles.get(m.key, ()))
        if antecedent is None:
            return attribution
        if antecedent.kind == "person" and words[0] in _PRONOUN_GENDER:
            self._gender.setdefault(antecedent.key, _PRONOUN_GENDER[words[0]])
        return Attribution(speaker=antecedent.speaker, via=attribution.via or antecedent.via, cue=attribution.cue)

    def remember(self, sentence: Sentence, position: int, attribution: Attribution | None) -> None:
        """Add the sentence's person subjects, then its speaker (the most salient) to the mentions."""
        spans = token_char_spans(sentence)
        quoted = quoted_token_mask(sentence.tokens) if sentence.tokens else []
        phrases = [
            _noun_phrase(sentence, spans, index)
            for index, token in enumerate(sentence.tokens)
            if token.dep in {"nsubj", "nsubjpass"} and not quoted[index] and token.pos in {"PROPN", "NOUN"}
        ]
        for phrase in phrases:
            if attribution is None or phrase != attribution.speaker:
                self._add(sentence, phrase, (), position, persons_only=True)
        if attribution is not None:
            self._add(sentence, attribution.speaker, attribution.via, position, persons_only=False)
            named = [outlet_name(attribution.speaker)] if is_news_outlet(attribution.speaker) else []
            self._outlet = next((name for name in [*attribution.via, *named] if name[:1].isupper()), self._outlet)

    def _add(self, sentence: Sentence, phrase: str, via: tuple[str, ...], position: int, persons_only: bool) -> None:
        words = [word.strip(",.") for word in phrase.split()]
        if not words or words[0].lower() in THIRD_PERSON_SUBJECTS | THIRD_PERSON_POSSESSIVES:
            return
        kind = speaker_kind(sentence, phrase, self._person_keys)
        if persons_only and kind != "person":
            return
        key = surname_key(words[-1]) if kind == "person" else ""
        if kind == "person":
            self._titles.setdefault(key, set()).update(word.lower() for word in words)
            stems = [word.lower().rstrip(".").split("-")[0] for word in words]  # "Mum-of-two" -> "mum"
            gender = next((HONORIFICS[stem] for stem in stems if HONORIFICS.get(stem)), None)
            if gender is not None:
                self._gender[key] = gender
        self._mentions = (self._mentions + [_Mention(phrase, via, kind, key, position, sentence.paragraph)])[-40:]

    def _pronoun_antecedent(self, pronoun: str, position: int, paragraph: int) -> _Mention | None:
        gender = _PRONOUN_GENDER.get(pronoun)
        for mention in reversed(self._mentions):
            if not (paragraph - mention.paragraph <= 1 or position - mention.position <= _ANAPHORA_WINDOW):
                return None  # mentions are in reading order: all the earlier ones are further away
            if gender is not None:
                if mention.kind == "person" and self._gender.get(mention.key, gender) == gender:
                    return mention
            elif mention.kind != "person" and not (pronoun == "it" and mention.kind == "group"):
                return mention
        return None

    def _latest(self, fits: Callable[[_Mention], bool]) -> _Mention | None:
        return next((mention for mention in reversed(self._mentions) if fits(mention)), None)


# --------------------------------------------------------------------------- patterns


def _citation(sentence: Sentence, spans: list[tuple[int, int]], quoted: list[bool]) -> Attribution | None:
    """ "X cited/quoted Y as saying" (speaker Y via X) and "Y was quoted by X as saying"."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.lemma.lower() not in {"cite", "quote"} or token.pos != "VERB" or quoted[index]:
            continue
        if not _has_as_saying(tokens, index):
            continue
        kids = children(tokens, index)
        objects = [kid for kid in kids if tokens[kid].dep in {"dobj", "obj"}]
        subjects = [kid for kid in kids if tokens[kid].dep == "nsubj"]
        passive_subjects = [kid for kid in kids if tokens[kid].dep == "nsubjpass"]
        cue = f"{token.text} ... as saying"
        if objects:
            speaker = _noun_phrase(sentence, spans, objects[0])
            via = tuple(outlet_name(_noun_phrase(sentence, spans, subject)) for subject in subjects)
            return Attribution(speaker=speaker, via=via, cue=cue)
        if passive_subjects:
            agents = [
                grandchild
                for kid in kids
                if tokens[kid].dep == "agent"
                for grandchild in children(tokens, kid)
                if tokens[grandchild].dep == "pobj"
            ]
            via = tuple(outlet_name(_noun_phrase(sentence, spans, agent)) for agent in agents)
            return Attribution(speaker=_noun_phrase(sentence, spans, passive_subjects[0]), via=via, cue=cue)
    return None


def _has_as_saying(tokens: tuple[Token, ...], verb: int) -> bool:
    for kid in children(tokens, verb):
        if tokens[kid].text.lower() == "as":
            if any(tokens[grand].lemma.lower() in REPORTING_VERBS for grand in children(tokens, kid)):
                return True
    return False


def _according_to(sentence: Sentence, spans: list[tuple[int, int]], quoted: list[bool]) -> tuple[str, str] | None:
    """The object phrase of "according to X" outside quotations, with its cue."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.text.lower() != "according" or quoted[index] or tokens[index + 1].text.lower() != "to":
            continue
        objects = [kid for kid in children(tokens, index + 1) if tokens[kid].dep == "pobj"]
        if objects:
            return _noun_phrase(sentence, spans, objects[0]), "according to"
    return None


def _reporting_verb_attribution(
    sentence: Sentence, spans: list[tuple[int, int]], quoted: list[bool]
) -> Attribution | None:
    tokens = sentence.tokens
    candidates = [
        index
        for index, token in enumerate(tokens)
        if token.lemma.lower() in REPORTING_VERBS and token.pos in {"VERB", "AUX"} and not quoted[index]
    ]
    for verb in sorted(candidates, key=lambda index: (depth(tokens, index), index)):
        if any(tokens[kid].dep == "auxpass" for kid in children(tokens, verb)):
            continue  # "comments are not written ...": a passive subject is not a speaker
        subject = _subject_of(tokens, verb)
        if subject is None:
            continue
        speaker = _noun_phrase(sentence, spans, subject)
        if speaker.lower() in FIRST_SECOND_PERSON_SUBJECTS or not speaker.strip():  # the quotation's own voice
            continue
        via = _outlet_addressees(sentence, spans, verb)
        return Attribution(speaker=speaker, via=via, cue=tokens[verb].text)
    name = trailing_reporter_name(tokens)
    if name is not None and not quoted[name[-1] + 1]:  # "…, CBS Sports reports."
        speaker = phrase_text(sentence, spans, name[0], name[-1])
        return Attribution(speaker=speaker, via=(), cue=tokens[name[-1] + 1].text)
    return None


def _subject_of(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The subject of `verb`, borrowed from the governing verb for "..., saying" and "and said"."""
    current = verb
    for _ in range(3):
        subjects = [kid for kid in children(tokens, current) if tokens[kid].dep in _SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        # "..., saying" and "... and said" share the subject; "wants to insist" is no report.
        head = tokens[current].head
        if tokens[current].dep not in {"conj", "advcl"} or head == current or not 0 <= head < len(tokens):
            return None
        if current == verb and tokens[verb].dep == "conj":
            named = _person_right_before(tokens, verb)
            if named is not None:
                return named
        current = head
    return None


def _person_right_before(tokens: tuple[Token, ...], verb: int) -> int | None:
    """ "The deck sank 40 cm, the chief engineer, Ruth Ellery-Vane, told reporters": a parse
    may join "told" to "sank"; the person named just before the verb is its subject."""
    index = verb - 1
    while index >= 0 and tokens[index].text == ",":
        index -= 1
    if index < 0 or index == verb - 1:
        return None  # no comma: "sank and told" shares the subject
    token = tokens[index]
    if token.pos == "PROPN" and token.ent_type == "PERSON":
        return index
    if token.pos == "NOUN" and token.lemma.lower() in _TITLE_WORDS | PERSON_NOUNS:
        return index
    return None


def _outlet_addressees(sentence: Sentence, spans: list[tuple[int, int]], verb: int) -> tuple[str, ...]:
    """Outlets a speaker talked to: "told Interfax", "said in an interview with the BBC"."""
    tokens = sentence.tokens
    found: list[str] = []
    for kid in children(tokens, verb):
        if tokens[kid].dep in {"dobj", "dative", "obj"}:
            phrase = _noun_phrase(sentence, spans, kid)
            if _is_proper_outlet(phrase):
                found.append(outlet_name(phrase))
    return tuple(found)


def _is_proper_outlet(phrase: str) -> bool:
    # "told reporters" and "told a media briefing" are no channel; "told Interfax" is.
    return is_news_outlet(phrase) and phrase[:1].isupper()


# --------------------------------------------------------------------------- phrases


def _noun_phrase(sentence: Sentence, spans: list[tuple[int, int]], head: int) -> str:
    """The speaker phrase headed by `tokens[head]`: titles and names, without clauses and asides.

    "Kremlin spokesman Dmitry Peskov", "a senior Turkish official", "Zelensky's office",
    "deputy head of President Volodymyr Zelensky's office". A title with a name in
    apposition yields the name ("The head of the delegation, Vladimir Medinski" -> the name; "the
    television station CBS Sports" -> "CBS Sports").
    """
    tokens = sentence.tokens
    head_token = tokens[head]
    if head_token.pos != "PROPN":
        for kid in children(tokens, head):
            if tokens[kid].dep == "appos" and tokens[kid].pos == "PROPN" and tokens[kid].ent_type in {"PERSON", "ORG"}:
                return _noun_phrase(sentence, spans, kid)
    kept = {head}
    for kid in children(tokens, head):
        dep = tokens[kid].dep
        if kid < head and is_inner_hyphen(tokens, kid):
            kept.add(kid)  # "Ellery-Vane": the hyphen belongs to the name
        elif kid < head and dep not in {"punct", "cc", "prep", "advmod", "acl", "relcl"}:
            kept.update(subtree(tokens, kid))
        elif kid > head and dep in {"compound", "flat", "nummod"}:
            kept.update(subtree(tokens, kid))
        elif kid > head and dep == "prep" and head_token.pos == "PROPN" and head_token.ent_type:
            if all(tokens[index].ent_type == head_token.ent_type for index in subtree(tokens, kid)):
                kept.update(subtree(tokens, kid))  # "the Board of Education": the name goes on
        elif kid > head and dep == "prep" and head_token.pos != "PROPN":
            if tokens[kid].text.lower() in _TITLE_PREPOSITIONS:  # "head of ...", not "in televised comments"
                kept.update(subtree(tokens, kid))
    first, last = contiguous_around(sorted(kept), head)
    while first < head and tokens[first].pos == "PUNCT":
        first += 1
    while last > head and tokens[last].pos == "PUNCT":
        last -= 1
    return phrase_text(sentence, spans, first, last)


_DOCUMENT_HEAD = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:statement|report|post|message|readout|release|transcript)\s+(?:by|from|of)\s+",
    re.IGNORECASE,
)


def _strip_document(phrase: str) -> str:
    """ "a statement by his office" -> "his office": the author, not the paper, is the speaker."""
    return _DOCUMENT_HEAD.sub("", phrase) or phrase


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
