"""Quotations that are provably in the source.

A quote is chosen as a window of whole sentences inside one contiguous segment of a paragraph, and is
checked against the document's stored text before anyone sees it. There is no code path that returns a quote
without that check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readingroom.errors import QuoteNotInSource
from readingroom.model import Document, Paragraph
from readingroom.parse.sentences import MAX_QUOTE, after_label, passages, sentences

# Each distinct reason word in a window (up to four) counts half a question word of middling rarity. Kennan's
# 4,000-character ¶24 was quoted at its opening, which shares "Soviet power" with "how should the US deal
# with Soviet power?", instead of "(1) Soviet power ... is highly sensitive to logic of force. For this reason
# ...": lexical R@5 over 34 phrases 0.44 -> 0.50 (the same for any weight from 0.5 to 2; semantic unchanged).
CUE_WEIGHT = 0.5


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str


def best_quote(doc: Document, para: Paragraph, weights: dict[str, float], max_len: int = MAX_QUOTE,
               cues: re.Pattern[str] | None = None) -> Quote:  # fmt: skip
    """The window of sentences in `para` that carries the most query weight, at most `max_len` characters; with
    `cues` (the words that give reasons, for why-questions), a window that gives reasons wins a tie."""
    best: tuple[float, int, int] | None = None
    for seg_start, seg_end in para.ranges():
        seg_start = after_label(doc.text, seg_start, seg_end)
        if seg_end - seg_start <= max_len:  # a passage that fits is quoted whole: context is evidence too
            score = question_weight(doc.text[seg_start:seg_end], weights)
            if best is None or score > best[0]:
                best = (score, seg_start, seg_end)
            continue
        sents = sentences(doc.text, seg_start, seg_end)
        for i in range(len(sents)):
            for j in range(i, len(sents)):
                s, e = sents[i][0], sents[j][1]
                if e - s > max_len and j > i:
                    break
                score = question_weight(doc.text[s:e], weights) - 0.001 * (j - i)
                if cues is not None:
                    score += CUE_WEIGHT * min(len({m.lower() for m in cues.findall(doc.text, s, e)}), 4)
                if best is None or score > best[0]:
                    s, e = _with_context(sents, i, j, max_len)
                    best = (score, s, min(e, s + max_len))
    if best is None:
        raise QuoteNotInSource(f"{doc.id} ¶{para.locator}: paragraph has no text to quote")
    _, s, e = best
    if e - s < max_len:
        return verify(doc, para, Quote(s, e, doc.text[s:e]))
    return passage_quote(doc, para, s, e)


def _with_context(sents: list[tuple[int, int]], i: int, j: int, max_len: int) -> tuple[int, int]:
    """The sentences i..j and as many of the ones after, then before, as fit: a reader weighs a sentence by
    what surrounds it (the minister's communiqué, then the press report that he admitted beatings)."""
    while j + 1 < len(sents) and sents[j + 1][1] - sents[i][0] <= max_len:
        j += 1
    while i > 0 and sents[j][1] - sents[i - 1][0] <= max_len:
        i -= 1
    return sents[i][0], sents[j][1]


def question_weight(text: str, weights: dict[str, float]) -> float:
    """How much of the question's weight (stem -> idf) a text carries: the sum over stems some word starts with."""
    words = set(_WORD.findall(text.lower()))
    # "some word starts with the stem", asked once per word and stem length rather than per word and stem
    # (this runs for every candidate passage of every question)
    prefixes = {word[:n] for n in {len(stem) for stem in weights} for word in words}
    return sum(w for stem, w in weights.items() if stem in prefixes)


_WORD = re.compile(r"\w+")


def windows(doc: Document, para: Paragraph, max_len: int = MAX_QUOTE) -> list[tuple[int, int]]:
    """A long paragraph cut into passages of whole sentences, each at most `max_len` characters, in order."""
    return passages(doc.text, para.ranges(), max_len)


def passage_quote(doc: Document, para: Paragraph, start: int, end: int) -> Quote:
    if end - start >= MAX_QUOTE:  # one long sentence cut to size: end on a word boundary
        cut = doc.text.rfind(" ", start, end)
        end = cut if cut > start else end
    return verify(doc, para, Quote(start, end, doc.text[start:end]))


def verify(doc: Document, para: Paragraph, quote: Quote) -> Quote:
    """The invariant: the quote is the document's own text at its offsets, inside the cited paragraph."""
    if doc.text[quote.start : quote.end] != quote.text or not quote.text.strip():
        raise QuoteNotInSource(f"{doc.id} ¶{para.locator}: quote does not match the stored text")
    if not any(s <= quote.start and quote.end <= e for s, e in para.ranges()):
        raise QuoteNotInSource(f"{doc.id} ¶{para.locator}: quote falls outside the cited paragraph")
    return quote
