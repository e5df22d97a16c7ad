"""StatusBar: play state, epoch, losses, accuracy, loss sparklines and the latest message."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.widget import Widget

from tui_nn.core.config import js_number
from tui_nn.draw.numbers import format_epoch, format_loss
from tui_nn.draw.sparkline import sparkline
from tui_nn.core.trainer import Snapshot
from tui_nn.ui.state import UiState

_DIVERGED_HINT = "lower the learning rate ([) or add regularization, then reset (r)"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


class StatusBar(Widget):
    """Two lines: the run's numbers, then sparklines of the losses or a message."""

    DEFAULT_CSS = "StatusBar { height: 2; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, ascii_mode: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_mode = ascii_mode
        self.snapshot: Snapshot | None = None
        self.playing = False
        self.state: UiState | None = None
        self.message = ""
        self.message_is_error = False

    def show(self, snapshot: Snapshot, playing: bool, state: UiState) -> None:
        self.snapshot, self.playing, self.state = snapshot, playing, state
        self.refresh()

    def say(self, message: str, error: bool = False) -> None:
        """Show ``message`` on the second line until the next message."""
        self.message, self.message_is_error = message, error
        self.refresh()

    def render(self) -> Text:
        snap = self.snapshot
        if snap is None:
            return Text("starting…")
        text = Text(no_wrap=True, overflow="ellipsis")
        play = ("> Playing" if self.ascii_mode else "▶ Playing") if self.playing else ("|| Paused" if self.ascii_mode else "■ Paused")
        text.append(f" {play} ", style="bold reverse" if self.playing else "bold")
        text.append(f" Epoch {format_epoch(snap.epoch)}", style="bold")
        text.append("  Loss train ")
        text.append(format_loss(snap.train_loss), style="bold")
        text.append(" test ")
        text.append(format_loss(snap.test_loss), style="bold")
        if snap.test_accuracy is not None:
            text.append(f"  Accuracy {_percent(snap.train_accuracy)} / {_percent(snap.test_accuracy)}")
        if self.state is not None:
            pace = "max" if self.state.pace is None else f"{self.state.pace:g}"
            extra = f"  lr {js_number(snap.config.learning_rate)} · {pace} epochs/s"
            if text.cell_len + len(extra) <= self.size.width:
                text.append(extra, style="dim")
        text.append("\n")
        text.append_text(self._second_line(snap))
        return text

    def _second_line(self, snap: Snapshot) -> Text:
        if snap.diverged_at is not None:
            return Text(
                f" Diverged at epoch {snap.diverged_at}: the loss became NaN/inf. {_DIVERGED_HINT}",
                style="bold red", no_wrap=True, overflow="ellipsis",
            )
        text = Text(no_wrap=True, overflow="ellipsis")
        _, train, test = snap.history
        width = max(8, min(30, (self.size.width - 40) // 2))
        both = np.concatenate([train, test])  # NumPy, not a Python loop: 4,000 points ten times a second
        finite = both[np.isfinite(both)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (None, None)
        if len(train) > 1:  # one point is no curve: say nothing rather than draw a misleading bar
            text.append(" train ", style="dim")
            text.append(sparkline(train, width, ascii=self.ascii_mode, low=low, high=high))
            text.append(" test ", style="dim")
            text.append(sparkline(test, width, ascii=self.ascii_mode, low=low, high=high))
        else:
            text.append(" press space to train, ? for help", style="dim italic")
        if self.message:
            text.append("  ")
            text.append(self.message, style="bold red" if self.message_is_error else "italic")
        return text
