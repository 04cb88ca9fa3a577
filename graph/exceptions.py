"""One base error for everything claimgraph raises on purpose.

Each subclass also derives from the built-in it refines, so ``except ValueError`` keeps working for callers
that do not know claimgraph. Messages say what was wrong, what was received, and what to do.

>>> issubclass(InputError, ValueError) and issubclass(InputError, ClaimgraphError)
True
>>> str(InputError("file is empty", path="a.txt", line=3))
'a.txt:3: file is empty'
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises deliberately."""


class InputError(ClaimgraphError, ValueError):
    """A document could not be read; names the file (and line for JSONL)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class MissingPathError(InputError, FileNotFoundError):
    """A path given on the command line or to :func:`graph.build` does not exist."""


class SchemaError(ClaimgraphError, ValueError):
    """An ontology, entity list or shapes file is malformed or inconsistent."""


class UnsupportedFormatError(ClaimgraphError, ValueError):
    """An output or input format that claimgraph does not know."""


class OutputError(ClaimgraphError, OSError):
    """An output could not be written; the previous file, if any, is left untouched."""


class StrictModeError(ClaimgraphError, RuntimeError):
    """``--strict`` turned warnings into a failure."""
