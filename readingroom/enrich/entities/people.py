"""People's names: after a title (PRESIDENT BANZER), written in full in mixed case (Frank B. Kellogg, E. H.
Crowder), in a FRUS heading's parentheses, where a name ends, and who the document names (for coreference)."""

from __future__ import annotations

import re

from readingroom.enrich.entities import lists
from readingroom.enrich.entities.lists import (
    census_names,
    cities,
    common_words,
    demonyms,
    gazetteer_keys,
    gazetteer_match,
    listed,
    same_as,
)
from readingroom.enrich.entities.offices import OFFICE_WORDS, ROLE_WORDS
from readingroom.enrich.entities.words import Token, after_owner, capitalised, ends_sentence, known_titles, letter, owns


def named_in_parentheses(text: str, toks: list[Token]) -> list[tuple[int, int, str]]:
    """FRUS names the writer and the addressee of a document by role, with the person's surname in parentheses:
    "The Chargé in Nicaragua (Thurston) to the Secretary of State (Kellogg)". Such a name is a person, whatever
    else the lists know the word as (train knows KELLOGG as a company)."""
    found = []
    for i, tok in enumerate(toks):
        if tok.start == 0 or text[tok.start - 1] != "(" or not capitalised(tok.raw):
            continue
        j = i
        while j < len(toks) and j - i < 3 and capitalised(toks[j].raw) and text[toks[j].end : toks[j].end + 1] != ")":
            j += 1
        line_start = text.rfind("\n", 0, tok.start) + 1
        if (j < len(toks) and capitalised(toks[j].raw) and text[toks[j].end : toks[j].end + 1] == ")"
                and any(t.key in ROLE_WORDS for t in toks[max(0, i - 8) : i] if t.start >= line_start)):  # fmt: skip
            found.append((i, j + 1, "PER"))
    return found


PERSON_BREAKS = frozenset("IN AT ON TO FROM WITH AND WHO SAID TOLD FOR BY AS THAT WAS IS WILL WOULD HAD HAS MET ASKED "
                           "NOTED STATED SAYS REPLIED ADDED AGREED EXPRESSED INDICATED EXPLAINED STRESSED CALLED".split())


def trim_person(toks: list[Token], span: tuple[int, int, str]) -> tuple[int, int, str]:
    """FONMIN ALFONSO LOPEZ IN LA PAZ -> FONMIN ALFONSO LOPEZ: a person's name ends before a preposition, at
    its possessive when common words follow it, and does not end on a particle (ABU ODEH, VAN DER STOEL)."""
    a, b, kind = span
    if kind != "PER":
        return span
    for k in range(a + 1, b):
        if toks[k].key in PERSON_BREAKS:
            return (a, k, kind)
    words = common_words()
    for k in range(a, b - 1):  # AMIN'S SOLDIERS, NIMEIRI'S PERSONNEL: the name ends with its possessive
        if owns(toks[k]) and all(t.key in words and t.key not in ROLE_WORDS for t in toks[k + 1 : b]):
            return (a, k + 1, kind)
    while b < len(toks) and toks[b - 1].key in NAME_PARTICLES and toks[b].key not in PERSON_BREAKS:
        b += 1
    return (a, b, kind)


def join_titles(toks: list[Token], spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """AMBASSADOR + YOUNG, CONGRESSMAN + HAMILTON: a person span that is only a title, followed at once by a
    person or a city's name, is one person (the annotators include the title in the name)."""
    titles = known_titles()
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out:
            a, b, kind = out[-1]
            c, d, next_kind = span
            only_title = kind == "PER" and tuple(t.key for t in toks[a:b]) in titles
            follows = c == b and not text[toks[b - 1].end : toks[c].start].strip()
            name = next_kind == "PER" or (next_kind == "GPE" and d - c == 1 and toks[c].key in cities())
            if only_title and follows and name:
                out[-1] = (a, d, "PER")
                continue
        out.append(span)
    return out


NAME_PARTICLES = frozenset("ABU BIN IBN BEN AL EL VAN VON DE DA DOS DEL DI LA LE".split())


def known_people(toks: list[Token], spans: list[tuple[int, int, str]]) -> dict[str, tuple[str, ...]]:
    """Surname (and full name) -> the fullest form of each person's name in the document."""
    titles = known_titles()
    people: dict[str, tuple[str, ...]] = {}
    for a, b, kind in spans:
        if kind != "PER":
            continue
        if any(t.key in common_words() for t in toks[a:b] if t.key not in {x[0] for x in titles}):
            continue
        name = tuple(t.key for t in after_owner(toks[a:b]) if t.key not in {x[0] for x in titles})
        if not name:
            continue
        for part in (name[-1], " ".join(name)):
            if len(people.get(part, ())) < len(name):
                people[part] = name
    return people


def titled_name(toks: list[Token], i: int, all_caps: bool, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    titles = known_titles()
    for n in (3, 2, 1):
        if tuple(t.key for t in toks[i : i + n]) in titles:
            j = i + n
            name: list[str] = []
            while j < len(toks) and len(name) < 3 and (name_like(toks[j], all_caps) or _initial(toks, j, all_caps)) and runs_on(text, toks[j - 1], toks[j]) and (
                toks[j].key not in gazetteer_keys() or _surname_after_title(toks[j - 1], toks[j], text, all_caps)
            ):
                name.append(toks[j].key)
                j += 1
            listed = gazetteer_match(toks, i + n, all_caps) if name else None
            if listed and listed[1] == "PER" and listed[0] > j:  # a hyphen ends the run: Boutros-Ghali
                return listed
            if name:
                return j, "PER", tuple(name)
            return None
    return None


def written_in_full(toks: list[Token], i: int, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    """In mixed case, a person written in full with no title before: a first name the census knows, or another
    capitalised word before an initial, then up to three more capitalised words on the same line ("Dana Munro",
    "Charles E. Hughes", "Frank B. Kellogg", "Joseph Austen Chamberlain"); after initials, one surname ends it. A
    word the lists know as English or as a place or organisation is part of the name only after an initial or
    before another name: Joseph C. Grew, John Foster Dulles — not "the Grace Line"."""
    _, given = census_names()
    first = toks[i]
    if letter(first):
        return _initials_and_surname(toks, i, text)
    if (not capitalised(first.raw) or not first.key.isalpha() or len(first.key) < 2 or first.key in _MONTH_NAMES
            or first.key in ROLE_WORDS or first.key in gazetteer_keys() or (first.key,) in demonyms()):  # fmt: skip
        return None
    initial_next = i + 1 < len(toks) and letter(toks[i + 1]) and spaced(text, first, toks[i + 1])
    if first.key not in given and first.key not in _WORD_NAMES:
        # Another word starts a name only before an initial, and not inside a run of capitalised words (a list
        # of ships: "Expreso Fantasma G. H. Murray")
        inside_run = i > 0 and capitalised(toks[i - 1].raw) and spaced(text, toks[i - 1], first)
        if not initial_next or inside_run or first.key in common_words():
            return None
    elif first.key in _WORD_NAMES and not initial_next:
        return None  # Frank, Grace: a name only before an initial
    k = i + 1
    while k < len(toks) and k - i < 4 and spaced(text, toks[k - 1], toks[k]) and capitalised(toks[k].raw):
        a_title = toks[k].key in ROLE_WORDS or (toks[k].key,) in known_titles()
        if not toks[k].key.isalpha() or (a_title and not _surname_after_initial(toks, k)) or (
            not letter(toks[k]) and not letter(toks[k - 1]) and listed(toks[k].key)
            and not _name_follows(toks, k, text)
        ):  # James Mustain, Capt.: a title after the name is not in it
            break
        k += 1
        if not letter(toks[k - 1]) and letter(toks[k - 2]):
            break  # Myron T. Herrick: a surname after initials ends the name (a list's next name is another's)
    while k > i + 1 and letter(toks[k - 1]):
        k -= 1
    words = toks[i:k]
    if len(words) < 2 or (words[-1].key in common_words() and not any(map(letter, words))):  # "Annex A. The"
        return None
    return k, "PER", tuple(t.key for t in words)


def _initials_and_surname(toks: list[Token], i: int, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    """"E. H. Crowder", "W. G. A. Ormsby-Gore", "H. F. Arthur Schoenfeld": two or three initials, then a surname
    (with a name before it) that no list knows as a place, nor as a word unless it comes alone ("H. W. Craven")
    — not "U. S. Marine", "U. S. S. Cleveland", "A. M. Monday", "J. P. Morgan & Co.", nor the initials inside a
    run of names ("Expreso Fantasma G. H. Murray")."""
    before = toks[i - 1] if i > 0 else None
    if before and spaced(text, before, toks[i]) and (
        letter(before) or capitalised(before.raw) and before.key not in common_words()
    ):  # "By H. W. Craven" is a name; "Fantasma G. H. Murray" the end of one
        return None
    if text[toks[i].start - 1 : toks[i].start] == "-":  # "the Ex-D. A. P. G. Tanker case"
        return None
    k = i + 1
    while k < len(toks) and letter(toks[k]) and spaced(text, toks[k - 1], toks[k]):
        k += 1
    letters = "".join(t.key for t in toks[i:k])
    if not 2 <= k - i <= 3 or letters in _NOT_INITIALS or letters in same_as() or letters in gazetteer_keys():
        return None
    end = k
    while end < len(toks) and end - k < 3 and _surname_word(toks, end, text, k):
        end += 1
        if listed(toks[end - 1].key):
            break  # an English word is a surname right after the initials, and ends the name: H. W. Craven
    if end == k or re.match(r"\s*(&|and Co)", text[toks[end - 1].end :]):  # a firm: J. P. Morgan & Co.
        return None
    return end, "PER", tuple(t.key for t in toks[i:end])


def _surname_word(toks: list[Token], j: int, text: str, first: int) -> bool:
    """A word of the name after its initials: capitalised, one space (or a hyphen: Ormsby-Gore) from the last."""
    tok = toks[j]
    joined = spaced(text, toks[j - 1], tok) or (j > first and text[toks[j - 1].end : tok.start] == "-")
    if not joined or not capitalised(tok.raw) or not tok.key.isalpha() or len(tok.key) < 2:
        return False
    if text[tok.end : tok.end + 1] == "[" or tok.key in _MONTH_NAMES or tok.key in _DAY_NAMES:
        return False  # J. C. G[rew]: a signature the editors completed
    if (tok.key in OFFICE_WORDS or (tok.key,) in known_titles()) and not _surname_after_initial(toks, j):
        return False
    return not listed(tok.key) or (j == first and len(tok.key) >= 4 and tok.key not in gazetteer_keys())


# Titles that are surnames too, after an initial: C. D. B. King (President of Liberia), Frederick R. King.
_TITLES_AND_SURNAMES = frozenset({"KING", "PRINCE"})


def _surname_after_initial(toks: list[Token], j: int) -> bool:
    return toks[j].key in _TITLES_AND_SURNAMES and j > 0 and letter(toks[j - 1])


# Times of day, ships, notes, majesties: A. M. Monday, U. S. S. Cleveland, P. S. This, H. M. King George
_NOT_INITIALS = frozenset("AM PM SS USS PS NB HM HRH".split())
_DAY_NAMES = frozenset("MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY".split())


# Given names the census list leaves out for being English words too; before an initial they are names.
_WORD_NAMES = frozenset("FRANK MARK WILL BILL ROSE GRACE".split())


def spaced(text: str, before: Token, tok: Token) -> bool:
    """One space between: a name in mixed case does not run across a line (lists of signatories)."""
    return text[before.end : tok.start] == " " and not ends_sentence(before)


def _name_follows(toks: list[Token], k: int, text: str) -> bool:
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and spaced(text, toks[k], nxt) and capitalised(nxt.raw) and nxt.key.isalpha() and not listed(nxt.key)


_MONTH_NAMES = frozenset("JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split())


def runs_on(text: str, before: Token, tok: Token) -> bool:
    """A name runs on from `before` to `tok` across spaces or a cable's line wrap, not across a full stop, a
    colon or a blank line: "President Baraona.\n\nMorales" is a president and the signer of the telegram."""
    gap = text[before.end : tok.start]
    return not ends_sentence(before) and gap.strip() == "" and gap.count("\n") < 2


def _surname_after_title(before: Token, tok: Token, text: str, all_caps: bool) -> bool:
    """In mixed case, a capitalised word right after a title, in the same sentence and line, that the lists know
    only as an organisation is a surname: "Mr. Kellogg", "Secretary Kellogg" (train knows KELLOGG as a company),
    not the signature under "… to the Minister.". In ALL CAPS the lists decide."""
    return (not all_caps and capitalised(tok.raw) and lists.gazetteer().get((tok.key,)) == "ORG"
            and not ends_sentence(before) and "\n" not in text[before.end : tok.start])  # fmt: skip


def name_like(tok: Token, all_caps: bool) -> bool:
    if not tok.key.isalpha() and not re.fullmatch(r"[A-Z]+(?:[-'][A-Z]+)*", tok.key):
        return False
    if len(tok.key) < 2 or tok.key in common_words() or (tok.raw.endswith(".") and tok.key in _MONTHS):
        return False  # "ratified by the President Mar. 23": a month, not Mr Mar
    return all_caps or tok.raw[:1].isupper()


def _initial(toks: list[Token], j: int, all_caps: bool) -> bool:
    """A letter and its full stop inside a name, a name following: the E. of "Secretary Charles E. Hughes"."""
    return letter(toks[j]) and j + 1 < len(toks) and name_like(toks[j + 1], all_caps)


_MONTHS = frozenset("JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC".split())
