"""ConfusionScreen: accuracy and the train and test confusion matrices of a classification run, kept current.

The app hands it each new snapshot while it is open; the matrices are computed then (one forward
pass over the data), so the closed screen costs nothing. The text comes from ``draw.classes``.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_nn.core.trainer import Snapshot
from tui_nn.draw.classes import confusion_lines
from tui_nn.draw.numbers import format_epoch


def confusion_text(snapshot: Snapshot, width: int = 120) -> str:
    """The screen's text: epoch and accuracy, then each matrix (row = actual, column = predicted).

    Args:
        snapshot: The run to describe.
        width: Columns available; with many classes the cells narrow (names are cut) to fit.
    """
    matrices = snapshot.confusion()
    if matrices is None:
        return "Regression has no classes, so no confusion matrix: read the loss instead."
    names = snapshot.data.class_names
    cell = max(5, min(9, (width - 32) // len(names)))
    gap = [""] if len(names) <= 5 else []  # 8 classes fill 24 rows without the blank lines
    lines = [f"Epoch {format_epoch(snapshot.epoch)}   rows: actual class, columns: predicted class"]
    for title, matrix, accuracy in zip(("Train", "Test"), matrices, (snapshot.train_accuracy, snapshot.test_accuracy)):
        shown = "–" if accuracy is None else f"{100 * accuracy:.1f}%"
        lines += [*gap, f"{title}: {int(matrix.sum())} points, accuracy {shown}", *confusion_lines(matrix, names, cell)]
    return "\n".join(lines)


class ConfusionScreen(ModalScreen[None]):
    """A box over the app with the confusion matrices; space plays or pauses, escape or ``m`` closes it."""

    DEFAULT_CSS = """
    ConfusionScreen {
        align: center middle;
    }
    ConfusionScreen > #confusion-body {
        width: auto;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,m,q", "close", "Close", id="confusion.close"),
        Binding("space", "app.toggle_play", "Play/pause", id="confusion.play"),
    ]

    body = getters.query_one("#confusion-body", Static)

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snapshot = snapshot

    def compose(self) -> ComposeResult:
        body = Static(confusion_text(self.snapshot, self.app.size.width), id="confusion-body")
        body.border_title = "Confusion matrix"
        body.border_subtitle = "space play/pause · esc m close"
        yield body

    def show(self, snapshot: Snapshot) -> None:
        """Show a newer snapshot's matrices."""
        self.snapshot = snapshot
        if self.is_mounted:
            self.body.update(confusion_text(snapshot, self.app.size.width))

    def action_close(self) -> None:
        self.dismiss(None)
