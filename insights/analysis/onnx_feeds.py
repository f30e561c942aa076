"""What the int8 ONNX embedder and its export share: tokenizer, batches and feeds.

A BERT-like ONNX model takes ``input_ids``, ``attention_mask`` and
``token_type_ids``; `padded_feeds` builds them for a batch of token-id lists,
`length_batches` cuts texts into batches of similar length, and `load_tokenizer`
reads the model's own tokenizer with sentence-transformers' truncation
(`max_seq_length`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["length_batches", "load_tokenizer", "max_seq_length", "padded_feeds"]


def load_tokenizer(transformer_dir: Path, max_length: int) -> Any:
    """The `tokenizers.Tokenizer` of the model folder, truncating, without padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(transformer_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.no_padding()
    return tokenizer


def max_seq_length(transformer_dir: Path) -> int:
    """sentence-transformers' truncation length of the model: its sentence_bert_config, or 256."""
    config_file = transformer_dir / "sentence_bert_config.json"
    config = json.loads(config_file.read_text("utf-8")) if config_file.is_file() else {}
    return int(config.get("max_seq_length") or 256)


def length_batches(lengths: np.ndarray, token_budget: int) -> Iterator[np.ndarray]:
    """Row indices, longest texts first, each batch within `token_budget` padded tokens."""
    order = np.argsort(-lengths, kind="stable")
    start = 0
    while start < len(order):
        longest = max(int(lengths[order[start]]), 1)
        size = max(1, token_budget // longest)
        yield order[start : start + size]
        start += size


def padded_feeds(ids: list[list[int]]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The model inputs of one batch, zero-padded to its longest text, and the mask."""
    width = max(len(tokens) for tokens in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros_like(input_ids)
    for row, tokens in enumerate(ids):
        input_ids[row, : len(tokens)] = tokens
        mask[row, : len(tokens)] = 1
    feeds = {"input_ids": input_ids, "attention_mask": mask}
    feeds["token_type_ids"] = np.zeros_like(input_ids)
    return feeds, mask
