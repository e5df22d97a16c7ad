"""Numbers as the Playground prints them: the epoch counter and losses (`toFixed(3)`)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


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
