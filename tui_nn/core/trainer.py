"""Trainer: one run of the Playground: its seeded stream, data, network, losses and history.

It applies setting changes with the Playground's reset rules (PLAYGROUND.md §6.7) and hands out
immutable snapshots; it never draws anything and never sleeps. The CLI and the app's training
worker drive it the same way, so the same Config and epochs give the same losses in both.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.csv_data import Columns, config_file_data, seeded_generator
from tui_nn.core.datasets import BUNDLED_DIR, DATASETS, DataSplit, playground_data
from tui_nn.core.losses import class_indices, confusion_matrices
from tui_nn.core.features import feature_matrix
from tui_nn.core.history import LossHistory
from tui_nn.core.model_file import load_model, save_model
from tui_nn.core.network import Array, BatchPass, Network, square_loss, with_ones_row
from tui_nn.core.optimizers import Hyper, decayed_rate
from tui_nn.core.playground_rng import PlaygroundRandom, random_seed
from tui_nn.core.replay import Frame, RunFrames
from tui_nn.core.settings import Effect, strongest_effect
from tui_nn.core.epochs import EpochRunner
from tui_nn.core.trajectory import Trajectory

def run_data(config: Config, rng: PlaygroundRandom) -> DataSplit:
    """The data a run with ``config`` trains on.

    Args:
        config: The settings; ``seed`` must be set.
        rng: The stream freshly seeded with ``config.seed``. Generated data draws from it as the
            Playground does; a data file is shuffled by its own generator and leaves it untouched.

    Raises:
        ConfigError: The data file is missing, malformed or does not fit the problem.
    """
    if config.data_file is not None:
        return config_file_data(config)
    bundled = DATASETS[config.dataset_name].bundled
    if bundled is not None:
        columns = Columns(bundled.x, bundled.y, bundled.label)
        return config_file_data(config.replace(rescale=True, sample=None), str(BUNDLED_DIR / bundled.file), columns)
    return playground_data(config.dataset_name, config.noise, config.train_percent, rng, config.classes)


def fitted(config: Config, data: DataSplit) -> Config:
    """``config`` with as many classes as a multi-class file or bundled set has (its own count wins)."""
    if config.problem == "multiclass" and data.class_names and len(data.class_names) != config.classes:
        return config.replace(classes=len(data.class_names))
    return config


def shuffle_generator(seed: str) -> np.random.Generator:
    """The generator of a run's per-epoch orders, determined by its seed string."""
    return seeded_generator(f"{seed}/shuffle")


def _hyper(config: Config) -> Hyper:
    return Hyper(config.momentum, config.rms_decay, config.beta1, config.beta2, config.epsilon)


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything a front end draws, copied so another thread can read it while training goes on.

    Two snapshots are equal only if they are the same object: each is a new frame.
    """

    config: Config
    epoch: int
    train_loss: float
    test_loss: float
    train_accuracy: float | None
    """Share of training points classified right; None for regression."""
    test_accuracy: float | None
    diverged_at: int | None
    """First epoch whose loss was NaN or infinite; None while the run is healthy."""
    network: Network
    data: DataSplit
    history: tuple[Array, Array, Array]
    """Recorded epochs, train losses and test losses (thinned for long runs)."""
    trajectory: tuple[Array, Array] = (np.zeros(0), np.zeros((0, 0)))
    """Epochs `(n,)` and flat parameters `(n, n_params)` the run passed through (thinned), read-only."""
    last_step: Array | None = None
    """The last update's gradient step, ``learning_rate * mean gradient`` (flat, like the params);
    None before the first update. The update subtracted it from the weights."""
    last_learning_rate: float = 0.0
    """The learning rate of that update, so the mean gradient is ``last_step / last_learning_rate``."""
    best_test_loss: float = math.inf
    """The lowest test loss recorded in this run, and its epoch (the run log shows them)."""
    best_epoch: int = 0

    def confusion(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Train and test confusion matrices (row: actual class, column: predicted); None for regression.

        Computed on demand (a forward pass over the data), so a closed view costs nothing.
        """
        return confusion_matrices(self.config, self.network, self.data)


class Trainer:
    """A Playground run that can be stepped, changed, reset, regenerated, saved and snapshotted.

    Args:
        config: The settings; a missing seed is picked the Playground's way (see ``config``).
            With ``data_file`` set, the file's rows are shuffled by the seed and split (noise
            does not apply); the initial weights still come from the Playground's stream.
        history_limit: Most loss points kept; longer runs keep every 2nd, 4th, ... epoch.

    Raises:
        ConfigError: The data file is missing, malformed or does not fit the problem.
    """

    def __init__(self, config: Config, history_limit: int = 2000) -> None:
        if config.seed is None:
            config = config.replace(seed=random_seed())
        rng = PlaygroundRandom(config.seed)
        data = run_data(config, rng)  # before any assignment: a bad file leaves a live Trainer as it was
        self.config, self.rng, self.data = fitted(config, data), rng, data
        self.history = LossHistory(history_limit)
        self.frames = RunFrames()
        """The run's past for replay, thinned as it grows (see ``tui_nn.core.replay``)."""
        self.network = self._initial_network()
        self._start_run()

    @classmethod
    def restored(cls, config: Config, data: DataSplit, network: Network, rng: PlaygroundRandom, history_limit: int = 2000) -> Trainer:
        """A run on saved parts at epoch 0, for ``saved_run`` to bring back to where it stopped."""
        trainer = cls.__new__(cls)
        trainer.config, trainer.rng, trainer.data, trainer.network = config, rng, data, network
        trainer.history = LossHistory(history_limit)
        trainer.frames = RunFrames()
        trainer.start_rng = copy.deepcopy(rng)  # an experiment from a resumed run draws from where it stands
        trainer._start_run()
        return trainer

    @property
    def epoch_runner(self) -> EpochRunner:
        """The epoch runner: its carry-over and optimiser memory are part of a saved run."""
        return self._runner

    def remeasure(self) -> None:
        """Losses and accuracy of the current weights, not recorded in the history."""
        self._measure(record=False)

    def _initial_network(self) -> Network:
        config = self.config
        self.start_rng = copy.deepcopy(self.rng)
        """The stream just before this run's initial weights were drawn (experiments draw from a copy)."""
        output = config.head.activation
        return Network.playground_initial(config.layer_sizes, config.activation, output, self.rng.random, config.init_zero)

    def _start_run(self) -> None:
        """Epoch 0 on the current data and network: fresh carry, fresh history, fresh losses."""
        self.epoch = 0
        self.diverged_at: int | None = None
        self.shuffle_rng = shuffle_generator(self.config.seed)
        """Draws the per-epoch order when ``shuffle`` is on; the Playground's stream is never used for it."""
        self.best_test_loss, self.best_epoch = math.inf, 0
        self.start_params = self.network.params.copy()
        """This run's initial weights and the data and seed they met, for ``restart``."""
        self.start_dead = None if self.network.dead is None else self.network.dead.copy()
        self.start_data, self.start_seed = self.data, self.config.seed
        self.history.clear()
        self.trajectory = Trajectory(self.network.params.size)
        self.frames.clear()
        self._bind_data(carry=None)
        self._measure(record=True)
        self._keep_frame()

    def _bind_data(self, carry: EpochRunner | None) -> None:
        config, data = self.config, self.data
        train_inputs = feature_matrix(data.train_points, config.features)
        self._head = head = config.head
        targets = head.targets(data.train_labels)
        self._runner = EpochRunner(self.network, train_inputs, targets, config.batch_size, config.regularization)
        if carry is not None:
            self._runner.pending_grad[:] = carry.pending_grad
            self._runner.pending_count = carry.pending_count
            self._runner.optimizer = carry.optimizer
        # One pass over train and test points together: half the NumPy calls of two passes.
        points = np.concatenate([data.train_points, data.test_points])
        labels = head.targets(np.concatenate([data.train_labels, data.test_labels]))
        inputs = with_ones_row(feature_matrix(points, config.features))
        self._evaluation = BatchPass(self.network, inputs, labels)
        self._classes = None if config.problem == "regression" else class_indices(
            config.problem, np.concatenate([data.train_labels, data.test_labels]))
        self._n_train = len(data.train_labels)

    def _measure(self, record: bool) -> None:
        """Loss and accuracy on both sets after the latest update (leftovers not applied)."""
        with np.errstate(all="ignore"):
            outputs = self._evaluation.forward()[-1]
        if self._head.kind == "square":
            outputs, labels, n = outputs[0], self._evaluation.targets[0], self._n_train
            self.train_loss, self.train_accuracy = self._score(outputs[:n], labels[:n])
            self.test_loss, self.test_accuracy = self._score(outputs[n:], labels[n:])
        else:
            self._score_cross_entropy(outputs)
        if record:
            self.history.record(self.epoch, self.train_loss, self.test_loss)
            self.trajectory.record(self.epoch, self.network.params)
            if self.test_loss < self.best_test_loss:
                self.best_test_loss, self.best_epoch = self.test_loss, self.epoch
        if self.diverged_at is None and not (math.isfinite(self.train_loss) and math.isfinite(self.test_loss)):
            self.diverged_at = self.epoch

    def _score_cross_entropy(self, outputs: Array) -> None:
        """Cross-entropy and accuracy of a sigmoid or softmax output on both sets."""
        head, targets, n = self._head, self._evaluation.targets, self._n_train
        with np.errstate(all="ignore"):
            right = head.predicted(outputs) == self._classes
        self.train_loss = head.loss(outputs[:, :n], targets[:, :n])
        self.test_loss = head.loss(outputs[:, n:], targets[:, n:])
        self.train_accuracy = float(np.mean(right[:n])) if n else None
        self.test_accuracy = float(np.mean(right[n:])) if right.size > n else None

    def _score(self, outputs: Array, labels: Array) -> tuple[float, float | None]:
        loss = square_loss(outputs, labels)
        if self.config.problem != "classification" or not labels.size:
            return loss, None
        with np.errstate(invalid="ignore"):
            return loss, float(np.mean(np.where(outputs >= 0, 1.0, -1.0) == labels))

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    def step(self, epochs: int = 1) -> None:
        """Train ``epochs`` epochs, stopping early once the run diverges."""
        for _ in range(epochs):
            if self.diverged:
                return
            self._run_epoch()
            self.epoch += 1
            self._measure(record=True)
            if self.frames.due(self.epoch):
                self._keep_frame()

    def _keep_frame(self) -> None:
        dead = None if self.network.dead is None else self.network.dead.copy()
        self.frames.record(Frame(self.epoch, self.network.params.copy(), dead, self.train_loss, self.test_loss,
                                 self.train_accuracy, self.test_accuracy))

    def _run_epoch(self) -> None:
        config, runner = self.config, self._runner
        if config.shuffle or runner.shuffled:
            runner.shuffle(self.shuffle_rng if config.shuffle else None)
        learning_rate = decayed_rate(config.learning_rate, config.lr_decay, self.epoch, config.decay_rate, config.decay_epochs)
        hyper = None if config.optimizer == "sgd" else _hyper(config)
        with np.errstate(all="ignore"):
            runner.run_epoch(learning_rate, config.regularization_rate, config.optimizer, hyper)

    def reset(self) -> None:
        """The Playground's reset: new weights from the continuing stream, same data, epoch 0."""
        self.network = self._initial_network()
        self._start_run()

    def restart(self) -> None:
        """Back to this run's initial weights and data at epoch 0 (Reset draws new weights instead).

        The current settings are kept, so two settings can be compared from one start. After a
        change of shape (which draws new weights) the start is that new network.
        """
        self.config, self.data = self.config.replace(seed=self.start_seed), self.start_data
        self.network = Network(self.config.layer_sizes, self.config.activation,
                               self.config.head.activation, self.start_params)
        self.network.dead = None if self.start_dead is None else self.start_dead.copy()
        self._start_run()

    def regenerate(self) -> None:
        """New seed and data, drawn from the stream; the trained network and epoch are kept.

        A data file is read again and shuffled and split by the new seed.

        Raises:
            ConfigError: The data file has become unusable; the run keeps its seed, data and network.
        """
        self._new_data(self.config)
        self._bind_data(carry=self._runner)
        self._measure(record=False)

    def _new_data(self, config: Config) -> None:
        """Adopt ``config`` with the stream's next seed and that seed's data (all or nothing)."""
        config = config.replace(seed=self.rng.new_seed())
        rng = PlaygroundRandom(config.seed)
        data = run_data(config, rng)
        self.config, self.rng, self.data = fitted(config, data), rng, data

    def apply(self, config: Config) -> Effect | None:
        """Adopt new settings the Playground's way: each changed setting's row says what it does.

        Returns:
            The strongest effect of the settings that changed (``Effect.RESTART`` for a different
            seed: the run starts over as if opened from its link); None when nothing that
            applies changed.

        Raises:
            ConfigError: The new data file is missing, malformed or does not fit the problem;
                the run keeps its old settings.
        """
        old, config = self.config, config if config.seed is not None else config.replace(seed=self.config.seed)
        config = fitted(config, self.data) if _same_data(old, config) else config
        effect = strongest_effect(old, config)
        if effect is Effect.RESTART:
            self.__init__(config, self.history.limit)
        elif effect is Effect.NEW_DATA:
            self._new_data(config)
            self.reset()
        else:
            self.config = config
            if effect is Effect.REBUILD:
                start = self.start_params, self.start_dead, self.start_data, self.start_seed
                self.reset()
                if start[0].shape == self.start_params.shape:  # restart returns to the earlier start
                    self.start_params, self.start_dead, self.start_data, self.start_seed = start
        return effect

    def set_parameter(self, layer: int, neuron: int, source: int | None, value: float) -> None:
        """Edit one weight (``source`` is the input neuron) or a bias (``source`` None), as the hover card does.

        Raises:
            ValueError: The index is out of range, the value is not finite or the link is dead.
        """
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        if not 0 <= layer < len(self.network.weights):
            raise ValueError(f"no such parameter: layer {layer}, neuron {neuron}, source {source}")
        W = self.network.weights[layer]
        column = W.shape[1] - 1 if source is None else source
        if not (0 <= neuron < W.shape[0] and 0 <= column < W.shape[1] - (source is not None)):
            raise ValueError(f"no such parameter: layer {layer}, neuron {neuron}, source {source}")
        if source is not None and self.network.dead_views()[layer][neuron, column]:
            raise ValueError("this link was removed by L1 regularization; reset to bring it back")
        W[neuron, column] = value
        self._measure(record=False)

    def save(self, path: str) -> None:
        """Write the network and settings to a model file (see ``tui_nn.core.model_file``)."""
        save_model(path, self.config, self.network, self.epoch)

    @classmethod
    def load(cls, path: str, config: Config | None = None, history_limit: int = 2000) -> Trainer:
        """A run resumed from a model file, on the data its seed gives.

        Args:
            config: Settings to use instead of the file's; they must describe the same network.

        Raises:
            ModelFileError: The file is unusable or does not fit ``config``.
        """
        saved = load_model(path, config)
        trainer = cls(saved.config, history_limit)
        trainer.network.params[:] = saved.network.params
        trainer.network.dead = saved.network.dead
        trainer.start_params = saved.network.params.copy()
        trainer.start_dead = None if saved.network.dead is None else saved.network.dead.copy()
        trainer.history.clear()
        trainer.trajectory.clear()
        trainer.frames.clear()
        trainer.epoch = saved.epoch
        trainer._measure(record=True)
        trainer._keep_frame()
        return trainer

    def adopt(self, network: Network, epoch: int, history: LossHistory, frames: RunFrames) -> None:
        """Continue from another run of these settings: its weights, epoch, loss history and frames (undo).

        The leftover gradients of a partial batch and the stream's position are this run's own.
        """
        self.network.params[:] = network.params
        self.network.dead = None if network.dead is None else network.dead.copy()
        self.epoch, self.history, self.frames = epoch, history, frames
        self._measure(record=False)

    def replay_snapshot(self, index: int) -> Snapshot:
        """The run as it stood at frame ``index`` of ``frames``: its weights, losses, epoch and history so far."""
        frame = self.frames.frames[index]
        epochs, train, test = self.history.arrays()
        upto = int(np.searchsorted(epochs, frame.epoch, side="right"))
        return Snapshot(
            config=self.config, epoch=frame.epoch, train_loss=frame.train_loss, test_loss=frame.test_loss,
            train_accuracy=frame.train_accuracy, test_accuracy=frame.test_accuracy,
            diverged_at=self.diverged_at if self.diverged_at is not None and self.diverged_at <= frame.epoch else None,
            network=frame.network(self.network), data=self.data, history=(epochs[:upto], train[:upto], test[:upto]),
        )

    def snapshot(self) -> Snapshot:
        """An immutable copy of the current state."""
        return Snapshot(
            config=self.config,
            epoch=self.epoch,
            train_loss=self.train_loss,
            test_loss=self.test_loss,
            train_accuracy=self.train_accuracy,
            test_accuracy=self.test_accuracy,
            diverged_at=self.diverged_at,
            network=self.network.copy(),
            data=self.data,
            history=self.history.arrays(latest=True),
            trajectory=self.trajectory.frozen(),
            last_step=self._runner.last_step.copy() if self._runner.updates else None,
            last_learning_rate=self._runner.last_learning_rate,
            best_test_loss=self.best_test_loss,
            best_epoch=self.best_epoch,
        )


def _same_data(old: Config, new: Config) -> bool:
    """Whether ``new`` reads the same file or bundled set as ``old`` (so its class count still holds)."""
    return (new.problem, new.data_file, new.dataset_name) == (old.problem, old.data_file, old.dataset_name) and (
        new.data_file is not None or DATASETS[new.dataset_name].bundled is not None)
