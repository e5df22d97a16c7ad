"""What `tui-nn compare`, `repeat` and `sweep` print: the run log as a table, the spread, the regions.

It reads finished experiments and returns strings; it never trains and never writes to a stream
(plotext is imported only when a chart is asked for).
"""

from __future__ import annotations

import json
import math
from typing import Any, Sequence

from tui_nn.core.variants import ExperimentSnapshot, Spread, spreads
from tui_nn.core.run_log import RunRecord
from tui_nn.core.sweep import REGION_RULE, SweepResult, region_spans
from tui_nn.draw.run_table import log_table, loss_text, spread_lines

def _setup_line(snapshot: ExperimentSnapshot) -> str:
    config = snapshot.rows[0].config
    stacked = f"{len(snapshot.rows)} runs in {snapshot.stacks} stack{'s' if snapshot.stacks > 1 else ''}"
    return f"seed {config.seed}; {stacked}; the same data for all (--json gives each run's link)"


def experiment_text(snapshot: ExperimentSnapshot, rows: Sequence[RunRecord]) -> str:
    """The compare/repeat report: setup line, the run log, and the spread when there are repeats."""
    lines = [_setup_line(snapshot), "", log_table(rows)]
    stops = [row.stopped for row in snapshot.rows if row.stopped and not row.stopped.startswith("reached")]
    if stops:
        lines.append(f"{len(stops)} run(s) stopped early: {snapshot.stop.describe()}")
    if snapshot.repeats > 1:
        lines += ["", *spread_lines(spreads(snapshot))]
    return "\n".join(lines)


def _spread_json(item: Spread) -> dict[str, Any]:
    return {"variant": item.label, "runs": item.runs, "mean": _finite(item.mean), "min": _finite(item.low),
            "max": _finite(item.high), "diverged": item.diverged}


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def experiment_json(snapshot: ExperimentSnapshot, rows: Sequence[RunRecord]) -> str:
    """One JSON object: ``setting``, ``values``, ``repeats``, ``stacks``, ``runs`` (the run log) and ``spread``."""
    return json.dumps({
        "setting": snapshot.setting, "values": list(snapshot.values), "repeats": snapshot.repeats,
        "stacks": snapshot.stacks, "stop": {"epochs": snapshot.stop.epochs, "below": snapshot.stop.below},
        "runs": [row.values() for row in rows], "spread": [_spread_json(s) for s in spreads(snapshot)],
    }, allow_nan=False)


def region_line(result: SweepResult) -> str:
    spans = [f"{name} {first}" + (f"..{last}" if last != first else "") for name, first, last in region_spans(result)]
    return "regions: " + "; ".join(spans)


def sweep_text(result: SweepResult, rows: Sequence[RunRecord], plot: bool = False) -> str:
    """The sweep report: the run log with each run's region, the regions, the rule, an optional chart."""
    per_row = [point.region for point in result.points for _ in range(result.snapshot.repeats)]
    lines = [_setup_line(result.snapshot), f"{result.epochs} epochs each; test loss before training "
             f"{loss_text(result.start_test_loss)}", "", log_table(rows, ("region", per_row))]
    if result.snapshot.repeats > 1:
        lines += ["", *spread_lines(spreads(result.snapshot))[:2]]
    lines += ["", region_line(result), f"rule: {REGION_RULE}"]
    if plot:
        lines += ["", sweep_plot(result)]
    return "\n".join(lines)


def sweep_json(result: SweepResult, rows: Sequence[RunRecord]) -> str:
    """One JSON object: ``setting``, ``epochs``, ``points`` (value, test loss, region), ``regions``, ``rule``, ``runs``."""
    return json.dumps({
        "setting": result.setting, "epochs": result.epochs, "start_test_loss": _finite(result.start_test_loss),
        "points": [{"value": p.value, "test_loss": _finite(p.test_loss), "min": _finite(p.low), "max": _finite(p.high),
                    "diverged": p.diverged, "region": p.region} for p in result.points],
        "regions": [{"region": name, "from": first, "to": last} for name, first, last in region_spans(result)],
        "rule": REGION_RULE, "runs": [row.values() for row in rows],
    }, allow_nan=False)


def sweep_plot(result: SweepResult, width: int = 72, height: int = 16, color: bool = False) -> str:
    """The final test loss against the swept value; a log axis for the learning rate; diverged as x at the top."""
    from tui_nn.ui.sweep_plot import legend, sweep_chart

    return sweep_chart(result, width, height, ascii=not color) + "\n" + legend(result)
