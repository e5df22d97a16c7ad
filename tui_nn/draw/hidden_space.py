"""Plain-data renderer of the hidden space: the bent grid lines as braille dots, the points on top.

Grid lines are grey (the palette's NaN grey), points wear the inspector's blue and orange with the
boundary's glyphs (`●▲○△`; ASCII `o x O X`, lines `.`). Rows are `(text, fg, bg)` segments.
It knows nothing of Textual.
"""

from __future__ import annotations

import numpy as np

from tui_nn.core.hidden_space import HiddenSpace
from tui_nn.core.network import Array
from tui_nn.draw.boundary import Segment
from tui_nn.draw.network_inspector import bar_colours
from tui_nn.draw.classes import ASCII_TEST, ASCII_TRAIN, GLYPHS, HOLLOW
from tui_nn.draw.palettes import CLASS_PALETTES, PALETTES, Palette

_BRAILLE = 0x2800
_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]])
_GLYPHS = {(False, True): "●", (False, False): "▲", (True, True): "○", (True, False): "△"}
_ASCII = {(False, True): "o", (False, False): "x", (True, True): "O", (True, False): "X"}
_DENSITY = 4
"""Points interpolated per line segment, so a stretched line stays unbroken."""


def bounds(space: HiddenSpace) -> tuple[float, float, float, float]:
    """`(x_min, x_max, y_min, y_max)` of everything finite, widened a little; a flat axis gets +-1."""
    values = np.concatenate([space.lines.reshape(-1, 2), space.points])
    values = values[np.all(np.isfinite(values), axis=1)]
    if not len(values):
        return -1.0, 1.0, -1.0, 1.0
    result = []
    for low, high in zip(values.min(axis=0), values.max(axis=0)):
        pad = 0.04 * (high - low) if high > low else 1.0
        result += [float(low - pad), float(high + pad)]
    return tuple(result)  # type: ignore[return-value]


def _to_grid(xy: Array, box: tuple[float, float, float, float], width: int, height: int) -> tuple[Array, Array, Array]:
    """Columns, rows (row 0 at the top) and which points fall in a `width` x `height` grid."""
    x0, x1, y0, y1 = box
    with np.errstate(invalid="ignore"):
        cols = np.floor((xy[:, 0] - x0) / (x1 - x0) * width)
        rows = np.floor((y1 - xy[:, 1]) / (y1 - y0) * height)
    keep = np.isfinite(cols) & np.isfinite(rows) & (cols >= 0) & (cols < width) & (rows >= 0) & (rows < height)
    return np.where(keep, cols, 0).astype(int), np.where(keep, rows, 0).astype(int), keep


def _dense(lines: Array) -> Array:
    """Every line with ``_DENSITY`` points per segment, flattened to `(n, 2)`."""
    t = np.linspace(0.0, 1.0, _DENSITY, endpoint=False)[None, :, None]
    start, end = lines[:, :-1, None, :], lines[:, 1:, None, :]
    return np.concatenate([(start + (end - start) * t).reshape(-1, 2), lines[:, -1]])


def hidden_space_rows(
    space: HiddenSpace, cols: int, rows: int, palette: Palette | None, many_classes: bool = False
) -> list[list[Segment]]:
    """The hidden space in `rows` rows of `cols` cells; ``palette`` None draws pure ASCII.

    Args:
        space: The mapped grid and points.
        cols: Cells across.
        rows: Cell rows.
        palette: Colours for this terminal, or None.
        many_classes: Labels are class indices: each class its glyph and ink (``draw.classes``).

    Returns:
        Rows of segments; the x axis is ``space.pair[0]``'s output, the y axis ``pair[1]``'s.
    """
    box, ascii = bounds(space), palette is None
    chars = np.full((rows, cols), " ", dtype=object)
    inks = np.full((rows, cols), None, dtype=object)
    line_ink = None if ascii else palette.nan
    if ascii:
        c, r, keep = _to_grid(_dense(space.lines), box, cols, rows)
        chars[r[keep], c[keep]] = "."

    else:
        c, r, keep = _to_grid(_dense(space.lines), box, 2 * cols, 4 * rows)
        c, r = c[keep], r[keep]
        bits = np.zeros((rows, cols), dtype=int)
        np.bitwise_or.at(bits, (r // 4, c // 2), _BITS[r % 4, c % 2])
        lit = bits > 0
        chars[lit] = [chr(_BRAILLE + b) for b in bits[lit]]
        inks[lit] = line_ink
    _stamp_points(space, box, chars, inks, palette, many_classes)
    return [_merge(chars[y], inks[y]) for y in range(rows)]


def _stamp_points(
    space: HiddenSpace, box: tuple, chars: np.ndarray, inks: np.ndarray, palette: Palette | None, many_classes: bool
) -> None:
    """Points over the lines, test points first so training points win a shared cell."""
    rows, cols = chars.shape
    order = list(range(space.n_train, len(space.points))) + list(range(space.n_train))
    points, labels = space.points[order], space.labels[order]
    c, r, keep = _to_grid(points, box, cols, rows)
    c, r = c[keep], r[keep]
    test = np.array(order, dtype=int) >= space.n_train
    colours = (None, None) if palette is None else bar_colours(palette)
    glyphs = _ASCII if palette is None else _GLYPHS
    if many_classes:
        _stamp_classes(chars, inks, (c, r), test[keep], labels[keep].astype(int), palette)
        return
    for x, y, is_test, label in zip(c, r, test[keep], labels[keep]):
        chars[y, x] = glyphs[(bool(is_test), bool(label > 0))]
        inks[y, x] = colours[not label > 0]


def _stamp_classes(chars: np.ndarray, inks: np.ndarray, cells: tuple, test: np.ndarray, labels: np.ndarray,
                   palette: Palette | None) -> None:
    """Points of many classes: each class's glyph (letters and digits in ASCII) and ink."""
    class_inks = None if palette is None else CLASS_PALETTES[_system_of(palette)].inks
    for x, y, is_test, label in zip(*cells, test, labels):
        if palette is None:
            chars[y, x] = (ASCII_TEST if is_test else ASCII_TRAIN)[label]
        else:
            chars[y, x], inks[y, x] = (HOLLOW if is_test else GLYPHS)[label], class_inks[label]


def _system_of(palette: Palette) -> str:
    return next((name for name, known in PALETTES.items() if known is palette), "truecolor")


def _merge(chars: np.ndarray, inks: np.ndarray) -> list[Segment]:
    """One row of cells as segments, runs of one ink merged."""
    segments: list[Segment] = []
    for char, ink in zip(chars, inks):
        if segments and segments[-1][1] == ink:
            segments[-1] = (segments[-1][0] + char, ink, None)
        else:
            segments.append((char, ink, None))
    return segments
