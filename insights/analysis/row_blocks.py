"""Matrix products whose every row comes out the same whatever rows it is multiplied with.

OpenBLAS computes a product in tiles of rows or columns, and a row's result
takes another code path (another order of additions) by where it falls in its
tile: the same statement then came out of USE up to 4e-7 apart depending on its
neighbours in the batch, and clustering amplified that into different pain
points on a re-run. The tiles depend on the CPU's kernel. On the machines of
earlier sessions, every row of a product of `ROW_BLOCK` rows or a multiple went
through the same path; on an AMD EPYC with AVX2 only (OpenBLAS's Haswell
kernels), rows 0-5, 6-11 and 12-15 of each block take three paths (up to 259 of
300 outputs differed in the last bits), while the rows of the transposed product
of one block (``weight.T @ block.T``, the rows as columns) all take one (of three
blocks at once, they do not). That layout packs the weight once per block, and
its products take 1.5-1.8x as long (USE on 3,000 texts: 1.8-2.3 s -> 2.65 s).

So `block_product` picks, once per weight shape and process, the first of these
layouts in which three blocks of one row repeated come out identical: all the
rows as rows in one call, each block's rows as columns, else one row at a time
(a vector-matrix product: nothing else in the call). The products of one
process (and one machine) are then bitwise the same in any batch; the callers
pad their last rows to a whole block.
Checked (`tests/analysis/test_embed.py`) on the OpenBLAS of numpy's Linux
wheels with its Haswell, Sandybridge, Nehalem and Katmai kernels
(``OPENBLAS_CORETYPE``), on that machine; the rows as rows passed the same tests
on the earlier ones. Other BLAS builds (macOS Accelerate, MKL) were not
checked. BLAS must run on one thread: more would split the rows otherwise.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["ROW_BLOCK", "block_product", "layout_of"]

ROW_BLOCK = 16
_PROBE_BLOCKS = 3  # a probe multiplies this many blocks of one row repeated
_LAYOUTS = ("rows", "columns", "single")


def block_product(rows: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``rows @ weight`` (C-ordered), in the layout in which no row depends on the others.

    `rows` holds whole blocks of `ROW_BLOCK` rows (pad the last one); BLAS runs on
    one thread.
    """
    rows = np.ascontiguousarray(rows)
    if not (weight.flags.c_contiguous or weight.flags.f_contiguous):
        weight = np.ascontiguousarray(weight)
    order = "C" if weight.flags.c_contiguous else "F"
    return _product(rows, weight, layout_of(weight.shape, rows.dtype.str, weight.dtype.str, order))


@functools.cache
def layout_of(shape: tuple[int, ...], rows_dtype: str, weight_dtype: str, order: str) -> str:
    """``rows``, ``columns`` or ``single``: how this machine multiplies rows by such a weight.

    The first layout in which every row of a repeated-row product comes out the
    same, probed once per process; `order` is the weight's memory order, ``C`` or ``F``.
    """
    rng = np.random.default_rng(0)
    weight = rng.normal(size=shape).astype(weight_dtype)
    weight = np.asfortranarray(weight) if order == "F" else np.ascontiguousarray(weight)
    row = rng.normal(size=(1, shape[0])).astype(rows_dtype)
    rows = np.repeat(row, _PROBE_BLOCKS * ROW_BLOCK, axis=0)
    for layout in _LAYOUTS[:-1]:
        out = _product(rows, weight, layout)
        if (out == out[0]).all():
            return layout
    return _LAYOUTS[-1]


def _product(rows: np.ndarray, weight: np.ndarray, layout: str) -> np.ndarray:
    if layout == "rows":  # all blocks in one call: its tiles hold whole blocks
        return np.ascontiguousarray(rows @ weight)
    if layout == "single":
        return np.stack([row @ weight for row in rows]) if len(rows) else rows @ weight
    # one product per block (a larger one tiles its columns unevenly), in one numpy call
    blocks = rows.reshape(-1, ROW_BLOCK, rows.shape[1]).transpose(0, 2, 1)
    out = np.matmul(weight.T, blocks).transpose(0, 2, 1)
    return np.ascontiguousarray(out.reshape(len(rows), weight.shape[1]))
