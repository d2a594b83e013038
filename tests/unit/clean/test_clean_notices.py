"""Reader-facing site notices, written fresh: galleries, promos, prices, disclaimers, call-outs.

Each kind comes with near misses: editorial sentences that share a keyword and must stay.
"""

from __future__ import annotations

import pytest

from newsweave.clean import clean_article
from newsweave.clean.reasons import ALL_REASONS
from newsweave.clean.rules import boilerplate_reason

BOILERPLATE = [
    # photo galleries: "Item N of M", "[N/M]"
    ("Item 2 of 5 Firefighters spray water on a burning warehouse in the port, May 3, 2024. Example Wire/Jo Sample", "photo caption"),
    ("[4/7] Volunteers fill sandbags outside the town hall on Friday. Example Wire/Jo Sample Purchase Licensing Rights", "photo caption"),
    ("Image 3 of 12: Crowds gather on the seafront after the storm.", "photo caption"),
    ("(2/4) A crane lifts the damaged carriage from the tracks.", "photo caption"),
    ("Purchase Licensing Rights", "site promo"),
    ("Acquire Licensing Rights, opens new tab", "site promo"),
    # app, alert and newsletter promos
    ("Don't miss a thing - get the Example Daily's breaking news alerts straight to your phone. TAP HERE", "site promo"),
    ("Get breaking news alerts on your phone with the Example app", "site promo"),
    ("Download the free Example Times app", "site promo"),
    ("Never miss a story: turn on notifications. Click here", "site promo"),
    ("Get the Evening Digest in your inbox every weekday. Sign up here", "subscription prompt"),
    ("The morning briefing, delivered to your inbox", "subscription prompt"),
    # subscription prices and meters
    ("Subscribe from $1 a week and support local journalism in Examplefield. Already a subscriber? Log in", "subscription prompt"),
    ("Subscribe for just £4.99 a month", "subscription prompt"),
    ("Digital subscription: €2 per week for the first year", "subscription prompt"),
    ("You have read 2 of your 3 free articles this month.", "subscription prompt"),
    ("Support independent journalism today", "subscription prompt"),
    # market data and external links
    ("All quotes delayed a minimum of 15 minutes. See here for a full list of exchanges and delays.", "disclaimer"),
    ("Market data provided by Example Data Services", "disclaimer"),
    ("Data delayed 20 minutes", "disclaimer"),
    ("Example Radio is not responsible for the content of external sites.", "disclaimer"),
    ("Copyright 2023 Example Radio. Example Radio is not responsible for the content of external sites.", "copyright notice"),
    # an agency describing itself
    (
        "Example Wire, the news and media division of Example Group, supplies news to media clients in more than 90 countries.",
        "outlet description",
    ),
    ("Example Press, the news arm of Example Holdings, is the world's largest multimedia news provider.", "outlet description"),
    # reader call-outs
    ("Have you been affected by the flooding? Contact our newsroom at news@example.org", "reader call-out"),
    ("Got a story? Email tips@example.net or WhatsApp us", "reader call-out"),
    ("Were you there? Share your photos and video with us", "reader call-out"),
    ("Do you have information about the fire? Get in touch", "reader call-out"),
    ("Send us your news and pictures", "reader call-out"),
    # corrections and production notes
    ("Did you find an error? Write to us.", "outlet standards note"),
    ("The English edition is produced by our editorial staff with translation support.", "outlet standards note"),
    # community rules, reading and listening time, adverts, stamps, bylines
    ("Comments are subject to our community guidelines, which can be viewed here.", "comment policy"),
    ("The Example Daily does not endorse the views of readers.", "comment policy"),
    ("Listen to this article · 5 min", "site promo"),
    ("Listen · 4 min", "reading time"),
    ("6 min listen", "reading time"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT - Scroll to continue", "advertisement"),
    ("May 3, 2024 9:15 AM GMT+1 Updated an hour ago", "timestamp"),
    ("By Jane Example, with material from Example Wire", "byline"),
    ("By Jane Example and agencies", "byline"),
    ("(Reporting by Jane Example in Examplefield; additional reporting by John Sample; editing by Ann Other)", "byline"),
    # reuse terms, embedded widgets' leftovers, media player labels
    (
        "Example Reprints: This copy is for your personal, non-commercial use only. To order presentation-ready "
        "copies for distribution to your colleagues, use the Order Reprints tool.",
        "copyright notice",
    ),
    ("Post with a location", "share widget"),
    ("You can add location information to your posts from the web. You always have the option to delete it.", "share widget"),
    ("Interested in Ferry Services? Add Ferry Services as an interest to stay up to date on the latest news.", "share widget"),
    ("Image copyright Example Pictures Image caption The quay after the storm", "photo caption"),
    # list headings
    ("Read Next", "site promo"),
    ("MOST READ IN SPORT", "site promo"),
    ("More on this story", "site promo"),
]

EDITORIAL = [
    "Flights were delayed by 15 minutes after the storm.",
    "Prices at the pump were delayed by regulators for 30 minutes of debate.",
    "The company, the shipping arm of Example Group, said it would add two ferries.",
    "The agency said it had not been able to supply news crews with fuel.",
    "Have you been to the harbour lately, the mayor asked the council.",
    "The council will send flood alerts to residents by text message, officials said.",
    "Subscribers to the ferry pass will pay $12 a week from July, the operator said.",
    "The minister said he had read two of the three reports before the meeting.",
    "Item 4 of the agenda, on ferry fares, was postponed until Friday.",
    "Shares in the contractor fell 6% in early trading.",
    "Listen to the residents and you hear the same complaint: nobody answered the phone.",
    "By Tuesday, with help from the navy, the ferries were running through the night.",
    "The newspaper's owner, the media arm of a shipping family, declined to comment.",
    "Comments from the minister drew criticism from the opposition on Tuesday.",
    "The ferry company said passengers could delete the location history of their posts in its app.",
    "Police said the suspect had posted his location on his profile before the attack.",
    "Interested buyers may add the ferry to their fleet as an asset, the operator said.",
    "Image quality on the harbour cameras was poor, engineers said.",
    "The council printed copies of the plan for personal use by residents who asked.",
]


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE)
def test_notice_is_recognised_with_its_reason(line: str, reason: str) -> None:
    assert reason in ALL_REASONS
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(("line", "reason"), BOILERPLATE)
def test_notice_is_removed_from_an_article_body(line: str, reason: str) -> None:
    before = "The ferries ran through the night on Tuesday, the operator said."
    after = "Repairs are expected to take at least six weeks, engineers said."
    result = clean_article(f"{before}\n\n{line}\n\n{after}")
    assert result.text.split("\n\n") == [before, after]
    assert [(removed.text, removed.reason) for removed in result.removed] == [(line, reason)]


@pytest.mark.parametrize("line", EDITORIAL)
def test_editorial_near_miss_is_kept(line: str) -> None:
    assert boilerplate_reason(line) is None
    assert clean_article(line).text == line
