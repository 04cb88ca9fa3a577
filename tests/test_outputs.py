"""Outputs: every format parses strictly, builds are byte-identical, failed builds leave old files alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import EXAMPLES, HOSTILE_NAMES, CliOutcome, union_graph

from graph.rdf_files import RdfFileFormat

RunKg = Callable[[Sequence[str]], CliOutcome]
SUFFIXES = [".ttl", ".nt", ".nq", ".trig", ".jsonld"]
KG = "https://w3id.org/claimgraph/ontology#"


@pytest.fixture(scope="module")
def small_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two short articles, enough for claims, entities and documents in every output."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "deals.en.txt").write_text(
        "Deals of the decade\n2024-09-14\n\nGoogle acquired DeepMind in 2014. Microsoft invested in OpenAI.\n",
        encoding="utf-8")
    (folder / "nvidia.zh.md").write_text(
        "---\ntitle: 英伟达发布 H200\ndate: 2023-11-13\nurl: https://example.com/h200\n---\n"
        "英伟达发布了 H200 芯片。据报道,苹果公司计划收购 Mistral AI。\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(small_input: Path, tmp_path_factory: pytest.TempPathFactory,
          run_kg: RunKg) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    paths = {}
    for suffix in SUFFIXES:
        path = out / f"graph{suffix}"
        outcome = run_kg(["build", small_input, "-o", path, "--quiet"])
        assert outcome.exit_code == 0, outcome.output
        paths[suffix] = path
    return paths


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_parses_with_the_strict_parser(suffix: str, built: dict[str, Path]) -> None:
    fmt = RdfFileFormat.from_path(built[suffix]).oxigraph
    quads = list(ox.parse(path=str(built[suffix]), format=fmt))
    claims = {q.subject for q in quads if q.predicate.value.endswith("#type") and q.object.value == KG + "Claim"}
    assert len(claims) >= 3


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".jsonld"])
def test_quad_formats_keep_claims_in_their_document_graph(suffix: str, built: dict[str, Path]) -> None:
    quads = list(ox.parse(path=str(built[suffix]), format=RdfFileFormat.from_path(built[suffix]).oxigraph))
    claim_quads = [q for q in quads if q.predicate.value == KG + "evidence"]
    assert claim_quads
    assert all(isinstance(q.graph_name, ox.NamedNode) and "/doc/" in q.graph_name.value for q in claim_quads)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_building_twice_gives_byte_identical_files(suffix: str, small_input: Path, built: dict[str, Path],
                                                   tmp_path: Path, run_kg: RunKg) -> None:
    again = tmp_path / f"again{suffix}"
    assert run_kg(["build", small_input, "-o", again, "--quiet"]).exit_code == 0
    assert again.read_bytes() == built[suffix].read_bytes()


def test_turtle_has_its_prefixes_bound(built: dict[str, Path]) -> None:
    text = built[".ttl"].read_text(encoding="utf-8")
    for prefix in ("kg:", "ent:", "claim:", "doc:", "rdfs:", "prov:", "xsd:"):
        assert f"@prefix {prefix}" in text or f"PREFIX {prefix}" in text, prefix
    assert "kg:Claim" in text and "ent:google" in text


@pytest.mark.parametrize("args, code", [
    (["--format", "rdfxml"], 2),
    (["-o", "{out_dir}/graph.txt"], 2),
])
def test_a_bad_format_exits_2_and_leaves_the_existing_output_unchanged(args: list[str], code: int,
                                                                       small_input: Path, tmp_path: Path,
                                                                       run_kg: RunKg) -> None:
    target = tmp_path / "graph.ttl"
    args = [a.replace("{out_dir}", str(tmp_path)) for a in args]
    if "-o" in args:
        target = Path(args[args.index("-o") + 1])
    else:
        args = ["-o", str(target), *args]
    target.write_text("old graph\n", encoding="utf-8")
    outcome = run_kg(["build", small_input, *args])
    assert outcome.exit_code == code, outcome.output
    assert "Traceback" not in outcome.output
    assert target.read_text(encoding="utf-8") == "old graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "no temporary file left behind"


def test_the_bad_suffix_message_lists_the_valid_ones(small_input: Path, tmp_path: Path, run_kg: RunKg) -> None:
    outcome = run_kg(["build", small_input, "-o", tmp_path / "graph.rdf"])
    assert outcome.exit_code == 2
    assert ".rdf" in outcome.output and ".ttl" in outcome.output


def test_a_strict_failure_leaves_the_existing_output_unchanged(small_input: Path, tmp_path: Path,
                                                                run_kg: RunKg) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in small_input.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    target = tmp_path / "graph.trig"
    target.write_text("old graph\n", encoding="utf-8")
    outcome = run_kg(["build", folder, "-o", target, "--strict"])
    assert outcome.exit_code == 1
    assert "broken.txt" in outcome.output
    assert target.read_text(encoding="utf-8") == "old graph\n"


# ---------------------------------------------------------------- hostile names
@pytest.fixture(scope="module")
def hostile_built(hostile_inputs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory,
                  run_kg: RunKg) -> dict[str, Path]:
    entities, article = hostile_inputs
    out = tmp_path_factory.mktemp("hostile-out")
    paths = {}
    for suffix in SUFFIXES:
        path = out / f"graph{suffix}"
        outcome = run_kg(["build", article, "--entities", entities, "-o", path, "--quiet"])
        assert outcome.exit_code == 0, outcome.output
        paths[suffix] = path
    return paths


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_hostile_names_give_strictly_valid_output_with_the_names_intact(suffix: str,
                                                                        hostile_built: dict[str, Path]) -> None:
    path = hostile_built[suffix]
    quads = list(ox.parse(path=str(path), format=RdfFileFormat.from_path(path).oxigraph))
    names = {q.object.value for q in quads if isinstance(q.object, ox.Literal)
             and q.predicate.value in ("http://www.w3.org/2000/01/rdf-schema#label",
                                       "http://www.w3.org/2004/02/skos/core#altLabel")}
    missing = [name for name in HOSTILE_NAMES.values() if name not in names]
    assert not missing, f"labels lost or mangled: {missing!r}"


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_hostile_names_output_conforms_to_the_shapes(suffix: str, hostile_built: dict[str, Path],
                                                     validate: Callable[[rdflib.Graph], tuple[bool, str]]) -> None:
    graph = union_graph(hostile_built[suffix])
    conforms, report = validate(graph)
    assert conforms, report


def test_examples_build_through_the_cli_in_every_format(tmp_path: Path, run_kg: RunKg) -> None:
    for suffix in (".ttl", ".jsonld"):
        path = tmp_path / f"examples{suffix}"
        assert run_kg(["build", EXAMPLES, "-o", path, "--quiet"]).exit_code == 0
        assert list(ox.parse(path=str(path), format=RdfFileFormat.from_path(path).oxigraph))
