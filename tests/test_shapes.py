"""schemas/shapes.ttl states what the builder promises; built graphs conform and broken ones do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from conftest import union_graph
from rdflib.namespace import RDF

from graph.build import BuildResult, to_rdflib

KG = rdflib.Namespace("https://w3id.org/claimgraph/ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
# A plain Namespace, not rdflib's closed XSD, whose unknown-attribute warning pytest's doctest scan would trigger.
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
Validate = Callable[[rdflib.Graph], tuple[bool, str]]


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in graph:
        out.add(triple)
    return out


def _first_claim(graph: rdflib.Graph) -> rdflib.term.Node:
    return min(graph.subjects(RDF.type, KG.Claim))


def test_examples_graph_conforms_to_the_shapes(examples_trig: Path, validate: Validate) -> None:
    graph = union_graph(examples_trig)
    assert len(list(graph.subjects(RDF.type, KG.Claim))) > 50, "the examples should give many claims"
    conforms, report = validate(graph)
    assert conforms, report


def test_hostile_names_graph_conforms_to_the_shapes(hostile_result: BuildResult, validate: Validate) -> None:
    graph = to_rdflib(hostile_result.quads)
    assert len(list(graph.subjects(RDF.type, KG.Claim))) >= 2
    conforms, report = validate(graph)
    assert conforms, report


@pytest.fixture(scope="module")
def small_graph(examples_result: BuildResult) -> rdflib.Graph:
    """A valid graph to break in one place per test."""
    return to_rdflib(examples_result.quads)


def _break_and_validate(graph: rdflib.Graph, validate: Validate,
                        edit: Callable[[rdflib.Graph, rdflib.term.Node], None]) -> tuple[bool, str]:
    broken = _copy(graph)
    edit(broken, _first_claim(broken))
    return validate(broken)


@pytest.mark.parametrize("case", [
    "no-polarity", "unknown-modality", "confidence-above-one", "two-subjects", "literal-object",
    "start-after-end", "negative-offset", "derived-from-non-document", "inferred-not-boolean",
])
def test_a_broken_claim_does_not_conform(case: str, small_graph: rdflib.Graph, validate: Validate) -> None:
    def edit(g: rdflib.Graph, claim: rdflib.term.Node) -> None:
        if case == "no-polarity":
            g.remove((claim, KG.polarity, None))
        elif case == "unknown-modality":
            g.set((claim, KG.modality, KG.Rumoured))
        elif case == "confidence-above-one":
            g.set((claim, KG.confidence, rdflib.Literal("1.5", datatype=XSD.decimal)))
        elif case == "two-subjects":
            g.add((claim, RDF.subject, rdflib.URIRef("https://w3id.org/claimgraph/entity/openai")))
            g.add((claim, RDF.subject, rdflib.URIRef("https://w3id.org/claimgraph/entity/google")))
        elif case == "literal-object":
            g.set((claim, RDF.object, rdflib.Literal("OpenAI")))
        elif case == "start-after-end":
            g.set((claim, KG.startOffset, rdflib.Literal(10_000, datatype=XSD.integer)))
            g.set((claim, KG.endOffset, rdflib.Literal(5, datatype=XSD.integer)))
        elif case == "negative-offset":
            g.set((claim, KG.startOffset, rdflib.Literal(-1, datatype=XSD.integer)))
        elif case == "derived-from-non-document":
            g.set((claim, PROV.wasDerivedFrom, rdflib.URIRef("https://example.com/not-a-document")))
        elif case == "inferred-not-boolean":
            g.set((claim, KG.argumentInferred, rdflib.Literal("maybe")))

    conforms, _report = _break_and_validate(small_graph, validate, edit)
    assert not conforms, f"{case}: the shapes accepted a broken claim"


def test_a_document_without_content_hash_does_not_conform(small_graph: rdflib.Graph, validate: Validate) -> None:
    broken = _copy(small_graph)
    document = min(broken.subjects(RDF.type, KG.Document))
    broken.remove((document, KG.contentHash, None))
    conforms, report = validate(broken)
    assert not conforms
    assert "contentHash" in report


def test_an_entity_without_label_does_not_conform(small_graph: rdflib.Graph, validate: Validate) -> None:
    broken = _copy(small_graph)
    broken.add((rdflib.URIRef("https://w3id.org/claimgraph/entity/nameless"), RDF.type, KG.AIModel))
    conforms, report = validate(broken)
    assert not conforms
    assert "nameless" in report
