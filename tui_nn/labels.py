"""Text around the plots: axis ticks, loss sparklines and the Playground's number formats.

Plain strings only; no colour, no Textual.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

import numpy as np

from tui_nn.render import EXTENT

SPARK_CHARS = "▁▂▃▄▅▆▇█"
_SPARK_ASCII = " .:-=+*#"


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
