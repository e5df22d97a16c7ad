"""Playground share links (PLAYGROUND.md §7.3): the three real hashes, parsing quirks, errors."""

from __future__ import annotations

import warnings

import pytest

from tui_nn.core.config import Config, ConfigError
from playground_links import DEFAULT_HASH, L1_HASH, DIVERGENT_HASH, OVER_LIMIT_HASH



def test_default_hash_is_the_default_config():
    assert Config.from_link(DEFAULT_HASH) == Config(seed="0.59704")


def test_l1_hash_values():
    config = Config.from_link(L1_HASH)
    assert (config.activation, config.regularization, config.regularization_rate) == ("sigmoid", "L1", 0.01)
    assert config.hidden_layers == (3, 3, 2, 2, 2)
    assert config.features == ("x", "y", "xSquared", "ySquared", "xTimesY")
    assert config.seed == "0.35097"


def test_divergent_hash_values():
    config = Config.from_link(DIVERGENT_HASH)
    assert (config.activation, config.regularization, config.regularization_rate) == ("tanh", "L2", 10.0)
    assert (config.batch_size, config.learning_rate, config.noise, config.train_percent) == (30, 0.3, 15.0, 90.0)
    assert (config.dataset, config.hidden_layers, config.seed) == ("spiral", (8, 8), "0.65451")
    assert config.features == ("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY")


@pytest.mark.parametrize("link", [DEFAULT_HASH, L1_HASH, DIVERGENT_HASH], ids=["default", "L1", "divergent"])
def test_to_link_round_trips_the_exact_text(link):
    assert Config.from_link(link).to_link() == link


def test_leading_hash_sign_is_accepted():
    assert Config.from_link("#" + L1_HASH) == Config.from_link(L1_HASH)


def test_full_url_parses():
    assert Config.from_link("https://playground.tensorflow.org/#" + DIVERGENT_HASH) == Config.from_link(DIVERGENT_HASH)


def test_batch_size_parses_as_int():
    assert isinstance(Config.from_link("batchSize=10").batch_size, int)


def test_missing_keys_take_playground_defaults():
    assert Config.from_link("activation=relu") == Config(activation="relu")


def test_empty_network_shape_means_no_hidden_layers():
    assert Config.from_link("networkShape=").hidden_layers == ()


def test_x_equals_zero_means_true():
    assert "x" in Config.from_link("x=0").features


def test_feature_false_removes_it():
    assert Config.from_link("x=false").features == ("y",)


def test_hidden_feature_is_removed_even_when_on():
    assert "xSquared" not in Config.from_link("xSquared=true&xSquared_hide=true").features


def test_hide_false_keeps_the_feature():
    assert "xSquared" in Config.from_link("xSquared=true&xSquared_hide=false").features


def test_regularization_none_is_omitted_from_the_link():
    assert "regularization=" not in Config().to_link()


@pytest.mark.parametrize(
    "pair", ["cosX=true", "cosY=true", "collectStats=true", "hideText=true", "numNodes1_hide=true"]
)
def test_inert_key_gives_no_warning(pair):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Config.from_link(pair) == Config()


def test_unknown_key_warns_and_is_ignored():
    with pytest.warns(UserWarning, match="flavour"):
        config = Config.from_link("flavour=mint&activation=relu")
    assert config == Config(activation="relu")


@pytest.mark.parametrize(
    "link, key",
    [
        ("learningRate=abc", "learningRate"),
        ("learningRate=-1", "learningRate"),
        ("networkShape=4,x", "networkShape"),
        ("networkShape=4,0", "networkShape"),
        ("activation=foo", "activation"),
        ("batchSize=0", "batchSize"),
        ("batchSize=2.5", "batchSize"),
        ("batchSize=inf", "batchSize"),  # found by tests/ui/test_fuzz.py: OverflowError, not a message
        ("batchSize=" + "9" * 400, "batchSize"),
        ("batchSize=nan", "batchSize"),
        ("percTrainData=100", "percTrainData"),
        ("regularizationRate=-1", "regularizationRate"),
        ("regDataset=moons", "regDataset"),
    ],
)
def test_bad_value_names_the_link_key(link, key):
    with pytest.raises(ConfigError, match=f"^{key}:"):
        Config.from_link(link)


@pytest.mark.parametrize(
    "changes, pair",
    [
        ({"learning_rate": 0.00001}, "learningRate=0.00001"),
        ({"learning_rate": 1e-7}, "learningRate=1e-7"),
        ({"learning_rate": 3.0}, "learningRate=3"),
        ({"regularization_rate": 0.003}, "regularizationRate=0.003"),
        ({"noise": 35.0}, "noise=35"),
        ({"train_percent": 70.0}, "percTrainData=70"),
    ],
)
def test_numbers_are_written_like_javascript(changes, pair):
    assert f"&{pair}&" in Config(**changes).to_link()


def test_over_limit_link_keeps_noise_2000():
    assert Config.from_link(OVER_LIMIT_HASH).noise == 2000


def test_over_limit_link_keeps_ten_layers():
    assert Config.from_link(OVER_LIMIT_HASH).hidden_layers == (8,) * 10


def test_old_hash_without_init_zero_parses():
    config = Config.from_link(
        "activation=tanh&batchSize=1&dataset=spiral&learningRate=1&noise=50&networkShape=8&seed=0.42182&problem=regression"
    )
    assert (config.problem, config.batch_size, config.learning_rate, config.init_zero) == ("regression", 1, 1.0, False)


# Our own key: dataFile (beyond the Playground).


def test_data_file_is_left_out_of_plain_links():
    assert "dataFile" not in Config(seed="0.5").to_link()


def test_data_file_key_comes_last():
    assert Config(data_file="datasets/moons.csv").to_link().endswith("&hideText=false&dataFile=datasets/moons.csv")


@pytest.mark.parametrize("path", ["datasets/moons.csv", "my data/a&b=c#1%.csv", "/tmp/naïve.csv"])
def test_data_file_round_trips_exactly(path):
    config = Config(data_file=path, seed="0.59704", problem="regression")
    link = config.to_link()
    assert Config.from_link(link) == config
    assert Config.from_link(link).to_link() == link


def test_data_file_is_parsed_from_a_link():
    assert Config.from_link(DEFAULT_HASH + "&dataFile=datasets/moons.csv").data_file == "datasets/moons.csv"


def test_empty_data_file_names_its_link_key():
    with pytest.raises(ConfigError, match="^dataFile: "):
        Config.from_link(DEFAULT_HASH + "&dataFile=")


# Classroom links: <id>_hide=true and tutorial= (PLAYGROUND.md §9) are kept and survive a share.


def test_hidden_controls_and_tutorial_parse_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        config = Config.from_link("learningRate_hide=true&playButton_hide=true&noise_hide=false&tutorial=neurons")
    assert (config.hidden_controls, config.tutorial) == (("learningRate", "playButton"), "neurons")


def test_hidden_controls_and_tutorial_survive_a_share():
    config = Config.from_link(DEFAULT_HASH + "&tutorial=neurons&numHiddenLayers_hide=true&xSquared_hide=true")
    link = config.to_link()
    assert "&tutorial=neurons&problem=" in link and link.endswith("&numHiddenLayers_hide=true&xSquared_hide=true")
    assert Config.from_link(link) == config


def test_plain_links_carry_no_classroom_keys():
    link = Config(seed="0.5").to_link()
    assert "_hide" not in link and "tutorial" not in link


def test_an_unknown_hidden_control_is_refused_by_config():
    with pytest.raises(ConfigError, match="hidden_controls"):
        Config(hidden_controls=("bogus",))
