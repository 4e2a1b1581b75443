"""Turning transcript lines into styled segments (no widget state here).

Spans are stored against ``Document.text``; a line maps them onto its own
display text through the block's offset map, so highlights, search hits and
keywords land on the right characters in any script mode.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping

from rich.segment import Segment
from rich.style import Style
from textual.widget import Widget

from reader.ui.script.display import Shown
from reader.ui.transcript.lines import TEXT, Line

SpanStyle = Style | str  # a Rich style, or the name of a component class
Overlay = tuple[int, int, SpanStyle]  # offsets into a line's text

# How each kind of block is drawn: the component class of its text.
KIND_CLASS = {
    "heading": "transcript--heading",
    "narration": "transcript--narration",
    "note": "transcript--note",
    "boilerplate": "transcript--boilerplate",
    "turn": "transcript--turn",
}


class SpanLayer:
    """Source spans drawn over the text; sorted so a line finds its own fast."""

    def __init__(self, spans: Iterable[tuple[int, int, SpanStyle]]) -> None:
        self.spans = sorted(((s, e, style) for s, e, style in spans if e > s), key=lambda span: span[:2])
        self.starts = [s for s, _, _ in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, SpanStyle]]:
        """Spans that intersect [start, end)."""
        hits = []
        for j in range(bisect_left(self.starts, end) - 1, -1, -1):
            s, e, style = self.spans[j]
            if s + self.longest <= start:
                break  # no earlier span can reach this far
            if e > start:
                hits.append((s, e, style))
        return hits


def line_overlays(line: Line, shown: Shown, block_start: int, layers: Iterable[SpanLayer]) -> list[Overlay]:
    """The layers' spans on a TEXT line, as offsets into ``line.text``."""
    if line.role != TEXT or not line.text:
        return []
    size = len(line.text)
    out = []
    for layer in layers:
        for s, e, style in layer.overlapping(line.start, line.end):
            ds = shown.to_display(max(s, line.start) - block_start) - line.dstart
            de = shown.to_display(min(e, line.end) - block_start) - line.dstart
            ds, de = max(0, min(ds, size)), max(0, min(de, size))
            if de > ds:
                out.append((ds, de, style))
    return out


def offset_meta(x: int, y: int) -> Style:
    """Where a segment starts, for Textual's text selection (as Log does)."""
    return Style.from_meta({"offset": (x, y)})


def paint_text(
    text: str, style: Style, overlays: list[Overlay], y: int, resolve: Callable[[str], Style]
) -> list[Segment]:
    """Segments of ``text`` with the overlays' styles applied on top of ``style``."""
    if not text:
        return []
    cuts = sorted({0, len(text), *(p for s, e, _ in overlays for p in (s, e) if 0 <= p <= len(text))})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = style
        for s, e, extra in overlays:
            if s <= a and b <= e:
                piece += resolve(extra) if isinstance(extra, str) else extra
        segments.append(Segment(text[a:b], piece + offset_meta(a, y)))
    return segments


def component_style(widget: Widget, name: str) -> Style:
    """What a component class sets, translucent colours blended onto the
    widget's background (Rich has no alpha), so a tint stays a tint."""
    try:
        styles = widget.get_component_styles(name)
    except KeyError:
        return Style.null()
    background = widget.background_colors[1]
    color = bgcolor = None
    if styles.has_rule("background") and styles.background.a > 0:
        background = background + styles.background
        bgcolor = background.rich_color
    if styles.has_rule("color") and styles.color.a > 0:
        color = (background + styles.color).rich_color
    return Style(color=color, bgcolor=bgcolor) + styles.text_style


def resolved(cache: Mapping[str, Style], widget: Widget, name: str) -> Style:
    """A class's style from ``cache``, else computed (the screen's for screen--*)."""
    style = cache.get(name)
    if style is None:
        if name.startswith("screen--"):
            style = widget.screen.get_component_rich_style(name, partial=True, default=Style.null())
        else:
            style = component_style(widget, name)
        cache[name] = style  # type: ignore[index]
    return style
