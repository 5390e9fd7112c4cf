"""A real PostgreSQL server for the tests: Debian's binaries, a throw-away cluster in a temporary folder, reached
through a Unix socket only (no TCP port), stopped at the end of the session. Each test gets a fresh database."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def server_binaries() -> Path | None:
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True):
        if (Path(found) / "initdb").exists():
            return Path(found)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class Server:
    socket_dir: Path
    data: Path
    bindir: Path
    as_user: list[str]
    _names = itertools.count(1)

    def url(self, database: str) -> str:
        return f"postgresql://readingroom@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        import psycopg

        name = f"archive_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(self.data.parent, ignore_errors=True)


def start(bindir: Path, durable: bool = False) -> Server:
    """`durable`: commits wait for the disk, as on a real server (the tests need no such wait)."""
    base = Path(tempfile.mkdtemp(prefix="readingroom-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as Debian's postgres user
        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, sockets = base / "data", base / "sockets"
    subprocess.run([*as_user, "mkdir", str(sockets)], check=True)
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "readingroom", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True, timeout=120)  # fmt: skip
    options = f"-k {sockets} -c listen_addresses=''"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l", str(base / "server.log"),
                    "-o", options, "start"], check=True, capture_output=True, timeout=120)  # fmt: skip
    return Server(sockets, data, bindir, as_user)
