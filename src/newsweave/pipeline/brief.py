"""The one place where the stages are wired together.

load -> clean -> metadata -> nlp -> dedupe -> coherence -> align -> analyze
-> summarize -> Briefing. Each stage is a plain function over model records;
this module only passes records along, times each stage and turns inputs
that cannot be used into `InputProblem`s instead of exceptions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from newsweave import align, analyze, clean, dedupe, metadata, nlp, sources, stories, summarize
from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import (
    Article,
    Briefing,
    InputProblem,
    LoadResult,
    RawDocument,
    RemovedFromSource,
    SourceInfo,
    Story,
)

StageProgress = Callable[[str], None]  # told each stage's name as it starts, for a progress display
STDIN_NAME = "-"


@dataclass(frozen=True)
class StageTiming:
    stage: str
    seconds: float


@dataclass(frozen=True)
class BriefingRun:
    """What one run produced: the briefing (None when nothing usable was left), problems, timings."""

    briefing: Briefing | None
    problems: tuple[InputProblem, ...]
    timings: tuple[StageTiming, ...]


@dataclass
class _Stopwatch:
    progress: StageProgress | None = None
    timings: list[StageTiming] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.progress is not None:
            self.progress(name)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append(StageTiming(name, time.perf_counter() - started))


def brief_paths(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    stdin: BinaryIO | None = None,
    progress: StageProgress | None = None,
) -> BriefingRun:
    """Load files and folders ("-" is standard input, or `stdin`), then brief them as one story."""
    watch = _Stopwatch(progress)
    with watch.stage("load"):
        loaded = _load_paths(paths, settings, stdin)
    run = brief_documents(loaded.documents, settings, progress=progress)
    return BriefingRun(
        briefing=run.briefing,
        problems=loaded.problems + run.problems,
        timings=tuple(watch.timings) + run.timings,
    )


def _load_paths(paths: Sequence[str], settings: Settings, stdin: BinaryIO | None) -> LoadResult:
    """Files and folders in the order given; "-" reads standard input there, once."""
    if STDIN_NAME not in paths:
        return sources.load_inputs(paths, settings)
    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    position = paths.index(STDIN_NAME)
    for part in (
        sources.load_inputs(paths[:position], settings),
        sources.load_stdin(stdin, settings),
        sources.load_inputs([p for p in paths[position + 1 :] if p != STDIN_NAME], settings),
    ):
        documents.extend(part.documents)
        problems.extend(part.problems)
    if paths.count(STDIN_NAME) > 1:
        problems.append(InputProblem(STDIN_NAME, "standard input is named more than once; it was read the first time"))
    return LoadResult(documents=tuple(documents), problems=tuple(problems))


def brief_documents(
    documents: Sequence[RawDocument], settings: Settings = DEFAULT_SETTINGS, *, progress: StageProgress | None = None
) -> BriefingRun:
    """Brief already-loaded documents as one story."""
    watch = _Stopwatch(progress)
    problems: list[InputProblem] = []

    with watch.stage("clean"):
        cleaned = clean.clean_story([d.text for d in documents], settings)
    with watch.stage("metadata"):
        candidates = metadata.build_articles(documents, cleaned)
    articles = _usable_articles(candidates, settings, problems)
    if not articles:
        return BriefingRun(None, tuple(problems), tuple(watch.timings))

    with watch.stage("nlp"):
        analyzed = nlp.analyze_articles(articles, settings)
    with watch.stage("dedupe"):
        copies = dedupe.find_copies(articles, settings)
    with watch.stage("coherence"):
        coherence = stories.check_coherence(analyzed, settings)
    copy_members = frozenset(m for group in copies for m in group.members if m != group.origin)
    with watch.stage("align"):
        claims = align.align_claims(analyzed, settings, skip_sources=copy_members)
    with watch.stage("analyze"):
        analysis = analyze.analyze_story(analyzed, claims, copies, settings, embed=nlp.get_embedder(settings).embed)
    with watch.stage("summarize"):
        summary = summarize.summarize(analyzed, claims, analysis, settings)

    chains = {chain.source: chain for chain in analysis.chains}
    notes = list(coherence.notes())
    for article in articles:
        analysed = nlp.analyzed_length(article.text, settings)
        if analysed < len(article.text):
            notes.append(
                f"{article.id} is very long: only its first {analysed:,} of {len(article.text):,} characters "
                "were analysed (the limit is max_analyzed_chars)."
            )
    for item in analysis.self_contradictions:
        notes.append(
            f"{item.source} contradicts itself on “{item.topic}”: "
            + " and ".join(f"“{value}”" for value in item.values)
            + " cannot both be true (shown here, not as a disagreement between outlets)."
        )
    for group in copies:
        others = ", ".join(m for m in group.members if m != group.origin)
        notes.append(
            f"{others} {'is a copy' if len(group.members) == 2 else 'are copies'} of {group.origin} "
            f"(text similarity {group.similarity:.2f}): counted as one origin."
        )
    dates = [a.published for a in articles if a.published]
    briefing = Briefing(
        story=Story(
            headline=_story_headline(articles),
            first_published=min(dates) if dates else None,
            last_published=max(dates) if dates else None,
        ),
        sources=tuple(
            SourceInfo(
                id=a.id,
                outlet=a.outlet,
                title=a.title,
                url=a.url,
                published=a.published,
                path=a.path,
                cites=chains[a.id].cites if a.id in chains else (),
                copy_of=chains[a.id].copy_of if a.id in chains else None,
                external_id=a.external_id,
            )
            for a in articles
        ),
        summary=tuple(summary),
        analysis=analysis,
        removed=tuple(
            RemovedFromSource(source=a.id, text=line.text, reason=line.reason) for a in articles for line in a.removed
        ),
        notes=tuple(notes),
    )
    return BriefingRun(briefing, tuple(problems), tuple(watch.timings))


def _usable_articles(candidates: Sequence[Article], settings: Settings, problems: list[InputProblem]) -> list[Article]:
    """Drop articles with too little text left after cleaning; renumber the rest S1, S2, … in order."""
    kept = []
    for article in candidates:
        words = len(article.text.split())
        if words < settings.min_article_words:
            problems.append(
                InputProblem(
                    article.path,
                    f"only {words} words of article text after removing boilerplate "
                    f"(at least {settings.min_article_words} needed); skipped",
                )
            )
            continue
        kept.append(article)
    return [_with_id(article, f"S{number}") for number, article in enumerate(kept, start=1)]


def _with_id(article: Article, new_id: str) -> Article:
    return article if article.id == new_id else replace(article, id=new_id)


def _story_headline(articles: Sequence[Article]) -> str | None:
    """The headline of the earliest article that has one (input order breaks ties)."""
    titled = [a for a in articles if a.title]
    if not titled:
        return None
    return min(titled, key=lambda a: (a.published or dt.date.max, articles.index(a))).title
