"""CSV datasets for a run: labels read as ±1, integers or class names, the problem inferred, points rescaled.

``csv_reading`` reads the columns; this module decides what the labels mean (a few discrete values
are classes, many numbers a regression target), refuses what cannot be learned (one class only,
names for a regression) with one line naming the file, rescales into the plane and shuffles and
splits by the run's seed.
"""

from __future__ import annotations

import math
import os
from dataclasses import replace
from os import PathLike

import numpy as np

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.csv_reading import (
    MAX_DATA_BYTES,
    MAX_DATA_ROWS,
    MAX_LINE_CHARS,
    Columns,
    Table,
    read_table,
    seeded_generator,
)
from tui_nn.core.datasets import Array, AxisScale, DataSplit, split
from tui_nn.core.problems import MAX_CLASSES

__all__ = [
    "MAX_DATA_BYTES", "MAX_DATA_ROWS", "MAX_LINE_CHARS", "Columns", "file_data", "inspect_file", "load_csv",
    "read_data_file", "seeded_generator",
]

RESCALED_EXTENT = 5.0
"""A rescaled column spans [-5, 5]: inside the plane's [-6, 6] with a margin, as the Playground's data."""


def interpret(name: str, table: Table, problem: str | None = None) -> tuple[Array, str, tuple[str, ...]]:
    """What a table's labels mean.

    Args:
        name: The file, for messages.
        table: From ``read_table``.
        problem: The problem asked for; None infers it: names, or at most ``MAX_CLASSES``
            distinct integers, are classes (two: ``classification``, more: ``multiclass``);
            other numbers are a ``regression``.

    Returns:
        Labels (±1 for two-class classification, class indices for multi-class, the numbers for
        regression), the problem, and the class names by index (empty for regression).

    Raises:
        ValueError: The labels do not fit the problem, or hold one class only.
    """
    column = table.columns[2]
    if table.numbers is None:
        names = tuple(sorted(table.names))
        index = np.argsort(np.argsort(table.names))[table.codes]
        if problem == "regression":
            raise ValueError(f"{name}: {column} holds class names ({', '.join(names[:3])}), not numbers; "
                             "regression needs numeric labels")
    else:
        values = np.unique(table.numbers)
        discrete = bool(np.all(values == np.round(values))) and len(values) <= MAX_CLASSES
        if problem is None and not discrete:
            problem = "regression"
        if problem == "regression":
            return table.numbers, problem, ()
        if not discrete:
            raise ValueError(f"{name}: classification needs class labels (+1 or -1, up to {MAX_CLASSES} integers or "
                             f"names), found {_odd(values):g} in {column}; for real-valued labels use --problem regression")
        names = ("-1", "+1") if values.tolist() == [-1.0, 1.0] else tuple(f"{v:g}" for v in values)
        index = np.searchsorted(values, table.numbers)
    if len(names) < 2:
        raise ValueError(f"{name}: every label in {column} is {names[0]!r}: one class only; a classifier needs two or more")
    if problem is None:
        problem = "classification" if len(names) == 2 else "multiclass"
    if problem == "classification":
        if len(names) != 2:
            raise ValueError(f"{name}: {len(names)} classes in {column} ({', '.join(names)}); two-class "
                             "classification needs 2: use --problem multiclass")
        return np.where(index == 1, 1.0, -1.0), problem, names
    return index.astype(np.float64), problem, names


def _odd(values: Array) -> float:
    """A value that shows why labels are not classes: the first non-integer, else the largest."""
    fractional = values[values != np.round(values)]
    return float(fractional[0] if fractional.size else values[-1])


def load_csv(path: str | PathLike[str], columns: Columns = Columns(), problem: str | None = None) -> tuple[Array, Array, str]:
    """Load a CSV file's points and labels (raw, unshuffled) and its problem.

    Returns:
        `points` `(n, 2)`, `labels` `(n,)` and the problem (see ``interpret``).

    Raises:
        ValueError: The file is malformed, too large or its labels do not fit; one line naming it.
        OSError: It cannot be read.
    """
    table = read_table(path, columns)
    labels, found, _ = interpret(str(path), table, problem)
    return table.points, labels, found


def _columns(config: Config) -> Columns:
    return Columns(config.x_column, config.y_column, config.label_column)


_last_table: list = [None, None]
"""The last file read and its key (path, modification time, size, columns, sample): the command line
checks a file before the run reads it, and a million-row sample should be read once."""


def read_data_file(path: str, columns: Columns = Columns(), sample: int | None = None, seed: str = "") -> Table:
    """``read_table`` with every failure as a one-line ``ConfigError`` naming the file.

    Raises:
        ConfigError: The file is missing (`<path>: no such file`), unreadable or malformed.
    """
    try:
        info = os.stat(path)
        key = (path, info.st_mtime_ns, info.st_size, columns, sample, seed if sample is not None else "")
        if _last_table[0] != key:
            _last_table[:] = [None, read_table(path, columns, sample, seed)]
            _last_table[0] = key
        return _last_table[1]
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it: {error.strerror or error}") from None
    except ValueError as error:
        raise ConfigError(str(error)) from None


def inspect_file(config: Config, infer: bool = True) -> Config:
    """``config`` with the problem (if ``infer``) and number of classes its data file's labels imply.

    Raises:
        ConfigError: The file is unusable, or its labels do not fit the given problem; the message names it.
    """
    path = str(config.data_file)
    table = read_data_file(path, _columns(config), config.sample, str(config.seed or ""))
    try:
        _, problem, names = interpret(path, table, None if infer else config.problem)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    return config.replace(problem=problem, classes=max(2, len(names)) if problem == "multiclass" else config.classes)


def file_data(path: str, problem: str, train_percent: float, seed: str, columns: Columns = Columns(),
              rescale: bool = False, sample: int | None = None) -> DataSplit:
    """Load a CSV dataset for a run: interpret its labels for ``problem``, rescale, shuffle by ``seed``, split.

    Args:
        path: The CSV file.
        problem: A key of ``PROBLEMS``; the labels must fit it (see ``interpret``).
        train_percent: Share of the shuffled rows used for training, in percent.
        seed: The run's seed string; the same seed gives the same sample and shuffle.
        columns: The columns to use.
        rescale: Map each input column (and a regression label) onto [-5, 5] (labels: [-1, 1]).
        sample: Use a seeded random sample of this many rows.

    Returns:
        The shuffled rows, split, with the class names and the scales used.

    Raises:
        ConfigError: The file is missing, unreadable, malformed, too large, its labels do not fit
            ``problem`` or it is too small to give a training point; the message names the file.
    """
    table = read_data_file(path, columns, sample, seed)
    try:
        labels, _, names = interpret(path, table, problem)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    n = len(labels)
    if math.floor(n * train_percent / 100) < 1:
        raise ConfigError(f"{path}: {n} rows leave no training point at a train ratio of {train_percent:g}%; "
                          "raise --train-ratio or add rows")
    points, scales = table.points, None
    if rescale:
        scales = tuple(_scale(table.points[:, i], table.columns[i], RESCALED_EXTENT) for i in (0, 1))
        points = np.column_stack([(points[:, i] - s.centre) * s.factor for i, s in enumerate(scales)])
        if problem == "regression":
            scales += (_scale(labels, table.columns[2], 1.0),)
            labels = (labels - scales[2].centre) * scales[2].factor
    order = seeded_generator(seed).permutation(n)
    return replace(split(points[order], labels[order], train_percent), class_names=names, scales=scales)


def _scale(values: Array, name: str, extent: float) -> AxisScale:
    low, high = float(values.min()), float(values.max())
    half = (high - low) / 2
    return AxisScale(name, (low + high) / 2, extent / half if half > 0 else 1.0)


def config_file_data(config: Config, path: str | None = None, columns: Columns | None = None) -> DataSplit:
    """``file_data`` with a config's file settings (a bundled set passes its own path and columns)."""
    return file_data(path or str(config.data_file), config.problem, config.train_percent, str(config.seed),
                     columns or _columns(config), config.rescale, config.sample)
