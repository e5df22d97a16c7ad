"""The rows of an experiment being trained: a ``StackedRunner`` where it can, one Trainer each where not.

A ``_Stack`` trains rows that share everything but the learning rate and the regularization as
one stacked computation; a ``_TrainerStack`` gives each row its own ``Trainer`` when a setting
the stacked engine does not implement is in use. Both offer the same few methods to
``Experiment``: one epoch, freeze a row, its network, its losses and accuracies.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.datasets import DataSplit
from tui_nn.core.features import feature_matrix
from tui_nn.core.network import Array, Network
from tui_nn.core.stacked import StackedRunner
from tui_nn.core.trainer import Trainer

STACKABLE = ("learning_rate", "regularization", "regularization_rate")
"""Settings that may differ inside one stack; any other difference starts a new stack."""


class Stack:
    """Rows trained together: their runner, evaluation buffers and running figures."""

    def __init__(self, rows: list[int], configs: list[Config], networks: list[Network], data: DataSplit) -> None:
        config = configs[0]
        self.rows = rows
        self.index = np.array(rows)
        self.runner = StackedRunner(networks, feature_matrix(data.train_points, config.features), data.train_labels, config.batch_size)
        points = np.concatenate([data.train_points, data.test_points])
        self.labels = np.concatenate([data.train_labels, data.test_labels])
        self.evaluation = self.runner.evaluation(feature_matrix(points, config.features))
        self.n_train = len(data.train_labels)
        self.learning_rates = np.array([c.learning_rate for c in configs])
        self.regularizations = [c.regularization for c in configs]
        self.rates = np.array([c.regularization_rate for c in configs])
        self.classify = config.problem == "classification"
        self._frozen: dict[int, tuple[Array, Array]] = {}

    def run_epoch(self) -> None:
        """One epoch for every row; a stopped row's weights are put back (it trains no more)."""
        runner = self.runner
        with np.errstate(all="ignore"):
            runner.run_epoch(self.learning_rates, self.regularizations, self.rates)
        for k, (params, dead) in self._frozen.items():
            runner.params[k], runner.dead[k] = params, dead

    def freeze(self, k: int) -> None:
        self._frozen[k] = (self.runner.params[k].copy(), self.runner.dead[k].copy())

    def network(self, k: int) -> Network:
        return self.runner.network(k)

    def measure(self) -> tuple[Array, Array]:
        """Train and test loss per row after the latest update (leftovers not applied)."""
        with np.errstate(all="ignore"):
            error = self.runner.outputs(self.evaluation) - self.labels
            np.multiply(error, error, error)
            n = self.n_train
            train = error[:, :n].sum(axis=1)
            test = error[:, n:].sum(axis=1)
        return 0.5 * train / n, 0.5 * test / max(len(self.labels) - n, 1)

    def accuracies(self) -> list[float | None]:
        """Test accuracy per row now (None for regression): one more pass, only when asked."""
        n = self.n_train
        if not self.classify or len(self.labels) == n:
            return [None] * len(self.rows)
        with np.errstate(all="ignore"):
            outputs = self.runner.outputs(self.evaluation)[:, n:]
            return [float(a) for a in np.mean(np.where(outputs >= 0, 1.0, -1.0) == self.labels[n:], axis=1)]


class TrainerStack:
    """Rows the stacked engine cannot train (a setting it does not know is in use): one Trainer each.

    Each Trainer opens with the row's settings (same seed, so the same data) and is restarted from
    the row's initial weights; stopped rows are simply not stepped.
    """

    def __init__(self, rows: list[int], configs: list[Config], params: list[Array]) -> None:
        self.rows, self.index = rows, np.array(rows)
        self.trainers = []
        for config, start in zip(configs, params):
            trainer = Trainer(config)
            trainer.start_params = start.copy()
            trainer.restart()
            self.trainers.append(trainer)
        self._stopped: set[int] = set()

    def run_epoch(self) -> None:
        for k, trainer in enumerate(self.trainers):
            if k not in self._stopped:
                trainer.step()

    def freeze(self, k: int) -> None:
        self._stopped.add(k)

    def network(self, k: int) -> Network:
        return self.trainers[k].network.copy()

    def measure(self) -> tuple[Array, Array]:
        return (np.array([t.train_loss for t in self.trainers]), np.array([t.test_loss for t in self.trainers]))

    def accuracies(self) -> list[float | None]:
        return [t.test_accuracy for t in self.trainers]


STACKED_FIELDS = frozenset((
    "dataset", "regression_dataset", "problem", "features", "hidden_layers", "activation", "learning_rate",
    "batch_size", "regularization", "regularization_rate", "noise", "train_percent", "seed", "show_test_data",
    "discretize", "init_zero", "data_file",
))
"""The Config fields the stacked engine implements. A run with any other field away from its
default (a setting added later, such as an optimiser) trains on Trainers, one per row."""


def stackable(config: Config) -> bool:
    """Whether ``config`` trains correctly in a ``StackedRunner``: only settings it implements are in use,
    and its output is one neuron trained on the Playground's square loss (not softmax or log loss)."""
    if config.head.kind != "square":
        return False
    default = Config()
    return all(getattr(config, f.name) == getattr(default, f.name)
               for f in dataclasses.fields(Config) if f.name not in STACKED_FIELDS)
