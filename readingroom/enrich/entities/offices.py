"""Offices and bodies named by what they are, not by a name: the Secretary, the Department, THE MILITARY IS;
and a person's name as it stands after the titles and office before it (SECRETARY OF STATE VANCE -> VANCE)."""

from __future__ import annotations

import re
from functools import lru_cache

from readingroom.enrich.entities.lists import census_names, common_words, countries, nationalities, same_as
from readingroom.enrich.entities.words import TITLES, Token, known_titles, title_length

ROLE_WORDS = frozenset({w for title in TITLES for w in title.split()} | {"CHARGÉ", "CONSUL", "DELEGATE", "COMMISSIONER",
                                                                         "ENVOY", "AGENT"})  # fmt: skip


# What an office, not a name, is made of: "the Department", "the Secretary", "the Embassy" name a different
# office or person from one document to the next (in FRUS the Secretary of State is Kellogg in 1925 and Byrnes in
# 1946), so the overview does not offer them as the archive's most named.
OFFICE_WORDS = ROLE_WORDS | frozenset({"DEPARTMENT", "EMBASSY", "MINISTRY", "GOVERNMENT", "MISSION", "DELEGATION",
                                       "LEGATION", "CONSULATE", "SECRETARIAT", "OFFICE", "OF", "THE", "STATE",
                                       "FOREIGN", "AFFAIRS", "EMBOFF", "DEPTOFF", "DEPT"})  # fmt: skip


# Words that carry a title on into an office: Minister OF Finance, Ambassador TO France, Chargé IN Nicaragua.
OFFICE_LINKS = frozenset("OF FOR TO IN AT ON".split())


@lru_cache(maxsize=8192)  # each search asks for its entity facet's buckets
def names_an_office(entity_id: str) -> bool:
    """PER:SECRETARY, ORG:DEPARTMENT, PER:SECRETARY OF STATE, GPE:HIS GOVERNMENT, PER:BRITISH AMBASSADOR, PER:PRESIDENT
    OF THE UNITED STATES: a role or an office, not a name; PER:HIMSELF points at someone the sentence names."""
    name = entity_id.split(":", 1)[-1]
    if name in _REFLEXIVES:
        return True
    words = name.split()
    if len(words) > 1 and words[0] in _POINTING_WORDS:
        words = words[1:]
    for n in range(len(words) - 1, 0, -1):  # whose office it is: a country or a nationality before or after it
        if _a_country(" ".join(words[:n])):
            words = words[n:]
            break
        if _a_country(" ".join(words[-n:])):
            words = words[:-n]
            break
    return all(word in _OFFICES or word.removesuffix("S") in _OFFICES for word in words)


def _a_country(name: str) -> bool:
    return name in countries() or name in same_as() or name in nationalities()


_REFLEXIVES = frozenset("HIMSELF HERSELF THEMSELVES ITSELF OURSELVES MYSELF YOURSELF".split())


# Words that point at an office the text names elsewhere: HIS GOVERNMENT, THIS MINISTRY, BOTH GOVERNMENTS.
_POINTING_WORDS = frozenset("HIS HER ITS THEIR YOUR OUR MY THIS THAT THESE THOSE BOTH TWO EACH EITHER".split())


# A body named by what it is, standing as a noun: THE MILITARY IS, THE SECRETARIAT SAID, THE COURT, (train: 96
# of 109 such, where no name comes before the word, are organisations). SECURITY COUNCIL, CENTRAL COMMITTEE are
# names the lists and the model read; THE MILITARY SITUATION is no body.
INSTITUTIONS = frozenset("MILITARY SECRETARIAT ARMY NAVY CABINET COUNCIL COMMITTEE PARTY COURT POLICE CONSULATE "
                         "DELEGATION EMBASSY PARLIAMENT MINISTRY JUNTA ASSEMBLY COMMISSION AGENCY FACTORY COMPANY "
                         "CONGRESS LEGISLATURE LEGATION".split())  # fmt: skip


# Offices, and bodies named by what they are: an entity id made of them alone names no one body across documents
_OFFICES = OFFICE_WORDS | (INSTITUTIONS - {"CONGRESS"})  # in State's cables CONGRESS is the one in Washington


# A body's head word, when it says what the body is: NATIONAL SALVATION PARTY, BANK OF JAPAN (initials.py)
BODY_WORDS = INSTITUTIONS | frozenset("""UNION FRONT BOARD CORPORATION ORGANIZATION ORGANISATION ASSOCIATION FEDERATION
    CONFEDERATION MOVEMENT BANK INSTITUTE CENTER CENTRE LEAGUE ALLIANCE SOCIETY AUTHORITY FUND SERVICE""".split())


_BARE_INSTITUTIONS = frozenset("SECRETARIAT PARLIAMENT CONGRESS EMBASSY CONSULATE AGENCY".split())
_AFTER_A_NOUN = frozenset("IS WAS HAS HAD WILL WOULD SAID AND OR WHICH THAT WHO TO IN ON AT FOR BY WITH HAVE ARE WERE "
                          "MAY MIGHT CAN COULD SHOULD MUST ALSO NOT HIMSELF ITSELF AS FROM ABOUT OVER AGAINST BEFORE "
                          "AFTER DURING UNDER SINCE TOLD REPORTED DECIDED AGREED APPROVED REJECTED".split())  # fmt: skip


_BEFORE_A_BODY = frozenset("THE A AN OF TO AND BY WITH FOR IN ON THAT BUT FROM AT".split())


def institution_at(toks: list[Token], i: int, text: str) -> int | None:
    """Where a body named by what it is begins (at THE before it), if toks[i] is one standing as a noun."""
    key = toks[i].key
    if key not in INSTITUTIONS:
        return None
    ends = i + 1 == len(toks) or toks[i + 1].key in _AFTER_A_NOUN or re.search(r"[,.;:)]", text[toks[i].end : toks[i + 1].start])
    if not ends:
        return None
    if i and toks[i - 1].key == "THE" and not re.search(r"[^\s]", text[toks[i - 1].end : toks[i].start]):
        return i - 1
    if key in _BARE_INSTITUTIONS and (i == 0 or toks[i - 1].key in _BEFORE_A_BODY):
        return i
    return None


# A name follows these whatever it is: Mr. King is King, Mr. President the President.
HONORIFICS = frozenset("MR MRS MS DR SIR MESSRS HERR SENOR SENORA".split())


# What an office's portfolio is made of, between the title and its holder's name: SECRETARY OF STATE VANCE,
# MINISTER OF FOREIGN AFFAIRS MALIK. A word not in it ends the portfolio where no name follows: MINISTER OF FINANCE.
PORTFOLIO_WORDS = frozenset("""STATE WAR NAVY DEFENSE DEFENCE FINANCE FOREIGN EXTERNAL AFFAIRS INTERIOR COMMERCE
    AGRICULTURE JUSTICE LABOR LABOUR TREASURY EDUCATION HEALTH ECONOMY PLANNING INFORMATION TRADE INDUSTRY ENERGY
    TRANSPORT HOME PUBLIC WORKS COLONIES THE AND""".split())


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in known_titles() for w in t)


def person_name(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The name a person's mention holds, without the titles, office or description before it: PRESIDENT BANZER
    -> BANZER; SECRETARY OF STATE VANCE -> VANCE; ECONOMIC COMMERCIAL OFFICER JOHN MILLER -> JOHN MILLER. An
    office with no name after it stays whole: SECRETARY GENERAL, MINISTER OF FINANCE."""
    title_words = _title_words()
    while 0 < (cut := title_length(keys)) < len(keys):
        if cut == 1 and keys[0] in HONORIFICS:
            keys = keys[1:]
            continue
        if keys[cut] in OFFICE_LINKS:
            end = cut + 1
            while end < len(keys) and keys[end] in PORTFOLIO_WORDS:
                end += 1
            rest = keys[end:]
            if end == cut + 1 or not rest or any(k in title_words or k in OFFICE_LINKS for k in rest):
                break  # MINISTER OF FINANCE, AMBASSADOR TO FRANCE: an office, not Mr Of Finance
            keys = rest
            continue
        if keys[cut] in title_words:  # SECRETARY GENERAL: an office, not Mr General
            break
        keys = keys[cut:]
    given = census_names()[1]
    if len(keys) > 2:  # ECONOMIC COMMERCIAL OFFICER JOHN MILLER: a description, then a first name
        first = next((k for k in range(1, len(keys) - 1) if keys[k] in given), 0)
        if first and all(k in common_words() and k not in given for k in keys[:first]):
            keys = keys[first:]
    return keys
