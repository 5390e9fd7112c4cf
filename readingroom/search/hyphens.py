"""Words a typewriter or OCR broke at a line end: "GOVERN- MENT", "RESPON-\nSIBILITY".

History Lab's cables hold about two such breaks each (434 in 198 cables), and the stemmer indexes the halves
("respon", "sibil"), so a search for "responsibility" missed the cable. The index holds a paragraph with breaks
once more with them joined, where words, prefixes and phrases are looked for when the text lacks them
("primary responsibility"; search/index.py); the text stays as the source has it. A compound the writer
hyphenated ("BURDEN- SHARING": both halves words, the join none) stays apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readingroom.enrich.entities.lists import common_words

_BROKEN = re.compile(r"\b([^\W\d_]{2,})-[ \t]*\n?[ \t]*(?<=\s)([^\W\d_]{2,})\b")


def broken_words(text: str) -> Iterator[re.Match[str]]:
    """Each word a line end broke in `text`: group 1 its head, group 2 its tail."""
    if "- " not in text and "-\n" not in text:  # most paragraphs: no regex over them at index time
        return
    words = common_words()
    for m in _BROKEN.finditer(text):
        head, tail = m.group(1), m.group(2)
        if (head + tail).upper() in words or not (head.upper() in words and tail.upper() in words):
            yield m


def dehyphenated(text: str) -> str | None:
    """`text` with its broken words joined ("PRIMARY RESPONSIBILITY"), or None when it has none."""
    out, last = [], 0
    for m in broken_words(text):
        out += [text[last : m.start()], m.group(1), m.group(2)]
        last = m.end()
    return "".join(out) + text[last:] if out else None
