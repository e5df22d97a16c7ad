"""Sweep regions: too small, good and too large decided from the measured curve."""

from __future__ import annotations

import math

from tui_nn.core.config import Config
from tui_nn.core.variants import RunStart
from tui_nn.core.sweep import GOOD, NO_PROGRESS, TOO_LARGE, TOO_SMALL, UNEVEN, region_spans, regions, sweep
from tui_nn.core.trainer import Trainer


def test_regions_of_a_curve_built_to_have_all_three():
    # start 0.5, best 0.03: good means at most 0.03 + 0.2 * 0.47 = 0.124
    losses = [0.50, 0.45, 0.12, 0.03, 0.05, 0.3, math.nan]
    assert regions(losses, 0.5) == [TOO_SMALL, TOO_SMALL, GOOD, GOOD, GOOD, TOO_LARGE, TOO_LARGE]


def test_a_dip_between_good_values_is_uneven_and_no_progress_is_named():
    assert regions([0.1, 0.4, 0.1], 0.5) == [GOOD, UNEVEN, GOOD]
    assert regions([0.6, math.inf], 0.5) == [NO_PROGRESS, NO_PROGRESS]


def test_learning_rate_sweep_on_the_circle_finds_the_lectures_three_regions():
    result = sweep(RunStart.of(Trainer(Config(seed="0.59704"))), "learning_rate", epochs=150)
    by_rate = {point.value: point.region for point in result.points}
    assert by_rate[0.00001] == TOO_SMALL and by_rate[0.03] == GOOD and by_rate[10.0] == TOO_LARGE
    assert [span[0] for span in region_spans(result)] == [TOO_SMALL, GOOD, TOO_LARGE]


def test_batch_size_sweep_uses_given_values_in_ascending_order():
    result = sweep(RunStart.of(Trainer(Config(seed="0.59704"))), "batch_size", [30, 1, 10], epochs=20)
    assert [point.value for point in result.points] == [1, 10, 30]
    assert result.snapshot.stacks == 3  # batch sizes differ: one stack each
