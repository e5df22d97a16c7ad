"""write_atomically: all or nothing, permissions as a plain open gives them, and no leftovers from dead saves."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from tui_nn.core.atomic_file import temporary_files, write_atomically, write_text_atomically


def test_the_target_gets_all_the_bytes_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "runs.csv"
    write_text_atomically(target, "epoch,loss\n1,0.5\n")
    assert target.read_text(encoding="utf-8") == "epoch,loss\n1,0.5\n"
    assert os.listdir(tmp_path) == ["runs.csv"]


def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "model.npz"
    target.write_bytes(b"old")

    def half_then_fail(stream):
        stream.write(b"new bytes, half of them")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["model.npz"]


def test_a_new_file_gets_the_umask_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    old_umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.svg"
        write_text_atomically(fresh, "<svg/>")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)
    shared = tmp_path / "shared.csv"
    shared.write_text("a\n")
    shared.chmod(0o664)
    write_text_atomically(shared, "b\n")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text() == "b\n"


def test_a_dead_saves_leftover_is_removed_and_a_live_ones_is_kept(tmp_path):
    target = tmp_path / "model[1].npz"  # glob characters in the name are taken literally
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".{target.name}.{gone.stdout.strip()}.0a1b2c3d.tmp"
    live = tmp_path / f".{target.name}.{os.getpid()}.0a1b2c3d.tmp"
    other = tmp_path / f".other.npz.{gone.stdout.strip()}.0a1b2c3d.tmp"
    for leftover in (dead, live, other):
        leftover.write_bytes(b"half")
    assert temporary_files(target) == sorted([dead, live])
    write_text_atomically(target, "whole")
    assert not dead.exists() and live.exists() and other.exists()
    assert target.read_text() == "whole"
