"""Entity mentions in cables, mixed case or ALL CAPS: people, organisations, places and posts.

Three sources, in order of trust:
1. the gazetteer (data/gazetteer.tsv: the glossary, countries, capitals and cities of 300,000 people or more
   (data/places.txt, from GeoNames), and names annotated in the History Lab *train* cables), matched
   longest-first on word tokens, case-insensitively;
2. a title before a name — PRESIDENT BANZER, FONMIN KAMEL, AMBASSADOR BROWN, MR. COPELAND — where the name
   is not a common English word (data/common_words.txt, words seen in lower case in FRUS prose);
3. within-document coreference: once BANZER is known as a person, every later BANZER is that person, linked
   to the fullest form of the name seen in the document (LOPEZ → ALFONSO LOPEZ).
In ALL CAPS a CRF (enrich/crf.py) reads the names no list knows, and the lists and rules fill what it left.
Each mention gets an entity id shared across documents: TYPE:CANONICAL NAME.

Where each part lives: words.py (tokens and titles), lists.py (the data files and matching listed names),
offices.py (offices and bodies named by what they are; a person's name without its titles), people.py (people's
names and who the document names), rules.py (the rules around the model's spans), initials.py (a body's
initials in brackets); this module puts them together (`find_mentions`) and names each mention's entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readingroom.enrich.entities import lists
from readingroom.enrich.entities.initials import initials_defined
from readingroom.enrich.entities.lists import cities_renamed, country_of, demonyms, same_as
from readingroom.enrich.entities.offices import person_name
from readingroom.enrich.entities.people import join_titles, known_people, name_like, named_in_parentheses, trim_person
from readingroom.enrich.entities.rules import (
    as_post,
    cable_marker,
    cable_word,
    help_not_the_agency,
    instruments_named,
    nested_names,
    rule_spans,
    run_on_past_of,
    split_at_punctuation,
    with_articles,
    without_routing_word,
)
from readingroom.enrich.entities.words import PRONOUNS, Token, after_owner, ends_sentence, mostly_upper, tokens
from readingroom.model import Span, SpanType


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # PER | ORG | GPE | POST
    entity_id: str


def find_mentions(text: str) -> list[Mention]:
    toks = tokens(text)
    all_caps = mostly_upper(text)
    rules = rule_spans(toks, all_caps, text)
    if not all_caps:
        named = named_in_parentheses(text, toks)
        rules = [r for r in rules if not any(r[0] < b and a < r[1] for a, b, _ in named)] + named
    from readingroom.enrich.crf import crf_spans

    model = [trim_person(toks, s) for s in crf_spans(toks, all_caps, text)] if all_caps else []  # trained on ALL CAPS
    model = [piece for span in model for piece in split_at_punctuation(text, toks, span)]
    chosen = list(model)
    for span in rules:  # the lists and titles fill what the model left untagged (places inside: nested_names)
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
            (toks[a].key,) not in lists.gazetteer("gazetteer_base.tsv")
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
    instruments = instruments_named(text)
    chosen = [without_routing_word(toks, span, text) for span in join_titles(toks, chosen, text)
              if not cable_marker(toks, span) and not cable_word(toks, span)
              and not (span[1] - span[0] == 1 and toks[span[0]].key in instruments)
              and not (all_caps and help_not_the_agency(toks, span, text))]  # fmt: skip
    chosen = [piece for span in chosen for piece in as_post(toks, span, all_caps)]
    chosen = run_on_past_of(toks, chosen, text, all_caps)
    chosen += nested_names(toks, chosen, all_caps)
    people = known_people(toks, chosen)
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
        if k not in taken and tok.key in people and name_like(tok, all_caps):
            chosen.append((k, k + 1, "PER"))
    from readingroom.enrich.roles import linked_roles

    spans = [(a, b, kind) for a, b, kind in sorted(set(with_articles(toks, chosen)))
             if not (b - a == 1 and toks[a].key in PRONOUNS)]  # fmt: skip
    spans, initials = initials_defined(toks, spans, text)
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


def entity_id(kind: str, toks: list[Token], people: dict[str, tuple[str, ...]]) -> str:
    if kind == "PER":
        toks = after_owner(toks)
    keys = tuple(t.key for t in toks)
    if kind == "PER":
        keys = person_name(keys)
        keys = people.get(" ".join(keys)) or people.get(keys[-1]) or keys
    if len(keys) > 1 and keys[0] == "THE":
        keys = keys[1:]
    name = " ".join(keys).replace(".", "")
    name = re.sub(r"\b([A-Z]) (?=[A-Z]\b)", r"\1", name)  # U S -> US
    if kind == "GPE":
        name = country_of(name) or cities_renamed().get(name, name)
    if kind != "PER":
        name = same_as().get(name, name)  # US, USA and UNITED STATES: one entity
    if kind not in ("PER", "POST"):  # a post is a post whatever train called it (AMEMBASSY PARIS: a place)
        kind = lists.gazetteer().get(tuple(name.split()), kind)
    return f"{kind}:{name}"


def entity_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    return [
        Span(start + m.start, start + m.end, SpanType.ENTITY, m.text, m.type, m.entity_id, "enrich")
        for m in find_mentions(text[start:end])
    ]
