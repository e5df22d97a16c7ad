"""The settings table: one row per Config field, unique keys, effects, and errors worded per front end."""

from __future__ import annotations

import dataclasses

import pytest

from tui_nn.core.config import Config, SettingError
from tui_nn.core.settings import INERT_KEYS, SETTING, SETTINGS, Effect, dataset_changes, strongest_effect


def test_every_config_field_has_exactly_one_row():
    fields = [row.field for row in SETTINGS]
    assert len(fields) == len(set(fields))
    assert set(fields) == {f.name for f in dataclasses.fields(Config)}


def test_link_keys_and_options_are_unique():
    keys = [row.link_key for row in SETTINGS if row.link_key] + list(INERT_KEYS)
    options = [row.option for row in SETTINGS if row.option]
    assert len(keys) == len(set(keys)) and len(options) == len(set(options))


@pytest.mark.parametrize(
    ("change", "effect"),
    [
        ({"learning_rate": 0.1}, Effect.LIVE),
        ({"discretize": True}, Effect.DISPLAY),
        ({"batch_size": 5}, Effect.REBUILD),
        ({"noise": 10}, Effect.NEW_DATA),
        ({"seed": "0.2"}, Effect.RESTART),
        ({"learning_rate": 0.1, "hidden_layers": (3,)}, Effect.REBUILD),
        ({"regression_dataset": "reg-gauss"}, None),
    ],
)
def test_strongest_effect_of_a_change(change, effect):
    old = Config(seed="0.1")
    assert strongest_effect(old, old.replace(**change)) is effect


def test_noise_does_not_apply_to_a_data_file():
    old = Config(seed="0.1", data_file="points.csv")
    assert not SETTING["noise"].applies(old)
    assert strongest_effect(old, old.replace(noise=20)) is None


def test_leaving_a_data_file_draws_new_data():
    old = Config(seed="0.1", data_file="points.csv")
    assert strongest_effect(old, old.replace(data_file=None)) is Effect.NEW_DATA


def test_dataset_changes_choose_the_problem_of_the_dataset():
    assert dataset_changes("reg-gauss") == {"regression_dataset": "reg-gauss", "problem": "regression", "data_file": None}
    assert dataset_changes("xor") == {"dataset": "xor", "problem": "classification", "data_file": None}


def test_setting_error_carries_field_value_and_what_is_allowed():
    with pytest.raises(SettingError) as caught:
        Config(learning_rate=-1.0)
    error = caught.value
    assert (error.field, error.value, error.allowed) == ("learning_rate", -1.0, "it must be a number above 0 and at most 1e6")


def test_each_front_end_words_the_same_error_with_its_own_name():
    with pytest.raises(SettingError) as caught:
        Config(batch_size=0)
    assert caught.value.worded("--batch-size", "0") == "--batch-size: '0' is not allowed; it must be a whole number from 1 to 100000"
    assert caught.value.worded("Batch size").startswith("Batch size: 0 is not allowed")


def test_a_link_error_names_the_link_key_and_keeps_the_fields():
    with pytest.raises(SettingError) as caught:
        Config.from_link("batchSize=0")
    assert (caught.value.field, caught.value.value) == ("batchSize", 0)
    assert str(caught.value).startswith("batchSize: 0 is not allowed")
