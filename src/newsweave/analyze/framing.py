"""The words each source chooses for the story's events and actors.

Outlets name the same thing differently: "special military operation" in quotation
marks, "war of aggression", "military operation", "the conflict". For each source,
`find_framing` lists the phrases it uses markedly more than the other sources.

Candidates are noun phrases built from the parse (a common noun with the adjectives and
nouns before it, plus "of" + noun: "war of aggression") and short quoted terms, which
are kept in their quotation marks because quoting is itself a framing choice
('"denazification"'). Each phrase counts once per sentence. Phrases are scored by the
log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn, 2008) of
this source against all others together, as a z-score; phrases used by more than half
the sources are shared vocabulary and skipped. The best `MAX_TERMS` with a z-score
above `MIN_Z_SCORE` are kept, quoted terms and multi-word phrases ranked up.
Phrases made only of names, dates or numbers, and phrases headed by empty nouns
("thing", "way", "part"), are not candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsweave.analyze.spans import children, quoted_token_mask
from newsweave.model import AnalyzedArticle, Framing, Sentence, Token

MAX_TERMS = 6
MIN_Z_SCORE = 0.5
MAX_SCARE_QUOTE_WORDS = 4  # longer quoted text is a quotation, not a chosen term
QUOTED_BONUS = 1.5  # added to the z-score of scare-quoted terms
MULTIWORD_BONUS = 0.5  # added to the z-score of phrases of two words or more
PRIOR_WEIGHT = 10.0  # total pseudo-count of the Dirichlet prior, spread by overall frequency
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod"})
_EMPTY_HEADS = frozenset(
    {"thing", "things", "way", "time", "fact", "part", "lot", "number", "kind", "sort", "type", "one",
     "ones", "side", "sides", "matter", "idea", "term", "terms", "other", "others", "everything",
     "something", "anything", "nothing", "people", "year", "years", "day", "days", "week", "weeks",
     "month", "months", "minute", "minutes", "hour", "hours", "today", "addresses", "access", "read"}
)  # fmt: skip
_PLAIN_MODIFIERS = frozenset(
    {"new", "first", "second", "third", "last", "next", "previous", "other", "more", "most", "such",
     "same", "own", "several", "many", "few", "further", "possible", "current", "recent", "only", "main"}
)  # fmt: skip
_QUOTED_FILLERS = frozenset({"about", "only", "very", "just", "some", "with", "that", "this", "there", "they"})
_NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL"})
_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{2,60})[\"”»]")


def find_framing(articles: Sequence[AnalyzedArticle]) -> list[Framing]:
    """Per source (in article order), up to MAX_TERMS phrases it favours over the others.

    Sources with no distinctive phrase are left out. A single source has nothing to
    be compared with, so one article yields no framing.
    """
    if len(articles) < 2:
        return []
    counts = {analyzed.article.id: _term_counts(analyzed.sentences) for analyzed in articles}
    overall: Counter[str] = Counter()
    for source_counts in counts.values():
        overall.update(source_counts)
    overall_total = sum(overall.values())
    if overall_total == 0:
        return []
    document_frequency: Counter[str] = Counter()
    for source_counts in counts.values():
        document_frequency.update(source_counts.keys())

    framings: list[Framing] = []
    for analyzed in articles:
        source = analyzed.article.id
        own = counts[source]
        rest = overall - own
        own_total, rest_total = sum(own.values()), sum(rest.values())
        scored = []
        for term, own_count in own.items():
            if not _eligible(term, own_count, document_frequency[term], len(articles)):
                continue
            prior = PRIOR_WEIGHT * overall[term] / overall_total
            z_score = _log_odds_z(own_count, own_total, rest[term], rest_total, prior)
            if z_score > MIN_Z_SCORE:
                scored.append((z_score + _form_bonus(term), own_count, len(term.split()), term))
        scored.sort(key=lambda item: (-item[0], -item[1], -item[2], item[3]))
        terms = tuple(term for *_, term in scored[:MAX_TERMS])
        if terms:
            framings.append(Framing(source=source, terms=terms))
    return framings


def _form_bonus(term: str) -> float:
    """Quoting a term is a deliberate framing choice, and a modified noun says more than a bare one."""
    if term.startswith('"'):
        return QUOTED_BONUS
    return MULTIWORD_BONUS if " " in term else 0.0


def _eligible(term: str, own_count: int, sources_using: int, sources: int) -> bool:
    """Shared vocabulary is no framing: a term must be used by at most half the sources.

    A single plain noun must moreover be this source's alone and used at least twice
    ("conflict" repeated); one passing "progress" says nothing about a source's angle.
    """
    if sources_using > max(1, sources // 2):
        return False
    if " " not in term and not term.startswith('"'):
        return sources_using == 1 and own_count >= 2
    return True


def _log_odds_z(own: int, own_total: int, rest: int, rest_total: int, prior: float) -> float:
    """z-score of the log-odds ratio of a term in one source against the rest, prior-smoothed."""
    prior_total = PRIOR_WEIGHT
    own_odds = (own + prior) / max(own_total + prior_total - own - prior, 1e-9)
    rest_odds = (rest + prior) / max(rest_total + prior_total - rest - prior, 1e-9)
    delta = math.log(own_odds) - math.log(rest_odds)
    variance = 1.0 / (own + prior) + 1.0 / (rest + prior)
    return delta / math.sqrt(variance)


# --------------------------------------------------------------------------- candidates


def _term_counts(sentences: Sequence[Sentence]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(set(_noun_phrases(sentence)) | set(_scare_quotes(sentence.text)))
    return counts


def _scare_quotes(text: str) -> list[str]:
    terms = []
    for match in _QUOTED.finditer(text):
        words = match.group(1).strip(" ,.;:!?").split()
        # A capital at the start marks a quoted sentence ("Our goal is obvious"), not a term.
        meaningful = [word for word in words if len(word) > 3 and word.lower() not in _QUOTED_FILLERS]
        if 1 <= len(words) <= MAX_SCARE_QUOTE_WORDS and words[0][:1].islower() and meaningful:
            terms.append('"' + " ".join(words).lower() + '"')
    return terms


def _noun_phrases(sentence: Sentence) -> list[str]:
    """Maximal common-noun phrases of the sentence, outside quotation marks, lower-cased."""
    tokens = sentence.tokens
    quoted = quoted_token_mask(tokens) if tokens else []
    phrases = []
    for index, token in enumerate(tokens):
        if token.pos != "NOUN" or token.dep in _MODIFIER_DEPS or quoted[index]:
            continue  # a noun modifying another noun is part of that noun's phrase
        if token.ent_type in _NAME_LABELS or token.text.lower() in _EMPTY_HEADS or not token.text.isalpha():
            continue
        words = _modifiers(tokens, index) + [token.text.lower()]
        words += _of_complement(tokens, index)
        if 1 <= len(words) <= 4:
            phrases.append(" ".join(words))
    return phrases


def _modifiers(tokens: tuple[Token, ...], head: int) -> list[str]:
    """The adjectives and nouns right before `head` that modify it, names left out."""
    words: list[str] = []
    position = head - 1
    while position >= 0 and tokens[position].dep in _MODIFIER_DEPS | {"punct"}:
        token = tokens[position]
        if not position < token.head <= head:
            break  # modifies something outside this phrase
        if token.dep == "punct" and token.text not in {"-"}:
            break
        if token.pos in {"PROPN", "NUM"} or token.ent_type in _NAME_LABELS:
            break  # "Moscow's military operation" and "Russian forces" frame by name, not by word
        if token.text.lower() in _PLAIN_MODIFIERS:
            break  # "new round", "several rounds": counting and ordering, not framing
        words.insert(0, token.text.lower())
        position -= 1
    return [word for word in words if word.isalpha()]


def _of_complement(tokens: tuple[Token, ...], head: int) -> list[str]:
    """ "war of aggression": an "of" phrase whose object is a plain common noun."""
    for kid in children(tokens, head):
        if kid == head + 1 and tokens[kid].text.lower() == "of":
            objects = [grand for grand in children(tokens, kid) if tokens[grand].dep == "pobj"]
            if objects and objects[0] == kid + 1:
                complement = tokens[objects[0]]
                if complement.pos == "NOUN" and not complement.ent_type:
                    return ["of", complement.text.lower()]
    return []
