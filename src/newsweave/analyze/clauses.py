"""The clause around a word, who reports it, and whether it is denied.

Conflicts are found between values ("Monday", "480 metres") that fill the same
slot. The slot is the clause that governs the value, and the speaker is the
subject of the reporting verb above that clause: in "Turkey said the talks could
begin as early as Monday, but Peskov said that was unlikely", Monday belongs to
"the talks could begin as early as …", reported by Turkey.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from newsweave.analyze.spans import children, subtree, token_char_spans
from newsweave.lexicon import REPORTING_VERBS
from newsweave.model import Certainty, Sentence, Token

REPORTING_LEMMAS = REPORTING_VERBS
CLAUSE_VERB_POS = frozenset({"VERB", "AUX"})
# Children that start another clause: they are not part of the slot's clause.
SEPARATE_CLAUSE_DEPS = frozenset({"conj", "cc", "ccomp", "advcl", "relcl", "parataxis", "punct", "mark", "acl"})
NEGATING_LEMMAS = frozenset({"not", "never", "no", "unlikely", "impossible", "deny", "rule"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ACT_OBJECT_DEPS = frozenset({"dobj", "oprd", "xcomp"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# Auxiliaries that put a clause ahead of its telling ("will start", "would meet", "is to vote").
FUTURE_AUXILIARIES = frozenset({"will", "shall", "would", "'ll"})
# Verbs whose infinitive is still to happen: "is expected to take effect", "plans to visit".
FUTURE_GOVERNORS = frozenset({"expect", "set", "due", "plan", "schedule", "go", "intend", "prepare", "aim"})
PAST_TAGS = frozenset({"VBD"})
# Words that make a clause a possibility rather than a fact: "could start", "may rise", "possibly".
POSSIBLE_WORDS = frozenset({"could", "may", "might", "possibly", "perhaps", "maybe"})

Tense = Literal["past", "future", "present"]


@dataclass(frozen=True)
class Clause:
    """The clause that governs a token: its verb, its words (value included) and their text."""

    verb: int  # token index of the clause's verb (or the root when there is none)
    tokens: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class ClauseSpeaker:
    """The subject of the reporting verb above a clause, as written."""

    text: str
    verb: str  # lemma of the reporting verb


def _head(tokens: tuple[Token, ...], index: int) -> int:
    head = tokens[index].head
    return head if 0 <= head < len(tokens) else index


def clause_verb(tokens: tuple[Token, ...], index: int) -> int:
    """The nearest verb at or above `index` (the root when none)."""
    current = index
    for _ in range(len(tokens)):
        if tokens[current].pos in CLAUSE_VERB_POS:
            return current
        parent = _head(tokens, current)
        if parent == current:
            return current
        current = parent
    return current


def clause_of(sentence: Sentence, index: int) -> Clause:
    """The clause around token `index`, without the clauses hanging off it.

    An infinitive, a second verb or a participle without a subject of its own
    ("are set to resume …", "… but could happen on Tuesday", "…, starting at
    noon") takes in the verb above it, so the clause keeps the subject that says
    what it is about.
    """
    tokens = sentence.tokens
    verb = clause_verb(tokens, index)
    top = verb
    for _ in range(3):
        parent = _head(tokens, top)
        if parent == top or not _leans_on_the_clause_above(tokens, top):
            break
        top = parent
    protected = set(_path_to(tokens, index, top))
    keep = {top}
    frontier = [top]
    while frontier:
        current = frontier.pop()
        for child in children(tokens, current):
            if child in keep:
                continue
            if child not in protected and _starts_other_clause(tokens, child):
                continue
            keep.add(child)
            frontier.append(child)
    ordered = tuple(sorted(keep))
    spans = token_char_spans(sentence)
    text = " ".join(sentence.text[spans[i][0] : spans[i][1]] for i in ordered)
    return Clause(verb=verb, tokens=ordered, text=text)


def _leans_on_the_clause_above(tokens: tuple[Token, ...], verb: int) -> bool:
    """A verb without a subject of its own that tells more of the act above it: an infinitive or a
    second verb, or a participle with no conjunction ("…, starting at 11:52", "…, killing 12 people")."""
    return not has_subject(tokens, verb) and _tells_more_of_the_verb_above(tokens, verb)


def _tells_more_of_the_verb_above(tokens: tuple[Token, ...], verb: int) -> bool:
    """An infinitive or a second verb ("set to resume", "… and could happen"), or a participle hung on
    the clause before it with no conjunction of its own ("…, starting at 11:52")."""
    if tokens[verb].dep in {"xcomp", "conj"}:
        return True
    return (
        tokens[verb].dep == "advcl"
        and tokens[verb].tag == "VBG"
        and not any(tokens[child].dep == "mark" for child in children(tokens, verb))
    )


def has_subject(tokens: tuple[Token, ...], verb: int) -> bool:
    return any(tokens[child].dep in SUBJECT_DEPS for child in children(tokens, verb))


def _starts_other_clause(tokens: tuple[Token, ...], child: int) -> bool:
    """Whether a child begins another clause; nominal coordination ("Russia and Ukraine") does not."""
    dep = tokens[child].dep
    if dep == "prep" and tokens[child].lemma.lower() == "accord":
        return True  # "according to X" names the source, it is not part of the fact
    if dep not in SEPARATE_CLAUSE_DEPS:
        return False
    if dep in {"conj", "cc"}:
        return tokens[_head(tokens, child)].pos in CLAUSE_VERB_POS
    return True


def _path_to(tokens: tuple[Token, ...], index: int, top: int) -> list[int]:
    path = [index]
    current = index
    for _ in range(len(tokens)):
        if current == top:
            break
        parent = _head(tokens, current)
        if parent == current:
            break
        current = parent
        path.append(current)
    return path


def reporting_speaker(sentence: Sentence, verb: int) -> ClauseSpeaker | None:
    """The subject of the first reporting verb above the clause verb (or hanging off the root)."""
    tokens = sentence.tokens
    current = verb
    for _ in range(len(tokens)):
        parent = _head(tokens, current)
        if parent == current:
            break
        if tokens[parent].lemma.lower() in REPORTING_LEMMAS:
            speaker = _subject_text(sentence, parent)
            if speaker:
                return ClauseSpeaker(speaker, tokens[parent].lemma.lower())
        current = parent
    # '"…," Peskov said': the reporting verb often hangs off the root as parataxis.
    root = current
    for child in children(tokens, root):
        if tokens[child].dep in {"parataxis", "ccomp"} and tokens[child].lemma.lower() in REPORTING_LEMMAS:
            speaker = _subject_text(sentence, child)
            if speaker:
                return ClauseSpeaker(speaker, tokens[child].lemma.lower())
    if tokens and tokens[root].lemma.lower() in REPORTING_LEMMAS and root != verb:
        speaker = _subject_text(sentence, root)
        if speaker:
            return ClauseSpeaker(speaker, tokens[root].lemma.lower())
    name = trailing_reporter_name(tokens) if tokens else None
    if name is not None:
        spans = token_char_spans(sentence)
        return ClauseSpeaker(sentence.text[spans[name[0]][0] : spans[name[-1]][1]], tokens[name[-1] + 1].lemma.lower())
    return None


def _subject_text(sentence: Sentence, verb: int) -> str | None:
    tokens = sentence.tokens
    for child in children(tokens, verb):
        if tokens[child].dep not in SUBJECT_DEPS:
            continue
        if tokens[child].dep == "nsubjpass" or tokens[child].tag in _RELATIVE_PRONOUN_TAGS:
            return None  # "that is estimated to", "it was reported": what is told, or a pronoun, not who tells it
        child = _name_in_apposition(tokens, child)
        words = [
            i
            for i in subtree(tokens, child)
            if i == child or (tokens[i].dep not in {"punct", "relcl", "acl", "appos"} and not _inside_an_apposition(tokens, i, child))
        ]
        # Drop a trailing apposition / relative clause: "Peskov, who spoke on Monday," -> "Peskov".
        words = _contiguous_prefix(words, child)
        spans = token_char_spans(sentence)
        return sentence.text[spans[words[0]][0] : spans[words[-1]][1]].strip(" ,")
    return None


def trailing_reporter_name(tokens: tuple[Token, ...]) -> list[int] | None:
    """ "…, CBS Sports reports.": a sentence closed by a comma, a name and a reporting verb is the named
    reporter's, whole. Read off the words, not the parse: the parser often takes such a "reports" for a
    noun, the root or the end of the object ("a contract with Rovers FC, Harbour Sports reports").
    The name's token indices, else None."""
    last = len(tokens) - 1
    while last >= 0 and tokens[last].pos == "PUNCT" and tokens[last].text != ",":
        last -= 1
    if last < 2 or tokens[last].lemma.lower() not in REPORTING_LEMMAS or tokens[last].text[:1].isupper():
        return None
    first = last
    while first - 1 >= 0 and tokens[first - 1].text[:1].isupper() and tokens[first - 1].pos in {"PROPN", "NOUN"}:
        first -= 1
    if first == last or first - 1 < 0 or tokens[first - 1].text != ",":
        return None
    return list(range(first, last))


# "which", "that", "who" as the subject of a reporting verb in a relative clause point back to a phrase
# outside it; the pronoun itself is nobody's name.
_RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP"})


def _name_in_apposition(tokens: tuple[Token, ...], head: int) -> int:
    """ "The American television station CBS Sports reported": a common noun with a name in apposition
    stands for the name, and the name is the speaker two outlets can both be said to quote."""
    if tokens[head].pos == "PROPN":
        return head
    names = [kid for kid in children(tokens, head) if tokens[kid].dep == "appos" and tokens[kid].pos == "PROPN"]
    return names[0] if names else head


def _inside_an_apposition(tokens: tuple[Token, ...], index: int, head: int) -> bool:
    """Whether `index` hangs, below `head`, on an apposition ("Peskov, the Kremlin spokesman, said")."""
    current = index
    for _ in range(len(tokens)):  # a bound, should a malformed parse hold a cycle
        if current == head or not 0 <= tokens[current].head < len(tokens) or tokens[current].head == current:
            return False
        if tokens[current].dep == "appos":
            return True
        current = tokens[current].head
    return False


def _contiguous_prefix(indices: list[int], anchor: int) -> list[int]:
    """The run of consecutive indices that contains `anchor`."""
    run = [anchor]
    position = indices.index(anchor)
    for i in range(position - 1, -1, -1):
        if indices[i] == run[0] - 1:
            run.insert(0, indices[i])
        else:
            break
    for i in range(position + 1, len(indices)):
        if indices[i] == run[-1] + 1:
            run.append(indices[i])
        else:
            break
    return run


def main_predicate(sentence: Sentence) -> int | None:
    """The main predicate: the root, or what the root reports ("X was injured, the authority said")."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.dep == "ROOT":
            if token.lemma.lower() in REPORTING_VERBS:
                for child in children(tokens, index):
                    if tokens[child].dep in {"ccomp", "parataxis"} and tokens[child].pos in {"VERB", "AUX"}:
                        return child
            return index
    return None


def clause_tense(sentence: Sentence, verb: int) -> Tense:
    """Whether a clause tells what happened, what is to happen, or neither (a caption's present).

    "collided on Tuesday" is past; "will appear on Thursday", "would talk on May 12" and "is
    expected to take effect on Wednesday" are future (the future of their telling); a present
    perfect ("has declared") is past.
    """
    tokens = sentence.tokens
    current = verb
    for _ in range(3):
        auxiliaries = [tokens[c] for c in children(tokens, current) if tokens[c].dep in {"aux", "auxpass"}]
        if any(a.text.lower() in FUTURE_AUXILIARIES for a in auxiliaries):
            return "future"
        parent = _head(tokens, current)
        if tokens[current].dep == "xcomp" and parent != current and tokens[parent].lemma.lower() in FUTURE_GOVERNORS:
            return "future"
        if tokens[current].tag in PAST_TAGS or any(a.tag in PAST_TAGS for a in auxiliaries):
            return "past"
        if tokens[current].tag == "VBN" and (not auxiliaries or any(a.lemma.lower() == "have" for a in auxiliaries)):
            return "past"  # "has resigned", and a participle with no auxiliary ("collided", "a photo taken")
        if not _tells_more_of_the_verb_above(tokens, current) or parent == current:
            break
        current = parent
    return "present"


def clause_certainty(sentence: Sentence, verb: int) -> Certainty:
    """How firmly the clause states its fact: denied, possible, expected (still to happen) or confirmed."""
    if is_denied(sentence, verb):
        return "denied"
    tokens = sentence.tokens
    current = verb
    for _ in range(3):
        if any(
            tokens[c].text.lower() in POSSIBLE_WORDS and tokens[c].dep in {"aux", "advmod"} for c in children(tokens, current)
        ):
            return "possible"
        parent = _head(tokens, current)
        if not _tells_more_of_the_verb_above(tokens, current) or parent == current:
            break
        current = parent
    return "expected" if clause_tense(sentence, verb) == "future" else "confirmed"


def position_certainty(certainties: Iterable[Certainty]) -> Certainty:
    """A side's certainty from its sentences': confirmed when any source states it as fact, else the
    most common (the first on a tie)."""
    items = list(certainties)
    if not items or "confirmed" in items:
        return "confirmed"
    return max(dict.fromkeys(items), key=items.count)


def is_denied(sentence: Sentence, verb: int) -> bool:
    """True when the clause is negated or declared unlikely ("is unlikely to start on Monday")."""
    tokens = sentence.tokens
    current = verb
    for _ in range(4):
        for child in children(tokens, current):
            token = tokens[child]
            if token.dep == "neg" or (token.lemma.lower() in NEGATING_LEMMAS and token.dep in {"acomp", "advmod", "det"}):
                return True
        if tokens[current].dep != "xcomp":
            break
        parent = _head(tokens, current)
        if parent == current:
            break
        current = parent
    return tokens[current].lemma.lower() in {"unlikely", "impossible"}


REASON_MARKERS = frozenset({"as", "because", "since"})


def _is_act_object(token: Token) -> bool:
    """An object of the verb, or a verbless small clause ("declared [the outbreak an emergency]"),
    as against reported speech ("said [that talks would start]")."""
    return token.dep in ACT_OBJECT_DEPS or (token.dep == "ccomp" and token.pos in NOMINAL_POS)


def is_background(sentence: Sentence, verb: int) -> bool:
    """A reason clause ("… as the negotiators would only be arriving on Monday") or the
    time of the reporting itself ("Peskov said on Monday"): context, not the claim."""
    tokens = sentence.tokens
    if tokens[verb].lemma.lower() in REPORTING_LEMMAS:
        # "declared mpox an emergency on Wednesday", "announced layoffs on Friday": with an object of
        # its own the verb is the act being dated, not the time a statement was reported.
        return not any(_is_act_object(tokens[c]) for c in children(tokens, verb))
    if tokens[verb].dep == "advcl":
        return any(tokens[c].dep == "mark" and tokens[c].text.lower() in REASON_MARKERS for c in children(tokens, verb))
    return False
