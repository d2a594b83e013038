"""Group a story's articles into copies of one origin."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.dedupe.copy_index import CopyIndex
from newsweave.errors import UsageError
from newsweave.model import Article, CopyGroup


def find_copies(articles: Sequence[Article], settings: Settings = DEFAULT_SETTINGS) -> list[CopyGroup]:
    """Groups of two or more articles that are copies of each other (see CopyIndex for the test).

    Copying is taken as transitive: a reprint of a reprint joins the group.
    The origin is the earliest published member when members carry
    different dates, otherwise the first in input order. `similarity` is the
    lowest pairwise Jaccard inside the group. Groups and their members come
    in input order, origin first.
    """
    position_of: dict[str, int] = {}
    for position, article in enumerate(articles):
        if article.id in position_of:
            raise UsageError(f"two articles share the id {article.id!r}; ids must be unique")
        position_of[article.id] = position

    index = CopyIndex(settings)
    group_of = list(range(len(articles)))  # union-find parents, by input position

    def root(position: int) -> int:
        while group_of[position] != position:
            group_of[position] = group_of[group_of[position]]  # path halving
            position = group_of[position]
        return position

    for position, article in enumerate(articles):
        for match in index.add_all(article.id, article.text):
            first, second = sorted((root(position), root(position_of[match.original])))
            group_of[second] = first  # the lower input position stays the root

    members_by_root: dict[int, list[int]] = {}
    for position in range(len(articles)):
        members_by_root.setdefault(root(position), []).append(position)

    groups: list[CopyGroup] = []
    for positions in members_by_root.values():
        if len(positions) < 2:
            continue
        members = [articles[position] for position in positions]
        origin = _choose_origin(members)
        ordered = [origin.id] + [member.id for member in members if member.id != origin.id]
        lowest = min(index.overlap(first.id, second.id).jaccard for first, second in itertools.combinations(members, 2))
        groups.append(CopyGroup(origin=origin.id, members=tuple(ordered), similarity=round(lowest, 4)))
    return groups


def _choose_origin(members: list[Article]) -> Article:
    """The earliest published member if dates differ, else the first in input order."""
    dated = [member for member in members if member.published is not None]
    if len({member.published for member in dated}) < 2:
        return members[0]
    # min keeps the first of equal dates, so input order breaks ties.
    return min(dated, key=lambda member: member.published or dt.date.max)
