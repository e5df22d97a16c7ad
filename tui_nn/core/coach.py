"""The coach: one line of advice, in the lecture's words, read from a run's loss history.

It looks at the last ``WINDOW`` epochs of the history a snapshot already carries and recognises
the lecture's three failures: a flat loss (too small a learning rate), a loss stuck high (too
large a learning rate) and a test loss rising while the train loss falls (overfitting). A healthy
run gets silence. A few NumPy calls on at most a few thousand points: nothing measurable per frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_nn.core.network import Array

WINDOW = 100
"""Epochs looked at: the coach says nothing before a run has trained this many."""
FLAT_CHANGE = 0.01
"""A train loss that moved less than this share of itself over the window is flat."""
HIGH_LOSS = 0.1
"""A train loss that never went below this in the window is high (a fitted run is far lower)."""
LARGE_RATE, SMALL_RATE = 0.3, 0.01
"""Learning rates from which a stuck loss is blamed on too large, and below which a flat one on too small."""


@dataclass(frozen=True)
class Advice:
    """What the coach says, and the app key that tries the fix."""

    kind: str
    """``too_small``, ``too_large`` or ``overfitting``."""
    text: str
    key: str


def advise(history: tuple[Array, Array, Array], learning_rate: float, diverged: bool = False) -> Advice | None:
    """The coach's line for a run, or None when it looks healthy (or is too young to judge).

    Args:
        history: Recorded epochs, train losses and test losses (``Snapshot.history``).
        learning_rate: The run's current learning rate.
        diverged: The run has diverged (the status line already says so and what to do).
    """
    epochs, train, test = history
    if diverged or len(epochs) < 3 or epochs[-1] - epochs[0] < WINDOW:
        return None
    start = int(np.searchsorted(epochs, epochs[-1] - WINDOW))
    train, test = train[start:], test[start:]
    if not (np.isfinite(train).all() and np.isfinite(test).all()):
        return None
    if _overfitting(train, test):
        return Advice("overfitting", "test loss rising while train loss falls: overfitting; 2 adds L2 regularization", "2")
    low, change = float(train.min()), abs(float(train[0] - train[-1]))
    if learning_rate >= LARGE_RATE and low > HIGH_LOSS and train[-1] > 0.9 * train[0]:
        return Advice("too_large", f"loss stuck high ({train[-1]:.3f}): too large a learning rate overshoots; [ lowers it", "[")
    if learning_rate < SMALL_RATE and train[-1] > HIGH_LOSS / 2 and change < FLAT_CHANGE * float(train[-1]):
        return Advice("too_small", f"loss flat for {WINDOW} epochs: too small a learning rate; ] raises it", "]")
    return None


def _overfitting(train: Array, test: Array) -> bool:
    """Over the window, the test loss has risen (its last quarter's mean well above its first's)
    while the train loss has fallen: means of quarters, so a jumpy run is not mistaken for it."""
    quarter = max(1, len(test) // 4)
    test_rise = float(test[-quarter:].mean() - test[:quarter].mean())
    train_fall = float(train[:quarter].mean() - train[-quarter:].mean())
    return test_rise > max(0.005, 0.05 * float(test[:quarter].mean())) and train_fall > 0
