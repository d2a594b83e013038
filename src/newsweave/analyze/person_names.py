"""When two written names can be one person: the test a name conflict must fail first.

Outlets write one person's name many ways: with or without a middle initial or
a generational suffix ("Robert Card", "Robert R. Card II"), with an honorific
in place of the given name ("Ms Bayer Rosmarin"), with a hyphen or without
("Ben-Gvir", "Ben Gvir"), or with the short form of the given name ("Mike" for
"Michael", "Costas" for "Konstantinos"). None of these is a disagreement. Two
different given names with one surname ("Ruth" and "Rachel") still are.
"""

from __future__ import annotations

import re

from newsweave.analyze.entities import words_match
from newsweave.lexicon import CONTRACTED_HONORIFICS, HONORIFIC_GENDERS

# Titles written before a name: part of how a name is written, not of who it names.
HONORIFICS = frozenset(HONORIFIC_GENDERS) | {"prof", "rev"} | {f"{title}." for title in CONTRACTED_HONORIFICS}
# When comparing two written names, a spelled-out title in front counts as a title too.
_TITLES_BEFORE_A_NAME = HONORIFICS | {
    "professor", "president", "representative", "rep", "senator", "sen", "governor", "gov", "mayor", "minister",
    "judge", "justice", "general", "gen", "secretary", "chancellor", "premier", "speaker", "ambassador",
}  # fmt: skip
GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})

# Common short or familiar forms of given names (several languages), each with its full forms.
# A general table: it names no person of any story, only how given names are shortened.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "al": ("albert", "alan", "alfred", "alexander"),
    "alex": ("alexander", "alexandra", "aleksandar", "aleksandr", "alexandre", "alexei", "alexey"),
    "andy": ("andrew", "andreas", "anderson"),
    "ben": ("benjamin",),
    "bill": ("william",),
    "chuck": ("charles",),
    "charlie": ("charles",),
    "don": ("donald",),
    "doug": ("douglas",),
    "hank": ("henry",),
    "harry": ("henry", "harold"),
    "jack": ("john",),
    "johnny": ("john",),
    "jerry": ("gerald", "jerome", "jeremiah"),
    "tim": ("timothy",),
    "nate": ("nathan", "nathaniel"),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "rob": ("robert", "robin"),
    "robbie": ("robert",),
    "chris": ("christopher", "christian", "christine", "christina"),
    "costas": ("konstantinos", "constantine", "kostas"),
    "kostas": ("konstantinos", "constantine"),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "dave": ("david",),
    "dick": ("richard",),
    "rick": ("richard", "frederick", "eric"),
    "ricky": ("richard",),
    "rich": ("richard",),
    "ed": ("edward", "edwin", "edmund"),
    "eddie": ("edward",),
    "ted": ("edward", "theodore"),
    "frank": ("francis", "franklin"),
    "fred": ("frederick", "alfred"),
    "greg": ("gregory",),
    "jim": ("james",),
    "jimmy": ("james",),
    "jamie": ("james",),
    "jeff": ("jeffrey", "geoffrey"),
    "joe": ("joseph",),
    "joey": ("joseph",),
    "jon": ("jonathan",),
    "ken": ("kenneth",),
    "larry": ("lawrence", "laurence"),
    "matt": ("matthew",),
    "mike": ("michael",),
    "mick": ("michael",),
    "mickey": ("michael",),
    "nick": ("nicholas", "nikolaos", "nicolas"),
    "pat": ("patrick", "patricia"),
    "pete": ("peter",),
    "ron": ("ronald",),
    "sam": ("samuel", "samantha"),
    "steve": ("stephen", "steven"),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "tony": ("anthony", "antonio"),
    "will": ("william",),
    "liz": ("elizabeth",),
    "beth": ("elizabeth",),
    "betty": ("elizabeth",),
    "kate": ("katherine", "catherine", "kathryn"),
    "kathy": ("katherine", "kathleen"),
    "cathy": ("catherine",),
    "jenny": ("jennifer",),
    "jen": ("jennifer",),
    "sue": ("susan", "suzanne"),
    "maggie": ("margaret",),
    "peggy": ("margaret",),
    "meg": ("margaret",),
    "debbie": ("deborah",),
    "vicky": ("victoria",),
    "sasha": ("alexander", "aleksandr", "alexandra"),
    "misha": ("mikhail",),
    "dima": ("dmitry", "dmitri"),
    "vlad": ("vladimir", "vladislav"),
    "giorgos": ("georgios",),
    "yannis": ("ioannis",),
    "pepe": ("jose",),
    "paco": ("francisco",),
    "hans": ("johannes",),
}
_FULL_FORMS: dict[str, frozenset[str]] = {short: frozenset(full) for short, full in _SHORT_FORMS.items()}
_INITIAL = re.compile(r"^[A-Za-z]\.?$")


def name_words(name: str) -> list[str] | None:
    """The words that identify a person, in order; None when the text cannot be a name (holds digits).

    "Robert R. Card II" -> ["Robert", "Card"]; "Ms Bayer Rosmarin" -> ["Bayer", "Rosmarin"];
    "Itamar Ben-Gvir" -> ["Itamar", "Ben", "Gvir"]. A garbled page ("Vu4i7") is not a name.
    """
    cleaned = name.replace("’s", "").replace("'s", "").strip()
    if any(char.isdigit() for char in cleaned):
        return None
    words: list[str] = []
    for raw in cleaned.replace("-", " ").split():
        word = raw.strip(".,;:()\"“”'‘’")
        bare = word.lower().rstrip(".")
        if not word or bare in _TITLES_BEFORE_A_NAME or bare in GENERATIONAL_SUFFIXES:
            continue
        if not word[:1].isupper():
            continue  # "bin", "de", "van" join names; comparing the capitalised words is enough
        words.append(word)
    if len(words) > 2:  # middle initials only: "Robert R. Card" is "Robert Card"
        words = [words[0], *[w for w in words[1:-1] if not _INITIAL.match(w)], words[-1]]
    return words


# Spellings that romanisations of one sound differ by, each to one form ("Duck-soo" / "Duk Su").
_ROMANISED_SOUNDS = (("ck", "k"), ("ph", "f"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("kh", "k"), ("dh", "d"))


def romanised(name: str) -> str:
    """A name's letters in one romanisation: lower case, no spaces or hyphens, variant spellings of a
    sound made one, doubled letters single."""
    letters = "".join(char for char in name.lower() if char.isalpha())
    for variant, common in _ROMANISED_SOUNDS:
        letters = letters.replace(variant, common)
    return "".join(char for position, char in enumerate(letters) if position == 0 or char != letters[position - 1])


def given_names_compatible(first: str, second: str) -> bool:
    """One given name written two ways: the same spelling, an initial, or a short form of the other."""
    if words_match(first, second):
        return True
    a, b = first.lower().rstrip("."), second.lower().rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in _FULL_FORMS.get(a, frozenset()) or a in _FULL_FORMS.get(b, frozenset()):
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)  # "Alex" / "Alexander"


def may_be_one_person(first: str, second: str) -> bool:
    """Whether two written names can name one person, so that showing them as a dispute would be wrong.

    True when one name's words all occur in the other (fuzzy spelling allowed),
    or when the surnames match and the given names are compatible; also when
    either text cannot be a name at all (then there is nothing to dispute).
    """
    words_a, words_b = name_words(first), name_words(second)
    if words_a is None or words_b is None or not words_a or not words_b:
        return True
    if romanised(first) == romanised(second):
        return True  # "Han Duck-soo" / "Han Duk Su": one name in two romanisations
    shorter, longer = sorted((words_a, words_b), key=len)
    if all(any(words_match(word, other) for other in longer) for word in shorter):
        return True
    if len(words_a) > 1 and len(words_b) > 1 and words_match(words_a[-1], words_b[-1]):
        return given_names_compatible(words_a[0], words_b[0])
    return False
