"""`tui-nn` command line: `cli.main([...])` output, exit statuses and option order."""

from __future__ import annotations

import importlib.machinery
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tui_nn.cli import main as cli
from tui_nn.core.config import Config
from playground_links import DEFAULT_HASH, DIVERGENT_HASH

# PLAYGROUND.md §7.3, hash 1: the Playground's default state.
# PLAYGROUND.md §7.3, hash 3: tensorflow/playground#77, first NaN at epoch 69 in the browser.
ROOT = Path(__file__).resolve().parents[2]
MOONS = str(ROOT / "datasets" / "moons.csv")
SINE = str(ROOT / "datasets" / "sine.csv")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    status, out, err = run(capsys, "train", *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def boundary(out: str) -> tuple[list[str], str]:
    """The boundary rows (without y labels) and the x tick row of a text report."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith(" 6 "))
    bottom = next(i for i, line in enumerate(lines) if line.startswith("-6 "))
    return [line[3:] for line in lines[top : bottom + 1]], lines[bottom + 1]


def test_default_link_matches_playground_losses(capsys):
    result = run_json(capsys, "--link", DEFAULT_HASH, "--epochs", "300")
    assert result["train_loss"] == pytest.approx(0.0015790847202452093, rel=1e-9)
    assert result["test_loss"] == pytest.approx(0.0015591454329444302, rel=1e-9)


def test_json_history_starts_at_epoch_zero_and_keeps_every_epoch(capsys):
    history = run_json(capsys, "--link", DEFAULT_HASH, "--epochs", "300")["history"]
    assert len(history) == 301
    assert [row["epoch"] for row in history] == list(range(301))
    assert history[0]["train_loss"] == pytest.approx(0.4994400967795191, rel=1e-9)


def test_json_link_round_trips(capsys):
    result = run_json(capsys, "--link", DEFAULT_HASH, "--epochs", "0")
    assert result["link"] == DEFAULT_HASH
    assert Config.from_link(result["link"]) == Config.from_dict(result["config"])


def test_json_has_every_documented_key(capsys):
    result = run_json(capsys, "--link", DEFAULT_HASH, "--epochs", "2")
    expected = {"config", "link", "epochs", "train_loss", "test_loss", "accuracy", "train_accuracy", "diverged",
                "diverged_at", "history", "classes", "confusion"}  # the last two: issue 8
    assert set(result) == expected
    assert (result["epochs"], result["diverged"], result["diverged_at"]) == (2, False, None)
    assert 0 <= result["accuracy"] <= 1


def test_divergent_link_diverges_at_the_browsers_epoch(capsys):
    result = run_json(capsys, "--link", DIVERGENT_HASH, "--epochs", "100")
    assert result["diverged"] is True
    assert result["diverged_at"] == 69
    assert result["epochs"] == 69
    assert result["train_loss"] is None
    assert result["history"][-1] == {"epoch": 69, "train_loss": None, "test_loss": None}


def test_divergence_is_reported_without_warnings(capsys):
    status, out, err = run(capsys, "train", "--link", DIVERGENT_HASH, "--epochs", "100")
    assert status == 0
    assert "diverged at epoch 69: the loss became NaN/inf" in out
    assert "lower learning rate" in out
    assert err == ""


def test_options_after_link_override_it(capsys):
    config = run_json(capsys, "--link", DEFAULT_HASH, "--learning-rate", "0.1", "--layers", "3", "--epochs", "0")["config"]
    assert (config["learning_rate"], config["hidden_layers"], config["seed"]) == (0.1, [3], "0.59704")


def test_options_before_link_are_overridden(capsys):
    config = run_json(capsys, "--learning-rate", "0.1", "--seed", "0.1", "--link", DEFAULT_HASH, "--epochs", "0")["config"]
    assert (config["learning_rate"], config["seed"]) == (0.03, "0.59704")


def test_config_file_applies_in_order(capsys, tmp_path):
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"learning_rate": 0.3, "hidden_layers": [2]}))
    config = run_json(capsys, "--batch-size", "5", "--config", str(path), "--activation", "relu", "--epochs", "0")["config"]
    assert (config["learning_rate"], config["hidden_layers"], config["batch_size"], config["activation"]) == (0.3, [2], 10, "relu")


def test_settings_before_the_subcommand_apply(capsys):
    status, out, err = run(capsys, "--seed", "0.3", "train", "--epochs", "0", "--json")
    assert json.loads(out)["config"]["seed"] == "0.3"


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--learning-rate", "abc"], "--learning-rate"),
        (["--learning-rate", "0"], "--learning-rate"),
        (["--learning-rate", "-1"], "--learning-rate"),
        (["--batch-size", "0"], "--batch-size"),
        (["--layers", "a,b"], "--layers"),
        (["--dataset", "moons"], "--dataset"),
        (["--features", "foo"], "--features"),
        (["--train-ratio", "0.5"], "--train-ratio"),
        (["--regularization", "L3"], "--regularization"),
        (["--epochs", "-1"], "--epochs"),
        (["--link", "networkShape=a"], "--link"),
        (["--bogus"], "--bogus"),
    ],
)
def test_bad_value_exits_2_with_one_line_naming_the_option(capsys, argv, option):
    status, out, err = run(capsys, "train", *argv, "--epochs", "0")
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("tui-nn: error: ") and option in err


def test_bad_learning_rate_message_quotes_the_value(capsys):
    _, _, err = run(capsys, "train", "--learning-rate", "abc")
    assert err == "tui-nn: error: --learning-rate: 'abc' is not a number\n"


def test_unknown_link_key_warns_on_stderr(capsys):
    status, out, err = run(capsys, "train", "--link", DEFAULT_HASH + "&foo=1", "--epochs", "0", "--json")
    assert status == 0
    assert err == "tui-nn: warning: ignoring unknown link key 'foo'\n"
    assert json.loads(out)["epochs"] == 0


def test_dataset_name_sets_its_problem_unless_overridden_later(capsys):
    assert run_json(capsys, "--dataset", "reg-gauss", "--epochs", "0")["config"]["problem"] == "regression"
    config = run_json(capsys, "--dataset", "reg-gauss", "--problem", "classification", "--epochs", "0")["config"]
    assert (config["problem"], config["regression_dataset"]) == ("classification", "reg-gauss")


def test_features_accept_link_keys_and_ascii_labels(capsys):
    config = run_json(capsys, "--features", "x1,xSquared,sin(x2),X1*X2", "--epochs", "0")["config"]
    assert config["features"] == ["x", "xSquared", "xTimesY", "sinY"]


@pytest.mark.parametrize("value", ["", "none"])
def test_layers_none_means_no_hidden_layers(capsys, value):
    assert run_json(capsys, "--layers", value, "--epochs", "0")["config"]["hidden_layers"] == []


def test_save_then_load_continues_the_run(capsys, tmp_path):
    model = str(tmp_path / "model.npz")
    settings = ("--seed", "0.5", "--batch-size", "10")  # 250 training points: no leftover examples to carry
    run_json(capsys, *settings, "--epochs", "10", "--save", model)
    resumed = run_json(capsys, "--load", model, "--epochs", "10")
    straight = run_json(capsys, *settings, "--epochs", "20")
    assert (resumed["epochs"], resumed["history"][0]["epoch"]) == (20, 10)
    assert (resumed["train_loss"], resumed["test_loss"]) == (straight["train_loss"], straight["test_loss"])


def test_load_keeps_the_models_settings_under_explicit_options(capsys, tmp_path):
    model = str(tmp_path / "model.npz")
    run_json(capsys, "--seed", "0.5", "--layers", "3", "--epochs", "1", "--save", model)
    config = run_json(capsys, "--load", model, "--learning-rate", "0.1", "--epochs", "1")["config"]
    assert (config["hidden_layers"], config["seed"], config["learning_rate"]) == ([3], "0.5", 0.1)


def test_load_with_mismatching_layers_exits_2_naming_layers(capsys, tmp_path):
    model = str(tmp_path / "model.npz")
    run_json(capsys, "--seed", "0.5", "--epochs", "1", "--save", model)
    status, out, err = run(capsys, "train", "--load", model, "--layers", "3", "--epochs", "1")
    assert status == 2
    assert len(err.splitlines()) == 1 and "--layers" in err and "--load" in err


def test_load_of_a_corrupt_file_exits_2_with_a_message(capsys, tmp_path):
    model = tmp_path / "model.npz"
    model.write_bytes(b"not a model")
    status, out, err = run(capsys, "train", "--load", str(model))
    assert status == 2
    assert len(err.splitlines()) == 1 and str(model) in err


def test_unwritable_save_exits_1_after_printing_results(capsys, tmp_path):
    status, out, err = run(capsys, "train", "--epochs", "1", "--json", "--save", str(tmp_path / "no" / "m.npz"))
    assert status == 1
    assert json.loads(out)["epochs"] == 1
    assert err.startswith("tui-nn: error: --save: cannot write") and len(err.splitlines()) == 1


def test_text_report_draws_the_boundary_with_points_and_axes(capsys):
    status, out, _ = run(capsys, "train", "--link", DEFAULT_HASH, "--epochs", "300")
    rows, ticks = boundary(out)
    assert status == 0
    assert len(rows) == 30 and {len(row) for row in rows} == {60}
    assert "o" in "".join(rows) and "x" in "".join(rows)
    assert ticks.split()[0] == "-6" and ticks.split()[-1] == "6" and "0" in ticks.split()


def test_text_report_gives_losses_accuracy_and_how_to_repeat(capsys):
    _, out, _ = run(capsys, "train", "--link", DEFAULT_HASH, "--epochs", "300")
    assert "loss      train 0.002   test 0.002" in out
    assert "accuracy  train 100.0%   test 100.0%" in out
    assert "seed 0.59704; repeat with: tui-nn train --link 'activation=tanh&" in out


def test_discretized_boundary_uses_only_the_extreme_shades(capsys):
    _, out, _ = run(capsys, "train", "--link", DEFAULT_HASH, "--discretize", "--epochs", "50")
    assert set("".join(boundary(out)[0])) <= set("=#ox")


def test_test_points_are_drawn_when_shown(capsys):
    _, out, _ = run(capsys, "train", "--seed", "0.5", "--show-test-data", "--epochs", "0")
    cells = "".join(boundary(out)[0])
    assert "O" in cells and "X" in cells


def test_plot_adds_a_loss_chart(capsys):
    _, out, _ = run(capsys, "train", "--seed", "0.5", "--epochs", "20", "--plot")
    assert "train loss" in out and "test loss" in out and "epoch" in out.splitlines()[-1]


def test_regression_reports_accuracy_null(capsys):
    result = run_json(capsys, "--dataset", "reg-plane", "--seed", "0.5", "--epochs", "5")
    assert (result["accuracy"], result["train_accuracy"]) == (None, None)


def test_run_without_seed_reports_a_seed_that_repeats_it(capsys):
    first = run_json(capsys, "--epochs", "5")
    seed = first["config"]["seed"]
    assert re.fullmatch(r"[01]\.\d{5}", seed)
    again = run_json(capsys, "--seed", seed, "--epochs", "5")
    assert (again["train_loss"], again["test_loss"]) == (first["train_loss"], first["test_loss"])


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(capsys):
    status, _, err = run(capsys, "train", "--seed", "0.5", "--epochs", "20", "--json")
    assert (status, err) == (0, "")


def test_link_command_prints_the_share_string(capsys):
    status, out, _ = run(capsys, "link", "--link", DEFAULT_HASH, "--noise", "10")
    assert status == 0
    assert out == DEFAULT_HASH.replace("noise=0", "noise=10") + "\n"


def _fake_app(monkeypatch: pytest.MonkeyPatch, **attributes: object) -> None:
    module = types.ModuleType("tui_nn.ui.launch")
    module.__spec__ = importlib.machinery.ModuleSpec("tui_nn.ui.launch", None)
    for name, value in attributes.items():
        setattr(module, name, value)
    monkeypatch.setitem(sys.modules, "tui_nn.ui.launch", module)


def test_no_command_opens_the_app_with_the_settings(capsys, monkeypatch):
    seen = []
    _fake_app(monkeypatch, run_app=lambda trainer, options: seen.append((trainer, options)) or 0)
    assert run(capsys, "--seed", "0.3", "--ascii", "--fps", "5", "--speed", "max")[0] == 0
    [(trainer, options)] = seen
    assert (trainer.config.seed, options.ascii, options.fps, options.speed) == ("0.3", True, 5, None)


def test_app_speed_must_be_a_number_or_max(capsys):
    status, _, err = run(capsys, "--speed", "fast")
    assert status == 2 and "--speed" in err


def test_no_command_without_an_app_prints_help(capsys, monkeypatch):
    _fake_app(monkeypatch)
    status, out, _ = run(capsys)
    assert status == 0 and out.startswith("usage: tui-nn")


def test_python_dash_m_runs_one_epoch_as_json():
    done = subprocess.run(
        [sys.executable, "-m", "tui_nn", "train", "--epochs", "1", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["epochs"] == 1


# --data: a CSV file instead of a generated dataset.


def test_data_sets_the_file_and_the_problem_from_its_labels(capsys):
    config = run_json(capsys, "--data", SINE, "--epochs", "0")["config"]
    assert (config["data_file"], config["problem"]) == (SINE, "regression")


def test_data_before_the_subcommand_applies(capsys):
    status, out, err = run(capsys, "--data", MOONS, "train", "--epochs", "0", "--json")
    assert status == 0, err
    assert json.loads(out)["config"]["data_file"] == MOONS


def test_problem_after_data_overrides_it(capsys):
    assert run_json(capsys, "--data", MOONS, "--problem", "regression", "--epochs", "0")["config"]["problem"] == "regression"


def test_dataset_after_data_goes_back_to_generated_data(capsys):
    config = run_json(capsys, "--data", MOONS, "--dataset", "circle", "--epochs", "0")["config"]
    assert (config["data_file"], config["dataset"]) == (None, "circle")


def test_data_run_learns_the_moons_and_links_back_to_the_file(capsys):
    result = run_json(capsys, "--data", MOONS, "--layers", "8,8", "--seed", "1", "--epochs", "300")
    assert result["accuracy"] > 0.9
    assert Config.from_link(result["link"]).data_file == MOONS


def test_text_report_names_the_data_file(capsys):
    _, out, _ = run(capsys, "train", "--data", MOONS, "--seed", "1", "--epochs", "0")
    assert f"data      {MOONS} (CSV, classification; 200 train, 200 test points)" in out


def test_text_report_names_the_generated_dataset(capsys):
    _, out, _ = run(capsys, "train", "--dataset", "xor", "--seed", "1", "--epochs", "0")
    assert "data      xor (generated; 250 train, 250 test points)" in out


def test_malformed_data_file_exits_2_with_load_csvs_line(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,label\n1,2,1\n1,abc,-1\n")
    status, out, err = run(capsys, "train", "--data", str(path), "--epochs", "0")
    assert (status, out) == (2, "")
    assert err == f"tui-nn: error: --data: {path}: line 3: x2 is not a number: 'abc'\n"


def test_missing_data_file_exits_2_naming_it(capsys):
    status, _, err = run(capsys, "--data", "nowhere.csv")
    assert (status, err) == (2, "tui-nn: error: --data: nowhere.csv: no such file\n")


def test_classification_of_a_real_valued_file_exits_2_pointing_at_regression(capsys):
    status, out, err = run(capsys, "train", "--data", SINE, "--problem", "classification", "--epochs", "0")
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and SINE in err and "--problem regression" in err


def test_no_command_opens_the_app_on_the_data_file(capsys, monkeypatch):
    seen = []
    _fake_app(monkeypatch, run_app=lambda trainer, options: seen.append(trainer) or 0)
    assert run(capsys, "--data", MOONS)[0] == 0
    assert seen[0].config.data_file == MOONS and len(seen[0].data.train_labels) == 200
