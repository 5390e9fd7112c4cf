"""Shared fixtures: real files from ../shared, real SQLite archives in temporary folders and real PostgreSQL
databases on a server started for the session (tests/postgres.py), the real CLI."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readingroom.api import Archive
from readingroom.cli.demo import demo_folder
from readingroom.enrich import enrich_archive
from readingroom.ingest.registry import ReadOptions

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7b586f3c1424ed7d.txt"
SEED_EXPECTED = json.loads((SHARED / "seed" / "000_7b586f3c1424ed7d.expected.json").read_text(encoding="utf-8"))
CABLES_1994 = SHARED / "corpus" / "cables-1994"
HISTORYLAB = SHARED / "corpus" / "historylab-cables"
FRUS = SHARED / "corpus" / "frus-tei"


@pytest.fixture(scope="session")
def postgres_server():
    from tests import postgres

    bindir = postgres.server_binaries()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: .ci/run installs Debian's postgresql package")
        pytest.skip("PostgreSQL's server is not installed (apt-get install postgresql)")
    server = postgres.start(bindir)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty database; its search index in this test's folder (also for the CLI in a subprocess)."""
    monkeypatch.setenv("READINGROOM_INDEX", str(tmp_path / "postgres.index"))
    return str(postgres_server.new_database())


@pytest.fixture(scope="session")
def postgres_demo(postgres_server, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The demo archive in PostgreSQL, once per session: (database URL, index folder)."""
    from readingroom.store.postgres import PostgresStore

    url, index = postgres_server.new_database(), str(tmp_path_factory.mktemp("pg-demo") / "index")
    with Archive(store=PostgresStore(url, index)) as a:
        results = a.ingest([demo_folder()])
    assert all(r.status != "failed" for r in results)
    return url, index


@pytest.fixture(params=["sqlite", "postgres"])
def archive_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an archive lives: a SQLite file, or a PostgreSQL database. Tests taking it run on both stores."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def archive(archive_target: str):
    with Archive(archive_target) as a:
        yield a


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled demo archive, built once per test session through the real ingest path."""
    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Archive(path) as a:
        results = a.ingest([demo_folder()])
    assert all(r.status != "failed" for r in results), [r.error for r in results if r.status == "failed"]
    return path


@pytest.fixture(scope="session")
def enriched_demo_db(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo archive with entities tagged, once per session; tests copy it (archive_with) before changing it."""
    path = str(tmp_path_factory.mktemp("enriched-demo") / "demo.db")
    shutil.copy(demo_db, path)
    with Archive(path) as a:
        enrich_archive(a.store)
    return path


def archive_with(source: str, folder: Path, name: str, text: str, options: ReadOptions = ReadOptions()):
    """A copy of the archive `source` in `folder` with one more document, tagged like the rest."""
    db = str(folder / "archive.db")
    shutil.copy(source, db)
    (folder / name).write_text(text)
    with Archive(db) as a:
        (result,) = a.ingest([folder / name], options)
        enrich_archive(a.store)
    return db, result


def run_cli(*args: str, db: str | None = None, cwd: str | Path | None = None, env: dict | None = None):
    """Run the installed `readingroom` command as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    if db:
        full_env["READINGROOM_DB"] = db
    return subprocess.run(
        [sys.executable, "-m", "readingroom", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=300
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(db: str):
    """`readingroom.web.create_app(db)` served by a real uvicorn on a free loopback port; yields its base URL."""
    import threading
    import time

    import uvicorn

    from readingroom.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
