"""The pure helpers behind the benchmark scripts: budget, lead, sumy adapter, report sections."""

from __future__ import annotations

import pytest

import bench_common as bc

# --------------------------------------------------------------------------- sentence splitting


def test_split_keeps_titles_initials_and_dates_inside_sentences() -> None:
    text = "Sen. Jane Roe met George W. Bush on Nov. 28 at 5 p.m. Monday. They talked."
    assert bc.split_sentences(text) == [
        "Sen. Jane Roe met George W. Bush on Nov. 28 at 5 p.m. Monday.",
        "They talked.",
    ]


def test_split_ends_sentences_at_question_exclamation_and_closing_quote() -> None:
    text = 'Is it over? "Yes, it is!" she said. Done.'
    assert bc.split_sentences(text) == ["Is it over?", '"Yes, it is!" she said.', "Done."]


def test_split_initialism_ends_a_sentence_only_before_an_opener() -> None:
    assert bc.split_sentences("Troops left the U.S. The war ended.") == ["Troops left the U.S.", "The war ended."]
    assert bc.split_sentences("The U.S. Army left.") == ["The U.S. Army left."]


def test_split_treats_line_breaks_as_boundaries_and_drops_blank_lines() -> None:
    text = "PHOTOS: A headline\n\n  First line of a paragraph   with  spaces\nnext line."
    assert bc.split_sentences(text) == [
        "PHOTOS: A headline",
        "First line of a paragraph with spaces",
        "next line.",
    ]


def test_split_does_not_break_decimals_or_lowercase_continuations() -> None:
    assert bc.split_sentences("Prices rose 3.5 percent. e.g. this one stays.") == [
        "Prices rose 3.5 percent. e.g. this one stays."
    ]


def test_split_of_empty_text_is_empty() -> None:
    assert bc.split_sentences("") == []
    assert bc.split_sentences(" \n\n ") == []


# --------------------------------------------------------------------------- budget


def test_budget_takes_whole_sentences_in_order_skipping_those_that_do_not_fit() -> None:
    sentences = ["one two three", "four five", "six seven eight nine", "ten"]
    assert bc.apply_budget(sentences, 5) == ["one two three", "four five"]
    # skips the four-word sentence and still takes the short last one, as newsweave does
    assert bc.apply_budget(sentences, 8) == ["one two three", "four five", "ten"]
    assert bc.apply_budget(sentences, 100) == sentences


def test_budget_keeps_one_sentence_even_when_it_is_too_long() -> None:
    assert bc.apply_budget(["a b c d e f", "g"], 3) == ["a b c d e f"]


def test_budget_of_nothing_is_nothing_and_accepts_a_word_counter() -> None:
    assert bc.apply_budget([], 10) == []
    items = [("x", 4), ("y", 4), ("z", 4)]
    assert bc.apply_budget(items, 8, words=lambda item: item[1]) == [("x", 4), ("y", 4)]


def test_budget_consumes_a_generator_lazily() -> None:
    def endless():
        while True:
            yield "two words"

    assert len(bc.apply_budget(endless(), 7)) == 3  # ends after a run of sentences that do not fit
    assert len(bc.apply_budget(endless(), 8)) == 4  # ends as soon as the budget is full


# --------------------------------------------------------------------------- lead


def test_round_robin_takes_firsts_then_seconds_and_skips_short_sequences() -> None:
    assert list(bc.round_robin([["a1", "a2", "a3"], ["b1"], [], ["c1", "c2"]])) == [
        "a1", "b1", "c1", "a2", "c2", "a3",
    ]
    assert list(bc.round_robin([])) == []


def test_lead_summary_interleaves_document_openings_within_budget() -> None:
    documents = ["Alpha one. Alpha two.", "Beta one. Beta two.", "Gamma one."]
    assert bc.lead_summary(documents, 100) == [
        "Alpha one.", "Beta one.", "Gamma one.", "Alpha two.", "Beta two.",
    ]
    assert bc.lead_summary(documents, 4) == ["Alpha one.", "Beta one."]


# --------------------------------------------------------------------------- sumy adapter


def test_tokenizer_splits_like_the_lead_baseline_and_keeps_only_words() -> None:
    tokenizer = bc.SentenceTokenizer()
    text = "Mr. Smith paid $3.5 million. It's a well-known case!"
    assert list(tokenizer.to_sentences(text)) == bc.split_sentences(text)
    assert tokenizer.to_words("It's a well-known case, 2022!") == ("It's", "a", "well-known", "case")


def test_sumy_parser_accepts_the_tokenizer() -> None:
    pytest.importorskip("sumy")
    from sumy.parsers.plaintext import PlaintextParser

    parser = PlaintextParser.from_string("Dr. Roe spoke first. Then came Mr. Doe.\n\nA new paragraph.", bc.SentenceTokenizer())
    assert [str(s) for s in parser.document.sentences] == [
        "Dr. Roe spoke first.",
        "Then came Mr. Doe.",
        "A new paragraph.",
    ]
    assert parser.document.sentences[1].words == ("Then", "came", "Mr", "Doe")


@pytest.mark.parametrize("name", ["lex_rank.LexRankSummarizer", "text_rank.TextRankSummarizer"])
def test_sumy_summary_respects_budget_and_document_order(name: str) -> None:
    pytest.importorskip("sumy")
    import importlib

    module_name, class_name = name.split(".")
    summarizer = getattr(importlib.import_module(f"sumy.summarizers.{module_name}"), class_name)()
    documents = [
        "The council approved the budget on Monday. Weather was mild. The budget adds money for schools.",
        "Schools get more money under the budget the council approved. A parade passed by.",
        "The council vote on the budget was close. Critics said schools still lack money.",
    ]
    all_sentences = [s for d in documents for s in bc.split_sentences(d)]
    summary = bc.sumy_summary(documents, summarizer, 20)
    assert summary, "at least one sentence"
    assert sum(bc.count_words(s) for s in summary) <= 20 or len(summary) == 1
    positions = [all_sentences.index(s) for s in summary]
    assert positions == sorted(positions)
    assert len(bc.sumy_summary(documents, summarizer, 1000)) == len(all_sentences)


def test_english_stemmer_and_stop_words_work_offline() -> None:
    pytest.importorskip("sumy")
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    assert Stemmer("english")("running") == "run"
    assert "the" in get_stop_words("english")


# --------------------------------------------------------------------------- data and statistics


def test_clean_reference_removes_only_the_leading_dash() -> None:
    assert bc.clean_reference("– The mayor – who else – spoke.") == "The mayor – who else – spoke."
    assert bc.clean_reference("No dash here.") == "No dash here."


def test_load_multinews_drops_empty_documents_and_honours_limit(tmp_path) -> None:
    path = tmp_path / "mn.jsonl"
    path.write_text(
        '{"id": "c1", "documents": [{"title": "", "text": "One.", "source": ""}, {"title": "", "text": "  ", "source": ""}], "summary": "– Sum one.", "orig_id": "x"}\n'
        '{"id": "c2", "documents": [{"title": "", "text": "Two.", "source": ""}], "summary": "– Sum two.", "orig_id": "y"}\n',
        encoding="utf-8",
    )
    clusters = bc.load_multinews(path)
    assert [(c.id, c.documents, c.summary) for c in clusters] == [
        ("c1", ("One.",), "Sum one."),
        ("c2", ("Two.",), "Sum two."),
    ]
    assert len(bc.load_multinews(path, limit=1)) == 1


def test_first_documents_crosses_clusters_and_stops_at_count() -> None:
    clusters = [bc.Cluster("a", ("a0", "a1"), ""), bc.Cluster("b", ("b0", "b1", "b2"), "")]
    assert bc.first_documents(clusters, 3) == [
        ("multinews:a:0", "a0"), ("multinews:a:1", "a1"), ("multinews:b:0", "b0"),
    ]
    assert len(bc.first_documents(clusters, 99)) == 5


def test_median_and_bootstrap_interval() -> None:
    assert bc.median([3.0, 1.0, 2.0]) == 2.0
    assert bc.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert bc.median([]) == 0.0
    values = [float(i) for i in range(100)]
    low, high = bc.bootstrap_interval(values, resamples=500, seed=1)
    assert low < bc.mean(values) < high
    assert bc.bootstrap_interval([5.0] * 10, resamples=50) == (5.0, 5.0)
    assert bc.bootstrap_interval(values, resamples=200, seed=7) == bc.bootstrap_interval(values, resamples=200, seed=7)


# --------------------------------------------------------------------------- marked sections


def test_replace_marked_section_keeps_the_rest_of_the_document() -> None:
    doc = "# Title\n\nintro\n\n<!-- s:start -->\nold\n<!-- s:end -->\n\n<!-- t:start -->\nother\n<!-- t:end -->\n"
    new = bc.replace_marked_section(doc, "<!-- s:start -->", "<!-- s:end -->", "fresh\n")
    assert new == "# Title\n\nintro\n\n<!-- s:start -->\nfresh\n<!-- s:end -->\n\n<!-- t:start -->\nother\n<!-- t:end -->\n"
    assert bc.replace_marked_section(new, "<!-- s:start -->", "<!-- s:end -->", "fresh") == new


def test_replace_marked_section_appends_when_markers_are_missing() -> None:
    assert bc.replace_marked_section("# T\n", "<a>", "</a>", "body") == "# T\n\n<a>\nbody\n</a>\n"
    assert bc.replace_marked_section("", "<a>", "</a>", "body") == "<a>\nbody\n</a>\n"


def test_replace_marked_section_refuses_a_lone_marker() -> None:
    with pytest.raises(ValueError):
        bc.replace_marked_section("<a>\nhalf", "<a>", "</a>", "body")


def test_write_marked_section_creates_then_updates_the_file(tmp_path) -> None:
    path = tmp_path / "docs" / "bench.md"
    bc.write_marked_section(path, "<a>", "</a>", "first", "Benchmarks")
    assert path.read_text(encoding="utf-8") == "# Benchmarks\n\n<a>\nfirst\n</a>\n"
    path.write_text(path.read_text(encoding="utf-8") + "\nhand-written notes\n", encoding="utf-8")
    bc.write_marked_section(path, "<a>", "</a>", "second", "Benchmarks")
    assert path.read_text(encoding="utf-8") == "# Benchmarks\n\n<a>\nsecond\n</a>\n\nhand-written notes\n"


def test_markdown_table() -> None:
    assert bc.markdown_table(["a", "b"], [(1, "x")]) == "| a | b |\n|---|---|\n| 1 | x |"
