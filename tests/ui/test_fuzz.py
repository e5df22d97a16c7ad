"""Random sessions: Hypothesis drives the real app through keys, typing, pasted links and resizes.

Each example opens a fresh PlaygroundApp, plays one sequence of steps and then quits. Afterwards
nothing has raised, the app ended with return code 0, its settings survive a round trip through
a link, and the epoch went back only right after a reset, a restart, an undo, a replay, a
structural settings change or a new link. The key alphabet is read from the BINDINGS of the app and of every widget and screen its
modules use, so a new binding is fuzzed without touching this file.

Profiles (``HYPOTHESIS_PROFILE``): ``ci`` (the default) runs a fixed, derandomized set of
sequences, so a CI failure reproduces on any machine with the same code; ``explore`` draws new
sequences each run, for hunting bugs locally. Every failure found is kept in ``REGRESSIONS``
and replayed on every run.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import pkgutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

import tui_nn.ui
from helpers import make_app, on_send, restarts_run, sent_config
from playground_links import DEFAULT_HASH, DIVERGENT_HASH, L1_HASH, OVER_LIMIT_HASH
from tui_nn.core.config import Config
from tui_nn.core.settings import Effect, strongest_effect
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.messages import TrainingTicked
from tui_nn.ui.training_commands import TrainingCommand

# 300 sequences of up to 12 steps, in SHARDS tests of equal share that pytest-xdist runs side by
# side: about 200 s of CPU on the shared 2-core lab machine (Dec 2026), about 100 s of the test run's
# time there. Most of it is Textual laying out, styling and drawing each step.
# FUZZ_EXAMPLES and FUZZ_STEPS change the count and the length for a longer hunt.
SHARDS = 4
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
settings.register_profile(
    "ci",
    max_examples=-(-FUZZ_EXAMPLES // SHARDS),
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("explore", parent=settings.get_profile("ci"), derandomize=False)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
GC_YOUNG_THRESHOLD = 10_000
"""Allocations between collections of the youngest generation while fuzzing (Python's default: 700)."""
SESSION_TIMEOUT = 30
"""Seconds after which a sequence counts as hung: a few hundred times its usual length."""


def _ui_classes() -> Iterator[type[DOMNode]]:
    """Every widget, screen and app class that a module of ``tui_nn.ui`` defines or imports."""
    for info in pkgutil.walk_packages(tui_nn.ui.__path__, "tui_nn.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DOMNode):
                yield value


def _bindings() -> list[Binding]:
    seen: dict[int, type] = {}
    for cls in _ui_classes():
        for klass in cls.__mro__:
            seen.setdefault(id(klass), klass)
    return [
        binding for klass in seen.values() for binding in Binding.make_bindings(vars(klass).get("BINDINGS", []))
    ]


BINDINGS = _bindings()
APP_QUIT_KEYS = {b.key for b in Binding.make_bindings(PlaygroundApp.BINDINGS) if b.action == "quit"}
PRIORITY_QUIT_KEYS = {b.key for b in BINDINGS if b.action == "quit" and b.priority}
NAVIGATION_KEYS = ["tab", "shift+tab", "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
                   "enter", "escape", "backspace", "delete"]
PALETTE_KEYS = [PlaygroundApp.COMMAND_PALETTE_BINDING] if PlaygroundApp.ENABLE_COMMAND_PALETTE else []
KEYS = sorted({b.key for b in BINDINGS} | set(NAVIGATION_KEYS) | set(PALETTE_KEYS))
SCREEN_KEYS = ["o", "e", "question_mark", "c", "C", "A", "P", "T", "O", "L", "i", "v", "m", "a", *PALETTE_KEYS]
"""Keys that open a screen to type into (link, editor, help, share, compare, repeats and sweep setups,
stop rule, training settings, run log, hidden space, loss valley, confusion matrix, lesson menu,
palette); a typing step presses one of them first, or types where it is."""

VALID_LINKS = [DEFAULT_HASH, L1_HASH, DIVERGENT_HASH, OVER_LIMIT_HASH, "https://playground.tensorflow.org/#" + L1_HASH]
HOSTILE_LINKS = [
    "", " ", "&&&", "=", "networkShape=99999", "networkShape=" + ",".join(["8"] * 200), "networkShape=-1",
    "learningRate=NaN", "learningRate=1e308", "learningRate=inf", "learningRate=-0", "batchSize=0",
    "batchSize=" + "9" * 400, "noise=" + "9" * 30, "percTrainData=1000", "percTrainData=-5",
    "regularizationRate=nan", "seed=", "seed=" + "x" * 5000, "dataset=😀", "activation=ȶanh",
    "x=maybe", "problem=regression&regDataset=nothing", "dataFile=", "dataFile=no/such/file.csv",
    "https://playground.tensorflow.org/#", "#" * 3000, DEFAULT_HASH * 40, "%" * 50, "\x00\x1b[2J",
]
LINK_KEYS = sorted({pair.split("=")[0] for pair in DEFAULT_HASH.split("&")})

typed_text = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=12)
hostile_value = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=20),
)
generated_link = st.lists(st.tuples(st.sampled_from(LINK_KEYS), hostile_value), max_size=6).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)
links = st.one_of(st.sampled_from(VALID_LINKS), st.sampled_from(HOSTILE_LINKS), generated_link)
step = st.one_of(
    st.tuples(st.just("press"), st.sampled_from(KEYS)),
    st.tuples(st.just("type"), st.sampled_from([None, *SCREEN_KEYS]), typed_text),
    st.tuples(st.just("paste"), links),
    st.tuples(st.just("link"), links),
    st.tuples(st.just("resize"), st.tuples(st.integers(10, 300), st.integers(5, 100))),
)
steps = st.lists(step, max_size=int(os.environ.get("FUZZ_STEPS", "12")))


@dataclass(frozen=True)
class Sent:
    """A command the app sent the training loop, logged in order with the messages it handled."""

    command: TrainingCommand


@pytest.fixture(scope="module", autouse=True)
def in_a_scratch_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """ctrl+s and the palette's screenshot write into the working directory: keep it out of the repo."""
    old = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("fuzz"))
    yield
    os.chdir(old)


@pytest.fixture(scope="module", autouse=True)
def fewer_garbage_collections() -> Iterator[None]:
    """Collect the young generation less often, and never scan what was there before the first sequence.

    Every sequence leaves Textual's caches fuller (a method-level ``lru_cache`` keeps up to 1024
    ``StylesCache``s of closed apps, each with its strips), so with the default thresholds a third
    of the fuzzer's time went to full collections of a few hundred thousand objects. Collection
    only frees memory: what a sequence does and what it checks are the same.
    """
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *old[1:])
    yield
    gc.set_threshold(*old)
    gc.unfreeze()


def on_base_screen(app: PlaygroundApp) -> bool:
    return len(app.screen_stack) == 1


def would_quit(app: PlaygroundApp, key: str) -> bool:
    """Whether ``key`` quits now: quitting ends a sequence early, so it is left for its end."""
    return key in PRIORITY_QUIT_KEYS or (key in APP_QUIT_KEYS and on_base_screen(app))


async def settle(pilot: Pilot) -> None:
    """Let the app handle everything queued so far, then draw the screen.

    ``pilot.press`` and ``pilot.pause`` also wait for the process to look idle (20 ms sleeps until
    the CPU clock stops moving); measured here, that was three quarters of the fuzzer's time, and
    more while training. Waiting for the message queues instead is exact, and leaves time for
    more sequences. Drawing each step is what finds a layout that cannot be drawn.
    """
    for _ in range(2):  # a pushed screen mounts its widgets in a second round of messages
        await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


def send_key(app: PlaygroundApp, key: str) -> None:
    """Post one key through the terminal driver, named and with its character as ``pilot.press`` sends it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys, settling after each; keys that would quit are left for the end of the sequence."""
    for key in keys:
        if not would_quit(pilot.app, key):
            send_key(pilot.app, key)
            await settle(pilot)


async def play(pilot: Pilot, step: tuple) -> None:
    """Carry out one step of a sequence."""
    app, (kind, *payload) = pilot.app, step
    if kind == "press":
        await press(pilot, payload[0])
    elif kind == "type":
        opener, text = payload
        if opener is not None and on_base_screen(app):
            await press(pilot, opener)
        await press(pilot, *text)
    elif kind == "paste":
        app.post_message(events.Paste(payload[0]))
        await settle(pilot)
    elif kind == "link":
        if on_base_screen(app):
            await press(pilot, "o")
        app.post_message(events.Paste(payload[0]))
        await press(pilot, "enter")
    elif kind == "resize":
        width, height = payload[0]
        app._driver._size = Size(width, height)  # what pilot.resize_terminal does, without its pause
        app.post_message(events.Resize(Size(width, height), Size(width, height)))
        await settle(pilot)


def structural(old: Config, new: Config) -> bool:
    """Whether going from ``old`` to ``new`` starts the run over, as the training loop decides it
    (a change without a seed keeps the run's seed)."""
    effect = strongest_effect(old, new if new.seed is not None else new.replace(seed=old.seed))
    return effect is not None and effect >= Effect.REBUILD


def check_epochs(log: list[object], config: Config) -> None:
    """The epoch went back only after a reset, a new link or a settings change that is not live.

    A frame published just before such a command can be handled after it, so the permission
    lasts until a frame shows the epoch back (or already at 0).
    """
    last_epoch, may_go_back = 0, False
    for entry in log:
        if isinstance(entry, Sent):
            new = sent_config(entry.command)
            may_go_back |= restarts_run(entry.command) or (new is not None and structural(config, new))
            config = new or config
        elif isinstance(entry, TrainingTicked):
            epoch, config = entry.snapshot.epoch, entry.snapshot.config
            assert epoch >= last_epoch or may_go_back, f"epoch went back from {last_epoch} to {epoch}"
            if epoch < last_epoch or epoch == 0:
                may_go_back = False
            last_epoch = epoch


async def session(sequence: list[tuple]) -> None:
    """Play ``sequence`` on a fresh app and check it; a sequence that hangs fails."""
    await asyncio.wait_for(_session(sequence), SESSION_TIMEOUT)


async def _session(sequence: list[tuple]) -> None:
    log: list[object] = []
    app = make_app()
    initial = app.snapshot.config
    async with app.run_test(size=(120, 40), message_hook=log.append) as pilot:
        on_send(app, lambda command: log.append(Sent(command)))
        for item in sequence:
            await play(pilot, item)
            if not app.is_running:  # the palette's Quit command, for one
                break
        else:
            config = app.state.config
            assert Config.from_link(config.to_link()) == config
            # Not pilot.press: it waits for animations to complete, which never happens once
            # the app has quit with one running (a screen's scroll, say), and hangs.
            send_key(app, sorted(PRIORITY_QUIT_KEYS)[0])
            await settle(pilot)
        assert app.return_code == 0
    assert not app.is_running
    check_epochs(log, initial)


REGRESSIONS: dict[str, list[tuple]] = {
    # Found by this test. A batch size too big for a float crashed the link screen (OverflowError).
    "huge-batch-size-link": [("link", "batchSize=" + "9" * 400)],
    # Found by this test: an escape right behind enter on the palette's only match dismissed the
    # palette twice, popped the main screen and crashed (ScreenStackError).
    "palette-dismissed-twice": [("type", "ctrl+p", "x"), ("press", "enter"), ("press", "escape"), ("press", "escape")],
    # Every screen a typing step can open, typed into, submitted and closed.
    "every-screen": [s for key in SCREEN_KEYS for s in [("type", key, "3 x,0.1"), ("press", "enter"), ("press", "escape"), ("press", "escape")]],
    # Found by this test, in one run of three (timing): a link chosen just before the closing quit
    # was opened after the widgets had gone (NoMatches: StatusBar). test_app.py tests the fix directly.
    "link-opened-after-quit": [
        ("press", "ctrl+k"), ("link", "https://playground.tensorflow.org/#" + L1_HASH),
        ("link", "https://playground.tensorflow.org/#" + L1_HASH), ("resize", (106, 5)),
        ("link", "https://playground.tensorflow.org/#" + L1_HASH),
    ],
    # Found by this test, in about one run of two (timing): the training thread delivered the start
    # of the repeats setup that the palette's last enter chose after the closing quit, and the setup
    # screen crashed in its on_mount (NoMatches: #setup-settings).
    "setup-opened-after-quit": [
        ("resize", (11, 63)), ("type", "ctrl+p", "Ġ"), ("type", "O", "𓃿𤴮𤿰¦ÊāQļ祭(ÏT"), ("press", "pagedown"),
        ("press", "X"), ("type", "i", "ĺn£Øă𥕩Ă"), ("link", "x=\x83"), ("link", L1_HASH),
    ],
    # Found by this test: quitting with pilot.press hung when a screen was still scrolling.
    "quit-while-scrolling": [("press", "question_mark"), ("press", "pagedown")],
    "tiny-terminal-palette-and-links": [
        ("resize", (248, 5)), ("press", "shift+right"), ("press", "c"), ("paste", DIVERGENT_HASH),
        ("type", "ctrl+p", "ôX[$â⅝¾čĖ"), ("press", "space"), ("press", "super+backspace"),
        ("link", "dataset=😀"), ("link", DEFAULT_HASH),
    ],
}
"""Sequences that once failed (or cover every screen), replayed exactly on every run."""


@pytest.mark.parametrize("sequence", REGRESSIONS.values(), ids=REGRESSIONS.keys())
def test_sequences_that_once_failed_now_pass(sequence: list[tuple]) -> None:
    asyncio.run(session(sequence))


@pytest.mark.parametrize("shard", range(SHARDS))
@settings(settings.get_profile(PROFILE))
@given(sequence=steps)
def test_random_sessions_never_crash_and_keep_the_run_sound(shard: int, sequence: list[tuple]) -> None:
    """Each shard draws its own sequences (Hypothesis seeds a parametrized case by its test id),
    so the shards together try ``FUZZ_EXAMPLES`` different ones and can run on different cores."""
    asyncio.run(session(sequence))
