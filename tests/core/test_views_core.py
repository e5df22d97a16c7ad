"""The computations behind the views inside the network: trajectory, last step, hidden space, loss valley."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.features import feature_matrix
from tui_nn.core.hidden_space import grid_lines, hidden_space, neuron_pairs
from tui_nn.core.loss_landscape import RANDOM, TRAJECTORY, batched_losses, loss_slice, random_directions
from tui_nn.core.network import Network, forward, gradient, predict, square_loss, with_ones_row
from tui_nn.core.trainer import Trainer
from tui_nn.core.trajectory import Trajectory

SEED = "0.59704"


def trained(epochs: int, **changes) -> Trainer:
    trainer = Trainer(Config(seed=SEED, **changes))
    trainer.step(epochs)
    return trainer


def train_inputs(snapshot):
    return feature_matrix(snapshot.data.train_points, snapshot.config.features), snapshot.data.train_labels


def test_trajectory_thins_to_its_limit_keeping_evenly_spaced_epochs():
    trajectory = Trajectory(3, limit=4)
    for epoch in range(10):
        trajectory.record(epoch, np.full(3, float(epoch)))
    epochs, params = trajectory.frozen()
    assert epochs.tolist() == [0, 4, 8]
    assert params[:, 0].tolist() == [0.0, 4.0, 8.0]


def test_trajectory_copies_are_read_only_and_shared_until_the_next_record():
    trajectory = Trajectory(2)
    trajectory.record(0, np.zeros(2))
    first = trajectory.frozen()
    assert trajectory.frozen() is first and not first[1].flags.writeable
    trajectory.record(1, np.ones(2))
    assert trajectory.frozen()[1].tolist() == [[0.0, 0.0], [1.0, 1.0]]


def test_snapshot_trajectory_holds_every_epoch_ending_at_the_current_weights():
    snapshot = trained(5).snapshot()
    epochs, params = snapshot.trajectory
    assert epochs.tolist() == [0, 1, 2, 3, 4, 5]
    np.testing.assert_array_equal(params[-1], snapshot.network.params)


def test_no_step_before_the_first_update():
    assert Trainer(Config(seed=SEED)).snapshot().last_step is None


def test_last_step_is_learning_rate_times_the_last_batchs_mean_gradient():
    # 250 training points, batch 7: 35 updates and a tail of 5 carried over, so the last update is batch 35.
    trainer = trained(0, batch_size=7, learning_rate=0.1)
    X, y = train_inputs(trainer.snapshot())
    before = trainer.network.copy()
    for k in range(34):
        before.params -= 0.1 * gradient(before, X[7 * k : 7 * k + 7], y[7 * k : 7 * k + 7]) / 7
    expected = 0.1 * gradient(before, X[238:245], y[238:245]) / 7
    trainer.step()
    snapshot = trainer.snapshot()
    np.testing.assert_allclose(snapshot.last_step, expected, rtol=1e-10, atol=1e-15)
    assert snapshot.last_learning_rate == 0.1


def test_grid_lines_cross_the_plane_both_ways():
    lines = grid_lines(3, 5)
    assert lines.shape == (6, 5, 2)
    assert lines[0, :, 0].tolist() == [-6.0] * 5 and lines[3, :, 1].tolist() == [-6.0] * 5


def test_neuron_pairs_of_a_layer():
    assert neuron_pairs(3) == [(0, 1), (0, 2), (1, 2)]
    assert neuron_pairs(1) == [(0, 0)]


def test_hidden_space_equals_a_direct_forward_pass():
    snapshot = trained(20).snapshot()
    data, net, features = snapshot.data, snapshot.network, snapshot.config.features
    space = hidden_space(net, features, 2, (1, 0), data.train_points, data.train_labels, len(data.train_labels))
    acts = forward(net, with_ones_row(feature_matrix(data.train_points, features)))
    np.testing.assert_allclose(space.points, acts[2][[1, 0]].T, rtol=1e-12)
    corner = forward(net, with_ones_row(feature_matrix(np.array([[-6.0, 6.0]]), features)))[2][[1, 0], 0]
    np.testing.assert_allclose(space.lines[0, -1], corner, rtol=1e-12)


def test_hidden_space_rejects_the_output_layer():
    snapshot = trained(0).snapshot()
    with pytest.raises(ValueError, match="no hidden layer 3"):
        hidden_space(snapshot.network, snapshot.config.features, 3, (0, 0), np.zeros((0, 2)), np.zeros(0), 0)


def test_batched_losses_equal_one_network_at_a_time():
    snapshot = trained(3).snapshot()
    X, y = train_inputs(snapshot)
    rng = np.random.default_rng(0)
    stack = snapshot.network.params + rng.normal(size=(300, snapshot.network.params.size))
    expected = [square_loss(predict(Network((2, 4, 2, 1), "tanh", "tanh", p), X), y) for p in stack[[0, 150, 299]]]
    np.testing.assert_allclose(batched_losses(snapshot.network, stack, X, y)[[0, 150, 299]], expected, rtol=1e-12)


@pytest.mark.parametrize("kind", [TRAJECTORY, RANDOM])
def test_slice_centre_is_the_training_loss_and_points_match_direct_evaluations(kind):
    snapshot = trained(30).snapshot()
    X, y = train_inputs(snapshot)
    net = snapshot.network
    piece = loss_slice(net, snapshot.trajectory[1], X, y, SEED, kind, size=9)
    assert piece.kind == kind
    assert piece.centre == pytest.approx(snapshot.train_loss, rel=1e-12)
    d1, d2 = (random_directions(net, SEED) if kind == RANDOM else _pca(snapshot))
    for i, j in [(0, 0), (2, 7), (8, 3)]:
        params = net.params + piece.alphas[j] * d1 + piece.betas[i] * d2
        direct = square_loss(predict(Network((2, 4, 2, 1), "tanh", "tanh", params), X), y)
        assert piece.losses[i, j] == pytest.approx(direct, rel=1e-12)


def _pca(snapshot):
    offsets = snapshot.trajectory[1] - snapshot.network.params
    return np.linalg.svd(offsets, full_matrices=False)[2][:2]


def test_trajectory_slice_holds_the_path_ending_at_the_centre():
    snapshot = trained(30).snapshot()
    X, y = train_inputs(snapshot)
    piece = loss_slice(snapshot.network, snapshot.trajectory[1], X, y, SEED)
    assert piece.path.shape == (31, 2) and piece.path[-1].tolist() == [0.0, 0.0]
    assert piece.explained > 0.9
    assert np.abs(piece.path[:, 0]).max() * 1.25 == pytest.approx(piece.alphas[-1])
    assert piece.betas[-1] >= piece.alphas[-1] / 5


def test_slice_falls_back_to_random_directions_without_a_path():
    snapshot = trained(0).snapshot()
    X, y = train_inputs(snapshot)
    assert loss_slice(snapshot.network, snapshot.trajectory[1], X, y, SEED).kind == RANDOM


def test_random_directions_are_filter_normalised_and_skip_biases():
    net = trained(0).snapshot().network
    d = random_directions(net, SEED)[0]
    start = 0
    for rows, cols in net.shapes:
        block, weights = d[start : start + rows * cols].reshape(rows, cols), net.params[start : start + rows * cols].reshape(rows, cols)
        np.testing.assert_allclose(np.linalg.norm(block[:, :-1], axis=1), np.linalg.norm(weights[:, :-1], axis=1))
        assert not block[:, -1].any()
        start += rows * cols


def test_a_diverged_run_gives_a_slice_of_non_finite_losses_without_failing():
    trainer = trained(5)
    trainer.network.params[3] = float("nan")
    snapshot = trainer.snapshot()
    X, y = train_inputs(snapshot)
    piece = loss_slice(snapshot.network, snapshot.trajectory[1], X, y, SEED)
    assert piece.kind == RANDOM and np.isnan(piece.centre) and piece.path.shape == (0, 2)
