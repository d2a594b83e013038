"""Boilerplate removal: take web furniture out of article text, recording every removed line.

`clean_article` judges one article on its own; `clean_story` also removes short lines
that several articles of the story share (site labels, menus, slogans).
"""

from newsweave.clean.cleaner import clean_article, clean_story

__all__ = ["clean_article", "clean_story"]
