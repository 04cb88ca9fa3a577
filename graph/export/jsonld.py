"""JSON-LD, one named graph per source document.

>>> import tempfile, pathlib, pyoxigraph as ox
>>> quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/d"))
>>> out = write_jsonld([quad], pathlib.Path(tempfile.mkdtemp()) / "g.jsonld")
>>> len(list(ox.parse(path=str(out), format=RdfFileFormat.JSONLD.oxigraph)))
1
"""

from __future__ import annotations

from pathlib import Path

from graph.export.rdf_output import RdfFileFormat, write_quads
from graph.network import GraphSource


def write_jsonld(graph: GraphSource, path: str | Path) -> Path:
    """Write the quads of ``graph`` (a path, quads, a Store or an rdflib graph) as JSON-LD, atomically."""
    return write_quads(graph, path, fmt=RdfFileFormat.JSONLD)


__all__ = ["write_jsonld"]
