"""How long a script switch takes in the reader (a benchmark, not a test).

    python bench/generate.py transcript --size 10MB --out /tmp/big.txt
    python bench/bench_script_switch.py /tmp/big.txt [--rounds 3] [--size 160x50]

Headless (Textual's test driver): the document opens, the view jumps to
blocks not yet converted, then for every mode it times ``app.set_mode``
plus rendering every visible line of the transcript (what the next frame
paints), and separately the panes that follow a frame later (outline,
legend, list titles).  Prints medians and maxima in milliseconds; issue 3
asks for the visible part within 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MODES = ["simplified", "traditional", "taiwan", "hongkong", "taiwan-phrases", "original"]


async def measure(path: Path, rounds: int, size: tuple[int, int]) -> dict[str, list[tuple[float, float]]]:
    from reader.ui.app import ReaderApp

    app = ReaderApp([path])
    results: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.transcript
        blocks = len(view.document.blocks)
        for round_ in range(rounds):
            for name in MODES:
                view.jump_to_block(blocks // 3 + 1000 * round_ + 7)  # text no mode has converted yet
                await pilot.pause()
                start = time.perf_counter()
                app.set_mode(name)
                for y in range(view.size.height):
                    view.render_line(y)
                painted = time.perf_counter()
                app._redraw_panes()
                panes = time.perf_counter()
                await pilot.pause()
                results.setdefault(name, []).append(((painted - start) * 1000, (panes - painted) * 1000))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a transcript (bench/generate.py makes a big one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="160x50", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    os.environ.setdefault("READER_HOME", tempfile.mkdtemp(prefix="reader-bench-"))  # not the user's settings
    results = asyncio.run(measure(args.path, args.rounds, (width, height)))
    print(f"{args.path} ({args.path.stat().st_size / 1e6:.1f} MB), {width}x{height}, {args.rounds} rounds")
    for name, rows in results.items():
        visible = [r[0] for r in rows]
        panes = [r[1] for r in rows]
        print(f"  {name:16s} visible part painted: median {statistics.median(visible):5.1f} ms, "
              f"max {max(visible):5.1f} ms; panes a frame later: median {statistics.median(panes):5.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
