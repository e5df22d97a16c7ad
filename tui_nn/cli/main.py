"""Command-line front end: `tui-nn train` drives the Trainer in a plain loop; `tui-nn` alone opens the app.

It parses options into a Config (in command-line order, so options after `--link` override it),
shows a Rich progress bar on stderr and leaves the report to `cli_report`. It must never import
Textual at module level: the app is imported only when `tui-nn` runs without a subcommand.
"""

from __future__ import annotations

import tui_nn.core.blas_threads  # noqa: F401  (before NumPy: see that module)

import argparse
import importlib
import importlib.util
import os
import sys
from typing import Any, Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tui_nn import __version__
from tui_nn.cli.options import (
    OPTION_FOR_FIELD,
    OptionParser,
    add_setting_options,
    config_from_args,
    print_error,
    whole_number,
)
from tui_nn.cli.check import add_check_command, run_check_command
from tui_nn.cli.export import EXPORTS, add_export_command, export_kinds, run_export_command, write_exports
from tui_nn.cli.limits import add_limit_options, resolve_limits
from tui_nn.cli.lesson import add_lesson_command, run_lesson_command
from tui_nn.cli.report import Resumed, json_report, save_line, text_report
from tui_nn.core.config import ConfigError
from tui_nn.core.model_file import ModelFileError, load_model
from tui_nn.core.saved_run import load_run, save_run
from tui_nn.cli.experiments import add_parsers as add_experiment_parsers, positive_number, run_command as run_experiment
from tui_nn.core.stopping import StopRule
from tui_nn.core.trainer import Trainer

HISTORY_LIMIT = 100_001
"""Loss points kept: every epoch of runs up to 100,000 epochs; longer runs keep every 2nd, 4th, ..."""

DEFAULT_EPOCHS = 500
"""Epochs of a headless run when `--epochs` is not given."""

def _parser() -> OptionParser:
    parser = OptionParser(prog="tui-nn", allow_abbrev=False,
                     description="The TensorFlow Playground in the terminal. Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"tui-nn {__version__}")
    add_setting_options(parser, dest="top_settings")
    parser.add_argument("--ascii", action="store_true", help="app: draw with plain ASCII, no colour")
    parser.add_argument("--fps", type=whole_number(1), default=10, metavar="N", help="app: most frames drawn per second (default 10)")
    parser.add_argument("--speed", type=_speed, default=60, metavar="N|max",
                        help="app: epochs per second while playing (default 60, the browser's pace; max = flat out)")
    parser.add_argument("--load", metavar="FILE", help="app: start from a model file (its settings, options override)")
    parser.add_argument("--save", metavar="FILE", help="app: where ctrl+s saves the model (default tui-nn-model.npz)")
    add_limit_options(parser)
    parser.add_argument("--resume", metavar="FILE", help="app: continue a saved run exactly (options after it change it)")
    parser.add_argument("--save-run", metavar="FILE", help="app: where S saves the run and X writes exports beside it "
                        "(default: the --resume file, else tui-nn-run.npz)")
    parser.add_argument("--lessons", action="append", default=[], metavar="DIR",
                        help="app: a directory of an instructor's .lesson files, added to the lesson menu (a)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = commands.add_parser("train", allow_abbrev=False, help="train headless and print the result",
                                description="Train headless; print losses, accuracy and the decision boundary.")
    add_setting_options(train)
    run = train.add_argument_group("run")
    run.add_argument("--epochs", type=whole_number(0), default=DEFAULT_EPOCHS, metavar="N",
                     help=f"epochs to train (default {DEFAULT_EPOCHS}); a diverged run stops early")
    run.add_argument("--until-loss", type=positive_number, metavar="LOSS",
                     help="stop early once the test loss is below LOSS (the report says at which epoch)")
    run.add_argument("--load", metavar="FILE", help="resume from a model file; its settings are the base "
                     "that options override (the network's shape must still match)")
    run.add_argument("--save", metavar="FILE", help="save the trained model (.npz) after training")
    run.add_argument("--resume", metavar="FILE", help="continue a saved run exactly where it stopped; options change "
                     "its settings as they would in the app (a learning rate applies live, a new shape resets)")
    run.add_argument("--save-run", metavar="FILE", help="save the whole run (.npz) after training, to --resume later")
    run.add_argument("--export", type=export_kinds, metavar="LIST", help="after training, write these next to the "
                     f"--save-run file: {', '.join(EXPORTS)} or all")
    run.add_argument("--json", action="store_true", help="print one JSON object on stdout instead of the report")
    run.add_argument("--plot", action="store_true", help="add a chart of the loss curves")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    add_experiment_parsers(commands)
    link = commands.add_parser("link", allow_abbrev=False, help="print the share link for the given settings",
                               description="Print the Playground share string for the given settings.")
    add_setting_options(link)
    add_export_command(commands)
    add_check_command(commands)
    add_lesson_command(commands)
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
        if args.command in ("compare", "repeat", "sweep"):
            return run_experiment(args)
        if args.command == "lesson":
            return run_lesson_command(args)
        if args.command == "link":
            print(config_from_args(args).to_link())
            return 0
        if args.command == "export":
            return run_export_command(args)
        if args.command == "check":
            return run_check_command(args)
        return _open_app(parser, args)
    except SystemExit as done:  # --help, --version and argparse errors
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 2
    except BrokenPipeError:  # stdout closed early, as by `| head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (ConfigError, ModelFileError) as error:
        print_error(str(error))
        return 2


def _open_app(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Hand over to `tui_nn.ui.launch.run_app` if it exists; otherwise print help."""
    resolve_limits(args)
    if importlib.util.find_spec("tui_nn.ui.launch") is not None:
        run_app = getattr(importlib.import_module("tui_nn.ui.launch"), "run_app", None)
        if run_app is not None:
            return int(run_app(_trainer_from_args(args, history_limit=2000), args) or 0)
    parser.print_help()
    return 0


def _trainer_from_args(args: argparse.Namespace, history_limit: int) -> Trainer:
    """The run the options describe; with `--load`, the model's settings are the base; with `--resume`, the run's."""
    if getattr(args, "resume", None):
        if args.load:
            raise ConfigError("--resume and --load cannot be combined: a saved run holds its own weights")
        trainer = load_run(args.resume, history_limit)
        config = config_from_args(args, trainer.config)
        if config != trainer.config:
            trainer.apply(config)
        return trainer
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
    run_path = args.save_run or args.resume
    if args.export and not run_path:
        print_error("--export: needs --save-run FILE (exports are written next to the saved run)")
        return 2
    trainer = _trainer_from_args(args, HISTORY_LIMIT)
    resumed = None
    if args.load:
        overwritten = bool(args.save) and os.path.realpath(args.save) == os.path.realpath(args.load)
        resumed = Resumed(args.load, trainer.epoch, overwritten)
    rule = StopRule(below=args.until_loss)  # --epochs counts epochs to train, from a loaded model's epoch on
    interrupted = _run_epochs(trainer, args.epochs, quiet=args.quiet, rule=rule)
    print(json_report(trainer) if args.json else text_report(trainer, plot=args.plot, resumed=resumed))
    reason = rule.reason(trainer.epoch, trainer.test_loss) if args.until_loss else None
    if reason and not args.json and reason.startswith("test loss"):
        print(f"stopped early: {reason}")
    status = 130 if interrupted else 0
    if args.save_run:
        try:
            save_run(args.save_run, trainer)
        except OSError as error:
            print_error(f"--save-run: cannot write {args.save_run!r}: {error.strerror or error}")
            return 1
        if not args.json:
            print(f"saved the run to {args.save_run}; continue it with: tui-nn train --resume {args.save_run}")
    if args.export:
        written = write_exports(trainer, args.export, run_path)
        if written is None:
            return 1
        if not args.json:
            print("exported " + ", ".join(written))
    if args.save:
        try:
            trainer.save(args.save)
        except OSError as error:
            print_error(f"--save: cannot write {args.save!r}: {error.strerror or error}")
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
        for field, option in OPTION_FOR_FIELD.items():
            message = message.replace(f"has {field} ", f"has {option} ")
        raise ModelFileError(f"--load: {message}") from None


def _run_epochs(trainer: Trainer, epochs: int, quiet: bool, rule: StopRule | None = None) -> bool:
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
                if trainer.diverged or (rule is not None and rule.reason(trainer.epoch, trainer.test_loss)):
                    break
    except KeyboardInterrupt:
        return True
    return False
