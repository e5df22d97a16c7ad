"""Limits an administrator sets for the app: a training-speed cap and a pause after idle time.

Each comes from an option or, when the option is absent, from an environment variable, so a lab
server's shell profile sets them for every student; the option wins. A bad value stops the app
with one line naming the option or the variable. It parses only; the app enforces.
"""

from __future__ import annotations

import argparse
import math
import os
from typing import Callable, Mapping

from tui_nn.core.config import ConfigError

MAX_SPEED_VARIABLE = "TUI_NN_MAX_SPEED"
IDLE_PAUSE_VARIABLE = "TUI_NN_IDLE_PAUSE"
_HIGHEST = {"speed": 100_000, "seconds": 10**7}
_MEANING = {
    "speed": "a number of epochs per second above 0 (at most 100000)",
    "seconds": "a number of seconds above 0",
}


def _positive(kind: str) -> Callable[[str], float]:
    """A converter from text to a number in (0, highest]; whole numbers come back as ints (``100/s``)."""

    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not 0 < value <= _HIGHEST[kind]:
            raise ValueError(f"{text!r} is not {_MEANING[kind]}")
        return int(value) if value.is_integer() else value

    return convert


def _option_type(kind: str) -> Callable[[str], float]:
    convert = _positive(kind)

    def option(text: str) -> float:
        try:
            return convert(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return option


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-speed`` and ``--idle-pause`` (None when not given)."""
    parser.add_argument("--max-speed", type=_option_type("speed"), metavar="N",
                        help=f"app: most epochs per second, also for 'max' (default: ${MAX_SPEED_VARIABLE}, else no cap)")
    parser.add_argument("--idle-pause", type=_option_type("seconds"), metavar="SECONDS",
                        help=f"app: pause training after this long without a key press (default: ${IDLE_PAUSE_VARIABLE}, else never)")


def resolve_limits(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> None:
    """Fill ``args.max_speed`` and ``args.idle_pause`` from the environment where no option gave them.

    Raises:
        ConfigError: A variable holds a bad value; the message names the variable.
    """
    for field, variable, kind in (("max_speed", MAX_SPEED_VARIABLE, "speed"), ("idle_pause", IDLE_PAUSE_VARIABLE, "seconds")):
        text = environ.get(variable, "").strip()
        if getattr(args, field, None) is None and text:
            try:
                setattr(args, field, _positive(kind)(text))
            except ValueError as error:
                raise ConfigError(f"{variable}: {error}") from None
