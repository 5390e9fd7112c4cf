"""The rules that find and mend spans around the model's: what the lists, titles and nouns name; posts; names
nested in others; the cable's markers, units and words that are no one's name; names cut at punctuation or
run on past OF."""

from __future__ import annotations

import re

from readingroom.enrich.entities.lists import cable_words, common_words, demonym_at, gazetteer_match
from readingroom.enrich.entities.offices import institution_at
from readingroom.enrich.entities.people import PERSON_BREAKS, runs_on, titled_name, written_in_full
from readingroom.enrich.entities.words import Token, ends_sentence


def with_articles(toks: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """THE as the cables' annotators mark it (the entity id leaves it out either way). Read by the model as a
    name of its own (THE, then US, in THE US POSITION) it joins the longest name right after it, or is dropped:
    an article alone names nothing. Before a place or organisation of three letters or fewer (THE UK, THE GOG,
    THE HCR) it is part of the name: train marks 80 % of such names after THE with it, and a two-letter name
    alone does not overlap such a mark by half."""
    alone = {a for a, b, _ in spans if b - a == 1 and toks[a].key == "THE"}
    out = [span for span in spans if span[0] not in alone]
    for a in alone:
        after = [span for span in out if span[0] == a + 1]
        if after:
            longest = max(after, key=lambda span: span[1])
            out[out.index(longest)] = (a, longest[1], longest[2])
    covered = {k for a, b, _ in out for k in range(a, b)}
    return [(a - 1, b, kind) if kind in ("GPE", "ORG") and b - a == 1 and toks[a].end - toks[a].start <= 3 and a
            and toks[a - 1].key == "THE" and a - 1 not in covered else (a, b, kind) for a, b, kind in out]  # fmt: skip


POST_PREFIXES = frozenset("AMEMBASSY AMEMB AMCONSUL AMCONGEN CONGEN USMISSION USLO USNATO USUN USINT USDEL UKMIS".split())
_MARKED = frozenset("TEXT SUMMARY QUOTE UNQUOTE FYI EXCERPT UNCLASSIFIED CONFIDENTIAL SECRET".split())


def nested_names(toks: list[Token], spans: list[tuple[int, int, str]], all_caps: bool) -> list[tuple[int, int, str]]:
    """Names inside other mentions are mentions too (the annotators count them at any depth): US in
    US DELEGATION, BOLIVIAN in THE BOLIVIAN PEOPLE, LONDON in AMEMBASSY LONDON; an organisation the lists know
    inside a person's description (OPEC in OPEC MEMBERS, ICFTU in ICFTU GENERAL SECRETARY OTTO KIRSTEN); a
    known person inside a government or party (CARAMANLIS in THE CARAMANLIS GOVERNMENT)."""
    nested = []
    for a, b, kind in spans:
        if b - a < 2:
            continue
        k = a
        while k < b:
            n, inner = 0, "GPE"
            longest = b - k - (k == a)  # a name inside, not the mention itself (OPEC in OPEC MEMBERS)
            hit = gazetteer_match(toks, k, all_caps, longest=longest)
            if kind != "GPE":
                n = demonym_at(toks, k, b) or (hit[0] - k if hit and hit[1] == "GPE" else 0)
            if not n and hit and (hit[1], kind) in _NESTS:
                n, inner = hit[0] - k, hit[1]
            if n and (k, k + n) != (a, b):
                nested.append((k, k + n, inner))
            k += n or 1
    return nested


# Which listed names nest inside which mentions, besides places: train has 161 organisations inside persons'
# descriptions and 25 persons inside governments and parties (bench/ner_cv.py: 0.684 -> 0.686).
_NESTS = frozenset({("ORG", "PER"), ("PER", "ORG"), ("PER", "GPE")})


def cable_marker(toks: list[Token], span: tuple[int, int, str]) -> bool:
    """BEGIN TEXT, END SUMMARY, TO BEGIN: the cable's own markers and the verb, not Menachem Begin."""
    a, b, kind = span
    if kind != "PER" or b - a != 1 or toks[a].key not in ("BEGIN", "END"):
        return False
    after = toks[b].key if b < len(toks) else ""
    before = toks[a - 1].key if a else ""
    return after in _MARKED or before in ("TO", "WILL", "WOULD", "SHOULD", "MAY", "COULD", "CAN", "DID")


_INSTRUMENT = re.compile(r"\b(?:AGREEMENT|TREATY|CONVENTION|PLAN|PROGRAM|PROGRAMME|ACT|ACCORD|TALKS)\s*\(([A-Z][A-Z\-]{1,8})\)",
                         re.I)  # fmt: skip


def instruments_named(text: str) -> frozenset[str]:
    """INTERNATIONAL SUGAR AGREEMENT (ISA): the short name a document gives an agreement, a plan or an act is no
    one's name (the model had read ISA as a person ten times in one cable; train annotates such short names 2
    times in 16)."""
    return frozenset(m.group(1).upper() for m in _INSTRUMENT.finditer(text)) if "(" in text else frozenset()


def cable_word(toks: list[Token], span: tuple[int, int, str]) -> bool:
    """MEMCON, REFTEL, MOU, DOLS 5.5 MILLION, 1.6 MILLION HA: the cable's own vocabulary and units, which the model
    can read as a name; train annotates the glossary's cable words 12 times in 325, CODEL (a delegation) each time."""
    a, b, _ = span
    if b - a != 1:
        return False
    key = toks[a].key
    if key == "HA":  # hectares after a number, else the Bureau of Human Rights and Humanitarian Affairs
        return a > 0 and (toks[a - 1].key[:1].isdigit() or toks[a - 1].key in ("MILLION", "THOUSAND", "PER"))
    return key in cable_words()


def help_not_the_agency(toks: list[Token], span: tuple[int, int, str], text: str) -> bool:
    """THE AID CUT-OFF, CAME TO THE AID OF, CHINESE AID TO ALBANIA: help, not the Agency for International
    Development, which capitals write AID/W or name beside State (train: the agency 4 times of 17)."""
    a, b, _ = span
    if toks[b - 1].key != "AID" or b - a > 2 or (b - a == 2 and toks[a].key != "THE"):
        return False
    if text[toks[b - 1].end : toks[b - 1].end + 1] == "/":
        return False
    near = {t.key for t in toks[max(0, a - 3) : b + 3]}
    return not near & _AGENCIES_BESIDE_AID


_AGENCIES_BESIDE_AID = frozenset("STATE DEPARTMENT DEPT USIA USDA TREASURY DOD AGENCY USAID".split())


def run_on_past_of(toks: list[Token], spans: list[tuple[int, int, str]], text: str,
                    all_caps: bool) -> list[tuple[int, int, str]]:  # fmt: skip
    """A name that ends in OF goes on to the words that end it, on the same line and in the same sentence:
    UNIVERSITY OF | TENNESSEE, PRESIDENT OF | CACIF, MINISTRY OF | FINANCE had ended at OF. A name found there
    already ends it (THE PRESIDENT OF VENEZUELA, not on into CARLOS ANDRES PEREZ); after the first word, a common
    English word does (MINISTRY OF FINANCE, not … OFFICIALS)."""
    ends = {a: b for a, b, _ in spans}
    out = []
    for a, b, kind in spans:
        if b - a > 1 and toks[b - 1].key == "OF":
            c = b + (b < len(toks) and toks[b].key == "THE" and runs_on(text, toks[b - 1], toks[b]))
            first = c
            while c < len(toks) and c - b < 3 and toks[c].key.isalpha() and toks[c].key not in _NOT_IN_A_NAME and (
                all_caps or toks[c].raw[:1].isupper()) and (c == first or toks[c].key not in common_words()) and (
                runs_on(text, toks[c - 1], toks[c])
            ):
                if c in ends:
                    c = ends[c]
                    break
                c += 1
                if ends_sentence(toks[c - 1]):
                    break
            b = c if c > b and toks[c - 1].key != "THE" else b
        out.append((a, b, kind))
    return out


_NOT_IN_A_NAME = PERSON_BREAKS | frozenset("OR BUT WHICH ARE WERE HAVE".split())  # what ends a person's name ends this


def without_routing_word(toks: list[Token], span: tuple[int, int, str], text: str) -> tuple[int, int, str]:
    """INFO (or FM) opening a routing line is the header's word, not the addressee's name: "INFO UN SECURITY
    COUNCIL COLLECTIVE PRIORITY" had given ORG:INFO UN SECURITY COUNCIL."""
    a, b, kind = span
    if b - a > 1 and toks[a].key in ("INFO", "FM") and text.rfind("\n", 0, toks[a].start) + 1 == toks[a].start:
        return a + 1, b, kind
    return span


def as_post(toks: list[Token], span: tuple[int, int, str], all_caps: bool) -> list[tuple[int, int, str]]:
    """A post is a post whatever the model thought (AMEMBASSY PARIS is not a place), and takes in the place
    that follows its prefix; the place is also a mention of its own, nested inside. (Retyping spans that are
    only a title, THE FOREIGN MINISTER, as persons was tried too: it lowered F1 on train.)"""
    a, b, kind = span
    if toks[a].key not in POST_PREFIXES:
        return [span]
    place = gazetteer_match(toks, a + 1, all_caps)
    if place and place[1] == "GPE":  # and ends at it: a routing header's next line is the next addressee
        return [(a, place[0], "POST"), (a + 1, place[0], "GPE")]
    return [(a, b, "POST")] if b - a > 1 else [span]


_BREAKING_PUNCTUATION = re.compile(r"[,;()\[\]]|\n\s*\n")


def split_at_punctuation(text: str, toks: list[Token], span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """A name does not run across a comma, a semicolon, a bracket or a blank line: "STATE SECRETARY LAHNSTEIN,
    ASSISTANT SECRETARY WEBER" is two people, "TAIWAN, PENGHU, KINMEN" three places."""
    a, b, kind = span
    pieces, start = [], a
    for k in range(a + 1, b):
        if _BREAKING_PUNCTUATION.search(text, toks[k - 1].end, toks[k].start):
            pieces.append((start, k, kind))
            start = k
    return pieces + [(start, b, kind)]


_HOST_GOVERNMENT = re.compile(r"GO[A-Z]")


def rule_spans(toks: list[Token], all_caps: bool, text: str) -> list[tuple[int, int, str]]:
    found = []
    i = 0
    while i < len(toks):
        hit = titled_name(toks, i, all_caps, text) or gazetteer_match(toks, i, all_caps)
        if not all_caps and (not hit or hit[1] == "PER") and (named := written_in_full(toks, i, text)) and (
            not hit or named[0] > hit[0]
        ):  # a place or body the lists know stays one: Santa Ana (Plaza)
            hit = named
        longer = gazetteer_match(toks, i + 1, all_caps) if hit and toks[i].key == "THE" else None
        if hit and longer and longer[0] > hit[0] and longer[1] == "GPE":
            hit = None  # THE DUTCH gives way to the place after THE: DUTCH EAST INDIES
        if hit:
            found.append((i, hit[0], hit[1]))
            i = hit[0]
        elif (n := demonym_at(toks, i, len(toks))) and (all_caps or toks[i].raw[:1].isupper()):
            found.append((i, i + n, "GPE"))  # standing alone, train annotates a nationality as a place 253 of 259 times
            i += n
        elif _HOST_GOVERNMENT.fullmatch(toks[i].key) and toks[i].key not in common_words():
            found.append((i, i + 1, "GPE"))  # GOP, GOT: the government of a country, a place in train 87 of 94 times
            i += 1
        elif (a := institution_at(toks, i, text)) is not None:
            found.append((a, i + 1, "ORG"))
            i += 1
        else:
            i += 1
    return found
