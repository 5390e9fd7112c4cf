"""The store's tables in SQL, for SQLite (store/sqlite.py) and PostgreSQL (store/postgres.py) alike, beside the
tantivy paragraph index derived from them (search/index.py).

Each document is written in one transaction; the index follows it (store/following.py), so the tables are the
truth and the index can always be rebuilt from them.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from readingroom.errors import NotFound
from readingroom.model import ID_PREFIX_MIN, Document, Paragraph, Span
from readingroom.search import engine, hybrid, semantic
from readingroom.search.index import ParagraphIndex
from readingroom.store import SearchPage, SearchRequest
from readingroom.store.access import outside
from readingroom.store.database import Database
from readingroom.store.following import IndexFollowing
from readingroom.store.vectors import VectorTable

_ROWS_PER_INSERT = 500  # 5,000 parameters: under SQLite's limit of 32,766
FOLLOW_SECONDS = 2.0  # how stale a shared store's index may be: what another machine stored shows up this soon
_DOC_COLUMNS = ("genre", "title", "date", "sender", "recipient", "classification", "collection")
_NOT_IN_DATA = {"id", "sha256", "text", "paragraphs", "spans", *_DOC_COLUMNS}


class SQLStore(IndexFollowing):
    """Documents in SQL tables, paragraphs in a tantivy index beside them. `path` names the archive in messages."""

    # Whether other machines write to these tables, each with an index of its own: searches then catch up with
    # what they stored (SQLite's writers share one index folder and index what they store themselves).
    shared = False

    def __init__(self, db: Database, path: str, index_path: str):
        self.db = db
        self.path = path
        self.index = ParagraphIndex(index_path, self._archive_id())
        self.index.aliased = self._entities_named
        self.own_paths: tuple[Path, ...] = (self.index.path.resolve(),)
        self.vectors = VectorTable(db)
        self._followed = 0.0
        self.start_following()

    def _archive_id(self) -> str:
        """A random name the archive takes when first opened. The index folder is found by the archive's path
        or URL, so one left from another archive there (archive.db deleted and ingested anew, a database
        dropped and created again) would otherwise be trusted and show its hits twice."""
        read = lambda: self.db.execute("SELECT value FROM meta WHERE key = 'archive_id'").fetchone()  # noqa: E731
        if row := read():
            return str(row[0])
        with self.db.transaction():
            self.db.execute("INSERT INTO meta (key, value) VALUES ('archive_id', ?) ON CONFLICT DO NOTHING",
                            (secrets.token_hex(16),))  # fmt: skip
        return str(read()[0])

    def delete_documents(self, doc_ids: list[str]) -> list[tuple[str, str, str | None]]:
        """Remove documents with their paragraphs, spans, vectors and places in document sets, in one
        transaction, then from the index; (id, source id, title) of each removed. Ingesting the same file
        again brings them back."""
        gone = []
        with self.db.transaction():
            for doc_id in doc_ids:
                row = self.db.execute("SELECT rowid, source_id, title FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is None:
                    continue
                gone.append((doc_id, row[1], row[2]))
                self._count_entity_documents(self._entity_ids(row[0]), [])
                for table in ("embeddings", "passage_embeddings"):
                    self.db.execute(f"DELETE FROM {table} WHERE para IN (SELECT rowid FROM paragraphs WHERE doc_rowid = ?)",
                                    (row[0],))  # fmt: skip
                self.db.execute("DELETE FROM set_items WHERE doc_id = ?", (doc_id,))
                self.db.execute("DELETE FROM documents WHERE rowid = ?", (row[0],))  # paragraphs and spans cascade
                self.db.serialise_writes()  # deletions then commit in seq order, so a follower misses none
                self.db.execute("INSERT INTO deletions (doc_id, deleted_at) VALUES (?, ?)",
                                (doc_id, datetime.now(UTC).isoformat(timespec="seconds")))  # fmt: skip
            self.vectors.changed()
        self._follow_deletions()
        return gone

    # -- writing -------------------------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        sha = doc.sha256
        if self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
            return False
        header = doc.header_dict(sha)
        columns = [doc.text, doc.source_id, *(getattr(doc, c) for c in _DOC_COLUMNS)]
        self.db.refuse_unstorable(f"document {doc.source_id}", columns)
        data = {k: v for k, v in header.items() if k not in _NOT_IN_DATA}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.transaction():
            self.db.serialise_writes()  # rowids then commit in order, so catch_up's "after the last rowid" misses none
            inserted = self.db.execute(
                f"INSERT INTO documents (id, sha256, source_id, {', '.join(_DOC_COLUMNS)}, data, text, ingested_at)"
                f" VALUES (?, ?, ?, {', '.join('?' * len(_DOC_COLUMNS))}, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING rowid",
                (header["id"], sha, doc.source_id, *(getattr(doc, c) for c in _DOC_COLUMNS),
                 json.dumps(data, ensure_ascii=False), doc.text, now),  # fmt: skip
            ).fetchall()  # read to the end: SQLite cannot commit while a write statement is still stepping
            if not inserted:
                return False  # another process stored it since the check above
            doc_rowid = int(inserted[0][0])
            para_rowids = self._insert_paragraphs(doc_rowid, doc)
            self._insert_spans(doc_rowid, doc.spans)
        self.index.add(_rows_of(doc, header["id"], doc_rowid, para_rowids))  # what _index_rows would read back
        return True

    def _insert_paragraphs(self, doc_rowid: int, doc: Document) -> list[int]:
        """Many rows to one INSERT (a round trip per paragraph is most of a PostgreSQL ingest); their rowids
        matched back by ordinal, since RETURNING promises no order."""
        rowids: dict[int, int] = {}
        for first in range(0, len(doc.paragraphs), _ROWS_PER_INSERT):
            chunk = doc.paragraphs[first : first + _ROWS_PER_INSERT]
            values = [(doc_rowid, p.ordinal, p.locator, p.kind, p.parent, p.page, p.start, p.end,
                       json.dumps(p.segments) if p.segments else None, p.text) for p in chunk]  # fmt: skip
            rows = self.db.execute(
                'INSERT INTO paragraphs (doc_rowid, ordinal, locator, kind, parent, page, start, "end", segments, text)'
                f" VALUES {', '.join(['(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'] * len(chunk))} RETURNING ordinal, rowid",
                [v for row in values for v in row],
            ).fetchall()
            rowids.update((int(o), int(r)) for o, r in rows)
        return [rowids[p.ordinal] for p in doc.paragraphs]

    def _insert_spans(self, doc_rowid: int, spans: list[Span]) -> None:
        for first in range(0, len(spans), _ROWS_PER_INSERT):
            chunk = spans[first : first + _ROWS_PER_INSERT]
            self.db.execute(
                'INSERT INTO spans (doc_rowid, start, "end", type, label, value, text, source)'
                f" VALUES {', '.join(['(?, ?, ?, ?, ?, ?, ?, ?)'] * len(chunk))}",
                [v for s in chunk for v in (doc_rowid, s.start, s.end, s.type, s.label, s.value, s.text, s.source)],
            )

    @contextmanager
    def batch(self) -> Iterator[None]:
        try:
            with self.db.transaction():
                yield
        except BaseException:
            # The batch's rows never reached the tables, so they must not reach the index. Rolling the index
            # back also drops earlier documents not yet committed to it; catch_up adds those again from the tables.
            self.index.rollback()
            with suppress(Exception):  # best effort: the next open catches up too
                self.catch_up()
            raise

    def flush(self) -> None:
        self.index.commit()
        self.db.execute("UPDATE documents SET indexed_enriched = enriched WHERE indexed_enriched != enriched")

    def documents_to_enrich(self, version: int, limit: int = 500) -> list[str]:
        rows = self.db.execute("SELECT id FROM documents WHERE enriched < ? ORDER BY rowid LIMIT ?", (version, limit))
        return [r[0] for r in rows]

    def count_to_enrich(self, version: int) -> int:
        return self.db.execute("SELECT count(*) FROM documents WHERE enriched < ?", (version,)).fetchone()[0]

    def set_entities(self, doc_id: str, spans: list[Span], version: int) -> None:
        """Replace a document's entity spans, update the entity records, and re-index its paragraphs."""
        with self.db.transaction():
            rowid = self.db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            previous = self._entity_ids(rowid)
            self.db.execute("DELETE FROM spans WHERE doc_rowid = ? AND type = 'entity'", (rowid,))
            self._insert_spans(rowid, spans)
            for entity_id, kind, surfaces in _entity_records(spans):
                self._add_aliases(entity_id, kind, surfaces)
            self._count_entity_documents(previous, [e for e, _, _ in _entity_records(spans)])
            self.db.serialise_writes()  # enrich_seq values then commit in order, so a follower misses none
            self.db.execute("UPDATE documents SET enriched = ?, enrich_seq = (SELECT coalesce(max(enrich_seq), 0) + 1"
                            " FROM documents) WHERE rowid = ?", (version, rowid))  # fmt: skip
        self._reindex(rowid, doc_id)

    def person_mentions(self) -> list[tuple[str, str | None, str | None, str, str]]:
        """(document id, collection, date, entity id, text as written): each way each document names a person."""
        return self._entity_mentions("s.value LIKE ?", ("PER:%",))

    def relink_entities(self, doc_id: str, moves: dict[str, str]) -> None:
        """A document's mentions of each entity `old` in `moves` become mentions of `moves[old]` (HUGHES of a 1925
        letter is CHARLES E HUGHES, named in full elsewhere), which gains their surface forms and the old name as
        aliases. One transaction and one re-index for the document; it stays marked for re-indexing until the
        next flush, so a kill before the index commits is caught up on the next open."""
        with self.db.transaction():
            row = self.db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return
            rowid = row[0]
            previous = self._entity_ids(rowid)
            for old, new in moves.items():
                surfaces = {r[0] for r in self.db.execute("SELECT text FROM spans WHERE doc_rowid = ? AND type = 'entity'"
                                                          " AND value = ?", (rowid, old))}  # fmt: skip
                self.db.execute("UPDATE spans SET value = ? WHERE doc_rowid = ? AND type = 'entity' AND value = ?",
                                (new, rowid, old))  # fmt: skip
                if surfaces:
                    self._add_aliases(new, new.split(":", 1)[0], surfaces | {old.split(":", 1)[1]})  # found by its old name
            self._count_entity_documents(previous, self._entity_ids(rowid))
            self.db.serialise_writes()
            self.db.execute("UPDATE documents SET indexed_enriched = -1, enrich_seq = (SELECT coalesce(max(enrich_seq),"
                            " 0) + 1 FROM documents) WHERE rowid = ?", (rowid,))  # fmt: skip
        self._reindex(rowid, doc_id)

    def _add_aliases(self, entity_id: str, kind: str, surfaces: set[str]) -> None:
        row = self.db.execute("SELECT aliases FROM entities WHERE id = ?", (entity_id,)).fetchone()
        aliases = sorted(set(json.loads(row[0]) if row else []) | surfaces)
        self.db.execute(
            "INSERT INTO entities (id, type, name, aliases, documents) VALUES (?, ?, ?, ?, 0)"
            " ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases",
            (entity_id, kind, entity_id.split(":", 1)[1], json.dumps(aliases, ensure_ascii=False)),
        )

    def _entity_ids(self, doc_rowid: int) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT value FROM spans WHERE doc_rowid = ? AND type = 'entity'"
                                              " AND value IS NOT NULL", (doc_rowid,))]  # fmt: skip

    def _count_entity_documents(self, before: list[str], after: list[str]) -> None:
        """A document's entities were `before` and are now `after`: each count of documents moves by the
        difference. (Adding one each time counted a document tagged again, at a new tagger version, twice.)"""
        gone, new = set(before) - set(after), set(after) - set(before)
        self.db.executemany("UPDATE entities SET documents = documents + ? WHERE id = ?",
                            [(-1, e) for e in sorted(gone)] + [(1, e) for e in sorted(new)])  # fmt: skip

    def initials_mentions(self) -> list[tuple[str, str | None, str | None, str, str]]:
        """(document id, collection, date, entity id, text as written) of each mention written as, or filed under,
        one short word (NSP, THE NSP): initials, which one document may spell out and another not."""
        # written as initials of 2 to 8 capitals, or filed under one word of them (the longest kind, POST:, is 5)
        return self._entity_mentions("(length(s.text) BETWEEN 2 AND 8 AND s.text NOT LIKE ? AND s.text = upper(s.text))"
                                     " OR (length(s.value) <= 13 AND s.value NOT LIKE ?)", ("% %", "% %"))

    def _entity_mentions(self, condition: str, params: tuple[str, ...]) -> list[tuple[str, str | None, str | None, str, str]]:
        """(document id, collection, date, entity id, text as written) of the entity spans meeting `condition`."""
        return [tuple(r) for r in self.db.execute(  # type: ignore[misc]
            "SELECT DISTINCT d.id, d.collection, d.date, s.value, s.text FROM spans s JOIN documents d ON d.rowid = s.doc_rowid"
            f" WHERE s.type = 'entity' AND ({condition})", params)]  # fmt: skip

    def entity(self, key: str, hidden: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """An entity as the caller may see it: aliases and counts only from documents outside `hidden`."""
        by_id = "SELECT id, type, name, aliases, documents FROM entities WHERE id = ?"
        row = self.db.execute(by_id, (key,)).fetchone()
        if row is None and (named := self._entities_named(key)):  # Hughes: CHARLES E HUGHES, the most documented
            row = self.db.execute(by_id, (named[0],)).fetchone()
        if row is None:
            return None
        record = {"id": row[0], "type": row[1], "name": row[2], "aliases": json.loads(row[3]), "documents": row[4]}
        if hidden:
            visible = self.db.execute(
                f"SELECT s.text, d.id FROM spans s JOIN documents d ON d.rowid = s.doc_rowid WHERE s.type = 'entity'"
                f" AND s.value = ? AND {outside(hidden, 'd')}", (row[0], *hidden)
            ).fetchall()
            if not visible:
                return None
            record["aliases"] = sorted({t for t, _ in visible})
            record["documents"] = len({d for _, d in visible})
        return record

    def _entities_named(self, name: str) -> list[str]:
        """Entities in some document named `name`, or a mention of which is written so (any case), the most
        documented first: what `entity()` and the index's `entity:` filter take a name to mean."""
        rows = self.db.execute("SELECT id FROM entities WHERE documents > 0 AND (upper(name) = upper(?) OR upper(aliases)"
                               " LIKE ? ESCAPE '\\') ORDER BY documents DESC, id",
                               (name, f'%"{_like_literal(name.upper())}"%'))  # fmt: skip
        return [r[0] for r in rows]

    # -- reading -------------------------------------------------------------------------------------------

    def get_document(self, key: str, spans: bool = True) -> Document | None:
        row = self._document_row(key, f"rowid, source_id, {', '.join(_DOC_COLUMNS)}, data, text")
        return self._load(tuple(row), spans) if row else None

    def document_id(self, key: str) -> str | None:
        """The id of the document a reader names by its id, its source id (1976DAMASC06820, frus1925v02/d123),
        the start of its id, or the record id it had in a bulk file (the source id after the file's name)."""
        row = self._document_row(key, "id")
        return row[0] if row else None

    def _document_row(self, key: str, columns: str) -> Any:
        # Two lookups, not one with OR: each uses its index (PostgreSQL's generic plan for the OR scanned the table)
        row = self.db.execute(f"SELECT {columns} FROM documents WHERE id = ?", (key,)).fetchone()
        if row is None:
            row = self.db.execute(
                f"SELECT {columns} FROM documents WHERE source_id = ? ORDER BY rowid LIMIT 1", (key,)
            ).fetchone()
        if row is None and len(key) >= ID_PREFIX_MIN:
            rows = self.db.execute(f"SELECT {columns} FROM documents WHERE id LIKE ? || '%' LIMIT 2", (key,)).fetchall()
            if len(rows) > 1:
                raise NotFound(f"id prefix '{key}' matches more than one document", "give more of the id")
            row = rows[0] if rows else None
        if row is None:  # a bulk file's record by its own id: the end of its source id
            pattern = "%/" + _like_literal(key)
            rows = self.db.execute(
                f"SELECT {columns}, source_id FROM documents WHERE source_id LIKE ? ESCAPE '\\' ORDER BY rowid LIMIT 3",
                (pattern,),
            ).fetchall()
            if len({r[-1] for r in rows}) > 1:
                raise NotFound(f"'{key}' ends more than one source id: {', '.join(sorted({r[-1] for r in rows}))} …",
                               "give the whole source id")  # fmt: skip
            row = rows[0][:-1] if rows else None
        return row

    def _load(self, row: tuple[Any, ...], spans: bool) -> Document:
        """A document from its row (rowid, source_id, the _DOC_COLUMNS, data, text) with its paragraphs and,
        unless told not to, its spans."""
        rowid, r = row[0], row[1:]
        d: dict[str, Any] = json.loads(r[-2])
        d.update(dict(zip(("source_id", *_DOC_COLUMNS), r[:-2], strict=False)))
        d["text"] = r[-1]
        doc = Document.from_dict(d)
        doc.paragraphs = [
            Paragraph(o, loc, kind, s, e, text, parent, page, [tuple(x) for x in json.loads(segs)] if segs else [])
            for o, loc, kind, parent, page, s, e, segs, text in self.db.execute(
                "SELECT ordinal, locator, kind, parent, page, start, \"end\", segments, text FROM paragraphs"
                " WHERE doc_rowid = ? ORDER BY ordinal",
                (rowid,),
            )
        ]
        doc.spans = [] if not spans else [
            Span(s, e, t, text, label, value, source)
            for s, e, t, label, value, text, source in self.db.execute(
                "SELECT start, \"end\", type, label, value, text, source FROM spans WHERE doc_rowid = ? ORDER BY start, \"end\", type",
                (rowid,),
            )
        ]
        return doc

    def search(self, request: SearchRequest) -> SearchPage:
        if self.shared and time.monotonic() - self._followed >= FOLLOW_SECONDS:
            self._followed = time.monotonic()
            self.catch_up()
            self._follow_enrichment()
            self._follow_deletions()
        self.index.reload()
        request = self._documents_named(request)
        if request.mode == "lexical":
            return engine.run(self.index, request, self._hit_details)
        nearest = self.vectors.matrix().nearest(request.vector, semantic.POOL)
        return hybrid.run(self.index, request, nearest, self._hit_details)

    def _documents_named(self, request: SearchRequest) -> SearchRequest:
        """`doc:` and a scope take what `show` takes — an id, a source id or the start of an id — while the
        index knows documents by id alone: `doc:1976DAMASC06820` had found nothing."""
        keys = [v for n, v in request.filters if n == "doc"] + list(request.doc_ids)
        if not keys:
            return request
        # a scope of many documents (a set) is ids already: one query for them all, a lookup for the rest
        ids = {r[0] for r in self.db.execute(f"SELECT id FROM documents WHERE id IN ({', '.join('?' * len(keys))})", keys)}
        named = {k: k if k in ids else (self.document_id(k) or k) for k in keys}
        filters = tuple((n, named[v]) if n == "doc" else (n, v) for n, v in request.filters)
        return replace(request, filters=filters, doc_ids=tuple(named[d] for d in request.doc_ids))

    def _hit_details(self, paras: list[int]) -> dict[int, tuple[Any, ...]]:
        if not paras:
            return {}
        rows = self.db.execute(
            "SELECT p.rowid, d.id, d.source_id, d.title, d.date, p.ordinal, p.locator, p.kind, p.start, p.\"end\""
            f" FROM paragraphs p JOIN documents d ON d.rowid = p.doc_rowid WHERE p.rowid IN ({', '.join('?' * len(paras))})",
            paras,
        )
        return {r[0]: r[1:] for r in rows}

    # -- paragraph vectors (search/semantic.py) -------------------------------------------------------------

    def has_embeddings(self) -> bool:
        return self.vectors.any()

    def embedding_count(self) -> int:
        return self.vectors.count()

    def vectors_complete(self) -> bool:
        return self.vectors.complete()

    def count_to_embed(self) -> int:
        return self.vectors.count_todo()

    def paragraphs_to_embed(self, limit: int) -> list[tuple[int, str]]:
        return self.vectors.todo(limit)

    def add_embeddings(self, model: str, rows: list[tuple[int, bytes]],
                       passages: Sequence[tuple[int, int, int, bytes]] = ()) -> None:  # fmt: skip
        self.vectors.add(model, rows, passages)

    def paragraphs_missing_passages(self, after: int, limit: int) -> list[tuple[int, str]]:
        return self.vectors.missing_passages(after, limit)

    def passages_backfilled(self) -> None:
        self.vectors.passages_backfilled()

    def paragraph_starts(self, paras: list[int]) -> dict[int, int]:
        return self.vectors.starts(paras)

    def passage_vectors(self, doc_ids: list[str]) -> dict[tuple[str, int], list[tuple[int, int, bytes]]]:
        return self.vectors.passages(doc_ids)

    def embedding_model(self) -> str | None:
        return self.vectors.model()

    def check_embedding_model(self, name: str) -> None:
        self.vectors.check_model(name)

    def reset_embeddings(self) -> None:
        self.vectors.reset()

    def dated_documents(self, limit: int, hidden: tuple[str, ...] = ()) -> list[str]:
        """Ids of dated documents, oldest first, leaving out hidden collections."""
        rows = self.db.execute(
            f"SELECT id FROM documents WHERE date IS NOT NULL AND {outside(hidden)} ORDER BY date, rowid LIMIT ?",
            (*hidden, limit),
        )
        return [r[0] for r in rows]

    def date_counts(self, hidden: tuple[str, ...] = ()) -> dict[str | None, int]:
        rows = self.db.execute(f"SELECT substr(date, 1, 7), count(*) FROM documents WHERE {outside(hidden)} GROUP BY 1",
                               hidden)  # fmt: skip
        return {r[0]: int(r[1]) for r in rows}

    def value_counts(self, column: str, limit: int, hidden: tuple[str, ...] = ()) -> list[tuple[str, int]]:
        if column not in VALUE_COLUMNS:
            raise ValueError(f"documents are not counted by {column!r}")
        rows = self.db.execute(f"SELECT {column}, count(*) FROM documents WHERE {column} IS NOT NULL AND {column} != ''"
                               f" AND {outside(hidden)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {int(limit)}", hidden)  # fmt: skip
        return [(r[0], int(r[1])) for r in rows]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    def documents_from(self, file: str, sha256: str | None = None) -> list[str]:
        """Ids of the documents read from a file: by the path as it was given to ingest, or by the file's
        bytes (its sha256) wherever it was read from."""
        where = f"({self.db.json_text('data', 'provenance', 'file')} = ?"
        params: list[Any] = [file]
        if sha256:
            where += f" OR {self.db.json_text('data', 'provenance', 'sha256')} = ?"
            params.append(sha256)
        where += ")"
        return [r[0] for r in self.db.execute(f"SELECT id FROM documents WHERE {where} ORDER BY rowid", params)]

    def documents_in(self, collection: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents WHERE collection = ? ORDER BY rowid", (collection,))]

    def stats(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "paragraphs": q("SELECT count(*) FROM paragraphs").fetchone()[0],
            "spans": q("SELECT count(*) FROM spans").fetchone()[0],
        }

    def check(self) -> list[str]:
        problems = self.db.integrity_problems()
        paragraphs = self.db.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        indexed = self.index.num_docs()
        if indexed != paragraphs:
            problems.append(f"search index holds {indexed} paragraphs, the store {paragraphs}: run any command to catch up")
        bad = self.db.execute(
            "SELECT d.id, p.locator FROM paragraphs p JOIN documents d ON d.rowid = p.doc_rowid"
            " WHERE p.segments IS NULL AND substr(d.text, p.start + 1, p.\"end\" - p.start) != p.text LIMIT 5"
        ).fetchall()
        problems += [f"{doc_id} ¶{loc}: paragraph text differs from the document text at its span" for doc_id, loc in bad]
        orphans = self.db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.doc_rowid = d.rowid)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} documents have no paragraphs")
        return problems

    def close(self) -> None:
        self.index.close()
        self.db.close()


def _rows_of(doc: Document, doc_id: str, doc_rowid: int, para_rowids: list[int]) -> list[tuple[Any, ...]]:
    """A just-stored document's index rows, in ROW_COLUMNS order, built without reading it back."""
    tags = json.dumps(doc.tags, ensure_ascii=False)
    entities = [s for s in doc.spans if s.type == "entity" and s.value]
    rows = []
    for rowid, p in zip(para_rowids, doc.paragraphs, strict=True):
        inside = list(dict.fromkeys(s.value for s in entities if p.start <= s.start < p.end))
        rows.append((rowid, doc_rowid, doc_id, doc.source_id, p.kind, p.text, doc.date, doc.classification, doc.sender,
                     doc.recipient, doc.collection, doc.genre, tags, inside))  # fmt: skip
    return rows


VALUE_COLUMNS = frozenset({"genre", "collection", "classification", "sender", "recipient"})



def _like_literal(text: str) -> str:
    """`text` matched literally inside a LIKE pattern (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity_records(spans: list[Span]) -> list[tuple[str, str, set[str]]]:
    records: dict[str, tuple[str, set[str]]] = {}
    for s in spans:
        if s.value:
            records.setdefault(s.value, (s.label or "", set()))[1].add(s.text)
    return [(k, kind, surfaces) for k, (kind, surfaces) in records.items()]
