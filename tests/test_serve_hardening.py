"""kg serve under hostile clients: raw malformed requests get a 4xx with a plain message, never a 500 or a
traceback; the graph cannot be changed; slow or silent clients do not hold the server."""

from __future__ import annotations

import random
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.build import run_build_texts
from graph.query import load_store
from graph.rdf_files import write_rdf
from graph.serve import EndpointSettings, make_server


@dataclass(frozen=True)
class Served:
    host: str
    port: int
    triples: int


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    out = tmp_path_factory.mktemp("hardening") / "graph.trig"
    quads = run_build_texts(["Google acquired DeepMind in 2014.", "英伟达与AMD竞争。"]).quads
    write_rdf(quads, out)
    store = load_store(out)
    server = make_server(store, port=0, settings=EndpointSettings(timeout=5, max_rows=50, max_body_bytes=4000,
                                                                  idle_timeout=1.0, queue_wait=2))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served("127.0.0.1", server.server_address[1], len(store))
    server.shutdown()
    server.server_close()


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def raw(served: Served, request: bytes, *, read_timeout: float = 10) -> Reply:
    """Send bytes as they are (no client library tidying them up) and read the whole answer."""
    with socket.create_connection((served.host, served.port), timeout=read_timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break  # the server answered and closed while we were still sending
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return Reply(status, headers, body.decode("utf-8", "replace"))


def get(served: Served, target: str, headers: str = "") -> Reply:
    return raw(served, f"GET {target} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n".encode())


def post(served: Served, body: bytes, content_type: str, extra: str = "") -> Reply:
    head = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            f"{extra}Connection: close\r\n\r\n")
    return raw(served, head.encode() + body)


def assert_clean_refusal(reply: Reply, status: int, *words: str) -> None:
    assert reply.status == status, reply
    assert reply.headers.get("content-type", "").startswith("text/plain"), reply.headers
    assert reply.body.strip() and "Traceback" not in reply.body and 'File "' not in reply.body
    for word in words:
        assert word in reply.body, reply.body


ASK = urllib.parse.quote("ASK { ?s ?p ?o }")


def test_a_plain_query_answers(served: Served) -> None:
    reply = get(served, f"/sparql?query={ASK}")
    assert (reply.status, reply.body) == (200, '{"head": {}, "boolean": true}')


def test_bad_percent_escape_is_a_400_naming_it(served: Served) -> None:
    assert_clean_refusal(get(served, "/sparql?query=ASK%ZZ%7B%7D"), 400, "percent-escape", "%ZZ")


def test_percent_escapes_that_are_not_utf8_are_a_400(served: Served) -> None:
    assert_clean_refusal(get(served, "/sparql?query=ASK%FF%FE%7B%7D"), 400, "not UTF-8")


def test_a_body_that_is_not_utf8_is_a_400(served: Served) -> None:
    assert_clean_refusal(post(served, b"ASK { ?s ?p \xff\xfe }", "application/sparql-query"), 400, "not UTF-8")
    assert_clean_refusal(post(served, b"query=ASK%7B\xff%7D", "application/x-www-form-urlencoded"), 400, "not UTF-8")


@pytest.mark.parametrize("content_type", ["application/json", "multipart/form-data; boundary=x", "text/turtle"])
def test_a_body_of_another_type_is_a_415_listing_the_types_we_read(served: Served, content_type: str) -> None:
    assert_clean_refusal(post(served, b"query=ASK{}", content_type), 415, "application/sparql-query")


@pytest.mark.parametrize("target", ["/sparql", "/sparql?query=", "/sparql?query=%20%0A", "/sparql?q=ASK{}",
                                    f"/sparql?query={ASK}&query={ASK}"])
def test_a_missing_empty_or_repeated_query_is_a_400(served: Served, target: str) -> None:
    assert_clean_refusal(get(served, target), 400, "query=")


def test_an_accept_header_naming_only_types_we_cannot_write_is_a_406(served: Served) -> None:
    assert_clean_refusal(get(served, f"/sparql?query={ASK}", "Accept: image/png, text/html;q=0.5\r\n"), 406,
                         "image/png", "application/sparql-results+json")
    construct = urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
    assert_clean_refusal(get(served, f"/sparql?query={construct}", "Accept: text/csv\r\n"), 406, "text/turtle")
    # Absent, empty or wildcard Accept headers get the default type.
    for header in ("", "Accept: \r\n", "Accept: */*\r\n", "Accept: ;;;,,q=x\r\n"):
        assert get(served, f"/sparql?query={ASK}", header).status == 200


def test_huge_header_line_is_refused_with_431(served: Served) -> None:
    reply = get(served, f"/sparql?query={ASK}", "X-Big: " + "a" * 70_000 + "\r\n")
    assert reply.status == 431 and "Traceback" not in reply.body


def test_too_many_headers_are_refused_with_431(served: Served) -> None:
    reply = get(served, f"/sparql?query={ASK}", "".join(f"X-H{i}: v\r\n" for i in range(150)))
    assert reply.status == 431 and "Traceback" not in reply.body


def test_a_huge_url_is_refused_with_414(served: Served) -> None:
    reply = get(served, "/sparql?query=" + "A" * 70_000)
    assert reply.status == 414 and "Traceback" not in reply.body


def test_a_body_over_the_limit_is_a_413_before_it_is_read(served: Served) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n" \
           b"Content-Length: 999999999\r\n\r\n"
    assert_clean_refusal(raw(served, head + b"ASK {}"), 413, "999999999", "4000")


@pytest.mark.parametrize("length", ["-5", "ten", "1e3"])
def test_a_bad_content_length_is_a_400(served: Served, length: str) -> None:
    head = f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: {length}\r\n\r\n"
    assert_clean_refusal(raw(served, head.encode()), 400, "Content-Length")


def test_a_post_without_length_is_a_411(served: Served) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert_clean_refusal(raw(served, head + b"5\r\nASK{}\r\n0\r\n\r\n"), 411, "Content-Length")


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://e/g>",
    "DROP ALL", "CLEAR DEFAULT", "CREATE GRAPH <http://e/g>", "ADD DEFAULT TO <http://e/g>",
    "COPY DEFAULT TO <http://e/g>", "MOVE DEFAULT TO <http://e/g>",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SeRvIcE SILENT <file:///etc/passwd> { ?a ?b ?c } }",
    "ASK { { ?s ?p ?o } UNION { SERVICE <http://e/x> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
])
def test_updates_loads_and_service_are_refused_every_way_and_change_nothing(served: Served, sparql: str) -> None:
    before = _count_quads(served)
    as_get = get(served, "/sparql?query=" + urllib.parse.quote(sparql))
    as_form = post(served, urllib.parse.urlencode({"update": sparql}).encode(), "application/x-www-form-urlencoded")
    as_body = post(served, sparql.encode(), "application/sparql-query")
    as_update = post(served, sparql.encode(), "application/sparql-update")
    for reply in (as_get, as_form, as_body, as_update):
        assert_clean_refusal(reply, 400)
        assert any(word in reply.body for word in ("refused", "read-only", "malformed")), reply.body
    assert _count_quads(served) == before > 0


def _count_quads(served: Served) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    reply = get(served, "/sparql?query=" + urllib.parse.quote(query), "Accept: text/csv\r\n")
    assert reply.status == 200, reply
    return int(reply.body.split()[1])


def test_methods_other_than_get_and_post_are_refused(served: Served) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        reply = raw(served, f"{method} /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".encode())
        assert_clean_refusal(reply, 405, "read-only")


def test_a_silent_client_is_dropped_and_does_not_block_others(served: Served) -> None:
    with socket.create_connection((served.host, served.port), timeout=10) as silent:
        assert get(served, f"/sparql?query={ASK}").status == 200  # answered while the silent one waits
        started = time.monotonic()
        assert silent.recv(1024) == b""  # closed by the server's idle timeout (1 s here), not by us
        assert time.monotonic() - started < 9


def test_a_truncated_body_is_dropped_after_the_idle_timeout_without_an_error_page(served: Served) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 500\r\n\r\n"
    with socket.create_connection((served.host, served.port), timeout=10) as sock:
        sock.sendall(head + b"ASK {")
        assert sock.recv(1024) == b""  # no 500 page: the client gave up mid-request


def test_an_internal_failure_is_a_short_500_without_a_traceback(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.serve

    def broken(*_args: object) -> bytes:
        raise RuntimeError("secret internal detail /home/user/path")

    monkeypatch.setattr(graph.serve, "render", broken)
    reply = get(served, f"/sparql?query={ASK}")
    assert_clean_refusal(reply, 500, "internal error")
    assert "secret" not in reply.body and "/home/user" not in reply.body


def test_failing_queries_give_back_their_slot(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.serve

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(graph.serve, "run_query", broken)
    statuses = [get(served, f"/sparql?query={ASK}").status for _ in range(EndpointSettings().max_running + 2)]
    assert statuses == [500] * len(statuses)  # a leaked slot would turn the later ones into 503s
    monkeypatch.undo()
    assert get(served, f"/sparql?query={ASK}").status == 200


def _mutations(rng: random.Random) -> Iterator[bytes]:
    """Seeded random damage to valid requests: cut, byte flips, junk inserted, duplicated or missing parts."""
    bases = [f"GET /sparql?query={ASK} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode(),
             (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 16\r\n\r\n"
             b"ASK { ?s ?p ?o }"),
             (b"POST /sparql?x=%41 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
             b"Content-Length: 24\r\n\r\nquery=ASK+%7B+%3Fs+%7D&a")]
    junk = [b"\x00", b"\xff", b"%", b"%G1", b"\r\n", b" ", b"\t", b":", b"\xc3(", b"\xed\xa0\x80", b"\\", b"?", b"&&",
            b"=", b"HTTP/9.9", b"\r", b"\n\n"]
    for _ in range(200):
        data = bytearray(rng.choice(bases))
        for _ in range(rng.randint(1, 4)):
            action = rng.randrange(4)
            position = rng.randrange(len(data))
            if action == 0:
                data[position] = rng.randrange(256)
            elif action == 1:
                data[position:position] = rng.choice(junk)
            elif action == 2:
                del data[position:position + rng.randint(1, 8)]
            else:
                data[position:position] = data[position:position + rng.randint(1, 30)]
        yield bytes(data)


def test_two_hundred_damaged_requests_never_get_a_500_or_a_traceback(served: Served) -> None:
    statuses: dict[int, int] = {}
    for request in _mutations(random.Random(20240914)):
        reply = raw(served, request + b"\r\n\r\n", read_timeout=15)  # a cut request would otherwise wait
        statuses[reply.status] = statuses.get(reply.status, 0) + 1
        assert reply.status != 500 and "Traceback" not in reply.body, (request, reply)
    assert get(served, f"/sparql?query={ASK}").status == 200  # still serving
    assert statuses.get(400, 0) > 10, statuses


def test_the_cli_serves_on_localhost_unless_told_otherwise() -> None:
    import inspect

    from graph import command_line, serve

    assert inspect.signature(serve.serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve.make_server).parameters["host"].default == "127.0.0.1"
    host_option = inspect.signature(command_line.serve).parameters["host"].default
    assert host_option == "127.0.0.1"


def test_the_result_limit_and_timeout_apply_to_every_query(tmp_path: Path) -> None:
    graph_file = tmp_path / "many.nt"
    graph_file.write_text("".join(f"<http://e/{i}> <http://e/p> \"{i}\" .\n" for i in range(400)), encoding="utf-8")
    server = make_server(load_store(graph_file), port=0, settings=EndpointSettings(timeout=0.05, max_rows=7))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        here = Served("127.0.0.1", server.server_address[1], 400)
        many = get(here, "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"), "Accept: text/csv\r\n")
        assert many.status == 200 and len(many.body.strip().splitlines()) == 1 + 7
        assert many.headers["x-claimgraph-truncated"] == "max-rows=7"
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER(?x != ?y) }"
        reply = get(here, "/sparql?query=" + urllib.parse.quote(slow))
        assert_clean_refusal(reply, 503, "stopped")
    finally:
        server.shutdown()
        server.server_close()
