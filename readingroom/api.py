"""The Python API: one object over the stages. The CLI (and later the REST API and web pages) are thin
layers over this, so every feature behaves the same everywhere.

    from readingroom import Archive
    with Archive("archive.db") as archive:
        archive.ingest(["cables/"])
        answer = archive.ask("Why did the U.S. want UNAMIR withdrawn?")
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from readingroom import ingest as ingest_stage
from readingroom.errors import EmptyQuestion, NotFound, ReadingroomError
from readingroom.ingest.registry import ReadOptions
from readingroom.inquire import Answer, ask
from readingroom.model import ID_PREFIX_MIN, Document
from readingroom.publish.lesson import Lesson
from readingroom.search import SearchResult, search
from readingroom.search.overview import Overview, archive_overview
from readingroom.store import Store, open_store

DEFAULT_DB = "archive.db"


def default_db() -> str:
    return os.environ.get("READINGROOM_DB") or DEFAULT_DB


@dataclass(frozen=True)
class Deleted:
    doc_id: str
    source_id: str
    title: str | None


class Archive:
    def __init__(self, path: str | None = None, store: Store | None = None):
        self.store = store or open_store(path or default_db())

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        paths: Iterable[str | Path],
        options: ReadOptions = ReadOptions(),
        on_file: Callable[[ingest_stage.FileResult], None] | None = None,
        workers: int = 1,
        on_document: Callable[[bool], None] | None = None,
    ) -> list[ingest_stage.FileResult]:
        return ingest_stage.ingest(self.store, paths, options, on_file, workers, on_document)

    def document(self, key: str, hidden: tuple[str, ...] = ()) -> Document:
        """`hidden` are restricted collections the caller may not see: such a document is 'not found'."""
        doc = self.store.get_document(key)
        if doc is None or (doc.collection and doc.collection in hidden):
            raise self._not_found(key)
        return doc

    def document_ids(self, keys: Iterable[str]) -> list[str]:
        """The ids of documents named as `show` names them, without loading them; NotFound for any unknown."""
        ids = [(key, self.store.document_id(key)) for key in keys]
        if missing := next((key for key, doc_id in ids if doc_id is None), None):
            raise self._not_found(missing)
        return list(dict.fromkeys(doc_id for _, doc_id in ids if doc_id))

    def delete(self, keys: Iterable[str]) -> list[Deleted]:
        """Remove documents, named as `show` names them; all are found before any is removed."""
        return [Deleted(*d) for d in self.store.delete_documents(self.document_ids(keys))]

    def _not_found(self, key: str) -> NotFound:
        if re.fullmatch(f"[0-9a-f]{{1,{ID_PREFIX_MIN - 1}}}", key):  # the start of an id, too short to name one
            return NotFound(f"no document '{key}' in {self.store.path}: an id is named by its first "
                            f"{ID_PREFIX_MIN} characters or more", "give more of the id")  # fmt: skip
        return NotFound(f"no document '{key}' in {self.store.path}", "list ids with: readingroom search QUERY")

    def search(
        self,
        query: str,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
        group: str = "paragraph",
        mode: str = "auto",
        hidden: tuple[str, ...] = (),
    ) -> SearchResult:
        return search(self.store, query, limit=limit, offset=offset, sort=sort, group=group, mode=mode, hidden=hidden)

    def ask(
        self,
        question: str,
        limit: int = 8,
        doc: str | None = None,
        write: bool = False,
        within: str | None = None,
        hidden: tuple[str, ...] = (),
        mode: str = "auto",
        set_id: int | None = None,
    ) -> Answer:
        """Evidence for a question, optionally within one document (`doc`), a document set (`set_id`) or the
        documents a filter query selects (`within="from:USUN date:1994-04"`); with `write`, also verified
        prose from the user's model."""
        from readingroom.inquire import question_kind
        from readingroom.search.query import parse_query

        if not re.search(r"[^\W_]", question):
            raise EmptyQuestion("the question has no words", 'ask in plain words, for example "Why was UNAMIR withdrawn?"')
        doc_ids: tuple[str, ...] = (self.document(doc, hidden).id,) if doc else ()
        if set_id is not None:
            in_set = [d.id for d in self.set_documents(set_id, hidden)]
            doc_ids = tuple(d for d in in_set if not doc_ids or d in doc_ids)
            if not doc_ids:
                return Answer(question, question_kind(question), "The document set has no documents to draw on.")
        filters = tuple((k, v) for k, vs in parse_query(within).filters.items() for v in vs) if within else ()
        answer = ask(self.store, question, limit=limit, doc_ids=doc_ids, filters=filters, hidden=hidden, mode=mode)
        if write and answer.evidence:
            from readingroom.inquire import writer

            texts = {e.doc_id: self.document(e.doc_id).text for e in answer.evidence}
            prose = writer.write(question, answer.evidence, texts)
            answer.prose = {"text": prose.text, "model": prose.model, "dropped": prose.dropped}
        return answer

    def sets(self, hidden: tuple[str, ...] = ()) -> list[dict[str, object]]:
        """Every document set, each listing only the documents the caller may see (a reader is not told that a
        set holds a restricted document, not even by its count)."""
        from readingroom.store import access

        return access.list_sets(self.store.db, hidden)

    def set_documents(self, set_id: int, hidden: tuple[str, ...] = ()) -> list[Document]:
        """A document set's documents, in order, leaving out any the caller may not see."""
        from readingroom.store import access

        return self._visible(access.get_set(self.store.db, set_id, hidden)["documents"], hidden)

    def _visible(self, keys: Iterable[str], hidden: tuple[str, ...]) -> list[Document]:
        visible = []
        for key in keys:
            try:
                visible.append(self.document(key, hidden))
            except NotFound:
                continue
        return visible

    def lesson(self, doc: str | None = None, set_id: int | None = None, hidden: tuple[str, ...] = (),
               answers: bool = False, evidence_per_question: int = 5) -> Lesson:  # fmt: skip
        """A lesson to publish (publish/lesson.py): a document set, or one document with its own packet. With
        `answers`, a teacher's copy: each guiding question's verified evidence from the lesson's documents."""
        from readingroom.publish import lesson as lessons
        from readingroom.store import access

        if (doc is None) == (set_id is None):
            raise ReadingroomError("a lesson comes from one document or one document set", "give a document or a set")
        if set_id is not None:
            record = access.get_set(self.store.db, set_id)
            result = lessons.from_set(record, self._visible(record["documents"], hidden))
        else:
            result = lessons.from_document(self.document(str(doc), hidden))
        if answers:
            scope = [s.doc.id for s in result.sources]
            for q in result.questions:
                found = ask(self.store, q, limit=evidence_per_question, doc_ids=tuple(scope), hidden=hidden) if scope else None
                result.evidence[q] = found.evidence if found else []
        return result

    def embed(self, on_batch: Callable[[int], None] | None = None, reset: bool = False,
              on_start: Callable[[int], None] | None = None, batch: int | None = None) -> int:  # fmt: skip
        """Store a vector for every paragraph that has none (resumable); needs the `[semantic]` extra.
        `on_start(paragraphs to do)` is called once the model is loaded; `on_batch(n)` after each `batch`
        paragraphs, which are embedded and committed together."""
        from readingroom.search.semantic import EMBED_CALL, embed_archive, encoder

        enc = encoder()
        if reset:
            self.store.reset_embeddings()
        if on_start:
            on_start(self.store.count_to_embed())
        return embed_archive(self.store, enc, batch=batch or EMBED_CALL, on_batch=on_batch)

    def enrich(self, on_document: Callable[[str], None] | None = None,
               on_linked: Callable[[int], None] | None = None) -> int:  # fmt: skip
        """Tag people, organisations, places and posts in every document not yet tagged by this version of the
        tagger; resumable (committed in batches). Returns how many documents were tagged; `on_linked(n)` hears
        how many of the archive's names of people were then filed under the full name it gives them."""
        from readingroom.enrich import enrich_archive

        return enrich_archive(self.store, on_document=on_document, on_linked=on_linked)

    def overview(self, hidden: tuple[str, ...] = ()) -> Overview:
        """The archive at a glance: documents by year, and the collections, senders, recipients,
        classifications, genres, tags and entities named in most documents (counts of documents)."""
        return archive_overview(self.store, hidden)

    def entity(self, name: str, hidden: tuple[str, ...] = (), limit: int = 200) -> dict[str, object]:
        """An entity by id or name as the caller may see it: type, aliases, whether it is an office rather than a
        name (PER:SECRETARY: the documents that name no holder of the title), and the documents that mention it,
        by date. NotFound says whether the archive is still to be tagged or the name is not one of its entities."""
        from readingroom.enrich import ENTITY_VERSION
        from readingroom.enrich.entities.offices import names_an_office

        record = self.store.entity(name, hidden)
        if record is None and self.store.count_to_enrich(ENTITY_VERSION):
            raise NotFound(f"no entity '{name}' in the archive", "tag its documents first: readingroom enrich")
        if record is None:
            raise NotFound(f"no entity named '{name}'", "a name is matched whole (Kellogg, GPE:RWANDA); every entity"
                                                       " whose name holds a word: readingroom search 'entity:WORD'")  # fmt: skip
        docs = self.search(f'entity:"{record["id"]}"', group="doc", sort="date", limit=limit, hidden=hidden)
        return record | {"office": names_an_office(record["id"]),
                         "mentioned_in": [{"doc_id": h.doc_id, "source_id": h.source_id, "title": h.title,
                                           "date": h.date, "locator": h.locator} for h in docs.hits]}  # fmt: skip

    def check(self) -> list[str]:
        return self.store.check()

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def close(self) -> None:
        self.store.close()


def extract(path: str | Path, options: ReadOptions = ReadOptions(), entities: bool = False) -> list[Document]:
    """Parse one file without an archive; with `entities`, also tag entities (as `enrich` does for an archive)."""
    docs = ingest_stage.read_file(Path(path), options)
    if entities:
        from readingroom.enrich import document_entities

        for doc in docs:
            doc.spans = sorted(doc.spans + document_entities(doc), key=lambda s: (s.start, s.end, s.type))
    return docs
