"""Parallel and distributed extraction, the spilling build and streamed reading give the same bytes as one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import documents
from graph.build import build_to_file, run_build
from graph.command_line import app
from graph.documents import read_large_text_file, read_text_document
from graph.parallel import Execution, ExecutionError, ExecutionMode, plan_execution
from graph.rdf_files import write_rdf
from graph.settings import Settings
from graph.streaming import BuildProgress

ARTICLES = {
    "a.txt": "OpenAI 发布 o1\n\n2024年9月12日\n\nOpenAI 发布了 o1 模型。据报道,苹果公司计划收购 Mistral AI。\n",
    "b.txt": "Google acquired DeepMind\n\nGoogle acquired DeepMind in 2014. Microsoft invested in OpenAI.\n",
    "c.txt": "英伟达与 AMD 竞争\n\n英伟达与 AMD 在 AI 芯片市场竞争。Anthropic 发布了 Claude。\n",
    "d.txt": "Anthropic and Google\n\nGoogle did not acquire Anthropic. Amazon invested in Anthropic.\n",
    "e.txt": "Sora delayed\n\nOpenAI delayed Sora. Meta released Llama 3.\n",
}
# No size threshold: the pool really starts even on this tiny corpus.
FORCE_POOL = Settings(parallel_min_bytes=0)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def reference(corpus: Path, tmp_path: Path) -> dict[str, bytes]:
    """The in-memory single-process build written by write_rdf, per format."""
    result = run_build([corpus])
    out: dict[str, bytes] = {}
    for suffix in ("nq", "ttl"):
        path = tmp_path / f"reference.{suffix}"
        write_rdf(result.quads, path)
        out[suffix] = path.read_bytes()
    return out


@pytest.mark.parametrize("suffix", ["nq", "ttl"])
def test_two_worker_processes_write_the_same_bytes_as_one_process(corpus: Path, tmp_path: Path,
                                                                   reference: dict[str, bytes], suffix: str) -> None:
    one = build_to_file([corpus], tmp_path / f"one.{suffix}", settings=FORCE_POOL)
    two = build_to_file([corpus], tmp_path / f"two.{suffix}", settings=FORCE_POOL, execution=Execution(workers=2))
    assert two.stats.execution == "2 worker processes"
    assert (tmp_path / f"two.{suffix}").read_bytes() == (tmp_path / f"one.{suffix}").read_bytes() == reference[suffix]
    assert (one.stats.claims, one.stats.entities) == (two.stats.claims, two.stats.entities)
    assert two.stats.claims > 5


def test_tiny_batches_across_workers_keep_document_order(corpus: Path, tmp_path: Path,
                                                         reference: dict[str, bytes]) -> None:
    # One document per task, so results come back from different workers and must be put back in order.
    settings = FORCE_POOL.replace(batch_chars=1)
    build_to_file([corpus], tmp_path / "g.nq", settings=settings, execution=Execution(workers=2))
    assert (tmp_path / "g.nq").read_bytes() == reference["nq"]


def test_small_input_stays_in_process_and_says_why(corpus: Path, tmp_path: Path) -> None:
    result = build_to_file([corpus], tmp_path / "g.nq", execution=Execution(workers=2))
    assert result.stats.execution.startswith("in-process (input ")
    assert "below the parallel threshold" in result.stats.execution


def test_plan_uses_processes_at_or_above_the_threshold() -> None:
    settings = Settings(parallel_min_bytes=1000)
    assert plan_execution(Execution(workers=3), input_bytes=1000, settings=settings).mode is ExecutionMode.PROCESSES
    assert plan_execution(Execution(workers=3), input_bytes=999, settings=settings).mode is ExecutionMode.IN_PROCESS
    assert plan_execution(Execution(workers=1), input_bytes=10**9, settings=settings).mode is ExecutionMode.IN_PROCESS


def test_worker_count_below_one_is_refused_with_the_value() -> None:
    with pytest.raises(ExecutionError, match="at least 1; got 0"):
        Execution(workers=0)


def test_dask_local_cluster_writes_the_same_bytes_as_one_process(corpus: Path, tmp_path: Path,
                                                                 reference: dict[str, bytes]) -> None:
    pytest.importorskip("distributed")  # the dev extra installs it; a bare install runs without --dask
    result = build_to_file([corpus], tmp_path / "dask.nq", settings=FORCE_POOL.replace(batch_chars=100),
                           execution=Execution(workers=2, dask_address="local"))
    assert result.stats.execution == "Dask cluster local"
    assert (tmp_path / "dask.nq").read_bytes() == reference["nq"]


@pytest.mark.parametrize("suffix", ["nq", "ttl"])
def test_spilled_build_merges_runs_into_the_same_bytes(corpus: Path, tmp_path: Path,
                                                       reference: dict[str, bytes], suffix: str) -> None:
    result = build_to_file([corpus], tmp_path / f"spill.{suffix}", settings=Settings(spill_claims=2))
    assert result.stats.spilled_runs >= 2
    assert result.quads == []  # nothing kept in memory once spilled
    assert (tmp_path / f"spill.{suffix}").read_bytes() == reference[suffix]


def test_spilled_build_with_workers_writes_the_same_bytes(corpus: Path, tmp_path: Path,
                                                          reference: dict[str, bytes]) -> None:
    result = build_to_file([corpus], tmp_path / "g.nq", settings=FORCE_POOL.replace(spill_claims=1),
                           execution=Execution(workers=2))
    assert result.stats.spilled_runs >= 2
    assert (tmp_path / "g.nq").read_bytes() == reference["nq"]


def _long_text(*, latin: bool = True) -> str:
    paragraphs = []
    for i in range(120):
        english = f"Google acquired DeepMind in 20{i % 25:02d}." if latin else "谷歌收购了深度思维公司。"
        paragraphs.append(f"第{i}段:英伟达与超威半导体竞争。{english}\r\n百度发布了文心一言模型。")
    return "长文标题\r\n\r\n2024年9月12日\r\n\r\n" + "\r\n\r\n".join(paragraphs) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_big_text_file_is_streamed_in_parts_identical_to_reading_it_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    # Blocks of 97 bytes cut through CR LF pairs and multi-byte characters.
    monkeypatch.setattr(documents, "_BLOCK_BYTES", 97)
    # GB18030 is taken only for clearly Chinese text (as decode_bytes does); mixed text goes to detection.
    text = _long_text(latin=encoding != "gb18030")
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode(encoding))
    streamed = read_large_text_file(path, max_chars=500)
    assert streamed is not None
    got = list(streamed)
    expected = list(read_text_document(str(path), text, max_chars=500))
    assert len(got) > 5
    assert got == expected


def test_big_mixed_text_in_gb18030_is_left_to_encoding_detection(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(("Google acquired DeepMind in 2014. 英伟达。\n\n" * 200).encode("gb18030"))
    assert read_large_text_file(path, max_chars=500) is None


def test_big_text_file_builds_the_same_graph_as_the_whole_text(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "_BLOCK_BYTES", 4096)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text(_long_text(), encoding="utf-8")
    settings = Settings(max_chunk_chars=800)
    # Streaming starts above 4 × max_chunk_chars bytes, which this file is.
    assert (folder / "big.txt").stat().st_size > 4 * settings.max_chunk_chars
    streamed = build_to_file([folder], tmp_path / "streamed.nq", settings=settings)
    whole = run_build([folder], settings=settings.replace(max_chunk_chars=10**9))
    assert streamed.stats.parts > 5
    assert streamed.stats.claims == len(whole.claims) > 50


def test_progress_reports_every_document_in_order(corpus: Path, tmp_path: Path) -> None:
    seen: list[BuildProgress] = []
    build_to_file([corpus], tmp_path / "g.nq", on_progress=seen.append)
    assert [p.documents for p in seen] == list(range(1, len(ARTICLES) + 1))
    assert all(p.fraction is not None and 0 < p.fraction <= 0.99 for p in seen)
    assert seen[-1].claims > 0


def test_cli_workers_build_prints_where_extraction_ran(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "extraction in-process (input" in result.output
    assert "\r" not in result.output  # no progress bar when output is not a terminal


def test_cli_unreachable_dask_scheduler_is_a_clear_error(corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setenv("CLAIMGRAPH_DASK_TIMEOUT", "1s")
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "g.ttl"),
                                      "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in result.output
    assert not (tmp_path / "g.ttl").exists()
    assert "Traceback" not in result.output

