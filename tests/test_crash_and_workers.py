"""Nothing lost: SIGKILL at any moment leaves a sound archive, and re-running converges on the archive an
uninterrupted run gives. Parallel parsing gives the same archive as one process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readingroom.api import Archive
from readingroom.cli.demo import demo_folder

from .conftest import run_cli


def _fingerprint(db: str) -> tuple:
    """What a reader of the archive `db` (a file or a PostgreSQL URL) would notice: documents, paragraphs, spans
    and search hits."""
    with Archive(db) as a:
        q = a.store.db.execute
        docs = [tuple(r) for r in q("SELECT id, sha256 FROM documents ORDER BY id")]
        paragraphs = [tuple(r) for r in q(
            'SELECT d.id, p.ordinal, p.locator, p.start, p."end" FROM paragraphs p JOIN documents d'
            " ON d.rowid = p.doc_rowid ORDER BY d.id, p.ordinal")]  # fmt: skip
        spans = q("SELECT count(*) FROM spans").fetchone()[0]
        found = a.search("rwanda OR treaty", limit=1000)
        hits = sorted((h.doc_id, h.locator) for h in found.hits)
    return docs, paragraphs, spans, found.total, hits


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple:
    db = str(tmp_path_factory.mktemp("ref") / "ref.db")
    r = run_cli("ingest", str(demo_folder()), "--json", db=db)
    assert r.returncode == 0, r.stderr
    return _fingerprint(db)


def _documents(db: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_at", [1, 150, 420, 700])
def test_sigkill_mid_ingest_then_rerun_converges(tmp_path, reference, kill_at):
    """Kill the ingest once `kill_at` documents are stored (of 811), check, re-run, compare."""
    db = str(tmp_path / "killed.db")
    env = {**os.environ, "READINGROOM_DB": db}
    proc = subprocess.Popen([sys.executable, "-m", "readingroom", "ingest", str(demo_folder()), "--json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while _documents(db) < kill_at and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _documents(db)
    assert kill_at <= stored < len(reference[0]), "the kill did not land mid-ingest"
    check = run_cli("check", db=db)
    assert check.returncode == 0, check.stdout + check.stderr
    rerun = run_cli("ingest", str(demo_folder()), "--json", db=db)
    assert rerun.returncode == 0, rerun.stderr
    assert _fingerprint(db) == reference
    assert run_cli("check", db=db).returncode == 0


def test_workers_give_the_same_archive(tmp_path, reference):
    db = str(tmp_path / "parallel.db")
    r = run_cli("ingest", str(demo_folder()), "--workers", "2", "--json", db=db)
    assert r.returncode == 0, r.stderr
    assert _fingerprint(db) == reference


def test_workers_report_failures_in_order(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(f"{i + 1}. CABLE NUMBER {i} ABOUT RWANDA.\n" if i % 7 else "")
    with Archive(str(tmp_path / "a.db")) as a:
        results = a.ingest([folder], workers=2)
    assert [Path(r.path).name for r in results] == [f"{i:02d}.txt" for i in range(40)]
    assert [r.status for r in results] == ["failed" if i % 7 == 0 else "ingested" for i in range(40)]
