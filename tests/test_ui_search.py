"""Searching every loaded document (``F``, the palette), as a reader does."""

from __future__ import annotations

from pathlib import Path

from reader.resources import bundled_documents, corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.find.bar import FindBar
from reader.ui.find.corpus import SearchScreen
from reader.ui.transcript.lines import TEXT
from tests.pilot import settled

SIZE = (140, 40)
BUILD_ZH = corpus_dir() / "build-2023-brockman-scott-zh-hant.txt"
HANS = corpus_dir() / "kevin-scott-no-priors-zh-hans.txt"
DEALBOOK = corpus_dir() / "altman-dealbook-2024-zh-hant-tw.txt"
HUMANLOOP = corpus_dir() / "altman-humanloop-notes-zh-hant.txt"
GERMAN = corpus_dir() / "build-2023-brockman-scott-de.txt"
MARKUP = "[bold red]x[/] [@click=app.quit]z[/] [/]"


async def search(pilot, query: str) -> SearchScreen:
    await pilot.press("F")
    await pilot.pause()
    await pilot.press(*query)
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


def listed(screen: SearchScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#search-hits").options]


def hits_drawn(screen: SearchScreen) -> str:
    hits = screen.query_one("#search-hits")
    return "\n".join("".join(s.text for s in hits.render_line(y)) for y in range(hits.size.height))


async def test_a_search_lists_hits_from_every_document_with_title_speaker_and_snippet():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = await search(pilot, "微软")
        paths = {hit.path for hit in screen.hits}
        assert paths == {BUILD_ZH, HANS, DEALBOOK, HUMANLOOP}
        assert len(screen.hits) == sum(p.read_text(encoding="utf-8").count(w) for p in paths for w in ("微软", "微軟"))
        texts = listed(screen)
        assert len(texts) == len(screen.hits)
        hit = screen.hits[0]
        title, snippet = texts[0].split("\n")
        assert title.startswith(hit.title)
        assert hit.snippet[hit.snippet_start : hit.snippet_end] in snippet
        with_speaker = next(i for i, h in enumerate(screen.hits) if h.speaker)
        assert f"·  {screen.hits[with_speaker].speaker}" in texts[with_speaker]
        assert f"{len(screen.hits)} hits in 4 documents" in str(screen.query_one("#search-count").render())


async def test_enter_opens_the_document_at_the_chosen_hit():
    app = ReaderApp(bundled_documents())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = await search(pilot, "微软")
        index = next(i for i, h in enumerate(screen.hits) if h.path == HANS and h.start > 3000)
        chosen = screen.hits[index]
        await pilot.press("down")  # from the query to the list
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settled(pilot)
        assert not isinstance(app.screen, SearchScreen)
        view = app.transcript
        assert view.document.path == HANS
        bar = app.query_one(FindBar)
        assert bar.display and bar.query_text == "微软"
        current = bar.hits[bar.current]
        assert (current.start, current.end) == (chosen.start, chosen.end)
        layout, top = view.layout_model, round(view.scroll_y)
        rows = [layout.line(top + y) for y in range(view.size.height)]
        assert any(line and line.role == TEXT and line.start <= chosen.start < line.end for line in rows)
        assert view.document.blocks[view.cursor].start <= chosen.start < view.document.blocks[view.cursor].end
        assert app.focused is view
        await pilot.press("n")  # the find goes on from there
        assert bar.current == bar.hits.index(current) + 1


async def test_the_palette_opens_the_search_and_escape_closes_it():
    app = ReaderApp([BUILD_ZH, GERMAN])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Search all")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"microsoft")
        await settled(pilot)
        assert app.screen.hits and {h.path for h in app.screen.hits} == {GERMAN}
        await pilot.press(*"zzz")
        await settled(pilot)
        assert "no hits" in str(app.screen.query_one("#search-count").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.transcript.document.path == BUILD_ZH


async def test_markup_in_a_snippet_shows_literally(tmp_path: Path):
    path = tmp_path / "markup.txt"
    path.write_text(f"Markup test\n\nAnna: before {MARKUP} 微软 {MARKUP} after\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = await search(pilot, "微软")
        assert len(screen.hits) == 1
        assert all(not isinstance(option.prompt, str) for option in screen.query_one("#search-hits").options)
        assert "[@click=app.quit]z[/] [/] 微软 [bold red]x[/]" in listed(screen)[0]
        drawn = hits_drawn(screen)
        assert "[bold red]x[/]" in drawn and "[@click=app.quit]z[/]" in drawn
        assert app.is_running
