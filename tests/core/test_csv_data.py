"""CSV datasets: the bundled files and every malformed-file message."""

import math
from pathlib import Path

import numpy as np
import pytest

from tui_nn.csv_data import load_csv

BUNDLED = Path(__file__).resolve().parents[2] / "datasets"


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


def test_load_csv_non_class_labels_mean_regression(tmp_path):
    path = tmp_path / "zero_one.csv"
    path.write_text("x1,x2,label\n0,0,0\n1,1,1\n")
    assert load_csv(path)[2] == "regression"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"line 1: missing header"),
        ("a,b,c\n1,2,1\n1,2,-1\n", r"line 1: missing header"),
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
