"""What a summary sentence must be on its own: whole, self-contained, and of a known role.

A summary is read without the articles around it, so each sentence it takes
must stand alone: a whole clause with a verb and a final stop, not opening on
a pronoun or connective that points back to a sentence the reader never saw,
not a piece of a quotation. These checks are cheap and read only the sentence
and its parse.

The role decides where a sentence goes in the summary: after the lede come the
developments, then the reactions (someone said, a quotation), then the
background (what happened in another year or before the event).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from enum import IntEnum

from newsweave.lexicon import THIRD_PERSON_POSSESSIVES, THIRD_PERSON_SUBJECTS
from newsweave.model import Sentence, Token

# "March 28 (Reuters) - ", "LONDON (AP) — ", "KYIV, March 28 (Reuters) -": wire datelines carry no content.
DATELINE = re.compile(r"^[A-Z][\w .,'’/-]{0,40}\((?:[A-Z][\w .&-]{1,30})\)\s*[-–—]+\s*")
# Openings that lean on the sentence before: pronouns, demonstratives, connectives.
_LEANING_OPENERS = THIRD_PERSON_SUBJECTS | THIRD_PERSON_POSSESSIVES | {
    "this", "that", "these", "those", "but", "and", "so", "also", "meanwhile", "however", "still", "yet",
}  # fmt: skip
CONTEXT_DEPENDENT_START = re.compile(r"^(?:" + "|".join(sorted(_LEANING_OPENERS)) + r")\b", re.IGNORECASE)
QUOTE_CHARS = "\"“”«»„"
STANDS_ALONE_LIMIT = 1.5  # a context penalty at or above this keeps a sentence out of the summary
SHOUTED_WORD = re.compile(r"\b[A-Z]{5,}\b")
# A whole sentence ends on a stop, possibly inside a closing quote or bracket; "…" and "..." mark a cut.
FINAL_STOP = re.compile(r"(?<!\.\.)[.!?][\"”’')\]]*$")
QUOTED_SPAN = re.compile(r"[\"“«„]([^\"“”«»„]{1,2000})[\"”»“]")
QUOTED_SPEECH_WORDS = 4
ATTRIBUTION = re.compile(r"\baccording to\b", re.IGNORECASE)
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
VERB_POS = frozenset({"VERB", "AUX"})
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Phrases that place what a sentence tells before the event the story is about.
_BEFORE_PHRASES = (
    "last year", "last month", "last week", "earlier this year", "earlier this month", "in recent years",
    "previously", "in the past", "years ago", "months ago", "has long", "have long", "for years",
)  # fmt: skip
BEFORE_THE_EVENT = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _BEFORE_PHRASES) + r")\b", re.IGNORECASE)


class Role(IntEnum):
    """Where a sentence goes after the lede, in this order."""

    DEVELOPMENT = 0
    REACTION = 1
    BACKGROUND = 2


def context_penalty(text: str) -> float:
    """How much a sentence needs its neighbours to make sense, reads as opinion, or is of an odd length."""
    return leaning_penalty(text) + length_penalty(len(text.split()))


def length_penalty(words: int) -> float:
    """A very long sentence is hard to read alone; a very short one rarely says a whole fact."""
    return (0.5 if words > 50 else 0.0) + (0.4 if words < 9 else 0.0)


def leaning_penalty(text: str) -> float:
    """How much a sentence needs its neighbours to make sense, or reads as opinion rather than report."""
    penalty = 0.0
    stripped = text.strip()
    if CONTEXT_DEPENDENT_START.match(stripped):
        penalty += 1.5
    if stripped[:1] in QUOTE_CHARS:
        penalty += 1.0
    if sum(stripped.count(mark) for mark in QUOTE_CHARS) % 2 or stripped[:1].islower():
        penalty += 2.5  # a piece of a quotation that the sentence splitter cut apart
    if stripped.endswith("?"):
        penalty += 1.0
    if "!" in stripped or SHOUTED_WORD.search(stripped):
        penalty += 1.0  # tabloid emphasis ("TERRIFIED drivers fled") is not the neutral register of a summary
    return penalty


def off_register(sentence: Sentence, text: str) -> bool:
    """A question, an exclamation or a shouted word: not the neutral register a summary speaks in.

    A word in capitals that is part of a name ("UNICEF") is no shouting.
    """
    stripped = text.strip()
    if stripped.endswith("?") or "!" in stripped:
        return True
    if not sentence.tokens:
        return SHOUTED_WORD.search(stripped) is not None
    return any(SHOUTED_WORD.fullmatch(token.text) and not token.ent_type for token in sentence.tokens)


def opens_on_a_quotation(text: str) -> bool:
    return text.strip()[:1] in QUOTE_CHARS


def is_whole(sentence: Sentence, text: str) -> bool:
    """A whole sentence: ends on a stop (not "…"), has a verb, and is no cut-off page end.

    Without a parse (no tokens) only the stop is checked.
    """
    if sentence.kind != "body" or not FINAL_STOP.search(text.rstrip()) or text.rstrip().endswith("…"):
        return False
    return not sentence.tokens or any(token.pos in VERB_POS for token in sentence.tokens)


def quotes_without_a_speaker(sentence: Sentence, text: str) -> bool:
    """Direct speech with no one named as saying it: the summary would speak the words in its own voice.

    Only a sentence that is mostly quotation counts (a quoted word or title is no speech), and a
    verb outside the quotation ("…, the mayor said", "The mayor called it "…"") or "according
    to" names who speaks.
    """
    quoted = sum(len(span.split()) for span in QUOTED_SPAN.findall(text))
    if quoted < QUOTED_SPEECH_WORDS or quoted < len(text.split()) / 2:
        return False
    inside = [match.span() for match in QUOTED_SPAN.finditer(sentence.text)]
    outside = "".join(sentence.text[end:start] for (_, end), (start, _) in zip([(0, 0), *inside], [*inside, (len(sentence.text), 0)]))
    if ATTRIBUTION.search(outside):
        return False
    return not any(token.pos in VERB_POS for token in _tokens_outside(sentence, inside))


def _tokens_outside(sentence: Sentence, spans: Sequence[tuple[int, int]]) -> list[Token]:
    """The sentence's tokens that lie outside the given character spans of its text (the speaker's side)."""
    kept = []
    offset = 0
    for token in sentence.tokens:
        found = sentence.text.find(token.text, offset)
        start = found if found >= 0 else offset
        offset = start + len(token.text)
        if not any(low <= start < high for low, high in spans):
            kept.append(token)
    return kept


def content_words(sentence: Sentence) -> frozenset[str]:
    """The lemmas that carry a sentence's content (nouns, names, verbs, adjectives, numbers)."""
    if sentence.tokens:
        return frozenset(t.lemma.lower() for t in sentence.tokens if t.pos in CONTENT_POS and t.lemma.strip())
    return frozenset(w for w in re.findall(r"[a-z0-9]+", sentence.text.lower()) if len(w) > 3)


def word_overlap(first: Collection[str], second: Collection[str]) -> float:
    """Shared content words as a share of the shorter sentence's: 1.0 when one says nothing the other does not."""
    if not first or not second:
        return 0.0
    return len(set(first) & set(second)) / min(len(first), len(second))


def role_of(sentence: Sentence, text: str, story_years: Collection[int]) -> Role:
    """A sentence's role: background tells an earlier time, a reaction quotes someone's own words.

    A fact with its source ("…, police said") is a development: the attribution is how news
    reports facts. Only direct speech, a speaker's own words, counts as a reaction.
    """
    years = {int(y) for y in YEAR.findall(text)}
    if BEFORE_THE_EVENT.search(text) or (years and story_years and not years & set(story_years)):
        return Role.BACKGROUND
    if sum(text.count(mark) for mark in QUOTE_CHARS) >= 2:
        return Role.REACTION
    return Role.DEVELOPMENT
