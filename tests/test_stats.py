"""kg stats: counts by type, relation, polarity and modality; rankings; Louvain communities."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from conftest import CliOutcome

from graph.build import BuildResult, run_build_texts
from graph.rdf_files import write_rdf
from graph.stats import graph_stats

TEXTS = [
    "OpenAI partnered with Microsoft.",
    "OpenAI released Sora.",
    "OpenAI released GPT-4o.",
    "Microsoft did not acquire OpenAI.",
    "Reportedly, Apple plans to acquire Mistral AI.",
    "Baidu released ERNIE Bot.",
]


@pytest.fixture(scope="module")
def small() -> BuildResult:
    return run_build_texts(TEXTS)


def test_counts_cover_every_claim(small: BuildResult) -> None:
    stats = graph_stats(small.quads)
    assert stats.claims == 6 and stats.documents == 6
    assert stats.claims_by_relation == {"released": 3, "acquired": 2, "partnersWith": 1}
    assert stats.claims_by_polarity == {"Positive": 5, "Negative": 1}
    assert stats.claims_by_modality["Asserted"] == 5
    assert stats.edges_by_relation == {"released": 3, "partnersWith": 1}  # only positive, asserted claims
    assert stats.entities_by_type["AIModel"] >= 2 and stats.entities_by_type["Organization"] >= 4


def test_the_hub_tops_degree_and_pagerank(small: BuildResult) -> None:
    stats = graph_stats(small.quads, top=3)
    assert len(stats.top_by_degree) == 3
    assert (stats.top_by_degree[0].label, stats.top_by_degree[0].score) == ("OpenAI", 3.0)
    # PageRank flows along edges to what is released, so the released models outrank the unlinked entities.
    top_pagerank = {e.label for e in stats.top_by_pagerank}
    assert top_pagerank & {"Sora", "GPT-4o", "OpenAI", "Microsoft"}


def test_communities_separate_unconnected_clusters(small: BuildResult) -> None:
    stats = graph_stats(small.quads)
    clusters = [set(c.labels) for c in stats.communities]
    assert {"OpenAI", "Microsoft", "Sora", "GPT-4o"} in clusters
    assert {"Baidu", "ERNIE Bot"} in clusters
    assert stats.communities[0].size >= stats.communities[-1].size


def test_stats_are_the_same_on_every_run(small: BuildResult) -> None:
    assert graph_stats(small.quads) == graph_stats(small.quads)


def test_cli_prints_the_report(small: BuildResult, tmp_path: Path,
                               run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    path = tmp_path / "g.trig"
    write_rdf(small.quads, path)
    outcome = run_kg(["stats", path, "--top", "2"])
    assert outcome.exit_code == 0, outcome.output
    assert "claims 6" in outcome.output and "top entities by PageRank:" in outcome.output
    assert "communities (Louvain):" in outcome.output and "OpenAI (Organization)" in outcome.output


def test_cli_reports_a_missing_graph_without_traceback(tmp_path: Path,
                                                       run_kg: Callable[[Sequence[str]], CliOutcome]) -> None:
    outcome = run_kg(["stats", tmp_path / "none.ttl"])
    assert outcome.exit_code == 2 and "no such file" in outcome.output
