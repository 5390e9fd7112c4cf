"""Ingest stage: files in, stored documents out, one result per file.

A failed file is data, not a crashed batch: it gets a one-line reason and the batch goes on. Documents are
stored a few dozen files to a transaction, and documents already stored (same text) are recognised and
skipped, so a re-run after a crash or a kill converges on the same archive.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readingroom.enrich import enrich
from readingroom.errors import CannotStore, PartialFile, ReadingroomError, TooLarge, UnreadableFile
from readingroom.ingest.registry import ReadOptions, choose
from readingroom.model import Document
from readingroom.parse import parse
from readingroom.store import Store

INGESTED, DUPLICATE, PARTIAL, FAILED = "ingested", "duplicate", "partial", "failed"
BATCH_FILES, BATCH_SECONDS = 64, 0.5


@dataclass
class FileResult:
    path: str
    status: str
    documents: list[str] = field(default_factory=list)  # ids of the documents the file holds
    new: int = 0
    error: str | None = None
    code: str | None = None
    pages: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "status": self.status, "documents": self.documents, "new": self.new,
                "pages": self.pages, "error": self.error, "code": self.code}  # fmt: skip


def iter_files(paths: Iterable[str | Path], skip: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Files under the given paths, recursively, in a stable order; hidden files and folders are skipped, and
    so are the `skip` paths found inside a folder (the archive's own files)."""
    names = {p.name for p in skip}  # resolve a path only when its name is one of them: a folder may hold 100,000 files

    def kept(here: Path, name: str) -> bool:
        return not name.startswith(".") and (name not in names or (here / name).resolve() not in skip)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                here = Path(root)
                dirs[:] = sorted(d for d in dirs if kept(here, d))
                for name in sorted(files):
                    if kept(here, name):
                        yield here / name
        else:
            yield path


def input_files(store: Store, paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files an ingest into `store` reads: those under `paths`, without the archive's own."""
    return iter_files(paths, skip=store.own_paths)


def read_documents(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Document]:
    """Read, parse and enrich the documents in one file, one at a time, so a bulk file of many records is never
    held whole. Raises a ReadingroomError with a one-line reason (PartialFile after the good documents)."""
    data = _read_bytes(path, options)
    reader = choose(path, data[:4096])
    sha = hashlib.sha256(data).hexdigest()
    found = 0
    for doc in reader.read(path, data, options):
        doc.provenance.file = str(path)
        doc.provenance.sha256 = sha
        doc.collection = doc.collection or options.collection
        found += 1
        yield enrich(parse(doc))
    if not found:
        raise UnreadableFile(f"{path}: no documents found in the file", "check that it holds text")


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> list[Document]:
    """Every document in one file, as a list (for worker processes, and `extract`)."""
    docs: list[Document] = []
    try:
        docs.extend(read_documents(path, options))
    except PartialFile as e:
        e.documents = docs
        raise
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


@dataclass
class FileRead:
    """What reading one file produced, before anything is stored. Picklable, so workers can make it."""

    path: str
    documents: list[Document]
    error: str | None = None
    code: str | None = None
    partial: bool = False

    @property
    def pages(self) -> int:
        return sum(int(d.metadata.get("pages", 0) or 0) for d in self.documents)


def read_one(path: Path, options: ReadOptions = ReadOptions()) -> FileRead:
    """Read a file into documents; never raises, so one bad file cannot stop a batch."""
    try:
        return FileRead(str(path), read_file(path, options))
    except PartialFile as e:
        return FileRead(str(path), e.documents, str(e), e.code, partial=True)
    except ReadingroomError as e:
        return FileRead(str(path), [], str(e), e.code)
    except Exception as e:  # a reader's bug or a hostile file: report it, keep going
        return FileRead(str(path), [], *unexpected_failure(path, e))


def unexpected_failure(path: Path, e: Exception) -> tuple[str, str]:
    """The one line (and code) a reader's unforeseen error is reported in, by ingest and by `extract`."""
    message = f"{path}: could not be parsed ({type(e).__name__}: {str(e)[:120]})"
    return f"{message} — please report this file", "RR199"


class _Tally:
    """What storing one file's documents came to."""

    def __init__(self, path: str, on_document: Callable[[bool], None] | None = None):
        self.path, self.new, self.pages = path, 0, 0
        self.ids: list[str] = []
        self.refused: CannotStore | None = None
        self.on_document = on_document

    def store(self, store: Store, doc: Document) -> None:
        self.pages += int(doc.metadata.get("pages", 0) or 0)
        try:
            added = store.add_document(doc)
            self.new += added
            self.ids.append(doc.id)
        except CannotStore as e:  # this document only: the file's others, and the batch, go on
            self.refused = self.refused or e
            return
        if self.on_document:  # a bulk file of a million records is one file: progress by the document too
            self.on_document(added)

    def result(self, error: str | None, code: str | None, partial: bool) -> FileResult:
        if self.refused:
            error, code, partial = f"{self.path}: {self.refused}", self.refused.code, True
        if error:
            status = PARTIAL if partial and self.ids else FAILED  # nothing good in it: a failure
        else:
            status = INGESTED if self.new else DUPLICATE
        return FileResult(self.path, status, self.ids, self.new, error, code, self.pages)


def store_one(store: Store, read: FileRead, on_document: Callable[[bool], None] | None = None) -> FileResult:
    tally = _Tally(read.path, on_document)
    for d in read.documents:
        tally.store(store, d)
    return tally.result(read.error, read.code, read.partial)


def stream_one(store: Store, path: Path, options: ReadOptions = ReadOptions(),
               on_document: Callable[[bool], None] | None = None) -> FileResult:  # fmt: skip
    """Read one file and store each document as soon as it is parsed: memory stays flat however many records
    a bulk file holds. A reader's error ends the file (the documents before it are kept, the file is partial);
    an error of the store itself stops the batch, as it would with `store_one`."""
    tally = _Tally(str(path), on_document)
    documents = read_documents(path, options)
    while True:
        try:
            doc = next(documents)
        except StopIteration:
            return tally.result(None, None, False)
        except ReadingroomError as e:  # PartialFile, or an error after some documents: keep those
            return tally.result(str(e), e.code, True)
        except Exception as e:  # a reader's bug or a hostile file: report it, keep going
            return tally.result(*unexpected_failure(path, e), True)
        tally.store(store, doc)


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    options: ReadOptions = ReadOptions(),
    on_file: Callable[[FileResult], None] | None = None,
    workers: int = 1,
    on_document: Callable[[bool], None] | None = None,
) -> list[FileResult]:
    """Read files (in `workers` processes when > 1) and store them in this process, in input order.
    `on_file` hears of each file when it is done, `on_document` of each document stored (True if new)."""
    files = input_files(store, paths)
    if workers <= 1:
        results_of: Iterator[FileResult] = (stream_one(store, f, options, on_document) for f in files)
    else:
        results_of = (store_one(store, read, on_document) for read in _parallel_reads(files, options, workers))
    results: list[FileResult] = []
    try:
        more = True
        while more:
            # Files are stored a batch at a time, each batch one transaction (BATCH_FILES files or BATCH_SECONDS,
            # whichever comes first): a kill loses at most the batch being written, and re-running redoes it.
            with store.batch():
                started, more = time.monotonic(), False
                for count, result in enumerate(results_of, 1):
                    results.append(result)
                    if on_file:
                        on_file(result)
                    if count >= BATCH_FILES or time.monotonic() - started >= BATCH_SECONDS:
                        more = True
                        break
    finally:
        store.flush()
    return results


def ingest_file(store: Store, path: Path, options: ReadOptions = ReadOptions()) -> FileResult:
    result = stream_one(store, path, options)
    store.flush()
    return result


CHUNK = 16


def _read_chunk(paths: list[Path], options: ReadOptions) -> list[FileRead]:
    return [read_one(p, options) for p in paths]


def _parallel_reads(files: Iterator[Path], options: ReadOptions, workers: int) -> Iterator[FileRead]:
    """Ordered results with a bounded number of chunks in flight, so memory stays flat on huge batches."""
    from concurrent.futures import Future, ProcessPoolExecutor

    in_flight: deque[Future[list[FileRead]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in _chunks(files, CHUNK):
            in_flight.append(pool.submit(_read_chunk, chunk, options))
            if len(in_flight) >= workers * 4:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _chunks(items: Iterator[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
