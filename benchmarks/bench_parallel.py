"""Build speed with 1 and 2 worker processes, side by side in one run, on a large and a small corpus.

Targets (issue 4): at least 1.7x speedup with 2 workers on a 50 MB corpus; on 100 kB, ``--workers 2`` must not
be slower than 1 worker (the input stays in-process below ``Settings.parallel_min_bytes``). The forced-pool
row on 100 kB shows what starting the workers would have cost. Every output is checked byte-identical.

Usage::

    python benchmarks/bench_parallel.py [--lang en] [--large 50MB] [--small 100kB] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.build import build_to_file
from graph.parallel import Execution
from graph.settings import Settings

HERE = Path(__file__).resolve().parent


def corpus(lang: str, size: str, seed: int) -> Path:
    """The generated corpus folder, generated first if missing (the generator writes .complete last)."""
    folder = HERE / "corpora" / f"{lang}-{size}-seed{seed}"
    if not (folder / ".complete").exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "--lang", lang, "--size", size,
                        "--seed", str(seed)], check=True)
    return folder


def timed_build(folder: Path, out: Path, *, workers: int, settings: Settings) -> tuple[float, float, str, int]:
    """Wall seconds, this process's + children's CPU seconds, where it ran, and claims."""
    cpu0 = os.times()
    started = time.perf_counter()
    result = build_to_file([folder], out, settings=settings, execution=Execution(workers=workers))
    wall = time.perf_counter() - started
    cpu1 = os.times()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system) + (cpu1.children_user - cpu0.children_user)
    return wall, cpu, result.stats.execution, result.stats.claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=["zh", "en", "mixed"])
    parser.add_argument("--large", default="50MB", help="empty to skip")
    parser.add_argument("--small", default="100kB")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # Untimed warm-up: the first build in a process loads jieba's dictionary and the spaCy pipelines,
        # which would otherwise be charged to whichever row runs first.
        build_to_file([corpus(args.lang, args.small, args.seed)], tmp / "warm.nq")
        for size in [s for s in (args.small, args.large) if s]:
            folder = corpus(args.lang, size, args.seed)
            nbytes = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != ".complete")
            runs = [("1 worker", 1, Settings()), ("2 workers", 2, Settings())]
            if size == args.small:
                runs.append(("2 workers, pool forced", 2, Settings(parallel_min_bytes=0)))
            rows = []
            for label, workers, settings in runs:
                out = tmp / f"{size}-{label.replace(' ', '_').replace(',', '')}.nq"
                rows.append((label, out, *timed_build(folder, out, workers=workers, settings=settings)))
            base = rows[0][2]
            print(f"\n{args.lang}-{size}: {nbytes:,} bytes")
            for label, out, wall, cpu, where, claims in rows:
                same = out.read_bytes() == rows[0][1].read_bytes()
                print(f"  {label:<24} {wall:8.2f} s wall {cpu:8.2f} s CPU  speedup {base / wall:5.2f}x  "
                      f"{nbytes / wall / 1e6:6.2f} MB/s  claims {claims:,}  identical {same}  [{where}]")


if __name__ == "__main__":
    main()
