"""Analysis throughput of the Dask executor: one worker against two (issue 7).

Usage:
    .venv/bin/python benchmarks/dask_scaling.py --data ../shared/eval [--n 4000]
        [--embedder use-multilingual.v1] [--workers 1,2] [--repeat 2]

The same `--n` real statements as ``perf.py`` (its `statements`) are read once
here; then, for the local executor and for a `LocalCluster` of each worker
count, embedding and analysis (`embed_units` + `analyse_units`, the partitioned
steps of ``insights run``) are timed without a cache, after every worker has
loaded its models. Each configuration runs `--repeat` times and the best time
counts. Workers are single-threaded Dask processes whose libraries use their
own thread settings (USE and the int8 MiniLM: two BLAS / intra-op threads), as
in a real ``--executor dask`` run. The units tables of every configuration must
be equal (same ids, labels and scores): the benchmark checks it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from perf import statements, write_input  # noqa: E402

from insights.executors import open_executor  # noqa: E402
from insights.executors.stages import analyse_units, embed_units, read_inputs  # noqa: E402
from insights.executors.tasks import Models, ModelSpec  # noqa: E402
from insights.ingest import IngestOptions  # noqa: E402
from insights.progress import NullProgress  # noqa: E402
from insights.taxonomies import load_taxonomy  # noqa: E402


def analyse_with(
    executor_name: str, workers: int | None, folder: Path, embedder: str, repeat: int
) -> tuple[float, pd.DataFrame]:
    """Best seconds of embedding + analysis over `repeat` runs, and the analysed units."""
    models = Models(ModelSpec(embedder, load_taxonomy("default"), cache_dir=None))
    progress = NullProgress()
    with open_executor(executor_name, models, workers=workers) as executor:
        ingested = read_inputs([folder], executor, options=IngestOptions(), progress=progress)
        executor.load_models()
        units, best = ingested.units, float("inf")
        dim = models.analyzer.embedder.dim
        for _ in range(repeat):
            start = time.perf_counter()
            vectors = embed_units(units, executor, dim=dim, cache_dir=None, progress=progress)
            analysed = analyse_units(
                units,
                vectors,
                ingested.respondents,
                executor,
                taxonomy=models.spec.taxonomy,
                progress=progress,
            )
            best = min(best, time.perf_counter() - start)
    return best, analysed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared eval folder")
    parser.add_argument("--n", type=int, default=4000, help="statements")
    parser.add_argument("--embedder", default="use-multilingual.v1")
    parser.add_argument("--workers", default="1,2", help="LocalCluster sizes to compare")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_input(statements(args.data, args.n), Path(tmp) / "in")
        print(
            f"{args.n} statements, embedder {args.embedder}, {os.cpu_count()} CPUs, "
            f"load {os.getloadavg()[0]:.1f}; best of {args.repeat}\n"
            "| executor | workers | seconds | units/s | × 1 worker |\n|---|---|---|---|---|",
            flush=True,
        )
        configs = [("local", None)] + [("dask", int(w)) for w in args.workers.split(",")]
        first: pd.DataFrame | None = None
        single: float | None = None
        for name, workers in configs:
            seconds, units = analyse_with(name, workers, folder, args.embedder, args.repeat)
            if first is None:
                first = units
            else:
                pd.testing.assert_frame_equal(units, first)  # same results everywhere
            if name == "dask" and single is None:
                single = seconds
            ratio = f"{single / seconds:.2f}" if name == "dask" and single else "-"
            rate = len(units) / seconds
            row = f"| {name} | {workers or '-'} | {seconds:.1f} | {rate:,.0f} | {ratio} |"
            print(row, flush=True)
    print(f"load after: {os.getloadavg()[0]:.1f}; units tables equal across executors")


if __name__ == "__main__":
    main()
