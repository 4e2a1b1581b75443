"""Copying text from the TUI: the system clipboard, else the terminal's.

:func:`copy_text` asks reader.clipboard (pyperclip: xclip, wl-copy, pbcopy…)
in a thread worker, since those tools are subprocesses; where there is no
system clipboard (an SSH session, no display) it falls back to OSC 52
(Textual's ``App.copy_to_clipboard``), and a notification says which one
took the text.  Nothing raises: a terminal that refuses is an error
notification too.  OSC 52 gives no answer, so "copied" there means "sent".
"""

from __future__ import annotations

from functools import partial

from textual.app import App

from reader import clipboard


def copy_text(app: App, text: str, what: str = "Quote") -> None:
    """Copy ``text``; ``what`` names it in the notification title."""
    app.run_worker(partial(_copy_in_thread, app, text, what), thread=True, group="clipboard", exit_on_error=False)


def _copy_in_thread(app: App, text: str, what: str) -> None:
    try:
        mechanism = clipboard.copy(text)
    except Exception as error:  # noqa: BLE001 — ClipboardUnavailable, or anything a backend does
        _on_ui_thread(app, partial(_copy_with_osc52, app, text, what, str(error)))
    else:
        _on_ui_thread(app, partial(app.notify, f"Copied with {mechanism}.", title=f"{what} copied", markup=False))


def _on_ui_thread(app: App, callback) -> None:
    try:
        app.call_from_thread(callback)
    except RuntimeError:
        pass  # the app closed meanwhile


def _copy_with_osc52(app: App, text: str, what: str, reason: str) -> None:
    try:
        app.copy_to_clipboard(text)
    except Exception as error:  # noqa: BLE001 — the terminal is gone, say
        message = f"Could not copy: {reason}; the terminal refused too ({error})."
        app.notify(message, title="Not copied", severity="error", markup=False)
        return
    message = f"Copied with OSC 52 (terminal clipboard): there is no system clipboard here ({reason})."
    app.notify(message, title=f"{what} copied", timeout=8, markup=False)
