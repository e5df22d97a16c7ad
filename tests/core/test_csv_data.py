"""CSV datasets: the bundled files, every malformed-file message, and runs of the Trainer on a file."""

import math
from pathlib import Path

import numpy as np
import pytest

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.settings import Effect
from tui_nn.core.csv_data import file_data, load_csv, seeded_generator
from tui_nn.core.network import Network
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.trainer import Trainer

BUNDLED = Path(__file__).resolve().parents[2] / "datasets"
MOONS = str(BUNDLED / "moons.csv")
SINE = str(BUNDLED / "sine.csv")


def moons(seed: str = "1", **changes) -> Config:
    """A run on the bundled moons that learns it in a few hundred epochs."""
    return Config(data_file=MOONS, hidden_layers=(8, 8), seed=seed, **changes)


def rows(split) -> np.ndarray:
    """Every row of a split, train then test, as `(x1, x2, label)`."""
    points = np.concatenate([split.train_points, split.test_points])
    labels = np.concatenate([split.train_labels, split.test_labels])
    return np.column_stack([points, labels])


def sorted_rows(table: np.ndarray) -> np.ndarray:
    return table[np.lexsort(table.T[::-1])]


def moons_table() -> np.ndarray:
    """The generator of `datasets/moons.csv`: two half-moons, N(0, 0.1) jitter, scaled by 3."""
    rng = np.random.default_rng(0)
    t_outer = rng.uniform(0, np.pi, 200)
    t_inner = rng.uniform(0, np.pi, 200)
    outer = np.column_stack([np.cos(t_outer), np.sin(t_outer)])
    inner = np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)])
    points = np.vstack([outer, inner]) + rng.normal(0, 0.1, (400, 2))
    points = (points - [0.5, 0.25]) * 3
    labels = np.repeat([1.0, -1.0], 200)
    # Rows are shuffled so that a head/tail train/test split sees both classes.
    return np.column_stack([np.round(points, 6), labels])[rng.permutation(400)]


def sine_table() -> np.ndarray:
    """The generator of `datasets/sine.csv`: label = 0.8 * sin(x1) on the rounded x1."""
    rng = np.random.default_rng(0)
    points = np.round(rng.uniform(-6, 6, (400, 2)), 6)
    return np.column_stack([points, np.round(np.sin(points[:, 0]) * 0.8, 6)])


@pytest.mark.parametrize(
    ("filename", "table", "problem"),
    [("moons.csv", moons_table, "classification"), ("sine.csv", sine_table, "regression")],
)
def test_bundled_csv_matches_its_generator(filename, table, problem):
    points, labels, got_problem = load_csv(BUNDLED / filename)
    expected = table()
    assert got_problem == problem
    np.testing.assert_allclose(points, expected[:, :2], atol=1.5e-6)
    np.testing.assert_allclose(labels, expected[:, 2], atol=1.5e-6)
    assert np.abs(points).max() <= 6


def test_load_csv_happy_path(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("x1,x2,label\n1,2,1\n\n-3.5, 4e-1 ,-1\n")
    points, labels, problem = load_csv(path)
    np.testing.assert_array_equal(points, [[1, 2], [-3.5, 0.4]])
    np.testing.assert_array_equal(labels, [1, -1])
    assert problem == "classification"


def test_load_csv_real_labels_mean_regression(tmp_path):
    # Rule changed with multi-class (issue 8): 0/1 labels are now two classes (see test_csv_rules.py).
    path = tmp_path / "real.csv"
    path.write_text("x1,x2,label\n0,0,0.5\n1,1,1\n")
    assert load_csv(path)[2] == "regression"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"line 1: missing header"),
        ("1,2,3\n1,2,1\n1,2,-1\n", r"line 1: missing header"),
        ("x1,x2,label\n1,2,1\n1,2\n", r"line 3: expected 3 columns"),
        ("x1,x2,label\n1,2,1\n1,2,1,4\n", r"line 3: expected 3 columns"),
        ("x1,x2,label\n1,2,1\n1,abc,1\n", r"line 3: x2 is not a number: 'abc'"),
        ("x1,x2,label\n1,2,1\n\n1,2,nan\n", r"line 4: label must be finite"),
        ("x1,x2,label\ninf,2,1\n1,2,1\n", r"line 2: x1 must be finite"),
        ("x1,x2,label\n1,2,1\n", r"at least 2 data rows"),
    ],
)
def test_load_csv_rejects_malformed_files_naming_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as error:
        load_csv(path)
    assert str(path) in str(error.value)


# ---------------------------------------------------------------------------------------------
# A data file in a run: checked, shuffled by the seed, split by the train ratio


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "data.csv"
    path.write_text(text)
    return str(path)


def test_seeded_generator_is_determined_by_the_seed_string():
    assert seeded_generator("0.5").integers(1 << 30) == seeded_generator("0.5").integers(1 << 30)
    assert seeded_generator("0.5").integers(1 << 30) != seeded_generator("0.6").integers(1 << 30)


def test_file_split_keeps_every_row_once():
    points, labels, _ = load_csv(MOONS)
    split = file_data(MOONS, "classification", 50, "1")
    np.testing.assert_array_equal(sorted_rows(rows(split)), sorted_rows(np.column_stack([points, labels])))


def test_file_split_follows_the_train_ratio():
    split = file_data(MOONS, "classification", 70, "1")
    assert (len(split.train_labels), len(split.test_labels)) == (280, 120)


def test_same_seed_gives_the_same_split():
    np.testing.assert_array_equal(
        Trainer(moons("0.5")).data.train_points, Trainer(moons("0.5")).data.train_points
    )


def test_different_seed_gives_a_different_split():
    assert not np.array_equal(Trainer(moons("0.5")).data.train_points, Trainer(moons("0.6")).data.train_points)


def test_file_shuffle_ignores_global_numpy_state():
    np.random.seed(0)
    first = file_data(MOONS, "classification", 50, "1")
    np.random.seed(1)
    np.testing.assert_array_equal(first.train_points, file_data(MOONS, "classification", 50, "1").train_points)


def test_initial_weights_come_from_the_playground_stream():
    config = moons("0.59704")
    expected = Network.playground_initial(config.layer_sizes, "tanh", "tanh", PlaygroundRandom("0.59704").random)
    np.testing.assert_array_equal(Trainer(config).network.params, expected.params)


def test_trainer_learns_the_bundled_moons():
    trainer = Trainer(moons())
    trainer.step(300)
    assert trainer.test_accuracy > 0.9


def test_trainer_fits_the_bundled_sine_as_regression():
    trainer = Trainer(Config(data_file=SINE, problem="regression", features=("x", "y", "sinX"), hidden_layers=(8, 8), seed="1"))
    start = trainer.test_loss
    trainer.step(100)
    assert trainer.test_accuracy is None
    assert trainer.test_loss < 0.01 < start


def test_noise_does_not_apply_to_a_file():
    trainer = Trainer(moons())
    points = trainer.data.train_points
    trainer.apply(trainer.config.replace(noise=30))
    np.testing.assert_array_equal(trainer.data.train_points, points)


def test_regenerate_reshuffles_the_file_and_keeps_the_network():
    trainer = Trainer(moons())
    trainer.step(3)
    before, params = trainer.data, trainer.network.params.copy()
    trainer.regenerate()
    assert trainer.config.seed != "1" and trainer.epoch == 3
    assert not np.array_equal(trainer.data.train_points, before.train_points)
    np.testing.assert_array_equal(sorted_rows(rows(trainer.data)), sorted_rows(rows(before)))
    np.testing.assert_array_equal(trainer.network.params, params)


def test_regenerated_split_is_the_new_seeds_split():
    trainer = Trainer(moons())
    trainer.regenerate()
    expected = file_data(MOONS, "classification", 50, trainer.config.seed, rescale=True)  # a run rescales by default
    np.testing.assert_array_equal(trainer.data.train_points, expected.train_points)


def test_choosing_a_data_file_is_a_data_change(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    assert trainer.apply(tiny_config.replace(data_file=MOONS)) is Effect.NEW_DATA
    assert trainer.epoch == 0 and len(trainer.data.train_labels) == 200


def test_leaving_a_data_file_is_a_data_change():
    trainer = Trainer(moons())
    assert trainer.apply(trainer.config.replace(data_file=None)) is Effect.NEW_DATA
    assert len(trainer.data.train_labels) == 250  # the circle's 500 points, half for training


def test_malformed_file_gives_load_csvs_message_through_the_trainer(tmp_path):
    path = write(tmp_path, "x1,x2,label\n1,2,1\n1,abc,-1\n")
    with pytest.raises(ConfigError, match=r"data\.csv: line 3: x2 is not a number: 'abc'"):
        Trainer(Config(data_file=path, seed="1"))


def test_missing_file_is_named():
    with pytest.raises(ConfigError, match=r"^nowhere\.csv: no such file$"):
        Trainer(Config(data_file="nowhere.csv", seed="1"))


def test_classification_of_real_labels_is_refused_pointing_at_regression():
    with pytest.raises(ConfigError) as error:
        Trainer(Config(data_file=SINE, seed="1"))
    message = str(error.value)
    assert message.startswith(SINE) and "+1 or -1" in message and "--problem regression" in message


def test_file_too_small_for_any_training_point_is_refused(tmp_path):
    path = write(tmp_path, "x1,x2,label\n1,2,1\n3,4,-1\n")
    with pytest.raises(ConfigError, match=r"2 rows leave no training point at a train ratio of 10%"):
        Trainer(Config(data_file=path, train_percent=10, seed="1"))


def test_failed_file_change_keeps_the_run(tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    with pytest.raises(ConfigError, match="no such file"):
        trainer.apply(tiny_config.replace(data_file="nowhere.csv"))
    assert (trainer.config, trainer.epoch) == (tiny_config, 2)
    trainer.step()
    assert trainer.epoch == 3
