"""The diplomat's vocabulary: cable acronyms, handling caveats, precedences, posts, titles, UN bodies and TAGS
codes, curated in data/glossary.tsv (term, expansion, category, note). A term may have several senses."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Sense:
    term: str
    expansion: str
    category: str
    note: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[Sense, ...]]:
    text = (resources.files("readingroom.enrich") / "data" / "glossary.tsv").read_text(encoding="utf-8")
    table: dict[str, list[Sense]] = {}
    for line in text.splitlines()[1:]:
        term, expansion, category, note = (line.split("\t") + ["", "", ""])[:4]
        sense = Sense(term, expansion, category, note)
        senses = table.setdefault(_key(term), [])
        if sense not in senses:
            senses.append(sense)
    return {k: tuple(v) for k, v in table.items()}


def _key(term: str) -> str:
    return re.sub(r"[\s.]+", " ", term.upper()).strip()


def explain(term: str) -> tuple[Sense, ...]:
    return glossary().get(_key(term), ())


def suggestions(term: str, limit: int = 8) -> list[str]:
    key = _key(term)
    return [s[0].term for k, s in glossary().items() if k.startswith(key[:3])][:limit]
