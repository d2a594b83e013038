"""The body's words as a second content signal: TF-IDF over the open stories, kept incrementally.

The lead embedding says what an article is about in general ("a mass shooting");
the body's rarer words say which one (the town, the suspect's name, the bowling
alley). Each article becomes a short TF-IDF vector: its `top_terms` words with the
highest sublinear term frequency times inverse document frequency, the frequencies
counted over the articles seen so far, scaled to unit length; words in a fifth or
more of the articles are left out. A story's vector is
the sum of its members' vectors. Only the stories sharing a word with the article
are touched (an inverted index), so the cost follows the article's words and the
stories that use them, not the corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

TermVector = dict[str, float]
# A word in more than this share of the articles seen ("said", "people") tells no event apart and
# would touch nearly every open story: it is left out once enough articles give the share meaning.
COMMON_WORD_SHARE = 0.2
COMMON_WORD_MIN_ARTICLES = 50


class TermIndex:
    """Document frequencies of every word seen, and the summed TF-IDF vectors of the open stories."""

    def __init__(self, top_terms: int) -> None:
        self.top_terms = top_terms
        self._frequency: Counter[str] = Counter()  # articles seen per word
        self._articles = 0
        self._postings: dict[str, dict[int, float]] = {}  # word -> story number -> its weight in the story's sum
        self._sums: dict[int, TermVector] = {}  # story number -> summed vector
        self._squared_norms: dict[int, float] = {}

    def vector(self, counts: Iterable[tuple[str, int]]) -> TermVector:
        """An article's unit TF-IDF vector over its `top_terms` best words (ties broken by the word)."""
        total = self._articles + 1
        common = COMMON_WORD_SHARE * self._articles if self._articles >= COMMON_WORD_MIN_ARTICLES else math.inf
        weights = [
            (-(1.0 + math.log(count)) * (math.log(total / (self._frequency.get(word, 0) + 1)) + 1.0), word)
            for word, count in counts
            if count > 0 and self._frequency.get(word, 0) <= common
        ]
        best = sorted(weights)[: self.top_terms]
        norm = math.sqrt(sum(weight * weight for weight, _ in best))
        return {word: -weight / norm for weight, word in best} if norm > 0 else {}

    def similarities(self, vector: Mapping[str, float]) -> dict[int, float]:
        """Cosine between an article's vector and each open story that shares a word with it."""
        dots: dict[int, float] = {}
        for word, weight in vector.items():
            for story, summed in self._postings.get(word, {}).items():
                dots[story] = dots.get(story, 0.0) + weight * summed
        return {story: dot / math.sqrt(self._squared_norms[story]) for story, dot in dots.items() if dot > 0}

    def count(self, words: Iterable[str]) -> None:
        """Count one more article and the distinct words it uses."""
        self._articles += 1
        self._frequency.update(set(words))

    def join(self, story: int, vector: Mapping[str, float]) -> None:
        """Add an article's vector to a story's sum."""
        summed = self._sums.setdefault(story, {})
        squared = self._squared_norms.get(story, 0.0)
        for word, weight in vector.items():
            old = summed.get(word, 0.0)
            new = old + weight
            summed[word] = new
            squared += new * new - old * old
            self._postings.setdefault(word, {})[story] = new
        self._squared_norms[story] = squared

    def close(self, story: int) -> None:
        """Forget a closed story's words: it takes no more articles."""
        for word in self._sums.pop(story, {}):
            postings = self._postings.get(word)
            if postings is not None:
                postings.pop(story, None)
                if not postings:
                    del self._postings[word]
        self._squared_norms.pop(story, None)

    def frequencies(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        """How many articles were counted, and in how many each word appeared (sorted by word)."""
        return self._articles, tuple(sorted(self._frequency.items()))

    def restore_frequencies(self, articles: int, frequencies: Iterable[tuple[str, int]]) -> None:
        self._articles = articles
        self._frequency = Counter(dict(frequencies))

    def story_vector(self, story: int) -> tuple[tuple[str, float], ...]:
        return tuple(sorted(self._sums.get(story, {}).items()))

    def squared_norm(self, story: int) -> float:
        """A story's squared norm exactly as kept (summed article by article), for a checkpoint."""
        return self._squared_norms.get(story, 0.0)

    def restore_story(self, story: int, summed: Mapping[str, float], squared_norm: float) -> None:
        """Take back a story's sum and squared norm (`story_vector`, `squared_norm`), bit for bit: summing again
        could differ in the last digits and so, rarely, in a later choice."""
        self._sums[story] = dict(summed)
        self._squared_norms[story] = squared_norm
        for word, weight in summed.items():
            self._postings.setdefault(word, {})[story] = weight
