"""Deterministic generator of raw-layout cables (as released in OCR) for ingest benchmarks.

    python bench/gen_cables.py OUT_DIR N [--seed 1994]
"""

from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

POSTS = ["AMEMBASSY KIGALI", "AMEMBASSY KAMPALA", "AMEMBASSY NAIROBI", "AMEMBASSY BRUSSELS", "AMEMBASSY PARIS",
         "USMISSION USUN NEW YORK", "USMISSION GENEVA", "AMEMBASSY DAR ES SALAAM", "AMEMBASSY ADDIS ABABA"]  # fmt: skip
TAGS = ["PREL", "PINS", "MARR", "MOPS", "PHUM", "UNSC", "RW", "BY", "UG", "ECON", "EAID", "PGOV"]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
BASE = ("security council mission peacekeeping force withdrawal ceasefire refugees government embassy minister "
        "negotiations parties violence troops mandate resolution humanitarian assistance delegation ambassador "
        "president foreign affairs military situation capital border talks agreement statement report").split()


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    extra = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size)}
    return BASE + sorted(extra)


def cable(rng: random.Random, vocab: list[str], weights: list[float], n: int) -> str:
    day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    month, year = rng.choice(MONTHS), rng.choice([73, 74, 75, 76, 77, 78, 79, 93, 94, 95])
    sender, recipient = rng.sample(POSTS, 2)
    info = rng.sample(POSTS, 3)
    number = f"{n % 99999:05d}"
    lines = ["CONFIDENTIAL", "PAGE 01", f"{sender.split()[-1][:5]} {number} {day:02d}{hour:02d}{minute:02d}Z",
             f"O {day:02d}{hour:02d}{minute:02d}{rng.choice('Z2')} {month} {year}", f"FM {sender}",
             f"TO SECSTATE WASHDC IMMEDIATE {rng.randint(1000, 9999)}", f"INFO {info[0]} PRIORITY", *info[1:],
             f"CONFIDENTIAL{sender.split()[-1]} {number}", "E.O. 12356: DECL:OADR",
             f"TAGS: {', '.join(rng.sample(TAGS, 3))}",
             f"SUBJECT: {' '.join(rng.choices(vocab, weights, k=6)).upper()}", "",
             "1. CONFIDENTIAL - ENTIRE TEXT.", ""]  # fmt: skip
    for p in range(2, rng.randint(4, 9)):
        words = rng.choices(vocab, weights, k=rng.randint(40, 80))
        body = " ".join(words).upper()
        wrapped = textwrap.wrap(body, 60)
        lines.append(f"{p}. " + "\n".join(wrapped))
        if rng.random() < 0.2:
            lines += ["CONFIDENTIAL", f"PAGE 0{p}", "UNCLASSIFIED"]
        lines.append("")
    lines.append(rng.choice(["CHRISTOPHER", "ALBRIGHT", "KISSINGER", "VANCE"]))
    return "\n".join(lines) + "\n"


def generate(out: Path, count: int, seed: int = 1994) -> int:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(count):
        text = cable(rng, vocab, weights, n)
        folder = out / f"{n // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"cable-{n:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1994)
    a = ap.parse_args()
    print(f"{generate(a.out, a.count, a.seed):,} bytes")
