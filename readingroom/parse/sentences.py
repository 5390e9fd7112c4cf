"""Sentences and passages of a paragraph: where a quote may begin and end.

A sentence ends at . ! ? before a capital, unless the word before is an initial or a title; a paragraph's
number or bullet ("5. ", "(A) ") is not part of what it says. Quotes (inquire/quotes.py) are cut from these
passages, and by-meaning vectors are stored for them (search/semantic.py), so both see the same stretches.
"""

from __future__ import annotations

import re

MAX_QUOTE = 600  # characters: the longest passage quoted or embedded on its own
# A sentence ends at . ! ? followed by space and a capital, unless the word before is an initial or a title.
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9–—-])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Adm|Amb|Sen|Rep|Gov|Lt|Capt|Maj|Sgt|Jr|Sr|Co|Inc|vs|etc|Dept|Govt|Art|Sec|Vol|pp|p))$")
# "5. ", "(A) ", "- ", and "7.RSO …" as OCR and teletype leave a number against its first word (not "7.5 PERCENT")
_LEAD = re.compile(r"\s*(?:\d{1,2}\s?\.(?:\s+|(?=[A-Z]))|(?:[–—•\-*]|--|\(?[A-Z][.)])\s+)")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        if not _ABBREVIATION.search(text, max(start, m.start() - 6), m.start()):
            cuts.append(m.end())
    cuts.append(end)
    out = []
    for s, e in zip(cuts, cuts[1:], strict=False):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def after_label(text: str, start: int, end: int) -> int:
    """Where a paragraph's words begin after its number or bullet ("5. ", "(A) "): a quote is of what it says."""
    lead = _LEAD.match(text, start, end)
    return lead.end() if lead and lead.end() < end else start


def passages(text: str, ranges: list[tuple[int, int]], max_len: int = MAX_QUOTE) -> list[tuple[int, int]]:
    """The stretches `ranges` of `text` (a paragraph's segments) cut into passages of whole sentences, each at
    most `max_len` characters, in order: the passages a long paragraph is quoted by, and embedded by."""
    out: list[tuple[int, int]] = []
    for seg_start, seg_end in ranges:
        start = end = None
        for s, e in sentences(text, after_label(text, seg_start, seg_end), seg_end):
            if start is not None and e - start > max_len:
                out.append((start, end))  # type: ignore[arg-type]
                start = None
            if start is None:
                start = s
            end = min(e, start + max_len)
        if start is not None:
            out.append((start, end))  # type: ignore[arg-type]
    return out
