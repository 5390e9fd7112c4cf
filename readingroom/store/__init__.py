"""Store stage: where documents live. A small protocol so SQLite (default) and PostgreSQL can both serve it."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from readingroom.model import Document, Span

if TYPE_CHECKING:
    from readingroom.search.query import Node
    from readingroom.store.database import Database


@dataclass(frozen=True, slots=True)
class ParagraphHit:
    doc_id: str
    source_id: str
    title: str | None
    date: str | None
    ordinal: int
    locator: str
    kind: str
    score: float
    text: str
    start: int
    end: int
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class SearchRequest:
    """An engine-neutral search: a parsed text query (or None for filters only) plus filters and options."""

    query: Node | None
    default_op: str = "AND"  # how juxtaposed words combine: AND (search) or OR (ask's recall)
    filters: tuple[tuple[str, str], ...] = ()  # (field, value): from to classification collection genre date doc tag entity
    doc_ids: tuple[str, ...] = ()
    exclude_doc_ids: tuple[str, ...] = ()
    exclude_collections: tuple[str, ...] = ()  # restricted collections the viewer may not see
    exclude_kinds: tuple[str, ...] = ()
    limit: int = 10  # 0: count only (total), no hits
    offset: int = 0
    sort: str = "relevance"  # relevance | date | -date
    group: str = "paragraph"  # paragraph | doc (one hit per document, its best paragraph)
    facets: bool = False
    document_facets: tuple[str, ...] = ()  # facet fields whose values count distinct documents (the overview)
    period_documents: bool = False  # distinct documents by month, or year when no month (the timeline's bars)
    snippets: bool = True
    mode: str = "lexical"  # lexical | semantic | hybrid (reciprocal rank fusion of the two)
    vector: Any = None  # the query's embedding, for semantic and hybrid


@dataclass
class SearchPage:
    hits: list[ParagraphHit]
    total: int  # matching paragraphs
    total_documents: int | None = None  # matching documents (when grouped or with facets)
    documents_estimated: bool = False  # total_documents is the index's estimate (very large results), not a count
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class Store(Protocol):
    path: str  # names the archive in messages (a file, or a PostgreSQL URL without its password)
    own_paths: tuple[Path, ...]  # its files and folders on this machine (the SQLite file, the index folder)
    db: Database  # the tables, for what every store shares: accounts, sets, settings (store/access.py)

    def add_document(self, doc: Document) -> bool:
        """Store a document and index its paragraphs in one transaction. False if its text is already stored."""
        ...

    def document_id(self, key: str) -> str | None:
        """The id of the document named by its id, id prefix, source id or a bulk record's own id."""
        ...

    def get_document(self, key: str, spans: bool = True) -> Document | None:
        """By id, id prefix of 8+ characters, or source_id. `spans=False` leaves the spans out (quoting needs only
        the text and paragraphs); such a document is for reading, never for storing again."""
        ...

    def search(self, request: SearchRequest) -> SearchPage:
        """Ranked paragraph hits, totals and (when asked) facet counts."""
        ...

    def delete_documents(self, doc_ids: list[str]) -> list[tuple[str, str, str | None]]:
        """Remove documents (by id) with their paragraphs, spans and vectors, from the tables and the index;
        (id, source id, title) of each one removed."""
        ...

    def flush(self) -> None:
        """Make everything added so far visible to searches (commits the search index)."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Store the documents added inside in one transaction: all or none of them. Far fewer commits, which
        on PostgreSQL each wait for the disk."""
        ...

    def document_ids(self) -> list[str]: ...

    def documents_from(self, file: str, sha256: str | None = None) -> list[str]:
        """Ids of the documents read from a file, by the path ingest was given or by the file's sha256."""
        ...

    def documents_in(self, collection: str) -> list[str]: ...

    def dated_documents(self, limit: int, hidden: tuple[str, ...] = ()) -> list[str]:
        """Ids of dated documents, oldest first, outside the hidden collections."""
        ...

    def date_counts(self, hidden: tuple[str, ...] = ()) -> dict[str | None, int]:
        """Documents outside the hidden collections by month ("1994-04"), or by year when their date goes no
        further ("1976"); undated ones under None."""
        ...

    def value_counts(self, column: str, limit: int, hidden: tuple[str, ...] = ()) -> list[tuple[str, int]]:
        """The most frequent values of a document field (genre, collection, classification, sender, recipient)
        with their numbers of documents, outside the hidden collections."""
        ...

    def stats(self) -> dict[str, int]: ...

    # Entities (the enrich stage tags them; enrich/__init__.py)
    def documents_to_enrich(self, version: int, limit: int = 500) -> list[str]:
        """Documents not yet tagged at this tagger version."""
        ...

    def count_to_enrich(self, version: int) -> int: ...

    def set_entities(self, doc_id: str, spans: list[Span], version: int) -> None:
        """Replace a document's entity spans, update the entity records, and re-index its paragraphs."""
        ...

    def entity(self, key: str, hidden: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """An entity by id, name or alias: id, type, name, aliases and its number of documents, from documents
        outside the hidden collections."""
        ...

    def person_mentions(self) -> list[tuple[str, str | None, str | None, str, str]]:
        """(document id, collection, date, entity id, text as written): each way each document names a person."""
        ...

    def initials_mentions(self) -> list[tuple[str, str | None, str | None, str, str]]:
        """(document id, collection, date, entity id, text as written) of each mention written as, or filed under,
        one short word: initials (enrich/linking.py)."""
        ...

    def relink_entities(self, doc_id: str, moves: dict[str, str]) -> None:
        """A document's mentions of each entity `old` become mentions of `moves[old]`, re-indexed at the next
        flush."""
        ...

    # Paragraph vectors for semantic search (search/semantic.py), keyed by paragraph.
    def has_embeddings(self) -> bool: ...

    def embedding_count(self) -> int: ...

    def vectors_complete(self) -> bool:
        """Whether every paragraph worth a vector has one (new documents may not, until `embed` runs)."""
        ...

    def count_to_embed(self) -> int: ...

    def paragraphs_to_embed(self, limit: int) -> list[tuple[int, str]]:
        """(paragraph key, text) of paragraphs worth a vector that have none yet, in key order."""
        ...

    def add_embeddings(self, model: str, rows: list[tuple[int, bytes]],
                       passages: Sequence[tuple[int, int, int, bytes]] = ()) -> None:
        """Paragraph vectors, with the vectors of long paragraphs' passages (para, start, end, vector)."""
        ...

    def paragraphs_missing_passages(self, after: int, limit: int) -> list[tuple[int, str]]:
        """(paragraph key, text) of long paragraphs embedded before passages were kept, after `after`; none
        once `passages_backfilled` has been recorded."""
        ...

    def passages_backfilled(self) -> None:
        """Record that every long paragraph with a vector has its passages' vectors too."""
        ...

    def paragraph_starts(self, paras: list[int]) -> dict[int, int]:
        """Where each of these paragraphs begins in its document's text (paragraphs of one piece only)."""
        ...

    def passage_vectors(self, doc_ids: list[str]) -> dict[tuple[str, int], list[tuple[int, int, bytes]]]:
        """Stored passage vectors of these documents' long paragraphs, by (document id, paragraph ordinal)."""
        ...

    def embedding_model(self) -> str | None:
        """The model the stored vectors were made with, if any."""
        ...

    def check_embedding_model(self, name: str) -> None:
        """Refuse to mix vectors of two models in one archive."""
        ...

    def reset_embeddings(self) -> None: ...

    def check(self) -> list[str]:
        """Integrity problems found; empty when the archive is sound."""
        ...

    def close(self) -> None: ...


def open_store(target: str) -> Store:
    """An archive file opens the embedded SQLite store; a postgresql:// URL the PostgreSQL one."""
    from readingroom.store.database import is_postgres_url

    if is_postgres_url(target):
        from readingroom.store.postgres import PostgresStore

        return PostgresStore(target)
    from readingroom.store.sqlite import SQLiteStore

    return SQLiteStore(target)
