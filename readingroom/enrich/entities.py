"""Entity mentions in cables, mixed case or ALL CAPS: people, organisations, places and posts.

Three sources, in order of trust:
1. the gazetteer (data/gazetteer.tsv: the glossary, countries, capitals and cities of 300,000 people or more
   (data/places.txt, from GeoNames), and names annotated in the History Lab *train* cables), matched
   longest-first on word tokens, case-insensitively;
2. a title before a name — PRESIDENT BANZER, FONMIN KAMEL, AMBASSADOR BROWN, MR. COPELAND — where the name
   is not a common English word (data/common_words.txt, words seen in lower case in FRUS prose);
3. within-document coreference: once BANZER is known as a person, every later BANZER is that person, linked
   to the fullest form of the name seen in the document (LOPEZ → ALFONSO LOPEZ).
Each mention gets an entity id shared across documents: TYPE:CANONICAL NAME.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from readingroom.model import Span, SpanType

TITLES = (
    "PRESIDENT", "VICE PRESIDENT", "PRIME MINISTER", "DEPUTY PRIME MINISTER", "FOREIGN MINISTER", "FONMIN",
    "MINISTER", "MININT", "MININTERIOR", "MINDEF", "DEFMIN", "AMBASSADOR", "AMB", "AMB.", "CHARGE", "GENERAL", "GEN",
    "GEN.", "LT. GEN.", "MAJ. GEN.", "BRIG. GEN.", "COLONEL", "COL", "COL.", "MAJOR", "MAJ.", "CAPTAIN", "CAPT.",
    "ADMIRAL", "ADM.", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SENATOR", "SEN.", "CONGRESSMAN",
    "REPRESENTATIVE", "REP.", "KING", "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "SHAH", "EMIR", "SULTAN", "SECRETARY",
    "SECRETARY GENERAL", "UNDER SECRETARY", "ASSISTANT SECRETARY", "DEPUTY SECRETARY", "CHAIRMAN", "DIRECTOR",
    "GOVERNOR", "MAYOR", "BISHOP", "ARCHBISHOP", "CARDINAL", "POPE", "CHANCELLOR", "PREMIER", "SPEAKER", "JUDGE",
    "JUSTICE", "PROFESSOR", "PROF.", "FATHER", "REV.", "LORD", "SIR", "DEPUTY", "COMMANDER", "MARSHAL", "FIELD MARSHAL",
)  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*\.?|\d+")  # letters of any alphabet: Chargé, Pérez are one word each
_POSSESSIVE = re.compile(r"(?:'S|’S|'|’)$")
MAX_NAME = 6
PRONOUNS = frozenset("HE HIS HIM SHE HER IT ITS THEY THEIR THEM WE OUR I MY ME YOU YOUR".split())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # PER | ORG | GPE | POST
    entity_id: str


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str  # upper case, possessive and trailing period removed
    raw: str


def ends_sentence(tok: _Token) -> bool:
    """A token carrying a full stop that is not an abbreviation's (U.S., MR., GEN.)."""
    if not tok.raw.endswith("."):
        return False
    return not ("." in tok.key or len(tok.key) == 1 or tok.key in _SHORT_FORMS or (tok.key + ".",) in _titles())


# Two-letter words that take a full stop of their own (JOHN SMITH JR., ACME CO.); any other — THE UN., THE US. —
# ends its sentence there. One letter is an initial (HARRY S. TRUMAN).
_SHORT_FORMS = frozenset("JR SR CO ST MT FT LT NO DR MR MS VS PP OP".split())


def tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        key = _POSSESSIVE.sub("", raw.upper().replace("’", "'"))
        out.append(_Token(m.start(), m.end(), key.rstrip("."), raw))
    return out


@lru_cache(maxsize=8)
def gazetteer(name: str = "gazetteer.tsv") -> dict[tuple[str, ...], str]:
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


@lru_cache(maxsize=1)
def _titles() -> dict[tuple[str, ...], str]:
    return {tuple(t.key for t in tokens(title)): title for title in TITLES}


def find_mentions(text: str) -> list[Mention]:
    toks = tokens(text)
    all_caps = _mostly_upper(text)
    rules = _rule_spans(toks, all_caps, text)
    if not all_caps:
        named = _named_in_parentheses(text, toks)
        rules = [r for r in rules if not any(r[0] < b and a < r[1] for a, b, _ in named)] + named
    from readingroom.enrich.crf import crf_spans

    model = [_trim_person(toks, s) for s in crf_spans(toks, all_caps, text)] if all_caps else []  # trained on ALL CAPS
    model = [piece for span in model for piece in _split_at_punctuation(text, toks, span)]
    chosen = list(model)
    for span in rules:  # the lists and titles fill what the model left untagged (places inside: _nested_names)
        a, b, kind = span
        overlapping = [m for m in model if m[0] < b and a < m[1]]
        if not overlapping:
            chosen.append(span)
        elif overlapping == [(a, b, overlapping[0][2])] and overlapping[0][2] != kind and (
            b - a > 1 or (toks[a].key,) in demonyms()
        ):
            # The model found the words but misread a multi-word name the lists know (ADDIS ABABA as a person)
            # or a nationality (GERMAN, also a surname, as a person)
            chosen[chosen.index(overlapping[0])] = span
        elif kind == "PER" and overlapping == [(a, b, overlapping[0][2])] and b - a == 1 and (
            (toks[a].key,) not in gazetteer("gazetteer_base.tsv")
        ):
            # A surname the train cables or the lists of other years know as a person, which the model (that
            # never saw it as a feature) read as a place: HABYARIMANA (dev 0.765 -> 0.766, cross-validated
            # 0.715 -> 0.716)
            chosen[chosen.index(overlapping[0])] = span
        elif kind == "GPE" and b - a > 1 and all(a <= m[0] and m[1] <= b and m[2] == "GPE" for m in overlapping):
            # A place the lists know by several words, where the model read only a part (BRITISH in BRITISH
            # GUIANA, MONGOLIA in OUTER MONGOLIA): the colony or region, not the country its first word names
            chosen = [m for m in chosen if m not in overlapping] + [span]
    for m in model:  # names the lists know side by side, read by the model as one (EURATOM-IAEA): each on its own
        inside = [r for r in rules if m[0] <= r[0] and r[1] <= m[1]]
        tiled = sum(r[1] - r[0] for r in inside) == m[1] - m[0]
        if len(inside) > 1 and tiled and {r[2] for r in inside} == {m[2]} and m in chosen:
            chosen[chosen.index(m) : chosen.index(m) + 1] = inside
    instruments = _instruments_named(text)
    chosen = [_without_routing_word(toks, span, text) for span in _join_titles(toks, chosen, text)
              if not _cable_marker(toks, span) and not _cable_word(toks, span)
              and not (span[1] - span[0] == 1 and toks[span[0]].key in instruments)
              and not (all_caps and _help_not_the_agency(toks, span, text))]  # fmt: skip
    chosen = [piece for span in chosen for piece in _as_post(toks, span, all_caps)]
    chosen = _run_on_past_of(toks, chosen, text, all_caps)
    chosen += _nested_names(toks, chosen, all_caps)
    people = _people(toks, chosen)
    if not all_caps:
        # In mixed case, where no model reads the context, a one-word name the lists type otherwise is the person
        # this document names: FRUS 1925 signs telegrams "Kellogg", the Secretary of State it names "(Kellogg)"
        # in the heading, and train knows KELLOGG as a company. In ALL CAPS the model decides: the same rule there
        # cost cross-validation on train 0.712 -> 0.705 (bench/RESULTS.md).
        chosen = [(a, b, "PER") if b - a == 1 and kind != "PER" and toks[a].key in people else (a, b, kind)
                  for a, b, kind in chosen  # and a listed name ending a person's name is its surname, not nested
                  if not (b - a == 1 and kind != "PER" and any(pa < a and b == pb and pk == "PER" for pa, pb, pk in chosen))]  # fmt: skip
    taken = {k for a, b, _ in chosen for k in range(a, b)}
    for k, tok in enumerate(toks):  # coreference: a known surname alone is that person
        if k not in taken and tok.key in people and _name_like(tok, all_caps):
            chosen.append((k, k + 1, "PER"))
    from readingroom.enrich.roles import linked_roles

    spans = [(a, b, kind) for a, b, kind in sorted(set(_articles(toks, chosen)))
             if not (b - a == 1 and toks[a].key in PRONOUNS)]  # fmt: skip
    spans, initials = _initials_defined(toks, spans, text)
    ids = {span: entity_id(span[2], toks[span[0] : span[1]], people) for span in spans}
    ids.update({span: ids[named] for span, named in initials.items()})
    ids.update(linked_roles(text, toks, spans, ids))  # THE SECRETARY: the secretary this document names
    mentions = []
    for a, b, kind in spans:
        start, end = toks[a].start, toks[b - 1].end
        if ends_sentence(toks[b - 1]):  # a sentence's full stop is not part of the name
            end -= 1
        mentions.append(Mention(start, end, text[start:end], kind, ids[(a, b, kind)]))
    return mentions


# Words that join a name and need not give its initials a letter: NATIONAL PARTY OF NIGERIA (NPN).
_LINKING_WORDS = frozenset("OF THE AND FOR IN ON AT TO DE DEL DES DU LA LE LES ET Y AU AUX".split())
# Features of the land an older volume writes in lower case after a capitalised name: "the Persian gulf".
_FEATURES = frozenset("GULF SEA OCEAN RIVER BAY STRAIT STRAITS ISLAND ISLANDS LAKE CANAL COAST PENINSULA".split())


def _initials_defined(toks: list[_Token], spans: list[tuple[int, int, str]],
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


def _names_a_body(words: list[_Token]) -> bool:
    """PARTY, BOARD, UNION … last, or before the place it is of: NATIONAL PARTY OF NIGERIA, BANK OF JAPAN."""
    keys = [t.key for t in words]
    if "OF" in keys[1:]:
        keys = keys[: keys.index("OF", 1)]
    return keys[-1] in _BODY_WORDS


def _spelled_by(toks: list[_Token], k: int, short: str) -> int | None:
    """Where the words before token `k` that `short` is the initials of begin (THE not included), or None."""
    for a in range(k - 2, max(-1, k - 2 * len(short) - 2), -1):
        words = [t.key for t in toks[a:k]]
        if words[0] not in _LINKING_WORDS and all(t.raw[:1].isupper() or t.key in _LINKING_WORDS for t in toks[a:k]) \
                and are_initials(short, words):  # fmt: skip
            return a
    return None


def are_initials(short: str, words: list[str]) -> bool:
    """Whether `short` is the initials of `words`, in order, the linking words free to give a letter or none."""
    if words and words[0] == "THE":
        words = words[1:]

    def match(i: int, j: int) -> bool:
        if i == len(short):
            return all(w in _LINKING_WORDS for w in words[j:])
        if j == len(words):
            return False
        w = words[j]
        return (w[:1] == short[i] and match(i + 1, j + 1)) or (w in _LINKING_WORDS and match(i, j + 1))

    return len(short) >= 2 and len(words) >= 2 and match(0, 0)


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
    return name in _countries() or name in same_as() or name in nationalities()


_REFLEXIVES = frozenset("HIMSELF HERSELF THEMSELVES ITSELF OURSELVES MYSELF YOURSELF".split())


# Words that point at an office the text names elsewhere: HIS GOVERNMENT, THIS MINISTRY, BOTH GOVERNMENTS.
_POINTING_WORDS = frozenset("HIS HER ITS THEIR YOUR OUR MY THIS THAT THESE THOSE BOTH TWO EACH EITHER".split())


def _named_in_parentheses(text: str, toks: list[_Token]) -> list[tuple[int, int, str]]:
    """FRUS names the writer and the addressee of a document by role, with the person's surname in parentheses:
    "The Chargé in Nicaragua (Thurston) to the Secretary of State (Kellogg)". Such a name is a person, whatever
    else the lists know the word as (train knows KELLOGG as a company)."""
    found = []
    for i, tok in enumerate(toks):
        if tok.start == 0 or text[tok.start - 1] != "(" or not _capitalised(tok.raw):
            continue
        j = i
        while j < len(toks) and j - i < 3 and _capitalised(toks[j].raw) and text[toks[j].end : toks[j].end + 1] != ")":
            j += 1
        line_start = text.rfind("\n", 0, tok.start) + 1
        if (j < len(toks) and _capitalised(toks[j].raw) and text[toks[j].end : toks[j].end + 1] == ")"
                and any(t.key in ROLE_WORDS for t in toks[max(0, i - 8) : i] if t.start >= line_start)):  # fmt: skip
            found.append((i, j + 1, "PER"))
    return found


def _capitalised(word: str) -> bool:
    """Kellogg, an initial (B.), not an acronym (GM, FONMIN) nor a lower-case word."""
    letters = word.rstrip(".")
    return letters[:1].isupper() and (len(letters) == 1 or any(c.islower() for c in letters))


def _articles(toks: list[_Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
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


_PERSON_BREAKS = frozenset("IN AT ON TO FROM WITH AND WHO SAID TOLD FOR BY AS THAT WAS IS WILL WOULD HAD HAS MET ASKED "
                           "NOTED STATED SAYS REPLIED ADDED AGREED EXPRESSED INDICATED EXPLAINED STRESSED CALLED".split())


def _trim_person(toks: list[_Token], span: tuple[int, int, str]) -> tuple[int, int, str]:
    """FONMIN ALFONSO LOPEZ IN LA PAZ -> FONMIN ALFONSO LOPEZ: a person's name ends before a preposition, at
    its possessive when common words follow it, and does not end on a particle (ABU ODEH, VAN DER STOEL)."""
    a, b, kind = span
    if kind != "PER":
        return span
    for k in range(a + 1, b):
        if toks[k].key in _PERSON_BREAKS:
            return (a, k, kind)
    words = common_words()
    for k in range(a, b - 1):  # AMIN'S SOLDIERS, NIMEIRI'S PERSONNEL: the name ends with its possessive
        if _owns(toks[k]) and all(t.key in words and t.key not in ROLE_WORDS for t in toks[k + 1 : b]):
            return (a, k + 1, kind)
    while b < len(toks) and toks[b - 1].key in _NAME_PARTICLES and toks[b].key not in _PERSON_BREAKS:
        b += 1
    return (a, b, kind)


def _join_titles(toks: list[_Token], spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """AMBASSADOR + YOUNG, CONGRESSMAN + HAMILTON: a person span that is only a title, followed at once by a
    person or a city's name, is one person (the annotators include the title in the name)."""
    titles = _titles()
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out:
            a, b, kind = out[-1]
            c, d, next_kind = span
            only_title = kind == "PER" and tuple(t.key for t in toks[a:b]) in titles
            follows = c == b and not text[toks[b - 1].end : toks[c].start].strip()
            name = next_kind == "PER" or (next_kind == "GPE" and d - c == 1 and toks[c].key in _cities())
            if only_title and follows and name:
                out[-1] = (a, d, "PER")
                continue
        out.append(span)
    return out


POST_PREFIXES = frozenset("AMEMBASSY AMEMB AMCONSUL AMCONGEN CONGEN USMISSION USLO USNATO USUN USINT USDEL UKMIS".split())
_MARKED = frozenset("TEXT SUMMARY QUOTE UNQUOTE FYI EXCERPT UNCLASSIFIED CONFIDENTIAL SECRET".split())
_NAME_PARTICLES = frozenset("ABU BIN IBN BEN AL EL VAN VON DE DA DOS DEL DI LA LE".split())


def _nested_names(toks: list[_Token], spans: list[tuple[int, int, str]], all_caps: bool) -> list[tuple[int, int, str]]:
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
            hit = _gazetteer_match(toks, k, all_caps, longest=longest)
            if kind != "GPE":
                n = _demonym_at(toks, k, b) or (hit[0] - k if hit and hit[1] == "GPE" else 0)
            if not n and hit and (hit[1], kind) in _NESTS:
                n, inner = hit[0] - k, hit[1]
            if n and (k, k + n) != (a, b):
                nested.append((k, k + n, inner))
            k += n or 1
    return nested


# Which listed names nest inside which mentions, besides places: train has 161 organisations inside persons'
# descriptions and 25 persons inside governments and parties (bench/ner_cv.py: 0.684 -> 0.686).
_NESTS = frozenset({("ORG", "PER"), ("PER", "ORG"), ("PER", "GPE")})


def _demonym_at(toks: list[_Token], k: int, end: int) -> int:
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
def _country_of(name: str) -> str | None:
    """AMERICAN, THE AMERICANS, AMERICAN CITIZENS, THE US GOVERNMENT -> UNITED STATES: a nationality alone, or a
    country's government or citizens (places to the annotators, as a geo-political entity is its land, people
    and government at once), is filed under the country's entity, so the facets count the United States once
    and entity:"UNITED STATES" finds "American officials" too. HIS GOVERNMENT and THE GOVERNMENT stay as written."""
    words = name.split()
    if len(words) > 1 and words[-1] in _OF_A_COUNTRY:
        rest = " ".join(words[:-1])
        named = _country_of(rest) or same_as().get(rest, rest)
        return named if named in _countries() else None
    table = nationalities()
    country = table.get(name) or (table.get(name[:-1]) if name.endswith("S") else None)
    if not country:
        return None
    keys = [t.key for t in tokens(country)]
    return " ".join(keys[1:] if keys[0] == "THE" else keys)  # THE GAMBIA is filed as GAMBIA


# What a country's name or adjective may stand before and still mean the country, to the annotators.
_OF_A_COUNTRY = frozenset("GOVERNMENT GOVERNMENTS GOVT CITIZEN CITIZENS NATIONALS AUTHORITIES".split())


@lru_cache(maxsize=1)
def _listed_countries() -> tuple[str, ...]:
    """data/countries.txt, each name as the tagger keys it."""
    data = resources.files("readingroom.enrich") / "data" / "countries.txt"
    return tuple(" ".join(t.key for t in tokens(line)) for line in data.read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Every name a country's entity is filed under: the list's, the canonical names, the nationalities'."""
    adjectives = {country for a in nationalities() if (country := _country_of(a))}
    return frozenset(set(_listed_countries()) | set(same_as().values()) | adjectives)


@lru_cache(maxsize=1)
def census_names() -> tuple[dict[str, int], frozenset[str]]:
    """(surname -> frequency rank, given names) from the 1990 US Census, common English words left out: a hint
    to the CRF that an unknown word is a name, never a mention by itself."""
    data = resources.files("readingroom.enrich") / "data"
    surnames = (data / "surnames.txt").read_text(encoding="utf-8").split()
    given = (data / "given_names.txt").read_text(encoding="utf-8").split()
    return {n: rank for rank, n in enumerate(surnames, 1)}, frozenset(given)


def _cable_marker(toks: list[_Token], span: tuple[int, int, str]) -> bool:
    """BEGIN TEXT, END SUMMARY, TO BEGIN: the cable's own markers and the verb, not Menachem Begin."""
    a, b, kind = span
    if kind != "PER" or b - a != 1 or toks[a].key not in ("BEGIN", "END"):
        return False
    after = toks[b].key if b < len(toks) else ""
    before = toks[a - 1].key if a else ""
    return after in _MARKED or before in ("TO", "WILL", "WOULD", "SHOULD", "MAY", "COULD", "CAN", "DID")


_INSTRUMENT = re.compile(r"\b(?:AGREEMENT|TREATY|CONVENTION|PLAN|PROGRAM|PROGRAMME|ACT|ACCORD|TALKS)\s*\(([A-Z][A-Z\-]{1,8})\)",
                         re.I)  # fmt: skip


def _instruments_named(text: str) -> frozenset[str]:
    """INTERNATIONAL SUGAR AGREEMENT (ISA): the short name a document gives an agreement, a plan or an act is no
    one's name (the model had read ISA as a person ten times in one cable; train annotates such short names 2
    times in 16)."""
    return frozenset(m.group(1).upper() for m in _INSTRUMENT.finditer(text)) if "(" in text else frozenset()


def _cable_word(toks: list[_Token], span: tuple[int, int, str]) -> bool:
    """MEMCON, REFTEL, MOU, DOLS 5.5 MILLION, 1.6 MILLION HA: the cable's own vocabulary and units, which the model
    can read as a name; train annotates the glossary's cable words 12 times in 325, CODEL (a delegation) each time."""
    a, b, _ = span
    if b - a != 1:
        return False
    key = toks[a].key
    if key == "HA":  # hectares after a number, else the Bureau of Human Rights and Humanitarian Affairs
        return a > 0 and (toks[a - 1].key[:1].isdigit() or toks[a - 1].key in ("MILLION", "THOUSAND", "PER"))
    return key in _cable_words()


@lru_cache(maxsize=1)
def _cable_words() -> frozenset[str]:
    from readingroom.enrich.glossary import glossary

    cable = {key for key, senses in glossary().items() if all(s.category == "cable" for s in senses)}
    return frozenset((cable - {"CODEL", "STAFFDEL", "AMCIT", "AMCITS", "TEL"}) | {"DOLS", "MOU", "MEMO", "MEMOS"})


def _help_not_the_agency(toks: list[_Token], span: tuple[int, int, str], text: str) -> bool:
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


def _run_on_past_of(toks: list[_Token], spans: list[tuple[int, int, str]], text: str,
                    all_caps: bool) -> list[tuple[int, int, str]]:  # fmt: skip
    """A name that ends in OF goes on to the words that end it, on the same line and in the same sentence:
    UNIVERSITY OF | TENNESSEE, PRESIDENT OF | CACIF, MINISTRY OF | FINANCE had ended at OF. A name found there
    already ends it (THE PRESIDENT OF VENEZUELA, not on into CARLOS ANDRES PEREZ); after the first word, a common
    English word does (MINISTRY OF FINANCE, not … OFFICIALS)."""
    ends = {a: b for a, b, _ in spans}
    out = []
    for a, b, kind in spans:
        if b - a > 1 and toks[b - 1].key == "OF":
            c = b + (b < len(toks) and toks[b].key == "THE" and _runs_on(text, toks[b - 1], toks[b]))
            first = c
            while c < len(toks) and c - b < 3 and toks[c].key.isalpha() and toks[c].key not in _NOT_IN_A_NAME and (
                all_caps or toks[c].raw[:1].isupper()) and (c == first or toks[c].key not in common_words()) and (
                _runs_on(text, toks[c - 1], toks[c])
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


_NOT_IN_A_NAME = _PERSON_BREAKS | frozenset("OR BUT WHICH ARE WERE HAVE".split())  # what ends a person's name ends this


def _without_routing_word(toks: list[_Token], span: tuple[int, int, str], text: str) -> tuple[int, int, str]:
    """INFO (or FM) opening a routing line is the header's word, not the addressee's name: "INFO UN SECURITY
    COUNCIL COLLECTIVE PRIORITY" had given ORG:INFO UN SECURITY COUNCIL."""
    a, b, kind = span
    if b - a > 1 and toks[a].key in ("INFO", "FM") and text.rfind("\n", 0, toks[a].start) + 1 == toks[a].start:
        return a + 1, b, kind
    return span


def _as_post(toks: list[_Token], span: tuple[int, int, str], all_caps: bool) -> list[tuple[int, int, str]]:
    """A post is a post whatever the model thought (AMEMBASSY PARIS is not a place), and takes in the place
    that follows its prefix; the place is also a mention of its own, nested inside. (Retyping spans that are
    only a title, THE FOREIGN MINISTER, as persons was tried too: it lowered F1 on train.)"""
    a, b, kind = span
    if toks[a].key not in POST_PREFIXES:
        return [span]
    place = _gazetteer_match(toks, a + 1, all_caps)
    if place and place[1] == "GPE":  # and ends at it: a routing header's next line is the next addressee
        return [(a, place[0], "POST"), (a + 1, place[0], "GPE")]
    return [(a, b, "POST")] if b - a > 1 else [span]


_BREAKING_PUNCTUATION = re.compile(r"[,;()\[\]]|\n\s*\n")


def _split_at_punctuation(text: str, toks: list[_Token], span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
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


def _rule_spans(toks: list[_Token], all_caps: bool, text: str) -> list[tuple[int, int, str]]:
    found = []
    i = 0
    while i < len(toks):
        hit = _titled_name(toks, i, all_caps, text) or _gazetteer_match(toks, i, all_caps)
        if not all_caps and (not hit or hit[1] == "PER") and (named := _written_in_full(toks, i, text)) and (
            not hit or named[0] > hit[0]
        ):  # a place or body the lists know stays one: Santa Ana (Plaza)
            hit = named
        longer = _gazetteer_match(toks, i + 1, all_caps) if hit and toks[i].key == "THE" else None
        if hit and longer and longer[0] > hit[0] and longer[1] == "GPE":
            hit = None  # THE DUTCH gives way to the place after THE: DUTCH EAST INDIES
        if hit:
            found.append((i, hit[0], hit[1]))
            i = hit[0]
        elif (n := _demonym_at(toks, i, len(toks))) and (all_caps or toks[i].raw[:1].isupper()):
            found.append((i, i + n, "GPE"))  # standing alone, train annotates a nationality as a place 253 of 259 times
            i += n
        elif _HOST_GOVERNMENT.fullmatch(toks[i].key) and toks[i].key not in common_words():
            found.append((i, i + 1, "GPE"))  # GOP, GOT: the government of a country, a place in train 87 of 94 times
            i += 1
        elif (a := _institution_at(toks, i, text)) is not None:
            found.append((a, i + 1, "ORG"))
            i += 1
        else:
            i += 1
    return found


# A body named by what it is, standing as a noun: THE MILITARY IS, THE SECRETARIAT SAID, THE COURT, (train: 96
# of 109 such, where no name comes before the word, are organisations). SECURITY COUNCIL, CENTRAL COMMITTEE are
# names the lists and the model read; THE MILITARY SITUATION is no body.
INSTITUTIONS = frozenset("MILITARY SECRETARIAT ARMY NAVY CABINET COUNCIL COMMITTEE PARTY COURT POLICE CONSULATE "
                         "DELEGATION EMBASSY PARLIAMENT MINISTRY JUNTA ASSEMBLY COMMISSION AGENCY FACTORY COMPANY "
                         "CONGRESS LEGISLATURE LEGATION".split())  # fmt: skip
# Offices, and bodies named by what they are: an entity id made of them alone names no one body across documents
_OFFICES = OFFICE_WORDS | (INSTITUTIONS - {"CONGRESS"})  # in State's cables CONGRESS is the one in Washington
# A body's head word, when it says what the body is: NATIONAL SALVATION PARTY, BANK OF JAPAN (_names_a_body)
_BODY_WORDS = INSTITUTIONS | frozenset("""UNION FRONT BOARD CORPORATION ORGANIZATION ORGANISATION ASSOCIATION FEDERATION
    CONFEDERATION MOVEMENT BANK INSTITUTE CENTER CENTRE LEAGUE ALLIANCE SOCIETY AUTHORITY FUND SERVICE""".split())
_BARE_INSTITUTIONS = frozenset("SECRETARIAT PARLIAMENT CONGRESS EMBASSY CONSULATE AGENCY".split())
_AFTER_A_NOUN = frozenset("IS WAS HAS HAD WILL WOULD SAID AND OR WHICH THAT WHO TO IN ON AT FOR BY WITH HAVE ARE WERE "
                          "MAY MIGHT CAN COULD SHOULD MUST ALSO NOT HIMSELF ITSELF AS FROM ABOUT OVER AGAINST BEFORE "
                          "AFTER DURING UNDER SINCE TOLD REPORTED DECIDED AGREED APPROVED REJECTED".split())  # fmt: skip
_BEFORE_A_BODY = frozenset("THE A AN OF TO AND BY WITH FOR IN ON THAT BUT FROM AT".split())


def _institution_at(toks: list[_Token], i: int, text: str) -> int | None:
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


def _people(toks: list[_Token], spans: list[tuple[int, int, str]]) -> dict[str, tuple[str, ...]]:
    """Surname (and full name) -> the fullest form of each person's name in the document."""
    titles = _titles()
    people: dict[str, tuple[str, ...]] = {}
    for a, b, kind in spans:
        if kind != "PER":
            continue
        if any(t.key in common_words() for t in toks[a:b] if t.key not in {x[0] for x in titles}):
            continue
        name = tuple(t.key for t in _after_owner(toks[a:b]) if t.key not in {x[0] for x in titles})
        if not name:
            continue
        for part in (name[-1], " ".join(name)):
            if len(people.get(part, ())) < len(name):
                people[part] = name
    return people


def _after_owner(toks: list[_Token]) -> list[_Token]:
    """VENEZUELA'S PEREZ, EDA'S ELIAS ILIOU: the person is the one named after the possessive."""
    owned = [k for k, t in enumerate(toks[:-1]) if _owns(t)]
    return toks[owned[-1] + 1 :] if owned else toks


def _owns(tok: _Token) -> bool:
    """AMIN'S, NIMEIRI’S, WORKERS': a possessive."""
    return _POSSESSIVE.search(tok.raw.upper()) is not None


def title_length(keys: tuple[str, ...]) -> int:
    """Words in the longest title that opens `keys`; 0 if none does. ACTING SECRETARY is a title of its own (the
    Acting Secretary of State signs "Grew", the Secretary "Kellogg")."""
    if keys[:1] == ("ACTING",) and (n := title_length(keys[1:])):
        return n + 1
    return max((len(t) for t in _titles() if keys[: len(t)] == t), default=0)


def _titled_name(toks: list[_Token], i: int, all_caps: bool, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    titles = _titles()
    for n in (3, 2, 1):
        if tuple(t.key for t in toks[i : i + n]) in titles:
            j = i + n
            name: list[str] = []
            while j < len(toks) and len(name) < 3 and (_name_like(toks[j], all_caps) or _initial(toks, j, all_caps)) and _runs_on(text, toks[j - 1], toks[j]) and (
                toks[j].key not in gazetteer_keys() or _surname_after_title(toks[j - 1], toks[j], text, all_caps)
            ):
                name.append(toks[j].key)
                j += 1
            listed = _gazetteer_match(toks, i + n, all_caps) if name else None
            if listed and listed[1] == "PER" and listed[0] > j:  # a hyphen ends the run: Boutros-Ghali
                return listed
            if name:
                return j, "PER", tuple(name)
            return None
    return None


def _written_in_full(toks: list[_Token], i: int, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    """In mixed case, a person written in full with no title before: a first name the census knows, or another
    capitalised word before an initial, then up to three more capitalised words on the same line ("Dana Munro",
    "Charles E. Hughes", "Frank B. Kellogg", "Joseph Austen Chamberlain"); after initials, one surname ends it. A
    word the lists know as English or as a place or organisation is part of the name only after an initial or
    before another name: Joseph C. Grew, John Foster Dulles — not "the Grace Line"."""
    _, given = census_names()
    first = toks[i]
    if _letter(first):
        return _initials_and_surname(toks, i, text)
    if (not _capitalised(first.raw) or not first.key.isalpha() or len(first.key) < 2 or first.key in _MONTH_NAMES
            or first.key in ROLE_WORDS or first.key in gazetteer_keys() or (first.key,) in demonyms()):  # fmt: skip
        return None
    initial_next = i + 1 < len(toks) and _letter(toks[i + 1]) and _spaced(text, first, toks[i + 1])
    if first.key not in given and first.key not in _WORD_NAMES:
        # Another word starts a name only before an initial, and not inside a run of capitalised words (a list
        # of ships: "Expreso Fantasma G. H. Murray")
        inside_run = i > 0 and _capitalised(toks[i - 1].raw) and _spaced(text, toks[i - 1], first)
        if not initial_next or inside_run or first.key in common_words():
            return None
    elif first.key in _WORD_NAMES and not initial_next:
        return None  # Frank, Grace: a name only before an initial
    k = i + 1
    while k < len(toks) and k - i < 4 and _spaced(text, toks[k - 1], toks[k]) and _capitalised(toks[k].raw):
        a_title = toks[k].key in ROLE_WORDS or (toks[k].key,) in _titles()
        if not toks[k].key.isalpha() or (a_title and not _surname_after_initial(toks, k)) or (
            not _letter(toks[k]) and not _letter(toks[k - 1]) and _listed(toks[k].key)
            and not _name_follows(toks, k, text)
        ):  # James Mustain, Capt.: a title after the name is not in it
            break
        k += 1
        if not _letter(toks[k - 1]) and _letter(toks[k - 2]):
            break  # Myron T. Herrick: a surname after initials ends the name (a list's next name is another's)
    while k > i + 1 and _letter(toks[k - 1]):
        k -= 1
    words = toks[i:k]
    if len(words) < 2 or (words[-1].key in common_words() and not any(map(_letter, words))):  # "Annex A. The"
        return None
    return k, "PER", tuple(t.key for t in words)


def _initials_and_surname(toks: list[_Token], i: int, text: str) -> tuple[int, str, tuple[str, ...]] | None:
    """"E. H. Crowder", "W. G. A. Ormsby-Gore", "H. F. Arthur Schoenfeld": two or three initials, then a surname
    (with a name before it) that no list knows as a place, nor as a word unless it comes alone ("H. W. Craven")
    — not "U. S. Marine", "U. S. S. Cleveland", "A. M. Monday", "J. P. Morgan & Co.", nor the initials inside a
    run of names ("Expreso Fantasma G. H. Murray")."""
    before = toks[i - 1] if i > 0 else None
    if before and _spaced(text, before, toks[i]) and (
        _letter(before) or _capitalised(before.raw) and before.key not in common_words()
    ):  # "By H. W. Craven" is a name; "Fantasma G. H. Murray" the end of one
        return None
    if text[toks[i].start - 1 : toks[i].start] == "-":  # "the Ex-D. A. P. G. Tanker case"
        return None
    k = i + 1
    while k < len(toks) and _letter(toks[k]) and _spaced(text, toks[k - 1], toks[k]):
        k += 1
    letters = "".join(t.key for t in toks[i:k])
    if not 2 <= k - i <= 3 or letters in _NOT_INITIALS or letters in same_as() or letters in gazetteer_keys():
        return None
    end = k
    while end < len(toks) and end - k < 3 and _surname_word(toks, end, text, k):
        end += 1
        if _listed(toks[end - 1].key):
            break  # an English word is a surname right after the initials, and ends the name: H. W. Craven
    if end == k or re.match(r"\s*(&|and Co)", text[toks[end - 1].end :]):  # a firm: J. P. Morgan & Co.
        return None
    return end, "PER", tuple(t.key for t in toks[i:end])


def _surname_word(toks: list[_Token], j: int, text: str, first: int) -> bool:
    """A word of the name after its initials: capitalised, one space (or a hyphen: Ormsby-Gore) from the last."""
    tok = toks[j]
    joined = _spaced(text, toks[j - 1], tok) or (j > first and text[toks[j - 1].end : tok.start] == "-")
    if not joined or not _capitalised(tok.raw) or not tok.key.isalpha() or len(tok.key) < 2:
        return False
    if text[tok.end : tok.end + 1] == "[" or tok.key in _MONTH_NAMES or tok.key in _DAY_NAMES:
        return False  # J. C. G[rew]: a signature the editors completed
    if (tok.key in OFFICE_WORDS or (tok.key,) in _titles()) and not _surname_after_initial(toks, j):
        return False
    return not _listed(tok.key) or (j == first and len(tok.key) >= 4 and tok.key not in gazetteer_keys())


# Titles that are surnames too, after an initial: C. D. B. King (President of Liberia), Frederick R. King.
_TITLES_AND_SURNAMES = frozenset({"KING", "PRINCE"})


def _surname_after_initial(toks: list[_Token], j: int) -> bool:
    return toks[j].key in _TITLES_AND_SURNAMES and j > 0 and _letter(toks[j - 1])


# Times of day, ships, notes, majesties: A. M. Monday, U. S. S. Cleveland, P. S. This, H. M. King George
_NOT_INITIALS = frozenset("AM PM SS USS PS NB HM HRH".split())
_DAY_NAMES = frozenset("MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY".split())


# Given names the census list leaves out for being English words too; before an initial they are names.
_WORD_NAMES = frozenset("FRANK MARK WILL BILL ROSE GRACE".split())


def _spaced(text: str, before: _Token, tok: _Token) -> bool:
    """One space between: a name in mixed case does not run across a line (lists of signatories)."""
    return text[before.end : tok.start] == " " and not ends_sentence(before)


def _listed(key: str) -> bool:
    return key in common_words() or key in gazetteer_keys()


def _name_follows(toks: list[_Token], k: int, text: str) -> bool:
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and _spaced(text, toks[k], nxt) and _capitalised(nxt.raw) and nxt.key.isalpha() and not _listed(nxt.key)


def _letter(tok: _Token) -> bool:
    return len(tok.key) == 1 and tok.raw.endswith(".")


_MONTH_NAMES = frozenset("JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split())


def _runs_on(text: str, before: _Token, tok: _Token) -> bool:
    """A name runs on from `before` to `tok` across spaces or a cable's line wrap, not across a full stop, a
    colon or a blank line: "President Baraona.\n\nMorales" is a president and the signer of the telegram."""
    gap = text[before.end : tok.start]
    return not ends_sentence(before) and gap.strip() == "" and gap.count("\n") < 2


def _surname_after_title(before: _Token, tok: _Token, text: str, all_caps: bool) -> bool:
    """In mixed case, a capitalised word right after a title, in the same sentence and line, that the lists know
    only as an organisation is a surname: "Mr. Kellogg", "Secretary Kellogg" (train knows KELLOGG as a company),
    not the signature under "… to the Minister.". In ALL CAPS the lists decide."""
    return (not all_caps and _capitalised(tok.raw) and gazetteer().get((tok.key,)) == "ORG"
            and not ends_sentence(before) and "\n" not in text[before.end : tok.start])  # fmt: skip


@lru_cache(maxsize=1)
def gazetteer_keys() -> frozenset[str]:
    """Single words the gazetteer types as something other than a person: never taken for a surname. Cities
    are the exception (CONGRESSMAN HAMILTON, SENATOR HOUSTON): after a title, a city's name is a surname."""
    return frozenset(k[0] for k, v in gazetteer().items() if len(k) == 1 and v != "PER") - _cities()


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    data = resources.files("readingroom.enrich") / "data"
    countries = {word for name in _listed_countries() for word in name.split()}
    places = (data / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(p for p in places if p and " " not in p and p not in countries)  # one-word names only


def _gazetteer_match(
    toks: list[_Token], i: int, all_caps: bool, table_name: str = "gazetteer.tsv", longest: int = MAX_NAME
) -> tuple[int, str, tuple[str, ...]] | None:
    table = gazetteer(table_name)
    if not (most := _longest_name_from(table_name).get(toks[i].key)):
        return None
    for n in range(min(longest, most, len(toks) - i), 0, -1):
        key = tuple(t.key for t in toks[i : i + n])
        kind = table.get(key)
        if kind and (all_caps or toks[i].raw[:1].isupper() and all(
            t.raw[:1].isupper() or t.key in _LINKING_WORDS or (kind == "GPE" and t.key in _FEATURES) for t in toks[i + 1 : i + n]
        )):  # fmt: skip
            # in mixed case a name is capitalised, but for its linking words (and a feature of the land, as older
            # volumes write "the Persian gulf"): not "The military situation"
            return i + n, kind, key if kind == "PER" else ()
    return None


@lru_cache(maxsize=8)
def _longest_name_from(table_name: str) -> dict[str, int]:
    """The most words a listed name starting with each word has: most words start none (a third of tagging's time
    went on looking up the names they might start)."""
    most: dict[str, int] = {}
    for key in gazetteer(table_name):
        most[key[0]] = max(most.get(key[0], 0), len(key))
    return most


def _name_like(tok: _Token, all_caps: bool) -> bool:
    if not tok.key.isalpha() and not re.fullmatch(r"[A-Z]+(?:[-'][A-Z]+)*", tok.key):
        return False
    if len(tok.key) < 2 or tok.key in common_words() or (tok.raw.endswith(".") and tok.key in _MONTHS):
        return False  # "ratified by the President Mar. 23": a month, not Mr Mar
    return all_caps or tok.raw[:1].isupper()


def _initial(toks: list[_Token], j: int, all_caps: bool) -> bool:
    """A letter and its full stop inside a name, a name following: the E. of "Secretary Charles E. Hughes"."""
    return _letter(toks[j]) and j + 1 < len(toks) and _name_like(toks[j + 1], all_caps)


_MONTHS = frozenset("JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC".split())


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def entity_id(kind: str, toks: list[_Token], people: dict[str, tuple[str, ...]]) -> str:
    if kind == "PER":
        toks = _after_owner(toks)
    keys = tuple(t.key for t in toks)
    if kind == "PER":
        keys = person_name(keys)
        keys = people.get(" ".join(keys)) or people.get(keys[-1]) or keys
    if len(keys) > 1 and keys[0] == "THE":
        keys = keys[1:]
    name = " ".join(keys).replace(".", "")
    name = re.sub(r"\b([A-Z]) (?=[A-Z]\b)", r"\1", name)  # U S -> US
    if kind == "GPE":
        name = _country_of(name) or cities_renamed().get(name, name)
    if kind != "PER":
        name = same_as().get(name, name)  # US, USA and UNITED STATES: one entity
    if kind not in ("PER", "POST"):  # a post is a post whatever train called it (AMEMBASSY PARIS: a place)
        kind = gazetteer().get(tuple(name.split()), kind)
    return f"{kind}:{name}"


# A name follows these whatever it is: Mr. King is King, Mr. President the President.
HONORIFICS = frozenset("MR MRS MS DR SIR MESSRS HERR SENOR SENORA".split())
# What an office's portfolio is made of, between the title and its holder's name: SECRETARY OF STATE VANCE,
# MINISTER OF FOREIGN AFFAIRS MALIK. A word not in it ends the portfolio where no name follows: MINISTER OF FINANCE.
PORTFOLIO_WORDS = frozenset("""STATE WAR NAVY DEFENSE DEFENCE FINANCE FOREIGN EXTERNAL AFFAIRS INTERIOR COMMERCE
    AGRICULTURE JUSTICE LABOR LABOUR TREASURY EDUCATION HEALTH ECONOMY PLANNING INFORMATION TRADE INDUSTRY ENERGY
    TRANSPORT HOME PUBLIC WORKS COLONIES THE AND""".split())


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _titles() for w in t)


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


def entity_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    return [
        Span(start + m.start, start + m.end, SpanType.ENTITY, m.text, m.type, m.entity_id, "enrich")
        for m in find_mentions(text[start:end])
    ]
