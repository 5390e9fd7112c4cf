"""A title standing alone is the person the document names with that title.

"The Secretary" is Kellogg in a FRUS document of 1925 and Christopher in a cable of 1994: linked across the
archive as one entity, PER:SECRETARY gathered everyone who held any office called secretary. Within one document
a title usually means one person, and the document often says whom: "the Minister in Liberia (Hood)" in a FRUS
heading, "SECRETARY CHRISTOPHER" in a cable. A title alone ("THE SECRETARY", "the Minister") is linked to that
person when the document names exactly one holder of the title, and left as the office when it names none or
several. An office with a portfolio ("the Secretary of War", "the Minister of Finance") links only to a holder
named with the same words, and a title after a nationality ("the French Ambassador") is someone else's.

A stored document says more (`offices_held`): the office its FRUS heading sends from is its signer's, and the
Department of State's "Secretary" is the Secretary of State in office on its date (data/secretaries_of_state.tsv).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from readingroom.enrich.entities.lists import demonyms
from readingroom.enrich.entities.offices import OFFICE_LINKS, OFFICE_WORDS, ROLE_WORDS
from readingroom.enrich.entities.people import name_like
from readingroom.enrich.entities.words import Token, capitalised, title_length, tokens
from readingroom.model import Document
from readingroom.model import Span as StoredSpan

_PORTFOLIO = frozenset("OF FOR".split())  # … of which OF and FOR name another office: Secretary of War ≠ Secretary
_NOT_PORTFOLIO = frozenset("THE A AN AND OR TO IN AT ON BY WITH WHO THAT".split())
_BACK = 8  # how far before "(Kellogg)" its title may stand: "the Chargé d'Affaires in Nicaragua (Thurston)"

Span = tuple[int, int, str]


def office(keys: tuple[str, ...]) -> bool:
    """Whether a person mention's words (without THE) name an office rather than a person: SECRETARY, MINISTER
    OF FINANCE — a title, then nothing or words carried on by OF, TO, IN …; not SECRETARY KELLOGG."""
    n = title_length(keys)
    return n > 0 and (n == len(keys) or keys[n] in OFFICE_LINKS)


def linked_roles(text: str, toks: list[Token], spans: list[Span], ids: dict[Span, str]) -> dict[Span, str]:
    """Person spans that name an office -> the id of the one person the document names as holding it.

    `ids` holds every span's entity id as first given (an office's is its title: PER:SECRETARY)."""
    named, holders = _holders(text, toks, spans, ids)
    linked = dict(named)
    for span in spans:
        a, b, kind = span
        if kind != "PER" or span in linked or not office(_keys(toks, a, b)):
            continue
        if a and (toks[a - 1].key,) in demonyms():  # the French Ambassador: someone else's
            continue
        if b < len(toks) and name_like(toks[b], False) and text[toks[b - 1].end : toks[b].start] == " ":
            continue  # AMBASSADOR SALZMAN, the name not read as one: not whoever else is ambassador here
        found = holders.get(_office_words(text, toks, a, b), set())
        if len(found) == 1:
            linked[span] = next(iter(found))
    return linked


def _holders(text: str, toks: list[Token], spans: list[Span], ids: dict[Span, str]) -> tuple[dict[Span, str], dict[tuple[str, ...], set[str]]]:
    """Office spans linked by a name in parentheses after them, and each office -> the people it is given to."""
    holders: dict[tuple[str, ...], set[str]] = {}
    named: dict[Span, str] = {}
    people = [span for span in spans if span[2] == "PER"]
    for span in people:
        a, b, _ = span
        keys = _keys(toks, a, b)
        n = title_length(keys)
        if n and not office(keys) and not all(w in OFFICE_WORDS for w in keys[n:]):  # SECRETARY KELLOGG
            holders.setdefault(keys[:n], set()).add(ids[span])
        elif _in_parentheses(text, toks, a, b) and (k := _title_before(toks, text, a)) is not None:
            # "the Minister in Liberia (Hood)", "the Secretary of War (Weeks)": the office is Hood's, Weeks's
            holders.setdefault(_office_words(text, toks, k, k + 1), set()).add(ids[span])
            for other in people:
                if other[0] <= k < other[1] and office(_keys(toks, other[0], other[1])):
                    named[other] = ids[span]
    return named, holders


def _office_words(text: str, toks: list[Token], a: int, b: int) -> tuple[str, ...]:
    """The title a mention opens with and its portfolio, read on past the mention's end where mixed case cut it
    short ("the Secretary" of "the Secretary of War"): SECRETARY; SECRETARY OF WAR; MINISTER OF FINANCE."""
    keys = tuple(t.key for t in toks[a : a + 12])
    keys = keys[1:] if keys[:1] == ("THE",) else keys
    offset = a + (toks[a].key == "THE")
    n = title_length(keys)
    if n == 0:
        n = 1  # CHARGÉ, COMMISSIONER: a role word no title spells
    words = list(keys[:n])
    k = offset + n
    if k < len(toks) and toks[k].key in _PORTFOLIO and text[toks[k - 1].end : toks[k].start] == " ":
        portfolio = []
        for tok, before in zip(toks[k + 1 : k + 4], toks[k : k + 3], strict=False):
            if tok.key in _NOT_PORTFOLIO or text[before.end : tok.start] != " " or not (
                capitalised(tok.raw) or tok.raw.isupper()
            ):
                break
            portfolio.append(tok.key)
        if portfolio:
            words += [toks[k].key, *portfolio]
    return tuple(words)


def _keys(toks: list[Token], a: int, b: int) -> tuple[str, ...]:
    keys = tuple(t.key for t in toks[a:b])
    return keys[1:] if len(keys) > 1 and keys[0] == "THE" else keys


def _in_parentheses(text: str, toks: list[Token], a: int, b: int) -> bool:
    start, end = toks[a].start, toks[b - 1].end
    return start > 0 and text[start - 1] == "(" and text[end : end + 1] == ")"


def _title_before(toks: list[Token], text: str, a: int) -> int | None:
    """The first token of the nearest title before token `a` on its line."""
    line_start = text.rfind("\n", 0, toks[a].start) + 1
    for k in range(a - 1, max(-1, a - 1 - _BACK), -1):
        if toks[k].start < line_start:
            return None
        if toks[k].key in ROLE_WORDS:
            for s in range(max(0, k - 2), k + 1):  # PRIME MINISTER: the title may start before its last word
                n = title_length(tuple(t.key for t in toks[s : s + 3]))
                if n and s + n > k:
                    return s
            return k
    return None


# In a stored document, where its heading, signature and date are known


def offices_held(doc: Document, spans: list[StoredSpan], signatures: list[tuple[int, int]]) -> list[StoredSpan]:
    """The offices a document's text left unlinked, filed under their holder where the document says who:
    the office it is sent from is its signer's; in a document to or from the Department of State "the
    Secretary" is the Secretary of State in office on its date, and "the Department" the Department of State."""
    if not any(_DEPARTMENT.match((who or "").strip()) for who in (doc.sender, doc.recipient)):
        return _signer_holds_office(doc, spans, signatures)
    return _the_department(_secretary_of_the_day(doc, _signer_holds_office(doc, spans, signatures)))


def _signer_holds_office(doc: Document, spans: list[StoredSpan], signatures: list[tuple[int, int]]) -> list[StoredSpan]:
    """FRUS heads a document "The Secretary of State to the Ambassador in Cuba (Crowder)" and signs it "Kellogg":
    the sender's office, and its title alone ("the Secretary"), are the signer in this document, when the
    signature names one person and the text gave the office to no one."""
    sender = tuple(t.key for t in tokens(doc.sender or ""))
    sender = sender[1:] if sender[:1] == ("THE",) else sender
    signers = {s.value for s in spans if s.label == "PER" and any(a <= s.start < b for a, b in signatures)}
    if not sender or not office(sender) or len(signers) != 1:
        return spans
    offices = {f"PER:{' '.join(sender)}", f"PER:{' '.join(sender[: title_length(sender)])}"}
    signer = signers.pop()
    return [replace(s, value=signer) if s.label == "PER" and s.value in offices else s for s in spans]


# A document sent to or from the Department of State or one of its posts: its "Secretary" is the Secretary of State,
# its "Department" the Department of State
_DEPARTMENT = re.compile(r"^(?:the )?(?:acting )?secretary of state$|^(?:the )?(?:U\.?S\.? )?department of state$|"
                         r"^(?:SECSTATE|AMEMBASSY|AMEMB|AMCONSUL|AMCONGEN|USMISSION|USUN|USNATO|USINT|USLO|USDEL)\b",
                         re.I)  # fmt: skip
_SECRETARY = ("PER:SECRETARY", "PER:SECRETARY OF STATE")


def _secretary_of_the_day(doc: Document, spans: list[StoredSpan]) -> list[StoredSpan]:
    """ "The Ambassador in France (Herrick) to the Secretary of State", June 1925: the Secretary is Kellogg; in
    1924, Hughes. Only when one Secretary held office for the whole of the document's date (a cable dated by
    its year alone, 1977, had two). For a document that is the Department's (its sender or recipient)."""
    if not doc.date:
        return spans
    first, last = _period(doc.date)
    holder = next((who for who, start, end in secretaries_of_state() if start <= first and last <= end), None)
    if holder is None:
        return spans
    return [replace(s, value=holder) if s.label == "PER" and s.value in _SECRETARY else s for s in spans]


# The names the Department's own documents give it: the demo's "the Department" (417 documents), DEPT, "the State
# Department" had been three organisations beside the DEPARTMENT OF STATE of 62
_THE_DEPARTMENT = frozenset({"ORG:DEPARTMENT", "ORG:DEPT", "ORG:STATE DEPARTMENT", "ORG:US DEPARTMENT OF STATE"})


def _the_department(spans: list[StoredSpan]) -> list[StoredSpan]:
    return [replace(s, value="ORG:DEPARTMENT OF STATE") if s.value in _THE_DEPARTMENT else s for s in spans]


def _period(date: str) -> tuple[str, str]:
    """The first and last day an ISO date (1925, 1925-06, 1925-06-27, or a range a/b) may stand for."""
    first, _, last = date.partition("/")
    last = last or first
    last += {4: "-12-31", 7: "-31"}.get(len(last), "")  # string order: 1925-02-31 still sorts before March
    return (first + "-01-01")[:10], last


@lru_cache(maxsize=1)
def secretaries_of_state() -> list[tuple[str, str, str]]:
    """(entity id, took office, left office) from data/secretaries_of_state.tsv."""
    data = resources.files("readingroom.enrich") / "data" / "secretaries_of_state.tsv"
    rows = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return [(entity, start, end) for entity, _, start, end in rows]
