"""In-process measurements, one fresh Python process per call (run.py starts it).

    python bench/worker.py parse PATH... [--repeat N]
    python bench/worker.py features BIG CORPUS SEED... [--repeat N] [--quick]
    python bench/worker.py headless '{"paths": [...], "first": [...], "last": "...", ...}'

Each prints one JSON object on stdout.  A fresh process per call keeps the
figures independent (no warm caches from an earlier scenario, a clean peak
RSS) and keeps a hung or crashed UI from taking the whole run down.

A figure that cannot be taken yet is a string starting "n/a:", never an
exception: the benchmark runs against whatever the project has today.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screens

# Where the features measured through their API are looked for (they landed
# after the benchmark was written; a missing one reads "n/a: not
# implemented").  The first module and function found is used.
SEARCH_API = [("reader.search", ["find", "search", "find_all"])]
KEYWORDS_API = [("reader.keywords", ["extract_keywords", "keywords", "extract"])]
CONVERT_API = [("reader.convert", ["convert"])]
UI_MODULE = os.environ.get("READER_BENCH_UI", "reader.ui.app")  # another build of the UI, for experiments
NOT_IMPLEMENTED = "n/a: not implemented"


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


# --- parse ------------------------------------------------------------------


def parse(paths: list[Path], repeat: int) -> dict:
    """load_document per file; a folder is timed whole (all its documents)."""
    from reader.load import expand_paths, load_document
    from reader.resources import bundled_documents

    # Warm up on a small file first: lazy imports and first-use set-up are
    # paid by the app's start, not by each parse (the headless and tmux
    # first-paint figures include them).
    load_document(bundled_documents()[0])
    out: dict[str, object] = {}
    for path in paths:
        if path.is_dir():
            files = expand_paths([path])
            per_doc: list[float] = []
            totals = []
            for _ in range(repeat):
                times = [timed(lambda f=f: load_document(f)) for f in files]
                totals.append(sum(times))
                per_doc.extend(times)
            out[str(path)] = {"total": totals, "per_document": statistics.median(per_doc), "documents": len(files)}
        else:
            out[str(path)] = {"total": [timed(lambda p=path: load_document(p)) for _ in range(repeat)]}
    out["peak_rss"] = peak_rss()
    return out


# --- features that land later: search, keywords, script conversion ---------


def find_api(candidates: list[tuple[str, list[str]]]) -> Callable | str:
    for module_name, names in candidates:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # the module itself is missing, not one of its imports
            return f"n/a: {module_name} fails to import ({error})"
        for name in names:
            if callable(getattr(module, name, None)):
                return getattr(module, name)
    return NOT_IMPLEMENTED


def call_flexibly(function: Callable, document, *extra) -> object:
    """Call with the Document or its text, whichever the first parameter
    looks like (`doc`, `document` → the Document; anything else → text)."""
    params = list(inspect.signature(function).parameters)
    first = params[0] if params else ""
    subject = document if first in ("doc", "document", "d") else document.text
    return function(subject, *extra)


def samples(job: Callable[[], object], repeat: int, budget: float = 10.0) -> list[float] | str:
    """Up to ``repeat`` timings of ``job``, fewer once ``budget`` seconds are
    spent (a slow job needs one sample, not five); "n/a: …" if it fails."""
    out: list[float] = []
    try:
        while len(out) < repeat and sum(out) < budget:
            out.append(timed(job))
    except Exception as error:  # noqa: BLE001 - an API we guessed wrong is a note, not a crash
        return f"n/a: {type(error).__name__}: {error}"[:200]
    return out


def per_document(job: Callable[[object], object], documents: list) -> list[float] | str:
    """One timing per document (the table shows their median)."""
    try:
        return [timed(lambda d=d: job(d)) for d in documents]
    except Exception as error:  # noqa: BLE001 - as in samples()
        return f"n/a: {type(error).__name__}: {error}"[:200]


def features(big: Path, corpus: Path, seeds: list[Path], repeat: int, quick: bool) -> dict:
    """Search, keywords and conversion on the seeds, the 10 MB transcript
    and the 1,000 documents, through whichever API exists (see the *_API
    lists at the top)."""
    from reader.load import expand_paths, load_document

    seed_docs = [load_document(p) for p in seeds]
    document = load_document(big)
    sample_docs = [load_document(p) for p in expand_paths([corpus])[:20]]  # 20 generated ~30 KB documents
    out: dict[str, object] = {}

    search = find_api(SEARCH_API)
    if isinstance(search, str):
        out["search:seed"] = out["search:big"] = out["search:corpus"] = out["search:index"] = search
    else:
        query = "模型"  # frequent in the corpus: many hits to collect
        out["search:seed"] = per_document(lambda d: call_flexibly(search, d, query), seed_docs)
        out["search:big"] = samples(lambda: call_flexibly(search, document, query), repeat)
        index_class = getattr(sys.modules[search.__module__], "CorpusIndex", None)
        if index_class is None:
            out["search:corpus"] = out["search:index"] = NOT_IMPLEMENTED + " (a corpus index)"
        else:
            paths = expand_paths([corpus])
            built: list = []
            out["search:index"] = samples(lambda: built.append(index_class(paths)), 1)
            out["search:corpus"] = samples(lambda: built[-1].search(query), repeat) if built else "n/a: no index"

    keywords = find_api(KEYWORDS_API)
    if isinstance(keywords, str):
        out["keywords:seed"] = out["keywords:doc"] = out["keywords:big"] = out["keywords:load"] = keywords
    else:
        # The UI loads the segmenter once at start-up, in a worker; time that
        # apart from the extraction.
        load = getattr(sys.modules[keywords.__module__.rsplit(".", 1)[0]], "load_jieba", None)
        out["keywords:load"] = samples(load, 1) if load else "n/a: no load_jieba"
        out["keywords:seed"] = per_document(lambda d: call_flexibly(keywords, d), seed_docs)
        out["keywords:doc"] = per_document(lambda d: call_flexibly(keywords, d), sample_docs)
        out["keywords:big"] = ("n/a: skipped with --quick (slow)" if quick
                               else samples(lambda: call_flexibly(keywords, document), repeat, budget=5.0))

    convert = find_api(CONVERT_API)
    # The generated transcript is in Traditional characters: to Simplified.
    out["convert:big"] = convert if isinstance(convert, str) else samples(lambda: convert(document.text, "t2s"), repeat)
    out["peak_rss"] = peak_rss()
    return out


# --- headless UI (Textual's run_test / Pilot) -------------------------------


class _Captured(BaseException):
    """Raised by the patched App.run to hand the constructed app back."""

    def __init__(self, app) -> None:
        self.app = app


def make_app(paths: list[str]):
    """The app exactly as `reader PATH...` builds it: call the UI's run_app
    with App.run patched to hand the instance back instead of running it."""
    from textual.app import App

    module = importlib.import_module(UI_MODULE)
    run_app = module.run_app
    original = App.run

    def capture(self, *args, **kwargs):
        raise _Captured(self)

    App.run = capture
    try:
        run_app(paths)
    except _Captured as captured:
        return captured.app
    finally:
        App.run = original
    raise RuntimeError(f"{UI_MODULE}.run_app returned without running an App")


def screen_text(app, region=None) -> str:
    """The text the compositor would paint now (whole rows of ``region``)."""
    strips = app.screen._compositor.render_strips()
    if region is not None:
        strips = strips[region.y : region.bottom]
    return "\n".join(strip.text for strip in strips)


def update_rows(update) -> dict[int, str] | None:
    """The text of the rows a compositor update paints, by row; None for an
    update of a kind we do not know (then every check runs in full)."""
    rows: dict[int, str] = {}
    if hasattr(update, "chops") and hasattr(update, "spans"):  # a partial update
        for y, _, _ in update.spans:
            rows[y] = "".join(strip.text for strip in update.chops[y].values() if strip is not None)
        return rows
    if hasattr(update, "strips") and hasattr(update, "region"):  # a full update
        for y, line in enumerate(update.strips, update.region.y):
            rows[y] = "".join(strip.text for strip in line)
        return rows
    return None


@dataclass
class Waiter:
    predicate: Callable[[str], bool]
    future: asyncio.Future
    region: object
    hint: Callable[[dict[int, str]], bool]
    hinted: bool = False


class Frames:
    """Records every frame the app paints and resolves waiters on them.

    Textual paints through ``App._display`` (headless mode renders each
    update all the same and only skips writing it to the terminal), so
    wrapping it gives the time of each frame and lets us look at the screen
    right after it.  Looking at the whole screen means rendering it again
    (~10 ms), which would delay the next frame, so a waiter first looks at
    what the update itself painted (``hint``) and only then at the screen.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.times: list[float] = []
        self.probe: Callable[[], object] | None = None  # sampled at each frame
        self.samples: list[tuple[float, object]] = []
        self.waiters: list[Waiter] = []
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = time.perf_counter()
            self.times.append(now)
            if self.probe is not None:
                self.samples.append((now, self.probe()))
            if self.waiters:
                self._check(now, update_rows(renderable))

        app._display = display

    def _check(self, now: float, rows: dict[int, str] | None) -> None:
        for waiter in list(self.waiters):
            # Once the hint held, every later frame is looked at in full: the
            # frame that completes the screen need not repaint the marker.
            waiter.hinted = waiter.hinted or rows is None or waiter.hint(rows)
            if waiter.hinted and waiter.predicate(screen_text(self.app, waiter.region)):
                waiter.future.set_result(now)
                self.waiters.remove(waiter)

    def watch(self, predicate: Callable[[str], bool], region=None,
              hint: Callable[[dict[int, str]], bool] = lambda rows: True) -> asyncio.Future:
        """A future that gets the time of the first frame satisfying ``predicate``
        (``hint(rows painted by the update)`` False: skip the frame unchecked)."""
        waiter = Waiter(predicate, asyncio.get_running_loop().create_future(), region, hint)
        self.waiters.append(waiter)
        return waiter.future


def paints_any(markers: list[str]) -> Callable[[dict[int, str]], bool]:
    """A hint: the update itself paints one of ``markers``."""
    return lambda rows: any(m in text for text in rows.values() for m in markers)


def paints_within(region) -> Callable[[dict[int, str]], bool]:
    """A hint: the update paints a row of ``region``."""
    if region is None:
        return lambda rows: True
    return lambda rows: any(region.y <= y < region.bottom for y in rows)


async def wait(future: asyncio.Future, timeout: float) -> float | None:
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        return None


def find_widget(app, class_name: str):
    for widget in app.screen.walk_children(with_self=False):
        if any(cls.__name__ == class_name for cls in type(widget).__mro__):
            return widget
    return None


async def scroll_frames(pilot, frames: Frames, view, presses: int) -> list[float] | str:
    """Frame intervals while paging down: from each key to the first frame
    that shows the view scrolled, then between frames that scrolled it
    further (Textual animates a page down).  Frames that moved nothing, such
    as a repaint after the animation, do not count."""
    if view is None:
        return "n/a: no TranscriptView on screen"
    frames.probe = lambda: view.scroll_offset.y
    intervals: list[float] = []
    for _ in range(presses):
        frames.samples.clear()
        pressed, last_y = time.perf_counter(), view.scroll_offset.y
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        previous = pressed
        for when, y in frames.samples:
            if y != last_y:
                intervals.append(when - previous)
                previous, last_y = when, y
    frames.probe = None
    return intervals or "n/a: pagedown scrolled nothing"


async def headless(spec: dict) -> dict:
    """One scenario: first paint, then (as the spec asks) scrolling, jump to
    the end, script switch, opening a document from the list."""
    out: dict[str, object] = {}
    size = tuple(spec.get("size", (120, 40)))
    start = time.perf_counter()
    try:
        importlib.import_module(UI_MODULE)
    except ModuleNotFoundError as error:
        return {"error": f"{NOT_IMPLEMENTED} ({UI_MODULE}: {error})"}
    out["import"] = time.perf_counter() - start

    start = time.perf_counter()
    try:
        app = make_app(spec["paths"])
    except Exception as error:  # noqa: BLE001 - a UI that cannot start is a note in the table
        return {"error": f"n/a: could not build the app: {type(error).__name__}: {error}"[:300]}
    frames = Frames(app)
    first_screen = screens.document_list(spec["list"]) if spec.get("list") else screens.painted(spec["first"])
    first = frames.watch(first_screen, hint=paints_any(spec.get("list") or spec["first"]))
    timeout = spec.get("timeout", 15.0)

    async with app.run_test(size=size) as pilot:
        painted = await wait(first, timeout)
        if painted is None:
            out["first_paint"] = f"n/a: no first screen after {timeout:.0f} s"
            out["screen"] = screen_text(app)
            return out
        out["first_paint"] = painted - start

        view = find_widget(app, "TranscriptView")
        if view is not None:
            view.focus()
            await pilot.pause()
        region = view.region if view is not None else None

        if spec.get("scroll"):
            out["scroll_frames"] = await scroll_frames(pilot, frames, view, spec["scroll"])

        if spec.get("last"):
            done = frames.watch(screens.shows([spec["last"]]), hint=paints_any([spec["last"]]))
            pressed = time.perf_counter()
            await pilot.press("end")
            reached = await wait(done, 10.0)
            out["jump_to_end"] = reached - pressed if reached else "n/a: the end never showed after `end`"

        if spec.get("switch"):
            before = screen_text(app, region)
            changed = frames.watch(lambda text: text != before and screens.filled(text, 0.3), region,
                                   hint=paints_within(region))
            pressed = time.perf_counter()
            await pilot.press("c")
            switched = await wait(changed, 10.0)
            out["script_switch"] = switched - pressed if switched else "n/a: `c` changed nothing on screen"

        if spec.get("list"):
            opened = await open_from_list(app, pilot, frames, view)
            out["open_document"] = opened["seconds"] if isinstance(opened, dict) else opened
            out["open_key"] = opened.get("key") if isinstance(opened, dict) else None
            out["open_last"] = await open_last(app, pilot, frames, view, spec["count"])

        out["peak_rss"] = peak_rss()
    return out


async def open_from_list(app, pilot, frames: Frames, view) -> dict | str:
    """Move down the document list and open a document: the time from the
    key that opened it (a cursor move, if the UI opens on highlight, else
    enter) until its first turn is on screen."""
    chain = [w for w in app.screen.focus_chain if w is not view]
    if not chain:
        return "n/a: nothing focusable besides the transcript"
    chain[0].focus()
    await pilot.pause()
    for key, patience in (("down", 1.0), ("enter", 5.0)):
        seen = screens.openings(screen_text(app))
        opened = frames.watch(lambda text, seen=seen: bool(screens.openings(text) - seen),
                              hint=lambda rows: any(screens.OPENING.search(text) for text in rows.values()))
        pressed = time.perf_counter()
        await pilot.press(key)
        reached = await wait(opened, patience)
        if reached:
            return {"seconds": reached - pressed, "key": key}
    return "n/a: neither a cursor move nor enter opened a document"


async def open_last(app, pilot, frames: Frames, view, count: int) -> float | str:
    """Open the last document of the list at once, as a user who knows what
    they want would: `end`, then `enter` every 0.25 s until it opens (a UI
    still loading the others may refuse).  Seconds from the first `enter`."""
    chain = [w for w in app.screen.focus_chain if w is not view]
    if not chain:
        return "n/a: nothing focusable besides the transcript"
    chain[0].focus()
    await pilot.press("end")
    number = f"{count:04d}"
    opened = frames.watch(lambda text: number in screens.openings(text),
                          hint=lambda rows: any(number in text for text in rows.values()))
    start = time.perf_counter()
    while time.perf_counter() - start < 30:
        await pilot.press("enter")
        reached = await wait(opened, 0.25)
        if reached:
            return reached - start
    return "n/a: the last document did not open within 30 s"


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("parse")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--repeat", type=int, default=1)
    f = sub.add_parser("features")
    f.add_argument("big", type=Path)
    f.add_argument("corpus", type=Path)
    f.add_argument("seeds", nargs="+", type=Path)
    f.add_argument("--repeat", type=int, default=1)
    f.add_argument("--quick", action="store_true")
    h = sub.add_parser("headless")
    h.add_argument("spec", help="the scenario as JSON")
    args = parser.parse_args()

    if args.what == "parse":
        result = parse(args.paths, args.repeat)
    elif args.what == "features":
        result = features(args.big, args.corpus, args.seeds, args.repeat, args.quick)
    else:
        result = asyncio.run(headless(json.loads(args.spec)))
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
