"""The run log: one row per run, what changed, the epoch reached, losses and the best test loss."""

from __future__ import annotations

import csv
import io

from tui_nn.core.config import Config
from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import RunStart
from tui_nn.core.run_log import COLUMNS, RunLog, changes, to_csv
from tui_nn.core.trainer import Trainer


def test_changes_name_each_setting_in_the_tables_words():
    old = Config(seed="1")
    new = old.replace(learning_rate=0.1, regularization="L1", seed="2")
    assert changes(old, new) == "regularization None -> L1, learning rate 0.03 -> 0.1"
    assert changes(old, old) == "same settings" and changes(None, old) == "first run"


def test_scripted_sequence_of_runs_gives_one_row_each():
    log, trainer = RunLog(), Trainer(Config(seed="0.59704"))
    trainer.step(30)
    log.add_trainer("start", trainer)
    trainer.apply(trainer.config.replace(regularization="L1", regularization_rate=0.01))
    trainer.restart()
    trainer.step(20)
    log.add_trainer("restart", trainer)
    trainer.reset()
    trainer.step(10)
    log.add_trainer("reset", trainer)
    rows = log.rows()
    assert [(r.number, r.began, r.epoch) for r in rows] == [(1, "start", 30), (2, "restart", 20), (3, "reset", 10)]
    assert rows[1].change == "regularization None -> L1, reg. rate 0 -> 0.01"
    assert rows[2].change == "same settings"
    assert rows[0].best_test_loss <= rows[0].test_loss and 0 <= rows[0].best_epoch <= 30


def test_experiment_rows_are_logged_with_variant_and_initial_weights():
    log = RunLog()
    experiment = Experiment(RunStart.of(Trainer(Config(seed="0.59704"))), "regularization", ["L1", "L2"], repeats=2)
    experiment.step(3)
    log.add_experiment("repeat", experiment.snapshot())
    assert [row.change for row in log.rows()] == [
        "regularization L1, init 1 of 2", "regularization L1, init 2 of 2",
        "regularization L2, init 1 of 2", "regularization L2, init 2 of 2"]


def test_csv_has_the_columns_and_a_link_per_row():
    log, trainer = RunLog(), Trainer(Config(seed="0.59704"))
    trainer.step(2)
    log.add_trainer("start", trainer)
    rows = list(csv.DictReader(io.StringIO(to_csv(log.rows()))))
    assert list(rows[0]) == [*COLUMNS, "diverged_at", "link"]
    assert rows[0]["epoch"] == "2" and "seed=0.59704" in rows[0]["link"]
