"""Which script the reader shows Chinese text in, remembered between runs.

The mode in force for a document is its pin, if it has one, else the global
mode; reader.settings keeps both.  Changing the mode (``c``, the palette)
changes the mode in force: a pinned document's pin, otherwise the global
mode, so that reading a pinned document never changes what the others show.
Changes are marked ``dirty`` and written by :meth:`ScriptModes.save`, which
the app calls a moment later (so that switching paints first and ten quick
presses of ``c`` make one write) and when it exits.  A save that fails is a
message, not an exception: settings are a convenience.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reader.model import Document
from reader.settings import Settings, load_settings, save_settings
from reader.ui.script import display as script

PINNED = "pinned to this document"
NOT_CHINESE = "not Chinese: shown as is"


@lru_cache(maxsize=4096)  # resolving costs system calls; display() asks per text
def path_key(path: str | Path | None) -> str | None:
    """How a document is known in the settings: its absolute path, so that
    ``reader a.txt`` and ``reader ./a.txt`` share a pin."""
    if path is None:
        return None
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop, say
        return str(Path(path).absolute())


def usable_mode(name: str) -> str:
    """``name`` if it is a mode this backend can show, else the original
    (a settings file may name a mode from another version or backend)."""
    mode = script.mode_named(name)
    return mode.name if mode.name == name and mode in script.modes() else script.modes()[0].name


class ScriptModes:
    """The global mode, per-document pins and the open document."""

    def __init__(self, settings: Settings | None = None, warning: str | None = None) -> None:
        if settings is None:
            settings, warning = load_settings()
        self.settings = settings
        self.warning = warning  # shown by the app once it can notify
        self.document: Document | None = None
        self.dirty = False

    @property
    def key(self) -> str | None:
        return path_key(self.document.path) if self.document is not None else None

    def mode_for(self, path: str | Path | None) -> str:
        return usable_mode(self.settings.mode_for(path_key(path)))

    @property
    def current(self) -> str:
        """The mode in force for the open document."""
        return usable_mode(self.settings.mode_for(self.key))

    @property
    def pinned(self) -> bool:
        return self.key is not None and self.key in self.settings.document_modes

    def open(self, document: Document | None) -> str:
        """Make ``document`` the open one; its mode."""
        self.document = document
        return self.current

    def choose(self, name: str) -> None:
        """Show the open document (and, unless it is pinned, every other) in
        mode ``name``."""
        name = usable_mode(name)
        if self.pinned:
            self.settings.document_modes[self.key] = name  # type: ignore[index]
        else:
            self.settings.script_mode = name
        self.dirty = True

    def pin(self) -> None:
        """Keep the open document in the mode it is shown in now."""
        if self.key is not None:
            self.settings.document_modes[self.key] = self.current
            self.dirty = True

    def unpin(self) -> None:
        """Show the open document in the global mode again."""
        if self.pinned:
            del self.settings.document_modes[self.key]  # type: ignore[arg-type]
            self.dirty = True

    def save(self) -> str | None:
        """Write the settings if they changed; a message if that failed."""
        if not self.dirty:
            return None
        self.dirty = False
        return save_settings(self.settings)

    def note(self) -> str:
        """What the status line says next to the mode's name."""
        notes = [PINNED] if self.pinned else []
        doc = self.document
        if doc is not None and script.mode_named(self.current).config and script.config_for(self.current, doc) is None:
            notes.append(NOT_CHINESE)
        return "; ".join(notes)
