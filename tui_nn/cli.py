"""Command-line front end: `tui-nn train` drives the Trainer in a plain loop; `tui-nn` alone opens the app.

It parses options into a Config (in command-line order, so options after `--link` override it),
shows a Rich progress bar on stderr and leaves the report to `cli_report`. It must never import
Textual at module level: the app is imported only when `tui-nn` runs without a subcommand.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
import warnings
from typing import Any, Callable, NoReturn

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tui_nn import __version__
from tui_nn.cli_report import json_report, save_line, text_report
from tui_nn.config import ACTIVATION_NAMES, PROBLEMS, REGULARIZATION_NAMES, Config, ConfigError
from tui_nn.config import CLASSIFICATION_DATASET_NAMES as CLASSIFICATION, REGRESSION_DATASET_NAMES as REGRESSION
from tui_nn.features import FEATURES
from tui_nn.model_file import ModelFileError, load_model
from tui_nn.trainer import Trainer

HISTORY_LIMIT = 100_001
"""Loss points kept: every epoch of runs up to 100,000 epochs; longer runs keep every 2nd, 4th, ..."""

DEFAULT_EPOCHS = 500
"""Epochs of a headless run when `--epochs` is not given."""

Changes = dict[str, Any]
_FEATURE_NAMES = {key.lower(): key for key in FEATURES} | {f.ascii_label: f.key for f in FEATURES.values()}
_OPTION_FOR_FIELD = {
    "features": "--features", "hidden_layers": "--layers", "problem": "--problem", "activation": "--activation",
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line without the usage block."""

    def error(self, message: str) -> NoReturn:
        _print_error(message.removeprefix("argument "))
        raise SystemExit(2)


def _print_error(message: str) -> None:
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
        return {"dataset": name, "problem": "classification"}
    if name in REGRESSION:
        return {"regression_dataset": name, "problem": "regression"}
    _fail(text, f"a dataset; choose one of {', '.join(CLASSIFICATION + REGRESSION)}")


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


def _count(low: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        value = _number("", int)(text)[""]
        return value if value >= low else _fail(text, f"allowed; it must be {low} or more")

    return convert


_SETTINGS: tuple[tuple[str, Callable[[str], Changes], str, str], ...] = (
    ("--dataset", _dataset, "NAME", "circle, xor, gauss, spiral, reg-plane or reg-gauss; a regression "
     "dataset also sets --problem regression (a classification one, classification)"),
    ("--problem", _choice("problem", PROBLEMS), "KIND", "classification or regression"),
    ("--features", _features, "LIST", "comma-separated inputs from x,y,xSquared,ySquared,xTimesY,sinX,sinY "
     "(or x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)); default x,y"),
    ("--layers", _layers, "LIST", "neurons per hidden layer, e.g. 4,2 (the default); '' or none: no hidden layers"),
    ("--activation", _choice("activation", ACTIVATION_NAMES), "NAME", "relu, tanh (default), sigmoid or linear"),
    ("--learning-rate", _number("learning_rate"), "RATE", "step size, e.g. 0.03 (default)"),
    ("--batch-size", _number("batch_size", int), "N", "examples per weight update (default 10)"),
    ("--regularization", _choice("regularization", REGULARIZATION_NAMES), "KIND", "none (default), L1 or L2"),
    ("--regularization-rate", _number("regularization_rate"), "RATE", "penalty strength, e.g. 0.001 (default 0)"),
    ("--noise", _number("noise"), "PERCENT", "noise in percent, 0 (default) to 50"),
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
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except OSError as error:
        raise ConfigError(f"cannot read {path!r}: {error.strerror or error}") from None
    try:
        return Config.from_json(text)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


def _parser() -> _Parser:
    parser = _Parser(prog="tui-nn", allow_abbrev=False,
                     description="The TensorFlow Playground in the terminal. Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"tui-nn {__version__}")
    add_setting_options(parser, dest="top_settings")
    parser.add_argument("--ascii", action="store_true", help="app: draw with plain ASCII, no colour")
    parser.add_argument("--fps", type=_count(1), default=10, metavar="N", help="app: most frames drawn per second (default 10)")
    parser.add_argument("--speed", type=_speed, default=60, metavar="N|max",
                        help="app: epochs per second while playing (default 60, the browser's pace; max = flat out)")
    parser.add_argument("--load", metavar="FILE", help="app: start from a model file (its settings, options override)")
    parser.add_argument("--save", metavar="FILE", help="app: where ctrl+s saves the model (default tui-nn-model.npz)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = commands.add_parser("train", allow_abbrev=False, help="train headless and print the result",
                                description="Train headless; print losses, accuracy and the decision boundary.")
    add_setting_options(train)
    run = train.add_argument_group("run")
    run.add_argument("--epochs", type=_count(0), default=DEFAULT_EPOCHS, metavar="N",
                     help=f"epochs to train (default {DEFAULT_EPOCHS}); a diverged run stops early")
    run.add_argument("--load", metavar="FILE", help="resume from a model file; its settings are the base "
                     "that options override (the network's shape must still match)")
    run.add_argument("--save", metavar="FILE", help="save the trained model (.npz) after training")
    run.add_argument("--json", action="store_true", help="print one JSON object on stdout instead of the report")
    run.add_argument("--plot", action="store_true", help="add a chart of the loss curves")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    link = commands.add_parser("link", allow_abbrev=False, help="print the share link for the given settings",
                               description="Print the Playground share string for the given settings.")
    add_setting_options(link)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name (default: `sys.argv[1:]`).

    Returns:
        The exit status: 0 on success, 1 if saving failed, 2 for a bad option or value, 130 if
        training was interrupted (the report of the epochs done is still printed, and saved).
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "train":
            return _train(args)
        if args.command == "link":
            print(config_from_args(args).to_link())
            return 0
        return _open_app(parser, args)
    except SystemExit as done:  # --help, --version and argparse errors
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 2
    except BrokenPipeError:  # stdout closed early, as by `| head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (ConfigError, ModelFileError) as error:
        _print_error(str(error))
        return 2


def _open_app(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Hand over to `tui_nn.ui.app.run_app` if it exists; otherwise print help."""
    if importlib.util.find_spec("tui_nn.ui.app") is not None:
        run_app = getattr(importlib.import_module("tui_nn.ui.app"), "run_app", None)
        if run_app is not None:
            return int(run_app(_trainer_from_args(args, history_limit=2000), args) or 0)
    parser.print_help()
    return 0


def _trainer_from_args(args: argparse.Namespace, history_limit: int) -> Trainer:
    """The run the options describe; with `--load`, the model's settings are the base."""
    if args.load:
        base = _loaded(lambda: load_model(args.load).config)
        config = config_from_args(args, base)
        return _loaded(lambda: Trainer.load(args.load, config, history_limit))
    return Trainer(config_from_args(args), history_limit)


def _speed(text: str) -> float | None:
    """`--speed`: epochs per second, or `max`."""
    if text.strip().lower() == "max":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number or 'max'") from None
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0 (epochs per second) or 'max'")
    return value


def _train(args: argparse.Namespace) -> int:
    """The `train` command: build or load the run, train it, report, then save."""
    trainer = _trainer_from_args(args, HISTORY_LIMIT)
    interrupted = _run_epochs(trainer, args.epochs, quiet=args.quiet)
    print(json_report(trainer) if args.json else text_report(trainer, plot=args.plot))
    status = 130 if interrupted else 0
    if args.save:
        try:
            trainer.save(args.save)
        except OSError as error:
            _print_error(f"--save: cannot write {args.save!r}: {error.strerror or error}")
            return 1
        if not args.json:
            print(save_line(args.save))
    return status


def _loaded(load: Callable[[], Any]) -> Any:
    """Call `load`, naming `--load` and the options (not field names) in a model file error."""
    try:
        return load()
    except ModelFileError as error:
        message = str(error)
        for field, option in _OPTION_FOR_FIELD.items():
            message = message.replace(f"has {field} ", f"has {option} ")
        raise ModelFileError(f"--load: {message}") from None


def _run_epochs(trainer: Trainer, epochs: int, quiet: bool) -> bool:
    """Train up to `epochs` epochs with a transient progress bar on stderr; True if interrupted.

    The bar is shown only when stderr is a terminal: elsewhere (CI logs, pipes) Rich would not
    animate it and would only leave a blank line.
    """
    columns = (
        TextColumn("epoch"), MofNCompleteColumn(), BarColumn(),
        TextColumn("train {task.fields[train]:.3f}  test {task.fields[test]:.3f}"), TimeRemainingColumn(),
    )
    console = Console(stderr=True)
    progress = Progress(*columns, console=console, transient=True, disable=quiet or not console.is_terminal)
    try:
        with progress:
            task = progress.add_task("train", total=epochs, train=trainer.train_loss, test=trainer.test_loss)
            for done in range(1, epochs + 1):
                trainer.step()
                progress.update(task, completed=done, train=trainer.train_loss, test=trainer.test_loss)
                if trainer.diverged:
                    break
    except KeyboardInterrupt:
        return True
    return False
