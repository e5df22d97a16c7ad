"""Tests for the text around the plots: axis ticks, sparklines, the Playground's number formats."""

import numpy as np
import pytest

from tui_nn.core.plane import grid_points
from tui_nn.draw.axes import axis_ticks, y_axis_labels
from tui_nn.draw.numbers import format_epoch, format_loss
from tui_nn.draw.sparkline import SPARK_CHARS, sparkline

NAN = float("nan")


# axes


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (0, ""),
        (5, "-6  6"),
        (7, "-6 0  6"),
        (10, "-6   0   6"),
        (20, "-6  -3    0    3   6"),
        (30, "-6  -4   -2    0    2    4   6"),
    ],
)
def test_axis_ticks_golden(length, expected):
    assert axis_ticks(length) == expected


def test_axis_ticks_are_exactly_as_wide_as_the_row():
    assert [len(axis_ticks(length)) for length in range(1, 130)] == list(range(1, 130))


def test_axis_tick_digits_sit_on_the_nearest_pixel_centre():
    row = axis_ticks(47)  # 47 columns: no tick falls exactly between two pixel centres
    centres = grid_points(47, 1)[:, 0]
    for value in (-4, -2, 0, 2, 4):
        column = int(np.argmin(np.abs(centres - value)))
        assert row[column] == str(abs(value))


def test_y_axis_labels_put_six_on_top_zero_in_the_middle_minus_six_at_the_bottom():
    assert y_axis_labels(5) == [" 6", "  ", " 0", "  ", "-6"]


# sparkline


def test_sparkline_of_nothing_is_empty():
    assert sparkline([], 10) == ""
    assert sparkline([1.0, 2.0], 0) == ""


def test_sparkline_spans_the_block_characters():
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8) == SPARK_CHARS


def test_sparkline_of_a_constant_series_is_the_lowest_character():
    assert sparkline([0.3, 0.3, 0.3], 10) == "▁▁▁"


def test_sparkline_marks_nan_and_inf():
    assert sparkline([0, NAN, 1, float("inf")], 10) == "▁!█!"


def test_sparkline_ascii_characters():
    assert sparkline([1, 2, 3], 5, ascii=True) == " =#"


def test_sparkline_downsamples_the_whole_history_by_bucket_means():
    assert sparkline([0, 0, 0, 1, 1, 1], 2) == "▁█"
    assert sparkline([0, 0, 0, NAN, 1, 1], 3) == "▁!█"
    assert len(sparkline(np.arange(1000.0), 37)) == 37


def test_sparkline_respects_given_low_and_high():
    assert sparkline([5.0], 1, low=0.0, high=10.0) == "▅"
    assert sparkline([-1.0, 20.0], 2, low=0.0, high=10.0) == "▁█"


# counters


@pytest.mark.parametrize(
    ("epoch", "text"),
    [
        (0, "000,000"),
        (42, "000,042"),
        (1234, "001,234"),
        (999999, "999,999"),
        (1234567, "1,234,567"),
    ],
)
def test_format_epoch_matches_the_playground_counter(epoch, text):
    assert format_epoch(epoch) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0.000"),
        (0.4994, "0.499"),
        (0.0625, "0.063"),  # an exact tie: JavaScript's toFixed rounds it up
        (12.3456, "12.346"),
        (1234.5, "1234.500"),
        (123456.0, "1.2e+05"),
        (NAN, "NaN"),
        (float("inf"), "inf"),
    ],
)
def test_format_loss_golden(value, text):
    assert format_loss(value) == text


def test_format_loss_always_fits_eight_characters():
    for exponent in range(-3, 301):
        assert len(format_loss(1.23456 * 10.0**exponent)) <= 8


