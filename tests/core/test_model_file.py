"""Model files: Trainer.save / Trainer.load round trips, atomic writes, no pickle, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.model_file import ModelFileError
from tui_nn.core.trainer import Trainer

# L1 strong enough that links die within 3 epochs, so dead masks are saved too.
L1_CONFIG = Config(
    features=("x", "y", "xTimesY"),
    hidden_layers=(3, 2),
    learning_rate=0.1,
    regularization="L1",
    regularization_rate=0.1,
    seed="0.27182",
)


@pytest.fixture(scope="module")
def trained() -> Trainer:
    trainer = Trainer(L1_CONFIG)
    trainer.step(3)
    assert trainer.network.dead is not None and trainer.network.dead.any()
    return trainer


@pytest.fixture
def saved(trained, tmp_path) -> Path:
    path = tmp_path / "model.npz"
    trained.save(str(path))
    return path


def rewrite(path: Path, **changes: np.ndarray) -> None:
    """Replace (or, with None, drop) entries of a saved archive."""
    with np.load(path) as archive:
        data = {key: archive[key] for key in archive.files}
    data.update(changes)
    np.savez(path, **{key: value for key, value in data.items() if value is not None})


def test_round_trip_keeps_weights_and_biases(trained, saved):
    np.testing.assert_array_equal(Trainer.load(str(saved)).network.params, trained.network.params)


def test_round_trip_keeps_dead_links(trained, saved):
    np.testing.assert_array_equal(Trainer.load(str(saved)).network.dead, trained.network.dead)


def test_round_trip_keeps_epoch(trained, saved):
    assert Trainer.load(str(saved)).epoch == 3


def test_round_trip_keeps_config(trained, saved):
    assert Trainer.load(str(saved)).config == trained.config


def test_round_trip_keeps_losses(trained, saved):
    loaded = Trainer.load(str(saved))
    assert (loaded.train_loss, loaded.test_loss) == (trained.train_loss, trained.test_loss)


def test_round_trip_without_dead_links(tmp_path, tiny_config):
    trainer = Trainer(tiny_config)
    trainer.step(2)
    trainer.save(str(tmp_path / "plain.npz"))
    loaded = Trainer.load(str(tmp_path / "plain.npz"))
    assert loaded.network.dead is None or not loaded.network.dead.any()
    np.testing.assert_array_equal(loaded.network.params, trainer.network.params)


def test_loaded_run_keeps_training_like_the_original(tmp_path, tiny_config):
    original = Trainer(tiny_config)
    original.step(2)
    original.save(str(tmp_path / "m.npz"))
    loaded = Trainer.load(str(tmp_path / "m.npz"))
    # Batch 10 divides the 250 training points, so nothing is pending at the save.
    original.step(2)
    loaded.step(2)
    np.testing.assert_array_equal(loaded.network.params, original.network.params)


def test_saved_weights_are_fan_in_by_fan_out(trained, saved):
    with np.load(saved, allow_pickle=False) as archive:
        assert [archive[f"W{l}"].shape for l in range(3)] == [(3, 3), (3, 2), (2, 1)]
        np.testing.assert_array_equal(archive["W0"], trained.network.weights[0][:, :-1].T)


def test_saved_biases_are_fan_out(trained, saved):
    with np.load(saved, allow_pickle=False) as archive:
        assert [archive[f"b{l}"].shape for l in range(3)] == [(3,), (2,), (1,)]
        np.testing.assert_array_equal(archive["b1"], trained.network.weights[1][:, -1])


def test_save_leaves_no_temporary_files(trained, saved):
    assert os.listdir(saved.parent) == ["model.npz"]


def test_save_replaces_an_existing_file(trained, tmp_path, tiny_config):
    path = tmp_path / "model.npz"
    path.write_bytes(b"old contents")
    trained.save(str(path))
    assert Trainer.load(str(path)).config == trained.config
    assert os.listdir(tmp_path) == ["model.npz"]


def assert_model_error(path: Path, *words: str, config: Config | None = None) -> None:
    with pytest.raises(ModelFileError) as error:
        Trainer.load(str(path), config)
    message = str(error.value)
    assert str(path) in message
    for word in words:
        assert word in message, message


def test_missing_file_is_a_model_error(tmp_path):
    assert_model_error(tmp_path / "absent.npz", "no such file")


def test_empty_file_is_a_model_error(tmp_path):
    path = tmp_path / "empty.npz"
    path.write_bytes(b"")
    assert_model_error(path, "not a tui-nn model file")


def test_random_bytes_are_a_model_error(tmp_path, rng):
    path = tmp_path / "noise.npz"
    path.write_bytes(rng.integers(0, 256, 4096, dtype=np.uint8).tobytes())
    assert_model_error(path, "not a tui-nn model file")


def test_object_array_is_refused_without_unpickling(tmp_path):
    path = tmp_path / "pickled.npz"
    np.savez(path, format=np.array(1), config=np.array([{"evil": True}], dtype=object), epoch=np.array(0))
    assert_model_error(path, "not a tui-nn model file")


def test_plain_npy_file_is_a_model_error(tmp_path):
    path = tmp_path / "array.npy"
    np.save(path, np.zeros(3))
    assert_model_error(path, "not a tui-nn model file")


def test_archive_without_config_is_a_model_error(saved):
    rewrite(saved, config=None)
    assert_model_error(saved, "'config'")


def test_wrong_format_version_is_a_model_error(saved):
    rewrite(saved, format=np.array(99))
    assert_model_error(saved, "format 99")


def test_wrong_weight_shape_is_a_model_error(saved):
    rewrite(saved, W1=np.zeros((2, 3)))
    assert_model_error(saved, "'W1'", "(2, 3)", "(3, 2)")


def test_wrong_bias_shape_is_a_model_error(saved):
    rewrite(saved, b0=np.zeros(4))
    assert_model_error(saved, "'b0'", "(4,)", "(3,)")


def test_missing_weights_are_a_model_error(saved):
    rewrite(saved, W2=None)
    assert_model_error(saved, "'W2'")


def test_invalid_embedded_config_is_a_model_error(saved):
    rewrite(saved, config=np.array('{"activation": "softmax"}'))
    assert_model_error(saved, "activation")


def test_other_hidden_layers_is_a_model_error(saved):
    assert_model_error(saved, "hidden_layers", "3,2", "4", config=L1_CONFIG.replace(hidden_layers=(4,)))


def test_other_features_is_a_model_error(saved):
    assert_model_error(saved, "features", config=L1_CONFIG.replace(features=("x", "y")))


def test_matching_config_overrides_live_settings(saved):
    loaded = Trainer.load(str(saved), L1_CONFIG.replace(learning_rate=0.3))
    assert loaded.config.learning_rate == 0.3


def test_non_numeric_format_entry_is_a_model_error(saved):
    rewrite(saved, format=np.array("one"))
    assert_model_error(saved, "format")


def test_embedded_config_of_wrong_type_is_a_model_error(saved):
    rewrite(saved, config=np.array('{"hidden_layers": 3}'))
    assert_model_error(saved, "hidden_layers")
