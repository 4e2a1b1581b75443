"""Keywords and search: how fast, how much memory.  Never asserts.

    .venv/bin/python bench/bench_keywords_search.py [--count 1000] [--repeat 7] [--out DIR] [--big 10MB]

Measures, and prints as one table with the command that made it:

* loading jieba (reader.keywords.load_jieba) in a fresh process, cold (no
  cache yet: jieba builds its prefix dictionary) and warm (from the cache
  in READER_HOME), with the growth of the resident set size;
* keyword extraction per bundled seed and for generated ~30 KB documents,
  once jieba is loaded (target: 100 ms for 30 KB);
* the corpus-wide search over ``--count`` generated documents of ~30 KB
  (bench/generate.py, fixed seed, cached in bench/.data/): building the
  index from files (read + parse + fold) and from documents already loaded
  (fold only: what the UI does), its memory, a refresh with nothing changed,
  and the median time of queries in either Chinese script, German, a
  phrase, a rare word, a very common one and one with no hit (target:
  200 ms per query);
* find in one big generated transcript (``--big``, 10 MB by default):
  :func:`reader.search.find` (folds the text on each call) and a
  :class:`reader.search.Finder` (folded once, what the ``/`` bar uses).

Times are medians of ``--repeat`` runs; RSS is read from /proc/self/statm
(current, not peak).  Runs with the project's Python (it imports reader).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))
import generate

DATA = BENCH / ".data" / "keywords-search"
QUERIES = [
    ("模型", "simplified, common"),
    ("軟件", "traditional"),
    ("微软", "simplified, finds 微軟 too"),
    ("Technologie", "German"),
    ("Kevin Scott", "a phrase (whitespace regex)"),
    ("Copilot", "Latin, rare"),
    ("的", "the most common character"),
    ("量子纠缠态", "no hit: a full scan"),
]

LOAD_SCRIPT = """
import json, os, sys, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
import reader.keywords as k
before = rss()
t = time.perf_counter()
k.load_jieba()
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rss": rss() - before}))
"""


def rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def section(self, title: str) -> None:
        self.rows.append((f"**{title}**", "", ""))

    def add(self, what: str, value: str, note: str = "") -> None:
        self.rows.append((what, value, note))
        print(f"  {what}: {value} {note}", file=sys.stderr)

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows + [("what", "value", "note")]) for i in range(3)]
        line = "| " + " | ".join(h.ljust(w) for h, w in zip(("what", "value", "note"), widths)) + " |"
        print(line)
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in self.rows:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")


def bench_jieba(table: Table, repeat: int) -> None:
    table.section("loading jieba (fresh process each)")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, READER_HOME=home)
        runs = {"cold": [], "warm": []}
        for i in range(max(2, min(repeat, 4))):
            kind = "cold" if i == 0 else "warm"
            out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT], env=env, capture_output=True, text=True, check=True)
            if out.stderr:
                table.add(f"jieba {kind} load: stderr", repr(out.stderr[:60]), "should be empty")
            runs[kind].append(json.loads(out.stdout))
    for kind, note in (("cold", "builds the prefix dict, writes the cache"), ("warm", "from the cache in READER_HOME")):
        seconds = statistics.median(r["seconds"] for r in runs[kind])
        growth = statistics.median(r["rss"] for r in runs[kind])
        table.add(f"load_jieba(), {kind}", f"{seconds:.2f} s, +{mib(growth)} RSS", note)


def bench_keywords(table: Table, repeat: int, generated: list[Path]) -> None:
    from reader.keywords import KeywordCorpus, extract_keywords, load_jieba
    from reader.load import load_document
    from reader.resources import bundled_documents

    load_jieba()
    table.section("keywords, jieba loaded (target ≤ 100 ms for 30 KB)")
    seeds = [load_document(p) for p in bundled_documents()]
    corpus = KeywordCorpus(seeds)
    for document in seeds:
        size = len(document.text.encode("utf-8"))
        seconds = median_time(lambda d=document: extract_keywords(d, corpus=corpus), repeat)
        table.add(f"{document.path.name}", ms(seconds), f"{size / 1000:.0f} KB, {document.language}")
    samples = {}
    for path in generated:
        document = load_document(path)
        samples.setdefault(document.language + (document.script or ""), document)
        if len(samples) >= 2:
            break
    for key, document in samples.items():
        size = len(document.text.encode("utf-8"))
        seconds = median_time(lambda d=document: extract_keywords(d, corpus=corpus), repeat)
        table.add(f"generated {document.path.name}", ms(seconds), f"{size / 1000:.0f} KB, {key}")


def corpus_files(count: int, out: Path | None) -> list[Path]:
    folder = out or DATA / f"corpus-{count}"
    stamp = folder / ".stamp.json"
    want = {"count": count, "size": "30KB", "seed": generate.DEFAULT_SEED,
            "corpus": generate.sha256_of(sorted((ROOT / "corpus").glob("*.txt")))}  # fmt: skip
    if not (stamp.exists() and json.loads(stamp.read_text()) == want):
        print(f"generating {count} documents in {folder} …", file=sys.stderr)
        start = time.perf_counter()
        generate.write_corpus(folder, count, generate.parse_size("30KB"))
        stamp.write_text(json.dumps(want))
        print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return sorted(folder.glob("interview-*.txt"))[:count]


def bench_search(table: Table, repeat: int, files: list[Path]) -> None:
    from reader.load import load_document
    from reader.search import CorpusIndex

    total = sum(p.stat().st_size for p in files)
    table.section(f"corpus search, {len(files)} generated documents, {total / 1e6:.1f} MB (target ≤ 200 ms a query)")
    gc.collect()
    start = time.perf_counter()
    documents = [load_document(p) for p in files]
    parse = time.perf_counter() - start
    table.add("load + parse every file (not the index)", f"{parse:.2f} s", "reader.load.load_document")
    gc.collect()
    before = rss()
    start = time.perf_counter()
    index = CorpusIndex(documents)
    build = time.perf_counter() - start
    grew = rss() - before
    table.add("CorpusIndex(documents already loaded)", ms(build), f"fold only; +{mib(grew)} RSS for the folded texts")
    del index
    gc.collect()
    start = time.perf_counter()
    index = CorpusIndex(files)
    table.add("CorpusIndex(paths)", f"{time.perf_counter() - start:.2f} s", "read + parse + fold")
    del documents
    gc.collect()
    table.add("refresh(), nothing changed", ms(median_time(index.refresh, repeat)), f"{len(files)} stat calls")
    for query, note in QUERIES:
        hits = index.count(query)
        first = median_time(lambda q=query: index.search(q, limit=1000), repeat)
        table.add(f"search({query!r}, limit=1000)", ms(first), f"{note}; {hits:,} hits in all")
        if hits <= 20_000:
            every = median_time(lambda q=query: index.search(q, limit=None), repeat)
            table.add(f"search({query!r}, limit=None)", ms(every), f"all {hits:,} hits with snippets")
        table.add(f"count({query!r})", ms(median_time(lambda q=query: index.count(q), repeat)), "scan only")


def big_file(size: str) -> Path:
    path = DATA / f"transcript-{size}.txt"
    if not path.exists():
        print(f"generating {path} …", file=sys.stderr)
        generate.write_transcript(path, generate.parse_size(size))
    return path


def bench_find(table: Table, repeat: int, path: Path) -> None:
    from reader.load import load_document
    from reader.search import Finder, find

    document = load_document(path)
    size = path.stat().st_size
    table.section(f"find in one document, {path.name} ({size / 1e6:.1f} MB, {len(document.text):,} characters)")
    start = time.perf_counter()
    finder = Finder(document)
    table.add("Finder(document)", ms(time.perf_counter() - start), "folds the text once")
    for query, note in QUERIES[:2] + QUERIES[-2:]:
        hits = len(finder.find(query))
        table.add(f"Finder.find({query!r})", ms(median_time(lambda q=query: finder.find(q), repeat)), f"{note}; {hits:,} hits")
    table.add("find(document, '模型')", ms(median_time(lambda: find(document, "模型"), repeat)), "fold + scan on every call")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="generated documents to search (default 1000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median; default 7)")
    parser.add_argument("--out", type=Path, help="where the generated documents go (default bench/.data/…)")
    parser.add_argument("--big", default="10MB", help="size of the one big transcript for find (default 10MB; 0: skip)")
    args = parser.parse_args(argv)
    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    os.environ.setdefault("READER_HOME", tempfile.mkdtemp(prefix="reader-bench-"))
    table = Table()
    files = corpus_files(args.count, args.out)
    bench_jieba(table, args.repeat)
    bench_keywords(table, args.repeat, files)
    bench_search(table, args.repeat, files)
    if args.big not in ("0", ""):
        bench_find(table, args.repeat, big_file(args.big))
    print(f"\n`{command}`\n")
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs\n")
    table.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
