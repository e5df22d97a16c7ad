"""Trainer against the Playground: a per-example reference port, the golden losses, reset rules."""

from __future__ import annotations

import functools
import math
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pytest
from playground_reference import ReferenceNetwork

from tui_nn.core.config import Config
from tui_nn.core.settings import Effect
from tui_nn.core.datasets import playground_data
from tui_nn.core.features import feature_matrix
from tui_nn.core.network import Network, predict
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.trainer import Trainer
from playground_links import DEFAULT_HASH, DIVERGENT_HASH


# PLAYGROUND.md §11: epoch -> (train loss, test loss) for the default hash.
GOLDEN_LOSSES = {
    0: (0.4994400967795191, 0.5011900890290666),
    1: (0.49757837808668076, 0.49811584841550893),
    10: (0.486274570790497, 0.48422242942162247),
    50: (0.08283658224619671, 0.0918138821506855),
    100: (0.010395673188064355, 0.011562363897663278),
    300: (0.0015790847202452093, 0.0015591454329444302),
}


def output_activation(config: Config) -> str:
    return "tanh" if config.problem == "classification" else "linear"


def stream_after_start(config: Config) -> PlaygroundRandom:
    """The seeded stream as a freshly opened link leaves it: after the data and the first weights."""
    rng = PlaygroundRandom(config.seed)
    playground_data(config.dataset_name, config.noise, config.train_percent, rng)
    Network.playground_initial(config.layer_sizes, config.activation, output_activation(config), rng.random)
    return rng


def next_weights(config: Config, rng: PlaygroundRandom) -> np.ndarray:
    return Network.playground_initial(config.layer_sizes, config.activation, output_activation(config), rng.random).params


# ---------------------------------------------------------------------------------------------
# The per-example reference (PLAYGROUND.md §6.1-§6.5)

EPOCHS = 5
ACTIVATION_NAMES = ("relu", "tanh", "sigmoid", "linear")
# L1's rate is chosen so links die one by one during the run: 0.03 for many small updates, 0.3 for few.
L1_RATE = {7: 0.03, 130: 0.3}


@dataclass(frozen=True)
class Case:
    problem: str
    activation: str
    regularization: str
    regularization_rate: float
    batch_size: int

    def config(self) -> Config:
        return Config(
            problem=self.problem,
            dataset="spiral",
            regression_dataset="reg-gauss",
            noise=10,
            features=("x", "y", "xTimesY"),
            hidden_layers=(3, 2),
            activation=self.activation,
            learning_rate=0.03,
            regularization=self.regularization,
            regularization_rate=self.regularization_rate,
            batch_size=self.batch_size,
            seed="0.31415",
        )


# 250 classification / 600 regression training points: 7 divides neither; 130 is over half of 250.
CASES = [
    Case(problem, activation, regularization, rate, batch_size)
    for problem, batch_sizes in (("classification", (7, 130)), ("regression", (7,)))
    for batch_size in batch_sizes
    for activation in ACTIVATION_NAMES
    for regularization, rate in (("none", 0.0), ("L1", L1_RATE[batch_size]), ("L2", 0.3))
]


@dataclass(frozen=True)
class Trajectory:
    weights: list[list[np.ndarray]]
    dead: list[list[np.ndarray]]
    losses: np.ndarray
    """`(EPOCHS + 1, 2)`: train and test loss from epoch 0."""


@functools.lru_cache(maxsize=None)
def run_both(case: Case) -> tuple[Trajectory, Trajectory]:
    """The Trainer and the reference, from the same weights and data, for EPOCHS epochs."""
    config = case.config()
    trainer = Trainer(config)
    data = trainer.data
    train_X = feature_matrix(data.train_points, config.features)
    test_X = feature_matrix(data.test_points, config.features)
    reference = ReferenceNetwork(
        [W.copy() for W in trainer.network.weights], config.activation, output_activation(config), config.regularization
    )
    ours = Trajectory([], [], np.empty((EPOCHS + 1, 2)))
    theirs = Trajectory([], [], np.empty((EPOCHS + 1, 2)))
    for epoch in range(EPOCHS + 1):
        if epoch:
            trainer.step()
            reference.one_step(train_X, data.train_labels, config.batch_size, config.learning_rate, config.regularization_rate)
        ours.weights.append([W.copy() for W in trainer.network.weights])
        ours.dead.append([mask[:, :-1].copy() for mask in trainer.network.dead_views()])
        ours.losses[epoch] = trainer.train_loss, trainer.test_loss
        theirs.weights.append(reference.weights())
        theirs.dead.append(reference.dead())
        theirs.losses[epoch] = reference.loss(train_X, data.train_labels), reference.loss(test_X, data.test_labels)
    return ours, theirs


def case_id(case: Case) -> str:
    return f"{case.problem}-{case.activation}-{case.regularization}-batch{case.batch_size}"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_weights_match_per_example_reference(case):
    ours, theirs = run_both(case)
    for epoch, (got, want) in enumerate(zip(ours.weights, theirs.weights)):
        for layer, (W, R) in enumerate(zip(got, want)):
            np.testing.assert_allclose(W, R, rtol=1e-12, atol=1e-13, err_msg=f"epoch {epoch}, layer {layer}")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_losses_match_per_example_reference(case):
    ours, theirs = run_both(case)
    np.testing.assert_allclose(ours.losses, theirs.losses, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("case", [case for case in CASES if case.regularization == "L1"], ids=case_id)
def test_dead_links_match_per_example_reference(case):
    ours, theirs = run_both(case)
    for epoch, (got, want) in enumerate(zip(ours.dead, theirs.dead)):
        for layer, (mask, expected) in enumerate(zip(got, want)):
            np.testing.assert_array_equal(mask, expected, err_msg=f"epoch {epoch}, layer {layer}")


def test_reference_cases_stay_finite():
    # A diverged case would compare NaN with NaN and prove nothing.
    for case in CASES:
        assert np.isfinite(run_both(case)[1].losses).all(), case_id(case)


@pytest.mark.parametrize("batch_size", sorted(L1_RATE))
def test_reference_l1_cases_kill_some_links_but_not_all(batch_size):
    # Otherwise the L1 cases would not exercise the clip rule, or would end with nothing left to train.
    case = Case("classification", "tanh", "L1", L1_RATE[batch_size], batch_size)
    killed = sum(int(mask.sum()) for mask in run_both(case)[1].dead[-1])
    assert 0 < killed < 17


def test_batch_larger_than_training_set_never_updates(tiny_config):
    # (i + 1) % batchSize never reaches 0 when the batch exceeds the 250 training points.
    trainer = Trainer(tiny_config.replace(batch_size=300))
    before = trainer.network.params.copy()
    trainer.step(3)
    np.testing.assert_array_equal(trainer.network.params, before)


# ---------------------------------------------------------------------------------------------
# Golden values (PLAYGROUND.md §11)


@pytest.fixture(scope="module")
def default_run() -> dict[int, tuple[float, float]]:
    trainer = Trainer(Config.from_link(DEFAULT_HASH))
    losses = {}
    for epoch in sorted(GOLDEN_LOSSES):
        trainer.step(epoch - trainer.epoch)
        losses[epoch] = (trainer.train_loss, trainer.test_loss)
    return losses


@pytest.mark.parametrize("epoch", sorted(GOLDEN_LOSSES))
def test_default_link_reproduces_golden_losses(default_run, epoch):
    assert default_run[epoch] == pytest.approx(GOLDEN_LOSSES[epoch], rel=1e-9, abs=0)


def test_default_link_first_weights():
    trainer = Trainer(Config.from_link(DEFAULT_HASH))
    assert trainer.network.weights[0][0, :2].tolist() == [0.013961340352000695, 0.43302599830780975]


def test_default_link_biases_are_point_one():
    trainer = Trainer(Config.from_link(DEFAULT_HASH))
    assert all((W[:, -1] == 0.1).all() for W in trainer.network.weights)


def test_default_link_first_train_point():
    data = Trainer(Config.from_link(DEFAULT_HASH)).data
    assert data.train_points[0].tolist() == [0.24014491222149606, 0.46035893207186385]
    assert data.train_labels[0] == 1.0


def test_default_link_regenerate_picks_seed_0_92005():
    trainer = Trainer(Config.from_link(DEFAULT_HASH))
    trainer.regenerate()
    assert trainer.config.seed == "0.92005"


@pytest.fixture(scope="module")
def divergent_run() -> tuple[Trainer, dict[int, float]]:
    trainer = Trainer(Config.from_link(DIVERGENT_HASH))
    train_losses = {0: trainer.train_loss}
    for _ in range(100):
        trainer.step()
        train_losses[trainer.epoch] = trainer.train_loss
    return trainer, train_losses


def test_issue_77_link_diverges(divergent_run):
    trainer, _ = divergent_run
    assert isinstance(trainer.diverged_at, int)


def test_issue_77_link_diverges_at_epoch_69(divergent_run):
    assert divergent_run[0].diverged_at == 69


def test_issue_77_loss_is_nan_at_epoch_69(divergent_run):
    _, losses = divergent_run
    assert math.isnan(losses[69]) and math.isfinite(losses[68])


def test_diverged_step_neither_raises_nor_warns(divergent_run):
    trainer, _ = divergent_run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trainer.step(3)
        trainer.snapshot()


# ---------------------------------------------------------------------------------------------
# apply(), reset(), regenerate() (PLAYGROUND.md §6.7)


def test_learning_rate_change_is_live(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(3)
    params = trainer.network.params.copy()
    assert trainer.apply(tiny_config.replace(learning_rate=0.1)) is Effect.LIVE
    assert trainer.epoch == 3
    np.testing.assert_array_equal(trainer.network.params, params)


def test_new_learning_rate_drives_the_next_update(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.apply(tiny_config.replace(learning_rate=0.3))
    trainer.step()
    fresh = Trainer(tiny_config.replace(learning_rate=0.3))
    fresh.step()
    np.testing.assert_array_equal(trainer.network.params, fresh.network.params)


@pytest.mark.parametrize("change", [{"show_test_data": True}, {"discretize": True}])
def test_display_settings_are_view_only(tiny_config, change):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    params = trainer.network.params.copy()
    assert trainer.apply(tiny_config.replace(**change)) is Effect.DISPLAY
    assert trainer.epoch == 2
    np.testing.assert_array_equal(trainer.network.params, params)


def test_identical_config_is_unchanged(tiny_config):
    assert Trainer(tiny_config).apply(tiny_config) is None


def test_config_without_seed_keeps_the_seed(tiny_config):
    trainer = Trainer(tiny_config)
    assert trainer.apply(tiny_config.replace(seed=None, learning_rate=0.1)) is Effect.LIVE
    assert trainer.config.seed == tiny_config.seed


NETWORK_CHANGES = [
    {"batch_size": 3},
    {"activation": "relu"},
    {"regularization": "L2"},
    {"regularization_rate": 0.01},
    {"hidden_layers": (3, 2)},
    {"features": ("x", "y", "xSquared")},
]


@pytest.mark.parametrize("change", NETWORK_CHANGES, ids=lambda change: next(iter(change)))
def test_network_setting_resets_with_weights_from_the_continuing_stream(tiny_config, change):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    new = tiny_config.replace(**change)
    assert trainer.apply(new) is Effect.REBUILD
    assert trainer.epoch == 0
    np.testing.assert_array_equal(trainer.network.params, next_weights(new, stream_after_start(tiny_config)))


@pytest.mark.parametrize("change", NETWORK_CHANGES, ids=lambda change: next(iter(change)))
def test_network_setting_keeps_the_data(tiny_config, change):
    trainer = Trainer(tiny_config)
    points = trainer.data.train_points
    trainer.apply(tiny_config.replace(**change))
    np.testing.assert_array_equal(trainer.data.train_points, points)


def test_reset_draws_from_the_continuing_stream(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    trainer.reset()
    assert trainer.epoch == 0
    np.testing.assert_array_equal(trainer.network.params, next_weights(tiny_config, stream_after_start(tiny_config)))


def test_two_resets_give_different_weights(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.reset()
    first = trainer.network.params.copy()
    trainer.reset()
    assert not np.array_equal(trainer.network.params, first)


DATA_CHANGES = [
    {"dataset": "xor"},
    {"noise": 20},
    {"train_percent": 70},
    {"problem": "regression"},
]


@pytest.mark.parametrize("change", DATA_CHANGES, ids=lambda change: next(iter(change)))
def test_data_setting_picks_the_next_seed_from_the_stream(tiny_config, change):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    assert trainer.apply(tiny_config.replace(**change)) is Effect.NEW_DATA
    assert trainer.config.seed == stream_after_start(tiny_config).new_seed()


@pytest.mark.parametrize("change", DATA_CHANGES, ids=lambda change: next(iter(change)))
def test_data_setting_makes_data_and_weights_from_the_new_seed(tiny_config, change):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    trainer.apply(tiny_config.replace(**change))
    expected = tiny_config.replace(**change, seed=stream_after_start(tiny_config).new_seed())
    rng = PlaygroundRandom(expected.seed)
    data = playground_data(expected.dataset_name, expected.noise, expected.train_percent, rng)
    assert trainer.epoch == 0
    np.testing.assert_array_equal(trainer.data.train_points, data.train_points)
    np.testing.assert_array_equal(trainer.data.test_labels, data.test_labels)
    np.testing.assert_array_equal(trainer.network.params, next_weights(expected, rng))


def test_regenerate_keeps_network_and_epoch(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(3)
    params = trainer.network.params.copy()
    trainer.regenerate()
    assert trainer.epoch == 3
    np.testing.assert_array_equal(trainer.network.params, params)


def test_regenerate_changes_seed_and_data(tiny_config):
    trainer = Trainer(tiny_config)
    points = trainer.data.train_points
    trainer.regenerate()
    assert trainer.config.seed == stream_after_start(tiny_config).new_seed()
    assert not np.array_equal(trainer.data.train_points, points)


def test_other_seed_restarts_like_a_fresh_trainer(tiny_config):
    other = tiny_config.replace(seed="0.54321")
    trainer = Trainer(tiny_config)
    trainer.step(3)
    assert trainer.apply(other) is Effect.RESTART
    fresh = Trainer(other)
    trainer.step(2)
    fresh.step(2)
    np.testing.assert_array_equal(trainer.data.train_points, fresh.data.train_points)
    np.testing.assert_array_equal(trainer.network.params, fresh.network.params)
    assert (trainer.epoch, trainer.train_loss, trainer.test_loss) == (fresh.epoch, fresh.train_loss, fresh.test_loss)


def test_same_config_gives_identical_losses(tiny_config):
    runs = []
    for _ in range(2):
        trainer = Trainer(tiny_config)
        trainer.step(5)
        runs.append(trainer.history.arrays())
    for ours, theirs in zip(*runs):
        np.testing.assert_array_equal(ours, theirs)


def test_missing_seed_is_picked_in_playground_format():
    # Math.random().toFixed(5): "1.00000" is possible when the draw rounds up.
    assert re.fullmatch(r"[01]\.\d{5}", Trainer(Config(hidden_layers=(2,))).config.seed)


# ---------------------------------------------------------------------------------------------
# Learning and edge cases


def test_xor_with_x1x2_learns():
    trainer = Trainer(Config(dataset="xor", features=("x", "y", "xTimesY"), seed="0.2"))
    while trainer.test_loss >= 0.05 and trainer.epoch < 200:
        trainer.step()
    assert trainer.test_loss < 0.05


def test_no_features_output_is_tanh_of_the_bias():
    trainer = Trainer(Config(features=(), hidden_layers=(), seed="0.5"))
    outputs = predict(trainer.network, feature_matrix(trainer.data.test_points, ()))
    np.testing.assert_array_equal(outputs, np.full(len(outputs), math.tanh(0.1)))


def test_no_features_trains_to_a_constant_output():
    config = Config(features=(), seed="0.5")
    trainer = Trainer(config)
    trainer.step(5)
    outputs = predict(trainer.network, feature_matrix(trainer.data.test_points, ()))
    assert math.isfinite(trainer.train_loss)
    assert np.ptp(outputs) == 0.0


def test_set_parameter_edits_a_weight(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.set_parameter(0, 1, 0, 0.75)
    assert trainer.network.weights[0][1, 0] == 0.75


def test_set_parameter_edits_a_bias(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.set_parameter(1, 0, None, -0.3)
    assert trainer.network.weights[1][0, -1] == -0.3


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_set_parameter_rejects_non_finite_values(tiny_config, value):
    trainer = Trainer(tiny_config)
    params = trainer.network.params.copy()
    with pytest.raises(ValueError):
        trainer.set_parameter(0, 0, 0, value)
    np.testing.assert_array_equal(trainer.network.params, params)


# tiny_config: layer 0 is 2 inputs -> 2 neurons, layer 1 is 2 -> 1.
@pytest.mark.parametrize(
    "layer, neuron, source",
    [(0, 2, 0), (0, -1, 0), (0, 0, 2), (0, 0, -1), (1, 1, None), (2, 0, 0), (-1, 0, 0)],
)
def test_set_parameter_rejects_bad_indices(tiny_config, layer, neuron, source):
    trainer = Trainer(tiny_config)
    params = trainer.network.params.copy()
    with pytest.raises(ValueError, match="no such parameter"):
        trainer.set_parameter(layer, neuron, source, 0.5)
    np.testing.assert_array_equal(trainer.network.params, params)


def test_snapshot_does_not_follow_training(tiny_config):
    trainer = Trainer(tiny_config)
    snapshot = trainer.snapshot()
    params = snapshot.network.params.copy()
    epochs, train, test = (array.copy() for array in snapshot.history)
    trainer.step(3)
    trainer.set_parameter(0, 0, 0, 4.0)
    assert snapshot.epoch == 0
    np.testing.assert_array_equal(snapshot.network.params, params)
    for kept, copy in zip(snapshot.history, (epochs, train, test)):
        np.testing.assert_array_equal(kept, copy)


def test_snapshot_data_is_read_only(tiny_config):
    data = Trainer(tiny_config).snapshot().data
    with pytest.raises(ValueError):
        data.train_points[0, 0] = 1.0


def test_trainer_history_thins_but_keeps_epoch_zero_evenly_spaced(tiny_config):
    trainer = Trainer(tiny_config, history_limit=8)
    trainer.step(40)
    epochs = trainer.history.arrays()[0]
    assert len(epochs) <= 8 and epochs[0] == 0
    assert len(set(np.diff(epochs))) == 1


def test_snapshot_history_ends_at_the_current_epoch_after_thinning(tiny_config):
    trainer = Trainer(tiny_config, history_limit=8)
    trainer.step(41)
    epochs, train, _ = trainer.snapshot().history
    assert epochs[0] == 0 and epochs[-1] == 41 and train[-1] == trainer.train_loss
