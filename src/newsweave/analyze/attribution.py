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
replaces it, and definite titles such as "the spokesman", with the last named speaker
of the nearby sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsweave.analyze.spans import children, depth, phrase_text, quoted_token_mask, subtree, token_char_spans
from newsweave.model import Attribution, Sentence, Token

REPORTING_VERBS = frozenset(
    {
        "say", "tell", "add", "confirm", "announce", "state", "warn", "stress", "insist", "claim",
        "report", "note", "explain", "declare", "assert", "argue", "deny", "acknowledge", "admit",
        "write", "post", "tweet", "reiterate", "emphasise", "emphasize", "underline", "underscore",
        "suggest", "predict", "comment", "remark", "reply", "respond", "answer", "urge", "mention",
        "affirm", "caution", "complain", "allege", "disclose", "reveal", "signal", "estimate",
    }
)  # fmt: skip
PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it"})
_FIRST_PERSON = frozenset({"i", "we", "you"})  # speakers of the quotation itself, never its attribution
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
_OUTLET_SUFFIX_TO_DROP = re.compile(
    r"\s+(?:news agency|agency|newspaper|daily|broadcaster|news outlet|outlet|TV channel)$"
)
_TITLE_WORDS = frozenset(
    {
        "spokesman", "spokesperson", "spokeswoman", "minister", "president", "official", "adviser",
        "advisor", "aide", "ambassador", "chief", "head", "leader", "negotiator", "secretary",
        "envoy", "governor", "mayor", "commander", "general", "chancellor", "premier", "lawmaker",
        "diplomat", "officer", "prosecutor", "deputy", "director", "chairman", "senator",
    }
)  # fmt: skip
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
    return attribution.speaker.lower() in PRONOUN_SPEAKERS


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

    A pronoun speaker ("he said") takes the last named speaker of the same or the
    previous paragraph, or of the previous few sentences; a definite title ("the spokesman added", "the
    Russian Foreign Minister said") takes the last named speaker whose phrase holds that
    title. Pronouns with nobody to refer to become None; unmatched titles stay as written.
    """
    resolved: list[Attribution | None] = []
    last_named: Attribution | None = None
    last_position: tuple[str, int, int] | None = None  # (source, paragraph, sentence position)
    recent_named: list[Attribution] = []
    for position, sentence in enumerate(sentences):
        if last_position is not None and last_position[0] != sentence.source:
            last_named, last_position, recent_named = None, None, []
        attribution = find_attribution(sentence)
        if attribution is not None and is_pronoun_speaker(attribution):
            within_reach = last_position is not None and (
                sentence.paragraph - last_position[1] <= 1 or position - last_position[2] <= _ANAPHORA_WINDOW
            )
            if last_named is not None and within_reach:
                attribution = Attribution(
                    speaker=last_named.speaker, via=attribution.via or last_named.via, cue=attribution.cue
                )
            else:
                attribution = None
        elif attribution is not None and _is_definite_title(attribution.speaker):
            antecedent = _title_antecedent(attribution.speaker, recent_named)
            if antecedent is not None:
                attribution = Attribution(
                    speaker=antecedent.speaker, via=attribution.via or antecedent.via, cue=attribution.cue
                )
        if attribution is not None:
            last_named, last_position = attribution, (sentence.source, sentence.paragraph, position)
            recent_named = (recent_named + [attribution])[-8:]
        resolved.append(attribution)
    return resolved


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
        if speaker.lower() in _FIRST_PERSON or not speaker.strip():
            continue
        via = _outlet_addressees(sentence, spans, verb)
        return Attribution(speaker=speaker, via=via, cue=tokens[verb].text)
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
        current = head
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
    apposition yields the name ("The head of the delegation, Vladimir Medinski" -> the name).
    """
    tokens = sentence.tokens
    head_token = tokens[head]
    if head_token.pos != "PROPN":
        for kid in children(tokens, head):
            if tokens[kid].dep == "appos" and tokens[kid].pos == "PROPN" and tokens[kid].ent_type == "PERSON":
                return _noun_phrase(sentence, spans, kid)
    kept = {head}
    for kid in children(tokens, head):
        dep = tokens[kid].dep
        if kid < head and dep not in {"punct", "cc", "prep", "advmod", "acl", "relcl"}:
            kept.update(subtree(tokens, kid))
        elif kid > head and dep in {"compound", "flat", "nummod"}:
            kept.update(subtree(tokens, kid))
        elif kid > head and dep == "prep" and head_token.pos != "PROPN":
            if tokens[kid].text.lower() in _TITLE_PREPOSITIONS:  # "head of ...", not "in televised comments"
                kept.update(subtree(tokens, kid))
    first, last = _contiguous_around(sorted(kept), head)
    while first < head and tokens[first].pos == "PUNCT":
        first += 1
    while last > head and tokens[last].pos == "PUNCT":
        last -= 1
    return phrase_text(sentence, spans, first, last)


def _contiguous_around(indices: list[int], head: int) -> tuple[int, int]:
    """The longest run of consecutive indices that contains `head`."""
    first = last = head
    present = set(indices)
    while first - 1 in present:
        first -= 1
    while last + 1 in present:
        last += 1
    return first, last


_DOCUMENT_HEAD = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:statement|report|post|message|readout|release|transcript)\s+(?:by|from|of)\s+",
    re.IGNORECASE,
)


def _strip_document(phrase: str) -> str:
    """ "a statement by his office" -> "his office": the author, not the paper, is the speaker."""
    return _DOCUMENT_HEAD.sub("", phrase) or phrase


def _is_definite_title(speaker: str) -> bool:
    words = speaker.split()
    return len(words) >= 2 and words[0].lower() == "the" and words[-1].lower() in _TITLE_WORDS


def _title_antecedent(speaker: str, recent: list[Attribution]) -> Attribution | None:
    title = speaker.split()[-1].lower()
    for earlier in reversed(recent):
        words = [word.lower() for word in earlier.speaker.split()]
        if title in words and not _is_definite_title(earlier.speaker):
            return earlier
    return None


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
