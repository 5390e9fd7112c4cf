"""The shared store, for a team that has outgrown one laptop: documents, sets and accounts in PostgreSQL
(`--db postgresql://user@host/dbname`), the tantivy paragraph index on this machine's disk.

The index is derived data. Each app server keeps its own and catches up from PostgreSQL by paragraph rowid when
it opens the archive, as the SQLite store does after a crash. It lives in $READINGROOM_INDEX if set, else in
the user's data folder under a name made from the server, the database and a digest of the URL (never the
password).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from readingroom.errors import StoreError
from readingroom.store.database import PostgresDatabase, last_line
from readingroom.store.schema import migrate
from readingroom.store.sqlstore import SQLStore


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", "@", 1)
    return parts._replace(netloc=netloc).geturl()


def default_index_path(url: str) -> str:
    if os.environ.get("READINGROOM_INDEX"):
        return os.environ["READINGROOM_INDEX"]
    parts = urlsplit(url)
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{parts.hostname or 'local'}_{parts.port or 5432}_{parts.path.strip('/')}")
    # and a digest of the whole URL (its password left out): two servers reached through sockets differ only there
    name = f"{readable}_{hashlib.sha256(display_url(url).encode()).hexdigest()[:8]}"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return str(base / "readingroom" / "indexes" / f"{name}.index")


class PostgresStore(SQLStore):
    shared = True

    def __init__(self, url: str, index_path: str | None = None):
        shown = display_url(url)
        try:
            import psycopg
        except ImportError:
            raise StoreError(f"{shown}: PostgreSQL needs its extra", "pip install 'readingroom[postgres]'") from None
        try:
            db = PostgresDatabase(url)
            migrate(db, shown)
        except psycopg.OperationalError as e:
            raise StoreError(f"{shown}: cannot open the PostgreSQL archive ({last_line(e)})",
                             "check the server is running and the URL's user, host and database") from None  # fmt: skip
        super().__init__(db, shown, index_path or default_index_path(url))
