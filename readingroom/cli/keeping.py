"""Keeping the archive: removing documents, copying it into another store, checking it, accounts and
restricted collections."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from readingroom.cli.common import KEEP, DbOption, JsonOption, app, counted, emit, err, fail, open_archive, out
from readingroom.errors import ReadingroomError
from readingroom.words import plural


@app.command(rich_help_panel=KEEP)
def delete(
    doc_ids: Annotated[Optional[list[str]], typer.Argument(help="Document ids, id prefixes or source ids.")] = None,
    from_file: Annotated[Optional[Path], typer.Option("--file", help="Every document read from this file.")] = None,
    collection: Annotated[Optional[str], typer.Option(help="Every document in this collection.")] = None,
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Remove documents from the archive: their paragraphs, entities, vectors and places in document sets.
    The source files are not touched; ingesting them again brings the documents back."""
    if not (doc_ids or from_file or collection):
        err.print("[bold red]error:[/] name the documents to delete: DOC_ID…, --file PATH or --collection NAME")
        raise typer.Exit(2)
    with open_archive(db) as archive:
        ids = archive.document_ids(doc_ids or [])  # every name checked before anything is removed
        if from_file is not None:
            ids += archive.store.documents_from(str(from_file), _sha256(from_file))
            ids += archive.store.documents_from(str(from_file.resolve()))
        if collection is not None:
            ids += archive.store.documents_in(collection)
        ids = list(dict.fromkeys(ids))
        if not ids:
            err.print(f"[bold red]error:[/] no document in {archive.store.path} was read from {from_file}"
                      if from_file else f"[bold red]error:[/] no document in {archive.store.path} is in the collection {collection!r}")  # fmt: skip
            raise typer.Exit(1)
        if not yes:
            listed = [archive.store.get_document(i, spans=False) for i in ids[:10]]
            for doc in (d for d in listed if d is not None):
                err.print(f"  {doc.id}  {doc.source_id}  {doc.title or ''}", markup=False)
            if len(ids) > 10:
                err.print(f"  … and {len(ids) - 10} more")
            if not sys.stdin.isatty():
                err.print("[bold red]error:[/] deleting needs confirmation — add --yes to delete without asking")
                raise typer.Exit(2)
            if not typer.confirm(f"Delete {plural(len(ids), 'document')} from {archive.store.path}?", err=True):
                raise typer.Exit(1)
        gone = archive.delete(ids)
    if as_json:
        emit({"deleted": [{"doc_id": d.doc_id, "source_id": d.source_id, "title": d.title} for d in gone]})
        return
    shown = ", ".join(d.source_id for d in gone[:10]) + (f" … and {len(gone) - 10} more" if len(gone) > 10 else "")
    out.print(f"Deleted {plural(len(gone), 'document')}: {shown}", markup=False)


def _sha256(path: Path) -> str | None:
    """The file's hash, which its documents carry wherever it was read from; None if it is gone."""
    import hashlib

    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


@app.command(rich_help_panel=KEEP)
def copy(
    target: Annotated[str, typer.Argument(help="The archive to copy into: a file, or postgresql://user@host/db.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy the whole archive (documents, entities, accounts, sets, vectors) into another store, for example from
    a laptop's SQLite file into a team's PostgreSQL database. Re-running copies only what is missing."""
    from readingroom.store import open_store
    from readingroom.store.copy import copy_archive, refuse_same_archive

    with open_archive(db) as archive:
        source = archive.store
        try:
            refuse_same_archive(source.path, target)  # before opening it twice, or starting a progress bar
            destination = open_store(target)
        except ReadingroomError as e:
            fail(e)
        try:
            if as_json:
                report = copy_archive(source, destination)
            else:
                with counted("documents") as progress:
                    task = progress.add_task("documents", total=source.stats()["documents"])
                    report = copy_archive(source, destination, on_document=lambda _: progress.advance(task))
            problems = destination.check()
        finally:
            destination.close()
    if as_json:
        emit({"target": destination.path, "documents": report.documents, "already_there": report.already,
               "rows": report.rows, "vectors": report.vectors, "problems": problems})  # fmt: skip
    else:
        rows = ", ".join(f"{n} {table}" for table, n in report.rows.items() if n) or "no other rows"
        out.print(f"{report.documents} documents copied into {destination.path} ({report.already} were there);"
                  f" {rows}; {report.vectors} vectors")  # fmt: skip
        for p in problems:
            err.print(f"[red]problem:[/] {p}")
    if problems:
        raise typer.Exit(1)


@app.command(rich_help_panel=KEEP)
def check(db: DbOption = None) -> None:
    """Check the archive's integrity (store and index). Exit 1 if anything is wrong."""
    with open_archive(db) as archive:
        problems = archive.check()
        stats = archive.stats()
    for p in problems:
        err.print(f"[red]problem:[/] {p}")
    out.print(f"{stats['documents']} documents, {stats['paragraphs']} paragraphs: {'OK' if not problems else 'DAMAGED'}")
    raise typer.Exit(1 if problems else 0)


user_app = typer.Typer(help="Accounts and API tokens for the reading room.", no_args_is_help=True)
app.add_typer(user_app, name="user", rich_help_panel=KEEP)


@user_app.command("add")
def user_add(
    username: str,
    role: Annotated[str, typer.Option(help="reader, editor or admin.")] = "reader",
    db: DbOption = None,
) -> None:
    """Add (or reset) an account. The password is read from $READINGROOM_PASSWORD or asked for."""
    import os

    from readingroom.store import access

    password = os.environ.get("READINGROOM_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with open_archive(db, create=True) as archive:
        access.add_user(archive.store.db, username, password, role)
    out.print(f"{username}: {role}")


@user_app.command("token")
def user_token(username: str, db: DbOption = None) -> None:
    """Create an API token for an account (shown once; send it as 'Authorization: Bearer TOKEN')."""
    from readingroom.store import access

    with open_archive(db, create=True) as archive:
        sys.stdout.write(access.new_token(archive.store.db, username) + "\n")


@user_app.command("grant")
def user_grant(username: str, collection: str, db: DbOption = None) -> None:
    """Let an account read a restricted collection."""
    from readingroom.store import access

    with open_archive(db, create=True) as archive:
        access.grant(archive.store.db, username, collection)
    out.print(f"{username} may read {collection}")


@app.command(rich_help_panel=KEEP)
def restrict(
    collection: str,
    off: Annotated[bool, typer.Option("--off", help="Lift the restriction.")] = False,
    db: DbOption = None,
) -> None:
    """Restrict a collection: its documents vanish for everyone without a grant (admins see all)."""
    from readingroom.store import access

    with open_archive(db, create=True) as archive:
        access.restrict(archive.store.db, collection, not off)
    out.print(f"{collection}: {'open' if off else 'restricted'}")
