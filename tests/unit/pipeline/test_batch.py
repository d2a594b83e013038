"""Pieces of the batch job: the LSH banding join (on a real local Spark), the copy window, identities,
reading Parquet and JSONL rows, and the one-line refusals when pyspark or Java is missing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from newsweave import cli, dedupe
from newsweave.config import DEFAULT_SETTINGS
from newsweave.errors import UsageError
from newsweave.model import InputProblem, RawDocument, StoredArticle
from newsweave.pipeline import batch_copies
from newsweave.pipeline.batch import MAX_DOCUMENTS_PER_PARTITION, partition_count
from newsweave.pipeline.batch_copies import CopyCandidate, copy_window_ends, find_copies
from newsweave.pipeline.batch_spark import require_spark, spark_failure
from newsweave.pipeline.batch_worker import CleanedRow, PositionRanges, keep_first_identities
from newsweave.pipeline.ingest import BATCH_SIZE

WIRE = (
    "The river authority closed the old stone bridge at Kalo on Tuesday after engineers found cracks in two of "
    "its piers. Traffic was sent across the ferry, and the authority said repairs would take at least six weeks. "
    "Shop owners on both banks said trade had already fallen since the weekend, and the mayor promised a "
    "temporary footbridge within days. The bridge, built in 1891, carries about nine thousand vehicles a day."
)
TRIMMED_REPRINT = "Advertisement\n\n" + WIRE.rsplit(". ", 1)[0] + ". Copyright The Kalo Herald."
UNRELATED = (
    "Voters in Merfield chose a new council on Sunday, and volunteers counted the ballots overnight in the "
    "school gymnasium. Turnout was the highest in twenty years, officials said, with queues outside two polling "
    "stations well after the doors should have closed. The new council meets for the first time next month."
)


def candidate(position: int, text: str) -> CopyCandidate:
    hashes = dedupe.shingle_hashes(text)
    return CopyCandidate(position, dedupe.band_keys(hashes, DEFAULT_SETTINGS), dedupe.make_sketch(hashes))


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the batch job needs the spark extra: pip install 'newsweave[spark]'")
    from newsweave.pipeline.batch_spark import java_command, spark_session

    if java_command() is None:
        pytest.skip("Spark needs a Java runtime, and none is installed")
    with spark_session("local[1]") as session:
        yield session


def test_the_banding_join_pairs_near_copies_and_leaves_unrelated_texts_apart(spark):
    texts = [WIRE, UNRELATED, TRIMMED_REPRINT, WIRE]
    rdd = spark.sparkContext.parallelize([candidate(position, text) for position, text in enumerate(texts)], 2)

    found = find_copies(spark, rdd, {}, DEFAULT_SETTINGS, 2)

    assert sorted(found) == [2, 3]  # the unrelated text copies nothing and nothing copies it
    assert found[2].earlier == 0 and DEFAULT_SETTINGS.copy_jaccard <= found[2].jaccard < 1.0  # a near copy
    # The exact copy matches both earlier versions; the better match (Jaccard 1.0 with the first) wins.
    assert (found[3].earlier, found[3].jaccard) == (0, 1.0)


def test_the_join_finds_what_the_copy_index_finds(spark):
    texts = [WIRE, UNRELATED, TRIMMED_REPRINT, WIRE, UNRELATED + " More to follow."]
    index = dedupe.CopyIndex(DEFAULT_SETTINGS)
    expected = {}
    for position, text in enumerate(texts):
        match = index.add(str(position), text)
        if match is not None:
            expected[position] = (int(match.original), round(match.similarity, 6))
    rdd = spark.sparkContext.parallelize([candidate(position, text) for position, text in enumerate(texts)], 3)

    found = find_copies(spark, rdd, {}, DEFAULT_SETTINGS, 3)

    assert {later: (copy.earlier, round(copy.jaccard, 6)) for later, copy in found.items()} == expected


def test_an_article_the_copy_index_forgot_is_no_original(spark):
    rdd = spark.sparkContext.parallelize([candidate(0, WIRE), candidate(1, UNRELATED), candidate(2, WIRE)], 1)

    assert find_copies(spark, rdd, {0: 1}, DEFAULT_SETTINGS, 1) == {}  # article 0 was last seen by article 1


def test_the_copy_window_forgets_as_ingest_does():
    day = dt.date(2024, 3, 1)
    dates = [(0, day), (1, day + dt.timedelta(days=2)), (2, None), (3, day + dt.timedelta(days=16)), (4, None)]
    # Day 16 is more than 14 days after day 0 only: article 0 leaves once article 3 has looked it up.
    assert copy_window_ends(dates) == {0: 3}


def test_the_copy_window_keeps_only_the_last_undated(monkeypatch):
    monkeypatch.setattr(batch_copies, "COPY_WINDOW_UNDATED", 2)
    assert copy_window_ends([(position, None) for position in range(4)]) == {0: 2, 1: 3}


def article(position: int, identity: str, article_id: str, outlet: str | None) -> CleanedRow:
    stored = StoredArticle(id=article_id, identity=identity, path=f"in.jsonl:{position}", url=None, outlet=outlet,
                           title=None, published=None, text="text", raw_text="text")  # fmt: skip
    return CleanedRow(position, stored)


def test_an_identity_keeps_its_first_article_and_another_outlets_text_copy():
    text_identity = "text:abc"
    rows = [
        article(9, text_identity, "a", "Post"),  # the same input given again: a repeat
        article(4, text_identity, "b", "Herald"),  # the same text from another outlet: kept under its own identity
        article(2, text_identity, "a", "Post"),
        article(7, text_identity, "b", "Herald"),
    ]
    kept = list(keep_first_identities(rows))
    assert [(row.position, row.outcome.identity) for row in kept] == [(2, text_identity), (4, "text:abc|b|Herald")]

    url_rows = [article(5, "url:https://x.example/1", "b", "Herald"), article(3, "url:https://x.example/1", "a", "Post")]
    assert [row.position for row in keep_first_identities(url_rows)] == [3]


def test_a_large_input_is_cut_into_partitions_of_bounded_size_unless_the_user_says_how_many():
    # A small input: twice the cores, so that every core has work while another task waits.
    assert partition_count(None, cores=2, documents=1_000) == 4
    assert partition_count(None, cores=1, documents=10) == 2
    # A large one: no partition above the bound, however few the cores (one core used to mean two
    # partitions of 25,000 articles at 50,000).
    for cores, documents in ((1, 50_000), (2, 50_001), (8, 1_000_000)):
        count = partition_count(None, cores=cores, documents=documents)
        assert -(-documents // count) <= MAX_DOCUMENTS_PER_PARTITION
        assert count >= 2 * cores
    assert partition_count(3, cores=1, documents=50_000) == 3  # --partitions N is taken as given


def test_partitions_are_contiguous_and_cut_between_ingest_batches():
    ranges = PositionRanges(partitions=3, documents=1000)
    parts = [ranges(position) for position in range(1000)]
    assert parts == sorted(parts) and set(parts) == {0, 1, 2}
    for start in range(0, 1000, BATCH_SIZE):
        assert len(set(parts[start : start + BATCH_SIZE])) == 1


def test_inputs_are_read_row_by_row_with_their_names(spark, tmp_path):
    from pyspark.sql import Row

    from newsweave.pipeline.batch_read import list_inputs, read_inputs

    folder = tmp_path / "in"
    folder.mkdir()
    good = {"id": "x1", "title": "Bridge closed", "text": WIRE, "url": "https://a.example/1"}
    (folder / "a.jsonl").write_text(json.dumps(good) + "\n\n{broken\n", encoding="utf-8")
    table = [
        Row(id="p1", text=UNRELATED, published=dt.date(2024, 5, 2), outlet="Herald"),
        Row(id="p2", text=None, published=None, outlet=None),
    ]
    spark.createDataFrame(table, "id STRING, text STRING, published DATE, outlet STRING").coalesce(1).write.parquet(
        str(folder / "b.parquet")
    )
    (folder / "notes.txt").write_text("not for batch", encoding="utf-8")

    listing = list_inputs([str(folder)])
    rows = sorted(read_inputs(spark, listing.files, DEFAULT_SETTINGS).collect(), key=lambda r: (r.file_number, r.row_number))

    assert [p.input for p in listing.problems] == [str(folder / "notes.txt")]  # and Spark's _SUCCESS marker passes
    assert "expected .jsonl or .parquet" in listing.problems[0].problem
    outcomes = [row.outcome for row in rows]
    assert isinstance(outcomes[0], RawDocument) and outcomes[0].external_id == "x1"
    assert outcomes[0].path == f"{folder / 'a.jsonl'}:1"
    assert isinstance(outcomes[1], InputProblem) and outcomes[1].input == f"{folder / 'a.jsonl'}:3"
    parquet_file = next(f.path for f in listing.files if f.kind == "parquet")
    assert isinstance(outcomes[2], RawDocument) and (outcomes[2].published, outcomes[2].outlet) == ("2024-05-02", "Herald")
    assert outcomes[2].path == f"{parquet_file}:1"
    assert outcomes[3] == InputProblem(f"{parquet_file}:2", "no 'text' field; every article needs its text")


def test_a_missing_pyspark_is_one_line_naming_the_extra(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed: importing it raises ImportError
    with pytest.raises(UsageError, match=r"pip install 'newsweave\[spark\]'"):
        require_spark()

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"text": WIRE}) + "\n", encoding="utf-8")
    status = cli.main(["batch", str(corpus), "--db", str(tmp_path / "c.db")])

    error = capsys.readouterr().err
    assert status == cli.EXIT_USAGE
    assert error.count("\n") == 1 and "pip install 'newsweave[spark]'" in error and "Traceback" not in error
    assert not (tmp_path / "c.db").exists()


def test_a_missing_java_is_one_line_naming_the_runtime(monkeypatch, tmp_path):
    pytest.importorskip("pyspark")
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java-here"))
    with pytest.raises(UsageError, match="Java 17 runtime"):
        require_spark()


def test_importing_newsweave_never_imports_pyspark():
    code = "import sys, newsweave, newsweave.cli, newsweave.pipeline; print('pyspark' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr


def test_a_spark_failure_is_told_by_the_worker_s_own_exception():
    text = (
        "An error occurred while calling o52.collect.\n: org.apache.spark.SparkException: Job aborted\n"
        "org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n"
        '  File "worker.py", line 1, in process\n    raise error\n'
        "newsweave.errors.ModelUnavailableError: the sentence embedding model cannot load: pip install x\n"
        "\tat org.apache.spark.api.python.BasePythonRunner.handlePythonException(PythonRunner.scala:572)\n"
    )
    assert spark_failure(RuntimeError(text)) == "the sentence embedding model cannot load: pip install x"
    assert spark_failure(RuntimeError("Java gateway process exited\nmore")) == "Java gateway process exited"


def test_a_master_spark_would_reject_is_refused_before_it_starts(tmp_path, capsys):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"text": WIRE}) + "\n", encoding="utf-8")
    status = cli.main(["batch", str(corpus), "--db", str(tmp_path / "c.db"), "--master", "local[two]"])
    error = capsys.readouterr().err
    assert status == cli.EXIT_USAGE and error.count("\n") == 1 and "spark://HOST:PORT" in error
    assert not (tmp_path / "c.db").exists()


def test_a_utf16_jsonl_file_is_refused_rather_than_split_into_broken_lines(tmp_path):
    from newsweave.pipeline.batch_read import list_inputs

    wide = tmp_path / "wide.jsonl"
    wide.write_bytes((json.dumps({"text": WIRE}) + "\n").encode("utf-16"))
    listing = list_inputs([str(wide), str(tmp_path / "missing.jsonl")])
    assert listing.files == ()
    assert [(p.input, "UTF-16" in p.problem) for p in listing.problems][0] == (str(wide), True)
    assert listing.problems[1].problem == "no such file or folder"
