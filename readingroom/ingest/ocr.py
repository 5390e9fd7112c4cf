"""OCR with Tesseract, bounded: a pixel limit per page and a timeout per page. Needs the `[ocr]` extra
(pytesseract, pypdfium2, Pillow) and the `tesseract` program (Debian: tesseract-ocr).

Text is rebuilt from Tesseract's word boxes, so the same pass gives each page's mean word confidence.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readingroom.errors import TooLarge, UnreadableFile

if TYPE_CHECKING:
    from PIL.Image import Image

    from readingroom.ingest.registry import ReadOptions

INSTALL_HINT = "install OCR support: pip install 'readingroom[ocr]' and apt-get install tesseract-ocr"


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0–100
    words: int


def available() -> bool:
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def engine_version() -> str:
    import pytesseract

    return f"tesseract {pytesseract.get_tesseract_version()}"


def require(name: str) -> None:
    if not available():
        raise UnreadableFile(f"{name}: needs OCR (no text layer), but Tesseract is not available", INSTALL_HINT)


def ocr_image(image: Image, options: ReadOptions, name: str) -> OcrPage:
    import pytesseract

    if image.width * image.height > options.max_pixels:
        raise TooLarge(f"{name}: page image {image.width}x{image.height} is over the pixel limit", "lower --ocr-dpi")
    try:
        data = pytesseract.image_to_data(
            image, lang=options.ocr_language, timeout=options.ocr_timeout, output_type=pytesseract.Output.DICT
        )
    except RuntimeError as e:  # pytesseract raises RuntimeError on timeout
        raise UnreadableFile(f"{name}: OCR gave up after {options.ocr_timeout:.0f}s ({e})", "raise --ocr-timeout") from None
    return _assemble(data)


def ocr_pages(images: Iterable[tuple[str, Image]], options: ReadOptions) -> list[OcrPage]:
    """The pages of one file, in order, read by as many Tesseract processes at a time as there are cores (one
    thread each), while the next pages are rendered: a 300-page FOIA release is one file, and files are what
    `--workers` shares out. Tesseract's own OpenMP threads cost more than they gain here: eight CREST pages took
    11.0 s one after another as Debian builds it, 6.8 s with one thread each, 3.6 s two at a time (2 cores;
    bench/RESULTS.md)."""
    at_once = max(1, os.cpu_count() or 1)
    pages: list[Future[OcrPage]] = []
    with _one_thread_each(), ThreadPoolExecutor(max_workers=at_once) as pool:
        for name, image in images:  # rendered only as a thread comes free: a few page images in memory at most
            while sum(not f.done() for f in pages) > at_once:
                next(f for f in pages if not f.done()).result()
            pages.append(pool.submit(ocr_image, image, options, name))
        return [f.result() for f in pages]


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """OMP_THREAD_LIMIT=1 for the Tesseract processes pytesseract starts (they inherit this process's
    environment), for as long as one file's pages are read: set only then, so a library loaded later in the
    process (torch, for `embed`) keeps its threads; a limit the user set is left as it is."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def _assemble(data: dict[str, list]) -> OcrPage:
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not word.strip():
            continue
        confidences.append(conf)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word)
    paragraphs: list[list[str]] = []
    last_par = None
    for (block, par, _), words in lines.items():
        if (block, par) != last_par:
            paragraphs.append([])
            last_par = (block, par)
        paragraphs[-1].append(" ".join(words))
    text = "\n\n".join("\n".join(p) for p in paragraphs)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrPage(text, round(mean, 1), len(confidences))


def page_report(pages: list[OcrPage], options: ReadOptions) -> dict[str, object]:
    return {
        "engine": engine_version(),
        "dpi": options.ocr_dpi,
        "language": options.ocr_language,
        "pages": [{"page": i, "confidence": p.confidence, "words": p.words, "low": p.confidence < options.low_confidence}
                  for i, p in enumerate(pages, 1)],  # fmt: skip
        "low_confidence_pages": [i for i, p in enumerate(pages, 1) if p.confidence < options.low_confidence],
    }
