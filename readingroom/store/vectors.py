"""Paragraph vectors in the archive: which paragraphs still need one, storing them, loading the matrix.

Vectors are keyed by paragraph rowid, which only grows, so "what is left to embed" is a range scan and a
killed `embed` resumes where its last committed batch ended.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from readingroom.errors import StoreError
from readingroom.parse.sentences import MAX_QUOTE
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
            self.db.execute("DELETE FROM passage_embeddings")
            self.passages_backfilled()  # vectors made from now on come with their passages
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

    def add(self, model: str, rows: list[tuple[int, bytes]],
            passages: Sequence[tuple[int, int, int, bytes]] = ()) -> None:  # fmt: skip
        """Paragraph vectors, and the vectors of long paragraphs' passages (para, start, end, vector), in one
        transaction: a paragraph that has its vector has its passages'."""
        with self.db.transaction():
            self.db.execute("INSERT INTO meta (key, value) VALUES ('embedding_model', ?) ON CONFLICT DO NOTHING", (model,))
            self.db.executemany("INSERT INTO embeddings (para, vector) VALUES (?, ?)"
                                 " ON CONFLICT (para) DO UPDATE SET vector = excluded.vector", rows)
            self.db.executemany('INSERT INTO passage_embeddings (para, start, "end", vector) VALUES (?, ?, ?, ?)'
                                " ON CONFLICT (para, start) DO UPDATE SET vector = excluded.vector", list(passages))
            self._bump()
        self._checked = 0.0  # this process's own writes are seen at once, not after the once-a-second check

    def changed(self) -> None:
        """Inside the transaction that removed vectors (a document deleted): readers load the matrix again."""
        self._bump()
        self._checked = 0.0

    def missing_passages(self, after: int, limit: int) -> list[tuple[int, str]]:
        """Long paragraphs embedded before their passages were kept (rowid after `after`), until the one pass
        that gives them theirs has finished."""
        if self.db.execute("SELECT 1 FROM meta WHERE key = 'passages_backfilled'").fetchone():
            return []
        return self.db.execute(
            f"SELECT p.rowid, p.text FROM paragraphs p JOIN embeddings e ON e.para = p.rowid WHERE p.rowid > ?"
            f" AND length(p.text) > {MAX_QUOTE} AND p.segments IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM passage_embeddings x WHERE x.para = p.rowid) ORDER BY p.rowid LIMIT ?",
            (after, limit),
        ).fetchall()

    def passages_backfilled(self) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES ('passages_backfilled', '1') ON CONFLICT DO NOTHING")

    def starts(self, paras: list[int]) -> dict[int, int]:
        """Where each paragraph of one piece (not rejoined from OCR segments) begins in its document's text."""
        if not paras:
            return {}
        marks = ", ".join("?" * len(paras))
        rows = self.db.execute(f"SELECT rowid, start FROM paragraphs WHERE rowid IN ({marks}) AND segments IS NULL", paras)
        return {r[0]: r[1] for r in rows}

    def passages(self, doc_ids: list[str]) -> dict[tuple[str, int], list[tuple[int, int, bytes]]]:
        """The stored passage vectors of these documents' long paragraphs, by (document id, paragraph ordinal)."""
        if not doc_ids:
            return {}
        marks = ", ".join("?" * len(doc_ids))
        out: dict[tuple[str, int], list[tuple[int, int, bytes]]] = {}
        for doc_id, ordinal, start, end, vector in self.db.execute(
            'SELECT d.id, p.ordinal, e.start, e."end", e.vector FROM passage_embeddings e'
            " JOIN paragraphs p ON p.rowid = e.para JOIN documents d ON d.rowid = p.doc_rowid"
            f" WHERE d.id IN ({marks}) ORDER BY e.para, e.start", doc_ids
        ):  # fmt: skip
            out.setdefault((doc_id, ordinal), []).append((start, end, bytes(vector)))
        return out

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
                if semantic.PASSAGES_IN_SEARCH:  # a long paragraph is also found by any of its passages
                    rows += self.db.execute(
                        "SELECT e.para, p.doc_rowid, e.vector FROM passage_embeddings e"
                        " JOIN paragraphs p ON p.rowid = e.para ORDER BY e.para, e.start"
                    ).fetchall()
                self._matrix = semantic.matrix_from_rows(rows, len(rows[0][2]) // 4 if rows else semantic.MiniLM.dim)
                self._stamp = stamp
        return self._matrix  # type: ignore[no-any-return]
