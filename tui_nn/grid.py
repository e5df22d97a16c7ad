"""PlaneGrid: every neuron's output over a pixel grid of the [-6, 6] plane, for drawing.

It caches the grid's feature inputs (float32: drawing needs no more precision and it halves the
cost) and evaluates a network on them; it never trains and never draws.
"""

from __future__ import annotations

import numpy as np

from tui_nn.features import feature_matrix
from tui_nn.network import Array, BatchPass, Network, with_ones_row
from tui_nn.render import grid_points


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
        return [act[:-1].reshape(-1, *shape) for act in acts[:-1]] + [acts[-1].reshape(1, *shape)]
