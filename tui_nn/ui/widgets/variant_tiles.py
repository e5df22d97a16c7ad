"""VariantTiles: one small decision boundary per variant of an experiment, with its colour and numbers.

It lays out as many square tiles as fit (at least a few rows each), draws them from an
``ExperimentSnapshot`` through ``tui_nn.draw.boundary`` and never trains. Tiles that do not fit
are named in a last line; the results table beside them lists every variant.
"""

from __future__ import annotations

import math


from textual.strip import Strip
from textual.widget import Widget

from tui_nn.core.datasets import DataSplit
from tui_nn.core.variants import ExperimentSnapshot, RowResult
from tui_nn.core.plane import PlaneGrid
from tui_nn.draw.boundary import PointLayer, Segment, ascii_rows, boundary_rows
from tui_nn.draw.palettes import Palette
from tui_nn.draw.run_table import loss_text
from tui_nn.ui.strips import StyleCache

VARIANT_COLOURS = (39, 208, 40, 197, 141, 226, 51, 250)
"""xterm colours of variants 1 to 8 (blue, orange, green, red, purple, yellow, cyan, grey): the
tiles' keys, the table's and the chart's lines share them."""
MIN_PLOT_ROWS = 3
"""Smallest boundary (rows) worth a tile."""


def variant_colour(index: int) -> str:
    return f"color({VARIANT_COLOURS[index % len(VARIANT_COLOURS)]})"


def variant_key(index: int, ascii: bool) -> str:
    """The variant's key: a coloured block, or its number in ASCII mode."""
    return str(index + 1) if ascii else "■"


def tile_grid(count: int, width: int, height: int) -> tuple[int, int, int]:
    """(columns, tiles shown, plot rows) for ``count`` tiles in ``width`` x ``height`` cells.

    Each tile is a title row, a square plot of ``rows`` rows by ``2 * rows`` columns, a numbers
    row and a one-cell gap. More tiles shown wins; then bigger plots.
    """
    best = (1, 0, 0)
    for columns in range(1, count + 1):
        lines = math.ceil(count / columns)
        for shown_lines in range(lines, 0, -1):
            rows = min(height // shown_lines - 2, (width // columns - 1) // 2)
            if rows >= MIN_PLOT_ROWS:
                shown = min(count, columns * shown_lines)
                if (shown, rows) > best[1:]:
                    best = (columns, shown, rows)
                break
    return best


class VariantTiles(Widget):
    """Small boundaries of an experiment's rows (the first initial weights of each variant).

    Args:
        palette: Colours, or None for pure ASCII.
    """

    def __init__(self, palette: Palette | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.palette = palette
        self._snapshot: ExperimentSnapshot | None = None
        self._styles = StyleCache()
        self._strips: list[Strip] = []
        self._grid: PlaneGrid | None = None

    def show(self, snapshot: ExperimentSnapshot) -> None:
        self._snapshot = snapshot
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _rows(self) -> list[tuple[int, RowResult]]:
        snapshot = self._snapshot
        assert snapshot is not None
        return [(i, snapshot.rows[i * snapshot.repeats]) for i in range(len(snapshot.values))]

    def _draw(self) -> None:
        if self._snapshot is None or not self.size.area:
            return
        width, height = self.size
        variants = self._rows()
        columns, shown, rows = tile_grid(len(variants), width, height - (1 if len(variants) > 1 else 0))
        tile_width = width // max(columns, 1)
        lines: list[list[Segment]] = []
        for start in range(0, shown, columns):
            tiles = [self._tile(index, row, rows, tile_width) for index, row in variants[start:start + columns]]
            for y in range(rows + 2):
                lines.append([segment for tile in tiles for segment in tile[y]])
        if shown < len(variants):
            lines.append([(f"{len(variants) - shown} more in the table below (a larger terminal shows them)", None, None)])
        self._strips = [self._styles.strip(line) for line in lines]
        self.refresh()

    def _tile(self, index: int, row: RowResult, rows: int, width: int) -> list[list[Segment]]:
        """Title, plot and numbers rows of one variant, each ``width`` cells wide."""
        ascii = self.palette is None
        colour = None if ascii else variant_colour(index)
        early = row.stopped is not None and not row.stopped.startswith("reached")  # a target met, not the last epoch
        status = " diverged" if row.diverged_at is not None else " reached target" if early else ""
        title = f" {row.label or 'this setup'}{status}"
        lines = [[(variant_key(index, ascii), colour, None), _fit(title, width - 1)]]
        cols = 2 * rows
        for plot_row in self._plot(row, rows):
            lines.append([*plot_row, (" " * (width - cols), None, None)])
        lines.append([_fit(_numbers(row, width - 1), width)])
        return lines

    def _plot(self, row: RowResult, rows: int) -> list[list[Segment]]:
        config = row.config
        pixel_rows = rows if self.palette is None else 2 * rows
        if self._grid is None or not self._grid.fits(config.features, 2 * rows, pixel_rows):
            self._grid = PlaneGrid(config.features, 2 * rows, pixel_rows)
        return tile_plot(row, self._snapshot.data, self._grid, self.palette)  # type: ignore[union-attr]

    def render_line(self, y: int) -> Strip:
        strip = self._strips[y] if y < len(self._strips) else Strip([])
        return strip.crop_extend(0, self.size.width, self.rich_style)


def tile_plot(row: RowResult, data: DataSplit, grid: PlaneGrid, palette: Palette | None) -> list[list[Segment]]:
    """One variant's output over ``grid`` with the training points, as half-block (or ASCII) rows."""
    values = grid.layer_outputs(row.network)[-1][0]
    points = [PointLayer(data.train_points, data.train_labels, test=False)]
    regression = row.config.problem == "regression"
    if palette is None:
        return [[(text, None, None)] for text in ascii_rows(values, points, regression)]
    return [list(line) for line in boundary_rows(values, palette, points, regression)]


def _numbers(row: RowResult, width: int) -> str:
    """The row's test loss and epoch in the longest form that fits ``width``."""
    loss = loss_text(row.test_loss)
    for text in (f"test {loss} ep {row.epoch}", f"test {loss[:5]} @{row.epoch}", f"{loss[:5]} @{row.epoch}", loss[:5]):
        if len(text) <= width:
            return text
    return loss[:max(width, 0)]


def _fit(text: str, width: int) -> Segment:
    return (text[:max(width, 0)].ljust(max(width, 0)), None, None)



