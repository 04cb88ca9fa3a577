"""Turtle (named graphs flattened into one).

>>> import tempfile, pathlib, pyoxigraph as ox
>>> quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/d"))
>>> out = write_turtle([quad], pathlib.Path(tempfile.mkdtemp()) / "g.ttl")
>>> len(list(ox.parse(path=str(out), format=RdfFileFormat.TURTLE.oxigraph)))
1
"""

from __future__ import annotations

from pathlib import Path

from graph.export.rdf_output import RdfFileFormat, write_quads
from graph.network import GraphSource


def write_turtle(graph: GraphSource, path: str | Path) -> Path:
    """Write the quads of ``graph`` (a path, quads, a Store or an rdflib graph) as Turtle, atomically."""
    return write_quads(graph, path, fmt=RdfFileFormat.TURTLE)


__all__ = ["write_turtle"]
