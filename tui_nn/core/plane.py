"""The Playground's plane [-6, 6]^2: its extent, pixel-grid points, and PlaneGrid (every neuron over it).

It caches the grid's feature inputs (float32: drawing needs no more precision and it halves the
cost) and evaluates a network on them; it never trains and never draws.
"""

from __future__ import annotations

import numpy as np

from tui_nn.core.features import feature_matrix
from tui_nn.core.network import Array, BatchPass, Network, with_ones_row

EXTENT = 6.0
"""The plane shown is `[-EXTENT, EXTENT]^2`, as in the Playground."""


def grid_points(cols: int, rows: int) -> Array:
    """Pixel centres of a `cols` x `rows` grid over the plane.

    Args:
        cols: Pixels across.
        rows: Pixels down.

    Returns:
        Shape `(rows * cols, 2)`, row-major: row 0 is the top (y near +6), x increases rightwards.
    """
    xs = -EXTENT + (np.arange(cols) + 0.5) * (2 * EXTENT / cols)
    ys = EXTENT - (np.arange(rows) + 0.5) * (2 * EXTENT / rows)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack((gx.ravel(), gy.ravel()))


class PlaneGrid:
    """Feature inputs for a ``cols`` x ``rows`` pixel grid, row 0 at the top (y = +6).

    Args:
        features: Feature keys in network input order.
        cols: Pixels across.
        rows: Pixels down.
    """

    def __init__(self, features: tuple[str, ...], cols: int, rows: int) -> None:
        self.features, self.cols, self.rows = features, cols, rows
        values = feature_matrix(grid_points(cols, rows), features, dtype=np.float32)
        self.inputs = with_ones_row(values, dtype=np.float32)
        self._pass: BatchPass | None = None

    def fits(self, features: tuple[str, ...], cols: int, rows: int) -> bool:
        return (self.features, self.cols, self.rows) == (features, cols, rows)

    def layer_outputs(self, network: Network) -> list[Array]:
        """Per layer, inputs first, the outputs of its units: `(n_units, rows, cols)` each.

        The arrays are reused buffers, overwritten by the next call: copy what must be kept.
        """
        if self._pass is None or self._pass.net.shapes != network.shapes:
            self._pass = BatchPass(network, self.inputs)
        self._pass.net = network  # same shape: the buffers fit; forward() reads the weights afresh
        with np.errstate(all="ignore"):
            acts = self._pass.forward()
        shape = (self.rows, self.cols)
        return [act[:-1].reshape(-1, *shape) for act in acts[:-1]] + [acts[-1].reshape(-1, *shape)]
