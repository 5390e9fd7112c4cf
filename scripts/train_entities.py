"""Trains the entity CRF shipped as readingroom/enrich/data/entities.crfsuite on the History Lab train split
(never dev). Run after scripts/build_vocabulary.py, from the repo root:

    python scripts/train_entities.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite

from readingroom.enrich.crf import MODEL, features
from readingroom.enrich.entities.words import mostly_upper, tokens

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "ner-historylab.jsonl"
COARSE = {"PER": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}
PRONOUNS = set("HE HIS HIM SHE HER IT ITS THEY THEIR THEM WE OUR I MY ME YOU YOUR".split())


def coarse(t: str | None) -> str | None:
    if (t or "").split(".")[-1] in ("IND", "INDIVIDUAL"):  # GPE.INDIVIDUAL: THE FOREIGN MINISTER — a person
        return "PER"
    return COARSE.get((t or "").split(".")[0])


def labels(row: dict, toks: list) -> list[str]:
    out = ["O"] * len(toks)
    spans = sorted(((m["start"], m["end"], coarse(m["type"])) for m in row["mentions"]
                    if m["depth"] == 0 and m["text"].upper() not in PRONOUNS), key=lambda s: s[0])  # fmt: skip
    for start, end, kind in spans:
        if not kind:
            continue
        inside = [i for i, t in enumerate(toks) if t.start >= start and t.end <= end]
        for n, i in enumerate(inside):
            if out[i] == "O":
                out[i] = f"{'B' if n == 0 else 'I'}-{kind}"
    return out


def train(cables: list[dict], out: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for r in cables:
        toks = tokens(r["text"])
        trainer.append(features(toks, mostly_upper(r["text"]), r["text"]), labels(r, toks))
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True})
    trainer.train(str(out))


def main() -> None:
    rows = [json.loads(line) for line in EVAL.read_text().splitlines()]
    train_split = [r for r in rows if r["split"] == "train" and not r["to_be_fixed"]]
    out = ROOT / "readingroom" / "enrich" / "data" / MODEL
    train(train_split, out)
    print(f"trained on {len(train_split)} cables -> {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
