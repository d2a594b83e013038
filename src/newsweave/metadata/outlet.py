"""Which outlet published a document, and how we know.

Order of trust: the loader's field; then the outlet naming itself in the raw text
(boilerplate lines included); then the URL host; last, a file name that reads like a
name. Only self-identifying patterns count: an article that cites another outlet
("Reuters cited an official", "(Photo by Reuters)", "according to Interfax") is not
that outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.metadata.outlet_names import canonical_outlet, host_of, known_outlet_named, outlet_for_host
from newsweave.model import RawDocument


@dataclass(frozen=True)
class OutletFinding:
    """An outlet name and the evidence it came from ("field", "text: (Reuters) -", ...)."""

    name: str
    evidence: str


_NAME = r"[A-Z][\w&.'’ -]{0,38}?"
# "MOSCOW, March 28 (Reuters) - ...", "(AP) — ...": the agency tag opening the first paragraph.
_DATELINE_TAG = re.compile(rf"^[^()!?\"“”]{{0,60}}?(?P<tag>\((?P<name>{_NAME})\)\s*[-–—]+)\s")
# Words that make a parenthesis a caption or note rather than an agency tag.
_NOT_AN_AGENCY = re.compile(r"\b(?:photo|file|video|image|pictured|updated|reporting|via|by|and)\b", re.IGNORECASE)
_MAX_TAG_WORDS = 4

_YEAR = r"(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?"
_COMPANY_SUFFIX = r"(?:[,.]?\s+(?i:ltd|inc|llc|plc|limited|gmbh|corp(?:oration)?)\.?)?"
_RIGHTS = r"(?:[,.]?\s*(?i:all\s+rights\s+reserved)\b.*)?"
# "© 2022 The Daily Planet. All rights reserved." (a year is required after ©: "©AGENCY/Name" is a photo credit)
# `\s*(?:,\s*)?`, not `\s*,?\s*`: two adjacent runs of blanks split a long run of blanks in quadratically many ways.
_COPYRIGHT_SIGN = re.compile(
    rf"^(?i:copyright\s*)?(?:©|\((?i:c)\))\s*{_YEAR}\s*(?:,\s*)?(?P<name>[A-Z][\w&.'’ -]{{1,60}}?){_COMPANY_SUFFIX}{_RIGHTS}[.,]?\s*$"
)
# "© The Daily Planet 2022"
_COPYRIGHT_SIGN_YEAR_LAST = re.compile(
    rf"^(?i:copyright\s*)?(?:©|\((?i:c)\))\s*(?P<name>[A-Z][\w&.'’ -]{{1,60}}?){_COMPANY_SUFFIX}[,.]?\s+{_YEAR}{_RIGHTS}[.,]?\s*$"
)
# "(c) Daily Planet Ltd. All rights reserved.": no year, so the rights formula must vouch for it.
_COPYRIGHT_SIGN_RIGHTS = re.compile(
    rf"^(?i:copyright\s*)?(?:©|\((?i:c)\))\s*(?P<name>[A-Z][\w&.'’ -]{{1,60}}?){_COMPANY_SUFFIX}[,.]?\s*(?i:all\s+rights\s+reserved)\b.*$"
)
# "Copyright 2022 Daily Planet", "Copyright The Daily Planet"
_COPYRIGHT_WORD = re.compile(
    rf"^(?i:copyright)\s+(?:{_YEAR}\s*(?:,\s*)?)?(?:(?i:by)\s+)?(?P<name>[A-Z][\w&.'’ -]{{1,60}}?){_COMPANY_SUFFIX}{_RIGHTS}[.,]?\s*$"
)
# "Daily Planet's website can also be accessed at the following addresses"
_OWN_WEBSITE = re.compile(
    rf"^(?P<name>{_NAME})['’]s\s+(?:web\s*site|site)\s+can\s+also\s+be\s+(?:accessed|reached|found|viewed)\b"
)
# "Our Standards: The Thomson Reuters Trust Principles."
_OWN_STANDARDS = re.compile(rf"^(?i:our\s+standards)\s*:\s*(?:The\s+)?(?P<name>{_NAME})\s+(?i:trust\s+principles)\b")
_THOMSON_REUTERS = re.compile(r"\bThomson Reuters\b")
_MAX_SHORT_LINE_WORDS = 12
# "Register now for FREE unlimited access to Reuters.com": a site asking readers to join itself.
_OWN_SUBSCRIPTION = re.compile(
    r"^(?i:register|subscribe|sign\s?up|sign\s?in|log\s?in|get|unlock|join)\b[^.!?]{0,80}?"
    r"\b(?i:access\s+to|to|for|on|with|at)\s+(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12})\b"
)

_GENERIC_STEM_WORDS = {
    "article", "articles", "story", "stories", "news", "text", "texts", "input", "inputs", "document",
    "doc", "docs", "file", "files", "page", "index", "untitled", "sample", "samples", "test", "example",
    "copy", "seed", "seeds", "item", "post", "raw", "clean", "data", "source", "sources", "final", "draft",
    "export", "download", "body", "content", "report", "new", "old", "tmp", "temp", "out", "output",
}  # fmt: skip
_HASH_LIKE = re.compile(r"^(?=.*\d)[0-9a-z]{6,}$|^[0-9a-f]{8,}$", re.IGNORECASE)
_SINGLE_DOCUMENT_FORMATS = {"text", "html", "json"}
_MAX_STEM_WORDS = 5


def find_outlet(document: RawDocument) -> OutletFinding | None:
    """Return the document's outlet and how it was found, or None when nothing names it."""
    field = (document.outlet or "").strip() if isinstance(document.outlet, str) else ""
    if field:
        return OutletFinding(canonical_outlet(field), "field")
    text = document.text if isinstance(document.text, str) else ""
    from_text = outlet_from_text(text)
    if from_text is not None:
        return from_text
    from_url = _outlet_from_url(document)
    if from_url is not None:
        return from_url
    from_file_name = _outlet_from_file_name(document)
    return with_definite_article(from_file_name, text) if from_file_name is not None else None


def with_definite_article(finding: OutletFinding, text: str) -> OutletFinding:
    """Add "The" to a name the article itself uses with it ("The Courier understands" -> "The X Courier").

    A copyright line or file name drops the article ("(c) X Courier Ltd", "x-courier.txt"),
    while the outlet's own text calls itself "the Courier": the text decides the styling.
    Known outlets keep their usual name and domains stay domains.
    """
    name = finding.name
    words = name.split()
    if not words or words[0].casefold() == "the" or "." in name or known_outlet_named(name) is not None:
        return finding
    last = words[-1]
    if not (last.isalpha() and last[0].isupper()):
        return finding
    # Case-sensitive on the name: "the courier" in prose is a courier, "the Courier" the paper.
    pattern = re.compile(rf"\b[Tt]he\s+(?:{re.escape(name)}|{re.escape(last)})\b(?!\s+[A-Z])")
    match = pattern.search(text)
    if match is None:
        return finding
    return OutletFinding(f"The {name}", f"{finding.evidence}; styled by '{match.group(0)}' in the text")


def outlet_from_text(text: str) -> OutletFinding | None:
    """Return the outlet a raw article text names as itself, or None.

    Clues in order of strength: an agency dateline tag, a copyright line, the site's
    note about its own addresses or standards, a subscription prompt naming its domain.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for finder in (_dateline_tag, _copyright_owner, _self_reference, _subscription_domain):
        for line in lines:
            finding = finder(line)
            if finding is not None:
                # An agency tag is the agency's own spelling; a footer or file name may drop "The".
                return finding if finder is _dateline_tag else with_definite_article(finding, text)
    return None


def _dateline_tag(line: str) -> OutletFinding | None:
    match = _DATELINE_TAG.match(line)
    if match is None:
        return None
    name = match.group("name").strip()
    if _NOT_AN_AGENCY.search(name) or len(name.split()) > _MAX_TAG_WORDS:
        return None
    return OutletFinding(canonical_outlet(name), f"text: {match.group('tag')}")


def _copyright_owner(line: str) -> OutletFinding | None:
    match = (
        _COPYRIGHT_SIGN.match(line)
        or _COPYRIGHT_SIGN_YEAR_LAST.match(line)
        or _COPYRIGHT_WORD.match(line)
        or _COPYRIGHT_SIGN_RIGHTS.match(line)
    )
    if match is None:
        return None
    return OutletFinding(canonical_outlet(match.group("name").strip(" .,-")), f"text: {_shorten(line)}")


def _self_reference(line: str) -> OutletFinding | None:
    match = _OWN_WEBSITE.match(line) or _OWN_STANDARDS.match(line)
    if match is not None:
        return OutletFinding(canonical_outlet(match.group("name")), f"text: {_shorten(match.group(0))}")
    # The parent company's name in a short footer line ("© Thomson Reuters", "Thomson Reuters Trust").
    if len(line.split()) <= _MAX_SHORT_LINE_WORDS and _THOMSON_REUTERS.search(line):
        return OutletFinding(canonical_outlet("Thomson Reuters"), "text: Thomson Reuters")
    return None


def _subscription_domain(line: str) -> OutletFinding | None:
    match = _OWN_SUBSCRIPTION.match(line)
    if match is None:
        return None
    host = host_of(match.group("domain"))
    if host is None:
        return None
    return OutletFinding(outlet_for_host(host), f"text: {_shorten(line)}")


def _outlet_from_url(document: RawDocument) -> OutletFinding | None:
    candidates = [document.url, document.path]
    for candidate in candidates:
        if not isinstance(candidate, str) or not re.match(r"^https?://", candidate.strip(), re.IGNORECASE):
            continue
        host = host_of(candidate)
        if host is not None:
            return OutletFinding(outlet_for_host(host), f"url: {host}")
    return None


def _outlet_from_file_name(document: RawDocument) -> OutletFinding | None:
    if document.format not in _SINGLE_DOCUMENT_FORMATS or not isinstance(document.path, str):
        return None
    file_name = re.split(r"[\\/]", document.path.strip())[-1]
    stem = file_name.split(".", 1)[0]
    tokens = [token for token in re.split(r"[\s_.\-]+", stem) if token and not token.isdigit()]
    # Order prefixes ("000_") are dropped; a hash or any other token with digits means no name.
    if not tokens or len(tokens) > _MAX_STEM_WORDS:
        return None
    if any(_HASH_LIKE.match(token) or not token.isalpha() for token in tokens):
        return None
    if all(token.casefold() in _GENERIC_STEM_WORDS for token in tokens):
        return None
    known = known_outlet_named("".join(tokens))
    if known is not None:
        return OutletFinding(known, "file name")
    name = " ".join(token.title() if token.islower() else token for token in tokens)
    return OutletFinding(name, "file name")


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
