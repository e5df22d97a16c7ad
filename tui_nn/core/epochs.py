"""One epoch of the Playground's mini-batch gradient descent (PLAYGROUND.md §6), made fast.

The Playground visits the training points in their stored order, updates every ``batch_size``
examples and carries the leftover examples' derivatives into the next epoch's first update. A
vectorised batch gradient equals its per-example sum, so this module computes each batch with a
few matrix calls. It owns reusable buffers and nothing else: no data choice, no history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from tui_nn.core.network import Array, BatchPass, Network, grad_views, with_ones_row
from tui_nn.core.optimizers import OPTIMIZERS, Hyper, OptimizerState

Step = Callable[[Network, Array, float, Array], None]
"""``step(net, grad, scale, penalty)``: one update of ``net.params`` from a summed gradient."""


@dataclass(frozen=True)
class Regularizer:
    """A weight penalty applied at every update, as the Playground's ``RegularizationFunction``."""

    name: str
    """Config and link value (``L1``); ``none`` for no penalty."""
    title: str
    """As the app shows it."""
    step: Step | None
    """The update with the penalty's pull (PLAYGROUND.md §6.4); None: plain gradient steps."""


class CarriedExamples:
    """The Playground's leftovers: the examples after an epoch's last full batch are not dropped.

    Their summed derivative waits in ``pending_grad`` and the next update adds it, averaging over
    them too. Shared by `EpochRunner` and the stacked runner, which must carry alike to stay equal.
    """

    batch_size: int
    pending_grad: Array
    pending_count: int

    def _take_carried(self, grad: Array) -> int:
        """Add the carried derivative into ``grad``; returns the examples the update averages over."""
        count = self.batch_size
        if self.pending_count:
            np.add(grad, self.pending_grad, grad)
            count += self.pending_count
            self.pending_grad[:] = 0.0
            self.pending_count = 0
        return count

    def _carry(self, grad: Array, size: int) -> None:
        """Keep the summed derivative of ``size`` leftover examples for the next update."""
        np.add(self.pending_grad, grad, self.pending_grad)
        self.pending_count += size


class EpochRunner(CarriedExamples):
    """Runs epochs of SGD (or another optimiser) over fixed training data with preallocated buffers.

    Args:
        net: Updated in place.
        inputs: Training features, `(n_samples, n_features)`, in the Playground's stored order.
        labels: Training targets, `(n_samples,)`, or `(n_outputs, n_samples)` (one-hot for softmax).
        batch_size: Examples per update.
        regularization: A key of ``REGULARIZERS``.
    """

    def __init__(self, net: Network, inputs: Array, labels: Array, batch_size: int, regularization: str) -> None:
        self.batch_size = batch_size
        self.regularization = regularization
        columns = with_ones_row(inputs)
        targets = np.array(labels, dtype=np.float64)  # writable: the batches are views of it
        targets = targets.reshape(1, -1) if targets.ndim == 1 else targets
        n_full = targets.shape[1] // batch_size
        # The stored order, kept apart: a reshuffle writes into the batches' views.
        self._columns, self._targets, self.shuffled = columns.copy(), targets.copy(), False
        self._batches = [
            BatchPass(net, columns[:, k * batch_size : (k + 1) * batch_size], targets[:, k * batch_size : (k + 1) * batch_size])
            for k in range(n_full)
        ]
        start = n_full * batch_size
        self._tail = BatchPass(net, columns[:, start:], targets[:, start:]) if start < targets.shape[1] else None
        self.pending_grad = np.zeros_like(net.params)
        """Summed derivatives of the examples after the last update, carried into the next one."""
        self.pending_count = 0
        self.updates = 0
        """Updates made so far; ``last_step`` means something once this is positive."""
        self.last_learning_rate = 0.0
        """The learning rate of the last update (``last_step`` is ``learning_rate * mean gradient``)."""
        self.optimizer = OptimizerState("sgd")
        """The optimiser's memory (velocity, moments); fresh when the optimiser or the network changes."""
        self.rebind(net)

    def rebind(self, net: Network) -> None:
        """Train ``net`` (same shape) from now on, keeping the data and the carried derivatives."""
        self.net = net
        self._grad = np.zeros_like(net.params)
        self._grad_views = grad_views(net, self._grad)
        # The leftover batch has its own buffer, so ``_grad`` keeps the last update's step.
        self._tail_grad = np.zeros_like(net.params)
        self._tail_views = grad_views(net, self._tail_grad)
        self.optimizer = OptimizerState.fresh(self.optimizer.name, net.params.size)
        for batch in self._batches + ([self._tail] if self._tail else []):
            batch.bind(net)

    def shuffle(self, rng: np.random.Generator | None) -> None:
        """Visit the training points in a new order drawn from ``rng``; None: their stored order.

        The Playground never reshuffles; this is the optional per-epoch reshuffle.
        """
        if rng is None and not self.shuffled:
            return
        n = self._columns.shape[1]
        order = np.arange(n) if rng is None else rng.permutation(n)
        self.shuffled = rng is not None
        start = 0
        for batch in self._batches + ([self._tail] if self._tail else []):
            chosen = order[start : start + batch.size]
            batch.inputs[:] = self._columns[:, chosen]
            batch.targets[:] = self._targets[:, chosen]
            start += batch.size

    def run_epoch(
        self, learning_rate: float, regularization_rate: float, optimizer: str = "sgd", hyper: Hyper | None = None
    ) -> None:
        """One pass over the training data: ``len // batch_size`` updates, leftovers carried.

        Args:
            optimizer: A key of ``OPTIMIZERS``; a change of optimiser starts its memory afresh.
            hyper: The optimiser's settings (default: the usual ones).
        """
        net, grad, views = self.net, self._grad, self._grad_views
        step = self._update_rule(learning_rate, regularization_rate)
        if optimizer != "sgd":
            step = self._optimizer_rule(step, learning_rate, optimizer, hyper or Hyper())
        elif self.optimizer.slots:  # back to plain SGD: a later optimiser starts afresh
            self.optimizer = OptimizerState("sgd")
        for batch in self._batches:
            batch.gradient(views)
            count = self._take_carried(grad)
            step(net.params, grad, learning_rate / count, count)
        if self._batches:
            self.updates += len(self._batches)
            self.last_learning_rate = learning_rate
        if self._tail is not None:
            self._tail.gradient(self._tail_views)
            self._carry(self._tail_grad, self._tail.size)

    @property
    def last_step(self) -> Array:
        """The gradient part of the last update, ``learning_rate * mean gradient`` (flat, live buffer).

        Every update rule scales the summed gradient in place by ``learning_rate / count``, so the
        buffer holds it until the next update; the regularization's pull is not in it.
        """
        return self._grad

    def _update_rule(self, learning_rate: float, regularization_rate: float):
        """The update of PLAYGROUND.md §6.4 for this regularization, as ``step(params, grad, scale)``."""
        rule, net = REGULARIZERS[self.regularization].step, self.net
        if rule is None or (regularization_rate == 0 and net.dead is None):
            return _plain_step
        penalty = (learning_rate * regularization_rate) * net.is_weight
        return lambda params, grad, scale, count: rule(net, grad, scale, penalty)

    def _optimizer_rule(self, step, learning_rate: float, name: str, hyper: Hyper):
        """``step`` with the optimiser's step in place of ``scale * grad``; the penalty pull stays as it is."""
        if self.optimizer.name != name:
            self.optimizer = OptimizerState.fresh(name, self.net.params.size)
        update, state = OPTIMIZERS[name].update, self.optimizer

        def optimized(params: Array, grad: Array, scale: float, count: int) -> None:
            update(grad, count, learning_rate, state, hyper)
            step(params, grad, 1.0, count)  # x * 1.0 is exact: the optimiser's step, unchanged

        return optimized


def _plain_step(params: Array, grad: Array, scale: float, count: int = 0) -> None:
    np.multiply(grad, scale, grad)
    np.subtract(params, grad, params)


def _l2_step(net: Network, grad: Array, scale: float, penalty: Array) -> None:
    # w' = (w - scale * g) - lr * rate * w_before: the penalty's derivative is taken before the step.
    params = net.params
    decay = np.multiply(params, penalty)
    np.multiply(grad, scale, grad)
    np.subtract(params, grad, params)
    np.subtract(params, decay, params)


def _l1_step(net: Network, grad: Array, scale: float, penalty: Array) -> None:
    params = net.params
    pull = np.sign(params)
    np.multiply(pull, penalty, pull)
    np.multiply(grad, scale, grad)
    np.subtract(params, grad, params)
    stepped = np.subtract(params, pull)
    # A link whose penalty step crosses zero is set to 0 and frozen for good (nn.ts L1 clip).
    crossed = np.multiply(params, stepped) < 0.0
    params[:] = stepped
    if crossed.any():
        net.dead = crossed if net.dead is None else net.dead | crossed
    if net.dead is not None:
        params[net.dead] = 0.0


REGULARIZERS: dict[str, Regularizer] = {
    rule.name: rule
    for rule in (Regularizer("none", "None", None), Regularizer("L1", "L1", _l1_step), Regularizer("L2", "L2", _l2_step))
}
"""Every regularization by its config, link and CLI name (the Playground's ``regularizations``)."""
