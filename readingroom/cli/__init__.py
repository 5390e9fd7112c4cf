"""The `readingroom` command. Each command is a thin layer over `readingroom.api`: `building.py` makes the
archive (ingest, extract, enrich, embed, demo), `reading.py` reads it (show, search, ask, source, cite,
corroborate, entity, overview, timeline, glossary, publish), `keeping.py` keeps it (delete, copy, check, user,
restrict); serving it is here.

Exit codes: 0 success; 1 a file failed or something asked for was not found; 2 usage errors.
"""


from __future__ import annotations

from typing import Annotated

import typer

from readingroom import __version__
from readingroom.cli import building, reading  # noqa: F401  (they register their commands)
from readingroom.cli.common import KEEP, SERVE, DbOption, app, err, existing, fail, out
from readingroom.errors import ReadingroomError
from readingroom.store.database import is_postgres_url


@app.command(rich_help_panel=SERVE)
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


@app.command(rich_help_panel=SERVE)
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


from readingroom.cli import keeping  # noqa: E402,F401  (registers delete, copy, check, user, restrict; version after them)


@app.command(rich_help_panel=KEEP)
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    app()
