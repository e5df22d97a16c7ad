"""StackedRunner: K networks of one shape trained together as one NumPy computation.

Each layer's weights of all K variants are one array `(K, n_out, n_in + 1)` (a view of the flat
parameters `(K, n_params)`), so a forward or backward pass is one ``np.matmul`` per layer for all
K, and the cost of K variants is close to that of one (NumPy's per-call overhead dominates at
these sizes). Every variant keeps the Playground's semantics exactly as ``EpochRunner`` has them:
points in stored order, leftovers carried into the next epoch's first update, the penalty applied
at each update, and L1's dead links. Variants may differ in learning rate, regularization and its
rate (per-row factors); shape, activation, batch size and data are shared. No data choice, no
history: ``tui_nn.core.experiment`` owns those.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from tui_nn.core.epochs import CarriedExamples
from tui_nn.core.network import Array, Network, with_ones_row


class _Pass:
    """Buffers of one fixed feature-major batch for all K variants, and the arrays each pass uses.

    With K = 1 the passes use the 2-D views and ``np.dot``, which costs less per call than a
    stacked ``np.matmul``, so a variant alone in its stack trains about as fast as a Trainer.
    """

    def __init__(self, runner: StackedRunner, inputs: Array, targets: Array | None) -> None:
        K, width = runner.K, inputs.shape[1]
        self.inputs, self.targets, self.size = inputs, targets, width
        self.hidden = [np.ones((K, rows + 1, width)) for rows, _ in runner.shapes[:-1]]
        self.hidden_out = [buffer[:, :-1, :] for buffer in self.hidden]
        self.output = np.empty((K, 1, width))
        acts_T = [inputs.T] + [buffer.swapaxes(1, 2) for buffer in self.hidden]
        single = K == 1
        pick = (lambda a: a[0]) if single else (lambda a: a)
        self.product = np.dot if single else np.matmul
        self.forward_plan = [(pick(W), pick(out), pick(full)) for W, out, full in zip(runner.weights, self.hidden_out, self.hidden)]
        self.last = (pick(runner.weights[-1]), pick(self.output))
        self.backward_plan = [
            (acts_T[i] if i == 0 else pick(acts_T[i]), pick(runner._grad_views[i]),
             pick(runner.back_weights[i]) if i else None, pick(self.hidden_out[i - 1]) if i else None)
            for i in range(len(runner.shapes) - 1, -1, -1)
        ]
        self.targets_for = None if targets is None else (targets if single else targets[None])


class StackedRunner(CarriedExamples):
    """Runs epochs of mini-batch SGD for K same-shaped networks at once.

    Args:
        networks: The K starting networks (same layer sizes and activations); copied.
        inputs: Training features shared by all, `(n_samples, n_features)`, in stored order.
        labels: Training targets, `(n_samples,)`.
        batch_size: Examples per update (the same for all K).
    """

    def __init__(self, networks: Sequence[Network], inputs: Array, labels: Array, batch_size: int) -> None:
        first = networks[0]
        if any(net.shapes != first.shapes or net.activation is not first.activation
               or net.output_activation is not first.output_activation for net in networks):
            raise ValueError("stacked networks must share their shape and activations")
        self.K, self.shapes, self.batch_size = len(networks), first.shapes, batch_size
        self.layer_sizes = first.layer_sizes
        self.activation, self.output_activation = first.activation, first.output_activation
        self.params = np.stack([net.params for net in networks])
        self.dead = np.stack([np.zeros_like(net.params, dtype=bool) if net.dead is None else net.dead for net in networks])
        self.is_weight = first.is_weight.astype(np.float64)
        self.weights = self._views(self.params)
        self.back_weights = [W[:, :, :-1].swapaxes(1, 2) for W in self.weights]
        self._grad = np.zeros_like(self.params)
        self._grad_views = self._views(self._grad)
        columns = with_ones_row(inputs)
        targets = np.asarray(labels, dtype=np.float64).reshape(1, -1)
        n_full = len(labels) // batch_size
        self._batches = [_Pass(self, columns[:, k * batch_size:(k + 1) * batch_size],
                               targets[:, k * batch_size:(k + 1) * batch_size]) for k in range(n_full)]
        start = n_full * batch_size
        self._tail = _Pass(self, columns[:, start:], targets[:, start:]) if start < len(labels) else None
        self.pending_grad = np.zeros_like(self.params)
        """Summed derivatives of the examples after the last update, per variant."""
        self.pending_count = 0

    def _views(self, flat: Array) -> list[Array]:
        views, start = [], 0
        for rows, cols in self.shapes:
            views.append(flat[:, start:start + rows * cols].reshape(self.K, rows, cols))
            start += rows * cols
        return views

    def network(self, k: int) -> Network:
        """An independent copy of variant ``k`` as a plain Network (for drawing and checks)."""
        net = Network(self.layer_sizes, self.activation.name, self.output_activation.name, self.params[k])
        net.dead = self.dead[k].copy() if self.dead[k].any() else None
        return net

    def _gradient(self, batch: _Pass) -> None:
        """Summed gradient of every variant over ``batch``, into ``self._grad``."""
        product, fn, acts = batch.product, self.activation.fn, batch.inputs
        for W, out, full in batch.forward_plan:
            product(W, acts, out)
            fn(out, out)
            acts = full
        W, output = batch.last
        product(W, acts, output)
        self.output_activation.fn(output, output)
        delta = np.subtract(output, batch.targets_for)
        if self.output_activation.grad_into is not None:
            self.output_activation.grad_into(output, delta)
        hidden_grad = self.activation.grad_into
        for acts_T, grad, back_weights, below in batch.backward_plan:
            product(delta, acts_T, grad)
            if back_weights is not None:
                delta = product(back_weights, delta)
                if hidden_grad is not None:
                    hidden_grad(below, delta)

    def run_epoch(self, learning_rates: Array, regularizations: Sequence[str], rates: Array) -> None:
        """One pass over the training data for all K: ``len // batch_size`` updates, leftovers carried.

        Args:
            learning_rates: Per variant, `(K,)`.
            regularizations: Per variant, keys of ``REGULARIZERS`` (``none``, ``L1``, ``L2``).
            rates: Regularization rates per variant, `(K,)`.
        """
        step = _Update(self, np.asarray(learning_rates, dtype=np.float64), regularizations, np.asarray(rates, dtype=np.float64))
        grad = self._grad
        for batch in self._batches:
            self._gradient(batch)
            step(self._take_carried(grad))
        if self._tail is not None:
            self._gradient(self._tail)
            self._carry(grad, self._tail.size)

    def evaluation(self, inputs: Array) -> _Pass:
        """Buffers for evaluating samples `(n, n_features)` again and again (see ``outputs``)."""
        return _Pass(self, with_ones_row(inputs), None)

    def outputs(self, batch: _Pass) -> Array:
        """Every variant's output for the samples of ``batch``, shape `(K, n)` (the pass's buffer)."""
        fn = self.activation.fn_for(np.dtype(np.float64), batch.size)
        acts = batch.inputs
        for W, out, full in zip(self.weights, batch.hidden_out, batch.hidden):
            np.matmul(W, acts, out)
            fn(out, out)
            acts = full
        np.matmul(self.weights[-1], acts, batch.output)
        self.output_activation.fn_for(np.dtype(np.float64), batch.size)(batch.output, batch.output)
        return batch.output[:, 0, :]


class _Update:
    """The per-update rule of PLAYGROUND.md §6.4 for K variants with their own rates and penalties.

    Row by row it performs the same floating-point operations as ``epochs._plain_step``,
    ``_l2_step`` and ``_l1_step``: a zero penalty subtracts exact zeros, so mixing rules in one
    stack changes no bit of any row.
    """

    def __init__(self, runner: StackedRunner, learning_rates: Array, regularizations: Sequence[str], rates: Array) -> None:
        self.runner, self.learning_rates = runner, learning_rates[:, None]
        penalty = (learning_rates * rates)[:, None] * runner.is_weight
        is_l1 = np.array([name == "L1" for name in regularizations])[:, None]
        is_l2 = np.array([name == "L2" for name in regularizations])[:, None]
        self.l1 = np.where(is_l1, penalty, 0.0) if (is_l1 & (rates[:, None] != 0)).any() else None
        self.l2 = np.where(is_l2, penalty, 0.0) if (is_l2 & (rates[:, None] != 0)).any() else None
        self.any_dead = bool(runner.dead.any())
        self._scales: dict[int, Array] = {}

    def __call__(self, count: int) -> None:
        runner = self.runner
        params, grad = runner.params, runner._grad
        pull = np.multiply(np.sign(params), self.l1) if self.l1 is not None else None
        decay = np.multiply(params, self.l2) if self.l2 is not None else None
        scale = self._scales.get(count)
        if scale is None:
            scale = self._scales[count] = self.learning_rates / count  # lr / count per row, as the Trainer's scale
        np.multiply(grad, scale, grad)
        np.subtract(params, grad, params)
        if decay is not None:
            np.subtract(params, decay, params)
        if pull is not None:
            stepped = np.subtract(params, pull)
            # A link whose penalty step crosses zero is set to 0 and frozen for good (nn.ts L1 clip).
            np.logical_or(runner.dead, np.multiply(params, stepped) < 0.0, runner.dead)
            params[:] = stepped
        if pull is not None or self.any_dead:
            params[runner.dead] = 0.0
