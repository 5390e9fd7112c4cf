"""Words a typewriter or OCR broke at a line end: "GOVERN- MENT", "RESPON-\nSIBILITY".

History Lab's cables hold about two such breaks each (434 in 198 cables), and the stemmer indexes the halves
("respon", "sibil"), so a search for "responsibility" missed the cable. The index holds each broken word whole in
a field of its own (search/index.py), the text stays as the source has it, and a phrase across a break is still
not found. A compound the writer hyphenated ("BURDEN- SHARING": both halves words, the join none) stays apart.
"""

from __future__ import annotations

import re

from readingroom.enrich.entities import common_words

_BROKEN = re.compile(r"\b([^\W\d_]{2,})-[ \t]*\n?[ \t]*(?<=\s)([^\W\d_]{2,})\b")


def rejoined(text: str) -> list[str]:
    """The words broken by a hyphen and a space or line end in `text`, joined: ["GOVERNMENT", "RESPONSIBILITY"]."""
    if "- " not in text and "-\n" not in text:  # most paragraphs: no regex over them at index time
        return []
    words = common_words()
    out = []
    for m in _BROKEN.finditer(text):
        head, tail = m.group(1), m.group(2)
        whole = head + tail
        if whole.upper() in words or not (head.upper() in words and tail.upper() in words):
            out.append(whole)
    return out
