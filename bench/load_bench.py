"""50 concurrent clients against the search API on loopback for 60 s: throughput, latency, errors.

    python bench/load_bench.py [--db demo.db] [--clients 50] [--seconds 60]

Starts `readingroom serve` on 127.0.0.1 (the demo archive unless --db), then runs the same load twice: a static
file from the same server (the HTTP floor, measured in the same run) and /api/search with a mix of the query
language (words, phrases, filters, grouping). Requests go only to this machine's loopback and the run is
bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

QUERIES = ['"untenable situation"', "rwanda", "withdraw* AND unamir", "security council", "treaty date:1925",
           "from:USUN", "oil OR petroleum", "refugees", "kissinger", "soviet NOT union", "embassy tag:PREL",
           "nicaragua marines", '"foreign minister"', "rwanda", "peacekeeping"]  # fmt: skip


async def client(http: httpx.AsyncClient, paths: list[str], until: float, latencies: list, errors: list) -> None:
    rng = random.Random(id(latencies) ^ len(latencies))
    while time.monotonic() < until:
        path = rng.choice(paths)
        t = time.perf_counter()
        try:
            r = await http.get(path)
            if r.status_code != 200:
                errors.append(r.status_code)
        except httpx.HTTPError as e:
            errors.append(type(e).__name__)
        latencies.append(time.perf_counter() - t)


async def load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list, list, float]:
    latencies: list[float] = []
    errors: list = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        start = time.monotonic()
        await asyncio.gather(*(client(http, paths, start + seconds, latencies, errors) for _ in range(clients)))
        elapsed = time.monotonic() - start
    return latencies, errors, elapsed


WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %%d %%f %%f %%f %%f %%d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
"""


def run_wrk(base: str, paths: list[str], clients: int, seconds: float) -> str:
    """wrk (C, Debian's package) loads the server without competing with it the way a Python client does."""
    lua = WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "-s", f.name, base + paths[0]],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    os.unlink(f.name)
    n, dur, p50, p95, p99, errors = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    return (f"{int(n) / float(dur):8.0f} req/s  p50 {float(p50):6.1f} ms  p95 {float(p95):6.1f} ms"
            f"  p99 {float(p99):6.1f} ms  errors {errors}")  # fmt: skip


def report(label: str, latencies: list, errors: list, elapsed: float) -> None:
    s = sorted(latencies)
    p = lambda q: s[min(len(s) - 1, int(q * len(s)))] * 1000  # noqa: E731
    print(f"  {label:<34} {len(s) / elapsed:8.0f} req/s  p50 {p(0.5):6.1f} ms  p95 {p(0.95):6.1f} ms"
          f"  p99 {p(0.99):6.1f} ms  errors {len(errors)}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "demo.db")
    if not args.db:
        from readingroom.api import Archive
        from readingroom.cli.demo import demo_folder

        with Archive(db) as a:
            a.ingest([demo_folder()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "readingroom", "serve", "--db", db, "--port", str(port),
                               "--workers", str(args.workers)],
                              stderr=subprocess.DEVNULL, env={**os.environ})  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        search_paths = ["/api/search?" + str(httpx.QueryParams({"q": q, "limit": 10})) for q in QUERIES]
        runs = [("baseline: GET /static/style.css", ["/static/style.css"]),
                ("GET /api/search (snippets, facets)", search_paths)]  # fmt: skip
        tool = "wrk" if shutil.which("wrk") else "python httpx client (apt-get install wrk for a lighter one)"
        print(f"{args.clients} clients, {args.seconds:.0f} s each run, load from {tool},"
              f" server: readingroom serve --workers {args.workers}")
        for label, paths in runs:
            if shutil.which("wrk"):
                print(f"  {label:<34} {run_wrk(base, paths, args.clients, args.seconds)}")
            else:
                report(label, *asyncio.run(load(base, paths, args.clients, args.seconds)))
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()


if __name__ == "__main__":
    main()
