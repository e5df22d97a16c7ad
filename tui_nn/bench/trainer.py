"""Trainer epochs per second against scikit-learn's MLP and the browser's per-example loop.

All three contenders train the same network on the Trainer's own data and do the same work per
epoch: one pass of mini-batch SGD over the training points, then the loss on train and test.
Beside them, ``optimizer_speeds`` sets Adam's epochs per second beside plain SGD's on A.
scikit-learn is imported only when this benchmark runs, and only if it is installed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from tui_nn.bench.measure import Result, at_least, interleaved, median, rate
from tui_nn.bench.playground_port import PlaygroundLoop
from tui_nn.core.config import Config
from tui_nn.core.features import FEATURES
from tui_nn.core.features import feature_matrix
from tui_nn.core.trainer import Trainer

SEED = "0.59704"
"""The seed of the Playground's default link (PLAYGROUND.md §11)."""

SKLEARN = "scikit-learn"
PYTHON = "python"
SKLEARN_MISSING = "not installed: pip install -e '.[bench]'"


@dataclass(frozen=True)
class Case:
    """One network to train, with the budgets its speed-ups must meet."""

    key: str
    name: str
    config: Config
    min_ratios: tuple[tuple[str, float], ...] = ()
    """``(reference, factor)``: ours must be at least ``factor`` times as fast as the reference."""


_A = Config(seed=SEED)
_B = Config(features=tuple(FEATURES), hidden_layers=(8,) * 6, seed=SEED)
CASES = (
    Case("A", "A x1,x2 -> 4,2 tanh, batch 10", _A, ((SKLEARN, 10.0), (PYTHON, 5.0))),
    Case("B", "B 7 features -> 6x8 tanh, batch 10", _B, ((SKLEARN, 6.0),)),
    Case("C", "C = A with batch 1", _A.replace(batch_size=1)),
    Case("D", "D = B with batch 30", _B.replace(batch_size=30)),
)


def sklearn_version() -> str | None:
    """scikit-learn's version, or None when it cannot be imported."""
    try:
        import sklearn
    except ImportError:
        return None
    return str(sklearn.__version__)


def python_loop(trainer: Trainer) -> PlaygroundLoop:
    """The per-example port, starting from the trainer's current weights and data."""
    config, data = trainer.config, trainer.data
    return PlaygroundLoop(
        trainer.network,
        feature_matrix(data.train_points, config.features).tolist(),
        data.train_labels.tolist(),
        feature_matrix(data.test_points, config.features).tolist(),
        data.test_labels.tolist(),
        config.batch_size,
        config.learning_rate,
    )


class SklearnContender:
    """scikit-learn's MLP with the same shape, activation, batch and step size, plain SGD.

    ``epoch()`` is one ``partial_fit`` over the training points in ``batch_size`` batches, unshuffled,
    then a forward pass over train and test for the loss, like the Trainer's epoch.

    Raises:
        ImportError: scikit-learn is not installed.
    """

    def __init__(self, trainer: Trainer) -> None:
        from sklearn.neural_network import MLPClassifier, MLPRegressor

        config, data = trainer.config, trainer.data
        self.classify = config.problem == "classification"
        estimator = MLPClassifier if self.classify else MLPRegressor
        self.model: Any = estimator(
            hidden_layer_sizes=config.hidden_layers, activation=_SKLEARN_ACTIVATIONS[config.activation],
            solver="sgd", alpha=0.0, batch_size=config.batch_size, learning_rate="constant",
            learning_rate_init=config.learning_rate, momentum=0.0, nesterovs_momentum=False,
            shuffle=False, early_stopping=False, random_state=0,
        )
        self.train = (feature_matrix(data.train_points, config.features), data.train_labels)
        self.test = (feature_matrix(data.test_points, config.features), data.test_labels)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extra = {"classes": np.array([-1.0, 1.0])} if self.classify else {}
            self.model.partial_fit(*self.train, **extra)

    def _loss(self, X: np.ndarray, y: np.ndarray) -> float:
        # A real-valued output is needed for the loss; predict_proba is predict's forward pass.
        out = 2.0 * self.model.predict_proba(X)[:, 1] - 1.0 if self.classify else self.model.predict(X)
        return float(0.5 * np.mean((out - y) ** 2))

    def step(self, epochs: int) -> None:
        for _ in range(epochs):
            self.model.partial_fit(*self.train)
            self.train_loss = self._loss(*self.train)
            self.test_loss = self._loss(*self.test)


_SKLEARN_ACTIVATIONS = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic", "linear": "identity"}


def port_agreement(config: Config, epochs: int) -> dict[str, float]:
    """Largest differences between the Trainer and the per-example port after ``epochs`` epochs.

    Returns:
        ``train_loss``, ``test_loss`` and ``params``: absolute differences (the worst parameter).
    """
    trainer = Trainer(config)
    loop = python_loop(trainer)
    trainer.step(epochs)
    loop.step(epochs)
    return {
        "train_loss": abs(trainer.train_loss - loop.train_loss),
        "test_loss": abs(trainer.test_loss - loop.test_loss),
        "params": float(np.max(np.abs(trainer.network.params - np.array(loop.params())))),
    }


def _contenders(case: Case, seconds: float, with_sklearn: bool) -> dict[str, Callable[[], float]]:
    ours = Trainer(case.config)
    contenders: dict[str, Callable[[], float]] = {"ours": lambda: rate(ours.step, seconds)}
    if with_sklearn:
        theirs = SklearnContender(Trainer(case.config))
        contenders[SKLEARN] = lambda: rate(theirs.step, seconds)
    loop = python_loop(Trainer(case.config))
    contenders[PYTHON] = lambda: rate(loop.step, seconds)
    return contenders


def run_case(case: Case, seconds: float, repeats: int, with_sklearn: bool) -> Result:
    """Epochs per second of each contender, medians over interleaved repeats, with the case's checks."""
    samples = interleaved(_contenders(case, seconds, with_sklearn), repeats)
    refs = {SKLEARN: median(samples.get(SKLEARN, [])), PYTHON: median(samples[PYTHON])}
    result = Result("trainer", f"trainer.{case.key}", case.name, "epochs/s", median(samples["ours"]), refs, samples=samples)
    ratios = result.ratios
    result.checks = [at_least(ratios[ref], factor, f">= {factor:g}x {ref}") for ref, factor in case.min_ratios]
    return result


def optimizer_speeds(config: Config, seconds: float, repeats: int) -> dict[str, float]:
    """Epochs per second of ``config`` trained with plain SGD and with Adam, interleaved (medians)."""
    runs = {name: Trainer(config.replace(optimizer=name)) for name in ("sgd", "adam")}
    contenders = {name: (lambda run=run: rate(run.step, seconds)) for name, run in runs.items()}
    return {name: median(values) or 0.0 for name, values in interleaved(contenders, repeats).items()}


def run(seconds: float, repeats: int) -> tuple[list[Result], dict[str, Any]]:
    """Every case, plus the correctness check that makes the comparison worth reading.

    Returns:
        The rows, and the checks: the port's agreement on A after one epoch, and scikit-learn's status.
    """
    agreement = port_agreement(CASES[0].config, epochs=1)
    optimizers = optimizer_speeds(CASES[0].config, seconds, repeats)
    version = sklearn_version()
    checks = {
        "port_vs_trainer_A_1_epoch": agreement,
        "port_agrees": max(agreement.values()) <= 1e-9,
        SKLEARN: version or SKLEARN_MISSING,
        "optimizers_A": optimizers,
    }
    return [run_case(case, seconds, repeats, version is not None) for case in CASES], checks
