"""Page images (PNG, TIFF, JPEG): OCR'd page by page; a multi-page TIFF is one document."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from readingroom.errors import TooLarge, UnreadableFile
from readingroom.ingest import ocr
from readingroom.ingest.pages import join_pages
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document, Provenance

SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff")


class ImageReader:
    name = "image"
    version = "1"
    extensions = frozenset({".png", ".tif", ".tiff", ".jpg", ".jpeg"})

    def score(self, path: Path, head: bytes) -> int:
        if head.startswith(SIGNATURES):
            return 30
        return 5 if path.suffix.lower() in self.extensions else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        ocr.require(str(path))
        from PIL import Image, ImageSequence

        Image.MAX_IMAGE_PIXELS = options.max_pixels
        try:
            image = Image.open(io.BytesIO(data))
            frames = [f.copy() for f in ImageSequence.Iterator(image)]
        except Image.DecompressionBombError:
            raise TooLarge(f"{path}: image over the pixel limit", "downscale it or raise the limit") from None
        except Exception as e:
            raise UnreadableFile(f"{path}: unreadable image ({type(e).__name__})", "check the file") from None
        if len(frames) > options.max_pages:
            raise TooLarge(f"{path}: {len(frames)} pages, over the limit of {options.max_pages}", "raise --max-pages")
        pages = ocr.ocr_pages(((f"{path} p. {i}", f.convert("L")) for i, f in enumerate(frames, 1)), options)
        text, starts = join_pages([p.text for p in pages])
        if not text.strip():
            raise UnreadableFile(f"{path}: OCR found no text", "check the scan's quality and orientation")
        yield Document(
            text=text,
            source_id=path.stem,
            provenance=Provenance(reader=self.name, reader_version=self.version),
            metadata={"pages": len(pages), "page_starts": starts, "ocr": ocr.page_report(pages, options)},
        )
