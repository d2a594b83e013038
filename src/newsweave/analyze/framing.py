"""The words each source chooses to name and judge the story's events.

Outlets call the same event differently: "incident", "accident", "structural failure",
"disaster", "death trap"; a war is a "special military operation" in quotation marks,
a "war of aggression" or a "conflict". For each source, `find_framing` lists such
framing terms that it uses markedly more than the other sources.

Candidates are of three kinds:
  * phrases headed by a framing noun (`FRAME_NOUNS`: nouns that label an event or judge
    it — "incident", "collapse", "chaos", "negligence", "lifeline", "war" — with the
    adjectives and nouns before them and an "of" + noun after: "partial collapse",
    "commuter chaos", "war of aggression");
  * phrases whose modifier passes judgement (`EVALUATIVE_MODIFIERS`: "deferred
    maintenance", "crumbling roads");
  * short quoted terms, kept in their quotation marks because quoting is itself a
    framing choice ('"denazification"', the headline's 'death trap').
Descriptive vocabulary ("police tape", "ferry sailings") is left out on purpose: it
tells what a source covered, not how it framed it. The headline counts as one more
sentence. Words inside longer quotations count too: which voices an outlet quotes is
part of its framing ("This bridge is a lifeline", "This is negligence").

Each phrase counts once per sentence. Phrases are scored by the log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi & Quinn, 2008) of this source against all
others together, as a z-score; the best `MAX_TERMS` with a z-score above `MIN_Z_SCORE`
are kept, quoted terms and multi-word phrases ranked up. Names are never framing terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsweave.analyze.spans import children, token_char_spans
from newsweave.model import AnalyzedArticle, Framing, Sentence, Token

MAX_TERMS = 6
MIN_Z_SCORE = 0.3
MAX_SCARE_QUOTE_WORDS = 4  # longer quoted text is a quotation, not a chosen term
QUOTED_BONUS = 1.5  # added to the z-score of scare-quoted terms
MULTIWORD_BONUS = 0.5  # added to the z-score of phrases of two words or more
PRIOR_WEIGHT = 10.0  # total pseudo-count of the Dirichlet prior, spread by overall frequency

# Nouns that name an event by what kind of event it was, or judge it.
FRAME_NOUNS = frozenset(
    {
        # what happened, from neutral to loaded
        "incident", "accident", "mishap", "failure", "fault", "defect", "malfunction", "breakdown", "collapse",
        "closure", "shutdown", "disruption", "outage", "emergency", "crisis", "disaster", "catastrophe",
        "calamity", "tragedy", "chaos", "mayhem", "havoc", "carnage", "devastation", "horror", "terror",
        "nightmare", "ordeal", "misery", "suffering", "hardship", "agony", "panic", "fury", "outrage",
        "scandal", "fiasco", "shambles", "debacle", "farce", "blunder", "trap", "timebomb", "lifeline",
        # blame and responsibility
        "negligence", "neglect", "incompetence", "mismanagement", "cover-up", "complacency", "recklessness",
        "backlog", "scrutiny", "accountability", "weakness", "danger", "hazard", "threat", "warning",
        # conflict
        "war", "invasion", "aggression", "conflict", "operation", "occupation", "attack", "assault",
        "offensive", "massacre", "atrocity", "genocide", "liberation", "denazification", "demilitarization",
        "demilitarisation", "escalation", "provocation", "terrorism", "regime", "junta", "crackdown",
        "bloodshed", "violence", "unrest", "riot", "standoff", "stalemate", "deadlock", "setback",
        "breakthrough", "humiliation", "surrender",
    }
)  # fmt: skip
# Modifiers that pass judgement on whatever noun they qualify.
EVALUATIVE_MODIFIERS = frozenset(
    {"deferred", "crumbling", "ageing", "aging", "rotten", "shoddy", "botched", "chronic", "dangerous", "deadly",
     "lethal", "catastrophic", "disastrous", "devastating", "horrific", "terrifying", "brutal", "bloody",
     "reckless", "unprovoked", "illegal", "so-called", "alleged", "senseless", "criminal", "heroic"}
)  # fmt: skip
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_PLAIN_MODIFIERS = frozenset(
    {"new", "first", "second", "third", "last", "next", "previous", "other", "more", "most", "such",
     "same", "own", "several", "many", "few", "further", "possible", "current", "recent", "only", "main",
     "whole", "single", "entire", "little", "big", "huge", "giant", "large", "small", "emergency"}
)  # fmt: skip
_QUOTED_FILLERS = frozenset({"about", "only", "very", "just", "some", "with", "that", "this", "there", "they"})
_NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL"})
# Double quotes, and single quotes that stand apart from words (not the apostrophe of "workers'").
_QUOTED = re.compile(
    r"[\"“„«]([^\"“”„«»]{2,60})[\"”»]"  # double quotes
    r"|(?<![\w'‘’])['‘]([^'‘’\"]{2,40})['’](?![\w'‘’])"  # single quotes standing apart from words
)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def find_framing(articles: Sequence[AnalyzedArticle]) -> list[Framing]:
    """Per source (in article order), up to MAX_TERMS framing terms it favours over the others.

    Sources with no distinctive term are left out. A single source has nothing to be
    compared with, so one article yields no framing.
    """
    if len(articles) < 2:
        return []
    counts = {
        analyzed.article.id: _term_counts(analyzed.sentences, analyzed.article.title) for analyzed in articles
    }
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
            if 2 * document_frequency[term] >= len(articles) and own_count < 2:
                continue  # a word half the sources use once each is shared vocabulary
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


def _log_odds_z(own: int, own_total: int, rest: int, rest_total: int, prior: float) -> float:
    """z-score of the log-odds ratio of a term in one source against the rest, prior-smoothed."""
    prior_total = PRIOR_WEIGHT
    own_odds = (own + prior) / max(own_total + prior_total - own - prior, 1e-9)
    rest_odds = (rest + prior) / max(rest_total + prior_total - rest - prior, 1e-9)
    delta = math.log(own_odds) - math.log(rest_odds)
    variance = 1.0 / (own + prior) + 1.0 / (rest + prior)
    return delta / math.sqrt(variance)


# --------------------------------------------------------------------------- candidates


def _term_counts(sentences: Sequence[Sentence], title: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(set(_noun_phrases(sentence)) | set(_scare_quotes(sentence.text)))
    if title:
        counts.update(set(_title_terms(title)) | set(_scare_quotes(title)))
    return counts


def _scare_quotes(text: str) -> list[str]:
    terms = []
    for match in _QUOTED.finditer(text):
        words = (match.group(1) or match.group(2)).strip(" ,.;:!?").split()
        # A capital at the start marks a quoted sentence ("Our goal is obvious"), not a term.
        meaningful = [word for word in words if len(word) > 3 and word.lower() not in _QUOTED_FILLERS]
        if 1 <= len(words) <= MAX_SCARE_QUOTE_WORDS and words[0][:1].islower() and meaningful:
            terms.append('"' + " ".join(words).lower() + '"')
    return terms


def _scare_quote_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _QUOTED.finditer(text) if _scare_quotes(match.group(0))]


def _title_terms(title: str) -> list[str]:
    """Framing nouns of an unparsed headline, with an evaluative word right before them."""
    unquoted = _QUOTED.sub(lambda match: " " if _scare_quotes(match.group(0)) else match.group(0), title)
    words = [word.lower() for word in _WORD.findall(unquoted)]
    terms = []
    for position, word in enumerate(words):
        before = words[position - 1] if position else ""
        if word in FRAME_NOUNS:
            terms.append(f"{before} {word}" if before in EVALUATIVE_MODIFIERS else word)
        elif before in EVALUATIVE_MODIFIERS and word not in EVALUATIVE_MODIFIERS:
            terms.append(f"{before} {word}")
    return terms


def _noun_phrases(sentence: Sentence) -> list[str]:
    """Framing phrases of the sentence, lower-cased: framing nouns, or nouns judged by a modifier."""
    tokens = sentence.tokens
    spans = token_char_spans(sentence)
    scare = _scare_quote_spans(sentence.text)
    phrases = []
    for index, token in enumerate(tokens):
        if token.pos != "NOUN" or token.ent_type in _NAME_LABELS or not token.text.replace("-", "").isalpha():
            continue
        if token.dep in _MODIFIER_DEPS and token.head != index and tokens[token.head].pos == "NOUN":
            continue  # a noun modifying another noun is part of that noun's phrase
        if any(start <= spans[index][0] < end for start, end in scare):
            continue  # counted as the quoted term
        preposition = token.head
        if token.dep == "pobj" and tokens[preposition].text.lower() == "of" and preposition == index - 1:
            owner = tokens[tokens[preposition].head]
            if owner.lemma.lower() in FRAME_NOUNS and _of_complement(tokens, tokens[preposition].head):
                continue  # "aggression" is counted within "war of aggression"
        modifiers = _modifiers(tokens, index)
        framing_noun = token.lemma.lower() in FRAME_NOUNS or token.text.lower() in FRAME_NOUNS
        if not framing_noun and not EVALUATIVE_MODIFIERS & set(modifiers):
            continue
        head_word = token.lemma.lower() if token.lemma.isalpha() else token.text.lower()  # "breakthroughs" -> one term
        words = modifiers + [head_word] + _of_complement(tokens, index)
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
    return [word for word in words if word.replace("-", "").isalpha()]


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
