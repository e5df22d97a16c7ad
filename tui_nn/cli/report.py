"""What `tui-nn train` prints: the text report with its ASCII boundary and loss chart, or one JSON object.

It reads a finished Trainer and returns strings; it never trains, never writes to a stream and
never imports Textual or Rich (plotext is imported only when a chart is asked for).
"""

from __future__ import annotations

import json
import math
import os
import shlex
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from tui_nn.core.datasets import DATASETS
from tui_nn.core.plane import PlaneGrid
from tui_nn.draw.axes import axis_ticks, y_axis_labels
from tui_nn.draw.numbers import format_loss
from tui_nn.core.network import Array
from tui_nn.draw.boundary import ASCII_SHADES, PointLayer, ascii_rows, discretized
from tui_nn.draw.classes import ASCII_TEST, ASCII_TRAIN, class_ascii_rows, confusion_lines
from tui_nn.core.losses import confusion_matrices
from tui_nn.core.trainer import Trainer

BOUNDARY_ROWS = 30
"""Text rows of the ASCII boundary; it is twice as many columns wide, so it looks square."""

PLOT_HEIGHT = 15


def json_report(trainer: Trainer) -> str:
    """The run as one JSON object; NaN and infinite losses become null.

    Returns:
        JSON with `config` (its `data_file` names a CSV file in use, else null), `link`, `epochs`, `train_loss`, `test_loss`, `accuracy` (test; null
        for regression), `train_accuracy`, `diverged`, `diverged_at` and `history` (one
        `{"epoch", "train_loss", "test_loss"}` row per recorded epoch, from the run's first),
        and for classification `classes` (names by index) and `confusion` (`train` and `test`
        matrices, row = actual class, column = predicted; null for regression).
    """
    config = trainer.config
    matrices = confusion_matrices(config, trainer.network, trainer.data)
    payload = {
        "config": config.to_dict(),
        "link": config.to_link(),
        "epochs": trainer.epoch,
        "train_loss": _finite(trainer.train_loss),
        "test_loss": _finite(trainer.test_loss),
        "accuracy": _finite(trainer.test_accuracy),
        "train_accuracy": _finite(trainer.train_accuracy),
        "diverged": trainer.diverged,
        "diverged_at": trainer.diverged_at,
        "classes": list(trainer.data.class_names) or None,
        "confusion": None if matrices is None else {"train": matrices[0].tolist(), "test": matrices[1].tolist()},
        "history": [
            {"epoch": int(row["epoch"]), "train_loss": _finite(row["train_loss"]), "test_loss": _finite(row["test_loss"])}
            for row in trainer.history.rows(latest=True)
        ],
    }
    return json.dumps(payload, allow_nan=False)


def _finite(value: Any) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


@dataclass(frozen=True)
class Resumed:
    """Where a run continued from: its weights came from this file, which its seed alone cannot give."""

    path: str
    epoch: int
    """The file's epoch, where this run started."""
    overwritten: bool = False
    """Whether this run saves over the file, so the file it started from will be gone."""


def text_report(trainer: Trainer, plot: bool = False, resumed: Resumed | None = None) -> str:
    """The human-readable report: how to repeat the run, losses, accuracy, boundary, optional chart.

    Args:
        trainer: The finished run.
        plot: Append a plotext chart of the train and test loss.
        resumed: Where the run was loaded from; its repeat command then loads that file again.

    Returns:
        Lines joined by newlines, without a trailing newline.
    """
    config = trainer.config
    lines = [
        _repeat_line(trainer, resumed),
        _data_line(trainer),
        f"epochs    {trainer.epoch}",
        f"loss      train {format_loss(trainer.train_loss)}   test {format_loss(trainer.test_loss)}",
    ]
    if trainer.train_accuracy is not None:
        lines.append(f"accuracy  train {_percent(trainer.train_accuracy)}   test {_percent(trainer.test_accuracy)}")
    if trainer.diverged:
        lines.append(_diverged_line(trainer))
    lines += _confusion_block(trainer)
    lines += ["", *boundary_lines(trainer), _legend(trainer)]
    if plot:
        lines += ["", loss_plot(trainer, width=len(lines[-2]), color=_stdout_has_color())]
    return "\n".join(lines)


def _repeat_line(trainer: Trainer, resumed: Resumed | None) -> str:
    """The seed and a command that gives this run again, or why none can.

    A loaded model's weights may come from a reset (drawn from the continuing stream), a weight
    edit or live changes, so only the file itself, not the link's seed, gives them again.
    """
    config = trainer.config
    link = shlex.quote(config.to_link())
    if resumed is None:
        return f"seed {config.seed}; repeat with: tui-nn train --link {link} --epochs {trainer.epoch}"
    start = f"seed {config.seed}; continued from {resumed.path} at epoch {resumed.epoch}"
    if resumed.overwritten:
        return f"{start} (--save replaces that file, so this run cannot be repeated)"
    epochs = trainer.epoch - resumed.epoch
    return f"{start}; repeat with: tui-nn train --load {shlex.quote(resumed.path)} --link {link} --epochs {epochs}"


def _data_line(trainer: Trainer) -> str:
    """Which data the run used: the CSV file or the generated dataset, and how it was split."""
    config, data = trainer.config, trainer.data
    counts = f"{len(data.train_labels)} train, {len(data.test_labels)} test points"
    if config.data_file is not None:
        sampled = f", a sample of {config.sample:,} rows" if config.sample else ""
        return f"data      {config.data_file} (CSV, {config.problem}{sampled}; {counts})"
    bundled = DATASETS[config.dataset_name].bundled
    if bundled is not None:
        columns = f"{bundled.x}, {bundled.y} -> {bundled.label}"
        return f"data      {config.dataset_name} (bundled real data, datasets/{bundled.file}: {columns}; {counts})"
    noise = f", noise {config.noise:g}%" if config.noise else ""
    return f"data      {config.dataset_name} (generated{noise}; {counts})"


def _confusion_block(trainer: Trainer) -> list[str]:
    """The train and test confusion matrices of a classification run (nothing for regression)."""
    matrices = confusion_matrices(trainer.config, trainer.network, trainer.data)
    if matrices is None:
        return []
    lines: list[str] = []
    for title, matrix in zip(("train", "test"), matrices):
        lines += ["", f"confusion ({title}, {int(matrix.sum())} points)", *confusion_lines(matrix, trainer.data.class_names)]
    return lines


def save_line(path: str) -> str:
    return f"saved model to {path}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _diverged_line(trainer: Trainer) -> str:
    config = trainer.config
    hint = f"try a lower learning rate (now {config.learning_rate:g})"
    if config.regularization != "none" and config.regularization_rate > 0:
        hint += f" or regularization rate (now {config.regularization_rate:g})"
    return f"diverged at epoch {trainer.diverged_at}: the loss became NaN/inf; {hint}"


def boundary_values(trainer: Trainer, rows: int = BOUNDARY_ROWS) -> Array:
    """The network's output over the plane, shape `(rows, 2 * rows)` on the -1..+1 scale (the sign
    only if `discretize`); for many classes, each class's probability, `(K, rows, 2 * rows)`."""
    outputs = PlaneGrid(trainer.config.features, 2 * rows, rows).layer_outputs(trainer.network)[-1]
    if trainer.config.problem == "multiclass":  # discretized: the winner only, at full strength
        return np.where(outputs == outputs.max(axis=0), 1.0, 0.0) if trainer.config.discretize else outputs
    values = trainer.config.head.probability(outputs[0])
    return discretized(values) if trainer.config.discretize else values


def boundary_lines(trainer: Trainer, rows: int = BOUNDARY_ROWS) -> list[str]:
    """The ASCII boundary with training points (and test points if shown), y labels and x ticks."""
    data = trainer.data
    layers = [PointLayer(data.train_points, data.train_labels, test=False)]
    if trainer.config.show_test_data:
        layers.insert(0, PointLayer(data.test_points, data.test_labels, test=True))
    if trainer.config.problem == "multiclass":
        grid = class_ascii_rows(boundary_values(trainer, rows), layers)
    else:
        grid = ascii_rows(boundary_values(trainer, rows), layers, regression=trainer.config.problem == "regression")
    scales = data.scales
    labels = y_axis_labels(rows, to_value=scales[1].value_at if scales else None)
    margin = " " * (len(labels[0]) + 1)
    ticks = axis_ticks(len(grid[0]), to_value=scales[0].value_at if scales else None)
    lines = [f"{label} {row}" for label, row in zip(labels, grid)] + [margin + ticks]
    if scales:
        lines.append(f"{margin}x: {scales[0].name}, y: {scales[1].name} (rescaled into the plane; labels in their units)")
    return lines


def _legend(trainer: Trainer) -> str:
    if trainer.config.problem == "multiclass":
        names = trainer.data.class_names
        shown = ", ".join(f"{ASCII_TRAIN[k]}/{ASCII_TEST[k]} {name}" for k, name in enumerate(names))
        test = "training/test points" if trainer.config.show_test_data else "training points"
        return f"{shown} ({test}); a-h: where that class wins clearly, blank: unsure, '?' NaN"
    shades = f"shades {ASCII_SHADES[0]!r} (output -1) to {ASCII_SHADES[-1]!r} (+1), '?' NaN"
    if trainer.config.problem == "regression":
        points = "* training points" + (", @ test points" if trainer.config.show_test_data else "")
    else:
        points = "o/x training points +1/-1" + (", O/X test points" if trainer.config.show_test_data else "")
    return f"{points}; {shades}"


def _stdout_has_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def loss_plot(trainer: Trainer, width: int = 64, height: int = PLOT_HEIGHT, color: bool = False) -> str:
    """A plotext chart of the recorded train and test loss against the epoch.

    Args:
        trainer: The run whose history to draw; NaN and infinite points are left out.
        width: Columns of the chart.
        height: Rows of the chart.
        color: Keep ANSI colours (for a terminal); otherwise plain text.

    Returns:
        The chart as text.
    """
    import plotext  # only here: a chart is optional and plotext is slow to import

    epochs, train, test = trainer.history.arrays(latest=True)
    figure = plotext.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("colorless")  # no background, so it reads on dark and light terminals
    finite = np.isfinite(train) & np.isfinite(test)
    if finite.any():
        for name, losses in (("train", train), ("test", test)):
            signal = figure.signal(epochs[finite].tolist(), losses[finite].tolist(), marker="braille")
            figure.draw(signal.lines().label(f"{name} loss"))
        # Top right, in data units: loss curves start high on the left.
        top = float(max(train[finite].max(), test[finite].max()))
        figure.legend(x=float(epochs[finite].max()), y=top, ha="right", va="top", relative=True)
    figure.label("epoch")
    return figure.build().string(colorless=not color).rstrip("\n")
