"""Config: the Playground's defaults (PLAYGROUND.md §7.1), validation messages, JSON round trips."""

from __future__ import annotations

import math

import pytest

from tui_nn.core.config import Config, ConfigError, js_number


def test_defaults_are_the_playgrounds():
    config = Config()
    assert (config.dataset, config.regression_dataset, config.problem) == ("circle", "reg-plane", "classification")
    assert config.features == ("x", "y")
    assert config.hidden_layers == (4, 2)
    assert config.activation == "tanh"
    assert config.learning_rate == 0.03
    assert config.batch_size == 10
    assert (config.regularization, config.regularization_rate) == ("none", 0.0)
    assert (config.noise, config.train_percent) == (0.0, 50.0)
    assert (config.show_test_data, config.discretize, config.init_zero) == (False, False, False)


def test_data_file_defaults_to_generated_data():
    assert Config().data_file is None


def test_data_file_need_not_exist_yet():
    assert Config(data_file="made-later.csv").data_file == "made-later.csv"


def test_default_layer_sizes_end_in_one_output():
    assert Config().layer_sizes == (2, 4, 2, 1)


def test_features_are_kept_in_playground_order():
    assert Config(features=("sinY", "xTimesY", "x", "x")).features == ("x", "xTimesY", "sinY")


def test_dataset_name_follows_the_problem():
    assert Config(problem="regression", regression_dataset="reg-gauss").dataset_name == "reg-gauss"


# (changes, setting named, words of the allowed values)
BAD_VALUES = [
    ({"activation": "softmax"}, "activation", "relu, tanh, sigmoid, leaky_relu, elu, swish, gelu, sine, linear"),
    ({"regularization": "L3"}, "regularization", "none, L1, L2"),
    ({"problem": "ranking"}, "problem", "classification, regression"),
    ({"dataset": "moons"}, "dataset", "circle, xor, gauss, spiral"),
    ({"learning_rate": -0.1}, "learning_rate", "above 0"),
    ({"learning_rate": 0.0}, "learning_rate", "above 0"),
    ({"learning_rate": math.nan}, "learning_rate", "above 0"),
    ({"regularization_rate": -1.0}, "regularization_rate", "from 0"),
    ({"batch_size": 0}, "batch_size", "whole number from 1"),
    ({"batch_size": 2.5}, "batch_size", "whole number from 1"),
    ({"train_percent": 0}, "train_percent", "from 1 to 99"),
    ({"train_percent": 100}, "train_percent", "from 1 to 99"),
    ({"noise": -5}, "noise", "from 0"),
    ({"features": ("x", "z")}, "features", "x, y, xSquared, ySquared, xTimesY, sinX, sinY"),
    ({"hidden_layers": (2,) * 17}, "hidden_layers", "up to 16 layers"),
    ({"hidden_layers": (4, 0)}, "hidden_layers", "1 to 64 neurons"),
    ({"seed": 5}, "seed", "string"),
    ({"discretize": "yes"}, "discretize", "true or false"),
    ({"data_file": 3}, "data_file", "CSV file name"),
    ({"data_file": ""}, "data_file", "CSV file name"),
]


@pytest.mark.parametrize("changes, setting, allowed", BAD_VALUES, ids=[str(case[0]) for case in BAD_VALUES])
def test_bad_value_names_setting_and_allowed_values(changes, setting, allowed):
    with pytest.raises(ConfigError) as error:
        Config(**changes)
    assert setting in str(error.value) and allowed in str(error.value)


def test_replace_validates():
    with pytest.raises(ConfigError, match="batch_size"):
        Config().replace(batch_size=0)


def test_config_error_is_a_value_error():
    assert issubclass(ConfigError, ValueError)


def full_config() -> Config:
    return Config(
        dataset="spiral",
        regression_dataset="reg-gauss",
        problem="regression",
        features=("x", "sinY"),
        hidden_layers=(8, 3, 1),
        activation="relu",
        learning_rate=0.003,
        batch_size=7,
        regularization="L1",
        regularization_rate=0.001,
        noise=35,
        train_percent=70,
        seed="0.42182",
        show_test_data=True,
        discretize=True,
        init_zero=True,
        data_file="datasets/sine.csv",
    )


def test_dict_round_trip():
    config = full_config()
    assert Config.from_dict(config.to_dict()) == config


def test_json_round_trip():
    config = full_config()
    assert Config.from_json(config.to_json()) == config


def test_json_carries_the_data_file():
    assert '"data_file": "datasets/sine.csv"' in full_config().to_json()


def test_json_round_trip_without_seed():
    assert Config.from_json(Config().to_json()) == Config()


def test_from_dict_accepts_a_partial_dict():
    assert Config.from_dict({"activation": "relu"}) == Config(activation="relu")


def test_from_dict_names_an_unknown_key():
    with pytest.raises(ConfigError, match="learnig_rate"):
        Config.from_dict({"learnig_rate": 0.1})


def test_from_json_rejects_invalid_json():
    with pytest.raises(ConfigError, match="JSON"):
        Config.from_json("{not json")


def test_from_json_rejects_a_non_object():
    with pytest.raises(ConfigError, match="object"):
        Config.from_json("[1, 2]")


@pytest.mark.parametrize("data", [{"hidden_layers": 5}, {"features": 3}, {"features": [["x"]]}])
def test_from_dict_wrong_type_is_a_config_error(data):
    # A hand-edited run.json must fail with a ConfigError naming the setting, not a TypeError.
    with pytest.raises(ConfigError, match=next(iter(data))):
        Config.from_dict(data)


JS_STRINGS = [
    (0.00001, "0.00001"),
    (0.0001, "0.0001"),
    (0.03, "0.03"),
    (1e-6, "0.000001"),
    (2.5e-6, "0.0000025"),
    (1e-7, "1e-7"),
    (1.5e-7, "1.5e-7"),
    (3.0, "3"),
    (10, "10"),
    (0.0, "0"),
    (0.1 + 0.2, "0.30000000000000004"),
    (123.456, "123.456"),
    (1e21, "1e+21"),
]


@pytest.mark.parametrize("value, text", JS_STRINGS, ids=[text for _, text in JS_STRINGS])
def test_js_number_matches_javascript_string(value, text):
    assert js_number(value) == text
