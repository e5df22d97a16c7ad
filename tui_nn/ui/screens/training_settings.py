"""TrainingSettingsScreen: the optimiser, reshuffle and learning-rate decay rows, beyond the Playground.

They sit on their own screen so the main panel keeps the Playground's rows and fits 80x24. The
screen lists them with the settings panel's keys; each change goes to the app as the main panel's
does (``SettingsPanel.Changed`` bubbles up), and the app's state comes back through a watch.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_nn.draw.palettes import Palette
from tui_nn.ui.state import TRAINING_ROWS, UiState
from tui_nn.ui.widgets.settings_panel import SettingsPanel

TITLE = "Training settings"
KEYS = "↑↓ pick  ←→ change  esc close"


class TrainingSettingsScreen(ModalScreen[None]):
    """The training rows of the settings table, changed live like the main panel's rows."""

    DEFAULT_CSS = """
    TrainingSettingsScreen {
        align: center middle;
    }
    TrainingSettingsScreen > #training-body {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    TrainingSettingsScreen SettingsPanel {
        height: 11;
    }
    TrainingSettingsScreen #training-keys {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape,q", "close", "Close", id="training.close")]

    panel = getters.query_one(SettingsPanel)

    def __init__(self, state: UiState, palette: Palette | None) -> None:
        super().__init__()
        self._state, self._palette = state, palette

    def compose(self) -> ComposeResult:
        with Vertical(id="training-body") as body:
            body.border_title = TITLE
            yield SettingsPanel(self._palette, rows=TRAINING_ROWS, id="training-panel")
            yield Static(KEYS, id="training-keys")

    def on_mount(self) -> None:
        self.panel.state = self._state
        self.panel.focus()
        self.watch(self.app, "state", self._show_state, init=False)

    def _show_state(self, state: UiState) -> None:
        self.panel.state = state

    def action_close(self) -> None:
        self.dismiss()
