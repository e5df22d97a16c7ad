"""Playground share strings: the URL hash format of PLAYGROUND.md §7.3, both ways.

Parsing follows the Playground's rules (``x=0`` means true, ``networkShape=`` means no hidden
layers, inert keys accepted) except that a bad value raises instead of silently keeping a default.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from tui_nn.core.config import (
    CLASSIFICATION_DATASET_NAMES,
    FEATURE_KEYS,
    REGRESSION_DATASET_NAMES,
    Config,
    ConfigError,
    js_number,
    warn_ignored,
)

# Keys the Playground writes but that change nothing in a run (PLAYGROUND.md §3, §7.1, §9).
INERT_KEYS = ("cosX", "cosY", "collectStats", "hideText", "tutorial")

_NUMBER_KEYS = {
    "batchSize": "batch_size",
    "learningRate": "learning_rate",
    "regularizationRate": "regularization_rate",
    "noise": "noise",
    "percTrainData": "train_percent",
}
_CHOICE_KEYS = {
    "activation": "activation",
    "regularization": "regularization",
    "dataset": "dataset",
    "regDataset": "regression_dataset",
    "problem": "problem",
}
_FLAG_KEYS = {"showTestData": "show_test_data", "discretize": "discretize", "initZero": "init_zero"}
DATA_FILE_KEY = "dataFile"
"""Our own key (the Playground has no CSV data): the file's path, percent-encoded."""
_KNOWN_KEYS = {*_NUMBER_KEYS, *_CHOICE_KEYS, *_FLAG_KEYS, *FEATURE_KEYS, *INERT_KEYS, "networkShape", "seed", DATA_FILE_KEY}


def _split_pairs(link: str) -> dict[str, str | None]:
    """``name=value`` pairs of the hash, as the Playground splits them (no percent-decoding)."""
    text = "".join(link.split())  # a link wrapped across lines when copied by hand
    if "#" in text:
        text = text.split("#", 1)[1]
    pairs: dict[str, str | None] = {}
    for part in text.split("&"):
        if not part:
            continue
        pieces = part.split("=")
        pairs[pieces[0]] = pieces[1] if len(pieces) > 1 else None
    return pairs


def _number(key: str, value: str) -> float | int:
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not a number") from None
    return int(number) if key == "batchSize" and number == int(number) else number


def _network_shape(value: str) -> tuple[int, ...]:
    if value == "":
        return ()
    try:
        return tuple(int(part) for part in value.split(","))
    except ValueError:
        raise ConfigError(f"networkShape: {value!r} is not a comma-separated list of neuron counts") from None


def from_link(link: str) -> Config:
    """Parse a share string or a whole Playground URL; missing keys take the Playground's defaults.

    Raises:
        ConfigError: A value is bad; the message names its key.
    """
    values: dict[str, Any] = {}
    features = set(Config().features)
    hidden_features: set[str] = set()
    pairs = _split_pairs(link)
    recognised = [key for key in pairs if key in _KNOWN_KEYS or key.endswith("_hide")]
    for key, value in pairs.items():
        if key in _NUMBER_KEYS:
            if value:
                values[_NUMBER_KEYS[key]] = _number(key, value)
        elif key in _CHOICE_KEYS:
            if value is not None:
                values[_CHOICE_KEYS[key]] = value
        elif key in _FLAG_KEYS:
            values[_FLAG_KEYS[key]] = value != "false"
        elif key in FEATURE_KEYS:
            (features.discard if value == "false" else features.add)(key)
        elif key == "networkShape":
            values["hidden_layers"] = _network_shape(value or "")
        elif key == "seed":
            values["seed"] = value or ""
        elif key == DATA_FILE_KEY:
            values["data_file"] = unquote(value or "")
        elif key.endswith("_hide"):
            # Hiding a feature removes it from the inputs; hiding a control changes nothing here.
            if key[: -len("_hide")] in FEATURE_KEYS and value == "true":
                hidden_features.add(key[: -len("_hide")])
        elif key not in INERT_KEYS:
            warn_ignored(key)
    if not recognised:
        raise ConfigError(f"not a Playground link: no setting found in {link.strip()[:60]!r}")
    values["features"] = tuple(features - hidden_features)
    try:
        return Config(**values)
    except ConfigError as error:
        raise ConfigError(_link_key_message(str(error))) from None


def _link_key_message(message: str) -> str:
    """Name the link key, not the Python field, in a validation message."""
    field_to_key = {**{v: k for k, v in _NUMBER_KEYS.items()}, **{v: k for k, v in _CHOICE_KEYS.items()}}
    field_to_key.update({v: k for k, v in _FLAG_KEYS.items()}, hidden_layers="networkShape", data_file=DATA_FILE_KEY)
    name, _, rest = message.partition(":")
    return f"{field_to_key.get(name, name)}:{rest}"


def to_link(config: Config) -> str:
    """The share string in the Playground's own key order, so the browser opens the same run.

    A data file adds the ``dataFile`` key at the end; the browser ignores it (and has no such data).
    """
    parts: list[tuple[str, str]] = [("activation", config.activation)]
    if config.regularization != "none":
        parts.append(("regularization", config.regularization))
    parts += [
        ("batchSize", js_number(config.batch_size)),
        ("dataset", config.dataset),
        ("regDataset", config.regression_dataset),
        ("learningRate", js_number(config.learning_rate)),
        ("regularizationRate", js_number(config.regularization_rate)),
        ("noise", js_number(config.noise)),
        ("networkShape", ",".join(map(str, config.hidden_layers))),
    ]
    if config.seed is not None:
        parts.append(("seed", config.seed))
    parts += [
        ("showTestData", _flag(config.show_test_data)),
        ("discretize", _flag(config.discretize)),
        ("percTrainData", js_number(config.train_percent)),
    ]
    on = set(config.features)
    for key in ("x", "y", "xTimesY", "xSquared", "ySquared", "cosX", "sinX", "cosY", "sinY"):
        parts.append((key, _flag(key in on)))
    parts += [
        ("collectStats", "false"),
        ("problem", config.problem),
        ("initZero", _flag(config.init_zero)),
        ("hideText", "false"),
    ]
    if config.data_file is not None:
        # Our own key, after the Playground's; percent-encoded so '&', '=', '#' and spaces survive.
        parts.append((DATA_FILE_KEY, quote(config.data_file, safe="/")))
    return "&".join(f"{key}={value}" for key, value in parts)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def dataset_kind(name: str) -> str:
    """``classification`` or ``regression`` for a dataset's link name."""
    if name in CLASSIFICATION_DATASET_NAMES:
        return "classification"
    if name in REGRESSION_DATASET_NAMES:
        return "regression"
    allowed = ", ".join(CLASSIFICATION_DATASET_NAMES + REGRESSION_DATASET_NAMES)
    raise ConfigError(f"dataset: {name!r} is not allowed; choose one of {allowed}")
