"""Write a synthetic news corpus for the ingest benchmark: N articles over N/20 stories.

Every word is made up here, from templates and invented names, so the corpus can be
as large as needed without copying real articles. Each story is one event (a fire,
a strike, a court ruling, ...) in an invented place on a date; its articles are
written by invented outlets in their own order and wording, and about 10% of the
articles are wire copies: another outlet's article reprinted with its own furniture
and a trimmed ending. Output: JSON Lines with id, title, text, url, outlet, published.

    .venv/bin/python benchmarks/generate_corpus.py --articles 10000 --out /tmp/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = ["ka", "lo", "mer", "vin", "tah", "sel", "dor", "mi", "ran", "quo", "bel", "ost", "ny", "fer", "gal", "tu"]
FIRST_NAMES = ["Ana", "Bram", "Cleo", "Dario", "Esme", "Farid", "Greta", "Hugo", "Iris", "Joon", "Kaia", "Lev",
               "Mina", "Nils", "Odile", "Pavel", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wim", "Yara", "Zeno"]
ROLES = ["mayor", "fire chief", "police spokesperson", "union leader", "health minister", "river authority head",
         "school principal", "court clerk", "harbour master", "transport minister"]
OUTLET_WORDS = ["Courier", "Herald", "Ledger", "Post", "Gazette", "Observer", "Tribune", "Chronicle", "Wire", "Daily"]

EVENTS = {
    "fire": ("A fire broke out at {site} in {place}", "firefighters", "were evacuated", "the blaze"),
    "flood": ("The {river} burst its banks near {place}", "rescue teams", "were moved to higher ground", "the flooding"),
    "strike": ("Workers at {site} in {place} walked out", "union members", "joined the picket lines", "the strike"),
    "ruling": ("A court in {place} ruled against {site}", "lawyers", "gathered outside the court", "the ruling"),
    "closure": ("Officials closed {site} in {place}", "engineers", "were sent to inspect the damage", "the closure"),
    "election": ("Voters in {place} chose a new council", "volunteers", "counted ballots overnight", "the vote"),
    "outbreak": ("Health officials confirmed an outbreak at {site} in {place}", "doctors", "were tested", "the outbreak"),
}
SITES = ["the old grain terminal", "the central market", "the northern depot", "the paper mill", "the river bridge",
         "the city hospital", "the ferry terminal", "the steelworks", "the university campus", "the bus garage"]
BOILERPLATE = [
    "Sign up for our morning newsletter.", "Share this article", "Advertisement", "Read more: our coverage of the region",
    "Comments are moderated before they appear.", "Photo: staff photographer", "3 min read",
]


@dataclass(frozen=True)
class StoryPlan:
    number: int
    kind: str
    place: str
    site: str
    river: str
    day: dt.date
    people: tuple[tuple[str, str], ...]  # (name, role)
    count: int  # people affected


def invented_name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def plan_story(rng: random.Random, number: int, start: dt.date) -> StoryPlan:
    people = tuple(
        (f"{rng.choice(FIRST_NAMES)} {invented_name(rng, rng.choice((2, 3)))}", rng.choice(ROLES)) for _ in range(3)
    )
    return StoryPlan(
        number=number,
        kind=rng.choice(sorted(EVENTS)),
        place=f"{invented_name(rng)}{rng.choice(['ford', 'haven', 'burg', 'mouth', 'field', ''])}",
        site=rng.choice(SITES),
        river=f"River {invented_name(rng)}",
        day=start + dt.timedelta(days=rng.randrange(0, 365 * 3)),
        people=people,
        count=rng.randrange(12, 900),
    )


# Each fact of a story has several phrasings, so two outlets covering one story share
# facts and names but few five-word runs: they are one story, not copies.
FACTS = [
    ["{lead} on {weekday}, officials said.", "Officials said {lead_lower} on {weekday}.",
     "{weekday} saw {lead_lower}, according to officials.", "It was on {weekday} that {lead_lower}, the authorities confirmed."],
    ["About {count} people {action} as {responders} worked through the night.",
     "Some {count} residents {action}; {responders} stayed on duty overnight.",
     "{responders_cap} worked until morning while roughly {count} people {action}.",
     "Nearly {count} people {action}, and {responders} did not stop until dawn."],
    ["\"We are doing everything we can,\" said {name_a}, the {role_a}.",
     "{name_a}, the {role_a}, told a briefing that every available team had been deployed.",
     "The {role_a}, {name_a}, said the response was \"at full strength\".",
     "Speaking to reporters, {name_a} ({role_a}) promised more staff by {weekday} evening."],
    ["{name_b}, the {role_b}, said {noun} had been expected for weeks.",
     "According to {name_b}, the {role_b}, warnings about {noun} went back months.",
     "The {role_b}, {name_b}, argued that {noun} could have been foreseen.",
     "{name_b} said there had been signs of {noun} long before it happened."],
    ["Residents of {place} described long queues and closed roads near {site}.",
     "Roads around {site} stayed shut, and people in {place} reported long delays.",
     "In {place}, locals spoke of traffic backed up for hours near {site}.",
     "Queues formed across {place} as the area around {site} was sealed off."],
    ["The {role_c}, {name_c}, told reporters that an inquiry into {noun} would begin within a month.",
     "An inquiry will start within weeks, {name_c}, the {role_c}, said.",
     "{name_c} announced an investigation into {noun}, due to open next month.",
     "A formal review of {noun} was promised by {name_c}, the {role_c}."],
    ["Local businesses near {site} said trade had fallen sharply since {weekday}.",
     "Shop owners close to {site} reported empty tills since {weekday}.",
     "Traders in {place} said custom had collapsed since {weekday}.",
     "Several businesses around {site} closed early, citing lost trade."],
]


def write_article(rng: random.Random, story: StoryPlan, outlet: str) -> tuple[str, str, dt.date]:
    """Title, text (with some boilerplate) and publication date of one outlet's report."""
    opening, responders, action, noun = EVENTS[story.kind]
    lead = opening.format(site=story.site, place=story.place, river=story.river)
    (name_a, role_a), (name_b, role_b), (name_c, role_c) = story.people
    published = story.day + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    values = {
        "lead": lead, "lead_lower": lead[0].lower() + lead[1:], "weekday": story.day.strftime("%A"),
        "count": story.count + rng.choice((0, 0, 10, -10)), "action": action, "responders": responders,
        "responders_cap": responders.capitalize(), "name_a": name_a, "role_a": role_a, "name_b": name_b,
        "role_b": role_b, "name_c": name_c, "role_c": role_c, "noun": noun, "place": story.place, "site": story.site,
    }
    facts = FACTS[:2] + rng.sample(FACTS[2:], k=rng.randrange(3, len(FACTS) - 1))
    body = [rng.choice(phrasings).format(**values) for phrasings in facts]
    paragraphs = [rng.choice(BOILERPLATE)] + body + [rng.choice(BOILERPLATE)]
    if rng.random() < 0.5:
        paragraphs.insert(1, f"By {rng.choice(FIRST_NAMES)} {invented_name(rng)}, {outlet}")
    title = f"{noun.capitalize()} in {story.place}: {rng.choice(['what we know', 'residents wait for answers', 'officials respond', 'inquiry promised'])}"
    return title, "\n\n".join(paragraphs), published


def wire_copy(rng: random.Random, text: str, outlet: str) -> str:
    """Another outlet's reprint: new furniture, the last paragraph or two trimmed."""
    paragraphs = [p for p in text.split("\n\n") if p not in BOILERPLATE and not p.startswith("By ")]
    trimmed = paragraphs[: max(3, len(paragraphs) - rng.randrange(0, 3))]
    return "\n\n".join([rng.choice(BOILERPLATE), *trimmed, f"Copyright {outlet}. All rights reserved."])


def generate(articles: int, seed: int = 7) -> list[dict]:
    """The whole corpus in publication order, as JSON-ready records."""
    rng = random.Random(seed)
    outlets = sorted({f"The {invented_name(rng)} {word}" for word in OUTLET_WORDS for _ in range(3)})
    stories = [plan_story(rng, n, dt.date(2021, 1, 1)) for n in range(max(1, articles // 20))]
    records: list[dict] = []
    originals: list[dict] = []
    while len(records) < articles:
        story = rng.choice(stories)
        outlet = rng.choice(outlets)
        copy_of = None
        if originals and rng.random() < 0.10:
            source = rng.choice(originals)
            text, title, published = wire_copy(rng, source["text"], outlet), source["title"], source["published"]
            event, copy_of = source["event"], source["id"]
        else:
            title, text, day = write_article(rng, story, outlet)
            published, event = day.isoformat(), f"story-{story.number}"
        number = len(records) + 1
        record = {
            "id": f"syn-{number:06d}",
            "title": title,
            "text": text,
            "url": f"https://{outlet.lower().replace(' ', '-')}.example/news/{number}",
            "outlet": outlet,
            "published": published,
            "event": event,  # the gold story, for checking the clustering
            "copy_of": copy_of,
        }
        records.append(record)
        if copy_of is None:
            originals.append(record)
    records.sort(key=lambda r: (r["published"], r["id"]))
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, default=None, help="output file (default: standard output)")
    args = parser.parse_args(argv)
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in generate(args.articles, args.seed))
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            handle.writelines(lines)
    else:
        sys.stdout.writelines(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
