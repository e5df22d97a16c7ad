"""Trainer.restart goes back to the run's initial weights and data; the best test loss is tracked."""

from __future__ import annotations

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer

SEED = "0.59704"


def test_restart_returns_to_the_same_initial_weights_and_data():
    trainer = Trainer(Config(seed=SEED))
    start = trainer.network.params.copy()
    trainer.step(20)
    trainer.restart()
    assert trainer.epoch == 0
    np.testing.assert_array_equal(trainer.network.params, start)


def test_restart_after_a_change_of_setting_keeps_the_earlier_start():
    trainer = Trainer(Config(seed=SEED))
    start = trainer.network.params.copy()
    trainer.step(10)
    trainer.apply(trainer.config.replace(regularization="L2", regularization_rate=0.01))  # rebuilds: new weights
    assert not np.array_equal(trainer.network.params, start)
    trainer.restart()
    np.testing.assert_array_equal(trainer.network.params, start)
    assert trainer.config.regularization == "L2"


def test_restart_after_regenerate_returns_to_the_starting_data():
    trainer = Trainer(Config(seed=SEED))
    data, seed = trainer.data, trainer.config.seed
    trainer.regenerate()
    trainer.restart()
    assert trainer.data is data and trainer.config.seed == seed


def test_reset_draws_new_weights_and_becomes_the_restart_point():
    trainer = Trainer(Config(seed=SEED))
    trainer.reset()
    fresh = trainer.network.params.copy()
    trainer.step(5)
    trainer.restart()
    np.testing.assert_array_equal(trainer.network.params, fresh)


def test_best_test_loss_is_the_lowest_recorded_with_its_epoch():
    trainer = Trainer(Config(seed=SEED))
    trainer.step(50)
    epochs, _, test = trainer.history.arrays()
    assert trainer.best_test_loss == test.min() and trainer.best_epoch == epochs[test.argmin()]


def test_restart_of_a_loaded_model_keeps_its_dead_links(tmp_path):
    trainer = Trainer(Config(seed="0.35097", regularization="L1", regularization_rate=0.1, activation="sigmoid"))
    trainer.step(40)
    assert trainer.network.dead is not None and trainer.network.dead.any()
    path = str(tmp_path / "model.npz")
    trainer.save(path)
    loaded = Trainer.load(path)
    loaded.step(5)
    loaded.restart()
    np.testing.assert_array_equal(loaded.network.dead, trainer.network.dead)
    np.testing.assert_array_equal(loaded.network.params, trainer.network.params)
