"""Ingest stage: files in, stored documents out, one result per file.

A failed file is data, not a crashed batch: it gets a one-line reason and the batch goes on. Each document
is stored in its own transaction, and documents already stored (same text) are recognised and skipped, so a
re-run after a crash or a kill converges on the same archive.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readingroom.enrich import enrich
from readingroom.errors import PartialFile, ReadingroomError, TooLarge, UnreadableFile
from readingroom.ingest.registry import ReadOptions, choose
from readingroom.model import Document
from readingroom.parse import parse
from readingroom.store import Store

INGESTED, DUPLICATE, PARTIAL, FAILED = "ingested", "duplicate", "partial", "failed"


@dataclass
class FileResult:
    path: str
    status: str
    documents: list[str] = field(default_factory=list)  # ids of the documents the file holds
    new: int = 0
    error: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "status": self.status, "documents": self.documents, "new": self.new,
                "error": self.error, "code": self.code}  # fmt: skip


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths, recursively, in a stable order; hidden files and folders are skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> list[Document]:
    """Read, parse and enrich every document in one file. Raises a ReadingroomError with a one-line reason."""
    data = _read_bytes(path, options)
    reader = choose(path, data[:4096])
    sha = hashlib.sha256(data).hexdigest()
    docs: list[Document] = []
    try:
        for doc in reader.read(path, data, options):
            doc.provenance.file = str(path)
            doc.provenance.sha256 = sha
            docs.append(enrich(parse(doc)))
    except PartialFile as e:
        e.documents = docs
        raise
    if not docs:
        raise UnreadableFile(f"{path}: no documents found in the file", "check that it holds text")
    return docs


def _read_bytes(path: Path, options: ReadOptions) -> bytes:
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise TooLarge(
                f"{path}: {size:,} bytes, over the limit of {options.max_file_bytes:,}", "raise it with --max-file-mb"
            )
        with open(path, "rb") as f:
            return f.read(options.max_file_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: file not found (moved or deleted?)", "check the path") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a folder", "pass the folder itself to ingest it recursively") from None
    except PermissionError:
        raise UnreadableFile(f"{path}: permission denied", "make the file readable") from None


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    options: ReadOptions = ReadOptions(),
    on_file: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    results = []
    for path in iter_files(paths):
        result = ingest_file(store, path, options)
        results.append(result)
        if on_file:
            on_file(result)
    return results


def ingest_file(store: Store, path: Path, options: ReadOptions = ReadOptions()) -> FileResult:
    try:
        docs = read_file(path, options)
    except PartialFile as e:
        new = sum(store.add_document(d) for d in e.documents)
        return FileResult(str(path), PARTIAL, [d.id for d in e.documents], new, str(e), e.code)
    except ReadingroomError as e:
        return FileResult(str(path), FAILED, error=str(e), code=e.code)
    except (RecursionError, MemoryError, ValueError) as e:  # a hostile file must not end the batch
        return FileResult(str(path), FAILED, error=f"{path}: could not be parsed ({type(e).__name__})", code="RR199")
    new = sum(store.add_document(d) for d in docs)
    return FileResult(str(path), INGESTED if new else DUPLICATE, [d.id for d in docs], new)
