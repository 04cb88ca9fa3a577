"""The networkx view: which claims make edges, what the attributes hold, and that every input form agrees."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.build import BuildResult, run_build, run_build_texts, to_rdflib
from graph.exceptions import MissingPathError, UnsupportedFormatError
from graph.network import load_store, to_networkx
from graph.rdf_files import write_rdf

ENT = "https://w3id.org/claimgraph/entity/"

MIXED = [
    "It released Sora last year.",                      # OpenAI inferred from the title
    "OpenAI partnered with Microsoft.",                 # symmetric relation
    "Reportedly, Apple plans to acquire Mistral AI.",   # hedged
    "Microsoft did not acquire OpenAI.",                # negated
]


@pytest.fixture(scope="module")
def mixed() -> BuildResult:
    return run_build_texts(MIXED, titles=["OpenAI launches Sora"])


def relations(view: nx.Graph) -> set[tuple[str, str, str]]:
    return {(view.nodes[u]["label"], d["relation"], view.nodes[v]["label"]) for u, v, d in view.edges(data=True)}


def write_article(folder: Path, name: str, date: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\ntitle: {name}\ndate: {date}\n---\n\n{body}\n", encoding="utf-8")


def test_default_view_has_only_positive_asserted_claims(mixed: BuildResult) -> None:
    assert relations(to_networkx(mixed.quads)) == {
        ("OpenAI", "released", "Sora"), ("Microsoft", "partnersWith", "OpenAI")}


def test_include_options_widen_the_qualifying_claims(mixed: BuildResult) -> None:
    hedged = relations(to_networkx(mixed.quads, include_hedged=True))
    negated = relations(to_networkx(mixed.quads, include_negated=True))
    assert ("Apple", "acquired", "Mistral AI") in hedged and ("Microsoft", "acquired", "OpenAI") not in hedged
    assert ("Microsoft", "acquired", "OpenAI") in negated and ("Apple", "acquired", "Mistral AI") not in negated


def test_inferred_claims_can_be_left_out(mixed: BuildResult) -> None:
    assert relations(to_networkx(mixed.quads, include_inferred=False)) == {("Microsoft", "partnersWith", "OpenAI")}


def test_node_attributes_describe_the_entity(mixed: BuildResult) -> None:
    view = to_networkx(mixed.quads)
    openai = view.nodes[ENT + "openai"]
    assert openai["label"] == "OpenAI" and openai["type"] == "Organization"
    assert openai["wikidata"].startswith("Q")
    assert openai["claims"] == 3  # subject of released, object of partnersWith and of the negated acquired
    assert view.nodes[ENT + "sora"]["type"] == "AIModel"


def test_english_label_is_preferred_over_chinese() -> None:
    view = to_networkx(run_build_texts(["英伟达收购了 Run:ai。"]).quads)
    labels = {d["label"] for _, d in view.nodes(data=True)}
    assert "NVIDIA" in labels and "英伟达" not in labels


def test_edge_attributes_aggregate_claims_across_documents(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write_article(folder, "a.en.md", "2024-03-01", "Microsoft invested in OpenAI.")
    write_article(folder, "b.en.md", "2023-01-23", "Microsoft invested in OpenAI again.")
    view = to_networkx(run_build([folder]).quads)
    [(_, _, edge)] = list(view.edges(data=True))
    assert edge["relation"] == "investedIn" and edge["label"] == "invested in"
    assert edge["weight"] == 2 and edge["sources"] == 2
    assert (edge["first_date"], edge["last_date"]) == ("2023-01-23", "2024-03-01")
    assert edge["confidence_max"] >= edge["confidence_mean"] > 0
    assert edge["symmetric"] is False


def test_symmetric_relations_are_flagged(mixed: BuildResult) -> None:
    view = to_networkx(mixed.quads)
    assert view.edges[ENT + "microsoft", ENT + "openai", "partnersWith"]["symmetric"] is True


def test_undated_edges_have_empty_dates(mixed: BuildResult) -> None:
    for _, _, data in to_networkx(mixed.quads).edges(data=True):
        assert data["first_date"] == "" and data["last_date"] == ""


def test_every_attribute_is_a_plain_value(examples_result: BuildResult) -> None:
    view = to_networkx(examples_result.quads, include_hedged=True, include_negated=True)
    plain = (str, int, float, bool)
    assert view.number_of_edges() > 50
    for _, data in view.nodes(data=True):
        assert set(data) == {"label", "type", "aliases", "wikidata", "claims"}
        assert all(isinstance(v, plain) for v in data.values()), data
    for _, _, data in view.edges(data=True):
        assert set(data) == {"relation", "label", "weight", "confidence_mean", "confidence_max", "sources",
                             "first_date", "last_date", "symmetric"}
        assert all(isinstance(v, plain) for v in data.values()), data


def test_collapse_gives_one_weighted_edge_per_pair(mixed: BuildResult) -> None:
    view = to_networkx(mixed.quads, include_negated=True, collapse=True)
    assert isinstance(view, nx.DiGraph) and not view.is_multigraph()
    edge = view.edges[ENT + "microsoft", ENT + "openai"]
    assert edge["relation"] == "acquired|partnersWith" and edge["weight"] == 2
    assert edge["symmetric"] is False  # only one of the two relations is symmetric


def test_every_input_form_gives_the_same_view(mixed: BuildResult, tmp_path: Path) -> None:
    def shape(view: nx.Graph) -> tuple[dict[str, dict[str, object]], set[tuple[str, str, str, int]]]:
        return (dict(view.nodes(data=True)),
                {(u, v, d["relation"], d["weight"]) for u, v, d in view.edges(data=True)})

    expected = shape(to_networkx(mixed.quads))
    store = ox.Store()
    store.bulk_extend(mixed.quads)
    sources: list[object] = [store, to_rdflib(mixed.quads)]
    for suffix in (".ttl", ".trig", ".nq", ".nt", ".jsonld"):
        path = tmp_path / f"graph{suffix}"
        write_rdf(mixed.quads, path)
        sources.extend([path, str(path)])
    for source in sources:
        assert shape(to_networkx(source)) == expected, source  # type: ignore[arg-type]


def test_unknown_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="pyoxigraph Quads"):
        to_networkx({"not": "a graph"})  # type: ignore[arg-type]
    with pytest.raises(MissingPathError, match="no such file"):
        load_store(tmp_path / "missing.ttl")
