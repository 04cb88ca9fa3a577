"""GraphML (yEd, Cytoscape, Gephi, networkx), through networkx's writer with XML-safe text.

>>> import tempfile, pathlib, networkx as nx
>>> view = nx.MultiDiGraph()
>>> _ = view.add_edge("e:a", "e:b", key="acquired", relation="acquired", weight=2)
>>> view.nodes["e:a"]["label"] = "Bad\\x01Name"
>>> back = nx.read_graphml(write_graphml(view, pathlib.Path(tempfile.mkdtemp()) / "g.graphml"))
>>> back.nodes["e:a"]["label"], back.number_of_edges()
('BadName', 1)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.atomic import atomic_path
from graph.export.xml_text import xml_safe


def _clean(value: object) -> object:
    # Only strings can carry characters XML forbids; numbers and booleans keep their GraphML types.
    return xml_safe(value) if isinstance(value, str) else value


def xml_safe_copy(view: nx.Graph) -> nx.Graph:
    """A copy of ``view`` whose node ids and string attributes hold only characters XML allows.

    >>> g = nx.DiGraph([("a\\x00", "b")])
    >>> sorted(xml_safe_copy(g).nodes)
    ['a', 'b']
    """
    copy = view.__class__()
    copy.graph.update({k: _clean(v) for k, v in view.graph.items()})
    for node, data in view.nodes(data=True):
        copy.add_node(_clean(node), **{k: _clean(v) for k, v in data.items()})
    if view.is_multigraph():
        for source, target, key, data in view.edges(keys=True, data=True):
            copy.add_edge(_clean(source), _clean(target), key=_clean(key), **{k: _clean(v) for k, v in data.items()})
    else:
        for source, target, data in view.edges(data=True):
            copy.add_edge(_clean(source), _clean(target), **{k: _clean(v) for k, v in data.items()})
    return copy


def write_graphml(view: nx.Graph, path: str | Path) -> Path:
    """Write a network view as GraphML, atomically; returns the path."""
    target = Path(path)
    with atomic_path(target) as tmp:
        nx.write_graphml(xml_safe_copy(view), tmp, encoding="utf-8", named_key_ids=True)
    return target


__all__ = ["write_graphml", "xml_safe_copy"]
