"""CSV datasets (beyond the Playground): points and labels from a file with header ``x1,x2,label``.

Malformed files raise ``ValueError`` naming the file, the line and the fault; nothing here guesses.
"""

from __future__ import annotations

import csv
import math
from os import PathLike

import numpy as np

from tui_nn.datasets import Array, Rows, rows_to_arrays

CSV_HEADER = ("x1", "x2", "label")


def _parse_row(path: str, line: int, row: list[str]) -> tuple[float, float, float]:
    """One data row as three finite floats, or a `ValueError` naming the file and line."""
    if len(row) != len(CSV_HEADER):
        raise ValueError(
            f"{path}: line {line}: expected {len(CSV_HEADER)} columns "
            f"({','.join(CSV_HEADER)}), got {len(row)}"
        )
    values = []
    for column, text in zip(CSV_HEADER, row):
        try:
            value = float(text)
        except ValueError:
            message = f"{path}: line {line}: {column} is not a number: {text.strip()!r}"
            raise ValueError(message) from None
        if not math.isfinite(value):
            raise ValueError(f"{path}: line {line}: {column} must be finite, got {text.strip()!r}")
        values.append(value)
    return values[0], values[1], values[2]


def load_csv(path: str | PathLike[str]) -> tuple[Array, Array, str]:
    """Load a dataset from a CSV file with the header `x1,x2,label`.

    Args:
        path: The file to read (UTF-8; blank lines are skipped).

    Returns:
        `points` of shape `(n, 2)`, `labels` of shape `(n,)` and the problem: `"classification"`
        when every label is +1 or -1, `"regression"` otherwise.

    Raises:
        ValueError: If the file is malformed; the message names the file, the line and the fault.
        OSError: If the file cannot be read.
    """
    name = str(path)
    rows: Rows = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or [cell.strip().lower() for cell in header] != list(CSV_HEADER):
                got = "an empty file" if header is None else repr(",".join(header))
                expected = ",".join(CSV_HEADER)
                raise ValueError(f"{name}: line 1: missing header {expected!r}, got {got}")
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append(_parse_row(name, reader.line_num, row))
    except UnicodeDecodeError as error:
        raise ValueError(f"{name}: not UTF-8 text ({error.reason})") from None
    if len(rows) < 2:
        raise ValueError(f"{name}: needs at least 2 data rows after the header, got {len(rows)}")
    points, labels = rows_to_arrays(rows)
    problem = "classification" if np.all(np.abs(labels) == 1) else "regression"
    return points, labels, problem
