"""A build progress bar on stderr (documents, chars/s, claims, ETA), only when stderr is a terminal.

Piped or redirected output stays clean: :func:`progress_bar` then yields a handler that does nothing.

>>> from graph.streaming import BuildProgress
>>> with progress_bar(enabled=False) as update:
...     update(BuildProgress(documents=3, chars=1200, claims=4, seconds=2.0, fraction=0.5))
>>> describe(BuildProgress(documents=3, chars=1200, claims=4, seconds=2.0, fraction=0.5))
'3 docs · 600 chars/s · 4 claims'
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.streaming import BuildProgress, ProgressHandler


def describe(progress: BuildProgress) -> str:
    """The counters as one short phrase."""
    return f"{progress.documents:,} docs · {progress.chars_per_second:,.0f} chars/s · {progress.claims:,} claims"


def should_show(*, quiet: bool) -> bool:
    """Show a bar only on an interactive stderr and when not asked to be quiet.

    >>> should_show(quiet=True)
    False
    """
    return not quiet and sys.stderr.isatty()


def _ignore(progress: BuildProgress) -> None:
    return None


@contextlib.contextmanager
def progress_bar(*, enabled: bool) -> Iterator[ProgressHandler]:
    """Yield a handler for :class:`graph.streaming.BuildProgress` that draws a rich bar, or ignores it."""
    if not enabled:
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    # A total of 1000 steps; the build reports a fraction (bytes read of the input's size), not a count.
    bar = Progress(TextColumn("building"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                   TextColumn("{task.fields[counters]}"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("build", total=1000, counters="starting workers and pipelines")

        def update(progress: BuildProgress) -> None:
            completed = None if progress.fraction is None else round(progress.fraction * 1000)
            bar.update(task, completed=completed, counters=describe(progress))

        yield update
