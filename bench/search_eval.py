"""Known-item search on FRUS: the editors' one-sentence summaries from the volumes' "List of Papers", each
with the document it describes (../shared/eval/known-items-frus.jsonl).

    python bench/search_eval.py [--db frus.db] [--modes lexical ...]

Ingests every volume of ../shared/corpus/frus-tei into one archive (unless --db already holds it), searches
each summary as plain words at document level, and prints MRR@10 and recall@10 per mode and per volume.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from readingroom.api import Archive

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def plain(query: str) -> str:
    """The summary as plain words: no quotes, parentheses or operators."""
    q = re.sub(r'["()]', " ", query)
    return re.sub(r"\b(AND|OR|NOT)\b", lambda m: m.group(1).lower(), q)


def evaluate(archive: Archive, items: list[dict], mode: str) -> dict:
    rr, hit, per_volume, times = [], [], defaultdict(list), []
    for item in items:
        t = time.perf_counter()
        result = archive.search(plain(item["query"]), limit=10, group="doc", mode=mode)
        times.append(time.perf_counter() - t)
        ranks = [i for i, h in enumerate(result.hits, 1) if h.source_id == item["target"]]
        rr.append(1 / ranks[0] if ranks else 0.0)
        hit.append(1.0 if ranks else 0.0)
        per_volume[item["volume"]].append(rr[-1])
    times.sort()
    return {
        "mrr10": sum(rr) / len(rr),
        "recall10": sum(hit) / len(hit),
        "p95_ms": times[int(0.95 * len(times))] * 1000,
        "per_volume": {v: sum(x) / len(x) for v, x in sorted(per_volume.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--modes", nargs="*", default=["lexical"])
    ap.add_argument("--limit", type=int, default=0, help="only the first N queries")
    args = ap.parse_args()
    items = [json.loads(line) for line in (SHARED / "eval" / "known-items-frus.jsonl").read_text().splitlines()]
    items = items[: args.limit] if args.limit else items
    tmp = tempfile.TemporaryDirectory() if not args.db else None
    db = args.db or str(Path(tmp.name) / "frus.db")  # type: ignore[union-attr]
    with Archive(db) as archive:
        if archive.stats()["documents"] == 0:
            t = time.perf_counter()
            archive.ingest([SHARED / "corpus" / "frus-tei"])
            print(f"ingested FRUS in {time.perf_counter() - t:.0f} s")
        print(f"archive: {archive.stats()['documents']:,} documents; {len(items)} known-item queries")
        for mode in args.modes:
            r = evaluate(archive, items, mode)
            print(f"{mode:<9} MRR@10 {r['mrr10']:.3f}  recall@10 {r['recall10']:.3f}  p95 {r['p95_ms']:.1f} ms")
            for volume, mrr in r["per_volume"].items():
                print(f"          {volume:<18} MRR@10 {mrr:.3f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
