"""The coach: its three messages on runs built to trigger them, and silence on a healthy run."""

from __future__ import annotations

import warnings

import pytest

from tui_nn.core.coach import WINDOW, advise
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer

NOISY_BIG = ("dataset=circle&noise=50&percTrainData=10&networkShape=8,8,8&xSquared=true&ySquared=true"
             "&xTimesY=true&sinX=true&sinY=true&seed=0.42")


def coached(link: str, epochs: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer = Trainer(Config.from_link(link))
    trainer.step(epochs)
    return advise(trainer.history.arrays(), trainer.config.learning_rate, trainer.diverged)


def test_a_flat_loss_at_a_tiny_learning_rate_is_too_small():
    advice = coached("dataset=circle&learningRate=0.00001&seed=0.42", 200)
    assert advice.kind == "too_small" and "too small a learning rate; ] raises it" in advice.text


@pytest.mark.parametrize("rate", ["3", "10"])
def test_a_loss_stuck_high_at_a_large_learning_rate_is_too_large(rate):
    advice = coached(f"dataset=circle&learningRate={rate}&seed=0.42", 300)
    assert advice.kind == "too_large" and "[ lowers it" in advice.text


def test_test_loss_rising_while_train_falls_is_overfitting():
    advice = coached(NOISY_BIG, 300)
    assert advice.kind == "overfitting" and advice.key == "2"


@pytest.mark.parametrize("link", ["dataset=circle&seed=0.42", "dataset=xor&seed=0.42", "dataset=gauss&seed=0.42",
                                  "dataset=circle&learningRate=1&seed=0.42"])
def test_a_healthy_run_gets_silence(link):
    assert coached(link, 600) is None


def test_the_coach_waits_for_a_window_of_epochs():
    assert coached("dataset=circle&learningRate=0.00001&seed=0.42", WINDOW - 1) is None


def test_a_diverged_run_is_left_to_the_divergence_message():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer = Trainer(Config.from_link("dataset=circle&learningRate=0.00001&seed=0.42"))
    trainer.step(200)
    assert advise(trainer.history.arrays(), 0.00001, diverged=True) is None
