"""kg query: named queries give the expected rows through both engines, parameters resolve any alias and can
never change a query's meaning, bad queries fail clearly, slow ones are stopped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import run_build
from graph.namespaces import KG, PREFIXES
from graph.query import (
    QueryRefusedError,
    QueryResult,
    QuerySyntaxError,
    UnknownQueryError,
    check_read_only,
    get_named_query,
    load_dataset,
    load_store,
    named_queries,
    resolve_parameters,
    run_named_query,
    run_query,
)
from graph.rdf_files import write_rdf

ENT = PREFIXES["ent"]

ARTICLES = {
    "chips.md": "---\ntitle: Chip race\ndate: 2024-03-01\nurl: https://example.com/a\n---\n"
                "NVIDIA competes with AMD in AI chips. Google acquired DeepMind in 2014. OpenAI released Sora.\n",
    "chips-zh.md": "---\ntitle: 芯片新闻\ndate: 2024-05-02\nurl: https://example.com/b\n---\n"
                   "英伟达与华为竞争。Google did not acquire DeepMind. OpenAI delayed Sora.\n",
}


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two dated articles (one Chinese) built to TriG: claims in per-document graphs."""
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder.parent / "small.trig"
    write_rdf(run_build([folder]).quads, out)
    return out


Runner = Callable[[str, dict[str, str]], QueryResult]


@pytest.fixture(scope="module")
def both_engines(small_graph: Path) -> Callable[[str, dict[str, str]], QueryResult]:
    """Run a named query through pyoxigraph and rdflib; fail unless both give identical rows."""
    return _engines_agree(small_graph)


def _engines_agree(path: Path) -> Runner:
    store = load_store(path)
    dataset = load_dataset(path)

    def run(name: str, params: dict[str, str]) -> QueryResult:
        sparql = get_named_query(name).sparql
        bindings = resolve_parameters(store, params)
        fast = run_query(store, sparql, bindings=bindings, engine="oxigraph")
        slow = run_query(dataset, sparql, bindings=bindings, engine="rdflib")
        assert fast.variables == slow.variables
        assert fast.rows == slow.rows, f"{name}: pyoxigraph and rdflib disagree"
        return fast

    return run


def column(result: QueryResult, name: str) -> list[object]:
    index = result.variables.index(name)
    return [row[index] for row in result.rows]


def test_named_queries_each_say_what_they_answer_and_take_declared_parameters() -> None:
    queries = named_queries()
    assert set(queries) == {"competitors", "claims-about", "relations-of-type", "contradictions", "timeline",
                            "entities-by-type", "why-merged"}
    assert queries["contradictions"].parameters == {}
    assert set(queries["relations-of-type"].parameters) == {"relation"}
    assert all(q.description for q in queries.values())


def test_competitors_come_from_both_languages_and_any_alias(both_engines: Runner) -> None:
    by_alias = {alias: column(both_engines("competitors", {"entity": alias}), "competitor")
                for alias in ("NVIDIA", "nvidia", "英伟达", "Nvidia")}
    assert by_alias["NVIDIA"] == [ENT + "amd", ENT + "huawei"]
    assert all(rows == by_alias["NVIDIA"] for rows in by_alias.values())


def test_competitors_are_found_from_either_side_of_the_symmetric_relation(both_engines: Runner) -> None:
    assert column(both_engines("competitors", {"entity": "AMD"}), "competitor") == [ENT + "nvidia"]
    assert column(both_engines("competitors", {"entity": "华为"}), "competitor") == [ENT + "nvidia"]


def test_claims_about_gives_both_polarities_with_evidence_and_source(both_engines: Runner) -> None:
    result = both_engines("claims-about", {"entity": "DeepMind"})
    rows = [dict(zip(result.variables, row)) for row in result.rows]
    assert {(r["role"], r["relation"], r["other"], r["polarity"]) for r in rows} == {
        ("object", KG.acquired.value, ENT + "google", KG.Positive.value),
        ("object", KG.acquired.value, ENT + "google", KG.Negative.value)}
    negative = next(r for r in rows if r["polarity"] == KG.Negative.value)
    assert negative["evidence"] == "Google did not acquire DeepMind."
    assert (negative["title"], negative["url"], negative["date"]) == ("芯片新闻", "https://example.com/b", "2024-05-02")


def test_relations_of_type_takes_a_local_name_and_says_which_claims_were_asserted(both_engines: Runner) -> None:
    result = both_engines("relations-of-type", {"relation": "acquired"})
    assert set(column(result, "relation")) == {KG.acquired.value}
    by_polarity = dict(zip(column(result, "polarity"), column(result, "asserted")))
    assert by_polarity == {KG.Positive.value: True, KG.Negative.value: False}
    assert both_engines("relations-of-type", {"relation": "收购"}).rows == result.rows


def test_contradictions_find_opposite_polarity_and_released_versus_delayed(both_engines: Runner) -> None:
    result = both_engines("contradictions", {})
    found = {(row[0], row[1], row[2], row[3], row[7]) for row in result.rows}
    assert found == {
        ("opposite polarity", ENT + "google", KG.acquired.value, ENT + "google-deepmind", KG.acquired.value),
        ("mutually exclusive", ENT + "openai", KG.released.value, ENT + "sora", KG.delayed.value)}


def test_why_merged_lists_each_name_of_an_entity_with_its_rule(both_engines: Runner) -> None:
    result = both_engines("why-merged", {"entity": "nvidia"})
    rows = {(row[1], row[2]) for row in result.rows}
    assert rows == {("NVIDIA", "gazetteer"), ("英伟达", "gazetteer")}
    assert set(column(result, "entity")) == {ENT + "nvidia"}


def test_timeline_orders_claims_by_document_date(both_engines: Runner) -> None:
    result = both_engines("timeline", {"entity": "Sora"})
    assert list(zip(column(result, "date"), column(result, "relation"))) == [
        ("2024-03-01", KG.released.value), ("2024-05-02", KG.delayed.value)]


def test_entities_by_type_includes_subclasses_and_aliases(both_engines: Runner) -> None:
    organizations = both_engines("entities-by-type", {"type": "Organization"})
    assert {ENT + "nvidia", ENT + "amd", ENT + "google"} <= set(column(organizations, "entity"))
    nvidia = dict(zip(organizations.variables, organizations.rows[column(organizations, "entity").index(ENT + "nvidia")]))
    assert nvidia["label"] == "NVIDIA" and "辉达" in str(nvidia["aliases"]).split(" | ")
    products = set(column(both_engines("entities-by-type", {"type": "Product"}), "entity"))
    assert ENT + "sora" in products  # an AIModel is a Product


@pytest.mark.parametrize("hostile", ['OpenAI" } UNION { ?s ?p ?o } #', "<https://w3id.org/claimgraph/entity/openai>",
                                     "} UNION {", 'x\' . ?s ?p ?o . FILTER("1"'])
def test_hostile_entity_values_are_looked_up_not_pasted(small_graph: Path, hostile: str) -> None:
    with pytest.raises(UnknownQueryError, match="no entity is named"):
        run_named_query(small_graph, "claims-about", params={"entity": hostile})


@pytest.mark.parametrize("name, key", [("relations-of-type", "relation"), ("entities-by-type", "type")])
def test_hostile_vocabulary_values_are_rejected_with_the_valid_choices(small_graph: Path, name: str, key: str) -> None:
    with pytest.raises(UnknownQueryError, match="valid"):
        run_named_query(small_graph, name, params={key: "acquired> } UNION { ?s ?p ?o"})


def test_a_bound_literal_that_looks_like_sparql_matches_nothing(small_graph: Path) -> None:
    store = load_store(small_graph)
    sparql = "SELECT ?label ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    hostile = {"label": ox.Literal('x" } UNION { ?s ?p ?o } #')}
    assert run_query(store, sparql, bindings=hostile).rows == []
    assert run_query(store, sparql, bindings=hostile, engine="rdflib").rows == []
    assert run_query(store, sparql, bindings={"label": ox.Literal("Sora", language="en")}).rows == [
        ("Sora", ENT + "sora")]


def test_entities_with_quotes_and_angle_brackets_in_their_names_resolve(hostile_result: object, tmp_path: Path) -> None:
    out = tmp_path / "hostile.nq"
    write_rdf(hostile_result.quads, out)  # type: ignore[attr-defined]
    run = _engines_agree(out)
    result = run("claims-about", {"entity": 'acme "quoted" labs'})
    assert result.rows, "the entity with quotes in its name has claims"
    assert {row[0] for row in result.rows} == {resolve_parameters(load_store(out), {"entity": 'Acme "Quoted" Labs'})["entity"].value}
    assert run("competitors", {"entity": "<Angle> Robotics"}).variables == ("entity", "competitor", "label")


def test_unknown_named_query_and_parameters_list_the_valid_ones(small_graph: Path) -> None:
    with pytest.raises(UnknownQueryError, match="valid names: claims-about, competitors"):
        run_named_query(small_graph, "competitor", params={"entity": "AMD"})
    with pytest.raises(UnknownQueryError, match="takes the parameter.s. entity, got company"):
        run_named_query(small_graph, "competitors", params={"company": "AMD"})
    with pytest.raises(UnknownQueryError, match="takes the parameter.s. entity, got none"):
        run_named_query(small_graph, "competitors")


def test_unknown_entity_suggests_close_names(small_graph: Path) -> None:
    with pytest.raises(UnknownQueryError, match="did you mean: .*NVIDIA"):
        run_named_query(small_graph, "competitors", params={"entity": "NVIDA"})


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://example.com/> { ?s ?p ?o } } }",
    "prefix x: <http://e/> select * { service x:e { ?s ?p ?o } }",
])
def test_service_clauses_are_refused_before_anything_is_fetched(small_graph: Path, query: str) -> None:
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        run_query(small_graph, query)


@pytest.mark.parametrize("update", ["INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "LOAD <http://example.com/x>",
                                    "CLEAR ALL", "DELETE WHERE { ?s ?p ?o }"])
def test_updates_are_refused(update: str) -> None:
    with pytest.raises(QueryRefusedError, match="updates are refused"):
        check_read_only(update)


def test_words_like_service_in_strings_and_variables_are_not_refused(small_graph: Path) -> None:
    result = run_query(small_graph, 'SELECT ?service WHERE { BIND("SERVICE <x> {}" AS ?service) }')
    assert result.rows == [("SERVICE <x> {}",)]


def test_ask_and_construct_results(small_graph: Path) -> None:
    assert run_query(small_graph, "ASK { ?a <https://w3id.org/claimgraph/ontology#competesWith> ?b }").boolean is True
    for engine in ("oxigraph", "rdflib"):
        graph = run_query(small_graph, "CONSTRUCT { ?a <http://e/rival> ?b } WHERE "
                                       "{ ?a <https://w3id.org/claimgraph/ontology#competesWith> ?b }", engine=engine)
        assert {frozenset((t.subject.value, t.object.value)) for t in graph.triples} == {
            frozenset((ENT + "nvidia", ENT + "amd")), frozenset((ENT + "nvidia", ENT + "huawei"))}


def test_malformed_sparql_reports_line_and_column(small_graph: Path) -> None:
    with pytest.raises(QuerySyntaxError, match=r"2:\d+"):
        run_query(small_graph, "SELECT ?s\nWHERE { ?s ?p }")


def test_claims_in_document_graphs_are_visible_without_a_graph_clause(small_graph: Path) -> None:
    count = run_query(small_graph, "SELECT (COUNT(?c) AS ?n) WHERE "
                                   "{ ?c a <https://w3id.org/claimgraph/ontology#Claim> }").rows
    assert count == [(6,)]


# ------------------------------------------------------------------------------------------- on the examples


@pytest.fixture(scope="module")
def examples_engines(examples_trig: Path) -> Runner:
    return _engines_agree(examples_trig)


def test_examples_competitors_of_openai_agree_across_engines(examples_engines: Runner) -> None:
    assert examples_engines("competitors", {"entity": "OpenAI"}).rows


def test_examples_organizations_agree_across_engines(examples_engines: Runner) -> None:
    result = examples_engines("entities-by-type", {"type": "Organization"})
    assert ENT + "openai" in column(result, "entity")


@pytest.mark.parametrize("name, params", [("claims-about", {"entity": "英伟达"}), ("contradictions", {}),
                                          ("timeline", {"entity": "openai"}), ("relations-of-type", {"relation": "released"})])
def test_examples_other_named_queries_agree_across_engines(examples_engines: Runner, name: str,
                                                           params: dict[str, str]) -> None:
    examples_engines(name, params)


# ------------------------------------------------------------------------------------------------- the CLI


def test_cli_named_query_prints_csv_when_piped(run_kg: Callable[[Sequence[str]], object], small_graph: Path) -> None:
    outcome = run_kg(["query", small_graph, "--name", "competitors", "--param", "entity=英伟达"])
    assert outcome.exit_code == 0  # type: ignore[attr-defined]
    lines = outcome.output.strip().splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "entity,competitor,label"
    assert lines[1:] == [f"{ENT}nvidia,{ENT}amd,AMD", f"{ENT}nvidia,{ENT}huawei,Huawei"]


def test_cli_json_is_sparql_results_json(run_kg: Callable[[Sequence[str]], object], small_graph: Path) -> None:
    import json

    outcome = run_kg(["query", small_graph, "ASK { ?s ?p ?o }", "--format", "json"])
    assert json.loads(outcome.output) == {"head": {}, "boolean": True}  # type: ignore[attr-defined]


def test_cli_query_file_and_table(run_kg: Callable[[Sequence[str]], object], small_graph: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label "
                          "FILTER(?label = \"Sora\"@en) }", encoding="utf-8")
    outcome = run_kg(["query", small_graph, "--file", query_file, "--format", "table"])
    assert outcome.output.splitlines() == ["label", "-----", "Sora"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("args, message", [
    (["SELECT ?s\nWHERE { ?s ?p }"], "malformed SPARQL: error at 2:"),
    (["--name", "nope"], "valid names: claims-about"),
    (["--name", "competitors", "--param", "entity"], "not KEY=VALUE"),
    (["--name", "competitors", "--param", "company=AMD"], "takes the parameter"),
    (["INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"], "updates are refused"),
    ([], "give exactly one of"),
])
def test_cli_bad_queries_exit_2_with_a_message(run_kg: Callable[[Sequence[str]], object], small_graph: Path,
                                               args: list[str], message: str) -> None:
    outcome = run_kg(["query", small_graph, *args])
    assert outcome.exit_code == 2  # type: ignore[attr-defined]
    assert message in outcome.output  # type: ignore[attr-defined]
    assert "Traceback" not in outcome.output  # type: ignore[attr-defined]


def test_cli_missing_graph_file_exits_2(run_kg: Callable[[Sequence[str]], object], tmp_path: Path) -> None:
    outcome = run_kg(["query", tmp_path / "none.trig", "ASK {}"])
    assert outcome.exit_code == 2 and "no such graph file" in outcome.output  # type: ignore[attr-defined]


def test_a_query_past_its_timeout_is_stopped(run_kg: Callable[[Sequence[str]], object], tmp_path: Path) -> None:
    graph_file = tmp_path / "chain.nt"
    # 150 triples: a three-way cross product is ~3.4 million solutions, seconds of work but finite, so the
    # abandoned worker does not burn a core for the rest of the session.
    graph_file.write_text("".join(f"<http://e/{i}> <http://e/p> \"{i}\" .\n" for i in range(150)), encoding="utf-8")
    outcome = run_kg(["query", graph_file, "--timeout", "0.01",
                      "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER(?x != ?y) }"])
    assert outcome.exit_code == 1  # type: ignore[attr-defined]
    assert "ran longer than 0.01 s and was stopped" in outcome.output  # type: ignore[attr-defined]
