"""Recognising photo captions, photo credits and bylines.

A caption is told apart from prose by its credit marker at the end ("(Photo by ...)",
"©AGENCY/Name", "... via AGENCY", "Photo: ..."); a line that is only the marker is a
photo credit. Bylines and end credits are recognised by how they start.
"""

from __future__ import annotations

import re

from newsweave.clean import reasons
from newsweave.clean.lines import words_of

# Each alternative must end the line: a credit inside a sentence is prose, not a caption.
_CREDIT_AT_END = re.compile(
    r"""
    (?P<marker>
        # (Photo by Reuters), (Photo: AFP), (File photo courtesy of the ministry)
        \(\s*(?i:photo(?:graph)?|image|picture|pic|file\s+photo|video\s+grab|credit)s?
            \s*(?i:by|:|credit\s*:?|courtesy(?:\s+of)?)\s*[^()]{1,80}\)\s*\.?
      # Photo: Jane Doe / Image by Agency, after the caption or alone
      | (?:^|(?<=\s))(?i:photo(?:graph)?|image|picture|file\s+photo|photo\s+credit|credit)s?
            \s*(?::|(?i:by))\s*[A-Z©][^.!?]{0,80}\.?
      # ©REUTERS/Name or © Jane Doe (a year after © makes it a copyright notice instead)
      | ©\s*(?![12]\d{3}\b)[^\s©\d][^©]{0,80}
      # ... via REUTERS, ... via Getty Images
      | \bvia\s+(?:[A-Z][A-Z.&'-]+|Getty\s+Images|Reuters|AFP)(?:\s+[A-Z][A-Z.&'-]+)*
      # REUTERS/Jane Doe, AFP/Getty Images
      | \b[A-Z]{2,}(?:\s[A-Z]{2,})?\s*/\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}
      # ... Getty Images, ... AP Photo/Name
      | \b(?:Getty\s+Images|Shutterstock|AP\s+Photo(?:/[^/]{1,40})?)\)?
    )
    \s*$
    """,
    re.VERBOSE,
)

# "Image caption, ..." / "Image source, Agency": a caption or credit announced by a label.
_LABELLED_CAPTION = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*[,:]", re.IGNORECASE)
_LABELLED_CREDIT = re.compile(r"^(?:image|photo|picture|video)\s+(?:source|credit)\s*[,:]", re.IGNORECASE)

# A photo-gallery slide: "Item 1 of 3 Police ...", "[1/3] Police ...", "Image 2 of 12: ...".
_GALLERY_COUNTER = re.compile(
    r"^(?:(?:item|image|photo|picture|slide|gallery)\s+\d{1,3}\s*(?:of|/)\s*\d{1,3}|[\[(]\s*\d{1,3}\s*/\s*\d{1,3}\s*[\])])"
    r"(?:\s|[:.,|-]|$)",
    re.IGNORECASE,
)

# Longest line still checked for a caption: captions are a sentence or two.
_MAX_CAPTION_WORDS = 80
# Words before the credit marker for the line to count as a caption rather than a bare credit.
_MIN_CAPTION_WORDS = 3

_BYLINE_START = re.compile(
    r"""
    ^\(?(?:additional\s+)?(?:reporting|writing|editing|edited|written|reported|compiled|translated
        |produced|fact[- ]checked|graphics|photos|video)\s+by\s+(?-i:[A-Z])
    | ^(?:editor|editors|author|authors|reporter|reporters|correspondent|writer|edited\s+by
        |written\s+by|by)\s*:\s*\S
    | ^\(?with\s+inputs?\s+from\b
    | ^\(?(?:agencies|agency\s+copy|wire\s+services|staff\s+and\s+agencies|news\s+desk|web\s+desk)\s*\.?\)?$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "By Jane Doe", "BY JANE DOE and JOHN ROE | Agency": case-sensitive so "By Monday, the army..." stays.
_BY_NAME = re.compile(
    r"""
    ^(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}
    (?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*
    (?:\s*[,|–—-]\s*(?:[A-Z][\w.'’-]*\s*){1,6})?
    # ", with material from Agency", "with additional reporting by Name", "and agencies"
    (?:\s*[,;]?\s*(?:with|and)\s+(?:(?:additional\s+)?(?:reporting|material|input|inputs|contributions?|writing)\s+
        (?:from|by)\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w.'’&-]*){0,5}|agencies))?\.?$
    """,
    re.VERBOSE,
)
_MAX_BYLINE_WORDS = 40
_MAX_BY_NAME_WORDS = 20


def credit_reason(line: str) -> str | None:
    """Return "photo caption", "photo credit" or "byline" when the line is one, else None."""
    words = words_of(line)
    if len(words) <= _MAX_BYLINE_WORDS and _BYLINE_START.search(line):
        return reasons.BYLINE
    if len(words) <= _MAX_BY_NAME_WORDS and _BY_NAME.match(line):
        return reasons.BYLINE
    if len(words) > _MAX_CAPTION_WORDS:
        return None
    if _GALLERY_COUNTER.match(line):
        return reasons.PHOTO_CAPTION
    if _LABELLED_CAPTION.match(line):
        return reasons.PHOTO_CAPTION
    if _LABELLED_CREDIT.match(line):
        return reasons.PHOTO_CREDIT
    credit = _CREDIT_AT_END.search(line)
    if credit is None:
        return None
    before = line[: credit.start("marker")]
    if len(words_of(before)) >= _MIN_CAPTION_WORDS:
        return reasons.PHOTO_CAPTION
    return reasons.PHOTO_CREDIT
