"""Aggregates per asserted triple and kg:contradicts links: counts, noisy-OR, RDF shape, and kg stats listing."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox

from graph.aggregate import aggregate, find_contradictions, noisy_or
from graph.build import run_build_texts
from graph.namespaces import KG
from graph.settings import ExtractorMode, Settings
from graph.stats import graph_stats

_AGGREGATES = """
PREFIX kg: <https://w3id.org/claimgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?claims ?sources ?confidence WHERE {
  ?agg a kg:Aggregate ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       kg:claimCount ?claims ; kg:sourceCount ?sources ; kg:combinedConfidence ?confidence .
  ?s ?p ?o .
}
"""


def _store(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def test_aggregate_counts_claims_and_distinct_sources_and_combines_their_best_confidence() -> None:
    result = run_build_texts(["Google acquired DeepMind. Google acquired DeepMind in 2014.",
                              "Google acquired DeepMind."])
    [found] = aggregate(result.claims)
    assert (found.relation, found.claim_count, found.source_count) == ("acquired", 3, 2)
    best = {}
    for claim in result.claims:
        best[claim.doc_id] = max(best.get(claim.doc_id, 0.0), claim.confidence)
    assert found.combined_confidence == noisy_or(best.values())
    assert noisy_or([0.5, 0.5]) == 0.75


def test_aggregate_node_sits_on_the_asserted_triple_in_the_built_graph() -> None:
    # The rules give each claim 0.85 (the hybrid would re-score them), so the combined confidence is known.
    result = run_build_texts(["Google acquired DeepMind.", "Google acquired DeepMind."],
                             settings=Settings(extractor=ExtractorMode.RULES))
    rows = list(_store(result.quads).query(_AGGREGATES))
    assert len(rows) == 1
    row = rows[0]
    assert row["p"] == KG.acquired
    assert (row["claims"].value, row["sources"].value) == ("2", "2")
    assert row["confidence"].value == f"{noisy_or([0.85, 0.85]):.3f}"


def test_hedged_negative_and_below_threshold_claims_get_no_aggregate() -> None:
    result = run_build_texts(["据报道,苹果公司计划收购 Mistral AI。", "Google did not acquire DeepMind."])
    assert aggregate(result.claims) == []
    confident = run_build_texts(["Google acquired DeepMind."])
    assert aggregate(confident.claims, threshold=0.99) == []


def test_opposite_polarity_claims_are_linked_both_ways_with_contradicts() -> None:
    result = run_build_texts(["Google acquired DeepMind.", "Google did not acquire DeepMind."])
    positive = next(c for c in result.claims if c.polarity == "positive")
    negative = next(c for c in result.claims if c.polarity == "negative")
    links = {(q.subject.value.rsplit("/", 1)[-1], q.object.value.rsplit("/", 1)[-1])
             for q in result.quads if q.predicate == KG.contradicts}
    assert links == {(positive.claim_id, negative.claim_id), (negative.claim_id, positive.claim_id)}


def test_symmetric_relation_said_the_other_way_round_still_contradicts() -> None:
    claims = run_build_texts(["Nvidia competes with AMD.", "AMD does not compete with Nvidia."]).claims
    flipped = [dataclasses.replace(c, subject=c.object, object=c.subject) if c.polarity == "negative" else c
               for c in claims]
    assert len(find_contradictions(flipped, symmetric=["competesWith"])) == 1
    assert find_contradictions(flipped) == []  # directed, the two claims are about different statements


def test_released_and_delayed_contradict_only_in_the_same_month() -> None:
    result = run_build_texts(["OpenAI released Sora.", "OpenAI delayed Sora."])
    first, second = (info.doc_id for info in result.documents)
    same_month = {first: "2024-12-09", second: "2024-12-20"}
    other_month = {first: "2024-12-09", second: "2025-02-01"}
    assert [c.kind for c in find_contradictions(result.claims, dates=same_month)] == ["mutually exclusive"]
    assert [c.first.relation for c in find_contradictions(result.claims, dates=same_month)] == ["released"]
    assert find_contradictions(result.claims, dates=other_month) == []
    assert find_contradictions(result.claims) == []  # undated and in different documents: no period in common


def test_kg_stats_lists_contradicting_claims() -> None:
    result = run_build_texts(["Google acquired DeepMind.", "Google did not acquire DeepMind.",
                              "OpenAI released Sora."])
    stats = graph_stats(result.quads)
    assert stats.contradictions == (("Google acquired Google DeepMind", "not Google acquired Google DeepMind"),)
    assert "contradictions (claim pairs): 1" in stats.render()


def test_rebuilding_gives_the_same_aggregate_quads() -> None:
    texts = ["Google acquired DeepMind.", "Microsoft partnered with OpenAI.", "Google acquired DeepMind."]
    assert run_build_texts(texts).quads == run_build_texts(texts).quads
