"""BoundaryView: the big decision-boundary plot of the output (or a chosen neuron) with the data on top.

It turns snapshots into half-block or ASCII rows through `tui_nn.draw.boundary` and repaints only the rows
that changed, since bytes over SSH are the budget; it never trains and never touches live arrays.
"""

from __future__ import annotations

from typing import Callable

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
from tui_nn.draw.classes import class_ascii_rows, class_rows, legend
from tui_nn.draw.palettes import CLASS_PALETTES, ClassPalette
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


def plot_rows(width: int, height: int, label_width: int = _LABEL_WIDTH) -> int:
    """Text rows of the largest square plot that fits a widget of this size.

    Args:
        width: Widget width in cells; `label_width` of them are not plot (`FRAME_COLS` by default).
        height: Widget height in rows; `FRAME_ROWS` of them are not plot.

    Returns:
        `R` >= 0; the plot is `R` rows by `2R` columns (square: half blocks are 1x2 pixel pairs).
    """
    return max(min(height - FRAME_ROWS, (width - label_width) // 2), 0)


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


def _plot_region(size: Size, label_width: int = _LABEL_WIDTH) -> Region:
    """The plot's cells: centred across, below the title, right of the y labels."""
    rows = plot_rows(*size, label_width)
    return Region((size.width - label_width - 2 * rows) // 2 + label_width, 1, 2 * rows, rows)


def _axis_units(snapshot: Snapshot) -> tuple[Callable[[float], float] | None, Callable[[float], float] | None]:
    """Plane coordinate to the value an axis label shows: a rescaled file's own units, else None."""
    scales = snapshot.data.scales
    return (scales[0].value_at, scales[1].value_at) if scales else (None, None)


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
        self.class_palette: ClassPalette | None = None
        """Class colours (set by the app for its colour system); None: ASCII, or truecolor's."""
        self._style_cache = StyleCache()
        self._snapshot: Snapshot | None = None
        self._node: Node | None = None
        self._grid: PlaneGrid | None = None
        self._lines: list[Line] = []
        self._strips: list[Strip] = []
        self._axis_cache: tuple[tuple[object, ...], list[Segment], Segment] | None = None
        self._frames: BoundaryFrames | None = None

    @property
    def palette(self) -> Palette | None:
        """Colours in use; None draws pure ASCII. Assigning one redraws the whole widget."""
        return self._palette

    @palette.setter
    def palette(self, palette: Palette | None) -> None:
        self._palette = palette
        self._style_cache = StyleCache(self._style_cache.base)
        self._redraw(full=True)

    @property
    def plot_region(self) -> Region:
        """The cells the plot covers inside the widget (empty when it is too small for one)."""
        return _plot_region(self.size, self._label_width())

    def _label_width(self) -> int:
        """The y labels' width and a blank: wider for a rescaled file's own units."""
        to_value = _axis_units(self._snapshot)[1] if self._snapshot is not None else None
        return _LABEL_WIDTH if to_value is None else len(y_axis_labels(3, to_value=to_value)[0]) + 1

    @property
    def title(self) -> str:
        """The title row's text, stripped; empty before the first snapshot."""
        return "".join(text for text, _, _ in self._lines[0][1]).strip() if self._snapshot and self._lines else ""

    def show(self, snapshot: Snapshot, node: Node | None = None) -> bool:
        """Draw a snapshot, repainting only the rows that differ from the last frame.

        Args:
            snapshot: The state to draw.
            node: The node to plot; None, a feature that is off or a neuron the network lacks
                shows the output.

        Returns:
            Whether any row changed.
        """
        self._snapshot, self._node = snapshot, node
        return self._redraw(full=False)

    def on_resize(self, event: events.Resize) -> None:
        self._redraw(full=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # new colours under the rows (a theme, say): `_redraw` repaints them all
            self._redraw(full=False)

    def render_line(self, y: int) -> Strip:
        """Row ``y`` as `_redraw` built it, already over the widget's colours and as wide as the widget."""
        width, base = self.size.width, self._style_cache.base
        strip = self._strips[y] if y < len(self._strips) else Strip([])
        return strip if strip.cell_length == width else strip.crop_extend(0, width, base).apply_style(base)

    def _redraw(self, full: bool) -> bool:
        """Lay the widget out again and refresh the rows that changed (all of them if `full`).

        Rows are built over the widget's own colours and padded to its width here, once per change:
        restyling each row as Textual paints it was a tenth of the app's CPU while training.
        """
        size, base = self.size, self.rich_style
        if base != self._style_cache.base:
            self._style_cache, full = StyleCache(base), True
        lines = self.frame_lines(size)
        height = max(len(lines), len(self._lines))
        old = self._lines + [(False, ())] * (height - len(self._lines))
        new = lines + [(False, ())] * (height - len(lines))
        changed = [y for y in range(height) if full or new[y] != old[y]]
        strips = self._strips + [Strip([])] * (height - len(self._strips))
        for y in changed:
            strips[y] = self.line_strip(new[y]).extend_cell_length(size.width, base)
        self._lines, self._strips = lines, strips[: len(lines)]
        if full:
            self.refresh()
        elif changed:
            self.refresh(*(Region(0, y, size.width, 1) for y in changed))
        return bool(changed)

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
        label_width = self._label_width()
        rows = plot_rows(width, height, label_width)
        title, plot = self._plot(rows)
        lines = [self._title_line(title, width)]
        if rows == 0:
            return lines
        labels, ticks = self._axes(size, rows, label_width)
        lines += [(False, (label, *row)) for label, row in zip(labels, plot)]
        lines.append((False, (ticks,)))
        return lines

    def _axes(self, size: Size, rows: int, label_width: int) -> tuple[list[Segment], Segment]:
        """The y labels (padded, one segment per plot row) and the x-tick row, kept between frames of one data."""
        scales = self._snapshot.data.scales if self._snapshot is not None else None
        key = (size, rows, label_width, id(scales))
        if self._axis_cache is None or self._axis_cache[0] != key:
            pad = " " * (_plot_region(size, label_width).x - label_width)
            x_units, y_units = _axis_units(self._snapshot)
            labels = [(f"{pad}{label} ", None, None) for label in y_axis_labels(rows, to_value=y_units)]
            ticks = (pad + " " * label_width + axis_ticks(2 * rows, to_value=x_units), None, None)
            self._axis_cache = (key, labels, ticks)
        return self._axis_cache[1], self._axis_cache[2]

    def _title_line(self, title: str, width: int) -> Line:
        """The title; over a multi-class output, followed by the legend of class names."""
        snapshot = self._snapshot
        if title != "Output" or snapshot is None or snapshot.config.problem != "multiclass":
            return _text_line(title, width, bold=True)
        palette = None if self._palette is None else self.class_palette or CLASS_PALETTES["truecolor"]
        names = snapshot.data.class_names
        for prefix, cut in ((f"{title}: ", 40), ("", 40), ("", 6), ("", 3)):  # narrower and narrower
            segments = [(prefix, None, None), *legend([name[:cut] for name in names], palette)]
            used = sum(len(text) for text, _, _ in segments)
            if used <= width:
                break
        else:  # too narrow for every name: the title alone
            return _text_line(title, width, bold=True)
        left = (width - used) // 2
        return (True, ((" " * left, None, None), *segments, (" " * (width - used - left), None, None)))

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
        if config.problem == "multiclass" and node.kind == "output":
            return title, self._class_plot(values, points)
        if self._palette is None:
            return title, [((row, None, None),) for row in ascii_rows(values, points, regression)]
        if self._frames is None or self._frames.palette is not self._palette:
            self._frames = BoundaryFrames(self._palette)
        return title, self._frames.rows(values, points, regression)

    def _class_plot(self, probabilities: Array, points: list[PointLayer]) -> list[tuple[Segment, ...]]:
        """The output of many classes: each pixel in its winning class's colour, shaded by its probability."""
        if self._palette is None:
            return [((row, None, None),) for row in class_ascii_rows(probabilities, points)]
        palette = self.class_palette or CLASS_PALETTES["truecolor"]
        return [tuple(row) for row in class_rows(probabilities, palette, points)]

    def _neuron_values(self, snapshot: Snapshot, layer: int, index: int, cols: int, rows: int) -> Array:
        """One neuron's output over a `cols` x `rows` pixel grid, discretized if the config says so.

        A multi-class output gives every class's probability, `(K, rows, cols)`; a sigmoid output
        is put on the Playground's -1..+1 scale.
        """
        config = snapshot.config
        if self._grid is None or not self._grid.fits(config.features, cols, rows):
            self._grid = PlaneGrid(config.features, cols, rows)
        outputs = self._grid.layer_outputs(snapshot.network)[layer]
        if layer == len(config.layer_sizes) - 1:
            if config.problem == "multiclass":  # discretized: the winner only, at full strength
                return np.where(outputs == outputs.max(axis=0), 1.0, 0.0) if config.discretize else outputs
            values = config.head.probability(outputs[0])
        else:
            values = outputs[index]
        return discretized(values) if config.discretize else values
