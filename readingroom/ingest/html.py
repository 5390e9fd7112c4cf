"""Web pages: the main text only (trafilatura drops navigation, boilerplate and scripts)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from readingroom.errors import UnreadableFile
from readingroom.ingest.decode import decode
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document, Provenance

_HTML_HEAD = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<meta|<title)", re.I)


class HtmlReader:
    name = "html"
    version = "1"
    extensions = frozenset({".html", ".htm", ".xhtml"})

    def score(self, path: Path, head: bytes) -> int:
        if _HTML_HEAD.match(head.lstrip(b"\xef\xbb\xbf")):
            return 25
        return 10 if path.suffix.lower() in self.extensions else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        text = html_to_text(data, str(path))
        yield Document(
            text=text.body,
            source_id=path.stem,
            title=text.title,
            date=text.date,
            sender=text.author,
            provenance=Provenance(reader=self.name, reader_version=self.version),
            metadata={"url": text.url} if text.url else {},
        )


class MainText:
    def __init__(self, body: str, title: str | None, date: str | None, author: str | None, url: str | None):
        self.body, self.title, self.date, self.author, self.url = body, title, date, author, url


def html_to_text(data: bytes, name: str) -> MainText:
    import trafilatura

    markup, _ = decode(data, name)
    result = trafilatura.bare_extraction(
        markup, include_comments=False, include_tables=True, favor_recall=True, with_metadata=True
    )
    fields = result if isinstance(result, dict) else (result.as_dict() if result is not None else {})
    text = str(fields.get("text") or "").strip()
    if not text:
        raise UnreadableFile(f"{name}: no main text found in the page", "save the page's article text instead")
    body = re.sub(r"\n(?=\S)", "\n\n", text)  # one block per line -> paragraphs
    return MainText(body, fields.get("title"), fields.get("date"), fields.get("author"), fields.get("url"))
