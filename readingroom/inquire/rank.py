"""How candidates are ranked for a question: the share of the question's weight a passage carries, causal
cues for why and evaluate questions, the strength of the passage's document, the period the question names,
and what a who, when or where question (or a comparison) asks for."""

from __future__ import annotations

import math
import re

from readingroom.enrich.entities.offices import names_an_office
from readingroom.inquire.compare import Subject, speaks_of
from readingroom.inquire.quotes import question_weight
from readingroom.inquire.when import Period
from readingroom.model import Document, Span
from readingroom.model import ParagraphKind as K
from readingroom.search.query import Term
from readingroom.store import ParagraphHit, SearchRequest, Store

# Words that mark a passage as giving reasons or taking a position: what "why" and "evaluate" questions want.
# The reason and purpose connectives of the second-to-last line ("declined on the ground that", "with the
# object of", "in view of") were added after a question set on FRUS 1925: R@5 over 50 phrases 0.56 -> 0.60 by
# meaning, 0.40 -> 0.42 lexical (R@10 0.46 -> 0.56), the other sets unchanged (bench/RESULTS.md).
# Reasons given as origins ("arises mainly from", "stems from", "rooted in", "at bottom of") were added in session
# 12: all sets by meaning R@10 0.77 -> 0.79 (the Long Telegram's why question 0.20 -> 0.40), R@5 0.72 as before,
# lexical and hybrid unchanged; "necessity" and "origins of" too cost R@5 0.72 -> 0.66 and were left out.
CAUSAL = re.compile(
    r"\b(because|reasons?|therefore|thus|hence|since|as a result|due to|based on|in order to|so that|"
    r"led to|lead to|result(?:ed|s)? in|consequences?|justif\w*|insufficient|threat\w*|risks?|dangers?|"
    r"conviction|believes?|considers?|considered|must|cannot|unable|untenable|impossible|no role|would only|"
    r"undermine\w*|oppos\w*|concern\w*|fear\w*|priority|"
    r"on the grounds? (?:that|of)|in view of|owing to|on account of|for the (?:reason|purpose)s? (?:that|of)|"
    r"with (?:the|a) (?:object|view|aim) (?:of|to)|so as to|"
    r"aris(?:e|es|ing) (?:from|out of|mainly|chiefly)|stem(?:s|med)? from|spring(?:s)? from|rooted in|"
    r"at (?:the )?bottom of)\b",
    re.I,
)
CUE_BONUS, CUE_CAP = 0.12, 0.48
# A reason need not repeat the question's words (Somalia, an "untenable situation"), while a restatement of what
# the question asks about (USUN instructed to seek the withdrawal) repeats them all: for why questions the share
# of the question's words a passage carries counts half. Seed's Q1 with vectors R@5 0.62 -> 0.75 (¶7.14 in, ¶7.7
# out); the other four why questions of our sets unchanged, and lexical unchanged (bench/RESULTS.md).
EXPLAIN_COVERAGE = 0.5
# A paragraph's second passage stands back this much: without it the seed's ¶6, split in two, took the place of
# talking point 7.14 (seed R@5 0.83 -> 0.75); 0.2 and more cost the Long Telegram its second passages.
REPEAT = 0.1


def stem(term: str) -> str:
    return term[:6] if len(term) > 6 else term


def idf_weights(store: Store, terms: list[str]) -> dict[str, float]:
    total = max(paragraph_count(store), 1)
    weights = {}
    for t in terms:
        df = store.search(SearchRequest(Term(t), limit=0, snippets=False)).total
        weights[stem(t)] = math.log(1 + total / (1 + df)) if df else 0.0
    return weights


def paragraph_count(store: Store) -> int:
    """From the search index (constant time), not a COUNT(*) over the paragraphs table on every question."""
    return store.search(SearchRequest(None, limit=0, snippets=False)).total


DOC_CONTEXT, DOC_TOP = 0.5, 3
# A passage in a document written in the period the question names ("on April 18, 1994", "in July 1994";
# inquire/when.py). On our set of questions on the demo cables, candidates by meaning R@5 0.44 -> 0.89 (the two
# questions that name a day); 0.15 won one of the two, 0.3 to 0.6 both; nothing else moved (bench/RESULTS.md).
DATE_BONUS = 0.3


def rank(hits: list[ParagraphHit], weights: dict[str, float], kind: str,
         periods: tuple[Period, ...] = (), bonus: dict[int, float] | None = None) -> list[ParagraphHit]:  # fmt: skip
    """Passages by their own score plus their document's: a passage in a document that bears on the question
    as a whole outranks a stray match in an otherwise unrelated one. A document's strength is the mean of its
    best DOC_TOP passage scores (a document with one matching paragraph gets a third of it), scaled to the
    strongest document. Measured on the seed's questions (bench/ask_eval.py): overall R@5 0.58 -> 0.75 with
    vectors; the same for any weight from 0.25 to 2. A passage of the period the question names gains DATE_BONUS."""
    if not hits:
        return []
    top = hits[0].score
    own = [rerank(h, weights, kind, top) + (DATE_BONUS if any(p.holds(h.date) for p in periods) else 0.0)
           + (bonus or {}).get(i, 0.0) for i, h in enumerate(hits)]
    best: dict[str, list[float]] = {}
    for h, s in zip(hits, own, strict=True):
        best.setdefault(h.doc_id, []).append(s)
    strength = {d: sum(sorted(v, reverse=True)[:DOC_TOP]) / DOC_TOP for d, v in best.items()}
    strongest = max(strength.values()) or 1.0
    total = [own[i] + DOC_CONTEXT * strength[h.doc_id] / strongest for i, h in enumerate(hits)]
    order = sorted(range(len(hits)), key=lambda i: -total[i])
    quoted: dict[tuple[str, int], int] = {}
    for i in order:  # a paragraph's second passage stands back
        key = (hits[i].doc_id, hits[i].ordinal)
        total[i] -= REPEAT * quoted.get(key, 0)
        quoted[key] = quoted.get(key, 0) + 1
    order.sort(key=lambda i: -total[i])
    return [hits[i] for i in order]


# What a who, when or where question asks for, as the enrich stage types it: a passage that names someone (a
# day, a place) the question does not is likelier to answer it than one that restates the question. On seven who,
# when and where questions (bench/questions/who-when-where.json) by meaning R@5 0.57 -> 0.71 ("When did the
# Afghan constitutional commission meet" found "HAS MET TWICE, ON MARCH 30 AND APRIL 22"); 0.3 to 1.0 the same;
# the five other sets unchanged (bench/RESULTS.md).
ANSWER_TYPES = {"who": ("entity", "PER"), "whom": ("entity", "PER"), "when": ("date", None), "where": ("entity", "GPE")}
ANSWER_BONUS = 0.3
ANSWER_POOL = 30  # the candidates looked at: their documents' spans are read for it


def answer_type_bonus(store: Store, hits: list[ParagraphHit], question: str,
                      docs: dict[str, Document]) -> dict[int, float]:  # fmt: skip
    """Candidate index -> ANSWER_BONUS, for the first ANSWER_POOL candidates that hold a span of the type the
    question asks for, other than one the question names itself or an office ("the Secretary"). The documents
    read for their spans go into `docs`, where quoting finds them (no second read of each)."""
    wh = re.match(r"\s*(\w+)", question)
    wanted = ANSWER_TYPES.get(wh.group(1).lower()) if wh else None
    if wanted is None:
        return {}
    asked = {w.upper() for w in re.findall(r"[A-Za-z]+", question)}
    spans_of: dict[str, list[Span]] = {}
    bonus = {}
    for i, h in enumerate(hits[:ANSWER_POOL]):
        if h.doc_id not in spans_of:
            doc = store.get_document(h.doc_id)
            if doc is not None:
                docs[h.doc_id] = doc
            spans_of[h.doc_id] = [sp for sp in (doc.spans if doc else []) if sp.type == wanted[0]
                                  and (wanted[1] is None or sp.label == wanted[1])]  # fmt: skip
        for sp in spans_of[h.doc_id]:
            new_words = not set(re.findall(r"[A-Z]+", sp.text.upper())) <= asked
            if h.start <= sp.start < h.end and new_words and not (wanted[0] == "entity" and names_an_office(sp.value or "")):
                bonus[i] = ANSWER_BONUS
                break
    return bonus


# A passage that names a thing compared is likelier to speak to the comparison, as a who-question's passage that
# names a person (ANSWER_BONUS) is likelier to answer it. On five compare questions (bench/questions/compare.json,
# the set it was chosen on): by meaning R@10 0.69 -> 0.77, lexical R@5 0.54 -> 0.69; 0.15 moved nothing, 0.6 the
# same as 0.3 (RESULTS.md). Other kinds of question are untouched.
COMPARE_BONUS = 0.3


def compared_bonus(hits: list[ParagraphHit], subjects: list[Subject]) -> dict[int, float]:
    """Candidate index -> COMPARE_BONUS for each thing compared that the passage names."""
    return {i: COMPARE_BONUS * n for i, h in enumerate(hits) if (n := sum(speaks_of(h.text, s) for s in subjects))}


def rerank(hit: ParagraphHit, weights: dict[str, float], kind: str, top: float) -> float:
    coverage = question_weight(hit.text, weights) / (sum(weights.values()) or 1.0)
    score = hit.score / (top or 1.0) + (EXPLAIN_COVERAGE if kind == "explain" else 1.0) * coverage
    if kind in ("explain", "evaluate"):
        cues = {m.lower() for m in CAUSAL.findall(hit.text)}
        score += min(CUE_BONUS * len(cues), CUE_CAP)
    if hit.kind == K.HEADNOTE:
        score += 0.1  # editors' context frames the source; it is quoted as the editors' words
    return score

