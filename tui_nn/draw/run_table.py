"""Plain-text tables of runs: the run log's cells and an aligned table, shared by the CLI and the app.

Strings only (no Rich, no Textual), so both front ends show the same columns the same way.
"""

from __future__ import annotations

import math
from typing import Sequence

from tui_nn.core.variants import Spread
from tui_nn.core.run_log import RunRecord

LOG_HEADER = ("run", "began", "change", "epoch", "train loss", "test loss", "best test", "@epoch")


def loss_text(value: float) -> str:
    """A loss with 4 decimals (differences between settings are often in the third), or NaN."""
    return f"{value:.4f}" if math.isfinite(value) else "NaN"


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 3) -> str:
    """An aligned plain-text table under a dashed rule; columns from ``numeric_from`` on are right-aligned."""
    table = [list(header)] + [list(row) for row in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(w) if i >= numeric_from else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def log_cells(row: RunRecord) -> list[str]:
    """One run log row as table cells."""
    epoch = f"{row.epoch}" + (" (diverged)" if row.diverged_at is not None else "")
    best = loss_text(row.best_test_loss) if math.isfinite(row.best_test_loss) else "-"
    return [str(row.number), row.began, row.change, epoch, loss_text(row.train_loss), loss_text(row.test_loss),
            best, str(row.best_epoch)]


def log_table(rows: Sequence[RunRecord], extra: tuple[str, Sequence[str]] | None = None) -> str:
    """The run log as an aligned table; ``extra`` adds one column (header, cells) at the end."""
    header = LOG_HEADER + ((extra[0],) if extra else ())
    cells = [log_cells(row) + ([extra[1][i]] if extra else []) for i, row in enumerate(rows)]
    return aligned(header, cells)


def spread_lines(items: Sequence[Spread]) -> list[str]:
    """Mean, min and max per variant, then whether the difference exceeds the spread."""
    rows = [[s.label or "this setup", str(s.runs), loss_text(s.mean), loss_text(s.low), loss_text(s.high), str(s.diverged)]
            for s in items]
    lines = ["test loss over the initial weights:", aligned(("variant", "runs", "mean", "min", "max", "diverged"), rows, 1)]
    if len(items) == 2 and all(math.isfinite(s.mean) for s in items):
        a, b = items
        overlap = a.low <= b.high and b.low <= a.high
        lines.append(f"difference of means {abs(a.mean - b.mean):.4f}; the ranges "
                     + ("overlap: the difference is within the spread of initial weights, not a clear winner"
                        if overlap else f"do not overlap: {min(items, key=lambda s: s.mean).label} is lower for every initial weights tried"))
    return lines
