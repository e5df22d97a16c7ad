"""Settings options shared by `tui-nn` and `tui-nn train`, folded into a Config in command-line order.

Each option records itself as it is parsed, so options after `--link` or `--config` override
them and options before are overridden. A bad value fails at once with one line naming the option.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any, Callable, NoReturn

from tui_nn.core.config import ACTIVATION_NAMES, PROBLEMS, REGULARIZATION_NAMES, Config, ConfigError
from tui_nn.core.config import CLASSIFICATION_DATASET_NAMES as CLASSIFICATION, REGRESSION_DATASET_NAMES as REGRESSION
from tui_nn.core.csv_data import read_data_file
from tui_nn.core.features import FEATURES
from tui_nn.core.settings_file import read_settings_file

Changes = dict[str, Any]
_FEATURE_NAMES = {key.lower(): key for key in FEATURES} | {f.ascii_label: f.key for f in FEATURES.values()}
OPTION_FOR_FIELD = {
    "features": "--features", "hidden_layers": "--layers", "problem": "--problem", "activation": "--activation",
}


class OptionParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line without the usage block."""

    def error(self, message: str) -> NoReturn:
        print_error(message.removeprefix("argument "))
        raise SystemExit(2)


def print_error(message: str) -> None:
    print(f"tui-nn: error: {' '.join(message.splitlines())}", file=sys.stderr)


def _fail(text: str, allowed: str) -> NoReturn:
    raise argparse.ArgumentTypeError(f"{text!r} is not {allowed}")


def _checked(convert: Callable[[str], Changes]) -> Callable[[str], Changes]:
    """Wrap a converter so a value Config rejects fails at parse time, quoting the text as typed."""

    def check(text: str) -> Changes:
        changes = convert(text)
        try:
            Config().replace(**changes)
        except ConfigError as error:
            _, found, rest = str(error).partition(" is not allowed")
            raise argparse.ArgumentTypeError(f"{text!r}{found}{rest}" if found else str(error)) from None
        return changes

    return check


def _number(field: str, kind: type = float) -> Callable[[str], Changes]:
    def convert(text: str) -> Changes:
        try:
            return {field: kind(text)}
        except ValueError:
            _fail(text, "a number" if kind is float else "a whole number")

    return convert


def _choice(field: str, allowed: tuple[str, ...]) -> Callable[[str], Changes]:
    def convert(text: str) -> Changes:
        for name in allowed:
            if text.strip().lower() == name.lower():
                return {field: name}
        _fail(text, f"one of {', '.join(allowed)}")

    return convert


def _dataset(text: str) -> Changes:
    name = text.strip().lower()
    if name in CLASSIFICATION:
        return {"dataset": name, "problem": "classification", "data_file": None}
    if name in REGRESSION:
        return {"regression_dataset": name, "problem": "regression", "data_file": None}
    _fail(text, f"a dataset; choose one of {', '.join(CLASSIFICATION + REGRESSION)}")


def _data_file(text: str) -> Changes:
    """`--data`: read the file now, so a bad one fails before anything runs; its labels set the problem."""
    try:
        _, _, problem = read_data_file(text)
    except ConfigError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return {"data_file": text, "problem": problem}


def _features(text: str) -> Changes:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name.lower() not in _FEATURE_NAMES]
    if unknown:
        _fail(unknown[0], f"a feature; choose from {','.join(FEATURES)} or {','.join(f.ascii_label for f in FEATURES.values())}")
    return {"features": tuple(_FEATURE_NAMES[name.lower()] for name in names)}


def _layers(text: str) -> Changes:
    if text.strip().lower() in ("", "none"):
        return {"hidden_layers": ()}
    try:
        return {"hidden_layers": tuple(int(part) for part in text.split(","))}
    except ValueError:
        _fail(text, "a comma-separated list of neuron counts such as 4,2 ('' or none: no hidden layers)")


def whole_number(low: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        value = _number("", int)(text)[""]
        return value if value >= low else _fail(text, f"allowed; it must be {low} or more")

    return convert


_SETTINGS: tuple[tuple[str, Callable[[str], Changes], str, str], ...] = (
    ("--dataset", _dataset, "NAME", "circle, xor, gauss, spiral, reg-plane or reg-gauss; a regression "
     "dataset also sets --problem regression (a classification one, classification); after --data, "
     "goes back to generated data"),
    ("--data", _data_file, "FILE", "a CSV file of points (header x1,x2,label) instead of a generated "
     "dataset; labels all +1/-1 set --problem classification, others regression; rows are shuffled by "
     "--seed and split by --train-ratio; --noise does not apply"),
    ("--problem", _choice("problem", PROBLEMS), "KIND", "classification or regression"),
    ("--features", _features, "LIST", "comma-separated inputs from x,y,xSquared,ySquared,xTimesY,sinX,sinY "
     "(or x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)); default x,y"),
    ("--layers", _layers, "LIST", "neurons per hidden layer, e.g. 4,2 (the default); '' or none: no hidden layers"),
    ("--activation", _choice("activation", ACTIVATION_NAMES), "NAME", "relu, tanh (default), sigmoid or linear"),
    ("--learning-rate", _number("learning_rate"), "RATE", "step size, e.g. 0.03 (default)"),
    ("--batch-size", _number("batch_size", int), "N", "examples per weight update (default 10)"),
    ("--regularization", _choice("regularization", REGULARIZATION_NAMES), "KIND", "none (default), L1 or L2"),
    ("--regularization-rate", _number("regularization_rate"), "RATE", "penalty strength, e.g. 0.001 (default 0)"),
    ("--noise", _number("noise"), "PERCENT", "noise in percent, 0 (default) to 50; not applied to --data files"),
    ("--train-ratio", _number("train_percent"), "PERCENT", "share of points used for training, in percent "
     "from 1 to 99 (default 50; 50 means half, 0.5 is rejected)"),
    ("--seed", lambda text: {"seed": text}, "SEED", "the Playground's seed string, e.g. 0.59704 (default: "
     "a fresh one, reported so the run can be repeated)"),
)
_FLAGS = (
    ("show-test-data", "show_test_data", "draw the test points too"),
    ("discretize", "discretize", "draw the output as its sign"),
    ("init-zero", "init_zero", "start from zero weights"),
)


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
    for option, convert, metavar, text in _SETTINGS:
        group.add_argument(option, action=_Ordered, dest=dest, type=_checked(convert), metavar=metavar, help=text)
    for option, field, text in _FLAGS:
        group.add_argument(f"--{option}", f"--no-{option}", action=_Ordered, dest=dest, kind="flag",
                           nargs=0, field=field, help=f"{text} (display only)" if option != "init-zero" else text)


def config_from_args(args: argparse.Namespace, base: Config | None = None) -> Config:
    """Fold the recorded setting options into a Config, in command-line order.

    Unknown link keys are reported on stderr as `tui-nn: warning: ...` lines.

    Args:
        args: Parsed arguments from a parser extended by `add_setting_options` (settings given
            before a subcommand, in `top_settings`, come first).
        base: Settings before any option (default: the Playground's defaults).

    Returns:
        The merged settings; `seed` stays None unless an option or link set one.

    Raises:
        ConfigError: A value is not allowed; the message starts with the option's name.
    """
    config = base or Config()
    entries = (getattr(args, "top_settings", None) or []) + (getattr(args, "settings", None) or [])
    for option, kind, value in entries:
        try:
            if kind == "link":
                config = _link_config(value)
            elif kind == "config":
                config = _file_config(value)
            else:
                config = config.replace(**value)
        except ConfigError as error:
            detail = str(error)
            if kind in ("set", "flag"):
                detail = detail.partition(": ")[2] or detail
            raise ConfigError(f"{option}: {detail}") from None
    return config


def _link_config(link: str) -> Config:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return Config.from_link(link)
        finally:
            for warning in caught:
                print(f"tui-nn: warning: {warning.message}", file=sys.stderr)


def _file_config(path: str) -> Config:
    return read_settings_file(path)
