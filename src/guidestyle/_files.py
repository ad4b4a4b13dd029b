"""Opening the files guidestyle reads: regular files only, refused before a read can block.

A named pipe (FIFO) blocks ``open()`` until something writes to it, a terminal blocks the
first read, and a device such as ``/dev/zero`` never ends: a questionnaire, an answers file
or a saved session named by a path must be a regular file. The path is opened without
blocking and checked on the open file, so nothing can swap it between the check and the read.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to block on
_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, in words, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def open_regular(path: str | os.PathLike[str]) -> tuple[BinaryIO, int]:
    """The regular file at ``path``, open for reading, and its size in bytes.

    Raises :class:`OSError` whose ``strerror`` says why, in words for a message: the
    path holds a NUL character, or it names a folder, a FIFO, a device or a socket.
    """
    try:
        descriptor = os.open(path, _FLAGS)
    except ValueError:  # Python refuses a NUL in a path before asking the system
        raise OSError(errno.EINVAL, "the path holds a NUL character") from None
    try:
        info = os.fstat(descriptor)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file")
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb"), info.st_size
    except BaseException:
        os.close(descriptor)
        raise
