"""Network: gradients against central differences, a hand-worked 2-2-1 net, the §4 initialisation,
and the §6.4 regularization update through EpochRunner."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui_nn.core.network import ACTIVATIONS, Network, gradient, predict, square_loss
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.epochs import EpochRunner

OUTPUTS = {"classification": "tanh", "regression": "linear"}
SIZES = (3, 4, 3, 1)


_NUMPY_ACTIVATIONS = {
    "relu": lambda Z: np.maximum(Z, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
    "linear": lambda Z: Z,
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "elu": lambda Z: np.where(Z > 0, Z, np.exp(Z) - 1),
    "swish": lambda Z: Z / (1 + np.exp(-Z)),
    "gelu": lambda Z: 0.5 * Z * (1 + np.tanh(math.sqrt(2 / math.pi) * (Z + 0.044715 * Z**3))),
    "sine": np.sin,
}


def pre_activations(net: Network, X: np.ndarray) -> list[np.ndarray]:
    """Hidden-layer totals per sample, computed here rather than by the module under test."""
    totals, A = [], X
    for W in net.weights[:-1]:
        Z = A @ W[:, :-1].T + W[:, -1]
        totals.append(Z)
        A = _NUMPY_ACTIVATIONS[net.activation.name](Z)
    return totals


def problem(activation: str, problem_kind: str, rng: np.random.Generator) -> tuple[Network, np.ndarray, np.ndarray]:
    """A 3-4-3-1 net with random parameters and samples whose hidden totals stay 0.05 from relu's kink."""
    size = Network(SIZES, activation, OUTPUTS[problem_kind]).params.size
    net = Network(SIZES, activation, OUTPUTS[problem_kind], rng.normal(0, 0.6, size))
    X = rng.uniform(-2, 2, (40, SIZES[0]))
    away = np.all([np.abs(Z).min(axis=1) > 0.05 for Z in pre_activations(net, X)], axis=0)
    X = X[away][:8]
    assert len(X) == 8
    y = rng.choice([-1.0, 1.0], len(X)) if problem_kind == "classification" else rng.uniform(-1.5, 1.5, len(X))
    return net, X, y


def half_squared_error(net: Network, params: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    twin = Network(net.layer_sizes, net.activation.name, net.output_activation.name, params)
    return float(np.sum(0.5 * (predict(twin, X) - y) ** 2))


def numeric_gradient(net: Network, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    result = np.empty_like(net.params)
    for index in range(net.params.size):
        up, down = net.params.copy(), net.params.copy()
        up[index] += eps
        down[index] -= eps
        result[index] = (half_squared_error(net, up, X, y) - half_squared_error(net, down, X, y)) / (2 * eps)
    return result


@pytest.mark.parametrize("problem_kind", sorted(OUTPUTS))
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradient_matches_finite_differences(activation, problem_kind, rng):
    net, X, y = problem(activation, problem_kind, rng)
    np.testing.assert_allclose(gradient(net, X, y), numeric_gradient(net, X, y), rtol=1e-5, atol=1e-7)


def test_gradient_is_the_sum_of_per_sample_gradients(rng):
    net, X, y = problem("tanh", "classification", rng)
    per_sample = sum(gradient(net, X[i : i + 1], y[i : i + 1]) for i in range(len(y)))
    np.testing.assert_allclose(gradient(net, X, y), per_sample, rtol=1e-13, atol=1e-15)


# ---------------------------------------------------------------------------------------------
# A 2-2-1 network by hand: relu hidden layer, linear output.
#
#   input x = (1, 2), target y = 1
#   hidden 0: z = 0.5*1 + (-0.25)*2 + 0.1 = 0.1    -> relu 0.1
#   hidden 1: z = 0.25*1 + 0.5*2 + (-0.5)  = 0.75   -> relu 0.75
#   output:   z = 2*0.1 + (-1)*0.75 + 0.5   = -0.05  -> linear -0.05
#
# Flat parameters, layer by layer, row = destination neuron, bias last in each row:
#   [w00, w01, b0, w10, w11, b1, v0, v1, c]
HAND_PARAMS = [0.5, -0.25, 0.1, 0.25, 0.5, -0.5, 2.0, -1.0, 0.5]


def hand_network() -> Network:
    return Network((2, 2, 1), "relu", "linear", np.array(HAND_PARAMS))


def test_hand_worked_forward_output():
    assert predict(hand_network(), np.array([[1.0, 2.0]]))[0] == pytest.approx(-0.05, abs=1e-15)


def test_hand_worked_gradient():
    # Output delta: (out - y) * linear' = (-0.05 - 1) * 1 = -1.05.
    #   dv0 = -1.05 * 0.1 = -0.105, dv1 = -1.05 * 0.75 = -0.7875, dc = -1.05.
    # Hidden 1 delta: v1 * -1.05 * relu'(0.75) = -1 * -1.05 * 1 = 1.05:
    #   dw10 = 1.05 * 1 = 1.05, dw11 = 1.05 * 2 = 2.1, db1 = 1.05.
    # Hidden 0 delta: v0 * -1.05 * relu'(0.1) = 2 * -1.05 = -2.1:
    #   dw00 = -2.1, dw01 = -4.2, db0 = -2.1.
    expected = [-2.1, -4.2, -2.1, 1.05, 2.1, 1.05, -0.105, -0.7875, -1.05]
    got = gradient(hand_network(), np.array([[1.0, 2.0]]), np.array([1.0]))
    np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-15)


def test_relu_derivative_at_zero_is_zero():
    # x = 0 puts the hidden total at exactly 0; nn.ts's relu der(0) is 0, so nothing reaches layer 0.
    net = Network((1, 1, 1), "relu", "linear", np.array([1.0, 0.0, 1.0, 0.3]))
    got = gradient(net, np.array([[0.0]]), np.array([1.0]))
    assert got[:2].tolist() == [0.0, 0.0]


def test_sigmoid_saturates_to_zero_like_javascript():
    net = Network((1, 1, 1), "sigmoid", "linear", np.array([1000.0, 0.0, 1.0, 0.0]))
    with np.errstate(over="ignore"):
        assert predict(net, np.array([[-1.0]]))[0] == 0.0


def test_square_loss_is_mean_half_squared_error():
    assert square_loss(np.array([0.5, -1.0]), np.array([1.0, 1.0])) == (0.5 * 0.25 + 0.5 * 4.0) / 2


def test_square_loss_of_no_points_is_nan():
    assert math.isnan(square_loss(np.array([]), np.array([])))


# ---------------------------------------------------------------------------------------------
# Initialisation (PLAYGROUND.md §4)


class CountingRandom:
    """A stand-in for ``random()`` returning 0.000, 0.001, 0.002, ... so draw order is visible."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> float:
        value = self.count / 1000
        self.count += 1
        return value


def test_initial_weights_are_drawn_destination_major():
    draws = CountingRandom()
    net = Network.playground_initial((3, 2, 1), "tanh", "tanh", draws)
    # Layer 0: for each destination j, for each source i; then layer 1.
    np.testing.assert_array_equal(net.weights[0][:, :-1], np.array([[0, 1, 2], [3, 4, 5]]) / 1000 - 0.5)
    np.testing.assert_array_equal(net.weights[1][:, :-1], np.array([[6, 7]]) / 1000 - 0.5)


def test_initial_weights_take_one_draw_per_link():
    draws = CountingRandom()
    Network.playground_initial((3, 4, 2, 1), "tanh", "tanh", draws)
    assert draws.count == 3 * 4 + 4 * 2 + 2 * 1


def test_initial_weights_lie_in_minus_half_to_half():
    net = Network.playground_initial((7, 8, 8, 1), "tanh", "tanh", PlaygroundRandom("range").random)
    weights = net.params[net.is_weight]
    assert weights.min() >= -0.5 and weights.max() < 0.5


def test_initial_biases_are_point_one():
    net = Network.playground_initial((2, 4, 2, 1), "tanh", "tanh", PlaygroundRandom("bias").random)
    assert net.params[~net.is_weight].tolist() == [0.1] * 7


def test_init_zero_zeroes_weights_and_biases():
    net = Network.playground_initial((2, 4, 2, 1), "tanh", "tanh", PlaygroundRandom("zero").random, zero=True)
    assert not net.params.any()


@pytest.mark.parametrize("zero", [False, True])
def test_init_consumes_one_draw_per_link(zero):
    stream = PlaygroundRandom("position")
    Network.playground_initial((2, 4, 2, 1), "tanh", "tanh", stream.random, zero=zero)
    fresh = PlaygroundRandom("position")
    for _ in range(2 * 4 + 4 * 2 + 2 * 1):
        fresh.random()
    assert stream.random() == fresh.random()


def test_network_copy_is_independent():
    net = hand_network()
    twin = net.copy()
    net.params[0] = 9.0
    assert twin.params[0] == 0.5


# ---------------------------------------------------------------------------------------------
# The regularization update (PLAYGROUND.md §6.4), one epoch = one update of 4 examples.

X4 = np.array([[1.0, -0.5], [0.3, 2.0], [-1.2, 0.7], [0.8, 0.1]])
Y4 = np.array([1.0, -1.0, 1.0, -1.0])


def test_l2_step_is_gradient_step_minus_decay_of_the_old_weight():
    net = Network((2, 1), "tanh", "tanh", np.array([0.3, -0.2, 0.1]))
    before = net.params.copy()
    learning_rate, rate = 0.1, 0.5
    expected = before - learning_rate / 4 * gradient(net, X4, Y4)
    expected[:2] -= learning_rate * rate * before[:2]  # never the bias
    EpochRunner(net, X4, Y4, 4, "L2").run_epoch(learning_rate, rate)
    np.testing.assert_allclose(net.params, expected, rtol=1e-15, atol=1e-17)


def test_l1_kills_a_link_whose_penalty_step_crosses_zero():
    # dE/dw0 per example is (out - y) * tanh' * x0, at most 2 * 1 * 1e-3, so the gradient step
    # moves w0 = 0.001 by at most 0.1/4 * 4 * 2e-3 = 2e-4; the pull of lr * rate = 0.01 then
    # crosses zero, and the clip sets w0 to 0 and marks it dead.
    X = np.column_stack([np.full(4, 1e-3), X4[:, 1]])
    net = Network((2, 1), "tanh", "tanh", np.array([0.001, 0.5, 0.0]))
    EpochRunner(net, X, Y4, 4, "L1").run_epoch(0.1, 0.1)
    assert net.params[0] == 0.0
    assert net.dead_views()[0][0].tolist() == [True, False, False]


def test_l1_dead_link_stays_zero_while_its_gradient_is_not():
    X = np.column_stack([np.full(4, 1e-3), X4[:, 1]])
    net = Network((2, 1), "tanh", "tanh", np.array([0.001, 0.5, 0.0]))
    runner = EpochRunner(net, X, Y4, 4, "L1")
    for _ in range(3):
        runner.run_epoch(0.1, 0.1)
    assert gradient(net, X, Y4)[0] != 0.0
    assert net.params[0] == 0.0


def test_l1_leaves_an_exact_zero_weight_alive():
    # The zero input column gives w0 no gradient, and der(0) = 0: weight * newWeight = 0 is not < 0.
    X = np.column_stack([np.zeros(4), X4[:, 1]])
    net = Network((2, 1), "tanh", "tanh", np.array([0.0, 0.5, 0.0]))
    EpochRunner(net, X, Y4, 4, "L1").run_epoch(0.1, 0.1)
    assert not net.dead_views()[0][0, 0]


def test_l1_sign_is_taken_before_the_gradient_step():
    # out = 0.05*1 + 0 = 0.05, dE/dw = (0.05 - (-2)) * 1 = 2.05;
    # after the gradient: w = 0.05 - 0.1 * 2.05 = -0.155; sign(w_before) = +1, so
    # w = -0.155 - 0.1*0.1*1 = -0.165 (same side of zero: alive). With sign(w_after) it would be -0.145.
    net = Network((1, 1), "linear", "linear", np.array([0.05, 0.0]))
    EpochRunner(net, np.array([[1.0]]), np.array([-2.0]), 1, "L1").run_epoch(0.1, 0.1)
    assert net.params[0] == pytest.approx(-0.165, abs=1e-15)
    assert net.dead is None or not net.dead.any()


def test_regularization_never_touches_the_bias():
    # Linear output, one example at the target: no gradient, so only the penalty could move anything.
    net = Network((1, 1), "linear", "linear", np.array([0.5, 0.25]))
    EpochRunner(net, np.array([[1.0]]), np.array([0.75]), 1, "L2").run_epoch(0.1, 1.0)
    assert net.params.tolist() == [0.5 - 0.1 * 1.0 * 0.5, 0.25]
