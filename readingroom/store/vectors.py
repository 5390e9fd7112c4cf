"""Paragraph vectors in the archive: which paragraphs still need one, storing them, loading the matrix.

Vectors are keyed by paragraph rowid, which only grows, so "what is left to embed" is a range scan and a
killed `embed` resumes where its last committed batch ended.
"""

from __future__ import annotations

import time
from typing import Any

from readingroom.errors import StoreError
from readingroom.search import semantic
from readingroom.store.database import Database

_SKIP = ", ".join(f"'{k}'" for k in semantic.SKIP_KINDS)
_TODO = (
    f"FROM paragraphs p WHERE p.kind NOT IN ({_SKIP}) AND length(p.text) >= {semantic.MIN_CHARS}"
    " AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.para = p.rowid)"
)


class VectorTable:
    def __init__(self, db: Database):
        self.db = db
        self._matrix: Any = None
        self._stamp: str | None = None
        self._checked = 0.0

    def model(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'embedding_model'").fetchone()
        return row[0] if row else None

    def check_model(self, name: str) -> None:
        stored = self.model()
        if stored and stored != name:
            raise StoreError(f"this archive's vectors were made with {stored}, not {name}",
                             "run readingroom embed --reset to embed again with the installed model")  # fmt: skip

    def reset(self) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM embeddings")
            self.db.execute("DELETE FROM meta WHERE key = 'embedding_model'")
            self._bump()
        self._matrix = None

    def todo(self, limit: int) -> list[tuple[int, str]]:
        return self.db.execute(f"SELECT p.rowid, p.text {_TODO} ORDER BY p.rowid LIMIT ?", (limit,)).fetchall()

    def count_todo(self) -> int:
        return int(self.db.execute(f"SELECT count(*) {_TODO}").fetchone()[0])

    def any(self) -> bool:
        return self.db.execute("SELECT 1 FROM embeddings LIMIT 1").fetchone() is not None

    def complete(self) -> bool:
        """Whether every paragraph worth a vector has one. Vectors are made in rowid order and rowids only
        grow, so only paragraphs after the last vector are looked at: cheap at a million paragraphs."""
        row = self.db.execute(f"SELECT 1 {_TODO} AND p.rowid > (SELECT coalesce(max(para), 0) FROM embeddings)"
                              " LIMIT 1").fetchone()  # fmt: skip
        return row is None

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM embeddings").fetchone()[0])

    def add(self, model: str, rows: list[tuple[int, bytes]]) -> None:
        with self.db.transaction():
            self.db.execute("INSERT INTO meta (key, value) VALUES ('embedding_model', ?) ON CONFLICT DO NOTHING", (model,))
            self.db.executemany("INSERT INTO embeddings (para, vector) VALUES (?, ?)"
                                 " ON CONFLICT (para) DO UPDATE SET vector = excluded.vector", rows)
            self._bump()
        self._checked = 0.0  # this process's own writes are seen at once, not after the once-a-second check

    def changed(self) -> None:
        """Inside the transaction that removed vectors (a document deleted): readers load the matrix again."""
        self._bump()
        self._checked = 0.0

    def _bump(self) -> None:
        """Count every change to the vectors, so readers can tell theirs are stale without scanning the table
        (count(*) over a million vectors reads 1.5 GB: half a second, once a second, for every reader)."""
        self.db.execute("INSERT INTO meta (key, value) VALUES ('embeddings_changes', '1') ON CONFLICT (key)"
                          " DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)")  # fmt: skip

    def _stamp_now(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'embeddings_changes'").fetchone()
        return row[0] if row else None

    def matrix(self) -> semantic.VectorMatrix:
        """The vectors as one matrix, loaded once and again only when another process has added some."""
        now = time.monotonic()
        if self._matrix is None or now - self._checked >= 1.0:
            self._checked = now
            stamp = self._stamp_now()
            if stamp != self._stamp or self._matrix is None:
                rows = self.db.execute(
                    "SELECT e.para, p.doc_rowid, e.vector FROM embeddings e JOIN paragraphs p ON p.rowid = e.para"
                    " ORDER BY e.para"
                ).fetchall()
                self._matrix = semantic.matrix_from_rows(rows, len(rows[0][2]) // 4 if rows else semantic.MiniLM.dim)
                self._stamp = stamp
        return self._matrix  # type: ignore[no-any-return]
