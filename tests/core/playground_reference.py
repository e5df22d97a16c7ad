"""A slow, literal port of the Playground's per-example training loop, for reference tests only.

It follows PLAYGROUND.md §5 and §6.1-§6.5 (``nn.ts`` ``forwardProp``, ``backProp``,
``updateWeights`` and ``playground.ts`` ``oneStep``/``getLoss``) node by node and link by link in
plain Python floats, with none of tui_nn's vectorisation, so tui_nn can be checked against it.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np


def _sigmoid(x: float) -> float:
    # JavaScript's Math.exp overflows to Infinity, so 1 / (1 + Infinity) is 0.
    try:
        return 1 / (1 + math.exp(-x))
    except OverflowError:
        return 0.0


def _sigmoid_der(x: float) -> float:
    output = _sigmoid(x)
    return output * (1 - output)


def _tanh_der(x: float) -> float:
    output = math.tanh(x)
    return 1 - output * output


# name: (output, der), both of the total input, as nn.ts codes them (§5).
ACTIVATIONS: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "tanh": (math.tanh, _tanh_der),
    "relu": (lambda x: max(0.0, x), lambda x: 0.0 if x <= 0 else 1.0),
    "sigmoid": (_sigmoid, _sigmoid_der),
    "linear": (lambda x: x, lambda x: 1.0),
}

REGULARIZATIONS: dict[str, Callable[[float], float] | None] = {
    "none": None,
    "L1": lambda w: -1.0 if w < 0 else (1.0 if w > 0 else 0.0),
    "L2": lambda w: w,
}


class Node:
    def __init__(self, bias: float, activation: str) -> None:
        self.bias = bias
        self.output_fn, self.der_fn = ACTIVATIONS[activation]
        self.input_links: list[Link] = []
        self.outputs: list[Link] = []
        self.total_input = 0.0
        self.output = 0.0
        self.output_der = 0.0
        self.input_der = 0.0
        self.acc_input_der = 0.0
        self.num_accumulated_ders = 0


class Link:
    def __init__(self, source: Node, dest: Node, weight: float) -> None:
        self.source = source
        self.dest = dest
        self.weight = weight
        self.is_dead = False
        self.error_der = 0.0
        self.acc_error_der = 0.0
        self.num_accumulated_ders = 0


class ReferenceNetwork:
    """The Playground's node-and-link network, started from given weights.

    Args:
        weights: Per layer, `(n_out, n_in + 1)` with the bias in the last column; row j is the
            destination neuron, column i the source neuron.
        activation: Hidden activation name.
        output_activation: ``tanh`` (classification) or ``linear`` (regression).
        regularization: ``none``, ``L1`` or ``L2``.
    """

    def __init__(
        self, weights: Sequence[np.ndarray], activation: str, output_activation: str, regularization: str
    ) -> None:
        self.regularization = REGULARIZATIONS[regularization]
        self.is_l1 = regularization == "L1"
        n_inputs = weights[0].shape[1] - 1
        self.layers: list[list[Node]] = [[Node(0.1, "linear") for _ in range(n_inputs)]]
        for index, W in enumerate(weights):
            name = output_activation if index == len(weights) - 1 else activation
            layer = []
            # Dest-major, as buildNetwork creates the links (§4).
            for j in range(W.shape[0]):
                node = Node(float(W[j, -1]), name)
                for i, source in enumerate(self.layers[-1]):
                    link = Link(source, node, float(W[j, i]))
                    source.outputs.append(link)
                    node.input_links.append(link)
                layer.append(node)
            self.layers.append(layer)

    def forward_prop(self, inputs: Sequence[float]) -> float:
        for node, value in zip(self.layers[0], inputs):
            node.output = float(value)
        for layer in self.layers[1:]:
            for node in layer:
                total = node.bias
                for link in node.input_links:
                    total += link.weight * link.source.output
                node.total_input = total
                node.output = node.output_fn(total)
        return self.layers[-1][0].output

    def back_prop(self, target: float) -> None:
        output_node = self.layers[-1][0]
        output_node.output_der = output_node.output - target
        for layer_index in range(len(self.layers) - 1, 0, -1):
            layer = self.layers[layer_index]
            for node in layer:
                node.input_der = node.output_der * node.der_fn(node.total_input)
                node.acc_input_der += node.input_der
                node.num_accumulated_ders += 1
            for node in layer:
                for link in node.input_links:
                    if link.is_dead:
                        continue
                    link.error_der = node.input_der * link.source.output
                    link.acc_error_der += link.error_der
                    link.num_accumulated_ders += 1
            if layer_index == 1:
                continue
            for node in self.layers[layer_index - 1]:
                node.output_der = 0.0
                for link in node.outputs:
                    node.output_der += link.weight * link.dest.input_der

    def update_weights(self, learning_rate: float, regularization_rate: float) -> None:
        for layer in self.layers[1:]:
            for node in layer:
                if node.num_accumulated_ders > 0:
                    node.bias -= learning_rate * node.acc_input_der / node.num_accumulated_ders
                    node.acc_input_der = 0.0
                    node.num_accumulated_ders = 0
                for link in node.input_links:
                    if link.is_dead:
                        continue
                    regul_der = self.regularization(link.weight) if self.regularization else 0.0
                    if link.num_accumulated_ders > 0:
                        link.weight = link.weight - (learning_rate / link.num_accumulated_ders) * link.acc_error_der
                        new_weight = link.weight - (learning_rate * regularization_rate) * regul_der
                        if self.is_l1 and link.weight * new_weight < 0:
                            link.weight = 0.0
                            link.is_dead = True
                        else:
                            link.weight = new_weight
                        link.acc_error_der = 0.0
                        link.num_accumulated_ders = 0

    def one_step(
        self, inputs: np.ndarray, labels: np.ndarray, batch_size: int, learning_rate: float, regularization_rate: float
    ) -> None:
        """One Playground epoch: stored order, an update every ``batch_size`` examples, leftovers kept."""
        for i, (row, label) in enumerate(zip(inputs.tolist(), labels.tolist())):
            self.forward_prop(row)
            self.back_prop(label)
            if (i + 1) % batch_size == 0:
                self.update_weights(learning_rate, regularization_rate)

    def loss(self, inputs: np.ndarray, labels: np.ndarray) -> float:
        """``getLoss``: the mean of 0.5 * (output - label)^2."""
        total = 0.0
        for row, label in zip(inputs.tolist(), labels.tolist()):
            total += 0.5 * (self.forward_prop(row) - label) ** 2
        return total / len(labels)

    def weights(self) -> list[np.ndarray]:
        """Per layer `(n_out, n_in + 1)`, the bias in the last column."""
        return [
            np.array([[link.weight for link in node.input_links] + [node.bias] for node in layer])
            for layer in self.layers[1:]
        ]

    def dead(self) -> list[np.ndarray]:
        """Per layer `(n_out, n_in)`: True where L1 killed the link."""
        return [np.array([[link.is_dead for link in node.input_links] for node in layer]) for layer in self.layers[1:]]
