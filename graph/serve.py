"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, with the standard library's HTTP server.

GET ``/sparql?query=…`` or POST (form ``query=…`` or an ``application/sparql-query`` body). Results are
negotiated from ``Accept``: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; Turtle (default),
N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Updates, LOAD and SERVICE are refused with 400, as are
malformed queries (with the parser's message). ``/`` is a small query page with no outside scripts.

>>> from graph.query import ox_store_of_example
>>> server = make_server(load_store(ox_store_of_example()), port=0)
>>> server.server_address[0]
'127.0.0.1'
>>> server.server_close()
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from graph.exceptions import ClaimgraphError
from graph.query import (
    QueryError,
    QueryKind,
    QueryResult,
    QueryTimeoutError,
    ResultFormat,
    format_result,
    load_store,
    run_query,
    serialize_triples,
)

#: Media types we answer with, in the order used when the client accepts anything.
SELECT_TYPES: dict[str, ResultFormat] = {
    "application/sparql-results+json": ResultFormat.JSON,
    "application/json": ResultFormat.JSON,
    "application/sparql-results+xml": ResultFormat.XML,
    "application/xml": ResultFormat.XML,
    "text/csv": ResultFormat.CSV,
    "text/tab-separated-values": ResultFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True, slots=True)
class EndpointSettings:
    """Limits of one endpoint: query time, rows returned, request body size, queries running at once, how long
    a query waits for a free slot, and how long a silent connection is kept."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body_bytes: int = 1_000_000
    max_running: int = 4
    #: A query arriving while ``max_running`` run waits this long for a slot before it gets 503.
    queue_wait: float = 10.0
    #: Seconds a connection may stay silent (a client that opens a socket and sends nothing is dropped).
    idle_timeout: float = 30.0


def negotiate(accept: str | None, kind: QueryKind) -> str | None:
    """The media type to answer with, from an ``Accept`` header (q-values respected): the default when there is
    no header, None when the header names only types we cannot write (the endpoint answers 406).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", QueryKind.SELECT)
    'application/sparql-results+xml'
    >>> negotiate("*/*", QueryKind.GRAPH), negotiate(None, QueryKind.ASK), negotiate("image/png", QueryKind.ASK)
    ('text/turtle', 'application/sparql-results+json', None)
    """
    offered = list(GRAPH_TYPES if kind is QueryKind.GRAPH else SELECT_TYPES)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if "/" in media:  # junk in the header is ignored, as if it were not there
            ranked.append((-quality, position, media))
    for negative_quality, _position, media in sorted(ranked):
        if negative_quality >= 0:
            continue  # q=0 means "not this one"
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            group = media.split("/")[0]
            for candidate in offered:
                if group == "*" or candidate.startswith(group + "/"):
                    return candidate
    return offered[0] if not ranked else None


def render(result: QueryResult, media_type: str) -> bytes:
    """The result's body in a negotiated media type.

    >>> render(QueryResult(QueryKind.ASK, boolean=True), "application/sparql-results+json")
    b'{"head": {}, "boolean": true}'
    """
    if result.kind is QueryKind.GRAPH:
        return serialize_triples(result.triples, GRAPH_TYPES[media_type]).encode("utf-8")
    return format_result(result, SELECT_TYPES[media_type]).encode("utf-8")


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>claimgraph SPARQL</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:80em}
textarea{width:100%;height:14em;font-family:monospace;font-size:14px}
table{border-collapse:collapse;margin-top:1em;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;
text-align:left;vertical-align:top}#status{margin-left:1em;color:#555}pre{white-space:pre-wrap}
</style></head><body>
<h1>claimgraph SPARQL endpoint</h1>
<p>Read-only. Claims sit in per-document graphs; the default graph is their union.
POST or GET <code>/sparql</code> with <code>query=</code>.</p>
<textarea id="q">PREFIX kg: &lt;https://w3id.org/claimgraph/ontology#&gt;
PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;
SELECT ?a ?relation ?b WHERE {
  ?relation a kg:Relation .
  ?a ?relation ?b .
} LIMIT 50</textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<div id="out"></div>
<script>
"use strict";
const out = document.getElementById("out"), status = document.getElementById("status");
function cell(term) {
  if (!term) return "";
  return term.type === "literal" && term["xml:lang"] ? term.value + " @" + term["xml:lang"] : term.value;
}
document.getElementById("run").addEventListener("click", async () => {
  status.textContent = "running…"; out.textContent = "";
  const started = performance.now();
  try {
    const response = await fetch("sparql", {method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: document.getElementById("q").value});
    const text = await response.text();
    status.textContent = response.status + " in " + Math.round(performance.now() - started) + " ms";
    const pre = document.createElement("pre");
    if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) {
      pre.textContent = text; out.appendChild(pre); return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) { pre.textContent = String(data.boolean); out.appendChild(pre); return; }
    const table = document.createElement("table"), head = table.insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th"); th.textContent = name; head.appendChild(th);
    }
    for (const binding of data.results.bindings) {
      const row = table.insertRow();
      for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
    }
    out.appendChild(table);
    status.textContent += ", " + data.results.bindings.length + " rows";
  } catch (error) { status.textContent = String(error); }
});
</script></body></html>
"""


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections of a burst of clients (they retry after a second or fail).
    request_queue_size = 256


def _utf8(data: bytes | str, *, where: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"{where} is not UTF-8 (byte {exc.start}); "
                                               "send the query as UTF-8") from None


def _parse_params(text: str, *, where: str) -> dict[str, list[str]]:
    """Form or URL parameters, refusing bad percent-escapes and escapes that are not UTF-8.

    >>> _parse_params("query=ASK%7B%7D&x=", where="the URL")
    {'query': ['ASK{}'], 'x': ['']}
    """
    bad = _BAD_ESCAPE.search(text)
    if bad:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"{where} has a bad percent-escape {text[bad.start():bad.start() + 3]!r} "
                                               f"at character {bad.start()}; write a literal % as %25")
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"{where} has percent-escapes that are not UTF-8; "
                                               "encode the query as UTF-8 before percent-encoding it") from None


_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


class _Refused(Exception):
    """A request answered with an error status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def make_server(store: ox.Store, *, host: str = "127.0.0.1", port: int = 7878,
                settings: EndpointSettings | None = None) -> ThreadingHTTPServer:
    """A ready (not yet serving) HTTP server answering SPARQL queries over ``store``; ``port=0`` picks a free one.

    >>> server = make_server(ox.Store(), port=0, settings=EndpointSettings(timeout=1))
    >>> server.server_address[1] > 0
    True
    >>> server.server_close()
    """
    limits = settings or EndpointSettings()
    # Abandoned (timed-out) queries keep running until the engine returns; counting them here stops a client
    # from piling up slow queries until the machine is saturated.
    running = threading.BoundedSemaphore(limits.max_running)

    class Handler(BaseHTTPRequestHandler):
        server_version = "claimgraph"
        sys_version = ""
        timeout = limits.idle_timeout  # socket timeout: a silent or half-sent request does not hold a thread
        # http.server's own refusals (431 header too long, 414 URI too long, 400 bad request line) in plain text
        error_content_type = "text/plain; charset=utf-8"
        error_message_format = "%(code)d %(message)s: %(explain)s\n"

        def log_message(self, format: str, *args: object) -> None:
            pass  # request lines would drown the CLI's own messages; errors are in the responses

        def do_GET(self) -> None:
            self._safely(self._get)

        def do_POST(self) -> None:
            self._safely(self._post)

        def _safely(self, method: Callable[[], None]) -> None:
            """Any unexpected failure is a short 500 message: a client never sees a traceback."""
            try:
                method()
            except _Refused as refused:
                self._error(refused.status, refused.message)
            except (TimeoutError, ConnectionError):
                self.close_connection = True  # the client went silent or away; nobody to answer
            except Exception as exc:  # noqa: BLE001 - the last line of defence of a server thread
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self._error(HTTPStatus.INTERNAL_SERVER_ERROR,
                                f"internal error ({exc.__class__.__name__}); the query was not answered")

        def _get(self) -> None:
            url = urlsplit(self.path)
            params = _parse_params(url.query, where="the URL")
            if url.path in ("/", "/index.html") and "query" not in params:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", _PAGE.encode("utf-8"))
                return
            if url.path not in ("/", "/sparql"):
                self._error(HTTPStatus.NOT_FOUND, f"no page {url.path}; the endpoint is /sparql")
                return
            self._answer(params)

        def _post(self) -> None:
            url = urlsplit(self.path)
            if url.path not in ("/", "/sparql"):
                self._error(HTTPStatus.NOT_FOUND, f"no page {url.path}; the endpoint is /sparql")
                return
            body = self._body()
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = _parse_params(url.query, where="the URL")
            if content_type == "application/sparql-query":
                params["query"] = [_utf8(body, where="the request body")]
            elif content_type == "application/sparql-update":
                params["update"] = [_utf8(body, where="the request body")]
            elif content_type in ("application/x-www-form-urlencoded", ""):
                params.update(_parse_params(_utf8(body, where="the request body"), where="the request body"))
            else:
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            f"cannot read a {content_type!r} body; send application/sparql-query or "
                            "application/x-www-form-urlencoded (query=...)")
                return
            self._answer(params)

        def do_PUT(self) -> None:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only; use GET or POST with query=")

        do_DELETE = do_PATCH = do_PUT

        def _body(self) -> bytes:
            length_header = self.headers.get("Content-Length")
            if length_header is None:
                raise _Refused(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length header")
            try:
                length = int(length_header)
            except ValueError:
                raise _Refused(HTTPStatus.BAD_REQUEST, f"bad Content-Length {length_header!r}") from None
            if length < 0:
                raise _Refused(HTTPStatus.BAD_REQUEST, f"bad Content-Length {length_header!r}")
            if length > limits.max_body_bytes:
                raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"request body of {length} bytes is over the limit of {limits.max_body_bytes}")
            return self.rfile.read(length)

        def _answer(self, params: dict[str, list[str]]) -> None:
            if "update" in params:
                self._error(HTTPStatus.BAD_REQUEST, "updates are refused: this endpoint is read-only")
                return
            queries = params.get("query", [])
            if len(queries) != 1 or not queries[0].strip():
                self._error(HTTPStatus.BAD_REQUEST, "give exactly one non-empty query= parameter")
                return
            if params.get("default-graph-uri") or params.get("named-graph-uri"):
                self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported; "
                                                    "the default graph is the union of all graphs")
                return
            accept = self.headers.get("Accept")
            if accept is not None and not accept.strip():
                accept = None
            if negotiate(accept, QueryKind.SELECT) is None and negotiate(accept, QueryKind.GRAPH) is None:
                self._refuse_accept(accept)
                return
            # Wait a little for a slot: a burst of quick queries queues instead of failing.
            if not running.acquire(timeout=limits.queue_wait):
                self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"{limits.max_running} queries are already running; try again shortly")
                return
            released = threading.Event()

            def release() -> None:
                if not released.is_set():
                    released.set()
                    running.release()

            try:
                result = run_query(store, queries[0], timeout=limits.timeout, max_rows=limits.max_rows,
                                   on_finish=release)
            except QueryTimeoutError as exc:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
                return
            except (QueryError, ClaimgraphError) as exc:
                release()
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            except BaseException:
                release()  # a failure before the query started must not keep its slot forever
                raise
            media_type = negotiate(accept, result.kind)
            if media_type is None:
                self._refuse_accept(accept, kind=result.kind)
                return
            headers = {"X-Claimgraph-Truncated": f"max-rows={limits.max_rows}"} if result.truncated else {}
            self._send(HTTPStatus.OK, f"{media_type}; charset=utf-8", render(result, media_type), headers)

        def _refuse_accept(self, accept: str | None, *, kind: QueryKind | None = None) -> None:
            kinds = [kind] if kind is not None else [QueryKind.SELECT, QueryKind.GRAPH]
            offered = ", ".join(t for k in kinds for t in (GRAPH_TYPES if k is QueryKind.GRAPH else SELECT_TYPES))
            self._error(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in any type of Accept: {accept!r}; "
                                                   f"this query's results come as {offered}")

        def _error(self, status: HTTPStatus, message: str) -> None:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

        def _send(self, status: HTTPStatus, content_type: str, body: bytes,
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = _Server((host, port), Handler)
    server.daemon_threads = True  # a stuck request must not keep the process alive at shutdown
    return server


def serve(graph: str | Path | ox.Store, *, host: str = "127.0.0.1", port: int = 7878,
          settings: EndpointSettings | None = None,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Load ``graph`` and answer SPARQL queries until interrupted; ``on_ready`` gets the endpoint's URL.

    >>> import threading, urllib.request
    >>> from graph.query import ox_store_of_example
    >>> ready = threading.Event(); urls = []
    >>> def started(url: str) -> None:
    ...     urls.append(url); ready.set()
    >>> thread = threading.Thread(target=serve, args=(ox_store_of_example(),),
    ...                           kwargs={"port": 0, "on_ready": started}, daemon=True)
    >>> thread.start(); _ = ready.wait(10)
    >>> urllib.request.urlopen(urls[0] + "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D").read()
    b'{"head": {}, "boolean": true}'
    """
    try:
        server = make_server(load_store(graph), host=host, port=port, settings=settings)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from None
    bound_host, bound_port = server.server_address[:2]
    host_text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
    shown = f"[{host_text}]" if ":" in host_text else host_text
    if on_ready is not None:
        on_ready(f"http://{shown}:{bound_port}/sparql")
    try:
        server.serve_forever()
    finally:
        server.server_close()


class ServeError(ClaimgraphError, OSError):
    """The endpoint could not start (port taken, address not available)."""


__all__ = [
    "GRAPH_TYPES",
    "SELECT_TYPES",
    "EndpointSettings",
    "ServeError",
    "make_server",
    "negotiate",
    "render",
    "serve",
]
