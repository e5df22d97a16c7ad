"""The settings model: stepping through the Playground's choices."""

from dataclasses import replace

from tui_nn.core.config import Config
from tui_nn.core.datasets import datasets_of
from tui_nn.ui.state import PANEL_ROW as SETTINGS_BY_KEY, PANEL_ROWS as SETTINGS, VALUE_WIDTH, UiState, dataset_title, resize_layer, step_setting


def state(**changes) -> UiState:
    return UiState(Config(**changes))


def test_learning_rate_steps_through_the_playground_list():
    up = step_setting(SETTINGS_BY_KEY["learning_rate"], state(), 1)
    down = step_setting(SETTINGS_BY_KEY["learning_rate"], state(), -1)
    assert (up.config.learning_rate, down.config.learning_rate) == (0.1, 0.01)


def test_numeric_setting_stops_at_its_ends():
    top = state(learning_rate=10.0)
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], top, 1).config.learning_rate == 10.0


def test_value_off_the_list_snaps_to_its_neighbour():
    between = state(learning_rate=0.05)
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], between, 1).config.learning_rate == 0.1
    assert step_setting(SETTINGS_BY_KEY["learning_rate"], between, -1).config.learning_rate == 0.03


def test_activation_stops_at_its_last_choice_because_a_change_discards_the_run():
    last = state(activation="linear")
    assert step_setting(SETTINGS_BY_KEY["activation"], last, 1).config.activation == "linear"


def test_last_dataset_does_not_wrap_to_the_first():
    last = state(dataset="spiral")
    assert step_setting(SETTINGS_BY_KEY["dataset"], last, 1).config.dataset == "spiral"
    first = state(dataset="circle")
    assert step_setting(SETTINGS_BY_KEY["dataset"], first, -1).config.dataset == "circle"


def test_display_flags_still_wrap():
    on = state(show_test_data=True)
    assert step_setting(SETTINGS_BY_KEY["show_test_data"], on, 1).config.show_test_data is False


def test_only_rows_that_keep_the_run_wrap():
    from tui_nn.core.settings import SETTING, Effect
    wrapping = {row.key for row in SETTINGS if row.wraps}
    assert wrapping == {"show_test_data", "discretize"}
    assert all(SETTING[key].effect < Effect.REBUILD for key in wrapping)


def test_dataset_choices_follow_the_problem():
    regression = state(problem="regression")
    stepped = step_setting(SETTINGS_BY_KEY["dataset"], regression, 1)
    assert stepped.config.regression_dataset == "reg-gauss"
    assert stepped.config.dataset == "circle"


def test_hidden_layer_count_adds_layers_of_two_and_removes_the_last():
    grown = step_setting(SETTINGS_BY_KEY["layers"], state(), 1)
    shrunk = step_setting(SETTINGS_BY_KEY["layers"], state(), -1)
    assert (grown.config.hidden_layers, shrunk.config.hidden_layers) == ((4, 2, 2), (4,))


def test_layer_count_stops_at_six():
    six = state(hidden_layers=(2,) * 6)
    assert step_setting(SETTINGS_BY_KEY["layers"], six, 1).config.hidden_layers == (2,) * 6


def test_speed_reaches_flat_out():
    fast = replace(state(), pace=480)
    assert step_setting(SETTINGS_BY_KEY["pace"], fast, 1).pace is None


def test_resize_layer_keeps_one_to_eight_neurons():
    config = Config(hidden_layers=(8, 1))
    assert resize_layer(config, 0, 1).hidden_layers == (8, 1)
    assert resize_layer(config, 1, -1).hidden_layers == (8, 1)
    assert resize_layer(config, 1, 1).hidden_layers == (8, 2)


def test_every_setting_shows_its_current_value():
    for setting in SETTINGS:
        assert setting.show(setting.get(state()))


# A data file (tui-nn --data) in the Dataset row.

DATASET = SETTINGS_BY_KEY["dataset"]


def test_dataset_row_shows_the_data_files_name():
    assert DATASET.show(DATASET.get(state(data_file="datasets/moons.csv"))) == "moons.csv"


def test_long_file_name_is_cut_to_the_panels_width():
    title = dataset_title("/data/a_rather_long_dataset_name.csv")
    assert len(title) == VALUE_WIDTH and title.endswith("...")


def test_right_from_a_data_file_goes_to_the_first_built_in_dataset():
    stepped = step_setting(DATASET, state(data_file="moons.csv", dataset="xor"), 1).config
    assert (stepped.data_file, stepped.dataset) == (None, "circle")


def test_left_from_a_data_file_goes_to_the_last_built_in_dataset_of_the_problem():
    stepped = step_setting(DATASET, state(data_file="sine.csv", problem="regression"), -1).config
    # Issue 8: the row lists the bundled real datasets after the generated ones.
    last = datasets_of("regression")[-1]
    assert (stepped.data_file, stepped.regression_dataset, stepped.problem) == (None, last, "regression")


def test_changing_the_problem_keeps_the_data_file():
    # Rule changed by issue 8: the file's labels are read anew for the new problem type.
    stepped = step_setting(SETTINGS_BY_KEY["problem"], state(data_file="moons.csv"), 1).config
    assert (stepped.problem, stepped.data_file) == ("regression", "moons.csv")
