"""CI check on the user's seed article: the six expected relations, and at most two other relation triples.

Usage: python benchmarks/check_seed.py PATH/TO/o1-article.zh.txt
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from graph.build import build_to_file
from graph.namespaces import ONTOLOGY_IRI

EXPECTED = {
    ("openai", "released", "o1"), ("openai", "delayed", "sora"), ("openai", "competesWith", "claude"),
    ("openai", "competesWith", "google"), ("openai", "competesWith", "xai"), ("devin", "betaTested", "o1"),
}


def relation_triples(path: Path) -> set[tuple[str, str, str]]:
    """The asserted ``X kg:relation Y`` triples of a built graph, by local names, symmetric pairs sorted."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    query = """
        PREFIX kg: <https://w3id.org/claimgraph/ontology#>
        SELECT ?s ?p ?o WHERE { ?p a kg:Relation . ?s ?p ?o }"""
    symmetric = {"competesWith", "partnersWith", "mergedWith"}
    found = set()
    for row in store.query(query):  # type: ignore[union-attr]
        s, p, o = (term.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for term in row)
        if p in symmetric and s > o:
            s, o = o, s
        found.add((s, p, o))
    return found


def main(seed: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.ttl"
        build_to_file([seed], out)
        found = relation_triples(out)
    expected = {(min(s, o), p, max(s, o)) if p == "competesWith" else (s, p, o) for s, p, o in EXPECTED}
    missing = expected - found
    extra = found - expected
    print(f"seed: {len(expected - missing)}/{len(expected)} expected relations, {len(extra)} other relation triples")
    for triple in sorted(missing):
        print("  missing:", triple)
    for triple in sorted(extra):
        print("  other:  ", triple)
    assert ONTOLOGY_IRI
    return 0 if not missing and len(extra) <= 2 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
