"""How documents, hits and answers look in a terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from readingroom.inquire import SIDES_CAVEAT, Answer, cite_short, evidence_groups
from readingroom.inquire.corroborate import Corroboration
from readingroom.inquire.sourcing import SourcingCard
from readingroom.model import Document
from readingroom.model import ParagraphKind as K
from readingroom.search import SearchResult
from readingroom.search.overview import Overview
from readingroom.words import plural


def document_card(doc: Document) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    rows = [
        ("Document", f"{doc.id}  ({doc.source_id})"),
        ("Genre", doc.genre),
        ("Title", doc.title),
        ("Date", doc.date + (f"  (DTG {doc.dtg})" if doc.dtg else "") if doc.date else None),
        ("From", doc.sender),
        ("To", doc.recipient),
        ("Info", ", ".join(doc.info_recipients[:6]) + (" …" if len(doc.info_recipients) > 6 else "") or None),
        ("Precedence", doc.precedence),
        ("Classification", doc.classification_marking or doc.classification),
        ("Cable number", doc.cable_number),
        ("Subject", doc.subject),
        ("References", "; ".join(doc.references) or None),
        ("Tags", ", ".join(doc.tags) or None),
        ("Purpose", "ACTION: the sender asks the recipient to act" if doc.action_requested else None),
        ("Signed", doc.signature),
        ("Collection", doc.collection),
        ("Pages", doc.metadata.get("pages")),
        ("OCR", _ocr_line(doc)),
        ("Attached to", doc.metadata.get("attached_to")),
        ("Attachments", ", ".join(doc.metadata.get("attachments") or []) or None),
        ("Source", doc.citation.text or _citation_line(doc)),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, escape(str(value)))
    parts: list[object] = [grid]
    if doc.packet:
        parts.append(Text(""))
        parts.append(Text.assemble(("Lesson: ", "bold magenta"), doc.packet.title or ""))
        if doc.packet.headnote:
            parts.append(Text(doc.packet.headnote, style="italic"))
        for i, q in enumerate(doc.packet.guiding_questions, 1):
            parts.append(Text.assemble((f"Q{i}. ", "bold magenta"), q))
    return Panel(Group(*parts), title="Sourcing card", border_style="cyan")  # type: ignore[arg-type]


def _ocr_line(doc: Document) -> str | None:
    """Readers must know when the text is machine-read, and which pages to distrust."""
    report = doc.metadata.get("ocr")
    if not report:
        return None
    pages = report["pages"]
    mean = sum(p["confidence"] for p in pages) / len(pages) if pages else 0
    line = f"{len(pages)} pages read by {report['engine']}, mean word confidence {mean:.0f}/100"
    if report["low_confidence_pages"]:
        line += f"; LOW CONFIDENCE on p. {', '.join(map(str, report['low_confidence_pages']))}: check the scan"
    return line


def _citation_line(doc: Document) -> str | None:
    c = doc.citation
    bits = [b for b in (c.creator, c.title, c.archive, c.url) if b]
    return ". ".join(bits) if bits else None


SHOWN = 400  # characters of a paragraph `show` prints, unless asked for the whole text


def paragraphs_table(doc: Document, full: bool = False) -> Table:
    """The paragraphs with their locators and kinds: each cut to SHOWN characters, its lines run together, for
    the document's shape at a glance; with `full`, each whole and as the source sets it out."""
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    table.add_column("¶", style="bold yellow", no_wrap=True)
    table.add_column("kind", style="dim", no_wrap=True)
    table.add_column("text")
    for p in doc.paragraphs:
        if p.kind in (K.TITLE, K.GUIDING_QUESTION, K.HEADNOTE):
            continue
        if full:
            table.add_row(p.locator, p.kind.replace("_", " "), escape(p.text.strip()))
            continue
        text = " ".join(p.text.split())
        table.add_row(p.locator, p.kind.replace("_", " "), escape(text[:SHOWN] + (" …" if len(text) > SHOWN else "")))
    return table


def print_search(console: Console, result: SearchResult) -> None:
    if result.relaxed:
        console.print("[yellow]No paragraph has every word; showing paragraphs with any of them.[/]")
    about = "about " if result.documents_estimated else ""
    docs = f" in {about}{plural(result.total_documents, 'document')}" if result.total_documents is not None else ""
    what = {"semantic": "paragraph", "hybrid": "paragraph"}.get(result.mode, "matching paragraph")
    how = {"semantic": " (nearest in meaning)", "hybrid": " (by words and meaning)"}.get(result.mode, "")
    console.print(f"[bold]{plural(result.total, what)}[/]{docs}{how}")
    if result.total and not result.hits:
        console.print("[yellow]None on this page: the results end before it — try a smaller --offset.[/]")
    if not result.total:  # a filter's value is matched by its words: say where the values are listed
        console.print("[dim]Nothing matched: try fewer words or filters; `readingroom overview` lists the senders,"
                      " recipients, tags and entities the archive holds.[/]")  # fmt: skip
    for h in result.hits:
        snippet = Text(" ".join(h.snippet.split("\n")))
        for s, e in h.highlights:
            snippet.stylize("bold reverse", s, e)
        head = Text.assemble((f"{h.doc_id}", "cyan"), f"  ¶{h.locator}  ", (h.title or h.source_id or "", "bold"),
                             (f"  {h.date}" if h.date else "", "dim"))  # fmt: skip
        console.print(head)
        console.print(snippet, style=None)
        console.print()
    if any(result.facets.values()):  # no empty table under a search that found nothing
        console.print(facet_table(result.facets))


def facet_table(facets: dict[str, list[tuple[str, int]]], title: str = "Facets (matching paragraphs)") -> Table:
    """Facet counts as bars: the shape of the results at a glance."""
    table = Table(title=title, box=None, show_header=False, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right")
    table.add_column(style="green")
    for name in ("year", "classification", "sender", "recipient", "collection", "genre", "tag", "entity"):
        values = facets.get(name) or []
        if name == "year":
            values = sorted(values)
        else:
            values = sorted(values, key=lambda v: -v[1])[:6]
        top = max((c for _, c in values), default=1)
        for i, (value, count) in enumerate(values):
            table.add_row(name if i == 0 else "", escape(str(value))[:40], str(count), "█" * max(1, round(20 * count / top)))
    return table


def print_answer(console: Console, answer: Answer) -> None:
    console.print(Text.assemble(("Question: ", "bold magenta"), answer.question, (f"  [{answer.heading}]", "dim")))
    if not answer.evidence:
        console.print(answer.answer)
        return
    for heading, items in evidence_groups(answer.kind, answer.evidence, answer.question):
        if heading:
            console.print(Text(heading, style="bold magenta"))
        for i, e in items:
            console.print(Text.assemble((f"{i}. ", "bold"), ("“", "dim"), e.quote.strip(), ("”", "dim")))
            console.print(Text(f"   — {cite_short(e)}  [{e.doc_id} ¶{e.locator}]", style="cyan"))
    if answer.kind == "evaluate":
        console.print(Text(SIDES_CAVEAT, style="dim"))
    console.print(Text("Every quotation above was checked against the stored text of its document.", style="dim"))
    if answer.prose is not None:
        console.print(Text(f"In prose ({answer.prose['model']}, verified):", style="bold magenta"))
        console.print(str(answer.prose["text"]) or "(no sentence survived verification)")
        for d in answer.prose["dropped"]:
            console.print(Text(f"  dropped: {d['sentence']} — {d['reason']}", style="red"))


def print_requests(console: Console, card: SourcingCard) -> None:
    if card.requests:
        console.print(Text(f"Purpose: {card.purpose.upper()} — what it asks:", style="bold magenta"))
        for r in card.requests:
            console.print(Text.assemble(("  ¶" + r.locator + "  ", "yellow"), "“", r.quote, "”"))


def print_sourcing(console: Console, card: SourcingCard) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    rows = [("Who wrote it?", card.author), ("For whom?", card.audience),
            ("Also informed", ", ".join(card.also_informed) or None), ("When?", card.date),
            ("What kind of document?", card.genre), ("Classification", card.classification),
            ("Handling", ", ".join(card.handling) or None),
            ("Why was it written?", "to ask the recipient to act" if card.purpose == "action" else "to inform"),
            ("Text", "machine-read (OCR): check quotations against the scan" if card.machine_read else None),
            ("Read from", card.read_from_number), ("Read from", card.read_from_title),
            ("Date as written", card.date_as_written), ("Cite as", card.citation)]  # fmt: skip
    for label, value in rows:
        if value:
            grid.add_row(label, escape(value))
    console.print(Panel(grid, title=f"Sourcing card · {card.source_id}", border_style="cyan"))
    print_requests(console, card)


def print_corroboration(console: Console, found: list[Corroboration]) -> None:
    if not found:
        console.print("No passage in another document shares enough with this one.")
    for c in found:
        style = {"may contradict": "red", "same matter": "green"}.get(c.relation, "yellow")
        console.print(Text.assemble((f"[{c.relation}] ", style), (c.title or c.source_id, "bold"),
                                    f"  ¶{c.locator}", (f"  {c.date}" if c.date else "", "dim")))  # fmt: skip
        console.print(Text.assemble("  “", c.quote.strip()[:400], "”"))
        console.print(Text(f"  why: {c.reason}", style="dim"))


def print_entity(console: Console, data: dict) -> None:
    console.print(Text.assemble((data["name"], "bold"), f"  {data['type']}  ", (data["id"], "dim")))
    console.print(Text(f"also written: {', '.join(data['aliases'][:12])}", style="dim"))
    if data.get("office"):
        console.print(Text("a title or an office, not a name: the documents below name no one person holding it "
                           "(where a document does, the title is linked to that person)", style="dim"))  # fmt: skip
    console.print(f"mentioned in {plural(data['documents'], 'document')}:")
    for d in data["mentioned_in"]:
        console.print(Text.assemble(f"  {d['date'] or '    -     '}  ", (d["title"] or d["source_id"], "bold"),
                                    (f"  ¶{d['locator']}  {d['doc_id']}", "cyan")))  # fmt: skip


YEAR_FROM_DOCUMENT = " (year of the document)"


def print_overview(console: Console, glance: Overview) -> None:
    span = f", {glance.first_year}–{glance.last_year}" if glance.first_year else ""
    undated = f" ({glance.undated} undated)" if glance.undated else ""
    console.print(Text(f"{plural(glance.documents, 'document')}, {plural(glance.paragraphs, 'paragraph')}{span}{undated}", style="bold"))
    if glance.years or glance.facets:
        console.print(facet_table({"year": glance.years, **glance.facets}, title="Documents by year and by field"))
    if glance.questions:
        console.print(Text("Guiding questions published with the documents", style="bold"))
        for doc_id, title, question in glance.questions:
            console.print(Text.assemble(f"  {question}  ", (f"{title} ({doc_id})", "dim")))


def print_timeline(console: Console, tl: dict) -> None:
    """Counts by month (by year when the dates run over ten years or more) as bars — a picture of when the
    documents were written — then the events."""
    top = max((b["count"] for b in tl["chart"]), default=1)
    for b in tl["chart"]:
        console.print(Text.assemble((b["label"], "cyan"), "  ", ("█" * max(1, round(40 * b["count"] / top)), "green"),
                                    f" {b['count']}"))  # fmt: skip
    if n := tl["year_only"]:
        console.print(Text(f"{n:,} document{' is' if n == 1 else 's are'} dated by year only", style="dim"))
    if n := tl["undated"]:
        console.print(Text(f"{n:,} document{' has' if n == 1 else 's have'} no date", style="dim"))
    # One chronology: each document on the day it was written, each date a document mentions on that date
    written = [(d["date"], Text.assemble((d["date"], "bold"), "  written: ", (d["title"] or d["source_id"], "cyan"),
                                         "  ", (d["source_id"], "dim"))) for d in tl["documents"]]  # fmt: skip
    mentioned = [(e["date"], Text.assemble((e["date"], "bold"), (YEAR_FROM_DOCUMENT if e["year_from_document"] else "", "dim"),
                                           f"  “{' '.join(e['text'].split())}”  ", (f"{e['source_id']} ¶{e['locator']}", "dim")))
                 for e in tl["events"]]  # fmt: skip
    lines = sorted(written + mentioned, key=lambda pair: pair[0])
    for _, line in lines[:TIMELINE_LINES]:
        console.print(line)
    if len(lines) > TIMELINE_LINES:
        console.print(Text(f"… and {len(lines) - TIMELINE_LINES:,} more (--json lists them all)", style="dim"))


TIMELINE_LINES = 60
