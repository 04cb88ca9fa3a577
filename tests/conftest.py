"""Shared fixtures: the expensive builds (examples, hostile names) run once per session, not once per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from graph.build import BuildResult, build_to_file, run_build
from graph.command_line import app
from graph.rdf_files import read_rdf

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (.ci/run sets "ci"): "dev" keeps a local run quick, "ci" gives
# the property tests of tests/test_properties.py over 10,000 examples in total, "deep" is for a long run by hand.
# No deadline: the first example of a session pays for loading the spaCy/jieba pipelines.
_PROFILE_DEFAULTS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("dev", max_examples=25, **_PROFILE_DEFAULTS)  # type: ignore[arg-type]
settings.register_profile("ci", max_examples=1000, **_PROFILE_DEFAULTS)  # type: ignore[arg-type]
settings.register_profile("deep", max_examples=20_000, **_PROFILE_DEFAULTS)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "articles"
SHAPES = REPO / "schemas" / "shapes.ttl"
SEED = REPO.parent / "shared" / "seed" / "o1-article.zh.txt"

#: Names no IRI, Turtle string or JSON-LD value can carry verbatim; each is a known Organization via the CSV.
HOSTILE_NAMES = {
    "quote": 'Acme "Quoted" Labs',
    "angle": "<Angle> Robotics",
    "newline": "Line\nBreak AI",
    "emoji": "Rocket 🚀 Systems",
    "backslash": "Back\\slash Dynamics",
}
HOSTILE_TEXT = (
    'Acme "Quoted" Labs acquired <Angle> Robotics in 2024.\n\n'
    "Rocket 🚀 Systems partnered with Back\\slash Dynamics last year, and Line\nBreak AI invested in "
    'Acme "Quoted" Labs.\n'
)


def require_tool(name: str) -> str:
    """The path of an outside tool; skips the test when it is absent, unless CI=true where that is a failure."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{name} is required in CI (CI=true) but is not on PATH; install it in .ci/run or the Makefile")
    pytest.skip(f"{name} not installed")


@dataclass(frozen=True)
class CliOutcome:
    """What one ``kg`` invocation did."""

    exit_code: int
    output: str


@pytest.fixture(scope="session")
def run_kg() -> Callable[[Sequence[str]], CliOutcome]:
    """Run the ``kg`` CLI in-process (no interpreter start-up per call) and return its exit code and output."""
    runner = CliRunner()

    def run(args: Sequence[str]) -> CliOutcome:
        result = runner.invoke(app, [str(a) for a in args])
        # An uncaught exception is a traceback for the user: surface it as a test failure, not an exit code.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        output = result.output
        try:
            output += result.stderr
        except ValueError:  # older click mixes stderr into output already
            pass
        return CliOutcome(result.exit_code, output)

    return run


@pytest.fixture(scope="session")
def shapes_graph() -> rdflib.Graph:
    """schemas/shapes.ttl, parsed once."""
    return rdflib.Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="session")
def validate(shapes_graph: rdflib.Graph) -> Callable[[rdflib.Graph], tuple[bool, str]]:
    """Validate a data graph against the shapes: ``(conforms, report text)``."""
    import pyshacl

    def run(data: rdflib.Graph) -> tuple[bool, str]:
        conforms, _report, text = pyshacl.validate(data, shacl_graph=shapes_graph)
        return bool(conforms), str(text)

    return run


def union_graph(path: Path) -> rdflib.Graph:
    """Every triple of an RDF file, named graphs merged (what the shapes are written against)."""
    from graph.build import to_rdflib

    return to_rdflib(read_rdf(path))


@pytest.fixture(scope="session")
def examples_result() -> BuildResult:
    """The example articles built once, in memory."""
    return run_build([EXAMPLES])


@pytest.fixture(scope="session")
def examples_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles built once to TriG (claims in named graphs)."""
    out = tmp_path_factory.mktemp("examples") / "graph.trig"
    build_to_file([EXAMPLES], out)
    return out


@pytest.fixture(scope="session")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A user entity CSV of hostile names and an article mentioning them: ``(csv, article)``."""
    import csv

    folder = tmp_path_factory.mktemp("hostile")
    entities = folder / "entities.csv"
    with entities.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "type", "aliases"])
        for name in HOSTILE_NAMES.values():
            writer.writerow([name, "Organization", ""])
    article = folder / "articles" / "hostile.en.txt"
    article.parent.mkdir()
    article.write_text("Deals between odd names\n\n" + HOSTILE_TEXT, encoding="utf-8")
    return entities, article


@pytest.fixture(scope="session")
def hostile_result(hostile_inputs: tuple[Path, Path]) -> BuildResult:
    """The hostile-names article built once, in memory."""
    entities, article = hostile_inputs
    return run_build([article], extra_entities=[entities])
