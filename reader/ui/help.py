"""The help screen: every key binding, generated from the BINDINGS in force
(app, screen, transcript and the focused pane), so it never goes stale."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

Row = tuple[str, str]  # keys, description

# Not bindings, so written here (the transcript's on_click and text selection).
MOUSE: list[Row] = [
    ("click", "Put the cursor on that turn"),
    ("drag", "Select text (ctrl+c copies it)"),
    ("double-click", "Select a word"),
    ("triple-click", "Select a turn"),
    ("wheel", "Scroll"),
]


def binding_rows(app: App, node: DOMNode) -> list[Row]:
    """The node's bindings, one row per action, keys joined ("j, down")."""
    rows: dict[tuple[str, str], list[str]] = {}
    for bindings in node._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.system or not binding.description:
                continue
            rows.setdefault((binding.action, binding.description), []).append(_key(app, binding))
    return [(", ".join(dict.fromkeys(keys)), description) for (_, description), keys in rows.items()]


def _key(app: App, binding: Binding) -> str:
    return app.get_key_display(binding)


def help_groups(app: App, sections: list[tuple[str, DOMNode]]) -> list[tuple[str, list[Row]]]:
    """The keys of each section that has any, then the mouse in the transcript."""
    groups = []
    for title, node in sections:
        rows = binding_rows(app, node)
        if rows:
            groups.append((title, rows))
    return [*groups, ("Mouse, in the transcript", MOUSE)]


def help_content(groups: list[tuple[str, list[Row]]]) -> Content:
    width = max((len(keys) for _, rows in groups for keys, _ in rows), default=0)
    lines: list[Content] = []
    for title, rows in groups:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold underline"))
        for keys, description in rows:
            lines.append(Content.assemble((keys.ljust(width), "bold $accent"), "   ", description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys of the app and of the pane that had focus; Escape, q or ? closes."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", show=True),
    ]

    def __init__(self, groups: list[tuple[str, list[Row]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc / q / ? to close"
            yield Static(help_content(self.groups), id="help-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
