"""Reading the archive: show a document, search, ask, its sourcing card, citations, corroboration, entities,
the overview, the timeline, the glossary, and a lesson to publish."""


from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from readingroom.api import Archive
from readingroom.cli import render
from readingroom.cli.common import (
    READ,
    DbOption,
    JsonOption,
    app,
    emit,
    err,
    open_archive,
    out,
)
from readingroom.inquire.corroborate import corroborate as find_corroboration
from readingroom.inquire.sourcing import sourcing_card
from readingroom.publish import citations
from readingroom.publish.citations import STYLES
from readingroom.publish.lesson import FORMATS as LESSON_FORMATS
from readingroom.search import GROUPS, MODES, SORTS, semantic
from readingroom.store import ParagraphHit


@app.command(rich_help_panel=READ)
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id, id prefix or source id.")],
    db: DbOption = None,
    full: Annotated[bool, typer.Option("--full", help=f"Each paragraph whole, as the source sets it out (else its first {render.SHOWN} characters).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show a stored document: its sourcing card and paragraphs with their locators."""
    with open_archive(db) as archive:
        doc = archive.document(doc_id)
    card = sourcing_card(doc)
    if as_json:
        emit(doc.to_dict() | {"sourcing": card.to_dict()})
        return
    out.print(render.document_card(doc))
    render.print_requests(out, card)
    out.print(render.paragraphs_table(doc, full))
    if not full and any(len(" ".join(p.text.split())) > render.SHOWN for p in doc.paragraphs):
        out.print(f"[dim]Long paragraphs are cut at {render.SHOWN} characters: readingroom show {doc.id} --full prints them whole.[/]")


@app.command(rich_help_panel=READ)
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, prefix*, from: to: date: tag: …')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    offset: Annotated[int, typer.Option(min=0, max=100_000)] = 0,
    group: Annotated[str, typer.Option(help="paragraph, or doc: one hit per document (its best paragraph).")] = "paragraph",
    sort: Annotated[str, typer.Option(help="relevance, date (oldest first) or -date (newest first).")] = "relevance",
    mode: Annotated[str, typer.Option(help="lexical, semantic, hybrid, or auto: lexical, which measured best for search.")] = "auto",
    as_json: JsonOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="The hits as CSV, one row a hit with its paragraph's full text, for a spreadsheet.")] = False,
) -> None:
    """Search paragraphs across the archive, with facet counts."""
    if group not in GROUPS or sort not in SORTS or mode not in MODES:
        err.print(f"[bold red]error:[/] --group is one of {', '.join(GROUPS)}; --sort one of {', '.join(SORTS)};"
                  f" --mode one of {', '.join(MODES)}")  # fmt: skip
        raise typer.Exit(2)
    with open_archive(db) as archive:
        result = archive.search(query, limit=limit, offset=offset, sort=sort, group=group, mode=mode)
        _note_missing_vectors(archive, mode)
    if as_json:
        emit(result.to_dict())
    elif as_csv:
        _hits_csv(result.hits)
    else:
        render.print_search(out, result)


def _hits_csv(hits: list[ParagraphHit]) -> None:
    """The paragraph text is the stored text, verbatim: a spreadsheet of hits can be quoted from."""
    import csv

    rows = csv.writer(sys.stdout)
    rows.writerow(["doc_id", "source_id", "title", "date", "locator", "kind", "score", "text"])
    for h in hits:
        rows.writerow([h.doc_id, h.source_id, h.title or "", h.date or "", h.locator, h.kind, f"{h.score:.4f}", h.text])


@app.command(rich_help_panel=READ)
def ask(
    question: Annotated[str, typer.Argument(help="A guiding question, in plain words.")],
    db: DbOption = None,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Only this document.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=50)] = 8,
    within: Annotated[Optional[str], typer.Option("--within", help="Only documents matching filters: 'from:USUN date:1994'.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Also write prose with the model at $READINGROOM_LLM_URL.")] = False,
    mode: Annotated[str, typer.Option(help="Find candidates by lexical, semantic or hybrid; auto: by meaning once `embed` has run.")] = "auto",
    set_id: Annotated[Optional[int], typer.Option("--set", help="Only the documents of this document set.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a question with verbatim, cited evidence from the archive."""
    if mode not in MODES:
        err.print(f"[bold red]error:[/] --mode is one of {', '.join(MODES)}")
        raise typer.Exit(2)
    with open_archive(db) as archive:
        answer = archive.ask(question, limit=limit, doc=doc, write=write, within=within, mode=mode, set_id=set_id)
        _note_missing_vectors(archive, mode)
        could_mean = mode == "auto" and answer.mode == "lexical" and not archive.store.has_embeddings()
    if as_json:
        emit(answer.to_dict())
        return
    render.print_answer(out, answer)
    if could_mean and answer.evidence and semantic.available():  # the model is installed: say what vectors add
        err.print("[dim]note: candidates were drawn by words; run `readingroom embed` once and `ask` draws them "
                  "by meaning, which finds more of the evidence overall (bench/RESULTS.md)[/]")


def _note_missing_vectors(archive: Archive, mode: str) -> None:
    """Asked for by meaning, in an archive where some paragraphs have no vector yet: say so (on stderr)."""
    if mode in ("semantic", "hybrid") and not archive.store.vectors_complete():
        err.print("[yellow]note:[/] some paragraphs have no vector yet, so meaning cannot find them — run: readingroom embed")


@app.command(rich_help_panel=READ)
def source(
    doc_id: Annotated[str, typer.Argument(help="Document id, id prefix or source id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The sourcing card: author, audience, date, genre, classification, purpose, requests, citation."""
    with open_archive(db) as archive:
        card = sourcing_card(archive.document(doc_id))
    if as_json:
        emit(card.to_dict())
    else:
        render.print_sourcing(out, card)


@app.command(rich_help_panel=READ)
def cite(
    doc_id: Annotated[str, typer.Argument(help="Document id, id prefix or source id.")],
    locator: Annotated[Optional[str], typer.Argument(help="A paragraph to cite, e.g. 4 or 7.3.")] = None,
    style: Annotated[str, typer.Option(help=f"One of: {', '.join(STYLES)}.")] = "chicago",
    db: DbOption = None,
) -> None:
    """Cite a document (or one of its paragraphs) in Chicago, MLA or APA, or export CSL-JSON, BibTeX, RIS."""
    if style not in STYLES:
        err.print(f"[bold red]error:[/] --style must be one of {', '.join(STYLES)}")
        raise typer.Exit(2)
    with open_archive(db) as archive:
        doc = archive.document(doc_id)
    if locator and doc.paragraph(locator) is None:
        err.print(f"[bold red]error:[/] {doc.source_id} has no paragraph '{locator}' — see: readingroom show {doc_id}")
        raise typer.Exit(1)
    sys.stdout.write(citations.cite(doc, style, locator) + "\n")


@app.command(rich_help_panel=READ)
def corroborate(
    doc_id: Annotated[str, typer.Argument(help="Document id, id prefix or source id.")],
    locator: Annotated[str, typer.Argument(help="The paragraph, e.g. 4 or 7.3.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=50)] = 8,
    as_json: JsonOption = False,
) -> None:
    """Passages in other documents that bear on this one: shared words and dates, and opposing wording."""
    with open_archive(db) as archive:
        found = find_corroboration(archive.store, archive.document(doc_id), locator, limit)
    if as_json:
        emit([c.to_dict() for c in found])
    else:
        render.print_corroboration(out, found)


@app.command(rich_help_panel=READ)
def entity(
    name: Annotated[str, typer.Argument(help='An entity id (PER:DALLAIRE) or name (Rwanda).')],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """An entity across the archive: type, aliases, the documents that mention it, by date."""
    with open_archive(db) as archive:
        data = archive.entity(name)
    if as_json:
        emit(data)
    else:
        render.print_entity(out, data)


@app.command(rich_help_panel=READ)
def overview(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The archive at a glance: documents by year, and the collections, kinds, classifications, senders,
    recipients, tags and entities found in most documents."""
    with open_archive(db) as archive:
        glance = archive.overview()
    if as_json:
        emit(glance.to_dict())
    else:
        render.print_overview(out, glance)


@app.command(rich_help_panel=READ)
def timeline(
    query: Annotated[Optional[str], typer.Argument(help="Only documents matching this query.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=5000)] = 500,
    as_json: JsonOption = False,
) -> None:
    """Documents and the dates they mention, in order, with counts by month."""
    from readingroom.inquire.timeline import build_timeline

    with open_archive(db) as archive:
        tl = build_timeline(archive, query, limit)
    if as_json:
        emit(tl)
    else:
        render.print_timeline(out, tl)


@app.command(rich_help_panel=READ)
def glossary(term: Annotated[str, typer.Argument(help="A cable term: REFTEL, NODIS, SYG, AMEMBASSY …")],
             as_json: JsonOption = False) -> None:  # fmt: skip
    """Explain a term of the diplomat's vocabulary."""
    from readingroom.enrich.glossary import explain, suggestions

    senses = explain(term)
    if as_json:
        emit({"term": term, "senses": [s.to_dict() for s in senses]})
    elif senses:
        for s in senses:
            out.print(f"[bold]{s.term}[/]  {s.expansion}  [dim]({s.category}{'; ' + s.note if s.note else ''})[/]")
    else:
        hint = ", ".join(suggestions(term))
        err.print(f"[bold red]error:[/] '{term}' is not in the glossary" + (f" — did you mean: {hint}" if hint else ""))
    raise typer.Exit(0 if senses else 1)


@app.command(rich_help_panel=READ)
def publish(
    doc_id: Annotated[Optional[str], typer.Option("--doc", help="A document with its own packet, e.g. the seed lesson.")] = None,
    set_id: Annotated[Optional[int], typer.Option("--set", help="A document set (see the reading room's /sets).")] = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(LESSON_FORMATS)}.")] = "md",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of to the screen.")] = None,
    answers: Annotated[bool, typer.Option("--answers", help="A teacher's copy: verified evidence under each question.")] = False,
    db: DbOption = None,
) -> None:
    """Publish a lesson: headnote, guiding questions, verbatim transcription and citations, as Markdown, HTML or
    PDF; or its sources' citations for Zotero (CSL-JSON, BibTeX, RIS)."""
    from readingroom.publish import lesson as lessons

    if fmt not in LESSON_FORMATS:
        err.print(f"[bold red]error:[/] --format must be one of {', '.join(LESSON_FORMATS)}")
        raise typer.Exit(2)
    if (doc_id is None) == (set_id is None):
        err.print("[bold red]error:[/] give --doc DOC_ID or --set SET_ID (one of them)")
        raise typer.Exit(2)
    if fmt == "pdf" and out is None:
        err.print("[bold red]error:[/] a PDF needs a file: add --out lesson.pdf")
        raise typer.Exit(2)
    with open_archive(db) as archive:
        lesson = archive.lesson(doc=doc_id, set_id=set_id, answers=answers)
        data = lessons.render(lesson, fmt)  # inside: a missing extra is a one-line error, not a traceback
    if out is None:
        sys.stdout.write(str(data))
    else:
        try:
            if isinstance(data, bytes):
                out.write_bytes(data)
            else:
                out.write_text(data, encoding="utf-8")
        except OSError as e:
            err.print(f"[bold red]error:[/] cannot write {out}: {e.strerror} — choose a folder that exists and that"
                      " you may write to")  # fmt: skip
            raise typer.Exit(1) from None
    if out is not None:
        err.print(f"wrote {out} ({lesson.title}: {len(lesson.sources)} source(s), {len(lesson.questions)} question(s))")
