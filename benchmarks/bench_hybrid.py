"""Hybrid extraction throughput against rules only, in one run on the same texts (issue 7's speed target:
hybrid at least 50% of rules-only).

Usage: ``python benchmarks/bench_hybrid.py [PATH ...] [--max-chars 1000000]`` (default: examples/articles plus
the benchmark corpora when generated). Pipelines and the model are loaded before timing (one document of each
language per mode); each mode runs once over the same Documents (read beforehand), extraction only (Doc →
mentions → claims, no RDF).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graph.build import Builder, group_parts
from graph.documents import read_documents
from graph.settings import ExtractorMode, Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--max-chars", type=int, default=1_000_000)
    args = parser.parse_args()
    paths = args.paths or [str(ROOT / "examples" / "articles")] + [
        str(p) for p in (ROOT / "benchmarks" / "corpora").glob("*-5MB-seed1") if p.is_dir()]
    documents, chars = [], 0
    for document in read_documents(paths, on_problem=lambda problem: None):
        documents.append(document)
        chars += len(document.text)
        if chars >= args.max_chars:
            break
    # One document per language warms up each mode: the pipelines, jieba's tagger and the model load lazily, on
    # the first document that needs them; with the first document only, the other language's loading fell in
    # the first timed mode (rules) alone.
    warm_up = list({document.lang: document for document in reversed(documents)}.values())
    results: dict[str, tuple[float, float]] = {}
    for mode in (ExtractorMode.RULES, ExtractorMode.HYBRID):
        builder = Builder(settings=Settings(extractor=mode))
        for document in warm_up:
            builder.extract_parts([document])  # load pipelines (and the model) outside the timing
        started, cpu_started = time.perf_counter(), time.process_time()
        claims = sum(len(builder.extract_parts(parts).claims) for parts in group_parts(documents))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        results[mode.value] = (chars / seconds, chars / cpu)
        screened = getattr(builder.extractor, "pairs_screened", None)
        extra = "" if screened is None else (
            f", {builder.extractor.pairs_scored:,} pairs scored, {screened:,} kept from the encoder by the screen")
        print(f"{mode.value:7s} {chars:,} chars in {seconds:.2f} s = {chars / seconds:,.0f} chars/s (CPU {cpu:.2f} s "
              f"= {chars / cpu:,.0f} chars/s), {claims} claims{extra}")
    # On a shared machine the wall-clock ratio moves with the other jobs; the process's CPU time much less.
    print(f"hybrid / rules throughput: {results['hybrid'][0] / results['rules'][0]:.2f} "
          f"(CPU time: {results['hybrid'][1] / results['rules'][1]:.2f})")


if __name__ == "__main__":
    main()
