"""The batch job's inputs: which files, in which order, read row by row into Spark.

Files and folders are walked as `newsweave ingest` walks them (depth first,
sorted names, dotfiles skipped, a file reached twice read once), so that the
input order, which breaks ties between articles of one date, is the same. Only
JSONL (.jsonl) and Parquet (.parquet) are read; inside a folder, names starting
with "_" are the markers Spark and Hadoop leave beside their output (_SUCCESS)
and are passed over. A SOURCE with a scheme (hdfs://, s3a://) is handed to
Spark as one file, since only Spark can list such storage. Lines are split on
newline bytes, so a JSONL file in UTF-16 or UTF-32 (which `ingest` decodes
whole) is refused with a problem: at this scale, save it as UTF-8.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsweave import sources
from newsweave.config import Settings
from newsweave.model import InputProblem
from newsweave.pipeline.batch_worker import ReadRow, jsonl_rows, parquet_row
from newsweave.sources.decoding import needs_whole_file_decoding
from newsweave.sources.jsonfiles import ENCODING_SNIFF_BYTES

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import Row, SparkSession

InputKind = Literal["jsonl", "parquet"]
KINDS: dict[str, InputKind] = {".jsonl": "jsonl", ".parquet": "parquet"}
WIDE_JSONL = "a UTF-16/UTF-32 JSONL file, whose lines newsweave batch cannot split; save it as UTF-8"
UNSUPPORTED = (
    "unsupported file type for newsweave batch{found} (expected .jsonl or .parquet; ingest other files with  newsweave ingest)"
)


@dataclass(frozen=True)
class InputFile:
    number: int  # place among the inputs: the input order
    path: str
    kind: InputKind


@dataclass(frozen=True)
class InputListing:
    files: tuple[InputFile, ...]
    problems: tuple[InputProblem, ...]


def list_inputs(items: Sequence[str]) -> InputListing:
    """The files SOURCE arguments name or hold, in ingest's order, and a problem for each one unusable."""
    files: list[InputFile] = []
    problems: list[InputProblem] = []
    seen: set[tuple[int, int]] = set()
    for given in items:
        if "://" in given:
            kind = _kind(given)
            if kind is None:
                problems.append(InputProblem(given, _unsupported(given)))
            else:
                files.append(InputFile(len(files), given, kind))
            continue
        for item in sources.input_files([given]):
            if isinstance(item, InputProblem):
                problems.append(item)
                continue
            path, status = item
            if path != given and os.path.basename(path).startswith("_"):
                continue
            kind = _kind(path)
            if kind is None:
                problems.append(InputProblem(path, _unsupported(path)))
                continue
            if (status.st_dev, status.st_ino) in seen:
                problems.append(InputProblem(path, "already loaded (reached more than once); skipped"))
                continue
            seen.add((status.st_dev, status.st_ino))
            if kind == "jsonl" and _is_wide(path):
                problems.append(InputProblem(path, WIDE_JSONL))
                continue
            files.append(InputFile(len(files), path, kind))
    return InputListing(tuple(files), tuple(problems))


def _is_wide(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            return needs_whole_file_decoding(stream.read(ENCODING_SNIFF_BYTES))
    except OSError:
        return False  # Spark reports the file it cannot read


def _kind(path: str) -> InputKind | None:
    return KINDS.get(os.path.splitext(path)[1].lower())


def _unsupported(path: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    return UNSUPPORTED.format(found=f" '{extension}'" if extension else ": no extension")


def read_inputs(spark: SparkSession, files: Sequence[InputFile], settings: Settings) -> RDD[ReadRow]:
    """Every row of every input, each with its file's number and its own, as documents or problems."""
    context = spark.sparkContext
    parts: list[RDD[ReadRow]] = []
    for item in files:
        if item.kind == "jsonl":
            # One partition per file below the block size; zipWithIndex numbers the lines in file order.
            lines = context.textFile(_spark_path(item.path), minPartitions=1, use_unicode=False)
            read_line = functools.partial(_line_rows, file=item, settings=settings)
            parts.append(lines.zipWithIndex().flatMap(read_line))
        else:
            table = spark.read.parquet(_spark_path(item.path))
            parts.append(table.rdd.zipWithIndex().map(functools.partial(_parquet_row, file=item)))
    return context.union(parts) if parts else context.emptyRDD()


def _line_rows(numbered: tuple[bytes, int], file: InputFile, settings: Settings) -> list[ReadRow]:
    line, number = numbered
    return jsonl_rows(file.number, file.path, number, line, settings)


def _parquet_row(numbered: tuple[Row, int], file: InputFile) -> ReadRow:
    row, number = numbered
    return parquet_row(file.number, file.path, number, row.asDict())


def _spark_path(path: str) -> str:
    """A local path as Spark reads it: absolute, with Hadoop's pattern characters taken literally."""
    if "://" in path:
        return path
    absolute = os.path.abspath(path)
    return "file://" + "".join("\\" + char if char in "*?[]{}," else char for char in absolute)
