"""How fast reader.convert is: a benchmark, not a test (it asserts nothing).

    python bench/bench_convert.py [--runs 5] [--size-mb 10] [--peer-python PATH]

Prints, as medians of --runs runs:

* throughput in M characters/s of ``convert`` and ``convert_mapped`` for
  t2s, s2t, s2tw and s2twp on each corpus file and on a generated Chinese
  text of --size-mb million characters (the corpus's Chinese paragraphs,
  shuffled and repeated with a fixed seed: the same text on every run);
* the time to build each config's converter (what the first use of a mode
  costs; reader.convert builds each once and keeps it);
* switch latency: ``convert_mapped`` of the first screen (60 lines) of the
  generated text in every display mode, with the converter already built.

--peer-python runs the same plain conversions with another interpreter, in
its own venv (say one with opencc-python-reimplemented, which must never be
installed beside the official binding: both are the `opencc` module), and
prints how the two compare.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.convert import MODES, available_configs, convert, convert_mapped, preload

CONFIGS = ["t2s", "s2t", "s2tw", "s2twp"]
SCREEN_LINES = 60
SEED = 6


def generated_text(size: int, seed: int = SEED) -> str:
    """``size`` characters of Chinese transcript text, always the same."""
    paragraphs = []
    for path in sorted((ROOT / "corpus").glob("*-zh-*.txt")):
        paragraphs += [p for p in path.read_text("utf-8").split("\n") if p.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        batch = paragraphs[:]
        rng.shuffle(batch)
        for paragraph in batch:
            out.append(paragraph)
            total += len(paragraph) + 1
            if total >= size:
                break
    return "\n".join(out)[:size]


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def throughput_rows(name: str, text: str, runs: int) -> list[str]:
    rows = []
    for config in CONFIGS:
        plain = median_seconds(lambda config=config: convert(text, config), runs)
        mapped = median_seconds(lambda config=config: convert_mapped(text, config), runs)
        rows.append(
            f"{name:<42} {len(text):>10,} {config:<6} {len(text) / plain / 1e6:>9.1f} {len(text) / mapped / 1e6:>9.1f}"
            f" {plain * 1000:>9.1f} {mapped * 1000:>9.1f}"
        )
    return rows


_BUILD = """
import sys, time
start = time.perf_counter()
import opencc
imported = time.perf_counter()
opencc.OpenCC(sys.argv[1])
built = time.perf_counter()
opencc.OpenCC(sys.argv[1])
print(imported - start, built - imported, time.perf_counter() - built)
"""


def build_times(runs: int) -> list[str]:
    """Each config built in a fresh process (what the first use of a mode
    costs), and built again in the same process (OpenCC keeps the loaded
    dictionaries, so a rebuild is cheap)."""
    rows = []
    for config in sorted(available_configs()):
        figures = []
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", _BUILD, config], capture_output=True, text=True, check=True)
            figures.append([float(x) for x in done.stdout.split()])
        imported, cold, again = (statistics.median(column) for column in zip(*figures))
        rows.append(f"  {config:<6} first {cold * 1000:>6.1f} ms   again {again * 1000:>5.1f} ms   (import opencc {imported * 1000:.0f} ms)")
    return rows


def switch_latency(text: str, runs: int) -> list[str]:
    screen = "\n".join(text.split("\n", SCREEN_LINES)[:SCREEN_LINES])
    rows = []
    for mode in MODES:
        if mode.config is None:
            continue
        seconds = median_seconds(lambda config=mode.config: convert_mapped(screen, config), runs)
        rows.append(f"  {mode.name:<20} {mode.config:<6} {len(screen):>7,} chars {seconds * 1000:>8.2f} ms")
    return rows


_PEER = """
import json, statistics, sys, time
import opencc
text = open(sys.argv[1], encoding="utf-8").read()
result = {}
for config in sys.argv[3:]:
    try:
        conv = opencc.OpenCC(config)
    except Exception:
        continue
    times = []
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter(); conv.convert(text); times.append(time.perf_counter() - start)
    result[config] = statistics.median(times)
print(json.dumps(result))
"""


def peer_rows(python: str, text: str, runs: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "text.txt"
        path.write_text(text, "utf-8")
        done = subprocess.run(
            [python, "-c", _PEER, str(path), str(runs), *CONFIGS], capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        return [f"  peer failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"]
    peer = json.loads(done.stdout)
    rows = []
    for config in CONFIGS:
        ours = median_seconds(lambda config=config: convert(text, config), runs)
        if config in peer:
            rows.append(
                f"  {config:<6} official {len(text) / ours / 1e6:>7.2f} M/s   peer {len(text) / peer[config] / 1e6:>7.2f} M/s"
                f"   official is {peer[config] / ours:>6.1f}× as fast"
            )
        else:
            rows.append(f"  {config:<6} the peer has no such config")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is shown (default 5)")
    parser.add_argument("--size-mb", type=float, default=10, help="size of the generated text in M characters")
    parser.add_argument("--peer-python", help="an interpreter whose `opencc` module to compare with")
    args = parser.parse_args()

    preload(*available_configs())  # building is measured on its own below
    big = generated_text(int(args.size_mb * 1_000_000))
    big_runs = max(1, min(args.runs, 3))  # the 10 MB figures take seconds each

    print(f"reader.convert benchmark — median of {args.runs} runs ({big_runs} on the generated text)")
    print()
    print(f"{'text':<42} {'chars':>10} {'config':<6} {'plain M/s':>9} {'mapped M/s':>9} {'plain ms':>9} {'mapped ms':>9}")
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for row in throughput_rows(path.name, path.read_text("utf-8"), args.runs):
            print(row)
    for row in throughput_rows(f"generated (seed {SEED})", big, big_runs):
        print(row)
    print()
    print(f"converter build time (median of {args.runs}, each in a fresh process):")
    print("\n".join(build_times(args.runs)))
    print()
    print(f"switch latency: the first {SCREEN_LINES} lines of the generated text, converter built:")
    print("\n".join(switch_latency(big, args.runs)))
    if args.peer_python:
        print()
        print(f"peer ({args.peer_python}), plain convert of the generated text, 1 run (it is slow):")
        print("\n".join(peer_rows(args.peer_python, big, 1)))


if __name__ == "__main__":
    main()
