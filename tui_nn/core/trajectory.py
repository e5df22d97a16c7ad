"""Trajectory: the weights a run has passed through, bounded in memory, for the loss valley's path.

It keeps a copy of the flat parameters every ``stride``-th epoch; when full it drops every other
snapshot and doubles the stride, as ``LossHistory`` does, so a long run keeps an evenly spaced
outline of its whole descent. It never computes anything from them.
"""

from __future__ import annotations

import numpy as np

from tui_nn.core.network import Array

DEFAULT_LIMIT = 128
"""Snapshots kept: 128 copies of the default network's 25 parameters is 25 KiB."""


class Trajectory:
    """Parameter snapshots `(n, n_params)` and their epochs, at most ``limit`` of them.

    Args:
        n_params: Length of the flat parameter vector.
        limit: Most snapshots kept (at least 2).
    """

    def __init__(self, n_params: int, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 2:
            raise ValueError("a trajectory needs room for at least 2 snapshots")
        self.limit = limit
        self._params = np.empty((limit, n_params))
        self._epochs = np.empty(limit, dtype=np.int64)
        self.clear()

    def clear(self) -> None:
        self.stride = 1
        self._count = 0
        self._frozen: tuple[Array, Array] | None = None

    def __len__(self) -> int:
        return self._count

    def record(self, epoch: int, params: Array) -> None:
        """Keep ``params`` (copied) if ``epoch`` falls on the stride; one copy, no allocation."""
        if epoch % self.stride:
            return
        if self._count == self.limit:
            self.stride *= 2
            keep = np.flatnonzero(self._epochs % self.stride == 0)
            self._count = len(keep)
            self._params[: self._count] = self._params[keep]
            self._epochs[: self._count] = self._epochs[keep]
            if epoch % self.stride:
                self._frozen = None
                return
        self._params[self._count] = params
        self._epochs[self._count] = epoch
        self._count += 1
        self._frozen = None

    def frozen(self) -> tuple[Array, Array]:
        """Read-only copies `(epochs (n,), params (n, n_params))`, shared until the next record."""
        if self._frozen is None:
            epochs, params = self._epochs[: self._count].copy(), self._params[: self._count].copy()
            epochs.flags.writeable = params.flags.writeable = False
            self._frozen = (epochs, params)
        return self._frozen
