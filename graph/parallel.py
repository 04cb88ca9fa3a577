"""Extraction in worker processes or on a Dask cluster, results in input order, identical to one process.

Workers run :meth:`graph.build.Builder.extract_parts` on batches of documents. Each worker builds its
:class:`~graph.build.Builder` once (spaCy and jieba pipelines take about a second to warm up) from a
:class:`BuilderRecipe` that carries the already parsed schema, so a remote worker needs the package but not the
driver's schema files. Only a bounded number of batches is in flight, so a corpus of any size streams through.

>>> from graph.settings import Settings
>>> plan = plan_execution(Execution(workers=2), input_bytes=10_000, settings=Settings())
>>> plan.mode.value, plan.workers
('in-process', 1)
>>> plan_execution(Execution(workers=2), input_bytes=10**9, settings=Settings()).describe()
'2 worker processes'
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from graph.build import Builder, DocumentExtraction, group_parts
from graph.documents import Document
from graph.exceptions import ClaimgraphError
from graph.schema import Schema, load_schema
from graph.settings import Settings


class ClusterError(ClaimgraphError, ConnectionError):
    """A Dask scheduler could not be reached or a worker failed."""


class ExecutionError(ClaimgraphError, ValueError):
    """Bad execution options (a worker count below 1, an unusable address)."""


class ExecutionMode(str, Enum):
    """Where extraction runs."""

    IN_PROCESS = "in-process"
    PROCESSES = "processes"
    DASK = "dask"


@dataclass(frozen=True, slots=True)
class Execution:
    """What the user asked for: ``workers`` processes, or a Dask scheduler (``"local"`` starts one here)."""

    workers: int = 1
    dask_address: str | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ExecutionError(f"workers must be at least 1; got {self.workers}")
        if self.dask_address is not None and not self.dask_address.strip():
            raise ExecutionError("the Dask address is empty; give 'local' or a scheduler such as tcp://host:8786")


@dataclass(frozen=True, slots=True)
class ExecutionPlan:
    """What will actually run, and why (the build summary prints :meth:`describe`)."""

    mode: ExecutionMode
    workers: int
    note: str = ""
    dask_address: str | None = None

    def describe(self) -> str:
        """One phrase for the summary.

        >>> ExecutionPlan(ExecutionMode.IN_PROCESS, 1, "input 12 kB is below the parallel threshold").describe()
        'in-process (input 12 kB is below the parallel threshold)'
        """
        if self.mode is ExecutionMode.PROCESSES:
            text = f"{self.workers} worker processes"
        elif self.mode is ExecutionMode.DASK:
            text = f"Dask cluster {self.dask_address}"
        else:
            text = "in-process"
        return f"{text} ({self.note})" if self.note else text


def _size(n: int) -> str:
    """Human-readable byte count.

    >>> _size(12_345), _size(5_000_000)
    ('12 kB', '5.0 MB')
    """
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.0f} kB"


def plan_execution(execution: Execution, *, input_bytes: int | None, settings: Settings) -> ExecutionPlan:
    """Decide where to run: small inputs stay in-process, since starting workers costs more than it saves."""
    if execution.dask_address is not None:
        return ExecutionPlan(ExecutionMode.DASK, execution.workers, dask_address=execution.dask_address)
    if execution.workers == 1:
        return ExecutionPlan(ExecutionMode.IN_PROCESS, 1)
    if input_bytes is not None and input_bytes < settings.parallel_min_bytes:
        return ExecutionPlan(ExecutionMode.IN_PROCESS, 1,
                             f"input {_size(input_bytes)} is below the parallel threshold "
                             f"{_size(settings.parallel_min_bytes)}, so {execution.workers} workers were not started")
    return ExecutionPlan(ExecutionMode.PROCESSES, execution.workers)


@dataclass(frozen=True)
class BuilderRecipe:
    """Everything a worker needs to build the same :class:`Builder` as the driver; pickles small (~70 kB)."""

    settings: Settings
    schema: Schema
    key: str = field(default="")

    @classmethod
    def of(cls, builder: Builder) -> BuilderRecipe:
        """The recipe of an existing builder; ``key`` identifies it in the workers' cache."""
        blob = pickle.dumps((builder.settings, builder.schema))
        return cls(builder.settings, builder.schema, hashlib.sha256(blob).hexdigest())

    @classmethod
    def load(cls, *, settings: Settings, extra_schemas: Iterable[str | Path] = (),
             extra_entities: Iterable[str | Path] = ()) -> BuilderRecipe:
        """Parse the schema once here, in the driver."""
        schema = load_schema(settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
        return cls.of(Builder(settings=settings, schema=schema))


# One Builder per worker process and recipe, kept for the life of the process (a Dask worker or pool member).
_BUILDERS: dict[str, Builder] = {}


def cached_builder(recipe: BuilderRecipe) -> Builder:
    """The worker's Builder for ``recipe``, made on first use."""
    builder = _BUILDERS.get(recipe.key)
    if builder is None:
        builder = _BUILDERS[recipe.key] = Builder(settings=recipe.settings, schema=recipe.schema)
    return builder


def extract_batch(recipe: BuilderRecipe, batch: Sequence[Sequence[Document]]) -> list[DocumentExtraction]:
    """Run one batch of documents (each a list of its parts) in a worker.

    >>> from graph.build import run_build_texts
    >>> recipe = BuilderRecipe.load(settings=Settings())
    >>> from graph.documents import read_text_document
    >>> [len(e.claims) for e in extract_batch(recipe, [list(read_text_document("a.txt", "Google acquired DeepMind."))])]
    [1]
    """
    builder = cached_builder(recipe)
    extractions = [builder.extract_parts(parts) for parts in batch]
    for extraction in extractions:
        # Building and sorting the claim quads here leaves the driver only the graph-wide quads; otherwise
        # the driver is the bottleneck and a second worker makes the build no faster.
        extraction.claim_block = builder.writer.claim_block(extraction.claims, lang=extraction.info.lang,
                                                            date=extraction.info.date)
    return extractions


def batches(groups: Iterable[list[Document]], *, max_chars: int, max_documents: int = 256
            ) -> Iterator[list[list[Document]]]:
    """Cut the stream of documents into batches of about ``max_chars`` characters (few round trips, even load).

    >>> from graph.documents import read_text_document
    >>> docs = [list(read_text_document(f"{i}.txt", "x" * 10)) for i in range(5)]
    >>> [len(b) for b in batches(docs, max_chars=25)]
    [3, 2]
    """
    batch: list[list[Document]] = []
    chars = 0
    for group in groups:
        batch.append(group)
        chars += sum(len(d.text) for d in group)
        if chars >= max_chars or len(batch) >= max_documents:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class _Submitter(Protocol):
    def __call__(self, batch: list[list[Document]]) -> Future[list[DocumentExtraction]] | Any: ...


def _ordered(batch_stream: Iterable[list[list[Document]]], submit: _Submitter, *, in_flight: int,
             result: Callable[[Any], list[DocumentExtraction]]) -> Iterator[DocumentExtraction]:
    """Keep at most ``in_flight`` batches submitted and yield their results in submission order."""
    pending: deque[Any] = deque()
    for batch in batch_stream:
        pending.append(submit(batch))
        while len(pending) >= in_flight:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def extract_ordered(groups: Iterable[list[Document]], *, plan: ExecutionPlan, builder: Builder,
                    recipe: BuilderRecipe | None = None) -> Iterator[DocumentExtraction]:
    """Extractions of every document group, in input order, wherever ``plan`` says they run.

    >>> from graph.documents import read_text_document
    >>> groups = [list(read_text_document("a.txt", "Google acquired DeepMind."))]
    >>> plan = ExecutionPlan(ExecutionMode.IN_PROCESS, 1)
    >>> [c.triple_names for e in extract_ordered(groups, plan=plan, builder=Builder()) for c in e.claims]
    [('Google', 'acquired', 'DeepMind')]
    """
    if plan.mode is ExecutionMode.IN_PROCESS:
        for group in groups:
            yield builder.extract_parts(group)
        return
    recipe = recipe or BuilderRecipe.of(builder)
    stream = batches(groups, max_chars=builder.settings.batch_chars)
    if plan.mode is ExecutionMode.PROCESSES:
        yield from _extract_in_processes(stream, recipe=recipe, workers=plan.workers)
    else:
        assert plan.dask_address is not None
        yield from _extract_on_dask(stream, recipe=recipe, address=plan.dask_address, workers=plan.workers)


def _extract_in_processes(stream: Iterable[list[list[Document]]], *, recipe: BuilderRecipe,
                          workers: int) -> Iterator[DocumentExtraction]:
    # Two batches per worker keep every worker busy while the driver reads and merges, and bound memory.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        def submit(batch: list[list[Document]]) -> Future[list[DocumentExtraction]]:
            return pool.submit(extract_batch, recipe, batch)

        def result(future: Future[list[DocumentExtraction]]) -> list[DocumentExtraction]:
            return future.result()

        yield from _ordered(stream, submit, in_flight=2 * workers, result=result)


def _extract_on_dask(stream: Iterable[list[list[Document]]], *, recipe: BuilderRecipe, address: str,
                     workers: int) -> Iterator[DocumentExtraction]:
    try:
        import distributed
    except ImportError:
        raise ClusterError("--dask needs the 'distributed' package; install claimgraph[dask] "
                           "(pip install 'dask[distributed]')") from None
    dask_api: Any = distributed  # untyped package
    cluster: Any = None
    client: Any
    try:
        if address == "local":
            cluster = dask_api.LocalCluster(n_workers=max(workers, 2), threads_per_worker=1, processes=True,
                                            dashboard_address=None)
            client = dask_api.Client(cluster)
        else:
            client = dask_api.Client(address, timeout=os.environ.get("CLAIMGRAPH_DASK_TIMEOUT", "10s"))
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with "
                           "`dask scheduler` and pass its tcp://host:8786 address, or use --dask local") from None
    try:
        # The recipe travels once per worker as a scattered object, not once per batch.
        [recipe_future] = client.scatter([recipe], broadcast=True)
        slots = sum(client.nthreads().values()) or 1

        def submit(batch: list[list[Document]]) -> Any:
            return client.submit(extract_batch, recipe_future, batch, pure=False)

        def result(future: Any) -> list[DocumentExtraction]:
            try:
                value: list[DocumentExtraction] = future.result()
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"a Dask worker failed ({exc}); the build wrote nothing") from None
            return value

        yield from _ordered(stream, submit, in_flight=2 * slots, result=result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def input_size(paths: Iterable[str | Path]) -> int:
    """Total bytes of the document files under ``paths`` (a cheap stat, used to plan and for the ETA).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "a.txt").write_text("hello")
    >>> input_size([folder])
    5
    """
    from graph.documents import iter_files

    total = 0
    for path in iter_files(paths):
        try:
            total += path.stat().st_size
        except OSError:
            continue  # the reader reports it
    return total


__all__ = ["BuilderRecipe", "ClusterError", "Execution", "ExecutionError", "ExecutionMode", "ExecutionPlan",
           "batches", "cached_builder", "extract_batch", "extract_ordered", "group_parts", "input_size",
           "plan_execution"]
