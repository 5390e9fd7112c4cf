"""Search latency at a million paragraphs: readingroom beside raw tantivy and SQLite FTS5, same corpus, same run.

    python bench/search_bench.py [--paragraphs 1000000] [--queries 300] [--seed 7] [--postgres]

With --postgres readingroom is measured a second time on its PostgreSQL store (a throw-away server started as
the tests start it, tests/postgres.py): same tantivy index, hit details read from PostgreSQL.

The corpus: N paragraphs of ~60 words drawn from a Zipf vocabulary (deterministic seed), 10 paragraphs to a
document with a date, sender and classification. readingroom stores them through its Store (SQLite + its
tantivy paragraph index) and answers each query in-process with snippets and facets, as `search --json` does.
The baselines index the same paragraphs with no readingroom code: raw tantivy (default schema, text only; again
with the English stemmer readingroom uses, to show the analyzer's share; and with readingroom's whole index
schema, to show the schema's) and SQLite FTS5; each answers the same OR queries, top 10, FTS5 with snippet().
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tantivy

from readingroom.model import Document, Paragraph
from readingroom.search import search
from readingroom.store.sqlite import SQLiteStore
from readingroom.store.sqlstore import SQLStore

SENDERS = ["AMEMBASSY KIGALI", "USMISSION USUN NEW YORK", "SECSTATE WASHDC", "AMEMBASSY PARIS", "AMEMBASSY NAIROBI"]
CLASSES = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL USE"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 9))))
    return sorted(words, key=lambda w: (len(w), w))


def corpus(n: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    vocab = vocabulary(rng, 50_000)
    cum, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1 / (rank + 1) ** 1.07
        cum.append(total)
    paragraphs = [" ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(45, 75))) for _ in range(n)]
    return paragraphs, vocab


def queries(vocab: list[str], count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed + 1)
    return [rng.sample(vocab[50:5000], rng.randint(1, 3)) for _ in range(count)]


def percentiles(samples: list[float]) -> str:
    s = sorted(samples)
    p = lambda q: s[min(len(s) - 1, int(q * len(s)))] * 1000  # noqa: E731
    return f"p50 {p(0.50):7.2f} ms  p95 {p(0.95):7.2f} ms  p99 {p(0.99):7.2f} ms  mean {statistics.mean(s) * 1000:6.2f} ms"


def store_corpus(paragraphs: list[str], path: Path) -> SQLStore:
    """The generated paragraphs stored through readingroom, ten to a document with a date, sender and class."""
    return fill(SQLiteStore(str(path)), paragraphs)


def fill(store: SQLStore, paragraphs: list[str]) -> SQLStore:
    for d in range(0, len(paragraphs), 10):
        text, paras, pos = [], [], 0
        for i, p in enumerate(paragraphs[d : d + 10]):
            paras.append(Paragraph(i, str(i + 1), "paragraph", pos, pos + len(p), p))
            text.append(p)
            pos += len(p) + 2
        doc_no = d // 10
        store.add_document(Document(
            text="\n\n".join(text), source_id=f"gen/{doc_no}", genre="cable", title=f"Cable {doc_no}",
            date=f"{1970 + doc_no % 30}-{1 + doc_no % 12:02d}-{1 + doc_no % 28:02d}",
            sender=SENDERS[doc_no % len(SENDERS)], classification=CLASSES[doc_no % len(CLASSES)], paragraphs=paras,
        ))  # fmt: skip
    store.flush()
    return store


def bench_readingroom(paragraphs: list[str], qs: list[list[str]], tmp: Path, postgres_url: str | None = None) -> None:
    opener: Callable[[], SQLStore]
    if postgres_url:
        from readingroom.store.postgres import PostgresStore

        name, index = "readingroom on PostgreSQL", tmp / "pg.index"
        opener = lambda: PostgresStore(postgres_url, str(index))  # noqa: E731
    else:
        name, index = "readingroom", tmp / "rr.db.index"
        opener = lambda: SQLiteStore(str(tmp / "rr.db"))  # noqa: E731
    t = time.perf_counter()
    store = fill(opener(), paragraphs)
    stored = time.perf_counter() - t
    shutil.rmtree(index)
    store.close()
    t = time.perf_counter()
    store = opener()  # opening rebuilds the index from the store
    rebuilt = time.perf_counter() - t
    print(f"{name}: stored + indexed {len(paragraphs):,} paragraphs in {stored:.1f} s;"
          f" index rebuilt from the store in {rebuilt:.1f} s")  # fmt: skip
    for label, kwargs in (("with snippets + facets", {"facets": True}), ("with snippets, no facets", {"facets": False}),
                          ("group by document", {"facets": False, "group": "doc"})):  # fmt: skip
        for q in qs[:20]:
            search(store, " OR ".join(q), **kwargs)  # warm up
        times = []
        for q in qs:
            t = time.perf_counter()
            search(store, " OR ".join(q), **kwargs)
            times.append(time.perf_counter() - t)
        print(f"  readingroom search {label:<26} {percentiles(times)}")
    from readingroom.search.overview import archive_overview

    times = []
    for _ in range(12):  # the reading room's landing page: every count of documents over the whole archive
        t = time.perf_counter()
        archive_overview(store)
        times.append(time.perf_counter() - t)
    print(f"  readingroom overview (whole archive)         {percentiles(times[2:])}")
    from readingroom.inquire import ask

    questions = [f"Why did the {' '.join(q)} happen?" for q in qs[:100]]
    for q in questions[:10]:
        ask(store, q)
    times = []
    for q in questions:
        t = time.perf_counter()
        ask(store, q, limit=8)
        times.append(time.perf_counter() - t)
    print(f"  readingroom ask (lexical, 8 verified quotes) {percentiles(times)}")
    times = []  # who/when questions also read their best candidates' dates and names (the answer type)
    for q in (f"When did the {' '.join(q)} happen?" for q in qs[100:200]):
        t = time.perf_counter()
        ask(store, q, limit=8)
        times.append(time.perf_counter() - t)
    print(f"  readingroom ask, when questions             {percentiles(times)}")
    store.close()


def bench_tantivy(paragraphs: list[str], qs: list[list[str]], tmp: Path, tokenizer: str = "default") -> None:
    b = tantivy.SchemaBuilder()
    b.add_text_field("text", stored=True, tokenizer_name=tokenizer)
    schema = b.build()
    (tmp / f"raw-tantivy-{tokenizer}").mkdir()
    index = tantivy.Index(schema, path=str(tmp / f"raw-tantivy-{tokenizer}"))
    t = time.perf_counter()
    w = index.writer(heap_size=256 * 1024 * 1024)
    for p in paragraphs:
        w.add_document(tantivy.Document(text=p))
    w.commit()
    w.wait_merging_threads()
    build = time.perf_counter() - t
    index.reload()
    searcher = index.searcher()
    times = []
    for q in qs:
        t = time.perf_counter()
        searcher.search(index.parse_query(" OR ".join(q), ["text"]), 10)
        times.append(time.perf_counter() - t)
    label = "raw tantivy" if tokenizer == "default" else f"raw tantivy ({tokenizer} analyzer, as readingroom's)"
    print(f"{label}: built in {build:.1f} s\n  raw tantivy OR query, top 10           {percentiles(times)}")


def bench_tantivy_schema(paragraphs: list[str], tmp: Path) -> None:
    """Build time only: raw tantivy with readingroom's own index schema (every filter and facet field, the
    stemmer), each paragraph's values computed before the clock starts. The engine's floor for this schema, so
    what readingroom's rebuild adds on top of it is its own code."""
    from readingroom.search.index import _schema

    rows = []
    for i, p in enumerate(paragraphs):
        n = i // 10
        rows.append({"para": i + 1, "doc_no": n, "doc_id": f"{n:016x}", "kind": "paragraph", "text": p,
                     "day": (1970 + n % 30) * 10000 + (1 + n % 12) * 100 + 1 + n % 28,
                     "period": f"{1970 + n % 30}-{1 + n % 12:02d}", "genre": "cable",
                     "sender": SENDERS[n % len(SENDERS)], "classification": CLASSES[n % len(CLASSES)]})  # fmt: skip
    (tmp / "raw-tantivy-rr-schema").mkdir()
    index = tantivy.Index(_schema(), path=str(tmp / "raw-tantivy-rr-schema"))
    t = time.perf_counter()
    w = index.writer(heap_size=256 * 1024 * 1024)
    for row in rows:
        w.add_document(tantivy.Document(**row))
    w.commit()
    w.wait_merging_threads()
    print(f"raw tantivy (readingroom's schema, values precomputed): built in {time.perf_counter() - t:.1f} s")


def bench_fts5(paragraphs: list[str], qs: list[list[str]], tmp: Path) -> None:
    conn = sqlite3.connect(str(tmp / "fts5.db"))
    conn.execute("CREATE VIRTUAL TABLE p USING fts5(text)")
    t = time.perf_counter()
    conn.executemany("INSERT INTO p (text) VALUES (?)", ((p,) for p in paragraphs))
    conn.commit()
    build = time.perf_counter() - t
    times = []
    for q in qs:
        t = time.perf_counter()
        conn.execute("SELECT rowid, snippet(p, 0, '[', ']', '…', 24) FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10",
                     (" OR ".join(q),)).fetchall()  # fmt: skip
        times.append(time.perf_counter() - t)
    print(f"SQLite FTS5: built in {build:.1f} s\n  FTS5 OR query + snippet(), top 10      {percentiles(times)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-fts5", action="store_true")
    ap.add_argument("--postgres", action="store_true", help="also readingroom on PostgreSQL")
    args = ap.parse_args()
    t = time.perf_counter()
    paragraphs, vocab = corpus(args.paragraphs, args.seed)
    qs = queries(vocab, args.queries, args.seed)
    words = sum(len(p.split()) for p in paragraphs) / len(paragraphs)
    print(f"corpus: {len(paragraphs):,} paragraphs, {words:.0f} words each on average ({time.perf_counter() - t:.0f} s);"
          f" {len(qs)} queries of 1-3 words joined by OR")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        bench_tantivy(paragraphs, qs, Path(tmp))
        bench_tantivy(paragraphs, qs, Path(tmp), "en_stem")  # the stemmer's share of the gap, for context
        bench_tantivy_schema(paragraphs, Path(tmp))  # and the schema's: the engine's floor for readingroom's index
        if not args.skip_fts5:
            bench_fts5(paragraphs, qs, Path(tmp))
        bench_readingroom(paragraphs, qs, Path(tmp))
        if args.postgres:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
            from tests import postgres

            bindir = postgres.server_binaries()
            if bindir is None:
                sys.exit("--postgres: PostgreSQL's server is not installed (apt-get install postgresql)")
            server = postgres.start(bindir)
            try:
                bench_readingroom(paragraphs, qs, Path(tmp), server.new_database())
            finally:
                server.stop()


if __name__ == "__main__":
    main()
