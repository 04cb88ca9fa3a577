"""What is in a claim graph: counts, the most connected entities, and its communities (``kg stats``).

>>> from graph.build import run_build_texts
>>> stats = graph_stats(run_build_texts(["Google acquired DeepMind. Microsoft partnered with OpenAI."]).quads)
>>> stats.claims, dict(stats.claims_by_relation)
(2, {'acquired': 1, 'partnersWith': 1})
>>> len(stats.communities)
2
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from graph.aggregate import EXCLUSIVE_RELATIONS
from graph.network import GraphSource, load_store, local_name, select, to_networkx

# Claim counts run on the store (every claim, whatever its polarity or modality); the network view only
# carries qualifying claims, which is what degree, PageRank and communities should look at.
_CLAIM_FACETS = """
SELECT ?claim ?relation ?polarity ?modality WHERE {
  SELECT DISTINCT ?claim ?relation ?polarity ?modality WHERE {
    ?claim a kg:Claim ; rdf:predicate ?relation .
    OPTIONAL { ?claim kg:polarity ?p }
    OPTIONAL { ?claim kg:modality ?m }
    BIND(COALESCE(?p, kg:Positive) AS ?polarity)
    BIND(COALESCE(?m, kg:Asserted) AS ?modality)
  }
}
"""
_DOCUMENTS = "SELECT (COUNT(DISTINCT ?doc) AS ?count) WHERE { ?doc a kg:Document }"
# kg:contradicts is written both ways; each pair is put in one order (positive, then released, first) in Python.
_CONTRADICTIONS = """
SELECT DISTINCT ?sa ?ra ?oa ?pa ?sb ?rb ?ob ?pb WHERE {
  ?a kg:contradicts ?b .
  ?a rdf:subject ?sa ; rdf:predicate ?ra ; rdf:object ?oa ; kg:polarity ?pa .
  ?b rdf:subject ?sb ; rdf:predicate ?rb ; rdf:object ?ob ; kg:polarity ?pb .
} ORDER BY ?ra ?sa ?oa ?rb ?sb ?ob ?pa ?pb
"""


@dataclass(frozen=True, slots=True)
class RankedEntity:
    """One entity in a top list."""

    iri: str
    label: str
    type: str
    score: float


@dataclass(frozen=True, slots=True)
class Community:
    """A Louvain community: its size and its members' labels, most connected first."""

    size: int
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts, rankings and communities of one graph."""

    documents: int
    entities: int
    claims: int
    edges: int
    entities_by_type: Counter[str] = field(default_factory=Counter)
    claims_by_relation: Counter[str] = field(default_factory=Counter)
    edges_by_relation: Counter[str] = field(default_factory=Counter)
    claims_by_polarity: Counter[str] = field(default_factory=Counter)
    claims_by_modality: Counter[str] = field(default_factory=Counter)
    top_by_degree: tuple[RankedEntity, ...] = ()
    top_by_pagerank: tuple[RankedEntity, ...] = ()
    community_count: int = 0
    communities: tuple[Community, ...] = ()
    #: One line per pair of claims linked by ``kg:contradicts`` (``[not] subject relation object``, twice).
    contradictions: tuple[tuple[str, str], ...] = ()

    def render(self, *, members: int = 8) -> str:
        """A plain-text report, as ``kg stats`` prints it.

        >>> print(GraphStats(documents=1, entities=2, claims=1, edges=1).render())
        documents 1  entities 2  claims 1  edges (relation, pair) 1
        ...
        """
        lines = [(f"documents {self.documents}  entities {self.entities}  claims {self.claims}  "
                  f"edges (relation, pair) {self.edges}")]

        def counts(title: str, counter: Counter[str]) -> None:
            lines.append(f"{title}:")
            lines.extend(f"  {name:<18} {count}" for name, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        counts("entities by type", self.entities_by_type)
        counts("claims by relation", self.claims_by_relation)
        counts("edges by relation (positive, asserted claims)", self.edges_by_relation)
        counts("claims by polarity", self.claims_by_polarity)
        counts("claims by modality", self.claims_by_modality)
        lines.append("top entities by degree:")
        lines.extend(f"  {int(e.score):>5}  {e.label} ({e.type})" for e in self.top_by_degree)
        lines.append("top entities by PageRank:")
        lines.extend(f"  {e.score:.4f}  {e.label} ({e.type})" for e in self.top_by_pagerank)
        lines.append(f"communities (Louvain): {self.community_count}; biggest {len(self.communities)}:")
        for number, community in enumerate(self.communities, 1):
            shown = ", ".join(community.labels[:members])
            more = f", … (+{community.size - members})" if community.size > members else ""
            lines.append(f"  {number}. size {community.size}: {shown}{more}")
        lines.append(f"contradictions (claim pairs): {len(self.contradictions)}")
        lines.extend(f"  {first}  vs  {second}" for first, second in self.contradictions)
        return "\n".join(lines)


def graph_stats(graph: GraphSource, *, top: int = 10, max_communities: int = 5) -> GraphStats:
    """Count a graph's entities and claims, rank its entities, and find its communities.

    Degree counts edges of the network view (one per relation and ordered pair, qualifying claims only);
    PageRank uses claim counts as weights; Louvain (seed 1, so reruns agree) runs on the undirected view.

    >>> from graph.build import run_build_texts
    >>> stats = graph_stats(run_build_texts(["OpenAI released Sora. OpenAI released GPT-4o."]).quads, top=1)
    >>> [(e.label, e.score) for e in stats.top_by_degree]
    [('OpenAI', 2.0)]
    """
    store = load_store(graph)
    view = to_networkx(store)
    by_relation: Counter[str] = Counter()
    by_polarity: Counter[str] = Counter()
    by_modality: Counter[str] = Counter()
    claims = 0
    for row in select(store, _CLAIM_FACETS):
        claims += 1
        by_relation[local_name(row["relation"].value)] += 1
        by_polarity[local_name(row["polarity"].value)] += 1
        by_modality[local_name(row["modality"].value)] += 1
    documents = next(iter(select(store, _DOCUMENTS)))["count"]
    labels = {iri: data["label"] for iri, data in view.nodes(data=True)}

    def said(row: object, suffix: str) -> str:
        values = {k: row[k + suffix].value for k in ("s", "r", "o", "p")}  # type: ignore[index]
        negation = "not " if values["p"].endswith("#Negative") else ""
        return (f"{negation}{labels.get(values['s'], local_name(values['s']))} {local_name(values['r'])} "
                f"{labels.get(values['o'], local_name(values['o']))}")

    def oriented(first: str, second: str) -> tuple[str, str]:
        def rank(text: str) -> tuple[bool, bool, str]:
            return text.startswith("not "), not any(f" {name} " in text for name, _ in EXCLUSIVE_RELATIONS), text
        return (first, second) if rank(first) <= rank(second) else (second, first)

    contradictions = tuple(sorted(dict.fromkeys(oriented(said(row, "a"), said(row, "b"))
                                                for row in select(store, _CONTRADICTIONS))))

    def ranked(scores: dict[str, float]) -> tuple[RankedEntity, ...]:
        # Ties broken by label so the report is the same on every run.
        best = sorted(scores.items(), key=lambda kv: (-kv[1], view.nodes[kv[0]]["label"], kv[0]))[:top]
        return tuple(RankedEntity(iri, view.nodes[iri]["label"], view.nodes[iri]["type"], float(score))
                     for iri, score in best)

    degrees = {node: float(degree) for node, degree in view.degree()}
    pagerank: dict[str, float] = nx.pagerank(view, weight="weight") if len(view) else {}
    undirected = _undirected(view)
    found = nx.community.louvain_communities(undirected, weight="weight", seed=1) if len(undirected) else []
    found = sorted(found, key=lambda c: (-len(c), min(view.nodes[n]["label"] for n in c)))
    communities = tuple(
        Community(len(members), tuple(view.nodes[n]["label"]
                                      for n in sorted(members, key=lambda n: (-degrees[n], view.nodes[n]["label"]))))
        for members in found[:max_communities])
    return GraphStats(
        documents=int(documents.value), entities=view.number_of_nodes(), claims=claims,
        edges=view.number_of_edges(), entities_by_type=Counter(d["type"] for _, d in view.nodes(data=True)),
        claims_by_relation=by_relation,
        edges_by_relation=Counter(d["relation"] for _, _, d in view.edges(data=True)),
        claims_by_polarity=by_polarity, claims_by_modality=by_modality,
        top_by_degree=ranked(degrees), top_by_pagerank=ranked(pagerank),
        community_count=len(found), communities=communities, contradictions=contradictions)


def _undirected(view: nx.MultiDiGraph) -> nx.Graph:
    # Louvain wants one weighted undirected edge per pair: sum the claims over relations and directions.
    undirected = nx.Graph()
    undirected.add_nodes_from(view.nodes)
    for source, target, data in view.edges(data=True):
        if source == target:
            continue
        previous = undirected.get_edge_data(source, target, {"weight": 0})["weight"]
        undirected.add_edge(source, target, weight=previous + data["weight"])
    return undirected


__all__ = ["Community", "GraphStats", "RankedEntity", "graph_stats"]
