"""Word tables that several stages read: calendar words, pronouns, reporting verbs, honorifics.

One home so that a month spelling or a reporting verb added for one stage reaches every
stage that reads the same kind of word. Every entry is lower case (callers lower-case or
casefold the text before looking it up); tables are immutable. A stage whose list differs
on purpose (a narrower or wider set for its own job) builds it here from these tables, or
keeps it in its own module with a comment saying how it differs.

This module imports nothing from newsweave, so every stage and the shared records may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# ------------------------------------------------------------------------------ calendar

# The twelve month names in calendar order: MONTH_NAMES[month - 1].
MONTH_NAMES: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Their three-letter abbreviations in calendar order; also the prefix every spelling of a month starts with.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
# Every spelling of a month that dates and stamps use ("march", "mar", "sept") -> its number 1..12.
MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
        **{short: number for number, short in enumerate(MONTH_ABBREVIATIONS, start=1)},
        "sept": 9,
    }
)

# The seven weekday names from Monday: WEEKDAY_NAMES[date.weekday()].
WEEKDAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Their three-letter abbreviations, same order; also the prefix every spelling of a weekday starts with.
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Every spelling of a weekday that dates and stamps use ("tuesday", "tue", "tues") -> date.weekday() index.
WEEKDAY_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        **{name: index for index, name in enumerate(WEEKDAY_NAMES)},
        **{short: index for index, short in enumerate(WEEKDAY_ABBREVIATIONS)},
        "tues": 1,
        "thur": 3,
        "thurs": 3,
    }
)

# ------------------------------------------------------------------------------ pronouns

# Third-person subject pronouns: a speaker or a sentence opening that needs an antecedent ("he said").
THIRD_PERSON_SUBJECTS: frozenset[str] = frozenset({"he", "she", "it", "they"})
# Third-person possessive determiners: "his spokesman", "their figures" lean on an antecedent too.
THIRD_PERSON_POSSESSIVES: frozenset[str] = frozenset({"his", "her", "its", "their"})
# First- and second-person subject pronouns: the voice inside a quotation, never whom a report cites.
FIRST_SECOND_PERSON_SUBJECTS: frozenset[str] = frozenset({"i", "we", "you"})
# Their object forms ("told us", "asked me"); with the subjects, the words of a speaker's own voice.
FIRST_SECOND_PERSON_OBJECTS: frozenset[str] = frozenset({"me", "us", "you"})

# ------------------------------------------------------------------------------ reporting verbs

# Lemmas of verbs that attribute a statement to a speaker ("said", "told", "warned", "estimated").
REPORTING_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "confirm", "announce", "state", "warn", "stress", "insist", "claim",
        "report", "note", "explain", "declare", "assert", "argue", "deny", "acknowledge", "admit",
        "write", "post", "tweet", "reiterate", "emphasise", "emphasize", "underline", "underscore",
        "suggest", "predict", "comment", "remark", "reply", "respond", "answer", "urge", "mention",
        "affirm", "caution", "complain", "allege", "disclose", "reveal", "signal", "estimate",
    }
)  # fmt: skip

# ------------------------------------------------------------------------------ honorifics

# Honorifics written (without a full stop) before a person's name, with the gender each tells ("" for none).
HONORIFIC_GENDERS: Mapping[str, str] = MappingProxyType(
    {
        "mr": "m", "sir": "m", "lord": "m",
        "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f",
        "dr": "", "mx": "",
    }
)  # fmt: skip
# The honorifics that are contractions: US style writes them with a full stop ("Mr. Lee"), British style without.
CONTRACTED_HONORIFICS: tuple[str, ...] = ("mr", "mrs", "ms", "dr")


# The reason the cleaner gives a photo caption it takes out of the body. A caption is not analysed
# as a claim, but it is still the outlet's words: a source is not cited for a value its caption
# gives otherwise.
PHOTO_CAPTION_REASON = "photo caption"
