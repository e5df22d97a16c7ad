"""Replay frames (bounded, thinned as a run grows) and keeping/restoring a discarded run."""

from __future__ import annotations

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.replay import FRAME_LIMIT
from tui_nn.core.trainer import Trainer
from tui_nn.core.undo import keep, restore

SEED = "0.59704"


def test_frames_keep_every_epoch_at_first():
    trainer = Trainer(Config(seed=SEED))
    trainer.step(50)
    assert [frame.epoch for frame in trainer.frames.frames] == list(range(51))


def test_frames_stay_bounded_and_evenly_spaced_on_a_long_run():
    trainer = Trainer(Config(seed=SEED))
    trainer.step(1000)
    epochs = [frame.epoch for frame in trainer.frames.frames]
    stride = trainer.frames.stride
    assert len(epochs) <= FRAME_LIMIT + 1 and stride == 8
    assert epochs == list(range(0, 1001, stride))
    assert trainer.frames.spacing() == f"every 8 epochs, at most {FRAME_LIMIT} kept"


def test_replay_shows_the_same_boundary_as_a_run_stopped_at_that_epoch():
    long_run = Trainer(Config(seed=SEED))
    long_run.step(300)
    index = [frame.epoch for frame in long_run.frames.frames].index(120)
    replayed = long_run.replay_snapshot(index)
    stopped = Trainer(Config(seed=SEED))
    stopped.step(120)
    live = stopped.snapshot()
    assert replayed.epoch == 120
    np.testing.assert_array_equal(replayed.network.params, live.network.params)
    assert (replayed.train_loss, replayed.test_loss) == (live.train_loss, live.test_loss)
    for ours, theirs in zip(replayed.history, live.history):
        np.testing.assert_array_equal(ours, theirs)


def test_replay_does_not_touch_the_live_run():
    trainer = Trainer(Config(seed=SEED))
    trainer.step(40)
    before = trainer.network.params.copy()
    trainer.replay_snapshot(3).network.params[:] = 0.0
    np.testing.assert_array_equal(trainer.network.params, before)


def test_a_reset_clears_the_frames():
    trainer = Trainer(Config(seed=SEED))
    trainer.step(40)
    trainer.reset()
    assert [frame.epoch for frame in trainer.frames.frames] == [0]


def test_restore_brings_back_the_epoch_weights_and_history_of_a_kept_run():
    trainer = Trainer(Config(seed=SEED, dataset="xor"))
    trainer.step(75)
    kept = keep(trainer)
    weights, history = trainer.network.params.copy(), trainer.history.rows()
    trainer.apply(trainer.config.replace(dataset="spiral"))  # draws new data and a new network
    trainer.step(5)
    back = restore(kept)
    assert back.epoch == 75 and back.config.dataset == "xor" and back.history.rows() == history
    np.testing.assert_array_equal(back.network.params, weights)
    np.testing.assert_array_equal(back.data.train_points, Trainer(kept.config).data.train_points)
    assert back.test_loss == history[-1]["test_loss"]
