"""CSV datasets (beyond the Playground): points and labels from a file with header ``x1,x2,label``.

Malformed files raise ``ValueError`` naming the file, the line and the fault; nothing here guesses.
A file's rows are shuffled by a NumPy generator seeded from the run's seed string, never by global
NumPy state and never by the Playground's stream (whose draws stay those of the initial weights).
"""

from __future__ import annotations

import csv
import hashlib
import math
from os import PathLike

import numpy as np

from tui_nn.core.config import ConfigError
from tui_nn.core.datasets import Array, DataSplit, Rows, rows_to_arrays, split

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


def seeded_generator(seed: str) -> np.random.Generator:
    """A NumPy generator determined by a seed string (the first 8 bytes of its SHA-256)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def read_data_file(path: str) -> tuple[Array, Array, str]:
    """`load_csv` with every failure as a one-line `ConfigError` naming the file.

    Raises:
        ConfigError: The file is missing (`<path>: no such file`), unreadable or malformed.
    """
    try:
        return load_csv(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it: {error.strerror or error}") from None
    except ValueError as error:
        raise ConfigError(str(error)) from None


def file_data(path: str, problem: str, train_percent: float, seed: str) -> DataSplit:
    """Load a CSV dataset for a run: check its labels fit ``problem``, shuffle by ``seed``, split.

    Args:
        path: The CSV file (see `load_csv`).
        problem: `"classification"` (every label must be +1 or -1) or `"regression"`.
        train_percent: Share of the shuffled rows used for training, in percent.
        seed: The run's seed string; the same seed gives the same shuffle.

    Returns:
        The shuffled rows, split into train and test.

    Raises:
        ConfigError: The file is missing, unreadable or malformed, its labels do not fit
            ``problem`` or it is too small to give a training point; the message names the file.
    """
    points, labels, found = read_data_file(path)
    if problem == "classification" and found != "classification":
        odd = labels[np.abs(labels) != 1][0]
        raise ConfigError(
            f"{path}: classification needs every label to be +1 or -1, found {odd:g}; "
            "for real-valued labels use --problem regression"
        )
    if math.floor(len(labels) * train_percent / 100) < 1:
        raise ConfigError(
            f"{path}: {len(labels)} rows leave no training point at a train ratio of {train_percent:g}%; "
            "raise --train-ratio or add rows"
        )
    order = seeded_generator(seed).permutation(len(labels))
    return split(points[order], labels[order], train_percent)
