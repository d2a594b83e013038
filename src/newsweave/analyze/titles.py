"""Whether a person still holds a title: "former President X" in one source, "President X" in another.

A title written before a name says what the person is as the outlet writes.
When one outlet calls someone a former holder of a title that others give
as current, a reader is told two different things (a president still in
office, or not). Only that contrast is read here: different titles for one
person ("floor leader", "party leader") are often all true and are left alone.
"then-President X" dates the title to a past moment and takes no side; nor does
"President X's ...", which names a past term as often as a present one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsweave.analyze.positions import build_position
from newsweave.analyze.clauses import has_subject
from newsweave.model import AnalyzedArticle, Conflict, Position, Sentence, Token

# Title nouns written before a name. General public-office and corporate titles; no names.
TITLE_WORDS = frozenset(
    {
        "president", "minister", "chancellor", "governor", "senator", "mayor", "premier", "king", "queen",
        "ceo", "chairman", "chairwoman", "chair", "director", "secretary", "commissioner", "chief", "leader",
        "speaker", "judge", "ambassador", "general", "coach", "manager", "captain",
    }
)  # fmt: skip
# "recently resigned director X", "ousted President X": a word before the title that says the post was left.
LEFT_OFFICE_WORDS = frozenset({"resigned", "retired", "ousted", "deposed", "sacked", "fired", "dismissed"})
FORMER_WORDS = frozenset({"former", "ex", "ex-", "then", "then-"}) | LEFT_OFFICE_WORDS
# "then-President X" gives the title X held at a past moment the sentence tells of: it says nothing
# about the title now, so it is neither side. Only "former" and "ex-" say the title is no longer held.
_HELD_AT_THAT_TIME = frozenset({"then"})
_NO_LONGER_HELD = frozenset(word.rstrip("-") for word in FORMER_WORDS)  # read with any hyphen stripped
# Punctuation inside a mention means the parse ran a name across a quotation or a list.
_NOT_IN_A_NAME = frozenset({",", "“", "”", '"', "‘", "’", ";", ":"})
_MAX_TITLE_WORDS = 5  # "former U.S. Secretary of State" reaches no further back than this


@dataclass(frozen=True)
class _TitledMention:
    surname: str  # the key: the name's last word, lower case
    title: str  # the title noun, lower case: "president"
    former: bool
    words: str  # as written, title and name: "former U.S. President Donald Trump"
    sentence: Sentence


def find_title_conflicts(articles: Sequence[AnalyzedArticle]) -> list[Conflict]:
    """People called a former holder of a title by some sources and a current one by others."""
    by_key: dict[tuple[str, str], list[_TitledMention]] = {}
    for article in articles:
        for sentence in article.sentences:
            for mention in _titled_mentions(sentence):
                by_key.setdefault((mention.surname, mention.title), []).append(mention)
    conflicts = []
    for (surname, title), mentions in by_key.items():
        former_sources = {m.sentence.source for m in mentions if m.former}
        current_sources = {m.sentence.source for m in mentions if not m.former}
        both = former_sources & current_sources  # a source writing both is telling of two times
        former = [m for m in mentions if m.former and m.sentence.source not in both]
        current = [m for m in mentions if not m.former and m.sentence.source not in both]
        if former and current:
            conflicts.append(
                Conflict(
                    topic=f"whether {mentions[0].words.split()[-1]} is still {title}",
                    kind="name",
                    positions=(_position(current, "current"), _position(former, "former")),
                )
            )
    return conflicts


def _titled_mentions(sentence: Sentence) -> Iterator[_TitledMention]:
    if sentence.kind != "body" or not sentence.tokens:
        return
    tokens = sentence.tokens
    for entity in sentence.entities:
        if entity.label != "PERSON" or not 0 < entity.start < entity.end <= len(tokens):
            continue
        end = entity.end
        while end < len(tokens) and tokens[end].pos == "PROPN" and tokens[end].ent_type in ("", "PERSON"):
            end += 1  # the small model often cuts a name short ("Alma" of "Alma Rusk")
        start = entity.start
        title_at = None
        for index in range(entity.start - 1, max(-1, entity.start - 1 - _MAX_TITLE_WORDS), -1):
            word = tokens[index].text.lower()
            if word in TITLE_WORDS and title_at is None:
                title_at = index
            if tokens[index].pos not in ("PROPN", "NOUN", "ADJ", "PUNCT") and word not in FORMER_WORDS:
                break
            start = index
            if word in FORMER_WORDS:
                break
        if title_at is None:
            continue
        former = any(_no_longer_held(tokens, i) for i in range(start, title_at))
        if not former and start > 0 and _no_longer_held(tokens, start - 1):
            former, start = True, start - 1
        marks = {tokens[i].text.lower().rstrip("-") for i in range(start, title_at + 1)}
        if marks & _HELD_AT_THAT_TIME or any(tokens[i].text in _NOT_IN_A_NAME for i in range(start, end)):
            continue
        if not former and end < len(tokens) and tokens[end].text in ("'s", "’s"):
            continue  # "President X's administration" names a person through a past term as often as a present one
        words = " ".join(t.text for t in tokens[start:end]).replace(" - ", "-").replace(" .", ".")
        yield _TitledMention(
            surname=tokens[end - 1].text.lower(),
            title=tokens[title_at].text.lower(),
            former=former,
            words=words,
            sentence=sentence,
        )


def _no_longer_held(tokens: tuple[Token, ...], index: int) -> bool:
    """"former", "ex-", or a word for leaving the post used of the title ("recently resigned director
    X"), not a verb with a subject of its own ("Musk fired CEO X" tells of the firing, not of now)."""
    word = tokens[index].text.lower().rstrip("-")
    if word not in _NO_LONGER_HELD:
        return False
    if word not in LEFT_OFFICE_WORDS:
        return True
    return tokens[index].dep != "ROOT" and not has_subject(tokens, index)


def _position(mentions: list[_TitledMention], normalized: str) -> Position:
    return build_position((m.words for m in mentions), [m.sentence for m in mentions], normalized=normalized)
