"""Files written all or nothing: a temporary file beside the target, then a rename.

A save killed midway (a closed SSH session, a full quota, a student's ctrl+c) leaves the previous
file as it was. Its temporary file, named after the target and the writing process, is removed by
the next save of that target once that process has gone. The new file gets the permissions a plain
``open`` would give it (the umask's), or those of the file it replaces.
"""

from __future__ import annotations

import glob
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable

__all__ = ["temporary_files", "write_atomically", "write_text_atomically"]

_SUFFIX = ".tmp"


def temporary_files(target: str | os.PathLike) -> list[Path]:
    """Temporary files of saves to ``target`` in its directory, by any process (finished or not)."""
    path = Path(target)
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*{_SUFFIX}"))


def write_atomically(target: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream whose bytes replace ``target`` only once all are on disk.

    Raises:
        OSError: The directory cannot be written, or the disk is full; ``target`` is unchanged.
    """
    path = Path(target)
    _remove_orphans(path)
    temporary, handle = _create_temporary(path)
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())  # the new bytes reach the disk before the name points at them
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomically(target: str | os.PathLike, text: str) -> None:
    """``text`` as UTF-8 in ``target``, all or nothing (see `write_atomically`)."""
    write_atomically(target, lambda stream: stream.write(text.encode("utf-8")))


def _create_temporary(path: Path) -> tuple[Path, int]:
    """A new, empty temporary file ``.NAME.PID.RANDOM.tmp``, created with the umask's permissions."""
    while True:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{_SUFFIX}")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


def _remove_orphans(path: Path) -> None:
    """Delete temporary files of saves to ``path`` whose process has gone (killed mid-write)."""
    for temporary in temporary_files(path):
        pid = temporary.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
