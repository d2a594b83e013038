"""Where a person made a statement: "X posted on Truth Social" in one source, "X tweeted" in another.

Outlets often name the platform a statement was posted on, and sometimes name
the wrong one (a post on one network reported as a tweet). For each speaker,
each source's platforms are read from the parse: a platform name a statement
verb governs ("posted on ...", "said in a message on his ... platform",
"shared by X on ...", "took to ..."), or a verb that names its platform itself
("tweeted"). The speaker is the verb's subject, or its agent in the passive, when
the tagger reads it as a person; a pronoun or a title alone ("the president") is
no speaker. Two sources whose platforms for one speaker have none in common are
a dispute; a source naming two platforms (a cross-post) agrees with either.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsweave.analyze.positions import build_position
from newsweave.analyze.titles import TITLE_WORDS
from newsweave.lexicon import REPORTING_VERBS
from newsweave.model import AnalyzedArticle, Conflict, Sentence, Token

# Platform -> the words (lower case, as tokens) that name it. A general list of networks; no event.
PLATFORMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "X / Twitter": (("x",), ("twitter",)),
    "Truth Social": (("truth", "social"),),
    "Facebook": (("facebook",),),
    "Instagram": (("instagram",),),
    "Telegram": (("telegram",),),
    "TikTok": (("tiktok",),),
    "YouTube": (("youtube",),),
    "Threads": (("threads",),),
    "Bluesky": (("bluesky",),),
    "Weibo": (("weibo",),),
    "LinkedIn": (("linkedin",),),
}
# First word of a platform's name -> (platform, all its words): most tokens are no platform's first word.
_BY_FIRST_WORD: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _platform, _spellings in PLATFORMS.items():
    for _words in _spellings:
        _BY_FIRST_WORD.setdefault(_words[0], []).append((_platform, _words))
# Verbs that name their platform themselves.
PLATFORM_VERBS = {"tweet": "X / Twitter", "retweet": "X / Twitter"}
# Verbs besides the reporting ones through which a statement reaches a platform ("took to X", "shared").
_POSTING_VERBS = frozenset({"share", "take", "make", "publish", "upload", "go"})
_HEAD_STEPS = 6  # "Truth" -> "platform" -> "on" -> "message" -> "in" -> "said"
_PLATFORM_PREPOSITIONS = frozenset({"on", "to", "via"})  # "on X", "took to X", "via Telegram"
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", ""})  # an office or a company posts too; a place does not
_CONTEXT_WORDS = frozenset({"social", "media", "platform", "network", "account", "page", "-"})


@dataclass(frozen=True)
class _Posting:
    speaker: str  # the speaker's last name, lower case
    platform: str
    words: str  # as written: "on his Truth Social platform", "tweeted"
    sentence: Sentence


def find_platform_conflicts(articles: Sequence[AnalyzedArticle]) -> list[Conflict]:
    """Speakers whose statement sources place on platforms that have none in common."""
    by_speaker: dict[str, dict[str, list[_Posting]]] = {}
    for article in articles:
        for sentence in article.sentences:
            if sentence.kind != "body":
                continue
            for posting in _postings(sentence):
                by_speaker.setdefault(posting.speaker, {}).setdefault(posting.sentence.source, []).append(posting)
    conflicts = []
    for speaker, by_source in by_speaker.items():
        # A source naming two platforms for one speaker tells of a cross-post: it takes no side.
        single = {source: postings for source, postings in by_source.items() if len({p.platform for p in postings}) == 1}
        sides: dict[str, list[_Posting]] = {}
        for postings in single.values():
            sides.setdefault(postings[0].platform, []).extend(postings)
        if len(sides) < 2 or len(single) < len(by_source):
            continue
        name = speaker.title()
        conflicts.append(
            Conflict(
                topic=f"platform {name} posted on",
                kind="name",
                positions=tuple(
                    build_position((p.words for p in side), [p.sentence for p in side], normalized=platform)
                    for platform, side in sorted(sides.items(), key=lambda item: -len(item[1]))
                ),
            )
        )
    return conflicts


def _postings(sentence: Sentence) -> Iterator[_Posting]:
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        lemma = token.lemma.lower()
        if token.pos == "VERB" and lemma in PLATFORM_VERBS:
            speaker = _speaker(sentence, index)
            if speaker is not None:
                yield _Posting(speaker, PLATFORM_VERBS[lemma], token.text, sentence)
            continue
        platform, length = _platform_at(tokens, index)
        if platform is None or not _after_preposition(tokens, index):
            continue
        verb = _governing_verb(tokens, index)
        if verb is None:
            continue
        speaker = _speaker(sentence, verb)
        if speaker is not None:
            yield _Posting(speaker, platform, _words_around(tokens, index, length), sentence)


def _platform_at(tokens: Sequence[Token], index: int) -> tuple[str | None, int]:
    for platform, words in _BY_FIRST_WORD.get(tokens[index].text.lower(), ()):
        end = index + len(words)
        if end <= len(tokens) and tuple(t.text.lower() for t in tokens[index:end]) == words:
            if words == ("x",) and tokens[index].text != "X":
                continue  # a lower-case "x" is a letter or a times sign
            return platform, len(words)
    return None, 0


def _after_preposition(tokens: Sequence[Token], index: int) -> bool:
    """Whether the platform is where something went ("on X", "to his Telegram channel"), not part of
    a name: a preposition such as "on" governs it within three heads ("on his Truth Social platform")."""
    current = index
    for _ in range(3):
        head = tokens[current].head
        if head == current:
            return False
        current = head
        if tokens[current].pos == "ADP" and tokens[current].text.lower() in _PLATFORM_PREPOSITIONS:
            return True
    return False


def _governing_verb(tokens: Sequence[Token], index: int) -> int | None:
    """The statement verb a platform word hangs from, a few heads up, or None."""
    current = index
    for _ in range(_HEAD_STEPS):
        head = tokens[current].head
        if head == current:
            return None
        current = head
        token = tokens[current]
        if token.pos in ("VERB", "AUX"):
            lemma = token.lemma.lower()
            return current if lemma in REPORTING_VERBS or lemma in _POSTING_VERBS else None
    return None


def _speaker(sentence: Sentence, verb: int) -> str | None:
    """The last name of the verb's subject (or of its agent, "by ..."), when it names someone; after
    a quotation the tagger often loses the subject ('"...," Lena Ostrova posted'): then the name
    written just before the verb."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.head != verb or index == verb:
            continue
        if token.dep == "nsubj":
            return _named(sentence, index)
        if token.dep == "agent":
            objects = [i for i, t in enumerate(tokens) if t.head == index and t.dep == "pobj"]
            if objects:
                return _named(sentence, objects[0])
    if verb > 0 and tokens[verb - 1].pos == "PROPN":
        return _named(sentence, verb - 1)
    return None


def _named(sentence: Sentence, index: int) -> str | None:
    """The last word of the name at `index` (lower case), or None for a pronoun, a title or a place."""
    token = sentence.tokens[index]
    if token.pos != "PROPN" or token.text.lower() in TITLE_WORDS:
        return None  # "the President made a post": a title alone names no one
    for entity in sentence.entities:
        if entity.start <= index < entity.end:
            return sentence.tokens[entity.end - 1].text.lower() if entity.label in _SPEAKER_LABELS else None
    return token.text.lower()


def _words_around(tokens: Sequence[Token], index: int, length: int) -> str:
    """The platform as written with the preposition, possessive and descriptors around it:
    "on his Truth Social platform", "on X-social media platform"."""
    start = index
    while start > 0 and tokens[start - 1].pos in ("ADP", "PRON", "DET") and index - start < 3:
        start -= 1
    end = index + length
    while end < len(tokens) and tokens[end].text.lower() in _CONTEXT_WORDS:
        end += 1
    text = ""
    for position in range(start, end):
        text += tokens[position].text + (tokens[position].whitespace if position < end - 1 else "")
    return text.strip()
