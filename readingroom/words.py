"""How counts are written for readers, the same in the terminal and the reading room: "8,269 paragraphs"."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
