"""StatusBar: play state, epoch, losses, accuracy, loss sparklines (or the coach's advice) and the latest message.

Its snapshot, play state and settings are the app's, bound with ``data_bind``; only the latest
message is its own.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui_nn.core.coach import Advice, advise
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

    snapshot: reactive[Snapshot | None] = reactive(None)
    playing: reactive[bool] = reactive(False)
    state: reactive[UiState | None] = reactive(None)

    def __init__(self, ascii_mode: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_mode = ascii_mode
        self.message = ""
        self.message_is_error = False
        self.replay: str | None = None
        """Which frame of the run's past is shown (it then leads the second line); None: the live run."""
        self._advised: tuple[Snapshot | None, Advice | None] = (None, None)

    def advice(self, snap: Snapshot) -> Advice | None:
        """The coach's line for ``snap``, worked out once per frame."""
        if self._advised[0] is not snap:
            self._advised = (snap, advise(snap.history, snap.config.learning_rate, snap.diverged_at is not None))
        return self._advised[1]

    def show_replay(self, replay: str | None) -> None:
        """Say which frame of the run's past is shown (None: back to the live run)."""
        if replay != self.replay:
            self.replay = replay
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
        if self.replay is not None:
            play = "<> Replay" if self.ascii_mode else "◀▶ Replay"
        text.append(f" {play} ", style="bold reverse" if self.playing or self.replay else "bold")
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
        if self.replay is not None:
            return Text(f" {self.replay}", style="bold", no_wrap=True, overflow="ellipsis")
        if snap.diverged_at is not None:
            return Text(
                f" Diverged at epoch {snap.diverged_at}: the loss became NaN/inf. {_DIVERGED_HINT}",
                style="bold red", no_wrap=True, overflow="ellipsis",
            )
        text = Text(no_wrap=True, overflow="ellipsis")
        _, train, test = snap.history
        width = max(8, min(30, (self.size.width - 40) // 2))
        finite = [v for v in (*train, *test) if math.isfinite(v)]
        low, high = (min(finite), max(finite)) if finite else (None, None)
        if low is not None and low > 0 and self.state is not None and self.state.loss_from_zero:
            low = 0.0
        advice = self.advice(snap)
        if advice is not None:
            text.append(" Coach: ", style="bold")
            text.append(advice.text, style="bold yellow")
        elif len(train) > 1:  # one point is no curve: say nothing rather than draw a misleading bar
            text.append(" train ", style="dim")
            text.append(sparkline(list(train), width, ascii=self.ascii_mode, low=low, high=high))
            text.append(" test ", style="dim")
            text.append(sparkline(list(test), width, ascii=self.ascii_mode, low=low, high=high))
        else:
            text.append(" press space to train, a for lessons, ? for help", style="dim italic")
        if self.message:
            text.append("  ")
            text.append(self.message, style="bold red" if self.message_is_error else "italic")
        return text
