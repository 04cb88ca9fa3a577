"""The whole flow, and the only module that knows it: documents → Doc → mentions → claims → RDF → file.

>>> result = run_build_texts(["Google acquired DeepMind in 2014."])
>>> [c.triple_names for c in result.claims]
[('Google', 'acquired', 'DeepMind')]
>>> g = to_rdflib(result.quads)
>>> len(g) > 10
True
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.aggregate import aggregate_quads
from graph.claims import Claim, ClaimExtractor, TopicEntity
from graph.documents import Document, ReadProblem, Severity, _make_documents, read_documents
from graph.hybrid import make_extractor
from graph.mentions import is_description, resolution_of
from graph.rdf import DocumentInfo, GraphWriter, ontology_quads, sort_quads
from graph.rdf_files import RdfFileFormat
from graph.resolve import EntityTable
from graph.schema import Schema, load_schema
from graph.settings import Settings

if TYPE_CHECKING:
    import rdflib

    from graph.parallel import Execution
    from graph.streaming import ProgressHandler


@dataclass(slots=True)
class BuildStats:
    """Counts and timing of one build, for the CLI summary and benchmarks."""

    documents: int = 0
    parts: int = 0
    chars: int = 0
    seconds: float = 0.0
    claims: int = 0
    asserted: int = 0
    entities: int = 0
    by_relation: Counter[str] = field(default_factory=Counter)
    #: Quads (triples for Turtle/N-Triples) written to the output file.
    quads: int = 0
    #: Where extraction ran ("in-process", "2 worker processes", "Dask cluster …"), for the summary.
    execution: str = "in-process"
    #: Sorted runs spilled to disk because the claims passed Settings.spill_claims (0: all in memory).
    spilled_runs: int = 0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class BuildResult:
    """Everything a build produced: the quads, and the records they were made from."""

    quads: list[ox.Quad]
    claims: list[Claim]
    documents: list[DocumentInfo]
    entities: EntityTable
    problems: list[ReadProblem]
    stats: BuildStats


@dataclass(slots=True)
class DocumentExtraction:
    """What one document contributes to the graph; plain data, so it crosses process boundaries."""

    info: DocumentInfo
    claims: list[Claim]
    entities: EntityTable
    chars: int
    parts: int
    #: The claims' quads as sorted N-Quads (:meth:`graph.rdf.GraphWriter.claim_block`), filled in by a worker
    #: so the driver neither builds nor sorts them; None means the driver makes it (same bytes either way).
    claim_block: bytes | None = None


def group_parts(documents: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive parts of one long document travel together (readers yield them in order)."""
    for _, parts in itertools.groupby(documents, key=lambda d: (d.doc_id, d.path)):
        yield list(parts)


class Builder:
    """Runs documents through the stages; keeps one extractor (and its matchers) for the whole build."""

    def __init__(self, *, settings: Settings | None = None, schema: Schema | None = None,
                 extra_schemas: Iterable[str | Path] = (), extra_entities: Iterable[str | Path] = ()) -> None:
        self.settings = settings or Settings()
        self.schema = schema or load_schema(self.settings, extra_schemas=extra_schemas,
                                            extra_entities=extra_entities)
        # Rules, or the rules re-scored by the relation scorer (graph.hybrid); the model loads only if used.
        self.extractor: ClaimExtractor = make_extractor(self.schema, settings=self.settings)
        self.writer = GraphWriter(self.schema, self.settings)
        self.writer.extractor_names = getattr(self.extractor, "extractor_names", ())

    def extract_parts(self, parts: Sequence[Document]) -> DocumentExtraction:
        """Everything one document yields (all its parts): claims, entity mentions, metadata.

        This is the unit of work that workers run in parallel and that a store keeps per document;
        the result is plain data and pickles.
        """
        first = parts[0]
        table = EntityTable()
        claims: list[Claim] = []
        topic: list[TopicEntity] | None = None
        chars = 0
        for document in parts:
            chars += len(document.text)
            doc = self.extractor.doc_for(document.text, lang=document.lang)
            if topic is None:
                topic = self.extractor.topic_of(document.title, doc, lang=document.lang)
            resolutions = resolution_of(doc)
            for ent in doc.ents:
                if is_description(ent.text):
                    continue  # "the company" points at an entity; it is not one of its names
                known = self.schema.entities.get(ent.kb_id_)
                table.add(ent.kb_id_, ent.text, ent.label_, doc_id=document.doc_id, known=known,
                          resolution=resolutions.get((ent.start_char, ent.end_char)))
            claims.extend(self.extractor.extract(doc, lang=document.lang, topic=topic,
                                                 doc_id=document.doc_id, offset=document.text_offset))
        for entity in topic or ():
            if entity.iri not in table.records:
                table.add(entity.iri, entity.name, entity.type, doc_id=first.doc_id,
                          known=self.schema.entities.get(entity.iri))
        return DocumentExtraction(DocumentInfo.of(first), claims, table, chars, len(parts))

    def process(self, documents: Iterable[Document]) -> BuildResult:
        """Extract from every document and assemble the graph."""
        started = time.perf_counter()
        return self.combine((self.extract_parts(parts) for parts in group_parts(documents)), started=started)

    def combine(self, extractions: Iterable[DocumentExtraction], *, started: float | None = None) -> BuildResult:
        """Merge per-document extractions (in document order) into one graph."""
        started = time.perf_counter() if started is None else started
        stats = BuildStats()
        table = EntityTable()
        claims: list[Claim] = []
        infos: dict[str, DocumentInfo] = {}
        for extraction in extractions:
            stats.parts += extraction.parts
            stats.chars += extraction.chars
            infos.setdefault(extraction.info.doc_id, extraction.info)
            table.merge(extraction.entities)
            claims.extend(extraction.claims)
        quads = self.assemble(claims, infos, table)
        stats.documents = len(infos)
        stats.claims = len(claims)
        stats.asserted = sum(1 for c in claims if c.is_asserted(self.settings.assert_threshold))
        stats.by_relation = Counter(c.relation for c in claims if c.is_asserted(self.settings.assert_threshold))
        stats.entities = len({q.subject for q in quads if q.predicate.value.endswith("#mentionCount")})
        stats.seconds = time.perf_counter() - started
        return BuildResult(quads, claims, list(infos.values()), table, [], stats)

    def assemble(self, claims: Sequence[Claim], infos: dict[str, DocumentInfo], table: EntityTable) -> list[ox.Quad]:
        """Quads for the claims, the entities they use (plus mentioned known ones), documents and ontology."""
        quads: list[ox.Quad] = []
        quads.extend(ontology_quads(self.schema))
        quads.extend(self.writer.extractor_quads({c.extractor for c in claims}))
        for info in infos.values():
            quads.extend(self.writer.document_quads(info))
        used = {c.subject for c in claims} | {c.object for c in claims}
        used |= {c.attributed_to for c in claims if c.attributed_to}
        for iri, record in sorted(table.records.items()):
            if iri in used or (record.known and self.settings.keep_mentioned_known_entities):
                quads.extend(self.writer.entity_quads(record))
        dates = {doc_id: info.date for doc_id, info in infos.items()}
        langs = {doc_id: info.lang for doc_id, info in infos.items()}
        for claim in claims:
            quads.extend(self.writer.claim_quads(claim, lang=langs.get(claim.doc_id, "en"),
                                                 date=dates.get(claim.doc_id)))
        quads.extend(self.writer.asserted_quads(claims))
        quads.extend(aggregate_quads(claims, self.writer, dates=dates))  # counts per triple, contradicts links
        return sort_quads(quads)


def run_build(paths: Iterable[str | Path], *, settings: Settings | None = None,
              extra_schemas: Iterable[str | Path] = (), extra_entities: Iterable[str | Path] = (),
              on_problem: Callable[[ReadProblem], None] | None = None) -> BuildResult:
    """Read every document under ``paths`` and build the graph; reading problems are collected, not raised.

    Missing paths raise :class:`graph.exceptions.MissingPathError` before anything is read.
    """
    settings = settings or Settings()
    builder = Builder(settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
    problems: list[ReadProblem] = []

    def collect(problem: ReadProblem) -> None:
        problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    documents = read_documents(list(paths), on_problem=collect, max_chars=settings.max_chunk_chars)
    result = builder.process(documents)
    result.problems = problems
    return result


def run_build_texts(texts: Iterable[str], *, settings: Settings | None = None, titles: Sequence[str | None] = (),
                    extra_schemas: Iterable[str | Path] = (), extra_entities: Iterable[str | Path] = ()) -> BuildResult:
    """Build from strings instead of files (each string one document)."""
    settings = settings or Settings()
    builder = Builder(settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)

    def documents() -> Iterable[Document]:
        for i, text in enumerate(texts):
            title = titles[i] if i < len(titles) else None
            yield from _make_documents(f"text-{i}", text, title=title, date=None,
                                       max_chars=settings.max_chunk_chars)

    return builder.process(documents())


def build_to_file(paths: Iterable[str | Path], output: str | Path, *, fmt: RdfFileFormat | None = None,
                  settings: Settings | None = None, extra_schemas: Iterable[str | Path] = (),
                  extra_entities: Iterable[str | Path] = (),
                  on_problem: Callable[[ReadProblem], None] | None = None,
                  execution: Execution | None = None, on_progress: ProgressHandler | None = None) -> BuildResult:
    """Build and write ``output`` atomically. In strict mode any reading problem fails before writing.

    ``execution`` runs extraction in worker processes or on Dask (same output); memory stays bounded because
    quads spill to disk past ``Settings.spill_claims`` (see :mod:`graph.streaming`).
    """
    from graph.streaming import build_file  # it builds on this module

    return build_file(paths, output, fmt=fmt, settings=settings, extra_schemas=extra_schemas,
                      extra_entities=extra_entities, on_problem=on_problem, execution=execution,
                      on_progress=on_progress)


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """An rdflib Graph of the quads' triples (graph names dropped) for users of the rdflib API."""
    import rdflib

    def term(node: object) -> rdflib.term.Node:
        if isinstance(node, ox.NamedNode):
            return rdflib.URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return rdflib.BNode(node.value)
        assert isinstance(node, ox.Literal)
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(node.datatype.value))

    graph = rdflib.Graph()
    from graph.namespaces import PREFIXES

    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for quad in quads:
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def build(paths: Iterable[str | Path], *, settings: Settings | None = None, extra_schemas: Iterable[str | Path] = (),
          extra_entities: Iterable[str | Path] = ()) -> rdflib.Graph:
    """Build the graph of the documents under ``paths`` and return it as an rdflib Graph."""
    result = run_build(paths, settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
    return to_rdflib(result.quads)


def extract(text: str, *, lang: str | None = None, title: str | None = None, settings: Settings | None = None,
            extra_schemas: Iterable[str | Path] = (), extra_entities: Iterable[str | Path] = ()) -> list[Claim]:
    """Claims in one text.

    >>> [c.triple_names for c in extract("据报道,苹果公司计划收购 Mistral AI。")]
    [('苹果公司', 'acquired', 'Mistral AI')]
    >>> extract("据报道,苹果公司计划收购 Mistral AI。")[0].modality
    'hedged'
    """
    builder = Builder(settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
    return builder.extractor.extract_text(text, lang=lang, title=title)


__all__ = [
    "BuildResult",
    "BuildStats",
    "Builder",
    "Severity",
    "build",
    "build_to_file",
    "extract",
    "run_build",
    "run_build_texts",
    "to_rdflib",
]
