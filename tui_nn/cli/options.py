"""Settings options shared by `tui-nn` and `tui-nn train`, folded into a Config in command-line order.

Each option records itself as it is parsed, so options after `--link` or `--config` override
them and options before are overridden. A bad value fails at once with one line naming the option.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any, Callable, NoReturn

from tui_nn.core.config import Config, ConfigError, SettingError
from tui_nn.core.csv_data import inspect_file
from tui_nn.core.datasets import DATASETS
from tui_nn.core.links import missing_keys
from tui_nn.core.playground_rng import random_seed
from tui_nn.core.setting_kinds import Flag, js_number
from tui_nn.core.settings import SETTINGS, Setting, dataset_changes
from tui_nn.core.settings_file import read_settings_file

Changes = dict[str, Any]
OPTION_FOR_FIELD = {row.field: row.option for row in SETTINGS if row.option}
"""Each setting's option, to name it in messages about a loaded model's settings."""


class OptionParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line without the usage block."""

    def error(self, message: str) -> NoReturn:
        print_error(message.removeprefix("argument "))
        raise SystemExit(2)


def print_error(message: str) -> None:
    print(f"tui-nn: error: {' '.join(message.splitlines())}", file=sys.stderr)


def _fail(text: str, allowed: str) -> NoReturn:
    raise argparse.ArgumentTypeError(f"{text!r} is not {allowed}")


def _converter(row: Setting) -> Callable[[str], Changes]:
    """Text to a checked change of ``row``'s field; a bad value fails at parse time, quoting the text."""

    def convert(text: str) -> Changes:
        try:
            return {row.field: row.kind.check(row.field, row.kind.parse(row.field, text))}
        except SettingError as error:
            raise argparse.ArgumentTypeError(error.phrase(None if error.type_error else text)) from None

    convert.__name__ = row.field  # argparse names the converter in some messages
    return convert


def _help(row: Setting) -> str:
    """``--help`` for a row: its help line, what it allows, any note, and its default."""
    default = getattr(Config(), row.field)
    text = "; ".join(part for part in (row.help, row.kind.describe(), row.cli_note) if part)
    if default is None or isinstance(default, bool):
        return text
    numeric = isinstance(default, (int, float))
    shown = js_number(default) if numeric else default if isinstance(default, str) else row.kind.show(default)
    return f"{text} (default {shown})"


def _dataset(text: str) -> Changes:
    try:
        return dataset_changes(text.strip().lower())
    except SettingError:
        _fail(text, f"a dataset; choose one of {', '.join(DATASETS)}")


def _data_file(text: str) -> Changes:
    """`--data`: the file is read once every option is known (its columns, sample and seed may follow)."""
    return {"data_file": text}


def whole_number(low: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            _fail(text, "a whole number")
        return value if value >= low else _fail(text, f"allowed; it must be {low} or more")

    return convert


_COMPOSITE = (
    ("--dataset", _dataset, "NAME", f"a generated dataset: {', '.join(DATASETS)}; it also sets --problem to "
     "its own; after --data, goes back to generated data"),
    ("--data", _data_file, "FILE", "a CSV file with a header, instead of a generated dataset: two input "
     "columns (--x, --y; default the first two numeric) and a label column (--label; default the last); "
     "labels that are names or a few integers are classes (two: classification, more: multiclass), "
     "other numbers regression (--problem after --data overrides); inputs rescaled into [-6, 6] "
     "(--no-rescale keeps them); rows shuffled by --seed, split by --train-ratio; --noise does not apply"),
)
"""Options that set several rows at once (a dataset chooses its problem too)."""


class _Ordered(argparse.Action):
    """Append `(option, kind, value)` to the namespace's list so settings fold in command-line order."""

    def __init__(self, option_strings: list[str], dest: str, kind: str = "set", field: str = "", **kwargs: Any) -> None:
        self.kind, self.field = kind, field
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        option = option_string or self.option_strings[0]
        if self.kind == "flag":
            values = {self.field: not option.startswith("--no-")}
        entries = [*(getattr(namespace, self.dest, None) or []), (option, self.kind, values)]
        setattr(namespace, self.dest, entries)


def add_setting_options(parser: argparse.ArgumentParser, dest: str = "settings") -> None:
    """Add `--link`, `--config` and one option per setting, recorded in order for `config_from_args`.

    Args:
        parser: The parser (or subparser) to extend.
        dest: Namespace attribute holding the recorded `(option, kind, value)` list.
    """
    group = parser.add_argument_group("settings (applied in command-line order)")
    group.add_argument("--link", action=_Ordered, dest=dest, kind="link", metavar="LINK",
                       help="a share string or Playground URL; sets every setting (missing keys take the "
                       "Playground's defaults); options after it override it, options before it do not")
    group.add_argument("--config", action=_Ordered, dest=dest, kind="config", metavar="FILE",
                       help="a JSON file of settings (Config.to_dict); applied like --link")
    for option, convert, metavar, text in _COMPOSITE:
        group.add_argument(option, action=_Ordered, dest=dest, type=convert, metavar=metavar, help=text)
    for row in SETTINGS:
        if row.option is None:
            continue
        if isinstance(row.kind, Flag):
            negative = "--no-" + row.option.removeprefix("--")
            group.add_argument(row.option, negative, action=_Ordered, dest=dest, kind="flag", nargs=0,
                               field=row.field, help=f"{row.help} ({row.effect.describe()})")
        else:
            group.add_argument(row.option, action=_Ordered, dest=dest, type=_converter(row), metavar=row.metavar,
                               help=_help(row))


def config_from_args(args: argparse.Namespace, base: Config | None = None) -> Config:
    """Fold the recorded setting options into a Config, in command-line order.

    Unknown link keys are reported on stderr as `tui-nn: warning: ...` lines.

    Args:
        args: Parsed arguments from a parser extended by `add_setting_options` (settings given
            before a subcommand, in `top_settings`, come first).
        base: Settings before any option (default: the Playground's defaults).

    Returns:
        The merged settings; `seed` stays None unless an option or link set one, or a data
        file is sampled (the sample depends on the seed, so it is picked before the file is read).

    Raises:
        ConfigError: A value is not allowed; the message starts with the option's name.
    """
    config = base or Config()
    entries = (getattr(args, "top_settings", None) or []) + (getattr(args, "settings", None) or [])
    infer = False
    for option, kind, value in entries:
        infer = (infer or option == "--data") and option not in ("--problem", "--classes", "--dataset", "--link", "--config")
        try:
            if kind == "link":
                config = _link_config(value)
            elif kind == "config":
                config = _file_config(value)
            else:
                config = config.replace(**value)
        except SettingError as error:
            raise ConfigError(error.worded(option) if kind in ("set", "flag") else f"{option}: {error}") from None
        except ConfigError as error:
            raise ConfigError(f"{option}: {error}") from None
    return _checked_file(config, infer)


def _checked_file(config: Config, infer: bool) -> Config:
    """Read the data file now, so a bad one fails before anything runs; its labels set the problem
    unless ``--problem`` came after ``--data``."""
    if config.data_file is None:
        return config
    if config.sample is not None and config.seed is None:  # the sample depends on the seed: read it once
        config = config.replace(seed=random_seed())
    try:
        return inspect_file(config, infer)
    except ConfigError as error:
        raise ConfigError(f"--data: {error}") from None


def _link_config(link: str) -> Config:
    """The link's settings; its ignored keys and the keys that took defaults are noted on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            config = Config.from_link(link)
        finally:
            for warning in caught:
                print(f"tui-nn: warning: {warning.message}", file=sys.stderr)
    missing = missing_keys(link)
    if missing:
        print(f"tui-nn: note: keys missing from the link took the Playground's defaults: {', '.join(missing)}",
              file=sys.stderr)
    return config


def _file_config(path: str) -> Config:
    return read_settings_file(path)
