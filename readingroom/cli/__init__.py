"""The `readingroom` command. Each command is a thin layer over `readingroom.api`.

Exit codes: 0 success; 1 a file failed or something asked for was not found; 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from readingroom import __version__
from readingroom.api import Archive, default_db, extract
from readingroom.cli import render
from readingroom.cli.common import DbOption, JsonOption, app, counted, emit, err, existing, fail, open_archive, out
from readingroom.errors import ReadingroomError, UnreadableFile
from readingroom.ingest import FAILED, FileResult, input_files, unexpected_failure
from readingroom.ingest.bulk import MAP_FIELDS as BULK_FIELDS
from readingroom.ingest.registry import ReadOptions
from readingroom.inquire.corroborate import corroborate as find_corroboration
from readingroom.inquire.sourcing import sourcing_card
from readingroom.model import Document
from readingroom.publish import citations
from readingroom.publish.citations import STYLES
from readingroom.publish.lesson import FORMATS as LESSON_FORMATS
from readingroom.search import GROUPS, MODES, SORTS, semantic
from readingroom.store import ParagraphHit
from readingroom.store.database import is_postgres_url
from readingroom.words import plural


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
    db: DbOption = None,
    as_json: JsonOption = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Parse in this many processes.")] = 1,
    field_map: Annotated[Optional[str], typer.Option("--map", help="CSV/JSONL columns: title=subject,date=authored; correspondents=title reads sender and recipient from titles such as 'Evatt to Chifley'")] = None,
    max_file_mb: Annotated[int, typer.Option(min=1, help="Refuse files larger than this.")] = 256,
    max_text_mb: Annotated[int, typer.Option(min=1, help="Refuse texts longer than this many million characters.")] = 16,
    max_pages: Annotated[int, typer.Option(min=1, help="Refuse PDFs and scans with more pages.")] = 5000,
    collection: Annotated[Optional[str], typer.Option(help="Collection for documents that name none.")] = None,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="OCR pages without a text layer (needs Tesseract).")] = True,
    ocr_dpi: Annotated[int, typer.Option(min=72, max=1200)] = 300,
    ocr_language: Annotated[str, typer.Option(help="Tesseract language(s), e.g. eng+fra.")] = "eng",
    ocr_timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per page.")] = 120.0,
    entities: Annotated[bool, typer.Option("--entities", help="Tag entities straight after (as `enrich`).")] = False,
    embed_after: Annotated[Optional[bool], typer.Option("--embed/--no-embed", help="Embed new paragraphs straight "
                           "after (as `embed`); by default when the archive already holds vectors.")] = None,
) -> None:
    """Ingest files into the archive; one result per file. Exit 1 if any file failed."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err.print(f"[bold red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    options = ReadOptions(
        max_file_bytes=max_file_mb * 1024 * 1024, max_text_chars=max_text_mb * 1024 * 1024, max_pages=max_pages,
        ocr=ocr, ocr_dpi=ocr_dpi, ocr_language=ocr_language, ocr_timeout=ocr_timeout,
        field_map=_parse_map(field_map), collection=collection,
    )  # fmt: skip
    with open_archive(db, create=True) as archive:
        results = _run_ingest(archive, paths, options, quiet=as_json, workers=workers)
        if entities:
            _run_enrich(archive, quiet=as_json)
        if embed_after or (embed_after is None and _keeps_vectors(archive)):
            _run_embed(archive, quiet=as_json)
    summary = _summary(results)
    if as_json:
        emit({"results": [r.to_dict() for r in results], "summary": summary})
    else:
        for r in results:
            if r.status in (FAILED, "partial"):
                err.print(f"[red]{r.status}[/] {r.error}", soft_wrap=True)
        out.print(
            f"{plural(summary['files'], 'file')}: {summary['ingested']:,} ingested, {summary['partial']:,} partly"
            f" ingested, {summary['duplicate']:,} already in the archive, {summary['failed']:,} failed;"
            f" {plural(summary['new_documents'], 'new document')}."
        )
    raise typer.Exit(1 if summary["failed"] or summary["partial"] else 0)


def _parse_map(spec: str | None) -> tuple[tuple[str, str], ...]:
    if not spec:
        return ()
    pairs = []
    for item in spec.split(","):
        field, sep, column = item.partition("=")
        if not sep or field.strip() not in BULK_FIELDS:
            err.print(f"[bold red]error:[/] --map: '{item}' should be FIELD=COLUMN with FIELD one of {', '.join(BULK_FIELDS)}")
            raise typer.Exit(2)
        pairs.append((field.strip(), column.strip()))
    return tuple(pairs)


def _run_ingest(archive: Archive, paths: list[Path], options: ReadOptions, quiet: bool, workers: int = 1) -> list[FileResult]:
    if quiet:
        return archive.ingest(paths, options, workers=workers)
    files = list(input_files(archive.store, paths))
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[stats]}"),
               TimeElapsedColumn(), TimeRemainingColumn())  # fmt: skip
    counts = {"docs": 0, "pages": 0, "failed": 0, "partial": 0}
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("files", total=len(files), stats="")

        def stats() -> str:  # the words of the summary below it: a partly ingested file has not failed
            partly = f" · {counts['partial']:,} partly ingested" if counts["partial"] else ""
            return (f"files · {plural(counts['docs'], 'new document')} · {plural(counts['pages'], 'page')} · "
                    f"{counts['failed']:,} failed{partly}")  # fmt: skip

        def tick(result: FileResult) -> None:
            counts["pages"] += result.pages
            counts["failed"] += result.status == FAILED
            counts["partial"] += result.status == "partial"
            progress.update(task, advance=1, stats=stats())

        def stored(new: bool) -> None:  # the count moves inside a bulk file of many records too
            counts["docs"] += new
            if new and counts["docs"] % 100 == 0:
                progress.update(task, stats=stats())

        return archive.ingest(files, options, on_file=tick, workers=workers, on_document=stored)


def _summary(results: list[FileResult]) -> dict[str, int]:
    return {
        "files": len(results),
        "ingested": sum(r.status == "ingested" for r in results),
        "partial": sum(r.status == "partial" for r in results),
        "duplicate": sum(r.status == "duplicate" for r in results),
        "failed": sum(r.status == FAILED for r in results),
        "new_documents": sum(r.new for r in results),
    }


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
def enrich(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Tag people, organisations, places and posts in every document not yet tagged (resumable)."""
    with open_archive(db) as archive:
        done, linked = _run_enrich(archive, quiet=as_json)
    if as_json:
        emit({"enriched": done, "linked": linked})
    else:
        filed = f"; {plural(linked, 'name')} of people filed under the full name the archive gives them" if linked else ""
        out.print(f"{plural(done, 'document')} tagged{filed}.")


def _run_enrich(archive: Archive, quiet: bool) -> tuple[int, int]:
    """Documents tagged, and names of people then filed under the full name the archive gives them."""
    from readingroom.enrich import ENTITY_VERSION

    linked = 0

    def heard(n: int) -> None:
        nonlocal linked
        linked = n

    if quiet:
        return archive.enrich(on_linked=heard), linked
    total = archive.store.count_to_enrich(ENTITY_VERSION)
    with counted("entities") as progress:
        task = progress.add_task("documents", total=total)
        done = archive.enrich(on_document=lambda _: progress.advance(task), on_linked=heard)
    return done, linked


@app.command()
def embed(db: DbOption = None, reset: Annotated[bool, typer.Option("--reset", help="Drop stored vectors first.")] = False,
          batch: Annotated[int, typer.Option(min=1, max=100_000, help="Paragraphs embedded and committed together "
                                             "(larger is faster; a kill loses one batch).")] = semantic.EMBED_CALL,
          as_json: JsonOption = False) -> None:  # fmt: skip
    """Store a meaning vector for every paragraph that has none, for semantic and hybrid search (resumable)."""
    with open_archive(db) as archive:
        done = _run_embed(archive, quiet=as_json, reset=reset, batch=batch)
        total = archive.store.embedding_count()
    if as_json:
        emit({"embedded": done, "paragraphs_with_vectors": total})
    else:
        out.print(f"{plural(done, 'paragraph')} embedded; {total:,} in the archive have vectors. Search with --mode hybrid.")


def _note_missing_vectors(archive: Archive, mode: str) -> None:
    """Asked for by meaning, in an archive where some paragraphs have no vector yet: say so (on stderr)."""
    if mode in ("semantic", "hybrid") and not archive.store.vectors_complete():
        err.print("[yellow]note:[/] some paragraphs have no vector yet, so meaning cannot find them — run: readingroom embed")


def _keeps_vectors(archive: Archive) -> bool:
    """An archive that holds vectors keeps them complete, so `ask` by meaning sees the new documents too."""
    store = archive.store
    return (store.has_embeddings() and semantic.available() and store.embedding_model() == semantic.MODEL
            and not store.vectors_complete())  # fmt: skip


def _run_embed(archive: Archive, quiet: bool, reset: bool = False, batch: int | None = None) -> int:
    if quiet:
        return archive.embed(reset=reset, batch=batch)
    with counted("vectors") as progress:
        task = progress.add_task("paragraphs", total=None)  # the bar moves once the model has loaded
        return archive.embed(reset=reset, batch=batch, on_start=lambda todo: progress.update(task, total=todo),
                             on_batch=lambda n: progress.advance(task, n))  # fmt: skip


@app.command()
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


@app.command()
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


@app.command()
def overview(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The archive at a glance: documents by year, and the collections, kinds, classifications, senders,
    recipients, tags and entities found in most documents."""
    with open_archive(db) as archive:
        glance = archive.overview()
    if as_json:
        emit(glance.to_dict())
    else:
        render.print_overview(out, glance)


@app.command()
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


@app.command("extract")
def extract_cmd(
    file: Annotated[Path, typer.Argument(help="One file to parse; nothing is stored.")],
    as_json: JsonOption = False,
) -> None:
    """Parse one file without an archive and print the structured document(s)."""
    if not file.exists():
        err.print(f"[bold red]error:[/] no such file: {file}")
        raise typer.Exit(2)
    try:
        docs = extract(file, entities=as_json)
    except ReadingroomError as e:
        fail(e)
    except Exception as e:  # a reader's bug or a hostile file: the one line ingest gives, not a traceback
        fail(UnreadableFile(unexpected_failure(file, e)[0]))
    if as_json:
        items = [_with_entities(d) for d in docs]
        emit(items[0] if len(items) == 1 else items)
        return
    for d in docs:
        out.print(render.document_card(d))
        out.print(render.paragraphs_table(d))


def _with_entities(doc: Document) -> dict[str, object]:
    """The document's JSON plus its entity mentions listed on their own, as the README documents."""
    return doc.to_dict() | {
        "entities": [{"start": s.start, "end": s.end, "text": s.text, "type": s.label, "entity_id": s.value}
                     for s in doc.spans if s.type == "entity"]  # fmt: skip
    }


@app.command()
def demo(db: DbOption = None) -> None:
    """Build the bundled demo archive, show the seed cable and answer its first guiding question."""
    from readingroom.cli.demo import run_demo

    try:
        run_demo(db or default_db(), out, err, _run_ingest, _run_enrich, _run_embed)
    except ReadingroomError as e:
        fail(e)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    private: Annotated[bool, typer.Option("--private", help="No anonymous reading: sign in or use a token.")] = False,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Server processes.")] = 1,
) -> None:
    """Serve the reading room (pages at /) and the REST API (/api, OpenAPI at /api/docs)."""
    try:
        import uvicorn

        from readingroom.web import create_app
    except ImportError:
        err.print("[bold red]error:[/] the web reading room needs its extra — pip install 'readingroom[web]'")
        raise typer.Exit(2) from None
    import os

    path = existing(db)
    try:
        application = create_app(path, anonymous_read=not private)  # also checks the archive opens
    except ReadingroomError as e:
        fail(e)
    err.print(f"reading room on http://{host}:{port}/  (API: /api/docs)  archive: {application.state.library.archive.store.path}")
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    os.environ["READINGROOM_DB"] = path if is_postgres_url(path) else os.path.abspath(path)
    os.environ["READINGROOM_PRIVATE"] = "1" if private else "0"
    uvicorn.run("readingroom.web:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")  # fmt: skip


@app.command()
def mcp(db: DbOption = None) -> None:
    """Serve overview, search, show, ask, corroborate and cite to an AI assistant over the Model Context Protocol (stdio)."""
    try:
        from readingroom.web.mcp_server import run
    except ImportError:
        err.print("[bold red]error:[/] the MCP server needs its extra — pip install 'readingroom[mcp]'")
        raise typer.Exit(2) from None
    try:
        run(existing(db))
    except ReadingroomError as e:
        fail(e)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    app()


from readingroom.cli import keeping  # noqa: E402,F401  (registers delete, copy, check, user, restrict)
