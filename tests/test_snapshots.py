"""What the user sees, compared with reviewed SVG baselines.

Regenerate after an intended change with ``pytest tests/test_snapshots.py
--snapshot-update`` and look at the report before committing."""

from __future__ import annotations

from reader.resources import bundled_documents, corpus_dir
from reader.ui.app import ReaderApp

SIZE = (120, 36)


async def settle(pilot) -> None:
    """Loading happens in a worker, and a loaded document starts more
    (keywords, watch-words): wait until none is left before the shot."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        if not len(app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_with_the_first_document_open(snap_compare):
    assert snap_compare(ReaderApp(bundled_documents()), terminal_size=SIZE, run_before=settle)


def test_reading_turns_coloured_by_speaker(snap_compare):
    async def read_on(pilot) -> None:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    app = ReaderApp([corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"])
    assert snap_compare(app, terminal_size=SIZE, run_before=read_on)


def test_help_screen(snap_compare):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(ReaderApp(bundled_documents()), terminal_size=SIZE, run_before=open_help)
