"""The Playground's seven input features and the feature matrix built from them.

This module owns the feature registry, its canonical order (the order of the network's input
nodes) and the arithmetic of each feature. It must not normalise features: the Playground does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Feature:
    """One input node of the network."""

    key: str
    """The Playground's state and URL key, e.g. `"xSquared"`."""

    label: str
    """The label as rendered, in Unicode, e.g. `"X₁²"`."""

    ascii_label: str
    """A plain-ASCII label for logs and the CLI, e.g. `"x1^2"`."""

    fn: Callable[[Array, Array], Array]
    """`fn(x, y)`: the feature's values, elementwise over arrays of the same shape."""

    link_position: int
    """Place among the feature keys of a share link (the Playground's PROPS order, which differs
    from the input order: `xTimesY` comes before `xSquared`)."""

    formula: str
    """What the input node computes, in Unicode, e.g. `"x1·x1"`."""


# x*x rather than x**2 and np.sin, as `playground.ts` computes them in the browser.
FEATURES: dict[str, Feature] = {
    feature.key: feature
    for feature in (
        Feature("x", "X₁", "x1", lambda x, y: x, 0, "x1"),
        Feature("y", "X₂", "x2", lambda x, y: y, 1, "x2"),
        Feature("xSquared", "X₁²", "x1^2", lambda x, y: x * x, 3, "x1·x1"),
        Feature("ySquared", "X₂²", "x2^2", lambda x, y: y * y, 4, "x2·x2"),
        Feature("xTimesY", "X₁X₂", "x1*x2", lambda x, y: x * y, 2, "x1·x2"),
        Feature("sinX", "sin(X₁)", "sin(x1)", lambda x, y: np.sin(x), 6, "sin(x1)"),
        Feature("sinY", "sin(X₂)", "sin(x2)", lambda x, y: np.sin(y), 8, "sin(x2)"),
    )
}
"""Every input feature by its config, link and CLI key, in the network's input order."""

INERT_FEATURES: dict[str, int] = {"cosX": 5, "cosY": 7}
"""Feature keys the Playground's links carry but its inputs lack (PLAYGROUND.md §3): accepted,
written as false, no effect; the value is the key's place among the feature keys of a link."""


def _checked(key: str) -> str:
    """`key` itself, or a `ValueError` naming it and the allowed keys."""
    if key not in FEATURES:
        raise ValueError(f"unknown feature {key!r}; expected one of {', '.join(FEATURES)}")
    return key


def canonical_order(keys: Iterable[str]) -> tuple[str, ...]:
    """Deduplicate feature keys and sort them into the network's input order.

    Args:
        keys: Feature keys in any order, possibly repeated.

    Returns:
        The distinct keys, in `FEATURES` order.

    Raises:
        ValueError: If a key is not in `FEATURES`; the message lists the allowed keys.
    """
    wanted = {_checked(key) for key in keys}
    return tuple(key for key in FEATURES if key in wanted)


def feature_matrix(points: Array, keys: Sequence[str], dtype: npt.DTypeLike = np.float64) -> Array:
    """Evaluate features at points, one column per key.

    Args:
        points: Inputs `(x, y)`, shape `(n_samples, 2)`.
        keys: Feature keys, used in the order given (see `canonical_order`).
        dtype: Dtype of the result; features are computed in float64 and then cast.

    Returns:
        `X`, shape `(n_samples, len(keys))`.

    Raises:
        ValueError: If a key is unknown or `points` is not of shape `(n_samples, 2)`.
    """
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n_samples, 2), got {points.shape}")
    for key in keys:
        _checked(key)
    x = points[:, 0]
    y = points[:, 1]
    X = np.empty((points.shape[0], len(keys)), dtype=dtype)
    for column, key in enumerate(keys):
        X[:, column] = FEATURES[key].fn(x, y)
    return X
