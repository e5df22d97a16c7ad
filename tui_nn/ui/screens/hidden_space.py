"""HiddenSpaceScreen: the plane's grid lines and the data as two neurons of a hidden layer see them.

ConvNetJS's view: a straight line that separates the classes here is what the next layer can
draw. It redraws on each new snapshot the app hands it (so nothing while paused), and ``l``,
``n`` and ``p`` choose the layer and the pair of neurons.
"""

from __future__ import annotations

import numpy as np
from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui_nn.core.hidden_space import hidden_space, neuron_pairs
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.hidden_space import bounds, hidden_space_rows
from tui_nn.draw.palettes import Palette
from tui_nn.ui.widgets.segment_canvas import SegmentCanvas


class HiddenSpaceScreen(Screen[None]):
    """The hidden space of the newest snapshot.

    Args:
        snapshot: The frame to draw first.
        palette: Colours for this terminal, or None for ASCII.
    """

    DEFAULT_CSS = """
    HiddenSpaceScreen #hidden-title { height: auto; text-style: bold; padding: 0 1; }
    HiddenSpaceScreen #hidden-note { height: 2; color: $text-muted; padding: 0 1; }
    HiddenSpaceScreen SegmentCanvas { margin: 0 1; }
    """
    BINDINGS = [
        Binding("l", "layer(1)", "Next layer", tooltip="hidden space: the next hidden layer", id="hidden.layer"),
        Binding("n", "pair(1)", "Next pair", tooltip="hidden space: the next pair of neurons", id="hidden.next"),
        Binding("p", "pair(-1)", "Prev pair", tooltip="hidden space: the previous pair of neurons", id="hidden.previous"),
        Binding("escape,i", "close", "Back", tooltip="hidden space: back to the playground", id="hidden.close"),
    ]

    title_line = getters.query_one("#hidden-title", Static)
    canvas = getters.query_one(SegmentCanvas)

    def __init__(self, snapshot: Snapshot, palette: Palette | None) -> None:
        super().__init__()
        self.snapshot, self.palette = snapshot, palette
        self.hidden_layer, self.pair_index = 1, 0

    def compose(self) -> ComposeResult:
        yield Static("", id="hidden-title")
        yield SegmentCanvas(id="hidden-canvas")
        yield Static(
            "The plane's grid lines and the points, mapped through two neurons: the x axis is the first "
            "neuron's output, the y axis the second's. Where a straight line separates the classes here, "
            "the next layer can separate them.", id="hidden-note",
        )
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._redraw)

    def show(self, snapshot: Snapshot) -> None:
        """Draw a newer snapshot."""
        self.snapshot = snapshot
        self._redraw()

    def action_layer(self, delta: int) -> None:
        hidden = len(self.snapshot.config.hidden_layers)
        if hidden:
            self.hidden_layer, self.pair_index = (self.hidden_layer - 1 + delta) % hidden + 1, 0
        self._redraw()

    def action_pair(self, delta: int) -> None:
        self.pair_index += delta
        self._redraw()

    def action_close(self) -> None:
        self.dismiss(None)

    def _redraw(self) -> None:
        snapshot, hidden = self.snapshot, self.snapshot.config.hidden_layers
        width, height = self.canvas.size
        if not hidden:
            self.title_line.update("Hidden space: this network has no hidden layer (add one: Hidden layers)")
            self.canvas.update([])
            return
        self.hidden_layer = min(self.hidden_layer, len(hidden))
        pairs = neuron_pairs(hidden[self.hidden_layer - 1])
        self.pair_index %= len(pairs)
        pair = pairs[self.pair_index]
        data = snapshot.data
        points = np.concatenate([data.train_points, data.test_points])
        labels = np.concatenate([data.train_labels, data.test_labels])
        space = hidden_space(snapshot.network, snapshot.config.features, self.hidden_layer, pair, points, labels, len(data.train_labels))
        self.title_line.update(self._title(pair, len(pairs), bounds(space)))
        if width > 0 and height > 0:
            many = snapshot.config.problem == "multiclass"
            self.canvas.update(hidden_space_rows(space, width, height, self.palette, many))

    def _title(self, pair: tuple[int, int], count: int, box: tuple[float, float, float, float]) -> str:
        first, second = (f"L{self.hidden_layer} n{n + 1}" for n in pair)
        dot = "," if self.palette is None else " ·"
        return (
            f"Hidden space{dot} x = {first} [{box[0]:.3g}, {box[1]:.3g}], y = {second} [{box[2]:.3g}, {box[3]:.3g}]"
            f"{dot} pair {self.pair_index + 1}/{count}{dot} epoch {self.snapshot.epoch}"
        )
