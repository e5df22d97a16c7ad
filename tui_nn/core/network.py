"""Network: the Playground's fully connected MLP as flat NumPy parameters, forward and backward.

Math names, once: activations are feature-major, ``A[l]`` has shape `(n_units + 1, n_samples)`
with a last row of ones, so each layer's bias is the last column of its weight matrix
``W[l]`` `(n_out, n_in + 1)`. All ``W[l]`` are views of one flat ``params`` array, so an update
is one NumPy call. Every array here is tiny; an update costs its number of NumPy calls, not its
arithmetic, which is why the hot paths pass ``out`` positionally and reuse buffers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import numpy.typing as npt

from tui_nn.core.more_activations import elu, elu_grad, gelu, gelu_grad, leaky_relu, leaky_relu_grad, sine, sine_grad, swish, swish_grad

Array = npt.NDArray[np.float64]


WIDE_PASS = 256
"""From this many samples on, a pass may use an activation's ``wide_fn`` (never a training batch)."""


@dataclass(frozen=True)
class Activation:
    """An activation and its derivative written in terms of its own output, as the Playground's are."""

    name: str
    fn: Callable[[Array, Array], object]
    """``fn(Z, out)`` writes the activation of ``Z`` into ``out`` (which may be ``Z``)."""
    grad_into: Callable[[Array, Array], None] | None
    """``grad_into(A, dA)`` multiplies ``dA`` in place by the derivative at output ``A``; None for 1."""
    wide_fn: Callable[[Array, Array], object] | None = None
    """A faster form of ``fn`` for wide batches (grids, loss passes), within a few ulps; None: ``fn``."""
    title: str = ""
    """The name as the app shows it (``ReLU``); empty: the name capitalised."""
    grad_from_z: Callable[[Array, Array], None] | None = None
    """For a derivative that its output cannot give (swish, GELU, sine): ``grad_from_z(Z, dA)``
    multiplies ``dA`` in place by the derivative at pre-activation ``Z``. When set, the batch pass
    keeps each layer's ``Z`` and ``grad_into`` is not used."""

    @property
    def label(self) -> str:
        return self.title or self.name.capitalize()

    def fn_for(self, dtype: np.dtype, width: int) -> Callable[[Array, Array], object]:
        """The function for a pass of ``width`` samples; training batches always use ``fn``."""
        wide = dtype == np.float32 or width >= WIDE_PASS
        return self.wide_fn if self.wide_fn is not None and wide else self.fn


def _relu(Z: Array, out: Array) -> object:
    return np.maximum(Z, 0.0, out=out)


def _relu_grad(A: Array, dA: Array) -> None:
    # The Playground's relu'(z) is 0 for z <= 0, and relu(z) > 0 exactly when z > 0.
    np.multiply(dA, A > 0.0, dA)


def _tanh_grad(A: Array, dA: Array) -> None:
    # tanh'(z) = 1 - tanh(z)^2
    square = np.multiply(A, A)
    np.subtract(1.0, square, square)
    np.multiply(dA, square, dA)


def _tanh_from_exp(Z: Array, out: Array) -> object:
    # tanh(z) = 1 - 2 / (exp(2z) + 1): five cheap in-place ufuncs beat np.tanh on wide arrays.
    # exp overflows to inf for z > ~355, which gives exactly 1, as tanh does.
    with np.errstate(over="ignore"):
        np.multiply(Z, 2.0, out)
        np.exp(out, out)
        np.add(out, 1.0, out)
        np.divide(2.0, out, out)
        return np.subtract(1.0, out, out)


def _sigmoid(Z: Array, out: Array) -> object:
    # 1 / (1 + exp(-z)), written with in-place steps; exp overflow gives 0, as in JavaScript.
    np.negative(Z, out)
    np.exp(out, out)
    np.add(out, 1.0, out)
    return np.divide(1.0, out, out)


def _sigmoid_grad(A: Array, dA: Array) -> None:
    # sigmoid'(z) = s(z) * (1 - s(z))
    other = np.subtract(1.0, A)
    np.multiply(other, A, other)
    np.multiply(dA, other, dA)


def _linear(Z: Array, out: Array) -> object:
    if out is not Z:
        out[...] = Z
    return out


def _softmax(Z: Array, out: Array) -> object:
    # Per sample over the units (axis -2: `(units, n)`, or `(k, units, n)` for stacked networks):
    # exp(z - max z) / sum, so no exp overflows.
    np.subtract(Z, Z.max(axis=-2, keepdims=True), out)
    np.exp(out, out)
    return np.divide(out, out.sum(axis=-2, keepdims=True), out)


ACTIVATIONS: dict[str, Activation] = {
    activation.name: activation
    for activation in (
        Activation("relu", _relu, _relu_grad, title="ReLU"),
        Activation("tanh", np.tanh, _tanh_grad, _tanh_from_exp),
        Activation("sigmoid", _sigmoid, _sigmoid_grad),
        Activation("leaky_relu", leaky_relu, leaky_relu_grad, title="Leaky ReLU"),
        Activation("elu", elu, elu_grad, title="ELU"),
        Activation("swish", swish, None, title="Swish", grad_from_z=swish_grad),
        Activation("gelu", gelu, None, title="GELU", grad_from_z=gelu_grad),
        Activation("sine", sine, None, title="Sine", grad_from_z=sine_grad),
        Activation("linear", _linear, None),
    )
}
"""Every activation by its config, link and CLI name; the settings, links, CLI and app list these
keys, so registering one here (its function and derivative) is all it takes to add one. The
Playground's four come first and last (linear), the ones its forks and users ask for between."""

OUTPUT_ONLY: dict[str, Activation] = {
    activation.name: activation
    for activation in (
        # With cross-entropy the output's derivative cancels: dL/dZ = A - T (one-hot or 0/1 targets),
        # so these have no ``grad_into``; they are outputs only, never a hidden activation.
        Activation("softmax", _softmax, None, title="Softmax"),
        Activation("logistic", _sigmoid, None, title="Sigmoid"),
    )
}
"""Output activations paired with cross-entropy (see ``core.losses``); not in ``ACTIVATIONS``."""


def _activation(name: str) -> Activation:
    return ACTIVATIONS[name] if name in ACTIVATIONS else OUTPUT_ONLY[name]


class Network:
    """Weights and biases of an MLP (one output neuron, or one per class), plus L1's dead links.

    Args:
        layer_sizes: Neurons per layer, inputs first, e.g. ``(2, 4, 2, 1)``.
        activation: Name of the hidden activation in ``ACTIVATIONS``.
        output_activation: ``tanh`` for classification, ``linear`` for regression, ``logistic``
            or ``softmax`` with cross-entropy (a key of ``ACTIVATIONS`` or ``OUTPUT_ONLY``).
        params: Flat parameters to adopt (copied); zeros when omitted.
    """

    def __init__(
        self,
        layer_sizes: tuple[int, ...],
        activation: str,
        output_activation: str,
        params: Array | None = None,
    ) -> None:
        self.layer_sizes = tuple(layer_sizes)
        self.activation = ACTIVATIONS[activation]
        self.output_activation = _activation(output_activation)
        self.shapes = [(n_out, n_in + 1) for n_in, n_out in zip(self.layer_sizes, self.layer_sizes[1:])]
        size = sum(rows * cols for rows, cols in self.shapes)
        self.params: Array = np.zeros(size) if params is None else np.array(params, dtype=np.float64)
        if self.params.shape != (size,):
            raise ValueError(f"expected {size} parameters for layers {self.layer_sizes}, got {self.params.size}")
        self.weights = _views(self.params, self.shapes)
        self.is_weight = np.ones(size, dtype=bool)
        for view in _views(self.is_weight, self.shapes):
            view[:, -1] = False
        self.dead: npt.NDArray[np.bool_] | None = None
        """Links L1 regularization has killed (flat, like ``params``); None while none are."""

    @classmethod
    def playground_initial(
        cls, layer_sizes: tuple[int, ...], activation: str, output_activation: str, random: Callable[[], float], zero: bool = False
    ) -> Network:
        """The Playground's initialisation: weights U[-0.5, 0.5) drawn dest-major, biases 0.1.

        Args:
            random: The seeded stream's ``random()``; one draw per link, even when ``zero``.
            zero: The Playground's ``initZero``: weights and biases 0 after the draws.
        """
        net = cls(layer_sizes, activation, output_activation)
        for W in net.weights:
            rows, cols = W.shape
            W[:, :-1] = np.array([random() - 0.5 for _ in range(rows * (cols - 1))]).reshape(rows, cols - 1)
            W[:, -1] = 0.0 if zero else 0.1
        if zero:
            net.params[:] = 0.0
        return net

    def copy(self) -> Network:
        """An independent copy (parameters and dead links)."""
        twin = Network(self.layer_sizes, self.activation.name, self.output_activation.name, self.params)
        twin.dead = None if self.dead is None else self.dead.copy()
        return twin

    def dead_views(self) -> list[npt.NDArray[np.bool_]]:
        """Dead-link masks per layer, shaped like ``weights`` (all False while nothing died)."""
        dead = np.zeros(self.params.size, dtype=bool) if self.dead is None else self.dead
        return _views(dead, self.shapes)


def _views(flat: npt.NDArray, shapes: list[tuple[int, int]]) -> list[npt.NDArray]:
    views, start = [], 0
    for rows, cols in shapes:
        views.append(flat[start : start + rows * cols].reshape(rows, cols))
        start += rows * cols
    return views


def with_ones_row(X: Array, dtype: type = np.float64) -> Array:
    """Samples `(n_samples, n_features)` as the feature-major input `(n_features + 1, n_samples)`."""
    columns = np.ones((X.shape[1] + 1, X.shape[0]), dtype=dtype)
    columns[:-1] = X.T
    return columns


class BatchPass:
    """Forward and backward passes over one fixed feature-major batch, reusing its buffers.

    Args:
        net: The network whose current parameters every pass reads.
        inputs: Inputs with a ones row, `(n_features + 1, n_samples)` (see ``with_ones_row``);
            the passes compute in its dtype (float32 makes grids cheaper).
        targets: Targets `(n_outputs, n_samples)` (one-hot rows for softmax); only for ``gradient``.
    """

    def __init__(self, net: Network, inputs: Array, targets: Array | None = None) -> None:
        self.inputs = np.ascontiguousarray(inputs)
        self.targets = None if targets is None else np.ascontiguousarray(targets, dtype=self.inputs.dtype)
        self.size = self.inputs.shape[1]
        self.bind(net)

    def bind(self, net: Network) -> None:
        """Read ``net`` (of the same shape) from now on."""
        self.net = net
        dtype, width = self.inputs.dtype, self.size
        self.hidden = [np.ones((rows + 1, width), dtype=dtype) for rows, _ in net.shapes[:-1]]
        self.hidden_out = [buffer[:-1] for buffer in self.hidden]
        self.output = np.empty((net.shapes[-1][0], width), dtype=dtype)
        self.acts_T = [self.inputs.T] + [buffer.T for buffer in self.hidden]
        self.back_weights = [W[:, :-1].T for W in net.weights]
        self.same_dtype = dtype == net.params.dtype
        self._forward_plan = list(zip(net.weights, self.hidden_out, self.hidden))
        self._backward_plan: list[tuple] = []
        self._plan_for: list[Array] | None = None
        self._totals = [np.empty_like(out) for out in self.hidden_out] if net.activation.grad_from_z else []
        """Pre-activations kept for ``Activation.grad_from_z``; empty for the others."""

    def _plan_backward(self, grad_views: list[Array]) -> list[tuple]:
        """Per layer, output side first: (activations below, transposed; gradient out; back weights; units below)."""
        if self._plan_for is not grad_views:
            last = len(grad_views) - 1
            self._backward_plan = [
                (self.acts_T[i], grad_views[i], self.back_weights[i] if i else None, self.hidden_out[i - 1] if i else None)
                for i in range(last, -1, -1)
            ]
            self._plan_for = grad_views
        return self._backward_plan

    def forward(self) -> list[Array]:
        """Activations per layer, input first; hidden ones keep their ones row, output `(n_outputs, n)`.

        The arrays are this pass's buffers: the next pass overwrites them.
        """
        net = self.net
        weights = net.weights if self.same_dtype else [W.astype(self.inputs.dtype) for W in net.weights]
        fn = net.activation.fn_for(self.inputs.dtype, self.size)
        acts = self.inputs
        for W, full, out in zip(weights, self.hidden, self.hidden_out):
            np.dot(W, acts, out)
            fn(out, out)
            acts = full
        np.dot(weights[-1], acts, self.output)
        net.output_activation.fn_for(self.inputs.dtype, self.size)(self.output, self.output)
        return [self.inputs, *self.hidden, self.output]

    def gradient(self, grad_views: list[Array]) -> None:
        """Sum over the batch of dLoss/dW, written into ``grad_views`` (per layer).

        The loss is 0.5 * (out - y)^2 for an output with a derivative (tanh, linear), and
        cross-entropy for ``logistic`` and ``softmax``, whose dL/dZ is ``out - targets``.

        Dead links get a derivative too; the update keeps them at zero.
        """
        # Hot path: one call per matrix product, buffers reused, lookups bound to locals.
        dot, net = np.dot, self.net
        if net.activation.grad_from_z is not None:
            return self._gradient_from_z(grad_views)
        hidden_fn, acts = net.activation.fn, self.inputs
        for W, out, full in self._forward_plan:
            dot(W, acts, out)
            hidden_fn(out, out)
            acts = full
        output = self.output
        dot(net.weights[-1], acts, output)
        net.output_activation.fn(output, output)
        delta = np.subtract(output, self.targets)
        if net.output_activation.grad_into is not None:
            net.output_activation.grad_into(output, delta)
        hidden_grad = net.activation.grad_into
        for acts_T, grad, back_weights, below in self._plan_backward(grad_views):
            dot(delta, acts_T, grad)
            if back_weights is not None:
                delta = dot(back_weights, delta)
                if hidden_grad is not None:
                    hidden_grad(below, delta)


    def _gradient_from_z(self, grad_views: list[Array]) -> None:
        """``gradient`` for an activation whose derivative needs the pre-activations ``Z``."""
        net, acts = self.net, self.inputs
        for (W, out, full), Z in zip(self._forward_plan, self._totals):
            np.dot(W, acts, Z)
            net.activation.fn(Z, out)
            acts = full
        output = self.output
        np.dot(net.weights[-1], acts, output)
        net.output_activation.fn(output, output)
        delta = np.subtract(output, self.targets)
        if net.output_activation.grad_into is not None:
            net.output_activation.grad_into(output, delta)
        below_totals = self._totals[::-1]
        for k, (acts_T, grad, back_weights, _) in enumerate(self._plan_backward(grad_views)):
            np.dot(delta, acts_T, grad)
            if back_weights is not None:
                delta = np.dot(back_weights, delta)
                net.activation.grad_from_z(below_totals[k], delta)


def grad_views(net: Network, grad: Array) -> list[Array]:
    """Per-layer views of a flat gradient buffer shaped like ``net.params``."""
    return _views(grad, net.shapes)


def forward(net: Network, A0: Array) -> list[Array]:
    """Activations per layer for a feature-major batch `(n_features + 1, n_samples)`, freshly allocated."""
    return BatchPass(net, A0).forward()


def predict(net: Network, X: Array) -> Array:
    """Outputs for samples `(n_samples, n_features)`, shape `(n_samples,)`."""
    return forward(net, with_ones_row(X))[-1][0]


def square_loss(outputs: Array, labels: Array) -> float:
    """The Playground's displayed loss: mean of 0.5 * (output - label)^2, no penalty."""
    error = outputs - labels
    return float(0.5 * np.dot(error, error) / error.size) if error.size else float("nan")


def gradient(net: Network, X: Array, y: Array) -> Array:
    """Flat summed gradient of 0.5 * (out - y)^2 for samples `(n, n_features)` and labels `(n,)`."""
    grad = np.zeros_like(net.params)
    BatchPass(net, with_ones_row(X), np.reshape(y, (1, -1))).gradient(grad_views(net, grad))
    return grad
