"""Commands of our own in the command palette (ctrl+p).

Document titles and headings are document text: they are shown as Content
built from plain strings (never parsed as markup), with the fuzzy match
highlighted by offsets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.ui.documents.docinfo import one_line
from reader.ui.find.commands import search_commands
from reader.ui.script import display as script

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

Command = tuple[str, Callable[[], object], str]  # text, callback, help


class ReaderCommands(Provider):
    """Open documents, jump to headings, switch script, toggle panes."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def commands(self) -> Iterator[Command]:
        app = self.reader
        for index, doc in app.loaded_documents():
            title = one_line(script.display(app, doc.title, doc))
            yield f"Open: {title}", partial(app.open_document, index), "Open this document"
        view_doc = app.transcript.document
        if view_doc is not None:
            for block in app.transcript.headings:
                text = one_line(app.show_short(view_doc.block_text(view_doc.blocks[block])))
                yield f"Go to: {text}", partial(app.transcript_jump, block), "Jump to this heading"
        yield "Script: next mode", app.action_cycle_script, "Cycle the Chinese script (c)"
        for mode in script.modes():
            label = f"Script: {mode.label} ({mode.name})"
            yield label, partial(app.set_mode, mode.name), "Show the text in this script"
        if app.script_modes.document is not None:
            pin = "Script: unpin this document" if app.script_modes.pinned else "Script: pin this document to its mode"
            yield pin, app.action_pin_script, "Remember this document's script apart from the others (C)"
        yield "Toggle sidebar", app.action_toggle_sidebar, "Show or hide the outline and speakers (s)"
        yield "Toggle document list", app.action_toggle_documents, "Show or hide the document list (D)"
        yield "Toggle web boilerplate", app.action_toggle_boilerplate, "Fold or show web boilerplate (z)"
        yield from search_commands(app)
        yield from app.highlights.commands()  # export, quote options (reader/ui/annotate/highlights.py)
        yield "Keys", app.action_help, "List every key binding (?)"

    async def discover(self) -> Hits:
        for text, callback, help in self.commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help in self.commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                yield Hit(score, _highlight(text, offsets, matcher.match_style), callback, text=text, help=help)


def _highlight(text: str, offsets: tuple[int, ...], style) -> Content:
    """The matched characters of ``text`` styled, without parsing it."""
    content = Content(text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
