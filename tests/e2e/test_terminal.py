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


def test_a_big_file_opens_at_its_start_and_end_goes_to_its_last_line_at_once(terminal_factory, tmp_path):
    """`reader BIG`: the opening shows while the whole is parsed in another
    process; End shows the real last turn without waiting for it."""
    big = tmp_path / "hearing.txt"
    turns = [f"{'Chair' if i % 2 else 'Witness'}: Statement number {i} of the hearing, for the record." for i in range(60_000)]
    big.write_text("A long hearing\n\n" + "\n\n".join(turns) + "\n", encoding="utf-8")  # ~4.6 MB
    term = terminal_factory(str(big))
    term.wait_for_text("Statement number 1 of")
    term.press("End")
    screen = term.wait_for_text("Statement number 59999 of")
    assert "Statement number 1 of" not in screen
    term.wait_for_text("of 60000", timeout=30)  # the whole is in: the status counts every turn
    assert "Statement number 59999 of" in term.screen()
    term.press("q")
    assert term.exit_status() == 0
