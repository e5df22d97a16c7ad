"""LossValleyScreen: the training loss around the current weights, with the way down so far.

The lecture's foggy valley: contour bands of the loss over a 2-D slice of weight space, the
recorded weights as a path and the current ones marked, and how far the last step went. The slice
is computed in a thread (``loss_slice``, one batched pass): on opening, on ``enter``, on a new
snapshot while paused (a step, an edit), and at most every ``RECOMPUTE_SECONDS`` while training.
"""

from __future__ import annotations

import time

import numpy as np
from rich.text import Text
from textual import events, getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_nn.core.features import feature_matrix
from tui_nn.core.loss_landscape import RANDOM, TRAJECTORY, LossSlice, loss_slice
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.loss_valley import legend, valley_rows
from tui_nn.draw.palettes import Palette
from tui_nn.ui.widgets.segment_canvas import SegmentCanvas

RECOMPUTE_SECONDS = 2.0
"""Least time between slices while training: each costs up to a few tenths of a second."""


class LossValleyScreen(Screen[None]):
    """The loss valley of the newest snapshot.

    Args:
        snapshot: The frame to start from.
        palette: Colours for this terminal, or None for ASCII.
    """

    DEFAULT_CSS = """
    LossValleyScreen #valley-title { height: auto; text-style: bold; padding: 0 1; }
    LossValleyScreen #valley-legend { height: auto; padding: 0 1; }
    LossValleyScreen #valley-note { height: 2; color: $text-muted; padding: 0 1; }
    LossValleyScreen SegmentCanvas { margin: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "recompute", "Recompute", tooltip="loss valley: compute the slice again now", id="valley.recompute"),
        Binding("m", "directions", "Directions", tooltip="loss valley: path's main directions or random ones", id="valley.directions"),
        Binding("escape,v", "close", "Back", tooltip="loss valley: back to the playground", id="valley.close"),
    ]

    class Computed(Message):
        """A slice is ready (posted from the computing thread)."""

        def __init__(self, piece: LossSlice, snapshot: Snapshot) -> None:
            super().__init__()
            self.piece, self.snapshot = piece, snapshot

    title_line = getters.query_one("#valley-title", Static)
    legend_line = getters.query_one("#valley-legend", Static)
    canvas = getters.query_one(SegmentCanvas)

    def __init__(self, snapshot: Snapshot, palette: Palette | None) -> None:
        super().__init__()
        self.snapshot, self.palette = snapshot, palette
        self.kind: str | None = None
        """``RANDOM`` when asked for; None: the trajectory's directions once there is a path."""
        self.piece: LossSlice | None = None
        self._shown: Snapshot | None = None
        self._started = 0.0

    def compose(self) -> ComposeResult:
        yield Static("Loss valley: computing ...", id="valley-title")
        yield SegmentCanvas(id="valley-canvas")
        yield Static("", id="valley-legend")
        yield Static(
            "Training walks down this valley: the slope is the gradient, the learning rate the stride. "
            "• so far, ◆ now: too long a stride jumps across.", id="valley-note",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.palette is None:
            self.query_one("#valley-note", Static).update(
                "Training walks down this valley: the slope is the gradient, the learning rate the stride. "
                "o so far, X now: too long a stride jumps across."
            )
        self.action_recompute()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw)

    def show(self, snapshot: Snapshot, playing: bool) -> None:
        """A newer snapshot: recompute now if paused (a step or an edit), else at a low rate."""
        self.snapshot = snapshot
        if not playing or time.monotonic() - self._started >= RECOMPUTE_SECONDS:
            self.action_recompute()

    def action_recompute(self) -> None:
        self._started = time.monotonic()
        self._compute(self.snapshot, self.kind)

    def action_directions(self) -> None:
        self.kind = None if self.kind == RANDOM else RANDOM
        self.action_recompute()

    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="valley")
    def _compute(self, snapshot: Snapshot, kind: str | None) -> None:
        data, network = snapshot.data, snapshot.network
        inputs = feature_matrix(data.train_points, snapshot.config.features)
        piece = loss_slice(network, snapshot.trajectory[1], inputs, data.train_labels, str(snapshot.config.seed), kind)
        if not get_current_worker().is_cancelled:  # a newer request replaced this one while it ran
            self.post_message(self.Computed(piece, snapshot))

    def on_loss_valley_screen_computed(self, message: Computed) -> None:
        self.piece, self._shown = message.piece, message.snapshot
        self._draw()

    def _draw(self) -> None:
        piece, snapshot = self.piece, self._shown
        width, height = self.canvas.size
        if piece is None or snapshot is None or width <= 0 or height <= 0:
            return
        self.title_line.update(valley_title(piece, snapshot, self.palette is None))
        cols = min(width, 2 * height)  # square: half-blocks are square pixels, and ASCII rows are twice as tall as wide
        rows = min(height, cols // 2)
        self.canvas.update(valley_rows(piece, cols, max(rows, 1), self.palette))
        self.legend_line.update(_text(legend(piece, self.palette)))


def valley_title(piece: LossSlice, snapshot: Snapshot, ascii: bool) -> str:
    """What the slice shows, its centre's loss and the last step's length, in one line."""
    dot = "," if ascii else " ·"
    if piece.kind == TRAJECTORY:
        source = f"directions: the path's main two ({piece.explained:.0%} of it)"
    else:
        source = "directions: random, filter-normalised"
    step = "no step yet"
    if snapshot.last_step is not None:
        step = f"last step {float(np.linalg.norm(snapshot.last_step)):.3g}"
    return f"Loss valley{dot} epoch {snapshot.epoch}{dot} loss {piece.centre:.3g}{dot} {step}{dot} {source}"


def _text(segments: list) -> Text:
    text = Text()
    for chunk, fg, bg in segments:
        style = " ".join(part for part in (fg, f"on {bg}" if bg else None) if part)
        text.append(chunk, style=style or None)
    return text
