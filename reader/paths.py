"""Where reader keeps its own files (settings, store, caches).

The platform's user directories by default (platformdirs); ``READER_HOME``
puts all of them under one folder instead (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "reader"


def _home() -> Path | None:
    home = os.environ.get("READER_HOME")
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP))
