"""CSV datasets (beyond the Playground): points and labels from a file with header ``x1,x2,label``.

Malformed files raise ``ValueError`` naming the file, the line and the fault; nothing here guesses.
A file's rows are shuffled by a NumPy generator seeded from the run's seed string, never by global
NumPy state and never by the Playground's stream (whose draws stay those of the initial weights).
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import stat
from array import array
from os import PathLike
from typing import Iterator, TextIO

import numpy as np

from tui_nn.core.config import ConfigError
from tui_nn.core.datasets import Array, DataSplit, split

CSV_HEADER = ("x1", "x2", "label")
MAX_DATA_ROWS = 100_000
"""Most data rows read (DESIGN.md: 100,000 rows load in under a second); more are refused by name."""
MAX_DATA_BYTES = 16 * 2**20
"""Largest data file read: 100,000 rows of full-precision numbers fit several times over."""
MAX_LINE_CHARS = 1024


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
            message = f"{path}: line {line}: {column} is not a number: {text.strip()[:40]!r}"
            raise ValueError(message) from None
        if not math.isfinite(value):
            raise ValueError(f"{path}: line {line}: {column} must be finite, got {text.strip()[:40]!r}")
        values.append(value)
    return values[0], values[1], values[2]


def load_csv(path: str | PathLike[str]) -> tuple[Array, Array, str]:
    """Load a dataset from a CSV file with the header `x1,x2,label`, in bounded memory.

    The file is read line by line and refused as soon as it passes ``MAX_DATA_BYTES``,
    ``MAX_DATA_ROWS`` or ``MAX_LINE_CHARS``, so a huge or binary file costs neither memory nor
    minutes; the values are kept in a flat float array, not as Python objects.

    Args:
        path: The file to read (UTF-8; blank lines are skipped).

    Returns:
        `points` of shape `(n, 2)`, `labels` of shape `(n,)` and the problem: `"classification"`
        when every label is +1 or -1, `"regression"` otherwise.

    Raises:
        ValueError: If the file is malformed or too large; the message names the file, the line
            (where there is one) and the fault, on one line.
        OSError: If the file cannot be read.
    """
    name = str(path)
    _check_size(name, os.stat(path))
    values = array("d")
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(_bounded_lines(name, handle))
            _check_header(name, next(reader, None))
            for row in reader:
                if any(cell.strip() for cell in row):
                    if len(values) >= 3 * MAX_DATA_ROWS:
                        raise ValueError(f"{name}: more than {MAX_DATA_ROWS:,} data rows, the limit; use a sample of the file")
                    values.extend(_parse_row(name, reader.line_num, row))
    except UnicodeDecodeError as error:
        raise ValueError(f"{name}: not UTF-8 text ({error.reason})") from None
    except csv.Error as error:
        raise ValueError(f"{name}: line {reader.line_num}: not CSV text ({error})") from None
    if len(values) < 6:
        raise ValueError(f"{name}: needs at least 2 data rows after the header, got {len(values) // 3}")
    data = np.frombuffer(values, dtype=np.float64).reshape(-1, 3)
    points, labels = data[:, :2].copy(), data[:, 2].copy()
    problem = "classification" if np.all(np.abs(labels) == 1) else "regression"
    return points, labels, problem


def _check_size(name: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{name}: not a regular file")
    if info.st_size > MAX_DATA_BYTES:
        raise ValueError(f"{name}: {info.st_size:,} bytes, more than the {MAX_DATA_BYTES // 2**20} MiB limit for a data file")


def _check_header(name: str, header: list[str] | None) -> None:
    if header is None or [cell.strip().lower() for cell in header] != list(CSV_HEADER):
        got = "an empty file" if header is None else repr(",".join(header)[:40])
        raise ValueError(f"{name}: line 1: missing header {','.join(CSV_HEADER)!r}, got {got}")


def _bounded_lines(name: str, handle: TextIO) -> Iterator[str]:
    """The file's lines; a line over ``MAX_LINE_CHARS`` or a file grown past ``MAX_DATA_BYTES`` is refused."""
    total = 0
    number = 0
    while line := handle.readline(MAX_LINE_CHARS + 1):
        number += 1
        total += len(line)
        if len(line) > MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise ValueError(f"{name}: line {number}: longer than {MAX_LINE_CHARS} characters; a point needs three numbers")
        if total > MAX_DATA_BYTES:
            raise ValueError(f"{name}: more than the {MAX_DATA_BYTES // 2**20} MiB limit for a data file")
        yield line


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
