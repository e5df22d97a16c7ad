"""TrainingLoop: commands between epochs, pacing, pausing on divergence; no Textual involved."""

import threading

from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.ui.training_commands import ApplyConfig, EditParameter, Play, Reset, SetFps, Step, Stop
from tui_nn.ui.training_loop import TrainingLoop


class Recorder:
    """Collects what the loop publishes and lets a test wait for a condition."""

    def __init__(self):
        self.snapshots, self.reports = [], []
        self.changed = threading.Condition()

    def publish(self, snapshot, playing):
        with self.changed:
            self.snapshots.append((snapshot, playing))
            self.changed.notify_all()

    def report(self, text, failed):
        with self.changed:
            self.reports.append((text, failed))
            self.changed.notify_all()

    def wait(self, predicate, timeout=10.0):
        with self.changed:
            assert self.changed.wait_for(predicate, timeout), "condition not reached"


def start(config, pace=None, fps=50):
    recorder = Recorder()
    loop = TrainingLoop(Trainer(config), recorder.publish, recorder.report, pace=pace, fps=fps)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    return loop, recorder, thread


def stop(loop, thread):
    loop.send(Stop())
    thread.join(5)
    assert not thread.is_alive()


def test_publishes_a_snapshot_at_start():
    loop, recorder, thread = start(Config(seed="0.59704"))
    recorder.wait(lambda: recorder.snapshots)
    stop(loop, thread)
    assert recorder.snapshots[0][0].epoch == 0


def test_step_trains_exactly_one_epoch_and_stays_paused():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Step())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 1)
    stop(loop, thread)
    assert recorder.snapshots[-1][1] is False


def test_play_advances_epochs_and_pause_stops_them():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Play())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch >= 20)
    loop.send(Play(False))
    recorder.wait(lambda: recorder.snapshots[-1][1] is False)
    paused_at = recorder.snapshots[-1][0].epoch
    loop.send(SetFps(50))  # any command republishes; the epoch must not have moved
    recorder.wait(lambda: len(recorder.snapshots) >= 2 and recorder.snapshots[-1][0].epoch == paused_at)
    stop(loop, thread)


def test_same_epochs_give_the_cli_losses():
    loop, recorder, thread = start(Config(seed="0.59704"))
    for _ in range(3):
        loop.send(Step())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 3)
    stop(loop, thread)
    direct = Trainer(Config(seed="0.59704"))
    direct.step(3)
    assert recorder.snapshots[-1][0].train_loss == direct.train_loss


def test_learning_rate_change_keeps_training_state():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Step())
    loop.send(ApplyConfig(Config(learning_rate=0.1)))
    recorder.wait(lambda: recorder.snapshots[-1][0].config.learning_rate == 0.1)
    stop(loop, thread)
    assert recorder.snapshots[-1][0].epoch == 1


def test_structural_change_resets_to_epoch_zero():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Step())
    loop.send(ApplyConfig(Config(activation="relu")))
    recorder.wait(lambda: recorder.snapshots[-1][0].config.activation == "relu")
    stop(loop, thread)
    assert recorder.snapshots[-1][0].epoch == 0


def test_divergence_pauses_and_play_explains_why():
    broken = Config(problem="regression", learning_rate=10.0, seed="1", hidden_layers=(8, 8), activation="linear")
    loop, recorder, thread = start(broken)
    loop.send(Play())
    recorder.wait(lambda: recorder.snapshots[-1][0].diverged_at is not None and not recorder.snapshots[-1][1])
    loop.send(Play())
    recorder.wait(lambda: recorder.reports)
    stop(loop, thread)
    assert "diverged" in recorder.reports[-1][0] and recorder.reports[-1][1]


def test_bad_edit_is_reported_not_raised():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(EditParameter(0, 99, 0, 1.0))
    recorder.wait(lambda: recorder.reports)
    stop(loop, thread)
    assert recorder.reports[0][1] is True


def test_paced_training_runs_at_about_the_pace():
    loop, recorder, thread = start(Config(seed="0.59704"), pace=20, fps=20)
    loop.send(Play())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch >= 5)
    stop(loop, thread)
    assert recorder.snapshots[-1][0].epoch < 200


class Exploding(Trainer):
    """A trainer whose reset fails the way a bug would, not the way bad input does."""

    def reset(self):
        raise KeyError("boom")


def test_a_command_failing_unexpectedly_is_reported_and_the_loop_lives_on():
    recorder = Recorder()
    loop = TrainingLoop(Exploding(Config(seed="0.59704")), recorder.publish, recorder.report, pace=None, fps=50)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    loop.send(Reset())
    recorder.wait(lambda: recorder.reports)
    loop.send(Step())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 1)
    stop(loop, thread)
    text, failed = recorder.reports[0]
    assert failed and "Reset" in text and "KeyError" in text and "boom" in text


def test_something_that_is_not_a_command_is_reported_and_the_loop_lives_on():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send("step")
    recorder.wait(lambda: recorder.reports)
    loop.send(Step())
    recorder.wait(lambda: recorder.snapshots[-1][0].epoch == 1)
    stop(loop, thread)
    assert recorder.reports[0][1] is True and "not a training command" in recorder.reports[0][0]


def test_a_change_that_starts_the_run_over_pauses_it():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Play(True))
    recorder.wait(lambda: recorder.snapshots[-1][1] and recorder.snapshots[-1][0].epoch >= 2)
    loop.send(ApplyConfig(Config(seed="0.59704", hidden_layers=(3,))))
    recorder.wait(lambda: recorder.snapshots[-1][0].config.hidden_layers == (3,))
    stop(loop, thread)
    assert recorder.snapshots[-1][1] is False and recorder.snapshots[-1][0].epoch == 0


def test_a_live_change_keeps_it_playing():
    loop, recorder, thread = start(Config(seed="0.59704"))
    loop.send(Play(True))
    recorder.wait(lambda: recorder.snapshots[-1][1] and recorder.snapshots[-1][0].epoch >= 2)
    loop.send(ApplyConfig(Config(seed="0.59704", learning_rate=0.1)))
    recorder.wait(lambda: recorder.snapshots[-1][0].config.learning_rate == 0.1)
    stop(loop, thread)
    assert recorder.snapshots[-1][1] is True
