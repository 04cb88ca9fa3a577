"""Node and edge tables in Gephi's spreadsheet import format (Data Laboratory → Import Spreadsheet).

Two files: ``NAME.nodes.csv`` (``Id,Label,Type,…``) and ``NAME.edges.csv`` (``Source,Target,Type,Weight,Label,…``
with ``Type`` = ``Directed``); Gephi reads the remaining columns as attributes.

>>> import tempfile, pathlib, networkx as nx
>>> view = nx.MultiDiGraph()
>>> view.add_node("e:a", label="OpenAI", type="Organization", claims=1)
>>> view.add_node("e:b", label="Sora", type="AIModel", claims=1)
>>> _ = view.add_edge("e:a", "e:b", key="released", relation="released", label="released", weight=1, symmetric=False)
>>> nodes, edges = write_csv(view, pathlib.Path(tempfile.mkdtemp()) / "g.csv")
>>> nodes.name, nodes.read_text(encoding="utf-8").splitlines()[:2]
('g.nodes.csv', ['Id,Label,Type,claims', 'e:a,OpenAI,Organization,1'])
>>> edges.read_text(encoding="utf-8").splitlines()
['Source,Target,Type,Weight,Label,relation,symmetric', 'e:a,e:b,Directed,1,released,released,false']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.atomic import atomic_path
from graph.export.xml_text import xml_safe


def table_paths(path: str | Path) -> tuple[Path, Path]:
    """The node and edge table paths for an output name (a ``.csv`` suffix is dropped first).

    >>> [p.name for p in table_paths("exports/graph.csv")], [p.name for p in table_paths("exports/graph")]
    (['graph.nodes.csv', 'graph.edges.csv'], ['graph.nodes.csv', 'graph.edges.csv'])
    """
    path = Path(path)
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return stem.with_name(f"{stem.name}.nodes.csv"), stem.with_name(f"{stem.name}.edges.csv")


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    # Control characters are dropped so a spreadsheet never splits a row where the data did not.
    return xml_safe(str(value)).replace("\r", " ").replace("\n", " ")


def _extra_columns(rows: Iterable[Mapping[str, Any]], taken: set[str]) -> list[str]:
    columns: dict[str, None] = {}
    for data in rows:
        for key in data:
            if key not in taken:
                columns.setdefault(key, None)
    return list(columns)


def write_csv(view: nx.Graph, path: str | Path) -> tuple[Path, Path]:
    """Write the node and edge tables of a network view, each atomically; returns their paths."""
    nodes_path, edges_path = table_paths(path)
    node_columns = _extra_columns((d for _, d in view.nodes(data=True)), {"label", "type"})
    edge_columns = _extra_columns((d for _, _, d in view.edges(data=True)), {"label", "weight"})
    edge_type = "Directed" if view.is_directed() else "Undirected"
    with atomic_path(nodes_path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Id", "Label", "Type", *node_columns])
        for node, data in view.nodes(data=True):
            writer.writerow([_cell(node), _cell(data.get("label", node)), _cell(data.get("type", "")),
                             *(_cell(data.get(c)) for c in node_columns)])
    with atomic_path(edges_path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Source", "Target", "Type", "Weight", "Label", *edge_columns])
        for source, target, data in view.edges(data=True):
            writer.writerow([_cell(source), _cell(target), edge_type, _cell(data.get("weight", 1)),
                             _cell(data.get("label", "")), *(_cell(data.get(c)) for c in edge_columns)])
    return nodes_path, edges_path


__all__ = ["table_paths", "write_csv"]
