"""Write files so that readers only ever see the old file or the whole new one, never half of either.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_path(target) as tmp:
...     _ = tmp.write_text("done")
>>> target.read_text()
'done'

A process killed with SIGKILL cannot remove its temporary file, so it stays beside the target as
``.NAME.PID.RANDOM.tmp``; the next write of the same target removes those whose process is gone. The target
itself is only ever replaced whole, so it is the previous complete file or the new complete one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graph.exceptions import OutputError


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it is fsynced and renamed over ``target``.

    On any exception the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        # The PID in the name tells a later run whether the writer is still alive (see remove_stale_temporaries).
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc}); choose another output path") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.errno in _OUTPUT_ERRNOS:  # the disk, not the input: say so instead of a traceback
                raise OutputError(f"{target}: cannot write ({exc.strerror or exc}); the previous file, if any, "
                                  "is unchanged") from None
            raise
        try:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            # mkstemp creates the file 0600; an output should get the permissions of the file it replaces, or
            # the ones open() would have given it, so other users and tools can still read it.
            os.chmod(tmp, _output_mode(target))
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot replace it ({exc.strerror or exc}); is it a folder? "
                              "choose another output path") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _output_mode(target: Path) -> int:
    """The permission bits for a new ``target``: those of the file it replaces, else 0666 less the umask.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.ttl"
    >>> _ = target.write_text("old")
    >>> target.chmod(0o640)
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("new")
    >>> oct(target.stat().st_mode & 0o777)
    '0o640'
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)  # the only way to read it; set back at once
        os.umask(umask)
        return 0o666 & ~umask


#: Errors of writing the temporary file itself (full disk, quota, read-only file system, file too big, I/O).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO})


def remove_stale_temporaries(target: str | Path) -> list[Path]:
    """Remove temporary files that killed writers of ``target`` left behind; returns the ones removed.

    Only ``.NAME.PID.RANDOM.tmp`` files whose process no longer exists go: a writer still running (this or
    another process, even another user's) keeps its file.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".g.ttl.999999999.abc.tmp").write_text("half")  # no such process
    >>> _ = (folder / f".g.ttl.{os.getpid()}.def.tmp").write_text("mine")  # a live writer
    >>> [p.name for p in remove_stale_temporaries(folder / "g.ttl")]
    ['.g.ttl.999999999.abc.tmp']
    """
    target = Path(target)
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return removed
    for path in sorted(candidates):
        pid_text = path.name[len(prefix):].split(".", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a PID we wrote; leave the file alone
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process (or no PID could be that large)
        return False
    except PermissionError:
        return True  # another user's live process
    return True
