"""Thumbnails of the network diagram: each feature's or neuron's values over the plane as tiny heatmaps.

It evaluates grids at `OVERSAMPLE` times the thumbnail's resolution and block-averages them, as the
Playground's `reduceMatrix` does, then returns `render` segments; it knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui_nn.core.features import FEATURES, feature_matrix
from tui_nn.core.nodes import Node
from tui_nn.core.plane import PlaneGrid
from tui_nn.core.network import Network
from tui_nn.draw.palettes import Palette
from tui_nn.core.plane import grid_points
from tui_nn.draw.boundary import Array, Segment, ascii_rows, block_mean, boundary_rows, discretized
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.network_layout import DiagramLayout

OVERSAMPLE = 4
"""Pixels evaluated per thumbnail pixel and side before block-averaging."""

Thumbnail = list[list[Segment]]
"""Text rows of segments, each row exactly the thumbnail's width."""


@dataclass(frozen=True)
class Shape:
    """A thumbnail's size in cells, and how it maps to pixels."""

    cols: int
    rows: int
    ascii: bool
    inset: bool
    """Leave the last pixel row blank, so thumbnails stacked without a gap stay apart."""

    @classmethod
    def for_layout(cls, layout: DiagramLayout, ascii: bool) -> Shape:
        """The layout's thumbnail size; inset where it stacks them without gaps (half-blocks only)."""
        inset = layout.gap == 0 and not ascii and layout.thumb_rows > 1
        return cls(layout.thumb_cols, layout.thumb_rows, ascii, inset)

    @property
    def pixels(self) -> tuple[int, int]:
        """Pixels `(rows, cols)`: two per cell down in half-blocks, one in ASCII; less the inset."""
        rows = self.rows if self.ascii else 2 * self.rows
        return (max(rows - 1, 1) if self.inset else rows), self.cols


def feature_values(shape: Shape) -> Array:
    """Every feature in `FEATURES` order, raw (not normalised), shape `(7, rows, cols)` in pixels."""
    rows, cols = shape.pixels
    points = grid_points(cols * OVERSAMPLE, rows * OVERSAMPLE)
    raw = feature_matrix(points, tuple(FEATURES)).T.reshape(len(FEATURES), rows * OVERSAMPLE, -1)
    return block_mean(raw, rows, cols)


def neuron_values(grid: PlaneGrid, network: Network, shape: Shape) -> list[Array]:
    """Each neuron's output over the plane, block-averaged to thumbnail pixels.

    Args:
        grid: Feature inputs at `OVERSAMPLE` times `shape.pixels` (see `grid_for`).
        network: The network to evaluate.
        shape: The thumbnail shape.

    Returns:
        Per hidden layer, then the output: shape `(n_units, *shape.pixels)`.
    """
    rows, cols = shape.pixels
    return [block_mean(layer, rows, cols) for layer in grid.layer_outputs(network)[1:]]


def grid_for(grid: PlaneGrid | None, features: tuple[str, ...], shape: Shape) -> PlaneGrid:
    """`grid` if it already fits `features` and `shape`, else a new one."""
    rows, cols = shape.pixels
    if grid is not None and grid.fits(features, cols * OVERSAMPLE, rows * OVERSAMPLE):
        return grid
    return PlaneGrid(features, cols * OVERSAMPLE, rows * OVERSAMPLE)


def _inset_row(line: list[Segment]) -> list[Segment]:
    """A half-block row whose lower pixels are the terminal's background."""
    return [(text, fg, None) if text[0] == "▀" else ("▀" * len(text), bg, None) for text, fg, bg in line]


def _finish(lines: Thumbnail, shape: Shape, faded: bool) -> Thumbnail:
    """Fade a half-block thumbnail and blank its inset."""
    if faded:
        lines = [[("░" * len(text), fg if text[0] == "▀" else bg, None) for text, fg, bg in line] for line in lines]
        if shape.inset:  # a shade glyph fills the whole cell: blank the row instead of half of it
            lines[-1] = [(" " * shape.cols, None, None)]
    elif shape.inset:
        lines[-1] = _inset_row(lines[-1])
    return lines


def thumbnails(values: Array, shape: Shape, palette: Palette | None, faded: Sequence[bool] = ()) -> list[Thumbnail]:
    """A stack of thumbnails as rows of segments, drawn with one `render` call for the stack.

    Args:
        values: Shape `(n, *shape.pixels)`, about [-1, 1]; NaN draws grey (or `?` in ASCII).
        shape: Size and mode; with `inset`, the last pixel row is left blank.
        palette: Colours, or None for ASCII shade characters.
        faded: Per grid (empty: none), draw shade-coloured `░` on the terminal's background
            instead of solid cells, the stand-in for the Playground's 0.4 opacity on inactive inputs.

    Returns:
        `n` thumbnails of `shape.rows` rows each.
    """
    n, per = values.shape[0], values.shape[1]
    if palette is None:
        text = ascii_rows(values.reshape(-1, shape.cols))
        blank = [[(" " * shape.cols, None, None)]] * (shape.rows - per)
        return [[[(line, None, None)] for line in text[i * per : (i + 1) * per]] + blank for i in range(n)]
    if per % 2:
        values = np.concatenate([values, values[:, -1:]], axis=1)
    lines = boundary_rows(values.reshape(-1, shape.cols), palette)
    rows = shape.rows
    return [_finish(lines[i * rows : (i + 1) * rows], shape, bool(faded) and faded[i]) for i in range(n)]


def _output_scores(snapshot: Snapshot, values: Array, output_class: int) -> Array:
    """The output on the -1..+1 scale: a sigmoid's 2p - 1; of many classes, the chosen class's 2p - 1."""
    config = snapshot.config
    if config.problem == "multiclass":
        return 2.0 * values[[output_class % len(values)]] - 1.0
    return config.head.probability(values)


class Thumbnails:
    """Every node's thumbnail for the latest snapshot, computed on first use.

    Args:
        palette: Colours, or None for ASCII.
    """

    def __init__(self, palette: Palette | None) -> None:
        self.palette = palette
        self._snapshot: Snapshot | None = None
        self._grid: PlaneGrid | None = None
        self._neurons: dict[Shape, list[list[Thumbnail]]] = {}
        self._features: dict[tuple[object, ...], list[Thumbnail]] = {}
        self.output_class = 0
        """Of many classes, the one whose probability the output thumbnail shows."""

    def adopt(self, snapshot: Snapshot) -> bool:
        """Take a new snapshot unless it draws exactly as the last (settings, weights, dead links).

        Returns:
            True if it was taken: everything drawn from it needs drawing again.
        """
        old = self._snapshot
        if old is snapshot:
            return False
        if old is not None:
            a, b = old.network, snapshot.network
            same_dead = (a.dead is None) == (b.dead is None) and (a.dead is None or np.array_equal(a.dead, b.dead))
            if old.config == snapshot.config and same_dead and np.array_equal(a.params, b.params, equal_nan=True):
                return False
        self._snapshot, self._neurons = snapshot, {}
        return True

    def of(self, node: Node, shape: Shape) -> Thumbnail:
        """One node's thumbnail in the adopted snapshot; a neuron the network lacks draws blank."""
        snapshot = self._snapshot
        if snapshot is None:
            return []
        if node.kind == "feature":
            return self.features(shape, snapshot)[node.diagram_position(snapshot.config.hidden_layers)[1]]
        unit = node.unit(snapshot.config)
        return [] if unit is None else self.neurons(shape)[unit[0] - 1][unit[1]]

    def features(self, shape: Shape, snapshot: Snapshot) -> list[Thumbnail]:
        """Every feature in `FEATURES` order; inactive ones faded, or blank but for `off` in ASCII."""
        config = snapshot.config
        key = (shape, config.features, config.discretize)
        if key not in self._features:
            values = feature_values(shape)
            values = discretized(values) if config.discretize else values
            inactive = [name not in config.features for name in FEATURES]
            drawn = thumbnails(values, shape, self.palette, faded=inactive)
            if self.palette is None:
                off = [[("off".ljust(shape.cols)[: shape.cols], None, None)]] + [[]] * (shape.rows - 1)
                drawn = [off if dim else thumb for thumb, dim in zip(drawn, inactive)]
            self._features = {key: drawn}
        return self._features[key]

    def show_class(self, output_class: int) -> None:
        """Show class ``output_class``'s probability in the output thumbnail (drawn afresh)."""
        self.output_class, self._neurons = output_class, {}

    def neurons(self, shape: Shape) -> list[list[Thumbnail]]:
        """Per hidden layer, then the output, each neuron's output over the plane (none before `adopt`)."""
        snapshot = self._snapshot
        if snapshot is None:
            return []
        if shape not in self._neurons:
            self._grid = grid_for(self._grid, snapshot.config.features, shape)
            layers = neuron_values(self._grid, snapshot.network, shape)
            layers[-1] = _output_scores(snapshot, layers[-1], self.output_class)
            layers = [discretized(v) for v in layers] if snapshot.config.discretize else layers
            self._neurons = {shape: [thumbnails(values, shape, self.palette) for values in layers]}
        return self._neurons[shape]
