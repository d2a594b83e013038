"""Helpers shared by the benchmark scripts.

Everything here is pure Python and cheap to import: sentence splitting for the
baselines, the word budget every system is cut to, the round-robin lead
baseline, a tokenizer object for sumy that needs no downloaded data, the
Multi-News loader, a bootstrap interval, and rewriting one marked section of a
Markdown file. The scripts import this module from their own folder; the unit
tests in tests/unit/benchmarks put this folder on sys.path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"

T = TypeVar("T")

# --------------------------------------------------------------------------- sentences

# Words after which a full stop almost never ends the sentence: titles and
# name-bound abbreviations. Compared lowercased, without the stop.
_NAME_ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj capt cpt sgt cpl pvt adm
    cmdr brig rev hon pres supt det insp atty st ste mt ft jr sr
    """.split()
)
# Abbreviations that do not end a sentence when a number follows ("Nov. 28", "No. 5").
_NUMBER_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp fig art sec ch".split()
)
# Abbreviations that never end a sentence, whatever follows ("e.g. Paris").
_ALWAYS_ABBREVIATIONS = frozenset("e.g i.e cf vs approx al".split())
# After an initialism ("U.S.", "L.A.", "p.m.") a new sentence starts only with one of these.
_SENTENCE_OPENERS = frozenset(
    """
    The A An He She It They We I You But And Or So Yet In On At As If When While After Before
    This That These Those There Here His Her Its Their Our My Some Many Most Now Then Still
    Meanwhile However Police Officials
    """.split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_CANDIDATE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_TOKEN = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"""\s+["'“‘(\[]?([A-Za-z0-9][\w'’-]*)""")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_SINGLE_INITIAL = re.compile(r"^[A-Z]\.$")


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation run text[start:end] closes a sentence."""
    punct = text[start:end]
    if not punct.startswith("."):
        return True  # "!", "?", "…"
    if punct.startswith(".."):
        return True  # an ellipsis before a capital
    before = _LAST_TOKEN.search(text, 0, start)
    token = (before.group(1) if before else "") + "."
    token = token.lstrip("\"'“‘([")
    bare = token[:-1].lower()
    nxt = _NEXT_WORD.match(text, end)
    next_word = nxt.group(1) if nxt else ""
    if bare in _ALWAYS_ABBREVIATIONS:
        return False
    if bare in _NAME_ABBREVIATIONS:
        return False
    if bare in _NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if _SINGLE_INITIAL.match(token):
        return False  # "George W. Bush", "J. Smith"
    if _INITIALISM.match(token):
        return next_word in _SENTENCE_OPENERS  # "the U.S. Army" vs "in the U.S. The ..."
    return True


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences; a line break always ends a sentence.

    A rule-based splitter: it knows titles ("Mr.", "Gov."), month and number
    abbreviations before digits ("Nov. 28"), single initials and dotted
    initialisms ("U.S.", "p.m."). Whitespace inside a sentence is collapsed.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        begin = 0
        for match in _CANDIDATE_END.finditer(line):
            punct_end = match.start() + len(match.group(0).rstrip("\"'”’)]"))
            if _ends_sentence(line, match.start(), punct_end):
                piece = line[begin : match.end()].strip()
                if piece:
                    sentences.append(" ".join(piece.split()))
                begin = match.end()
        tail = line[begin:].strip()
        if tail:
            sentences.append(" ".join(tail.split()))
    return sentences


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def word_tokens(sentence: str) -> list[str]:
    """Alphabetic words of a sentence (numbers and punctuation dropped), as sumy expects."""
    return _WORD.findall(sentence)


def count_words(text: str) -> int:
    """The word count every budget uses: whitespace-separated tokens."""
    return len(text.split())


class SentenceTokenizer:
    """A tokenizer object for sumy's parsers and documents, without NLTK data.

    sumy asks a tokenizer for `to_sentences(text)` and `to_words(sentence)`;
    this one answers with `split_sentences` and `word_tokens`, the same
    splitting the lead baseline uses.
    """

    language = "english"

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(split_sentences(text))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(word_tokens(sentence))


# --------------------------------------------------------------------------- budget and baselines


def apply_budget(
    sentences: Iterable[T], max_words: int, words: Callable[[T], int] | None = None
) -> list[T]:
    """Whole sentences, in the order given, while the running total stays within `max_words`.

    A sentence that would go over the budget is skipped and later, shorter ones
    may still fit: the same rule newsweave's own summarizer follows, so every
    system gets the same chance to fill the budget. The first sentence is always
    kept, even when it alone is longer than the budget. Reading stops when the
    budget is full or after MAX_SKIPPED sentences in a row did not fit (so an
    endless ranking ends).
    """
    measure = words if words is not None else (lambda item: count_words(str(item)))
    chosen: list[T] = []
    total = 0
    skipped = 0
    for item in sentences:
        size = measure(item)
        if chosen and total + size > max_words:
            skipped += 1
            if skipped >= MAX_SKIPPED:
                break
            continue
        chosen.append(item)
        total += size
        skipped = 0
        if total >= max_words:
            break
    return chosen


MAX_SKIPPED = 50


def round_robin(sequences: Sequence[Sequence[T]]) -> Iterator[T]:
    """First items of every sequence in turn, then the second items, and so on."""
    depth = max((len(seq) for seq in sequences), default=0)
    for position in range(depth):
        for seq in sequences:
            if position < len(seq):
                yield seq[position]


def lead_summary(documents: Sequence[str], max_words: int) -> list[str]:
    """The lead baseline: document openings taken round-robin, cut to the budget."""
    split = [split_sentences(text) for text in documents]
    return apply_budget(round_robin(split), max_words)


def sumy_summary(documents: Sequence[str], summarizer: object, max_words: int) -> list[str]:
    """A sumy summarizer's ranking, cut to the budget, returned in document order.

    The documents become one sumy document (a paragraph each) built with the
    same sentence splitting as the lead baseline. sumy is asked for every
    sentence so its full ranking is seen; the budget takes sentences from the
    top of that ranking, and the chosen ones are put back in document order,
    as sumy itself returns them.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = SentenceTokenizer()
    paragraphs = [
        Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(text)]) for text in documents
    ]
    document = ObjectDocumentModel(paragraphs)
    order = {sentence: i for i, sentence in reversed(list(enumerate(document.sentences)))}
    ranked: list[object] = []

    def keep_ranking(infos: list) -> list:  # sumy passes SentenceInfo records, best first
        ranked.extend(info.sentence for info in infos)
        return infos

    summarizer(document, keep_ranking)  # type: ignore[operator]
    chosen = apply_budget(ranked, max_words, lambda s: count_words(str(s)))
    chosen.sort(key=lambda s: order[s])
    return [str(s) for s in chosen]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Cluster:
    id: str
    documents: tuple[str, ...]  # document texts, empty ones dropped
    summary: str  # reference, Multi-News' leading dash removed


_LEADING_DASH = re.compile(r"^\s*[–—-]\s*")


def clean_reference(summary: str) -> str:
    """A Multi-News reference without its leading "– "."""
    return _LEADING_DASH.sub("", summary, count=1).strip()


def load_multinews(path: Path, limit: int | None = None) -> list[Cluster]:
    clusters: list[Cluster] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            texts = tuple(d.get("text", "") for d in row["documents"] if d.get("text", "").strip())
            clusters.append(Cluster(str(row["id"]), texts, clean_reference(row.get("summary", ""))))
            if limit is not None and len(clusters) >= limit:
                break
    return clusters


def first_documents(clusters: Iterable[Cluster], count: int) -> list[tuple[str, str]]:
    """(path, text) of the first `count` non-empty documents, clusters in file order.

    Paths read "multinews:<cluster id>:<i>", i counting the cluster's non-empty documents.
    """
    picked: list[tuple[str, str]] = []
    for cluster in clusters:
        for i, text in enumerate(cluster.documents):
            if len(picked) >= count:
                return picked
            picked.append((f"multinews:{cluster.id}:{i}", text))
    return picked


# --------------------------------------------------------------------------- statistics


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def bootstrap_interval(
    values: Sequence[float], resamples: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean, resampling items with replacement."""
    if not values:
        return (0.0, 0.0)
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(resamples))
    tail = (1.0 - level) / 2
    low = means[int(tail * (resamples - 1))]
    high = means[int(round((1.0 - tail) * (resamples - 1)))]
    return (low, high)


# --------------------------------------------------------------------------- reports


def replace_marked_section(document: str, start_marker: str, end_marker: str, body: str) -> str:
    """Put `body` between the two markers, keeping everything outside them.

    Without the markers the section is appended at the end of the document.
    """
    section = f"{start_marker}\n{body.strip()}\n{end_marker}"
    start = document.find(start_marker)
    end = document.find(end_marker, start + len(start_marker)) if start >= 0 else -1
    if start >= 0 and end >= 0:
        return document[:start] + section + document[end + len(end_marker) :]
    if start >= 0 or end >= 0:
        raise ValueError(f"only one of {start_marker!r} and {end_marker!r} is in the document")
    prefix = document.rstrip("\n")
    return (prefix + "\n\n" if prefix else "") + section + "\n"


def write_marked_section(path: Path, start_marker: str, end_marker: str, body: str, title: str) -> None:
    """Rewrite one marked section of a Markdown file, creating the file with `title` if needed."""
    existing = path.read_text(encoding="utf-8") if path.exists() else f"# {title}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_marked_section(existing, start_marker, end_marker, body), encoding="utf-8")


def load_average() -> float | None:
    """The one-minute load average, where the system reports one."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def machine_summary(load_at_start: float | None = None) -> str:
    """Cores, CPU model, Python version and load, in one line, for the report headers."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    parts = [f"{usable} usable cores (of {os.cpu_count()})"]
    if model:
        parts.append(model)
    parts.append(f"{platform.system()} {platform.machine()}")
    parts.append(f"Python {platform.python_version()}")
    now = load_average()
    if load_at_start is not None and now is not None:
        parts.append(f"1-minute load average {load_at_start:.2f} at start, {now:.2f} at end")
    elif now is not None:
        parts.append(f"1-minute load average {now:.2f} at end")
    return ", ".join(parts)


def today() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    return "\n".join(lines)
