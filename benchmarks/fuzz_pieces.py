"""The pieces the fuzz generators are built from: invented prose, hostile runs, control characters, encodings.

Every word is made up here. See fuzz_inputs.py for the inputs built from them.
"""

from __future__ import annotations

import random

# --------------------------------------------------------------------------- invented prose

FIRST = ["Ada", "Bo", "Cyra", "Dov", "Elin", "Faro", "Gia", "Hal", "Ines", "Jory", "Kemi", "Lior", "Maud", "Nico"]
LAST = ["Varga", "Oduya", "Lindqvist", "Marchetti", "Tanaka", "Okafor", "Brandt", "Moreau", "Quispe", "Haddad"]
PLACES = ["Velmora", "Castrin", "Oldbury Marsh", "Nyhavn Ridge", "Port Ellis", "San Odo", "Kessler Falls", "Drumlee"]
BODIES = ["the port authority", "the regional council", "the water board", "the transit agency", "the fire service",
          "the health ministry", "the teachers' union", "the county court", "the grain cooperative"]
THINGS = ["bridge repairs", "the night ferry", "a new levy", "the flood barrier", "school meals", "the rail link",
          "overtime pay", "the landfill plan", "emergency housing", "the harbour dredging"]
VERBS = ["delay", "approve", "suspend", "review", "fund", "reject", "expand", "postpone", "audit", "restore"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
TEMPLATES = [
    "{person}, who speaks for {body}, said officials would {verb} {thing} in {place} by {month}.",
    "Residents of {place} gathered on Tuesday after {body} moved to {verb} {thing}.",
    "\"We were told nothing until the last minute,\" said {person}, a resident of {place}.",
    "The decision affects about {number} households, according to figures from {body}.",
    "{body_cap} said it expected to {verb} {thing} once an inspection ended, adding that costs had risen {pct}%.",
    "Critics, including {person}, argued that the plan to {verb} {thing} ignored earlier warnings.",
    "By Thursday evening, {number} people had signed a petition asking {body} to {verb} {thing}.",
    "An earlier attempt to {verb} {thing} in {place} failed in {month} after a vote of {small} to {small2}.",
]
FURNITURE = [
    "Advertisement", "Share this article", "Share on social media", "Sign up for our morning newsletter",
    "Read more: what the council decided last week", "Photo: staff photographer", "Skip to main content",
    "All rights reserved. © 2024 The Velmora Courier", "Cookie settings", "Related stories", "Comments (14)",
    "Updated 3 minutes ago", "By Ada Varga, staff writer", "Subscribe for unlimited access", "4 min read",
    "Home / Region / Transport", "Click here to continue reading", "www.example.org",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    body = rng.choice(BODIES)
    return rng.choice(TEMPLATES).format(
        person=person(rng), body=body, body_cap=body[0].upper() + body[1:], verb=rng.choice(VERBS),
        thing=rng.choice(THINGS), place=rng.choice(PLACES), month=rng.choice(MONTHS),
        number=f"{rng.randint(2, 90_000):,}", pct=rng.randint(2, 80), small=rng.randint(1, 9), small2=rng.randint(1, 9),
    )


def headline(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)} {rng.choice(['weighs', 'halts', 'backs', 'questions'])} {rng.choice(THINGS)}"


def article_lines(rng: random.Random, paragraphs: tuple[int, int] = (3, 8)) -> list[str]:
    """A headline, some furniture, and paragraphs of invented prose (enough words to count as an article)."""
    lines = [headline(rng)]
    for _ in range(rng.randint(*paragraphs)):
        if rng.random() < 0.3:
            lines.append(rng.choice(FURNITURE))
        lines.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 5))))
    if rng.random() < 0.5:
        lines.extend(rng.sample(FURNITURE, rng.randint(1, 4)))
    return lines


def article_text(rng: random.Random) -> str:
    return rng.choice(["\n\n", "\n", "\r\n", "\n \n"]).join(article_lines(rng))


# --------------------------------------------------------------------------- hostile pieces

RUN_CLASSES: dict[str, str] = {
    "digits": "0123456789",
    "digits_spaces": "0123456789 ",
    "spaces": " ",
    "tabs_spaces": " \t",
    "newlines": "\n",
    "blank_lines": "\n \t",
    "punctuation": ".,;:!?-()[]/\\*#",
    "dots": ".",
    "dashes": "-_=~",
    "lt": "<",
    "tags": "<>/",
    "amp": "&",
    "entities": "&;#x0",
    "quotes": "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb",
    "unicode_letters": "\u00e9\u00f8\u00df\u00f1\u03bb\u0436\u05e9\u0627\u3042\u6f22",
    "rtl_marks": "\u200f\u202e\u200e\u202b\u2067",
    "zero_width": "\u200b\u200c\u200d\ufeff\u2060",
    "combining": "e\u0301\u0308\u0327\u0336",
    "capitals": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "url_like": "http://www.a/b?c=d&",
    "emoji": "\U0001f600\U0001f4f0\u2764\ufe0f",
}
CONTROL = "".join(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)))


def run_length(rng: random.Random) -> int:
    """Mostly short runs; a few long ones, so long inputs stay a small share of the run time."""
    roll = rng.random()
    if roll < 0.75:
        return rng.randint(1, 300)
    if roll < 0.95:
        return rng.randint(300, 5_000)
    return rng.randint(5_000, 30_000)


def hostile_run(rng: random.Random) -> str:
    alphabet = RUN_CLASSES[rng.choice(sorted(RUN_CLASSES))]
    length = run_length(rng)
    if rng.random() < 0.5:
        return rng.choice(alphabet) * length  # one character repeated
    return "".join(rng.choice(alphabet) for _ in range(length))


def with_hostile_runs(rng: random.Random, lines: list[str]) -> list[str]:
    """Put one to three runs into the article: as lines of their own or inside a paragraph."""
    lines = list(lines)
    for _ in range(rng.randint(1, 3)):
        run = hostile_run(rng)
        at = rng.randrange(len(lines) + 1)
        if rng.random() < 0.5 or at == len(lines):
            lines.insert(at, run)
        else:
            cut = rng.randrange(len(lines[at]) + 1)
            lines[at] = lines[at][:cut] + run + lines[at][cut:]
    return lines


def sprinkle_controls(rng: random.Random, text: str, share: float) -> str:
    # A NUL byte makes the loaders suspect UTF-16 or binary data, so most inputs leave it out.
    alphabet = CONTROL if rng.random() < 0.2 else CONTROL[1:]
    chars = list(text)
    for _ in range(max(1, int(len(chars) * share))):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet))
    return "".join(chars)


def encode(rng: random.Random, text: str) -> tuple[str, bytes]:
    """Encode text in one of many ways, right or wrong; returns (label, bytes)."""
    label = rng.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le-nobom", "utf-32", "cp1252",
                        "latin-1", "invalid-utf-8", "truncated-utf-8", "mixed", "utf-16-odd-length"])
    if label == "utf-16-be-bom":
        return label, b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass")
    if label == "utf-16-le-nobom":
        return label, text.encode("utf-16-le", "surrogatepass")
    if label in ("cp1252", "latin-1"):
        return label, text.encode(label, "replace")
    if label == "invalid-utf-8":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(rng.randint(1, 20)):
            data.insert(rng.randrange(len(data) + 1), rng.randint(0x80, 0xFF))
        return label, bytes(data)
    if label == "truncated-utf-8":
        return label, (text + "\u00e9\u6f22").encode("utf-8")[:-1]
    if label == "mixed":
        half = len(text) // 2
        return label, text[:half].encode("utf-8") + text[half:].encode("cp1252", "replace")
    if label == "utf-16-odd-length":
        return label, text.encode("utf-16", "surrogatepass") + b"\x00"
    return label, text.encode(label, "surrogatepass")
