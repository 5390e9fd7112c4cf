"""A registry of readers by format. Adding a format is one module and one line in BUILTIN_READERS.

Each reader declares the extensions and content sniffs it handles and a score; the highest score for a file
wins, as in an auction. Third-party readers register through the `readingroom.readers` entry-point group,
the same way the built-ins are listed here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

from readingroom.errors import UnsupportedFormat
from readingroom.model import Document

BUILTIN_READERS = (
    "readingroom.ingest.tei:TeiReader",
    "readingroom.ingest.pdf:PdfReader",
    "readingroom.ingest.image:ImageReader",
    "readingroom.ingest.html:HtmlReader",
    "readingroom.ingest.mail:EmailReader",
    "readingroom.ingest.mail:MboxReader",
    "readingroom.ingest.bulk:JsonlReader",
    "readingroom.ingest.bulk:CsvReader",
    "readingroom.ingest.text:TextReader",
)


@dataclass(frozen=True)
class ReadOptions:
    """Bounds on untrusted input and reading choices; all configurable from the CLI."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_text_chars: int = 16 * 1024 * 1024
    max_pages: int = 5000
    max_pixels: int = 80_000_000  # per page image, after rendering
    ocr: bool = True  # OCR pages without a text layer when Tesseract is installed
    ocr_dpi: int = 300
    ocr_language: str = "eng"
    ocr_timeout: float = 120.0  # seconds per page
    low_confidence: float = 60.0  # mean word confidence under which a page is flagged
    field_map: tuple[tuple[str, str], ...] = ()  # bulk CSV/JSONL: (document field, column)
    collection: str | None = None  # for documents whose reader names none (e.g. to restrict a folder later)


class Reader(Protocol):
    """A reader may also say, as `expects`, what a file of its extensions must hold for it to take the file;
    the error for a file it refuses then says so ("XML is read as TEI …")."""

    name: str
    version: str
    extensions: frozenset[str]

    def score(self, path: Path, head: bytes) -> int:
        """How well this reader fits the file: 0 = not at all."""
        ...

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        """Yield documents with verbatim text, source_id and provenance; structure is optional."""
        ...


_readers: list[Reader] | None = None


def readers() -> list[Reader]:
    global _readers
    if _readers is None:
        found = [_load(spec) for spec in BUILTIN_READERS]
        for ep in metadata.entry_points(group="readingroom.readers"):
            found.append(ep.load()())
        _readers = found
    return _readers


def _load(spec: str) -> Reader:
    module, _, cls = spec.partition(":")
    mod = __import__(module, fromlist=[cls])
    return getattr(mod, cls)()  # type: ignore[no-any-return]


def choose(path: Path, head: bytes) -> Reader:
    scored = [(r.score(path, head), i, r) for i, r in enumerate(readers())]
    best = max(scored, key=lambda t: (t[0], -t[1]))
    if best[0] <= 0:
        known = ", ".join(sorted({e for r in readers() for e in r.extensions}))
        claimed = [r for r in readers() if path.suffix.lower() in r.extensions]
        if claimed:  # the extension is one we read, the content is not what it promises (plain XML, not TEI)
            hint = next((r.expects for r in claimed if getattr(r, "expects", None)), "it may be misnamed")  # type: ignore[attr-defined]
            raise UnsupportedFormat(f"{path}: not {' or '.join(r.name.upper() for r in claimed)}, though named "
                                    f"{path.suffix}", f"check the file; {hint}")  # fmt: skip
        raise UnsupportedFormat(f"{path}: no reader for this file type", f"supported: {known}")
    return best[2]
