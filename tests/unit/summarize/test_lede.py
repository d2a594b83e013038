"""The lede: the opening that tells what happened, as the other outlets open on it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsweave.config import DEFAULT_SETTINGS
from newsweave.summarize import summarize
from newsweave.summarize.lede import Openings, anchors, tells_a_plan

from .story_inputs import summary_inputs

# Three invented reports of one fire. One outlet opens on a later development (a visit planned)
# and a reaction; the event itself is what the other two open on.
TEXTS = {
    "R1": "The mayor of Dunmore will visit the burnt-out grain mill on Wednesday, her office said.\n\n"
          "“It is a sad day for the town,” the mayor said.\n\n"
          "A fire destroyed the old grain mill in Dunmore on Sunday night.",
    "R2": "A fire destroyed the old grain mill in Dunmore late on Sunday, the county fire service said.\n\n"
          "Forty firefighters fought the blaze for six hours.\n\n"
          "The mill had been empty since it closed in 2009.",
    "R3": "Fire gutted Dunmore's old grain mill on Sunday night, the fire service said.\n\n"
          "Nobody was hurt, the fire service said.\n\n"
          "The mayor will visit the site on Wednesday.",
}


@pytest.fixture(scope="module")
def story():
    return summary_inputs(TEXTS, dt.date(2024, 3, 4))


def test_the_summary_opens_on_the_event_not_on_a_later_development(story):
    analyzed, claims, analysis = story
    summary = summarize(analyzed, claims, analysis)
    assert "fire" in summary[0].text.lower() and "mill" in summary[0].text.lower()
    assert "will visit" not in summary[0].text


def test_input_order_does_not_choose_the_lede(story):
    analyzed, claims, analysis = story
    reordered = summarize(list(reversed(analyzed)), claims, analysis)
    assert reordered[0].text == summarize(analyzed, claims, analysis)[0].text


def test_developments_then_reactions_then_background(story):
    analyzed, claims, analysis = story
    texts = [s.text for s in summarize(analyzed, claims, analysis)]
    development = next(i for i, t in enumerate(texts) if "firefighters" in t)
    reaction = next(i for i, t in enumerate(texts) if "“" in t)
    background = next(i for i, t in enumerate(texts) if "2009" in t)
    assert 0 < development < reaction < background


def test_echo_is_the_other_openings_best_match():
    a = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    b = np.array([[0.6, 0.8]], dtype=np.float32)
    openings = Openings({"A": a, "B": b})
    vector = np.array([1.0, 0.0], dtype=np.float32)
    assert openings.echo(vector, "A") == pytest.approx(0.6)  # only B's opening counts for A's sentence
    assert openings.echo(vector, "B") == pytest.approx(1.0)
    assert Openings({"A": a}).echo(vector, "A") == 0.0


def test_plans_and_anchors(story):
    analyzed, _, _ = story
    by_text = {s.text: s for a in analyzed for s in a.sentences}
    plan = by_text["The mayor of Dunmore will visit the burnt-out grain mill on Wednesday, her office said."]
    event = by_text["A fire destroyed the old grain mill in Dunmore late on Sunday, the county fire service said."]
    assert tells_a_plan(plan) and not tells_a_plan(event)
    assert anchors(event) == 2  # where (Dunmore) and when (Sunday)
