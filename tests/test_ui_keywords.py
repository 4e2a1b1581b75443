"""Keywords in the sidebar and over the transcript, as a reader drives them.

jieba loads once per test process (it is a module-level singleton); the
first test that needs it waits about a second for it."""

from __future__ import annotations

import threading

from reader.keywords import keyword_spans, load_jieba
from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.sidebar import keyword_work
from reader.ui.sidebar.keywords import DEFAULT_TOP, LAYER, MAX_TOP, KeywordsPanel
from reader.ui.transcript.lines import TEXT
from reader.ui.transcript.view import TranscriptView
from tests.pilot import settled

SIZE = (140, 40)
DEALBOOK = corpus_dir() / "altman-dealbook-2024-zh-hant-tw.txt"
BUILD_ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"


def prompts(panel: KeywordsPanel) -> list[str]:
    return [str(option.prompt) for option in panel.options]


def screen_text(view: TranscriptView) -> str:
    return "\n".join("".join(s.text for s in view.render_line(y)) for y in range(view.size.height))


def underlined_on_screen(view: TranscriptView) -> str:
    """The characters drawn with the keyword look (underlined, keyword colour)."""
    colour = view.style_of("transcript--keyword").color
    chars = []
    for y in range(view.size.height):
        for segment in view.render_line(y):
            style = segment.style
            if style is not None and style.underline and style.color == colour:
                chars.append(segment.text)
    return "".join(chars)


def visible_text_offsets(view: TranscriptView) -> tuple[int, int]:
    layout, top = view.layout_model, round(view.scroll_y)
    lines = [layout.line(top + y) for y in range(view.size.height)]
    lines = [line for line in lines if line is not None and line.role == TEXT]
    return lines[0].start, lines[-1].end


async def test_keywords_are_listed_with_counts_and_drawn_in_the_transcript():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        view = app.transcript
        assert panel.keywords and len(prompts(panel)) == DEFAULT_TOP
        first = panel.keywords[0]
        assert prompts(panel)[0] == f"{first.word}  {first.count}"
        assert "OpenAI  24" in prompts(panel)
        # drawn: the layer holds every occurrence of the top keywords, and
        # the ones on screen are underlined in the keyword colour
        spans = keyword_spans(view.document, panel.keywords[:DEFAULT_TOP])
        assert [s[:2] for s in view._layers[LAYER].spans] == [s[:2] for s in spans]
        start, end = visible_text_offsets(view)
        visible = [view.document.text[s:e] for s, e, _ in spans if start <= s and e <= end]
        assert visible and "".join(visible) == underlined_on_screen(view)


async def test_k_hides_the_keywords_and_shows_them_again():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        assert underlined_on_screen(view)
        await pilot.press("K")
        await pilot.pause()
        assert LAYER not in view._layers and underlined_on_screen(view) == ""
        assert "hidden" in str(app.query_one(KeywordsPanel).border_subtitle)
        await pilot.press("K")
        await pilot.pause()
        assert underlined_on_screen(view)


async def test_plus_and_minus_change_how_many_keywords_are_shown():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        view = app.transcript
        before = len(view._layers[LAYER].spans)
        await pilot.press("plus", "plus")
        await settled(pilot)
        assert panel.top == DEFAULT_TOP + 2 and len(prompts(panel)) == DEFAULT_TOP + 2
        assert len(view._layers[LAYER].spans) > before
        for _ in range(DEFAULT_TOP + 5):
            await pilot.press("minus")
        await settled(pilot)
        assert panel.top == 1 and len(prompts(panel)) == 1
        word = panel.keywords[0].word
        assert {view.document.text[s:e] for s, e, _ in view._layers[LAYER].spans} == {word}



async def test_hidden_keywords_and_their_number_are_remembered_after_a_restart():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("plus", "plus", "plus", "K")
        await settled(pilot)
        assert LAYER not in app.transcript._layers
    again = ReaderApp([DEALBOOK])
    async with again.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = again.query_one(KeywordsPanel)
        view = again.transcript
        # still hidden, and the list has the number chosen last time
        assert len(prompts(panel)) == DEFAULT_TOP + 3 and panel.top == DEFAULT_TOP + 3
        assert LAYER not in view._layers and underlined_on_screen(view) == ""
        assert "hidden" in str(panel.border_subtitle)
        await pilot.press("K")
        await settled(pilot)
        spans = keyword_spans(view.document, panel.keywords[: DEFAULT_TOP + 3])
        assert [s[:2] for s in view._layers[LAYER].spans] == [s[:2] for s in spans]
        assert underlined_on_screen(view)


async def test_a_remembered_keyword_count_out_of_range_is_clamped(isolated_home):
    config = isolated_home / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"keyword_count": 999, "keywords_shown": "no"}', encoding="utf-8")
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        assert panel.top == MAX_TOP and len(prompts(panel)) == min(MAX_TOP, len(panel.keywords))
        assert panel.shown and LAYER in app.transcript._layers  # "no" is not a boolean: the default


async def test_enter_on_a_keyword_jumps_through_its_occurrences():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        view = app.transcript
        index = next(i for i, k in enumerate(panel.keywords) if k.word == "馬斯克")
        occurrences = [s for s, _, _ in keyword_spans(view.document, ["馬斯克"])]
        assert len(occurrences) == panel.keywords[index].count >= 3
        panel.focus()
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        seen = [view.cursor]
        for _ in range(2):
            await pilot.press("enter")
            await pilot.pause()
            seen.append(view.cursor)
        blocks = view.document.blocks
        # each Enter makes the block of the next occurrence current, and it is on screen
        for cursor, offset in zip(seen, occurrences, strict=False):
            assert blocks[cursor].start <= offset < blocks[cursor].end
        start, end = visible_text_offsets(view)
        assert start <= occurrences[2] < end
        assert app.focused is panel  # Enter again goes on to the next one
        assert "馬斯克 3/" in str(panel.border_subtitle)


async def test_keywords_follow_the_script_mode():
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        assert any(p.startswith("電晶體") for p in prompts(panel))
        app.set_mode("simplified")
        await settled(pilot)
        assert any(p.startswith("电晶体") for p in prompts(panel))


async def test_a_german_document_has_keywords_from_the_loaded_corpus():
    app = ReaderApp([GERMAN, BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        words = [k.word for k in panel.keywords]
        assert "Technologie" in words and all(w[0].isupper() for w in words[:DEFAULT_TOP])
        assert underlined_on_screen(app.transcript) or LAYER in app.transcript._layers


async def test_the_transcript_is_painted_before_jieba_has_loaded(monkeypatch):
    """jieba loads in a worker: the text shows at once, the list says it is
    loading, and the keywords arrive when it is done."""
    gate = threading.Event()

    def slow_load():
        assert gate.wait(10)
        return load_jieba()

    monkeypatch.setattr(keyword_work, "load_jieba", slow_load)
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.transcript.document is not None:
                break
        await pilot.pause()
        panel = app.query_one(KeywordsPanel)
        assert "Kevin Scott" in screen_text(app.transcript)
        assert prompts(panel) == ["keywords: loading…"]
        assert LAYER not in app.transcript._layers
        gate.set()
        await settled(pilot)
        assert panel.keywords and LAYER in app.transcript._layers


async def test_a_large_document_waits_for_the_reader_to_ask_if_no_child_process_can_extract(tmp_path, monkeypatch):
    """A large document's keywords are extracted in a child process
    (tests/test_ui_keywords_elsewhere.py).  If none can run, extracting here
    would cost about 7 s a megabyte, all of it holding the GIL: a large
    document's keywords are then extracted when the reader asks."""
    from reader.keywords import elsewhere
    from reader.ui.sidebar import keywords as panel_module

    monkeypatch.setattr(panel_module, "AUTO_CHARS", 1000)
    monkeypatch.setattr(keyword_work, "CHILD_CHARS", 1000)
    monkeypatch.setattr(elsewhere, "command", lambda: [str(tmp_path / "no-such-python")])
    app = ReaderApp([DEALBOOK])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        panel = app.query_one(KeywordsPanel)
        assert not panel.extractor.offloading
        assert panel.keywords is None and prompts(panel)[0].startswith("Large document: Enter extracts keywords")
        assert LAYER not in app.transcript._layers
        panel.focus()
        panel.highlighted = 0
        await pilot.press("enter")
        await settled(pilot)
        assert panel.keywords and "OpenAI  24" in prompts(panel)
        assert LAYER in app.transcript._layers
