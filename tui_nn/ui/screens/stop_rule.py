"""StopRuleScreen: when playing pauses by itself, at an epoch or once the test loss is below a target.

It only reads and checks two numbers; the app hands the rule to the training loop.
"""

from __future__ import annotations

import math

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_nn.core.stopping import StopRule


def read_rule(epoch_text: str, loss_text: str) -> StopRule:
    """The rule two fields describe; an empty field means no limit.

    Raises:
        ValueError: A field is not a number of its kind; the message names the field.
    """
    epochs = below = None
    if epoch_text.strip():
        try:
            epochs = int(epoch_text)
        except ValueError:
            raise ValueError(f"stop at epoch: {epoch_text.strip()!r} is not a whole number") from None
        if epochs < 1:
            raise ValueError(f"stop at epoch: {epochs} must be 1 or more")
    if loss_text.strip():
        try:
            below = float(loss_text)
        except ValueError:
            raise ValueError(f"target test loss: {loss_text.strip()!r} is not a number") from None
        if not (math.isfinite(below) and below > 0):
            raise ValueError(f"target test loss: {loss_text.strip()} must be a number above 0")
    return StopRule(epochs, below)


class StopRuleScreen(ModalScreen["StopRule | None"]):
    """Two fields: the epoch to stop at and the test loss to reach; enter applies, escape cancels.

    Args:
        rule: The rule in force, shown in the fields.
    """

    DEFAULT_CSS = """
    StopRuleScreen { align: center middle; }
    StopRuleScreen > #stop-body {
        width: 64; max-width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    StopRuleScreen Input { width: 100%; margin-bottom: 1; }
    StopRuleScreen #stop-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="stop.cancel")]

    epoch_input = getters.query_one("#stop-epoch", Input)
    loss_input = getters.query_one("#stop-loss", Input)
    error = getters.query_one("#stop-error", Static)

    def __init__(self, rule: StopRule) -> None:
        super().__init__()
        self.rule = rule

    def compose(self) -> ComposeResult:
        with Vertical(id="stop-body") as body:
            body.border_title = "Stop training by itself"
            yield Static("Stop at epoch (empty: never)")
            yield Input("" if self.rule.epochs is None else str(self.rule.epochs), placeholder="e.g. 500", id="stop-epoch", compact=True)
            yield Static("or when the test loss falls below (empty: no target)")
            yield Input("" if self.rule.below is None else f"{self.rule.below:g}", placeholder="e.g. 0.01", id="stop-loss", compact=True)
            yield Static("", id="stop-error")
            yield Static("enter: apply · tab: next field · escape: cancel")

    def on_mount(self) -> None:
        self.epoch_input.focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        try:
            rule = read_rule(self.epoch_input.value, self.loss_input.value)
        except ValueError as error:
            self.error.update(str(error))
            return
        self.dismiss(rule)

    def action_cancel(self) -> None:
        self.dismiss(None)
