"""Exports of a run for slides and grading, each written next to the saved run with a name that says
what it is: ``lab-boundary.svg``, ``lab-screen.svg``, ``lab-loss.csv``, ``lab-weights.npz``,
``lab-link.txt`` beside ``lab.npz``.

It turns a Snapshot into file contents and writes them atomically; the screen's SVG is handed in
by the front end (Textual draws it), so this module never imports Textual.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui_nn.core.atomic_file import write_text_atomically
from tui_nn.core.model_file import save_model
from tui_nn.core.plane import PlaneGrid
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.boundary import PointLayer, discretized
from tui_nn.draw.numbers import format_loss
from tui_nn.draw.svg import boundary_svg

EXPORTS: dict[str, tuple[str, str]] = {
    "boundary": ("-boundary.svg", "the decision boundary with its points, for slides"),
    "screen": ("-screen.svg", "the whole screen"),
    "loss": ("-loss.csv", "the loss history: epoch, train loss, test loss"),
    "weights": ("-weights.npz", "the weights as a model file (--load reads it)"),
    "link": ("-link.txt", "the share link"),
}
"""Every export by name: the suffix of its file and what it holds."""
FIGURE_CELLS = 100
"""Cells across and down the boundary figure (the Playground's canvas is 100 x 100)."""


def export_path(run_path: str | os.PathLike, kind: str) -> Path:
    """Where export ``kind`` of the run saved at ``run_path`` goes: beside it, named after it."""
    run = Path(run_path)
    stem = run.name[: -len(run.suffix)] if run.suffix == ".npz" else run.name
    return run.with_name(stem + EXPORTS[kind][0])


def boundary_figure(snapshot: Snapshot) -> str:
    """The boundary with the training points (and the test points, when shown) as SVG."""
    config, data = snapshot.config, snapshot.data
    values = PlaneGrid(config.features, FIGURE_CELLS, FIGURE_CELLS).layer_outputs(snapshot.network)[-1][0]
    if config.discretize:
        values = discretized(values)
    layers = [PointLayer(data.train_points, data.train_labels, test=False)]
    if config.show_test_data:
        layers.append(PointLayer(data.test_points, data.test_labels, test=True))
    title = f"decision boundary at epoch {snapshot.epoch}, test loss {format_loss(snapshot.test_loss)}"
    return boundary_svg(values, layers, regression=config.problem == "regression", title=title)


def loss_csv(snapshot: Snapshot) -> str:
    """``epoch,train_loss,test_loss`` with one row per recorded epoch (``nan`` where diverged)."""
    epochs, train, test = snapshot.history
    rows = [f"{int(e)},{a!r},{b!r}" for e, a, b in zip(epochs, train.tolist(), test.tolist())]
    return "\n".join(["epoch,train_loss,test_loss", *rows]) + "\n"


def write_export(kind: str, snapshot: Snapshot, run_path: str | os.PathLike, screen_svg: str | None = None) -> Path:
    """Write export ``kind`` of ``snapshot`` beside ``run_path``; returns the file written.

    Raises:
        ValueError: ``kind`` is ``screen`` and no screen SVG was given.
        OSError: The file cannot be written.
    """
    path = export_path(run_path, kind)
    if kind == "weights":
        save_model(path, snapshot.config, snapshot.network, snapshot.epoch)
        return path
    if kind == "screen" and screen_svg is None:
        raise ValueError("the screen can be exported only from the app or with a terminal size")
    text = {
        "boundary": boundary_figure,
        "loss": loss_csv,
        "link": lambda snap: snap.config.to_link() + "\n",
        "screen": lambda snap: screen_svg,
    }[kind](snapshot)
    write_text_atomically(path, text)
    return path
