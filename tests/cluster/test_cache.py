from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from insights.analysis.embed import UseEmbedder
from insights.cluster.cache import CACHE_FILE, embed_cached, embedding_text, with_cache

TEXTS = [
    "The delivery was three days late.",
    "Nobody answered the phone at the support line.",
    "La livraison est arrivée en retard.",
    "I was charged twice for the same order.",
]


class CountingUse(UseEmbedder):
    """The real USE model, counting what it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return super().encode(texts)


@pytest.fixture(scope="module")
def use() -> CountingUse:
    return CountingUse()


def test_second_run_embeds_nothing(use: CountingUse, tmp_path: Path) -> None:
    first = embed_cached(TEXTS, use, cache_dir=tmp_path)
    use.encoded.clear()
    second = embed_cached(TEXTS, use, cache_dir=tmp_path)
    assert use.encoded == []
    np.testing.assert_array_equal(first, second)
    assert first.shape == (4, 512) and first.dtype == np.float32


def test_only_new_texts_are_embedded(use: CountingUse, tmp_path: Path) -> None:
    embed_cached(TEXTS[:2], use, cache_dir=tmp_path)
    use.encoded.clear()
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    assert use.encoded == TEXTS[2:]
    np.testing.assert_allclose(vectors, use.encode(TEXTS), atol=1e-6)


def test_a_cache_made_with_the_earlier_layout_keeps_working(
    use: CountingUse, tmp_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:  # the layout of earlier versions
        conn.execute(
            "CREATE TABLE vectors (model_id TEXT NOT NULL, text_hash TEXT NOT NULL, "
            "dim INTEGER NOT NULL, vector BLOB NOT NULL, "
            "PRIMARY KEY (model_id, text_hash)) WITHOUT ROWID"
        )
    conn.close()
    first = embed_cached(TEXTS[:2], use, cache_dir=tmp_path)
    use.encoded.clear()
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    assert use.encoded == TEXTS[2:]
    np.testing.assert_array_equal(vectors[:2], first)
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM vectors").fetchone() == (4,)
    conn.close()


def test_identical_texts_are_embedded_once(use: CountingUse, tmp_path: Path) -> None:
    use.encoded.clear()
    vectors = embed_cached([TEXTS[0], TEXTS[1], TEXTS[0]], use, cache_dir=tmp_path)
    assert use.encoded == TEXTS[:2]
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_model_id_is_part_of_the_key(use: CountingUse, tmp_path: Path) -> None:
    embed_cached(TEXTS, use, cache_dir=tmp_path)
    other = CountingUse()
    other.model_id = "another-model"
    embed_cached(TEXTS, other, cache_dir=tmp_path)
    assert other.encoded == TEXTS


def test_works_without_a_cache(use: CountingUse) -> None:
    assert embed_cached(TEXTS, use, cache_dir=None).shape == (4, 512)
    assert embed_cached([], use, cache_dir=None).shape == (0, 512)


def test_text_is_cleaned_before_embedding(use: CountingUse, tmp_path: Path) -> None:
    use.encoded.clear()
    embed_cached(["@united lost my bag &amp; no reply https://t.co/x"], use, cache_dir=tmp_path)
    embed_cached(["@delta lost my bag & no reply"], use, cache_dir=tmp_path)
    assert use.encoded == ["lost my bag & no reply"]
    embed_cached(["@united hi"], use, cache_dir=tmp_path, clean=False)
    assert use.encoded[-1] == "@united hi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@SouthwestAir my flight #delayed again http://t.co/abc", "my flight delayed again"),
        ("On XX/XX/XXXX they charged {$21.00} to XXXX", "On they charged $21.00 to"),
        ("Service &quot;client&quot; nul", 'Service "client" nul'),
        ("@united", "@united"),
        ("Thanks [NAME 12] and [NAME 3] at [EMAIL]!", "Thanks [NAME] and [NAME] at [EMAIL]!"),
    ],
)
def test_embedding_text(text: str, expected: str) -> None:
    assert embedding_text(text) == expected


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from insights.analysis.embed import UseEmbedder
    from insights.cluster.cache import embed_cached

    class Counting(UseEmbedder):
        n = 0
        def encode(self, texts):
            Counting.n += len(texts)
            return super().encode(texts)

    texts = [f"statement number {i} about {sys.argv[2]}" for i in range(300)]
    texts += [f"shared statement {i}" for i in range(300)]
    embed_cached(texts, Counting(), cache_dir=Path(sys.argv[1]))
    print(Counting.n)
    """
)


def test_two_concurrent_processes_share_the_cache(use: CountingUse, tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), topic],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for topic in ("delivery", "billing")
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert (tmp_path / CACHE_FILE).exists()
    use.encoded.clear()
    texts = [f"statement number {i} about {t}" for t in ("delivery", "billing") for i in range(300)]
    embed_cached(texts + [f"shared statement {i}" for i in range(300)], use, cache_dir=tmp_path)
    assert use.encoded == []


def test_cached_embedder_embeds_each_text_once_across_instances(
    use: CountingUse, tmp_path: Path
) -> None:
    first = with_cache(use, tmp_path)
    assert first.model_id == use.model_id and first.dim == use.dim
    vectors = first.encode(TEXTS)
    again = with_cache(use, tmp_path).encode(list(reversed(TEXTS)))
    assert use.encoded == TEXTS  # the second instance read everything from the cache
    np.testing.assert_allclose(again, vectors[::-1], atol=1e-6)
    assert with_cache(use, None) is use and with_cache(first, tmp_path) is first


def test_cached_embedder_reads_what_the_run_stored_for_the_same_text(
    use: CountingUse, tmp_path: Path
) -> None:
    embed_cached(["@united Late again"], use, cache_dir=tmp_path)  # stored as "Late again"
    use.encoded.clear()
    with_cache(use, tmp_path).encode(["Late again"])
    assert use.encoded == []


def test_inside_a_snapshot_vectors_stored_meanwhile_are_not_seen(
    use: CountingUse, tmp_path: Path
) -> None:
    import threading

    from insights.cluster.cache import not_cached, snapshot

    embed_cached(TEXTS[:1], use, cache_dir=tmp_path)
    wanted = [embedding_text(t) for t in TEXTS]
    store = threading.Thread(target=embed_cached, args=(TEXTS, use), kwargs={"cache_dir": tmp_path})
    with snapshot(tmp_path):
        assert not_cached(wanted, use.model_id, tmp_path) == wanted[1:]
        store.start()  # another connection stores the rest meanwhile
        store.join()
        assert use.encoded[-3:] == TEXTS[1:], "stored by then"
        assert not_cached(wanted, use.model_id, tmp_path) == wanted[1:], "as the block began"
    assert not_cached(wanted, use.model_id, tmp_path) == []
