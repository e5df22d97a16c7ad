"""Plain-data renderers: boundary grids to half-block or ASCII rows, series to sparklines, counters.

This module owns every glyph and layout choice (palettes live in `palettes.py`); widgets and the
CLI only turn its `(text, fg, bg)` segments and strings into output. It imports only the standard
library and NumPy, never Textual or Rich.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from tui_nn.palettes import COLOR_SYSTEMS, PALETTES, Palette

__all__ = [
    "ASCII_SHADES", "COLOR_SYSTEMS", "EXTENT", "PALETTES", "SPARK_CHARS", "Array", "Palette",
    "PointLayer", "Segment", "ascii_rows", "axis_ticks", "boundary_rows", "discretized", "downsample_mean",
    "format_epoch", "format_loss", "grid_points", "quantize", "sparkline", "y_axis_labels",
]

Array = npt.NDArray[np.float64]
EXTENT = 6.0
"""The plane shown is `[-EXTENT, EXTENT]^2`, as in the Playground."""

Segment = tuple[str, str | None, str | None]
"""`(text, foreground, background)`; a colour of `None` means the terminal default."""

SPARK_CHARS = "▁▂▃▄▅▆▇█"
_SPARK_ASCII = " .:-=+*#"
ASCII_SHADES = "=-. :+#"
"""Strongly negative to strongly positive: `=` is a double minus and `#` a double plus, so each
side reads by its sign; the weakest bands are dots (`.` negative, `:` positive) around a blank
band at the boundary. No shade shares a character with a point glyph."""

_GLYPHS = "●▲○△"  # train +1, train -1, test +1, test -1; regression uses train/test +1
_ASCII_POINTS = {(False, True): "o", (False, False): "x", (True, True): "O", (True, False): "X"}
_ASCII_REGRESSION = {False: "*", True: "@"}


@dataclass(frozen=True)
class PointLayer:
    """One set of data points to draw over a boundary (the training or the test set)."""

    points: Array
    """Coordinates, shape `(n, 2)`."""

    labels: Array
    """Labels, shape `(n,)`: +1/-1 for classification, reals for regression."""

    test: bool
    """True for test points, drawn with hollow glyphs."""


def grid_points(cols: int, rows: int) -> Array:
    """Pixel centres of a `cols` x `rows` grid over the plane.

    Args:
        cols: Pixels across.
        rows: Pixels down.

    Returns:
        Shape `(rows * cols, 2)`, row-major: row 0 is the top (y near +6), x increases rightwards.
    """
    xs = -EXTENT + (np.arange(cols) + 0.5) * (2 * EXTENT / cols)
    ys = EXTENT - (np.arange(rows) + 0.5) * (2 * EXTENT / rows)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack((gx.ravel(), gy.ravel()))


def quantize(values: Array, n_shades: int) -> npt.NDArray[np.int8]:
    """Bin values like the Playground's `d3.scale.quantize` over [-1, 1].

    Args:
        values: Any shape; clipped to [-1, 1].
        n_shades: Number of bins (odd, so 0 lands on the middle one), at most 127.

    Returns:
        Bin indices `0..n_shades-1` in the shape of `values`, -1 where a value is NaN.
    """
    v = np.asarray(values, dtype=np.float64)
    bins = np.minimum(np.floor((np.clip(v, -1.0, 1.0) + 1.0) * (n_shades / 2)), n_shades - 1)
    return np.where(np.isnan(v), -1, bins).astype(np.int8)


def _shade_index(values: Array, n: int) -> npt.NDArray[np.intp]:
    """`quantize` with NaN mapped to index `n` (the slot after the shades)."""
    idx = quantize(values, n).astype(np.intp)
    idx[idx < 0] = n
    return idx


def _cells(layer: PointLayer, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray, Array]:
    """Row and column of each point inside the plane, and those points' labels."""
    pts = np.asarray(layer.points, dtype=np.float64).reshape(-1, 2)
    inside = (np.abs(pts[:, 0]) <= EXTENT) & (np.abs(pts[:, 1]) <= EXTENT)
    x, y = pts[inside, 0], pts[inside, 1]
    col = np.minimum(((x + EXTENT) * (cols / (2 * EXTENT))).astype(np.intp), cols - 1)
    row = np.minimum(((EXTENT - y) * (rows / (2 * EXTENT))).astype(np.intp), rows - 1)
    return row, col, np.asarray(layer.labels, dtype=np.float64).reshape(-1)[inside]


def _stamp_points(
    keys: np.ndarray, grid: Array, layers: Sequence[PointLayer], regression: bool, n: int
) -> None:
    """Overwrite the cell keys under each point with a point key (see `_decode`)."""
    rows, cols = keys.shape
    s = n + 1
    clipped = np.clip(grid, -1.0, 1.0)
    for layer in layers:
        row, col, labels = _cells(layer, rows, cols)
        bg = _shade_index((clipped[2 * row, col] + clipped[2 * row + 1, col]) / 2, n)
        hollow = 2 if layer.test else 0
        if regression:
            glyph, fg = np.full(labels.shape, hollow), _shade_index(labels, n)
        else:
            positive = labels > 0
            glyph, fg = np.where(positive, 0, 1) + hollow, np.where(positive, s, s + 1)
        keys[row, col] = s * s + (glyph * (s + 2) + fg) * s + bg


@lru_cache(maxsize=8)
def _style_cache(palette: Palette) -> dict[int, Segment]:
    return {}


def _decode(palette: Palette, key: int) -> Segment:
    """Key `up*s + lo` is a pixel pair; larger keys are points `s*s + (glyph*(s+2) + fg)*s + bg`."""
    n = len(palette.shades)
    s = n + 1
    colours = palette.shades + (palette.nan,)
    if key < s * s:
        up, lo = divmod(key, s)
        return (" ", None, colours[up]) if up == lo else ("▀", colours[up], colours[lo])
    rest, bg = divmod(key - s * s, s)
    glyph, fg = divmod(rest, s + 2)
    extra = (palette.nan, palette.positive, palette.negative)
    inks = (palette.point_shades or palette.shades) + extra
    return (_GLYPHS[glyph], inks[fg], colours[bg])


def _runs(keys: np.ndarray, palette: Palette) -> list[list[Segment]]:
    """One segment per run of equal keys in a row (and per run of keys that look the same)."""
    rows, cols = keys.shape
    change = np.ones(keys.shape, dtype=bool)
    change[:, 1:] = keys[:, 1:] != keys[:, :-1]
    run_row, run_col = np.nonzero(change)
    lengths = np.diff(run_row * cols + run_col, append=rows * cols)
    cache = _style_cache(palette)
    out: list[list[Segment]] = [[] for _ in range(rows)]
    last: tuple[int, Segment | None] = (-1, None)
    for r, key, length in zip(run_row.tolist(), keys[run_row, run_col].tolist(), lengths.tolist()):
        style = cache.get(key) or cache.setdefault(key, _decode(palette, key))
        line = out[r]
        if last == (r, style):  # distinct keys, same look: e.g. two regression inks both "black"
            line[-1] = (line[-1][0] + style[0] * length, style[1], style[2])
        else:
            line.append((style[0] * length, style[1], style[2]))
        last = (r, style)
    return out


def boundary_rows(
    values: Array, palette: Palette, layers: Sequence[PointLayer] = (), regression: bool = False
) -> list[list[Segment]]:
    """Half-block rows of a boundary grid, with data points on top.

    Each cell is `▀` with the upper pixel's shade as foreground and the lower pixel's as
    background, or a space when both share a shade. Points take one cell each, glyphs `●`/`▲`
    (train +1/-1) and `○`/`△` (test +1/-1) in `palette.positive`/`negative`; for regression
    `●` (train) and `○` (test) in the label's point shade. A point's background is the shade of
    its cell's mean value. Later layers draw over earlier ones.

    Args:
        values: Shape `(2 * rows, cols)`, about [-1, 1]; NaN draws in `palette.nan`.
        palette: Colours to use.
        layers: Points to overlay, in drawing order; points outside the plane are skipped.
        regression: Colour points by label value instead of by class.

    Returns:
        `rows` lists of segments, each row covering exactly `cols` cells; equal neighbours merged.

    Raises:
        ValueError: If `values` is not 2-D with an even number of rows.
    """
    grid = np.asarray(values, dtype=np.float64)
    if grid.ndim != 2 or grid.shape[0] % 2:
        raise ValueError(f"values must have shape (2 * rows, cols), got {grid.shape}")
    n = len(palette.shades)
    idx = _shade_index(grid, n)
    keys = idx[0::2] * (n + 1) + idx[1::2]
    if layers:
        _stamp_points(keys, grid, layers, regression, n)
    return _runs(keys, palette)


def ascii_rows(
    values: Array, layers: Sequence[PointLayer] = (), regression: bool = False
) -> list[str]:
    """Pure-ASCII rows of a boundary grid, one character per pixel, with data points on top.

    Shades come from `ASCII_SHADES`, NaN is `?`. Points: train `o` (+1) / `x` (-1), test `O` / `X`;
    regression train `*`, test `@`. Later layers draw over earlier ones.

    Args:
        values: Shape `(rows, cols)`, about [-1, 1].
        layers: Points to overlay, in drawing order; points outside the plane are skipped.
        regression: Draw every point as `*`/`@` whatever its label.

    Returns:
        `rows` strings of `cols` characters.
    """
    grid = np.asarray(values, dtype=np.float64)
    table = np.frombuffer((ASCII_SHADES + "?").encode("ascii"), dtype=np.uint8)
    chars = table[quantize(grid, len(ASCII_SHADES))]  # index -1 (NaN) is the trailing "?"
    for layer in layers:
        row, col, labels = _cells(layer, *chars.shape)
        if regression:
            chars[row, col] = ord(_ASCII_REGRESSION[layer.test])
        else:
            glyphs = [ord(_ASCII_POINTS[layer.test, True]), ord(_ASCII_POINTS[layer.test, False])]
            chars[row, col] = np.where(labels > 0, glyphs[0], glyphs[1])
    return [line.tobytes().decode("ascii") for line in chars]


def _nearest_cell(value: float, length: int, extent: float) -> int:
    """The cell whose centre is nearest `value`, of `length` cells over [-extent, extent]."""
    return min(max(math.floor((value + extent) * length / (2 * extent)), 0), length - 1)


def _place_labels(length: int, ticks: Sequence[tuple[str, int]], skip: bool) -> str | None:
    """Write labels ending at their columns with a blank between; on a clash skip or give up."""
    cells = [" "] * length
    for label, col in ticks:
        start = min(max(col - len(label) + 1, 0), length - len(label))
        end = start + len(label)
        if start < 0 or any(c != " " for c in cells[max(start - 1, 0) : end + 1]):
            if skip:
                continue
            return None
        cells[start:end] = label
    return "".join(cells)


def _tick_label(value: float) -> str:
    return f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0


def axis_ticks(length: int, extent: float = EXTENT) -> str:
    """An x-axis row with tick labels under the columns nearest their values.

    Ticks are every `extent/6`, `extent/3`, `extent/2` or `extent` (1, 2, 3 or 6 for the
    Playground's plane), the densest that fits with a blank between labels; on a row too narrow
    for all three of `-extent`, 0 and `extent`, the ends win. Each label ends at its column (the
    digit under the tick, a minus sign to its left).

    Args:
        length: Width of the row in cells (the boundary's columns).
        extent: Half-width of the plane.

    Returns:
        A string of exactly `length` characters (empty if `length` <= 0).
    """
    if length <= 0:
        return ""
    for divisions in (6, 3, 2, 1):
        values = np.linspace(-extent, extent, 2 * divisions + 1)
        ticks = [(_tick_label(round(v, 9)), _nearest_cell(v, length, extent)) for v in values]
        row = _place_labels(length, ticks, skip=False)
        if row is not None:
            return row
    priority = [(_tick_label(v), _nearest_cell(v, length, extent)) for v in (-extent, extent, 0.0)]
    return _place_labels(length, priority, skip=True) or " " * length


def y_axis_labels(rows: int, extent: float = EXTENT) -> list[str]:
    """Per-row y-axis labels: `extent` at the top, 0 in the middle, `-extent` at the bottom.

    Args:
        rows: Number of text rows the boundary occupies.
        extent: Half-height of the plane.

    Returns:
        `rows` strings right-aligned to the widest label; rows without a tick are blank.
    """
    labels = [""] * max(rows, 0)
    for value in (extent, -extent, 0.0):
        row = _nearest_cell(-value, rows, extent)
        if rows > 0 and not labels[row]:
            labels[row] = _tick_label(value)
    width = max(len(_tick_label(v)) for v in (extent, -extent))
    return [label.rjust(width) for label in labels]


def sparkline(
    values: Sequence[float],
    width: int,
    ascii: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A one-line chart of a series, the whole history squeezed into `width` cells.

    Args:
        values: The series, oldest first. Longer than `width`, it is cut into `width` nearly
            equal buckets and each drawn at its mean.
        width: Cells available.
        ascii: Use `" .:-=+*#"` instead of block characters.
        low: Value drawn as the lowest character (default: the finite minimum).
        high: Value drawn as the highest character (default: the finite maximum).

    Returns:
        `min(len(values), width)` characters; `!` marks NaN or infinite values (or buckets
        holding one); a constant series is all lowest characters.
    """
    data = np.asarray(values, dtype=np.float64).reshape(-1)
    if width <= 0 or data.size == 0:
        return ""
    if data.size > width:
        edges = (np.arange(width) * data.size) // width
        with np.errstate(invalid="ignore", over="ignore"):
            data = np.add.reduceat(data, edges) / np.diff(edges, append=data.size)
    chars = (_SPARK_ASCII if ascii else SPARK_CHARS) + "!"
    top = len(chars) - 2
    level = np.full(data.shape, top + 1)
    finite = np.isfinite(data)
    if finite.any():
        lo = float(data[finite].min()) if low is None else low
        hi = float(data[finite].max()) if high is None else high
        scaled = (data[finite] - lo) / (hi - lo) * top if hi > lo else np.zeros(int(finite.sum()))
        level[finite] = np.clip(np.floor(scaled + 0.5), 0, top)
    return "".join(chars[k] for k in level.tolist())


def format_epoch(epoch: int) -> str:
    """The Playground's epoch counter: at least six digits, commas between thousands.

    Args:
        epoch: Epochs completed.

    Returns:
        For example `"000,042"`, `"001,234"`, `"1,234,567"`.
    """
    return f"{int(epoch):07,d}"


def format_loss(value: float) -> str:
    """A loss as the Playground shows it (`toFixed(3)`), kept within 8 characters.

    Args:
        value: The loss.

    Returns:
        `"0.499"`-style text (exact ties round away from zero, as JavaScript does), `"NaN"`,
        `"inf"`/`"-inf"`, or `"1.2e+05"` style once three decimals would not fit in 8 characters.
    """
    v = float(value) + 0.0
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if abs(v) < 1e5:
        text = str(Decimal(v).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))
        if len(text) <= 8:
            return text
    return f"{v:.1e}"


def downsample_mean(values: Array, size: int) -> Array:
    """Block means that shrink a grid to at most `size` x `size` (the Playground's `reduceMatrix`).

    Blocks are contiguous and as equal as possible (sizes differ by at most one when a
    dimension is not a multiple of `size`); a dimension already at most `size` is kept.

    Args:
        values: Shape `(rows, cols)`, both non-zero.
        size: Target cells per side, at least 1.

    Returns:
        Shape `(min(rows, size), min(cols, size))`; a block holding NaN is NaN.

    Raises:
        ValueError: If `values` is not a non-empty 2-D array or `size` < 1.
    """
    grid = np.asarray(values, dtype=np.float64)
    if grid.ndim != 2 or grid.size == 0 or size < 1:
        raise ValueError(f"need a non-empty 2-D grid and size >= 1, got {grid.shape} and {size}")
    edges = [(np.arange(min(size, n)) * n) // min(size, n) for n in grid.shape]
    counts = [np.diff(e, append=n) for e, n in zip(edges, grid.shape)]
    sums = np.add.reduceat(np.add.reduceat(grid, edges[0], axis=0), edges[1], axis=1)
    return sums / np.outer(counts[0], counts[1])


def discretized(values: Array) -> Array:
    """The Playground's "Discretize output": +1 where `values >= 0`, -1 below, NaN kept.

    Args:
        values: Any shape.

    Returns:
        Float64 array of the same shape holding only 1, -1 and NaN.
    """
    v = np.asarray(values, dtype=np.float64)
    return np.where(np.isnan(v), np.nan, np.where(v >= 0, 1.0, -1.0))
