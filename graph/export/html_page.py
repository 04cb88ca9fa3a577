"""One self-contained HTML file that shows the claim graph interactively (sigma.js + graphology), offline.

The page carries everything it needs: the JavaScript bundle built by ``make web`` (``web/dist/view.js``,
inlined), the graph as JSON in a ``<script type="application/json">`` element, and node positions computed
here with a seeded layout so the same graph always gives the same picture. A Content-Security-Policy forbids
any network fetch, so opening the file never contacts a server.

>>> import networkx as nx
>>> view = nx.MultiDiGraph()
>>> view.add_node("ent:a", label="A </script>", type="Organization", aliases="", wikidata="", claims=1)
>>> data = page_data(view)
>>> [(n["label"], n["type"]) for n in data["nodes"]]
[('A </script>', 'Organization')]
>>> "</script>" in script_json(data)
False
"""

from __future__ import annotations

import html as html_text  # the stdlib module; this module shares its name only inside graph.export
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.atomic import atomic_path
from graph.exceptions import ClaimgraphError
from graph.export.xml_text import xml_safe
from graph.namespaces import PREFIXES, XSD

#: Node colour per entity type, the same Okabe-Ito colours graph/export/gexf.py writes as viz:color, so the
#: page and Gephi agree; the legend lists the types a graph actually has, in this order.
TYPE_COLORS: dict[str, str] = {
    "Organization": "#0072b2",
    "Person": "#d55e00",
    "AIModel": "#cc79a7",
    "Product": "#009e73",
    "Place": "#e69f00",
    "Entity": "#999999",
}
_OTHER_COLORS = ("#56b4e9", "#f0e442", "#000000", "#7570b3", "#66a61e")

#: The keys of one embedded claim row (all strings; missing values are "").
CLAIM_FIELDS = ("subject", "object", "relation", "relation_label", "evidence", "polarity", "modality",
                "confidence", "attributed_to", "document", "source_title", "source_url", "date")

_BUNDLE = Path(__file__).parent / "web" / "dist" / "view.js"


class MissingBundleError(ClaimgraphError, FileNotFoundError):
    """The JavaScript bundle of the HTML view has not been built."""


def bundle_path() -> Path:
    """Where ``make web`` writes the minified viewer bundle that every HTML page inlines.

    >>> bundle_path().name
    'view.js'
    """
    packaged = resources.files("graph").joinpath("export/web/dist/view.js")
    return Path(str(packaged)) if packaged.is_file() else _BUNDLE


def read_bundle(path: Path | None = None) -> str:
    """The viewer bundle's JavaScript, or :class:`MissingBundleError` saying how to build it.

    >>> read_bundle(Path("/nonexistent/view.js"))
    Traceback (most recent call last):
    ...
    graph.export.html_page.MissingBundleError: the HTML viewer bundle /nonexistent/view.js is missing; ...
    """
    path = path or bundle_path()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingBundleError(
            f"the HTML viewer bundle {path} is missing; build it with `make web` (needs node and npm), "
            "or export another format (--to gexf, graphml, csv)") from None


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no name or sentence can close the element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (so ``</script>`` and ``<!--``
    cannot appear) and U+2028/U+2029 are escaped for older JavaScript parsers; the JSON value is unchanged.

    >>> script_json({"name": "</script><b>&\u2028"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(script_json({"name": "</script>"}))["name"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _inline_script(code: str) -> str:
    # A literal "</script" or "<!--" inside the bundle's strings would end or confuse the element; the
    # escaped forms mean the same inside JavaScript strings and regular expressions.
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def layout(view: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions in [-1, 1]: the same graph gives the same picture every time.

    Nodes and edges are fed in sorted order so that the insertion order of the input does not matter.

    >>> view = nx.MultiDiGraph([("b", "a"), ("a", "c")])
    >>> layout(view) == layout(nx.MultiDiGraph([("a", "c"), ("b", "a")]))
    True
    >>> layout(nx.MultiDiGraph())
    {}
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(view.nodes))
    simple.add_edges_from(sorted({tuple(sorted((str(u), str(v)))) for u, v in view.edges() if u != v}))
    if simple.number_of_nodes() == 0:
        return {}
    # A longer ideal edge length than networkx's default 1/sqrt(n) keeps dense clusters readable.
    positions = nx.spring_layout(simple, seed=1, k=2 / math.sqrt(simple.number_of_nodes()), iterations=100)
    return {str(node): (round(float(x), 5), round(float(y), 5)) for node, (x, y) in positions.items()}


def _type_colors(types: Iterable[str]) -> dict[str, str]:
    colors: dict[str, str] = {}
    extra = 0
    for kind in sorted(set(types), key=lambda t: (list(TYPE_COLORS).index(t) if t in TYPE_COLORS else 99, t)):
        if kind in TYPE_COLORS:
            colors[kind] = TYPE_COLORS[kind]
        else:
            colors[kind] = _OTHER_COLORS[extra % len(_OTHER_COLORS)]
            extra += 1
    return colors


def page_data(view: nx.Graph, *, claims: Sequence[Mapping[str, str]] = ()) -> dict[str, Any]:
    """The JSON the page reads: nodes with positions and sizes, edges, types with colours, claim rows.

    >>> view = nx.MultiDiGraph()
    >>> view.add_node("x", label="X", type="Person", aliases="Ex|Mr X", wikidata="Q1", claims=4)
    >>> view.add_node("y", label="Y", type="Thing", aliases="", wikidata="", claims=0)
    >>> view.add_edge("x", "y", relation="founded", label="founded", weight=2, symmetric=False)
    0
    >>> data = page_data(view, claims=[{"subject": "x", "object": "y", "relation": "founded"}])
    >>> data["nodes"][0]["aliases"], data["types"]
    (['Ex', 'Mr X'], [{'type': 'Person', 'color': '#d55e00', 'count': 1}, {'type': 'Thing', 'color': '#56b4e9', 'count': 1}])
    >>> data["edges"][0]["source"], data["claims"][0]["evidence"]
    ('x', '')
    """
    positions = layout(view)
    nodes: list[dict[str, Any]] = []
    for iri in sorted(view.nodes):
        attrs = view.nodes[iri]
        count = int(attrs.get("claims", 0) or 0)
        nodes.append({
            "id": str(iri),
            "label": str(attrs.get("label") or iri),
            "type": str(attrs.get("type") or "Entity"),
            "aliases": [a for a in str(attrs.get("aliases") or "").split("|") if a],
            "wikidata": str(attrs.get("wikidata") or ""),
            "claims": count,
            # Area grows with the number of claims, so a much-discussed entity stands out without hiding others.
            "size": round(4 + 3 * math.sqrt(count), 2),
            "x": positions[str(iri)][0],
            "y": positions[str(iri)][1],
        })
    edges = []
    for source, target, attrs in sorted(view.edges(data=True),
                                        key=lambda e: (str(e[0]), str(e[1]), str(e[2].get("relation", "")))):
        weight = int(attrs.get("weight", 1) or 1)
        edges.append({
            "source": str(source),
            "target": str(target),
            "relation": str(attrs.get("relation", "")),
            "label": str(attrs.get("label") or attrs.get("relation", "")),
            "weight": weight,
            "symmetric": bool(attrs.get("symmetric", False)),
            "size": round(1 + math.log2(weight), 2),
        })
    counts = Counter(str(n["type"]) for n in nodes)
    types = [{"type": kind, "color": color, "count": counts[kind]}
             for kind, color in _type_colors(counts).items()]
    rows = [{key: str(row.get(key, "") or "") for key in CLAIM_FIELDS} for row in claims]
    return {"nodes": nodes, "edges": edges, "types": types, "claims": rows}


# ?minConfidence is in the projection because SPARQL substitution (SEP-0007) only binds projected variables.
_CLAIMS_QUERY = """
SELECT DISTINCT ?claim ?subject ?relation ?relationLabel ?object ?evidence ?polarity ?modality ?confidence
       ?attributedTo ?doc ?title ?source ?date ?minConfidence
WHERE {
  ?claim a kg:Claim ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object .
  OPTIONAL { ?claim kg:evidence ?evidence }
  OPTIONAL { ?claim kg:polarity ?polarity }
  OPTIONAL { ?claim kg:modality ?modality }
  OPTIONAL { ?claim kg:confidence ?confidence }
  OPTIONAL { ?claim kg:attributedTo ?attributedTo }
  OPTIONAL { ?claim dcterms:date ?date }
  OPTIONAL { ?relation rdfs:label ?relationLabel . FILTER(LANGMATCHES(LANG(?relationLabel), "en")) }
  OPTIONAL {
    ?claim prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc dcterms:source ?source }
  }
  FILTER(!BOUND(?confidence) || xsd:decimal(?confidence) >= ?minConfidence)
}
ORDER BY ?date ?claim
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def claim_rows(quads: ox.Store | Iterable[ox.Quad], *, min_confidence: float = 0.0) -> list[dict[str, str]]:
    """Every claim with its evidence sentence and source, as the rows :func:`write_html` embeds.

    Works on TriG/N-Quads (claims in named graphs) and on flattened Turtle alike, since the query reads the
    union of all graphs. ``min_confidence`` is bound as a query parameter, never pasted into the query.

    >>> from graph.build import run_build_texts
    >>> rows = claim_rows(run_build_texts(["Google acquired DeepMind in 2014."]).quads)
    >>> [(r["relation"], r["polarity"], r["evidence"]) for r in rows]
    [('acquired', 'positive', 'Google acquired DeepMind in 2014.')]
    >>> claim_rows(run_build_texts(["Google acquired DeepMind in 2014."]).quads, min_confidence=1.0)
    []
    """
    if isinstance(quads, ox.Store):
        store = quads
    else:
        store = ox.Store()
        store.bulk_extend(quads)
    solutions = store.query(
        _CLAIMS_QUERY, prefixes=PREFIXES, use_default_graph_as_union=True,
        substitutions={ox.Variable("minConfidence"): ox.Literal(f"{min_confidence:.6f}", datatype=XSD.decimal)})
    rows: dict[str, dict[str, str]] = {}
    for solution in solutions:  # type: ignore[union-attr]
        def value(name: str, solution: ox.QuerySolution = solution) -> str:
            term = solution[name]
            return "" if term is None else str(term.value)

        claim = value("claim")
        if claim in rows:  # several titles or sources for one document: keep the first, one row per claim
            continue
        rows[claim] = {
            "subject": value("subject"),
            "object": value("object"),
            "relation": _local(value("relation")),
            "relation_label": value("relationLabel"),
            "evidence": value("evidence"),
            "polarity": _local(value("polarity")).lower() or "positive",
            "modality": _local(value("modality")).lower() or "asserted",
            "confidence": value("confidence"),
            "attributed_to": value("attributedTo"),
            "document": value("doc"),
            "source_title": value("title"),
            "source_url": value("source"),
            "date": value("date"),
        }
    return list(rows.values())


_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'none'")

_STYLE = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; color: #222; }
body { display: grid; grid-template-columns: 1fr 360px; grid-template-rows: auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; display: flex; gap: 16px; align-items: center; padding: 8px 12px;
  border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 16px; margin: 0; white-space: nowrap; }
#kg-search { flex: 0 1 320px; padding: 4px 8px; font: inherit; }
#kg-legend { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; margin: 0; padding: 0; }
.kg-legend-item { cursor: pointer; user-select: none; }
.kg-legend-item.kg-off { opacity: 0.35; }
.kg-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; vertical-align: -1px; }
#kg-graph { position: relative; min-height: 0; background: #fff; }
#kg-panel { overflow-y: auto; padding: 10px 14px; border-left: 1px solid #ddd; background: #fcfcfc; }
#kg-panel h2 { font-size: 18px; margin: 4px 0; }
.kg-type { color: #fff; border-radius: 3px; padding: 0 5px; font-size: 12px; }
.kg-meta, .kg-aliases, .kg-hint, .kg-qual, .kg-source { color: #666; font-size: 12px; }
.kg-claims { padding-left: 20px; }
.kg-claim { margin-bottom: 12px; }
.kg-negative .kg-triple { color: #b3261e; }
.kg-evidence { margin: 4px 0; padding: 4px 8px; border-left: 3px solid #ccc; background: #fff; }
"""


def render_html(view: nx.Graph, *, title: str = "claimgraph", claims: Sequence[Mapping[str, str]] = (),
                bundle: str | None = None) -> str:
    """The whole page as a string (``bundle`` defaults to the built viewer bundle).

    >>> import networkx as nx
    >>> page = render_html(nx.MultiDiGraph(), title="<Mine>", bundle="/* viewer */")
    >>> "<title>&lt;Mine&gt;</title>" in page, 'id="kg-data"' in page
    (True, True)
    """
    code = read_bundle() if bundle is None else bundle
    # xml_safe: a title from argv can hold lone surrogates (undecodable bytes) that no UTF-8 file can carry.
    safe_title = html_text.escape(xml_safe(title))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimgraph">
<title>{safe_title}</title>
<style>{_STYLE}</style>
</head>
<body data-rendered-nodes="0">
<header>
<h1>{safe_title}</h1>
<input id="kg-search" type="search" list="kg-names" placeholder="Find an entity (any name or alias)"
  aria-label="Find an entity" autocomplete="off">
<datalist id="kg-names"></datalist>
<ul id="kg-legend" aria-label="Entity types"></ul>
</header>
<main id="kg-graph" aria-label="Graph"></main>
<aside id="kg-panel" aria-label="Claims of the selected entity"></aside>
<script id="kg-data" type="application/json">{script_json(page_data(view, claims=claims))}</script>
<script>{_inline_script(code)}</script>
</body>
</html>
"""


def write_html(nx_graph: nx.Graph, path: str | Path, *, title: str = "claimgraph",
               claims: Sequence[Mapping[str, str]] = ()) -> None:
    """Write the graph as one self-contained, offline, interactive HTML page (atomically).

    ``nx_graph`` is the view from :func:`graph.network.to_networkx`; ``claims`` are rows from
    :func:`claim_rows` (evidence sentences and sources shown when a node is clicked). Raises
    :class:`MissingBundleError` before writing anything if ``make web`` has not been run.

    >>> import tempfile
    >>> view = nx.MultiDiGraph()
    >>> view.add_node("ent:a", label="A", type="Person", aliases="", wikidata="", claims=0)
    >>> target = Path(tempfile.mkdtemp()) / "view.html"
    >>> try:
    ...     write_html(view, target, title="Demo")
    ... except MissingBundleError:
    ...     _ = target.write_text("<title>Demo</title>")  # the bundle is not built on this machine
    >>> "<title>Demo</title>" in target.read_text(encoding="utf-8")
    True
    """
    page = render_html(nx_graph, title=title, claims=claims)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")


__all__ = [
    "CLAIM_FIELDS",
    "TYPE_COLORS",
    "MissingBundleError",
    "bundle_path",
    "claim_rows",
    "layout",
    "page_data",
    "read_bundle",
    "render_html",
    "script_json",
    "write_html",
]
