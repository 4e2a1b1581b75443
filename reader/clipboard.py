"""Copying text to the system clipboard (no Textual here).

:func:`copy` returns the name of the mechanism that took the text ("xclip",
"xsel", "wl-copy", "pbcopy", "windows", "wsl", …) or raises
:class:`ClipboardUnavailable` with a message for the user; nothing else
escapes.  The UI catches it and falls back to the terminal (OSC 52).

pyperclip chooses the mechanism, asked afresh on every copy because DISPLAY
and WAYLAND_DISPLAY can change while the program runs.  The X11 and Wayland
command-line tools it picks (xclip, xsel, wl-copy) are then run here rather
than by pyperclip, because pyperclip

* ignores their exit status: xclip with an unreachable display prints an
  error and "copies" nothing, silently;
* lets them inherit our stdout and stderr: these tools stay in the
  background to serve the selection, so a caller reading our output through
  a pipe would wait until they exit, and their messages would land on the
  TUI's screen.

So they run with stdout to /dev/null, stderr to a temporary file (read for
the error message), in a session of their own (a Ctrl-C in the terminal does
not take the selection away with it), and with a timeout.  Every other
mechanism (macOS, Windows, WSL, Qt, Klipper) is pyperclip's own.
"""

from __future__ import annotations

import subprocess
import tempfile

TIMEOUT = 5.0  # seconds; the tools return as soon as they hold the selection

_COMMANDS = {
    "xclip": ["xclip", "-selection", "clipboard", "-in"],
    "xsel": ["xsel", "--clipboard", "--input"],
    "wl-copy": ["wl-copy"],
}
_NAMES = {"wl": "wl-copy", "osx_pbcopy": "pbcopy", "osx_pyobjc": "pyobjc", "dev_clipboard": "cygwin"}
_NONE = (
    "no clipboard available (no display, and none of xclip, xsel or wl-copy); "
    "on Linux install xclip (X11) or wl-clipboard (Wayland)"
)


class ClipboardUnavailable(Exception):
    """The text could not be copied; str() says why, for the user."""


def copy(text: str) -> str:
    """Put ``text`` on the clipboard; the mechanism used, or ClipboardUnavailable."""
    copy_function = _determine()
    name = mechanism_name(copy_function)
    if name is None:
        raise ClipboardUnavailable(_NONE)
    if name in _COMMANDS:
        _run(_COMMANDS[name], text)
        return name
    try:
        copy_function(text)
    except Exception as error:  # noqa: BLE001 — pyperclip raises many kinds; none may escape
        raise ClipboardUnavailable(f"copying with {name} failed: {error}") from None
    return name


def mechanism_name(copy_function: object) -> str | None:
    """The mechanism's name ("xclip" for pyperclip's copy_xclip …), or None
    for pyperclip's no-clipboard stub."""
    name = getattr(copy_function, "__name__", "")
    if not name.startswith("copy_"):
        return None
    return _NAMES.get(name[5:], name[5:])


def _determine():
    try:
        import pyperclip

        copy_function, _paste = pyperclip.determine_clipboard()
    except Exception as error:  # noqa: BLE001 — e.g. a broken Qt install imported by pyperclip
        raise ClipboardUnavailable(f"no clipboard available ({error})") from None
    return copy_function


def _run(command: list[str], text: str) -> None:
    with tempfile.TemporaryFile() as errors:
        try:
            result = subprocess.run(
                command,
                check=False,
                input=text.encode("utf-8", "replace"),
                stdout=subprocess.DEVNULL,
                stderr=errors,
                timeout=TIMEOUT,
                start_new_session=True,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise ClipboardUnavailable(f"{command[0]} failed: {error}") from None
        if result.returncode != 0:
            errors.seek(0)
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {result.returncode}"
            raise ClipboardUnavailable(f"{command[0]} failed: {reason}")
