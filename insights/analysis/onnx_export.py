"""Export a local sentence-transformers model to ONNX with int8 weights, cached on disk.

Recipe (`RECIPE`): the model's Transformer module is loaded from its local folder
with transformers (eager attention, no hub), traced to ONNX opset 17 with dynamic
batch and sequence axes by torch's TorchScript exporter, then ONNX Runtime's
`quantize_dynamic` stores every MatMul and embedding weight as int8, one scale per
output channel. Per-channel scales matter: with one scale per tensor the vectors of
our evaluation texts kept a mean cosine of 0.95 to fp32, per channel 0.99
(``benchmarks/perf.py --quality``).

Activations get fixed scales measured once at export on the shipped taxonomies'
texts (`insights.analysis.onnx_static`) instead of ONNX Runtime's one scale per batch
tensor, so a text's vector is the same in any batch, at the same speed.

Cache: ``<cache_dir>/<fingerprint>/model.int8.onnx``, where the fingerprint hashes
the recipe, the calibration texts and the bytes of the model's weights, config and
tokenizer. The model is built in a private temporary folder next to its final place
and moved there with `os.replace`, so a reader never sees half a file, and two
processes that export at once both succeed (the last rename wins; both files are
the same).

Telemetry: ONNX Runtime >= 1.29 sends usage events and writes a device id on
Linux and macOS unless ``ORT_DISABLE_TELEMETRY=1`` is set before it loads.
`import_onnxruntime` sets it (unless the user set it) before the first import;
customer research must not phone home.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from inspect import signature
from pathlib import Path
from types import ModuleType
from typing import Any

from insights.analysis.onnx_feeds import load_tokenizer, max_seq_length
from insights.analysis.onnx_static import fix_activation_scales
from insights.errors import InsightsError, UsageError
from insights.io import atomic_write

__all__ = [
    "RECIPE",
    "import_onnxruntime",
    "int8_model_path",
    "model_fingerprint",
    "remember_fingerprint",
    "onnx_cache_dir",
]

RECIPE = "onnx-opset17-int8-per-channel-weights-calibrated-activations.v2"
MODEL_FILE = "model.int8.onnx"
_MEMO_FOLDER = "fingerprints"  # digests of model folders (`model_fingerprint`)
_FINGERPRINT_FILES = (
    "config.json",
    "model.safetensors",
    "pytorch_model.bin",
    "tokenizer.json",
    "vocab.txt",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "sentence_bert_config.json",  # max_seq_length: the calibration texts' truncation
)
_CHUNK = 1 << 20
_INSTALL = "pip install 'onnxruntime>=1.17' 'onnx>=1.15'"


def import_onnxruntime() -> ModuleType:
    """Import onnxruntime with its telemetry off; a missing install is a `UsageError`.

    Example:
        >>> ort = import_onnxruntime()
    """
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    try:
        import onnxruntime
    except ImportError:
        raise UsageError(
            f"the int8 ONNX embedder needs onnxruntime; install it with: {_INSTALL}"
        ) from None
    return onnxruntime


def onnx_cache_dir() -> Path:
    """Where exported models live: $XDG_CACHE_HOME/insights/onnx, or ~/.cache/insights/onnx."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "insights" / "onnx"


def model_fingerprint(model_dir: Path, *, memo_dir: Path | None = None) -> str:
    """Hex digest (16 characters) of `RECIPE`, the calibration texts and the model files.

    Hashing MiniLM's 90 MB of weights costs 0.1-0.2 s of every run; a digest
    `remember_fingerprint` kept in `memo_dir` is read back instead while the
    files keep their names, sizes and modification times (as `insights.unpacked`
    keys its copies).

    Example:
        >>> model_fingerprint(Path("models/all-MiniLM-L6-v2"))
        '3f2a9c0d1b7e4a55'
    """
    return _fingerprint(model_dir, memo_dir)[0]


def remember_fingerprint(model_dir: Path, memo_dir: Path, fingerprint: str) -> None:
    """Keep `fingerprint` of `model_dir` for `model_fingerprint` (nothing if it cannot)."""
    _write_memo(_memo_file(model_dir, memo_dir), fingerprint)


def _fingerprint(model_dir: Path, memo_dir: Path | None) -> tuple[str, Path | None]:
    """The fingerprint, and the memo file to keep it in when it was hashed, not read back."""
    from insights.analysis.onnx_static import calibration_digest

    files = _fingerprint_files(model_dir)
    memo = _memo_file(model_dir, memo_dir, files) if memo_dir is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found = memo.read_text(encoding="ascii").strip()
            if len(found) == 16 and all(c in "0123456789abcdef" for c in found):
                return found, None
    digest = hashlib.sha256(RECIPE.encode())
    digest.update(calibration_digest().encode())
    for path in files:
        digest.update(f"\0{path.name}\0".encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
    return digest.hexdigest()[:16], memo


def _memo_file(model_dir: Path, memo_dir: Path, files: list[Path] | None = None) -> Path:
    """The memo of `model_dir`'s digest: named by its files' names, sizes and times."""
    from insights.analysis.onnx_static import calibration_digest

    if files is None:
        files = _fingerprint_files(model_dir)
    stats = [(p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in files]
    key = f"{RECIPE}|{calibration_digest()}|{model_dir.resolve()}|{stats}"
    return memo_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.fingerprint"


def _fingerprint_files(model_dir: Path) -> list[Path]:
    return [model_dir / n for n in _FINGERPRINT_FILES if (model_dir / n).is_file()]


def _write_memo(memo: Path, fingerprint: str) -> None:
    with contextlib.suppress(OSError):  # a read-only cache: hashed again next time
        atomic_write(memo, lambda handle: handle.write(fingerprint.encode("ascii")))


def int8_model_path(model_dir: Path, *, cache_dir: Path | None = None) -> Path:
    """The int8 ONNX model of the Transformer in `model_dir`, exported on first use.

    Args:
        model_dir: Local folder of a BERT-like transformers model (config, weights, tokenizer).
        cache_dir: Folder of exported models; default `onnx_cache_dir()`.

    Returns:
        Path of the cached ``model.int8.onnx``.

    Raises:
        UsageError: the cache folder is not writable.
        InsightsError: the export itself failed.

    Example:
        >>> int8_model_path(Path("models/all-MiniLM-L6-v2"))  # ~15 s the first time
    """
    base = cache_dir or onnx_cache_dir()
    fingerprint, memo = _fingerprint(model_dir, base / _MEMO_FOLDER)
    folder = base / fingerprint
    target = folder / MODEL_FILE
    if target.is_file():
        if memo is not None:  # hashed: kept once the export exists
            _write_memo(memo, fingerprint)
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
    except OSError as exc:
        raise UsageError(
            f"ONNX model cache {folder} is not writable ({exc}); "
            "set XDG_CACHE_HOME to a writable folder"
        ) from exc
    try:
        _export(model_dir, work)
        _move_into_place(work / MODEL_FILE, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if memo is not None:
        _write_memo(memo, fingerprint)
    return target


def _export(model_dir: Path, work: Path) -> None:
    fp32 = work / "model.fp32.onnx"
    try:
        _export_fp32(model_dir, fp32)
        _quantize(fp32, work / MODEL_FILE, model_dir)
    except (OSError, RuntimeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InsightsError(
            f"ONNX export of {model_dir} failed ({first}); "
            "use the embedder minilm.v1 (fp32, no export) instead"
        ) from exc


def _export_fp32(model_dir: Path, target: Path) -> None:
    """Trace the transformer's last hidden state with dynamic batch and sequence axes."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    ids = torch.full((2, 8), 100, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 5:] = 0  # a padded row, so the trace keeps the attention-mask path
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    legacy: dict[str, Any] = (
        {"dynamo": False} if "dynamo" in signature(torch.onnx.export).parameters else {}
    )
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model),
            (ids, mask, torch.zeros_like(ids)),
            str(target),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            **legacy,
        )


def _quantize(source: Path, target: Path, model_dir: Path) -> None:
    import_onnxruntime()
    try:
        import onnx
    except ImportError:
        raise UsageError(
            f"exporting the int8 ONNX model needs onnx; install it with: {_INSTALL}"
        ) from None
    from onnxruntime.quantization import QuantType, quantize_dynamic

    per_tensor = target.with_name("model.per-tensor.onnx")
    with _quiet_root_logger():
        quantize_dynamic(
            source,
            per_tensor,
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    model = onnx.load(str(per_tensor))
    fix_activation_scales(model, load_tokenizer(model_dir, max_seq_length(model_dir)))
    onnx.save(model, str(target))


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Hide the quantiser's advice to pre-process, which it logs on the root logger."""
    root = logging.getLogger()
    hide = logging.Filter("\0no-logger-has-this-name")
    root.addFilter(hide)
    try:
        yield
    finally:
        root.removeFilter(hide)


def _move_into_place(built: Path, target: Path) -> None:
    try:
        os.replace(built, target)
    except OSError:
        if not target.is_file():  # on Windows a model open elsewhere cannot be replaced
            raise
