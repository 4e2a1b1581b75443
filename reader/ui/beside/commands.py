"""Palette commands for reading beside: "Open beside: <title>" for every
other document, the current document's counterparts first and starred
(★ remembered / ★ suggested), then closing and copying when open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.ui.commands import _highlight
from reader.ui.documents.docinfo import one_line
from reader.ui.script import display as script

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

Command = tuple[str, Callable[[], object], str, bool]  # text, callback, help, starred


class BesideCommands(Provider):
    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def commands(self) -> Iterator[Command]:
        app = self.reader
        if app.current is not None:
            starred = dict(app.pair_index.counterparts(app.current))
            others = [i for i, _ in app.loaded_documents() if i != app.current and i not in starred]
            for index in [*starred, *others]:
                doc = app.documents[index]
                if doc is None:
                    continue
                title = one_line(script.display(app, doc.title, doc))
                mark = starred.get(index)
                text = f"Open beside: ★ {title} ({mark})" if mark else f"Open beside: {title}"
                yield text, partial(app.open_beside, index), "Read it beside this one, turn by turn (B)", bool(mark)
        if app.beside_pane is not None:
            yield "Beside: close", app.close_beside, "Back to one document (B or Escape)", False
            yield "Beside: copy this turn in both versions", app.action_copy_both, "Two quotations (Y)", False

    async def discover(self) -> Hits:
        for text, callback, help, _ in self.commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = []
        for text, callback, help, starred in self.commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                found.append((score, starred, text, offsets, callback, help))
        # A starred document comes before the others however its title matches.
        lift = max((score for score, *_ in found), default=0.0)
        for score, starred, text, offsets, callback, help in found:
            prompt = _highlight(text, offsets, matcher.match_style)
            yield Hit(score + lift if starred else score, prompt, callback, text=text, help=help)
