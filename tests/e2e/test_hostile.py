"""A hostile document in a real terminal (issue 7), and terminals with few
colours or none.  Each test runs the installed `reader` on a private tmux
server (``tmux -L``), so that it may turn on OSC 52 clipboard writes
without touching anyone else's sessions.

A canary first prints the same document raw with ``cat``: it must change
the pane title, ring the bell and write the clipboard, which proves these
checks can see an injection; then the reader must do none of it.
"""

from __future__ import annotations

import base64
import re
import sys
import time
import uuid
from pathlib import Path

import pytest

from reader.resources import corpus_dir
from tests.e2e.terminal import Terminal, tmux_available

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux; .ci/run does)"),
]

READER = Path(sys.executable).parent / "reader"
KNOWN_TITLE = "reader-e2e-title"
PAYLOAD = f"pwned-{uuid.uuid4().hex[:8]}"
CLIPBOARD = base64.b64encode(PAYLOAD.encode()).decode()
MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z[/]", "lone [/] tag"]


def hostile_text() -> str:
    sequences = (
        "\x1b]0;PWNED-TITLE\x07"  # OSC 0: change the window title
        f"\x1b]52;c;{CLIPBOARD}\x07"  # OSC 52: write the clipboard
        "\x1b[2J\x1b[H"  # CSI: clear the screen, cursor home
        "\x07"  # BEL
        "\u009b2J"  # C1 CSI: clear the screen on terminals that take 8-bit controls
    )
    turns = [f"Anna: Wie hat alles angefangen? {sequences} Ende."]
    turns += [f"{'Ben' if i % 2 == 0 else 'Anna'}: Markup {markup} bleibt Text." for i, markup in enumerate(MARKUP)]
    return "Ein feindseliges Interview\n\n" + "\n\n".join(turns) + "\n"


@pytest.fixture
def terminal(isolated_home):
    opened: list[Terminal] = []

    def start(command: list[str], env: dict[str, str] | None = None, width: int = 120, height: int = 36) -> Terminal:
        env = {"READER_HOME": str(isolated_home), "TERM": "xterm-256color", **(env or {})}
        term = Terminal(command, env=env, socket=f"reader-e2e-{uuid.uuid4().hex[:8]}", width=width, height=height)
        # Before the program starts drawing (a Python start takes longer).
        term.tmux_command("set-option", "-s", "set-clipboard", "on")
        term.tmux_command("select-pane", "-t", term.name, "-T", KNOWN_TITLE)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def clipboard(term: Terminal) -> str:
    return term.tmux_command("list-buffers", "-F", "#{buffer_sample}")


def test_the_canary_shows_these_checks_see_an_injection(terminal, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_text(), encoding="utf-8")
    term = terminal(["bash", "-c", f"sleep 0.5; cat {path}"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and term.title() != "PWNED-TITLE":
        time.sleep(0.05)
    assert term.title() == "PWNED-TITLE"
    assert term.display("#{window_bell_flag}") == "1"
    assert PAYLOAD in clipboard(term)


def test_a_hostile_document_changes_no_title_clears_nothing_and_shows_markup_as_text(terminal, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_text(), encoding="utf-8")
    term = terminal([str(READER), str(path)], width=200, height=50)
    screen = term.wait_for(lambda s: "[@click=app.quit]z[/]" in s and "Ende." in s)
    time.sleep(0.5)  # anything the document could do to the terminal has happened by now
    screen = term.screen()
    assert term.title() == KNOWN_TITLE
    assert term.display("#{window_bell_flag}") == "0"
    assert PAYLOAD not in clipboard(term)
    # the app's own chrome is all still there: nothing cleared the screen
    for chrome in ("reader — ", "Documents", "Outline", "Speakers", "script:", "before turn 1 of"):
        assert chrome in screen, chrome
    for literal in MARKUP:
        assert literal in screen, literal
    assert "␛]0;PWNED-TITLE␇" in screen and "␛]52;c;" in screen and "␛[2J" in screen

    # Keys go to the app, not to anything the document planted.
    term.press("]")
    term.wait_for_text("turn 1 of 5")
    term.press("]")
    term.wait_for_text("turn 2 of 5")
    term.press("c")
    term.wait_for_text("script: 简体")
    term.press("Tab", "Tab", "BTab", "BTab")
    screen = term.wait_for(lambda s: "turn 2 of 5" in s and "Documents" in s)
    assert "[@click=app.quit]z[/]" in screen and term.title() == KNOWN_TITLE
    term.press("q")
    assert term.exit_status() == 0


GREYS = {0, 7, 8, 15, 16, 231, *range(232, 256)}


def colours_used(term: Terminal) -> list[str]:
    """The SGR colour parameters on screen (tmux re-encodes what it shows)."""
    raw = term.tmux_command("capture-pane", "-e", "-p", "-t", term.name)
    return re.findall(r"\x1b\[([0-9;]*)m", raw)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "xterm", "COLORTERM": ""}], ids=["no-color", "16-colours"])
def test_without_colour_and_with_16_colours_the_reader_runs_and_labels_stay_apart(terminal, env):
    term = terminal([str(READER), str(corpus_dir() / "build-2023-brockman-scott-de.txt")], env=env, width=160)
    term.press("]")
    screen = term.wait_for(lambda s: "turn 1 of 11" in s and "Kevin Scott" in s)
    assert "Greg Brockman" in screen or "Vielen Dank" in screen
    params = colours_used(term)
    assert any(p.split(";")[0] == "1" or ";1;" in f";{p};" for p in params)  # bold labels: visible without colour
    for p in params:
        parts = [int(x) for x in p.split(";") if x]
        for i, value in enumerate(parts):
            if value in (38, 48) and i + 1 < len(parts):
                if env.get("TERM") == "xterm":
                    raise AssertionError(f"an extended colour on a 16-colour terminal: {p}")
                if parts[i + 1] == 5:
                    assert parts[i + 2] in GREYS, p
                elif parts[i + 1] == 2:
                    assert parts[i + 2] == parts[i + 3] == parts[i + 4], p
    term.press("c", "]", "end")
    term.wait_for(lambda s: "script:" in s)
    term.press("q")
    assert term.exit_status() == 0
