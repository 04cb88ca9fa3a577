"""The persistent store: incremental add, skip, replace and remove keep it equal to a clean build of the same corpus."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from graph.build import Builder, run_build
from graph.command_line import app
from graph.documents import read_documents
from graph.namespaces import KG
from graph.store import (
    StoreError,
    build_documents_into_store,
    build_into_store,
    canonical_nquads,
    open_rdflib,
    open_read_only,
    open_writable,
    remove_from_store,
)

ARTICLES = {
    "a.txt": "Google acquired DeepMind in 2014. Nvidia competes with AMD.",
    "b.txt": "Microsoft partnered with OpenAI. Google acquired DeepMind.",
    "c.txt": "Google did not acquire DeepMind. Amazon invested in Anthropic.",
    "d.txt": "OpenAI released Sora. Meta released Llama 3.",
    "e.txt": "OpenAI delayed Sora. Nvidia competes with Intel.",
}


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def store_lines(directory: Path) -> list[str]:
    with open_read_only(directory) as store:
        return canonical_nquads(store)


def clean_build(corpus: Path, directory: Path) -> list[str]:
    """A fresh store of the corpus as it is now (the same paths, so the same document and claim IRIs)."""
    build_into_store([corpus], directory)
    return store_lines(directory)


def derived(directory: Path) -> set[str]:
    """Asserted triples, aggregate counts and mention counts: the data the store recomputes."""
    with open_read_only(directory) as store:
        rows = store.query("""SELECT ?s ?p ?o WHERE { { ?s ?p ?o . ?p a <https://w3id.org/claimgraph/ontology#Relation> }
            UNION { ?s ?p ?o . FILTER(?p IN (<https://w3id.org/claimgraph/ontology#claimCount>,
              <https://w3id.org/claimgraph/ontology#sourceCount>, <https://w3id.org/claimgraph/ontology#mentionCount>,
              <https://w3id.org/claimgraph/ontology#combinedConfidence>, <https://w3id.org/claimgraph/ontology#contradicts>)) } }""")
        return {f"{row['s']} {row['p']} {row['o']}" for row in rows}


def test_add_skip_change_remove_equal_a_clean_build_of_the_final_corpus(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", dict(list(ARTICLES.items())[:3]))
    directory = tmp_path / "store"
    first = build_into_store([corpus], directory)
    assert (first.added, first.skipped) == (3, 0)

    write_corpus(corpus, ARTICLES)
    second = build_into_store([corpus], directory)
    assert (second.added, second.replaced, second.skipped) == (2, 0, 3)

    again = build_into_store([corpus], directory)
    assert (again.added, again.replaced, again.skipped) == (0, 0, 5)

    changed = dict(ARTICLES, **{"a.txt": "Nvidia competes with AMD. Apple acquired Mistral AI."})
    write_corpus(corpus, changed)
    third = build_into_store([corpus], directory)
    assert (third.added, third.replaced, third.skipped) == (0, 1, 4)

    removed = remove_from_store(directory, [str(corpus / "c.txt")])
    assert removed.removed == 1
    (corpus / "c.txt").unlink()
    assert store_lines(directory) == clean_build(corpus, tmp_path / "clean")


def test_removing_the_only_source_drops_the_triple_aggregate_and_unmentioned_entity(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["a.txt"], "b.txt": ARTICLES["b.txt"],
                                               "d.txt": ARTICLES["d.txt"]})
    directory = tmp_path / "store"
    build_into_store([corpus], directory)
    acquired = "<https://w3id.org/claimgraph/ontology#acquired>"
    before = derived(directory)
    assert any(acquired in line for line in before)
    remove_from_store(directory, [str(corpus / "a.txt")])
    after = derived(directory)
    assert any(acquired in line for line in after)  # b.txt still supports it
    remove_from_store(directory, [str(corpus / "b.txt")])
    final = derived(directory)
    assert not any(acquired in line for line in final)
    with open_read_only(directory) as store:
        assert not list(store.quads_for_pattern(None, KG.mentionCount, None, ox.DefaultGraph())) or all(
            "deepmind" not in q.subject.value for q in store.quads_for_pattern(None, KG.mentionCount, None))


def test_store_union_has_the_file_builds_asserted_triples_and_aggregates(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    build_into_store([corpus], tmp_path / "store")
    memory = ox.Store()
    memory.extend(run_build([corpus]).quads)  # the same store canonicalises literals (0.750 → 0.75)
    expected = set()
    for quad in memory:
        if quad.predicate in (KG.claimCount, KG.sourceCount, KG.combinedConfidence, KG.mentionCount, KG.contradicts):
            expected.add(f"{quad.subject} {quad.predicate} {quad.object}")
    relations = {q.subject for q in memory.quads_for_pattern(None, None, KG.Relation)}
    expected |= {f"{q.subject} {q.predicate} {q.object}" for q in memory.quads_for_pattern(None, None, None,
                                                                                           ox.DefaultGraph())
                 if q.predicate in relations}
    assert derived(tmp_path / "store") == expected


def test_a_folder_that_is_not_a_store_is_refused_and_left_untouched(tmp_path: Path) -> None:
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep me", encoding="utf-8")
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["a.txt"]})
    result = CliRunner().invoke(app, ["build", str(corpus), "--store", str(stranger)])
    assert result.exit_code == 2
    assert "not a claimgraph store" in result.output
    assert sorted(p.name for p in stranger.iterdir()) == ["notes.txt"]


def test_a_store_locked_by_another_writer_gives_a_clear_message(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["a.txt"]})
    directory = tmp_path / "store"
    build_into_store([corpus], directory)
    before = store_lines(directory)
    with open_writable(directory):
        result = CliRunner().invoke(app, ["build", str(corpus), "--store", str(directory)])
        assert result.exit_code == 2
        assert "in use by another process" in result.output
        with pytest.raises(StoreError, match="in use"):
            remove_from_store(directory, [str(corpus / "a.txt")])
    assert store_lines(directory) == before


def test_kg_remove_of_an_unknown_document_removes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["a.txt"], "b.txt": ARTICLES["b.txt"]})
    directory = tmp_path / "store"
    build_into_store([corpus], directory)
    before = store_lines(directory)
    result = CliRunner().invoke(app, ["remove", "--store", str(directory), str(corpus / "a.txt"), "nope.txt"])
    assert result.exit_code == 2
    assert "not in the store: nope.txt" in result.output
    assert store_lines(directory) == before


def test_kg_query_stats_and_rdflib_read_the_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    directory = tmp_path / "store"
    built = CliRunner().invoke(app, ["build", str(corpus), "--store", str(directory)])
    assert built.exit_code == 0, built.output
    assert "documents processed 5" in built.output
    rerun = CliRunner().invoke(app, ["build", str(corpus), "--store", str(directory)])
    assert "documents processed 0" in rerun.output and "unchanged skipped 5" in rerun.output
    query = "SELECT ?o WHERE { ?s <https://w3id.org/claimgraph/ontology#acquired> ?o }"
    result = CliRunner().invoke(app, ["query", "--store", str(directory), query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "deepmind" in result.output.lower()
    named = CliRunner().invoke(app, ["query", "--store", str(directory), "--name", "competitors",
                                     "--param", "entity=Nvidia", "--format", "csv"])
    assert "amd" in named.output.lower()
    stats = CliRunner().invoke(app, ["stats", "--store", str(directory)])
    assert stats.exit_code == 0 and "documents 5" in stats.output
    dataset = open_rdflib(directory)
    assert dataset.query("ASK { ?s <https://w3id.org/claimgraph/ontology#acquired> ?o }").askAnswer


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from graph.build import Builder
    from graph.documents import read_documents
    from graph.store import build_documents_into_store
    corpus, directory, kill_after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    done = []
    def on_document(iri):
        done.append(iri)
        if len(done) == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
    build_documents_into_store(read_documents([corpus], on_problem=print), directory, builder=Builder(), on_document=on_document)
""")


def test_a_build_killed_with_sigkill_is_completed_by_a_rerun_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    directory = tmp_path / "store"
    # Killed after the 2nd document, then (re-run) after 1 more, then after the last document, before the
    # derived data is recomputed: each successor must finish what the killed run left.
    for kill_after in (2, 1, 2):
        run = subprocess.run([sys.executable, "-c", _KILLER, str(corpus), str(directory), str(kill_after)],
                             check=False, capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=os.getcwd()))
        assert run.returncode == -signal.SIGKILL, run.stderr
    final = build_into_store([corpus], directory)
    assert final.full_recompute and final.added == 0 and final.skipped == 5
    assert store_lines(directory) == clean_build(corpus, tmp_path / "clean")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_oxigraph(binary: str, location: Path, port: int) -> subprocess.Popen[bytes]:
    import time
    import urllib.request

    server = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    pytest.fail("oxigraph serve did not start")


def _server_lines(url: str) -> list[str]:
    import urllib.request

    request = urllib.request.Request(f"{url}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    return [line for line in canonical_nquads(store) if "_:" not in line]  # a server renames blank nodes


def test_a_sparql_server_store_has_the_same_semantics_and_keeps_what_was_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import require_tool

    import graph.remote_store
    from graph.remote_store import RemoteStoreError

    # pip installs the `oxigraph` binary beside this interpreter, which need not be on PATH.
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.is_file() else require_tool("oxigraph")
    monkeypatch.setattr(graph.remote_store, "RETRY_DELAYS", (0.05, 0.1))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    corpus = write_corpus(tmp_path / "corpus", dict(list(ARTICLES.items())[:3]))
    server = _start_oxigraph(binary, tmp_path / "server", port)
    try:
        assert build_into_store([corpus], url).added == 3
        assert build_into_store([corpus], url).skipped == 3
        written = set(_server_lines(url))
        # kg query/stats/export/serve --store URL read the server through the SPARQL Protocol.
        from graph.query import run_query
        from graph.store import graph_source

        claims = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/claimgraph/ontology#Claim> }"
        served = run_query(graph_source(None, url), claims).rows
        claim_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/claimgraph/ontology#Claim>"
        assert served[0][0] == sum(1 for line in written if claim_type in line) > 0
        write_corpus(corpus, ARTICLES)

        def stop_server(_: str) -> None:  # the server goes away once d.txt is written, before e.txt
            server.kill()
            server.wait()

        with pytest.raises(RemoteStoreError, match=r"e\.txt .* was not written: .*did not answer.* 1 document"):
            build_documents_into_store(read_documents([corpus], on_problem=print), url, builder=Builder(),
                                       on_document=stop_server)
    finally:
        server.kill()
        server.wait()
    server = _start_oxigraph(binary, tmp_path / "server", port)
    try:
        assert written < set(_server_lines(url))  # nothing already written was lost, d.txt included
        rerun = build_into_store([corpus], url)
        assert (rerun.added, rerun.skipped, rerun.full_recompute) == (1, 4, True)
        write_corpus(corpus, {"a.txt": "Nvidia competes with AMD. Apple acquired Mistral AI."})
        assert build_into_store([corpus], url).replaced == 1
        assert remove_from_store(url, [str(corpus / "c.txt")]).removed == 1
        (corpus / "c.txt").unlink()
        remote = _server_lines(url)
    finally:
        server.kill()
        server.wait()
    local = [line for line in clean_build(corpus, tmp_path / "clean") if "_:" not in line]
    assert remote == local
