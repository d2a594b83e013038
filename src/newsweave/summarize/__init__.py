"""Extractive, cited summary: a lede, then developments, reactions and background, each fact once, within a word budget."""

from newsweave.summarize.extractive import candidate_features, summarize

__all__ = ["candidate_features", "summarize"]
