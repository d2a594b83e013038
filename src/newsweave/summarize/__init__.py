"""Extractive, cited summary: consensus first, no redundancy, within a word budget."""

from newsweave.summarize.extractive import summarize

__all__ = ["summarize"]
