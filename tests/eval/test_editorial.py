"""Editorial checks on the summary, as an editor reads it, on real events and the team's own stories.

The summary is briefed for the five seed reports, the sample story and each of
the 12 real events of ../shared/data/events_dev.jsonl. An editor would send it
back when:
- the first sentence does not say what happened: it must share at least two
  content words with the event's one-line summary (from the labels; for the
  seeds and the sample story, the answer a reader would give, written below);
- a sentence is a fragment: no final stop, ends in "…", or has no verb;
- a sentence tells a fact already given (over 0.6 of the shorter sentence's
  content words shared with an earlier one);
- a sentence comes from a line the cleaner removed as page furniture;
- a sentence states a value that a reported conflict disputes, as written and
  about the same fact as that side's evidence (at least 0.4 of the shorter
  sentence's content words shared), and does not carry the conflict's flag.

These checks read the briefing's JSON and parse it with spaCy directly, not
with newsweave's own sentence checks, so a bug in those cannot hide here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsweave.nlp.language_model import load_language_model
from newsweave.pipeline.brief import brief_paths
from newsweave.render.json_contract import briefing_to_dict

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
EVENTS = SHARED / "data" / "events_dev.jsonl"
LABELS = SHARED / "data" / "events_dev_labels.json"
# What a reader would say happened, in the team's words.
OWN_STORIES = {
    "seeds": (sorted((SHARED / "seeds").glob("*.txt")), "Russian and Ukrainian negotiators are to meet for peace talks in Istanbul."),
    "sample-story": (
        [REPO / "examples" / "sample-story"],
        "A hanger cable of the Merrow Sound Bridge failed on Monday night, the deck dropped and the bridge closed.",
    ),
}
REPEAT_OVERLAP = 0.6
SAME_FACT_OVERLAP = 0.4
FINAL_STOP = re.compile(r"[.!?][\"”’')\]]*$")

pytestmark = pytest.mark.skipif(not EVENTS.exists(), reason="needs ../shared/data beside the checkout (see README)")


def _parser() -> Any:
    return load_language_model()  # the installed spaCy pipeline itself, cached per process


def _content_words(text: str) -> set[str]:
    return {t.lemma_.lower() for t in _parser()(text) if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}}


def _stories(tmp_dir: Path) -> dict[str, tuple[list[Path], str]]:
    stories = dict(OWN_STORIES)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["events"]
    by_event: dict[str, list[str]] = {}
    for line in EVENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            by_event.setdefault(json.loads(line)["event"], []).append(line)
    for event, lines in by_event.items():
        path = tmp_dir / f"{event}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        stories[event] = ([path], labels[event]["summary"])
    return stories


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], str]]:
    out = {}
    for name, (paths, reference) in _stories(tmp_path_factory.mktemp("events")).items():
        run = brief_paths([str(p) for p in paths])
        assert run.briefing is not None, f"{name}: no briefing"
        out[name] = (briefing_to_dict(run.briefing), reference)
    return out


def test_every_story_has_a_summary(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    assert len(briefings) == 14
    assert all(briefing["summary"] for briefing, _ in briefings.values())


def test_the_first_sentence_says_what_happened(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    misses = {}
    for name, (briefing, reference) in briefings.items():
        first = briefing["summary"][0]["text"]
        shared = _content_words(first) & _content_words(reference)
        if len(shared) < 2:
            misses[name] = (first, sorted(shared))
    assert not misses, misses


def test_no_fragment(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    fragments = []
    for name, (briefing, _) in briefings.items():
        for item in briefing["summary"]:
            text = item["text"].strip()
            has_verb = any(t.pos_ in {"VERB", "AUX"} for t in _parser()(text))
            if not FINAL_STOP.search(text) or text.endswith(("…", "...")) or not has_verb:
                fragments.append((name, text))
    assert not fragments, fragments


def test_no_fact_told_twice(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    repeats = []
    for name, (briefing, _) in briefings.items():
        seen: list[tuple[str, set[str]]] = []
        for item in briefing["summary"]:
            words = _content_words(item["text"])
            for earlier, earlier_words in seen:
                shorter = min(len(words), len(earlier_words))
                if shorter and len(words & earlier_words) / shorter > REPEAT_OVERLAP:
                    repeats.append((name, earlier, item["text"]))
            seen.append((item["text"], words))
    assert not repeats, repeats


def test_nothing_from_a_removed_line(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    leaks = []
    for name, (briefing, _) in briefings.items():
        # A repeated line is removed as the second copy of a line the body keeps: not furniture.
        removed = [
            line["text"]
            for line in briefing["removed"]
            if len(line["text"].split()) >= 4 and line["reason"] != "repeated line"
        ]
        for item in briefing["summary"]:
            leaks.extend((name, item["text"]) for line in removed if line in item["text"] or item["text"] in line)
    assert not leaks, leaks


def test_a_sentence_stating_a_disputed_value_carries_the_flag(briefings: dict[str, tuple[dict[str, Any], str]]) -> None:
    unflagged = []
    for name, (briefing, _) in briefings.items():
        for number, conflict in enumerate(briefing["conflicts"], start=1):
            for item in briefing["summary"]:
                states = [p["value"] for p in conflict["positions"] if _states(item, p)]
                if states and number not in item["disputed"]:
                    unflagged.append((name, conflict["topic"], states, item["text"]))
    assert not unflagged, unflagged


def _states(summary_sentence: dict[str, Any], position: dict[str, Any]) -> bool:
    """Whether a summary sentence gives a position's value, as written, about the fact its evidence tells."""
    spellings = [v.strip() for v in position["value"].split(" / ") if len(v.strip()) >= 3]
    text = summary_sentence["text"].lower()
    if not any(re.search(rf"(?<!\w){re.escape(v.lower())}(?!\w)", text) for v in spellings):
        return False
    words = _content_words(summary_sentence["text"])
    for evidence in position["evidence"]:
        side = _content_words(evidence["sentence"])
        shorter = min(len(words), len(side))
        if shorter and len(words & side) / shorter >= SAME_FACT_OVERLAP:
            return True
    return False
