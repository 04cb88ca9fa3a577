"""Exports: GEXF 1.3 (schema-valid, loads in graphology, dated for Gephi's timeline), GraphML, CSV, RDF, CLI."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import REPO, CliOutcome, require_tool

from graph.build import BuildResult, run_build
from graph.export.csv_tables import write_csv
from graph.export.gexf import TYPE_COLORS, write_gexf
from graph.export.graphml import write_graphml
from graph.export.registry import WRITERS, ExportFormat, export_graph
from graph.network import to_networkx
from graph.rdf_files import RdfFileFormat, read_rdf

GEXF_SCHEMA = REPO.parent / "shared" / "specs" / "gexf-1.3" / "gexf.rnc"
LOAD_GEXF = REPO / "tests" / "js" / "load_gexf.mjs"
NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
HOSTILE_LABELS = ['Acme "Quoted" Labs', "<Angle> & Robotics", "Bell\x07\x00Null\x1b Corp", "Rocket 🚀 Systems",
                  "Line\nBreak\tAI", "Lone \ud800 Surrogate", "\ufffe\uffff Nonchars"]


def jing_errors(path: Path) -> str:
    """jing's complaints about ``path`` against the GEXF 1.3 RelaxNG schema ("" when it is valid)."""
    jing = require_tool("jing")
    if not GEXF_SCHEMA.exists():
        pytest.skip(f"GEXF 1.3 schema not found at {GEXF_SCHEMA}")
    done = subprocess.run([jing, "-c", str(GEXF_SCHEMA), str(path)], capture_output=True, text=True, check=False)
    return "" if done.returncode == 0 else done.stdout + done.stderr


def graphology_counts(path: Path) -> dict[str, int]:
    """Node and edge counts graphology-gexf reads from ``path``."""
    node = require_tool("node")
    if not (LOAD_GEXF.parent / "node_modules" / "graphology-gexf").exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("tests/js/node_modules is missing under CI=true; run `make js-checks`")
        pytest.skip("graphology-gexf not installed; run `make js-checks`")
    done = subprocess.run([node, str(LOAD_GEXF), str(path)], capture_output=True, text=True, check=True)
    counts: dict[str, int] = json.loads(done.stdout)
    return counts


def write_article(folder: Path, name: str, date: str | None, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = f"title: {name}\n" + (f"date: {date}\n" if date else "")
    (folder / name).write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Two dated articles and one undated, so the graph has both dynamic and static elements."""
    folder = tmp_path_factory.mktemp("dated")
    write_article(folder, "a.en.md", "2023-01-23", "Microsoft invested in OpenAI.")
    write_article(folder, "b.en.md", "2024-05-13", "OpenAI released GPT-4o. Microsoft invested in OpenAI again.")
    write_article(folder, "c.en.md", None, "Baidu released ERNIE Bot.")
    return run_build([folder])


def hostile_view() -> nx.MultiDiGraph:
    view = nx.MultiDiGraph()
    for number, label in enumerate(HOSTILE_LABELS):
        view.add_node(f"https://example.org/e/{number}", label=label, type="Organization", aliases=label + "|x",
                      wikidata="", claims=1)
    for number in range(len(HOSTILE_LABELS) - 1):
        view.add_edge(f"https://example.org/e/{number}", f"https://example.org/e/{number + 1}", key="sued",
                      relation="sued", label='sued <"&">\x0c', weight=1, confidence_mean=0.5,
                      confidence_max=0.5, sources=1, first_date="2024-01-01", last_date="2024-01-01",
                      symmetric=False)
    return view


def test_gexf_of_the_examples_is_valid_gexf_1_3(examples_result: BuildResult, tmp_path: Path) -> None:
    out = write_gexf(to_networkx(examples_result.quads), tmp_path / "examples.gexf")
    assert jing_errors(out) == ""


def test_gexf_loads_in_graphology_with_the_networkx_counts(examples_result: BuildResult, tmp_path: Path) -> None:
    view = to_networkx(examples_result.quads, include_hedged=True, include_negated=True)
    out = write_gexf(view, tmp_path / "examples.gexf")
    assert graphology_counts(out) == {"nodes": view.number_of_nodes(), "edges": view.number_of_edges()}


def test_gexf_with_hostile_names_is_valid_and_keeps_what_xml_can_carry(tmp_path: Path) -> None:
    view = hostile_view()
    out = write_gexf(view, tmp_path / "hostile.gexf")
    assert jing_errors(out) == ""
    labels = {node.get("label") for node in ET.parse(out).getroot().iterfind(".//g:node", NS)}
    assert {'Acme "Quoted" Labs', "<Angle> & Robotics", "BellNull Corp", "Rocket 🚀 Systems",
            "Line Break AI"} <= labels
    assert graphology_counts(out) == {"nodes": len(HOSTILE_LABELS), "edges": len(HOSTILE_LABELS) - 1}


def test_gexf_of_a_built_graph_with_hostile_names_is_valid(hostile_result: BuildResult, tmp_path: Path) -> None:
    view = to_networkx(hostile_result.quads)
    assert view.number_of_edges() >= 2
    out = write_gexf(view, tmp_path / "hostile-built.gexf")
    assert jing_errors(out) == ""
    assert graphology_counts(out) == {"nodes": view.number_of_nodes(), "edges": view.number_of_edges()}


def test_gexf_dates_start_nodes_and_edges_on_gephis_timeline(dated: BuildResult, tmp_path: Path) -> None:
    out = write_gexf(to_networkx(dated.quads), tmp_path / "dated.gexf")
    graph = ET.parse(out).getroot().find("g:graph", NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    starts = {node.get("label"): node.get("start") for node in graph.iterfind(".//g:node", NS)}
    assert starts["Microsoft"] == "2023-01-23" and starts["GPT-4o"] == "2024-05-13"
    assert starts["Baidu"] is None  # its only claim is undated: a static element
    edge_starts = {edge.get("label"): edge.get("start") for edge in graph.iterfind(".//g:edge", NS)}
    assert edge_starts["invested in"] == "2023-01-23"
    assert jing_errors(out) == ""


def test_gexf_without_dates_is_static(tmp_path: Path) -> None:
    view = nx.MultiDiGraph()
    view.add_edge("a", "b", key="sued", relation="sued", label="sued", weight=1, first_date="")
    graph = ET.parse(write_gexf(view, tmp_path / "static.gexf")).getroot().find("g:graph", NS)
    assert graph is not None
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert all(e.get("start") is None for e in graph.iter())


def test_gexf_declares_typed_attributes_colours_and_sizes(dated: BuildResult, tmp_path: Path) -> None:
    view = to_networkx(dated.quads)
    root = ET.parse(write_gexf(view, tmp_path / "typed.gexf")).getroot()
    declared = {(a.get("title"), a.get("type")) for a in root.iterfind(".//g:attribute", NS)}
    assert {("type", "string"), ("claims", "integer"), ("confidence_mean", "double"), ("sources", "integer"),
            ("symmetric", "boolean")} <= declared
    microsoft = next(n for n in root.iterfind(".//g:node", NS) if n.get("label") == "Microsoft")
    color = microsoft.find("viz:color", NS)
    assert color is not None
    assert tuple(int(color.get(c, "-1")) for c in "rgb") == TYPE_COLORS["Organization"]
    sizes = {n.get("label"): float(n.find("viz:size", NS).get("value")) for n in root.iterfind(".//g:node", NS)}  # type: ignore[union-attr]
    assert sizes["OpenAI"] > sizes["Baidu"]  # OpenAI has two edges, Baidu one
    edge = next(e for e in root.iterfind(".//g:edge", NS) if e.get("label") == "invested in")
    assert edge.get("weight") == "2.0"


def test_graphml_loads_back_with_the_same_counts_and_values(examples_result: BuildResult, tmp_path: Path) -> None:
    view = to_networkx(examples_result.quads)
    back = nx.read_graphml(write_graphml(view, tmp_path / "g.graphml"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (view.number_of_nodes(), view.number_of_edges())
    node = next(iter(view.nodes))
    assert back.nodes[node]["label"] == view.nodes[node]["label"]
    assert back.nodes[node]["claims"] == view.nodes[node]["claims"]


def test_graphml_with_hostile_names_loads_back(tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(hostile_view(), tmp_path / "hostile.graphml"))
    assert back.number_of_nodes() == len(HOSTILE_LABELS)
    assert "Rocket 🚀 Systems" in {d["label"] for _, d in back.nodes(data=True)}


def test_csv_tables_follow_gephis_spreadsheet_format(dated: BuildResult, tmp_path: Path) -> None:
    view = to_networkx(dated.quads)
    nodes_path, edges_path = write_csv(view, tmp_path / "g.csv")
    assert (nodes_path.name, edges_path.name) == ("g.nodes.csv", "g.edges.csv")
    with nodes_path.open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:3] == ["Id", "Label", "Type"]
    assert list(edges[0])[:5] == ["Source", "Target", "Type", "Weight", "Label"]
    assert len(nodes) == view.number_of_nodes() and len(edges) == view.number_of_edges()
    assert {e["Type"] for e in edges} == {"Directed"}
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)


def test_csv_keeps_one_row_per_hostile_name(tmp_path: Path) -> None:
    nodes_path, _ = write_csv(hostile_view(), tmp_path / "hostile")
    with nodes_path.open(encoding="utf-8", newline="") as handle:
        labels = [row["Label"] for row in csv.DictReader(handle)]
    assert len(labels) == len(HOSTILE_LABELS)
    assert 'Acme "Quoted" Labs' in labels and "Line Break\tAI" in labels


@pytest.mark.parametrize("fmt", [ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.TRIG,
                                 ExportFormat.NQUADS, ExportFormat.JSONLD])
def test_rdf_exports_carry_every_quad(fmt: ExportFormat, dated: BuildResult, tmp_path: Path) -> None:
    [out] = export_graph(dated.quads, tmp_path / f"g{fmt.suffix}", to=fmt)
    back = set(read_rdf(out))
    if RdfFileFormat.from_path(out).keeps_graphs:
        assert back == set(dated.quads)
        assert any(not isinstance(q.graph_name, ox.DefaultGraph) for q in back)
    else:
        assert {q.triple for q in back} == {q.triple for q in dated.quads}


def test_every_format_has_a_writer() -> None:
    assert set(WRITERS) == set(ExportFormat)


def test_export_of_several_formats_writes_each_beside_the_output(dated: BuildResult, tmp_path: Path) -> None:
    written = export_graph(dated.quads, tmp_path / "graph.ttl",
                           to=[ExportFormat.GEXF, ExportFormat.GRAPHML, ExportFormat.CSV, ExportFormat.NQUADS])
    assert [p.name for p in written] == ["graph.gexf", "graph.graphml", "graph.nodes.csv", "graph.edges.csv",
                                         "graph.nq"]
    assert all(p.stat().st_size > 0 for p in written)


def test_cli_export_writes_beside_the_graph_by_default(dated: BuildResult, tmp_path: Path,
                                                       run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    graph_file = tmp_path / "graph.trig"
    export_graph(dated.quads, graph_file, to=ExportFormat.TRIG)
    outcome = run_kg(["export", graph_file, "--to", "gexf"])
    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "graph.gexf").exists() and "graph.gexf" in outcome.output
    outcome = run_kg(["export", graph_file, "--to", "graphml", "-o", tmp_path / "other.graphml", "--collapse"])
    assert outcome.exit_code == 0, outcome.output
    assert not nx.read_graphml(tmp_path / "other.graphml").is_multigraph()


def test_cli_export_rejects_bad_input_with_exit_code_2(tmp_path: Path,
                                                       run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    assert run_kg(["export", tmp_path / "missing.ttl", "--to", "gexf"]).exit_code == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <", encoding="utf-8")
    outcome = run_kg(["export", broken, "--to", "gexf"])
    assert outcome.exit_code == 2 and "not valid RDF" in outcome.output
    assert run_kg(["export", broken, "--to", "pdf"]).exit_code == 2


def test_build_export_option_writes_the_formats_next_to_the_output(
        tmp_path: Path, run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    folder = tmp_path / "articles"
    write_article(folder, "a.en.md", "2024-01-02", "Google acquired DeepMind.")
    outcome = run_kg(["build", folder, "-o", tmp_path / "out" / "graph.ttl", "--export", "gexf,graphml"])
    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "out" / "graph.gexf").exists() and (tmp_path / "out" / "graph.graphml").exists()


def test_build_with_an_unknown_export_format_fails_before_writing(
        tmp_path: Path, run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    folder = tmp_path / "articles"
    write_article(folder, "a.en.md", None, "Google acquired DeepMind.")
    outcome = run_kg(["build", folder, "-o", tmp_path / "graph.ttl", "--export", "gexf,svg"])
    assert outcome.exit_code == 2 and "unknown export format 'svg'" in outcome.output
    assert not (tmp_path / "graph.ttl").exists()
