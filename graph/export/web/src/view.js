// The browser side of claimgraph's HTML view. graph/export/html_page.py inlines the esbuild bundle of this file
// into one page together with the graph data (JSON in <script id="kg-data" type="application/json">), so the
// page needs no network: everything it shows was computed in Python, including node positions, which makes
// the picture the same on every open.
import Graph from "graphology";
import Sigma from "sigma";

const DIMMED_NODE = "#e4e4e4";
const DIMMED_EDGE = "#f0f0f0";

function readData() {
  const element = document.getElementById("kg-data");
  return JSON.parse(element ? element.textContent : "{}");
}

// Only http(s) links become clickable: a javascript: URL in an article's metadata must not run on click.
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

// Everything is written with textContent (never innerHTML), so names and sentences from articles cannot
// inject markup into the page.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function buildGraph(data) {
  const graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
  const colors = Object.fromEntries((data.types || []).map((t) => [t.type, t.color]));
  for (const n of data.nodes || []) {
    graph.addNode(n.id, {
      x: n.x, y: n.y, size: n.size, label: n.label,
      color: colors[n.type] || "#888888", kgType: n.type,
    });
  }
  (data.edges || []).forEach((e, i) => {
    const attrs = { size: e.size, color: "#b8b8b8", label: e.label, type: e.symmetric ? "line" : "arrow" };
    const key = `e${i}`;
    if (e.symmetric) graph.addUndirectedEdgeWithKey(key, e.source, e.target, attrs);
    else graph.addDirectedEdgeWithKey(key, e.source, e.target, attrs);
  });
  return graph;
}

function indexClaims(claims) {
  const byNode = new Map();
  const add = (iri, claim) => {
    if (!byNode.has(iri)) byNode.set(iri, []);
    byNode.get(iri).push(claim);
  };
  for (const c of claims || []) {
    add(c.subject, c);
    if (c.object !== c.subject) add(c.object, c);
  }
  return byNode;
}

function main() {
  const data = readData();
  const nodesById = new Map((data.nodes || []).map((n) => [n.id, n]));
  const claimsByNode = indexClaims(data.claims);
  const nameOf = (iri) => (nodesById.has(iri) ? nodesById.get(iri).label : iri.replace(/^.*[/#]/, ""));
  const graph = buildGraph(data);
  const container = document.getElementById("kg-graph");
  const panel = document.getElementById("kg-panel");
  const hiddenTypes = new Set();
  let selected = null;

  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 8,
    defaultEdgeType: "arrow",
    zIndex: true,
  });

  // Selection and legend filters are drawn through reducers, so the graph data itself never changes.
  renderer.setSetting("nodeReducer", (node, attrs) => {
    const out = { ...attrs };
    if (hiddenTypes.has(attrs.kgType)) out.hidden = true;
    if (selected && node !== selected && !graph.areNeighbors(node, selected)) {
      out.color = DIMMED_NODE;
      out.label = "";
      out.zIndex = 0;
    } else if (selected) {
      out.zIndex = 1;
      out.forceLabel = true;
      if (node === selected) out.highlighted = true;
    }
    return out;
  });
  renderer.setSetting("edgeReducer", (edge, attrs) => {
    const out = { ...attrs };
    if (selected && !graph.extremities(edge).includes(selected)) out.color = DIMMED_EDGE;
    else if (selected) out.color = "#555555";
    return out;
  });

  function showEntity(iri) {
    const node = nodesById.get(iri);
    panel.replaceChildren();
    if (!node) {
      panel.appendChild(el("p", { class: "kg-hint" }, "Click a node or search for an entity to see its claims."));
      return;
    }
    const wikidata = node.wikidata ? `https://www.wikidata.org/wiki/${node.wikidata.replace(/^.*\//, "")}` : null;
    panel.appendChild(el("h2", {}, node.label));
    panel.appendChild(el("p", { class: "kg-meta" },
      el("span", { class: "kg-type", style: `background:${graph.getNodeAttribute(iri, "color")}` }, node.type),
      ` ${node.claims} claim(s) `,
      wikidata ? el("a", { href: wikidata, target: "_blank", rel: "noopener" }, node.wikidata.replace(/^.*\//, "")) : null));
    if (node.aliases && node.aliases.length) {
      panel.appendChild(el("p", { class: "kg-aliases" }, `Also: ${node.aliases.join(", ")}`));
    }
    const claims = claimsByNode.get(iri) || [];
    if (!claims.length) {
      panel.appendChild(el("p", { class: "kg-hint" }, "No claim sentences were embedded for this entity."));
    }
    const list = el("ol", { class: "kg-claims" });
    for (const c of claims) {
      const negative = c.polarity === "negative";
      const source = safeUrl(c.source_url);
      const sourceName = c.source_title || c.source_url || c.document || "source";
      list.appendChild(el("li", { class: negative ? "kg-claim kg-negative" : "kg-claim" },
        el("div", { class: "kg-triple" },
          el("b", {}, nameOf(c.subject)), ` ${negative ? "NOT " : ""}${c.relation_label || c.relation} `,
          el("b", {}, nameOf(c.object))),
        el("div", { class: "kg-qual" },
          [c.modality, c.confidence ? `confidence ${c.confidence}` : null,
           c.attributed_to ? `according to ${nameOf(c.attributed_to)}` : null].filter(Boolean).join(" · ")),
        el("blockquote", { class: "kg-evidence" }, c.evidence || ""),
        el("div", { class: "kg-source" },
          source ? el("a", { href: source, target: "_blank", rel: "noopener" }, sourceName) : sourceName,
          c.date ? ` · ${c.date}` : "")));
    }
    panel.appendChild(list);
  }

  function select(iri) {
    selected = iri && graph.hasNode(iri) ? iri : null;
    showEntity(selected);
    renderer.refresh({ skipIndexation: true });
    if (selected) {
      const pos = renderer.getNodeDisplayData(selected);
      if (pos) renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.6 }, { duration: 300 });
    }
  }

  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => select(null));

  // Search by any label or alias: the datalist offers every name, Enter picks the first match.
  const search = document.getElementById("kg-search");
  const names = document.getElementById("kg-names");
  const byName = new Map();
  for (const n of data.nodes || []) {
    for (const name of [n.label, ...(n.aliases || [])]) {
      if (!name) continue;
      if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), n.id);
      names.appendChild(el("option", { value: name }));
    }
  }
  function findEntity(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    if (byName.has(q)) return byName.get(q);
    for (const [name, iri] of byName) if (name.includes(q)) return iri;
    return null;
  }
  search.addEventListener("change", () => select(findEntity(search.value)));
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") select(findEntity(search.value));
  });

  // The legend doubles as a filter: clicking a type hides or shows its nodes.
  const legend = document.getElementById("kg-legend");
  for (const t of data.types || []) {
    const item = el("li", { class: "kg-legend-item", title: "click to hide or show" },
      el("span", { class: "kg-swatch", style: `background:${t.color}` }), ` ${t.type} (${t.count})`);
    item.addEventListener("click", () => {
      if (hiddenTypes.has(t.type)) hiddenTypes.delete(t.type);
      else hiddenTypes.add(t.type);
      item.classList.toggle("kg-off");
      renderer.refresh({ skipIndexation: true });
    });
    legend.appendChild(item);
  }

  // A link ending in #OpenAI (any name or alias) opens the page with that entity selected.
  const wanted = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  select(wanted ? findEntity(wanted) : null);
  // Tests (and curious users) read these attributes: how many nodes and edges sigma actually drew.
  renderer.on("afterRender", () => {
    let nodes = 0;
    graph.forEachNode((node) => {
      const display = renderer.getNodeDisplayData(node);
      if (display && !display.hidden) nodes += 1;
    });
    document.body.setAttribute("data-rendered-nodes", String(nodes));
    document.body.setAttribute("data-rendered-edges", String(graph.size));
  });
  renderer.refresh();
}

try {
  main();
} catch (error) {
  // A browser without WebGL cannot draw the graph; say so on the page instead of failing silently.
  document.body.setAttribute("data-render-error", String(error && error.message ? error.message : error));
  const box = document.getElementById("kg-graph");
  if (box) box.textContent = `The graph could not be drawn: ${error && error.message ? error.message : error}`;
}
