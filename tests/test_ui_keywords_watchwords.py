"""A reader's watch-words: added from the palette, drawn in every document
in any script, kept across runs (READER_HOME is per test: conftest.py)."""

from __future__ import annotations

import json

from reader.resources import corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.find.watchwords import LAYER
from reader.ui.prompt import Prompt
from reader.ui.transcript.view import TranscriptView
from reader.watchwords import watchwords_path
from tests.pilot import settled

SIZE = (140, 40)
BUILD_ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"  # 軟件, traditional
HANS = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"  # 软件, simplified


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)  # the palette searches in a worker of its own
    await pilot.press("enter")
    await pilot.pause()


def watched(view: TranscriptView) -> set[str]:
    layer = view._layers.get(LAYER)
    return {view.document.text[s:e] for s, e, _ in layer.spans} if layer else set()


def drawn_with_watch_style(view: TranscriptView) -> str:
    background = view.style_of("transcript--watchword").bgcolor
    return "".join(
        segment.text
        for y in range(view.size.height)
        for segment in view.render_line(y)
        if segment.style is not None and segment.style.bgcolor == background and segment.style.bold
    )


async def test_a_watch_word_added_in_one_document_is_drawn_in_another_and_kept(isolated_home):
    app = ReaderApp([HANS, BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await palette(pilot, "Add watch-word")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"软件", "enter")
        await settled(pilot)
        assert app.watchwords.words == ["软件"]
        assert watched(app.transcript) == {"软件"}
        app.open_document(1)  # traditional text: 軟件
        await settled(pilot)
        assert watched(app.transcript) == {"軟件"}
    saved = json.loads(watchwords_path().read_text(encoding="utf-8"))
    assert saved == {"words": ["软件"]}

    again = ReaderApp([BUILD_ZH])
    async with again.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = again.transcript
        assert again.watchwords.words == ["软件"] and watched(view) == {"軟件"}
        start = min(s for s, _, _ in view._layers[LAYER].spans)
        view.show_offset(start)
        await pilot.pause()
        assert "軟件" in drawn_with_watch_style(view)


async def test_the_selected_text_is_offered_and_remove_is_a_palette_command():
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = app.transcript
        start = view.document.text.index("微軟")
        view.select((start, start + 2))  # the reading cursor's selection
        await pilot.pause()
        await palette(pilot, "Add watch-word")
        prompt = app.screen
        assert isinstance(prompt, Prompt) and prompt.query_one("#prompt-input").value == "微軟"
        await pilot.press("enter")
        await settled(pilot)
        assert watched(view) == {"微軟"}
        await palette(pilot, "Remove watch-word: 微軟")
        await settled(pilot)
        assert app.watchwords.words == [] and LAYER not in view._layers
        assert json.loads(watchwords_path().read_text(encoding="utf-8")) == {"words": []}


async def test_a_broken_watch_words_file_is_a_notification_not_a_crash():
    path = watchwords_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = ReaderApp([BUILD_ZH])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.watchwords.words == []
        assert any("not valid JSON" in n.message for n in app._notifications)
        assert path.read_text(encoding="utf-8") == "{not json"  # left for the reader to fix
