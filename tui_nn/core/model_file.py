"""Model files: a network's weights and its Config in one ``.npz``, written atomically, never pickled.

Layout (DESIGN.md): ``W{l}`` `(fan_in, fan_out)`, ``b{l}`` `(fan_out,)`, ``dead{l}`` masks shaped
like ``W{l}`` when L1 removed links, ``config`` (JSON string), ``format`` (version) and ``epoch``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from tui_nn.core.atomic_file import write_atomically
from tui_nn.core.config import Config, ConfigError
from tui_nn.core.network import Network
from tui_nn.core.npz_members import ArchiveError, NpzMembers, PickledDataError
from tui_nn.core.settings_file import parse_settings

FORMAT_VERSION = 1
MAX_CONFIG_CHARS = 65536
"""Longest embedded settings JSON accepted; a real one is under 1 KiB."""
MAX_EPOCH = 10**15


class ModelFileError(ValueError):
    """A model file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class SavedModel:
    config: Config
    network: Network
    epoch: int


def save_model(path: str | os.PathLike, config: Config, network: Network, epoch: int) -> None:
    """Write the model so that a crash or kill mid-write never leaves a truncated file at ``path``.

    The archive is written to a temporary file beside ``path`` and renamed over it only when complete:
    until then an existing file at ``path`` stays as it was.
    """
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
    """Write ``arrays`` as an ``.npz``, all or nothing (see `write_atomically`)."""
    write_atomically(path, lambda stream: np.savez(stream, allow_pickle=False, **arrays))


def load_model(path: str | os.PathLike, expected: Config | None = None) -> SavedModel:
    """Read and validate a model file without trusting it.

    Every entry's ``.npy`` header is checked against the shape its config implies (and a size
    limit) before the entry is read, so a file declaring a huge array costs nothing; pickled data
    is never loaded; weights must be finite.

    Args:
        expected: Settings the model must fit; its shape-defining settings are compared with the file's.

    Raises:
        ModelFileError: The file is missing, corrupt, of another format, or does not fit ``expected``;
            one line naming the file and the fault.
    """
    name = os.fspath(path)
    try:
        with NpzMembers(name) as archive:
            config = _read_config(archive)
            if expected is not None:
                _check_fits(name, config, expected)
            network = _read_network(archive, config)
            epoch = _integer(archive, "epoch") if "epoch" in archive else 0
    except FileNotFoundError:
        raise ModelFileError(f"{name}: no such file") from None
    except OSError as error:
        raise ModelFileError(f"{name}: cannot read it: {error.strerror or error}") from None
    except _Unfit as error:
        raise ModelFileError(f"{name}: {error}") from None
    except ArchiveError as error:
        raise ModelFileError(f"{name}: not a tui-nn model file ({error})") from None
    if expected is not None:
        config = expected if expected.seed is not None else expected.replace(seed=config.seed)
    return SavedModel(config=config, network=network, epoch=epoch)


class _Unfit(ValueError):
    """A well-formed archive whose contents do not make a usable model."""


def _read_config(archive: NpzMembers) -> Config:
    for key in ("format", "config"):
        if key not in archive:
            raise ArchiveError(f"no {key!r} entry")
    version = _integer(archive, "format")
    if version != FORMAT_VERSION:
        raise _Unfit(f"model format {version} is not supported (this version reads {FORMAT_VERSION})")
    text = archive.read("config", (), "U", MAX_CONFIG_CHARS * 4)
    try:
        return parse_settings(str(text))
    except ConfigError as error:
        raise _Unfit(f"its config is invalid: {error}") from None


def _integer(archive: NpzMembers, key: str) -> int:
    try:
        value = int(archive.read(key, (), "iu", 8))
    except ArchiveError:
        raise _Unfit(f"{key!r} is not a whole number") from None
    if not 0 <= value <= MAX_EPOCH:
        raise _Unfit(f"{key!r} is {value}, outside 0 to {MAX_EPOCH}")
    return value


def _check_fits(name: str, saved: Config, expected: Config) -> None:
    for field in ("features", "hidden_layers", "problem", "activation", "classes", "loss"):
        have, want = getattr(saved, field), getattr(expected, field)
        if have != want:
            raise ModelFileError(f"{name}: the model has {field} {_show(have)} but the settings ask for {_show(want)}")


def _show(value: object) -> str:
    return ",".join(map(str, value)) or "(none)" if isinstance(value, tuple) else str(value)


def _read_network(archive: NpzMembers, config: Config) -> Network:
    network = Network(config.layer_sizes, config.activation, config.head.activation)
    extra = [key for key in archive.keys if key[:1] == "W" and key[1:].isdigit() and int(key[1:]) >= len(network.weights)]
    if extra:
        raise _Unfit(f"has more weight layers than its config's {len(network.weights)}")
    any_dead = False
    for index, W in enumerate(network.weights):
        fan_out, fan_in = W.shape[0], W.shape[1] - 1
        W[:, :-1] = _entry(archive, f"W{index}", (fan_in, fan_out), "fiu").T
        W[:, -1] = _entry(archive, f"b{index}", (fan_out,), "fiu")
        any_dead |= f"dead{index}" in archive
    if not np.isfinite(network.params).all():
        raise _Unfit("its weights hold NaN or infinite values")
    if any_dead:
        network.dead = np.zeros(network.params.size, dtype=bool)
        for index, mask in enumerate(network.dead_views()):
            dead = _entry(archive, f"dead{index}", (mask.shape[1] - 1, mask.shape[0]), "biu")
            if not np.isin(dead, (0, 1)).all():
                raise _Unfit(f"'dead{index}' holds values other than 0 and 1")
            mask[:, :-1] = dead.T.astype(bool)
    return network


def _entry(archive: NpzMembers, key: str, shape: tuple[int, ...], kinds: str) -> np.ndarray:
    """An entry of exactly ``shape``, checked from its header before any of it is read."""
    if key not in archive:
        raise _Unfit(f"missing {key!r}")
    try:
        return archive.read(key, shape, kinds, 8 * math.prod(shape))
    except PickledDataError:
        raise
    except ArchiveError as error:
        raise _Unfit(str(error)) from None
