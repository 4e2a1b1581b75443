"""Copying to the real X clipboard (Xvfb + xclip/xsel) and failing cleanly
where there is none (reader.clipboard)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import clipboard
from reader.clipboard import ClipboardUnavailable, copy

TEXT = "「我們需要更多算力」——Kevin Scott\n„Wir brauchen mehr Rechenleistung“ — 𠀀 ok"

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or "microsoft" in Path("/proc/version").read_text().lower()
    if Path("/proc/version").exists()
    else True,
    reason="clipboard discovery differs outside Linux (pbcopy, Windows, WSL's clip.exe)",
)


# The X server: the x_display fixture in conftest.py.


def need(program: str, package: str) -> str:
    path = shutil.which(program)
    if not path:
        pytest.skip(f"{program} is not installed (Debian package {package}; .ci/run installs it)")
    return path


def read_back(*command: str, expected: str) -> str:
    """The clipboard's text, asked again for up to 2 s: xsel's parent
    process returns before its background child owns the selection."""
    deadline = time.monotonic() + 2
    while True:
        text = subprocess.run(command, check=False, capture_output=True, timeout=10).stdout.decode("utf-8")
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.02)


@linux_only
def test_copy_to_the_x_clipboard_with_xclip(x_display):
    xclip = need("xclip", "xclip")
    assert copy(TEXT) == "xclip"
    assert read_back(xclip, "-selection", "clipboard", "-o", expected=TEXT) == TEXT
    assert copy("second") == "xclip"
    assert read_back(xclip, "-selection", "clipboard", "-o", expected="second") == "second"


@linux_only
def test_copy_with_xsel_when_it_is_the_only_tool(x_display, tmp_path, monkeypatch):
    xsel = need("xsel", "xsel")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "xsel").symlink_to(xsel)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert copy(TEXT) == "xsel"
    assert read_back(xsel, "--clipboard", "--output", expected=TEXT) == TEXT


@linux_only
def test_copying_does_not_hold_the_callers_output_open(x_display):
    # The selection owner stays in the background; a caller reading our
    # output through a pipe must still see it end.
    need("xclip", "xclip")
    code = "from reader.clipboard import copy; print(copy('pipe test'))"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=20)
    assert result.stdout.strip() == "xclip" and result.stderr == ""


@linux_only
def test_no_display_raises_clipboard_unavailable(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(ClipboardUnavailable, match="no clipboard available"):
        copy(TEXT)


@linux_only
def test_unreachable_display_raises_clipboard_unavailable(monkeypatch):
    need("xclip", "xclip")
    monkeypatch.setenv("DISPLAY", ":4711")  # no server there
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(ClipboardUnavailable, match="xclip failed: .*display"):
        copy(TEXT)


def test_pyperclip_errors_never_escape(monkeypatch):
    import pyperclip

    def copy_pbcopy(text):
        raise pyperclip.PyperclipException("pbcopy exploded")

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy_pbcopy, None))
    with pytest.raises(ClipboardUnavailable, match="pbcopy exploded"):
        copy(TEXT)

    def broken():
        raise ImportError("a broken Qt")

    monkeypatch.setattr(pyperclip, "determine_clipboard", broken)
    with pytest.raises(ClipboardUnavailable, match="broken Qt"):
        copy(TEXT)


def test_mechanism_names():
    def copy_osx_pbcopy(text): ...

    def copy_wl(text): ...

    assert clipboard.mechanism_name(copy_osx_pbcopy) == "pbcopy"
    assert clipboard.mechanism_name(copy_wl) == "wl-copy"
    assert clipboard.mechanism_name(object()) is None
