"""QuietBackoff: every frame while a view changes, waits doubling to a cap while it does not."""

from __future__ import annotations

from tui_nn.ui.widgets.throttle import QuietBackoff


def frames(backoff: QuietBackoff, changes: list[bool], fps: float = 10) -> list[int]:
    """The frames (numbered from 0) at which ``backoff`` draws, given whether each frame's picture changed."""
    drawn = []
    for n, changed in enumerate(changes):
        now = n / fps
        if backoff.due(now + 1e-9):
            drawn.append(n)
            backoff.drawn(now, changed)
    return drawn


def test_a_changing_picture_is_drawn_every_frame():
    assert frames(QuietBackoff(0.0, 0.4), [True] * 10) == list(range(10))


def test_an_unchanging_picture_is_drawn_less_and_less_often_up_to_the_cap():
    drawn = frames(QuietBackoff(0.0, 0.4), [False] * 30)
    assert drawn[:4] == [0, 1, 3, 7]  # waits of 0.1, 0.2, 0.4 s
    assert all(b - a == 4 for a, b in zip(drawn[3:], drawn[4:]))  # then never more than 0.4 s


def test_the_first_change_brings_back_every_frame():
    changes = [False] * 12 + [True] * 8
    drawn = frames(QuietBackoff(0.0, 0.4), changes)
    first_seen = next(n for n in drawn if changes[n])
    assert first_seen - 12 < 4  # within the cap of 0.4 s
    assert drawn[drawn.index(first_seen):] == list(range(first_seen, 20))


def test_restart_draws_at_the_next_offer():
    backoff = QuietBackoff(0.25, 1.0)
    backoff.drawn(0.0, False)
    backoff.drawn(0.5, False)
    assert not backoff.due(0.6)
    backoff.restart()
    assert backoff.due(0.6) and backoff.wait == 0.25
