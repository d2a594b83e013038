"""Agreements count origins, not copies or citations; conflicting sides are not agreement."""

from __future__ import annotations

from newsweave.analyze.agreements import consistent_evidence, find_agreements, gainsaid_within_claims
from newsweave.analyze.chains import dependent_sources
from newsweave.model import Claim, Conflict, Evidence, Position


def _claim(*items):
    evidence = tuple(Evidence(source, text, index) for source, text, index in items)
    return Claim(id="C1", text=evidence[0].sentence, evidence=evidence)


def test_a_source_citing_another_in_the_group_is_not_an_origin():
    outlets = {"S1": "Reuters", "S2": "Press TV", "S3": None}
    assert dependent_sources(("S1", "S2", "S3"), {"S2": {"Reuters"}}, outlets) == {"S2"}
    assert dependent_sources(("S2", "S3"), {"S2": {"Reuters"}}, outlets) == set()


def test_origins_in_agreements():
    claim = _claim(("S1", "Talks resume in Istanbul.", 0), ("S2", "Talks resume in Istanbul, Reuters said.", 3),
                   ("S3", "The talks will resume in Istanbul.", 1))
    [agreement] = find_agreements([claim], [], {("S2", 3): ("Reuters",)}, {"S1": "Reuters", "S2": "Press TV"})
    assert agreement.sources == ("S1", "S2", "S3") and agreement.origins == 2


def test_the_other_side_of_a_conflict_is_not_evidence():
    claim = _claim(("S1", "Talks start on Tuesday.", 0), ("S2", "Talks start on Monday.", 0), ("S3", "Talks begin Tuesday.", 2))
    conflict = Conflict(
        topic="talks start on …",
        kind="date",
        positions=(
            Position("Tuesday", "", ("S1", "S3"), None, (Evidence("S1", "", 0), Evidence("S3", "", 2))),
            Position("Monday", "", ("S2",), None, (Evidence("S2", "", 0),)),
        ),
    )
    kept = consistent_evidence(claim, [conflict])
    assert [e.source for e in kept] == ["S1", "S3"]
    [agreement] = find_agreements([claim], [conflict], {}, {})
    assert agreement.sources == ("S1", "S3")


def _single_source_of_first_sentences(articles):
    """find_single_source over one claim per article: its first sentence, attributed to no one."""
    from newsweave.analyze.agreements import find_single_source
    from newsweave.model import Claim, Evidence

    claims = [
        Claim(id=f"C{i}", text=a.sentences[0].text, evidence=(Evidence(a.article.id, a.sentences[0].text, 0),))
        for i, a in enumerate(articles, 1)
    ]
    attributions = {a.article.id: [None] * len(a.sentences) for a in articles}
    return find_single_source(claims, articles, attributions)


def test_a_detail_another_source_states_is_not_single_source(analyze_texts):
    from .conftest import make_article

    articles = analyze_texts(
        [
            make_article("S1", "The bridge carries about 38,000 vehicles on an average weekday, officials said."),
            make_article("S2", "About 38,000 vehicles cross the span every weekday, according to the authority."),
            make_article("S3", "Repairs to the failed hanger will cost an estimated $14 million, a briefing note says."),
        ]
    )
    single = _single_source_of_first_sentences(articles)
    assert [item.source for item in single] == ["S3"]


def test_a_quotation_is_left_to_the_quotes_section_but_a_detail_around_a_short_quote_stays(analyze_texts):
    from .conftest import make_article

    articles = analyze_texts(
        [
            make_article("S1", '"We lost 40 crates of herring and two nets in one night," the skipper told the harbour board.'),
            make_article("S2", 'The board fined the trawler 2,400 crowns for what it called "reckless" night fishing.'),
        ]
    )
    single = _single_source_of_first_sentences(articles)
    assert [item.source for item in single] == ["S2"]


def test_a_source_stating_another_amount_of_the_same_thing_is_not_evidence(parse_text):
    first, second, third = (
        parse_text(text, source=source)[0]
        for source, text in (
            ("S1", "The new contract runs for 30 months, the club said."),
            ("S2", "The new contract runs for 24 months, the club said."),
            ("S3", "The club said the new contract runs for 30 months."),
        )
    )
    claim = _claim(*((s.source, s.text, s.index) for s in (first, second, third)))
    sentence_of = {(s.source, s.index): s for s in (first, second, third)}

    kept = consistent_evidence(claim, [], sentence_of)

    assert [item.source for item in kept] == ["S1", "S3"]
    assert [item.source for item in consistent_evidence(claim, [])] == ["S1", "S2", "S3"]  # without the sentences


def test_a_source_that_states_the_claims_value_otherwise_elsewhere_is_not_cited():
    evidence = (
        Evidence("S1", "Tens of thousands marched through the capital.", 0),
        Evidence("S2", "Crowds marched through the capital.", 3),
        Evidence("S3", "Crowds marched through the capital all day.", 1),
    )
    claim = Claim(id="C1", text=evidence[0].sentence, evidence=evidence)
    # S3 counts the march at 300,000 in another sentence: it does not back "tens of thousands".
    kept = consistent_evidence(claim, [], None, {("S1", 0): {"S3"}})
    assert [item.source for item in kept] == ["S1", "S2"]


def _sentences_of(parse_text, *rows):
    sentences = [parse_text(text, source=source)[0] for source, text in rows]
    claim = _claim(*((s.source, s.text, s.index) for s in sentences))
    return claim, {(s.source, s.index): s for s in sentences}


def test_a_hedge_is_read_before_a_source_is_cited_for_a_figure(parse_text):
    claim, sentence_of = _sentences_of(
        parse_text,
        ("S1", "The ferry disaster of 1998 took the lives of 304 people."),
        ("S2", "The ferry disaster of 1998 left almost 300 people dead."),
        ("S3", "The 1998 ferry disaster killed 304 people."),
    )
    assert [item.source for item in consistent_evidence(claim, [], sentence_of)] == ["S1", "S3"]
    said_otherwise = {(g.source, g.index): g.sources for g in gainsaid_within_claims([claim], sentence_of)}
    assert said_otherwise == {("S1", 0): ("S2",), ("S2", 0): ("S1", "S3"), ("S3", 0): ("S2",)}


def test_a_sentence_setting_two_estimates_side_by_side_is_backed_by_either(parse_text):
    claim, sentence_of = _sentences_of(
        parse_text,
        ("S1", "The police counted 40,000 people at the rally, organisers 90,000 people."),
        ("S2", "The police counted 40,000 people at the rally."),
    )
    assert [item.source for item in consistent_evidence(claim, [], sentence_of)] == ["S1", "S2"]


def test_a_source_silent_in_its_sentence_but_giving_another_figure_elsewhere_is_not_cited(analyze_texts):
    from .conftest import make_article

    articles = analyze_texts(
        [
            make_article("S1", "The leak exposed the records of up to 2.5 million customers."),
            make_article("S2", "The leak exposed customer records.\nUp to 7 million customers were affected, sources said."),
            make_article("S3", "The leak exposed customer records held by the firm.\nThe firm is 40 years old."),
        ]
    )
    sentence_of = {(a.article.id, s.index): s for a in articles for s in a.sentences}
    claim = Claim(
        id="C1",
        text=articles[0].sentences[0].text,
        evidence=tuple(Evidence(a.article.id, a.sentences[0].text, 0) for a in articles),
    )
    said_otherwise = {(g.source, g.index): g.sources for g in gainsaid_within_claims([claim], sentence_of, articles)}
    assert said_otherwise == {("S1", 0): ("S2",)}  # S3 gives no count of customers anywhere


def test_a_claim_mixing_two_values_becomes_two_agreements(parse_text):
    claim, sentence_of = _sentences_of(
        parse_text,
        ("S1", "The striker signed a deal worth £160 million a year, the paper said."),
        ("S2", "The striker signed a deal worth $70 million a year, a broadcaster said."),
        ("S3", "The striker signed a deal worth about $70 million a year."),
        ("S4", "The striker signed a deal worth £160 million a year."),
    )
    agreements = find_agreements([claim], [], {}, {}, sentence_of)
    assert [a.sources for a in agreements] == [("S1", "S4"), ("S2", "S3")]


def test_sentences_worded_apart_that_state_one_figure_agree_on_it():
    from newsweave.analyze.agreements import figure_agreements
    from newsweave.model import Agreement

    evidence = (
        Evidence("S1", "Thirteen people were wounded in the attack, police said.", 4),
        Evidence("S2", "The gunman wounded 13 before fleeing.", 2),
        Evidence("S3", "Hospitals treated 13 wounded people overnight.", 7),
    )
    [agreement] = figure_agreements([("Thirteen people", evidence)], [], {}, {}, {})
    assert agreement.claim == "Thirteen people: Thirteen people were wounded in the attack, police said."
    assert agreement.sources == ("S1", "S2", "S3") and agreement.origins == 3
    # A lead sentence whose other values a source states otherwise gives way to one it does not ...
    [moved] = figure_agreements([("Thirteen people", evidence)], [], {}, {}, {("S1", 4): {"S3"}})
    assert moved.claim.startswith("Thirteen people: The gunman wounded 13") and set(moved.sources) == {"S1", "S2", "S3"}
    # ... and where every lead is gainsaid by someone, the one keeping most sources leads without them.
    everywhere = {("S1", 4): {"S3"}, ("S2", 2): {"S3"}, ("S3", 7): {"S1", "S2"}}
    [without] = figure_agreements([("Thirteen people", evidence)], [], {}, {}, everywhere)
    assert without.sources == ("S1", "S2")
    # ... and a figure whose sentences an agreement already cites adds nothing.
    told = Agreement(claim="x", sources=("S1", "S2", "S3"), origins=3, evidence=evidence)
    assert figure_agreements([("Thirteen people", evidence)], [told], {}, {}, {}) == []
