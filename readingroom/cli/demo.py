"""`readingroom demo`: build the bundled archive and walk through the seed cable."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.rule import Rule

from readingroom.api import Archive
from readingroom.cli import render
from readingroom.ingest.registry import ReadOptions

SEED = "000_7b586f3c1424ed7d"


def demo_folder() -> Path:
    return Path(str(resources.files("readingroom") / "demo_data"))


def run_demo(db: str, out: Console, err: Console, run_ingest: Callable[..., Any], run_enrich: Callable[..., Any],
             run_embed: Callable[..., Any]) -> None:  # fmt: skip
    from readingroom.search import semantic

    with Archive(db) as archive:
        out.print(Rule(f"Building the demo archive in {db}"))
        results = run_ingest(archive, [demo_folder()], ReadOptions(), quiet=False)
        run_enrich(archive, quiet=False)  # people, organisations, places: for entity pages and filters
        # Vectors (~1.5 minutes here) let `ask` draw evidence by meaning, which measured best on the guiding
        # questions (bench/RESULTS.md); resumable, so a second `demo` embeds nothing.
        by_meaning = semantic.available()
        if by_meaning:
            run_embed(archive, quiet=False)
        stats = archive.stats()
        failed = [r for r in results if r.status == "failed"]
        out.print(f"{stats['documents']:,} documents, {stats['paragraphs']:,} paragraphs in the archive"
                  f"{f'; {len(failed)} files failed' if failed else ''}.")  # fmt: skip
        seed = archive.document(SEED)
        out.print(Rule("The seed cable"))
        out.print(render.document_card(seed))
        out.print(render.paragraphs_table(seed))
        question = seed.packet.guiding_questions[0] if seed.packet else "Why was UNAMIR withdrawn?"
        out.print(Rule("Evidence for the first guiding question, across the whole archive"))
        if by_meaning:
            out.print("[dim](passages drawn by meaning, from the vectors just stored, then ranked)[/]")
        render.print_answer(out, archive.ask(question))
    out.print(Rule("What next"))
    # One line to say what, one to copy: a fixed two-column layout wrapped badly in narrow terminals.
    for what, command in next_steps(question, by_meaning):
        out.print(f"  [dim]# {what}[/]")
        out.print(f"  {command}", markup=False, soft_wrap=True)
    out.print(f"(archive: {db}; set READINGROOM_DB or pass --db to use another)")


def next_steps(question: str, by_meaning: bool) -> list[tuple[str, str]]:
    """What to try after the demo: what each command shows, and the command (tests run each on the demo)."""
    return [
        ("an exact phrase, paragraph hits", """readingroom search '"untenable situation"'"""),
        ("boolean, prefix and date filter", "readingroom search 'withdraw* AND date:1994-04'"),
        ("the seed's structure", f"readingroom show {SEED}"),
        ("other documents that bear on its paragraph 4, and why", f"readingroom corroborate {SEED} 4"),
        ("what the archive holds: years, collections, senders, the most named", "readingroom overview"),
        ("every document that mentions Rwanda, by date", "readingroom entity Rwanda"),
        ("when the archive's documents were written, as a chart", "readingroom timeline"),
        *(() if by_meaning else (("vectors for search and ask by meaning (~2 minutes)", "readingroom embed"),)),
        ("paragraphs near in meaning, not in words", 'readingroom search "bloodshed" --mode semantic'),
        ("the seed as a printable lesson", f"readingroom publish --doc {SEED} --format pdf -o lesson.pdf"),
        ("the reading room in your browser: http://127.0.0.1:8000/", "readingroom serve"),
        ("the answer above, as JSON", f'readingroom ask "{question}" --json'),
        ("add your own documents", "readingroom ingest YOUR_FOLDER/"),
    ]
