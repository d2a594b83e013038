"""How stories and entities are named: story ids ("st-000042") and the comparable form of an entity name."""

from __future__ import annotations

import re
import unicodedata

STORY_ID_PREFIX = "st-"
STORY_ID = re.compile(r"^st-(\d+)$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_EDGE_PUNCTUATION = " \t\"'.,;:!?()[]{}-\u201c\u201d"


def normalise_entity(name: str) -> str:
    """The comparable form of an entity name: lowercase, single spaces, no "the " or "'s".

    "The Republican National Committee" and "Republican National Committee",
    or "Michael Steele's" and "Michael Steele", become the same entity.
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).lower()
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.strip(_EDGE_PUNCTUATION)


def story_id(number: int) -> str:
    """The id of the story opened `number`-th: "st-000001" for the first."""
    return f"{STORY_ID_PREFIX}{number:06d}"
