"""Saved runs: save, load and N more epochs equal N more epochs without stopping, bit for bit; bad
files are refused with a message naming the problem (and the format version)."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.model_file import load_model, model_arrays, write_npz
from tui_nn.core.optimizers import OPTIMIZERS
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.saved_run import RUN_FORMAT, SavedRunError, load_run, run_arrays, save_run
from tui_nn.core.trainer import Trainer

# Batch 7 over 250 training points leaves a carry-over; L1 kills links; shuffle and decay change each epoch.
HARD = Config(seed="0.35097", batch_size=7, regularization="L1", regularization_rate=0.003, shuffle=True,
              lr_decay="exponential", decay_rate=0.7, decay_epochs=5, hidden_layers=(5, 3), learning_rate=0.1)


def same_run(a: Trainer, b: Trainer) -> None:
    assert a.epoch == b.epoch
    assert (a.train_loss, a.test_loss) == (b.train_loss, b.test_loss)
    assert np.array_equal(a.network.params, b.network.params)
    for x, y in zip(a.history.arrays(), b.history.arrays()):
        assert np.array_equal(x, y)


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_resume_equals_continuous(optimizer, tmp_path):
    config = HARD.replace(optimizer=optimizer, learning_rate=0.01 if optimizer in ("adam", "rmsprop") else 0.1)
    continuous, stopped = Trainer(config), Trainer(config)
    continuous.step(23)
    stopped.step(11)
    save_run(tmp_path / "run.npz", stopped)
    resumed = load_run(tmp_path / "run.npz")
    resumed.step(12)
    same_run(continuous, resumed)
    if optimizer == "sgd":  # L1 has killed links by then: they are part of the saved run
        assert continuous.network.dead is not None
    dead = [run.network.dead for run in (continuous, resumed)]
    assert dead[0] is dead[1] is None or np.array_equal(*dead)


def test_resume_continues_the_playground_stream(tmp_path):
    # Reset and regenerate draw from the stream: they must draw the same after loading.
    continuous, stopped = Trainer(HARD), Trainer(HARD)
    for run in (continuous, stopped):
        run.step(3)
    save_run(tmp_path / "run.npz", stopped)
    resumed = load_run(tmp_path / "run.npz")
    for run in (continuous, resumed):
        run.regenerate()
        run.step(2)
        run.reset()
        run.step(2)
    same_run(continuous, resumed)
    assert continuous.config.seed == resumed.config.seed


def test_a_saved_run_is_also_a_model_file(tmp_path):
    run = Trainer(Config(seed="0.5"))
    run.step(3)
    save_run(tmp_path / "run.npz", run)
    model = load_model(tmp_path / "run.npz")
    assert model.epoch == 3 and np.array_equal(model.network.params, run.network.params)


def test_a_data_file_run_resumes_without_its_file(tmp_path):
    csv = tmp_path / "points.csv"
    rng = np.random.default_rng(0)
    rows = [f"{x:.3f},{y:.3f},{1 if x * y > 0 else -1}" for x, y in rng.uniform(-5, 5, (60, 2))]
    csv.write_text("x1,x2,label\n" + "\n".join(rows) + "\n")
    continuous, stopped = Trainer(Config(seed="0.5", data_file=str(csv))), Trainer(Config(seed="0.5", data_file=str(csv)))
    continuous.step(4)
    stopped.step(2)
    save_run(tmp_path / "run.npz", stopped)
    csv.unlink()
    resumed = load_run(tmp_path / "run.npz")
    resumed.step(2)
    same_run(continuous, resumed)


def test_generator_state_round_trips():
    rng = PlaygroundRandom("0.5")
    rng.random()
    twin = PlaygroundRandom("other")
    twin.setstate(rng.getstate())
    assert [twin.random() for _ in range(5)] == [rng.random() for _ in range(5)]


def test_a_model_file_is_refused_by_name(tmp_path):
    Trainer(Config(seed="0.5")).save(str(tmp_path / "model.npz"))
    with pytest.raises(SavedRunError, match="a model file .*model format 1.*--load"):
        load_run(tmp_path / "model.npz")


@pytest.mark.parametrize("version, words", [(RUN_FORMAT + 1, "format 2 is newer"), (0, "format 0 is not supported")])
def test_another_format_version_is_refused_by_number(version, words, tmp_path):
    run = Trainer(Config(seed="0.5"))
    arrays = {**model_arrays(run.config, run.network, run.epoch), **run_arrays(run), "run_format": np.array(version)}
    write_npz(tmp_path / "run.npz", arrays)
    with pytest.raises(SavedRunError, match=words):
        load_run(tmp_path / "run.npz")


def test_damaged_entries_are_named(tmp_path):
    run = Trainer(Config(seed="0.5"))
    arrays = {**model_arrays(run.config, run.network, run.epoch), **run_arrays(run)}
    arrays["params"] = arrays["params"][:3]
    write_npz(tmp_path / "run.npz", arrays)
    with pytest.raises(SavedRunError, match="'params'"):
        load_run(tmp_path / "run.npz")


def test_pickles_and_junk_are_refused(tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(SavedRunError, match="not a tui-nn saved run"):
        load_run(tmp_path / "junk.npz")
    np.savez(tmp_path / "pickled.npz", config=np.array([{"a": 1}], dtype=object), run_format=np.array(1))
    with pytest.raises(SavedRunError):
        load_run(tmp_path / "pickled.npz")
    with pytest.raises(SavedRunError, match="no such file"):
        load_run(tmp_path / "missing.npz")


def test_an_archive_that_unpacks_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    import tui_nn.core.saved_run as saved_run

    monkeypatch.setattr(saved_run, "MAX_FILE_BYTES", 40_000)  # the file is smaller; what it unpacks to is not
    np.savez_compressed(tmp_path / "bomb.npz", zeros=np.zeros(100_000))
    assert (tmp_path / "bomb.npz").stat().st_size < 40_000
    with pytest.raises(SavedRunError, match="unpacks to more than"):
        load_run(tmp_path / "bomb.npz")
