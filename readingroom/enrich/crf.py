"""A conditional random field over word tokens, trained on the History Lab train cables
(scripts/train_entities.py), for names no list knows: the surnames and organisations of 1970s cables.

Features are the word, its affixes and shape, whether it is a common English word or a census surname or first
name, what the gazetteer says of it, the same for its neighbours, the word pairs it is part of, and the
punctuation on either side; labels are BIO over PER, ORG and GPE."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from readingroom.enrich.entities.lists import census_names, common_words, gazetteer_match
from readingroom.enrich.entities.words import Token, ends_sentence, known_titles

MODEL = "entities.crfsuite"


def features(toks: list[Token], all_caps: bool, text: str | None = None) -> list[list[str]]:
    gaz = _gazetteer_tags(toks, all_caps)
    titles = {t[0] for t in known_titles()}
    common = common_words()
    surnames, given = census_names()
    rows = []
    for i, t in enumerate(toks):
        k = t.key
        f = [f"w={k}", f"p3={k[:3]}", f"s3={k[-3:]}", f"s2={k[-2:]}", f"len={min(len(k), 8)}", f"gaz={gaz[i]}",
             f"common={k in common}", f"title={k in titles}", f"shape={_shape(t.raw)}",
             f"poss={t.raw.upper().endswith(('S', 'S.')) and ('’' in t.raw or chr(39) in t.raw)}"]  # fmt: skip
        if k in surnames:  # cross-validated on train: CRF F1 0.619 -> 0.628 (PER 0.594 -> 0.623)
            f.append(f"surname={_frequency(surnames[k])}")
        if k in given:
            f.append("given")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(toks):
                n = toks[j].key
                f += [f"{d}:w={n}", f"{d}:gaz={gaz[j]}", f"{d}:common={n in common}", f"{d}:title={n in titles}"]
            else:
                f.append(f"{d}:edge")
        f += [f"bg={toks[i - 1].key if i else '^'}|{k}", f"bg2={k}|{toks[i + 1].key if i + 1 < len(toks) else '$'}"]
        if text is not None:  # the punctuation around a word: names start after "(" and end before ","
            f += [f"gb={_gap(text, toks[i - 1].end, t.start) if i else 'START'}",
                  f"ga={_gap(text, t.end, toks[i + 1].start) if i + 1 < len(toks) else 'END'}"]  # fmt: skip
        rows.append(f)
    return rows


def _frequency(rank: int) -> str:
    return "top1k" if rank <= 1000 else "top10k" if rank <= 10000 else "rare"


def _gap(text: str, start: int, end: int) -> str:
    between = text[start:end]
    if between.count("\n") > 1:
        return "PARA"
    return between.strip()[:2] or ("NL" if "\n" in between else "_")


def _shape(raw: str) -> str:
    if raw.isupper():
        return "XX"
    if raw[:1].isupper():
        return "Xx"
    if raw.isdigit():
        return "d"
    return "x"


def _gazetteer_tags(toks: list[Token], all_caps: bool) -> list[str]:
    tags = ["O"] * len(toks)
    i = 0
    while i < len(toks):
        hit = gazetteer_match(toks, i, all_caps, "gazetteer_base.tsv")
        if hit:
            j, kind, _ = hit
            tags[i] = f"B-{kind}"
            for k in range(i + 1, j):
                tags[k] = f"I-{kind}"
            i = j
        else:
            i += 1
    return tags


@lru_cache(maxsize=1)
def tagger():  # type: ignore[no-untyped-def]
    import pycrfsuite

    path = resources.files("readingroom.enrich") / "data" / MODEL
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def crf_spans(toks: list[Token], all_caps: bool, text: str) -> list[tuple[int, int, str]]:
    """(first token, end token, type) for each entity the model tags."""
    labels = tagger().tag(features(toks, all_caps, text)) if toks else []
    spans, start, kind = [], None, None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and (label == "O" or label.startswith("B-") or label[2:] != kind):
            spans.append((start, i, kind))
            start = None
        elif start is not None and ends_sentence(toks[i - 1]):  # a name never runs past a full stop
            spans.append((start, i, kind))
            start = None if label == "O" else i
            kind = label[2:] if start is not None else None
            continue
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start, kind = i, label[2:]
    return spans  # type: ignore[return-value]
