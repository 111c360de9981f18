"""Sentence and word vectors offline: the wordllama wheel's token vectors, memory-mapped read-only.

The `wordllama` package ships a 32,000 x 256 float16 token-embedding matrix and its tokenizer
inside its wheel. A sentence's vector is the mean of its tokens' vectors, normalised (exactly
what wordllama's own `embed` computes). We read the matrix with a read-only `numpy.memmap`
instead of wordllama's loader, which copies it into a float32 array in every process: mapped,
the pages are shared by every `trainer serve` process on the machine. Nothing is downloaded:
the files are found inside the installed package, and `wordllama` itself is never imported
(it would pull pydantic and requests in for nothing).
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from tokenizers import Tokenizer


def _one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread, when numpy is not loaded yet (it reads this once).

    A typed line's product with a node's words is a few hundred thousand multiply-adds: BLAS
    threads cost more to wake than they save, and on a busy machine they wait on each other
    (measured: 3x the wall time of one thread at a load of 9 on two cores). A caller that set
    the variables itself keeps its choice.
    """
    if "numpy" in sys.modules:
        return
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


_one_blas_thread()

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


class ModelMissing(RuntimeError):
    """The embedding model is not installed; matching falls back to spelling alone."""


@dataclass(frozen=True, slots=True)
class Embedder:
    """Turns sentences into unit vectors whose dot product is their closeness in meaning."""

    matrix: np.ndarray  # (vocabulary, dimensions) float16, read-only, memory-mapped
    tokenizer: Tokenizer

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """One normalised row per text; an empty text gets a zero row (close to nothing)."""
        import numpy as np

        rows = np.zeros((len(texts), self.matrix.shape[1]), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        for i, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            if ids.size == 0:
                continue
            np.clip(ids, 0, self.matrix.shape[0] - 1, out=ids)
            vector = self.matrix[ids].astype(np.float32).mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                rows[i] = vector / norm
        return rows

    def words(self, text: str) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """The text's word vectors scaled to unit length, and the length each had.

        A word's vector is the sum of its tokens' ("vexa" is three word pieces, one word). Its
        length is how much it moves the mean that `embed` takes: the model gives grammar words
        short vectors and words that carry meaning long ones, so the length serves as the
        word's weight when two texts are compared word by word.
        """
        import numpy as np

        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids = np.asarray(encoding.ids, dtype=np.int64)
        if ids.size == 0:
            empty = np.zeros((0, self.matrix.shape[1]), dtype=np.float32)
            return empty, np.zeros(0, dtype=np.float32)
        np.clip(ids, 0, self.matrix.shape[0] - 1, out=ids)
        # a piece that starts with the tokenizer's space mark starts a word
        starts = [i for i, piece in enumerate(encoding.tokens) if i == 0 or piece[0] == "\u2581"]
        vectors = np.add.reduceat(self.matrix[ids].astype(np.float32), starts, axis=0)
        lengths = np.linalg.norm(vectors, axis=1)
        vectors /= np.where(lengths > 0, lengths, 1.0)[:, None]
        return vectors, lengths


_lock = threading.Lock()
_embedder: Embedder | None = None
_missing: str | None = None


def package_folder() -> Path | None:
    """Where the installed `wordllama` package lives, found without importing it."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):  # a broken install is a missing one
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def load() -> Embedder:
    """The shared embedder, loaded once per process (thread-safe); raises ModelMissing."""
    global _embedder, _missing
    if _embedder is not None:
        return _embedder
    with _lock:
        if _embedder is not None:
            return _embedder
        if _missing is not None:
            raise ModelMissing(_missing)
        try:
            _embedder = _load()
        except ModelMissing as error:
            _missing = str(error)
            raise
        return _embedder


def loaded() -> bool:
    return _embedder is not None


def _load() -> Embedder:
    folder = package_folder()
    if folder is None:
        raise ModelMissing("the wordllama package is not installed")
    weights, tokenizer_file = folder / WEIGHTS, folder / TOKENIZER
    if not weights.is_file() or not tokenizer_file.is_file():
        raise ModelMissing(f"the wordllama package at {folder} has no model files")
    try:
        from tokenizers import Tokenizer
    except ImportError as error:
        raise ModelMissing("the tokenizers package is not installed") from error
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(map_safetensors(weights, "embedding.weight"), tokenizer)


def map_safetensors(path: Path, name: str) -> np.ndarray:
    """One float16 tensor of a safetensors file as a read-only memory map (no copy)."""
    import numpy as np

    with path.open("rb") as file:
        (size,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(size))
    entry = header.get(name)
    if not isinstance(entry, dict) or entry.get("dtype") != "F16":
        raise ModelMissing(f"{path} has no float16 tensor '{name}'")
    start, end = entry["data_offsets"]
    shape = tuple(entry["shape"])
    matrix = np.memmap(path, dtype=np.float16, mode="r", offset=8 + size + start, shape=shape)
    if matrix.nbytes != end - start:
        raise ModelMissing(f"{path}: tensor '{name}' does not match its declared size")
    return matrix
