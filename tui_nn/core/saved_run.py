"""Saved runs: everything a run needs to continue, in one versioned ``.npz``, never pickled.

A saved run holds a model file's entries (so ``--load`` reads it as a model too) plus ``run_format``,
the flat parameters and dead links, the Playground stream's ARC4 state, the shuffle generator's
state, the carried-over derivatives, the optimiser's memory, the loss history, the epoch and the
data itself (a data file may change or be missing later). Loading one and training N epochs gives
bit for bit the losses of never having stopped. It knows no screen and no command line.
"""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.datasets import AxisScale, DataSplit
from tui_nn.core.model_file import FORMAT_VERSION, ModelFileError, model_arrays, write_npz
from tui_nn.core.network import Network
from tui_nn.core.optimizers import OPTIMIZERS, OptimizerState
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.trainer import Trainer

RUN_FORMAT = 1
"""Version of the saved-run entries; a file of another version is refused by its number."""
MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger files are refused before reading: a run of 100,000 CSV rows takes a few megabytes."""

Arrays = dict[str, np.ndarray]


class SavedRunError(ModelFileError):
    """A saved run cannot be used; the message names the file and the problem."""


def save_run(path: str | os.PathLike, trainer: Trainer) -> None:
    """Write ``trainer``'s whole state to ``path`` atomically (a crash never leaves half a file)."""
    write_npz(path, {**model_arrays(trainer.config, trainer.network, trainer.epoch), **run_arrays(trainer)})


def run_arrays(trainer: Trainer) -> Arrays:
    """The entries a saved run adds to a model file's."""
    runner, network, data = trainer.epoch_runner, trainer.network, trainer.data
    stream, i, j = trainer.rng.getstate()
    epochs, train, test = trainer.history.arrays()
    optimizer = runner.optimizer
    arrays: Arrays = {
        "run_format": np.array(RUN_FORMAT),
        "params": network.params.copy(),
        "diverged_at": np.array(-1 if trainer.diverged_at is None else trainer.diverged_at),
        "stream": np.array(stream, dtype=np.uint8),
        "stream_ij": np.array([i, j]),
        "shuffle_state": np.array(json.dumps(trainer.shuffle_rng.bit_generator.state)),
        "pending_grad": runner.pending_grad.copy(),
        "pending_count": np.array(runner.pending_count),
        "optimizer": np.array(optimizer.name),
        "optimizer_steps": np.array(optimizer.steps),
        "history_epochs": epochs.astype(np.int64),
        "history_train": train,
        "history_test": test,
        "history_stride": np.array(trainer.history.stride),
        "train_points": np.asarray(data.train_points),
        "train_labels": np.asarray(data.train_labels),
        "test_points": np.asarray(data.test_points),
        "test_labels": np.asarray(data.test_labels),
        "data_meta": np.array(json.dumps(_data_meta(data))),
    }
    if network.dead is not None:
        arrays["dead"] = network.dead.copy()
    arrays.update({f"optimizer_{slot}": values.copy() for slot, values in optimizer.slots.items()})
    return arrays


def load_run(path: str | os.PathLike, history_limit: int = 2000) -> Trainer:
    """The run saved at ``path``, ready to continue exactly where it stopped.

    Raises:
        SavedRunError: The file is missing, not a saved run, of another format version, or damaged.
    """
    name = os.fspath(path)
    data = _read_archive(name)
    _check_version(name, data)
    config = _config(name, data)
    network = _network(name, data, config)
    class_names, scales = _read_data_meta(name, data)
    split = DataSplit(*(_entry(name, data, key, ndim) for key, ndim in _DATA_ENTRIES), class_names, scales)
    for points, labels in ((split.train_points, split.train_labels), (split.test_points, split.test_labels)):
        if points.shape != (len(labels), 2):
            raise SavedRunError(f"{name}: its data points and labels do not match")
    rng = PlaygroundRandom(config.seed or "")
    try:
        rng.setstate((_entry(name, data, "stream", 1).tolist(), *_entry(name, data, "stream_ij", 1).tolist()))
    except (ValueError, TypeError):
        raise SavedRunError(f"{name}: its generator state is damaged") from None
    trainer = Trainer.restored(config, split, network, rng, history_limit)
    _restore_progress(name, data, trainer)
    return trainer


_DATA_ENTRIES = (("train_points", 2), ("train_labels", 1), ("test_points", 2), ("test_labels", 1))


def _data_meta(data: DataSplit) -> dict:
    """What the data's arrays do not say: its class names and how a file's columns were rescaled."""
    scales = None if data.scales is None else [[s.name, s.centre, s.factor] for s in data.scales]
    return {"class_names": list(data.class_names), "scales": scales}


def _read_data_meta(name: str, data: Arrays) -> tuple[tuple[str, ...], tuple[AxisScale, ...] | None]:
    """Class names and axis scales, checked; a file without them (saved before they were kept) has none."""
    if "data_meta" not in data:
        return (), None
    try:
        meta = json.loads(str(data["data_meta"]))
        names = tuple(meta["class_names"])
        scales = meta["scales"]
        if not all(isinstance(n, str) for n in names) or len(names) > 64:
            raise ValueError("class names")
        if scales is not None:
            scales = tuple(AxisScale(str(n), float(c), float(f)) for n, c, f in scales)
            if not all(np.isfinite([s.centre, s.factor]).all() and s.factor != 0 for s in scales):
                raise ValueError("scales")
        return names, scales
    except (ValueError, TypeError, KeyError, json.JSONDecodeError, RecursionError):
        raise SavedRunError(f"{name}: its data description (class names, scales) is damaged") from None


def _read_archive(name: str) -> Arrays:
    try:
        if os.path.getsize(name) > MAX_FILE_BYTES:
            raise SavedRunError(f"{name}: larger than {MAX_FILE_BYTES // 2**20} MB, too large for a saved run")
        with open(name, "rb") as stream:
            if stream.read(4) != b"PK\x03\x04":
                raise ValueError("not an .npz archive")
        with zipfile.ZipFile(name) as members:  # sizes as stored, before anything is unpacked
            if sum(member.file_size for member in members.infolist()) > MAX_FILE_BYTES:
                raise SavedRunError(f"{name}: unpacks to more than {MAX_FILE_BYTES // 2**20} MB, too large for a saved run")
        with np.load(name, allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    except FileNotFoundError:
        raise SavedRunError(f"{name}: no such file") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise SavedRunError(f"{name}: not a tui-nn saved run ({error})") from None


def _check_version(name: str, data: Arrays) -> None:
    if "run_format" not in data:
        if "format" in data and "config" in data:
            raise SavedRunError(f"{name}: a model file (weights and settings, model format "
                                f"{_whole(name, data, 'format')}), not a saved run: open it with --load")
        raise SavedRunError(f"{name}: not a tui-nn saved run (no 'run_format' entry)")
    version = _whole(name, data, "run_format")
    if version > RUN_FORMAT:
        raise SavedRunError(f"{name}: saved-run format {version} is newer than this tui-nn reads ({RUN_FORMAT}); update tui-nn")
    if version != RUN_FORMAT:
        raise SavedRunError(f"{name}: saved-run format {version} is not supported (this version reads {RUN_FORMAT})")
    if _whole(name, data, "format") != FORMAT_VERSION:
        raise SavedRunError(f"{name}: model format {_whole(name, data, 'format')} is not supported")


def _config(name: str, data: Arrays) -> Config:
    try:
        config = Config.from_json(str(data["config"]))
    except (KeyError, ConfigError, TypeError) as error:
        raise SavedRunError(f"{name}: its settings are missing or invalid: {error}") from None
    if config.seed is None:
        raise SavedRunError(f"{name}: its settings have no seed")
    return config


def _network(name: str, data: Arrays, config: Config) -> Network:
    network = Network(config.layer_sizes, config.activation, config.head.activation)
    network.params[:] = _entry(name, data, "params", 1, network.params.shape)
    if "dead" in data:
        network.dead = _entry(name, data, "dead", 1, network.params.shape).astype(bool)
    return network


def _restore_progress(name: str, data: Arrays, trainer: Trainer) -> None:
    """Epoch, history, divergence, carry-over, optimiser memory and shuffle state onto a restored run."""
    size = trainer.network.params.shape
    runner = trainer.epoch_runner
    runner.pending_grad[:] = _entry(name, data, "pending_grad", 1, size)
    runner.pending_count = _whole(name, data, "pending_count")
    optimizer = str(data.get("optimizer", ""))
    if optimizer not in OPTIMIZERS:
        raise SavedRunError(f"{name}: unknown optimizer {optimizer!r}")
    slots = {slot: _entry(name, data, f"optimizer_{slot}", 1, size).copy() for slot in OPTIMIZERS[optimizer].slots}
    runner.optimizer = OptimizerState(optimizer, slots, _whole(name, data, "optimizer_steps"))
    try:
        trainer.shuffle_rng.bit_generator.state = json.loads(str(data["shuffle_state"]))
    except (KeyError, ValueError, TypeError):
        raise SavedRunError(f"{name}: its shuffle generator state is damaged") from None
    epochs = _entry(name, data, "history_epochs", 1)
    losses = [_entry(name, data, key, 1, epochs.shape) for key in ("history_train", "history_test")]
    trainer.history.restore(epochs.tolist(), *(values.tolist() for values in losses), _whole(name, data, "history_stride"))
    trainer.epoch = _whole(name, data, "epoch")
    diverged_at = _whole(name, data, "diverged_at")
    trainer.diverged_at = None if diverged_at < 0 else diverged_at
    trainer.remeasure()


def _whole(name: str, data: Arrays, key: str) -> int:
    try:
        value = data[key]
        if value.shape != () or value.dtype.kind not in "iu":
            raise ValueError
        return int(value)
    except (KeyError, TypeError, ValueError):
        raise SavedRunError(f"{name}: {key!r} is missing or not a whole number") from None


def _entry(name: str, data: Arrays, key: str, ndim: int, shape: tuple[int, ...] | None = None) -> np.ndarray:
    if key not in data:
        raise SavedRunError(f"{name}: missing {key!r}")
    value = data[key]
    if value.ndim != ndim or (shape is not None and value.shape != shape) or value.dtype.kind not in "fiub":
        raise SavedRunError(f"{name}: {key!r} has the wrong shape or type for its settings")
    return value
