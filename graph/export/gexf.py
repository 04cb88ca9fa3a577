"""GEXF 1.3 for Gephi (and graphology/Sigma.js), written by our own code with ``xml.etree``.

networkx's GEXF 1.3 writer is not used: it declares a wrong schema namespace and writes a ``name`` attribute
the schema rejects. This writer follows ``gexf.rnc`` 1.3: typed attribute declarations, ``viz:color`` by
entity type, ``viz:size`` by degree, edge weights and labels, and a ``start`` date on every node and edge
whose claims are dated, so Gephi's timeline plays the graph's history (undated elements stay static).

>>> import tempfile, pathlib, networkx as nx
>>> view = nx.MultiDiGraph()
>>> view.add_node("e:a", label="OpenAI", type="Organization", claims=1)
>>> view.add_node("e:b", label="Sora", type="AIModel", claims=1)
>>> _ = view.add_edge("e:a", "e:b", key="released", relation="released", label="released", weight=1,
...                   first_date="2024-02-15", symmetric=False)
>>> out = write_gexf(view, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
>>> text = out.read_text(encoding="utf-8")
>>> '<graph defaultedgetype="directed" mode="dynamic" timeformat="date">' in text
True
>>> '<node id="e:b" label="Sora" start="2024-02-15">' in text
True
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from graph.atomic import atomic_path
from graph.export.xml_text import xml_safe, xml_token

GEXF_NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"

GexfType = Literal["string", "integer", "double", "boolean"]

#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, readable on white.
TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "Organization": (0, 114, 178),   # blue
    "Person": (213, 94, 0),          # vermillion
    "Product": (0, 158, 115),        # bluish green
    "AIModel": (204, 121, 167),      # reddish purple
    "Place": (230, 159, 0),          # orange
    "Entity": (153, 153, 153),       # grey: type unknown
}
# Types from a user's schema get one of these, chosen by a stable hash of the name (the same on every run).
_EXTRA_COLORS = ((86, 180, 233), (240, 228, 66), (0, 0, 0), (117, 112, 179), (102, 166, 30))
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Attributes that GEXF carries as XML attributes of the element, not as declared attvalues.
_NODE_BUILTINS = frozenset({"label"})
_EDGE_BUILTINS = frozenset({"label", "weight"})


def type_color(type_name: str) -> tuple[int, int, int]:
    """The RGB colour of an entity type.

    >>> type_color("Organization"), type_color("Entity")
    ((0, 114, 178), (153, 153, 153))
    >>> type_color("Vessel") == type_color("Vessel")
    True
    """
    if type_name in TYPE_COLORS:
        return TYPE_COLORS[type_name]
    return _EXTRA_COLORS[sum(type_name.encode("utf-8")) % len(_EXTRA_COLORS)]


def node_size(degree: int) -> float:
    """``viz:size`` for a degree: grows with the square root so hubs stand out without hiding the rest.

    >>> node_size(0), node_size(4), node_size(100)
    (4.0, 12.0, 44.0)
    """
    return round(4.0 + 4.0 * math.sqrt(degree), 2)


def gexf_type(value: object) -> GexfType:
    """The GEXF attribute type for a plain Python value (bool before int: ``True`` is an int too).

    >>> gexf_type(True), gexf_type(3), gexf_type(0.5), gexf_type("x")
    ('boolean', 'integer', 'double', 'string')
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    return "string"


def _format(value: object, kind: GexfType) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        number = float(value)  # type: ignore[arg-type]
        return repr(number) if math.isfinite(number) else "0.0"
    if kind == "integer":
        return str(int(value))  # type: ignore[call-overload]
    return xml_safe(str(value))


def _declare(items: list[Mapping[str, Any]], builtins: frozenset[str]) -> dict[str, GexfType]:
    # Declared in first-seen order; a key whose values disagree in type falls back to string.
    declared: dict[str, GexfType] = {}
    for data in items:
        for key, value in data.items():
            if key in builtins or value is None:
                continue
            kind = gexf_type(value)
            previous = declared.setdefault(key, kind)
            if previous != kind:
                declared[key] = "double" if {previous, kind} == {"integer", "double"} else "string"
    return declared


def _attributes_element(parent: ET.Element, klass: str, declared: dict[str, GexfType]) -> dict[str, str]:
    element = ET.SubElement(parent, "attributes", {"class": klass, "mode": "static"})
    ids = {}
    for number, (key, kind) in enumerate(declared.items()):
        ids[key] = str(number)
        ET.SubElement(element, "attribute", {"id": str(number), "title": xml_token(key) or key, "type": kind})
    return ids


def _attvalues(parent: ET.Element, data: Mapping[str, Any], declared: dict[str, GexfType],
               ids: dict[str, str]) -> None:
    values = [(ids[key], _format(value, declared[key])) for key, value in data.items()
              if key in declared and value is not None]
    if values:
        holder = ET.SubElement(parent, "attvalues")
        for attribute_id, text in values:
            ET.SubElement(holder, "attvalue", {"for": attribute_id, "value": text})


def _date(value: object) -> str:
    text = str(value or "")
    return text if _DATE.match(text) else ""


def build_gexf(view: nx.Graph, *, description: str = "claimgraph: entities and the claims that link them",
               start_attribute: str = "first_date") -> ET.ElementTree:
    """The GEXF document of a network view, as an ElementTree (``write_gexf`` serialises it).

    ``start_attribute`` names the edge attribute holding an ISO date; a node starts at its earliest edge.

    >>> tree = build_gexf(nx.DiGraph([("a", "b")]))
    >>> tree.getroot().find("graph").get("mode")
    'static'
    """
    directed = view.is_directed()
    edges = list(view.edges(data=True))
    node_start: dict[Any, str] = {}
    for source, target, data in edges:
        start = _date(data.get(start_attribute))
        if start:
            for end in (source, target):
                if end not in node_start or start < node_start[end]:
                    node_start[end] = start
    dynamic = bool(node_start)

    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "xmlns:viz": VIZ_NAMESPACE, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "claimgraph"
    ET.SubElement(meta, "description").text = xml_safe(description)
    graph_attributes = {"defaultedgetype": "directed" if directed else "undirected",
                        "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attributes["timeformat"] = "date"
    graph = ET.SubElement(root, "graph", graph_attributes)

    node_data = [data for _, data in view.nodes(data=True)]
    node_declared = _declare(node_data, _NODE_BUILTINS)
    edge_declared = _declare([data for _, _, data in edges], _EDGE_BUILTINS)
    node_ids = _attributes_element(graph, "node", node_declared)
    edge_ids = _attributes_element(graph, "edge", edge_declared)

    degrees = dict(view.degree())
    nodes = ET.SubElement(graph, "nodes", {"count": str(view.number_of_nodes())})
    for node, data in view.nodes(data=True):
        attributes = {"id": xml_safe(str(node)), "label": xml_token(str(data.get("label", node))) or str(node)}
        if node in node_start:
            attributes["start"] = node_start[node]
        element = ET.SubElement(nodes, "node", attributes)
        _attvalues(element, data, node_declared, node_ids)
        red, green, blue = type_color(str(data.get("type", "Entity")))
        ET.SubElement(element, "viz:color", {"r": str(red), "g": str(green), "b": str(blue)})
        ET.SubElement(element, "viz:size", {"value": str(node_size(degrees[node]))})

    edges_element = ET.SubElement(graph, "edges", {"count": str(len(edges))})
    for number, (source, target, data) in enumerate(edges):
        attributes = {"id": f"e{number}", "source": xml_safe(str(source)), "target": xml_safe(str(target))}
        label = xml_token(str(data.get("label", "")))
        if label:
            attributes["label"] = label
        weight = data.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool) and math.isfinite(weight):
            attributes["weight"] = repr(float(weight))
        start = _date(data.get(start_attribute))
        if start:
            attributes["start"] = start
        element = ET.SubElement(edges_element, "edge", attributes)
        _attvalues(element, data, edge_declared, edge_ids)
    return ET.ElementTree(root)


def write_gexf(view: nx.Graph, path: str | Path, *,
               description: str = "claimgraph: entities and the claims that link them") -> Path:
    """Write a network view (from :func:`graph.network.to_networkx`) as GEXF 1.3, atomically; returns the path."""
    tree = build_gexf(view, description=description)
    target = Path(path)
    with atomic_path(target) as tmp:
        tree.write(tmp, encoding="UTF-8", xml_declaration=True)
    return target


__all__ = ["GEXF_NAMESPACE", "TYPE_COLORS", "VIZ_NAMESPACE", "build_gexf", "gexf_type", "node_size",
           "type_color", "write_gexf"]
