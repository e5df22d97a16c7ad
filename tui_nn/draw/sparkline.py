"""Sparklines: a whole loss history squeezed into one line of block (or ASCII) characters."""

from __future__ import annotations

from typing import Sequence

import numpy as np

SPARK_CHARS = "▁▂▃▄▅▆▇█"
_SPARK_ASCII = " .:-=+*#"


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
