"""The story view both pages lay out: coverage, conflict cards, chips, timeline, quotes, update marks."""

from __future__ import annotations

import datetime as dt

from newsweave.model import Briefing, Quote, SummarySentence, TimelineEvent
from newsweave.render.story_view import LABEL_SPACING, StoryView, story_view
from newsweave.web.anchors import article_href, sentence_anchor

from .ferry_briefing import FARE, ferry_briefing as _briefing


def _view(briefing: Briefing) -> StoryView:
    """The story page's view, with the web reader's article links."""
    return story_view(briefing, story_id="st-1", article_href=article_href)


def test_the_coverage_matrix_marks_reporting_silent_and_contradicting_sources():
    view = _view(_briefing())
    rows = {row.label: row.cells for row in view.coverage.rows}
    assert rows[FARE] == ("reports", "reports", "silent")
    assert rows["the ferry service opens on …: Monday"] == ("reports", "contradicts", "reports")
    assert rows["the ferry service opens on …: Tuesday"] == ("contradicts", "reports", "contradicts")
    assert rows["The boat was built in Leith."] == ("silent", "reports", "silent")


def test_a_conflict_side_names_attribution_route_and_outlets():
    monday, tuesday = _view(_briefing()).conflicts[0].sides
    assert monday.attribution == "the council, via Wire (S3)"
    assert monday.outlets == "Daily Quay; S3 citing Wire" and monday.count == "2 outlets"
    assert monday.normalized == "2024-05-06 (Monday)"
    assert tuesday.attribution == "" and tuesday.count == "1 outlet"


def test_chips_point_at_each_sources_own_sentence_and_unstored_sources_get_no_link():
    view = _view(_briefing())
    first, second = view.summary[0].chips
    assert first.href == f"/articles/a-1#{sentence_anchor(FARE)}"
    assert second.href == f"/articles/a-2#{sentence_anchor('Fares are four pounds.')}"
    unstored = view.conflicts[0].sides[0].chips[1]
    assert unstored.label == "S3" and unstored.href is None


def test_article_ids_are_quoted_in_links():
    briefing = _briefing()
    odd = briefing.sources[0].__class__(**{**briefing.sources[0].__dict__, "external_id": "a/1 ?x"})
    view = _view(Briefing(briefing.story, (odd, *briefing.sources[1:]), briefing.summary, briefing.analysis, ()))
    assert view.summary[0].chips[0].href.startswith("/articles/a%2F1%20%3Fx#s-")


def test_timeline_dates_share_a_point_and_crowded_labels_are_left_out():
    day = dt.date(2024, 1, 1)
    events = (
        TimelineEvent(day, "Works begin", ("S1",)),
        TimelineEvent(day, "Road closes", ("S2",)),
        *(TimelineEvent(day + dt.timedelta(days=n), f"Inspection {n}", ("S1",)) for n in range(1, 10)),
        TimelineEvent(day + dt.timedelta(days=1000), "Reopening", ("S2",)),
    )
    chart = _view(_briefing(timeline=events)).timeline
    assert len(chart.entries) == 12 and len(chart.points) == 11
    assert chart.points[0].events == 2 and "Works begin" in chart.points[0].summary
    for side in ("above", "below"):
        xs = [p.x for p in chart.points if p.label == side]
        assert all(b - a >= LABEL_SPACING for a, b in zip(xs, xs[1:]))
    assert any(p.label == "none" for p in chart.points)
    assert chart.points[0].label == "above" and chart.points[-1].label != "none"


def test_quotes_are_grouped_by_speaker():
    quotes = (Quote("Ana Ruiz", "We are ready.", ("S1",)), Quote("Tom Hale", "Not yet.", ("S2",)),
              Quote("Ana Ruiz", "Boats are waiting.", ("S2",)))
    groups = _view(_briefing(quotes=quotes)).quotes
    assert [(g.speaker, [q.text for q in g.quotes]) for g in groups] == [
        ("Ana Ruiz", ["We are ready.", "Boats are waiting."]), ("Tom Hale", ["Not yet."])
    ]


def test_a_distant_date_does_not_squeeze_the_others_together():
    day = dt.date(2024, 6, 10)
    events = tuple(
        TimelineEvent(day - dt.timedelta(days=offset), f"event {offset}", ("S1",)) for offset in (400, 2, 1, 0)
    )
    xs = [p.x for p in _view(_briefing(timeline=events)).timeline.points]
    assert xs == sorted(xs)
    gaps = [b - a for a, b in zip(xs, xs[1:])]
    assert gaps[0] > gaps[1] > 0 and min(gaps) >= 40  # the old date stands apart; the last days stay legible


def test_a_side_not_stated_as_fact_says_how_it_is_stated():
    from dataclasses import replace

    briefing = _briefing()
    (conflict, *rest) = briefing.analysis.conflicts
    monday, tuesday = conflict.positions
    planned = replace(conflict, positions=(monday, replace(tuesday, certainty="expected")))
    view = _view(replace(briefing, analysis=replace(briefing.analysis, conflicts=(planned, *rest))))
    monday_side, tuesday_side = view.conflicts[0].sides
    assert tuesday_side.certainty == "expected, still to happen"
    assert monday_side.certainty == ""


def test_a_summary_sentence_with_an_outdated_figure_links_to_the_update_card():
    from newsweave.model import Update, UpdateValue

    sailings = Update(
        "sailings a day",
        (
            UpdateValue("six sailings", None, "article dated 2024-05-02", ("S2",), ()),
            UpdateValue("four sailings", None, "article dated 2024-05-01", ("S1",), ()),
        ),
    )
    briefing = _briefing(updates=(sailings,))
    outdated = SummarySentence("The ferry will run four sailings a day.", ("S1",), updated=(1,))
    briefing = Briefing(briefing.story, briefing.sources, (*briefing.summary, outdated), briefing.analysis, briefing.removed)
    view = _view(briefing)
    [card] = view.updates
    [mark] = view.summary[-1].updated
    assert mark.anchor == card.anchor == "update-1"
    assert mark.text == "since updated: six sailings, as of article dated 2024-05-02"
    assert view.summary[0].updated == ()


def test_the_story_page_and_the_briefing_file_are_one_renderer():
    """`brief --format html` and the web story page lay out the same view with the same template."""
    from newsweave.render import render_html
    from newsweave.web.pages import render_page

    briefing = _briefing()

    def briefing_block(page: str) -> str:
        return page[page.index('<article class="briefing"') : page.rindex("</article>") + len("</article>")]

    web_page = render_page("story.html", view=story_view(briefing)).decode("utf-8")
    file_page = render_html(briefing)
    assert briefing_block(web_page) == briefing_block(file_page)
    assert '<script src="/static/reader.js"' in web_page and "<script" not in file_page  # only the frames differ
