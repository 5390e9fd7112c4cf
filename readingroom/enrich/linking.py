"""Across documents: a surname standing alone is the person the archive names in full, when only one fits; and
initials, the body the archive spells them out as.

FRUS 1925 heads a letter "The Secretary of State (Hughes) to …" and signs another "Charles E. Hughes"; a reader
who asks for Hughes wants both. Within a document, coreference already files LOPEZ under ALFONSO LOPEZ
(enrich/entities/); across documents the archive decides. A document's surname alone becomes the one person of that
surname named in full in the same collection within YEARS of the document's date. Two such people (Arthur and
Edwin Barclay, both of Liberia in 1925), none, or no date: the surname stays as written, its own entity. Full
names that agree are one person (CHARLES EVANS HUGHES and CHARLES E HUGHES; HS FIRESTONE and HARVEY S
FIRESTONE), filed under the one that writes the first name out, then the one more documents write (HARVEY S
FIRESTONE, CHARLES E HUGHES); JOHN A SMITH and JOHN B SMITH are two, and keep their own.

Cables in capitals give the fewest clues, so the lists decide there: a full name is first names the census
knows, or initials, before the surname (HENRY A KISSINGER, not USYG URQUHART or ITALIAN ANDREOTTI); a common
English word (GREW, WEEKS) or one of the commonest surnames (SMITH, HILL) counts as a surname only where a
document writes it in mixed case ("Grew"). Mixed case also vouches for first names the census lacks ("Esme
Howard").

Initials are linked the same way: NSP in one cable is the NATIONAL SALVATION PARTY another cable of the collection
spells out as "NATIONAL SALVATION PARTY (NSP)" within YEARS, when only one body fits.

It runs after every `enrich` over the whole archive: documents tagged later are linked too, and a document
tagged again takes its link again. A link once made stays when a later ingest brings a second person of the
name; tagging the archive again (a new tagger version) decides afresh.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from readingroom.enrich.entities.initials import are_initials
from readingroom.enrich.entities.lists import census_names, common_words, demonyms, gazetteer_keys, same_as
from readingroom.enrich.entities.offices import HONORIFICS, OFFICE_WORDS, ROLE_WORDS
from readingroom.enrich.entities.words import SHORT_FORMS
from readingroom.enrich.glossary import explain

if TYPE_CHECKING:
    from readingroom.store import Store

YEARS = 2
COMMONEST = 200  # census rank: SMITH, HILL, ANDERSON name too many people to guess from capitals


def link_people(store: Store) -> int:
    """File each document's lone surnames, and full names another agrees with, under the one full name that fits
    (of those that agree, one that writes its first name out, then the most documented); returns how many were
    filed."""
    rows = store.person_mentions()
    written: dict[tuple[str, str], set[str]] = defaultdict(set)  # (document, entity) -> its surface forms
    for doc_id, _, _, entity_id, text in rows:
        written[(doc_id, entity_id)].add(text)
    documents = Counter(entity_id for _, entity_id in written)
    named_in_full: dict[tuple[str | None, str], set[tuple[str, int]]] = defaultdict(set)
    named: dict[tuple[str, str], tuple[str | None, int]] = {}
    for doc_id, collection, date, entity_id, _ in rows:
        words = _name(entity_id).split()
        if (year := _year(date)) is None:
            continue
        if len(words) == 1:
            named[(doc_id, entity_id)] = (collection, year)
        elif _full_name(words, written[(doc_id, entity_id)]):
            named_in_full[(collection, words[-1])].add((entity_id, year))
            named[(doc_id, entity_id)] = (collection, year)
    moves: dict[str, dict[str, str]] = defaultdict(dict)  # document -> {entity id: the person's}
    for (doc_id, entity_id), (collection, year) in named.items():
        name = _name(entity_id)
        surname = name.split()[-1]
        if (collection, surname) not in named_in_full or (" " not in name and not _surname(name, written[(doc_id, entity_id)])):
            continue
        fits = {full for full, y in named_in_full[(collection, surname)] if abs(y - year) <= YEARS}
        if not fits or not all(_same_person(a, b) for a in fits for b in fits):
            continue
        if (person := max(fits, key=lambda f: (_first_name_written(f), documents[f], len(f), f))) != entity_id:
            moves[doc_id][entity_id] = person
    for doc_id, filed in moves.items():
        store.relink_entities(doc_id, filed)
    if moves:
        store.flush()
    return sum(map(len, moves.values()))


def _first_name_written(entity_id: str) -> bool:
    """WILLIAM D HINES, not WD HINES: of names that agree, one that writes the first name out is the id."""
    first = _name(entity_id).split()[0]
    return len(first) > 3 or first in census_names()[1]


def _same_person(a: str, b: str) -> bool:
    """CHARLES E HUGHES and CHARLES EVANS HUGHES, HS FIRESTONE and HARVEY S FIRESTONE: the same surname, and
    first and middle names that agree where both are given (an initial agrees with a name it begins)."""
    *given_a, last_a = _name(a).split()
    *given_b, last_b = _name(b).split()
    parts_a, parts_b = _name_parts(given_a), _name_parts(given_b)
    return last_a == last_b and all(x.startswith(y) or y.startswith(x) for x, y in zip(parts_a, parts_b, strict=False))


def _name_parts(words: list[str]) -> list[str]:
    """First and middle names, initials run together once their full stops went (HS) taken one by one."""
    return [part for w in words for part in (list(w) if len(w) <= 2 else [w])]


def _name(entity_id: str) -> str:
    return entity_id.split(":", 1)[1]


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _mixed_case(written: set[str]) -> bool:
    return any(not w.isupper() for w in written)


def _full_name(words: list[str], written: set[str]) -> bool:
    """JOSEPH C GREW, HS FIRESTONE, Sir Esme Howard: first names or initials, then a surname."""
    *first, last = words
    initials = any(len(w) <= 2 for w in first)
    return _surname(last, written) and all(_first_name(w, written, initials) for w in first)


def _first_name(word: str, written: set[str], initials: bool) -> bool:
    if not word.isalpha() or word in ROLE_WORDS or word in HONORIFICS or word in SHORT_FORMS or explain(word):
        return False
    if len(word) <= 2:  # initials, joined when the dots went: HS, JG (not US, UN)
        return word not in gazetteer_keys() and word not in same_as()
    if word in census_names()[1]:
        return True
    # in mixed case, a first name the census lacks (Esme), or an English word before an initial (Frank B.)
    return _mixed_case(written) and (initials or word not in common_words()) and (word,) not in demonyms()


def _surname(word: str, written: set[str]) -> bool:
    if len(word) < 3 or not word.isalpha() or word in OFFICE_WORDS or explain(word):
        return False
    common = word in common_words() or census_names()[0].get(word, COMMONEST + 1) <= COMMONEST
    return not common or _mixed_case(written)


def link_initials(store: Store) -> int:
    """File a document's initials (NSP) under the body another document of the same collection spells them out as
    (NATIONAL SALVATION PARTY (NSP), entities/initials.py) within YEARS of its date, when only one body fits; returns how
    many were filed. Initials no document spells out, or that two bodies share, stay as written."""
    rows = store.initials_mentions()
    spelled_out: dict[tuple[str | None, str], set[tuple[str, int]]] = defaultdict(set)
    for _, collection, date, entity_id, text in rows:
        name = _name(entity_id)
        if " " not in text and name != text and (year := _year(date)) is not None and are_initials(text, name.split()):
            spelled_out[(collection, text)].add((entity_id, year))
    moves: dict[str, dict[str, str]] = defaultdict(dict)
    for doc_id, collection, date, entity_id, _ in rows:
        name = _name(entity_id)
        if " " in name or not name.isupper() or (year := _year(date)) is None:
            continue
        fits = {body for body, y in spelled_out.get((collection, name), ()) if abs(y - year) <= YEARS}
        if len(fits) == 1:
            moves[doc_id][entity_id] = fits.pop()
    for doc_id, filed in moves.items():
        store.relink_entities(doc_id, filed)
    if moves:
        store.flush()
    return sum(map(len, moves.values()))
