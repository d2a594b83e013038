"""Opposite verdicts on one question: "ruled out as a cyber attack" against "identified as a cyber attack".

Two sentences that tell the same fact can reach opposite conclusions without a
"not": one source writes that the activity was "quickly ruled out as a cyber
assault", another that it was "quickly identified as a cyber attack". A verdict
is a verb of judgement with what it judges (its object, or "as" and a noun);
two sentences disagree when one rules out what the other confirms about a thing
their words share. The verbs are general news vocabulary and name no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.analyze.spans import children, quoted_token_mask, token_char_spans
from newsweave.model import Sentence, Token

# Verbs that reject a possibility, and verbs that establish it ("rule" counts only with "out").
REJECTING = frozenset({"rule out", "deny", "reject", "dismiss", "refute", "disprove", "exclude"})
ESTABLISHING = frozenset({"confirm", "identify", "establish", "prove", "verify", "acknowledge", "admit"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_VERDICT_LEMMAS = ESTABLISHING | {verb.split()[0] for verb in REJECTING}


@dataclass(frozen=True)
class Verdict:
    rejects: bool
    words: str  # as written, from an adverb just before the verb to the end of what it judges
    judged: frozenset[str]  # content lemmas of what it judges ("cyber", "attack")
    judged_text: str  # what it judges, as written ("a cyber attack")


@dataclass(frozen=True)
class OppositeVerdicts:
    key: str  # what is in question: "it was a cyber attack"
    first: str
    second: str


def opposite_verdicts(a: Sentence, b: Sentence) -> OppositeVerdicts | None:
    """The verdicts of `a` and `b` when one rejects what the other establishes about a shared thing."""
    in_a, in_b = _verdicts(a), _verdicts(b)
    if len({v.rejects for v in in_a}) != 1 or len({v.rejects for v in in_b}) != 1:
        return None  # none, or a sentence that both rejects and establishes: no clear side
    first, second = in_a[0], in_b[0]
    if first.rejects == second.rejects or not first.judged & second.judged:
        return None
    established = second if first.rejects else first
    return OppositeVerdicts(key=f"it was {established.judged_text}", first=first.words, second=second.words)


def _verdicts(sentence: Sentence) -> list[Verdict]:
    tokens = sentence.tokens
    if sentence.text.rstrip().endswith("?") or not any(t.lemma.lower() in _VERDICT_LEMMAS for t in tokens):
        return []  # most sentences hold no verdict verb: skip the masks below, read for every sentence pair
    quoted = quoted_token_mask(tokens)
    spans = token_char_spans(sentence)
    found = []
    for index, token in enumerate(tokens):
        lemma = token.lemma.lower()
        if lemma not in _VERDICT_LEMMAS or token.pos not in {"VERB", "AUX"} or quoted[index]:
            continue
        kids = children(tokens, index)
        if lemma == "rule" and any(tokens[k].dep == "prt" and tokens[k].text.lower() == "out" for k in kids):
            lemma = "rule out"
        if lemma not in REJECTING and lemma not in ESTABLISHING:
            continue
        if any(tokens[k].dep == "neg" for k in kids):
            continue  # "did not rule out": neither verdict
        judged = _judged(tokens, kids)
        if judged is None or tokens[judged].pos == "PROPN":
            continue  # "confirm Judge X", "reject X": a nominee approved or turned down, no fact judged
        subtree = _subtree(tokens, judged)
        start = index - 1 if index > 0 and tokens[index - 1].dep == "advmod" and tokens[index - 1].head == index else index
        end = max(subtree)
        content = frozenset(tokens[i].lemma.lower() for i in subtree if tokens[i].pos in CONTENT_POS)
        if not content:
            continue
        found.append(
            Verdict(
                rejects=lemma in REJECTING,
                words=sentence.text[spans[start][0] : spans[end][1]],
                judged=content,
                judged_text=sentence.text[spans[min(subtree)][0] : spans[end][1]],
            )
        )
    return found


def _judged(tokens: tuple[Token, ...], kids: list[int]) -> int | None:
    """What a verdict judges: its object, or the noun after "as" ("identified as a cyber attack")."""
    for kid in kids:
        if tokens[kid].dep == "prep" and tokens[kid].text.lower() == "as":
            objects = [k for k in children(tokens, kid) if tokens[k].dep == "pobj"]
            if objects:
                return objects[0]
    for kid in kids:
        if tokens[kid].dep == "dobj":
            return kid
    return None


def _subtree(tokens: tuple[Token, ...], root: int) -> list[int]:
    """The noun phrase under `root` without clauses hanging off it."""
    found = [root]
    frontier = [root]
    while frontier:
        current = frontier.pop()
        for kid in children(tokens, current):
            if tokens[kid].dep in {"det", "amod", "compound", "nummod", "poss", "nmod"}:
                found.append(kid)
                frontier.append(kid)
    return sorted(found)
