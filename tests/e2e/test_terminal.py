"""The installed `reader` in a real terminal: tmux runs it, we read the screen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, tmux_available

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux; .ci/run does)"),
]

READER = Path(sys.executable).parent / "reader"


@pytest.fixture
def terminal_factory(isolated_home):
    opened: list[Terminal] = []

    def start(*args: str, width: int = 120, height: int = 36) -> Terminal:
        assert READER.exists(), f"the console script is not installed at {READER}"
        term = Terminal([str(READER), *args], width=width, height=height,
                        env={"READER_HOME": str(isolated_home), "TERM": "xterm-256color"})
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def test_reader_opens_the_bundled_corpus_navigates_and_quits(terminal_factory):
    term = terminal_factory()
    # The list fills and the first document opens by itself.
    screen = term.wait_for_text("de · 11 turns")
    assert "Documents" in screen
    term.wait_for_text("OpenAI最新互動資料")

    # Open the German interview from the list: it is the third entry.
    term.press("BTab")  # shift+Tab: from the transcript back to the list, whatever the sidebar holds
    term.press("Home", "Down", "Down", "Enter")
    term.wait_for_text("Auf der diesjährigen Microsoft")

    # ] moves to the first turn: its speaker and speech come into view and
    # the status line counts it.
    term.press("]")
    term.wait_for(lambda s: all(t in s for t in ("turn 1 of 11", "Kevin Scott", "Vielen Dank")))

    term.press("q")
    assert term.exit_status() == 0


def test_reader_path_opens_that_file_and_a_missing_one_is_reported(terminal_factory, tmp_path):
    transcript = tmp_path / "chat.txt"
    transcript.write_text("Anna: Guten Morgen.\nBen: Hallo Anna.\nAnna: Wie geht es?\nBen: Gut.\n",
                          encoding="utf-8")
    term = terminal_factory(str(transcript), str(tmp_path / "missing.txt"))
    screen = term.wait_for_text("Guten Morgen")
    assert "Anna" in screen and "Ben" in screen
    term.wait_for_text("no such file")
    term.press("q")
    assert term.exit_status() == 0
