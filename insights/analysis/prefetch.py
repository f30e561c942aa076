"""Vectors of texts known in advance, embedded ahead by a forked child.

Scoring a batch alternates the scorer's embedding (numpy on both cores) with
single-threaded Python (the sentiment head's lexicon and text features, the
zero-shot labels, the run cache): in a cold 10,000-statement run one core
idled for about 7 of the step's 13 seconds. A forked child that embeds every
batch's texts ahead, in the order the batches will ask for them, keeps both
cores busy: while this process does the Python of one batch, the child embeds
the next ones. Only this process's own threads wait on the child; the vectors
are the ones this process would compute (the embedder's vectors do not depend
on the batch a text is in, see `insights.analysis.embed.UseEmbedder`).

The child sends a chunk at a time through a pipe, which holds little: it runs
a chunk or two ahead of the batches, and this process keeps a vector only until
it hands it over. The child only runs numpy (USE); models that keep thread
pools a fork does not copy (ONNX Runtime) never run in it. If it stops without
sending a chunk (killed, out of memory), the texts it did not send are embedded
here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from insights.forking import use_real_output

__all__ = ["Prefetch"]

CHUNK = 500  # texts per message: a batch of the scoring step


class Prefetch:
    """`texts` embedded by `encode` in a forked child, chunk by chunk, in order.

    Example:
        >>> with Prefetch(use_embedder._encode_here, texts) as ahead:
        ...     vectors = ahead.vectors(texts[:10])  # waits for the first chunk
    """

    def __init__(
        self,
        encode: Callable[[list[str]], np.ndarray],
        texts: Sequence[str],
        *,
        chunk: int = CHUNK,
    ) -> None:
        self._encode = encode
        self._chunk = chunk
        self._texts = list(dict.fromkeys(texts))
        self._position = {t: i for i, t in enumerate(self._texts)}
        self._vectors: dict[str, np.ndarray] = {}
        self._received = 0  # chunks received so far
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        child = context.Process(target=self._run, args=(send,), daemon=True)
        child.start()
        self._child: Any = child  # None once it stopped
        send.close()

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def covers(self, text: str) -> bool:
        """Whether `text` is among the texts embedded ahead."""
        return text in self._position

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors of `texts` (all covered), waiting for the child as needed.

        Each is handed over once: asked again, it is embedded here.
        """
        last = max((self._position[t] for t in texts), default=-1)
        while self._received * self._chunk <= last and self._child is not None:
            self._take_chunk()
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:  # the child stopped early: embed the rest here
            self._vectors.update(zip(missing, self._encode(missing), strict=True))
        out = np.vstack([self._vectors[t] for t in texts])
        for text in dict.fromkeys(texts):  # handed over: the caller keeps (or caches) them
            del self._vectors[text]
        return out

    def close(self) -> None:
        """Stop the child (if it still runs) and release the pipe."""
        if self._child is not None:
            self._child.terminate()
            self._child.join()
            self._child = None
        self._receive.close()
        self._vectors.clear()

    def _take_chunk(self) -> None:
        start = self._received * self._chunk
        try:
            vectors = self._receive.recv()
        except (EOFError, OSError):  # the child stopped without sending this chunk
            assert self._child is not None
            self._child.join()
            self._child = None
            return
        chunk = self._texts[start : start + self._chunk]
        self._vectors.update(zip(chunk, vectors, strict=True))
        self._received += 1

    def _run(self, send: Any) -> None:
        """In the child: embed the chunks in order and send each one's vectors."""
        self._receive.close()
        use_real_output()
        try:
            for start in range(0, len(self._texts), self._chunk):
                chunk = self._texts[start : start + self._chunk]
                send.send(np.asarray(self._encode(chunk), np.float32))
        except BaseException:  # noqa: BLE001, S110 - the parent embeds the rest (or stops too)
            pass
        finally:
            send.close()
