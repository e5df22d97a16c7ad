"""LossHistory: train and test loss per epoch, bounded in memory for runs of any length."""

from __future__ import annotations

from array import array

import numpy as np

from tui_nn.core.network import Array


class LossHistory:
    """Recorded (epoch, train loss, test loss) points, thinned so at most ``limit`` are kept.

    When full, every other point is dropped and from then on only every ``stride``-th epoch
    (counted from the first) is recorded, so a long run keeps an evenly spaced outline of its whole
    curve that starts at its first epoch. The latest epoch is kept too, whether or not the outline
    has it, so a curve drawn with ``latest=True`` ends where the run is. Points are stored in
    typed arrays (24 bytes each), so even the command line's 100,001 points take about 2.4 MB.
    """

    def __init__(self, limit: int = 2000) -> None:
        if limit < 2:
            raise ValueError("a loss history needs room for at least 2 points")
        self.limit = limit
        self.clear()

    def clear(self) -> None:
        self.stride = 1
        self._epochs = array("q")
        self._train = array("d")
        self._test = array("d")
        self._latest: tuple[int, float, float] | None = None

    def __len__(self) -> int:
        """Points in the evenly spaced outline."""
        return len(self._epochs)

    def record(self, epoch: int, train_loss: float, test_loss: float) -> None:
        self._latest = (epoch, train_loss, test_loss)
        if self._epochs and (epoch - self._epochs[0]) % self.stride:
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
            first, stride = self._epochs[0], self.stride
            keep = [i for i, e in enumerate(self._epochs) if (e - first) % stride == 0]
            self._epochs = array("q", (self._epochs[i] for i in keep))
            self._train = array("d", (self._train[i] for i in keep))
            self._test = array("d", (self._test[i] for i in keep))

    def _extra(self, latest: bool) -> list[tuple[int, float, float]]:
        """The latest point when asked for and the outline does not end on it."""
        if latest and self._latest is not None and (not self._epochs or self._epochs[-1] != self._latest[0]):
            return [self._latest]
        return []

    def arrays(self, latest: bool = False) -> tuple[Array, Array, Array]:
        """Copies: epochs (ints as floats), train losses, test losses.

        Args:
            latest: Add the latest recorded epoch after the outline when the outline skips it.
        """
        extra = self._extra(latest)
        epochs = np.array(self._epochs, dtype=np.float64)
        train, test = np.array(self._train, dtype=np.float64), np.array(self._test, dtype=np.float64)
        if not extra:
            return epochs, train, test
        (e, a, b), = extra
        return np.append(epochs, float(e)), np.append(train, a), np.append(test, b)

    def rows(self, latest: bool = False) -> list[dict[str, float | int]]:
        """JSON-ready ``{"epoch", "train_loss", "test_loss"}`` rows (``latest`` as in ``arrays``)."""
        points = [*zip(self._epochs, self._train, self._test), *self._extra(latest)]
        return [{"epoch": e, "train_loss": a, "test_loss": b} for e, a, b in points]
