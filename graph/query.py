"""Ask a built graph questions in SPARQL: ad-hoc queries, the named queries in ``schemas/queries/``, and the
result formats ``kg query`` and ``kg serve`` print.

Claims live in per-document named graphs, so queries run with the default graph as the union of all graphs.
Parameters are always bound as RDF terms (pyoxigraph ``substitutions=``, rdflib ``initBindings=``), never
pasted into the query text, so a value such as ``"} UNION {`` cannot change what a query means.

>>> store = load_store(ox_store_of_example())
>>> result = run_query(store, "SELECT ?s ?o WHERE { ?s <https://example.com/p> ?o }")
>>> result.variables, result.rows
(('s', 'o'), [('https://example.com/a', 'b')])
>>> run_query(store, "ASK { ?s ?p ?s }").boolean
False
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

import pyoxigraph as ox

from graph.exceptions import ClaimgraphError, InputError, MissingPathError
from graph.namespaces import KG, PREFIXES, RDF, RDFS, SKOS, XSD
from graph.rdf_files import RdfFileFormat
from graph.resolve import entity_key
from graph.settings import SCHEMA_DIR

if TYPE_CHECKING:
    import rdflib

#: The RDF terms a query can return or be bound to.
Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: What a cell of :attr:`QueryResult.rows` holds: IRIs and strings as ``str``, numbers as numbers.
PlainValue: TypeAlias = str | int | Decimal | float | bool | None
Engine = Literal["oxigraph", "rdflib"]
GraphSource: TypeAlias = str | Path | ox.Store

#: Where the named queries live: one ``NAME.rq`` file each.
QUERY_DIR = SCHEMA_DIR / "queries"
DEFAULT_TIMEOUT = 30.0


class QueryError(ClaimgraphError, ValueError):
    """A query or its parameters cannot be run; the message says why and what would be accepted."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse; the message is the parser's, with line and column."""


class QueryRefusedError(QueryError, PermissionError):
    """A request to change the graph or to reach another endpoint (updates, LOAD, SERVICE): read-only here."""


class QueryTimeoutError(ClaimgraphError, TimeoutError):
    """The query ran longer than its time limit and was abandoned."""


class UnknownQueryError(QueryError, LookupError):
    """No named query (or parameter, or parameter value) of that name."""


class QueryKind(str, Enum):
    """The shape of a result: a table (SELECT), a yes/no (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"


class ResultFormat(str, Enum):
    """How a result is written out. ``table`` is for people; the rest are the SPARQL 1.1 result formats."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A finished query: ``variables`` and ``terms`` (rows of RDF terms, ``None`` when unbound) for SELECT,
    ``boolean`` for ASK, ``triples`` for CONSTRUCT/DESCRIBE. ``truncated`` is set when ``max_rows`` cut it."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    terms: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    @property
    def rows(self) -> list[tuple[PlainValue, ...]]:
        """The rows as plain Python values (IRI strings, lexical strings, numbers, booleans).

        Numbers become numbers because engines write them differently ("0.850" vs "0.85").

        >>> QueryResult(QueryKind.SELECT, ("x",), ((ox.Literal("0.850", datatype=XSD.decimal),),)).rows
        [(Decimal('0.850'),)]
        """
        return [tuple(plain_value(term) for term in row) for row in self.terms]


def plain_value(term: Term | None) -> PlainValue:
    """A term as a plain Python value: IRIs and strings as ``str``, typed numbers and booleans as Python ones.

    >>> plain_value(ox.NamedNode("https://example.com/a")), plain_value(ox.Literal("3", datatype=XSD.integer))
    ('https://example.com/a', 3)
    >>> plain_value(ox.Literal("true", datatype=XSD.boolean)), plain_value(None)
    (True, None)
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD.decimal.value:
            return Decimal(term.value)
        if datatype in (XSD.double.value, XSD.float.value):
            return float(term.value)
        if datatype == XSD.boolean.value:
            return term.value in ("true", "1")
    except (ValueError, InvalidOperation):
        pass  # an ill-typed literal is still a string worth showing
    return term.value


_INTEGER_TYPES = {XSD.term(name).value for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


# --------------------------------------------------------------------------------------------- loading graphs


def load_store(source: GraphSource) -> ox.Store:
    """An in-memory pyoxigraph Store of any file ``kg build`` writes (named graphs kept), or ``source`` itself.

    >>> store = load_store(ox.Store())
    >>> len(store)
    0
    """
    if isinstance(source, ox.Store):
        return source
    path = Path(source)
    fmt = _graph_format(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt.oxigraph)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"not valid {fmt.value}: {exc}", path=str(path)) from None
    return store


def load_dataset(source: GraphSource) -> rdflib.Dataset:
    """The same graph as an rdflib Dataset whose default graph is the union of all graphs.

    >>> len(load_dataset(ox_store_of_example()))  # the document graph's triple is in the union
    3
    """
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    quads: list[ox.Quad]
    if isinstance(source, ox.Store):
        quads = list(source)
    else:
        path = Path(source)
        fmt = _graph_format(path)
        try:
            quads = list(ox.parse(path=str(path), format=fmt.oxigraph))
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"not valid {fmt.value}: {exc}", path=str(path)) from None
    default = dataset.default_context
    graphs: dict[str, rdflib.Graph] = {}
    for quad in quads:
        triple = (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.add(triple)
        else:
            name = quad.graph_name.value
            if name not in graphs:
                graphs[name] = dataset.graph(rdflib.URIRef(name))
            graphs[name].add(triple)
    return dataset


def _graph_format(path: Path) -> RdfFileFormat:
    if not path.exists():
        raise MissingPathError("no such graph file; build one with `kg build PATH -o graph.trig`", path=str(path))
    return RdfFileFormat.from_path(path)


def to_rdflib(term: Term) -> rdflib.term.Node:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals, as rdflib parses them).

    >>> to_rdflib(ox.Literal("a")), to_rdflib(ox.Literal("1", datatype=XSD.integer)).toPython()
    (rdflib.term.Literal('a'), 1)
    """
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype == XSD.string:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise QueryError(f"rdflib cannot hold the RDF-star triple {term}; use --engine oxigraph")


def from_rdflib(node: object) -> Term | None:
    """An rdflib term as a pyoxigraph term (``None`` stays ``None``).

    >>> import rdflib
    >>> from_rdflib(rdflib.Literal("a", lang="zh"))
    <Literal value=a language=zh>
    """
    import rdflib

    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise QueryError(f"unexpected rdflib value {node!r} in a result")


# ------------------------------------------------------------------------------------------ read-only check


_WORD_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def check_read_only(sparql: str) -> None:
    """Refuse updates (INSERT, DELETE, LOAD, CLEAR, …) and queries with a SERVICE clause, which would make
    this process fetch from any URL it is given.

    The query is parsed (rdflib's parser) and its tree searched for SERVICE patterns; a query rdflib cannot
    parse is refused if SERVICE appears as a keyword outside strings, IRIs and comments.

    >>> check_read_only("SELECT * WHERE { ?service ?p '''SERVICE''' }")
    >>> check_read_only("SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.query.QueryRefusedError: SERVICE clauses are refused: queries here are read-only and never fetch from other endpoints
    >>> check_read_only("DROP ALL")
    Traceback (most recent call last):
    ...
    graph.query.QueryRefusedError: updates are refused (this request is a SPARQL update: drop); only SELECT, ASK, CONSTRUCT and DESCRIBE queries are accepted
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
    except Exception:  # noqa: BLE001 - any parser failure: see whether it is an update, else let oxigraph judge
        tree = None
    if tree is None:
        try:
            update = parseUpdate(sparql)
        except Exception:  # noqa: BLE001
            update = None
        if update is not None and update.get("request"):
            kinds = sorted({_update_name(part) for part in update["request"]})
            raise QueryRefusedError(
                f"updates are refused (this request is a SPARQL update: {', '.join(kinds)}); "
                "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are accepted")
        if _WORD_SERVICE.search(_NOT_CODE.sub(" ", sparql)):
            raise QueryRefusedError(_SERVICE_REFUSED)
        return
    if _has_service(tree):
        raise QueryRefusedError(_SERVICE_REFUSED)


_SERVICE_REFUSED = ("SERVICE clauses are refused: queries here are read-only and never fetch from other "
                    "endpoints")


def _update_name(part: object) -> str:
    name = str(getattr(part, "name", "update"))
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _has_service(node: object) -> bool:
    # The parse tree is nested CompValues (dict-like), ParseResults and lists; walk all of it.
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if type(node).__name__ == "ParseResults":  # registered as a Mapping, but its items are in the list part
        return any(_has_service(value) for value in node) or any(  # type: ignore[attr-defined]
            _has_service(value) for value in node.values())  # type: ignore[attr-defined]
    if isinstance(node, Mapping):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_has_service(value) for value in node)
    return False


# ------------------------------------------------------------------------------------------------ running


def run_query(source: GraphSource | rdflib.Dataset, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              timeout: float = DEFAULT_TIMEOUT, engine: Engine = "oxigraph",
              max_rows: int | None = None, on_finish: Callable[[], None] | None = None) -> QueryResult:
    """Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of the graph's graphs.

    ``bindings`` maps variable names to terms, bound by the engine (never pasted into the text); a bound
    variable must be in the SELECT clause (pyoxigraph's substitution rule), as in every named query. A query
    running past ``timeout`` seconds raises :class:`QueryTimeoutError`; ``max_rows`` cuts long results;
    ``on_finish`` is called when the evaluation really ends (after a timeout, later than this function returns).

    >>> store = load_store(ox_store_of_example())
    >>> run_query(store, "SELECT ?p ?o WHERE { ?s ?p ?o }", bindings={"p": RDFS.label}).rows
    [('http://www.w3.org/2000/01/rdf-schema#label', 'Acme Labs')]
    >>> run_query(store, "SELECT ?p ?o WHERE { ?s ?p ?o }", bindings={"p": RDFS.label}, engine="rdflib").rows
    [('http://www.w3.org/2000/01/rdf-schema#label', 'Acme Labs')]
    >>> run_query(store, "SELECT ?o WHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.query.QuerySyntaxError: malformed SPARQL: error at 1:26: expected one of ...
    """
    if engine not in ("oxigraph", "rdflib"):
        raise QueryError(f"unknown engine {engine!r}; use one of: oxigraph, rdflib")
    if timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, got {timeout!r}")
    check_read_only(sparql)
    bound = dict(bindings or {})
    # Prepared here (parsing, loading) so that syntax errors are reported before the clock starts.
    if engine == "oxigraph":
        if not isinstance(source, ox.Store):
            source = load_store(source)  # type: ignore[arg-type]
        work = _oxigraph_runner(source, sparql, bound)
    else:
        work = _rdflib_runner(source, sparql, bound)
    return _with_timeout(work, timeout=timeout, max_rows=max_rows, on_finish=on_finish)


class _Runner:
    """One query's evaluation, stoppable between rows; runs in a worker thread."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def __call__(self, max_rows: int | None) -> QueryResult:
        raise NotImplementedError


def _collect(rows: object, cancelled: threading.Event, max_rows: int | None) -> tuple[list[object], bool]:
    out: list[object] = []
    for row in rows:  # type: ignore[attr-defined]
        if cancelled.is_set():
            break  # the caller has given up; stop using CPU as soon as the engine hands control back
        if max_rows is not None and len(out) >= max_rows:
            return out, True
        out.append(row)
    return out, False


def _oxigraph_runner(store: ox.Store, sparql: str, bindings: dict[str, Term]) -> _Runner:
    substitutions = {ox.Variable(name): term for name, term in bindings.items()}

    class Runner(_Runner):
        def __call__(self, max_rows: int | None) -> QueryResult:
            # pyoxigraph's result iterators belong to the thread that made them, so the query is started here.
            try:
                results = store.query(sparql, use_default_graph_as_union=True,
                                      substitutions=substitutions or None)
            except SyntaxError as exc:
                raise QuerySyntaxError(f"malformed SPARQL: {exc}") from None
            except OSError as exc:
                raise QueryError(f"the query failed: {exc}") from None
            if isinstance(results, ox.QueryBoolean):
                return QueryResult(QueryKind.ASK, boolean=bool(results))
            if isinstance(results, ox.QuerySolutions):
                names = tuple(v.value for v in results.variables)
                rows, cut = _collect(results, self.cancelled, max_rows)
                terms = tuple(tuple(row[i] for i in range(len(names))) for row in rows)  # type: ignore[index]
                return QueryResult(QueryKind.SELECT, names, terms, truncated=cut)
            triples, cut = _collect(results, self.cancelled, max_rows)
            return QueryResult(QueryKind.GRAPH, triples=tuple(triples), truncated=cut)  # type: ignore[arg-type]

    return Runner()


def _rdflib_runner(source: GraphSource | rdflib.Dataset, sparql: str, bindings: dict[str, Term]) -> _Runner:
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    dataset = source if isinstance(source, rdflib.Dataset) else load_dataset(source)
    try:
        prepared = prepareQuery(sparql)
    except Exception as exc:  # noqa: BLE001 - pyparsing raises several types; all mean "does not parse"
        raise QuerySyntaxError(f"malformed SPARQL: {exc}") from None
    init = {rdflib.Variable(name): to_rdflib(term) for name, term in bindings.items()}

    class Runner(_Runner):
        def __call__(self, max_rows: int | None) -> QueryResult:
            result = dataset.query(prepared, initBindings=init)  # type: ignore[arg-type]
            if result.type == "ASK":
                return QueryResult(QueryKind.ASK, boolean=bool(result.askAnswer))
            if result.type == "SELECT":
                names = tuple(str(v) for v in (result.vars or ()))
                rows, cut = _collect(iter(result), self.cancelled, max_rows)
                terms = tuple(tuple(from_rdflib(value) for value in row) for row in rows)  # type: ignore[attr-defined]
                return QueryResult(QueryKind.SELECT, names, terms, truncated=cut)
            assert result.graph is not None
            converted = (ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))  # type: ignore[arg-type]
                         for s, p, o in result.graph)
            triples, cut = _collect(converted, self.cancelled, max_rows)
            return QueryResult(QueryKind.GRAPH, triples=tuple(triples), truncated=cut)  # type: ignore[arg-type]

    return Runner()


def _with_timeout(runner: _Runner, *, timeout: float, max_rows: int | None,
                  on_finish: Callable[[], None] | None) -> QueryResult:
    # Neither engine can be interrupted from outside, so the query runs in a daemon thread that is abandoned on
    # timeout: the caller gets its answer on time and a daemon thread never keeps the process alive.
    outcome: list[QueryResult] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(runner(max_rows))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            failure.append(exc)
        finally:
            if on_finish is not None:
                on_finish()

    worker = threading.Thread(target=work, name="claimgraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        runner.cancelled.set()
        raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped; "
                                "narrow it (LIMIT, more specific patterns) or raise --timeout")
    if failure:
        exc = failure[0]
        if isinstance(exc, ClaimgraphError):
            raise exc
        raise QueryError(f"the query failed: {exc}") from None
    return outcome[0]


# ------------------------------------------------------------------------------------------- named queries


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A ``.rq`` file of ``schemas/queries``: what it answers (its header comment), its parameters, its text."""

    name: str
    description: str
    parameters: dict[str, str] = field(default_factory=dict)
    sparql: str = ""


_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*)$")


def named_queries(folder: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name.

    >>> sorted(named_queries())
    ['claims-about', 'competitors', 'contradictions', 'entities-by-type', 'relations-of-type', 'timeline', 'why-merged']
    >>> named_queries()["competitors"].parameters
    {'entity': 'an entity by any name or alias, in any script or case (OpenAI, 英伟达, nvidia)'}
    """
    found: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description: list[str] = []
        parameters: dict[str, str] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match = _PARAM_LINE.match(line)
            if match:
                parameters[match.group(1)] = match.group(2).strip()
            elif not line.lstrip("# ").startswith("(no parameters)"):
                description.append(line.lstrip("#").strip())
        found[path.stem] = NamedQuery(path.stem, " ".join(description), parameters, text)
    return found


def get_named_query(name: str) -> NamedQuery:
    """The named query ``name``, or an error listing the valid names.

    >>> get_named_query("competitor")
    Traceback (most recent call last):
    ...
    graph.query.UnknownQueryError: no named query 'competitor'; valid names: claims-about, competitors, ...
    """
    queries = named_queries()
    if name not in queries:
        raise UnknownQueryError(f"no named query {name!r}; valid names: {', '.join(sorted(queries))}")
    return queries[name]


def resolve_parameters(store: ox.Store, params: Mapping[str, str]) -> dict[str, Term]:
    """Turn ``--param`` strings into terms: ``entity`` by any label or alias (script and case do not matter),
    ``relation`` by local name or label, ``type`` by class name or label; anything else is a plain string.

    >>> store = load_store(ox_store_of_example())
    >>> resolve_parameters(store, {"entity": "ACME  labs", "note": "x"})
    {'entity': <NamedNode value=https://example.com/a>, 'note': <Literal value=x datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>}
    """
    resolved: dict[str, Term] = {}
    for name, value in params.items():
        if name == "entity":
            resolved[name] = resolve_entity(store, value)
        elif name == "relation":
            resolved[name] = _resolve_vocabulary(store, value, kind="relation")
        elif name == "type":
            resolved[name] = _resolve_vocabulary(store, value, kind="type")
        else:
            resolved[name] = ox.Literal(value)
    return resolved


def resolve_entity(store: ox.Store, name: str) -> ox.NamedNode:
    """The entity whose ``rdfs:label`` or ``skos:altLabel`` matches ``name`` after normalisation
    (:func:`graph.resolve.entity_key`); a label match beats an alias, then the most mentioned entity wins.
    The entity's IRI itself is also accepted.

    >>> resolve_entity(load_store(ox_store_of_example()), "acme-labs").value
    'https://example.com/a'
    """
    key = entity_key(name)
    candidates: dict[str, tuple[int, int]] = {}
    all_keys: set[str] = set()
    # The labels are matched here, in Python, because the normalisation (NFKC, casefold, separators) has no
    # SPARQL equivalent; the predicates are bound as parameters like every other value.
    for rank, predicate in ((0, RDFS.label), (1, SKOS.altLabel)):
        for quad in store.quads_for_pattern(None, predicate, None, None):
            if not isinstance(quad.subject, ox.NamedNode) or not isinstance(quad.object, ox.Literal):
                continue
            if not _is_entity(store, quad.subject):
                continue
            label_key = entity_key(quad.object.value)
            all_keys.add(quad.object.value)
            if label_key == key or quad.subject.value == name:
                iri = quad.subject.value
                best = candidates.get(iri, (rank, 0))
                candidates[iri] = (min(rank, best[0]), _mention_count(store, quad.subject))
    if not candidates:
        close = difflib.get_close_matches(name, sorted(all_keys), n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        raise UnknownQueryError(f"no entity is named {name!r} in this graph (labels and aliases, any script "
                                f"or case, are matched){hint}")
    iri = min(candidates, key=lambda i: (candidates[i][0], -candidates[i][1], i))
    return ox.NamedNode(iri)


def _is_entity(store: ox.Store, node: ox.NamedNode) -> bool:
    # Relations and classes have labels too; an entity is anything typed with a class other than those.
    for quad in store.quads_for_pattern(node, RDF.type, None, None):
        if quad.object not in (KG.Relation, _OWL_CLASS, _OWL_OBJECT_PROPERTY, _OWL_DATATYPE_PROPERTY,
                               _OWL_SYMMETRIC):
            return True
    return False


_OWL = "http://www.w3.org/2002/07/owl#"
_OWL_CLASS = ox.NamedNode(_OWL + "Class")
_OWL_OBJECT_PROPERTY = ox.NamedNode(_OWL + "ObjectProperty")
_OWL_DATATYPE_PROPERTY = ox.NamedNode(_OWL + "DatatypeProperty")
_OWL_SYMMETRIC = ox.NamedNode(_OWL + "SymmetricProperty")


def _mention_count(store: ox.Store, node: ox.NamedNode) -> int:
    for quad in store.quads_for_pattern(node, KG.mentionCount, None, None):
        value = plain_value(quad.object)
        if isinstance(value, int):
            return value
    return 0


def _resolve_vocabulary(store: ox.Store, value: str, *, kind: Literal["relation", "type"]) -> ox.NamedNode:
    if kind == "relation":
        members = {q.subject for q in store.quads_for_pattern(None, RDF.type, KG.Relation, None)}
    else:
        members = {q.subject for q in store.quads_for_pattern(None, RDF.type, _OWL_CLASS, None)
                   if _is_entity_class(store, q.subject)}
        # Our own classes are valid even in a graph saved without the ontology (a CONSTRUCT result, say).
        members |= {KG.term(name) for name in ("Entity", "Organization", "Person", "Product", "AIModel", "Place")}
    names: dict[str, ox.NamedNode] = {}
    for member in members:
        if not isinstance(member, ox.NamedNode):
            continue
        names.setdefault(entity_key(_local_name(member.value)), member)
        names.setdefault(entity_key(member.value), member)
        for quad in store.quads_for_pattern(member, RDFS.label, None, None):
            if isinstance(quad.object, ox.Literal):
                names.setdefault(entity_key(quad.object.value), member)
    found = names.get(entity_key(value))
    if found is None:
        valid = sorted({_local_name(m.value) for m in members if isinstance(m, ox.NamedNode)})
        raise UnknownQueryError(f"no {kind} {value!r} in this graph; valid {kind}s: {', '.join(valid)}")
    return found


def _is_entity_class(store: ox.Store, node: object, depth: int = 0) -> bool:
    if node == KG.Entity:
        return True
    if depth > 10 or not isinstance(node, ox.NamedNode):
        return False
    return any(_is_entity_class(store, q.object, depth + 1)
               for q in store.quads_for_pattern(node, RDFS.subClassOf, None, None))


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def run_named_query(source: GraphSource, name: str, *, params: Mapping[str, str] | None = None,
                    timeout: float = DEFAULT_TIMEOUT, engine: Engine = "oxigraph",
                    max_rows: int | None = None) -> QueryResult:
    """Run a named query with ``--param`` style string parameters (all required ones, and only those).

    >>> run_named_query(ox_store_of_example(), "competitors", params={"entity": "nobody"})
    Traceback (most recent call last):
    ...
    graph.query.UnknownQueryError: no entity is named 'nobody' in this graph ...
    >>> run_named_query(ox_store_of_example(), "competitors", params={"who": "x"})
    Traceback (most recent call last):
    ...
    graph.query.UnknownQueryError: competitors takes the parameter(s) entity, got who; ...
    """
    query = get_named_query(name)
    given = dict(params or {})
    if set(given) != set(query.parameters):
        wanted = ", ".join(f"{k} ({v})" for k, v in query.parameters.items()) or "none"
        raise UnknownQueryError(
            f"{name} takes the parameter(s) {', '.join(query.parameters) or 'none'}, got "
            f"{', '.join(given) or 'none'}; parameters: {wanted}")
    store = load_store(source) if engine == "oxigraph" or given else None
    bindings = resolve_parameters(store, given) if store is not None else {}
    target: GraphSource = store if store is not None else source
    return run_query(target, query.sparql, bindings=bindings, timeout=timeout, engine=engine, max_rows=max_rows)


class QueryOutput(str, Enum):
    """The formats ``kg query --format`` offers (graph results are always Turtle)."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


class QueryEngine(str, Enum):
    """The SPARQL engines ``kg query --engine`` offers."""

    OXIGRAPH = "oxigraph"
    RDFLIB = "rdflib"


def answer_query(graph: GraphSource, *, sparql: str | None = None, query_file: str | Path | None = None,
                 name: str | None = None, params: Mapping[str, str] | None = None,
                 timeout: float = DEFAULT_TIMEOUT, engine: Engine = "oxigraph") -> QueryResult:
    """What ``kg query`` runs: exactly one of a SPARQL text, a ``.rq`` file or a named query, over ``graph``.

    >>> answer_query(ox_store_of_example(), name="entities-by-type", params={"type": "organization"}).rows
    [('https://w3id.org/claimgraph/ontology#Organization', 'https://example.com/a', 'Acme Labs', None, None)]
    >>> answer_query(ox_store_of_example())
    Traceback (most recent call last):
    ...
    graph.query.QueryError: give exactly one of: a SPARQL text, --file q.rq, --name NAME (got none)
    """
    given = [label for label, value in (("a SPARQL text", sparql), ("--file", query_file), ("--name", name))
             if value is not None]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL text, --file q.rq, --name NAME "
                         f"(got {', '.join(given) or 'none'})")
    if name is not None:
        return run_named_query(graph, name, params=params, timeout=timeout, engine=engine)
    if query_file is not None:
        path = Path(query_file)
        if not path.is_file():
            raise MissingPathError("no such query file", path=str(path))
        sparql = path.read_text(encoding="utf-8-sig")
    assert sparql is not None
    store = load_store(graph)
    bindings = resolve_parameters(store, params or {})
    return run_query(store, sparql, bindings=bindings, timeout=timeout, engine=engine)


def ox_store_of_example() -> ox.Store:
    """A one-triple store for the examples in docstrings: ``<a> rdfs:label "Acme Labs"`` and ``<a> <p> "b"``.

    >>> len(ox_store_of_example())
    3
    """
    store = ox.Store()
    a = ox.NamedNode("https://example.com/a")
    store.add(ox.Quad(a, ox.NamedNode("https://example.com/p"), ox.Literal("b"),
                      ox.NamedNode("https://example.com/doc")))
    store.add(ox.Quad(a, RDFS.label, ox.Literal("Acme Labs")))
    store.add(ox.Quad(a, RDF.type, KG.Organization))
    return store


# ------------------------------------------------------------------------------------------------ formats


def format_result(result: QueryResult, fmt: ResultFormat) -> str:
    """The result as text in ``fmt``. Graph results come out as Turtle unless N-Triples is asked for.

    >>> r = QueryResult(QueryKind.SELECT, ("who", "n"), ((ox.NamedNode(PREFIXES["ent"] + "openai"),
    ...     ox.Literal("2", datatype=XSD.integer)), (None, ox.Literal("开放", language="zh"))))
    >>> print(format_result(r, ResultFormat.TABLE))
    who        | n
    -----------+-----
    ent:openai | 2
               | 开放
    >>> format_result(r, ResultFormat.CSV).splitlines()
    ['who,n', 'https://w3id.org/claimgraph/entity/openai,2', ',开放']
    >>> format_result(r, ResultFormat.TSV).splitlines()[2]
    '\\t"开放"@zh'
    >>> json.loads(format_result(r, ResultFormat.JSON))["results"]["bindings"][1]
    {'n': {'type': 'literal', 'value': '开放', 'xml:lang': 'zh'}}
    """
    if result.kind is QueryKind.GRAPH:
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt is ResultFormat.NTRIPLES else ox.RdfFormat.TURTLE
        return serialize_triples(result.triples, rdf_format)
    writer = {
        ResultFormat.TABLE: _table, ResultFormat.CSV: _csv, ResultFormat.TSV: _tsv, ResultFormat.JSON: _json,
        ResultFormat.XML: _xml, ResultFormat.TURTLE: _table, ResultFormat.NTRIPLES: _tsv,
    }[fmt]
    return writer(result)


def serialize_triples(triples: Sequence[ox.Triple], rdf_format: ox.RdfFormat) -> str:
    """Triples as text in an RDF format, with our prefixes where the format has them.

    >>> serialize_triples([ox.Triple(KG.a, KG.b, KG.c)], ox.RdfFormat.N_TRIPLES)
    '<https://w3id.org/claimgraph/ontology#a> <https://w3id.org/claimgraph/ontology#b> <https://w3id.org/claimgraph/ontology#c> .\\n'
    """
    kwargs = {"prefixes": PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
    data = ox.serialize(list(triples), format=rdf_format, **kwargs)  # type: ignore[arg-type]
    return data.decode("utf-8") if isinstance(data, bytes) else ""


def _compact(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in PREFIXES.items():
            if term.value.startswith(base) and len(term.value) > len(base):
                return f"{prefix}:{term.value[len(base):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal; counting them as one would skew every column.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(term: Term | None, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", _compact(term)).strip()
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def _table(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return "true" if result.boolean else "false"
    cells = [[_cell(t) for t in row] for row in result.terms]
    widths = [max([_width(v)] + [_width(row[i]) for row in cells]) for i, v in enumerate(result.variables)]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    lines = [line(result.variables), "-+-".join("-" * w for w in widths)]
    lines.extend(line(row) for row in cells)
    if result.truncated:
        lines.append(f"(cut at {len(cells)} rows)")
    return "\n".join(lines)


def _csv(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return "true" if result.boolean else "false"
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # SPARQL 1.1 CSV uses CRLF line ends
    writer.writerow(result.variables)
    for row in result.terms:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else
                                                t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t))
                         for t in row])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return "true" if result.boolean else "false"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    # Terms in N-Triples syntax, as SPARQL 1.1 TSV requires (tabs and newlines are escaped there).
    lines.extend("\t".join("" if t is None else str(t) for t in row) for row in result.terms)
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype != XSD.string:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [{name: _json_term(t) for name, t in zip(result.variables, row) if t is not None}
                for row in result.terms]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def _xml(result: QueryResult) -> str:
    from xml.sax.saxutils import escape, quoteattr

    parts = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    parts.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    parts.append("</head>")
    if result.kind is QueryKind.ASK:
        parts.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        parts.append("<results>")
        for row in result.terms:
            parts.append("<result>")
            for name, term in zip(result.variables, row):
                if term is None:
                    continue
                if isinstance(term, ox.NamedNode):
                    value = f"<uri>{escape(term.value)}</uri>"
                elif isinstance(term, ox.BlankNode):
                    value = f"<bnode>{escape(term.value)}</bnode>"
                elif isinstance(term, ox.Literal):
                    if term.language:
                        value = f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
                    elif term.datatype != XSD.string:
                        value = (f"<literal datatype={quoteattr(term.datatype.value)}>"
                                 f"{escape(term.value)}</literal>")
                    else:
                        value = f"<literal>{escape(term.value)}</literal>"
                else:
                    value = f"<literal>{escape(str(term))}</literal>"
                parts.append(f"<binding name={quoteattr(name)}>{value}</binding>")
            parts.append("</result>")
        parts.append("</results>")
    parts.append("</sparql>")
    return "\n".join(parts) + "\n"


__all__ = [
    "DEFAULT_TIMEOUT",
    "Engine",
    "NamedQuery",
    "QueryEngine",
    "QueryError",
    "QueryKind",
    "QueryOutput",
    "QueryRefusedError",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeoutError",
    "ResultFormat",
    "UnknownQueryError",
    "answer_query",
    "check_read_only",
    "format_result",
    "get_named_query",
    "load_dataset",
    "load_store",
    "named_queries",
    "plain_value",
    "resolve_entity",
    "resolve_parameters",
    "run_named_query",
    "run_query",
    "serialize_triples",
]
