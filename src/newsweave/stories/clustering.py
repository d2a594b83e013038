"""Group articles into stories as they arrive, one article at a time.

`StoryClusterer.add` compares a new article with every open story and puts it
in the best one, or opens a new story. The score mixes four signals:

- the TF-IDF cosine between the body's words and the story's (stories/terms.py):
  the rarer words (places, names, the things involved) tell one event of a kind
  from another and join reports whose leads are worded apart;
- the cosine similarity between the article's vector (an embedding of title
  and lead) and the story's centroid, the mean of its members' vectors;
- how much of the article's named-entity weight the story shares, where an
  entity weighs more the rarer it is among the articles seen so far ("united
  states" is everywhere, "michael steele" is not);
- how far the article's date lies outside the story's dates: a penalty of
  `date_weight` per `date_scale_days` of gap. Time is a signal, not a gate: a
  day or two outside costs little, months apart cost more than any content can
  make up, and an article or a story with no date gets no penalty, so an
  undated article joins its story by content alone, and never splits one.

Stories close by the stream, not by the calendar: a story that none of the last
`idle_articles` articles joined closes for good. The number of open stories, and
so the cost of `add`, stays bounded on dated and undated streams alike, and an
article that arrives late (undated ones come last) still finds every story
that was active within that many articles.

Why the centroid and not the closest member: one row per story keeps the
comparison a single matrix product and the saved state a fixed size, and a
mean does not chain the way nearest-member linking does, where A joins B
because of C, D because of A, and a story drifts off its event.

A story can also split. While it is small (up to `story_split_max_members`) it
keeps its members' signatures, and each time it has grown by a quarter it is
tried: when its members cut into two parts that score under
`split_threshold` against each other, two events met in it, and the smaller
part leaves for a new story (stories/splitting.py). The larger part keeps the
id; `take_splits` tells the store which articles moved.

Everything is deterministic: the same signatures in the same order give the
same stories with the same ids, and `snapshot` / `resume` let an ingest stop
and resume with the same result.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from newsweave.config import DEFAULT_SETTINGS
from newsweave.errors import UsageError
from newsweave.model import ArticleSignature, StoryAssignment, StorySplit
from newsweave.stories.checkpoint import ClustererSnapshot, OpenStorySnapshot
from newsweave.stories.naming import STORY_ID, normalise_entity, story_id
from newsweave.stories.open_stories import OpenStories
from newsweave.stories.splitting import ScoreMix, SplitMember, separable_part
from newsweave.stories.terms import TermIndex

# Chosen on the development sets (benchmarks/quality_story_sets.py, leave one set out;
# docs/quality.md); they live in Settings so a deployment can change them.
JOIN_THRESHOLD = DEFAULT_SETTINGS.story_join_threshold  # lowest score at which an article joins a story
ENTITY_WEIGHT = DEFAULT_SETTINGS.story_entity_weight  # share of the score given to shared named entities
TERM_WEIGHT = DEFAULT_SETTINGS.story_term_weight  # share of the score given to the body's TF-IDF cosine
TOP_TERMS = DEFAULT_SETTINGS.story_top_terms  # words of each article's body that count
DATE_WEIGHT = DEFAULT_SETTINGS.story_date_weight  # what a date gap of DATE_SCALE_DAYS takes off the score
DATE_SCALE_DAYS = DEFAULT_SETTINGS.story_date_scale_days
IDLE_ARTICLES = DEFAULT_SETTINGS.story_idle_articles  # a story none of this many articles joined closes
SPLIT_THRESHOLD = DEFAULT_SETTINGS.story_split_threshold  # two parts scoring under it against each other split
SPLIT_MIN_PART = DEFAULT_SETTINGS.story_split_min_part
SPLIT_MAX_MEMBERS = DEFAULT_SETTINGS.story_split_max_members
SPLIT_GROWTH = 1.25  # a story is tried again once it has grown by a quarter: the cost stays linear

@dataclass(frozen=True, eq=False)
class StoryState:
    """What the clusterer holds of one story, to inspect it (`snapshot` is what a restart resumes from).

    `centroid` is the mean of the members' vectors (not re-normalised), so
    centroid × size gives back the running sum. `entity_counts` says in how
    many member articles each entity appears; summed over all stories they
    are the corpus-wide frequencies that weight entities by rarity.
    `last_joined` is how many articles the clusterer had seen when the last
    member joined; it decides when the story closes.
    """

    story_id: str
    centroid: np.ndarray | None = field(repr=False)  # float32
    size: int
    entity_counts: tuple[tuple[str, int], ...]  # sorted by entity
    first_published: dt.date | None
    last_published: dt.date | None
    last_joined: int
    open: bool
    terms: tuple[tuple[str, float], ...] = ()  # summed TF-IDF vector of the body words; empty once closed


@dataclass
class _Story:
    """The clusterer's own mutable record of a story (open ones also have a row in OpenStories)."""

    number: int
    size: int
    entity_counts: Counter[str]
    first: dt.date | None
    last: dt.date | None
    last_joined: int  # articles seen when the last member joined
    open: bool = True
    closed_centroid: np.ndarray | None = None  # kept once the story leaves the open rows
    checked_size: int = 1  # its size when it was last tried for a split


def _ordinal(day: dt.date | None) -> float:
    return float(day.toordinal()) if day is not None else math.nan


class StoryClusterer:
    """Incremental, deterministic story clustering over article signatures.

    Not thread-safe: one ingest feeds one clusterer. `last_compared` tells how
    many open stories the latest `add` compared the article with.
    """

    def __init__(
        self,
        *,
        threshold: float = JOIN_THRESHOLD,
        entity_weight: float = ENTITY_WEIGHT,
        term_weight: float = TERM_WEIGHT,
        top_terms: int = TOP_TERMS,
        date_weight: float = DATE_WEIGHT,
        date_scale_days: float = DATE_SCALE_DAYS,
        idle_articles: int = IDLE_ARTICLES,
        split_threshold: float = SPLIT_THRESHOLD,
        split_min_part: int = SPLIT_MIN_PART,
        split_max_members: int = SPLIT_MAX_MEMBERS,
    ) -> None:
        if not (0.0 <= entity_weight and 0.0 <= term_weight and entity_weight + term_weight <= 1.0):
            raise UsageError(
                f"entity_weight and term_weight must be 0 or more and add up to at most 1, not {entity_weight} and {term_weight}"
            )
        if top_terms < 1:
            raise UsageError(f"top_terms must be 1 or more, not {top_terms}")
        if date_weight < 0.0:
            raise UsageError(f"date_weight must be 0 or more, not {date_weight}")
        if date_scale_days <= 0:
            raise UsageError(f"date_scale_days must be more than 0, not {date_scale_days}")
        if idle_articles < 1:
            raise UsageError(f"idle_articles must be 1 or more, not {idle_articles}")
        if split_min_part < 1 or split_max_members < 2 * split_min_part:
            raise UsageError(
                f"split_min_part must be 1 or more and split_max_members at least twice it, "
                f"not {split_min_part} and {split_max_members}"
            )
        self.threshold = threshold
        self.entity_weight = entity_weight
        self.term_weight = term_weight
        self.date_weight = date_weight
        self.date_scale_days = date_scale_days
        self.idle_articles = idle_articles
        self.split_threshold = split_threshold
        self.split_min_part = split_min_part
        self.split_max_members = split_max_members
        self.last_compared = 0
        self._members: dict[int, list[ArticleSignature]] = {}  # open stories small enough to be split
        self._splits: list[StorySplit] = []
        self._stories: dict[int, _Story] = {}
        self._open: OpenStories | None = None  # created with the first vector, which fixes the dimension
        self._entity_frequency: Counter[str] = Counter()  # articles seen per entity
        self._terms = TermIndex(top_terms)
        self._articles_seen = 0
        self._next_number = 1
        self._closed_since_taken: list[str] = []

    # ----------------------------------------------------------------- adding

    def add(self, signature: ArticleSignature) -> StoryAssignment:
        """Put one article into the best open story, or open a new story for it.

        The assignment's score is the one compared with the threshold:
        (1 - entity_weight - term_weight) × cosine to the centroid + entity_weight
        × shared entity share + term_weight × body TF-IDF cosine - date_weight ×
        date gap / date_scale_days, or 1.0 when the article opened a story. An
        article without body words shares none: it joins only a story it is
        very close to in title and lead (splitting is the safer mistake).
        """
        vector = self._unit_vector(signature)
        entities = frozenset(filter(None, (normalise_entity(name) for name in signature.entities)))
        published = signature.published
        open_stories = self._open_rows(vector.shape[0])
        words = self._terms.vector(signature.terms)

        self.last_compared = open_stories.count
        best_row, best_score = -1, -math.inf
        if open_stories.count:
            cosine_share = 1.0 - self.entity_weight - self.term_weight
            gaps = open_stories.date_gaps(_ordinal(published))
            base = cosine_share * open_stories.cosines(vector) - self.date_weight * (gaps / self.date_scale_days)
            for number, similarity in self._terms.similarities(words).items():
                base[open_stories.row_of(number)] += self.term_weight * similarity
            # Entities can add at most entity_weight, so stories that cannot reach the threshold
            # even with every entity shared are skipped.
            weights = self._entity_weights(entities)
            for row in np.flatnonzero(base + self.entity_weight >= self.threshold):
                story = self._stories[open_stories.numbers[row]]
                score = float(base[row]) + self.entity_weight * self._entity_share(weights, story)
                if score > best_score:  # strict: on a tie the older story (lower row) wins
                    best_row, best_score = int(row), score

        self._articles_seen += 1
        if best_row >= 0 and best_score >= self.threshold:
            number = open_stories.numbers[best_row]
            self._join(self._stories[number], best_row, vector, entities, published)
            opened, score = False, round(best_score, 4)
        else:
            number = self._open_story(vector, entities, published)
            opened, score = True, 1.0
        self._terms.join(number, words)
        self._terms.count(word for word, _ in signature.terms)
        self._entity_frequency.update(entities)
        self._remember(number, signature)
        moved_to = self._maybe_split(number)
        if signature.article_id in moved_to:
            number = moved_to[signature.article_id]
        self._close_idle()
        return StoryAssignment(signature.article_id, story_id(number), opened, score)

    # ----------------------------------------------------------------- splitting

    def _remember(self, number: int, signature: ArticleSignature) -> None:
        """Keep a member's signature while its story is small enough to be split; forget them all past that."""
        members = self._members.setdefault(number, []) if self._stories[number].size == 1 else self._members.get(number)
        if members is None:
            return
        if len(members) >= self.split_max_members:
            del self._members[number]
            return
        members.append(signature)

    def _maybe_split(self, number: int) -> dict[str, int]:
        """Split the story if it has grown enough since it was last tried and holds two events;
        the moved articles and their new story number."""
        story = self._stories[number]
        members = self._members.get(number)
        due = max(2 * self.split_min_part, math.ceil(story.checked_size * SPLIT_GROWTH))
        if self.split_threshold <= 0 or members is None or story.size < due:
            return {}
        story.checked_size = story.size
        cut = [
            SplitMember(
                self._unit_vector(member),
                self._terms.vector(member.terms),
                frozenset(filter(None, (normalise_entity(name) for name in member.entities))),
                _ordinal(member.published),
            )
            for member in members
        ]
        weights = self._entity_weights(frozenset().union(*(member.entities for member in cut)))
        mix = ScoreMix(self.entity_weight, self.term_weight, self.date_weight, self.date_scale_days)
        leaving = set(separable_part(cut, mix, weights, threshold=self.split_threshold, min_part=self.split_min_part))
        if not leaving:
            return {}
        kept = [index for index in range(len(members)) if index not in leaving]
        new = self._next_number
        self._next_number += 1
        self._rebuild(number, [members[i] for i in kept], [cut[i] for i in kept], reopen=False)
        self._rebuild(new, [members[i] for i in sorted(leaving)], [cut[i] for i in sorted(leaving)], reopen=True)
        moved = tuple(members[i].article_id for i in sorted(leaving))
        self._splits.append(StorySplit(story_id(number), story_id(new), moved))
        return dict.fromkeys(moved, new)

    def _rebuild(self, number: int, members: list[ArticleSignature], cut: list[SplitMember], *, reopen: bool) -> None:
        """Make a story's sums, counts and dates those of exactly these members (a new story when `reopen`)."""
        assert self._open is not None
        days = [member.day for member in cut if not math.isnan(member.day)]
        first, last = (min(days), max(days)) if days else (math.nan, math.nan)
        vector_sum = np.sum([member.vector for member in cut], axis=0)
        dates = [member.published for member in members if member.published is not None]
        entity_counts: Counter[str] = Counter()
        for member in cut:
            entity_counts.update(member.entities)
        if reopen:
            self._open.append(number, vector_sum, first, last, float(self._articles_seen))
            self._stories[number] = _Story(
                number, len(members), entity_counts, min(dates, default=None), max(dates, default=None),
                self._articles_seen, checked_size=len(members),
            )  # fmt: skip
        else:
            self._open.reset(self._open.row_of(number), vector_sum, first, last)
            story = self._stories[number]
            story.size, story.entity_counts, story.checked_size = len(members), entity_counts, len(members)
            story.first, story.last = min(dates, default=None), max(dates, default=None)
        self._terms.close(number)
        for member in cut:
            self._terms.join(number, member.terms)
        self._members[number] = list(members)

    def take_splits(self) -> tuple[StorySplit, ...]:
        """The splits made since the previous call, in order, so that a store can move the articles."""
        splits, self._splits = tuple(self._splits), []
        return splits

    def _unit_vector(self, signature: ArticleSignature) -> np.ndarray:
        vector = np.asarray(signature.vector, dtype=np.float64).reshape(-1)
        if vector.size == 0:
            raise UsageError(f"article {signature.article_id} has an empty vector; embed its title and lead first")
        if self._open is not None and vector.shape[0] != self._open.dim:
            raise UsageError(
                f"article {signature.article_id} has a {vector.shape[0]}-dimensional vector, "
                f"the stories have {self._open.dim}: use one embedding model for the whole corpus"
            )
        norm = float(np.linalg.norm(vector))
        # Signatures should be unit length already; re-normalising keeps a stray
        # unnormalised vector from outweighing the others in a centroid.
        return vector / norm if norm > 0 else vector

    def _open_rows(self, dim: int) -> OpenStories:
        if self._open is None:
            self._open = OpenStories(dim)
        return self._open

    def _entity_weights(self, entities: frozenset[str]) -> dict[str, float]:
        """Rarity weight of each entity: a smoothed inverse document frequency, at least 1."""
        total = self._articles_seen + 1
        return {
            name: math.log(total / (self._entity_frequency.get(name, 0) + 1)) + 1.0 for name in sorted(entities)
        }

    @staticmethod
    def _entity_share(weights: dict[str, float], story: _Story) -> float:
        """Weighted share of the article's entities the story has, each counted by how often it appears there.

        An entity every member names counts fully, one named by a single
        member of five counts a fifth: one passing mention of "ukraine" in a
        long story should not pull in every Ukraine article.
        """
        total = sum(weights.values())
        if total == 0.0:
            return 0.0
        counts = story.entity_counts
        shared = sum(weight * counts[name] for name, weight in weights.items() if name in counts)
        return shared / (total * story.size)

    def _join(
        self, story: _Story, row: int, vector: np.ndarray, entities: frozenset[str], published: dt.date | None
    ) -> None:
        assert self._open is not None
        self._open.join(row, vector, _ordinal(published), float(self._articles_seen))
        story.size += 1
        story.entity_counts.update(entities)
        if published is not None:
            story.first = published if story.first is None else min(story.first, published)
            story.last = published if story.last is None else max(story.last, published)
        story.last_joined = self._articles_seen

    def _open_story(self, vector: np.ndarray, entities: frozenset[str], published: dt.date | None) -> int:
        assert self._open is not None
        number = self._next_number
        self._next_number += 1
        self._stories[number] = _Story(number, 1, Counter(entities), published, published, self._articles_seen)
        day = _ordinal(published)
        self._open.append(number, vector, day, day, float(self._articles_seen))
        return number

    # ----------------------------------------------------------------- closing

    def _close_idle(self) -> None:
        """Close the stories that none of the last `idle_articles` articles joined."""
        assert self._open is not None
        cutoff = float(self._articles_seen - self.idle_articles + 1)
        for number, vector_sum in self._open.close_before(cutoff):
            story = self._stories[number]
            story.open = False
            story.closed_centroid = (vector_sum / story.size).astype(np.float32)
            self._terms.close(number)
            self._members.pop(number, None)
            self._closed_since_taken.append(story_id(number))

    def take_closed(self) -> tuple[str, ...]:
        """Ids of the stories closed since the previous call, in closing order, so a store can mark them."""
        closed, self._closed_since_taken = tuple(self._closed_since_taken), []
        return closed

    # ----------------------------------------------------------------- state

    @property
    def dimension(self) -> int | None:
        """The length of the vectors the open stories hold, once there is one."""
        return self._open.dim if self._open is not None else None

    @property
    def open_count(self) -> int:
        """Number of stories still taking articles."""
        return self._open.count if self._open is not None else 0

    def state_of(self, story: str) -> StoryState:
        """The current state of one story, e.g. to save the story an `add` just touched."""
        match = STORY_ID.match(story)
        record = self._stories.get(int(match.group(1))) if match else None
        if record is None:
            raise UsageError(f"no story {story!r} in this clusterer")
        return self._state(record)

    def export_state(self) -> tuple[StoryState, ...]:
        """The state of every story, in opening order (to inspect; `snapshot` is what resumes)."""
        return tuple(self._state(self._stories[number]) for number in sorted(self._stories))

    def _state(self, story: _Story) -> StoryState:
        centroid: np.ndarray | None
        if story.open:
            assert self._open is not None
            centroid = (self._open.vector_sum(self._open.row_of(story.number)) / story.size).astype(np.float32)
        else:
            centroid = story.closed_centroid
        return StoryState(
            story_id=story_id(story.number),
            centroid=centroid,
            size=story.size,
            entity_counts=tuple(sorted(story.entity_counts.items())),
            first_published=story.first,
            last_published=story.last,
            last_joined=story.last_joined,
            open=story.open,
            terms=self._terms.story_vector(story.number),
        )

    def snapshot(self) -> ClustererSnapshot:
        """The whole state, exactly; take it after `take_closed` (stories closed but not yet taken are
        not remembered)."""
        rows = self._open
        stories: list[OpenStorySnapshot] = []
        if rows is not None:
            stories = [self._story_snapshot(rows, row, number) for row, number in enumerate(rows.numbers)]
        articles, frequency = self._terms.frequencies()
        return ClustererSnapshot(
            articles_seen=self._articles_seen,
            next_number=self._next_number,
            entity_frequency=tuple(sorted(self._entity_frequency.items())),
            term_articles=articles,
            term_frequency=frequency,
            stories=tuple(stories),
        )

    def _story_snapshot(self, rows: OpenStories, row: int, number: int) -> OpenStorySnapshot:
        story = self._stories[number]
        members = self._members.get(number)
        return OpenStorySnapshot(
            number=number,
            size=story.size,
            entity_counts=tuple(sorted(story.entity_counts.items())),
            first_published=story.first,
            last_published=story.last,
            last_joined=story.last_joined,
            vector_sum=rows.vector_sum(row),
            terms=self._terms.story_vector(number),
            terms_squared_norm=self._terms.squared_norm(number),
            checked_size=story.checked_size,
            members=None if members is None else tuple(member.article_id for member in members),
        )

    def resume(self, snapshot: ClustererSnapshot, members: Mapping[str, ArticleSignature] | None = None) -> None:
        """Carry on from `snapshot` exactly as the clusterer that took it would.

        Only a new clusterer, with the settings of the one that took the
        snapshot, can resume. Closed stories stay unknown to it: `state_of`
        and `export_state` cover the open ones only. `members` gives the
        stored signature of every article the snapshot lists as a member of a
        story that may still split (`ClustererSnapshot.member_ids`); one
        missing is a UsageError, since the run would not go on as before.
        """
        members = members or {}
        if self._articles_seen or self._stories:
            raise UsageError("only a clusterer that has seen no article can resume from a snapshot")
        self._articles_seen = snapshot.articles_seen
        self._next_number = snapshot.next_number
        self._entity_frequency = Counter(dict(snapshot.entity_frequency))
        self._terms.restore_frequencies(snapshot.term_articles, snapshot.term_frequency)
        for story in snapshot.stories:
            if not (0 < story.number < snapshot.next_number and story.size >= 1):
                raise UsageError(f"story number {story.number} does not fit its snapshot")
            if story.vector_sum.ndim != 1 or not story.vector_sum.size or not np.isfinite(story.vector_sum).all():
                raise UsageError(f"story number {story.number} has no usable vector in its snapshot")
            rows = self._open_rows(story.vector_sum.shape[0])
            if story.vector_sum.shape[0] != rows.dim:
                raise UsageError(f"story number {story.number} has a vector of another dimension than the others")
            first, last = _ordinal(story.first_published), _ordinal(story.last_published)
            rows.append(story.number, story.vector_sum, first, last, float(story.last_joined))
            self._stories[story.number] = _Story(
                story.number,
                story.size,
                Counter(dict(story.entity_counts)),
                story.first_published,
                story.last_published,
                story.last_joined,
                checked_size=story.checked_size,
            )
            self._terms.restore_story(story.number, dict(story.terms), story.terms_squared_norm)
            if story.members is not None:
                missing = [article for article in story.members if article not in members]
                if missing:
                    raise UsageError(f"story number {story.number} lists member {missing[0]}, whose signature is not given")
                self._members[story.number] = [members[article] for article in story.members]

    def term_frequencies(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        """How many articles' body words were counted, and in how many each word appeared."""
        return self._terms.frequencies()
