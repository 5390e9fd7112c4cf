"""Five-fold cross-validation of the whole entity tagger on the History Lab *train* split: the way to choose a
change to the tagger without looking at dev.

    python bench/ner_cv.py

The shipped tagger has seen every train cable (its gazetteer holds their names, its CRF learnt from them), so
its score on train says little. Here each fold is tagged by a tagger whose gazetteer takes train names from the
other four folds only and whose CRF is trained on them; everything else (lists, rules, features) is the
shipped code. Scored as bench/ner_eval.py scores dev (overlap metric, exact-span beside it).
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
import tempfile
from pathlib import Path

import pycrfsuite

from readingroom.enrich import crf
from readingroom.enrich.entities import find_mentions, lists
from readingroom.enrich.entities.words import MAX_NAME, tokens

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ner_eval import EVAL, as_triples, gold, report  # noqa: E402

FOLDS = 5


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> None:
    vocabulary, training = _script("build_vocabulary"), _script("train_entities")
    rows = [json.loads(line) for line in EVAL.read_text().splitlines()]
    train = [r for r in rows if r["split"] == "train" and not r["to_be_fixed"]]
    random.Random(0).shuffle(train)
    base = dict(lists.gazetteer("gazetteer_base.tsv"))  # the lists without train names
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            held_out, learn = train[k::FOLDS], [r for i, r in enumerate(train) if i % FOLDS != k]
            table = dict(base)
            for name, kind in vocabulary.train_names(learn, listed={" ".join(k) for k in base}).items():
                key = tuple(t.key for t in tokens(name))
                if key and len(key) <= MAX_NAME:
                    table[key] = kind
            lists.gazetteer = lambda name="gazetteer.tsv", table=table: table if name == "gazetteer.tsv" else base
            model = Path(tmp) / f"fold{k}.crfsuite"
            training.train(learn, model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            crf.tagger = lambda tagger=tagger: tagger
            pairs += [(as_triples(find_mentions(r["text"])), gold(r)) for r in held_out]
    print(f"train, {FOLDS}-fold: {len(train)} cables, {sum(len(g) for _, g in pairs)} gold mentions")
    report("readingroom entities (CV)", pairs)


if __name__ == "__main__":
    main()
