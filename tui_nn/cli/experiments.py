"""`tui-nn compare`, `tui-nn sweep` and `tui-nn repeat`: experiments on the command line.

Each builds the run the setting options describe, trains an ``Experiment`` (stacked where the
shapes allow) with a progress bar on stderr, and prints the run log's table (or one JSON object).
The words and tables are in ``cli.experiment_report``; nothing here imports Textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from tui_nn.cli.experiment_report import experiment_json, experiment_text, sweep_json, sweep_text
from tui_nn.cli.options import add_setting_options, config_from_args, print_error, whole_number
from tui_nn.core.config import SettingError
from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import RunStart, comparable, comparable_settings, parse_values
from tui_nn.core.atomic_file import write_text_atomically
from tui_nn.core.run_log import RunLog, to_csv
from tui_nn.core.stopping import StopRule
from tui_nn.core.sweep import SWEEPS, sweep_experiment, sweep_result
from tui_nn.core.trainer import Trainer

DEFAULT_EPOCHS = 500
DEFAULT_SWEEP_EPOCHS = 200
DEFAULT_REPEATS = 5


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not allowed; it must be a number above 0")
    return value


def add_parsers(commands: Any) -> None:
    """Add the three commands to the main parser's subcommands."""
    names = ", ".join(row.option.removeprefix("--") for row in comparable_settings())
    compare = commands.add_parser("compare", allow_abbrev=False, help="train variants side by side and print the run log",
                                  description="Train 2 to 8 variants of one setup, differing in one setting, on the same "
                                  "data from the same initial weights; print one row per run.")
    _common(compare, default_repeats=1)
    compare.add_argument("--vary", nargs="+", required=True, metavar=("SETTING", "VALUE"),
                         help=f"the setting to vary and its values, e.g. --vary learning-rate 0.00001 0.03 3; one of {names}")
    repeat = commands.add_parser("repeat", allow_abbrev=False, help="train one setup from N initial weights and show the spread",
                                 description="Train the same setup from N initial weights (the Playground's Reset, N times) "
                                 "on the same data; print each run and the mean, min and max test loss.")
    _common(repeat, default_repeats=DEFAULT_REPEATS, repeats_flag="--runs")
    repeat.add_argument("--vary", nargs="+", metavar=("SETTING", "VALUE"),
                        help="also vary a setting: each value gets the same N initial weights, e.g. --vary regularization L1 L2")
    sweep = commands.add_parser("sweep", allow_abbrev=False, help="final test loss at each learning rate (or batch size)",
                                description="Train the setup for N epochs at each value of the Playground's list and name "
                                "the regions too small, good and too large from the measured curve.")
    add_setting_options(sweep)
    run = sweep.add_argument_group("sweep")
    run.add_argument("--over", default="learning-rate", choices=[name.replace("_", "-") for name in SWEEPS],
                     help="the setting to sweep (default learning-rate)")
    run.add_argument("--values", nargs="+", metavar="VALUE", help="values instead of the Playground's list")
    run.add_argument("--epochs", type=whole_number(1), default=DEFAULT_SWEEP_EPOCHS, metavar="N",
                     help=f"epochs per value (default {DEFAULT_SWEEP_EPOCHS})")
    run.add_argument("--repeats", type=whole_number(1), default=1, metavar="N", help="initial weights per value (default 1)")
    _outputs(run)
    run.add_argument("--plot", action="store_true", help="add a chart of the final test loss against the value")


def _common(parser: argparse.ArgumentParser, default_repeats: int, repeats_flag: str = "--repeats") -> None:
    add_setting_options(parser)
    run = parser.add_argument_group("run")
    run.add_argument("--epochs", type=whole_number(0), default=DEFAULT_EPOCHS, metavar="N",
                     help=f"stop at this epoch (default {DEFAULT_EPOCHS})")
    run.add_argument("--until-loss", type=positive_number, metavar="LOSS",
                     help="stop a run once its test loss is below LOSS (its row shows the epoch)")
    run.add_argument(repeats_flag, dest="repeats", type=whole_number(1), default=default_repeats, metavar="N",
                     help=f"initial weights per variant: the run's own, then the next Resets' (default {default_repeats})")
    _outputs(run)


def _outputs(group: Any) -> None:
    group.add_argument("--json", action="store_true", help="print one JSON object on stdout instead of the tables")
    group.add_argument("--csv", metavar="FILE", help="also write the run log as CSV to FILE")
    group.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def run_command(args: argparse.Namespace) -> int:
    """Run `compare`, `repeat` or `sweep`; returns the exit status (2 for a bad value)."""
    try:
        return _sweep(args) if args.command == "sweep" else _experiment(args)
    except (SettingError, ValueError) as error:
        text = error.worded(getattr(args, "_option", "--vary")) if isinstance(error, SettingError) else str(error)
        print_error(text)
        return 2


def _start(args: argparse.Namespace) -> RunStart:
    return RunStart.of(Trainer(config_from_args(args)))


def _varied(args: argparse.Namespace) -> tuple[str | None, list[Any]]:
    if not args.vary:
        return None, []
    if len(args.vary) < 2:
        raise ValueError("--vary needs a setting and at least one value, e.g. --vary learning-rate 0.01 0.1")
    row = comparable(args.vary[0])
    args._option = f"--vary {args.vary[0]}"
    values = parse_values(row, args.vary[1:])
    if args.command == "compare" and not 2 <= len(values) <= 8:
        raise ValueError(f"--vary: compare takes 2 to 8 values, not {len(values)}")
    return row.field, values


def _experiment(args: argparse.Namespace) -> int:
    setting, values = _varied(args)
    experiment = Experiment(_start(args), setting, values, args.repeats,
                            StopRule(epochs=args.epochs, below=args.until_loss))
    interrupted = _train(experiment, args.epochs, args.quiet)
    snapshot = experiment.snapshot()
    log = RunLog()
    log.add_experiment(args.command, snapshot)
    print(experiment_json(snapshot, log.rows()) if args.json else experiment_text(snapshot, log.rows()))
    return _finish(args, log, interrupted)


def _sweep(args: argparse.Namespace) -> int:
    setting = args.over.replace("-", "_")
    args._option = "--values"
    values = None if args.values is None else parse_values(comparable(setting), args.values)
    experiment = sweep_experiment(_start(args), setting, values, args.epochs, args.repeats)
    interrupted = _train(experiment, args.epochs, args.quiet)
    result = sweep_result(experiment.snapshot())
    log = RunLog()
    log.add_experiment("sweep", result.snapshot)
    print(sweep_json(result, log.rows()) if args.json else sweep_text(result, log.rows(), plot=args.plot))
    return _finish(args, log, interrupted)


def _finish(args: argparse.Namespace, log: RunLog, interrupted: bool) -> int:
    if args.csv:
        try:
            write_text_atomically(args.csv, to_csv(log.rows()))
        except OSError as error:
            print_error(f"--csv: cannot write {args.csv!r}: {error.strerror or error}")
            return 1
        if not args.json:
            print(f"wrote the run log to {args.csv}")
    return 130 if interrupted else 0


def _train(experiment: Experiment, epochs: int, quiet: bool) -> bool:
    """Train up to ``epochs`` (rows stop by themselves), with a progress bar on a terminal; True if interrupted."""
    console = Console(stderr=True)
    columns = (TextColumn("epoch"), MofNCompleteColumn(), BarColumn(), TextColumn(f"{len(experiment.configs)} runs"))
    progress = Progress(*columns, console=console, transient=True, disable=quiet or not console.is_terminal)
    try:
        with progress:
            task = progress.add_task("train", total=epochs)
            while experiment.epoch < epochs and not experiment.diverged:
                experiment.step(min(10, epochs - experiment.epoch))
                progress.update(task, completed=experiment.epoch)
    except KeyboardInterrupt:
        return True
    return False

