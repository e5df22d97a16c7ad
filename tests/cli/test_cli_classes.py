"""The command line with many classes and real data (issue 8): --dataset iris, class names in a
CSV file, --x/--y/--label, --sample, --no-rescale, --loss, and the confusion matrix in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_nn.cli import main as cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    status, out, err = run(capsys, "train", *argv, "--json", "--quiet")
    assert status == 0, err
    return json.loads(out)


def one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("tui-nn: error: "), err
    return err


PETS = "name,weight,height,kind\nrex,1.5,2,dog\ntom,0.5,1,cat\nmia,0.7,1.2,cat\nbo,2,2.5,dog\nal,1,1,bird\nzo,3,3,bird\n"


def test_dataset_iris_reports_accuracy_and_both_confusion_matrices(capsys):
    status, out, err = run(capsys, "train", "--dataset", "iris", "--seed", "0.5", "--epochs", "50", "--quiet")
    assert status == 0, err
    assert "bundled real data, datasets/iris.csv: petal_length, petal_width -> species" in out
    assert "confusion (train, 75 points)" in out and "confusion (test, 75 points)" in out
    assert "actual \\ predicted    setosa versicol virginic   right" in out
    assert "A/1 setosa, B/2 versicolor, C/3 virginica" in out


def test_json_carries_class_names_and_confusion_matrices(capsys):
    result = run_json(capsys, "--dataset", "penguins", "--seed", "1", "--epochs", "5")
    assert result["classes"] == ["Adelie", "Chinstrap", "Gentoo"]
    train, test = result["confusion"]["train"], result["confusion"]["test"]
    assert sum(map(sum, train)) + sum(map(sum, test)) == 342
    assert sum(test[k][k] for k in range(3)) / sum(map(sum, test)) == pytest.approx(result["accuracy"])


def test_binary_json_has_a_two_by_two_confusion_matrix(capsys):
    result = run_json(capsys, "--seed", "1", "--epochs", "2")
    assert result["classes"] == ["-1", "+1"] and len(result["confusion"]["test"]) == 2


def test_regression_json_has_no_confusion_matrix(capsys):
    result = run_json(capsys, "--dataset", "reg-plane", "--seed", "1", "--epochs", "1")
    assert result["confusion"] is None and result["classes"] is None


def test_a_csv_with_class_names_and_columns_by_name(capsys, tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text(PETS)
    result = run_json(capsys, "--data", str(path), "--x", "height", "--y", "weight", "--epochs", "3")
    assert result["config"]["problem"] == "multiclass" and result["config"]["classes"] == 3
    assert result["classes"] == ["bird", "cat", "dog"]
    assert "xColumn=height" in result["link"] and "yColumn=weight" in result["link"]


def test_columns_may_come_before_the_data_option(capsys, tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text(PETS)
    result = run_json(capsys, "--label", "4", "--data", str(path), "--epochs", "0")
    assert result["classes"] == ["bird", "cat", "dog"]


def test_problem_after_data_overrides_the_inferred_one(capsys, tmp_path):
    path = tmp_path / "ints.csv"
    path.write_text("a,b,c\n1,2,0\n2,1,1\n3,3,2\n4,1,1\n")
    assert run_json(capsys, "--data", str(path), "--epochs", "0")["config"]["problem"] == "multiclass"
    assert run_json(capsys, "--data", str(path), "--problem", "regression", "--epochs", "0")["config"]["problem"] == "regression"


def test_a_file_with_one_class_is_refused_in_one_line(capsys, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("a,b,c\n1,2,cat\n2,3,cat\n")
    assert "one class only" in one_line_error(capsys, "train", "--data", str(path))


def test_too_many_rows_name_the_sample_option_and_the_sample_trains(capsys, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w") as handle:
        handle.write("a,b,kind\n")
        for _ in range(110):
            handle.write("".join(f"{i % 7},{i % 5},{'xy'[i % 2]}\n" for i in range(1000)))
    assert "--sample N" in one_line_error(capsys, "train", "--data", str(path), "--epochs", "0")
    status, out, err = run(capsys, "train", "--data", str(path), "--sample", "500", "--epochs", "1", "--quiet")
    assert status == 0, err
    assert "a sample of 500 rows; 250 train, 250 test points" in out


def test_no_rescale_keeps_the_plane_labels(capsys, tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text(PETS)
    status, out, _ = run(capsys, "train", "--data", str(path), "--no-rescale", "--epochs", "0", "--quiet")
    assert status == 0 and "rescaled into the plane" not in out
    status, out, _ = run(capsys, "train", "--data", str(path), "--epochs", "0", "--quiet")
    assert "x: weight, y: height (rescaled into the plane; labels in their units)" in out


def test_cross_entropy_for_two_classes(capsys):
    result = run_json(capsys, "--loss", "cross-entropy", "--seed", "1", "--epochs", "100")
    assert result["config"]["loss"] == "cross-entropy" and "loss=cross-entropy" in result["link"]
    assert result["accuracy"] > 0.9


def test_generated_classes_option(capsys):
    result = run_json(capsys, "--dataset", "arms", "--classes", "5", "--seed", "1", "--epochs", "1")
    assert result["classes"] == ["A", "B", "C", "D", "E"] and len(result["confusion"]["train"]) == 5


def test_help_lists_the_new_options(capsys):
    status, out, _ = run(capsys, "train", "--help")
    assert status == 0
    for option in ("--x COLUMN", "--y COLUMN", "--label COLUMN", "--sample N", "--no-rescale", "--classes K", "--loss KIND"):
        assert option in out
