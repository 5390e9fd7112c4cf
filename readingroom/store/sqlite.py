"""The embedded store, the default: one SQLite file (`archive.db`) with its search index beside it
(`archive.db.index`). WAL mode lets readers search while an ingest writes; nothing to configure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from readingroom.errors import StoreError
from readingroom.store.database import SQLiteDatabase
from readingroom.store.schema import migrate
from readingroom.store.sqlstore import SQLStore


class SQLiteStore(SQLStore):
    def __init__(self, path: str):
        path = str(path)
        parent = Path(path).resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{path}: folder {parent} does not exist", "create the folder first, or name an archive in a folder that exists")
        try:
            db = SQLiteDatabase(path)
            migrate(db, path)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a readingroom archive ({e})", "choose another --db file") from None
        super().__init__(db, path, path + ".index")
        # The archive's own files, never read as documents when a folder that holds them is ingested (the
        # default archive is ./archive.db, and `readingroom ingest .` is a natural thing to type)
        file = Path(path).resolve()
        self.own_paths += (file, *(file.with_name(file.name + end) for end in ("-wal", "-shm", "-journal")))
