#!/usr/bin/env python3
"""`make bench-research`: throughput of the CLI on 1, 2 and every core, of the
Python package against the CLI, and of WARC.gz input.

Corpora are made in target/bench from ../shared (never committed): PolNeAR train
({"id", "text"} only) repeated to at least 50 MB, and the saved pages of
../shared/pages as WARC response records, one gzip member each (as Common Crawl
writes them), repeated to at least 50 MB of WARC. Each figure is one run, wall
clock, so other work on the machine shows in it: the table says how many cores
there are, not how many were free.
"""

import gzip
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
CLI = ROOT / "target/release/quotelens"
OUT = ROOT / "target/bench"
MB = 1_000_000
TARGET = 50 * MB


def polnear_corpus():
    path = OUT / "polnear-train-50mb.jsonl"
    articles = [json.loads(l) for l in (SHARED / "data/polnear-train.jsonl").open()]
    if not path.exists():
        with path.open("w") as out:
            written, copy = 0, 0
            while written < TARGET:
                for a in articles:
                    line = json.dumps({"id": f"{a['id']}#{copy}", "text": a["text"]}) + "\n"
                    written += out.write(line)
                copy += 1
    texts = []
    for line in path.open():
        texts.append(json.loads(line)["text"])
    return path, texts


def warc_corpus():
    path = OUT / "pages-50mb.warc.gz"
    raw = 0
    pages = sorted((SHARED / "pages").glob("*.html"))
    if not path.exists():
        with path.open("wb") as out:
            while raw < TARGET:
                for page in pages:
                    body = page.read_bytes()
                    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
                    head = (
                        "WARC/1.0\r\nWARC-Type: response\r\n"
                        f"WARC-Target-URI: https://example.com/{page.stem}\r\n"
                        "WARC-Date: 2024-01-01T00:00:00Z\r\n"
                        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                        "Content-Type: application/http; msgtype=response\r\n"
                        f"Content-Length: {len(http)}\r\n\r\n"
                    ).encode()
                    record = head + http + b"\r\n\r\n"
                    raw += len(record)
                    out.write(gzip.compress(record, compresslevel=6))
    else:
        raw = len(gzip.decompress(path.read_bytes()))
    return path, raw


def timed(command):
    """Wall-clock and CPU seconds (user + system, every thread) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    if not (SHARED / "data/polnear-train.jsonl").exists():
        print(f"{SHARED}/data is not there: nothing to measure")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count()
    corpus, texts = polnear_corpus()
    text_mb = sum(len(t.encode()) for t in texts) / MB
    print(f"PolNeAR train repeated: {len(texts)} articles, {text_mb:.1f} MB of text, "
          f"{corpus.stat().st_size / MB:.1f} MB of JSON Lines; {cores} cores (shared)")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| threads | wall s | MB/s of text | speed-up | CPU s |\n| --- | --- | --- | --- | --- |")
    first = None
    for jobs in sorted({1, 2, cores}):
        seconds, cpu = timed([CLI, "extract", "--jobs", str(jobs), corpus])
        first = first or seconds
        print(f"| {jobs} | {seconds:.2f} | {text_mb / seconds:.1f} | {first / seconds:.2f} | {cpu:.2f} |")

    try:
        import quotelens
    except ImportError:
        print("quotelens is not installed in this Python: run with target/venv/bin/python")
    else:
        for jobs in [1, None]:
            cpu_start = time.process_time()
            start = time.perf_counter()
            results = quotelens.analyze(texts, jobs=jobs)
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            label = "every core" if jobs is None else f"{jobs} thread"
            quotes = sum(len(r["quotes"]) for r in results)
            print(f"Python analyze(list), {label}: {seconds:.2f} s ({cpu:.2f} CPU s), "
                  f"{text_mb / seconds:.1f} MB/s "
                  f"({quotes} quotes, dicts included)")
        start = time.perf_counter()
        for text in texts:
            quotelens.analyze(text)
        seconds = time.perf_counter() - start
        print(f"Python analyze(str) one by one: {seconds:.2f} s, {text_mb / seconds:.1f} MB/s")

    warc, raw = warc_corpus()
    gz_mb = warc.stat().st_size / MB
    for jobs in sorted({1, cores}):
        seconds, cpu = timed([CLI, "extract", "--jobs", str(jobs), warc])
        print(f"WARC.gz, {jobs} thread(s): {seconds:.2f} s ({cpu:.2f} CPU s), "
              f"{raw / MB / seconds:.1f} MB/s of WARC ({raw / MB:.0f} MB, {gz_mb:.0f} MB gzipped)")


if __name__ == "__main__":
    sys.exit(main())
