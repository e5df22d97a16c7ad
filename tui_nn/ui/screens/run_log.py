"""RunLogScreen: one row per run (resets, restarts, changes, experiments), the current run last.

It shows the app's ``RunLog`` as the CLI prints it and exports it as CSV on ``x``; it never trains.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_nn.core.atomic_file import write_text_atomically
from tui_nn.core.run_log import RunRecord, to_csv
from tui_nn.draw.run_table import log_table

CSV_NAME = "tui-nn-runs.csv"
"""Where ``x`` writes the log (in the working directory)."""


class RunLogScreen(ModalScreen[None]):
    """The run log as a table; ``x`` writes it to ``tui-nn-runs.csv``; escape or ``L`` closes.

    Args:
        rows: The finished runs, oldest first.
        current: The run in progress (shown last, marked ``now``), or None.
        csv_path: Where ``x`` writes the CSV.
    """

    DEFAULT_CSS = """
    RunLogScreen { align: center middle; }
    RunLogScreen > #log-body {
        width: 100%; height: 100%; border: round $accent; background: $surface; padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    RunLogScreen #log-table { width: auto; }
    """
    BINDINGS = [
        Binding("escape,L,q", "close", "Close", id="log.close"),
        Binding("x", "export", "Export CSV", id="log.export"),
    ]

    body = getters.query_one("#log-body", VerticalScroll)
    note = getters.query_one("#log-note", Static)

    def __init__(self, rows: Sequence[RunRecord], current: RunRecord | None, csv_path: str = CSV_NAME) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.current = current
        self.csv_path = csv_path

    def table_text(self) -> str:
        """The table as shown: the finished rows, then the current run marked ``now``."""
        rows = list(self.rows) + ([self.current] if self.current else [])
        if not rows:
            return "no runs yet: play, then reset (r) or restart (R) to start the next run"
        cells = ["" for _ in self.rows] + (["now"] if self.current else [])
        return log_table(rows, ("", cells))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="log-body") as body:
            body.border_title = "Run log"
            body.border_subtitle = "x export CSV · esc close"
            yield Static(self.table_text(), id="log-table", markup=False)
            yield Static("A row is written when a run ends: reset, restart, a change that rebuilds the network, "
                         "a link, or closing a comparison, sweep or repeats (one row per run).", id="log-note")

    def on_mount(self) -> None:
        self.body.focus()

    def action_export(self) -> None:
        rows = list(self.rows) + ([self.current] if self.current else [])
        try:
            write_text_atomically(self.csv_path, to_csv(rows))
        except OSError as error:
            self.note.update(f"cannot write {self.csv_path}: {error.strerror or error}")
            return
        self.note.update(f"wrote {len(rows)} rows to {Path(self.csv_path).resolve()}")

    def action_close(self) -> None:
        self.dismiss(None)
