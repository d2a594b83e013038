"""Load the spaCy English pipeline, offline, once per process."""

from __future__ import annotations

import functools
import importlib.util

import spacy

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import ModelUnavailableError
from newsweave.nlp.model_packages import missing_models_message


def load_language_model(settings: Settings = DEFAULT_SETTINGS) -> spacy.language.Language:
    """Return the first spaCy pipeline in `settings.spacy_models` that loads.

    Nothing is ever downloaded: only pipelines installed as Python packages
    are tried. The result is cached per process, keyed by the tuple of names,
    so warm calls cost nothing.

    Raises ModelUnavailableError, naming every missing model package and the pip command, when none loads.
    """
    return _load_first_available(tuple(settings.spacy_models))


@functools.lru_cache(maxsize=4)
def _load_first_available(names: tuple[str, ...]) -> spacy.language.Language:
    failures: list[str] = []
    for name in names:
        # spacy.load also accepts paths; checking for an installed package
        # first keeps a stray folder named like the model from being picked up.
        if importlib.util.find_spec(name) is None:
            failures.append(f"{name} (not installed)")
            continue
        try:
            return spacy.load(name)
        except Exception as error:  # a broken or incompatible package: try the next one
            failures.append(f"{name} ({type(error).__name__}: {error})")
    tried = "; ".join(failures) if failures else "no model names configured"
    raise ModelUnavailableError(
        f"no spaCy English pipeline could be loaded (tried: {tried}); {missing_models_message(names)}"
    )
