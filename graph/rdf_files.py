"""Write and read RDF files with pyoxigraph (fast and strict); format from ``--format`` or the suffix.

rdflib's Turtle serializer is far too slow for large graphs, so it is never used here.

>>> RdfFileFormat.from_path("out.ttl"), RdfFileFormat.from_path("out.jsonld")
(<RdfFileFormat.TURTLE: 'turtle'>, <RdfFileFormat.JSONLD: 'jsonld'>)
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

import pyoxigraph as ox

from graph.atomic import atomic_path
from graph.exceptions import UnsupportedFormatError
from graph.namespaces import prefixes


class RdfFileFormat(str, Enum):
    """Output formats of ``kg build``."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"

    @classmethod
    def from_path(cls, path: str | Path) -> RdfFileFormat:
        """The format a file name asks for."""
        suffix = Path(path).suffix.lower()
        try:
            return _BY_SUFFIX[suffix]
        except KeyError:
            raise UnsupportedFormatError(
                f"cannot tell the RDF format of {str(path)!r} from its suffix {suffix!r}; use one of "
                f"{', '.join(sorted(_BY_SUFFIX))} or pass --format ({', '.join(f.value for f in cls)})"
            ) from None

    @property
    def oxigraph(self) -> ox.RdfFormat:
        return {
            RdfFileFormat.TURTLE: ox.RdfFormat.TURTLE, RdfFileFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
            RdfFileFormat.NQUADS: ox.RdfFormat.N_QUADS, RdfFileFormat.TRIG: ox.RdfFormat.TRIG,
            RdfFileFormat.JSONLD: ox.RdfFormat.JSON_LD,
        }[self]

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format has named graphs (one per source document)."""
        return self in (RdfFileFormat.TRIG, RdfFileFormat.NQUADS, RdfFileFormat.JSONLD)


_BY_SUFFIX = {".ttl": RdfFileFormat.TURTLE, ".turtle": RdfFileFormat.TURTLE, ".nt": RdfFileFormat.NTRIPLES,
              ".nq": RdfFileFormat.NQUADS, ".trig": RdfFileFormat.TRIG, ".jsonld": RdfFileFormat.JSONLD,
              ".json": RdfFileFormat.JSONLD}


def write_rdf(quads: Sequence[ox.Quad], path: str | Path, *, fmt: RdfFileFormat | None = None,
              base_iri: str = "https://w3id.org/claimgraph/") -> RdfFileFormat:
    """Serialise quads (already in canonical order) to ``path`` atomically; returns the format used."""
    fmt = fmt or RdfFileFormat.from_path(path)
    items: Sequence[ox.Quad] | list[ox.Triple]
    if fmt.keeps_graphs:
        items = quads
    else:
        seen: set[ox.Triple] = set()
        triples = []
        for quad in quads:
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                triples.append(triple)
        items = triples
    with atomic_path(path) as tmp:
        kwargs = {"prefixes": prefixes(base_iri)} if fmt in (RdfFileFormat.TURTLE, RdfFileFormat.TRIG) else {}
        ox.serialize(items, output=str(tmp), format=fmt.oxigraph, **kwargs)  # type: ignore[arg-type]
    return fmt


def read_rdf(path: str | Path) -> list[ox.Quad]:
    """Parse any RDF file ``kg build`` writes, strictly."""
    fmt = RdfFileFormat.from_path(path)
    return list(ox.parse(path=str(path), format=fmt.oxigraph))
