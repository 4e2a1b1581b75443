"""The hues of the eight highlight colours, for swatches in lists.

The transcript tints text with the same hues, translucent over the
background (styles/highlights.tcss), so one table must agree with the other.
Mid-lightness hues: a swatch reads on dark and light themes alike."""

from __future__ import annotations

from textual.color import Color
from textual.content import Content
from textual.style import Style

HUES = {
    "yellow": "#e5b52a",
    "green": "#43a047",
    "blue": "#1e88e5",
    "pink": "#e05c9c",
    "purple": "#8e5bd6",
    "orange": "#ef7d22",
    "red": "#e53935",
    "grey": "#8d8d8d",
}


def swatch(colour: str) -> Content:
    return Content.styled("██", Style(foreground=Color.parse(HUES.get(colour, "#808080"))))
