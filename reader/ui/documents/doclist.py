"""The document list: one entry per path, filled in as documents load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Document
from reader.ui.documents.docinfo import one_line, script_label, speakers, turn_count
from reader.ui.script import display as script

MAX_NAMES = 3

Show = Callable[[str], str]  # a document's text as it is shown (script mode)


def loading_prompt(path: Path) -> Content:
    return Content.assemble(("⋯ ", "dim"), (one_line(path.name), "dim italic"))


@dataclass(frozen=True, slots=True)
class Entry:
    """What a list entry says about a document, counted once: a mode switch
    only converts the title and the names again."""

    title: str
    facts: str  # language · script · turns · format · encoding
    names: tuple[str, ...]  # the first MAX_NAMES speakers
    more: int  # how many speakers are not named
    paired: bool = False  # another version to read beside it is known (reader.ui.beside.actions)


def entry_of(doc: Document) -> Entry:
    names = [name for name, _ in speakers(doc)]
    return make_entry(
        doc.title, doc.language, script_label(doc), turn_count(doc), doc.damaged, names,
        source_format=doc.format, encoding=doc.encoding,
    )


# Encodings not worth a mention: UTF-8, with or without its byte-order mark.
PLAIN_ENCODINGS = {"utf-8", "utf-8-sig"}


def make_entry(
    title: str,
    language: str,
    label: str,
    turns: int,
    damaged: bool,
    names: list[str],
    source_format: str = "text",
    encoding: str = "utf-8",
) -> Entry:
    """An entry from the facts alone (a parsed document's, or those the
    metadata cache kept of it: reader.ui.loader); ``label`` is the script's (简).

    The source's format (srt, vtt…) and encoding (big5…) are named only when
    they are not the usual plain text in UTF-8."""
    facts = [language]
    if label:
        facts.append(label)
    facts.append(f"{turns} turn" if turns == 1 else f"{turns} turns")
    if source_format and source_format != "text":
        facts.append(one_line(source_format))
    if encoding and encoding.lower().replace("_", "-") not in PLAIN_ENCODINGS:
        facts.append(one_line(encoding.lower()))
    if damaged:
        facts.append("damaged")
    return Entry(title, " · ".join(facts), tuple(names[:MAX_NAMES]), max(0, len(names) - MAX_NAMES))


def entry_prompt(entry: Entry, show: Show = str) -> Content:
    """Title, then language · script · turns, then the speakers (title and
    names through ``show``: the script mode)."""
    names = ", ".join(one_line(show(name)) for name in entry.names) + (f" +{entry.more}" if entry.more else "")
    facts = entry.facts + (" · ⇄" if entry.paired else "")
    parts: list[str | tuple[str, str]] = [(one_line(show(entry.title)) or "untitled", "bold"), "\n", (facts, "dim")]
    if names:
        parts += ["\n", (names, "dim italic")]
    return Content.assemble(*parts)


def document_prompt(doc: Document, show: Show = str) -> Content:
    return entry_prompt(entry_of(doc), show)


def error_prompt(path: Path, message: str) -> Content:
    return Content.assemble(
        ("⚠ ", "$text-error"),
        (one_line(path.name), "dim"),
        "\n",
        (one_line(message), "dim"),
    )


class DocumentList(OptionList):
    """Documents by title; Enter opens one.  Failed files stay listed, dimmed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Documents"
        self._loaded: dict[int, tuple[Document, Entry]] = {}

    def set_paths(self, paths: list[Path]) -> None:
        options: list[Option | None] = []
        for i, path in enumerate(paths):
            options += [Option(loading_prompt(path), id=str(i)), None]  # None: a divider
        self.set_options(options[:-1])
        if paths:
            self.highlighted = 0

    def set_loaded(self, index: int, doc: Document, show: Show = str) -> None:
        self.set_entry(index, doc, entry_of(doc), show)

    def set_entry(self, index: int, doc, entry: Entry, show: Show = str) -> None:
        """Show ``entry`` for ``doc``: a Document, or what the metadata cache
        knows of one (anything with ``path``, ``language`` and ``script``,
        which the script mode needs)."""
        previous = self._loaded.get(index)
        if previous is not None and previous[1].paired:
            entry = replace(entry, paired=True)
        self._loaded[index] = doc, entry
        self.replace_option_prompt_at_index(index, entry_prompt(entry, show))

    def show_titles(self, show_for: Callable[[Document], Show]) -> None:
        """Redraw every loaded entry, each in its own script mode."""
        for index, (doc, entry) in self._loaded.items():
            self.replace_option_prompt_at_index(index, entry_prompt(entry, show_for(doc)))

    def set_paired(self, indices: set[int]) -> None:
        """Mark ⇄ the documents that have a version to read beside them."""
        for index, (doc, entry) in self._loaded.items():
            if entry.paired != (index in indices):
                self._loaded[index] = doc, replace(entry, paired=index in indices)
                show = lambda text, doc=doc: script.display(self, text, doc)
                self.replace_option_prompt_at_index(index, entry_prompt(self._loaded[index][1], show))

    def set_failed(self, index: int, path: Path, message: str) -> None:
        self._loaded.pop(index, None)  # what the cache said of it, say: no longer true
        self.replace_option_prompt_at_index(index, error_prompt(path, message))
