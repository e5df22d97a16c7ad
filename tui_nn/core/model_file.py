"""Model files: a network's weights and its Config in one ``.npz``, written atomically, never pickled.

Layout (DESIGN.md): ``W{l}`` `(fan_in, fan_out)`, ``b{l}`` `(fan_out,)`, ``dead{l}`` masks shaped
like ``W{l}`` when L1 removed links, ``config`` (JSON string), ``format`` (version) and ``epoch``.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.network import Network
from tui_nn.core.problems import PROBLEMS

FORMAT_VERSION = 1


class ModelFileError(ValueError):
    """A model file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class SavedModel:
    config: Config
    network: Network
    epoch: int


def save_model(path: str | os.PathLike, config: Config, network: Network, epoch: int) -> None:
    """Write the model so that a crash mid-write never leaves a truncated file at ``path``."""
    write_npz(path, model_arrays(config, network, epoch))


def model_arrays(config: Config, network: Network, epoch: int) -> dict[str, np.ndarray]:
    """The entries of a model file (a saved run holds them too, so ``--load`` reads either)."""
    arrays: dict[str, np.ndarray] = {
        "format": np.array(FORMAT_VERSION),
        "config": np.array(config.to_json()),
        "epoch": np.array(epoch),
    }
    dead = network.dead_views()
    for index, W in enumerate(network.weights):
        arrays[f"W{index}"] = W[:, :-1].T.copy()
        arrays[f"b{index}"] = W[:, -1].copy()
        if network.dead is not None:
            arrays[f"dead{index}"] = dead[index][:, :-1].T.copy()
    return arrays


def write_npz(path: str | os.PathLike, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as an ``.npz`` through a temporary file and a rename: all or nothing."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **arrays)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_model(path: str | os.PathLike, expected: Config | None = None) -> SavedModel:
    """Read and validate a model file.

    Args:
        expected: Settings the model must fit; its shape-defining settings are compared with the file's.

    Raises:
        ModelFileError: The file is missing, corrupt, of another format, or does not fit ``expected``.
    """
    name = os.fspath(path)
    try:
        loaded = np.load(name, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise ValueError("not an .npz archive")
        with loaded as archive:
            data = {key: archive[key] for key in archive.files}
    except FileNotFoundError:
        raise ModelFileError(f"{name}: no such file") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ModelFileError(f"{name}: not a tui-nn model file ({error})") from None
    config = _read_config(name, data)
    if expected is not None:
        _check_fits(name, config, expected)
    network = _read_network(name, data, config)
    epoch = _integer(name, data, "epoch") if "epoch" in data else 0
    if expected is not None:
        config = expected if expected.seed is not None else expected.replace(seed=config.seed)
    return SavedModel(config=config, network=network, epoch=epoch)


def _read_config(name: str, data: dict[str, np.ndarray]) -> Config:
    for key in ("format", "config"):
        if key not in data:
            raise ModelFileError(f"{name}: not a tui-nn model file (no {key!r} entry)")
    version = _integer(name, data, "format")
    if version != FORMAT_VERSION:
        raise ModelFileError(f"{name}: model format {version} is not supported (this version reads {FORMAT_VERSION})")
    try:
        return Config.from_json(str(data["config"]))
    except (ConfigError, TypeError) as error:
        raise ModelFileError(f"{name}: its config is invalid: {error}") from None


def _integer(name: str, data: dict[str, np.ndarray], key: str) -> int:
    try:
        return int(data[key])
    except (TypeError, ValueError):
        raise ModelFileError(f"{name}: {key!r} is not a whole number") from None


def _check_fits(name: str, saved: Config, expected: Config) -> None:
    for field in ("features", "hidden_layers", "problem", "activation"):
        have, want = getattr(saved, field), getattr(expected, field)
        if have != want:
            raise ModelFileError(f"{name}: the model has {field} {_show(have)} but the settings ask for {_show(want)}")


def _show(value: object) -> str:
    return ",".join(map(str, value)) or "(none)" if isinstance(value, tuple) else str(value)


def _read_network(name: str, data: dict[str, np.ndarray], config: Config) -> Network:
    output = PROBLEMS[config.problem].output_activation
    network = Network(config.layer_sizes, config.activation, output)
    any_dead = False
    for index, W in enumerate(network.weights):
        fan_out, fan_in = W.shape[0], W.shape[1] - 1
        weights = _entry(name, data, f"W{index}", (fan_in, fan_out))
        W[:, :-1] = weights.T
        W[:, -1] = _entry(name, data, f"b{index}", (fan_out,))
        any_dead |= f"dead{index}" in data
    if any_dead:
        network.dead = np.zeros(network.params.size, dtype=bool)
        for index, mask in enumerate(network.dead_views()):
            mask[:, :-1] = _entry(name, data, f"dead{index}", (mask.shape[1] - 1, mask.shape[0])).T.astype(bool)
    extra = sorted(key for key in data if key[:1] == "W" and key[1:].isdigit() and int(key[1:]) >= len(network.weights))
    if extra:
        raise ModelFileError(f"{name}: has more weight layers than its config's {len(network.weights)}")
    return network


def _entry(name: str, data: dict[str, np.ndarray], key: str, shape: tuple[int, ...]) -> np.ndarray:
    if key not in data:
        raise ModelFileError(f"{name}: missing {key!r}")
    value = data[key]
    if value.shape != shape:
        raise ModelFileError(f"{name}: {key!r} has shape {value.shape}, expected {shape} for this config")
    if value.dtype.kind not in "fib":
        raise ModelFileError(f"{name}: {key!r} is not numeric")
    return value
