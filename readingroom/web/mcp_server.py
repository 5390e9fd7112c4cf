"""`readingroom mcp`: the archive as tools for an AI assistant over the Model Context Protocol (stdio).

Tools: overview, search, show, ask, corroborate, cite. Quotations come from `ask`, which verifies each against the stored text, so an
assistant that quotes what the tools return quotes the sources exactly, with a citation to the paragraph."""

from __future__ import annotations

from typing import Any

from readingroom.api import Archive
from readingroom.inquire.corroborate import corroborate as find_corroboration
from readingroom.publish.citations import STYLES
from readingroom.publish.citations import cite as format_citation


def build_server(db: str) -> Any:
    from mcp.server.mcpserver import MCPServer

    archive = Archive(db)
    server = MCPServer(
        "readingroom",
        instructions="Search and quote a reading room of declassified and diplomatic documents. Quote only the "
        "'quote' fields returned by ask (they are verified), and cite each with its 'cite' field or the cite tool.",
    )

    @server.tool()
    def overview() -> dict:
        """What the archive holds, before searching it: documents by year, and the collections, kinds,
        classifications, senders, recipients, TAGS and entities found in most documents (counts of documents),
        with the guiding questions published with documents. Use its values in search filters."""
        return archive.overview().to_dict()

    @server.tool()
    def search(query: str, limit: int = 10, group: str = "paragraph", mode: str = "auto") -> dict:
        """Search paragraphs (group='doc' for one hit per document). Query language: words, "phrases", AND/OR/NOT,
        prefix*, from: to: date:1994-04 tag: entity: collection: classification: kind:. mode: lexical, semantic or
        hybrid (by meaning; needs `readingroom embed`), or auto."""
        return archive.search(query, limit=min(max(limit, 1), 50), group="doc" if group == "doc" else "paragraph",
                              mode=mode).to_dict()  # fmt: skip

    @server.tool()
    def show(doc_id: str) -> dict:
        """A document's header facts and its paragraphs with the locators to cite them by."""
        doc = archive.document(doc_id)
        data = doc.to_dict()
        data.pop("spans", None)
        data.pop("text", None)
        return data

    @server.tool()
    def ask(question: str, limit: int = 8, within: str | None = None) -> dict:
        """Verbatim evidence for a question, each quote checked against the source and cited to its paragraph.
        `within` narrows to documents matching filters, e.g. 'from:USUN date:1994'."""
        return archive.ask(question, limit=min(max(limit, 1), 20), within=within).to_dict()

    @server.tool()
    def corroborate(doc_id: str, locator: str, limit: int = 8) -> dict:
        """Passages in other documents that bear on one paragraph, each quoted verbatim with why it was found
        (close in meaning, people and places both name, shared words and dates) and how it may stand to the
        paragraph: 'same matter' (the same people, places or days), 'may contradict' (it denies or disputes what
        the paragraph does not) or 'related'."""
        found = find_corroboration(archive.store, archive.document(doc_id), locator, min(max(limit, 1), 20))
        return {"passages": [c.to_dict() for c in found]}

    @server.tool()
    def cite(doc_id: str, style: str = "chicago", locator: str | None = None) -> str:
        """A citation of a document or one of its paragraphs: chicago, mla, apa, csl-json, bibtex or ris."""
        if style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}")
        return format_citation(archive.document(doc_id), style, locator)

    return server


def run(db: str) -> None:
    build_server(db).run("stdio")
