"""The training loop's Undo (the last discarded run comes back) and Replay (frames of the run's past)."""

from __future__ import annotations

import threading

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.ui.training_commands import ApplyConfig, Replay, Reset, Step, Stop, Undo
from tui_nn.ui.training_loop import TrainingLoop


class Recorder:
    def __init__(self):
        self.snapshots, self.reports, self.restored = [], [], []
        self.changed = threading.Condition()

    def publish(self, snapshot, playing, replay=None):
        with self.changed:
            self.snapshots.append((snapshot, playing, replay))
            self.changed.notify_all()

    def report(self, text, failed):
        with self.changed:
            self.reports.append(text)
            self.changed.notify_all()

    def restore(self, config):
        self.restored.append(config)

    def wait(self, predicate, timeout=10.0):
        with self.changed:
            assert self.changed.wait_for(predicate, timeout), "condition not reached"


def running(config, epochs):
    trainer = Trainer(config)
    trainer.step(epochs)
    recorder = Recorder()
    loop = TrainingLoop(trainer, recorder.publish, recorder.report, pace=None, fps=50, restored=recorder.restore)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    recorder.wait(lambda: recorder.snapshots)
    return loop, recorder, thread, trainer.network.params.copy()


def finish(loop, thread):
    loop.send(Stop())
    thread.join(5)


def test_undo_after_a_reset_brings_back_the_epoch_and_weights():
    loop, recorder, thread, weights = running(Config(seed="0.59704"), 60)
    loop.send(Reset())
    loop.send(Undo())
    recorder.wait(lambda: any("brought back" in text for text in recorder.reports))
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 60)
    finish(loop, thread)
    np.testing.assert_array_equal(recorder.snapshots[-1][0].network.params, weights)


def test_undo_after_a_new_dataset_brings_back_its_settings():
    loop, recorder, thread, _ = running(Config(seed="0.59704"), 30)
    loop.send(ApplyConfig(Config(seed=None, dataset="spiral")))
    loop.send(Undo())
    recorder.wait(lambda: recorder.restored)
    finish(loop, thread)
    assert recorder.restored[0].dataset == "circle"


def test_a_live_change_discards_nothing_so_there_is_nothing_to_undo():
    loop, recorder, thread, _ = running(Config(seed="0.59704"), 30)
    loop.send(ApplyConfig(Config(seed=None, learning_rate=0.1)))
    loop.send(Undo())
    recorder.wait(lambda: any("nothing to undo" in text for text in recorder.reports))
    finish(loop, thread)


def test_replay_steps_back_through_the_frames_and_says_which():
    loop, recorder, thread, _ = running(Config(seed="0.59704"), 20)
    loop.send(Replay(0))
    loop.send(Replay(-1))
    loop.send(Replay(-1))
    recorder.wait(lambda: recorder.snapshots[-1][2] is not None and recorder.snapshots[-1][0].epoch == 18)
    text = recorder.snapshots[-1][2]
    loop.send(Replay(None))
    recorder.wait(lambda: recorder.snapshots[-1][2] is None and recorder.snapshots[-1][0].epoch == 20)
    finish(loop, thread)
    assert text.startswith("Replay: epoch 18, frame 19/21 (every epoch)")


def test_any_other_command_leaves_replay():
    loop, recorder, thread, _ = running(Config(seed="0.59704"), 20)
    loop.send(Replay(-1))
    loop.send(Step())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 21 and recorder.snapshots[-1][2] is None)
    finish(loop, thread)
