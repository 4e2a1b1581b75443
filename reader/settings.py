"""The reader's remembered choices: script mode (global and per document),
the last document and the reading position in each, the keyword layer (on or
off, how many keywords) and the form quotes are copied in.

Settings are a convenience: a missing or unreadable file means defaults, and
a failed write is reported to the caller, never raised into the UI.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import get_args

from reader.fsutil import atomic_write_text
from reader.paths import config_dir
from reader.quote import Style

SETTINGS_VERSION = 1


@dataclass
class Settings:
    script_mode: str = "original"
    # Per-document overrides of script_mode, keyed by the document's path.
    document_modes: dict[str, str] = field(default_factory=dict)
    last_document: str | None = None
    # Reading position (an offset into the document's cleaned text) per path.
    positions: dict[str, int] = field(default_factory=dict)
    # The keywords drawn on the transcript (K), and how many are listed (+ / -;
    # None: the panel's default; the panel clamps it to what it can show).
    keywords_shown: bool = True
    keyword_count: int | None = None
    # How y copies a quote: "plain" or "markdown", in the shown or the original script.
    quote_style: Style = "plain"
    quote_original_script: bool = False

    def mode_for(self, path: str | None) -> str:
        if path is not None and path in self.document_modes:
            return self.document_modes[path]
        return self.script_mode


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a warning to show, if the file was unusable."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError) as error:
        return Settings(), f"settings file {path} could not be read ({error}); using defaults"
    if not isinstance(raw, dict):
        return Settings(), f"settings file {path} is not a JSON object; using defaults"
    return _from_json(raw), None


def _from_json(raw: dict) -> Settings:
    defaults = Settings()

    def typed(key: str, kind: type, default):
        value = raw.get(key, default)
        return value if isinstance(value, kind) else default

    return Settings(
        script_mode=typed("script_mode", str, defaults.script_mode),
        document_modes={k: v for k, v in typed("document_modes", dict, {}).items() if isinstance(v, str)},
        last_document=typed("last_document", str, None),
        positions={k: v for k, v in typed("positions", dict, {}).items() if isinstance(v, int)},
        keywords_shown=typed("keywords_shown", bool, defaults.keywords_shown),
        keyword_count=_count(raw.get("keyword_count")),
        quote_style=style if (style := raw.get("quote_style")) in get_args(Style) else defaults.quote_style,
        quote_original_script=typed("quote_original_script", bool, defaults.quote_original_script),
    )


def _count(value: object) -> int | None:
    """A keyword count: a whole number of at least 1 (JSON's true is no count)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; returns an error message instead of raising."""
    path = path or settings_path()
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    try:
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        return f"settings could not be saved to {path}: {error.strerror or error}"
    return None
