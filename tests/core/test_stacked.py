"""Stacked training equals separate runs: every row of an Experiment against a Trainer of its settings."""

from __future__ import annotations

import numpy as np
import pytest

from playground_links import DIVERGENT_HASH

from tui_nn.core.config import Config
from tui_nn.core.epochs import EpochRunner
from tui_nn.core import stacks as stacks_module
from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import RunStart
from tui_nn.core.features import feature_matrix
from tui_nn.core.stacked import StackedRunner
from tui_nn.core.stopping import StopRule
from tui_nn.core.trainer import Trainer

SEED = "0.59704"
TOLERANCE = 1e-12


def separate(config: Config, repeat: int, epochs: int) -> Trainer:
    """What the Playground would do: open the run, press Reset ``repeat`` times, train ``epochs``."""
    trainer = Trainer(config)
    for _ in range(repeat):
        trainer.reset()
    trainer.step(epochs)
    return trainer


def assert_rows_match(base: Config, setting: str | None, values: list, repeats: int, epochs: int) -> None:
    experiment = Experiment(RunStart.of(Trainer(base)), setting, values, repeats)
    experiment.step(epochs)
    snapshot = experiment.snapshot()
    assert len(snapshot.rows) == max(len(values), 1) * repeats
    for row in snapshot.rows:
        trainer = separate(row.config, row.repeat, epochs)
        assert row.epoch == trainer.epoch
        assert row.diverged_at == trainer.diverged_at
        if trainer.diverged:
            continue
        np.testing.assert_allclose(row.network.params, trainer.network.params, rtol=0, atol=TOLERANCE)
        assert abs(row.train_loss - trainer.train_loss) <= TOLERANCE
        assert abs(row.test_loss - trainer.test_loss) <= TOLERANCE
        assert abs(row.best_test_loss - trainer.best_test_loss) <= TOLERANCE and row.best_epoch == trainer.best_epoch
        np.testing.assert_allclose(row.history[2], trainer.history.arrays()[2], rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("rates", [[0.00001, 0.003, 0.03, 0.3, 3.0], [0.1, 1.0, 10.0]])
def test_learning_rates_stacked_equal_separate_runs(rates):
    assert_rows_match(Config(seed=SEED), "learning_rate", rates, repeats=1, epochs=40)


def test_regularizations_mixed_in_one_stack_equal_separate_runs():
    base = Config(seed=SEED, regularization_rate=0.03, hidden_layers=(4, 3), dataset="xor")
    assert_rows_match(base, "regularization", ["none", "L1", "L2"], repeats=2, epochs=60)


def test_l1_rates_with_dead_links_equal_separate_runs():
    base = Config(seed="0.35097", regularization="L1", activation="sigmoid", batch_size=7)
    assert_rows_match(base, "regularization_rate", [0.0, 0.01, 0.1, 0.3], repeats=1, epochs=50)


def test_activations_and_batch_sizes_fall_back_to_own_stacks_and_still_match():
    base = Config(seed=SEED, dataset="xor", hidden_layers=(3,))
    assert_rows_match(base, "activation", ["relu", "tanh", "sigmoid", "linear"], repeats=2, epochs=30)
    assert_rows_match(base, "batch_size", [1, 7, 30], repeats=1, epochs=10)


def test_shapes_and_features_draw_their_own_playground_weights():
    base = Config(seed=SEED, dataset="spiral")
    assert_rows_match(base, "hidden_layers", [(4, 2), (8,), ()], repeats=2, epochs=15)
    assert_rows_match(base, "features", [("x", "y"), ("x", "y", "sinX", "sinY")], repeats=1, epochs=15)


def test_repeats_are_the_playgrounds_resets():
    assert_rows_match(Config(seed="0.65451", dataset="spiral", hidden_layers=(8, 8)), None, [], repeats=4, epochs=25)


def test_diverged_rows_stop_where_their_separate_runs_stop():
    base = Config.from_link(DIVERGENT_HASH)
    assert_rows_match(base, "learning_rate", [0.03, 10.0], repeats=2, epochs=16)
    experiment = Experiment(RunStart.of(Trainer(base)), "learning_rate", [0.03, 10.0])
    experiment.step(16)
    assert [row.diverged_at is not None for row in experiment.snapshot().rows] == [False, True]


def test_regression_rows_equal_separate_runs():
    base = Config(seed=SEED, problem="regression", learning_rate=0.01)
    assert_rows_match(base, "learning_rate", [0.001, 0.01, 0.03], repeats=1, epochs=20)


def test_stacked_runner_epochs_equal_epoch_runner_per_variant():
    trainers = [Trainer(Config(seed=SEED, hidden_layers=(5, 3)))]
    for _ in range(2):
        trainers.append(Trainer(trainers[0].config))
        trainers[-1].network.params[:] = trainers[0].network.params + 0.01 * len(trainers)
    data = trainers[0].data
    inputs = feature_matrix(data.train_points, ("x", "y"))
    stacked = StackedRunner([t.network for t in trainers], inputs, data.train_labels, 7)
    separate_runners = [EpochRunner(t.network, inputs, data.train_labels, 7, "L2") for t in trainers]
    for _ in range(5):
        stacked.run_epoch(np.array([0.03, 0.1, 0.3]), ["L2"] * 3, np.array([0.01, 0.01, 0.01]))
        for runner, lr in zip(separate_runners, (0.03, 0.1, 0.3)):
            runner.run_epoch(lr, 0.01)
    for k, trainer in enumerate(trainers):
        np.testing.assert_allclose(stacked.params[k], trainer.network.params, rtol=0, atol=TOLERANCE)
    assert stacked.pending_count == separate_runners[0].pending_count


def test_stacked_runner_refuses_different_shapes():
    nets = [Trainer(Config(seed=SEED, hidden_layers=layers)).network for layers in ((4,), (3,))]
    with pytest.raises(ValueError, match="share"):
        StackedRunner(nets, np.zeros((3, 2)), np.ones(3), 1)


def test_stop_rule_stops_each_row_at_its_own_epoch():
    start = RunStart.of(Trainer(Config(seed=SEED)))
    experiment = Experiment(start, "learning_rate", [0.03, 0.3], stop=StopRule(epochs=300, below=0.05))
    experiment.step(400)
    rows = experiment.snapshot().rows
    assert experiment.diverged  # nothing left to train
    fast, slow = rows[1], rows[0]
    assert fast.stopped.startswith("test loss") and fast.test_loss < 0.05
    assert fast.epoch < slow.epoch <= 300


def test_same_shape_variants_share_the_runs_initial_weights_and_restart_returns_to_them():
    trainer = Trainer(Config(seed=SEED))
    trainer.reset()  # the current run's start, not the seed's first draw
    experiment = Experiment(RunStart.of(trainer), "learning_rate", [0.01, 0.1])
    for row in experiment.snapshot().rows:
        np.testing.assert_array_equal(row.network.params, trainer.network.params)
    experiment.step(5)
    experiment.restart()
    np.testing.assert_array_equal(experiment.snapshot().rows[1].network.params, trainer.network.params)
    experiment.reset()
    assert not np.array_equal(experiment.snapshot().rows[1].network.params, trainer.network.params)


def test_a_setting_the_stacked_engine_does_not_know_trains_on_trainers(monkeypatch):
    # As if batch_size were a setting added after the engine (an optimiser, say): its rows must not stack.
    monkeypatch.setattr(stacks_module, "STACKED_FIELDS", stacks_module.STACKED_FIELDS - {"batch_size"})
    base = Config(seed=SEED, batch_size=7)
    experiment = Experiment(RunStart.of(Trainer(base)), "learning_rate", [0.03, 0.3], repeats=2)
    assert experiment.stack_count == 4
    assert_rows_match(base, "learning_rate", [0.03, 0.3], repeats=2, epochs=20)
    assert_rows_match(Config.from_link(DIVERGENT_HASH).replace(batch_size=7), "learning_rate", [0.03, 10.0], repeats=1, epochs=16)


def test_default_settings_stack():
    experiment = Experiment(RunStart.of(Trainer(Config(seed=SEED))), "learning_rate", [0.03, 0.3], repeats=2)
    assert experiment.stack_count == 1
