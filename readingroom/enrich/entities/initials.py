"""A body's initials, defined in brackets where it is first named (NATIONAL SALVATION PARTY (NSP)), are that
body wherever the document writes them."""

from __future__ import annotations

from readingroom.enrich.entities.lists import LINKING_WORDS
from readingroom.enrich.entities.offices import BODY_WORDS
from readingroom.enrich.entities.words import Token


def initials_defined(toks: list[Token], spans: list[tuple[int, int, str]],
                      text: str) -> tuple[list[tuple[int, int, str]], dict[tuple[int, int, str], tuple[int, int, str]]]:  # fmt: skip
    """A body's initials, given in brackets where it is first named (NATIONAL SALVATION PARTY (NSP)), are that body
    wherever the document writes them: each is tagged as the name is, in place of another reading of the word
    (NSP as a person), and filed under the name. The name is the words before the bracket its initials spell, a
    body if its head word says so (PARTY, BOARD; _names_a_body) or if it was read as one. Returns the spans and, for
    each span of initials, the name's."""
    kinds = {(a, b): kind for a, b, kind in spans}
    defined: dict[str, tuple[int, int, str]] = {}
    for k, short in enumerate(toks):
        if not (k > 0 and short.raw.isupper() and short.key.isalpha() and short.key not in defined
                and text[toks[k - 1].end : short.start].strip() == "(" and text[short.end : short.end + 1] == ")"):  # fmt: skip
            continue
        a = _spelled_by(toks, k, short.key)
        if a and toks[a - 1].key == "THE" and any(sa == a - 1 and sb <= k for sa, sb, _ in spans):
            a -= 1  # the name was read with its article: THE NATIONAL PARTY OF NIGERIA (NPN)
        if a is None or any(sa < k and a < sb and not (a <= sa and sb <= k) for sa, sb, _ in spans):
            continue  # no name there, or one reading of the words runs across the name's edge
        kind = "ORG" if _names_a_body(toks[a:k]) else kinds.get((a, k))
        if kind in ("ORG", "GPE") and (kinds.get((a, k)) or not any(a <= sa < k and not (sk == "GPE" and sb == k)
                                                                    for sa, sb, sk in spans)):  # fmt: skip
            defined[short.key] = (a, k, kind)
    if not defined:
        return spans, {}
    named = {(a, b): kind for a, b, kind in defined.values()}
    spans = [(a, b, named.pop((a, b), kind)) for a, b, kind in spans] + [(a, b, kind) for (a, b), kind in named.items()]
    read = {(a, b) for a, b, _ in spans}

    def where(k: int) -> tuple[int, int]:  # the initials, or the reading that took in their article: THE NSP
        return (k - 1, k + 1) if k and toks[k - 1].key == "THE" and (k - 1, k + 1) in read else (k, k + 1)

    initials = {(*where(k), defined[t.key][2]): defined[t.key] for k, t in enumerate(toks)
                if t.key in defined and t.raw.isupper() and not defined[t.key][0] <= k < defined[t.key][1]}  # fmt: skip
    taken = {(a, b) for a, b, _ in initials}
    kept = [(a, b, kind) for a, b, kind in spans if (a, b) not in taken]  # another reading of the initials goes
    inside = [(a, b, k) for a, b, k in kept if b - a > 1]
    initials = {s: n for s, n in initials.items() if not any(a <= s[0] < b for a, b, _ in inside)}
    return sorted(set(kept) | set(initials)), initials


def _names_a_body(words: list[Token]) -> bool:
    """PARTY, BOARD, UNION … last, or before the place it is of: NATIONAL PARTY OF NIGERIA, BANK OF JAPAN."""
    keys = [t.key for t in words]
    if "OF" in keys[1:]:
        keys = keys[: keys.index("OF", 1)]
    return keys[-1] in BODY_WORDS


def _spelled_by(toks: list[Token], k: int, short: str) -> int | None:
    """Where the words before token `k` that `short` is the initials of begin (THE not included), or None."""
    for a in range(k - 2, max(-1, k - 2 * len(short) - 2), -1):
        words = [t.key for t in toks[a:k]]
        if words[0] not in LINKING_WORDS and all(t.raw[:1].isupper() or t.key in LINKING_WORDS for t in toks[a:k]) \
                and are_initials(short, words):  # fmt: skip
            return a
    return None


def are_initials(short: str, words: list[str]) -> bool:
    """Whether `short` is the initials of `words`, in order, the linking words free to give a letter or none."""
    if words and words[0] == "THE":
        words = words[1:]

    def match(i: int, j: int) -> bool:
        if i == len(short):
            return all(w in LINKING_WORDS for w in words[j:])
        if j == len(words):
            return False
        w = words[j]
        return (w[:1] == short[i] and match(i + 1, j + 1)) or (w in LINKING_WORDS and match(i, j + 1))

    return len(short) >= 2 and len(words) >= 2 and match(0, 0)
