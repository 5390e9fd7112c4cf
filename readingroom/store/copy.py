"""Copy a whole archive from one store to another: a laptop's SQLite file into a team's PostgreSQL database,
or back. Documents go through `add_document` (so the target indexes them and a document already there is
skipped); what else an archive holds is copied table by table: entity records and tagging state, accounts and
API tokens, restricted collections and grants, document sets with their ids, paragraph vectors, and the
settings in `meta`. Re-running it copies only what is missing, so a copy stopped half way is finished by
running it again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readingroom.errors import StoreError
from readingroom.store import Store
from readingroom.store.database import is_postgres_url
from readingroom.store.postgres import display_url

# Tables copied row for row; a row whose key is already in the target is left as the target has it.
_TABLES = (
    ("entities", ("id", "type", "name", "aliases", "documents")),
    ("users", ("username", "password_hash", "role")),
    ("tokens", ("token_hash", "username", "created")),
    ("restricted", ("collection",)),
    ("grants", ("username", "collection")),
    ("sets", ("id", "title", "headnote", "questions", "owner", "created")),
    ("set_items", ("set_id", "doc_id", "position")),
)
_DOCUMENTS_PER_BATCH = 64  # to a transaction
_SETTINGS = ("session_secret",)  # meta keys that belong to the archive (the vectors' model comes with them)


@dataclass
class CopyReport:
    documents: int = 0  # documents the target did not have
    already: int = 0  # documents it had
    rows: dict[str, int] = field(default_factory=dict)  # other rows copied, by table
    vectors: int = 0


def refuse_same_archive(source: str, target: str) -> None:
    """Copying an archive into itself: the same file however it is spelled, or the same database URL."""
    if is_postgres_url(source) or is_postgres_url(target):
        same = display_url(source) == display_url(target)
    else:
        same = Path(source).resolve() == Path(target).resolve()
    if same:
        raise StoreError(f"{target} is the archive being copied", "name another archive to copy into")


def copy_archive(source: Store, target: Store, on_document: Callable[[str], None] | None = None) -> CopyReport:
    refuse_same_archive(source.path, target.path)
    report = CopyReport()
    ids = source.document_ids()
    for first in range(0, len(ids), _DOCUMENTS_PER_BATCH):
        with target.batch():
            for doc_id in ids[first : first + _DOCUMENTS_PER_BATCH]:
                doc = source.get_document(doc_id)
                if doc is not None:
                    if target.add_document(doc):
                        report.documents += 1
                    else:
                        report.already += 1
                if on_document:
                    on_document(doc_id)
    target.flush()
    src, dst = source.db, target.db
    with dst.transaction():
        for table, columns in _TABLES:
            rows = [tuple(r) for r in src.execute(f"SELECT {', '.join(columns)} FROM {table}")]
            before = dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            marks = ", ".join("?" * len(columns))
            dst.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)
            report.rows[table] = dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0] - before
        dst.follow_explicit_ids("sets", "id")
        for key in _SETTINGS:
            row = src.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row:
                dst.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", (key, row[0]))
        # Tagging state: the target holds the source's entity spans, so it need not tag those documents again.
        for doc_id, enriched in src.execute("SELECT id, enriched FROM documents WHERE enriched > 0"):
            dst.execute("UPDATE documents SET enriched = ?, indexed_enriched = ? WHERE id = ? AND enriched < ?",
                        (enriched, enriched, doc_id, enriched))  # fmt: skip
    report.vectors = _copy_vectors(source, target)
    return report


def _copy_vectors(source: Store, target: Store) -> int:
    """Vectors are keyed by paragraph rowid, which differs between stores: matched by (document, ordinal)."""
    model = source.embedding_model()
    if model is None or not source.has_embeddings():
        return 0
    target.check_embedding_model(model)
    key = "SELECT p.rowid, d.id, p.ordinal FROM paragraphs p JOIN documents d ON d.rowid = p.doc_rowid"
    place = {(doc_id, ordinal): rowid for rowid, doc_id, ordinal in target.db.execute(key)}
    have = {r[0] for r in target.db.execute("SELECT para FROM embeddings")}
    rows = ((place.get((doc_id, ordinal)), bytes(vector)) for doc_id, ordinal, vector in source.db.execute(
        "SELECT d.id, p.ordinal, e.vector FROM embeddings e JOIN paragraphs p ON p.rowid = e.para"
        " JOIN documents d ON d.rowid = p.doc_rowid"))  # fmt: skip
    copied = _in_batches((r for r in rows if r[0] is not None and r[0] not in have),
                         lambda batch: target.add_embeddings(model, batch))  # fmt: skip
    _copy_passages(source, target, model, place)
    return copied


def _copy_passages(source: Store, target: Store, model: str, place: dict[tuple[str, int], int]) -> None:
    """Long paragraphs' passage vectors, by (document, ordinal) too: their offsets are in the document's text,
    the same in both stores."""
    have = {r[0] for r in target.db.execute("SELECT DISTINCT para FROM passage_embeddings")}
    rows = ((place.get((doc_id, ordinal)), start, end, bytes(vector)) for doc_id, ordinal, start, end, vector in source.db.execute(
        'SELECT d.id, p.ordinal, e.start, e."end", e.vector FROM passage_embeddings e'
        " JOIN paragraphs p ON p.rowid = e.para JOIN documents d ON d.rowid = p.doc_rowid"))  # fmt: skip
    _in_batches((r for r in rows if r[0] is not None and r[0] not in have),
                lambda batch: target.add_embeddings(model, [], batch))  # fmt: skip


def _in_batches(rows: Iterable[Any], write: Callable[[list[Any]], None], size: int = 5000) -> int:
    """Write rows `size` at a time (one transaction each); how many were written."""
    batch: list[Any] = []
    written = 0
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            write(batch)
            written, batch = written + len(batch), []
    if batch:
        write(batch)
    return written + len(batch)
