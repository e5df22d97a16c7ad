"""Plain-data renderers: boundary grids to half-block or ASCII rows with the data points on top.

This module owns every plot glyph and layout choice (palettes live in `palettes.py`, axis labels
and number formats in `labels.py`); widgets and the CLI only turn its `(text, fg, bg)` segments
and strings into output. It imports only the standard
library and NumPy, never Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from tui_nn.core.plane import EXTENT
from tui_nn.draw.palettes import COLOR_SYSTEMS, PALETTES, Palette

__all__ = [
    "ASCII_SHADES", "COLOR_SYSTEMS", "PALETTES", "Array", "Palette",
    "PointLayer", "Segment", "ascii_rows", "block_mean", "boundary_rows", "discretized",
    "key_runs", "quantize",
]

Array = npt.NDArray[np.float64]
Segment = tuple[str, str | None, str | None]
"""`(text, foreground, background)`; a colour of `None` means the terminal default."""

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


def key_runs(keys: np.ndarray) -> Iterator[tuple[int, int, int]]:
    """``(row, key, length)`` of every run of equal keys along the rows of a 2-D key grid, in order."""
    rows, cols = keys.shape
    change = np.ones(keys.shape, dtype=bool)
    change[:, 1:] = keys[:, 1:] != keys[:, :-1]
    run_row, run_col = np.nonzero(change)
    lengths = np.diff(run_row * cols + run_col, append=rows * cols)
    return zip(run_row.tolist(), keys[run_row, run_col].tolist(), lengths.tolist())


def _runs(keys: np.ndarray, palette: Palette) -> list[list[Segment]]:
    """One segment per run of equal keys in a row (and per run of keys that look the same)."""
    cache = _style_cache(palette)
    out: list[list[Segment]] = [[] for _ in range(keys.shape[0])]
    last: tuple[int, Segment | None] = (-1, None)
    for r, key, length in key_runs(keys):
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
    return _runs(_keys(values, palette, layers, regression), palette)


def _keys(values: Array, palette: Palette, layers: Sequence[PointLayer], regression: bool) -> np.ndarray:
    """One integer per cell, equal exactly where two cells draw alike (see `_decode`)."""
    grid = np.asarray(values, dtype=np.float64)
    if grid.ndim != 2 or grid.shape[0] % 2:
        raise ValueError(f"values must have shape (2 * rows, cols), got {grid.shape}")
    n = len(palette.shades)
    idx = _shade_index(grid, n)
    keys = idx[0::2] * (n + 1) + idx[1::2]
    if layers:
        _stamp_points(keys, grid, layers, regression, n)
    return keys


class BoundaryFrames:
    """`boundary_rows` for successive frames of one plot, rebuilding only the rows whose cells changed.

    A row that draws as in the last frame is the same tuple object, so comparing frames is cheap.

    Args:
        palette: Colours to use.
    """

    def __init__(self, palette: Palette) -> None:
        self.palette = palette
        self._keys: np.ndarray | None = None
        self._rows: list[tuple[Segment, ...]] = []

    def rows(
        self, values: Array, layers: Sequence[PointLayer] = (), regression: bool = False
    ) -> list[tuple[Segment, ...]]:
        """As `boundary_rows(values, palette, layers, regression)`, each row a tuple."""
        keys = _keys(values, self.palette, layers, regression)
        old = self._keys
        if old is None or old.shape != keys.shape:
            self._rows = [tuple(row) for row in _runs(keys, self.palette)]
        else:
            changed = np.flatnonzero((keys != old).any(axis=1))
            if changed.size:
                for r, row in zip(changed.tolist(), _runs(keys[changed], self.palette)):
                    self._rows[r] = tuple(row)
        self._keys = keys
        return list(self._rows)


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


def block_mean(values: Array, rows: int, cols: int) -> Array:
    """The Playground's ``reduceMatrix`` for thumbnails: means of equal square blocks.

    Args:
        values: A stack of grids, shape `(n, rows * k, cols * k)`.
        rows: Blocks down.
        cols: Blocks across.

    Returns:
        Shape `(n, rows, cols)`; a block holding NaN is NaN.
    """
    n, k = values.shape[0], values.shape[1] // rows
    with np.errstate(all="ignore"):
        return values.reshape(n, rows, k, cols, k).mean(axis=(2, 4), dtype=np.float64)


def discretized(values: Array) -> Array:
    """The Playground's "Discretize output": +1 where `values >= 0`, -1 below, NaN kept.

    Args:
        values: Any shape.

    Returns:
        Float64 array of the same shape holding only 1, -1 and NaN.
    """
    v = np.asarray(values, dtype=np.float64)
    return np.where(np.isnan(v), np.nan, np.where(v >= 0, 1.0, -1.0))
