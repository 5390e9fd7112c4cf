"""What an answer is and how it reads: the evidence with its citations, an evaluate question's evidence on
each side, a compare question's under each thing compared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from readingroom.inquire.compare import compared
from readingroom.model import ParagraphKind as K


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



def cite_short(e: Evidence) -> str:
    where = "headnote" if e.kind == K.HEADNOTE else f"¶{e.locator}"
    # An untitled document (a body-only cable) is named by its sender beside its number: "AMEMBASSY DAMASCUS,
    # 1976DAMASC06820", not the number alone
    name = e.title or ", ".join(p for p in (e.sender, e.source_id) if p)
    parts = [p for p in (name, e.date, where) if p]
    return ", ".join(parts)


def compose(kind: str, evidence: list[Evidence], question: str = "") -> str:
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
