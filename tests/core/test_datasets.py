"""Tests for the Playground data generators, the shuffle-and-split and CSV loading."""

import math

import numpy as np
import pytest

from tui_nn.core.datasets import (
    CLASSIFICATION_DATASETS,
    DATASETS,
    NUM_SAMPLES_CLASSIFY,
    NUM_SAMPLES_REGRESS,
    REGRESSION_DATASETS,
    generate,
    playground_data,
    preview,
    split,
)
from tui_nn.core.playground_rng import PlaygroundRandom



def default_size(name: str) -> int:
    return NUM_SAMPLES_CLASSIFY if name in CLASSIFICATION_DATASETS else NUM_SAMPLES_REGRESS


def test_registry_order_names_and_titles():
    # The Playground's six come first, in its order; ours (issue 8: multi-class, bundled) follow.
    assert list(DATASETS)[:6] == [*CLASSIFICATION_DATASETS, *REGRESSION_DATASETS]
    titles = [info.title for info in DATASETS.values()][:6]
    assert titles == ["Circle", "Exclusive or", "Gaussian", "Spiral", "Plane", "Multi gaussian"]
    assert {DATASETS[name].problem for name in CLASSIFICATION_DATASETS} == {"classification"}
    assert {DATASETS[name].problem for name in REGRESSION_DATASETS} == {"regression"}


@pytest.mark.parametrize("name", [name for name, info in DATASETS.items() if info.generate])
def test_generate_shapes_and_dtypes(name):
    n = default_size(name)
    points, labels = generate(name, n, 0.25, PlaygroundRandom("shapes"))
    assert points.shape == (n, 2) and labels.shape == (n,)
    assert points.dtype == np.float64 and labels.dtype == np.float64


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_classification_labels_are_plus_minus_one_and_balanced(name):
    _, labels = generate(name, 500, 0, PlaygroundRandom("labels"))
    assert set(labels.tolist()) == {1.0, -1.0}
    if name in ("gauss", "spiral"):
        assert (labels == 1).sum() == 250


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_odd_counts_round_up_per_loop_as_js_for_loops_do(name):
    points, _ = generate(name, 5, 0, PlaygroundRandom("odd"))
    assert len(points) == (5 if name == "xor" else 6)


def test_reg_plane_labels_lie_in_clean_and_noisy_ranges():
    _, clean = generate("reg-plane", 1200, 0, PlaygroundRandom("plane"))
    _, noisy = generate("reg-plane", 1200, 0.5, PlaygroundRandom("plane"))
    assert np.abs(clean).max() <= 1.2
    assert np.abs(noisy).max() <= 1.8 and np.abs(noisy).max() > 1.2


def test_reg_plane_label_is_sum_over_ten_at_noise_zero():
    points, labels = generate("reg-plane", 1200, 0, PlaygroundRandom("plane"))
    np.testing.assert_allclose(labels, points.sum(axis=1) / 10, atol=1e-15)


def test_reg_gauss_labels_lie_in_minus_one_to_one():
    points, labels = generate("reg-gauss", 1200, 0, PlaygroundRandom("bumps"))
    assert np.abs(labels).max() <= 1
    assert (labels > 0.5).any() and (labels < -0.5).any()
    # Far from every centre (more than 2 away) the label is exactly 0.
    centres = np.array([[-4, 2.5], [0, 2.5], [4, 2.5], [-4, -2.5], [0, -2.5], [4, -2.5]])
    far = np.all(np.linalg.norm(points[:, None, :] - centres, axis=2) > 2, axis=1)
    assert far.any() and np.all(labels[far] == 0)


@pytest.mark.parametrize("name", [name for name, info in DATASETS.items() if info.generate])
def test_same_seed_gives_identical_points(name):
    a = generate(name, 100, 0.3, PlaygroundRandom("0.11111"))
    b = generate(name, 100, 0.3, PlaygroundRandom("0.11111"))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_different_seeds_give_different_points():
    a, _ = generate("circle", 100, 0, PlaygroundRandom("0.11111"))
    b, _ = generate("circle", 100, 0, PlaygroundRandom("0.22222"))
    assert not np.array_equal(a, b)


def test_circle_at_noise_zero_labels_by_radius():
    points, labels = generate("circle", 500, 0, PlaygroundRandom("circle"))
    radius = np.sqrt((points**2).sum(axis=1))
    assert np.all(labels[radius < 2.5] == 1)
    assert np.all(labels[radius >= 2.5] == -1)
    assert radius.max() <= 5


def test_circle_noise_flips_labels_without_moving_points():
    clean, clean_labels = generate("circle", 500, 0, PlaygroundRandom("circle"))
    noisy, noisy_labels = generate("circle", 500, 0.5, PlaygroundRandom("circle"))
    np.testing.assert_array_equal(clean, noisy)
    assert (clean_labels != noisy_labels).any()


def test_xor_points_avoid_the_padding_band():
    points, labels = generate("xor", 500, 0, PlaygroundRandom("xor"))
    assert np.all(np.abs(points) > 0.3) and np.all(np.abs(points) <= 5.3)
    np.testing.assert_array_equal(labels, np.where(points[:, 0] * points[:, 1] >= 0, 1.0, -1.0))


def test_gauss_noise_widens_the_clusters():
    narrow, _ = generate("gauss", 500, 0, PlaygroundRandom("gauss"))
    wide, _ = generate("gauss", 500, 0.5, PlaygroundRandom("gauss"))
    assert narrow[:250].std(axis=0) == pytest.approx([math.sqrt(0.5)] * 2, rel=0.15)
    assert wide[:250].std(axis=0) == pytest.approx([2.0, 2.0], rel=0.15)


def test_spiral_at_noise_zero_lies_exactly_on_the_arms():
    points, labels = generate("spiral", 500, 0, PlaygroundRandom("spiral"))
    i = np.arange(250)
    r = i / 250 * 5
    t = 1.75 * i / 250 * 2 * np.pi
    arm = np.column_stack([r * np.sin(t), r * np.cos(t)])
    np.testing.assert_allclose(points[:250], arm, atol=1e-12)
    np.testing.assert_allclose(points[250:], -arm, atol=1e-12)  # deltaT = pi mirrors the arm
    assert np.all(labels[:250] == 1) and np.all(labels[250:] == -1)


def test_spiral_draws_two_uniforms_per_point_even_at_noise_zero():
    rng, reference = PlaygroundRandom("spiral"), PlaygroundRandom("spiral")
    generate("spiral", 10, 0, rng)
    for _ in range(20):
        reference.random()
    assert rng.random() == reference.random()


def test_unknown_dataset_names_it_and_lists_allowed():
    allowed = r"circle, xor, gauss, spiral, reg-plane, reg-gauss"
    with pytest.raises(ValueError, match=rf"'moon'.*{allowed}"):
        generate("moon", 10, 0, PlaygroundRandom("x"))


@pytest.mark.parametrize(
    ("percent", "n_train", "n_test"), [(50, 250, 250), (10, 50, 450), (90, 450, 50)]
)
def test_split_counts(percent, n_train, n_test):
    points, labels = generate("circle", 500, 0, PlaygroundRandom("split"))
    data = split(points, labels, percent)
    assert data.train_points.shape == (n_train, 2) and data.train_labels.shape == (n_train,)
    assert data.test_points.shape == (n_test, 2) and data.test_labels.shape == (n_test,)
    np.testing.assert_array_equal(data.train_points, points[:n_train])


def test_split_arrays_are_read_only():
    points, labels = generate("xor", 20, 0, PlaygroundRandom("ro"))
    data = split(points, labels, 50)
    for array in (data.train_points, data.train_labels, data.test_points, data.test_labels):
        assert not array.flags.writeable
        with pytest.raises(ValueError):
            array[0] = 0


def test_playground_data_sizes_follow_the_problem():
    regression = playground_data("reg-gauss", 0, 50, PlaygroundRandom("r"))
    assert len(regression.train_points) == 600 and len(regression.test_points) == 600
    classification = playground_data("spiral", 0, 30, PlaygroundRandom("c"))
    assert len(classification.train_points) == 150 and len(classification.test_points) == 350


def test_playground_data_is_a_shuffle_of_generate():
    data = playground_data("xor", 20, 50, PlaygroundRandom("perm"))
    points, _ = generate("xor", 500, 0.2, PlaygroundRandom("perm"))
    shuffled = np.vstack([data.train_points, data.test_points])
    assert sorted(map(tuple, shuffled)) == sorted(map(tuple, points))


def test_golden_first_train_point_of_default_link():
    data = playground_data("circle", 0, 50, PlaygroundRandom("0.59704"))
    expected = [0.24014491222149606, 0.46035893207186385]
    np.testing.assert_allclose(data.train_points[0], expected, atol=1e-15)
    assert data.train_labels[0] == 1


def test_preview_is_200_noise_free_points():
    points, labels = preview("circle", PlaygroundRandom("thumb"))
    assert points.shape == (200, 2) and labels.shape == (200,)
    expected, _ = generate("circle", 200, 0, PlaygroundRandom("thumb"))
    np.testing.assert_array_equal(points, expected)
