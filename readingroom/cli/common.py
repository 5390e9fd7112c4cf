"""What every command shares: the Typer app, the two consoles, the --db and --json options, JSON output, and
opening the archive so that any readingroom error becomes its one-line message and exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from readingroom.api import Archive, default_db
from readingroom.errors import NotFound, ReadingroomError
from readingroom.store.database import is_postgres_url

# The panels of `readingroom --help`, in the order the commands register.
BUILD, READ, SERVE, KEEP = "Build the archive", "Read, ask and cite", "Serve", "Keep the archive"
app = typer.Typer(add_completion=False, no_args_is_help=True, help="An evidence engine for diplomatic documents.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Archive file. Default: $READINGROOM_DB or ./archive.db")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON (see README).")]


def emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def fail(e: ReadingroomError) -> NoReturn:
    err.print(f"[bold red]error:[/] {e}", markup=True, soft_wrap=True)
    raise typer.Exit(e.exit_code)


def existing(db: str | None) -> str:
    """The archive a reading command names, which must be there (a PostgreSQL database is made on first use)."""
    path = db or default_db()
    if not is_postgres_url(path) and not Path(path).exists():
        fail(NotFound(f"no archive at {path}", "make one with: readingroom ingest FILES (or readingroom demo),"
                                              " or name yours with --db or READINGROOM_DB"))  # fmt: skip
    return path


@contextmanager
def open_archive(db: str | None, create: bool = False) -> Iterator[Archive]:
    """Open the archive; any readingroom error inside becomes its one-line message and exit code. Only the
    commands that fill an archive (`create`) make a new one: `search --db typo.db` had answered "0 matching
    paragraphs" from an empty archive it had just made."""
    if not create:
        existing(db)
    try:
        with Archive(db) as archive:
            yield archive
    except ReadingroomError as e:
        fail(e)


def counted(label: str) -> Progress:
    """A progress bar on stderr for work counted in items: label, bar, n/total, elapsed, remaining."""
    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=err)  # fmt: skip
