"""Reading ``.npz`` archives one member at a time, with each array's header checked before its data.

A hostile file can declare an array of 10**12 elements, hold pickled Python objects or claim a
huge uncompressed size; ``numpy.load`` would allocate or unpickle first and complain later. Here
the zip entry's size, the ``.npy`` header's dtype and shape are compared with what the caller
expects, and only then is the data read. It knows nothing about models; ``model_file`` does.
"""

from __future__ import annotations

import math
import os
import stat
import zipfile
import zlib
from typing import BinaryIO

import numpy as np
from numpy.lib import format as npy_format

MAX_ARCHIVE_BYTES = 64 * 2**20
"""Largest archive opened at all; the biggest network tui-nn builds saves to well under 1 MiB."""

_PICKLE_START = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")
_READ_ERRORS = (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError)


class ArchiveError(ValueError):
    """The archive or one of its members cannot be used; the message says why, without the file name."""


class PickledDataError(ArchiveError):
    """A member holds Python objects, which only unpickling could read."""


def _check_kind(path: str) -> None:
    """Refuse what is not a zip archive of reasonable size, naming what it is instead when that is known."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ArchiveError("not a regular file")
    if info.st_size > MAX_ARCHIVE_BYTES:
        raise ArchiveError(f"{info.st_size} bytes, more than the {MAX_ARCHIVE_BYTES // 2**20} MiB limit for a model file")
    with open(path, "rb") as stream:
        start = stream.read(8)
    if start.startswith(_PICKLE_START):
        raise ArchiveError("it is a Python pickle, which tui-nn never loads")
    if start.startswith(npy_format.MAGIC_PREFIX):
        raise ArchiveError("it is a single .npy array, not an .npz archive")


class NpzMembers:
    """The ``.npy`` members of an ``.npz`` file, read only after their headers pass the caller's checks.

    Args:
        path: The archive; it must be a regular file of at most ``MAX_ARCHIVE_BYTES``.

    Raises:
        OSError: The file is missing or cannot be read.
        ArchiveError: It is not a readable zip archive (a pickle, a bare ``.npy``, junk, truncated).
    """

    def __init__(self, path: str) -> None:
        _check_kind(path)
        try:
            self._zip = zipfile.ZipFile(path)
        except _READ_ERRORS as error:
            raise ArchiveError(str(error) or type(error).__name__) from None
        self._members = {
            info.filename[: -len(".npy")]: info for info in self._zip.infolist() if info.filename.endswith(".npy")
        }

    def __enter__(self) -> NpzMembers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def __contains__(self, key: str) -> bool:
        return key in self._members

    @property
    def keys(self) -> list[str]:
        """Member names without ``.npy``, in archive order."""
        return list(self._members)

    def read(self, key: str, shape: tuple[int, ...] | None, kinds: str, max_bytes: int) -> np.ndarray:
        """One member, checked before its data is read.

        Args:
            key: The member's name without ``.npy``.
            shape: The shape it must have, or None to accept any shape within ``max_bytes``.
            kinds: Allowed ``dtype.kind`` letters, e.g. ``"f"`` or ``"iu"``.
            max_bytes: Most bytes of data it may hold.

        Raises:
            KeyError: There is no such member.
            ArchiveError: Its header, size or data is not what was asked for; the message names ``key``.
        """
        info = self._members[key]
        if info.file_size > max_bytes + 4096:  # the .npy header is at most a few KiB
            raise ArchiveError(f"{key!r} unpacks to {info.file_size} bytes, more than the {max_bytes} it may hold")
        try:
            with self._zip.open(info) as stream:
                found_shape, dtype, order = _header(stream)
                nbytes = _check(key, found_shape, dtype, shape, kinds, max_bytes)
                data = stream.read(nbytes)
                stream.read(1)  # reaching the end makes zipfile check the CRC
        except ArchiveError:
            raise
        except _READ_ERRORS as error:
            raise ArchiveError(f"{key!r} is corrupt ({error or type(error).__name__})") from None
        if len(data) < nbytes:
            raise ArchiveError(f"{key!r} is truncated ({len(data)} of {nbytes} bytes)")
        return np.frombuffer(data, dtype).reshape(found_shape, order=order).copy()


def _header(stream: BinaryIO) -> tuple[tuple[int, ...], np.dtype, str]:
    """Shape, dtype and memory order from a ``.npy`` header; pickled (object) dtypes are refused."""
    version = npy_format.read_magic(stream)
    if version == (1, 0):
        shape, fortran, dtype = npy_format.read_array_header_1_0(stream)
    elif version in ((2, 0), (3, 0)):
        shape, fortran, dtype = npy_format.read_array_header_2_0(stream)
    else:
        raise ValueError(f".npy format version {version} is not supported")
    return shape, dtype, "F" if fortran else "C"


def _check(key: str, found: tuple[int, ...], dtype: np.dtype, shape: tuple[int, ...] | None, kinds: str, max_bytes: int) -> int:
    """Bytes of data a header announces, once its dtype, shape and size pass; else an ArchiveError."""
    if dtype.hasobject:
        raise PickledDataError(f"{key!r} holds Python objects (pickled data), which tui-nn never loads")
    if shape is not None and found != shape:
        raise ArchiveError(f"{key!r} has shape {found}, expected {shape}")
    if dtype.kind not in kinds:
        raise ArchiveError(f"{key!r} has type {dtype}, expected {_kind_names(kinds)}")
    nbytes = math.prod(found) * dtype.itemsize
    if nbytes > max_bytes:
        raise ArchiveError(f"{key!r} declares {nbytes} bytes of data, more than the {max_bytes} it may hold")
    return nbytes


def _kind_names(kinds: str) -> str:
    names = {"f": "floats", "i": "integers", "u": "integers", "b": "booleans", "U": "text"}
    return " or ".join(dict.fromkeys(names.get(kind, kind) for kind in kinds))
