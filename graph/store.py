"""A persistent graph (a pyoxigraph RocksDB store) that grows document by document.

Each source document lives in its own named graph ``doc:<id>``: its metadata, its claims and one *mention
record* per entity it mentions (``kg:mentionOf``, ``kg:mentionTimes``, ``kg:mentionName``…, the bookkeeping that
lets entity names and counts be recomputed without re-reading the text). The default graph holds what is derived
from all documents together: the ontology, the extractor node, entities (type, labels, ``skos:altLabel``,
``kg:mentionCount``), the asserted triples ``X p Y``, one ``kg:Aggregate`` per asserted triple and the
``kg:contradicts`` links (the same shapes a file build writes, see :mod:`graph.aggregate`).

Adding, replacing or removing a document recomputes the derived data only for the (subject, relation, object)
keys and the entities that document touched, with SPARQL over the whole store (values bound as parameters).

Crash safety: a document's named graph, metadata included, is written with one transactional ``Store.extend``;
the presence of its ``kg:contentHash`` in its own graph is its "done" marker. Before changing anything a run sets
``kg:storeDirty`` on the store node and clears it after the derived data is recomputed; a run that finds the flag
set (an earlier run was killed) recomputes all derived data from the claims in the store. So a killed build,
re-run, loses no claim and duplicates none.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "kg-store"
>>> report = build_texts_into_store(["Google acquired DeepMind."], folder)
>>> (report.added, report.skipped)
(1, 0)
>>> build_texts_into_store(["Google acquired DeepMind."], folder).skipped
1
>>> with open_read_only(folder) as store:
...     len(list(store.quads_for_pattern(None, KG.acquired, None, ox.DefaultGraph())))
1
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyoxigraph as ox

from graph.aggregate import EXCLUSIVE_RELATIONS, aggregate, aggregate_iri, contradictions_of, vocabulary_quads
from graph.build import Builder, DocumentExtraction, group_parts
from graph.claims import Claim, Modality
from graph.documents import Document, ReadProblem, _make_documents, read_documents
from graph.exceptions import ClaimgraphError
from graph.namespaces import DCTERMS, KG, OWL, RDF, RDFS, SKOS, XSD
from graph.rdf import literal, ontology_quads
from graph.remote_store import RemoteStore, RemoteStoreError, is_remote
from graph.resolve import EntityRecord
from graph.settings import Settings

if TYPE_CHECKING:
    import rdflib

#: Written into a folder when claimgraph creates a store there; a folder without it is not ours.
MARKER_FILE: Final = "claimgraph-store.json"
STORE_FORMAT: Final = 1
_DEFAULT = ox.DefaultGraph()
_MODALITIES: Final[dict[str, Modality]] = {KG.Asserted.value: "asserted", KG.Hedged.value: "hedged",
                                           KG.Planned.value: "planned"}
_TRUE = ox.Literal("true", datatype=XSD.boolean)
#: Properties of an entity's description in the default graph (recomputed from mention records).
_ENTITY_PROPERTIES = (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, KG.mentionCount)

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kg: <https://w3id.org/claimgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_DOCUMENTS = _PREFIXES + "SELECT ?g ?path ?hash WHERE { GRAPH ?g { ?g kg:sourcePath ?path ; kg:contentHash ?hash } }"
_AT_PATH = _PREFIXES + "SELECT ?g ?path WHERE { GRAPH ?g { ?g kg:sourcePath ?path . ?g kg:contentHash ?hash } }"
# The bound variables' patterns come first: the planner keeps the written order for substituted variables, and
# starting from ``?c rdf:subject <s>`` is an index lookup where ``?c a kg:Claim`` is a scan of all claims.
_CLAIM_VALUES = """ ?c kg:polarity ?polarity ; kg:modality ?modality ; kg:confidence ?confidence ;
             kg:startOffset ?start ; kg:endOffset ?end ; kg:triggerText ?trigger . OPTIONAL { ?c dcterms:date ?date } } }"""
_CLAIMS_HEAD = "SELECT ?c ?g ?s ?p ?o ?polarity ?modality ?confidence ?start ?end ?trigger ?date WHERE { GRAPH ?g { "
#: Claims by (subject, object), by document graph, or all (nothing bound).
_CLAIMS = _PREFIXES + _CLAIMS_HEAD + "?c rdf:subject ?s . ?c rdf:object ?o . ?c rdf:predicate ?p ." + _CLAIM_VALUES
#: Claims by (relation, object): mutually exclusive relations about one product.
_CLAIMS_BY_OBJECT = (_PREFIXES + _CLAIMS_HEAD + "?c rdf:object ?o . ?c rdf:predicate ?p . ?c rdf:subject ?s ."
                     + _CLAIM_VALUES)
_MENTIONS = _PREFIXES + """SELECT ?path ?g ?e ?type ?label ?times ?name WHERE {
  GRAPH ?g { ?m kg:mentionOf ?e ; kg:mentionType ?type ; kg:mentionLabel ?label ; kg:mentionTimes ?times ;
             kg:mentionName ?name . ?g kg:sourcePath ?path } } ORDER BY ?path ?g"""
# Three ASKs, not one UNION: a UNION answered "no" scans every claim; each of these is one index lookup.
# In document graphs only claims have rdf:subject/rdf:object/kg:attributedTo.
_USED = tuple(_PREFIXES + f"ASK {{ GRAPH ?g {{ ?c {p} ?e }} }}" for p in ("rdf:subject", "rdf:object", "kg:attributedTo"))
_ATTRIBUTED = _PREFIXES + "SELECT ?g ?e WHERE { GRAPH ?g { ?c kg:attributedTo ?e } }"
_ALL_MENTIONED = _PREFIXES + "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?m kg:mentionOf ?e } }"


def _value(term: object) -> str:
    """The IRI or lexical form of a term (the store only holds named nodes and literals where this is used)."""
    assert isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode), term
    return term.value


def _select(store: ox.Store | RemoteStore, sparql: str,
            bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> list[dict[str, str]]:
    """Rows of a SELECT as plain strings; ``bindings`` are bound as parameters, never pasted into the query."""
    if isinstance(store, RemoteStore):
        return store.select(sparql, bindings)
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): value for name, value in (bindings or {}).items()}
    solutions = store.query(sparql, substitutions=substitutions)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{name: _value(row[name]) for name in names if row[name] is not None} for row in solutions]


def _ask(store: ox.Store | RemoteStore, sparql: str, bindings: Mapping[str, ox.NamedNode]) -> bool:
    if isinstance(store, RemoteStore):
        return store.ask(sparql, bindings)
    return bool(store.query(sparql, substitutions={ox.Variable(k): v for k, v in bindings.items()}))


class StoreError(ClaimgraphError, OSError):
    """A store folder that cannot be used: not ours, locked by another process, or a document not in it."""


@dataclass(slots=True)
class StoreReport:
    """What one build or remove did to the store."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    removed: int = 0
    claims: int = 0
    full_recompute: bool = False
    seconds: float = 0.0
    problems: list[ReadProblem] = field(default_factory=list)

    def render(self) -> str:
        """One line for the CLI.

        >>> StoreReport(added=2, skipped=3).render()
        'documents processed 2 (new 2, replaced 0), unchanged skipped 3, removed 0; claims written 0'
        """
        processed = self.added + self.replaced
        line = (f"documents processed {processed} (new {self.added}, replaced {self.replaced}), unchanged skipped "
                f"{self.skipped}, removed {self.removed}; claims written {self.claims}")
        if self.full_recompute:
            line += "; an interrupted earlier run was completed (all derived data recomputed)"
        return line


def store_node(settings: Settings) -> ox.NamedNode:
    """The node that marks a store as claimgraph's and carries its state (format, threshold, dirty flag).

    >>> store_node(Settings()).value
    'https://w3id.org/claimgraph/store'
    """
    return ox.NamedNode(f"{settings.base_iri}store")


def _check_folder(directory: Path, *, create: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory}: is a file, not a store folder; give a folder path for --store")
    if (directory / MARKER_FILE).is_file():
        return
    if directory.is_dir() and any(directory.iterdir()):
        raise StoreError(f"{directory}: not a claimgraph store (no {MARKER_FILE}); left untouched. Give an empty "
                         "or new folder, or a folder an earlier `kg build --store` created")
    if not create:
        raise StoreError(f"{directory}: no store here; create one with `kg build PATH... --store {directory}`")


def _open_error(directory: Path, exc: OSError) -> StoreError:
    if "lock" in str(exc).lower():
        return StoreError(f"{directory}: the store is in use by another process (it holds the RocksDB lock); "
                          "wait for that build to finish, or open it read-only (kg query/stats/export --store)")
    return StoreError(f"{directory}: cannot open the store ({exc})")


@contextlib.contextmanager
def open_writable(directory: str | Path, *, create: bool = True) -> Iterator[ox.Store]:
    """Open (or create) the store in ``directory`` for writing; refuses a folder that is not ours.

    >>> import tempfile
    >>> stranger = Path(tempfile.mkdtemp()); _ = (stranger / "notes.txt").write_text("mine")
    >>> with open_writable(stranger): pass
    Traceback (most recent call last):
    ...
    graph.store.StoreError: ...: not a claimgraph store (no claimgraph-store.json); left untouched. ...
    """
    directory = Path(directory)
    _check_folder(directory, create=create)
    if not (directory / MARKER_FILE).is_file():
        from graph.atomic import atomic_path

        directory.mkdir(parents=True, exist_ok=True)
        with atomic_path(directory / MARKER_FILE) as tmp:  # first, so a half-created store is still ours
            tmp.write_text(json.dumps({"claimgraph_store": STORE_FORMAT}) + "\n", encoding="utf-8")
    try:
        store = ox.Store(str(directory))
    except OSError as exc:
        raise _open_error(directory, exc) from None
    try:
        yield store
        store.flush()
    finally:
        del store


@contextlib.contextmanager
def open_read_only(directory: str | Path) -> Iterator[ox.Store]:
    """Open the store in ``directory`` read-only (works while a build holds the write lock)."""
    directory = Path(directory)
    _check_folder(directory, create=False)
    try:
        store = ox.Store.read_only(str(directory))
    except OSError as exc:
        raise _open_error(directory, exc) from None
    yield store


def open_rdflib(directory: str | Path) -> rdflib.Dataset:
    """An rdflib Dataset (default graph = union of all graphs) over the store itself, through oxrdflib; no copy.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "s"
    >>> _ = build_texts_into_store(["Google acquired DeepMind."], folder)
    >>> dataset = open_rdflib(folder)
    >>> bool(dataset.query("ASK { ?s <https://w3id.org/claimgraph/ontology#acquired> ?o }").askAnswer)
    True
    """
    import rdflib
    from oxrdflib import OxigraphStore

    directory = Path(directory)
    _check_folder(directory, create=False)
    try:
        inner = ox.Store.read_only(str(directory))
    except OSError as exc:
        raise _open_error(directory, exc) from None
    return rdflib.Dataset(store=OxigraphStore(store=inner), default_union=True)


@dataclass(frozen=True, slots=True)
class _StoredClaim(Claim):
    """A claim read back from the store; its IRI is kept as stored rather than re-hashed."""

    stored_id: str = ""

    @property
    def claim_id(self) -> str:
        return self.stored_id


def _mention_node(doc_iri: ox.NamedNode, entity: str) -> ox.NamedNode:
    digest = hashlib.sha256(entity.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return ox.NamedNode(f"{doc_iri.value}/mention/{digest}")


class GraphStore:
    """The operations on an open store; one builder's schema and settings decide IRIs and the threshold."""

    def __init__(self, store: ox.Store | RemoteStore, builder: Builder) -> None:
        self.store = store
        self.builder = builder
        self.writer = builder.writer
        self.settings = builder.settings
        self.node = store_node(self.settings)
        self.relation_names = {spec.iri: name for name, spec in builder.schema.relations.items()}
        # Keys (subject, relation name, object) and entity IRIs whose derived data must be recomputed.
        self.keys: set[tuple[str, str, str]] = set()
        self.entities: set[str] = set()
        self.gone_claims: set[str] = set()
        self.extractor_names: set[str] = set()
        self.full = False

    # -- state ---------------------------------------------------------------------------------------------------

    def begin(self) -> None:
        """Mark the store dirty before any change; an earlier interrupted run or new threshold → full recompute."""
        threshold = ox.Literal(str(self.settings.assert_threshold), datatype=XSD.decimal)
        if ox.Quad(self.node, KG.storeDirty, _TRUE, _DEFAULT) in self.store:
            self.full = True
        recorded = list(self.store.quads_for_pattern(self.node, KG.assertThreshold, None, _DEFAULT))
        if recorded and recorded[0].object != threshold:
            self.full = True
        for quad in recorded:
            self.store.remove(quad)
        self.store.extend([
            ox.Quad(self.node, RDF.type, KG.Store, _DEFAULT),
            ox.Quad(self.node, KG.storeFormat, ox.Literal(str(STORE_FORMAT), datatype=XSD.integer), _DEFAULT),
            ox.Quad(self.node, KG.assertThreshold, threshold, _DEFAULT),
            ox.Quad(self.node, KG.storeDirty, _TRUE, _DEFAULT),
        ])

    def finish(self) -> None:
        """Recompute what the changes touched (or everything after an interrupted run), then clear the flag."""
        schema_quads = [*ontology_quads(self.builder.schema), *vocabulary_quads(),
                        *self.writer.extractor_quads(self.extractor_names)]
        if isinstance(self.store, RemoteStore) and ox.Quad(KG.Claim, RDF.type, OWL.Class, _DEFAULT) in self.store:
            # A server gives each request's blank nodes (the ontology's owl:unionOf lists) fresh identities,
            # so the ontology is sent once, not on every run.
            schema_quads = [q for q in schema_quads if not isinstance(q.subject, ox.BlankNode)
                            and not isinstance(q.object, ox.BlankNode)]
        self.store.extend(schema_quads)
        if self.full:
            self._recompute_all()
        else:
            self._recompute(self.keys, self.entities, self.gone_claims)
        self.store.remove(ox.Quad(self.node, KG.storeDirty, _TRUE, _DEFAULT))
        self.keys.clear()
        self.entities.clear()
        self.gone_claims.clear()

    def is_stored(self, doc_iri: str) -> bool:
        """Whether a document is complete in the store (its done marker, ``kg:contentHash``, is in its graph)."""
        node = ox.NamedNode(doc_iri)
        return any(True for _ in self.store.quads_for_pattern(node, KG.contentHash, None, node))

    def documents_at(self, path: str) -> list[str]:
        """The documents built from ``path`` (one, or none; an index lookup, not a scan of all documents)."""
        return sorted(row["g"] for row in _select(self.store, _AT_PATH, {"path": ox.Literal(path)}))

    def documents(self) -> dict[str, tuple[str, str]]:
        """Every complete document in the store: doc IRI → (source path, content hash)."""
        out = {}
        for row in _select(self.store, _DOCUMENTS):
            out[row["g"]] = (row["path"], row["hash"])
        return out

    # -- writing documents ---------------------------------------------------------------------------------------

    def document_quads(self, extraction: DocumentExtraction) -> list[ox.Quad]:
        """A document's whole named graph: metadata (its done marker), claims and mention records."""
        info = extraction.info
        graph = self.writer.doc_iri(info.doc_id)
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in self.writer.document_quads(info)]
        for claim in extraction.claims:
            quads.extend(self.writer.claim_quads(claim, lang=info.lang, date=info.date))
        for iri, record in sorted(extraction.entities.records.items()):
            node = _mention_node(graph, iri)
            quads += [ox.Quad(node, KG.mentionOf, ox.NamedNode(iri), graph),
                      ox.Quad(node, KG.mentionType, literal(record.type), graph),
                      ox.Quad(node, KG.mentionLabel, literal(record.label), graph),
                      ox.Quad(node, KG.mentionTimes, ox.Literal(str(record.mention_count), datatype=XSD.integer),
                              graph)]
            quads += [ox.Quad(node, KG.mentionName, literal(name), graph) for name in sorted(record.names)]
            # Why each name got this IRI, kept with the document that made the decision.
            quads += self.writer.resolution_quads(record, graph=graph)
        return quads

    def add(self, extraction: DocumentExtraction) -> None:
        """Write one document's named graph in one transaction and note what it touches."""
        graph = self.writer.doc_iri(extraction.info.doc_id)
        if not isinstance(self.store, RemoteStore):  # a server's PUT replaces the graph anyway
            self.store.remove_graph(graph)  # leftovers of a killed non-transactional removal, if any
        self.store.extend(self.document_quads(extraction))
        for claim in extraction.claims:
            self.extractor_names.add(claim.extractor)
            self.keys.add((claim.subject, claim.relation, claim.object))
            self.entities.update(e for e in (claim.subject, claim.object, claim.attributed_to) if e)
        self.entities.update(extraction.entities.records)

    def remove(self, doc_iri: str) -> None:
        """Drop a document's named graph, noting the keys and entities it touched first."""
        graph = ox.NamedNode(doc_iri)
        for claim in self._claims({"g": graph}):
            self.keys.add((claim.subject, claim.relation, claim.object))
            self.entities.update((claim.subject, claim.object))
            self.gone_claims.add(claim.claim_id)
        for row in _select(self.store, _ATTRIBUTED, {"g": graph}):
            self.entities.add(row["e"])
        for quad in self.store.quads_for_pattern(None, KG.mentionOf, None, graph):
            self.entities.add(_value(quad.object))
        self.store.remove_graph(graph)

    # -- derived data --------------------------------------------------------------------------------------------

    def _claims(self, bindings: Mapping[str, ox.NamedNode], *, by_object: bool = False) -> list[Claim]:
        out: list[Claim] = []
        for row in _select(self.store, _CLAIMS_BY_OBJECT if by_object else _CLAIMS, bindings):
            relation = self.relation_names.get(row["p"])
            if relation is None:
                continue  # a relation of an ontology this run does not load; it cannot be written back
            modality = _MODALITIES[row["modality"]]
            out.append(_StoredClaim(
                row["g"].removeprefix(self.writer.doc_base), relation, row["s"], "", "", row["o"], "", "",
                "positive" if row["polarity"] == KG.Positive.value else "negative", modality,
                float(row["confidence"]), False, "", int(row["start"]), int(row["end"]), row["trigger"],
                stored_id=row["c"].removeprefix(self.writer.claim_base),
            ))
        return out

    def _dates(self, claims: Iterable[Claim]) -> dict[str, str | None]:
        dates: dict[str, str | None] = {}
        for claim in claims:
            if claim.doc_id not in dates:
                found = list(self.store.quads_for_pattern(self.writer.doc_iri(claim.doc_id), DCTERMS.created, None,
                                                          self.writer.doc_iri(claim.doc_id)))
                dates[claim.doc_id] = _value(found[0].object) if found else None
        return dates

    def _recompute(self, keys: set[tuple[str, str, str]], entities: set[str], gone_claims: set[str]) -> None:
        # Every claim that can share an aggregate or a contradiction with a touched key: the same pair of
        # entities (either direction) and, for mutually exclusive relations, the same object.
        pairs = {(s, o) for s, _, o in keys} | {(o, s) for s, _, o in keys}
        claims: dict[str, Claim] = {}
        for subject, obj in sorted(pairs):
            for claim in self._claims({"s": ox.NamedNode(subject), "o": ox.NamedNode(obj)}):
                claims[claim.claim_id] = claim
        exclusive = {name for pair in EXCLUSIVE_RELATIONS for name in pair}
        for name in sorted(exclusive & set(self.builder.schema.relations)):
            for entity in sorted({s for s, _, _ in keys} | {o for _, _, o in keys}):
                for claim in self._claims({"p": self.writer.relation_iri(name), "o": ox.NamedNode(entity)},
                                          by_object=True):
                    claims[claim.claim_id] = claim
        self._write_derived(keys, list(claims.values()), touched_claims=set(claims) | gone_claims)
        self._write_entities(entities)

    def _recompute_all(self) -> None:
        claims = self._claims({})
        removals = [q for q in self.store.quads_for_pattern(None, KG.contradicts, None, _DEFAULT)]
        removals += [q for q in self.store.quads_for_pattern(None, RDF.type, KG.Aggregate, _DEFAULT)]
        keys = {(c.subject, c.relation, c.object) for c in claims}
        relation_iris = {ox.NamedNode(iri) for iri in self.relation_names}
        for quad in self.store.quads_for_pattern(None, None, None, _DEFAULT):
            if quad.predicate in relation_iris and isinstance(quad.subject, ox.NamedNode) \
                    and isinstance(quad.object, ox.NamedNode):
                keys.add((quad.subject.value, self.relation_names[quad.predicate.value], quad.object.value))
        for quad in removals:
            self.store.remove(quad)
        self._write_derived(keys, claims, touched_claims=set())
        entities = {row["e"] for row in _select(self.store, _ALL_MENTIONED)}
        entities |= {_value(q.subject) for q in self.store.quads_for_pattern(None, KG.mentionCount, None, _DEFAULT)}
        used = {c.subject for c in claims} | {c.object for c in claims}
        used |= {row["e"] for row in _select(self.store, _ATTRIBUTED)}
        self._write_entities(entities, used_by_claims=used)

    def _write_derived(self, keys: set[tuple[str, str, str]], claims: Sequence[Claim], *,
                       touched_claims: set[str]) -> None:
        base = self.settings.base_iri
        threshold = self.settings.assert_threshold
        found = {(a.subject, a.relation, a.object): a for a in aggregate(claims, threshold=threshold)}
        old: list[ox.Quad] = []
        new: list[ox.Quad] = []
        for subject, relation, obj in sorted(keys):
            if relation not in self.builder.schema.relations:
                continue
            s, p, o = ox.NamedNode(subject), self.writer.relation_iri(relation), ox.NamedNode(obj)
            node = aggregate_iri(subject, relation, obj, base_iri=base)
            old.append(ox.Quad(s, p, o, _DEFAULT))
            old.extend(self.store.quads_for_pattern(node, None, None, _DEFAULT))
            result = found.get((subject, relation, obj))
            if result is None:
                continue
            new += [ox.Quad(s, p, o, _DEFAULT),
                    ox.Quad(node, RDF.type, KG.Aggregate, _DEFAULT),
                    ox.Quad(node, RDF.subject, s, _DEFAULT),
                    ox.Quad(node, RDF.predicate, p, _DEFAULT),
                    ox.Quad(node, RDF.object, o, _DEFAULT),
                    ox.Quad(node, KG.claimCount, ox.Literal(str(result.claim_count), datatype=XSD.integer), _DEFAULT),
                    ox.Quad(node, KG.sourceCount, ox.Literal(str(result.source_count), datatype=XSD.integer),
                            _DEFAULT),
                    ox.Quad(node, KG.combinedConfidence,
                            ox.Literal(f"{result.combined_confidence:.3f}", datatype=XSD.decimal), _DEFAULT)]
        for claim_id in sorted(touched_claims):
            node = ox.NamedNode(self.writer.claim_base + claim_id)
            old.extend(self.store.quads_for_pattern(node, KG.contradicts, None, _DEFAULT))
            old.extend(self.store.quads_for_pattern(None, KG.contradicts, node, _DEFAULT))
        for contradiction in contradictions_of(claims, self.writer, dates=self._dates(claims)):
            first = ox.NamedNode(self.writer.claim_base + contradiction.first.claim_id)
            second = ox.NamedNode(self.writer.claim_base + contradiction.second.claim_id)
            new += [ox.Quad(first, KG.contradicts, second, _DEFAULT), ox.Quad(second, KG.contradicts, first, _DEFAULT)]
        self._swap(old, new)

    def _swap(self, old: Iterable[ox.Quad], new: Sequence[ox.Quad]) -> None:
        if isinstance(self.store, RemoteStore):
            self.store.swap(old, new)
            return
        keep = set(new)
        for quad in set(old) - keep:
            self.store.remove(quad)
        self.store.extend(new)

    def _write_entities(self, entities: set[str], *, used_by_claims: set[str] | None = None) -> None:
        """Swap the descriptions of ``entities`` for ones recomputed from their mention records.

        ``used_by_claims`` (every entity a claim names) is given by a full recompute, which then reads all
        mention records in one query instead of one query per entity.
        """
        if not entities:
            return
        records = self._entity_records(entities, everything=used_by_claims is not None)
        old: list[ox.Quad] = []
        new: list[ox.Quad] = []
        for iri in sorted(entities):
            node = ox.NamedNode(iri)
            for prop in _ENTITY_PROPERTIES:
                old.extend(self.store.quads_for_pattern(node, prop, None, _DEFAULT))
            record = records.get(iri)
            if record is None:
                continue  # nobody mentions it any more
            if used_by_claims is not None:
                used = iri in used_by_claims
            else:
                used = any(_ask(self.store, sparql, {"e": node}) for sparql in _USED)
            if used or (record.known and self.settings.keep_mentioned_known_entities):
                new.extend(self.writer.entity_quads(record))
        self._swap(old, new)

    def _entity_records(self, entities: set[str], *, everything: bool = False) -> dict[str, EntityRecord]:
        # Mention records merge in document order (source path, then IRI), as EntityTable.merge does for a
        # file build: the first document's label and most specific type win.
        per_doc: dict[str, dict[str, EntityRecord]] = defaultdict(dict)
        order: dict[str, list[str]] = defaultdict(list)
        if everything:
            rows: Iterable[dict[str, str]] = _select(self.store, _MENTIONS)
        else:
            rows = (row for iri in sorted(entities) for row in _select(self.store, _MENTIONS, {"e": ox.NamedNode(iri)}))
        for row in rows:
            iri = row["e"]
            if iri not in entities:
                continue
            doc = row["g"]
            record = per_doc[iri].get(doc)
            if record is None:
                record = EntityRecord(iri=iri, type=row["type"], label=row["label"], known=False,
                                      names=set(), mention_count=int(row["times"]), documents={doc})
                per_doc[iri][doc] = record
                order[iri].append(doc)
            record.names.add(row["name"])
        out: dict[str, EntityRecord] = {}
        for iri, docs in order.items():
            known = self.builder.schema.entities.get(iri)
            merged: EntityRecord | None = None
            for doc in docs:
                record = per_doc[iri][doc]
                if merged is None:
                    merged = record
                    if known is not None:
                        merged.known, merged.rule, merged.type, merged.label = True, "known-alias", known.type, \
                            known.label
                        merged.label_en, merged.label_zh = known.label_en, known.label_zh
                        merged.aliases, merged.same_as = known.aliases, known.same_as
                    continue
                merged.names |= record.names
                merged.mention_count += record.mention_count
                if not merged.known and merged.type == "Entity":
                    merged.type = record.type
            if merged is not None:
                out[iri] = merged
        return out


@contextlib.contextmanager
def _open_for_writing(location: str | Path, *, create: bool = True) -> Iterator[ox.Store | RemoteStore]:
    if is_remote(location):
        yield RemoteStore(str(location))
        return
    with open_writable(location, create=create) as store:
        yield store


@contextlib.contextmanager
def _open_for_reading(location: str | Path) -> Iterator[ox.Store | RemoteStore]:
    if is_remote(location):
        yield RemoteStore(str(location))
        return
    with open_read_only(location) as store:
        yield store


def _resolve_document(documents: dict[str, tuple[str, str]], name: str, doc_base: str) -> list[str]:
    wanted = {name, str(Path(name)), Path(name).as_posix()}
    found = [iri for iri, (path, _) in documents.items()
             if iri in wanted or iri.removeprefix(doc_base) in wanted or path in wanted]
    return sorted(found)


def build_documents_into_store(documents: Iterable[Document], directory: str | Path, *, builder: Builder,
                               on_document: Callable[[str], None] | None = None) -> StoreReport:
    """Add ``documents`` to the store: unchanged ones are skipped, a changed one replaces its old version.

    ``on_document`` is called with each document's IRI after its named graph is committed (tests use it).
    """
    started = time.perf_counter()
    report = StoreReport()
    with _open_for_writing(directory) as store:
        graph_store = GraphStore(store, builder)
        graph_store.begin()
        report.full_recompute = graph_store.full
        # Looked up per document (index lookups), so adding one document costs the same at 100 or 100k documents.
        for parts in group_parts(documents):
            doc_iri = graph_store.writer.doc_iri(parts[0].doc_id).value
            try:
                if graph_store.is_stored(doc_iri):
                    report.skipped += 1
                    continue
                extraction = builder.extract_parts(parts)
                older = [iri for iri in graph_store.documents_at(parts[0].path) if iri != doc_iri]
                for iri in older:
                    graph_store.remove(iri)
                graph_store.add(extraction)
            except RemoteStoreError as exc:
                raise RemoteStoreError(f"{parts[0].path} ({doc_iri}) was not written: {exc}. The "
                                       f"{report.added + report.replaced} document(s) written before it are kept; "
                                       "run the same build again to continue") from None
            report.claims += len(extraction.claims)
            if older:
                report.replaced += 1
            else:
                report.added += 1
            if on_document is not None:
                on_document(doc_iri)
        graph_store.finish()
    report.seconds = time.perf_counter() - started
    return report


def build_into_store(paths: Iterable[str | Path], directory: str | Path, *, settings: Settings | None = None,
                     extra_schemas: Iterable[str | Path] = (), extra_entities: Iterable[str | Path] = (),
                     on_problem: Callable[[ReadProblem], None] | None = None) -> StoreReport:
    """``kg build PATH... --store DIR``: read the documents under ``paths`` into the persistent store ``DIR``.

    Missing paths raise :class:`graph.exceptions.MissingPathError` before the store is opened.
    """
    from graph.exceptions import MissingPathError, StrictModeError

    settings = settings or Settings()
    paths = list(paths)
    for path in paths:
        if not Path(path).exists():
            raise MissingPathError("no such file or folder", path=str(path))
    if not is_remote(directory):
        _check_folder(Path(directory), create=True)  # before loading pipelines: a wrong folder fails fast
    builder = Builder(settings=settings, extra_schemas=extra_schemas, extra_entities=extra_entities)
    problems: list[ReadProblem] = []

    def collect(problem: ReadProblem) -> None:
        problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    documents: Iterable[Document] = read_documents(paths, on_problem=collect, max_chars=settings.max_chunk_chars)
    if settings.strict:
        documents = list(documents)
        if problems:
            raise StrictModeError(f"--strict: {len(problems)} reading problem(s); the store was not changed")
    report = build_documents_into_store(documents, directory, builder=builder)
    report.problems = problems
    return report


def build_texts_into_store(texts: Iterable[str], directory: str | Path, *, settings: Settings | None = None,
                           paths: Sequence[str] = ()) -> StoreReport:
    """Add strings as documents (``paths[i]`` or ``text-i`` is each one's source path), for tests and notebooks."""
    settings = settings or Settings()
    builder = Builder(settings=settings)

    def documents() -> Iterator[Document]:
        for i, text in enumerate(texts):
            path = paths[i] if i < len(paths) else f"text-{i}"
            yield from _make_documents(path, text, title=None, date=None, max_chars=settings.max_chunk_chars)

    return build_documents_into_store(documents(), directory, builder=builder)


def remove_from_store(directory: str | Path, names: Sequence[str], *, settings: Settings | None = None) -> StoreReport:
    """``kg remove --store DIR DOC...``: delete documents (by source path, doc IRI or id) and all they alone supported.

    Every name is checked first; an unknown one raises :class:`StoreError` and nothing is removed.
    """
    started = time.perf_counter()
    settings = settings or Settings()
    if not is_remote(directory):
        _check_folder(Path(directory), create=False)
    builder = Builder(settings=settings)
    report = StoreReport()
    # Names are checked on a read-only view first, so a bad name fails before the store is opened for writing
    # (and a writer kept alive by the error's traceback cannot confuse later readers).
    with _open_for_reading(directory) as view:
        documents = GraphStore(view, builder).documents()
    del view
    chosen: list[str] = []
    missing = []
    for name in names:
        found = _resolve_document(documents, name, builder.writer.doc_base)
        if not found:
            missing.append(name)
        chosen.extend(iri for iri in found if iri not in chosen)
    if missing:
        examples = ", ".join(sorted(path for path, _ in documents.values())[:3]) or "none: the store is empty"
        raise StoreError(f"not in the store: {', '.join(missing)}; name documents by the path they were built "
                         f"from, their doc IRI or id (e.g. {examples}). Nothing was removed")
    with _open_for_writing(directory, create=False) as store:
        graph_store = GraphStore(store, builder)
        graph_store.begin()
        report.full_recompute = graph_store.full
        for iri in chosen:
            graph_store.remove(iri)
            report.removed += 1
        graph_store.finish()
    report.seconds = time.perf_counter() - started
    return report


def graph_source(graph_file: str | Path | None, store: str | Path | None) -> Path | ox.Store:
    """What ``kg query/stats/export/serve`` read: the graph file, or the store opened read-only (exactly one).

    >>> graph_source("g.ttl", None)
    PosixPath('g.ttl')
    >>> graph_source(None, None)
    Traceback (most recent call last):
    ...
    graph.store.StoreError: give a graph file (GRAPH) or --store DIR; received neither
    """
    if (graph_file is None) == (store is None):
        received = "both" if graph_file is not None else "neither"
        raise StoreError(f"give a graph file (GRAPH) or --store DIR; received {received}")
    if store is None:
        assert graph_file is not None
        return Path(graph_file)
    if is_remote(store):
        from graph.remote_store import fetch_dataset

        return fetch_dataset(str(store))
    directory = Path(store)
    _check_folder(directory, create=False)
    try:
        return ox.Store.read_only(str(directory))
    except OSError as exc:
        raise _open_error(directory, exc) from None


def canonical_nquads(store: ox.Store) -> list[str]:
    """The store's quads as sorted N-Quads lines, minus the store's own state node: for comparing two stores.

    >>> store = ox.Store(); store.add(ox.Quad(ox.NamedNode("http://x/a"), RDF.type, KG.Claim))
    >>> canonical_nquads(store)
    ['<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/claimgraph/ontology#Claim> .']
    """
    node = store_node(Settings())
    return sorted(str(q) + " ." for q in store if q.subject != node)


__all__ = ["MARKER_FILE", "GraphStore", "StoreError", "StoreReport", "build_documents_into_store",
           "build_into_store", "build_texts_into_store", "canonical_nquads", "graph_source", "open_rdflib", "open_read_only",
           "open_writable", "remove_from_store", "store_node"]
