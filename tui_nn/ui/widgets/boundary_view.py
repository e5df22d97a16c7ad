"""BoundaryView: the big decision-boundary plot of the output (or a chosen neuron) with the data on top.

It turns snapshots into half-block or ASCII rows through `tui_nn.draw.boundary` and repaints only the rows
that changed, since bytes over SSH are the budget; it never trains and never touches live arrays.
"""

from __future__ import annotations

import numpy as np
from rich.segment import Segment as RichSegment
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from tui_nn.core.features import FEATURES
from tui_nn.core.nodes import Node
from tui_nn.core.plane import PlaneGrid
from tui_nn.draw.palettes import Palette
from tui_nn.draw.axes import axis_ticks, y_axis_labels
from tui_nn.draw.boundary import Array, BoundaryFrames, PointLayer, Segment, ascii_rows, discretized
from tui_nn.core.trainer import Snapshot
from tui_nn.ui.strips import StyleCache

__all__ = ["FRAME_COLS", "FRAME_ROWS", "BoundaryView", "plot_rows", "width_for"]

Line = tuple[bool, tuple[Segment, ...]]
"""One widget row: whether it is bold (the title) and its segments; compared to find changed rows."""

_LABEL_WIDTH = len(y_axis_labels(1)[0]) + 1  # the widest y label and one blank before the plot
FRAME_COLS = _LABEL_WIDTH
"""Cells across that are not plot: the y labels and a blank."""
FRAME_ROWS = 2
"""Rows that are not plot: the title and the x ticks."""
_WAITING = {True: "waiting for the trainer…", False: "waiting for the trainer..."}


def plot_rows(width: int, height: int) -> int:
    """Text rows of the largest square plot that fits a widget of this size.

    Args:
        width: Widget width in cells; `FRAME_COLS` of them are not plot.
        height: Widget height in rows; `FRAME_ROWS` of them are not plot.

    Returns:
        `R` >= 0; the plot is `R` rows by `2R` columns (square: half blocks are 1x2 pixel pairs).
    """
    return max(min(height - FRAME_ROWS, (width - FRAME_COLS) // 2), 0)


def width_for(rows: int) -> int:
    """The narrowest widget width whose plot can have `rows` rows (given the height for them)."""
    return 2 * rows + FRAME_COLS


def _title(node: Node, ascii: bool) -> str:
    """What the plot shows: the output, one input feature, or one hidden neuron (numbered from 1)."""
    if node.kind == "output":
        return "Output"
    if node.kind == "feature":
        feature = FEATURES[node.key]
        return f"Feature {feature.ascii_label if ascii else feature.label}"
    return f"Neuron {node.neuron + 1} of hidden layer {node.layer}"


def _plot_region(size: Size) -> Region:
    """The plot's cells: centred across, below the title, right of the y labels."""
    rows = plot_rows(*size)
    return Region((size.width - _LABEL_WIDTH - 2 * rows) // 2 + _LABEL_WIDTH, 1, 2 * rows, rows)


def _text_line(text: str, width: int, bold: bool = False) -> Line:
    return (bold, ((text[:width].center(width), None, None),))


class BoundaryView(Widget):
    """The output heatmap of the Playground: a square plot of one neuron over [-6, 6]^2.

    Args:
        palette: Colours for the terminal's colour system, or None for pure ASCII.
        name: The widget's name.
        id: The widget's id.
        classes: Space-separated CSS classes.
    """

    def __init__(
        self,
        palette: Palette | None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._palette = palette
        self._style_cache = StyleCache()
        self._snapshot: Snapshot | None = None
        self._node: Node | None = None
        self._grid: PlaneGrid | None = None
        self._lines: list[Line] = []
        self._strips: list[Strip] = []
        self._axis_cache: tuple[tuple[Size, int], list[Segment], Segment] | None = None
        self._frames: BoundaryFrames | None = None

    @property
    def palette(self) -> Palette | None:
        """Colours in use; None draws pure ASCII. Assigning one redraws the whole widget."""
        return self._palette

    @palette.setter
    def palette(self, palette: Palette | None) -> None:
        self._palette = palette
        self._style_cache = StyleCache()
        self._redraw(full=True)

    @property
    def plot_region(self) -> Region:
        """The cells the plot covers inside the widget (empty when it is too small for one)."""
        return _plot_region(self.size)

    @property
    def title(self) -> str:
        """The title row's text, stripped; empty before the first snapshot."""
        return self._lines[0][1][0][0].strip() if self._snapshot and self._lines else ""

    def show(self, snapshot: Snapshot, node: Node | None = None) -> None:
        """Draw a snapshot, repainting only the rows that differ from the last frame.

        Args:
            snapshot: The state to draw.
            node: The node to plot; None, a feature that is off or a neuron the network lacks
                shows the output.
        """
        self._snapshot, self._node = snapshot, node
        self._redraw(full=False)

    def on_resize(self, event: events.Resize) -> None:
        self._redraw(full=True)

    def render_line(self, y: int) -> Strip:
        width, style = self.size.width, self.rich_style
        strip = self._strips[y] if y < len(self._strips) else Strip([])
        return strip.crop_extend(0, width, style).apply_style(style)

    def _redraw(self, full: bool) -> None:
        """Lay the widget out again and refresh the rows that changed (all of them if `full`)."""
        size = self.size
        lines = self.frame_lines(size)
        height = max(len(lines), len(self._lines))
        old = self._lines + [(False, ())] * (height - len(self._lines))
        new = lines + [(False, ())] * (height - len(lines))
        changed = [y for y in range(height) if full or new[y] != old[y]]
        strips = self._strips + [Strip([])] * (height - len(self._strips))
        for y in changed:
            strips[y] = self.line_strip(new[y])
        self._lines, self._strips = lines, strips[: len(lines)]
        if full:
            self.refresh()
        elif changed:
            self.refresh(*(Region(0, y, size.width, 1) for y in changed))

    def line_strip(self, line: Line) -> Strip:
        """One row from `frame_lines` as the Strip Textual paints."""
        bold, segments = line
        get = self._style_cache.get
        return Strip([RichSegment(text, get(fg, bg, bold)) for text, fg, bg in segments]).simplify()

    def frame_lines(self, size: Size) -> list[Line]:
        """Every row of the widget at `size` for the last snapshot: title, plot rows with y labels, x ticks.

        `show` builds these for each snapshot (and Strips for the rows that changed); the frame
        benchmark times the same two calls.
        """
        width, height = size
        if height <= 0 or width <= 0:
            return []
        if self._snapshot is None:
            waiting = _text_line(_WAITING[self._palette is not None], width)
            return [(False, ())] * (height // 2) + [waiting]
        rows = plot_rows(width, height)
        title, plot = self._plot(rows)
        lines = [_text_line(title, width, bold=True)]
        if rows == 0:
            return lines
        labels, ticks = self._axes(size, rows)
        lines += [(False, (label, *row)) for label, row in zip(labels, plot)]
        lines.append((False, (ticks,)))
        return lines

    def _axes(self, size: Size, rows: int) -> tuple[list[Segment], Segment]:
        """The y labels (padded, one segment per plot row) and the x-tick row for this size, kept between frames."""
        if self._axis_cache is None or self._axis_cache[0] != (size, rows):
            pad = " " * (_plot_region(size).x - _LABEL_WIDTH)
            labels = [(f"{pad}{label} ", None, None) for label in y_axis_labels(rows)]
            ticks = (pad + " " * _LABEL_WIDTH + axis_ticks(2 * rows), None, None)
            self._axis_cache = ((size, rows), labels, ticks)
        return self._axis_cache[1], self._axis_cache[2]

    def _plot(self, rows: int) -> tuple[str, list[tuple[Segment, ...]]]:
        """The title and `rows` rows of the chosen neuron's map with the points on top."""
        snapshot, ascii = self._snapshot, self._palette is None
        assert snapshot is not None
        config = snapshot.config
        node = self._node if self._node is not None and self._node.unit(config) is not None else Node.output()
        layer, index = node.unit(config)
        title = _title(node, ascii)
        if rows == 0:
            return title, []
        values = self._neuron_values(snapshot, layer, index, 2 * rows, rows if ascii else 2 * rows)
        data = snapshot.data
        points = [PointLayer(data.train_points, data.train_labels, test=False)]
        if config.show_test_data:
            points.append(PointLayer(data.test_points, data.test_labels, test=True))
        regression = config.problem == "regression"
        if self._palette is None:
            return title, [((row, None, None),) for row in ascii_rows(values, points, regression)]
        if self._frames is None or self._frames.palette is not self._palette:
            self._frames = BoundaryFrames(self._palette)
        return title, self._frames.rows(values, points, regression)

    def _neuron_values(self, snapshot: Snapshot, layer: int, index: int, cols: int, rows: int) -> Array:
        """One neuron's output over a `cols` x `rows` pixel grid, discretized if the config says so."""
        features = snapshot.config.features
        if self._grid is None or not self._grid.fits(features, cols, rows):
            self._grid = PlaneGrid(features, cols, rows)
        values = self._grid.layer_outputs(snapshot.network)[layer][index]
        return discretized(values) if snapshot.config.discretize else values
