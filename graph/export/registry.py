"""Every export format, the writer behind it, and the one function ``kg export`` / ``kg build --export`` call.

Network formats (GEXF, GraphML, CSV tables, HTML) take the networkx view of :func:`graph.network.to_networkx`;
RDF formats take the quads themselves.

>>> ExportFormat.parse_list("gexf, graphml")
[<ExportFormat.GEXF: 'gexf'>, <ExportFormat.GRAPHML: 'graphml'>]
>>> ExportFormat.GEXF.suffix, ExportFormat.NQUADS.suffix, ExportFormat.GEXF.takes_network
('.gexf', '.nq', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.exceptions import UnsupportedFormatError
from graph.export.csv_tables import write_csv
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.jsonld import write_jsonld
from graph.export.nquads import write_nquads
from graph.export.ntriples import write_ntriples
from graph.export.trig import write_trig
from graph.export.ttl import write_turtle
from graph.network import GraphSource, load_store, read_quads, to_networkx


class ExportFormat(str, Enum):
    """The formats ``kg export --to`` and ``kg build --export`` write."""

    GEXF = "gexf"
    GRAPHML = "graphml"
    CSV = "csv"
    HTML = "html"
    JSONLD = "jsonld"
    NTRIPLES = "ntriples"
    TRIG = "trig"
    NQUADS = "nquads"
    TURTLE = "turtle"

    @property
    def suffix(self) -> str:
        """The file suffix of the format (CSV writes ``NAME.nodes.csv`` and ``NAME.edges.csv``)."""
        return _SUFFIXES[self]

    @property
    def takes_network(self) -> bool:
        """Whether the writer takes the networkx view (else the RDF quads)."""
        return self in (ExportFormat.GEXF, ExportFormat.GRAPHML, ExportFormat.CSV, ExportFormat.HTML)

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format called ``name`` (case and spaces ignored); a clear error listing the valid names.

        >>> ExportFormat.parse("GEXF")
        <ExportFormat.GEXF: 'gexf'>
        >>> ExportFormat.parse("gexf2")
        Traceback (most recent call last):
        ...
        graph.exceptions.UnsupportedFormatError: unknown export format 'gexf2'; use one of gexf, graphml, csv, ...
        """
        try:
            return cls(name.strip().lower())
        except ValueError:
            raise UnsupportedFormatError(
                f"unknown export format {name.strip()!r}; use one of {', '.join(f.value for f in cls)}") from None

    @classmethod
    def parse_list(cls, names: str) -> list[ExportFormat]:
        """Formats from a comma-separated list, in order, without repeats."""
        formats: list[ExportFormat] = []
        for name in names.split(","):
            if name.strip():
                fmt = cls.parse(name)
                if fmt not in formats:
                    formats.append(fmt)
        if not formats:
            raise UnsupportedFormatError(
                f"no export format in {names!r}; use a comma-separated list of {', '.join(f.value for f in cls)}")
        return formats


_SUFFIXES = {ExportFormat.GEXF: ".gexf", ExportFormat.GRAPHML: ".graphml", ExportFormat.CSV: ".csv",
             ExportFormat.HTML: ".html", ExportFormat.JSONLD: ".jsonld", ExportFormat.NTRIPLES: ".nt",
             ExportFormat.TRIG: ".trig", ExportFormat.NQUADS: ".nq", ExportFormat.TURTLE: ".ttl"}


def _write_html(view: nx.Graph, path: Path, *, store: ox.Store, title: str) -> None:
    # Imported here: the HTML view needs its JavaScript bundle, and the other formats must not depend on it.
    from graph.export.html_page import claim_rows, write_html

    write_html(view, path, title=title, claims=claim_rows(store))


#: Format → writer. Network writers are called as ``write(view, path)``, RDF writers as ``write(quads, path)``.
WRITERS: dict[ExportFormat, Callable[..., Any]] = {
    ExportFormat.GEXF: write_gexf,
    ExportFormat.GRAPHML: write_graphml,
    ExportFormat.CSV: write_csv,
    ExportFormat.HTML: _write_html,
    ExportFormat.JSONLD: write_jsonld,
    ExportFormat.NTRIPLES: write_ntriples,
    ExportFormat.TRIG: write_trig,
    ExportFormat.NQUADS: write_nquads,
    ExportFormat.TURTLE: write_turtle,
}


def _written(fmt: ExportFormat, path: Path) -> list[Path]:
    if fmt is ExportFormat.CSV:
        from graph.export.csv_tables import table_paths

        return list(table_paths(path))
    return [path]


def export_graph(graph: GraphSource, path: str | Path, *, to: ExportFormat | Sequence[ExportFormat],
                 include_hedged: bool = False, include_negated: bool = False, include_inferred: bool = True,
                 collapse: bool = False, title: str = "claimgraph") -> list[Path]:
    """Write ``graph`` in one format to ``path``, or in several next to ``path`` with each format's suffix.

    The graph is read and the network view computed once, however many formats are written. The
    ``include_*`` and ``collapse`` options shape the network view (see :func:`graph.network.to_networkx`).
    Returns the files written.

    >>> import tempfile
    >>> from graph.build import run_build_texts
    >>> quads = run_build_texts(["Google acquired DeepMind."]).quads
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in export_graph(quads, folder / "g.ttl", to=[ExportFormat.GEXF, ExportFormat.CSV])]
    ['g.gexf', 'g.nodes.csv', 'g.edges.csv']
    """
    target = Path(path)
    formats = [to] if isinstance(to, ExportFormat) else list(to)
    paths = {fmt: target if isinstance(to, ExportFormat) else target.with_suffix(fmt.suffix) for fmt in formats}
    quads = read_quads(graph)  # RDF formats re-serialise these (a Store would canonicalise the literals)
    store = load_store(quads)
    view: nx.Graph | None = None
    written: list[Path] = []
    for fmt in formats:
        if fmt.takes_network and view is None:
            view = to_networkx(store, include_hedged=include_hedged, include_negated=include_negated,
                               include_inferred=include_inferred, collapse=collapse)
        if fmt is ExportFormat.HTML:
            _write_html(view, paths[fmt], store=store, title=title)
        elif fmt.takes_network:
            WRITERS[fmt](view, paths[fmt])
        else:
            WRITERS[fmt](quads, paths[fmt])
        written.extend(_written(fmt, paths[fmt]))
    return written


def export_formats() -> Iterable[str]:
    """The names of every export format, for help texts.

    >>> list(export_formats())[:3]
    ['gexf', 'graphml', 'csv']
    """
    return [fmt.value for fmt in ExportFormat]


__all__ = ["WRITERS", "ExportFormat", "export_formats", "export_graph"]
