#!/usr/bin/env python3
"""Plain summary of the criterion results of `make bench`: mean time, MB/s
(MB = 10^6 bytes) and, for the article benchmarks, ms per article.

Reads every `<criterion dir>/**/new/{benchmark,estimates}.json` (default
target/criterion). Inputs measured at 1MB and 4MB also get their time
ratio, about 4 when time grows linearly. A benchmark named `…-<N>-articles` analyses N articles
per iteration; any other throughput benchmark is one article (or one input).
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = []
for bench in sorted(root.glob("**/new/benchmark.json")):
    meta = json.loads(bench.read_text())
    mean_ns = json.loads((bench.parent / "estimates.json").read_text())["mean"]["point_estimate"]
    size = (meta.get("throughput") or {}).get("Bytes")
    name = meta["full_id"]
    articles = re.search(r"(\d+)-articles", name)
    per_article = mean_ns / 1e6 / (int(articles.group(1)) if articles else 1)
    mb_s = size / 1e6 / (mean_ns / 1e9) if size else None
    rows.append((name, mean_ns / 1e6, mb_s, per_article if name.startswith("throughput/") else None))

if not rows:
    sys.exit(f"no criterion results under {root}: run `make bench` first")
width = max(len(r[0]) for r in rows)
print(f"{'benchmark':<{width}}  {'mean ms':>10}  {'MB/s':>7}  {'ms/article':>10}")
for name, ms, mb_s, per_article in rows:
    mb = f"{mb_s:7.2f}" if mb_s is not None else f"{'':7}"
    pa = f"{per_article:10.3f}" if per_article is not None else ""
    print(f"{name:<{width}}  {ms:10.2f}  {mb}  {pa}")

means = {name: ms for name, ms, _, _ in rows}
pairs = [(n[: -len("/1MB")], ms, means.get(n[: -len("1MB")] + "4MB")) for n, ms in means.items() if n.endswith("/1MB")]
if pairs:
    print("\n4 MB / 1 MB time (linear: about 4)")
    for name, one, four in pairs:
        if four is not None:
            print(f"{name:<{width}}  {four / one:5.2f}")
