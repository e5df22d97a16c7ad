"""StatusBar: play state, epoch, losses, accuracy, loss sparklines (or the coach's advice) and the latest message.

Its snapshot, play state and settings are the app's, bound with ``data_bind`` (the app hands it
a new snapshot at most ``DETAILS_INTERVAL`` apart while training, see `snapshot_views`); only the latest message is its own.
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui_nn.core.coach import Advice, advise
from tui_nn.core.config import js_number
from tui_nn.draw.numbers import format_epoch, format_loss
from tui_nn.draw.sparkline import sparkline
from tui_nn.core.trainer import Snapshot
from tui_nn.ui.state import UiState

Piece = tuple[str, "str | None"]
"""Text and its Rich style name (None: the widget's own)."""
_DIVERGED_HINT = "lower the learning rate ([) or add regularization, then reset (r)"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


class StatusBar(Widget):
    """Two lines: the run's numbers, then sparklines of the losses or a message."""

    DEFAULT_CSS = "StatusBar { height: 2; text-wrap: nowrap; text-overflow: ellipsis; }"

    snapshot: reactive[Snapshot | None] = reactive(None, repaint=False)
    playing: reactive[bool] = reactive(False, repaint=False)
    state: reactive[UiState | None] = reactive(None, repaint=False)

    def __init__(self, ascii_mode: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_mode = ascii_mode
        self.message = ""
        self.message_is_error = False
        self._strips: list[Strip] | None = None
        self.replay: str | None = None
        """Which frame of the run's past is shown (it then leads the second line); None: the live run."""
        self._advised: tuple[Snapshot | None, Advice | None] = (None, None)

    def watch_snapshot(self) -> None:
        self._redraw()

    def watch_playing(self) -> None:
        self._redraw()

    def watch_state(self) -> None:
        self._redraw()

    def advice(self, snap: Snapshot) -> Advice | None:
        """The coach's line for ``snap``, worked out once per frame."""
        if self._advised[0] is not snap:
            self._advised = (snap, advise(snap.history, snap.config.learning_rate, snap.diverged_at is not None))
        return self._advised[1]

    def show_replay(self, replay: str | None) -> None:
        """Say which frame of the run's past is shown (None: back to the live run)."""
        if replay != self.replay:
            self.replay = replay
            self._redraw()

    def say(self, message: str, error: bool = False) -> None:
        """Show ``message`` on the second line until the next message."""
        self.message, self.message_is_error = message, error
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        self._redraw()

    def _redraw(self) -> None:
        self._strips = None
        self.refresh()

    def render(self) -> Text:
        """Both lines as Rich text (what ``render_line`` draws, without the widget's colours)."""
        lines = [Text.assemble(*line, no_wrap=True, overflow="ellipsis") for line in self._lines()]
        return Text("\n").join(lines)

    def render_line(self, y: int) -> Strip:
        """Row ``y`` as segments of cached styles over the widget's own.

        It runs ten times a second while training; Textual's path from ``render`` (Rich text to
        Content to strips, with per-cell offsets for text selection) costs twice as much.
        """
        if self._strips is None:
            width, base = self.size.width, self.rich_style
            self._strips = [_strip(line, width, base) for line in self._lines()]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)

    def _lines(self) -> list[list[Piece]]:
        snap = self.snapshot
        if snap is None:
            return [[("starting…", None)]]
        play = ("> Playing" if self.ascii_mode else "▶ Playing") if self.playing else ("|| Paused" if self.ascii_mode else "■ Paused")
        if self.replay is not None:
            play = "<> Replay" if self.ascii_mode else "◀▶ Replay"
        line: list[Piece] = [
            (f" {play} ", "bold reverse" if self.playing or self.replay else "bold"),
            (f" Epoch {format_epoch(snap.epoch)}", "bold"),
            ("  Loss train ", None), (format_loss(snap.train_loss), "bold"),
            (" test ", None), (format_loss(snap.test_loss), "bold"),
        ]
        if snap.test_accuracy is not None:
            line.append((f"  Accuracy {_percent(snap.train_accuracy)} / {_percent(snap.test_accuracy)}", None))
        if self.state is not None:
            pace = "max" if self.state.pace is None else f"{self.state.pace:g}"
            extra = f"  lr {js_number(snap.config.learning_rate)} · {pace} epochs/s"
            if sum(cell_len(text) for text, _ in line) + len(extra) <= self.size.width:
                line.append((extra, "dim"))
        return [line, self._second_line(snap)]

    def _second_line(self, snap: Snapshot) -> list[Piece]:
        if self.replay is not None:
            return [(f" {self.replay}", "bold")]
        if snap.diverged_at is not None:
            return [(f" Diverged at epoch {snap.diverged_at}: the loss became NaN/inf. {_DIVERGED_HINT}", "bold red")]
        line: list[Piece] = []
        _, train, test = snap.history
        width = max(8, min(30, (self.size.width - 40) // 2))
        both = np.concatenate([train, test])  # NumPy, not a Python loop: 4,000 points ten times a second
        finite = both[np.isfinite(both)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (None, None)
        if low is not None and low > 0 and self.state is not None and self.state.loss_from_zero:
            low = 0.0
        advice = self.advice(snap)
        if advice is not None:
            line.append((" Coach: ", "bold"))
            line.append((advice.text, "bold yellow"))
        elif len(train) > 1:  # one point is no curve: say nothing rather than draw a misleading bar
            line.append((" train ", "dim"))
            line.append((sparkline(train, width, ascii=self.ascii_mode, low=low, high=high), None))
            line.append((" test ", "dim"))
            line.append((sparkline(test, width, ascii=self.ascii_mode, low=low, high=high), None))
        else:
            line.append((" press space to train, a for lessons, ? for help", "dim italic"))
        if self.message:
            line.append(("  ", None))
            line.append((self.message, "bold red" if self.message_is_error else "italic"))
        return line


def _strip(line: list[Piece], width: int, base: Style) -> Strip:
    """One line of pieces over ``base``; a line wider than ``width`` ends in ``…`` (the CSS's text-overflow)."""
    overflow = sum(cell_len(text) for text, _ in line) > width
    room, position, segments = width - overflow, 0, []
    ellipsis_style = base
    for text, name in line:
        style = base + Style.parse(name) if name else base
        size = cell_len(text)
        if position <= width - 1 < position + size:
            ellipsis_style = style
        if room > 0:
            segments.append(Segment(text if size <= room else set_cell_size(text, room), style))
            room -= size
        position += size
    if overflow and width > 0:
        segments.append(Segment("…", ellipsis_style))
    return Strip(segments).extend_cell_length(width, base)
