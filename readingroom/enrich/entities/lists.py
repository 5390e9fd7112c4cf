"""The lists the tagger trusts, read once from data/: the gazetteer (glossary, countries, places, train names),
nationalities and their peoples, countries, census names, the cable's own words; and longest-first matching of
listed names on tokens."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from readingroom.enrich.entities.words import MAX_NAME, Token, tokens


@lru_cache(maxsize=8)
def gazetteer(name: str = "gazetteer.tsv") -> dict[tuple[str, ...], str]:
    """Listed name (its tokens' keys) -> PER, ORG, GPE or POST. The other modules call it as `lists.gazetteer`, so
    a table swapped in here (bench/ner_cv.py gives each fold its own) is the one every stage reads."""
    data = resources.files("readingroom.enrich") / "data" / name
    table: dict[tuple[str, ...], str] = {}
    for line in data.read_text(encoding="utf-8").splitlines()[1:]:
        name, _, kind = line.partition("\t")
        key = tuple(t.key for t in tokens(name))
        if key and len(key) <= MAX_NAME:
            table[key] = kind
    return table


@lru_cache(maxsize=1)
def same_as() -> dict[str, str]:
    """Names cables give one place or body -> the name its entity is filed under (data/same_as.tsv)."""
    return _filed_under("same_as.tsv")


@lru_cache(maxsize=1)
def cities_renamed() -> dict[str, str]:
    """A city's name of the time -> today's, its entity's (data/cities_renamed.tsv): CONSTANTINOPLE -> ISTANBUL."""
    return _filed_under("cities_renamed.tsv")


def _filed_under(name: str) -> dict[str, str]:
    """A data file of lines "NAME<TAB>FILED UNDER", with # comments."""
    data = resources.files("readingroom.enrich") / "data" / name
    rows = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {alias: filed for alias, filed in rows}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    data = resources.files("readingroom.enrich") / "data" / "common_words.txt"
    return frozenset(w.upper() for w in data.read_text(encoding="utf-8").split())


# Words that join a name and need not give its initials a letter: NATIONAL PARTY OF NIGERIA (NPN).
LINKING_WORDS = frozenset("OF THE AND FOR IN ON AT TO DE DEL DES DU LA LE LES ET Y AU AUX".split())


# Features of the land an older volume writes in lower case after a capitalised name: "the Persian gulf".
_FEATURES = frozenset("GULF SEA OCEAN RIVER BAY STRAIT STRAITS ISLAND ISLANDS LAKE CANAL COAST PENINSULA".split())


def demonym_at(toks: list[Token], k: int, end: int) -> int:
    table = demonyms()
    for n in (3, 2, 1):
        if k + n <= end and tuple(t.key for t in toks[k : k + n]) in table:
            return n
    return 0


@lru_cache(maxsize=1)
def demonyms() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(t.key for t in tokens(adjective)) for adjective in nationalities())


@lru_cache(maxsize=1)
def nationalities() -> dict[str, str]:
    """Nationality adjective, and its people in the plural where cables write them so -> the country it names,
    "" where it names several (data/demonyms.tsv): GREEK and GREEKS -> GREECE, SWEDISH and SWEDES -> SWEDEN.
    Train annotates a people in the plural (THE ISRAELIS) as a place 118 of 137 times, with THE 53 of 55."""
    data = resources.files("readingroom.enrich") / "data" / "demonyms.tsv"
    rows = (line.partition("\t") for line in data.read_text(encoding="utf-8").splitlines()[1:] if line)
    table = {adjective: country for adjective, _, country in rows}
    words = common_words()
    peoples = {plural: country for adjective, country in table.items()
               if (plural := _people_of(adjective)) and plural not in words}  # fmt: skip
    return peoples | table


def _people_of(adjective: str) -> str:
    """ISRAELI -> ISRAELIS, SOVIET -> SOVIETS, SWEDISH -> SWEDES; FRENCH, CHINESE -> "" (the adjective serves)."""
    if adjective in _IRREGULAR_PEOPLES:
        return _IRREGULAR_PEOPLES[adjective]
    return adjective + "S" if re.search(r"(?:AN|I|ET|EK|AB)$", adjective) else ""


_IRREGULAR_PEOPLES = {"SWEDISH": "SWEDES", "DANISH": "DANES", "FINNISH": "FINNS", "TURKISH": "TURKS",
                      "SCOTTISH": "SCOTS", "CZECH": "CZECHS", "KURDISH": "KURDS"}  # fmt: skip


@lru_cache(maxsize=4096)  # every place's mention asks
def country_of(name: str) -> str | None:
    """AMERICAN, THE AMERICANS, AMERICAN CITIZENS, THE US GOVERNMENT -> UNITED STATES: a nationality alone, or a
    country's government or citizens (places to the annotators, as a geo-political entity is its land, people
    and government at once), is filed under the country's entity, so the facets count the United States once
    and entity:"UNITED STATES" finds "American officials" too. HIS GOVERNMENT and THE GOVERNMENT stay as written."""
    words = name.split()
    if len(words) > 1 and words[-1] in _OF_A_COUNTRY:
        rest = " ".join(words[:-1])
        named = country_of(rest) or same_as().get(rest, rest)
        return named if named in countries() else None
    table = nationalities()
    country = table.get(name) or (table.get(name[:-1]) if name.endswith("S") else None)
    if not country:
        return None
    keys = [t.key for t in tokens(country)]
    return " ".join(keys[1:] if keys[0] == "THE" else keys)  # THE GAMBIA is filed as GAMBIA


# What a country's name or adjective may stand before and still mean the country, to the annotators.
_OF_A_COUNTRY = frozenset("GOVERNMENT GOVERNMENTS GOVT CITIZEN CITIZENS NATIONALS AUTHORITIES".split())


@lru_cache(maxsize=1)
def listed_countries() -> tuple[str, ...]:
    """data/countries.txt, each name as the tagger keys it."""
    data = resources.files("readingroom.enrich") / "data" / "countries.txt"
    return tuple(" ".join(t.key for t in tokens(line)) for line in data.read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Every name a country's entity is filed under: the list's, the canonical names, the nationalities'."""
    adjectives = {country for a in nationalities() if (country := country_of(a))}
    return frozenset(set(listed_countries()) | set(same_as().values()) | adjectives)


@lru_cache(maxsize=1)
def census_names() -> tuple[dict[str, int], frozenset[str]]:
    """(surname -> frequency rank, given names) from the 1990 US Census, common English words left out: a hint
    to the CRF that an unknown word is a name, never a mention by itself."""
    data = resources.files("readingroom.enrich") / "data"
    surnames = (data / "surnames.txt").read_text(encoding="utf-8").split()
    given = (data / "given_names.txt").read_text(encoding="utf-8").split()
    return {n: rank for rank, n in enumerate(surnames, 1)}, frozenset(given)


@lru_cache(maxsize=1)
def cable_words() -> frozenset[str]:
    from readingroom.enrich.glossary import glossary

    cable = {key for key, senses in glossary().items() if all(s.category == "cable" for s in senses)}
    return frozenset((cable - {"CODEL", "STAFFDEL", "AMCIT", "AMCITS", "TEL"}) | {"DOLS", "MOU", "MEMO", "MEMOS"})


def gazetteer_keys() -> frozenset[str]:
    """Single words the gazetteer types as something other than a person: never taken for a surname. Cities
    are the exception (CONGRESSMAN HAMILTON, SENATOR HOUSTON): after a title, a city's name is a surname."""
    return _derived(gazetteer(), _single_words)


def _single_words(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    return frozenset(k[0] for k, v in table.items() if len(k) == 1 and v != "PER") - cities()


_T = TypeVar("_T")
# What is worked out from a gazetteer table is kept with the table it came from, so a table swapped in for another
# is never read through values derived from the last: cached by the table's name, the first-word index had gone
# stale so in bench/ner_cv.py, and every fold after the first had matched names by the first fold's first words.
_DERIVED: dict[tuple[int, str], tuple[dict[tuple[str, ...], str], Any]] = {}


def _derived(table: dict[tuple[str, ...], str], compute: Callable[[dict[tuple[str, ...], str]], _T]) -> _T:
    key = (id(table), compute.__name__)
    kept = _DERIVED.get(key)
    if kept is None or kept[0] is not table:  # a new table, or another at the address of one gone
        if len(_DERIVED) > 16:
            _DERIVED.clear()
        kept = _DERIVED[key] = (table, compute(table))
    return kept[1]


@lru_cache(maxsize=1)
def cities() -> frozenset[str]:
    data = resources.files("readingroom.enrich") / "data"
    countries = {word for name in listed_countries() for word in name.split()}
    places = (data / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(p for p in places if p and " " not in p and p not in countries)  # one-word names only


def gazetteer_match(
    toks: list[Token], i: int, all_caps: bool, table_name: str = "gazetteer.tsv", longest: int = MAX_NAME
) -> tuple[int, str, tuple[str, ...]] | None:
    table = gazetteer(table_name)
    if not (most := _derived(table, _longest_names).get(toks[i].key)):
        return None
    for n in range(min(longest, most, len(toks) - i), 0, -1):
        key = tuple(t.key for t in toks[i : i + n])
        kind = table.get(key)
        if kind and (all_caps or toks[i].raw[:1].isupper() and all(
            t.raw[:1].isupper() or t.key in LINKING_WORDS or (kind == "GPE" and t.key in _FEATURES) for t in toks[i + 1 : i + n]
        )):  # fmt: skip
            # in mixed case a name is capitalised, but for its linking words (and a feature of the land, as older
            # volumes write "the Persian gulf"): not "The military situation"
            return i + n, kind, key if kind == "PER" else ()
    return None


def _longest_names(table: dict[tuple[str, ...], str]) -> dict[str, int]:
    """The most words a listed name starting with each word has: most words start none (a third of tagging's time
    went on looking up the names they might start)."""
    most: dict[str, int] = {}
    for key in table:
        most[key[0]] = max(most.get(key[0], 0), len(key))
    return most


def listed(key: str) -> bool:
    return key in common_words() or key in gazetteer_keys()
