"""Which office a person holds: "X, leader of the Harbour Party" in one source, "X, the party's floor leader" in another.

A role noun with a rank word before it ("deputy", "vice", "acting", "floor")
names another office than the noun alone: a floor leader is not the party's
leader, an acting director not the director. When sources give one person the
same role noun with different rank words (or one with and one without), they
tell the reader two different things about who the person is. The roles are
read as `analyze/roles.py` reads them, next to the name only. A source that
gives both forms (a deputy who later acts as leader) takes no side. Roles whose
other words differ ("Foreign Minister", "Deputy Prime Minister") are two offices
one person may hold at once, and are never compared.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.analyze.positions import build_position
from newsweave.analyze.roles import Role, roles_by_name, written
from newsweave.model import AnalyzedArticle, Conflict, Sentence


def _as_written(name: str, sentence_of: dict[tuple[str, int], Sentence], by_source: dict[str, list[Role]]) -> str:
    """The name with the capitals a source gives it (names are keyed in lower case)."""
    for roles in by_source.values():
        text = sentence_of[(roles[0].evidence.source, roles[0].evidence.index)].text
        start = text.lower().find(name)
        if start >= 0:
            return text[start : start + len(name)]
    return name.title()


def find_rank_conflicts(
    articles: Sequence[AnalyzedArticle], known_roles: dict[str, list[Role]] | None = None
) -> list[Conflict]:
    """People to whom sources give one role noun with different rank words (`known_roles`: `roles_by_name` of
    the articles, when the caller has read them already)."""
    sentence_of = {(s.source, s.index): s for a in articles for s in a.sentences}
    by_person_noun: dict[tuple[str, str], dict[str, list[Role]]] = {}
    full_name: dict[str, str] = {}
    for name, named_roles in (known_roles if known_roles is not None else roles_by_name(articles)).items():
        surname = name.split()[-1]  # "Ilse Varga" and "Varga" are one person in one story
        if len(name) > len(full_name.get(surname, "")):
            full_name[surname] = name
        for role in named_roles:
            by_person_noun.setdefault((surname, role.noun), {}).setdefault(role.evidence.source, []).append(role)
    conflicts = []
    for (surname, _noun), by_source in by_person_noun.items():
        offices = [role.lemmas - role.rank for roles in by_source.values() for role in roles]
        if not all(a <= b or b <= a for a in offices for b in offices):
            continue  # "Foreign Minister" and "Prime Minister": two offices, both may be held
        sides: dict[frozenset[str], list[Role]] = {}
        for roles in by_source.values():
            ranks = {role.rank for role in roles}
            if len(ranks) == 1:  # a source giving two ranks takes no side
                sides.setdefault(ranks.pop(), []).extend(roles)
        if len(sides) < 2:
            continue
        positions = []
        for _rank, side in sorted(sides.items(), key=lambda item: (-len(item[1]), sorted(item[0]))):
            sentences: list[Sentence] = [sentence_of[(r.evidence.source, r.evidence.index)] for r in side]
            values = [" ".join(part for part in (written(r.words), r.of_what) if part) for r in side]
            positions.append(build_position(values, sentences))
        name = _as_written(full_name[surname], sentence_of, by_source)
        conflicts.append(Conflict(topic=f"{name}'s office", kind="name", positions=tuple(positions)))
    return conflicts
