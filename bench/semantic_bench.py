"""Search by meaning at a million paragraphs: readingroom's semantic and hybrid modes beside a bare numpy scan.

    python bench/semantic_bench.py [--paragraphs 1000000] [--queries 300] [--seed 7] [--passage-share 0.42]

Embedding a million paragraphs with the packaged model takes hours on two cores, so this benchmark stores the
generated corpus of bench/search_bench.py with one random unit vector (384 float32, the model's size) per
paragraph: the search path costs the same whatever the vectors say (one matrix product, a top-k, then the
tantivy filters, snippets and facets). Query vectors are random unit vectors too; the model's time to embed a
query is measured on its own, on real questions. The baseline, measured in the same run, is numpy alone on
the same matrix: the product and the top 1,000, with no readingroom code. `--passage-share` adds that share of
passage vectors (rows for passages of long paragraphs, as `embed` stores them: 0.42 of the paragraphs on FRUS).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_bench import corpus, percentiles, queries, store_corpus  # noqa: E402

from readingroom.search import semantic  # noqa: E402
from readingroom.search.query import parse_query  # noqa: E402
from readingroom.store import SearchRequest  # noqa: E402

DIM = 384


def unit_vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def timed(fn, items) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--passage-share", type=float, default=0.0, help="passage rows per paragraph (FRUS: 0.42)")
    args = ap.parse_args()
    paragraphs, vocab = corpus(args.paragraphs, args.seed)
    words = queries(vocab, args.queries, args.seed)
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        store = store_corpus(paragraphs, Path(tmp) / "rr.db")
        print(f"stored {len(paragraphs):,} paragraphs in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        rowids = [r[0] for r in store.db.execute("SELECT rowid FROM paragraphs ORDER BY rowid")]
        for start in range(0, len(rowids), 50_000):
            chunk = rowids[start : start + 50_000]
            vectors = unit_vectors(rng, len(chunk))
            store.add_embeddings(semantic.MODEL, [(r, v.tobytes()) for r, v in zip(chunk, vectors, strict=True)])
        print(f"stored {len(rowids):,} random unit vectors ({len(rowids) * DIM * 4 / 1e9:.2f} GB) in"
              f" {time.perf_counter() - t:.0f} s")  # fmt: skip
        if args.passage_share:
            t = time.perf_counter()
            extra = rowids[: int(len(rowids) * args.passage_share)]
            for start in range(0, len(extra), 50_000):
                chunk = extra[start : start + 50_000]
                vectors = unit_vectors(rng, len(chunk))
                store.add_embeddings(semantic.MODEL, [], [(r, 1, 2, v.tobytes()) for r, v in zip(chunk, vectors, strict=True)])
            print(f"stored {len(extra):,} passage vectors more in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        matrix = store.vectors.matrix()
        print(f"loaded the vector matrix in {time.perf_counter() - t:.1f} s")
        probes = list(unit_vectors(rng, len(words)))

        def bare(v: np.ndarray) -> None:  # the baseline: numpy alone, the product and the top 1,000
            scores = matrix.vectors @ v
            top = np.argpartition(-scores, semantic.POOL - 1)[: semantic.POOL]
            top[np.argsort(-scores[top])]

        for v in probes[:10]:
            bare(v)
        print(f"  numpy product + top 1,000 (baseline)          {percentiles(timed(bare, probes))}")
        for mode in ("semantic", "hybrid"):
            requests = [SearchRequest(parse_query(" ".join(w)).tree, "AND", mode=mode, vector=v, limit=10)
                        for w, v in zip(words, probes, strict=True)]  # fmt: skip
            for r in requests[:10]:
                store.search(r)
            print(f"  readingroom {mode:<8}, snippets + facets     {percentiles(timed(store.search, requests))}")
        if semantic.available():
            questions = [f"Why did the {' '.join(w)} happen?" for w in words[:50]]
            semantic.query_vector("warm up the model")
            times = timed(semantic.encoder().encode, [[q] for q in questions])
            print(f"  embedding one question ({semantic.MODEL}) {percentiles(times)}")
        store.close()


if __name__ == "__main__":
    main()
