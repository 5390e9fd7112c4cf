"""Keeping a store's paragraph index in step with its tables, which are the truth.

The index catches up by paragraph rowid (rowids only grow) after a crash, a kill, or what another machine
stored into a shared database; it re-indexes documents tagged since it last looked (`enrich_seq`), and takes
out documents deleted since it last looked (the `deletions` log, in commit order). What it has seen of each log
is kept in the index folder, so a restart resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from readingroom.search.index import ParagraphIndex
from readingroom.store.database import Database

_ENRICH_SEEN = "enrich-seq-seen"  # in a shared store's index folder: the highest enrich_seq it has indexed
_DELETIONS_SEEN = "deletions-seen"  # in the index folder: the last deletion (deletions.seq) it has applied


class IndexFollowing:
    db: Database
    index: ParagraphIndex
    shared: bool
    _enrich_seen: int = 0
    _deletions_seen: int = 0

    def flush(self) -> None: ...

    def start_following(self) -> None:
        """On opening: what the index has seen of each log, then whatever it missed."""
        seen_deletions = self.index.path / _DELETIONS_SEEN
        if seen_deletions.exists():
            self._deletions_seen = int(seen_deletions.read_text())
        elif self.index.num_docs() == 0:  # an index about to be built from the tables holds no deleted document
            self._deletions_from_now()
        else:  # an index older than deletions: applying them all again is harmless (see _follow_deletions)
            self._deletions_seen = 0
        if self.shared:
            seen = self.index.path / _ENRICH_SEEN
            if seen.exists():
                self._enrich_seen = int(seen.read_text())
            else:
                self._follow_from_now()
        self.catch_up()
        self._reindex_stale()
        self._follow_deletions()  # also what a delete killed before its index commit left there

    def catch_up(self) -> int:
        """Index paragraphs stored in the tables but not yet in the index (after a crash, an old archive, or
        what another machine stored into a shared database)."""
        if self.index.pending:
            return 0  # this process is itself adding paragraphs to the index; they are not committed yet
        last = self.index.max_para()
        top = self.db.execute("SELECT coalesce(max(rowid), 0) FROM paragraphs").fetchone()[0]
        if last > top and self.index.try_writer():  # rowids only grow: the archive was put back from an older copy
            self.index.clear()
            last = 0
            if self.shared:  # the restored tables' tagging counter may be behind the one this index had seen
                self._follow_from_now()
            self._deletions_from_now()  # and so may their deletions
        if top <= last or not self.index.try_writer(bulk=top - last > 20_000):
            self.index.commit()  # a clearing, if nothing is left to add
            return 0
        added = 0
        batch = lambda after: self._index_rows("rowid > ? ORDER BY rowid LIMIT 5000", (after,))
        for rows in _read_ahead(batch, last):
            self.index.add(rows)
            added += len(rows)
        self.index.commit()
        return added

    def _index_rows(self, where: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Stored paragraphs (`where` on the paragraphs table) as search.index.ROW_COLUMNS rows. Document
        fields and entity spans are read once for the batch, not once per paragraph."""
        q = self.db.execute
        paras = q(f"SELECT rowid, doc_rowid, kind, text, start, \"end\" FROM paragraphs WHERE {where}", params).fetchall()
        if not paras:
            return []
        low, high = min(p[1] for p in paras), max(p[1] for p in paras)
        docs = {r[0]: r[1:] for r in q(
            "SELECT rowid, id, source_id, date, classification, sender, recipient, collection, genre,"
            f" {self.db.json_field('data', 'tags')} FROM documents WHERE rowid BETWEEN ? AND ?", (low, high))}  # fmt: skip
        entities: dict[int, list[tuple[int, str]]] = {}
        for doc_rowid, start, value in q("SELECT doc_rowid, start, value FROM spans WHERE doc_rowid BETWEEN ? AND ?"
                                         " AND type = 'entity' AND value IS NOT NULL", (low, high)):  # fmt: skip
            entities.setdefault(doc_rowid, []).append((start, value))
        rows = []
        for rowid, doc_rowid, kind, text, start, end in paras:
            inside = list(dict.fromkeys(v for s, v in entities.get(doc_rowid, ()) if start <= s < end))
            doc_id, source_id, *fields = docs[doc_rowid]  # date, classification, sender, recipient, collection, genre, tags
            rows.append((rowid, doc_rowid, doc_id, source_id, kind, text, *fields, inside))
        return rows

    def _follow_from_now(self) -> None:
        """An index built from the tables reads every document's entities as it is built: only tagging done
        after this moment needs following."""
        self._enrich_seen = self.db.execute("SELECT coalesce(max(enrich_seq), 0) FROM documents").fetchone()[0]
        (self.index.path / _ENRICH_SEEN).write_text(str(self._enrich_seen))

    def _follow_enrichment(self) -> None:
        """Shared stores: re-index documents another machine has tagged since this index last looked (their
        entity fields changed). The highest `enrich_seq` seen is kept in memory and in the index folder."""
        changed = self.db.execute("SELECT rowid, id, enrich_seq FROM documents WHERE enrich_seq > ?"
                                  " ORDER BY enrich_seq LIMIT 2000", (self._enrich_seen,)).fetchall()  # fmt: skip
        if not changed or self.index.pending or not self.index.try_writer():
            return
        for rowid, doc_id, _ in changed:
            self._reindex(rowid, doc_id)
        self.index.commit()
        self._enrich_seen = max(seq for _, _, seq in changed)
        (self.index.path / _ENRICH_SEEN).write_text(str(self._enrich_seen))

    def _deletions_from_now(self) -> None:
        self._deletions_seen = self.db.execute("SELECT coalesce(max(seq), 0) FROM deletions").fetchone()[0]
        (self.index.path / _DELETIONS_SEEN).write_text(str(self._deletions_seen))

    def _follow_deletions(self) -> None:
        """Take out of the index the documents deleted since it last looked — by this process, by one killed
        before its index commit, or by another machine sharing the tables. A document deleted and then
        ingested again is indexed afresh from the tables rather than taken out."""
        rows = self.db.execute("SELECT seq, doc_id FROM deletions WHERE seq > ? ORDER BY seq LIMIT 2000",
                               (self._deletions_seen,)).fetchall()  # fmt: skip
        if not rows or self.index.pending or not self.index.try_writer():
            return
        for _, doc_id in rows:
            if row := self.db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone():
                self._reindex(row[0], doc_id)
            else:
                self.index.writer().delete_documents_by_term("doc_id", doc_id)
                self.index.pending += 1
        self.index.commit()
        self._deletions_seen = rows[-1][0]
        (self.index.path / _DELETIONS_SEEN).write_text(str(self._deletions_seen))

    def _reindex_stale(self) -> None:
        """Documents enriched after the index last committed (a kill mid-enrich): index them again."""
        stale = self.db.execute("SELECT rowid, id FROM documents WHERE indexed_enriched != enriched").fetchall()
        if not stale or not self.index.try_writer():
            return
        for rowid, doc_id in stale:
            self._reindex(rowid, doc_id)
        self.flush()

    def _reindex(self, rowid: int, doc_id: str) -> None:
        self.index.writer().delete_documents_by_term("doc_id", doc_id)
        self.index.pending += 1  # the deletion alone needs a commit, even for a document with no paragraphs
        self.index.add(self._index_rows("doc_rowid = ? ORDER BY rowid", (rowid,)))


def _read_ahead(read: Callable[[int], list[tuple[Any, ...]]], last: int) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of rows from `read(after_rowid)`, the next one read in a thread while the caller indexes this one
    (sqlite3 releases the GIL while it steps through rows)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(read, last)
        while rows := pending.result():
            pending = pool.submit(read, rows[-1][0])
            yield rows
