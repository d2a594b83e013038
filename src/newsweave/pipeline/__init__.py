"""The only place where stages are wired together.

- `brief`: one story's articles -> a cited, cross-checked Briefing.
- `ingest`: a stream of articles -> the corpus database, copies folded, stories grown.
"""

from newsweave.pipeline.brief import BriefingRun, StageTiming, brief_documents, brief_paths
from newsweave.pipeline.ingest import IngestReport, Ingestor, brief_story, ingest_sources

__all__ = [
    "BriefingRun",
    "IngestReport",
    "Ingestor",
    "StageTiming",
    "brief_documents",
    "brief_paths",
    "brief_story",
    "ingest_sources",
]
