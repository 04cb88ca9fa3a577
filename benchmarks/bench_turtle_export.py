"""Turtle export of a 1M-triple claim graph: pyoxigraph (what kg build uses) vs rdflib's serializer.

Target (issue 4): pyoxigraph at least 15x faster. The graph is synthetic but shaped like ours: reified claims
(14 triples each, bilingual evidence literals, decimals, dates) plus asserted triples and entity labels.
Both writers get the same triples and the same prefixes; graph construction is not timed.

Usage::

    python benchmarks/bench_turtle_export.py [--triples 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from graph.build import to_rdflib
from graph.namespaces import DCTERMS, KG, PROV, RDF, RDFS, XSD, prefixes

BASE = "https://w3id.org/claimgraph/"
RELATIONS = ("acquired", "released", "investedIn", "partnersWith", "competesWith", "developedBy", "sued")


def synthetic_quads(triples: int, *, seed: int) -> list[ox.Quad]:
    """About ``triples`` default-graph quads shaped like a claimgraph build."""
    rng = random.Random(seed)
    entities = [ox.NamedNode(f"{BASE}entity/entity-{i}") for i in range(max(10, triples // 200))]
    quads: list[ox.Quad] = []
    for entity in entities:
        quads.append(ox.Quad(entity, RDF.type, KG.Organization))
        quads.append(ox.Quad(entity, RDFS.label, ox.Literal(f"Entity {entity.value[-6:]}", language="en")))
    number = 0
    while len(quads) < triples:
        claim = ox.NamedNode(f"{BASE}claim/{number:024x}")
        doc = ox.NamedNode(f"{BASE}doc/{number // 20:020x}")
        s, o = rng.choice(entities), rng.choice(entities)
        rel = KG.term(rng.choice(RELATIONS))
        evidence = f"据报道,{s.value[-6:]} 计划收购 {o.value[-6:]},交易金额 {rng.randint(1, 999)} 亿美元。"
        for p, v in ((RDF.type, KG.Claim), (RDF.subject, s), (RDF.predicate, rel), (RDF.object, o),
                     (KG.polarity, KG.Positive), (KG.modality, KG.Asserted),
                     (KG.confidence, ox.Literal(f"{rng.random():.3f}", datatype=XSD.decimal)),
                     (KG.argumentInferred, ox.Literal("false", datatype=XSD.boolean)),
                     (KG.evidence, ox.Literal(evidence, language="zh")),
                     (KG.startOffset, ox.Literal(str(rng.randint(0, 9999)), datatype=XSD.integer)),
                     (KG.endOffset, ox.Literal(str(rng.randint(0, 9999)), datatype=XSD.integer)),
                     (KG.triggerText, ox.Literal("收购")), (PROV.wasDerivedFrom, doc),
                     (DCTERMS.date, ox.Literal(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)),):
            quads.append(ox.Quad(claim, p, v))
        quads.append(ox.Quad(s, rel, o))
        number += 1
    return quads[:triples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}, "
          f"load average {os.getloadavg()[0]:.1f}")
    quads = synthetic_quads(args.triples, seed=args.seed)
    graph = to_rdflib(quads)
    print(f"{len(quads):,} quads, {len(graph):,} distinct triples")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        ox.serialize([q.triple for q in quads], output=str(tmp / "ox.ttl"), format=ox.RdfFormat.TURTLE,
                     prefixes=prefixes(BASE))
        ox_seconds = time.perf_counter() - started
        started = time.perf_counter()
        graph.serialize(destination=str(tmp / "rdflib.ttl"), format="turtle")
        rdflib_seconds = time.perf_counter() - started
        ox_size, rdflib_size = (tmp / "ox.ttl").stat().st_size, (tmp / "rdflib.ttl").stat().st_size
        check = ox.Store()
        check.load(path=str(tmp / "ox.ttl"), format=ox.RdfFormat.TURTLE)
    print(f"pyoxigraph Turtle: {ox_seconds:8.2f} s  ({ox_size / 1e6:.1f} MB, reloads to {len(check):,} triples)")
    print(f"rdflib Turtle:     {rdflib_seconds:8.2f} s  ({rdflib_size / 1e6:.1f} MB)")
    print(f"ratio rdflib / pyoxigraph = {rdflib_seconds / ox_seconds:.1f}x (target >= 15x)")


if __name__ == "__main__":
    main()
