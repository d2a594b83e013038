"""The only place where stages are wired together.

- `brief`: one story's articles -> a cited, cross-checked Briefing.
- `ingest`: a stream of articles -> the corpus database, copies folded, stories grown.
"""

from newsweave.pipeline.brief import BriefingRun, StageTiming, brief_documents, brief_paths
from newsweave.pipeline.ingest import (
    IngestReport,
    IngestTally,
    Ingestor,
    article_lines,
    brief_story,
    ingest_bytes,
    ingest_sources,
    run_ingest,
)
from newsweave.pipeline.prepare import PreparedArticle, PreparedBatch, prepare_batch

__all__ = [
    "BriefingRun",
    "IngestReport",
    "IngestTally",
    "Ingestor",
    "PreparedArticle",
    "PreparedBatch",
    "StageTiming",
    "article_lines",
    "brief_documents",
    "brief_paths",
    "brief_story",
    "ingest_bytes",
    "ingest_sources",
    "prepare_batch",
    "run_ingest",
]
