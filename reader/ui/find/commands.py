"""Palette commands for finding, searching, keywords and watch-words
(joined to the others by reader/ui/commands.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from reader.ui.sidebar.keywords import MAX_TOP, set_keyword_count

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

Command = tuple[str, Callable[[], object], str]  # text, callback, help

KEYWORD_COUNTS = (5, 10, 20, MAX_TOP)


def search_commands(app: ReaderApp) -> Iterator[Command]:
    yield "Find in this document…", app.action_find, "Every hit highlighted as you type; n / N step (/)"
    yield "Search all documents…", app.action_search_all, "Hits in every open document; Enter opens one (F)"
    yield "Keywords: show or hide", app.action_toggle_keywords, "Highlight the top keywords in the transcript (K)"
    yield "Keywords: one more", app.action_more_keywords, "Highlight one more keyword (+)"
    yield "Keywords: one fewer", app.action_fewer_keywords, "Highlight one keyword fewer (-)"
    for top in KEYWORD_COUNTS:
        yield f"Keywords: top {top}", partial(set_keyword_count, app, top), f"List and highlight {top} keywords"
    yield "Add watch-word…", app.action_add_watchword, "A word highlighted in every document (w)"
    for word in app.watchwords.words:
        yield f"Remove watch-word: {word}", partial(app.watchwords.remove, word), "Stop highlighting this word"
