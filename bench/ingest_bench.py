"""Ingest throughput and memory, beside a baseline written straight into SQLite FTS5 in the same run.

    python bench/ingest_bench.py [--generated 100000] [--workers 1 2] [--real] [--postgres]

With --postgres each corpus is also ingested into PostgreSQL (a throw-away server started as the tests start
it, tests/postgres.py, with fsync off unless --durable), beside a baseline that inserts the same paragraphs
into one PostgreSQL table.

For each corpus and worker count, `readingroom ingest` runs in a fresh subprocess (so peak RSS is its own);
the baseline reads the same files, splits paragraphs on blank lines and inserts them into an FTS5 table with
no readingroom code. Prints documents/s, MB/s, peak RSS (main process and worker processes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def corpus_bytes(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        total += p.stat().st_size if p.is_file() else sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return total


def run_readingroom(paths: list[Path], workers: int, db: str) -> dict:
    """One ingest in a child process; returns its own timing and peak RSS."""
    code = (
        "import json, resource, sys, time\n"
        "from readingroom.api import Archive\n"
        "t = time.perf_counter()\n"
        f"a = Archive({db!r})\n"
        f"r = a.ingest({[str(p) for p in paths]!r}, workers={workers})\n"
        "el = time.perf_counter() - t\n"
        "s = a.stats()\n"
        "print(json.dumps({'seconds': el, 'files': len(r), 'failed': sum(x.status == 'failed' for x in r),"
        " 'documents': s['documents'], 'paragraphs': s['paragraphs'],"
        " 'rss_main_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'rss_workers_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    env = None
    if db.startswith("postgresql://"):  # the index of a PostgreSQL archive: a fresh folder of its own
        env = {**os.environ, "READINGROOM_INDEX": tempfile.mkdtemp(prefix="rr-bench-index-")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _text_files(paths: list[Path]) -> list[Path]:
    files = [f for p in paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p]) if f.is_file()]
    return [f for f in files if f.suffix == ".txt"]


def run_postgres_baseline(paths: list[Path], url: str) -> dict:
    """The floor in PostgreSQL: the same blank-line paragraphs, one transaction per file, into one table."""
    import psycopg

    t = time.perf_counter()
    docs = paras = 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE p (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc TEXT, text TEXT)")
        for f in _text_files(paths):
            blocks = [(f.name, b) for b in f.read_text(encoding="utf-8", errors="replace").split("\n\n") if b.strip()]
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany("INSERT INTO p (doc, text) VALUES (%s, %s)", blocks)
            paras += len(blocks)
            docs += 1
    return {"seconds": time.perf_counter() - t, "documents": docs, "paragraphs": paras,
            "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip


def run_baseline(paths: list[Path], db: str) -> dict:
    """The floor: read each text file, split on blank lines, insert into FTS5. No parsing, no model."""
    t = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE VIRTUAL TABLE p USING fts5(doc, text, tokenize='porter unicode61 remove_diacritics 2')")
    docs = paras = 0
    files = [f for p in paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p]) if f.is_file()]
    for f in files:
        if f.suffix not in (".txt",):
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        conn.execute("BEGIN")
        for block in text.split("\n\n"):
            if block.strip():
                conn.execute("INSERT INTO p (doc, text) VALUES (?, ?)", (f.name, block))
                paras += 1
        conn.execute("COMMIT")
        docs += 1
    conn.close()
    return {"seconds": time.perf_counter() - t, "documents": docs, "paragraphs": paras,
            "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip


def report(name: str, r: dict, mb: float) -> None:
    docs_s = r["documents"] / r["seconds"]
    extra = f"  RSS main {r['rss_main_mb']:.0f} MB" + (
        f", workers {r['rss_workers_mb']:.0f} MB" if r.get("rss_workers_mb") else "")  # fmt: skip
    print(f"  {name:<28} {r['documents']:>8,} docs {r['seconds']:8.1f} s {docs_s:9.0f} docs/s"
          f" {mb / r['seconds']:7.2f} MB/s{extra}")  # fmt: skip


def bench(label: str, paths: list[Path], workers: list[int], baseline: bool, postgres=None) -> None:  # type: ignore[no-untyped-def]
    mb = corpus_bytes(paths) / 1e6
    print(f"{label}: {mb:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        for w in workers:
            db = str(Path(tmp) / f"rr-{w}.db")
            report(f"readingroom --workers {w}", run_readingroom(paths, w, db), mb)
        if baseline:
            report("baseline: raw FTS5 inserts", run_baseline(paths, str(Path(tmp) / "base.db")), mb)
        if postgres is not None:
            for w in workers:
                report(f"PostgreSQL: rr --workers {w}", run_readingroom(paths, w, postgres.new_database()), mb)
            if baseline:
                report("baseline: raw PG inserts", run_postgres_baseline(paths, postgres.new_database()), mb)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generated", type=int, nargs="*", default=[100_000])
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--real", action="store_true", help="also the real corpus in ../shared/corpus (no scans)")
    ap.add_argument("--postgres", action="store_true", help="also into PostgreSQL (a server started for the run)")
    ap.add_argument("--durable", action="store_true", help="with --postgres: commits wait for the disk (fsync on)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    server = None
    if args.postgres:
        from tests import postgres

        bindir = postgres.server_binaries()
        if bindir is None:
            sys.exit("--postgres: PostgreSQL's server is not installed (apt-get install postgresql)")
        server = postgres.start(bindir, durable=args.durable)
    try:
        if args.real:
            real = [SHARED / "historylab-cables", SHARED / "cables-1994", SHARED / "frus-tei", SHARED / "dfat"]
            bench("real corpus (History Lab, 1994 cables, 12 FRUS volumes, DFAT JSONL)", real, args.workers, False,
                  server)  # fmt: skip
        from gen_cables import generate

        for n in args.generated:
            tmp = Path(tempfile.mkdtemp(prefix="rr-gen-"))
            try:
                generate(tmp, n)
                bench(f"generated raw-layout cables, n={n:,}", [tmp], args.workers, True, server)
            finally:
                shutil.rmtree(tmp)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
