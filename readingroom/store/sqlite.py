"""The embedded store: one SQLite file holding documents, paragraphs, spans and an FTS5 index.

Each document is written in one transaction together with its index entries, so a crash or a kill leaves
either the whole document or none of it. WAL mode lets readers search while an ingest writes.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from readingroom.errors import StoreError
from readingroom.model import Document, Paragraph, Span
from readingroom.store import ParagraphHit, SearchRequest
from readingroom.store.schema import migrate

_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"
_DOC_COLUMNS = ("genre", "title", "date", "sender", "recipient", "classification", "collection")
_NOT_IN_DATA = {"id", "sha256", "text", "paragraphs", "spans", *_DOC_COLUMNS}


class SQLiteStore:
    def __init__(self, path: str):
        self.path = str(path)
        parent = Path(self.path).resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{self.path}: folder {parent} does not exist", "create it or choose another --db")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            migrate(self.conn, self.path)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a readingroom archive ({e})", "choose another --db file") from None

    # -- writing -------------------------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        sha = doc.sha256
        if self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
            return False
        data = {k: v for k, v in doc.to_dict().items() if k not in _NOT_IN_DATA}
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            if self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
                return False
            cur = self.conn.execute(
                f"INSERT INTO documents (id, sha256, source_id, {', '.join(_DOC_COLUMNS)}, data, text, ingested_at)"
                f" VALUES (?, ?, ?, {', '.join('?' * len(_DOC_COLUMNS))}, ?, ?, ?)",
                (doc.id, sha, doc.source_id, *(getattr(doc, c) for c in _DOC_COLUMNS),
                 json.dumps(data, ensure_ascii=False), doc.text, now),  # fmt: skip
            )
            doc_rowid = cur.lastrowid
            for p in doc.paragraphs:
                cur = self.conn.execute(
                    "INSERT INTO paragraphs (doc_rowid, ordinal, locator, kind, parent, page, start, end, segments, text)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_rowid, p.ordinal, p.locator, p.kind, p.parent, p.page, p.start, p.end,
                     json.dumps(p.segments) if p.segments else None, p.text),  # fmt: skip
                )
                self.conn.execute("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, p.text))
            self.conn.executemany(
                "INSERT INTO spans (doc_rowid, start, end, type, label, value, text, source) VALUES (?,?,?,?,?,?,?,?)",
                [(doc_rowid, s.start, s.end, s.type, s.label, s.value, s.text, s.source) for s in doc.spans],
            )
        return True

    def log_file(self, path: str, sha256: str | None, status: str, error: str | None, documents: list[str]) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.conn.execute(
            "INSERT INTO ingest_log (path, sha256, status, error, documents, at) VALUES (?, ?, ?, ?, ?, ?)",
            (path, sha256, status, error, json.dumps(documents), now),
        )

    # -- reading -------------------------------------------------------------------------------------------

    def get_document(self, key: str) -> Document | None:
        row = self.conn.execute(
            "SELECT rowid FROM documents WHERE id = ? OR source_id = ? ORDER BY rowid LIMIT 1", (key, key)
        ).fetchone()
        if row is None and len(key) >= 8:
            row = self.conn.execute("SELECT rowid FROM documents WHERE id LIKE ? || '%' LIMIT 2", (key,)).fetchone()
        return self._load(row[0]) if row else None

    def _load(self, rowid: int) -> Document:
        r = self.conn.execute(
            f"SELECT source_id, {', '.join(_DOC_COLUMNS)}, data, text FROM documents WHERE rowid = ?", (rowid,)
        ).fetchone()
        d: dict[str, Any] = json.loads(r[-2])
        d.update(dict(zip(("source_id", *_DOC_COLUMNS), r[:-2])))
        d["text"] = r[-1]
        doc = Document.from_dict(d)
        doc.paragraphs = [
            Paragraph(o, loc, kind, s, e, text, parent, page, [tuple(x) for x in json.loads(segs)] if segs else [])
            for o, loc, kind, parent, page, s, e, segs, text in self.conn.execute(
                "SELECT ordinal, locator, kind, parent, page, start, end, segments, text FROM paragraphs"
                " WHERE doc_rowid = ? ORDER BY ordinal",
                (rowid,),
            )
        ]
        doc.spans = [
            Span(s, e, t, text, label, value, source)
            for s, e, t, label, value, text, source in self.conn.execute(
                "SELECT start, end, type, label, value, text, source FROM spans WHERE doc_rowid = ? ORDER BY start, end, type",
                (rowid,),
            )
        ]
        return doc

    def search(self, request: SearchRequest) -> tuple[list[ParagraphHit], int]:
        where, params = ["paragraphs_fts MATCH ?"], [request.match]
        if request.doc_ids:
            where.append(f"d.id IN ({', '.join('?' * len(request.doc_ids))})")
            params += list(request.doc_ids)
        for name, value in request.filters:
            clause, values = _filter(name, value)
            where.append(clause)
            params += values
        if request.exclude_kinds:
            where.append(f"p.kind NOT IN ({', '.join('?' * len(request.exclude_kinds))})")
            params += list(request.exclude_kinds)
        joins = "FROM paragraphs_fts f JOIN paragraphs p ON p.rowid = f.rowid JOIN documents d ON d.rowid = p.doc_rowid"
        cond = " AND ".join(where)
        try:
            total = self.conn.execute(f"SELECT count(*) {joins} WHERE {cond}", params).fetchone()[0]
            rows = self.conn.execute(
                f"SELECT d.id, d.source_id, d.title, d.date, p.ordinal, p.locator, p.kind, bm25(paragraphs_fts),"
                f" p.text, p.start, p.end, snippet(paragraphs_fts, 0, '{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', 32)"
                f" {joins} WHERE {cond} ORDER BY bm25(paragraphs_fts) LIMIT ? OFFSET ?",
                [*params, request.limit, request.offset],
            ).fetchall()
        except sqlite3.OperationalError as e:
            from readingroom.errors import QuerySyntaxError

            raise QuerySyntaxError(f"cannot run query: {e}", "check quotes and parentheses") from None
        return [_hit(r) for r in rows], total

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def stats(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "paragraphs": q("SELECT count(*) FROM paragraphs").fetchone()[0],
            "spans": q("SELECT count(*) FROM spans").fetchone()[0],
        }

    def check(self) -> list[str]:
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            self.conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as e:
            problems.append(f"full-text index out of step with paragraphs: {e}")
        bad = self.conn.execute(
            "SELECT d.id, p.locator FROM paragraphs p JOIN documents d ON d.rowid = p.doc_rowid"
            " WHERE p.segments IS NULL AND substr(d.text, p.start + 1, p.end - p.start) != p.text LIMIT 5"
        ).fetchall()
        problems += [f"{doc_id} ¶{loc}: paragraph text differs from the document text at its span" for doc_id, loc in bad]
        orphans = self.conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.doc_rowid = d.rowid)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} documents have no paragraphs")
        return problems

    def close(self) -> None:
        self.conn.close()


_FILTER_COLUMNS = {"from": "d.sender", "to": "d.recipient", "classification": "d.classification",
                   "collection": "d.collection", "genre": "d.genre"}  # fmt: skip


def _filter(name: str, value: str) -> tuple[str, list[str]]:
    if name == "doc":
        return "(d.id LIKE ? || '%' OR d.source_id = ?)", [value, value]
    if name == "date":
        low, _, high = value.partition("..")
        if high:
            return "(d.date >= ? AND d.date <= ? || '~')", [low, high]
        return "d.date LIKE ? || '%'", [value]
    if name == "collection":
        return "(d.collection LIKE '%' || ? || '%' OR d.source_id LIKE ? || '/%')", [value, value]
    return f"{_FILTER_COLUMNS[name]} LIKE '%' || ? || '%'", [value]


def _hit(r: tuple[Any, ...]) -> ParagraphHit:
    snippet, highlights = _strip_marks(r[11])
    return ParagraphHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], -float(r[7]), r[8], r[9], r[10], snippet, highlights)


def _strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """FTS5 snippets with control-character marks -> plain snippet text and highlight offsets into it."""
    out: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    start = None
    for ch in marked:
        if ch == _OPEN:
            start = length
        elif ch == _CLOSE and start is not None:
            highlights.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    return "".join(out), highlights
