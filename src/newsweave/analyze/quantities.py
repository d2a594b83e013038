"""Numbers with units, converted to one base unit per dimension so they can be compared.

"1,600 feet" and "488 metres" are both lengths of about 488 m: they agree.
"420 metres" and "480 metres" disagree. A bare count compares with counts of the
same thing ("12 workers" vs "15 workers"), never with a length.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave.analyze.elided_counts import elided_thing, is_plural, ones_more
from newsweave.analyze.hedges import (
    SAME_AMOUNT_ACROSS_UNITS,
    Bound,
    HedgedAmount,
    amounts_compatible,
    bound_before,
    digit_precision,
)
from newsweave.lexicon import MONTH_NUMBERS
from newsweave.model import Sentence

# unit word -> (dimension, factor to the base unit of that dimension)
UNITS: dict[str, tuple[str, float]] = {}


def _unit(dimension: str, factor: float, *names: str) -> None:
    for name in names:
        UNITS[name] = (dimension, factor)


_unit("length", 1.0, "m", "metre", "metres", "meter", "meters")
_unit("length", 1000.0, "km", "kilometre", "kilometres", "kilometer", "kilometers")
_unit("length", 0.01, "cm", "centimetre", "centimetres", "centimeter", "centimeters")
_unit("length", 0.001, "mm", "millimetre", "millimetres", "millimeter", "millimeters")
_unit("length", 0.3048, "ft", "foot", "feet")
_unit("length", 0.0254, "in", "inch", "inches")
_unit("length", 0.9144, "yd", "yard", "yards")
_unit("length", 1609.344, "mi", "mile", "miles")
_unit("length", 1852.0, "nautical mile", "nautical miles")
_unit("mass", 1.0, "kg", "kilogram", "kilograms", "kilo", "kilos")
_unit("mass", 1000.0, "t", "tonne", "tonnes", "metric ton", "metric tons")
_unit("mass", 907.18474, "ton", "tons", "short ton", "short tons")
_unit("mass", 0.45359237, "lb", "lbs", "pound", "pounds")
_unit("mass", 0.001, "g", "gram", "grams")
_unit("speed", 1.0, "km/h", "kph", "kilometres per hour", "kilometers per hour")
_unit("speed", 1.609344, "mph", "miles per hour")
_unit("speed", 1.852, "knot", "knots")
_unit("area", 1.0, "square metre", "square metres", "square meter", "square meters", "sq m", "m2")
_unit("area", 10000.0, "hectare", "hectares", "ha")
_unit("area", 4046.8564224, "acre", "acres")
_unit("area", 1_000_000.0, "square kilometre", "square kilometres", "square kilometer", "square kilometers", "km2")
_unit("area", 2_589_988.110336, "square mile", "square miles")
_unit("volume", 1.0, "litre", "litres", "liter", "liters", "l")
_unit("volume", 1000.0, "cubic metre", "cubic metres", "cubic meter", "cubic meters", "m3")
_unit("volume", 3.785411784, "gallon", "gallons")
_unit("duration", 1.0, "minute", "minutes", "min", "mins")
_unit("duration", 60.0, "hour", "hours", "hr", "hrs")
_unit("duration", 1440.0, "day", "days")
_unit("duration", 10080.0, "week", "weeks")
_unit("duration", 43830.0, "month", "months")
_unit("duration", 525960.0, "year", "years")
_unit("percent", 1.0, "%", "percent", "per cent")
_unit("temperature_c", 1.0, "°c", "degrees celsius", "celsius")
# Fahrenheit is its own dimension: the scales differ by an offset, not a factor, so they are never compared.
_unit("temperature_f", 1.0, "°f", "degrees fahrenheit", "fahrenheit")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}  # fmt: skip
SCALES = {"dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds sterling": "GBP", "lira": "TRY", "rupees": "INR"}
# Dollars a unit of a currency whose rate to the dollar has stayed within a narrow band for decades:
# enough to tell that £165 million is not $75 million, never to say what a sum is worth today.
ROUGH_DOLLARS_PER_UNIT = {"USD": 1.0, "EUR": 1.15, "GBP": 1.4}
# Two sums in such currencies may be one sum when their rough dollar values are within this factor.
SAME_SUM_ACROSS_CURRENCIES = 1.6

_UNIT_ALTERNATION = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
# "3,50,000" (lakh grouping: groups of two before the last three) is read whole, before the Western form;
# at most four groups of two (ten billion), so a long run of ",11" costs linear time.
_NUMBER = r"(?P<number>\d{1,2}(?:,\d{2}){1,4},\d{3}(?!,?\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(NUMBER_WORDS, key=len, reverse=True)
) + r")"
# "two and a half years", "two-and-a-half-year deal": a half added to the number before it.
_HALF = r"(?P<half>[\s-]+and[\s-]+a[\s-]+half)?"
_SCALE = _HALF + r"(?:\s+(?P<scale>dozen|thousand|million|billion|trillion))?"
# "$1.2m", "£3bn", "10k": a scale abbreviated onto the figure. Lower case only: "5M" is seldom a sum.
_SCALE_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_QUANTITY = re.compile(
    r"(?<![\w/])(?P<currency>[$€£¥])?" + _NUMBER + r"(?:(?P<abbreviation>(?-i:bn|mn|tn|k|m))(?![\w]))?" + _SCALE
    # "1,300C", "95F": a capital scale letter written onto the figure (lower case "5c" is often cents).
    + r"(?:(?P<degrees>°?(?-i:[CF]))(?![\w])|[\s-]*(?P<unit>" + _UNIT_ALTERNATION + r")(?![\w]))?"
    + r"(?:\s+(?P<noun>[a-z]+))?",
    re.IGNORECASE,
)
# "300–400 people", "300 to 400", "between 300 and 400": the figure just after is the top of a range.
_RANGE_BEFORE = re.compile(r"(?:\d[ \t]?(?:[–—-]|to)|between[ \t]+[$€£¥]?\d[\d,.]*[ \t]+and)[ \t]?[$€£¥]?$", re.IGNORECASE)
_RANGE_WINDOW = 40
_RANGE_AFTER = re.compile(r"[ \t]?(?:[–—-]|to[ \t])[ \t]?[$€£¥]?\d")
# A capitalised word just before a figure with a letter on it: "Room 12C" names a place in a building.
_LABEL_BEFORE = re.compile(r"\b[A-Z][a-z]*[ \t]$")
_LABEL_WINDOW = 24
# "the No. 2 position", "Nos. 3 and 4", "#1 seed": a number that names a place in an order, never an amount.
_NUMBERED_BEFORE = re.compile(r"(?:\bNos?\.|#)[ \t]?$")
_AGE_AFTER = re.compile(r"[- ]olds?\b")
_MEASURE_RATE_AFTER = re.compile(
    r"(?<![ \t])[ \t]{1,3}(?:per[ \t]{1,3}(?P<per>[a-z]{3,})|an?[ \t]{1,3}(?P<per_time>year|month|week|day|hour|minute|second))\b",
    re.IGNORECASE,
)
_POINT_IN_TIME_AFTER = re.compile(r"[ \t](?:ago|earlier|later)\b", re.IGNORECASE)
# "tens of thousands of protesters", "hundreds of homes", "millions": a vague magnitude, read as
# several of its unit (tens of thousands = several times 10,000), like "several hundred thousand".
_VAGUE_MULTIPLES = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}
_VAGUE_UNITS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "hundreds": 100.0, "dozens": 12.0}
_VAGUE = re.compile(
    r"(?<![\w$€£¥])(?:(?P<multiple>tens|hundreds|dozens)\s+of\s+)?(?P<magnitude>thousands|millions|billions|hundreds|dozens)"
    r"(?![\w-])(?:\s+of\s+(?:the\s+)?(?P<noun>[a-z]+))?",
    re.IGNORECASE,
)
# A crowd is counted in people whatever the outlet calls them: "100,000 people" and "tens of thousands of protesters".
# "85 injured", "36 dead": a count of people named by what happened to them.
PEOPLE_NOUNS = frozenset(
    {
        "people", "person", "protester", "protestor", "demonstrator", "marcher", "participant", "attendee",
        "rallygoer", "injured", "dead", "killed", "wounded", "hurt", "missing", "customer", "user",
        "subscriber", "client", "individual", "deceased", "death", "fatality", "victim", "casualty", "villager",
        "resident", "others",
    }
)  # fmt: skip
# "others" is listed in the plural on purpose: "33 others" are people, "two other trains" are not.
# Dates and times are not quantities: "March 28", "13:56", "2022" are handled elsewhere.
_NOT_A_COUNT_NOUN = {
    "of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "per", "percent", "from", "by", "for",
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "with", "after", "before", "that",
    "pm", "am", "p", "a.m", "p.m",
}


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence; `base_value` is in the dimension's base unit."""

    text: str  # as written: "1,600 feet"
    value: float  # as written, scaled: 1600.0
    dimension: str  # "length", "mass", ..., "money:USD", "count:worker"
    base_value: float  # 487.68 (metres)
    start_char: int
    end_char: int
    bound: Bound = "exact"  # the hedge written before it ("at least", "up to"), or "several" for "tens of thousands"


def _parse_number(raw: str) -> float | None:
    lowered = raw.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _many_of(noun: str | None) -> bool:
    """Whether the word after a figure counts many of something ("people", "homes"), not one ("wall")."""
    if not noun:
        return False
    lowered = noun.lower()
    return lowered in PEOPLE_NOUNS or (lowered.endswith("s") and not lowered.endswith("ss") and len(lowered) > 3)


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


def find_quantities(sentence: Sentence) -> list[Quantity]:
    """Numbers with units, money amounts and counts of things in a sentence (dates and years excluded)."""
    return list(_quantities_in(sentence.text))


# The slots, the citations, the agreements and the single-source details all read a story's figures:
# read each sentence's once. Quantities are frozen records, safe to share; the bound keeps a server small.
@lru_cache(maxsize=8192)
def _quantities_in(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        value = _parse_number(match.group("number"))
        if value is None:
            continue
        if match.group("half"):
            value += 0.5
        if match.group("scale"):
            value *= SCALES[match.group("scale").lower()]
        unit = (match.group("unit") or "").lower()
        abbreviation = match.group("abbreviation")
        if abbreviation == "m" and not (match.group("currency") or unit or _many_of(match.group("noun"))):
            unit = "m"  # "a 1.2m wall": metres, unless a sum, a unit or many of something ("1.2m people") follow
        elif abbreviation:
            value *= _SCALE_ABBREVIATIONS[abbreviation]
        if match.group("degrees"):
            if _LABEL_BEFORE.search(text, max(0, match.start() - _LABEL_WINDOW), match.start()):
                continue  # "Room 12C", "Gate 4F": a label, not a temperature
            unit = "°" + match.group("degrees")[-1].lower()
        noun = (match.group("noun") or "").lower()
        currency = match.group("currency")
        end = (
            match.end("degrees")
            if match.group("degrees")
            else match.end("unit")
            if match.group("unit")
            else match.end("abbreviation")
            if abbreviation
            else match.end("scale")
            if match.group("scale")
            else match.end("half")
            if match.group("half")
            else match.end("number")
        )
        if currency:
            dimension, base = f"money:{CURRENCIES[currency]}", value
            dimension += _money_period(text, start=match.start(), end=end)
        elif unit in UNITS:
            # "in" and "t" and "l" alone are too ambiguous unless they follow a digit directly.
            if unit in {"in", "t", "l", "m", "g"} and not re.match(r"\d", match.group("number")):
                continue
            if unit in {"in", "t", "l", "g"} and " " in text[match.end("number") : match.start("unit")]:
                continue
            dimension, factor = UNITS[unit]
            base = value * factor
            if unit in ("year", "years") and _AGE_AFTER.match(text, match.end("unit")):
                dimension, base = "age", value  # "the 37-year-old striker": an age in years, not a span of time
            elif dimension == "duration" and _POINT_IN_TIME_AFTER.match(text, match.end("unit")):
                continue  # "four years ago", "two days later": when something happened, not how long it lasted
            elif rate := _MEASURE_RATE_AFTER.match(text, end):
                # "40.4 miles per gallon", "3 centimetres a year": a rate, never set against a distance or a length
                dimension += "/" + _singular((rate.group("per") or rate.group("per_time")).lower())
        elif noun in CURRENCY_WORDS:
            dimension, base = f"money:{CURRENCY_WORDS[noun]}", value
            end = match.end("noun")
            dimension += _money_period(text, start=match.start(), end=end)
        elif (
            noun == "of"
            and match.group("scale")
            and (whole := _OF_THE_WHOLE.match(text, match.end("scale")))
            and whole.group(1).lower() not in _NOT_A_COUNT_NOUN
        ):
            # "9.8 million of its users": a large figure counted out of a whole is a count of that whole.
            noun, end = _people_or(whole.group(1)), whole.end(1)
            dimension, base = f"count:{noun}", value
        elif noun and noun not in _NOT_A_COUNT_NOUN and noun not in MONTH_NUMBERS:
            if _looks_like_year_or_time(match.group("number"), text, match.end("number")):
                continue
            if (thing := _elided(text, match)) is not None:
                noun, end = thing, match.end("scale") if match.group("scale") else match.end("number")
            else:
                noun, end = _counted_noun(text, match.start("noun"), match.end("noun"))
            dimension, base = f"count:{noun}", value
        elif _counts_casualties(text, match.start("number"), match.end("scale") if match.group("scale") else match.end("number")):
            # "killed 36 and injured some 85.", "133 were injured": a bare figure beside a casualty verb counts people.
            dimension, base = "count:people", value
            end = match.end("scale") if match.group("scale") else match.end("number")
        elif noun and (thing := _elided(text, match)) is not None:
            # "Two men were arrested and three were released": the figure counts men.
            dimension, base = f"count:{thing}", value
            end = match.end("scale") if match.group("scale") else match.end("number")
        else:
            continue
        if _looks_like_date(text, match.start("number"), match.end("number")):
            continue
        if not currency and _NUMBERED_BEFORE.search(text, max(0, match.start("number") - 5), match.start("number")):
            continue
        if _RANGE_AFTER.match(text, end):
            continue  # the bottom of "$5-$7 million" may lack the scale its top carries: the top speaks for both
        start = match.start("currency") if currency else match.start("number")
        bound = bound_before(text, start)
        if bound == "exact" and _RANGE_BEFORE.search(text[max(0, start - _RANGE_WINDOW) : start]):
            bound = "at_most"  # the top of "300–400 people": never an exact figure to set against 350
        found.append(Quantity(text[start:end], value, dimension, base, start, end, bound))
    found.extend(_vague_magnitudes(text, found))
    found.extend(_one_more_each(text, found))
    found.sort(key=lambda q: q.start_char)
    return tuple(found)


# What a sum is paid per, part of what it measures: a period ("$75 million a year", "$75 million-per-year",
# "£3.2m a week", "paid weekly", or before it, "an annual salary of €200m"; a season is a sports year), a
# unit bought ("$90 a barrel", "$4 per gallon", "$12 a share") or each of several ("$800,000 for each of
# the two companies", "$5,000 apiece"). "$1.6 million" and "$800,000 each" are sums of two things.
_PER_UNITS = {
    "year": "year", "annum": "year", "season": "year", "annually": "year", "yearly": "year", "annual": "year",
    "week": "week", "weekly": "week", "month": "month", "monthly": "month", "day": "day", "daily": "day",
    "hour": "hour", "barrel": "barrel", "gallon": "gallon", "litre": "litre", "liter": "litre",
    "share": "share", "ton": "ton", "tonne": "ton", "ounce": "ounce", "head": "person", "person": "person",
    "each": "each", "apiece": "each",
}  # fmt: skip
_PER_UNIT_NOUNS = "year|week|month|day|season|annum|hour|barrel|gallon|litre|liter|share|ton|tonne|ounce|head|person"
_PERIOD_AFTER = re.compile(
    # "$207 million (£173 million) a year": a sum and its restatement in brackets share the period told after them.
    r"(?:[ \t]?\([^()\n]{1,40}\)|\))?(?:-|(?<![ \t])[ \t]{1,3})"
    r"(?:(?:a|an|per|each)(?:-|[ \t]{1,3})(?P<unit>" + _PER_UNIT_NOUNS + r")"
    r"|(?:for[ \t]{1,3})?(?P<adverb>annually|yearly|weekly|monthly|daily|each|apiece))\b",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?:(?P<adverb>annual|yearly|weekly|monthly|daily)[ \t]+(?:[a-z]+[ \t]+){0,2}(?:of[ \t]+)?"
    r"|per[ \t]+(?P<unit>" + _PER_UNIT_NOUNS + r")[ \t:]+)$",
    re.IGNORECASE,
)
_PERIOD_WINDOW = 40


def _money_period(text: str, start: int, end: int) -> str:
    """ "/year", "/barrel", "/each" ... for a sum paid per something, "" for a sum paid once or whose rate is not said."""
    after = _PERIOD_AFTER.match(text, end)
    before = None if after else _PERIOD_BEFORE.search(text[max(0, start - _PERIOD_WINDOW) : start])
    found = after or before
    if found is None:
        return ""
    return "/" + _PER_UNITS[(found.group("unit") or found.group("adverb")).lower()]


# A verb or adjective of casualties just before a bare figure, hedges allowed ("injured some 85"), or
# just after it ("133 were injured", "36 dead"). Matched on a short slice only, so their cost is bounded.
_CASUALTY_WORDS = r"(?:killed|killing|injured|injuring|wounded|wounding|hurt|dead|died)"
_CASUALTY_BEFORE = re.compile(
    _CASUALTY_WORDS + r"[ \t]+(?:(?:some|about|around|nearly|almost|over|at[ \t]+least|more[ \t]+than|another)[ \t]+)?$",
    re.IGNORECASE,
)
_CASUALTY_AFTER = re.compile(r"(?<![ \t])[ \t]+(?:(?:were|was|had[ \t]+been|have[ \t]+been|are)[ \t]+)?" + _CASUALTY_WORDS + r"\b", re.IGNORECASE)
_CASUALTY_WINDOW = 32


_NOT_A_FIGURE_BEFORE = re.compile(r"\b(?:no|not|any|every|each)[ \t]*$", re.IGNORECASE)  # "no one was injured"


def _counts_casualties(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _CASUALTY_WINDOW) : start]
    if _NOT_A_FIGURE_BEFORE.search(before):
        return False
    return bool(_CASUALTY_BEFORE.search(before) or _CASUALTY_AFTER.match(text[end : end + _CASUALTY_WINDOW]))


def _counted_noun(text: str, start: int, end: int) -> tuple[str, int]:
    """The thing counted, singular: "9.8 million Optus customers" counts customers, not "Optus", and
    "four state championships" counts championships: a name or a singular noun before a plural one
    only says which kind."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).lower() not in _NOT_A_COUNT_NOUN:
        word, after = text[start:end], following.group(1)
        after_is_plural = after.lower().endswith("s") and _singular(after) != after
        # "Optus customers": a name says which kind; "Republicans voted": a plural name is the thing itself.
        modifies = after_is_plural and (word[:1].isupper() or not word.lower().endswith("s"))
        if modifies:
            return _people_or(after), following.end(1)
    return _people_or(text[start:end]), end


_NEXT_WORD = re.compile(r"(?<![ \t])[ \t]+([a-z]{3,})\b")
_OF_THE_WHOLE = re.compile(r"(?<![ \t])[ \t]+of[ \t]+(?:(?:its|the|their|our|his|her)[ \t]+)?([a-z]{3,})\b")


def _elided(text: str, match: re.Match[str]) -> str | None:
    """The thing a figure counts when the words after it name none ("and at least three caught fire")."""
    following = _NEXT_WORD.match(text, match.end("noun"))
    if is_plural(match.group("noun")) or (following and is_plural(following.group(1))):
        return None  # "and three passenger cars": the figure names its own thing
    thing = elided_thing(text, match.start("number"))
    return None if thing is None else _people_or(thing)


def _one_more_each(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "Two carriages were crushed and a third caught fire": one carriage caught fire."""
    more = []
    for one in ones_more(text):
        counted = [
            q for q in found
            if q.dimension.startswith("count:") and q.value == one.ordinal - 1 and one.reach_start <= q.start_char < one.start
        ]  # fmt: skip
        if counted:
            more.append(Quantity(text[one.start : one.end], 1.0, counted[-1].dimension, 1.0, one.start, one.end, "exact"))
    return more


def _people_or(noun: str) -> str:
    singular = _singular(noun)
    return "people" if singular in PEOPLE_NOUNS or noun.lower() in PEOPLE_NOUNS else singular


def _vague_magnitudes(text: str, found: list[Quantity]) -> list[Quantity]:
    """"Tens of thousands of protesters": several of a magnitude, counted in what follows "of" (people if nothing)."""
    vague = []
    for match in _VAGUE.finditer(text):
        if any(q.start_char < match.end() and match.start() < q.end_char for q in found):
            continue
        magnitude = _VAGUE_UNITS[match.group("magnitude").lower()]
        multiple = _VAGUE_MULTIPLES[match.group("multiple").lower()] if match.group("multiple") else 1.0
        noun = match.group("noun")
        if noun and noun.lower() in _NOT_A_COUNT_NOUN:
            noun = None
        end = match.end("noun") if noun else match.end("magnitude")
        dimension = f"count:{_people_or(noun)}" if noun else "count:people"
        amount = magnitude * multiple
        vague.append(Quantity(text[match.start() : end], amount, dimension, amount, match.start(), end, "several"))
    return vague


_MONTH_BEFORE = re.compile(r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?\s*$", re.IGNORECASE)


def _looks_like_date(text: str, start: int, end: int) -> bool:
    """"March 28", "28 March", "2022": numbers that are calendar parts, not quantities."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 12].lower()
    if _MONTH_BEFORE.search(before):
        return True
    return bool(re.match(r"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + "|".join(MONTH_NUMBERS) + r")\b", after))


def _looks_like_year_or_time(number: str, text: str, end: int) -> bool:
    if re.fullmatch(r"(?:19|20)\d\d", number):
        return True
    return text[end : end + 1] == ":"


def can_both_be_true(a: Quantity, b: Quantity, estimate_tolerance: float = 0.05) -> bool:
    """Whether two figures of one dimension can describe one thing, reading their hedges.

    Unlike `same_amount`, "almost 300" and "304" cannot ("almost" stops short),
    "about 350" and "342" can, and two counts are never rounded into each other.
    """
    if a.dimension != b.dimension:
        return one_sum_in_two_currencies(a.dimension, a.base_value, b.dimension, b.base_value)
    rounding = 0.0 if a.dimension.startswith("count:") else SAME_AMOUNT_ACROSS_UNITS
    one_unit = math.isclose(a.base_value * b.value, b.base_value * a.value, rel_tol=1e-9) and bool(a.value and b.value)
    return amounts_compatible(
        HedgedAmount(a.base_value, a.bound, _digit_precision(a)),
        HedgedAmount(b.base_value, b.bound, _digit_precision(b)),
        estimate_tolerance,
        rounding,
        written_in_one_unit=(a.value, b.value) if one_unit else None,
    )


def _digit_precision(quantity: Quantity) -> float | None:
    scale = quantity.base_value / quantity.value if quantity.value else 1.0
    return digit_precision(quantity.text, quantity.value, scale)


def comparable_dimension(dimension: str) -> str:
    """What a figure can be compared with: a sum with a sum of any currency paid over the same period
    ("money/year"), each unit with its own."""
    if not dimension.startswith("money:"):
        return dimension
    _, slash, period = dimension.partition("/")
    return f"money{slash}{period}"


def one_sum_in_two_currencies(dimension_a: str, amount_a: float, dimension_b: str, amount_b: float) -> bool:
    """Whether two sums in different currencies may be one sum; a currency without a steady rate may be anything."""
    if not (dimension_a.startswith("money:") and dimension_b.startswith("money:")):
        return False
    if comparable_dimension(dimension_a) != comparable_dimension(dimension_b):
        return False  # "£3.2m a week" and "£165 million a year" are sums of two periods
    dollars_a, dollars_b = rough_dollars(dimension_a, amount_a), rough_dollars(dimension_b, amount_b)
    if dollars_a is None or dollars_b is None:
        return True
    low, high = sorted((abs(dollars_a), abs(dollars_b)))
    return low > 0 and high / low <= SAME_SUM_ACROSS_CURRENCIES


def rough_dollars(dimension: str, amount: float) -> float | None:
    """A sum's rough worth in dollars (see ROUGH_DOLLARS_PER_UNIT); None for a currency without a steady rate."""
    rate = ROUGH_DOLLARS_PER_UNIT.get(dimension.removeprefix("money:").partition("/")[0])
    return None if rate is None else amount * rate


def same_amount(a: Quantity, b: Quantity, tolerance: float = 0.02) -> bool:
    """True when two quantities of one dimension state the same amount, allowing rounding."""
    if a.dimension != b.dimension:
        return False
    largest = max(abs(a.base_value), abs(b.base_value))
    if largest == 0:
        return True
    return abs(a.base_value - b.base_value) / largest <= tolerance
