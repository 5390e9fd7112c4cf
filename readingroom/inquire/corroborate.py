"""Corroboration: for one passage, the passages in other documents that bear on the same matter, each with
the reason it was found (close in meaning, shared people, places and organisations, shared distinctive words,
shared dates) and how it may stand to the passage: "same matter" where both name the same people, places or
days, "may contradict" where it denies or disputes what the passage states, else "related". A reader still has
to judge; this finds what to read.

With paragraph vectors the candidates are the passages nearest in meaning: for the Damascus cable's "more
trouble expected in northern Syria" they are the 1977 reports of agitation in Lebanon and the 1925 telegrams on
the Syrian revolt, where shared rare words had found a Nigerian cable on "northern" politics and a Venezuelan
one on dam contracts."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, replace

from readingroom.enrich.entities.offices import names_an_office
from readingroom.errors import NotFound
from readingroom.inquire import STOPWORDS, paragraph_count
from readingroom.inquire.quotes import best_quote
from readingroom.model import Document, SpanType
from readingroom.model import ParagraphKind as K
from readingroom.search import resolve_mode
from readingroom.search.query import Op, Term
from readingroom.search.semantic import query_vector
from readingroom.store import SearchRequest, Store

# Words that deny or dispute a claim (a denial of reports, not "clearance shall be denied"). Negation and contrast
# ("not", "no", "but", "however") had been read as opposition: for 25 paragraphs drawn from the demo, 73 of the 144
# passages offered were flagged "may contradict" (the UNSC "did not contemplate any action" against the seed's
# "insufficient justification to retain" among them); now none is, and 100 are on the same matter.
_CLAIMS = r"(?:reports?|allegations?|charges?|rumou?rs?|claims?|stor(?:y|ies)|statements?|accounts?|accusations?)"
DISPUTES = re.compile(rf"\b(?:den(?:y|ies|ied|ials?)\s+(?:that|any|all|the\s+\w*\s*{_CLAIMS}|{_CLAIMS})|refut\w*|rebut\w*|"
                      rf"contrary to|untrue|unfounded|baseless|groundless|(?:is|was|are|were|as)\s+false|false\s+{_CLAIMS}|"
                      r"incorrect|inaccurate|misleading|contradict\w*|not true|no truth|no evidence|no basis)\b", re.I)  # fmt: skip
KEY_TERMS = 12
# A subject line or a reference list states no claim to weigh ("RWANDA: 15 JUL 94 SECURITY COUNCIL MEETING" came
# first by meaning, being short)
NOT_CLAIMS = tuple(K.NOT_EVIDENCE | {K.SUBJECT, K.REFERENCE})
MIN_SHARED = 2
# A passage this near in meaning (cosine, all-MiniLM-L6-v2) needs no shared word: "safety of UNAMIR personnel"
# bears on "risk to their lives"
CLOSE_IN_MEANING = 0.5
JARGON = frozenset("ref reftel septel para paras current text entire confidential secret unclassified".split())


@dataclass
class Corroboration:
    doc_id: str
    source_id: str
    title: str | None
    date: str | None
    locator: str
    quote: str
    start: int
    end: int
    relation: str  # "same matter" | "may contradict" | "related"
    shared_terms: list[str]
    shared_dates: list[str]
    reason: str
    shared_entities: list[str] = field(default_factory=list)  # entity ids both passages name (after `enrich`)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def corroborate(store: Store, doc: Document, locator: str, limit: int = 8, hidden: tuple[str, ...] = ()) -> list[Corroboration]:
    """`hidden`: restricted collections the caller may not see, whose passages are never offered."""
    para = doc.paragraph(locator)
    if para is None:
        raise NotFound(f"{doc.id} has no paragraph '{locator}'", f"locators: {', '.join(p.locator for p in doc.paragraphs[:12])} …")
    terms = _distinctive_terms(store, para.text)
    if not terms:
        return []
    by_meaning = resolve_mode(store, "auto", best="semantic") == "semantic"
    request = SearchRequest(Op("OR", [Term(t) for t in terms]), "OR", exclude_doc_ids=(doc.id,),
                            exclude_kinds=NOT_CLAIMS, exclude_collections=hidden, limit=limit * 3, snippets=False)  # fmt: skip
    if by_meaning:
        request = replace(request, query=None, mode="semantic", vector=query_vector(para.text))
    hits = store.search(request).hits
    my_dates = _dates(doc, para.start, para.end)
    my_entities = _entities(doc, para.start, para.end)
    source_disputes = bool(DISPUTES.search(para.text))
    out: list[Corroboration] = []
    seen_docs: set[str] = set()
    for hit in hits:
        if hit.doc_id in seen_docs or len(out) >= limit:
            continue
        other = store.get_document(hit.doc_id)
        if other is None:
            continue
        seen_docs.add(hit.doc_id)
        other_para = other.paragraphs[hit.ordinal]
        words = set(re.findall(r"\w+", hit.text.lower()))
        shared = [t for t in terms if any(w.startswith(t[:6]) for w in words)]
        entities = sorted(my_entities & _entities(other, other_para.start, other_para.end))
        close = by_meaning and hit.score >= CLOSE_IN_MEANING
        # must share one of the most telling words, or be close in meaning
        if not close and (len(shared) < MIN_SHARED or not set(shared) & set(terms[:4])):
            continue
        dates = sorted(my_dates & _dates(other, other_para.start, other_para.end))
        quote = best_quote(other, other_para, {t[:6]: 1.0 for t in shared} or {t[:6]: 1.0 for t in terms})
        # the same matter: close in meaning and naming someone, somewhere or a day both name, or naming two such
        # (an office, the Department of State, names no matter of its own)
        named = [e for e in entities if not names_an_office(e)] + dates
        same_matter = len(named) >= 2 or (close and bool(named))
        # the other passage disputes what this one states; where this one is itself a denial, a passage on the same
        # matter may repeat the denial or the claim denied, and is only related
        disputes = bool(DISPUTES.search(quote.text)) and not source_disputes
        relation = "related" if not same_matter or source_disputes else "may contradict" if disputes else "same matter"
        reasons = [f"close in meaning ({hit.score:.2f})" if close else "",
                   f"names {', '.join(e.split(':', 1)[1] for e in entities[:4])}" if entities else "",
                   f"shares {', '.join(shared[:6])}" if shared else "", f"same dates {', '.join(dates)}" if dates else ""]  # fmt: skip
        reason = "; ".join(r for r in reasons if r)
        if relation == "may contradict":
            reason += "; it denies or disputes what the passage does not"
        out.append(Corroboration(other.id, other.source_id, other.title, other.date, other_para.locator,
                                 quote.text, quote.start, quote.end, relation, shared, dates, reason, entities))  # fmt: skip
    return out


def _distinctive_terms(store: Store, text: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'\-]{2,}", text)]
    candidates = list(dict.fromkeys(w for w in words if w not in STOPWORDS and w not in JARGON))
    total = max(paragraph_count(store), 1)
    scored = []
    for w in candidates[:60]:
        df = store.search(SearchRequest(Term(w), limit=0, snippets=False)).total
        if df:
            scored.append((math.log(1 + total / df) * words.count(w), w))
    return [w for _, w in sorted(scored, reverse=True)[:KEY_TERMS]]


def _entities(doc: Document, start: int, end: int) -> set[str]:
    return {s.value for s in doc.spans if s.type == SpanType.ENTITY and s.value and start <= s.start < end}


def _dates(doc: Document, start: int, end: int) -> set[str]:
    return {s.value for s in doc.spans if s.type == SpanType.DATE and s.value and start <= s.start < end}
