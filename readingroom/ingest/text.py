"""Plain text: cables, memos, transcriptions, lesson packets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from readingroom.errors import TooLarge
from readingroom.ingest.decode import decode
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document, Provenance

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".asc", ".md"})


class TextReader:
    name = "text"
    version = "1"
    extensions = TEXT_EXTENSIONS

    def score(self, path: Path, head: bytes) -> int:
        if path.suffix.lower() in self.extensions:
            return 10
        return 1 if path.suffix == "" and b"\x00" not in head else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        text, encoding = decode(data, str(path))
        if len(text) > options.max_text_chars:
            raise TooLarge(
                f"{path}: {len(text):,} characters, over the limit of {options.max_text_chars:,}",
                "split the file, or raise the limit with --max-text-mb",
            )
        yield Document(
            text=text,
            source_id=path.stem,
            provenance=Provenance(reader=self.name, reader_version=self.version),
            metadata={"encoding": encoding},
        )
