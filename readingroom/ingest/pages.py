"""Documents made of pages (PDF, scans): pages are joined by a form feed on its own line, and each page's
starting offset is kept so paragraphs can be cited by page."""

from __future__ import annotations

PAGE_BREAK = "\n\f\n"


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    starts, parts, pos = [], [], 0
    for i, page in enumerate(pages):
        if i:
            parts.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        starts.append(pos)
        parts.append(page)
        pos += len(page)
    return "".join(parts), starts
