"""One person's name written several ways is not a disagreement; two different people are."""

from __future__ import annotations

import pytest

from newsweave.analyze.person_names import given_names_compatible, may_be_one_person, name_words

# Invented names, one row per way outlets vary a name.
ONE_PERSON = [
    ("Thomas Okafor", "Tom Okafor"),  # a short form of the given name
    ("Margaret Lindqvist", "Peggy Lindqvist"),  # a familiar form that is not a prefix
    ("Alexandra Moreau", "Alex Moreau"),  # a prefix of the given name
    ("Daniel P. Whitcombe", "Daniel Whitcombe"),  # a middle initial
    ("Daniel Whitcombe Jr.", "Daniel Whitcombe"),  # a generational suffix
    ("Henrik Sallow III", "Henrik P. Sallow"),  # both at once
    ("Dr Ines Marlow", "Ines Marlow"),  # an honorific
    ("Ms Ferreira Lund", "Carla Ferreira Lund"),  # an honorific in place of the given name
    ("Nadia Al-Rashed", "Nadia Al Rashed"),  # a hyphen or not
    ("Nadia Al Rashed", "Al Rashed"),  # the surname alone
    ("J. Harrow", "Julian Harrow"),  # an initial for the given name
    ("Piotr Zielinski", "Piotr Zieliński"),  # diacritics
    ("Ana Vel3ko", "Ana Velasco"),  # a garbled page: nothing to dispute
    ("Park Jae-hoon", "Park Jae Hun"),  # one name in two romanisations
    ("Yusuf Mahmoud", "Yousouf Mahmud"),
]
DIFFERENT = [
    ("Ruth Cardell", "Rachel Cardell"),
    ("Thomas Okafor", "Michael Okafor"),
    ("Ana Reyes", "Ana Torres"),
    ("Peter Lund", "Paul Lund"),
    ("Park Jae-hoon", "Park Ji-hoon"),  # romanisation never merges different vowels
]


@pytest.mark.parametrize(("first", "second"), ONE_PERSON)
def test_ways_of_writing_one_name_may_be_one_person(first: str, second: str) -> None:
    assert may_be_one_person(first, second)
    assert may_be_one_person(second, first)


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_given_names_or_surnames_are_different_people(first: str, second: str) -> None:
    assert not may_be_one_person(first, second)
    assert not may_be_one_person(second, first)


def test_name_words_drop_what_does_not_identify_the_person() -> None:
    assert name_words("Mr Daniel R. Whitcombe II") == ["Daniel", "Whitcombe"]
    assert name_words("Nadia Al-Rashed's") == ["Nadia", "Al", "Rashed"]
    assert name_words("Room 4B") is None


def test_a_short_given_name_is_not_a_prefix_match() -> None:
    assert not given_names_compatible("Al", "Alma")  # two letters: too short to count as a prefix
    assert given_names_compatible("Al", "Albert")  # but a known short form


def test_familiar_forms_titles_and_one_letter_typos_are_one_person():
    assert may_be_one_person("Chuck Halloran", "Charles E. Halloran")  # a familiar form of the given name
    assert may_be_one_person("Representative Ostrova", "Lena M. Ostrova")  # a title, not a given name
    assert may_be_one_person("Vicente Maddern", "Vincente Maddern")  # one letter more in a long word
    assert not may_be_one_person("Marta Velkoran", "Ilse Velkoran")  # two people of one family
    assert not may_be_one_person("Martin Oduya", "Marvin Oduya")  # one letter changed is another name
