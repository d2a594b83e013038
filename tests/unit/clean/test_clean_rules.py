"""Each kind of boilerplate line, written fresh, is recognised; editorial lines are not."""

from __future__ import annotations

import pytest

from newsweave.clean import clean_article
from newsweave.clean.rules import boilerplate_reason

BOILERPLATE = [
    ("Subscribe now to keep reading", "subscription prompt"),
    ("Already a subscriber? Log in", "subscription prompt"),
    ("Sign up for our daily newsletter", "subscription prompt"),
    ("Register now for free unlimited access to Example.com", "subscription prompt"),
    ("We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.", "cookie notice"),
    ("12 April 2023 This website uses cookies to personalise ads. By using this site you accept our privacy policy.", "cookie notice"),
    ("By using this site you agree to its privacy policy and terms of use.", "cookie notice"),
    ("Share on Facebook", "share widget"),
    ("SHARE THIS STORY", "share widget"),
    ("Facebook Twitter WhatsApp Email", "share widget"),
    ("Comments are moderated and will appear after approval.", "comment policy"),
    ("Note: comments that include abuse or personal attacks will not be published.", "comment policy"),
    ("Leave a comment", "comment policy"),
    ("Rescue workers search the rubble in the city centre. (Photo by Jane Example)", "photo caption"),
    ("Protesters gather outside parliament on Friday. REUTERS/John Sample", "photo caption"),
    ("A ferry leaves the harbour at dawn. ©AFP/Anna Placeholder", "photo caption"),
    ("Police stand guard near the ministry. Photo: Anna Placeholder", "photo caption"),
    ("A handout picture released by the ministry shows the meeting hall via REUTERS", "photo caption"),
    ("Leaders pose for a group photo in Brussels. AFP/Getty Images", "photo caption"),
    ("(Photo by Jane Example)", "photo credit"),
    ("REUTERS/John Sample", "photo credit"),
    ("Reporting by Jane Example in Kyiv; Editing by John Sample", "byline"),
    ("Writing by Jane Example", "byline"),
    ("Editing by John Sample and Ann Other", "byline"),
    ("Editor : Jane Example", "byline"),
    ("By Jane Example and John Sample", "byline"),
    ("(With inputs from agencies)", "byline"),
    ("4 min read", "reading time"),
    ("5 minute read", "reading time"),
    ("3 min read.10:15 AM ISTStaff Writer", "reading time"),
    ("Home > World > Europe", "site navigation"),
    ("Business |", "site navigation"),
    ("Sport / Football / Premier League", "site navigation"),
    ("Skip to main content", "site navigation"),
    ("https://example.com/news/2023/04/12/story-123", "bare link"),
    ("www.example.org", "bare link"),
    ("example-news.com", "bare link"),
    ("Our content can also be accessed at the following alternate addresses:", "site promo"),
    ("Example News Roku", "site promo"),
    ("Download the Example News app", "site promo"),
    ("Follow us on Twitter", "site promo"),
    ("Also Read: Markets rally after the vote", "site promo"),
    ("03/28/2022 13:56 (act 03/28/2022 13:56)", "timestamp"),
    ("Updated: March 28, 2022 5:28 PM IST", "timestamp"),
    ("2022-03-28T10:15:00Z", "timestamp"),
    ("Monday, 28 March 2022", "timestamp"),
    ("Our Standards: The Example Trust Principles.", "outlet standards note"),
    ("Editorial standards and corrections policy", "outlet standards note"),
    ("© 2023 Example Media Ltd. All rights reserved.", "copyright notice"),
    ("Copyright 2023 Example News", "copyright notice"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright notice"),
    ("© Example Media 2022", "copyright notice"),
    ("Copyright The Daily Example", "copyright notice"),
    ("Image caption, Officials meet in the capital", "photo caption"),
    ("Image source, Getty Images", "photo credit"),
    ("Updated 2 hours ago", "timestamp"),
    ("Tags: Russia, Ukraine, Turkey", "site navigation"),
    ("Listen to this article", "site promo"),
    ("Newsletter", "subscription prompt"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("* * *", "separator"),
]

EDITORIAL = [
    "Share prices fell sharply after the announcement.",
    "By Monday, the two delegations had agreed on a venue.",
    "Reporting by phone from the front line, she described the shelling.",
    "Register of deeds records show the sale took place in 2019.",
    "Inspectors were given full access to the plant on Tuesday.",
    "The company said cookies sold in the region would carry new labels.",
    "The photo by a local journalist spread quickly on Monday.",
    "Comments made by the minister on Sunday drew criticism from allies.",
    "Editors of three newspapers signed the open letter.",
    "On March 10, the foreign ministers met in Antalya.",
    "\u201cWe will not give up,\u201d she said.",
    "Talks between the two sides resume on Tuesday",
    "We\u2019re only planning to meet on Tuesday or Wednesday",
    "Ukraine-Russia war: talks would be 'counterproductive', Moscow says",
    "Reuters cited a senior official as saying the talks would start on Monday.",
    "Meta said the post violated its community standards and removed it.",
    "Markets / analysis: why the rouble recovered so fast",
    "Copyright holders sued the company in 2019 over the images.",
    "Topics discussed included the exchange of prisoners.",
]


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE)
def test_boilerplate_line_is_recognised_with_its_reason(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE)
def test_boilerplate_line_is_removed_from_an_article(line: str, reason: str) -> None:
    body = "The talks resumed in the city on Tuesday after a week of delay."
    result = clean_article(f"{body}\n\n{line}\n\n{body.replace('Tuesday', 'Wednesday')}")
    assert [(removed.text, removed.reason) for removed in result.removed] == [(line, reason)]
    assert line not in result.text.split("\n\n")


@pytest.mark.parametrize("line", EDITORIAL)
def test_editorial_line_is_kept(line: str) -> None:
    assert boilerplate_reason(line) is None
    assert clean_article(line).text == line
