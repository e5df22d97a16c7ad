"""The hidden space: the plane's grid lines and the data mapped through two neurons of a hidden layer.

ConvNetJS's 2-D classification demo shows it: in the coordinates of two hidden neurons the network
has bent and stretched the plane, and the classes become separable by a straight line (the next
layer's). It computes the mapped coordinates with one forward pass; it never draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from tui_nn.core.features import feature_matrix
from tui_nn.core.network import Array, Network, forward, with_ones_row
from tui_nn.core.plane import EXTENT

GRID_LINES = 13
"""Lines each way across the plane: every unit from -6 to 6."""
LINE_SAMPLES = 61
"""Points along each line, enough for the bends to show."""


@dataclass(frozen=True)
class HiddenSpace:
    """Grid lines and points in the coordinates of two neurons of one hidden layer."""

    layer: int
    """1 for the first hidden layer."""
    pair: tuple[int, int]
    """The two neurons (x axis, y axis); equal when the layer has one neuron."""
    lines: Array
    """`(n_lines, LINE_SAMPLES, 2)`: vertical lines of the plane first (x fixed), then horizontal."""
    points: Array
    """`(n_points, 2)` the data points, training points first."""
    labels: Array
    """`(n_points,)`."""
    n_train: int
    """How many of ``points`` are training points (the rest are test points)."""


def neuron_pairs(units: int) -> list[tuple[int, int]]:
    """Every pair of neurons of a layer of ``units``, in order; ``[(0, 0)]`` for a single neuron."""
    return list(combinations(range(units), 2)) or [(0, 0)]


def grid_lines(lines: int = GRID_LINES, samples: int = LINE_SAMPLES) -> Array:
    """The plane's grid lines as `(2 * lines, samples, 2)` points: vertical ones, then horizontal."""
    ticks = np.linspace(-EXTENT, EXTENT, lines)
    along = np.linspace(-EXTENT, EXTENT, samples)
    vertical = np.stack(np.broadcast_arrays(ticks[:, None], along[None, :]), axis=-1)
    return np.concatenate([vertical, vertical[..., ::-1]])


def hidden_activations(network: Network, points: Array, features: tuple[str, ...], layer: int) -> Array:
    """Outputs `(n_points, units)` of hidden layer ``layer`` (1-based) for plane points `(n, 2)`."""
    acts = forward(network, with_ones_row(feature_matrix(points, features)))
    return acts[layer][:-1].T


def hidden_space(
    network: Network, features: tuple[str, ...], layer: int, pair: tuple[int, int],
    points: Array, labels: Array, n_train: int,
) -> HiddenSpace:
    """Map the grid lines and ``points`` through ``network`` up to hidden layer ``layer``.

    Args:
        network: The weights.
        features: The network's input features, in order.
        layer: 1 for the first hidden layer, up to the last hidden layer.
        pair: Two neurons of that layer.
        points: Data points `(n, 2)` in the plane; ``labels`` `(n,)` go with them.
        n_train: How many of them, first, are training points.

    Raises:
        ValueError: No such hidden layer or neuron.
    """
    if not 1 <= layer < len(network.layer_sizes) - 1:
        raise ValueError(f"no hidden layer {layer}")
    if not all(0 <= n < network.layer_sizes[layer] for n in pair):
        raise ValueError(f"layer {layer} has no neurons {pair}")
    lines = grid_lines()
    plane = np.concatenate([lines.reshape(-1, 2), points])
    with np.errstate(all="ignore"):
        mapped = hidden_activations(network, plane, features, layer)[:, list(pair)]
    n_line = lines.shape[0] * lines.shape[1]
    return HiddenSpace(layer, pair, mapped[:n_line].reshape(lines.shape), mapped[n_line:], labels, n_train)
