"""Node: one node of the network diagram (an input feature, a hidden neuron or the output) and its indices.

The diagram, the network (and so `PlaneGrid.layer_outputs`) and the weight matrices each number
nodes their own way; the conversions between a Node and those numberings live here and nowhere
else. A Node names a place in a network's shape, never its values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui_nn.core.config import Config
from tui_nn.core.features import FEATURES


@dataclass(frozen=True)
class Node:
    """An input feature, a hidden neuron or the output, independent of how deep the network is.

    Build one with `Node.feature`, `Node.hidden` or `Node.output`.
    """

    kind: Literal["feature", "hidden", "output"]
    """Which of the three; the fields below that do not apply keep their defaults."""
    key: str | None = None
    """The feature's key, a key of `FEATURES` (features only)."""
    layer: int = 0
    """1 for the first hidden layer (hidden neurons only)."""
    neuron: int = 0
    """The neuron within its layer, from 0 (hidden neurons and the output)."""

    @classmethod
    def feature(cls, key: str) -> Node:
        """The input node of feature `key` (on or off)."""
        if key not in FEATURES:
            raise ValueError(f"no such feature: {key!r}")
        return cls("feature", key=key)

    @classmethod
    def hidden(cls, layer: int, neuron: int) -> Node:
        """Neuron `neuron` (from 0) of hidden layer `layer` (from 1)."""
        return cls("hidden", layer=layer, neuron=neuron)

    @classmethod
    def output(cls) -> Node:
        """The output neuron, however many hidden layers there are."""
        return cls("output")

    # The diagram: a column for every feature (`FEATURES` order), one per hidden layer, one for the output.

    def diagram_position(self, hidden_layers: Sequence[int]) -> tuple[int, int]:
        """`(column, row)` in the diagram of a network with `hidden_layers`."""
        if self.kind == "feature":
            return 0, list(FEATURES).index(self.key)
        if self.kind == "hidden":
            return self.layer, self.neuron
        return len(hidden_layers) + 1, self.neuron

    @classmethod
    def at(cls, column: int, row: int, hidden_layers: Sequence[int]) -> Node:
        """The node at a diagram position, both clamped into the diagram of `hidden_layers`."""
        counts = diagram_counts(hidden_layers)
        column = min(max(column, 0), len(counts) - 1)
        row = min(max(row, 0), counts[column] - 1)
        if column == 0:
            return cls.feature(list(FEATURES)[row])
        if column == len(counts) - 1:
            return cls.output()
        return cls.hidden(column, row)

    # The network: layer 0 holds the active features, then each hidden layer, then the output.

    def unit(self, config: Config) -> tuple[int, int] | None:
        """`(layer, unit)` in the network of `config`, as `PlaneGrid.layer_outputs` numbers them.

        Returns:
            None for a feature that is off or a neuron the network lacks.
        """
        if self.kind == "feature":
            return (0, config.features.index(self.key)) if self.key in config.features else None
        hidden = config.hidden_layers
        if self.kind == "output":
            return len(hidden) + 1, 0
        if 1 <= self.layer <= len(hidden) and 0 <= self.neuron < hidden[self.layer - 1]:
            return self.layer, self.neuron
        return None

    def weight_row(self, config: Config) -> tuple[int, int] | None:
        """`(weight_layer, row)`: the index into `network.weights` and the row of this neuron's
        incoming weights and bias; None for a feature (it has none) or a neuron the network lacks."""
        unit = self.unit(config)
        if unit is None or unit[0] == 0:
            return None
        return unit[0] - 1, unit[1]


def diagram_counts(hidden_layers: Sequence[int]) -> list[int]:
    """Nodes per diagram column: all features, each hidden layer, the output."""
    return [len(FEATURES), *hidden_layers, 1]
