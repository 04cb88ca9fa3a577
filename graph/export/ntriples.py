"""N-Triples (named graphs flattened; one triple a line, for grep and bulk loaders).

>>> import tempfile, pathlib, pyoxigraph as ox
>>> quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/d"))
>>> out = write_ntriples([quad], pathlib.Path(tempfile.mkdtemp()) / "g.nt")
>>> len(list(ox.parse(path=str(out), format=RdfFileFormat.NTRIPLES.oxigraph)))
1
"""

from __future__ import annotations

from pathlib import Path

from graph.export.rdf_output import RdfFileFormat, write_quads
from graph.network import GraphSource


def write_ntriples(graph: GraphSource, path: str | Path) -> Path:
    """Write the quads of ``graph`` (a path, quads, a Store or an rdflib graph) as N-Triples, atomically."""
    return write_quads(graph, path, fmt=RdfFileFormat.NTRIPLES)


__all__ = ["write_ntriples"]
