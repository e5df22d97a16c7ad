"""Plain-data renderer of the loss valley: contour bands of a loss slice, the descent path on top.

The slice's losses fall into as many bands as the palette has shades, with log-spaced edges (a
valley's floor is where the detail is), low loss blue and high loss orange; each band's edge is a
contour level. Colour rows are half-blocks (two slice rows per cell row); ASCII uses one
character per band (`ASCII_LEVELS`). Recorded weights are `•` (`o`), the current ones `◆` (`X`),
and a stride longer than a cell is dotted (`·`, `'`), so a learning rate too large draws lines across the valley.
It knows nothing of Textual.
"""

from __future__ import annotations

import numpy as np

from tui_nn.core.loss_landscape import LossSlice
from tui_nn.core.network import Array
from tui_nn.draw.boundary import Segment
from tui_nn.draw.palettes import Palette

ASCII_LEVELS = " .:-=+*#%"
"""Lowest loss band to highest, in ASCII; no character is also a path mark."""
PATH, CURRENT, STRIDE = "•", "◆", "·"
ASCII_PATH, ASCII_CURRENT, ASCII_STRIDE = "o", "X", "'"
"""Recorded weights, the current ones, and the cells a stride between two of them crosses."""
FLOOR_RATIO = 1e-3
"""The lowest band starts no lower than this share of the highest loss: below it, all is floor."""
_MARK_INK = "black"
"""Path marks: every palette's shades are light enough for black (the boundary's points say so)."""


def level_edges(losses: Array, levels: int) -> Array:
    """`levels + 1` band edges from the slice's lowest finite loss (or ``FLOOR_RATIO`` of its highest)
    to its highest: log-spaced when the lowest is positive, else even. All NaN gives `[nan, ...]`."""
    finite = losses[np.isfinite(losses)]
    if not finite.size:
        return np.full(levels + 1, np.nan)
    low, high = float(finite.min()), float(finite.max())
    if high <= low:
        return np.linspace(low, low + 1.0, levels + 1)
    if low <= 0:
        return np.linspace(low, high, levels + 1)
    return np.geomspace(max(low, high * FLOOR_RATIO), high, levels + 1)


def bands(losses: Array, edges: Array) -> Array:
    """Band index of each loss (0 = lowest), -1 where the loss is NaN or infinite."""
    index = np.searchsorted(edges[1:-1], losses, side="right")
    return np.where(np.isfinite(losses), index, -1)


def _resample(values: Array, rows: int, cols: int) -> Array:
    """Nearest slice point for each of `rows` x `cols` pixels, top row = highest beta."""
    n_rows, n_cols = values.shape
    r = np.rint(np.linspace(n_rows - 1, 0, rows)).astype(int) if rows > 1 else np.array([n_rows // 2])
    c = np.rint(np.linspace(0, n_cols - 1, cols)).astype(int) if cols > 1 else np.array([n_cols // 2])
    return values[np.ix_(r, c)]


def path_cells(piece: LossSlice, rows: int, cols: int) -> list[tuple[int, int, bool]]:
    """`(row, col, is_current)` in a `rows` x `cols` grid: each recorded point inside the slice, oldest
    first, then the current weights (the centre; an edit since the last record moves them off the path)."""
    a, b = piece.alphas, piece.betas
    cells = []
    for x, y in piece.path:
        col = round((x - a[0]) / (a[-1] - a[0]) * (cols - 1)) if cols > 1 else 0
        row = round((b[-1] - y) / (b[-1] - b[0]) * (rows - 1)) if rows > 1 else 0
        if 0 <= row < rows and 0 <= col < cols:
            cells.append((row, col, False))
    return cells + [((rows - 1) // 2, (cols - 1) // 2, True)]


def valley_rows(piece: LossSlice, cols: int, rows: int, palette: Palette | None) -> list[list[Segment]]:
    """The slice as `rows` rows of `cols` cells with the path drawn over it.

    Args:
        piece: The loss slice and its projected path.
        cols: Cells across.
        rows: Cell rows (two slice pixels each in colour).
        palette: Colours for this terminal; None for ASCII.

    Returns:
        Rows of `(text, fg, bg)` segments.
    """
    if palette is None:
        return _ascii_rows(piece, cols, rows)
    ramp = palette.shades[::-1]
    index = bands(_resample(piece.losses, 2 * rows, cols), level_edges(piece.losses, len(ramp)))
    colour = np.array([*ramp, palette.nan], dtype=object)[index]  # -1 picks the NaN grey
    cells = [[("▀", colour[2 * y, x], colour[2 * y + 1, x]) for x in range(cols)] for y in range(rows)]
    marks = path_cells(piece, rows, cols)
    for row, col in stride_cells(marks):
        cells[row][col] = (STRIDE, _MARK_INK, colour[2 * row, col])
    for row, col, current in marks:
        cells[row][col] = (CURRENT if current else PATH, _MARK_INK, colour[2 * row, col])
    return [_merge(line) for line in cells]


def stride_cells(marks: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Cells strictly between consecutive marks, so a long stride shows as a line across the map."""
    between = []
    for (r0, c0, _), (r1, c1, _) in zip(marks, marks[1:]):
        steps = max(abs(r1 - r0), abs(c1 - c0))
        between += [(round(r0 + (r1 - r0) * k / steps), round(c0 + (c1 - c0) * k / steps)) for k in range(1, steps)]
    return between


def _ascii_rows(piece: LossSlice, cols: int, rows: int) -> list[list[Segment]]:
    index = bands(_resample(piece.losses, rows, cols), level_edges(piece.losses, len(ASCII_LEVELS)))
    chars = [[ASCII_LEVELS[i] if i >= 0 else "?" for i in line] for line in index]
    marks = path_cells(piece, rows, cols)
    for row, col in stride_cells(marks):
        chars[row][col] = ASCII_STRIDE
    for row, col, current in marks:
        chars[row][col] = ASCII_CURRENT if current else ASCII_PATH
    return [[("".join(line), None, None)] for line in chars]


def _merge(cells: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for text, fg, bg in cells:
        if merged and merged[-1][1:] == (fg, bg):
            merged[-1] = (merged[-1][0] + text, fg, bg)
        else:
            merged.append((text, fg, bg))
    return merged


def legend(piece: LossSlice, palette: Palette | None) -> list[Segment]:
    """Each band's colour (or character) and its lower contour level, lowest first."""
    count = len(ASCII_LEVELS) if palette is None else len(palette.shades)
    edges = level_edges(piece.losses, count)
    segments: list[Segment] = [("contours ", None, None)]
    for k in range(count):
        swatch = (f"'{ASCII_LEVELS[k]}'", None, None) if palette is None else ("  ", None, palette.shades[::-1][k])
        segments += [swatch, (f"{edges[k]:.4g} ", None, None)]
    return segments
