"""LossHistory: train and test loss per epoch, bounded in memory for runs of any length."""

from __future__ import annotations

import numpy as np

from tui_nn.core.network import Array


class LossHistory:
    """Recorded (epoch, train loss, test loss) points, thinned so at most ``limit`` are kept.

    When full, every other point is dropped and from then on only every ``stride``-th epoch is
    recorded, so a long run keeps an evenly spaced outline of its whole curve.
    """

    def __init__(self, limit: int = 2000) -> None:
        if limit < 2:
            raise ValueError("a loss history needs room for at least 2 points")
        self.limit = limit
        self.clear()

    def clear(self) -> None:
        self.stride = 1
        self._epochs: list[int] = []
        self._train: list[float] = []
        self._test: list[float] = []

    def __len__(self) -> int:
        return len(self._epochs)

    def record(self, epoch: int, train_loss: float, test_loss: float) -> None:
        if epoch % self.stride:
            return
        self._epochs.append(epoch)
        self._train.append(train_loss)
        self._test.append(test_loss)
        self._thin()

    def restore(self, epochs: list[int], train: list[float], test: list[float], stride: int) -> None:
        """Adopt recorded points (a saved run's), thinned to this history's limit."""
        self._epochs, self._train, self._test = list(epochs), list(train), list(test)
        self.stride = stride
        while len(self._epochs) > self.limit:
            self._thin()

    def _thin(self) -> None:
        if len(self._epochs) > self.limit:
            self.stride *= 2
            keep = [i for i, e in enumerate(self._epochs) if e % self.stride == 0]
            self._epochs = [self._epochs[i] for i in keep]
            self._train = [self._train[i] for i in keep]
            self._test = [self._test[i] for i in keep]

    def arrays(self) -> tuple[Array, Array, Array]:
        """Copies: epochs (ints as floats), train losses, test losses."""
        return np.array(self._epochs, dtype=np.float64), np.array(self._train), np.array(self._test)

    def rows(self) -> list[dict[str, float | int]]:
        """JSON-ready ``{"epoch", "train_loss", "test_loss"}`` rows."""
        return [
            {"epoch": e, "train_loss": a, "test_loss": b} for e, a, b in zip(self._epochs, self._train, self._test)
        ]
