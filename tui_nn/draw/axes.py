"""Axis ticks of the plane's plots, as plain strings (no colour, no Textual)."""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

from tui_nn.core.plane import EXTENT



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


def _tick_label(value: float, to_value: Callable[[float], float] | None = None) -> str:
    if to_value is not None:
        return f"{to_value(value) + 0.0:.3g}"
    return f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0


def axis_ticks(length: int, extent: float = EXTENT, to_value: Callable[[float], float] | None = None) -> str:
    """An x-axis row with tick labels under the columns nearest their values.

    Ticks are every `extent/6`, `extent/3`, `extent/2` or `extent` (1, 2, 3 or 6 for the
    Playground's plane), the densest that fits with a blank between labels; on a row too narrow
    for all three of `-extent`, 0 and `extent`, the ends win. Each label ends at its column (the
    digit under the tick, a minus sign to its left).

    Args:
        length: Width of the row in cells (the boundary's columns).
        extent: Half-width of the plane.
        to_value: Maps a plane coordinate to the value written (a rescaled column's own units).

    Returns:
        A string of exactly `length` characters (empty if `length` <= 0).
    """
    if length <= 0:
        return ""
    for divisions in (6, 3, 2, 1):
        values = np.linspace(-extent, extent, 2 * divisions + 1)
        ticks = [(_tick_label(round(v, 9), to_value), _nearest_cell(v, length, extent)) for v in values]
        row = _place_labels(length, ticks, skip=False)
        if row is not None:
            return row
    priority = [(_tick_label(v, to_value), _nearest_cell(v, length, extent)) for v in (-extent, extent, 0.0)]
    return _place_labels(length, priority, skip=True) or " " * length


def y_axis_labels(rows: int, extent: float = EXTENT, to_value: Callable[[float], float] | None = None) -> list[str]:
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
            labels[row] = _tick_label(value, to_value)
    width = max(len(_tick_label(v, to_value)) for v in (extent, -extent, 0.0))
    return [label.rjust(width) for label in labels]
