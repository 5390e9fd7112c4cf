"""Inquire stage: a guiding question in, verbatim and cited evidence out.

Retrieval is lexical (BM25 over paragraphs, any question word) or by meaning when the archive has vectors,
re-ranked by how much of the question's weight a paragraph carries, by causal cues for "why" questions and by
how strongly the paragraph's document as a whole bears on the question; by meaning, a long paragraph competes
passage by passage. Near-duplicate passages are dropped so the evidence covers distinct points. Every quote is
verified against the stored text before it is returned.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from readingroom.enrich.entities.offices import names_an_office
from readingroom.inquire.compare import Subject, compared, speaks_of
from readingroom.inquire.quotes import MAX_QUOTE, Quote, best_quote, passage_quote, question_weight, windows
from readingroom.inquire.when import Period, question_periods
from readingroom.model import Document, Span
from readingroom.model import ParagraphKind as K
from readingroom.search import resolve_mode
from readingroom.search.query import Op, Term
from readingroom.search.semantic import encoder, query_vector
from readingroom.store import ParagraphHit, SearchRequest, Store

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves agree think explain
    describe want wanted wants mean means did does do why how what whom whose u.s us extent""".split()
)
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


@dataclass
class Evidence:
    doc_id: str
    source_id: str
    title: str | None
    date: str | None
    locator: str
    kind: str
    quote: str
    start: int
    end: int
    score: float
    side: str | None = None  # evaluate questions: "for" or "against" the proposition (cue-based)
    sender: str | None = None
    about: tuple[str, ...] = ()  # compare questions: which of the things compared the quote names

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "doc_id": self.doc_id, "source_id": self.source_id, "title": self.title, "sender": self.sender,
            "date": self.date,
            "locator": self.locator, "kind": self.kind, "quote": self.quote, "start": self.start,
            "end": self.end, "score": round(self.score, 4), "cite": cite_short(self),
        }  # fmt: skip
        if self.side:
            d["side"] = self.side
        if self.about:
            d["about"] = list(self.about)
        return d


@dataclass
class Answer:
    question: str
    kind: str
    answer: str
    evidence: list[Evidence] = field(default_factory=list)
    prose: dict[str, Any] | None = None  # from a configured language model, verified (inquire/writer.py)
    mode: str = "lexical"  # how candidates were drawn: lexical, semantic or hybrid

    @property
    def heading(self) -> str:
        """The question's kind, and how its candidates were drawn when not by words alone: "explain; by meaning"."""
        drawn = {"semantic": "by meaning", "hybrid": "by words and meaning"}.get(self.mode)
        return f"{self.kind}; {drawn}" if drawn else self.kind

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"question": self.question, "kind": self.kind, "mode": self.mode,
                                "answer": self.answer, "evidence": [e.to_dict() for e in self.evidence]}  # fmt: skip
        if self.prose is not None:
            d["prose"] = self.prose
        return d


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
    weights = _idf_weights(store, terms)
    tree = Op("OR", [Term(t) for t in terms])
    mode = resolve_mode(store, mode, best="lexical" if kind in LEXICAL_KINDS else BEST_ASK_MODE)
    vector = query_vector(question) if mode != "lexical" else None
    hits = store.search(
        SearchRequest(tree, "OR", filters=filters, doc_ids=doc_ids, exclude_kinds=tuple(K.NOT_EVIDENCE),
                      exclude_collections=hidden, limit=CANDIDATES, snippets=False, mode=mode, vector=vector)  # fmt: skip
    ).hits
    docs: dict[str, Document] = {}
    if mode == "semantic" and vector is not None:
        hits = _passages_of_long(store, hits, vector, docs)
    subjects = compared(question) if kind == "compare" else []
    bonus = _compared_bonus(hits, subjects) if subjects else _answer_type_bonus(store, hits, question, docs)
    ranked = _rank(hits, weights, kind, tuple(question_periods(question)), bonus)
    if kind == "evaluate":
        evidence = _both_sides(store, ranked, weights, limit, vector, docs)
    elif subjects:
        evidence = _each_compared(store, ranked, weights, limit, vector, docs, subjects)
    else:
        evidence = _select(store, ranked, weights, limit, vector, kind, docs)
    return Answer(question, kind, _compose(kind, evidence, question), evidence, mode=mode)


def _both_sides(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], limit: int,
                vector: Any, docs: dict[str, Document]) -> list[Evidence]:  # fmt: skip
    """An evaluate question's evidence with both sides in it when the candidates hold both: if the best
    `limit` passages all lean one way, the best passage of the other side takes the last place."""
    passages = _passages(store, ranked, weights, vector, "evaluate", docs)
    stems = tuple(weights)
    chosen = list(islice(passages, limit))
    for e in chosen:
        e.side = side_of(e.quote, stems)
    if len(chosen) > 1 and len({e.side for e in chosen}) == 1:  # one-sided: look further down the ranking
        for e in islice(passages, SIDE_SEARCH):
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
    pool = list(islice(_passages(store, ranked, weights, vector, "compare", docs), limit + SIDE_SEARCH))
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


# A cue-based split for "do you agree" questions. For the proposition: passages in the question's own words
# that give reasons of threat or necessity. Against it, or setting conditions: concessions and conditions
# ("however", "provided that", "unless"; "but" or "yet" opening a clause) and competing duties (protecting
# civilians, a mandate). A connective weighs double: it turns the whole sentence. A reader's starting point,
# labelled as such, not a verdict. The seed's ¶7.11 ("not placed or retained, knowingly, in an untenable
# situation") had been filed against withdrawal and ¶5 ("provided that the safety of UNAMIR personnel is not
# jeopardized") for it, by lists that counted "mandate" and "obligation" against and "safety" for.
_REASONS_FOR = re.compile(r"\b(danger\w*|risks?|threat\w*|untenable|impossible|cannot|must|priority|no role|fail\w*|"
                          r"killed|deaths?|casualt\w*|evacuat\w*|attack\w*|insufficient)\b", re.I)  # fmt: skip
_CONDITIONS = re.compile(r"\b(however|although|though|nevertheless|nonetheless|despite|unless|provided that|providing "
                         r"that|only if|on condition|on the other hand|at the same time|even if|even so|whereas|instead)\b"
                         r"|(?:^|[.;:]\s+)(?:but|yet|while)\b", re.I)  # fmt: skip
_OTHER_DUTIES = re.compile(r"\b(protect\w*|civilians?|humanitarian|responsib\w*|reconsider\w*|mandates?)\b", re.I)


def side_of(quote: str, question_stems: tuple[str, ...] = ()) -> str:
    words = set(re.findall(r"\w+", quote.lower()))
    pro = len(_REASONS_FOR.findall(quote)) + sum(any(w.startswith(s) for w in words) for s in question_stems)
    con = 2 * len(_CONDITIONS.findall(quote)) + len(_OTHER_DUTIES.findall(quote))
    return "against" if con > pro else "for"


def _stem(term: str) -> str:
    return term[:6] if len(term) > 6 else term


def _idf_weights(store: Store, terms: list[str]) -> dict[str, float]:
    total = max(paragraph_count(store), 1)
    weights = {}
    for t in terms:
        df = store.search(SearchRequest(Term(t), limit=0, snippets=False)).total
        weights[_stem(t)] = math.log(1 + total / (1 + df)) if df else 0.0
    return weights


def paragraph_count(store: Store) -> int:
    """From the search index (constant time), not a COUNT(*) over the paragraphs table on every question."""
    return store.search(SearchRequest(None, limit=0, snippets=False)).total


DOC_CONTEXT, DOC_TOP = 0.5, 3
# A passage in a document written in the period the question names ("on April 18, 1994", "in July 1994";
# inquire/when.py). On our set of questions on the demo cables, candidates by meaning R@5 0.44 -> 0.89 (the two
# questions that name a day); 0.15 won one of the two, 0.3 to 0.6 both; nothing else moved (bench/RESULTS.md).
DATE_BONUS = 0.3


def _rank(hits: list[ParagraphHit], weights: dict[str, float], kind: str,
          periods: tuple[Period, ...] = (), bonus: dict[int, float] | None = None) -> list[ParagraphHit]:  # fmt: skip
    """Passages by their own score plus their document's: a passage in a document that bears on the question
    as a whole outranks a stray match in an otherwise unrelated one. A document's strength is the mean of its
    best DOC_TOP passage scores (a document with one matching paragraph gets a third of it), scaled to the
    strongest document. Measured on the seed's questions (bench/ask_eval.py): overall R@5 0.58 -> 0.75 with
    vectors; the same for any weight from 0.25 to 2. A passage of the period the question names gains DATE_BONUS."""
    if not hits:
        return []
    top = hits[0].score
    own = [_rerank(h, weights, kind, top) + (DATE_BONUS if any(p.holds(h.date) for p in periods) else 0.0)
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


def _answer_type_bonus(store: Store, hits: list[ParagraphHit], question: str,
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


def _compared_bonus(hits: list[ParagraphHit], subjects: list[Subject]) -> dict[int, float]:
    """Candidate index -> COMPARE_BONUS for each thing compared that the passage names."""
    return {i: COMPARE_BONUS * n for i, h in enumerate(hits) if (n := sum(speaks_of(h.text, s) for s in subjects))}


def _rerank(hit: ParagraphHit, weights: dict[str, float], kind: str, top: float) -> float:
    coverage = question_weight(hit.text, weights) / (sum(weights.values()) or 1.0)
    score = hit.score / (top or 1.0) + (EXPLAIN_COVERAGE if kind == "explain" else 1.0) * coverage
    if kind in ("explain", "evaluate"):
        cues = {m.lower() for m in CAUSAL.findall(hit.text)}
        score += min(CUE_BONUS * len(cues), CUE_CAP)
    if hit.kind == K.HEADNOTE:
        score += 0.1  # editors' context frames the source; it is quoted as the editors' words
    return score


def _select(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], limit: int,
            vector: Any, kind: str, docs: dict[str, Document]) -> list[Evidence]:  # fmt: skip
    return list(islice(_passages(store, ranked, weights, vector, kind, docs), limit))


def _passages(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], vector: Any,
              kind: str, docs: dict[str, Document]) -> Iterator[Evidence]:  # fmt: skip
    """Verified evidence from the ranked hits, best first, leaving out near copies of a passage already given;
    made as it is asked for, so taking more later repeats no work."""
    seen_words: list[set[str]] = []
    for rank, hit in enumerate(ranked):
        words = set(re.findall(r"\w+", hit.text.lower()))
        if any(_jaccard(words, other) > 0.6 for other in seen_words):
            continue
        if (doc := _document(store, hit.doc_id, docs)) is None:
            continue
        para = doc.paragraphs[hit.ordinal]
        if (hit.start, hit.end) != (para.start, para.end):  # one passage of a long paragraph
            quote: Quote | None = passage_quote(doc, para, hit.start, hit.end)
        else:
            quote = _by_meaning(store, hit, doc, vector, docs) if vector is not None else None
        quote = quote or best_quote(doc, para, weights, cues=CAUSAL if kind in ("explain", "evaluate") else None)
        seen_words.append(words)
        yield Evidence(doc.id, doc.source_id, doc.title, doc.date, para.locator, para.kind,
                       quote.text, quote.start, quote.end, _score(rank, len(ranked)), sender=doc.sender)  # fmt: skip


# Long paragraphs among the best LONG_POOL candidates by meaning are quoted passage by passage. All five
# question sets (71 phrases; bench/RESULTS.md), by meaning: R@5 0.68 -> 0.72, R@10 0.75 -> 0.80 (FRUS 1925
# 0.44 -> 0.56, our demo cables 0.89 -> 1.00); 30 holds what 60 and 100 did at half the encoding.
LONG_POOL = 30
# A paragraph's second passage stands back this much: without it the seed's ¶6, split in two, took the place of
# talking point 7.14 (seed R@5 0.83 -> 0.75); 0.2 and more cost the Long Telegram its second passages.
REPEAT = 0.1


def _passages_of_long(store: Store, hits: list[ParagraphHit], vector: Any,
                      docs: dict[str, Document]) -> list[ParagraphHit]:  # fmt: skip
    """Candidates by meaning with each long paragraph among the best LONG_POOL replaced by its passages of
    whole sentences, each scored by its own nearness to the question: a paragraph's stored vector saw only its
    first 256 word pieces, and Kennan's 4,000-character ¶24 makes four points, each a reason of its own."""
    split = _passage_scores(store, hits[:LONG_POOL], vector, docs)
    out: list[ParagraphHit] = []
    for i, hit in enumerate(hits):
        if i not in split:
            out.append(hit)
            continue
        text = docs[hit.doc_id].text
        out += [replace(hit, text=text[s:e], start=s, end=e, score=c) for s, e, c in split[i]]
    return sorted(out, key=lambda h: -h.score)


def _passage_scores(store: Store, hits: list[ParagraphHit], vector: Any,
                    docs: dict[str, Document]) -> dict[int, list[tuple[int, int, float]]]:  # fmt: skip
    """The passages of the long paragraphs among `hits` (by index), each with its nearness to the question:
    from the vectors `embed` stored with them, or encoded now, in one batch, for an archive without them (or a
    paragraph rejoined from OCR segments)."""
    import numpy as np

    long = [i for i, hit in enumerate(hits) if len(hit.text) > MAX_QUOTE]
    stored = store.passage_vectors(list(dict.fromkeys(hits[i].doc_id for i in long))) if long else {}
    scored: dict[int, list[tuple[int, int, float]]] = {}
    encode: dict[int, list[tuple[int, int]]] = {}
    for i in long:
        hit = hits[i]
        if (doc := _document(store, hit.doc_id, docs)) is None:
            continue
        if kept := stored.get((hit.doc_id, hit.ordinal)):
            scored[i] = [(s, e, float(np.frombuffer(v, dtype=np.float32) @ vector)) for s, e, v in kept]
        elif len(spans := windows(doc, doc.paragraphs[hit.ordinal])) > 1:
            encode[i] = spans
    if encode:
        near = iter(_passage_vectors([docs[hits[i].doc_id].text[s:e] for i, spans in encode.items() for s, e in spans]) @ vector)
        scored.update({i: [(s, e, float(next(near))) for s, e in spans] for i, spans in encode.items()})
    return scored


def _document(store: Store, doc_id: str, docs: dict[str, Document]) -> Document | None:
    if doc_id not in docs and (doc := store.get_document(doc_id, spans=False)) is not None:
        docs[doc_id] = doc
    return docs.get(doc_id)


def _by_meaning(store: Store, hit: ParagraphHit, doc: Document, vector: Any, docs: dict[str, Document]) -> Quote | None:
    """For a paragraph too long to quote whole, when candidates were found by meaning: the passage nearest the
    question in meaning. The stored vector saw only the paragraph's first 256 word pieces, and the question's
    words may not be the passage's (Kennan's "Much depends on health and vigor of our own society" answers
    how to deal with Soviet power). Measured on three question sets: R@5 0.44 -> 0.53 with vectors, the
    seed's unchanged. (Long paragraphs among the best candidates are split before ranking instead.)"""
    passages = _passage_scores(store, [hit], vector, docs).get(0)
    if not passages:
        return None
    s, e, _ = max(passages, key=lambda p: p[2])
    return passage_quote(doc, doc.paragraphs[hit.ordinal], s, e)


_PASSAGE_VECTORS: OrderedDict[str, Any] = OrderedDict()
PASSAGE_CACHE = 4096  # about 6 MB of vectors: a question asked again, or its neighbours, encodes nothing


def _passage_vectors(passages: list[str]) -> Any:
    """One vector per passage, the ones not seen lately encoded in one batch."""
    import numpy as np

    missing = list(dict.fromkeys(p for p in passages if p not in _PASSAGE_VECTORS))
    if missing:
        _PASSAGE_VECTORS.update(zip(missing, encoder().encode(missing), strict=True))
        while len(_PASSAGE_VECTORS) > PASSAGE_CACHE:
            _PASSAGE_VECTORS.popitem(last=False)
    for p in passages:
        _PASSAGE_VECTORS.move_to_end(p)
    return np.stack([_PASSAGE_VECTORS[p] for p in passages])


def _score(rank: int, n: int) -> float:
    return 1.0 - rank / max(n, 1)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def cite_short(e: Evidence) -> str:
    where = "headnote" if e.kind == K.HEADNOTE else f"¶{e.locator}"
    # An untitled document (a body-only cable) is named by its sender beside its number: "AMEMBASSY DAMASCUS,
    # 1976DAMASC06820", not the number alone
    name = e.title or ", ".join(p for p in (e.sender, e.source_id) if p)
    parts = [p for p in (name, e.date, where) if p]
    return ", ".join(parts)


def _compose(kind: str, evidence: list[Evidence], question: str = "") -> str:
    if not evidence:
        return "No passage in the archive bears on this question."
    lead = {
        "explain": "The sources give these reasons:",
        "evaluate": "Evidence to weigh:",
        "compare": "Passages to compare:",
        "fact": "The sources say:",
    }[kind]
    lines = [] if kind == "evaluate" else [lead]
    for heading, items in evidence_groups(kind, evidence, question):
        lines += [heading] if heading else []
        lines += [f"{i}. “{_clip(e.quote)} ({cite_short(e)})" for i, e in items]
    if kind == "evaluate":
        lines.append(SIDES_CAVEAT)
    return "\n".join(lines)


SIDE_HEADINGS = (("for", "Evidence for it:"), ("against", "Evidence that cuts the other way or sets conditions:"))
SIDES_CAVEAT = "(Sides are sorted by cue words; weigh each passage yourself.)"


def evidence_groups(kind: str, evidence: list[Evidence], question: str = "") -> list[tuple[str, list[tuple[int, Evidence]]]]:
    """How an answer's evidence is laid out, each item with its number: an evaluate question's under its two
    sides, as a historian weighs them; a compare question's under each thing compared, then both; any other's
    in rank order under no heading."""
    numbered = list(enumerate(evidence, 1))
    if kind == "compare" and (subjects := compared(question)):
        labels = [s.label for s in subjects]
        headings = [(f"On {label}:", (label,)) for label in labels] + [("Naming both:", tuple(labels)), ("Other passages:", ())]
        grouped = [(heading, [(i, e) for i, e in numbered if e.about == about]) for heading, about in headings]
        return [(heading, items) for heading, items in grouped if items]
    if kind != "evaluate":
        return [("", numbered)]
    grouped = [(heading, [(i, e) for i, e in numbered if e.side == side]) for side, heading in SIDE_HEADINGS]
    return [(heading, items) for heading, items in grouped if items]


def _clip(quote: str, n: int = 240) -> str:
    """An exact prefix of the quote, cut at a word; the elision mark goes outside the quotation marks."""
    if len(quote) <= n:
        return quote + "”"
    return quote[: quote.rfind(" ", 0, n)] + "” […]"
