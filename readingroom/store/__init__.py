"""Store stage: where documents live. A small protocol so SQLite (default) and PostgreSQL can both serve it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from readingroom.model import Document


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


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """A full-text match expression in the engine's own syntax plus structured filters."""

    match: str
    filters: tuple[tuple[str, str], ...] = ()  # (field, value): from, to, classification, collection, genre, date
    doc_ids: tuple[str, ...] = ()
    exclude_kinds: tuple[str, ...] = ()
    limit: int = 10
    offset: int = 0


class Store(Protocol):
    path: str

    def add_document(self, doc: Document) -> bool:
        """Store a document and index its paragraphs in one transaction. False if its text is already stored."""
        ...

    def get_document(self, key: str) -> Document | None:
        """By id, id prefix of 8+ characters, or source_id."""
        ...

    def search(self, request: SearchRequest) -> tuple[list[ParagraphHit], int]:
        """Ranked paragraph hits and the total number of matching paragraphs."""
        ...

    def document_ids(self) -> list[str]: ...

    def stats(self) -> dict[str, int]: ...

    def check(self) -> list[str]:
        """Integrity problems found; empty when the archive is sound."""
        ...

    def close(self) -> None: ...


def open_store(path: str) -> Store:
    from readingroom.store.sqlite import SQLiteStore

    return SQLiteStore(path)
