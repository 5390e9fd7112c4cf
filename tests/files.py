"""Builders for the real files tests ingest: PDFs with and without a text layer, scans, e-mails, hostile input."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from .conftest import SHARED

CREST = SHARED / "corpus" / "crest-scans" / "CIA-RDP86-00513R000204510018-0.pdf"


def text_pdf(path: Path, pages: list[str], title: str | None = None) -> Path:
    """A born-digital PDF: each page's text laid out line by line with a real text layer."""
    c = canvas.Canvas(str(path), pagesize=letter)
    if title:
        c.setTitle(title)
    for page in pages:
        y = 720
        for para in page.split("\n\n"):
            for line in textwrap.wrap(para, 85) or [""]:
                c.drawString(72, y, line)
                y -= 14
            y -= 14
        c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    w = PdfWriter(clone_from=str(source))
    w.encrypt("secret")
    with open(path, "wb") as f:
        w.write(f)
    return path


def many_pages_pdf(path: Path, count: int) -> Path:
    w = PdfWriter()
    for _ in range(count):
        w.add_blank_page(612, 792)
    with open(path, "wb") as f:
        w.write(f)
    return path


def scan_subset(path: Path, pages: int = 2) -> Path:
    """The first pages of a real image-only CREST release (no text layer)."""
    r = PdfReader(str(CREST))
    w = PdfWriter()
    for page in r.pages[:pages]:
        w.add_page(page)
    with open(path, "wb") as f:
        w.write(f)
    return path


def render_page_images(text: str, dpi: int = 300, font_pt: int = 12):
    """Text typeset onto letter-size page images at `dpi`, as a scanner would see a clean typescript."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    font = ImageFont.load_default(size=int(font_pt * scale))
    width, height = int(8.5 * dpi), int(11 * dpi)
    margin, leading = int(1 * dpi), int(font_pt * scale * 1.5)
    lines = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, 78) or [""]
    pages, y, image, draw = [], height, None, None
    for line in lines:
        if y + leading > height - margin:
            image = Image.new("L", (width, height), 255)
            draw = ImageDraw.Draw(image)
            pages.append(image)
            y = margin
        draw.text((margin, y), line, font=font, fill=0)  # type: ignore[union-attr]
        y += leading
    return pages


def png_bytes(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()
