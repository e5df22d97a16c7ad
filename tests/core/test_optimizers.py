"""Optimisers: steps worked by hand on a one-weight network, several updates against the formulas
of torch.optim written out here, learning-rate schedules and the per-epoch reshuffle."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.epochs import EpochRunner
from tui_nn.core.network import Network, gradient
from tui_nn.core.optimizers import OPTIMIZERS, Hyper, decayed_rate
from tui_nn.core.trainer import Trainer

LR = 0.1


def one_weight() -> Network:
    """out = w * x + b with w = 0.5, b = 0.1 (linear output, no hidden layer)."""
    return Network((1, 1), "linear", "linear", np.array([0.5, 0.1]))


def step_once(name: str, net: Network, epochs: int = 1) -> Network:
    # One point x = 1, y = 0: out = 0.6, so dW = db = out - y = 0.6 at the first update.
    runner = EpochRunner(net, np.array([[1.0]]), np.array([0.0]), 1, "none")
    for _ in range(epochs):
        runner.run_epoch(LR, 0.0, name, Hyper())
    return net


@pytest.mark.parametrize(
    "name, expected",
    [
        ("sgd", 0.5 - 0.1 * 0.6),  # w - lr g = 0.44
        ("momentum", 0.5 - 0.1 * 0.6),  # v = g at the first update: the same step as SGD
        ("nesterov", 0.5 - 0.1 * (0.6 + 0.9 * 0.6)),  # lr (g + mu v) = 0.114
        ("rmsprop", 0.5 - 0.1 * 0.6 / (math.sqrt(0.1 * 0.36) + 1e-8)),  # s = 0.1 g^2: about 0.5 - 0.3162
        ("adam", 0.5 - 0.1 * 0.6 / (0.6 + 1e-8)),  # m^ = g, v^ = g^2: a step of lr
    ],
)
def test_first_step_matches_the_hand_computed_one(name, expected):
    net = step_once(name, one_weight())
    assert net.params[0] == pytest.approx(expected, abs=1e-15)
    assert net.params[1] == pytest.approx(expected - 0.4, abs=1e-15)  # the bias moves by the same step


def test_momentum_second_step_by_hand():
    # After step 1: w = 0.44, b = 0.04, out = 0.48; v = 0.9 * 0.6 + 0.48 = 1.02; step 0.102.
    net = step_once("momentum", one_weight(), epochs=2)
    assert net.params[0] == pytest.approx(0.44 - 0.102, abs=1e-15)


def reference_run(name: str, net: Network, X, y, updates: int, hyper: Hyper) -> np.ndarray:
    """torch.optim's update rules, written out with full-batch mean gradients."""
    params = net.params.copy()
    buf = np.zeros_like(params)
    second = np.zeros_like(params)
    for t in range(1, updates + 1):
        twin = Network(net.layer_sizes, net.activation.name, net.output_activation.name, params)
        g = gradient(twin, X, y) / len(y)
        if name == "momentum":
            buf = hyper.momentum * buf + g
            params = params - LR * buf
        elif name == "nesterov":
            buf = hyper.momentum * buf + g
            params = params - LR * (g + hyper.momentum * buf)
        elif name == "rmsprop":
            second = hyper.rms_decay * second + (1 - hyper.rms_decay) * g * g
            params = params - LR * g / (np.sqrt(second) + hyper.epsilon)
        elif name == "adam":
            buf = hyper.beta1 * buf + (1 - hyper.beta1) * g
            second = hyper.beta2 * second + (1 - hyper.beta2) * g * g
            m_hat, v_hat = buf / (1 - hyper.beta1**t), second / (1 - hyper.beta2**t)
            params = params - LR * m_hat / (np.sqrt(v_hat) + hyper.epsilon)
        else:
            params = params - LR * g
    return params


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_updates_follow_the_reference_formulas(name, rng):
    net = Network((2, 3, 1), "tanh", "tanh", rng.normal(0, 0.5, 13))
    X, y = rng.uniform(-1, 1, (6, 2)), rng.choice([-1.0, 1.0], 6)
    hyper = Hyper(momentum=0.8, rms_decay=0.95, beta1=0.85, beta2=0.99, epsilon=1e-7)
    expected = reference_run(name, net, X, y, 5, hyper)
    runner = EpochRunner(net, X, y, 6, "none")
    for _ in range(5):
        runner.run_epoch(LR, 0.0, name, hyper)
    np.testing.assert_allclose(net.params, expected, rtol=1e-12, atol=1e-14)


def test_changing_optimizer_starts_its_memory_afresh(rng):
    net = Network((2, 1), "linear", "tanh", rng.normal(0, 0.5, 3))
    runner = EpochRunner(net, rng.uniform(-1, 1, (4, 2)), np.ones(4), 4, "none")
    runner.run_epoch(LR, 0.0, "momentum")
    assert runner.optimizer.name == "momentum" and runner.optimizer.steps == 1
    runner.run_epoch(LR, 0.0, "adam")
    assert runner.optimizer.name == "adam" and runner.optimizer.steps == 1
    runner.run_epoch(LR, 0.0, "sgd")
    runner.run_epoch(LR, 0.0, "adam")
    assert runner.optimizer.steps == 1


def test_momentum_tames_a_learning_rate_that_oscillates_with_sgd():
    # The lecture's ball in a valley (README): on XOR at learning rate 0.3 plain SGD's training
    # loss goes up again in about half of 200 epochs; momentum at the same rate rolls through.
    base = Config(seed="0.59704", dataset="xor", learning_rate=0.3)
    runs = {name: Trainer(base.replace(optimizer=name)) for name in ("sgd", "momentum")}
    rises = {}
    for name, run in runs.items():
        run.step(200)
        rises[name] = int(np.sum(np.diff(run.history.arrays()[1]) > 0))
    assert rises["sgd"] > 80 and rises["momentum"] < 10
    assert runs["momentum"].test_loss < 0.001 < 0.01 < runs["sgd"].test_loss


@pytest.mark.parametrize(
    "schedule, epoch, expected",
    [("none", 250, 0.1), ("step", 99, 0.1), ("step", 100, 0.05), ("step", 250, 0.025), ("exponential", 50, 0.1 * 0.5**0.5)],
)
def test_learning_rate_schedules(schedule, epoch, expected):
    assert decayed_rate(0.1, schedule, epoch, 0.5, 100) == pytest.approx(expected, rel=1e-15)


def test_decay_uses_the_scheduled_rate_each_epoch():
    decayed = Trainer(Config(seed="0.5", lr_decay="step", decay_rate=0.5, decay_epochs=1))
    by_hand = Trainer(Config(seed="0.5"))
    decayed.step(3)
    for epoch in range(3):
        by_hand.apply(by_hand.config.replace(learning_rate=0.03 * 0.5**epoch))
        by_hand.step()
    assert decayed.test_loss == by_hand.test_loss


def test_shuffle_is_seeded_and_changes_the_run():
    runs = [Trainer(Config(seed="0.5", shuffle=shuffle)) for shuffle in (True, True, False)]
    for run in runs:
        run.step(5)
    assert runs[0].test_loss == runs[1].test_loss
    assert runs[0].test_loss != runs[2].test_loss


def test_shuffle_off_restores_the_stored_order(rng):
    X, y = rng.uniform(-1, 1, (7, 2)), rng.choice([-1.0, 1.0], 7)
    nets = [Network((2, 2, 1), "tanh", "tanh", np.full(9, 0.3)) for _ in range(2)]
    shuffled, plain = EpochRunner(nets[0], X, y, 3, "none"), EpochRunner(nets[1], X, y, 3, "none")
    shuffled.shuffle(np.random.default_rng(1))
    shuffled.shuffle(None)
    shuffled.run_epoch(LR, 0.0)
    plain.run_epoch(LR, 0.0)
    assert np.array_equal(nets[0].params, nets[1].params)


def test_default_link_has_no_optimizer_keys():
    assert "optimizer" not in Config().to_link() and "shuffle" not in Config().to_link()


def test_every_new_setting_round_trips_through_a_link():
    config = Config(seed="0.5", optimizer="nesterov", momentum=0.8, rms_decay=0.95, beta1=0.8, beta2=0.99,
                    epsilon=1e-7, shuffle=True, lr_decay="step", decay_rate=0.25, decay_epochs=20)
    link = config.to_link()
    assert "optimizer=nesterov" in link and "decayEpochs=20" in link and "epsilon=1e-7" in link
    assert Config.from_link(link) == config
