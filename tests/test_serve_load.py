"""Load on kg serve: 200 clients at once (threads, loopback only, a bounded number of requests) all get answers.

Prints throughput and p50/p99 latency (run with ``-s`` to see them; figures go to BENCHMARKS.md by hand). No
timing is asserted: the machine decides those, the test decides only that nothing failed.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from graph.build import run_build_texts
from graph.serve import EndpointSettings, make_server

CLIENTS = 200
QUERIES_PER_CLIENT = 5
QUERIES = [
    "ASK { ?s ?p ?o }",
    "SELECT ?b WHERE { <https://w3id.org/claimgraph/entity/google> <https://w3id.org/claimgraph/ontology#acquired> ?b }",
    "SELECT ?c WHERE { ?c a <https://w3id.org/claimgraph/ontology#Claim> } LIMIT 5",
]


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    quads = run_build_texts(["Google acquired DeepMind in 2014.", "NVIDIA competes with AMD in AI chips."]).quads
    store = ox.Store()
    store.extend(quads)
    server = make_server(store, port=0, settings=EndpointSettings())  # the default limits
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_two_hundred_concurrent_clients_all_get_answers(port: int) -> None:
    start = threading.Barrier(CLIENTS)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        start.wait(timeout=60)  # every client connects at the same moment
        for i in range(QUERIES_PER_CLIENT):
            query = QUERIES[(number + i) % len(QUERIES)]
            began = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                                   headers={"Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                body = response.read()
                connection.close()
                outcome = None if response.status == 200 and body else f"{response.status}: {body[:200]!r}"
            except OSError as exc:
                outcome = f"{exc.__class__.__name__}: {exc}"
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if outcome:
                    failures.append(outcome)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wall = time.perf_counter() - began
    assert not any(thread.is_alive() for thread in threads), "a client never finished"
    assert failures == []
    assert len(latencies) == CLIENTS * QUERIES_PER_CLIENT
    print(f"\nkg serve load: {CLIENTS} concurrent clients x {QUERIES_PER_CLIENT} queries = {len(latencies)} requests "
          f"in {wall:.2f} s, {len(latencies) / wall:.0f} requests/s; latency p50 "
          f"{1000 * statistics.median(latencies):.1f} ms, p99 {1000 * _percentile(latencies, 0.99):.1f} ms, "
          f"max {1000 * max(latencies):.1f} ms")
