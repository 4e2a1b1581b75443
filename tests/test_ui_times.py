"""Times of subtitle/ASR turns beside the speaker's name, and a document's
format and encoding in the list (issue 8)."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Offset
from textual.selection import Selection

from reader.model import clock
from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.documents.doclist import DocumentList, make_entry
from reader.ui.transcript.lines import LABEL
from reader.ui.transcript.view import TranscriptView

SIZE = (120, 40)
FORMATS = Path(__file__).parent / "data" / "formats"
SRT = FORMATS / "interview.srt"  # first cue 00:00:01,000 Roger Bingham, then 00:00:06,500 Anna Weber
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"


async def ready(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def label_rows(view: TranscriptView) -> list[tuple[int, str]]:
    """(virtual row, text) of every label line laid out so far, from the top."""
    layout = view._layout
    rows = []
    for y in range(min(layout.total, 60)):
        line = layout.line(y)
        if line is not None and line.role == LABEL:
            rows.append((y, line.text))
    return rows


def drawn(view: TranscriptView, y: int) -> str:
    return "".join(seg.text for seg in view.render_line(y - round(view.scroll_y)))


def test_clock():
    assert [clock(s) for s in (0, 3.9, 59, 60, 192, 3599, 3600, 3732, 36000)] == [
        "0:00", "0:03", "0:59", "1:00", "3:12", "59:59", "1:00:00", "1:02:12", "10:00:00"]


async def test_a_turns_time_is_drawn_quietly_after_the_speakers_name():
    app = ReaderApp([SRT])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        assert view.document.format == "srt"
        rows = label_rows(view)
        y, text = rows[0]
        assert text == "Roger Bingham  0:01"
        assert rows[1][1] == "Anna Weber  0:06"
        line = drawn(view, y)
        assert "Roger Bingham  0:01" in line
        # the time is painted dim and not bold; the name keeps its bold label style
        time_segments = [seg for seg in view.render_line(y - round(view.scroll_y)) if "0:01" in seg.text]
        name_segments = [seg for seg in view.render_line(y - round(view.scroll_y)) if "Roger" in seg.text]
        assert time_segments and all(seg.style.dim and not seg.style.bold for seg in time_segments)
        assert name_segments and all(seg.style.bold and not seg.style.dim for seg in name_segments)
        # selecting from the label copies the label with its time, then the text
        block = view.document.blocks[view._layout.line(y).block]
        text, _ = view.get_selection(Selection(Offset(0, y), Offset(5, y + 1)))
        assert text == "Roger Bingham  0:01\n" + view.document.block_text(block)[:5]
        # a selection inside the label's time
        text, _ = view.get_selection(Selection(Offset(15, y), Offset(19, y)))
        assert text == "0:01"


async def test_a_document_without_times_shows_only_names():
    app = ReaderApp([GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.transcript
        assert all(block.time is None for block in view.document.blocks)
        rows = label_rows(view)
        assert rows
        for y, text in rows:
            block = view.document.blocks[view._layout.line(y).block]
            assert text == block.speaker
            assert drawn(view, y).rstrip().endswith(block.speaker)


def test_list_entry_names_an_unusual_format_and_encoding():
    plain = make_entry("T", "en", "", 12, False, [])
    assert plain.facts == "en · 12 turns"
    assert make_entry("T", "en", "", 12, False, [], source_format="text", encoding="utf-8-sig").facts == "en · 12 turns"
    assert make_entry("T", "zh", "繁", 12, False, [], source_format="srt", encoding="big5").facts == (
        "zh · 繁 · 12 turns · srt · big5")
    assert make_entry("T", "en", "", 1, True, [], source_format="vtt").facts == "en · 1 turn · vtt · damaged"


async def test_the_list_shows_srt_and_a_big5_encoding(tmp_path):
    big5 = tmp_path / "voices-zh-hant.vtt"
    big5.write_bytes((FORMATS / "voices-zh-hant.vtt").read_text(encoding="utf-8").encode("big5"))
    app = ReaderApp([SRT, big5, GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        texts = [str(option.prompt).split("\n")[1] for option in app.query_one(DocumentList).options]
        assert texts[0] == "en · 4 turns · srt"  # UTF-8: no encoding named
        assert texts[1] in ("zh · 繁 · 4 turns · vtt · big5", "zh · 繁 · 4 turns · vtt · cp950")
        assert texts[2] == "de · 11 turns"  # plain text in UTF-8: neither named
