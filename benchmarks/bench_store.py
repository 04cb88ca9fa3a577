"""The persistent store: bulk load of ~1M triples (time, peak RSS) vs rdflib in memory, and the time to add one
document to a store that already holds many documents.

Part 1 replicates the example articles' store (renamed IRIs, as ``bench_query.py`` does) to about ``--triples``
quads of N-Quads, then loads that file in two fresh processes: ``pyoxigraph.Store(DIR).bulk_load`` (RocksDB on
disk) and ``rdflib.Dataset().parse`` (memory). Peak RSS is the child's ``ru_maxrss``.

Part 2 makes a store of ``--documents`` documents *synthetically*: the example articles are extracted once and
their per-document named graphs (metadata, claims, mention records, exactly as ``kg build --store`` writes them)
are copied with new document and claim IRIs; known entities (OpenAI, Google, NVIDIA…) stay shared by every copy,
other entities are shared by groups of copies. The N-Quads are bulk-loaded, the derived default graph is
computed once (a full recompute, timed), then one new real document that mentions the busiest entities is added
with ``build_documents_into_store`` (pipelines already loaded; the time is the store's work plus extraction).

    .venv/bin/python benchmarks/bench_store.py [--triples 1000000] [--documents 100000]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_query import replicate

from graph.build import Builder, DocumentExtraction, group_parts
from graph.documents import _make_documents, read_documents
from graph.namespaces import PREFIXES
from graph.resolve import EntityTable
from graph.store import GraphStore, build_documents_into_store, open_writable

# VmHWM (peak resident set) of this process since exec; ru_maxrss would count the forked parent's pages.
_PEAK = "int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
_LOAD_OX = """
import sys, time, pyoxigraph as ox
started = time.perf_counter()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
seconds = time.perf_counter() - started
count = len(store)
print(seconds, PEAK, count)
""".replace("PEAK", _PEAK)
_LOAD_RDFLIB = """
import sys, time, rdflib
started = time.perf_counter()
dataset = rdflib.Dataset()
dataset.parse(sys.argv[1], format="nquads")
seconds = time.perf_counter() - started
print(seconds, PEAK, len(dataset))
""".replace("PEAK", _PEAK)
_BASELINE = """
import sys, pyoxigraph, rdflib
print(0, PEAK, 0)
""".replace("PEAK", _PEAK)


def child(code: str, *args: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, quads) measured in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True).stdout
    seconds, rss_kb, count = out.split()
    return float(seconds), int(rss_kb) / 1024, int(count)


def example_extractions(builder: Builder) -> list[DocumentExtraction]:
    documents = read_documents([REPO / "examples" / "articles"], on_problem=lambda p: None)
    return [builder.extract_parts(parts) for parts in group_parts(documents)]


def part_one(builder: Builder, target: int, work: Path) -> dict[str, object]:
    example = work / "example-store"
    with open_writable(example) as store:
        graph_store = GraphStore(store, builder)
        graph_store.begin()
        for extraction in example_extractions(builder):
            graph_store.add(extraction)
        graph_store.finish()
        quads = list(store)
    del store, graph_store
    nquads = work / "million.nq"
    written = replicate(quads, target, nquads)
    baseline = child(_BASELINE)[1]
    ox_s, ox_rss, ox_count = child(_LOAD_OX, str(nquads), str(work / "million-store"))
    rl_s, rl_rss, rl_count = child(_LOAD_RDFLIB, str(nquads))
    return {"quads_written": written, "oxigraph_quads": ox_count, "rdflib_quads": rl_count,
            "baseline_rss_mb": baseline, "oxigraph_s": ox_s, "oxigraph_rss_mb": ox_rss,
            "rdflib_s": rl_s, "rdflib_rss_mb": rl_rss}


def renamed(extraction: DocumentExtraction, k: int, *, max_claims: int | None = None) -> DocumentExtraction:
    """A copy of one document's extraction with its own document and claim IRIs; minted entities grouped.

    ``max_claims`` keeps the first claims only (and the mention records of the entities they use), so 100k
    documents stay a few million quads: ~70 per document instead of ~260 for a whole example article.
    """
    if max_claims is not None:
        claims = extraction.claims[:max_claims]
        used = {e for c in claims for e in (c.subject, c.object, c.attributed_to) if e}
        kept = EntityTable()
        kept.records = {iri: rec for iri, rec in extraction.entities.records.items() if iri in used}
        extraction = DocumentExtraction(extraction.info, claims, kept, extraction.chars, extraction.parts)
    entity_base = PREFIXES["ent"]
    world = k % 100

    def entity(iri: str | None, known: bool) -> str | None:
        if iri is None or known or not iri.startswith(entity_base):
            return iri
        return f"{iri}-w{world}"

    table = EntityTable()
    known = {iri for iri, rec in extraction.entities.records.items() if rec.known}
    for iri, record in extraction.entities.records.items():
        new_iri = entity(iri, iri in known)
        assert new_iri is not None
        table.records[new_iri] = dataclasses.replace(record, iri=new_iri, names=set(record.names))
    info = dataclasses.replace(extraction.info, doc_id=f"{extraction.info.doc_id}-c{k}",
                               path=f"{extraction.info.path}#copy{k}")
    claims = [dataclasses.replace(c, doc_id=info.doc_id, subject=entity(c.subject, c.subject in known) or c.subject,
                                  object=entity(c.object, c.object in known) or c.object,
                                  attributed_to=entity(c.attributed_to, c.attributed_to in known))
              for c in extraction.claims]
    return DocumentExtraction(info, claims, table, extraction.chars, extraction.parts)


def part_two(builder: Builder, documents: int, work: Path, *, max_claims: int | None,
             recompute: bool) -> dict[str, object]:
    directory = work / "many-docs"
    base = example_extractions(builder)
    nquads = work / "many-docs.nq"
    started = time.perf_counter()
    quads = 0
    claims = 0
    with open_writable(directory) as store:
        graph_store = GraphStore(store, builder)
        with nquads.open("w", encoding="utf-8") as handle:
            for k in range(documents):
                extraction = renamed(base[k % len(base)], k, max_claims=max_claims)
                claims += len(extraction.claims)
                for quad in graph_store.document_quads(extraction):
                    handle.write(f"{quad} .\n")
                    quads += 1
        generated = time.perf_counter() - started
        started = time.perf_counter()
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        loaded = time.perf_counter() - started
        full_recompute = None
        if recompute:
            started = time.perf_counter()
            graph_store.begin()
            graph_store.full = True
            graph_store.finish()
            full_recompute = time.perf_counter() - started
        total = len(store)
    del store, graph_store  # releases the RocksDB lock for the builds below
    texts = ["OpenAI competes with Google. Microsoft invested in OpenAI. Nvidia partnered with OpenAI.",
             "Google acquired a startup called Zephyr Robotics. OpenAI released GPT-5.",
             "英伟达与AMD竞争。OpenAI发布了Sora。"]
    timings = []
    for i, text in enumerate(texts):
        docs = list(_make_documents(f"new-{i}.txt", text, title=None, date=None, max_chars=100_000))
        started = time.perf_counter()
        report = build_documents_into_store(docs, directory, builder=builder)
        timings.append(time.perf_counter() - started)
        assert report.added == 1
    extraction_only = []
    for i, text in enumerate(texts):
        docs = list(_make_documents(f"again-{i}.txt", text, title=None, date=None, max_chars=100_000))
        started = time.perf_counter()
        builder.extract_parts(docs)
        extraction_only.append(time.perf_counter() - started)
    return {"documents": documents, "claims": claims, "quads_generated": quads, "store_quads": total,
            "generate_s": generated, "bulk_load_s": loaded, "full_recompute_s": full_recompute,
            "add_one_s": timings, "add_one_median_s": statistics.median(timings),
            "extraction_only_s": extraction_only}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--max-claims", type=int, default=2, help="claims kept per synthetic document (0: all)")
    parser.add_argument("--skip-load", action="store_true", help="Only part 2.")
    parser.add_argument("--full-recompute", action="store_true",
                        help="compute the synthetic store's derived default graph first (slow: minutes at 10k documents)")
    args = parser.parse_args()
    builder = Builder()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        work = Path(tmp)
        results: dict[str, object] = {}
        if not args.skip_load:
            results["load"] = part_one(builder, args.triples, work)
            print(json.dumps(results["load"], indent=2), flush=True)
        results["incremental"] = part_two(builder, args.documents, work, max_claims=args.max_claims or None,
                                          recompute=args.full_recompute)
        print(json.dumps(results["incremental"], indent=2), flush=True)


if __name__ == "__main__":
    main()
