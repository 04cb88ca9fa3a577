"""kg serve: a SPARQL 1.1 Protocol endpoint that SPARQLWrapper can talk to, read-only and with limits."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.build import run_build_texts
from graph.query import load_store
from graph.rdf_files import write_rdf
from graph.serve import EndpointSettings, make_server

KG = "https://w3id.org/claimgraph/ontology#"
ENT = "https://w3id.org/claimgraph/entity/"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The endpoint on a free port, serving two small documents, stopped after the module."""
    out = tmp_path_factory.mktemp("serve") / "graph.trig"
    write_rdf(run_build_texts(["Google acquired DeepMind in 2014.", "NVIDIA competes with AMD in AI chips."]).quads, out)
    server = make_server(load_store(out), port=0, settings=EndpointSettings(timeout=5, max_rows=3, max_body_bytes=2000))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def client(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(status, content type, body) of one request; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_select_through_sparqlwrapper_sees_claims_in_document_graphs(endpoint: str) -> None:
    query = f"SELECT ?s ?o WHERE {{ ?c a <{KG}Claim> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; " \
            f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{KG}acquired> ; " \
            f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }}"
    bindings = client(endpoint, query).queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [(b["s"]["value"], b["o"]["value"]) for b in bindings] == [(ENT + "google", ENT + "google-deepmind")]


def test_ask_through_sparqlwrapper(endpoint: str) -> None:
    assert client(endpoint, f"ASK {{ ?a <{KG}competesWith> ?b }}").queryAndConvert()["boolean"] is True  # type: ignore[index]
    assert client(endpoint, f"ASK {{ ?a <{KG}sued> ?b }}").queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_construct_through_sparqlwrapper_returns_turtle(endpoint: str) -> None:
    graph = client(endpoint, f"CONSTRUCT {{ ?a <{KG}acquired> ?b }} WHERE {{ ?a <{KG}acquired> ?b }}",
                   TURTLE).queryAndConvert()
    import rdflib

    parsed = rdflib.Graph().parse(data=graph, format="turtle")  # type: ignore[arg-type]
    assert set(parsed) == {(rdflib.URIRef(ENT + "google"), rdflib.URIRef(KG + "acquired"),
                            rdflib.URIRef(ENT + "google-deepmind"))}


def test_xml_and_csv_results_are_negotiated(endpoint: str) -> None:
    query = f"SELECT ?b WHERE {{ <{ENT}google> <{KG}acquired> ?b }}"
    xml = client(endpoint, query, XML).queryAndConvert()
    assert [node.firstChild.data for node in xml.getElementsByTagName("uri")] == [ENT + "google-deepmind"]  # type: ignore[union-attr]
    csv_text = client(endpoint, query, CSV).queryAndConvert()
    assert csv_text.decode().splitlines() == ["b", ENT + "google-deepmind"]  # type: ignore[union-attr]
    status, content_type, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                       headers={"Accept": "text/tab-separated-values"})
    assert (status, content_type.split(";")[0]) == (200, "text/tab-separated-values")
    assert body.splitlines() == ["?b", f"<{ENT}google-deepmind>"]


def test_post_form_and_direct_query_bodies(endpoint: str) -> None:
    query = "ASK { ?s ?p ?o }"
    form = urllib.parse.urlencode({"query": query}).encode()
    assert fetch(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[2] == \
        '{"head": {}, "boolean": true}'
    assert fetch(endpoint, data=query.encode(), headers={"Content-Type": "application/sparql-query"})[2] == \
        '{"head": {}, "boolean": true}'


def test_row_limit_cuts_answers_and_says_so(endpoint: str) -> None:
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
    with urllib.request.urlopen(request, timeout=10) as response:
        import json

        assert len(json.loads(response.read())["results"]["bindings"]) == 3
        assert response.headers["X-Claimgraph-Truncated"] == "max-rows=3"


@pytest.mark.parametrize("query", ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                   "select * { optional { service silent <http://example.com/x> { ?s ?p ?o } } }"])
def test_service_is_refused(endpoint: str, query: str) -> None:
    with pytest.raises(QueryBadFormed, match="SERVICE clauses are refused"):
        client(endpoint, query).query()


@pytest.mark.parametrize("update", ["LOAD <http://example.com/data.ttl>", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
                                    "CLEAR ALL"])
def test_updates_and_load_are_refused(endpoint: str, update: str) -> None:
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod("POST")
    sparql.setQuery(update)  # SPARQLWrapper sends these as update= requests
    with pytest.raises(QueryBadFormed, match="updates are refused"):
        sparql.query()
    as_query = fetch(endpoint + "?" + urllib.parse.urlencode({"query": update}))
    assert as_query[0] == 400 and "updates are refused" in as_query[2]
    as_body = fetch(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert as_body[0] == 400 and "read-only" in as_body[2]
    assert client(endpoint, "ASK { <http://e/a> ?p ?o }").queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_malformed_query_is_a_400_with_the_parser_message(endpoint: str) -> None:
    status, content_type, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?s\nWHERE { ?s ?p }"}))
    assert (status, content_type.split(";")[0]) == (400, "text/plain")
    assert "malformed SPARQL: error at 2:" in body and "Traceback" not in body


@pytest.mark.parametrize("url_suffix, data, headers, status", [
    ("", None, {}, 400),  # no query at all
    ("", b"x" * 5000, {"Content-Type": "application/sparql-query"}, 413),  # over max_body_bytes
    ("", b"query=ASK{}", {"Content-Type": "application/json"}, 415),
    ("/../etc/passwd", None, {}, 404),
])
def test_bad_requests_get_clear_statuses(endpoint: str, url_suffix: str, data: bytes | None,
                                         headers: dict[str, str], status: int) -> None:
    got, content_type, body = fetch(endpoint + url_suffix, data=data, headers=headers)
    assert got == status and content_type.startswith("text/plain") and body.strip()


def test_query_page_has_a_form_and_no_outside_scripts(endpoint: str) -> None:
    status, content_type, body = fetch(endpoint.rsplit("/", 1)[0] + "/")
    assert (status, content_type.split(";")[0]) == (200, "text/html")
    assert "<textarea" in body and "fetch(" in body
    assert "src=" not in body and "cdn" not in body.lower()


def test_slow_query_is_stopped_with_503(tmp_path: Path) -> None:
    graph_file = tmp_path / "chain.nt"
    graph_file.write_text("".join(f"<http://e/{i}> <http://e/p> \"{i}\" .\n" for i in range(150)), encoding="utf-8")
    server = make_server(load_store(graph_file), port=0, settings=EndpointSettings(timeout=0.01))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER(?x != ?y) }"
        status, _type, body = fetch(f"http://127.0.0.1:{server.server_address[1]}/sparql?"
                                    + urllib.parse.urlencode({"query": query}))
        assert status == 503 and "was stopped" in body
    finally:
        server.shutdown()
        server.server_close()


def test_binds_to_localhost_by_default() -> None:
    server = make_server(load_store(Path(__file__).parent.parent / "schemas" / "ontology.ttl"), port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
