"""Claims from many sources → one aggregate per asserted triple, and links between claims that contradict.

An asserted triple ``X p Y`` gets a ``kg:Aggregate`` node (``rdf:subject/predicate/object`` name the triple)
with ``kg:claimCount`` (supporting claims), ``kg:sourceCount`` (distinct documents) and
``kg:combinedConfidence``: the noisy-OR of each source's best confidence, so two independent sources at 0.6
give 0.84 while ten sentences of one article still count once. Supporting claims are the positive, asserted
(not hedged or planned) ones, whatever their confidence; a triple gets an aggregate when it is asserted.

Two claims contradict when they are about the same pair and relation (either direction for a symmetric one)
with opposite polarity, or when they use mutually exclusive relations (``released`` vs ``delayed``), both
positive, about the same object in the same period (the same document, or documents dated in the same month).
Both claim nodes are linked with ``kg:contradicts`` in both directions (it is symmetric).

:func:`aggregate_quads` is the one computation: a build calls it once, and a store that adds or removes
documents can call it again on the claims that remain.

>>> from graph.build import run_build_texts
>>> from graph.settings import ExtractorMode, Settings
>>> rules = Settings(extractor=ExtractorMode.RULES)  # each claim at the rules' 0.85: 1 - 0.15 * 0.15 = 0.978
>>> result = run_build_texts(["Google acquired DeepMind.", "Google acquired DeepMind in 2014."], settings=rules)
>>> [(a.claim_count, a.source_count, round(a.combined_confidence, 3)) for a in aggregate(result.claims)]
[(2, 2, 0.978)]
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from graph.claims import Claim
from graph.namespaces import KG, OWL, RDF, RDFS, XSD
from graph.rdf import GraphWriter, literal

#: Relations that cannot both hold for one product in one period (unordered pairs of local names).
EXCLUSIVE_RELATIONS: tuple[tuple[str, str], ...] = (("released", "delayed"),)

ContradictionKind = Literal["opposite polarity", "mutually exclusive"]
_DEFAULT = ox.DefaultGraph()


@dataclass(frozen=True, slots=True)
class Aggregate:
    """What all sources together say for one asserted triple."""

    subject: str
    relation: str
    object: str
    claim_count: int
    source_count: int
    combined_confidence: float


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims that cannot both be right; ``first`` is the positive (or ``released``) one."""

    kind: ContradictionKind
    first: Claim
    second: Claim

    def describe(self) -> str:
        """One line for reports.

        >>> from graph.claims import Claim
        >>> def claim(relation: str, polarity: str) -> Claim:
        ...     return Claim("d1", relation, "ent:a", "OpenAI", "Organization", "ent:b", "Sora", "Product",
        ...                  polarity, "asserted", 0.8, False, "…", 0, 1, "t")  # type: ignore[arg-type]
        >>> Contradiction("opposite polarity", claim("released", "positive"), claim("released", "negative")).describe()
        'opposite polarity: OpenAI released Sora (d1) vs not OpenAI released Sora (d1)'
        """
        def say(claim: Claim) -> str:
            negation = "not " if claim.polarity == "negative" else ""
            return f"{negation}{claim.subject_name} {claim.relation} {claim.object_name} ({claim.doc_id})"

        return f"{self.kind}: {say(self.first)} vs {say(self.second)}"


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance that at least one of several independent sources is right.

    >>> noisy_or([0.6, 0.6]), noisy_or([]), noisy_or([1.0, 0.2])
    (0.84, 0.0, 1.0)
    """
    missing = 1.0
    for confidence in confidences:
        missing *= 1.0 - min(max(confidence, 0.0), 1.0)
    return round(1.0 - missing, 10)


def _supports(claim: Claim) -> bool:
    return claim.polarity == "positive" and claim.modality == "asserted"


def aggregate(claims: Iterable[Claim], *, threshold: float = 0.5) -> list[Aggregate]:
    """One :class:`Aggregate` per asserted triple (a supporting claim at or above ``threshold``), sorted.

    >>> from graph.build import run_build_texts
    >>> claims = run_build_texts(["OpenAI released Sora.", "OpenAI released Sora. OpenAI released Sora."]).claims
    >>> [(a.relation, a.claim_count, a.source_count) for a in aggregate(claims)]
    [('released', 3, 2)]
    """
    by_triple: dict[tuple[str, str, str], dict[str, Claim]] = defaultdict(dict)
    asserted: set[tuple[str, str, str]] = set()
    for claim in claims:
        if not _supports(claim):
            continue
        triple = (claim.subject, claim.relation, claim.object)
        by_triple[triple].setdefault(claim.claim_id, claim)  # the same claim seen twice counts once
        if claim.is_asserted(threshold):
            asserted.add(triple)
    out = []
    for triple in sorted(asserted):
        supporting = by_triple[triple].values()
        best: dict[str, float] = {}
        for claim in supporting:
            best[claim.doc_id] = max(best.get(claim.doc_id, 0.0), claim.confidence)
        out.append(Aggregate(*triple, claim_count=len(supporting), source_count=len(best),
                             combined_confidence=noisy_or(best.values())))
    return out


def _same_period(first: Claim, second: Claim, dates: Mapping[str, str | None]) -> bool:
    if first.doc_id == second.doc_id:
        return True
    date_a, date_b = dates.get(first.doc_id), dates.get(second.doc_id)
    # Dates are ISO (YYYY-MM-DD); the first seven characters are the month.
    return bool(date_a and date_b and date_a[:7] == date_b[:7])


def find_contradictions(claims: Iterable[Claim], *, symmetric: Iterable[str] = (),
                        dates: Mapping[str, str | None] | None = None) -> list[Contradiction]:
    """Pairs of claims that contradict each other (see the module docstring), in a stable order.

    ``symmetric`` names the symmetric relations; ``dates`` maps document ids to ISO dates.

    >>> from graph.build import run_build_texts
    >>> claims = run_build_texts(["Google acquired DeepMind.", "Google did not acquire DeepMind."]).claims
    >>> [c.kind for c in find_contradictions(claims)]
    ['opposite polarity']
    """
    dates = dates or {}
    symmetric = frozenset(symmetric)
    unique = sorted({c.claim_id: c for c in claims}.values(), key=lambda c: c.claim_id)
    by_pair: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    by_object: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in unique:
        ends = (claim.subject, claim.object)
        if claim.relation in symmetric:
            ends = (min(ends), max(ends))
        by_pair[(claim.relation, *ends)].append(claim)
        if claim.polarity == "positive":
            by_object[(claim.relation, claim.object)].append(claim)
    found: list[Contradiction] = []
    for group in by_pair.values():
        positive = [c for c in group if c.polarity == "positive"]
        negative = [c for c in group if c.polarity == "negative"]
        found.extend(Contradiction("opposite polarity", a, b) for a, b in itertools.product(positive, negative))
    for relation_a, relation_b in EXCLUSIVE_RELATIONS:
        for (relation, obj), group in sorted(by_object.items()):
            if relation != relation_a:
                continue
            for a, b in itertools.product(group, by_object.get((relation_b, obj), [])):
                if _same_period(a, b, dates):
                    found.append(Contradiction("mutually exclusive", a, b))
    return sorted(found, key=lambda c: (c.kind, c.first.claim_id, c.second.claim_id))


def vocabulary_quads() -> list[ox.Quad]:
    """Declarations of the aggregate and contradiction terms, so every output stays self-describing.

    >>> any(q.object == OWL.SymmetricProperty for q in vocabulary_quads())
    True
    """
    quads = [
        ox.Quad(KG.Aggregate, RDF.type, OWL.Class, _DEFAULT),
        ox.Quad(KG.Aggregate, RDFS.label, literal("aggregate", language="en"), _DEFAULT),
        ox.Quad(KG.Aggregate, RDFS.label, literal("汇总", language="zh"), _DEFAULT),
        ox.Quad(KG.Aggregate, RDFS.comment, literal(
            "All claims of one asserted triple across sources: counts and noisy-OR combined confidence.",
            language="en"), _DEFAULT),
        ox.Quad(KG.contradicts, RDF.type, OWL.ObjectProperty, _DEFAULT),
        ox.Quad(KG.contradicts, RDF.type, OWL.SymmetricProperty, _DEFAULT),
        ox.Quad(KG.contradicts, RDFS.domain, KG.Claim, _DEFAULT),
        ox.Quad(KG.contradicts, RDFS.range, KG.Claim, _DEFAULT),
        ox.Quad(KG.contradicts, RDFS.label, literal("contradicts", language="en"), _DEFAULT),
        ox.Quad(KG.contradicts, RDFS.label, literal("矛盾", language="zh"), _DEFAULT),
    ]
    for name, datatype, label_en, label_zh in (("claimCount", XSD.integer, "claim count", "陈述数"),
                                               ("sourceCount", XSD.integer, "source count", "来源数"),
                                               ("combinedConfidence", XSD.decimal, "combined confidence", "综合置信度")):
        prop = KG.term(name)
        quads += [ox.Quad(prop, RDF.type, OWL.DatatypeProperty, _DEFAULT),
                  ox.Quad(prop, RDFS.domain, KG.Aggregate, _DEFAULT),
                  ox.Quad(prop, RDFS.range, datatype, _DEFAULT),
                  ox.Quad(prop, RDFS.label, literal(label_en, language="en"), _DEFAULT),
                  ox.Quad(prop, RDFS.label, literal(label_zh, language="zh"), _DEFAULT)]
    return quads


def aggregate_iri(subject: str, relation: str, obj: str, *, base_iri: str) -> ox.NamedNode:
    """The aggregate node of a triple: a content hash, so rebuilds and stores agree on it.

    >>> aggregate_iri("ent:a", "acquired", "ent:b", base_iri="https://w3id.org/claimgraph/").value
    'https://w3id.org/claimgraph/aggregate/...'
    """
    digest = hashlib.sha256(f"{subject}\x1f{relation}\x1f{obj}".encode("utf-8", "surrogatepass")).hexdigest()
    return ox.NamedNode(f"{base_iri}aggregate/{digest[:24]}")


def aggregate_quads(claims: Iterable[Claim], writer: GraphWriter, *,
                    dates: Mapping[str, str | None] | None = None) -> list[ox.Quad]:
    """Aggregate nodes, ``kg:contradicts`` links and their vocabulary, all in the default graph.

    The result depends only on ``claims`` (and their documents' ``dates``), so a store can recompute it after
    adding or removing documents and swap the old quads for the new.

    >>> from graph.build import Builder, run_build_texts
    >>> builder = Builder()
    >>> claims = run_build_texts(["Google acquired DeepMind.", "Google did not acquire DeepMind."]).claims
    >>> quads = aggregate_quads(claims, builder.writer)
    >>> sum(q.predicate == KG.contradicts for q in quads), sum(q.predicate == KG.sourceCount for q in quads)
    (2, 1)
    """
    claims = list(claims)
    base = writer.settings.base_iri
    quads = vocabulary_quads()
    for found in aggregate(claims, threshold=writer.settings.assert_threshold):
        node = aggregate_iri(found.subject, found.relation, found.object, base_iri=base)
        quads += [
            ox.Quad(node, RDF.type, KG.Aggregate, _DEFAULT),
            ox.Quad(node, RDF.subject, ox.NamedNode(found.subject), _DEFAULT),
            ox.Quad(node, RDF.predicate, writer.relation_iri(found.relation), _DEFAULT),
            ox.Quad(node, RDF.object, ox.NamedNode(found.object), _DEFAULT),
            ox.Quad(node, KG.claimCount, ox.Literal(str(found.claim_count), datatype=XSD.integer), _DEFAULT),
            ox.Quad(node, KG.sourceCount, ox.Literal(str(found.source_count), datatype=XSD.integer), _DEFAULT),
            ox.Quad(node, KG.combinedConfidence, ox.Literal(f"{found.combined_confidence:.3f}", datatype=XSD.decimal),
                    _DEFAULT),
        ]
    for contradiction in contradictions_of(claims, writer, dates=dates):
        first = ox.NamedNode(writer.claim_base + contradiction.first.claim_id)
        second = ox.NamedNode(writer.claim_base + contradiction.second.claim_id)
        quads += [ox.Quad(first, KG.contradicts, second, _DEFAULT), ox.Quad(second, KG.contradicts, first, _DEFAULT)]
    return quads


def contradictions_of(claims: Sequence[Claim], writer: GraphWriter, *,
                      dates: Mapping[str, str | None] | None = None) -> list[Contradiction]:
    """:func:`find_contradictions` with the symmetric relations read from the writer's schema.

    >>> from graph.build import Builder, run_build_texts
    >>> claims = run_build_texts(["Nvidia competes with AMD.", "AMD does not compete with Nvidia."]).claims
    >>> [c.kind for c in contradictions_of(claims, Builder().writer)]
    ['opposite polarity']
    """
    symmetric = [name for name, spec in writer.schema.relations.items() if spec.symmetric]
    return find_contradictions(claims, symmetric=symmetric, dates=dates)


__all__ = ["EXCLUSIVE_RELATIONS", "Aggregate", "Contradiction", "aggregate", "aggregate_iri", "aggregate_quads",
           "contradictions_of", "find_contradictions", "noisy_or", "vocabulary_quads"]
