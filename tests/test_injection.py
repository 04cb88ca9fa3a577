"""Injection: hostile strings as named-query parameters, entity names (user CSV) and user schema values never
change a query's meaning and never escape an IRI or a literal in any output."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import BuildResult, run_build, run_build_texts
from graph.exceptions import ClaimgraphError
from graph.namespaces import KG, RDFS
from graph.query import QueryKind, load_store, run_named_query, run_query
from graph.rdf_files import RdfFileFormat, read_rdf, write_rdf

HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o",
    "a> <http://e/p> <http://e/o",
    '"""triple"""',
    "# not a comment",
    "\\u003E escaped",
    '\\u0022 ) } ; DROP ALL',
    "line\nbreak",
    "nul\x00byte",
    "} UNION {",
    "<http://e/evil>",
    "?s",
    "tail\\",
    "name@en",
    "v^^<http://www.w3.org/2001/XMLSchema#string>",
    "🚀\u202e\u200b",
]
ENT = "https://w3id.org/claimgraph/entity/"


@pytest.fixture(scope="module")
def labelled_store() -> ox.Store:
    """One entity per hostile string, labelled with it exactly, plus a decoy every pasted query would also match."""
    store = ox.Store()
    for i, text in enumerate(HOSTILE):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), RDFS.label, ox.Literal(text)))
    store.add(ox.Quad(ox.NamedNode("http://e/decoy"), RDFS.label, ox.Literal("decoy")))
    return store


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_bound_hostile_literal_matches_only_itself(labelled_store: ox.Store, engine: str) -> None:
    sparql = "SELECT ?e ?name WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    for i, text in enumerate(HOSTILE):
        result = run_query(labelled_store, sparql, bindings={"name": ox.Literal(text)}, engine=engine)  # type: ignore[arg-type]
        assert result.kind is QueryKind.SELECT
        assert [row[0] for row in result.rows] == [f"http://e/{i}"], text


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """A user entity CSV of hostile names (quotes, markup, SPARQL and Turtle syntax) and an article using them."""
    folder = tmp_path_factory.mktemp("injection")
    names = [n for n in HOSTILE if "\n" not in n and "\x00" not in n]  # a CSV cell holds neither
    entities = folder / "entities.csv"
    with entities.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "type", "aliases"])
        for name in names:
            writer.writerow([name, "Organization", ""])
        writer.writerow(["Zeta Corp", "Organization", ""])
    article = folder / "article.txt"
    article.write_text("Deals\n\n" + " ".join(f"{name} acquired Zeta Corp." for name in names) + "\n", encoding="utf-8")
    result = run_build([article], extra_entities=[entities])
    out = folder / "graph.trig"
    write_rdf(result.quads, out)
    return result, out


def test_hostile_entity_names_stay_inside_their_literals_in_every_rdf_syntax(
        hostile_build: tuple[BuildResult, Path], tmp_path: Path) -> None:
    result, _ = hostile_build
    labels = {q.object.value for q in result.quads if q.predicate == RDFS.label and isinstance(q.object, ox.Literal)}
    for fmt in RdfFileFormat:
        path = tmp_path / ("g." + {"turtle": "ttl", "ntriples": "nt", "nquads": "nq"}.get(fmt.value, fmt.value))
        write_rdf(result.quads, path, fmt=fmt)
        parsed = read_rdf(path)  # strict: a name that escaped its literal is a syntax error or an extra triple
        if fmt.keeps_graphs:
            assert set(parsed) == set(result.quads)
        else:
            assert {q.triple for q in parsed} == {q.triple for q in result.quads}
        parsed_labels = {q.object.value for q in parsed if q.predicate == RDFS.label and isinstance(q.object, ox.Literal)}
        assert parsed_labels == labels
    entity_iris = {q.subject.value for q in result.quads if q.predicate == KG.mentionCount
                   and isinstance(q.subject, ox.NamedNode)}
    assert entity_iris and all(iri.startswith(ENT) for iri in entity_iris)
    for iri in entity_iris:  # minted IRIs carry no character that needs escaping anywhere
        assert not set(iri[len(ENT):]) & set(' <>"{}|\\^`#?\n'), iri


def test_named_query_parameters_resolve_hostile_names_to_their_own_entity_only(
        hostile_build: tuple[BuildResult, Path]) -> None:
    result, graph_file = hostile_build
    store = load_store(graph_file)
    subjects = {c.subject_name: c.subject for c in result.claims if c.relation == "acquired"}
    assert len(subjects) >= 8, subjects  # most hostile names were found in the text
    for name, iri in subjects.items():
        rows = run_named_query(store, "claims-about", params={"entity": name}).rows
        assert rows and {row[0] for row in rows} == {iri}, name


@pytest.fixture(scope="module")
def plain_store() -> ox.Store:
    """A graph none of the hostile strings names anything in."""
    store = ox.Store()
    store.extend(run_build_texts(["Google acquired DeepMind in 2014. NVIDIA competes with AMD."]).quads)
    return store


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("parameter, query", [("entity", "claims-about"), ("entity", "competitors"),
                                              ("relation", "relations-of-type"), ("type", "entities-by-type")])
def test_a_hostile_parameter_that_names_nothing_is_a_clear_error_not_a_wider_query(
        plain_store: ox.Store, parameter: str, query: str, value: str) -> None:
    with pytest.raises(ClaimgraphError, match=r"no (entity|relation|type)"):
        run_named_query(plain_store, query, params={parameter: value})


def test_the_cli_refuses_a_hostile_parameter_with_exit_2_and_prints_no_rows(
        hostile_build: tuple[BuildResult, Path], run_kg: object) -> None:
    _, graph_file = hostile_build
    outcome = run_kg(["query", graph_file, "--name", "claims-about",  # type: ignore[operator]
                      "--param", 'entity=nobody" } UNION { ?s ?p ?o } #', "--format", "csv"])
    assert outcome.exit_code == 2
    assert "no entity is named" in outcome.output and "Traceback" not in outcome.output
    assert ENT not in outcome.output  # no row of any entity leaked


def _user_schema(path: Path, triggers: list[str]) -> Path:
    """A user relation whose label and trigger phrases hold Turtle/SPARQL syntax, serialised by pyoxigraph."""
    relation = KG.term("paysTributeTo")
    owl = "http://www.w3.org/2002/07/owl#"
    triples = [ox.Triple(relation, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(owl + "ObjectProperty")),
               ox.Triple(relation, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KG.Relation),
               ox.Triple(relation, RDFS.label, ox.Literal('pays "tribute" to } UNION {', language="en"))]
    triples += [ox.Triple(relation, KG.trigger, ox.Literal(t, language="en")) for t in triggers]
    ox.serialize(triples, output=str(path), format=ox.RdfFormat.TURTLE)
    return path


def test_user_schema_values_with_turtle_and_sparql_syntax_give_valid_outputs(tmp_path: Path) -> None:
    triggers = ['pays "tribute" to', "salutes} UNION {", "honours>", "toasts#"]
    schema = _user_schema(tmp_path / "mine.ttl", triggers)
    article = tmp_path / "a.txt"
    article.write_text('Tributes\n\nGoogle pays "tribute" to DeepMind. Microsoft salutes} UNION { OpenAI. '
                       "Amazon honours> Anthropic. Meta toasts# Mistral AI.\n", encoding="utf-8")
    result = run_build([article], extra_schemas=[schema])
    out = tmp_path / "g.trig"
    write_rdf(result.quads, out)
    parsed = set(read_rdf(out))
    assert parsed == set(result.quads)
    label = [q.object.value for q in parsed if q.subject == KG.term("paysTributeTo") and q.predicate == RDFS.label
             and isinstance(q.object, ox.Literal)]
    assert label == ['pays "tribute" to } UNION {']
    found = [c for c in result.claims if c.relation == "paysTributeTo"]
    assert ("Google", "paysTributeTo", "DeepMind") in [c.triple_names for c in found]
    for claim in found:  # the trigger is kept verbatim in its literal
        assert claim.trigger in article.read_text()
    # The hostile label selects exactly this relation's claims, nothing more.
    rows = run_named_query(load_store(out), "relations-of-type", params={"relation": 'pays "tribute" to } UNION {'}).rows
    assert {row[1] for row in rows} == {f"https://w3id.org/claimgraph/claim/{c.claim_id}" for c in found}
    assert {row[0] for row in rows} == {KG.term("paysTributeTo").value}


def test_remote_store_values_blocks_carry_hostile_terms_exactly() -> None:
    remote_store = pytest.importorskip("graph.remote_store")
    store = ox.Store()
    for text in HOSTILE:
        query = remote_store.with_values("SELECT ?x WHERE { }", {"x": ox.Literal(text)})
        assert [row["x"] for row in store.query(query)] == [ox.Literal(text)], text  # type: ignore[union-attr]
        iri_query = remote_store.with_values("SELECT ?x WHERE { }", {"x": ox.NamedNode("http://e/a?b=%22#c")})
        assert [row["x"] for row in store.query(iri_query)] == [ox.NamedNode("http://e/a?b=%22#c")]  # type: ignore[union-attr]
