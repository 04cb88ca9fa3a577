"""The claim graph as a networkx graph: entities are nodes, relations backed by claims are weighted edges.

The aggregation runs as SPARQL on a pyoxigraph Store (fast, and the same on every input form); networkx only
receives the result. Every attribute is a plain ``str``/``int``/``float``/``bool`` so that GraphML, GEXF and
CSV writers never meet ``None`` or an RDF term.

>>> from graph.build import run_build_texts
>>> result = run_build_texts(["Google acquired DeepMind in 2014."])
>>> view = to_networkx(result.quads)
>>> [(view.nodes[u]["label"], d["relation"], view.nodes[v]["label"], d["weight"])
...  for u, v, d in view.edges(data=True)]
[('Google', 'acquired', 'Google DeepMind', 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx
import pyoxigraph as ox

from graph.exceptions import InputError, MissingPathError, UnsupportedFormatError
from graph.namespaces import PREFIXES, WD, XSD

if TYPE_CHECKING:
    import rdflib

#: Everything :func:`to_networkx` (and the commands built on it) accepts as a graph.
GraphSource: TypeAlias = "rdflib.Graph | Sequence[ox.Quad] | ox.Store | str | Path"

_TRUE = ox.Literal("true", datatype=XSD.boolean)
_FALSE = ox.Literal("false", datatype=XSD.boolean)

# Entities: anything typed with kg:Entity or a subclass of it, plus anything with a mention count (a graph
# built with an extra schema whose class hierarchy is not included still has its entities found).
_ENTITIES = """
SELECT DISTINCT ?entity ?type WHERE {
  { ?entity a ?type . ?type rdfs:subClassOf* kg:Entity . }
  UNION
  { ?entity kg:mentionCount ?count . OPTIONAL { ?entity a ?type } }
}
"""
_SUBCLASSES = "SELECT DISTINCT ?sub ?super WHERE { ?sub rdfs:subClassOf+ ?super }"
_LABELS = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity a ?type . ?type rdfs:subClassOf* kg:Entity . } UNION { ?entity kg:mentionCount ?count }
  ?entity rdfs:label ?label .
}
"""
_ALIASES = """
SELECT DISTINCT ?entity ?alias WHERE {
  { ?entity a ?type . ?type rdfs:subClassOf* kg:Entity . } UNION { ?entity kg:mentionCount ?count }
  ?entity skos:altLabel ?alias .
}
"""
_SAME_AS = """
SELECT DISTINCT ?entity ?target WHERE {
  { ?entity a ?type . ?type rdfs:subClassOf* kg:Entity . } UNION { ?entity kg:mentionCount ?count }
  ?entity owl:sameAs ?target .
}
"""
# Claims per entity count every claim, qualifying or not: it says how much the sources talk about it.
_CLAIM_COUNTS = """
SELECT ?entity (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?claim a kg:Claim .
  { ?claim rdf:subject ?entity } UNION { ?claim rdf:object ?entity }
} GROUP BY ?entity
"""
_RELATIONS = """
SELECT DISTINCT ?relation ?label ?symmetric WHERE {
  { ?relation a kg:Relation } UNION { ?claim a kg:Claim ; rdf:predicate ?relation }
  OPTIONAL { ?relation rdfs:label ?label . FILTER(LANGMATCHES(LANG(?label), "en")) }
  BIND(EXISTS { ?relation a owl:SymmetricProperty } AS ?symmetric)
}
"""
# One row per (subject, relation, object) with its qualifying claims aggregated. The inner SELECT DISTINCT
# removes duplicate rows a union default graph could give; the include_* switches are bound as parameters
# (pyoxigraph substitutes only projected variables, hence their place in both SELECTs and the GROUP BY).
# A claim without polarity/modality is read as positive/asserted (the plain reading of a bare statement).
_EDGES = """
SELECT ?subject ?relation ?object ?include_hedged ?include_negated ?include_inferred
       (COUNT(?claim) AS ?weight) (AVG(?confidence) AS ?mean) (MAX(?confidence) AS ?max)
       (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?docs)
       (MIN(?date) AS ?first) (MAX(?date) AS ?last)
WHERE {
  SELECT DISTINCT ?claim ?subject ?relation ?object ?confidence ?doc ?date
                  ?include_hedged ?include_negated ?include_inferred WHERE {
    ?claim a kg:Claim ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object .
    OPTIONAL { ?claim kg:polarity ?p }
    OPTIONAL { ?claim kg:modality ?m }
    OPTIONAL { ?claim kg:argumentInferred ?i }
    OPTIONAL { ?claim kg:confidence ?c }
    OPTIONAL { ?claim prov:wasDerivedFrom ?doc }
    OPTIONAL { ?claim dcterms:date ?date }
    BIND(COALESCE(?p, kg:Positive) AS ?polarity)
    BIND(COALESCE(?m, kg:Asserted) AS ?modality)
    BIND(COALESCE(?i, false) AS ?inferred)
    BIND(COALESCE(xsd:double(?c), 0.0) AS ?confidence)
    FILTER(?polarity = kg:Positive || (?include_negated && ?polarity = kg:Negative))
    FILTER(?modality = kg:Asserted || ?include_hedged)
    FILTER(!?inferred || ?include_inferred)
  }
} GROUP BY ?subject ?relation ?object ?include_hedged ?include_negated ?include_inferred
"""


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/claimgraph/ontology#acquired"), local_name("http://www.wikidata.org/entity/Q95")
    ('acquired', 'Q95')
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def read_quads(graph: GraphSource) -> list[ox.Quad]:
    """The quads of ``graph`` (a path, quads, a Store, or an rdflib Graph/Dataset), literals as written.

    Unlike a Store, which keeps literals in canonical form (``"0.850"`` becomes ``"0.85"``), this keeps the
    lexical forms of the file, so re-serialising gives back what ``kg build`` wrote.

    >>> quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"))
    >>> read_quads([quad]) == [quad]
    True
    >>> read_quads(42)
    Traceback (most recent call last):
    ...
    graph.exceptions.UnsupportedFormatError: cannot read a graph from int; pass a path to an RDF file ...
    """
    if isinstance(graph, ox.Store):
        return list(graph)
    if isinstance(graph, (str, Path)):
        return _read_path(Path(graph))
    module = type(graph).__module__ or ""
    if module.startswith("rdflib"):
        return _rdflib_quads(graph)  # type: ignore[arg-type]
    if isinstance(graph, (list, tuple)) and all(isinstance(q, (ox.Quad, ox.Triple)) for q in graph):
        return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in graph]
    raise UnsupportedFormatError(
        f"cannot read a graph from {type(graph).__name__}; pass a path to an RDF file `kg build` writes "
        "(.ttl .nt .nq .trig .jsonld), a list of pyoxigraph Quads, a pyoxigraph Store, or an rdflib Graph/Dataset")


def load_store(graph: GraphSource) -> ox.Store:
    """An in-memory pyoxigraph Store holding ``graph`` (a Store is used as it is).

    >>> len(load_store([]))
    0
    """
    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    store.bulk_extend(read_quads(graph))
    return store


def _read_path(path: Path) -> list[ox.Quad]:
    from graph.rdf_files import read_rdf

    if not path.exists():
        raise MissingPathError("no such file; check the path", path=str(path))
    try:
        return read_rdf(path)
    except SyntaxError as exc:
        raise InputError(f"not valid RDF for its suffix ({exc})", path=str(path)) from None


def _rdflib_quads(graph: rdflib.Graph) -> list[ox.Quad]:
    # N-Quads keeps the named graphs of a Dataset; a plain Graph serialises to N-Triples, a subset of it.
    import rdflib

    is_dataset = isinstance(graph, rdflib.Dataset | rdflib.ConjunctiveGraph)
    data = graph.serialize(format="nquads" if is_dataset else "nt", encoding="utf-8")
    fmt = ox.RdfFormat.N_QUADS if is_dataset else ox.RdfFormat.N_TRIPLES
    return list(ox.parse(data, format=fmt))


@dataclass(frozen=True, slots=True)
class _EdgeRow:
    subject: str
    relation: str
    object: str
    weight: int
    confidence_mean: float
    confidence_max: float
    documents: frozenset[str]
    first_date: str
    last_date: str


def select(store: ox.Store, query: str, **bindings: ox.Literal) -> ox.QuerySolutions:
    """Run a SELECT with our prefixes over the union of all graphs; ``bindings`` are substituted as parameters.

    >>> store = load_store([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"))])
    >>> [row["s"].value for row in select(store, "SELECT ?s ?o WHERE { ?s ?p ?o }", o=ox.Literal("1"))]
    ['http://e/a']
    """
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): value for name, value in bindings.items()}
    solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                            substitutions=substitutions or None)
    assert isinstance(solutions, ox.QuerySolutions), "select() is for SELECT queries"
    return solutions


def _value(term: Any) -> str:
    return "" if term is None else str(term.value)


def _pick_label(labels: list[ox.Literal]) -> str:
    # English first (most readers of a Gephi view), then Chinese, then whatever plain label there is.
    for lang in ("en", "zh"):
        tagged = sorted(lit.value for lit in labels if (lit.language or "").lower().startswith(lang))
        if tagged:
            return tagged[0]
    plain = sorted(lit.value for lit in labels)
    return plain[0] if plain else ""


def _node_attributes(store: ox.Store) -> dict[str, dict[str, str | int]]:
    supers: dict[str, set[str]] = {}
    for row in select(store, _SUBCLASSES):
        supers.setdefault(row["sub"].value, set()).add(row["super"].value)
    types: dict[str, set[str]] = {}
    for row in select(store, _ENTITIES):
        found = types.setdefault(row["entity"].value, set())
        if row["type"] is not None:
            found.add(row["type"].value)
    labels: dict[str, list[ox.Literal]] = {}
    for row in select(store, _LABELS):
        labels.setdefault(row["entity"].value, []).append(row["label"])
    aliases: dict[str, set[str]] = {}
    for row in select(store, _ALIASES):
        aliases.setdefault(row["entity"].value, set()).add(row["alias"].value)
    wikidata: dict[str, list[str]] = {}
    for row in select(store, _SAME_AS):
        target = row["target"].value
        if target.startswith(WD.base):
            wikidata.setdefault(row["entity"].value, []).append(target[len(WD.base):])
    claims = {row["entity"].value: int(row["claims"].value) for row in select(store, _CLAIM_COUNTS)}

    nodes: dict[str, dict[str, str | int]] = {}
    for iri, classes in types.items():
        # The most specific class: one that is not a superclass of another class the entity has.
        specific = sorted(c for c in classes if not any(c in supers.get(o, ()) for o in classes if o != c))
        nodes[iri] = {
            "label": _pick_label(labels.get(iri, [])) or local_name(iri),
            "type": local_name(specific[0]) if specific else "Entity",
            "aliases": "|".join(sorted(aliases.get(iri, ()))),
            "wikidata": min(wikidata[iri]) if iri in wikidata else "",
            "claims": claims.get(iri, 0),
        }
    return nodes


def _edge_rows(store: ox.Store, *, include_hedged: bool, include_negated: bool,
               include_inferred: bool) -> list[_EdgeRow]:
    rows = select(store, _EDGES, include_hedged=_TRUE if include_hedged else _FALSE,
                  include_negated=_TRUE if include_negated else _FALSE,
                  include_inferred=_TRUE if include_inferred else _FALSE)
    edges = []
    for row in rows:
        docs = _value(row["docs"])
        edges.append(_EdgeRow(
            subject=row["subject"].value, relation=row["relation"].value, object=row["object"].value,
            weight=int(row["weight"].value), confidence_mean=round(float(row["mean"].value), 6),
            confidence_max=float(row["max"].value), documents=frozenset(docs.split()) if docs else frozenset(),
            first_date=_value(row["first"]), last_date=_value(row["last"])))
    edges.sort(key=lambda e: (e.subject, e.relation, e.object))
    return edges


def to_networkx(graph: GraphSource, *, include_hedged: bool = False, include_negated: bool = False,
                include_inferred: bool = True, collapse: bool = False) -> nx.MultiDiGraph | nx.DiGraph:
    """Entities as nodes and, per ordered pair, one edge per relation with at least one qualifying claim.

    A claim qualifies when it is positive and asserted. ``include_hedged`` adds hedged and planned claims,
    ``include_negated`` adds negative ones, ``include_inferred=False`` drops claims whose argument was filled
    in from the document title. Edges of the ``MultiDiGraph`` are keyed by relation name; ``collapse=True``
    returns a ``DiGraph`` with one edge per ordered pair (weights summed, relations joined with ``|``).

    Node attributes: ``label type aliases wikidata claims``. Edge attributes: ``relation label weight
    confidence_mean confidence_max sources first_date last_date symmetric``.

    >>> from graph.build import run_build_texts
    >>> quads = run_build_texts(["Microsoft partnered with OpenAI.", "Microsoft did not acquire OpenAI."]).quads
    >>> view = to_networkx(quads)
    >>> sorted(d["relation"] for _, _, d in view.edges(data=True))
    ['partnersWith']
    >>> sorted(d["relation"] for _, _, d in to_networkx(quads, include_negated=True).edges(data=True))
    ['acquired', 'partnersWith']
    >>> edge = next(iter(to_networkx(quads, include_negated=True, collapse=True).edges(data=True)))[2]
    >>> edge["relation"], edge["weight"], edge["symmetric"]
    ('acquired|partnersWith', 2, False)
    """
    store = load_store(graph)
    nodes = _node_attributes(store)
    relations: dict[str, tuple[str, bool]] = {}
    for row in select(store, _RELATIONS):
        iri = row["relation"].value
        label = _value(row["label"]) or relations.get(iri, ("", False))[0] or local_name(iri)
        relations[iri] = (label, row["symmetric"].value == "true")
    edges = _edge_rows(store, include_hedged=include_hedged, include_negated=include_negated,
                       include_inferred=include_inferred)

    view: nx.MultiDiGraph | nx.DiGraph = nx.DiGraph() if collapse else nx.MultiDiGraph()
    for iri in sorted(nodes):
        view.add_node(iri, **nodes[iri])
    for edge in edges:
        for end in (edge.subject, edge.object):
            if end not in view:  # a claim about something the graph does not describe as an entity
                view.add_node(end, label=local_name(end), type="Entity", aliases="", wikidata="", claims=0)
    if collapse:
        _add_collapsed(view, edges, relations)
    else:
        for edge in edges:
            label, symmetric = relations.get(edge.relation, (local_name(edge.relation), False))
            view.add_edge(edge.subject, edge.object, key=local_name(edge.relation),
                          relation=local_name(edge.relation), label=label, weight=edge.weight,
                          confidence_mean=edge.confidence_mean, confidence_max=edge.confidence_max,
                          sources=len(edge.documents), first_date=edge.first_date, last_date=edge.last_date,
                          symmetric=symmetric)
    return view


def _add_collapsed(view: nx.DiGraph, edges: list[_EdgeRow], relations: dict[str, tuple[str, bool]]) -> None:
    groups: dict[tuple[str, str], list[_EdgeRow]] = {}
    for edge in edges:
        groups.setdefault((edge.subject, edge.object), []).append(edge)
    for (subject, obj), group in groups.items():
        weight = sum(e.weight for e in group)
        documents = frozenset().union(*(e.documents for e in group))
        firsts = [e.first_date for e in group if e.first_date]
        lasts = [e.last_date for e in group if e.last_date]
        meta = [relations.get(e.relation, (local_name(e.relation), False)) for e in group]
        view.add_edge(
            subject, obj,
            relation="|".join(local_name(e.relation) for e in group), label="|".join(label for label, _ in meta),
            weight=weight,
            # Mean over all supporting claims, not a mean of per-relation means.
            confidence_mean=round(sum(e.confidence_mean * e.weight for e in group) / weight, 6),
            confidence_max=max(e.confidence_max for e in group), sources=len(documents),
            first_date=min(firsts) if firsts else "", last_date=max(lasts) if lasts else "",
            symmetric=all(symmetric for _, symmetric in meta))


__all__ = ["GraphSource", "load_store", "local_name", "read_quads", "select", "to_networkx"]
