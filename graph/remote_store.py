"""A store on a SPARQL 1.1 server, with the subset of ``pyoxigraph.Store`` that :class:`graph.store.GraphStore` uses.

Writes go through the Graph Store Protocol (one ``PUT`` per document's named graph, which replaces it) and SPARQL
Update at the update endpoint (default-graph changes as ``INSERT DATA`` / ``DELETE DATA``); reads through the
SPARQL Protocol. The URL is the server's base: ``BASE/query``, ``BASE/update`` and ``BASE/store`` (Oxigraph's
layout). Values are sent as a trailing ``VALUES`` block of terms serialised by pyoxigraph — SPARQL's own way to
pass bindings — never pasted into the query body. Refused connections, timeouts and 5xx answers are retried with
backoff; then :class:`RemoteStoreError` says which request failed.

>>> RemoteStore("http://127.0.0.1:7878/").endpoints
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
>>> with_values("ASK { ?s ?p ?o }", {"s": ox.NamedNode("http://x/a")})
'ASK { ?s ?p ?o }\\nVALUES (?s) { (<http://x/a>) }'
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

import pyoxigraph as ox

from graph.exceptions import ClaimgraphError

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: Seconds to wait before each retry; the request fails after the last one.
RETRY_DELAYS: Final = (0.2, 0.5, 1.0, 2.0, 4.0)
_BATCH = 2_000  # quads per INSERT/DELETE DATA request


class RemoteStoreError(ClaimgraphError, OSError):
    """A SPARQL server refused, timed out or answered with an error after all retries."""


def is_remote(location: object) -> bool:
    """Whether a ``--store`` value is a server URL rather than a folder.

    >>> is_remote("https://example.org/sparql"), is_remote("data/store")
    (True, False)
    """
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """``sparql`` with one row of ``bindings`` as a trailing VALUES block (terms in N-Triples syntax)."""
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({values}) }}"


def _term(binding: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def fetch_dataset(url: str, *, timeout: float = 60.0) -> ox.Store:
    """Every quad a SPARQL server holds, read through the SPARQL Protocol into an in-memory store, so that
    ``kg query/stats/export/serve --store http(s)://…`` answer exactly as they would for a local store."""
    remote = RemoteStore(url, timeout=timeout)
    answer = remote._select("SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    results = answer["results"]
    assert isinstance(results, dict)
    store = ox.Store()
    quads = []
    for row in results["bindings"]:
        subject, predicate, obj = _term(row["s"]), _term(row["p"]), _term(row["o"])
        graph = _term(row["g"]) if "g" in row else ox.DefaultGraph()
        quads.append(ox.Quad(subject, predicate, obj, graph))  # type: ignore[arg-type]
    store.extend(quads)
    return store


def _triple_text(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."


class RemoteStore:
    """Talks to one SPARQL server; ``timeout`` is per request in seconds."""

    def __init__(self, url: str, *, timeout: float = 30.0, delays: Sequence[float] | None = None) -> None:
        base = url.rstrip("/")
        self.url = url
        self.endpoints = (f"{base}/query", f"{base}/update", f"{base}/store")
        self.timeout = timeout
        self.delays = tuple(RETRY_DELAYS if delays is None else delays)

    # -- HTTP ----------------------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, *, body: bytes | None, content_type: str | None,
                 accept: str | None = None, missing_ok: bool = False) -> bytes:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        last = ""
        for attempt in range(len(self.delays) + 1):
            if attempt:
                time.sleep(self.delays[attempt - 1])
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return bytes(response.read())
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and missing_ok:
                    return b""
                detail = exc.read()[:300].decode("utf-8", "replace")
                if exc.code < 500:  # the request itself is wrong; repeating it cannot help
                    raise RemoteStoreError(f"{self.url}: {method} {url} was refused with HTTP {exc.code}: "
                                           f"{detail}") from None
                last = f"HTTP {exc.code}: {detail}"
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = str(getattr(exc, "reason", exc))
        raise RemoteStoreError(f"{self.url}: the server did not answer {method} {url} after {len(self.delays) + 1} "
                               f"attempts ({last}); check that it is running and reachable")

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update at the update endpoint (one transaction on the server)."""
        self._request("POST", self.endpoints[1], body=sparql.encode("utf-8"),
                      content_type="application/sparql-update")

    def _select(self, sparql: str) -> dict[str, object]:
        answer = self._request("POST", self.endpoints[0], body=sparql.encode("utf-8"),
                               content_type="application/sparql-query", accept="application/sparql-results+json")
        parsed: dict[str, object] = json.loads(answer)
        return parsed

    # -- the pyoxigraph.Store subset ----------------------------------------------------------------------------

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT over the union of all graphs, as plain strings (like :func:`graph.store._select`)."""
        answer = self._select(with_values(sparql, bindings or {}))
        results = answer["results"]
        assert isinstance(results, dict)
        return [{name: value["value"] for name, value in row.items()} for row in results["bindings"]]

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """The answer of an ASK query."""
        return bool(self._select(with_values(sparql, bindings or {}))["boolean"])

    def quads_for_pattern(self, subject: Term | None, predicate: Term | None, obj: Term | None,
                          graph: ox.NamedNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
        """Quads matching a pattern (None = any) in one graph (the default graph or a named one)."""
        bound = {name: term for name, term in (("s", subject), ("p", predicate), ("o", obj)) if term is not None}
        if isinstance(graph, ox.NamedNode):
            bound["g"] = graph
            sparql = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # the server's default graph, not the union
        answer = self._select(with_values(sparql, bound))
        results = answer["results"]
        assert isinstance(results, dict)
        target = graph if graph is not None else ox.DefaultGraph()
        for row in results["bindings"]:
            s = subject if subject is not None else _term(row["s"])
            p = predicate if predicate is not None else _term(row["p"])
            o = obj if obj is not None else _term(row["o"])
            yield ox.Quad(s, p, o, target)  # type: ignore[arg-type]

    def __contains__(self, quad: ox.Quad) -> bool:
        graph = quad.graph_name if isinstance(quad.graph_name, ox.NamedNode) else None
        return any(True for _ in self.quads_for_pattern(quad.subject, quad.predicate, quad.object, graph))

    def put_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph with ``quads`` (Graph Store Protocol PUT: all or nothing on the server)."""
        body = "\n".join(_triple_text(q) for q in quads).encode("utf-8")
        url = f"{self.endpoints[2]}?{urllib.parse.urlencode({'graph': graph.value})}"
        self._request("PUT", url, body=body, content_type="application/n-triples")

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Delete one named graph (absent is fine)."""
        url = f"{self.endpoints[2]}?{urllib.parse.urlencode({'graph': graph.value})}"
        self._request("DELETE", url, body=None, content_type=None, missing_ok=True)

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads: default-graph ones by INSERT DATA, each named graph's by one PUT (it replaces the graph)."""
        default: list[ox.Quad] = []
        named: dict[ox.NamedNode, list[ox.Quad]] = {}
        for quad in quads:
            if isinstance(quad.graph_name, ox.NamedNode):
                named.setdefault(quad.graph_name, []).append(quad)
            else:
                default.append(quad)
        for graph, members in named.items():
            self.put_graph(graph, members)
        self._data("INSERT", default)

    def remove(self, quad: ox.Quad) -> None:
        """Remove one default-graph quad."""
        self._data("DELETE", [quad])

    def swap(self, old: Iterable[ox.Quad], new: Sequence[ox.Quad]) -> None:
        """Delete ``old`` and insert ``new`` default-graph quads, in one update request per batch."""
        keep = set(new)
        gone = sorted((q for q in set(old) if q not in keep), key=str)
        self._data("DELETE", gone)
        self._data("INSERT", list(new))

    def _data(self, verb: str, quads: Sequence[ox.Quad]) -> None:
        for start in range(0, len(quads), _BATCH):
            body = "\n".join(_triple_text(q) for q in quads[start:start + _BATCH])
            self.update(f"{verb} DATA {{\n{body}\n}}")

    def flush(self) -> None:
        """Nothing to flush: every request is committed by the server when it answers."""


__all__ = ["RETRY_DELAYS", "RemoteStore", "RemoteStoreError", "is_remote", "with_values"]
