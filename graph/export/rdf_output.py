"""Re-serialise a graph's quads in another RDF syntax (shared by the turtle/trig/nquads/ntriples/jsonld writers).

Named graphs (one per source document) survive in TriG, N-Quads and JSON-LD; Turtle and N-Triples flatten them.

>>> import tempfile, pathlib, pyoxigraph as ox
>>> quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/d"))
>>> out = write_quads([quad], pathlib.Path(tempfile.mkdtemp()) / "g.nq", fmt=RdfFileFormat.NQUADS)
>>> out.read_text().strip()
'<http://e/a> <http://e/p> "x" <http://e/d> .'
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.network import GraphSource, read_quads
from graph.rdf_files import RdfFileFormat, write_rdf


def quads_of(source: GraphSource) -> list[ox.Quad]:
    """Every quad of ``source`` in a canonical order, so the same graph always gives the same file.

    >>> quads_of([ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("1")),
    ...           ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1"))])[0].subject.value
    'http://e/a'
    """
    return sorted(set(read_quads(source)), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def write_quads(source: GraphSource, path: str | Path, *, fmt: RdfFileFormat) -> Path:
    """Write ``source``'s quads to ``path`` in ``fmt``, atomically; returns the path."""
    write_rdf(quads_of(source), path, fmt=fmt)
    return Path(path)


__all__ = ["RdfFileFormat", "quads_of", "write_quads"]
