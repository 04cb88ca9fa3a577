"""Time every named query on a ~1M-triple graph with pyoxigraph and with rdflib (in memory), in one run.

The graph is the example articles' graph replicated with renamed IRIs: every copy gets its own documents and
claims, and entities are shared by groups of copies (``ent:openai-w3``) so entities gather claims from
several documents rather than forming 220 disjoint islands. Load times are reported apart from query times.

    .venv/bin/python benchmarks/bench_query.py [--triples 1000000] [--timeout 300] [--append BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph.build import run_build
from graph.namespaces import PREFIXES
from graph.query import (
    QueryTimeoutError,
    get_named_query,
    load_dataset,
    load_store,
    named_queries,
    resolve_parameters,
    run_query,
)

PARAMS = {"competitors": {"entity": "OpenAI"}, "claims-about": {"entity": "英伟达"},
          "relations-of-type": {"relation": "acquired"}, "contradictions": {}, "timeline": {"entity": "OpenAI"},
          "entities-by-type": {"type": "Organization"}}
WORLDS = 100  # entity groups: copy k uses the entities of world k % WORLDS (~2 copies share one)


def replicate(quads: list[ox.Quad], target_triples: int, out: Path) -> int:
    """Write N-Quads of ``quads`` copied until about ``target_triples``; returns the number written."""
    entity, claim, doc = PREFIXES["ent"], PREFIXES["claim"], PREFIXES["doc"]
    seen: set[ox.Quad] = set()
    written = 0

    def rename(term: object, k: int) -> object:
        if isinstance(term, ox.NamedNode):
            value = term.value
            if value.startswith(entity):
                return ox.NamedNode(f"{value}-w{k % WORLDS}")
            if value.startswith((claim, doc)):
                return ox.NamedNode(f"{value}-c{k}")
        return term

    with out.open("wb") as handle:
        k = -1
        while written < target_triples:  # shared entities are written once, so copies are counted as written
            k += 1
            batch = []
            for quad in quads:
                renamed = ox.Quad(rename(quad.subject, k), quad.predicate, rename(quad.object, k),  # type: ignore[arg-type]
                                  rename(quad.graph_name, k))  # type: ignore[arg-type]
                if renamed not in seen:
                    seen.add(renamed)
                    batch.append(renamed)
            ox.serialize(batch, output=handle, format=ox.RdfFormat.N_QUADS)
            written += len(batch)
    return written


def timed(action: object, repeat: int = 1) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=300.0, help="per query, per engine")
    parser.add_argument("--append", type=Path, help="append a Markdown section with the results to this file")
    args = parser.parse_args()

    base = run_build([REPO / "examples" / "articles"]).quads
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.nq"
        seconds, count = timed(lambda: replicate(base, args.triples, path))
        print(f"graph: {count:,} quads ({path.stat().st_size / 1e6:.0f} MB N-Quads), written in {seconds:.1f} s")
        ox_load, store = timed(lambda: load_store(path))
        print(f"load  pyoxigraph {ox_load:7.2f} s")
        rdf_load, dataset = timed(lambda: load_dataset(path))
        print(f"load  rdflib     {rdf_load:7.2f} s")

        # All pyoxigraph timings first, then rdflib, the slowest last: a timed-out rdflib query keeps running
        # in its abandoned thread and would slow down whatever is measured after it.
        ox_times: dict[str, tuple[float, object]] = {}
        rows_cut: list[tuple[str, int, str, str, str, str]] = []
        for name in named_queries():
            sparql = get_named_query(name).sparql
            bindings = resolve_parameters(store, PARAMS[name])  # type: ignore[arg-type]
            try:
                ox_times[name] = timed(lambda sparql=sparql, bindings=bindings: run_query(  # type: ignore[misc]
                    store, sparql, bindings=bindings, timeout=args.timeout), repeat=3)
            except QueryTimeoutError:
                print(f"{name:<18} pyoxigraph > {args.timeout:g} s; rdflib not tried", flush=True)
                rows_cut.append((name, 0, f"> {args.timeout:g}", "not run", "-", "-"))
        rows = list(rows_cut)
        for name in sorted(ox_times, key=lambda n: (n == "contradictions", n)):
            sparql = get_named_query(name).sparql
            bindings = resolve_parameters(store, PARAMS[name])  # type: ignore[arg-type]
            ox_time, ox_result = ox_times[name]
            try:
                rl_time, rl_result = timed(lambda sparql=sparql, bindings=bindings: run_query(  # type: ignore[misc]
                    dataset, sparql, bindings=bindings, timeout=args.timeout, engine="rdflib"))
                same = "yes" if rl_result.rows == ox_result.rows else "NO"  # type: ignore[attr-defined]
                ratio = f"{rl_time / ox_time:,.1f}×" if ox_time else "-"
                rl_text = f"{rl_time:.3f}"
            except QueryTimeoutError:
                rl_text, ratio, same = f"> {args.timeout:g}", f"> {args.timeout / ox_time:,.0f}×", "-"
            n_rows = len(ox_result.rows)  # type: ignore[attr-defined]
            rows.append((name, n_rows, f"{ox_time:.3f}", rl_text, ratio, same))
            print(f"{name:<18} rows {n_rows:>7,}  pyoxigraph {ox_time:8.3f} s  rdflib {rl_text:>8} s  "
                  f"ratio {ratio:>7}  same rows {same}", flush=True)

    if args.append:
        lines = [
            "", f"## Named queries on {count:,} quads: pyoxigraph vs rdflib (`benchmarks/bench_query.py`)", "",
            (f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, pyoxigraph {ox.__version__}, "
             f"{platform.machine()}. Example graph replicated with renamed IRIs ({WORLDS} entity groups). "
             f"Load: pyoxigraph {ox_load:.1f} s, rdflib {rdf_load:.1f} s (not in the query times). "
             "pyoxigraph time is the median of 3 runs, rdflib one run."), "",
            "| query | rows | pyoxigraph s | rdflib s | rdflib / pyoxigraph | same rows |",
            "|---|---:|---:|---:|---:|---|",
        ]
        lines += [f"| {n} | {r:,} | {o} | {rl} | {ratio} | {same} |" for n, r, o, rl, ratio, same in rows]
        with args.append.open("a", encoding="utf-8") as handle:  # append only: others write this file too
            handle.write("\n".join(lines) + "\n")
        print(f"appended to {args.append}")


if __name__ == "__main__":
    main()
