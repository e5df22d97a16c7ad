"""Turn ``render`` segments into Textual Strips, reusing one Style per colour pair.

Reused styles let Textual merge equal runs and keep the bytes sent over SSH small.
"""

from __future__ import annotations

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.strip import Strip

from tui_nn.draw.boundary import Segment


class StyleCache:
    """One ``Style`` per (foreground, background) pair, built on first use.

    Args:
        base: Put under every style (a widget's own colours), so its rows need no restyling when painted.
    """

    def __init__(self, base: Style | None = None) -> None:
        self.base = base
        self._styles: dict[tuple[str | None, str | None, bool], Style] = {}

    def get(self, fg: str | None, bg: str | None, bold: bool = False) -> Style:
        key = (fg, bg, bold)
        style = self._styles.get(key)
        if style is None:
            style = Style(color=fg, bgcolor=bg, bold=bold or None)
            style = self._styles[key] = style if self.base is None else self.base + style
        return style

    def strip(self, segments: list[Segment]) -> Strip:
        """One row of ``render`` segments as a Strip."""
        return Strip([RichSegment(text, self.get(fg, bg)) for text, fg, bg in segments]).simplify()
