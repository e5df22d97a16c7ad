"""Many classes (issue 8): softmax and sigmoid cross-entropy gradients, the K=2 softmax-sigmoid
equivalence, the confusion matrix, the multi-class generators and training through the Trainer."""

from __future__ import annotations

import numpy as np
import pytest

from tui_nn.core.config import Config
from tui_nn.core.datasets import MULTICLASS_DATASETS, generate, playground_data
from tui_nn.core.losses import class_indices, confusion_matrix, head_for
from tui_nn.core.network import BatchPass, Network, gradient, grad_views, with_ones_row
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.trainer import Trainer


def random_net(rng: np.random.Generator, sizes: tuple[int, ...], output: str) -> Network:
    return Network(sizes, "tanh", output, rng.normal(0, 0.7, Network(sizes, "tanh", output).params.size))


def summed_loss(net: Network, X: np.ndarray, targets: np.ndarray, kind: str) -> float:
    """The summed (not mean) training loss, written out from its definition."""
    out = BatchPass(net, with_ones_row(X)).forward()[-1]
    if kind == "softmax":
        return float(-np.sum(targets * np.log(out)))
    return float(-np.sum(targets * np.log(out) + (1 - targets) * np.log(1 - out)))


def analytic(net: Network, X: np.ndarray, targets: np.ndarray) -> np.ndarray:
    grad = np.zeros_like(net.params)
    BatchPass(net, with_ones_row(X), targets).gradient(grad_views(net, grad))
    return grad


def numeric(net: Network, X: np.ndarray, targets: np.ndarray, kind: str, eps: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(net.params)
    for i in range(net.params.size):
        keep = net.params[i]
        net.params[i] = keep + eps
        up = summed_loss(net, X, targets, kind)
        net.params[i] = keep - eps
        down = summed_loss(net, X, targets, kind)
        net.params[i] = keep
        grad[i] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_softmax_cross_entropy_gradient_matches_finite_differences(rng, classes):
    net = random_net(rng, (2, 4, 3, classes), "softmax")
    X = rng.normal(0, 2, (12, 2))
    targets = head_for("multiclass", "square", classes).targets(rng.integers(0, classes, 12))
    np.testing.assert_allclose(analytic(net, X, targets), numeric(net, X, targets, "softmax"), rtol=1e-5, atol=1e-7)


def test_sigmoid_log_loss_gradient_matches_finite_differences(rng):
    net = random_net(rng, (2, 4, 1), "logistic")
    X = rng.normal(0, 2, (12, 2))
    targets = head_for("classification", "cross-entropy", 2).targets(rng.choice([-1.0, 1.0], 12))
    np.testing.assert_array_equal(np.unique(targets), [0.0, 1.0])
    np.testing.assert_allclose(analytic(net, X, targets), numeric(net, X, targets, "log"), rtol=1e-5, atol=1e-7)


def test_two_class_softmax_is_the_sigmoid_of_the_output_difference(rng):
    # softmax(z)_1 = 1 / (1 + exp(z0 - z1)) = sigmoid(z1 - z0): a sigmoid network whose output
    # weights are W1 - W0 gives the same probabilities and the same hidden-layer gradients, and
    # the softmax's two output gradients are +/- the sigmoid's.
    soft = random_net(rng, (2, 3, 2), "softmax")
    sig = Network((2, 3, 1), "tanh", "logistic")
    sig.weights[0][:] = soft.weights[0]
    sig.weights[1][0] = soft.weights[1][1] - soft.weights[1][0]
    X = rng.normal(0, 2, (20, 2))
    labels = rng.integers(0, 2, 20)
    p_soft = BatchPass(soft, with_ones_row(X)).forward()[-1]
    p_sig = BatchPass(sig, with_ones_row(X)).forward()[-1]
    np.testing.assert_allclose(p_soft[1], p_sig[0], rtol=1e-12)
    g_soft = analytic(soft, X, head_for("multiclass", "square", 2).targets(labels))
    g_sig = analytic(sig, X, head_for("classification", "cross-entropy", 2).targets(2.0 * labels - 1))
    hidden = soft.weights[0].size
    np.testing.assert_allclose(g_soft[:hidden], g_sig[:hidden], rtol=1e-10, atol=1e-12)
    out_soft = g_soft[hidden:].reshape(2, -1)
    np.testing.assert_allclose(out_soft[1], g_sig[hidden:], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(out_soft[0], -g_sig[hidden:], rtol=1e-10, atol=1e-12)


def test_square_loss_head_keeps_the_playground_gradient(rng):
    net = random_net(rng, (2, 3, 1), "tanh")
    X, y = rng.normal(0, 2, (8, 2)), rng.choice([-1.0, 1.0], 8)
    np.testing.assert_array_equal(analytic(net, X, head_for("classification", "square", 3).targets(y)), gradient(net, X, y))


def test_confusion_matrix_against_a_hand_count():
    # actual    0 0 0 1 1 2 2 2 2
    # predicted 0 1 0 1 1 2 0 2 1   -> row 0: 2 right, 1 as class 1; row 1: 2 right; row 2: 1 as 0, 1 as 1, 2 right
    actual = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2])
    predicted = np.array([0, 1, 0, 1, 1, 2, 0, 2, 1])
    np.testing.assert_array_equal(confusion_matrix(actual, predicted, 3), [[2, 1, 0], [0, 2, 0], [1, 1, 2]])


def test_binary_labels_count_minus_one_as_class_zero():
    head = head_for("classification", "square", 3)
    outputs = np.array([[0.9, -0.2, 0.1, -0.7]])
    labels = np.array([1.0, -1.0, -1.0, 1.0])
    matrix = confusion_matrix(class_indices("classification", labels), head.predicted(outputs), 2)
    np.testing.assert_array_equal(matrix, [[1, 1], [1, 1]])


@pytest.mark.parametrize("name", MULTICLASS_DATASETS)
@pytest.mark.parametrize("classes", [2, 5, 8])
def test_multiclass_generators_give_every_class_and_repeat_by_seed(name, classes):
    points, labels = generate(name, 400, 0.1, PlaygroundRandom("k"), classes)
    again, _ = generate(name, 400, 0.1, PlaygroundRandom("k"), classes)
    assert points.shape == (len(labels), 2) and len(labels) >= 400
    np.testing.assert_array_equal(np.unique(labels), np.arange(classes))
    np.testing.assert_array_equal(points, again)


def test_generated_multiclass_data_names_its_classes():
    data = playground_data("blobs", 0, 50, PlaygroundRandom("n"), classes=4)
    assert data.class_names == ("A", "B", "C", "D")


def test_multiclass_run_has_one_output_per_class_and_learns_blobs():
    trainer = Trainer(Config(problem="multiclass", classes=4, hidden_layers=(6,), learning_rate=0.1, seed="3"))
    assert trainer.network.layer_sizes == (2, 6, 4)
    first = trainer.train_loss
    trainer.step(100)
    assert trainer.train_loss < first / 4 and trainer.test_accuracy > 0.95


def test_confusion_matrices_count_every_point_and_agree_with_accuracy():
    trainer = Trainer(Config(problem="multiclass", multiclass_dataset="arms", hidden_layers=(8,), seed="1"))
    trainer.step(20)
    train, test = trainer.snapshot().confusion()
    assert train.sum() == len(trainer.data.train_labels) and test.sum() == len(trainer.data.test_labels)
    assert np.trace(test) / test.sum() == pytest.approx(trainer.test_accuracy)


def test_two_class_cross_entropy_is_an_option_that_learns():
    trainer = Trainer(Config(loss="cross-entropy", seed="1"))
    assert trainer.network.output_activation.name == "logistic"
    trainer.step(100)
    assert trainer.test_accuracy > 0.95
    matrix = trainer.snapshot().confusion()[1]
    assert matrix.shape == (2, 2) and np.trace(matrix) / matrix.sum() == pytest.approx(trainer.test_accuracy)


def test_binary_runs_report_a_confusion_matrix_too():
    train, test = Trainer(Config(seed="1")).snapshot().confusion()
    assert train.shape == test.shape == (2, 2)


def test_regression_has_no_confusion_matrix():
    assert Trainer(Config(problem="regression", seed="1")).snapshot().confusion() is None


def test_new_settings_are_left_out_of_a_link_at_their_defaults():
    link = Config().to_link()
    assert not any(key in link for key in ("classes=", "loss=", "classDataset=", "sample=", "rescale="))


def test_new_settings_round_trip_through_a_link():
    config = Config(problem="multiclass", multiclass_dataset="arms", classes=6, loss="cross-entropy",
                    data_file="d.csv", x_column="a", y_column="2", label_column="kind", rescale=False, sample=500)
    assert Config.from_link(config.to_link()) == config


@pytest.mark.parametrize("config", [Config(problem="multiclass", seed="1"), Config(loss="cross-entropy", seed="1")],
                         ids=["softmax", "sigmoid"])
def test_the_loss_valley_measures_the_runs_own_loss(config):
    from tui_nn.core.features import feature_matrix
    from tui_nn.core.loss_landscape import batched_losses

    trainer = Trainer(config)
    trainer.step(3)
    inputs = feature_matrix(trainer.data.train_points, config.features)
    losses = batched_losses(trainer.network, trainer.network.params[None].repeat(2, 0), inputs, trainer.data.train_labels)
    np.testing.assert_allclose(losses, trainer.train_loss, rtol=1e-12)
