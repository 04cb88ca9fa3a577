"""GEXF export time for a large network view (100k entities by default), and the same for GraphML and CSV.

The view is synthetic but shaped like ``graph.network.to_networkx`` output: IRIs as ids, bilingual labels and
aliases, the six entity types, Wikidata ids on a fifth of the nodes, a skewed (preferential-attachment) degree
distribution, one edge per relation with weights, confidences, source counts and dates on 80% of the edges.

Usage::

    python benchmarks/bench_gexf.py [--nodes 100000] [--edges-per-node 3] [--repeat 3] [--seed 1] [--formats gexf]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graph.export.csv_tables import write_csv
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml

TYPES = ("Organization", "Person", "Product", "AIModel", "Place", "Entity")
RELATIONS = ("acquired", "released", "investedIn", "partnersWith", "competesWith", "developedBy", "sued",
             "announced", "foundedBy", "worksFor")
SYMMETRIC = {"partnersWith", "competesWith"}
ZH_SYLLABLES = "智谱深度求索百度阿里巴巴腾讯字节跳动月之暗面华为小米商汤科技集团公司模型"


def synthetic_view(nodes: int, *, edges_per_node: int, seed: int) -> nx.MultiDiGraph:
    """A MultiDiGraph with ``nodes`` entities and about ``nodes * edges_per_node`` edges, attributes as ours."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(nodes, edges_per_node, seed=seed)
    view = nx.MultiDiGraph()
    for number in range(nodes):
        name = f"Entity {number:06d} {rng.choice(['AI', 'Labs', 'Systems', 'Robotics', 'Cloud'])}"
        zh = "".join(rng.choice(ZH_SYLLABLES) for _ in range(rng.randint(2, 5)))
        view.add_node(f"https://w3id.org/claimgraph/entity/entity-{number}", label=name,
                      type=rng.choice(TYPES), aliases=f"{zh}|{name.upper()}",
                      wikidata=f"Q{rng.randint(1, 10**8)}" if rng.random() < 0.2 else "",
                      claims=rng.randint(1, 40))
    for source, target in skeleton.edges():
        if rng.random() < 0.5:
            source, target = target, source
        relation = rng.choice(RELATIONS)
        weight = rng.randint(1, 6)
        mean = round(rng.uniform(0.4, 0.9), 6)
        dated = rng.random() < 0.8
        first = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if dated else ""
        view.add_edge(f"https://w3id.org/claimgraph/entity/entity-{source}",
                      f"https://w3id.org/claimgraph/entity/entity-{target}", key=relation, relation=relation,
                      label=relation, weight=weight, confidence_mean=mean, confidence_max=min(1.0, mean + 0.1),
                      sources=rng.randint(1, weight), first_date=first, last_date=first,
                      symmetric=relation in SYMMETRIC)
    return view


def timed(write: Callable[[nx.MultiDiGraph, Path], object], view: nx.MultiDiGraph, target: Path,
          repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeat`` runs of ``write``.

    CPU time is reported too because on a shared machine the wall clock also measures the neighbours.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        write(view, target)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def main() -> None:
    """Parse arguments, build the view once, time each writer, print one line per format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges-per-node", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default="gexf,graphml,csv", help="comma-separated: gexf, graphml, csv")
    args = parser.parse_args()

    started = time.perf_counter()
    view = synthetic_view(args.nodes, edges_per_node=args.edges_per_node, seed=args.seed)
    print(f"synthetic view: {view.number_of_nodes():,} nodes, {view.number_of_edges():,} edges "
          f"(built in {time.perf_counter() - started:.1f} s); {platform.python_implementation()} "
          f"{platform.python_version()}, networkx {nx.__version__}, {platform.machine()}")
    writers: dict[str, tuple[Callable[[nx.MultiDiGraph, Path], object], str]] = {
        "gexf": (write_gexf, "graph.gexf"), "graphml": (write_graphml, "graph.graphml"),
        "csv": (write_csv, "graph.csv")}
    with tempfile.TemporaryDirectory() as folder:
        for name in args.formats.split(","):
            write, filename = writers[name.strip()]
            target = Path(folder) / name / filename  # one folder per format, so sizes are not mixed up
            wall, cpu = timed(write, view, target, args.repeat)
            size = sum(p.stat().st_size for p in target.parent.iterdir())
            print(f"{name:<8} median {statistics.median(wall):6.2f} s wall, {statistics.median(cpu):6.2f} s CPU "
                  f"(wall min {min(wall):.2f}, max {max(wall):.2f}, {args.repeat} runs)  {size / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
