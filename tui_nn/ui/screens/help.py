"""HelpScreen: the keys, the lecture's ideas in plain words, and the experiments to try.

It shows text only: the app passes in the key list, and the screen never reads training state.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_nn.core.network import ACTIVATIONS

IDEAS: tuple[tuple[str, str], ...] = (
    ("Neuron", "A small unit that multiplies each input by a weight, adds them up with a bias, "
     "and passes the sum through an activation function. Its output is one number."),
    ("Layer", "A column of neurons. The input layer holds the features (X₁, X₂, …), the hidden "
     "layers sit in the middle, and the output layer is the one neuron that gives the prediction."),
    ("Parameters", "The weights (one on each link) and the biases (one per neuron). "
     "Training learns them; nobody sets them by hand."),
    ("Hyperparameters", "The settings chosen before training: learning rate, activation, "
     "regularization, batch size, the number of layers and neurons, and the features."),
    ("Loss", "How wrong the network is on average: here the mean of ½·(output − label)², shown "
     "for the training and the test points. Lower is better; about 0.5 means guessing."),
    ("Gradient descent", "Training repeats one update: for every weight, work out which way "
     "lowers the loss, then move each weight a small step downhill."),
    ("Learning rate", "The size of that step. At 0.00001 the loss barely moves. At 0.03 the "
     "circle converges within about 200 epochs. At 3 or 10 the loss jumps around or sticks "
     "high, and the run may diverge, shown as NaN."),
    ("Optimizer", "How a gradient becomes a step. Plain gradient descent (SGD, the Playground's) "
     "steps straight downhill. Momentum is a ball rolling down a valley: it keeps some of its speed, "
     "so it rolls on through small bumps instead of bouncing between the walls. RMSProp and Adam scale "
     "each weight's step by the size of its recent gradients. O chooses one."),
    ("Batch size", "The number of examples averaged for one update. Small batches take quick, "
     "noisy steps; large batches take fewer, smoother ones."),
    ("Epoch", "One pass over all the training points. The counter at the top counts epochs."),
    ("Regularization", "A penalty that pulls every weight toward 0 to keep the network simple. "
     "L2 shrinks large weights; L1 can push a weight to exactly 0 and remove its link."),
    ("Train and test", "Test points are never trained on, so they show how the network does on "
     "new data. A low training loss with a high test loss means overfitting."),
    ("Activation", "The function each neuron applies to its sum: {activations}. "
     "Without a nonlinear one, stacked layers can only draw straight boundaries."),
    ("Features", "What the network is given as input. Extra features such as X₁², X₁X₂ or "
     "sin X₁ let even a network with no hidden layers draw curves."),
    ("Deeper networks", "More hidden layers and neurons can draw more complex shapes: the "
     "spiral needs several layers, or the sin features."),
    ("Colours", "Orange is negative (-1), blue is positive (+1), white is about 0. The big plot "
     "shows the output, or the neuron selected in the network view."),
    ("Classes", "With more than two classes (Problem: Multi-class) the output has one neuron per "
     "class; softmax turns them into probabilities, and the loss is cross-entropy: minus the log "
     "of the probability given to the right class. Each region takes the colour of the class the "
     "network picks there, paler where it is unsure. The confusion matrix (m) counts, for each "
     "actual class, which class the network picked."),
)
"""(term, explanation) pairs for "The ideas", in the order the lecture introduces them;
``{activations}`` is filled from the registry when the help opens (see ``ideas``)."""


def ideas() -> tuple[tuple[str, str], ...]:
    """``IDEAS`` with the registered activations named, so a new one is explained without an edit here."""
    names = [activation.label for activation in ACTIVATIONS.values()]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
    return tuple((term, text.replace("{activations}", listed)) for term, text in IDEAS)

TRY_THIS: tuple[tuple[str, str], ...] = (
    ("Too small", "On the circle, set the learning rate to 0.00001 and play. "
     "After 1000 epochs the loss is still about 0.5."),
    ("Moderate", "Reset, set the learning rate to 0.03 and play. Within about 200 epochs "
     "the boundary closes around the inner points and both losses fall near 0."),
    ("Too large", "Reset, set the learning rate to 3 or 10 and play. The loss jumps around "
     "or sticks high; it may even turn into NaN."),
    ("A rolling ball", "Pick Exclusive or, set the learning rate to 0.3 and play: the loss keeps "
     "going up and down. Reset, press O, choose Momentum and play again: it rolls down to about 0."),
    ("Go deeper", "Pick the spiral. With layers 4,2 and only X₁, X₂ the test loss stays high. "
     "Add layers (for example 8,8,8) or turn on sin X₁ and sin X₂, then play again."),
    ("Side by side", "Press v, keep the suggested learning rates 0.00001 0.03 3, press enter twice, then "
     "space: the three runs above at once, from the same start. w sweeps every learning rate."),
    ("Seeds matter", "Press n, pick Regularization and type L1 L2: each trains from 5 initial weights. "
     "When the ranges overlap, the difference is not a real one. L shows every run so far."),
)
"""(title, recipe) pairs for "Try this": the lecture's experiments."""


def two_columns(rows: Sequence[tuple[str, str]]) -> Table:
    """A borderless two-column table: a bold left column and a wrapping right column.

    Args:
        rows: (left, right) pairs, shown as plain text (no markup is parsed).

    Returns:
        A Rich table that wraps the right column and indents its continuation lines.
    """
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for left, right in rows:
        table.add_row(Text(left), Text(right))
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable help box over the app; escape, ``q`` or ``?`` close it.

    Args:
        keys: (key as displayed, one-line description) for every binding,
            e.g. ``("space", "play / pause training")``.
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help-body {
        width: 100%;
        max-width: 100;
        height: 100%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    HelpScreen .help-heading {
        text-style: bold underline;
        color: $accent;
        margin-top: 1;
    }
    HelpScreen .help-heading.-first {
        margin-top: 0;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    body = getters.query_one("#help-body", VerticalScroll)
    """The scrolling box holding every section."""

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = tuple(keys)
        """(key, description) pairs shown under "Keys"."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "esc q ? close · ↑ ↓ PgUp PgDn scroll"
            yield Static("Keys", classes="help-heading -first")
            yield Static(two_columns(self.keys), id="help-keys")
            yield Static("The ideas", classes="help-heading")
            yield Static(two_columns(ideas()), id="help-ideas")
            yield Static("Try this", classes="help-heading")
            yield Static(two_columns(TRY_THIS), id="help-try")

    def on_mount(self) -> None:
        self.body.focus()

    def action_close(self) -> None:
        """Close the help and return to the playground."""
        self.dismiss(None)
