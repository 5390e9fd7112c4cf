"""Evidence recall of `ask` on question sets (by default the seed's questions and every set in
bench/questions/, each reported on its own and all together).

    python bench/ask_eval.py [--db archive.db] [--questions FILE.json ...] [--modes lexical hybrid]

A question set is JSON: either an object with "questions" (like ../shared/seed/*.expected.json) or a list of
{"question", "evidence_phrases", "scope"?}. Recall@k = share of evidence phrases contained (white space
collapsed) in at least one of the top k quotes, each cut to its first 600 characters. Without --db the bundled
demo archive is built in a temporary folder first; for the semantic and hybrid modes it is embedded too
(about two minutes with the `[semantic]` extra).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from readingroom.api import Archive
from readingroom.cli.demo import demo_folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT.parent / "shared" / "seed" / "000_7b586f3c1424ed7d.expected.json"


def norm(s: str) -> str:
    return " ".join(s.split())


def load(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["questions"] if isinstance(data, dict) else data


def recall(quotes: list[str], phrases: list[str], k: int) -> float:
    top = [norm(q[:600]) for q in quotes[:k]]
    return sum(any(norm(p) in q for q in top) for p in phrases) / len(phrases)


def summary(rows: list[tuple[float, float, int]]) -> str:
    """Phrase-weighted recall over (R@5, R@10, phrases) rows."""
    n = sum(r[2] for r in rows)
    micro5, micro10 = (sum(r[i] * r[2] for r in rows) / n for i in (0, 1))
    return f"(phrase-weighted): R@5 {micro5:.2f}  R@10 {micro10:.2f}  over {len(rows)} questions, {n} phrases"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--questions", nargs="*", type=Path, default=[DEFAULT_SET, *sorted((ROOT / "bench" / "questions").glob("*.json"))])
    ap.add_argument("--modes", nargs="*", default=["lexical"])
    args = ap.parse_args()
    tmp = None
    if not args.db:
        tmp = tempfile.TemporaryDirectory()
        args.db = str(Path(tmp.name) / "demo.db")
    with Archive(args.db) as a:
        if a.stats()["documents"] == 0:
            a.ingest([demo_folder()])
        if set(args.modes) - {"lexical"} and a.store.count_to_embed():  # type: ignore[attr-defined]
            t0 = time.perf_counter()
            print(f"embedded {a.embed()} paragraphs in {time.perf_counter() - t0:.0f} s")
        print(f"archive: {args.db} ({a.stats()['documents']} documents, {a.stats()['paragraphs']} paragraphs)")
        for mode in args.modes:
            rows = []
            for path in args.questions:
                first = len(rows)
                for q in load(path):
                    t0 = time.perf_counter()
                    answer = a.ask(q["question"], limit=10, mode=mode)
                    ms = (time.perf_counter() - t0) * 1000
                    quotes = [e.quote for e in answer.evidence]
                    r5, r10 = recall(quotes, q["evidence_phrases"], 5), recall(quotes, q["evidence_phrases"], 10)
                    rows.append((r5, r10, len(q["evidence_phrases"])))
                    print(f"{mode:<8} R@5 {r5:.2f}  R@10 {r10:.2f}  {ms:6.0f} ms  [{answer.kind}] {q['question'][:70]}")
                print(f"{mode:<8} {path.name}: {summary(rows[first:])}")
            print(f"{mode:<8} overall {summary(rows)}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
