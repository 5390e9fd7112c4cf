"""The archive at a glance: how many documents, from when, from whom, in which collections, naming whom —
what a reader sees before typing a query, each value a way in (a filter or an entity page).

Counts are of documents, outside the restricted collections the viewer may not see. The document fields are
counted exactly by the store; tags and entities, which only the index holds by document, are chosen by the
index's distinct-document estimate and then counted as a search of each counts them (exactly up to a few
thousand matching paragraphs, within about 1 % beyond).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from readingroom.model import ParagraphKind as K
from readingroom.search.engine import EXACT_DOCUMENTS
from readingroom.search.index import FACET_FIELDS
from readingroom.store import SearchRequest, Store

TOP = 10
QUESTIONS = 20


@dataclass
class Overview:
    documents: int
    paragraphs: int
    years: list[tuple[str, int]] = field(default_factory=list)  # (year, documents), oldest first
    undated: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # field -> (value, documents)
    # Documents published with guiding questions (a lesson's packet, like the seed's): (doc_id, title, question)
    questions: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def first_year(self) -> str | None:
        return self.years[0][0] if self.years else None

    @property
    def last_year(self) -> str | None:
        return self.years[-1][0] if self.years else None

    def to_dict(self) -> dict[str, object]:
        return dict(asdict(self), first_year=self.first_year, last_year=self.last_year)


SPARE = 5  # values beyond those shown whose exact count may overtake the last shown


def _counted_exactly(store: Store, name: str, values: list[tuple[str, int]], hidden: tuple[str, ...]) -> list[tuple[str, int]]:
    """The index's estimate chose the values; each is counted again as a search of it counts documents (exactly
    up to a few thousand paragraphs), so the overview says what the value's search and entity page say: the
    demo's United States had been 556 documents here and 557 there."""
    counted = []
    for value, estimate in values:
        if estimate > EXACT_DOCUMENTS:  # so many documents, so many more paragraphs: a search would estimate too
            counted.append((value, estimate))
            continue
        found = store.search(SearchRequest(None, filters=((name, value),), limit=0, snippets=False, group="doc",
                                           exclude_collections=hidden))  # fmt: skip
        counted.append((value, found.total_documents or 0))
    return sorted(counted, key=lambda vc: (-vc[1], vc[0]))


def archive_overview(store: Store, hidden: tuple[str, ...] = (), top: int = TOP) -> Overview:
    periods = store.date_counts(hidden)
    by_year: dict[str, int] = {}
    for period, n in periods.items():
        if period:
            by_year[period[:4]] = by_year.get(period[:4], 0) + n
    facets = {name: store.value_counts(name, top, hidden) for name in FACET_FIELDS}
    page = store.search(SearchRequest(None, limit=0, snippets=False, document_facets=("tag", "entity"),
                                      exclude_collections=hidden))  # fmt: skip
    for name in ("tag", "entity"):  # offices are left out of entities by the index (search/engine.py)
        facets[name] = _counted_exactly(store, name, page.facets.get(name, [])[: top + SPARE], hidden)[:top]
    asked = store.search(SearchRequest(None, filters=(("kind", K.GUIDING_QUESTION),), limit=QUESTIONS, snippets=False,
                                       sort="date", exclude_collections=hidden))  # fmt: skip
    questions = [(h.doc_id, h.title or h.source_id, h.text) for h in asked.hits]
    return Overview(sum(periods.values()), page.total, sorted(by_year.items()), periods.get(None, 0),
                    {name: values for name, values in facets.items() if values}, questions)
