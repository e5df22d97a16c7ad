"""The loss chart can start its y-axis at 0, so a crawl does not look like learning."""

from __future__ import annotations

import re

import numpy as np

from tui_nn.ui.widgets.loss_chart import chart_text

CRAWL = (np.arange(200.0), np.linspace(0.509, 0.508, 200), np.linspace(0.501, 0.500, 200))


def axis_labels(text: str) -> list[str]:
    """The y-axis tick labels, top first (``0.509+`` in the ASCII frame)."""
    return re.findall(r"^\s*([\d.]+)\+", text, flags=re.MULTILINE)


def test_from_zero_puts_0_on_the_y_axis():
    labels = axis_labels(chart_text(CRAWL, 60, 14, ascii=True, from_zero=True).plain)
    assert labels[-1] in ("0.000", "0") and labels[0].startswith("0.5")


def test_fitted_axis_starts_near_the_lowest_loss():
    labels = axis_labels(chart_text(CRAWL, 60, 14, ascii=True).plain)
    assert float(labels[-1]) > 0.49
