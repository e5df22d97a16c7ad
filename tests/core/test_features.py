"""Tests for the input-feature registry and the feature matrix."""

import numpy as np
import pytest

from tui_nn.core.features import FEATURES, canonical_order, feature_matrix

POINTS = np.array([[0.0, 0.0], [1.5, -2.0], [-3.0, 0.5], [6.0, -6.0]])


def test_features_follow_the_playground_input_order():
    assert list(FEATURES) == ["x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"]


def test_feature_labels_unicode_and_ascii():
    labels = ["X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", "sin(X₂)"]
    ascii_labels = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
    assert [f.label for f in FEATURES.values()] == labels
    assert [f.ascii_label for f in FEATURES.values()] == ascii_labels
    assert all(key == feature.key for key, feature in FEATURES.items())


def test_canonical_order_sorts_and_dedupes():
    assert canonical_order(["sinY", "x", "xTimesY", "x", "y"]) == ("x", "y", "xTimesY", "sinY")
    assert canonical_order([]) == ()


def test_canonical_order_rejects_unknown_key_listing_allowed():
    with pytest.raises(ValueError, match=r"'cosX'.*x, y, xSquared, ySquared, xTimesY, sinX, sinY"):
        canonical_order(["x", "cosX"])


def test_feature_matrix_values_at_points():
    X = feature_matrix(POINTS, list(FEATURES))
    x, y = POINTS[:, 0], POINTS[:, 1]
    expected = np.column_stack([x, y, x * x, y * y, x * y, np.sin(x), np.sin(y)])
    np.testing.assert_array_equal(X, expected)
    np.testing.assert_array_equal(X[1], [1.5, -2.0, 2.25, 4.0, -3.0, np.sin(1.5), np.sin(-2.0)])
    assert X[3, 2] == 36.0  # features are not normalised


def test_feature_matrix_keeps_the_given_column_order():
    X = feature_matrix(POINTS, ["sinY", "x"])
    np.testing.assert_array_equal(X, np.column_stack([np.sin(POINTS[:, 1]), POINTS[:, 0]]))


def test_feature_matrix_with_no_keys_has_zero_columns():
    X = feature_matrix(POINTS, [])
    assert X.shape == (4, 0)


def test_feature_matrix_dtype():
    X = feature_matrix(POINTS, ["x", "xSquared"], dtype=np.float32)
    assert X.dtype == np.float32 and X.shape == (4, 2)
    assert feature_matrix(POINTS, ["x"]).dtype == np.float64


def test_feature_matrix_rejects_unknown_key():
    with pytest.raises(ValueError, match=r"unknown feature 'z'"):
        feature_matrix(POINTS, ["x", "z"])


def test_feature_matrix_rejects_wrong_point_shape():
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        feature_matrix(np.zeros((3, 3)), ["x"])
