"""The running app as a fixture: ``running_app`` opens PlaygroundApp the way the test's ``app`` marker asks.

A test that needs the app asks for ``app``, ``pilot`` or ``seen`` (or ``running_app`` for all three)
and describes the run with a marker instead of opening it itself::

    @pytest.mark.app(size=(80, 24), ascii_mode=True)
    async def test_something(app, pilot, seen): ...

Without a marker the app opens on the Playground's default link at 120x40; a test parametrized on
``size`` opens at that size. Any marker value may be a function of ``tmp_path`` (for runs on files
the test writes, or paths the app writes to).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from helpers import SIZE, Running, make_app, open_app


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "app(config=None, size=(120, 40), **options): how the running_app fixture opens PlaygroundApp. "
        "config is a Config; options go to PlaygroundApp (ascii_mode, save_path, run_path, ...). "
        "Any value may be a function of tmp_path that returns it.",
    )


@pytest.fixture
async def running_app(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Running]:
    """PlaygroundApp under ``run_test``, as the closest ``app`` marker describes it.

    The app runs with ``tmp_path`` as its working directory, so what it writes (ctrl+s saves to
    ``tui-nn-model.npz`` unless told otherwise) never lands in the repository.
    """
    marker = request.node.get_closest_marker("app")
    options = {key: value(tmp_path) if callable(value) else value for key, value in (marker.kwargs if marker else {}).items()}
    config = options.pop("config", None)
    parametrized = getattr(request.node, "callspec", None)
    size = options.pop("size", parametrized.params.get("size", SIZE) if parametrized else SIZE)
    monkeypatch.chdir(tmp_path)
    async with open_app(make_app(config, **options), size) as running:
        yield running


@pytest.fixture
def app(running_app: Running):
    """The running PlaygroundApp."""
    return running_app.app


@pytest.fixture
def pilot(running_app: Running):
    """The running app's Pilot."""
    return running_app.pilot


@pytest.fixture
def seen(running_app: Running):
    """Every message the running app has handled so far, oldest first."""
    return running_app.seen
