"""PlaygroundLoop: the browser's per-example training loop (PLAYGROUND.md §6), ported to lists of floats.

It is the benchmark's second reference: one example at a time through forward, back-propagation
and accumulation, an update every ``batch_size`` examples, then the displayed losses from its own
forward passes. It is a yardstick and a correctness check, never used for training in the app.
"""

from __future__ import annotations

import math
from operator import mul
from typing import Callable, Sequence

from tui_nn.core.network import Network

# Each activation as (output from total input, derivative from output). The browser recomputes
# the derivative from the total input; from the output it is the same number (tanh' = 1 - tanh^2,
# relu' = [z > 0] = [relu(z) > 0], sigmoid' = s (1 - s)), one function call cheaper.
_ACTIVATIONS: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "tanh": (math.tanh, lambda a: 1.0 - a * a),
    "relu": (lambda z: z if z > 0.0 else 0.0, lambda a: 1.0 if a > 0.0 else 0.0),
    "sigmoid": (lambda z: 1.0 / (1.0 + math.exp(-z)), lambda a: a * (1.0 - a)),
    "linear": (lambda z: z, lambda a: 1.0),
}


class PlaygroundLoop:
    """A copy of ``network`` trained per example, as ``oneStep()`` does in the browser.

    Args:
        network: Initial weights and biases (copied); regularization is not ported.
        train_inputs: Training features, one row per example, in the stored order.
        train_labels: Training targets.
        test_inputs: Test features.
        test_labels: Test targets.
        batch_size: Examples per update; leftovers stay in the accumulators, as in the browser.
        learning_rate: Step size.
    """

    def __init__(
        self,
        network: Network,
        train_inputs: Sequence[Sequence[float]],
        train_labels: Sequence[float],
        test_inputs: Sequence[Sequence[float]],
        test_labels: Sequence[float],
        batch_size: int,
        learning_rate: float,
    ) -> None:
        self.weights = [[list(map(float, row[:-1])) for row in W] for W in network.weights]
        self.biases = [[float(row[-1]) for row in W] for W in network.weights]
        hidden = _ACTIVATIONS[network.activation.name]
        self.activations = [hidden] * (len(self.weights) - 1) + [_ACTIVATIONS[network.output_activation.name]]
        self.train = [(list(map(float, x)), float(t)) for x, t in zip(train_inputs, train_labels)]
        self.test = [(list(map(float, x)), float(t)) for x, t in zip(test_inputs, test_labels)]
        self.batch_size, self.learning_rate = batch_size, learning_rate
        self.acc_weights = [[[0.0] * len(row) for row in W] for W in self.weights]
        self.acc_biases = [[0.0] * len(b) for b in self.biases]
        self.accumulated = 0
        self.train_loss = self.loss(self.train)
        self.test_loss = self.loss(self.test)

    def forward(self, inputs: list[float]) -> list[list[float]]:
        """Outputs of every layer, inputs first; each total input is bias + sum of weight * source, in link order."""
        outputs = [inputs]
        for W, b, (fn, _) in zip(self.weights, self.biases, self.activations):
            prev = outputs[-1]
            outputs.append([fn(sum(map(mul, row, prev), bias)) for row, bias in zip(W, b)])
        return outputs

    def backward(self, outputs: list[list[float]], target: float) -> None:
        """Add one example's derivatives of 0.5 * (out - target)^2 to the accumulators."""
        output_der = [outputs[-1][0] - target]
        for layer in range(len(self.weights) - 1, -1, -1):
            der = self.activations[layer][1]
            input_der = [d * der(a) for d, a in zip(output_der, outputs[layer + 1])]
            below = outputs[layer]
            acc_w, acc_b = self.acc_weights[layer], self.acc_biases[layer]
            for j, d in enumerate(input_der):
                acc_b[j] += d
                acc_w[j] = [acc + d * x for acc, x in zip(acc_w[j], below)]
            if layer:
                output_der = [sum(map(mul, column, input_der)) for column in zip(*self.weights[layer])]
        self.accumulated += 1

    def update(self) -> None:
        """``updateWeights``: each parameter steps by the learning rate times its mean derivative."""
        n, lr = self.accumulated, self.learning_rate
        if not n:
            return
        scale = lr / n
        for W, b, acc_w, acc_b in zip(self.weights, self.biases, self.acc_weights, self.acc_biases):
            for j, row in enumerate(W):
                b[j] -= lr * acc_b[j] / n
                W[j] = [w - scale * acc for w, acc in zip(row, acc_w[j])]
                acc_w[j] = [0.0] * len(row)
                acc_b[j] = 0.0
        self.accumulated = 0

    def loss(self, examples: list[tuple[list[float], float]]) -> float:
        """``getLoss``: the mean of 0.5 * (output - label)^2."""
        if not examples:
            return math.nan
        total = 0.0
        for x, t in examples:
            error = self.forward(x)[-1][0] - t
            total += 0.5 * error * error
        return total / len(examples)

    def step(self, epochs: int = 1) -> None:
        """``oneStep()`` ``epochs`` times: per-example passes, updates every batch, then both losses."""
        batch = self.batch_size
        for _ in range(epochs):
            for i, (x, t) in enumerate(self.train):
                self.backward(self.forward(x), t)
                if (i + 1) % batch == 0:
                    self.update()
            self.train_loss = self.loss(self.train)
            self.test_loss = self.loss(self.test)

    def params(self) -> list[float]:
        """Weights and biases flattened in ``Network.params`` order (per layer, per neuron: weights, bias)."""
        return [v for W, b in zip(self.weights, self.biases) for row, bias in zip(W, b) for v in (*row, bias)]
