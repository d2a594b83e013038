"""Turn the bytes of a text file into clean Unicode, or say why they are not text.

Order of guesses, from most to least certain: a byte-order mark; the NUL
pattern of UTF-16 without a mark; strict UTF-8; an encoding the file itself
declares (HTML); Windows-1252. Anything that still does not look like text is
refused as binary rather than loaded as mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsweave.errors import InputError

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE mark.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of control characters above which decoded "text" is really binary data.
# Real articles have none besides tabs and newlines; a stray one must not reject a file.
MAX_CONTROL_SHARE = 0.05
# Windows-1252 text is mostly ASCII; random bytes land mostly above 0x7F.
MAX_NON_ASCII_SHARE_CP1252 = 0.3
# UTF-16 without a mark: most code units of Latin text have one zero byte.
MIN_UTF16_NUL_SHARE = 0.3
MAX_UTF16_OTHER_NUL_SHARE = 0.05

# Unicode's control characters (category Cc) except tab, newline, vertical tab, form feed, return.
# Regular expressions count them fast enough for files of many megabytes.
UNWANTED_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
NON_ASCII = re.compile("[^\x00-\x7f]")

BINARY_PROBLEM = "binary file, not text"


def normalize_text(text: str) -> str:
    """Return `text` with \\r\\n and \\r turned into \\n and composed to Unicode NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_text(name: str, data: bytes, declared_encoding: str | None = None) -> str:
    """Decode the bytes of a text file named `name` and normalise newlines and Unicode.

    `declared_encoding` is what the file says about itself (an HTML meta charset);
    it is tried after UTF-8 and before Windows-1252. Raises InputError naming
    `name` when the bytes are binary or cannot be decoded.
    """
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return normalize_text(_decode_after_mark(name, data[len(mark) :], encoding))

    # NUL bytes mean UTF-16 when they fall in its pattern; otherwise a few stray ones in
    # UTF-8 or legacy text are judged below with the other control characters.
    wide_encoding = _utf16_without_mark(data) if b"\x00" in data else None
    if wide_encoding is not None:
        try:
            text = data.decode(wide_encoding)
        except UnicodeDecodeError:
            raise InputError(name, BINARY_PROBLEM) from None
        return normalize_text(_require_text(name, text))

    try:
        return normalize_text(_require_text(name, data.decode("utf-8")))
    except UnicodeDecodeError:
        pass

    for candidate, is_guess in ((declared_encoding, False), ("cp1252", True)):
        if candidate is None or not _is_known_codec(candidate):
            continue
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_legacy_text(text, is_guess=is_guess):
            return normalize_text(text)
    raise InputError(name, f"{BINARY_PROBLEM} (neither UTF-8 nor Windows-1252 text); if it is text, save it as UTF-8")


def needs_whole_file_decoding(head: bytes) -> bool:
    """True when the first bytes of a file show UTF-16 or UTF-32, whose lines cannot be split on b"\\n"."""
    wide_marks = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    return head.startswith(wide_marks) or (b"\x00" in head and _utf16_without_mark(head) is not None)


def _decode_after_mark(name: str, payload: bytes, encoding: str) -> str:
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"starts with a {encoding.upper()} byte-order mark but byte {error.start} is not valid {encoding.upper()}"
        ) from None
    return _require_text(name, text)


def _utf16_without_mark(data: bytes) -> str | None:
    """Return the UTF-16 byte order the NUL pattern shows, or None if it shows none."""
    pairs = len(data) // 2
    if pairs < 2:
        return None
    nuls_at_even = data[0 : pairs * 2 : 2].count(0)
    nuls_at_odd = data[1 : pairs * 2 : 2].count(0)
    if nuls_at_odd >= MIN_UTF16_NUL_SHARE * pairs and nuls_at_even <= MAX_UTF16_OTHER_NUL_SHARE * pairs:
        return "utf-16-le"
    if nuls_at_even >= MIN_UTF16_NUL_SHARE * pairs and nuls_at_odd <= MAX_UTF16_OTHER_NUL_SHARE * pairs:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in UNWANTED_CONTROL.finditer(text)) / len(text)


def _require_text(name: str, text: str) -> str:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(name, BINARY_PROBLEM)
    return text


def _looks_like_legacy_text(text: str, *, is_guess: bool) -> bool:
    if not text or _control_share(text) > MAX_CONTROL_SHARE:
        return False
    if not is_guess:
        return True  # the file named this encoding; non-Latin scripts are all high bytes
    non_ascii = sum(1 for _ in NON_ASCII.finditer(text))
    return non_ascii / len(text) <= MAX_NON_ASCII_SHARE_CP1252


def _is_known_codec(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    # A page cannot declare UTF-16/32 from inside itself (browsers read such a claim as UTF-8).
    return not name.startswith(("utf-16", "utf-32"))
