"""Multi-class generators (beyond the Playground): K Gaussian blobs and a K-armed spiral.

They draw from the Playground's seeded stream as its own generators do (``normalRandom`` and
``randUniform``), so a seed gives the same points every time; labels are class indices 0..K-1.
This module must not use ``np.random`` or any generator other than the ``rng`` it is given.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from tui_nn.core.playground_rng import PlaygroundRandom

Array = npt.NDArray[np.float64]


def _per_class(num_samples: int, classes: int) -> int:
    return math.ceil(num_samples / classes)


def _arrays(rows: list[tuple[float, float, int]]) -> tuple[Array, Array]:
    data = np.array(rows, dtype=np.float64).reshape(len(rows), 3)
    return data[:, :2].copy(), data[:, 2].copy()


def blobs(num_samples: int, noise: float, rng: PlaygroundRandom, classes: int = 3) -> tuple[Array, Array]:
    """K Gaussian blobs on a circle of radius 3.5, spreading with noise as the Playground's two-Gaussian set.

    Each class has ``ceil(num_samples / K)`` points; the variance goes from 0.5 (no noise) to 4
    (the slider's 50 %), the Playground's ``varianceScale``.
    """
    variance = 0.5 + noise / 0.5 * 3.5
    rows = []
    for k in range(classes):
        angle = 2 * math.pi * k / classes + math.pi / 2
        cx, cy = 3.5 * math.cos(angle), 3.5 * math.sin(angle)
        for _ in range(_per_class(num_samples, classes)):
            rows.append((rng.normal(cx, variance), rng.normal(cy, variance), k))
    return _arrays(rows)


def arms(num_samples: int, noise: float, rng: PlaygroundRandom, classes: int = 3) -> tuple[Array, Array]:
    """A K-armed spiral: the Playground's ``genSpiral`` with arm k turned by 2*pi*k/K."""
    n = _per_class(num_samples, classes)
    rows = []
    for k in range(classes):
        delta = 2 * math.pi * k / classes
        for i in range(n):
            r = i / n * 5
            t = 1.75 * i / n * 2 * math.pi + delta
            x = r * math.sin(t) + rng.uniform(-1, 1) * noise
            y = r * math.cos(t) + rng.uniform(-1, 1) * noise
            rows.append((x, y, k))
    return _arrays(rows)
