"""The user's seed article (outside the repo) keeps yielding its six relations and little else."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, SEED

from graph.build import build_to_file

EXPECTED = {
    ("openai", "released", "o1"), ("openai", "delayed", "sora"), ("claude", "competesWith", "openai"),
    ("google", "competesWith", "openai"), ("openai", "competesWith", "xai"), ("devin", "betaTested", "o1"),
}


def _check_seed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_seed", REPO / "benchmarks" / "check_seed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEED.exists(), reason=f"seed article {SEED} not present")
def test_seed_article_gives_the_six_relations_and_at_most_two_others(tmp_path: Path) -> None:
    out = tmp_path / "seed.ttl"
    build_to_file([SEED], out)
    found = _check_seed().relation_triples(out)
    missing = EXPECTED - found
    others = found - EXPECTED
    assert not missing, f"missing: {sorted(missing)}"
    assert len(others) <= 2, f"too many other relation triples: {sorted(others)}"
