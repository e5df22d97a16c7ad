"""Every bad file given on the command line (`--load`, `--config`, `--data`) gives one line on stderr
naming the option and the file, exit status 2, and nothing on stdout."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tui_nn.cli import main as cli
from tui_nn.core.config import Config

SETTINGS = {
    "list": "[1, 2, 3]",
    "nested": '{"hidden_layers": [[1, [2]], {"a": 3}]}',
    "deep": "[" * 5000 + "]" * 5000,
    "wrong-type": '{"learning_rate": "fast"}',
    "huge-number": '{"batch_size": ' + "9" * 5000 + "}",
    "huge-float": '{"learning_rate": 1e400}',
    "unknown-key": '{"learnign_rate": 0.1}',
    "not-json": "learning_rate = 0.1",
    "not-utf-8": '{"seed": "\xe9"}',
}
MODELS = {
    "empty": b"",
    "junk": bytes(range(256)) * 10,
    "pickle": pickle.dumps({"W0": [1.0, 2.0]}),
    "truncated-zip": b"PK\x03\x04" + b"\0" * 40,
}
DATA = {
    "empty": b"",
    "header-only": b"x1,x2,label\n",
    "binary": bytes(range(256)) * 10,
    "columns": b"x1,x2,label\n1,2\n3,4\n",
    "nan": b"x1,x2,label\n1,2,nan\n3,4,1\n",
    "latin-1": b"x1,x2,label\n1,2,1\n3,4,\xe9\n",
}


def one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("tui-nn: error: "), err
    return err


@pytest.mark.parametrize("name", SETTINGS)
def test_bad_settings_file_is_one_line_naming_it(capsys, tmp_path, name):
    path = tmp_path / "run.json"
    path.write_bytes(SETTINGS[name].encode("latin-1"))
    err = one_line_error(capsys, "train", "--config", str(path), "--epochs", "0")
    assert f"--config: {path}: " in err and len(err.replace(str(path), "")) < 500  # short, whatever the path


@pytest.mark.parametrize("name", MODELS)
def test_bad_model_file_is_one_line_naming_it(capsys, tmp_path, name):
    path = tmp_path / "model.npz"
    path.write_bytes(MODELS[name])
    assert f"--load: {path}: " in one_line_error(capsys, "train", "--load", str(path), "--epochs", "0")


@pytest.mark.parametrize("name", DATA)
def test_bad_data_file_is_one_line_naming_it(capsys, tmp_path, name):
    path = tmp_path / "data.csv"
    path.write_bytes(DATA[name])
    assert f"--data: {path}: " in one_line_error(capsys, "train", "--data", str(path), "--epochs", "0")


def test_a_bad_model_file_for_the_app_is_one_line_before_it_opens(capsys, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("tui_nn.ui.launch.run_app", lambda trainer, args: opened.append(trainer))
    path = tmp_path / "model.npz"
    path.write_bytes(MODELS["pickle"])
    assert f"--load: {path}: " in one_line_error(capsys, "--load", str(path))
    assert opened == []


def test_a_valid_settings_file_still_applies(capsys, tmp_path):
    path = tmp_path / "run.json"
    path.write_text(Config(learning_rate=0.1, hidden_layers=(3,)).to_json())
    assert cli.main(["link", "--config", str(path)]) == 0
    assert "learningRate=0.1" in capsys.readouterr().out
