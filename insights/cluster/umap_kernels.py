"""Keep UMAP's compiled numba kernels on disk, so a run does not recompile them.

umap-learn declares the kernels a fit with precomputed neighbours uses (the
fuzzy-set construction and the single-threaded layout epoch) without numba's
``cache=True``, so every new process compiles them again: about 4.5 s of a
10,000-statement run on this machine, more than the fit itself. `use_disk_cache`
re-registers the same Python functions with the same options plus
``cache=True`` (numba's on-disk cache, next to umap's sources or in the user's
cache folder), so only the first run on a machine compiles them. The code that
runs is unchanged; where a kernel cannot be cached (no writable cache
location, another umap-learn layout) it is left as umap-learn made it.

The two fuzzy-set kernels are declared ``parallel=True``, but our fits run UMAP
with ``n_jobs=1``, so they ran on one thread anyway. They are compiled serial
here: the labels and probabilities of the 10,000-statement benchmark's two fits
are bit-identical, and so are the sigmas of `smooth_knn_dist` with umap's own
kernel on one thread. umap declares float32 local types on these two kernels;
they are not copied, because umap's parallel build does not apply them (its
output equals a build without them, while a serial build with them moves sigmas
by up to 2e-6), and the process never starts numba's OpenMP threads, which
abort a forked child (``insights.forking``: pain points and delights are
clustered side by side).
"""

from __future__ import annotations

import warnings
from typing import Any

__all__ = ["KERNELS", "use_disk_cache"]

KERNELS = {
    "umap.umap_": ("smooth_knn_dist", "compute_membership_strengths"),
    "umap.layouts": ("_nb_optimize_layout_euclidean_single_epoch",),
}


def use_disk_cache() -> list[str]:
    """Make umap-learn's uncached kernels cache their compiled code; idempotent.

    Returns:
        The kernels now cached on disk, as ``module.name``.
    """
    import importlib

    import numba

    done = []
    for module_name, names in KERNELS.items():
        module = importlib.import_module(module_name)
        for name in names:
            kernel = getattr(module, name, None)
            if not isinstance(kernel, numba.core.registry.CPUDispatcher):
                continue
            if _cached(kernel):
                done.append(f"{module_name}.{name}")
                continue
            options = {k: v for k, v in kernel.targetoptions.items() if k != "nopython"}
            function = kernel.py_func
            if options.get("parallel"):  # one thread either way (n_jobs=1); see module doc
                options["parallel"] = False
                function = _serial_copy(function)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", numba.NumbaWarning)
                    setattr(module, name, numba.njit(cache=True, **options)(function))
            except (RuntimeError, OSError):  # no writable cache location: keep umap's own
                continue
            done.append(f"{module_name}.{name}")
    return done


def _serial_copy(function: Any) -> Any:
    """The same function under its own name, so numba caches its serial build apart.

    numba's disk cache is named after the function and does not tell a parallel
    build from a serial one: under the original name it would load the parallel one.
    """
    import types

    copy = types.FunctionType(
        function.__code__, function.__globals__, function.__name__,
        function.__defaults__, function.__closure__,
    )  # fmt: skip
    copy.__qualname__ = f"{function.__qualname__}_serial"
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__doc__ = function.__doc__
    copy.__module__ = function.__module__
    return copy


def _cached(kernel: Any) -> bool:
    return type(getattr(kernel, "_cache", None)).__name__ != "NullCache"
