"""Build to a file with bounded memory: each document's claim quads spill as sorted N-Quads blocks, read back in order.

A document's claims all sit in its own named graph, and the canonical order of :func:`graph.rdf.sort_quads`
sorts by graph first, so each document's claims form one contiguous block of the output. The block is built
and sorted where the document was extracted (a worker, or here for an in-process build) and arrives as N-Quads
bytes; past ``Settings.spill_claims`` claims the held blocks are appended to a temporary run file. At the end
the graph-wide quads (ontology, entities, document metadata, asserted triples, aggregates) are sorted and the
blocks are read back in graph order, so the file is byte-identical to an in-memory build whatever the number
of workers. What stays in memory is the entity table and, once spilling started, each claim without its
evidence sentence (the aggregates need every claim's triple, polarity, modality, confidence and document).

>>> from graph.build import Builder
>>> from graph.documents import read_text_document
>>> builder = Builder()
>>> assembler = StreamingAssembler(builder)
>>> assembler.add(builder.extract_parts(list(read_text_document("a.txt", "Google acquired DeepMind."))))
>>> quads = list(assembler.merged())
>>> assembler.stats.claims, len(quads) > 10
(1, True)
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.aggregate import aggregate_quads
from graph.atomic import atomic_path
from graph.build import Builder, BuildResult, BuildStats, DocumentExtraction, group_parts
from graph.claims import Claim
from graph.documents import Document, ReadProblem, read_documents
from graph.exceptions import StrictModeError
from graph.namespaces import prefixes
from graph.parallel import (
    BuilderRecipe,
    Execution,
    ExecutionPlan,
    extract_ordered,
    input_size,
    plan_execution,
)
from graph.rdf import DocumentInfo, ontology_quads, sort_quads
from graph.rdf_files import RdfFileFormat
from graph.resolve import EntityTable
from graph.settings import Settings


def quad_key(quad: ox.Quad) -> str:
    """The sort key of :func:`graph.rdf.sort_quads` for one quad (graph, subject, predicate, object).

    >>> a = ox.NamedNode("http://x/a")
    >>> quad_key(ox.Quad(a, a, a)) < quad_key(ox.Quad(a, a, ox.NamedNode("http://x/b")))
    True
    """
    return f"{quad.graph_name}\0{quad.subject}\0{quad.predicate}\0{quad.object}"


class BlockSpill:
    """Holds each document's claim block (sorted N-Quads bytes) up to a limit, then appends them to a run file.

    Only the graph name, run and position of each block stay in memory once spilled; at the end the blocks are
    read back in graph order, so no quad-by-quad merge is needed.
    """

    def __init__(self, directory: Path, *, limit_claims: int) -> None:
        self.directory = directory
        self.limit_claims = max(1, limit_claims)
        self.buffer: list[tuple[str, bytes]] = []
        self.buffered_claims = 0
        self.runs: list[Path] = []
        #: Spilled blocks: (graph as N-Triples, arrival number, run index, byte offset, byte length).
        self.index: list[tuple[str, int, int, int, int]] = []

    def add(self, graph: str, block: bytes, *, claims: int) -> None:
        """Keep one document's block (``graph`` is its named graph as N-Triples); spill past the limit."""
        if block:
            self.buffer.append((graph, block))
        self.buffered_claims += claims
        if self.buffered_claims >= self.limit_claims:
            self.flush()

    def flush(self) -> None:
        """Append the held blocks to a new run file."""
        if not self.buffer:
            return
        run = self.directory / f"run-{len(self.runs):05d}.nq"
        offset = 0
        with run.open("wb") as out:
            for graph, block in self.buffer:
                out.write(block)
                self.index.append((graph, len(self.index), len(self.runs), offset, len(block)))
                offset += len(block)
        self.runs.append(run)
        self.buffer, self.buffered_claims = [], 0

    @property
    def spilled(self) -> bool:
        return bool(self.runs)

    def merged(self, extra: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """Every quad held or spilled plus ``extra``, in the canonical order of :func:`sort_quads`, each once."""
        return itertools.chain.from_iterable(chunk for chunk, _ in self.chunks(extra))

    def chunks(self, extra: Iterable[ox.Quad]) -> Iterator[tuple[Iterable[ox.Quad], int]]:
        """:meth:`merged` as consecutive (quads, count) pieces, one per graph: the quads of a single block stay a
        pyoxigraph parser, so the serializer pulls them without a Python step per quad.

        Blocks of the same graph (a document id seen twice) are merged and their repeats dropped:

        >>> import tempfile
        >>> a, b, g = (ox.NamedNode(f"http://x/{name}") for name in "abg")
        >>> def block(*quads: ox.Quad) -> bytes:
        ...     return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)
        >>> spill = BlockSpill(Path(tempfile.mkdtemp()), limit_claims=1)
        >>> spill.add(str(g), block(ox.Quad(b, a, a, g)), claims=1)
        >>> spill.add(str(g), block(ox.Quad(a, a, a, g), ox.Quad(b, a, a, g)), claims=1)
        >>> [f"{q.subject.value[-1]} {q.graph_name}" for q in spill.merged([ox.Quad(a, b, b)])], len(spill.runs)
        (['a <http://x/g>', 'b <http://x/g>', 'a DEFAULT'], 2)
        """
        if self.runs:
            self.flush()
        held = {i: block for i, (_, block) in enumerate(self.buffer)}
        entries = self.index + [(graph, len(self.index) + i, -1, i, 0) for i, (graph, _) in enumerate(self.buffer)]
        # sort_quads orders by the graph's N-Triples string first, so each graph is one contiguous group.
        groups: dict[str, tuple[list[tuple[int, int, int, int]], list[ox.Quad]]] = {}
        for graph, seq, run, offset, length in entries:
            groups.setdefault(graph, ([], []))[0].append((seq, run, offset, length))
        for quad in extra:
            groups.setdefault(str(quad.graph_name), ([], []))[1].append(quad)
        files = [run.open("rb") for run in self.runs]

        def read(run: int, offset: int, length: int) -> bytes:
            if run < 0:
                return held[offset]  # still in memory: offset is its place in the buffer
            files[run].seek(offset)
            return files[run].read(length)

        try:
            for graph in sorted(groups, key=lambda g: f"{g}\0"):
                locations, quads = groups[graph]
                if len(locations) == 1 and not quads:
                    _, run, offset, length = locations[0]
                    block = read(run, offset, length)
                    # N-Quads escapes line breaks in literals, so each line is one quad.
                    yield ox.parse(block, format=ox.RdfFormat.N_QUADS), block.count(b"\n")
                    continue
                # Rare: a document id seen twice, or graph-wide quads in a document graph; sort the group whole.
                for _, run, offset, length in sorted(locations):
                    quads.extend(ox.parse(read(run, offset, length), format=ox.RdfFormat.N_QUADS))
                ordered = sort_quads(quads)
                yield ordered, len(ordered)
        finally:
            for file in files:
                file.close()


@dataclass(frozen=True, slots=True)
class BuildProgress:
    """A snapshot for progress displays; ``fraction`` is None when the total size is unknown."""

    documents: int
    chars: int
    claims: int
    seconds: float
    fraction: float | None

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else 0.0


ProgressHandler = Callable[[BuildProgress], None]


class StreamingAssembler:
    """:meth:`Builder.combine` + :meth:`Builder.assemble`, one document at a time, spilling to ``directory``."""

    def __init__(self, builder: Builder, *, directory: Path | None = None) -> None:
        self.builder = builder
        self.settings = builder.settings
        self.writer = builder.writer
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="claimgraph-spill-")
            directory = Path(self._tmp.name)
        self.spill = BlockSpill(directory, limit_claims=self.settings.spill_claims)
        self.table = EntityTable()
        self.infos: dict[str, DocumentInfo] = {}
        self.claims: list[Claim] = []
        self.stats = BuildStats()

    def add(self, extraction: DocumentExtraction) -> None:
        """Fold one document in: its entities into the table, its quads into the spill."""
        self.stats.parts += extraction.parts
        self.stats.chars += extraction.chars
        info = self.infos.setdefault(extraction.info.doc_id, extraction.info)
        self.table.merge(extraction.entities)
        was_spilled = self.spill.spilled
        for graph, block, claims in self._claim_blocks(extraction, info):
            self.spill.add(graph, block, claims=claims)
        if self.spill.spilled:
            # From the first spill on, the evidence sentences (most of a claim's size) are on disk already;
            # aggregates need only the rest of each claim.
            if not was_spilled:
                self.claims = [_slim(c) for c in self.claims]
            self.claims.extend(_slim(c) for c in extraction.claims)
        else:
            self.claims.extend(extraction.claims)

    def _claim_blocks(self, extraction: DocumentExtraction, info: DocumentInfo) -> list[tuple[str, bytes, int]]:
        """(graph, sorted N-Quads, claim count) per document graph; the worker's block when it is usable."""
        claims = extraction.claims
        doc_id = info.doc_id
        same_owner = info is extraction.info or (info.lang, info.date) == (extraction.info.lang, extraction.info.date)
        if extraction.claim_block is not None and same_owner and all(c.doc_id == doc_id for c in claims):
            return [(str(self.writer.doc_iri(doc_id)), extraction.claim_block, len(claims))]
        # No block (an in-process build), or a claim that takes another record's language or date, as
        # Builder.assemble does: make the blocks here, one per document graph.
        by_doc: dict[str, list[Claim]] = {}
        for claim in claims:
            by_doc.setdefault(claim.doc_id, []).append(claim)
        out = []
        for claim_doc, doc_claims in by_doc.items():
            owner = self.infos.get(claim_doc, info)
            block = self.writer.claim_block(doc_claims, lang=owner.lang, date=owner.date)
            out.append((str(self.writer.doc_iri(claim_doc)), block, len(doc_claims)))
        return out or [(str(self.writer.doc_iri(doc_id)), b"", 0)]

    def global_quads(self) -> list[ox.Quad]:
        """The quads that depend on the whole corpus: ontology, extractor, entities, asserted, aggregates."""
        quads: list[ox.Quad] = []
        quads.extend(ontology_quads(self.builder.schema))
        quads.extend(self.writer.extractor_quads())
        for info in self.infos.values():
            quads.extend(self.writer.document_quads(info))
        claims = self.claims
        used = {c.subject for c in claims} | {c.object for c in claims}
        used |= {c.attributed_to for c in claims if c.attributed_to}
        for iri, record in sorted(self.table.records.items()):
            if iri in used or (record.known and self.settings.keep_mentioned_known_entities):
                quads.extend(self.writer.entity_quads(record))
        quads.extend(self.writer.asserted_quads(claims))
        dates = {doc_id: info.date for doc_id, info in self.infos.items()}
        quads.extend(aggregate_quads(claims, self.writer, dates=dates))
        return quads

    def merged(self) -> Iterator[ox.Quad]:
        """Every quad of the graph in canonical order; fills in the counts of :attr:`stats`."""
        return itertools.chain.from_iterable(chunk for chunk, _ in self.merged_chunks())

    def merged_chunks(self) -> Iterator[tuple[Iterable[ox.Quad], int]]:
        """:meth:`merged` in (quads, count) pieces (see :meth:`BlockSpill.chunks`); fills in :attr:`stats`."""
        threshold = self.settings.assert_threshold
        globals_ = self.global_quads()
        self.stats.documents = len(self.infos)
        self.stats.claims = len(self.claims)
        self.stats.asserted = sum(1 for c in self.claims if c.is_asserted(threshold))
        self.stats.by_relation = Counter(c.relation for c in self.claims if c.is_asserted(threshold))
        self.stats.entities = len({q.subject for q in globals_ if q.predicate.value.endswith("#mentionCount")})
        return self.spill.chunks(globals_)

    def close(self) -> None:
        """Remove the run files."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def _slim(claim: Claim) -> Claim:
    return dataclasses.replace(claim, evidence="")


def write_quad_stream(quads: Iterable[ox.Quad], path: str | Path, *, fmt: RdfFileFormat,
                      base_iri: str = "https://w3id.org/claimgraph/", count: Callable[[], int] | None = None) -> int:
    """Serialise a canonically sorted stream atomically, like :func:`graph.rdf_files.write_rdf`; returns the count.

    Triple formats drop the graph names. A triple never repeats across graphs here (claim IRIs hash their
    document), so dropping adjacent repeats equals write_rdf's first-seen set without holding a set in memory.
    ``count``, from a caller that tracks how many quads the stream held, lets a graph-keeping format hand the
    stream to the serializer untouched (no Python step per quad).
    """
    if fmt.keeps_graphs and count is not None:
        with atomic_path(path) as tmp:
            kwargs = {"prefixes": prefixes(base_iri)} if fmt is RdfFileFormat.TRIG else {}
            ox.serialize(quads, output=str(tmp), format=fmt.oxigraph, **kwargs)  # type: ignore[arg-type]
        return count()
    written = 0
    keeps_graphs = fmt.keeps_graphs

    def counted() -> Iterator[ox.Quad | ox.Triple]:
        nonlocal written
        previous: ox.Triple | None = None
        for quad in quads:
            if keeps_graphs:
                written += 1
                yield quad
                continue
            triple = quad.triple
            if triple != previous:
                written += 1
                previous = triple
                yield triple

    with atomic_path(path) as tmp:
        kwargs = {"prefixes": prefixes(base_iri)} if fmt in (RdfFileFormat.TURTLE, RdfFileFormat.TRIG) else {}
        ox.serialize(counted(), output=str(tmp), format=fmt.oxigraph, **kwargs)  # type: ignore[arg-type]
    return written


def _utf8_size(parts: list[Document]) -> int:
    return sum(len(d.text.encode("utf-8", "surrogatepass")) for d in parts)


def build_file(paths: Iterable[str | Path], output: str | Path, *, fmt: RdfFileFormat | None = None,
               settings: Settings | None = None, extra_schemas: Iterable[str | Path] = (),
               extra_entities: Iterable[str | Path] = (), on_problem: Callable[[ReadProblem], None] | None = None,
               execution: Execution | None = None, on_progress: ProgressHandler | None = None) -> BuildResult:
    """Read, extract (in-process, in worker processes or on Dask), assemble with spilling, write atomically.

    ``result.quads`` holds the graph unless it spilled to disk (then it is empty and ``stats.quads`` counts
    what was written). In strict mode any reading problem fails before anything is written.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "a.txt").write_text("Google acquired DeepMind.")
    >>> result = build_file([folder], folder / "g.nq")
    >>> result.stats.claims, result.stats.execution
    (1, 'in-process')
    """
    settings = settings or Settings()
    paths = list(paths)
    fmt = fmt or RdfFileFormat.from_path(output)  # fail on a bad suffix before doing any work
    execution = execution or Execution()
    total_bytes = input_size(paths)  # also raises MissingPathError before anything is read
    plan: ExecutionPlan = plan_execution(execution, input_bytes=total_bytes, settings=settings)
    recipe = BuilderRecipe.load(settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
    builder = Builder(settings=settings, schema=recipe.schema)
    problems: list[ReadProblem] = []

    def collect(problem: ReadProblem) -> None:
        problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    started = time.perf_counter()
    read_bytes = 0

    def groups() -> Iterator[list[Document]]:
        nonlocal read_bytes
        for group in group_parts(read_documents(paths, on_problem=collect, max_chars=settings.max_chunk_chars)):
            if on_progress is not None:
                read_bytes += _utf8_size(group)
            yield group

    assembler = StreamingAssembler(builder)
    try:
        claims = 0
        extractions = extract_ordered(groups(), plan=plan, builder=builder, recipe=recipe)
        for documents, extraction in enumerate(extractions, start=1):
            assembler.add(extraction)
            claims += len(extraction.claims)
            if on_progress is not None:
                fraction = min(0.99, read_bytes / total_bytes) if total_bytes else None
                on_progress(BuildProgress(documents, assembler.stats.chars, claims,
                                          time.perf_counter() - started, fraction))
        if settings.strict and problems:
            raise StrictModeError(f"{len(problems)} reading problem(s) and --strict is set; nothing was written")
        sizes: list[int] = []

        def pieces() -> Iterator[Iterable[ox.Quad]]:
            for chunk, size in assembler.merged_chunks():
                sizes.append(size)
                yield chunk

        merged: Iterable[ox.Quad] = itertools.chain.from_iterable(pieces())
        quads: list[ox.Quad] = []
        if not assembler.spill.spilled:
            quads = list(merged)
            merged = quads
        count = write_quad_stream(merged, output, fmt=fmt, base_iri=settings.base_iri, count=lambda: sum(sizes))
    finally:
        with contextlib.suppress(OSError):
            assembler.close()
    stats = assembler.stats
    stats.seconds = time.perf_counter() - started
    stats.quads = count
    stats.execution = plan.describe()
    stats.spilled_runs = len(assembler.spill.runs)
    return BuildResult(quads, assembler.claims, list(assembler.infos.values()), assembler.table, problems, stats)


__all__ = ["BlockSpill", "BuildProgress", "ProgressHandler", "StreamingAssembler", "build_file", "quad_key",
           "write_quad_stream"]
