"""Outlet names: spellings of one outlet fold together; other outlets stay apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsweave.render.outlets import display_name, fold_outlets, outlet_key, spellings_of


def test_a_section_after_the_name_a_leading_the_and_capitals_fold():
    names = ["Harbour Times (News)", "The Harbour Times", "HARBOUR TIMES", "Harbour Times (Opinion)", "Harbour Times"]
    assert len({outlet_key(name) for name in names}) == 1
    assert fold_outlets(names) == ("Harbour Times",)  # the spelling used most once the section is off


def test_other_words_make_another_outlet():
    names = ["Harbour Times", "Harbour Times Magazine", "Harbour Post", "Times"]
    assert fold_outlets(names) == tuple(names)


def test_order_of_first_appearance_and_ties_go_to_the_first_spelling():
    assert fold_outlets(["Quay Wire", "The Ledger", "Ledger", "quay wire"]) == ("Quay Wire", "The Ledger")


def test_a_name_that_is_only_brackets_keeps_them_and_blanks_are_dropped():
    assert display_name("(unknown)") == "(unknown)"
    assert fold_outlets(["", "  ", "(unknown)"]) == ("(unknown)",)
    assert display_name("  Quay   Wire  (Online News) ") == "Quay Wire"
    assert display_name("Quay Wire (UK) [Opinion]") == "Quay Wire"


def test_spellings_of_lists_every_variant_in_order():
    names = ["Quay Wire (News)", "Ledger", "The Quay Wire", "Quay Wires"]
    assert spellings_of("Quay Wire", names) == ("Quay Wire (News)", "The Quay Wire")


@given(st.lists(st.text(max_size=60), max_size=20))
def test_folding_never_fails_and_never_adds_an_outlet(names):
    folded = fold_outlets(names)
    assert len(folded) <= len(names)
    assert len({outlet_key(name) for name in folded}) == len(folded)
    assert {outlet_key(name) for name in folded} == {outlet_key(name) for name in names if name.strip()}
