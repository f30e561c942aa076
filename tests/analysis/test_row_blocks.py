"""Row-block products: each row's result is the same in any batch, on this machine's BLAS."""

from __future__ import annotations

import numpy as np
import pytest

from insights.analysis.row_blocks import ROW_BLOCK, _product, block_product, layout_of


def _weight(shape: tuple[int, int], dtype: type, order: str) -> np.ndarray:
    weight = np.random.default_rng(1).normal(size=shape).astype(dtype)
    return np.asfortranarray(weight) if order == "F" else weight


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize(("shape", "dtype"), [((512, 300), np.float32), ((520, 40), np.float64)])
def test_every_row_comes_out_the_same_at_any_place_in_any_batch(
    shape: tuple[int, int], dtype: type, order: str
) -> None:
    from threadpoolctl import threadpool_limits

    weight = _weight(shape, dtype, order)
    rows = np.random.default_rng(2).normal(size=(5 * ROW_BLOCK, shape[0])).astype(dtype)
    with threadpool_limits(1):
        whole = block_product(rows, weight)
        by_block = [block_product(rows[i : i + ROW_BLOCK], weight) for i in range(0, 80, 16)]
        shuffled = block_product(rows[::-1].copy(), weight)[::-1]
        row = np.repeat(rows[7:8], 2 * ROW_BLOCK, axis=0)
        repeated = block_product(row, weight)
    assert whole.flags.c_contiguous and whole.dtype == np.result_type(rows, weight)
    assert np.array_equal(whole, np.vstack(by_block))
    assert np.array_equal(whole, shuffled)
    assert (repeated == whole[7]).all()
    np.testing.assert_allclose(whole, rows @ weight, rtol=1e-4, atol=1e-4)
    assert layout_of(shape, rows.dtype.str, weight.dtype.str, order) in ("rows", "columns")


@pytest.mark.parametrize("layout", ["rows", "columns", "single"])
def test_each_layout_is_the_product(layout: str) -> None:
    weight = _weight((64, 24), np.float64, "C")
    rows = np.random.default_rng(3).normal(size=(2 * ROW_BLOCK, 64))
    np.testing.assert_allclose(_product(rows, weight, layout), rows @ weight, rtol=1e-12)


def test_one_row_at_a_time_never_depends_on_the_others() -> None:
    weight = _weight((512, 300), np.float32, "C")
    rows = np.random.default_rng(4).normal(size=(ROW_BLOCK, 512)).astype(np.float32)
    alone = _product(rows[3:4], weight, "single")[0]
    for place in range(ROW_BLOCK):
        others = rows.copy()
        others[place] = rows[3]
        assert np.array_equal(_product(others, weight, "single")[place], alone)


def test_a_strided_weight_is_multiplied_as_its_contiguous_copy() -> None:
    weight = _weight((512, 600), np.float32, "C")[:, ::2]
    rows = np.random.default_rng(5).normal(size=(ROW_BLOCK, 512)).astype(np.float32)
    assert np.array_equal(block_product(rows, weight), block_product(rows, weight.copy()))
