"""LOSSES and the output head: which output activation, how many outputs, targets, displayed loss, confusion.

The Playground has one head, a tanh (or, for regression, linear) output with square loss; beyond
it, two classes may use a sigmoid output with log loss and 2 to 8 classes a softmax output with
cross-entropy. This module turns labels into targets and outputs into a loss; it never trains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tui_nn.core.features import feature_matrix
from tui_nn.core.network import Array, BatchPass, Network, square_loss, with_ones_row
from tui_nn.core.problems import PROBLEMS

if TYPE_CHECKING:
    from tui_nn.core.config import Config
    from tui_nn.core.datasets import DataSplit

EPSILON = 1e-15
"""Probabilities are clipped to [eps, 1 - eps] in the displayed loss, so a sure mistake costs ~34, not inf."""


@dataclass(frozen=True)
class Loss:
    """A loss the ``loss`` setting can choose for two classes (multi-class always uses cross-entropy)."""

    name: str
    """Config, link and CLI value."""
    title: str
    """As the app shows it."""


LOSSES: dict[str, Loss] = {
    loss.name: loss for loss in (Loss("square", "Square"), Loss("cross-entropy", "Cross-entropy"))
}
"""Every loss by its config, link and CLI name; ``square`` is the Playground's."""


@dataclass(frozen=True)
class Head:
    """The output layer of a run and the loss it is trained with.

    ``kind`` is ``square`` (tanh or linear output, labels as targets), ``log`` (sigmoid output,
    labels ±1 as targets 0/1, log loss) or ``softmax`` (one output per class, one-hot targets,
    cross-entropy).
    """

    activation: str
    outputs: int
    kind: str

    def targets(self, labels: Array) -> Array:
        """Training targets `(outputs, n)` for labels `(n,)` (±1, reals or class indices)."""
        labels = np.asarray(labels, dtype=np.float64).reshape(-1)
        if self.kind == "softmax":
            return (np.arange(self.outputs)[:, None] == labels[None, :]).astype(np.float64)
        if self.kind == "log":
            return ((labels + 1.0) / 2.0).reshape(1, -1)
        return labels.reshape(1, -1)

    def loss(self, outputs: Array, targets: Array) -> float:
        """The displayed loss, a mean over samples, without any penalty; NaN for no samples.

        Args:
            outputs: The network's outputs `(outputs, n)`.
            targets: From ``targets``, `(outputs, n)`.
        """
        if self.kind == "square":
            return square_loss(outputs[0], targets[0])
        if not targets.shape[1]:
            return float("nan")
        p = np.clip(outputs, EPSILON, 1.0 - EPSILON)
        if self.kind == "log":
            return float(-np.mean(targets * np.log(p) + (1.0 - targets) * np.log1p(-p)))
        return float(-np.sum(targets * np.log(p)) / targets.shape[1])

    def predicted(self, outputs: Array) -> Array:
        """Predicted class indices `(n,)` (for two classes: 0 is the -1 class, 1 the +1 class)."""
        if self.kind == "softmax":
            return np.argmax(outputs, axis=0)
        threshold = 0.5 if self.kind == "log" else 0.0
        return (outputs[0] >= threshold).astype(np.intp)

    def probability(self, outputs: Array) -> Array:
        """For two classes, the output mapped onto the Playground's -1..+1 scale (tanh: as it is)."""
        return 2.0 * outputs - 1.0 if self.kind == "log" else outputs


def head_for(problem: str, loss: str, classes: int) -> Head:
    """The output head of a run.

    Args:
        problem: A key of ``PROBLEMS``.
        loss: A key of ``LOSSES`` (used for two-class classification only).
        classes: Classes of a multi-class run (its number of outputs).
    """
    if problem == "multiclass":
        return Head("softmax", classes, "softmax")
    if problem == "classification" and loss == "cross-entropy":
        return Head("logistic", 1, "log")
    return Head(PROBLEMS[problem].output_activation, 1, "square")


def class_indices(problem: str, labels: Array) -> Array:
    """Labels as class indices `(n,)`: a multi-class run's labels already are; ±1 become 0 and 1."""
    labels = np.asarray(labels).reshape(-1)
    return labels.astype(np.intp) if problem == "multiclass" else (labels > 0).astype(np.intp)


def confusion_matrix(actual: Array, predicted: Array, classes: int) -> np.ndarray:
    """Counts `(classes, classes)`: row = actual class, column = predicted class."""
    counts = np.bincount(np.asarray(actual) * classes + np.asarray(predicted), minlength=classes * classes)
    return counts[: classes * classes].reshape(classes, classes)


def confusion_matrices(config: Config, network: Network, data: DataSplit) -> tuple[np.ndarray, np.ndarray] | None:
    """Train and test confusion matrices of ``network`` on ``data``; None for regression."""
    if config.problem == "regression":
        return None
    head, classes = config.head, max(2, config.head.outputs)
    matrices = []
    for points, labels in ((data.train_points, data.train_labels), (data.test_points, data.test_labels)):
        with np.errstate(all="ignore"):
            outputs = BatchPass(network, with_ones_row(feature_matrix(points, config.features))).forward()[-1]
        matrices.append(confusion_matrix(class_indices(config.problem, labels), head.predicted(outputs), classes))
    return matrices[0], matrices[1]
