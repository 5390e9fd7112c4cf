"""Building the archive: ingest files, parse one without storing it, tag entities, embed meaning, and the demo
that does all of it."""


from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from readingroom.api import Archive, default_db, extract
from readingroom.cli import render
from readingroom.cli.common import (
    BUILD,
    DbOption,
    JsonOption,
    app,
    counted,
    emit,
    err,
    fail,
    open_archive,
    out,
)
from readingroom.errors import ReadingroomError, UnreadableFile
from readingroom.ingest import FAILED, FileResult, input_files, unexpected_failure
from readingroom.ingest.bulk import MAP_FIELDS as BULK_FIELDS
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document
from readingroom.search import semantic
from readingroom.words import plural


@app.command(rich_help_panel=BUILD)
def demo(db: DbOption = None) -> None:
    """Build the bundled demo archive, show the seed cable and answer its first guiding question."""
    from readingroom.cli.demo import run_demo

    try:
        run_demo(db or default_db(), out, err, _run_ingest, _run_enrich, _run_embed)
    except ReadingroomError as e:
        fail(e)


@app.command(rich_help_panel=BUILD)
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


@app.command("extract", rich_help_panel=BUILD)
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


@app.command(rich_help_panel=BUILD)
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


@app.command(rich_help_panel=BUILD)
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
