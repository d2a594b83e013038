"""Which two values may be one slot: the hard limits the slot grouping never crosses.

The grouping (analyze/conflicts.py) joins values whose clauses read alike; these rules
keep apart values that cannot be answers to one question however alike they read: two
of one sentence, different dimensions, counts of different things, two people's ages,
a done act and a planned one, dates weeks apart, amounts many times apart, and the news
of two different days.
"""

from __future__ import annotations

from newsweave.analyze.hedges import HedgedAmount, vague_range
from newsweave.analyze.quantities import comparable_dimension, rough_dollars
from newsweave.analyze.slots import SlotValue
from newsweave.config import Settings

# Counted nouns that say nothing of what is counted ("three people", "four times", "13 more", "116
# others"): two such figures are one slot only when what they measure (their key) is the same.
COUNTS_NEEDING_A_KEY = frozenset(
    {"count:people", "count:time", "count:other", "count:more", "count:another", "count:each", "count:such"}
)


def may_share_slot(a: SlotValue, b: SlotValue, settings: Settings) -> bool:
    """Values that cannot be one slot: two of one sentence, different dimensions, or too far apart.

    Reports of one event disagree by a day or two ("Monday or Tuesday?") or by a
    share of an amount (40 or 60 centimetres); a date months away or an amount
    many times larger is another fact that happens to read alike.
    """
    if comparable_dimension(a.dimension) != comparable_dimension(b.dimension):
        return False
    if (a.source, a.sentence.index) == (b.source, b.sentence.index):
        return False
    if a.history_year != b.history_year:
        return False  # a figure of a past event meets only figures of that year's events
    if a.dimension in COUNTS_NEEDING_A_KEY and (a.key is None or a.key != b.key):
        # "36 killed" and "85 injured" read alike but measure two things; "15 people" and "three
        # people" tied to no measured attribute ("hit three people") say nothing of which people.
        return False
    if a.key is not None and b.key is not None and a.key != b.key:
        return False
    if a.person is not None and b.person is not None and a.person != b.person:
        return False  # "the 76-year-old Varga" and "Ivo Brandt, 43": two people's ages; two candidates' shares
    if a.kind in ("date", "month", "time") and None not in (a.tense, b.tense) and "past" in {a.tense, b.tense} and a.tense != b.tense:
        # "collided on Tuesday" and "will appear before a prosecutor on Thursday" are two events; one
        # event told as planned and as done on different days is a change of plan, not a dispute. The
        # present tense with a day tells a schedule ("the talks begin Tuesday") or a photo caption
        # ("police on Sunday guard the alley"), never the completed event a past tense tells.
        return False
    if a.kind in ("date", "month") and a.tense == b.tense == "past" and not a.act_words & b.act_words:
        # "Akin canceled an interview Monday night" and "Akin refused to step down on Tuesday" share only a
        # name: a story's people do many things on many days, and two days of done acts are a dispute only
        # about one act. A planned event is told in many words ("the talks could start on Tuesday", "set to
        # resume negotiations on Monday"), so plans are left to the clauses' likeness.
        return False
    if a.kind == "date":
        if _each_its_own_days_news(a, b):
            return False
        return abs(a.amount - b.amount) <= settings.slot_max_days_apart
    if a.kind == "month":
        # A month with its year meets only months with theirs: "in October" (no year) may be any October.
        return a.date_form == b.date_form and _months_apart(a, b) <= settings.slot_max_months_apart
    if a.kind == "time":
        # Two times of done acts are one moment only when their clauses share a word of what was done,
        # its doers aside: "protesters observed the silence at 11:52" and "protesters dispersed at 11 p.m."
        # are two acts; "the silence began at noon" and "a silent tribute was cut short at 7 p.m." one.
        return not (a.tense == b.tense == "past") or share_an_act(a, b)
    # A vague magnitude is compared by the nearest end of what it spans ("tens of thousands": 20,000 to 100,000).
    (low_a, high_a), (low_b, high_b) = (
        vague_range(HedgedAmount(abs(_comparable_amount(v, a.dimension != b.dimension)), v.bound), settings.several_range)
        for v in (a, b)
    )
    small, large = (high_a, low_b) if high_a <= low_b else (high_b, low_a) if high_b <= low_a else (1.0, 1.0)
    return large == 0 or (small > 0 and large / small <= settings.slot_max_amount_ratio)


def share_an_act(a: SlotValue, b: SlotValue) -> bool:
    """Whether two clauses share a word of the act, doers aside; words alike in their first five
    letters are one word ("silence", "silent")."""
    stems_a = {_stem(word) for word in a.act_words - a.doer_words}
    return any(_stem(word) in stems_a for word in b.act_words - b.doer_words)


_STEM_LETTERS = 5  # a crude stem: enough to join "silence" and "silent", "interrupt" and "interruption"


def _stem(word: str) -> str:
    return word[:_STEM_LETTERS]


def _months_apart(a: SlotValue, b: SlotValue) -> int:
    apart = int(abs(a.amount - b.amount))
    return min(apart, 12 - apart) if a.date_form == "month_of_year" else apart  # December is next to January


_DAYS_NEWS_OFFSETS = (0.0, -1.0)  # days from an article's date to the act it leads with: that day, the day before


def _each_its_own_days_news(a: SlotValue, b: SlotValue) -> bool:
    """Two articles of different days, each dating its act the same way from its own day.

    A story that runs over days is told by articles of each day, and each leads with
    its day's news: "the senator apologised on Friday" in Friday's article and "police
    searched the woods on Thursday" in Thursday's. When the gap between the two dates
    is exactly the gap between the articles, the dates follow the articles, not a
    disagreement about one act, and the two are not one slot.
    """
    if a.as_of is None or b.as_of is None or a.as_of == b.as_of:
        return False
    offset = a.amount - a.as_of.toordinal()
    # A day's news is what happened that day or the day before; plans ahead ("will reopen on
    # Friday") may fall the same number of days ahead of two articles by chance, and still disagree.
    return offset in _DAYS_NEWS_OFFSETS and offset == b.amount - b.as_of.toordinal()


def _comparable_amount(value: SlotValue, in_dollars: bool) -> float:
    """A sum set against one in another currency is read in rough dollars; one without a steady rate as written."""
    dollars = rough_dollars(value.dimension, value.amount) if in_dollars else None
    return value.amount if dollars is None else dollars
