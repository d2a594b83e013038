"""Source chains: which outlets a source says its report comes from.

"Press TV, citing Reuters, citing a senior Turkish official": a source that
retells another outlet's report is not an independent confirmation of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.analyze.attribution import is_news_outlet, outlet_name
from newsweave.model import AnalyzedArticle, Attribution, CopyGroup, SourceChain


def find_chains(
    articles: Sequence[AnalyzedArticle],
    attributions: dict[str, list[Attribution | None]],
    copies: Sequence[CopyGroup],
) -> list[SourceChain]:
    """One chain per source: the outlets it cites (in order of first citation) and what it copies."""
    copy_of = {member: group.origin for group in copies for member in group.members if member != group.origin}
    chains = []
    for analyzed in articles:
        own = (analyzed.article.outlet or "").lower()
        cited: dict[str, None] = {}
        for attribution in attributions.get(analyzed.article.id, []):
            if attribution is None:
                continue
            names = list(attribution.via)
            if is_news_outlet(attribution.speaker):
                names.append(outlet_name(attribution.speaker))
            for name in names:
                if name and name.lower() != own:
                    cited.setdefault(name, None)
        chains.append(SourceChain(source=analyzed.article.id, cites=tuple(cited), copy_of=copy_of.get(analyzed.article.id)))
    return chains


def dependent_sources(
    sources: Sequence[str], via_by_source: dict[str, set[str]], outlet_of: dict[str, str | None]
) -> set[str]:
    """The sources in `sources` whose evidence cites another source of the same group.

    Press TV's sentence "…, Reuters cited a senior Turkish official as saying"
    depends on Reuters when Reuters is in the group: one origin, not two.
    """
    outlets = {(outlet_of.get(s) or "").lower(): s for s in sources if outlet_of.get(s)}
    dependent = set()
    for source in sources:
        for name in via_by_source.get(source, set()):
            origin = outlets.get(name.lower())
            if origin is not None and origin != source:
                dependent.add(source)
    return dependent
