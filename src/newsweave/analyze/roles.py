"""Agreements on who someone is: two or more sources give a person the same role.

"Marta Velkoran, provincial administrator of Dunmere, told reporters" and
"Dunmere's provincial administrator, Marta Velkoran, said teams were sent" say
different things, so they never align as one claim, yet both say who Marta
Velkoran is. The role is read from the parse, next to the name only: an apposition
("X, provincial administrator"; "the administrator, X") or a title noun just
before it ("Harbour Minister X"). Sources agree when their role nouns share a
lemma; the claim gives the person's name and only the role words every one of
those sources uses ("Marta Velkoran, provincial administrator"), so it says
nothing a cited source does not.

A person some sources call a former holder of the role and others do not is a
dispute (analyze/titles.py), never an agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze.titles import FORMER_WORDS
from newsweave.lexicon import HONORIFIC_GENDERS
from newsweave.model import AnalyzedArticle, EntityGroup, Evidence, Sentence, Token

ROLE_POS = frozenset({"NOUN", "PROPN"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod"})  # left-hand words that qualify a role noun
FORMER_REACH = 5  # words before a surname where "former" still belongs to its title: "former U.S. President X"
MAX_ROLE_WORDS = 6  # "far-right Harbour Affairs Minister" is six tokens; longer runs are clauses, not roles
# Words before a role noun that make it another office: a deputy leader, a floor leader and an acting
# director are not the leader or the director. Sources giving one person the same role noun with
# different ones of these disagree on the office (analyze/ranks.py); they never agree on it here.
RANK_WORDS = frozenset({"deputy", "vice", "assistant", "acting", "interim", "floor", "shadow"})


@dataclass(frozen=True)
class RoleAgreement:
    """A person's role as two or more sources give it, and the sentences that give it."""

    text: str  # "Marta Velkoran, provincial administrator"
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Role:
    noun: str  # lemma of the role noun, lower case: the key sources must share
    words: tuple[Token, ...]  # the role as written, modifiers first
    evidence: Evidence
    of_what: str = ""  # the body the role is of, as written after it: "of the Harbour Party"

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(_lemma(token) for token in self.words)

    @property
    def rank(self) -> frozenset[str]:
        """The rank words of the role ("floor" of "floor leader"); empty for the office itself."""
        return self.lemmas & RANK_WORDS


def role_agreements(
    groups: Sequence[EntityGroup], articles: Sequence[AnalyzedArticle], known_roles: dict[str, list[Role]] | None = None
) -> list[RoleAgreement]:
    """Each person to whom two or more sources give a role noun with the same lemma."""
    after_former = _words_after_former(articles)
    roles_of_name = known_roles if known_roles is not None else roles_by_name(articles)
    position = {analyzed.article.id: number for number, analyzed in enumerate(articles)}
    found = []
    for group in groups:
        if group.type != "PERSON" or len(group.sources) < 2:
            continue
        # "Former president" in one source beside "president" in another is a dispute (analyze/titles.py).
        # Any word of the name counts: the family name comes first in some languages
        # ("former President Kwon", Kwon being the family name).
        if any(word.casefold() in after_former for word in group.name.split() if len(word) > 2):
            continue
        by_noun: dict[str, dict[str, Role]] = {}
        for alias in dict.fromkeys(alias.casefold() for alias in group.aliases):
            for role in roles_of_name.get(alias, ()):
                if role.evidence.source in group.sources:
                    by_noun.setdefault(role.noun, {}).setdefault(role.evidence.source, role)
        for by_source in by_noun.values():
            if len(by_source) < 2 or len({role.rank for role in by_source.values()}) > 1:
                continue  # a "floor leader" and a "leader" are two offices: a dispute, not an agreement
            roles = sorted(by_source.values(), key=lambda role: position[role.evidence.source])  # input order
            shared = frozenset.intersection(*(role.lemmas for role in roles))
            words = _shared_words(roles[0].words, shared)
            found.append(RoleAgreement(f"{group.name}, {words}", tuple(role.evidence for role in roles)))
    return found


def _words_after_former(articles: Sequence[AnalyzedArticle]) -> frozenset[str]:
    """Words (lower case) that some source writes a few words after "former", "ex-" or "then-".

    Read on the words, not on the tagger's names, which may miss the one source that says it.
    """
    words: set[str] = set()
    for analyzed in articles:
        for sentence in analyzed.sentences:
            tokens = sentence.tokens
            for index, token in enumerate(tokens):
                if token.text.casefold() in FORMER_WORDS:
                    words.update(later.text.casefold() for later in tokens[index + 1 : index + 1 + FORMER_REACH])
    return frozenset(words)


def roles_by_name(articles: Sequence[AnalyzedArticle]) -> dict[str, list[Role]]:
    """Every role read beside a person's name in a body sentence, by the name as written (lower case)."""
    found: dict[str, list[Role]] = {}
    for analyzed in articles:
        for sentence in analyzed.sentences:
            if sentence.kind != "body":
                continue
            for entity in sentence.entities:
                if entity.label == "PERSON":
                    role = role_of(sentence, entity.start, entity.end)
                    if role is not None:
                        found.setdefault(entity.text.casefold(), []).append(role)
    return found


def role_of(sentence: Sentence, start: int, end: int) -> Role | None:
    """The role noun beside a name at tokens [start, end) and its left-hand modifiers, or None."""
    tokens = sentence.tokens
    end = min(end, len(tokens))
    if not 0 <= start < end:
        return None
    # The tagger may cut a name short ("Alma" of "Governor Alma Rusk"): the name runs on over proper nouns
    # the previous word modifies as a compound.
    while end < len(tokens) and tokens[end].pos == "PROPN" and tokens[end - 1].dep == "compound":
        end += 1
    inside = range(start, end)
    head = next((i for i in inside if tokens[i].head not in inside or tokens[i].head == i), end - 1)
    candidates = [
        i for i, token in enumerate(tokens) if i not in inside and token.head == head and token.dep == "appos"
    ]
    if tokens[head].dep == "appos" and tokens[head].head not in inside:
        candidates.append(tokens[head].head)
    if start > 0 and tokens[start - 1].dep == "compound" and tokens[start - 1].head in inside:
        candidates.append(start - 1)
    for index in candidates:
        # A role is one thing the person is: a singular noun that names no place or body itself, and
        # says more than an honorific ("Mr", "Dr").
        token = tokens[index]
        if (
            token.pos in ROLE_POS
            and token.tag in SINGULAR_TAGS
            and token.ent_type in ("", "NORP")
            and token.text.casefold().rstrip(".") not in HONORIFIC_GENDERS
        ):
            words = _modifiers(tokens, index, inside) + (tokens[index],)
            if len(words) <= MAX_ROLE_WORDS:
                evidence = Evidence(sentence.source, sentence.text, sentence.index)
                return Role(_lemma(tokens[index]), words, evidence, _of_what(tokens, index))
    return None


def _of_what(tokens: Sequence[Token], index: int) -> str:
    """"of the Harbour Party" after a role noun: the words up to the next punctuation, a few at most."""
    if index + 1 >= len(tokens) or tokens[index + 1].text.lower() != "of" or tokens[index + 1].head != index:
        return ""
    end = index + 2
    while end < len(tokens) and end - index <= MAX_ROLE_WORDS and tokens[end].pos != "PUNCT":
        end += 1
    return written(tokens[index + 1 : end]) if end > index + 2 else ""


def written(words: Sequence[Token]) -> str:
    """Tokens as written, with the spaces between them."""
    text = ""
    for position, token in enumerate(words):
        text += token.text + (token.whitespace if position < len(words) - 1 else "")
    return text.replace(" - ", "-").strip()


def _modifiers(tokens: Sequence[Token], index: int, name: range) -> tuple[Token, ...]:
    """The run of modifier tokens just left of the role noun (stopping at the name, a determiner or punctuation
    other than a hyphen)."""
    first = index
    while first > 0 and first - 1 not in name:
        token = tokens[first - 1]
        if token.dep in MODIFIER_DEPS or (token.text == "-" and first - 2 >= 0):
            first -= 1
        else:
            break
    return tuple(tokens[first:index])


def _shared_words(words: Sequence[Token], shared: frozenset[str]) -> str:
    """The role as the lead source writes it, keeping only words every agreeing source uses."""
    return written([token for token in words if _lemma(token) in shared])


def _lemma(token: Token) -> str:
    return token.lemma.casefold()
