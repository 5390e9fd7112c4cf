"""PDF: the text layer page by page (pypdf); pages without one are OCR'd when Tesseract is available.

Bounded: the page count is checked before any page is read, and encrypted or damaged files fail with a
one-line reason and a remedy.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readingroom.errors import TooLarge, UnreadableFile
from readingroom.ingest import ocr
from readingroom.ingest.pages import join_pages
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document, Provenance

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_TEXT_PER_PAGE = 25  # fewer characters than this and a page is treated as a scan


class EncryptedPdf(UnreadableFile):
    code = "RR106"


class PdfReader:
    name = "pdf"
    version = "1"
    extensions = frozenset({".pdf"})

    def score(self, path: Path, head: bytes) -> int:
        if head.lstrip()[:5] == b"%PDF-":
            return 40
        return 5 if path.suffix.lower() == ".pdf" else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        import pypdf

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        if not data.lstrip()[:5] == b"%PDF-":
            raise UnreadableFile(f"{path}: not a PDF (no %PDF header)", "check the file; it may be misnamed")
        try:
            pdf = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if pdf.is_encrypted and not pdf.decrypt(""):
                raise EncryptedPdf(f"{path}: PDF is encrypted", "decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf")
            count = len(pdf.pages)
        except UnreadableFile:
            raise
        except Exception as e:  # pypdf raises many types on damaged files
            raise UnreadableFile(f"{path}: damaged or truncated PDF ({type(e).__name__})", "re-download the file") from None
        if count == 0:
            raise UnreadableFile(f"{path}: PDF has no pages", "check the file")
        if count > options.max_pages:
            raise TooLarge(f"{path}: {count:,} pages, over the limit of {options.max_pages:,}", "raise --max-pages")
        texts = [_page_text(pdf, i, path) for i in range(count)]
        metadata: dict[str, object] = {"pages": count}
        scanned = [i for i, t in enumerate(texts) if len(t.strip()) < MIN_TEXT_PER_PAGE]
        if scanned and options.ocr:
            if len(scanned) == count:
                ocr.require(str(path))
            if ocr.available():
                pages = _ocr_pages(data, scanned, options, path)
                for i, page in zip(scanned, pages, strict=False):
                    texts[i] = page.text
                metadata["ocr"] = ocr.page_report(pages, options) | {"ocr_pages": [i + 1 for i in scanned]}
        text, starts = join_pages(texts)
        if not text.strip():
            raise UnreadableFile(f"{path}: no text found on any page", "it may be a scan: enable OCR (see README)")
        info: dict[str, Any] = dict(pdf.metadata or {})
        metadata["page_starts"] = starts
        yield Document(
            text=text,
            source_id=path.stem,
            title=_clean(info.get("/Title")),
            provenance=Provenance(reader=self.name, reader_version=self.version, locator_in_file=f"pages 1-{count}"),
            metadata=metadata,
        )


def _page_text(pdf: object, i: int, path: Path) -> str:
    """Layout mode keeps the vertical gaps that separate paragraphs; plain mode is the fall-back."""
    page = pdf.pages[i]  # type: ignore[attr-defined]
    for mode in ("layout", "plain"):
        try:
            text = page.extract_text(extraction_mode=mode) or ""
            return "\n".join(line.rstrip() for line in text.splitlines())
        except Exception:  # one bad page must not lose the others
            continue
    return ""


def _ocr_pages(data: bytes, indexes: list[int], options: ReadOptions, path: Path) -> list[ocr.OcrPage]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)

    def rendered() -> Iterator[tuple[str, Image]]:  # in this thread: PDFium is not thread-safe
        for i in indexes:
            page = doc[i]
            width, height = page.get_size()
            scale = options.ocr_dpi / 72
            if width * height * scale * scale > options.max_pixels:
                scale = (options.max_pixels / (width * height)) ** 0.5
            yield f"{path} p. {i + 1}", page.render(scale=scale).to_pil()

    try:
        return ocr.ocr_pages(rendered(), options)
    finally:
        doc.close()


def _clean(value: object) -> str | None:
    s = str(value).strip() if value else ""
    return s or None
