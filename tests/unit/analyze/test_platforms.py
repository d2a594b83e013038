"""The platform a person posted a statement on, as different sources give it."""

from __future__ import annotations

from newsweave.analyze.platforms import find_platform_conflicts


def test_a_post_on_one_network_reported_as_a_tweet_is_a_dispute_with_the_words_as_written(detect):
    [conflict] = detect(
        find_platform_conflicts,
        "Governor Marta Velkoran said in a message on her Telegram channel that the bridge would reopen.",
        '"The bridge will reopen on Monday," Marta Velkoran tweeted.',
        "Marta Velkoran posted on Telegram that repairs were finished.",
    )
    telegram, x = conflict.positions
    assert telegram.sources == ("S1", "S3") and telegram.normalized == "Telegram"
    assert "Telegram" in telegram.value
    assert x.sources == ("S2",) and "tweeted" in x.value
    assert "Velkoran" in conflict.topic and conflict.kind == "name"


def test_the_same_network_or_a_cross_post_is_no_dispute(detect):
    assert detect(
        find_platform_conflicts,
        "Marta Velkoran posted on X that the bridge would reopen.",
        '"It reopens Monday," Marta Velkoran tweeted.',  # a tweet is a post on X
    ) == []
    assert detect(
        find_platform_conflicts,
        "Marta Velkoran posted on Telegram and on Facebook that the bridge would reopen.",
        "Marta Velkoran posted on Facebook that the bridge would reopen.",
    ) == []


def test_different_speakers_titles_and_names_are_not_compared(detect):
    assert detect(
        find_platform_conflicts,
        "Marta Velkoran posted on Telegram that the bridge would reopen.",
        "Ivo Brandt, her deputy, posted on Facebook that it would not.",  # another speaker
        "On Instagram, the Governor made a post about the bridge.",  # a title alone names no one
        "Bram Okonkwo X said the vote was close.",  # a letter in a name is not a network
    ) == []
