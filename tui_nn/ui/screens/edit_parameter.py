"""EditParameterScreen: the Playground's click-to-edit hover card, for the keyboard.

It lists one neuron's incoming weights and bias, reads a new value for one of them and returns it;
the app hands the edit to the trainer. It never changes a network itself.
"""

from __future__ import annotations

import math

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_nn.core.nodes import Node
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.network_inspector import node_title, signed_precision, source_names

Edit = tuple[int, int, int | None, float]
"""`(weight_layer, neuron, source, value)`: `weight_layer` indexes `network.weights`, `source` is
the source neuron's column, or None for the bias."""

DEAD_NOTE = "Dead links were removed by L1 regularization and stay at 0; reset the network to bring them back."
HINT = "up/down choose · type a value · enter applies · esc cancels"


def parse_value(text: str) -> float | str:
    """A finite number typed by the user, or a message naming what is wrong with the text.

    Args:
        text: What was typed.

    Returns:
        The value, or the error message as a `str`.
    """
    text = text.strip()
    if not text:
        return "Type a number, such as 0.5 or -2."
    try:
        value = float(text)
    except ValueError:
        return f"{text!r} is not a number; type one such as 0.5 or -2."
    if not math.isfinite(value):
        return f"{text!r} is not a finite number; weights and biases must be finite."
    return value


class EditParameterScreen(ModalScreen[Edit | None]):
    """Pick one of a neuron's weights or its bias and type a new value for it.

    Dismisses with an `Edit` when a valid value is applied, or None on escape.

    Args:
        snapshot: The network whose parameters are listed.
        node: A hidden neuron or the output.

    Raises:
        ValueError: `node` is a feature (it has no incoming weights) or not in the network.
    """

    DEFAULT_CSS = """
    EditParameterScreen { align: center middle; }
    EditParameterScreen > #edit-card {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; border-title-style: bold; background: $surface; padding: 0 1;
    }
    EditParameterScreen #edit-parameters { height: auto; max-height: 12; border: none; padding: 0; }
    EditParameterScreen #edit-error { color: $error; height: auto; }
    EditParameterScreen .edit-note { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("up", "move(-1)", "Previous parameter", show=False),
        Binding("down", "move(1)", "Next parameter", show=False),
    ]

    parameters = getters.query_one("#edit-parameters", OptionList)
    """The weights and the bias; dead links are listed but disabled."""
    value_input = getters.query_one("#edit-value", Input)
    """Where the new value is typed."""
    error = getters.query_one("#edit-error", Static)
    """The latest complaint about the typed value, or empty."""

    def __init__(self, snapshot: Snapshot, node: Node) -> None:
        super().__init__()
        position = node.weight_row(snapshot.config)
        if position is None:
            raise ValueError(f"{node} has no incoming weights in this network")
        network = snapshot.network
        self.weight_layer, self.neuron = position
        """Index into `network.weights`, and the neuron's row there."""
        row = network.weights[self.weight_layer][self.neuron]
        dead = network.dead_views()[self.weight_layer][self.neuron]
        self.heading = f"Edit {node_title(snapshot, node)}"
        """The card's title: which neuron is edited."""
        names = [*source_names(snapshot, self.weight_layer), "bias"]
        self.values = [float(value) for value in row]
        """Current value of each source's weight, then of the bias."""
        self.dead = [bool(d) for d in dead] + [False]
        """Whether each parameter is a dead link (the bias never is)."""
        self.names = names
        self._prefill = ""

    def compose(self) -> ComposeResult:
        width = max(len(name) for name in self.names)
        options = [
            Option(Content(f"{name:<{width}}  dead: removed by L1, not editable"), disabled=True)
            if dead else Option(Content(f"{name:<{width}}  {signed_precision(value, 4):>10}"))
            for name, value, dead in zip(self.names, self.values, self.dead)
        ]
        with Vertical(id="edit-card") as card:
            card.border_title = self.heading
            yield OptionList(*options, id="edit-parameters")
            if any(self.dead):
                yield Static(DEAD_NOTE, classes="edit-note")
            yield Input(placeholder="new value", id="edit-value")
            yield Static("", id="edit-error")
            yield Static(HINT, classes="edit-note")

    def on_mount(self) -> None:
        self.parameters.can_focus = False
        self.parameters.highlighted = next(i for i, dead in enumerate(self.dead) if not dead)
        self.value_input.focus()

    @on(OptionList.OptionHighlighted)
    def _show_current(self, event: OptionList.OptionHighlighted) -> None:
        """Put the highlighted parameter's value in the input, selected so typing replaces it."""
        self._prefill = f"{self.values[event.option_index]:.6g}"
        self.value_input.value = self._prefill
        self.value_input.select_all()
        self.error.update("")

    def action_move(self, step: int) -> None:
        """Highlight the previous or next parameter that can be edited."""
        if step < 0:
            self.parameters.action_cursor_up()
        else:
            self.parameters.action_cursor_down()

    @on(Input.Submitted, "#edit-value")
    def _apply(self, event: Input.Submitted) -> None:
        index = self.parameters.highlighted
        if index is None:
            return
        typed = event.value.strip()
        value = self.values[index] if typed == self._prefill else parse_value(typed)
        if isinstance(value, str):
            self.error.update(Content(value))
            return
        source = None if index == len(self.values) - 1 else index
        self.dismiss((self.weight_layer, self.neuron, source, value))

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
