"""Settings JSON from an untrusted source (a ``--config`` file, a model file's ``config`` entry) into a Config.

Whatever the text holds (a list, junk nested a million deep, a number of 5000 digits, wrong types,
unknown keys), the only exception that leaves is a one-line ``ConfigError``. Validation itself
stays in ``Config``; this module only guards the way in.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any

from tui_nn.core.config import Config, ConfigError

MAX_SETTINGS_BYTES = 2**20
"""Largest settings file read; real ones are under 1 KiB."""
_MAX_MESSAGE = 400
_MAX_WHOLE = 10**15
"""Integers beyond this are refused by name before Config compares them with floats."""
_TYPE_NAMES = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true or false", type(None): "null"}


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _check_whole_numbers(data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_WHOLE:
            raise ConfigError(f"{key}: a number of {len(str(abs(value)))} digits is not allowed")


def parse_settings(text: str) -> Config:
    """Settings from JSON text (``Config.to_json`` output).

    Raises:
        ConfigError: The text is not JSON, not an object, or a value is not allowed; one line.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ConfigError("settings are nested too deeply to be settings") from None
    except ValueError as error:  # JSONDecodeError, and the interpreter's limit on digits in an int
        raise ConfigError(_one_line(f"settings are not valid JSON: {error}")) from None
    if not isinstance(data, dict):
        raise ConfigError(f"settings must be a JSON object of name: value pairs, not {_TYPE_NAMES.get(type(data), 'that')}")
    try:
        _check_whole_numbers(data)
        return Config.from_dict(data)
    except (ConfigError, TypeError, ValueError, OverflowError, RecursionError) as error:
        raise ConfigError(_one_line(str(error))) from None


def read_settings_file(path: str) -> Config:
    """Settings from a JSON file, refused by name if unreadable, not a file, too large or invalid.

    Raises:
        ConfigError: ``<path>: <fault>``, one line.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: not a regular file")
        if info.st_size > MAX_SETTINGS_BYTES:
            raise ConfigError(f"{path}: {info.st_size} bytes, more than the {MAX_SETTINGS_BYTES // 1024} KiB limit for settings")
        with open(path, "rb") as stream:
            raw = stream.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"cannot read {path!r}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    try:
        return parse_settings(text)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
