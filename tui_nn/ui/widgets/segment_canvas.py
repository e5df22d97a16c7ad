"""SegmentCanvas: shows rows of ``(text, fg, bg)`` segments from a draw renderer, nothing more.

Whoever owns it renders for its size (``size``) and hands the rows over with ``update``; it
repaints only when handed new rows.
"""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from tui_nn.draw.boundary import Segment
from tui_nn.ui.strips import StyleCache


class SegmentCanvas(Widget):
    """A plain-data picture: one row of segments per line."""

    DEFAULT_CSS = "SegmentCanvas { width: 1fr; height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[list[Segment]] = []
        self._strips: list[Strip] = []
        self._styles = StyleCache()

    @property
    def text(self) -> list[str]:
        """The rows as plain text (for tests and the screen's own checks)."""
        return ["".join(text for text, _, _ in row) for row in self._rows]

    def update(self, rows: list[list[Segment]]) -> None:
        """Show ``rows`` from the next paint on."""
        self._rows = rows
        self._strips = [self._styles.strip(row) for row in rows]
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y].extend_cell_length(self.size.width, self.rich_style).apply_style(self.rich_style)
        return Strip.blank(self.size.width, self.rich_style)
