"""Hybrid against rules-only as a user's build sees it: each mode in a fresh process, every text read once.

Usage: ``python benchmarks/bench_hybrid_build.py [PATH ...] [--rounds 5] [--stage build|extract]
[--max-chars-per-path N]`` (default: examples/articles, 5 rounds, both stages; with ``--max-chars-per-path`` each
PATH gives its first files, in reading order, up to about N characters: a mixed set is ``examples/articles
benchmarks/corpora/en-5MB-seed1 benchmarks/corpora/zh-5MB-seed1 --max-chars-per-path 135000``).

``bench_hybrid.py`` times both modes in one process over the same texts round after round, so from the second
round on every cache (the rules' and the scorer's) answers from the round before, which a build that reads
each document once never gets. Here each measurement is a child process that loads the pipelines and the
model on two warm-up sentences that are not in the corpus (loading is a fixed cost, not throughput), then
times one pass over the texts with every cache cold:

* ``extract``: documents (read before the clock starts) → spaCy Doc → mentions → claims, as ``bench_hybrid.py``;
* ``build``: the whole ``build_to_file`` (read, extract, RDF, aggregation, Turtle written to a temporary
  file), the build throughput that issue 7's target names.

Rounds alternate which mode runs first; the figure is the median of the rounds' CPU-time ratios (hybrid
chars/s over rules chars/s), with every round's ratio printed, because the machines this runs on are shared and
noisy. Run it with ``OPENBLAS_NUM_THREADS=1`` (set here for the children), so that CPU time is one thread's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = {"zh": "谷歌宣布收购 DeepMind，双方此前已合作多年。", "en": "Google acquired DeepMind, its partner for years."}


def child(mode: str, stage: str, paths: list[str]) -> dict[str, float]:
    """One cold pass of ``mode`` over ``paths`` in this process: CPU and wall seconds, characters, claims."""
    from graph.build import Builder, build_to_file, group_parts
    from graph.documents import read_documents
    from graph.settings import ExtractorMode, Settings

    settings = Settings(extractor=ExtractorMode(mode))
    builder = Builder(settings=settings)
    for lang, text in WARM_UP.items():  # pipelines, jieba's dictionary and the model load here, untimed
        builder.extractor.extract_text(text, lang=lang)
    if stage == "extract":
        documents = list(read_documents(paths, on_problem=lambda problem: None))
        started, cpu_started = time.perf_counter(), time.process_time()
        claims = sum(len(builder.extract_parts(parts).claims) for parts in group_parts(documents))
        chars = sum(len(d.text) for d in documents)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            # build_to_file makes its own Builder: one untimed build of the warm-up texts loads what it caches.
            for lang, text in WARM_UP.items():
                (Path(scratch) / f"warm-up-{lang}.txt").write_text(text, encoding="utf-8")
            build_to_file([scratch], Path(scratch) / "warm-up.ttl", settings=settings)
            started, cpu_started = time.perf_counter(), time.process_time()
            result = build_to_file(paths, Path(scratch) / "graph.ttl", settings=settings,
                                   on_problem=lambda problem: None)
            claims, chars = result.stats.claims, result.stats.chars
    return {"cpu": time.process_time() - cpu_started, "wall": time.perf_counter() - started,
            "chars": chars, "claims": claims}


def measure(mode: str, stage: str, paths: list[str]) -> dict[str, float]:
    """Run :func:`child` in a fresh interpreter (every cache cold) and return what it printed."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--stage", stage, *paths],
                         capture_output=True, text=True, check=True, env=env, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def first_files(path: str, max_chars: int) -> list[str]:
    """The files under ``path``, in the order a build reads them, until they hold ``max_chars`` characters.

    Files, not documents: a JSONL file's records are documents named ``file#id``, which are no paths to read.
    """
    from graph.documents import iter_files, read_documents

    files: list[str] = []
    chars = 0
    for file in iter_files([path]):
        if chars >= max_chars:
            break
        files.append(str(file))
        chars += sum(len(document.text) for document in read_documents([file], on_problem=lambda problem: None))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stage", choices=["build", "extract"], action="append",
                        help="what to time (repeatable; default both)")
    parser.add_argument("--max-chars-per-path", type=int, help="take each PATH's first files up to this many chars")
    parser.add_argument("--child", choices=["rules", "hybrid"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = args.paths or [str(ROOT / "examples" / "articles")]
    if args.max_chars_per_path and not args.child:
        paths = [file for path in paths for file in first_files(path, args.max_chars_per_path)]
    stages = args.stage or ["extract", "build"]
    if args.child:
        print(json.dumps(child(args.child, stages[0], paths)))
        return
    for stage in stages:
        ratios: list[float] = []
        runs: dict[str, list[dict[str, float]]] = {"rules": [], "hybrid": []}
        for round_no in range(args.rounds):
            order = ("rules", "hybrid") if round_no % 2 == 0 else ("hybrid", "rules")
            got = {mode: measure(mode, stage, paths) for mode in order}
            for mode in order:
                runs[mode].append(got[mode])
            # Both ran the same characters: the throughput ratio is the inverse ratio of CPU seconds.
            ratios.append(got["rules"]["cpu"] / got["hybrid"]["cpu"])
        load = os.getloadavg()[0]
        for mode, done in runs.items():
            cpu = statistics.median(r["cpu"] for r in done)
            chars, claims = done[0]["chars"], done[0]["claims"]
            print(f"{stage:7s} {mode:6s} {chars:,.0f} chars, {claims:.0f} claims, median CPU {cpu:.2f} s "
                  f"= {chars / cpu:,.0f} chars/s")
        print(f"{stage:7s} hybrid / rules, CPU: median {statistics.median(ratios):.2f} "
              f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}; load average at the end {load:.1f})")


if __name__ == "__main__":
    main()
