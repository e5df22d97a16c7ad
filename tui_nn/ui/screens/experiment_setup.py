"""ExperimentSetupScreen: what to compare (one setting and its values), how many initial weights, when to stop.

It lists the settings a comparison may vary (``comparable_settings``: every row of the settings
table that applies live or rebuilds the network, so a new row such as an optimiser appears by
itself), suggests values, and checks what is typed; the app starts the experiment it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_nn.core.config import Config, SettingError
from tui_nn.core.experiment import MAX_ROWS
from tui_nn.core.variants import comparable_settings, parse_values
from tui_nn.core.settings import Setting
from tui_nn.core.stopping import StopRule
from tui_nn.ui.screens.stop_rule import read_rule

NOTHING = "nothing"
"""The first choice in repeats mode: this setup only."""
MAX_VARIANTS = 8
SUGGESTED: dict[str, str] = {
    "learning_rate": "0.00001 0.03 3",  # the lecture's too small, moderate, too large
    "batch_size": "1 10 30",
    "regularization_rate": "0 0.003 0.03",
    "hidden_layers": "2 4,2 8,8,8",
    "features": "x,y x,y,sinX,sinY x,y,xSquared,ySquared",
    "init_zero": "off on",
}
"""Values offered first for a setting; a registry setting offers its names (at most 8)."""


@dataclass(frozen=True)
class ExperimentPlan:
    """What to run: the varied field (None: this setup only), its values, repeats and the stop rule."""

    setting: str | None
    values: tuple[Any, ...]
    repeats: int
    stop: StopRule


def suggested_values(row: Setting, config: Config) -> str:
    """Text for the values field: the lecture's example, or the setting's choices, as its option reads them."""
    if row.field in SUGGESTED:
        return SUGGESTED[row.field]
    names = getattr(row.kind, "names", None)
    if names is not None:
        return " ".join(names()[:MAX_VARIANTS])
    return " ".join(str(value) for value in row.choices(config)[:3])


def read_plan(row: Setting | None, values_text: str, repeats_text: str, epoch_text: str, loss_text: str,
              repeats_mode: bool) -> ExperimentPlan:
    """The plan the fields describe.

    Raises:
        ValueError: A field is wrong; the message names it.
    """
    try:
        repeats = int(repeats_text)
    except ValueError:
        raise ValueError(f"initial weights: {repeats_text.strip()!r} is not a whole number") from None
    if not 1 <= repeats <= 16:
        raise ValueError(f"initial weights: {repeats} must be from 1 to 16")
    values: tuple[Any, ...] = ()
    if row is not None:
        try:
            values = tuple(parse_values(row, values_text.split()))
        except SettingError as error:
            raise ValueError(error.worded((row.label or row.field).lower())) from None
        low = 1 if repeats_mode else 2
        if not low <= len(values) <= MAX_VARIANTS:
            raise ValueError(f"values: give {low} to {MAX_VARIANTS} values separated by spaces, not {len(values)}")
    if max(len(values), 1) * repeats > MAX_ROWS:
        raise ValueError(f"{len(values)} values x {repeats} initial weights is more than {MAX_ROWS} runs")
    if not repeats_mode and repeats == 1 and row is None:
        raise ValueError("choose a setting to compare")
    stop = read_rule(epoch_text, loss_text)
    return ExperimentPlan(None if row is None else row.field, values, repeats, stop)


class ExperimentSetupScreen(ModalScreen["ExperimentPlan | None"]):
    """Pick the setting (↑ ↓), type its values, the number of initial weights and a stop rule; enter starts.

    Args:
        config: The run's settings (for suggested values).
        repeats_mode: Repeats over initial weights (a setting is optional, 5 initial weights);
            otherwise a comparison of 2 to 8 values.
    """

    DEFAULT_CSS = """
    ExperimentSetupScreen { align: center middle; }
    ExperimentSetupScreen > #setup-body {
        width: 76; max-width: 100%; height: auto; max-height: 100%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    ExperimentSetupScreen OptionList { height: auto; max-height: 9; margin-bottom: 1; }
    ExperimentSetupScreen Input { width: 100%; margin-bottom: 1; }
    ExperimentSetupScreen .pair Input { width: 1fr; margin-right: 1; }
    ExperimentSetupScreen .pair { height: auto; }
    ExperimentSetupScreen #setup-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="setup.cancel")]

    settings_list = getters.query_one("#setup-settings", OptionList)
    values_input = getters.query_one("#setup-values", Input)
    repeats_input = getters.query_one("#setup-repeats", Input)
    epoch_input = getters.query_one("#setup-epoch", Input)
    loss_input = getters.query_one("#setup-loss", Input)
    error = getters.query_one("#setup-error", Static)

    def __init__(self, config: Config, repeats_mode: bool = False) -> None:
        super().__init__()
        self.config, self.repeats_mode = config, repeats_mode
        self.rows: list[Setting | None] = ([None] if repeats_mode else []) + list(comparable_settings())

    def compose(self) -> ComposeResult:
        options = [Option(NOTHING if row is None else f"{(row.label or row.field.replace('_', ' ').capitalize())}: {row.help}")
                   for row in self.rows]
        with Vertical(id="setup-body") as body:
            body.border_title = "Repeats over initial weights" if self.repeats_mode else "Compare variants"
            body.border_subtitle = "enter start · tab next field · esc cancel"
            yield Static("Vary which setting? (↑ ↓)" if not self.repeats_mode else "Vary a setting too? (↑ ↓)")
            yield OptionList(*options, id="setup-settings", markup=False, compact=True)
            yield Static("Values, separated by spaces")
            yield Input("", id="setup-values", compact=True)
            yield Static("Initial weights per value (the run's own, then the next Resets')")
            yield Input("5" if self.repeats_mode else "1", id="setup-repeats", compact=True)
            yield Static("Stop at epoch (empty: never) · or below test loss (empty: no target)")
            with Horizontal(classes="pair"):
                yield Input("500" if self.repeats_mode else "", placeholder="epoch", id="setup-epoch", compact=True)
                yield Input("", placeholder="test loss", id="setup-loss", compact=True)
            yield Static("", id="setup-error")

    def on_mount(self) -> None:
        fields = [None if row is None else row.field for row in self.rows]
        first = 0 if self.repeats_mode else fields.index("learning_rate")  # the lecture's first experiment
        self.settings_list.highlighted = first
        self.settings_list.focus()
        self._suggest(first)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._suggest(event.option_index)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.values_input.focus()

    def _suggest(self, index: int) -> None:
        row = self.rows[index]
        self.values_input.value = "" if row is None else suggested_values(row, self.config)
        self.values_input.disabled = row is None

    @property
    def chosen(self) -> Setting | None:
        index = self.settings_list.highlighted
        return self.rows[index or 0]

    @on(Input.Submitted)
    def _submitted(self) -> None:
        try:
            plan = read_plan(self.chosen, self.values_input.value, self.repeats_input.value,
                             self.epoch_input.value, self.loss_input.value, self.repeats_mode)
        except ValueError as error:
            self.error.update(str(error))
            return
        self.dismiss(plan)

    def action_cancel(self) -> None:
        self.dismiss(None)
