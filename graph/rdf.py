"""Claims, entities and documents → RDF quads (pyoxigraph terms), following the claim model in the README.

Each claim is a reified ``kg:Claim`` in the named graph of its document; entity descriptions, document metadata
and the asserted triples ``X p Y`` sit in the default graph. IRIs come from content hashes and normalised
names, so the same input always gives the same graph.

>>> literal("a\\x00b").value
'ab'
>>> iri_or_none("https://example.com/a b") is None, iri_or_none("https://example.com/a").value
(True, 'https://example.com/a')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox

from graph.claims import Claim
from graph.documents import Document
from graph.namespaces import DCTERMS, KG, OWL, PROV, RDF, RDFS, SKOS, XSD
from graph.resolve import EntityRecord
from graph.schema import Schema
from graph.settings import Settings

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DEFAULT = ox.DefaultGraph()


def literal(value: str, *, language: str | None = None, datatype: ox.NamedNode | None = None) -> ox.Literal:
    """A literal with characters no RDF syntax can carry removed."""
    text = _ILLEGAL.sub("", value)
    if language:
        return ox.Literal(text, language=language)
    if datatype is not None:
        return ox.Literal(text, datatype=datatype)
    return ox.Literal(text)


def iri_or_none(value: str | None) -> ox.NamedNode | None:
    """A NamedNode if ``value`` is a valid absolute IRI, else None (so a bad URL never breaks an output)."""
    if not value or any(ch in value for ch in ' <>"{}|\\^`') or _ILLEGAL.search(value):
        return None
    try:
        node = ox.NamedNode(value)
    except ValueError:
        return None
    return node if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) else None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the graph records about a source document (one per document, not per part)."""

    doc_id: str
    path: str
    title: str | None
    date: str | None
    url: str | None
    author: str | None
    lang: str
    content_hash: str

    @classmethod
    def of(cls, document: Document) -> DocumentInfo:
        return cls(document.doc_id, document.path, document.title, document.date, document.url,
                   document.author, document.lang, document.content_hash)


class _ClaimTerms:
    """The IRIs and literals every claim repeats, built once."""

    rdf_type, rdf_subject, rdf_predicate, rdf_object = RDF.type, RDF.subject, RDF.predicate, RDF.object
    claim, polarity, modality, confidence = KG.Claim, KG.polarity, KG.modality, KG.confidence
    positive, negative = KG.Positive, KG.Negative
    modalities: ClassVar[dict[str, ox.NamedNode]] = {"asserted": KG.Asserted, "hedged": KG.Hedged,
                                                     "planned": KG.Planned}
    argument_inferred, evidence, trigger_text = KG.argumentInferred, KG.evidence, KG.triggerText
    start_offset, end_offset = KG.startOffset, KG.endOffset
    attributed_to, attributed_to_name = KG.attributedTo, KG.attributedToName
    was_derived_from, was_generated_by, date = PROV.wasDerivedFrom, PROV.wasGeneratedBy, DCTERMS.date
    decimal, integer, xsd_date = XSD.decimal, XSD.integer, XSD.date
    true = ox.Literal("true", datatype=XSD.boolean)
    false = ox.Literal("false", datatype=XSD.boolean)


_C = _ClaimTerms


class GraphWriter:
    """Mints IRIs and turns the build's records into quads."""

    def __init__(self, schema: Schema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        base = settings.base_iri
        self.claim_base = f"{base}claim/"
        self.doc_base = f"{base}doc/"
        self.extractor = KG.term(settings.extractor_name)
        #: Every extractor name this build can produce (set by the Builder): their nodes are written whatever
        #: the claims used, so single-process, parallel and streamed builds write the same bytes.
        self.extractor_names: tuple[str, ...] = ()

    def doc_iri(self, doc_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.doc_base + doc_id)

    def relation_iri(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self.schema.relations[name].iri)

    def document_quads(self, info: DocumentInfo) -> list[ox.Quad]:
        """Metadata of one source document."""
        node = self.doc_iri(info.doc_id)
        quads = [
            ox.Quad(node, RDF.type, KG.Document, _DEFAULT),
            ox.Quad(node, RDF.type, PROV.Entity, _DEFAULT),
            ox.Quad(node, KG.sourcePath, literal(info.path), _DEFAULT),
            ox.Quad(node, KG.contentHash, literal(info.content_hash), _DEFAULT),
            ox.Quad(node, DCTERMS.language, literal(info.lang), _DEFAULT),
        ]
        if info.title:
            quads.append(ox.Quad(node, DCTERMS.title, literal(info.title, language=info.lang), _DEFAULT))
        if info.date:
            quads.append(ox.Quad(node, DCTERMS.created, literal(info.date, datatype=XSD.date), _DEFAULT))
        if info.author:
            quads.append(ox.Quad(node, DCTERMS.creator, literal(info.author), _DEFAULT))
        if info.url:
            url = iri_or_none(info.url)
            quads.append(ox.Quad(node, DCTERMS.source, url if url is not None else literal(info.url), _DEFAULT))
        return quads

    def entity_quads(self, record: EntityRecord) -> list[ox.Quad]:
        """Type, labels, aliases and Wikidata links of one entity."""
        node = ox.NamedNode(record.iri)
        quads = [ox.Quad(node, RDF.type, KG.term(record.type), _DEFAULT)]
        labels: set[str] = set()
        if record.known:
            for value, lang in ((record.label_en, "en"), (record.label_zh, "zh")):
                if value:
                    quads.append(ox.Quad(node, RDFS.label, literal(value, language=lang), _DEFAULT))
                    labels.add(value)
            if not labels:
                quads.append(ox.Quad(node, RDFS.label, literal(record.label), _DEFAULT))
                labels.add(record.label)
            for target in record.same_as:
                quads.append(ox.Quad(node, OWL.sameAs, ox.NamedNode(target), _DEFAULT))
        else:
            quads.append(ox.Quad(node, RDFS.label, literal(record.label), _DEFAULT))
            labels.add(record.label)
        for alias in sorted(set(record.aliases) | record.names):
            if alias not in labels:
                quads.append(ox.Quad(node, SKOS.altLabel, literal(alias), _DEFAULT))
        quads.append(ox.Quad(node, KG.mentionCount, ox.Literal(str(record.mention_count), datatype=XSD.integer),
                             _DEFAULT))
        quads.extend(self.resolution_quads(record))
        return quads

    def resolution_quads(self, record: EntityRecord, *, graph: ox.NamedNode | ox.DefaultGraph = _DEFAULT
                         ) -> list[ox.Quad]:
        """One ``kg:NameResolution`` per name of the entity: which rule gave the name this IRI, on what evidence.

        A user who disagrees reverses it with an override file (graph.overrides); the node IRI depends only on
        the entity and the name, so the same decision in two documents is one node.
        """
        quads = []
        entity = ox.NamedNode(record.iri)
        for name, (rule, evidence) in sorted(record.resolutions.items()):
            digest = hashlib.sha256(f"{record.iri}\x00{name}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
            node = ox.NamedNode(f"{self.settings.base_iri}resolution/{digest}")
            quads += [ox.Quad(node, RDF.type, KG.NameResolution, graph),
                      ox.Quad(node, KG.surfaceForm, literal(name), graph),
                      ox.Quad(node, KG.resolvedTo, entity, graph),
                      ox.Quad(node, KG.resolutionRule, literal(rule), graph),
                      ox.Quad(node, KG.resolutionEvidence, literal(evidence), graph)]
        return quads

    def claim_quads(self, claim: Claim, *, lang: str, date: str | None) -> list[ox.Quad]:
        """The reified claim, in its document's named graph."""
        graph = self.doc_iri(claim.doc_id)
        node = ox.NamedNode(self.claim_base + claim.claim_id)
        # The constant terms are made once per module (_C), not per claim: 15 NamedNode builds per claim
        # were ~10% of assembling the quads of a large build.
        quads: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
            (_C.rdf_type, _C.claim),
            (_C.rdf_subject, ox.NamedNode(claim.subject)),
            (_C.rdf_predicate, self.relation_iri(claim.relation)),
            (_C.rdf_object, ox.NamedNode(claim.object)),
            (_C.polarity, _C.positive if claim.polarity == "positive" else _C.negative),
            (_C.modality, _C.modalities[claim.modality]),
            (_C.confidence, ox.Literal(f"{claim.confidence:.3f}", datatype=_C.decimal)),
            (_C.argument_inferred, _C.true if claim.inferred else _C.false),
            (_C.evidence, literal(claim.evidence, language=lang)),
            (_C.start_offset, ox.Literal(str(claim.start), datatype=_C.integer)),
            (_C.end_offset, ox.Literal(str(claim.end), datatype=_C.integer)),
            (_C.trigger_text, literal(claim.trigger)),
            (_C.was_derived_from, graph),
            (_C.was_generated_by, self._extractor_node(claim.extractor)),
        ]
        if claim.attributed_to:
            quads.append((_C.attributed_to, ox.NamedNode(claim.attributed_to)))
        if claim.attributed_name:
            quads.append((_C.attributed_to_name, literal(claim.attributed_name)))
        if date:
            quads.append((_C.date, literal(date, datatype=_C.xsd_date)))
        return [ox.Quad(node, p, o, graph) for p, o in quads]

    def claim_block(self, claims: Iterable[Claim], *, lang: str, date: str | None) -> bytes:
        """One document's claim quads in canonical order, as N-Quads bytes (the unit workers hand back).

        Every quad of a document's claims sits in its named graph, and the canonical order sorts by graph
        first, so the block is contiguous in the final output. Building and sorting it in the worker takes
        that work off the driver, and bytes pickle where Quad objects may not.

        >>> from graph.schema import load_schema
        >>> from graph.build import run_build_texts
        >>> claims = run_build_texts(["Google acquired DeepMind."]).claims
        >>> writer = GraphWriter(load_schema(Settings()), Settings())
        >>> block = writer.claim_block(claims, lang="en", date=None)
        >>> quads = list(ox.parse(block, format=ox.RdfFormat.N_QUADS))
        >>> len(quads), {q.graph_name for q in quads} == {writer.doc_iri(claims[0].doc_id)}
        (14, True)
        >>> quads == sort_quads(quads)
        True
        """
        quads = [quad for claim in claims for quad in self.claim_quads(claim, lang=lang, date=date)]
        return ox.serialize(sort_quads(quads), format=ox.RdfFormat.N_QUADS) or b""

    def asserted_quads(self, claims: Iterable[Claim]) -> list[ox.Quad]:
        """``X p Y`` for every positive, asserted claim at or above the threshold."""
        seen = set()
        out = []
        for claim in claims:
            if claim.is_asserted(self.settings.assert_threshold):
                key = (claim.subject, claim.relation, claim.object)
                if key not in seen:
                    seen.add(key)
                    out.append(ox.Quad(ox.NamedNode(claim.subject), self.relation_iri(claim.relation),
                                       ox.NamedNode(claim.object), _DEFAULT))
        return out

    def _extractor_node(self, name: str) -> ox.NamedNode:
        # Claims carry their extractor (rules, model, hybrid); the rules' node is built once, others on demand.
        return self.extractor if name == self.settings.extractor_name else KG.term(name)

    def extractor_quads(self, names: Iterable[str] = ()) -> list[ox.Quad]:
        """A ``kg:Extractor`` node for the rules and for every other extractor name in ``names``."""
        from graph import __version__

        quads = []
        for name in sorted({self.settings.extractor_name, *self.extractor_names, *names}):
            node = self._extractor_node(name)
            kind, _, version = name.removeprefix("extractor-").partition("-")
            label = {"rules": f"claimgraph rule extractor {__version__}",
                     "model": f"claimgraph relation scorer, model version {version}",
                     "hybrid": f"claimgraph rules re-scored by the relation scorer, model version {version}",
                     }.get(kind, name)
            quads += [
                ox.Quad(node, RDF.type, KG.Extractor, _DEFAULT),
                ox.Quad(node, RDF.type, PROV.SoftwareAgent, _DEFAULT),
                ox.Quad(node, RDFS.label, literal(label, language="en"), _DEFAULT),
                ox.Quad(node, OWL.versionInfo, literal(version if kind != "rules" else __version__), _DEFAULT),
            ]
        return quads


def ontology_quads(schema: Schema) -> list[ox.Quad]:
    """The ontology itself, so every output is self-describing (relation labels, symmetry, alignments).

    >>> from graph.schema import load_schema
    >>> quads = ontology_quads(load_schema())
    >>> len(quads) > 100, quads == ontology_quads(load_schema())
    (True, True)
    """
    # Parsed once per file version: every build writes the ontology, and parsing it was a tenth of a small
    # build's time. The key has each file's mtime and size, so an edited ontology is read again.
    key = tuple((str(path), *_file_stamp(path)) for path in schema.ontology_files)
    cached = _ONTOLOGY_QUADS.get(key)
    if cached is None:
        cached = _ONTOLOGY_QUADS[key] = tuple(_parse_ontology(schema.ontology_files))
    return list(cached)


_ONTOLOGY_QUADS: dict[tuple[tuple[str, int, int], ...], tuple[ox.Quad, ...]] = {}


def _file_stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _parse_ontology(paths: Sequence[Path]) -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    # The parser gives blank nodes (owl:unionOf lists) random ids; renaming them in parse order keeps
    # rebuilds byte-identical.
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term: object) -> object:
        if isinstance(term, ox.BlankNode):
            if term not in names:
                names[term] = ox.BlankNode(f"ont{len(names)}")
            return names[term]
        return term

    for path in paths:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            quads.append(ox.Quad(stable(q.subject), q.predicate, stable(q.object), _DEFAULT))  # type: ignore[arg-type]
    return quads


def sort_quads(quads: Sequence[ox.Quad]) -> list[ox.Quad]:
    """A canonical order: identical input gives byte-identical output.

    >>> a, b = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")
    >>> [q.subject.value for q in sort_quads([ox.Quad(b, a, a), ox.Quad(a, b, a), ox.Quad(b, a, a)])]
    ['http://x/a', 'http://x/b']
    """
    # Ordered by (graph, subject, predicate, object) as N-Triples strings. One string joined with NUL sorts
    # exactly like that tuple (NUL sorts first and no N-Triples term contains it) but compares faster, and
    # graph/subject/predicate repeat across a claim's quads, so their strings are made once (~30% faster).
    strings: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph | ox.Triple, str] = {}

    def text(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | ox.Triple) -> str:
        found = strings.get(term)
        if found is None:
            found = strings[term] = str(term)
        return found

    return sorted(set(quads),
                  key=lambda q: f"{text(q.graph_name)}\0{text(q.subject)}\0{text(q.predicate)}\0{q.object}")
