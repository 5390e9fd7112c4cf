"""Inquire stage: a guiding question in, verbatim and cited evidence out.

Retrieval is lexical (BM25 over paragraphs, any question word) or by meaning when the archive has vectors,
re-ranked by how much of the question's weight a paragraph carries, by causal cues for "why" questions and by
how strongly the paragraph's document as a whole bears on the question; by meaning, a long paragraph competes
passage by passage. Near-duplicate passages are dropped so the evidence covers distinct points. Every quote is
verified against the stored text before it is returned.

Here: what kind of question it is, its words, the candidates, and an evaluate or compare question's balance.
`rank.py` orders the candidates, `passages.py` turns them into verified evidence (`quotes.py` cuts and checks
each quote), `answer.py` is the answer and how it reads.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from readingroom.inquire.answer import SIDES_CAVEAT, Answer, Evidence, cite_short, compose, evidence_groups, side_of
from readingroom.inquire.compare import Subject, compared, speaks_of
from readingroom.inquire.passages import evidence_from, passages_of_long
from readingroom.inquire.rank import answer_type_bonus, compared_bonus, idf_weights, paragraph_count, rank
from readingroom.inquire.when import question_periods
from readingroom.model import Document
from readingroom.model import ParagraphKind as K
from readingroom.search import resolve_mode
from readingroom.search.query import Op, Term
from readingroom.search.semantic import query_vector
from readingroom.store import ParagraphHit, SearchRequest, Store

__all__ = ["SIDES_CAVEAT", "Answer", "Evidence", "ask", "cite_short", "evidence_groups", "key_terms", "paragraph_count",
           "question_kind", "side_of"]  # fmt: skip

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves agree think explain
    describe want wanted wants mean means did does do why how what whom whose u.s us extent""".split()
)
KINDS = [
    ("explain", re.compile(r"^\s*(why|how come|explain|what (?:were|are|was) the (?:reasons?|causes?))\b", re.I)),
    # Asked of the reader ("Should ...?", "Do you agree ...?"), not "How did Kennan think the US should act?"
    ("evaluate", re.compile(r"^\s*(should|would you|do you|was it|were they|is it|to what extent|how far|evaluate|assess)\b"
                            r"|\b(do you agree|do you think|was it (?:right|justified))\b", re.I)),
    ("compare", re.compile(r"\b(compar(?:e|es|ed|ing|ison)|contrast(?:s|ed|ing)?|differ(?:s|ed|ing)?|difference|"
                           r"similar)\b", re.I)),
    ("fact", re.compile(r"^\s*(who|what|when|where|which|how many|how much)\b", re.I)),
]  # fmt: skip
CANDIDATES = 200


def question_kind(question: str) -> str:
    return next((kind for kind, rx in KINDS if rx.search(question)), "explain")


def key_terms(question: str) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+|\d+", question)
    seen: dict[str, None] = {}
    for w in words:
        lw = w.lower().strip("'-")
        if lw not in STOPWORDS and len(lw) > 1:
            seen.setdefault(lw, None)
    return list(seen)


# With vectors: the seed's questions, evidence R@5 0.83 / R@10 0.92 against lexical 0.50 / 0.75; with our four
# sets too (50 phrases), 0.60 / 0.66 against 0.42 / 0.56; hybrid ties there but trails on the seed (RESULTS.md).
BEST_ASK_MODE = "semantic"
# Except for questions of fact and comparisons, which name what they ask about (Firestone, the G-77, the Afghan
# constitutional commission): lexical candidates found at least as much in the first five as candidates by
# meaning on each of the 16 such questions of our sets, more on three (R@5 over their 27 phrases 0.81 against
# 0.67; bench/RESULTS.md, session 16). Explain and evaluate questions, which paraphrase, keep meaning.
LEXICAL_KINDS = ("fact", "compare")


def ask(
    store: Store,
    question: str,
    limit: int = 8,
    doc_ids: tuple[str, ...] = (),
    filters: tuple[tuple[str, str], ...] = (),
    hidden: tuple[str, ...] = (),
    mode: str = "auto",
) -> Answer:
    """Evidence for a question, from the whole archive or within documents/filters (from:, date:, tag: …).

    With paragraph vectors (`readingroom embed`) `auto` draws candidates by meaning, which measured best
    (bench/ask_eval.py): a question about "risk to their lives" then also finds "the safety of UNAMIR
    personnel". The rerank by the question's words and causal cues applies in every mode."""
    kind = question_kind(question)
    terms = key_terms(question)
    if not terms:
        return Answer(question, kind, "The question has no words to search for.")
    weights = idf_weights(store, terms)
    tree = Op("OR", [Term(t) for t in terms])
    mode = resolve_mode(store, mode, best="lexical" if kind in LEXICAL_KINDS else BEST_ASK_MODE)
    vector = query_vector(question) if mode != "lexical" else None
    hits = store.search(
        SearchRequest(tree, "OR", filters=filters, doc_ids=doc_ids, exclude_kinds=tuple(K.NOT_EVIDENCE),
                      exclude_collections=hidden, limit=CANDIDATES, snippets=False, mode=mode, vector=vector)  # fmt: skip
    ).hits
    docs: dict[str, Document] = {}
    if mode == "semantic" and vector is not None:
        hits = passages_of_long(store, hits, vector, docs)
    subjects = compared(question) if kind == "compare" else []
    bonus = compared_bonus(hits, subjects) if subjects else answer_type_bonus(store, hits, question, docs)
    ranked = rank(hits, weights, kind, tuple(question_periods(question)), bonus)
    if kind == "evaluate":
        evidence = _both_sides(store, ranked, weights, limit, vector, docs)
    elif subjects:
        evidence = _each_compared(store, ranked, weights, limit, vector, docs, subjects)
    else:
        evidence = list(islice(evidence_from(store, ranked, weights, vector, kind, docs), limit))
    return Answer(question, kind, compose(kind, evidence, question), evidence, mode=mode)


def _both_sides(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], limit: int,
                vector: Any, docs: dict[str, Document]) -> list[Evidence]:  # fmt: skip
    """An evaluate question's evidence with both sides in it when the candidates hold both: if the best
    `limit` passages all lean one way, the best passage of the other side takes the last place."""
    found = evidence_from(store, ranked, weights, vector, "evaluate", docs)
    stems = tuple(weights)
    chosen = list(islice(found, limit))
    for e in chosen:
        e.side = side_of(e.quote, stems)
    if len(chosen) > 1 and len({e.side for e in chosen}) == 1:  # one-sided: look further down the ranking
        for e in islice(found, SIDE_SEARCH):
            e.side = side_of(e.quote, stems)
            if e.side != chosen[0].side:
                chosen[-1] = e
                break
    return chosen


SIDE_SEARCH = 12  # passages looked at beyond the limit for the side the first ones lack


def _each_compared(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], limit: int, vector: Any,
                   docs: dict[str, Document], subjects: list[Subject]) -> list[Evidence]:  # fmt: skip
    """A compare question's evidence with each thing compared in it: when fewer than a quarter of the best
    `limit` passages name one of them, its best passages further down take the places of the last passages
    that name neither (or of the last of another's, while that one keeps its quarter). In rank order."""
    pool = list(islice(evidence_from(store, ranked, weights, vector, "compare", docs), limit + SIDE_SEARCH))
    for e in pool:
        e.about = tuple(s.label for s in subjects if speaks_of(e.quote, s))
    chosen = list(range(min(limit, len(pool))))
    want = max(1, limit // 4)
    for s in subjects:
        extra = [i for i in range(limit, len(pool)) if s.label in pool[i].about]
        for i in extra[: want - sum(s.label in pool[c].about for c in chosen)]:
            if (out := _least_needed([pool[c] for c in chosen], want, s.label)) is None:
                break
            chosen[out] = i
    return [pool[i] for i in sorted(chosen)]


def _least_needed(chosen: list[Evidence], want: int, keep: str) -> int | None:
    """The last passage that names neither thing compared, else the last whose things stay covered without it."""
    for i in reversed(range(len(chosen))):
        if not chosen[i].about:
            return i
    for i in reversed(range(len(chosen))):
        about = chosen[i].about
        if keep not in about and all(sum(label in e.about for e in chosen) > want for label in about):
            return i
    return None


