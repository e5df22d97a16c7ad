"""Frame cost: the network over a 100x100 grid, one whole boundary frame as the app builds it at 120x40,
and the loss valley's 41x41 slice (all its networks in one batched computation).

A frame is what BoundaryView builds for a snapshot, through its own code: the grid at the plot's
pixel size, half-block rows with the training points, labels and ticks, and the Strips Textual
paints (every row, as while training). Textual is imported only when this benchmark runs.
"""

from __future__ import annotations

from typing import Callable

from tui_nn.bench.measure import Result, below, interleaved, median, per_call_ms
from tui_nn.bench.trainer import CASES
from tui_nn.core.features import feature_matrix
from tui_nn.core.loss_landscape import SLICE_SIZE, loss_slice
from tui_nn.core.plane import PlaneGrid
from tui_nn.draw.palettes import PALETTES
from tui_nn.core.trainer import Trainer

GRID_SIZE = 100
GRID_BUDGET_MS = 2.0
VALLEY_BUDGET_MS = 500.0
TERMINAL = (120, 40)


def plot_pixels(width: int, height: int) -> tuple[int, int]:
    """Pixel columns and rows of the boundary plot in a ``width`` x ``height`` terminal (half blocks: 2 rows a cell)."""
    from tui_nn.ui.screen_layout import plan_layout

    rows = plan_layout(width, height).plot_rows
    return 2 * rows, 2 * rows


def frame_builder(trainer: Trainer, width: int, height: int) -> Callable[[], list]:
    """One call builds the boundary frame in 256 colours as the app's BoundaryView does, at its size
    in a ``width`` x ``height`` terminal: `BoundaryView.frame_lines`, then `line_strip` for each row."""
    from textual.geometry import Size

    from tui_nn.ui.screen_layout import plan_layout
    from tui_nn.ui.widgets.boundary_view import BoundaryView

    size = Size(*plan_layout(width, height).boundary_size)
    view = BoundaryView(PALETTES["256"])
    view.show(trainer.snapshot())  # not mounted: it keeps the snapshot and draws nothing yet

    def build() -> list:
        return [view.line_strip(line) for line in view.frame_lines(size)]

    return build


def valley_builder(trainer: Trainer) -> Callable[[], object]:
    """One call computes the loss valley as the app does: the slice around the trainer's weights, its path."""
    snapshot = trainer.snapshot()
    inputs = feature_matrix(snapshot.data.train_points, snapshot.config.features)
    path, labels, seed = snapshot.trajectory[1], snapshot.data.train_labels, str(snapshot.config.seed)
    return lambda: loss_slice(snapshot.network, path, inputs, labels, seed)


def run(seconds: float, repeats: int) -> list[Result]:
    """The grid on B against its budget, and a 120x40 frame on A (the default) and on B."""
    a, b = (Trainer(case.config) for case in CASES[:2])
    a.step(10)
    b.step(10)
    grid = PlaneGrid(b.config.features, GRID_SIZE, GRID_SIZE)
    width, height = TERMINAL
    pixels = "x".join(map(str, plot_pixels(width, height)))
    measures = {
        "grid": lambda: per_call_ms(lambda: grid.layer_outputs(b.network), seconds),
        "valley": lambda: per_call_ms(valley_builder(a), seconds),
        "frame_A": (lambda build: lambda: per_call_ms(build, seconds))(frame_builder(a, width, height)),
        "frame_B": (lambda build: lambda: per_call_ms(build, seconds))(frame_builder(b, width, height)),
    }
    samples = interleaved(measures, repeats)
    grid_ms, valley_ms = median(samples["grid"]), median(samples["valley"])
    return [
        Result(
            "frame", "frame.grid_100x100_B", f"grid {GRID_SIZE}x{GRID_SIZE} through B", "ms", grid_ms,
            checks=[below(grid_ms, GRID_BUDGET_MS, f"< {GRID_BUDGET_MS:g} ms")], samples={"ours": samples["grid"]},
        ),
        *(
            Result(
                "frame", f"frame.{width}x{height}_{case}", f"frame {width}x{height} ({pixels} px) on {case}", "ms",
                median(samples[f"frame_{case}"]), samples={"ours": samples[f"frame_{case}"]},
            )
            for case in "AB"
        ),
        Result(
            "frame", "frame.valley_41x41_A", f"loss valley {SLICE_SIZE}x{SLICE_SIZE} on A", "ms", valley_ms,
            checks=[below(valley_ms, VALLEY_BUDGET_MS, f"< {VALLEY_BUDGET_MS:g} ms")], samples={"ours": samples["valley"]},
        ),
    ]
