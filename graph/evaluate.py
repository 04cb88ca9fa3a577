"""Score the extractor against gold documents (``kg eval``): claims, entity resolution, contradictions.

Gold is JSONL, one document a line::

    {"id": "d1", "lang": "zh|en|mixed", "title": "...", "date": "YYYY-MM-DD", "text": "...",
     "entities": [{"name": "英伟达", "type": "Organization", "aliases": ["NVIDIA"]}],
     "claims": [{"subject": "英伟达", "relation": "acquired", "object": "Run:ai",
                 "polarity": "positive", "modality": "asserted", "attributed_to": "路透社"}],
     "absent": [...claims that must not be extracted, same shape...],
     "alias_pairs": [["英伟达", "NVIDIA"]], "homonym_pairs": [["Apple", "apple (fruit)"]]}

Only ``text`` (or ``file``: a document file, read like ``kg build`` reads it, with ``index`` picking one record
of a ``.jsonl``) is required. ``polarity``/``modality`` default to positive/asserted; a claim may also be a
list ``[subject, relation, object]``; ``not_yet`` claims (examples/gold.jsonl) are gold claims too.

Matching: a predicted and a gold entity are the same if the predicted IRI or surface name meets any name of the
gold entity after :func:`graph.resolve.entity_key` (its ``aliases`` in ``entities`` and the schema's alias index
included); relations must be equal, direction counts except for symmetric relations; a strict true positive also
needs equal polarity and modality ("relaxed" ignores both). Predictions are every claim at or above the
threshold, whatever its polarity or modality, deduplicated per document; greedy one-to-one matching, most
confident prediction first.

>>> report = evaluate_documents([GoldDocument("d1", "Google acquired DeepMind. Apple sued Epic.",
...                                            claims=(GoldClaim("Google", "acquired", "DeepMind"),))])
>>> report.micro.tp, report.micro.fp, report.micro.fn
(1, 1, 0)
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Literal, cast

from spacy.tokens import Doc

from graph.aggregate import Contradiction, contradictions_of
from graph.build import Builder, group_parts
from graph.claims import Claim, Modality, Polarity
from graph.documents import Document, _make_documents, read_documents
from graph.exceptions import InputError, MissingPathError
from graph.resolve import entity_key, mint_entity_iri
from graph.schema import ENTITY_CLASSES, KnownEntity, Schema
from graph.settings import Settings

#: Thresholds of the precision/recall curve.
CURVE_THRESHOLDS: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_POLARITIES = ("positive", "negative")
_MODALITIES = ("asserted", "hedged", "planned")
_LANGS = ("zh", "en", "mixed")
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])|(?<=[.;])\s+")
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


class EvalMode(str, Enum):
    """``open``: the extractor finds entities itself; ``given-entities``: each document's gold entity list is
    added to the gazetteer, as a user would with ``--entities``."""

    OPEN = "open"
    GIVEN_ENTITIES = "given-entities"


# ---------------------------------------------------------------------------------------------------- gold
@dataclass(frozen=True, slots=True)
class GoldEntity:
    """An entity the gold document names, with its class and other names."""

    name: str
    type: str = "Entity"
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Name first, then aliases."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One claim the document makes (or, in ``absent``, must not be read as making)."""

    subject: str
    relation: str
    object: str
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    attributed_to: str | None = None

    def describe(self) -> str:
        """``[not] subject relation object [modality]``.

        >>> GoldClaim("A", "acquired", "B", polarity="negative", modality="hedged").describe()
        'not A acquired B [hedged]'
        """
        negation = "not " if self.polarity == "negative" else ""
        modality = "" if self.modality == "asserted" else f" [{self.modality}]"
        return f"{negation}{self.subject} {self.relation} {self.object}{modality}"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold document: its text and metadata, and what a perfect extractor would find in it."""

    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    date: str | None = None
    entities: tuple[GoldEntity, ...] = ()
    claims: tuple[GoldClaim, ...] = ()
    absent: tuple[GoldClaim, ...] = ()
    alias_pairs: tuple[tuple[str, str], ...] = ()
    homonym_pairs: tuple[tuple[str, str], ...] = ()


def _fail(message: str, path: str, line: int) -> InputError:
    return InputError(message, path=path, line=line)


def _text_field(record: dict[str, Any], key: str, *, path: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(f"{key!r} must be a string, got {type(value).__name__} {value!r}", path, line)
    return value


def _claim(raw: object, *, path: str, line: int) -> GoldClaim:
    if isinstance(raw, list):
        if len(raw) != 3 or not all(isinstance(x, str) for x in raw):
            raise _fail(f"a claim given as a list must be [subject, relation, object], got {raw!r}", path, line)
        return GoldClaim(raw[0], raw[1], raw[2])
    if not isinstance(raw, dict):
        raise _fail(f"a claim must be an object with subject, relation, object; got {raw!r}", path, line)
    missing = [k for k in ("subject", "relation", "object") if not isinstance(raw.get(k), str) or not raw[k].strip()]
    if missing:
        raise _fail(f"claim {raw!r} lacks {', '.join(missing)}; every claim needs subject, relation, object",
                    path, line)
    polarity = raw.get("polarity") or "positive"
    modality = raw.get("modality") or "asserted"
    if polarity not in _POLARITIES:
        raise _fail(f"polarity {polarity!r} in claim {raw!r}; use one of {', '.join(_POLARITIES)}", path, line)
    if modality not in _MODALITIES:
        raise _fail(f"modality {modality!r} in claim {raw!r}; use one of {', '.join(_MODALITIES)}", path, line)
    attributed = raw.get("attributed_to")
    return GoldClaim(raw["subject"].strip(), raw["relation"].strip(), raw["object"].strip(),
                     cast(Polarity, polarity), cast(Modality, modality),
                     attributed.strip() if isinstance(attributed, str) and attributed.strip() else None)


def _entity(raw: object, *, path: str, line: int) -> GoldEntity:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise _fail(f"an entity must be an object with a non-empty 'name', got {raw!r}", path, line)
    valid = {c.lower(): c for c in ENTITY_CLASSES}
    type_name = raw.get("type") or "Entity"
    if not isinstance(type_name, str) or type_name.lower() not in valid:
        raise _fail(f"entity {raw['name']!r} has type {type_name!r}; use one of {', '.join(ENTITY_CLASSES)}",
                    path, line)
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _fail(f"entity {raw['name']!r}: 'aliases' must be a list of strings, got {aliases!r}", path, line)
    return GoldEntity(raw["name"].strip(), valid[type_name.lower()], tuple(a.strip() for a in aliases if a.strip()))


def _pairs(raw: object, key: str, *, path: str, line: int) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                                            for p in raw):
        raise _fail(f"{key!r} must be a list of two-name lists like [[\"英伟达\", \"NVIDIA\"]], got {raw!r}",
                    path, line)
    return tuple((a, b) for a, b in raw)


def _read_file_document(record: dict[str, Any], gold_path: Path, *, line: int) -> Document:
    """The document a ``file`` (+ optional ``index``) entry points at, read as ``kg build`` reads it."""
    name = str(record["file"])
    candidates = [Path(name), gold_path.parent / name, *(parent / name for parent in gold_path.resolve().parents)]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise _fail(f"'file' {name!r} not found (looked beside the gold file and in its parent folders)",
                    str(gold_path), line)
    problems: list[str] = []
    groups = list(group_parts(read_documents([found], on_problem=lambda p: problems.append(str(p)))))
    index = record.get("index", 0)
    if not isinstance(index, int) or not 0 <= index < len(groups):
        raise _fail(f"'index' {index!r} for {name!r}, which holds {len(groups)} document(s); "
                    f"use 0 to {len(groups) - 1}", str(gold_path), line)
    parts = groups[index]
    text = "".join(part.text for part in parts)
    return dataclasses.replace(parts[0], text=text)


def parse_gold_record(record: object, *, path: str = "<gold>", line: int = 1,
                      gold_path: Path | None = None) -> GoldDocument:
    """One gold line (already parsed from JSON) as a :class:`GoldDocument`; errors name the line.

    >>> parse_gold_record({"text": "A acquired B.", "claims": [["A", "acquired", "B"]]}).claims
    (GoldClaim(subject='A', relation='acquired', object='B', polarity='positive', modality='asserted', attributed_to=None),)
    >>> parse_gold_record({"text": "x", "lang": "fr"})
    Traceback (most recent call last):
    ...
    graph.exceptions.InputError: <gold>:1: 'lang' is 'fr'; use one of zh, en, mixed
    """
    if not isinstance(record, dict):
        raise _fail(f"each line must be a JSON object, got {type(record).__name__}", path, line)
    text = _text_field(record, "text", path=path, line=line)
    title = _text_field(record, "title", path=path, line=line)
    date = _text_field(record, "date", path=path, line=line)
    lang = _text_field(record, "lang", path=path, line=line)
    if lang is not None and lang not in _LANGS:
        raise _fail(f"'lang' is {lang!r}; use one of {', '.join(_LANGS)}", path, line)
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise _fail(f"'date' is {date!r}; write it as YYYY-MM-DD", path, line)
    if text is None:
        if "file" not in record or gold_path is None:
            raise _fail("no 'text' (or 'file') in this document; give its text", path, line)
        document = _read_file_document(record, gold_path, line=line)
        text, title, date = document.text, title or document.title, date or document.date
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = f"{record['file']}#{record.get('index', 0)}" if "file" in record else f"line-{line}"
    for key in ("entities", "claims", "absent", "not_yet", "not_yet_absent"):
        if not isinstance(record.get(key, []), list):
            raise _fail(f"{key!r} must be a list, got {record[key]!r}", path, line)
    claims = [_claim(c, path=path, line=line) for c in record.get("claims", []) + record.get("not_yet", [])]
    absent = [_claim(c, path=path, line=line) for c in record.get("absent", []) + record.get("not_yet_absent", [])]
    return GoldDocument(
        id=str(doc_id), text=text, lang=None if lang in (None, "mixed") else lang, title=title, date=date,
        entities=tuple(_entity(e, path=path, line=line) for e in record.get("entities", [])),
        claims=tuple(claims), absent=tuple(absent),
        alias_pairs=_pairs(record.get("alias_pairs"), "alias_pairs", path=path, line=line),
        homonym_pairs=_pairs(record.get("homonym_pairs"), "homonym_pairs", path=path, line=line))


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Every gold document of a JSONL file (blank lines skipped); ids must be unique.

    >>> load_gold("no/such/gold.jsonl")
    Traceback (most recent call last):
    ...
    graph.exceptions.MissingPathError: no/such/gold.jsonl: gold file not found; pass a JSONL file of gold documents
    """
    path = Path(path)
    if not path.is_file():
        raise MissingPathError("gold file not found; pass a JSONL file of gold documents", path=str(path))
    documents: list[GoldDocument] = []
    seen: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the gold file as UTF-8 ({exc})", path=str(path)) from None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(f"not valid JSON ({exc.msg} at column {exc.colno})", str(path), number) from None
        document = parse_gold_record(record, path=str(path), line=number, gold_path=path)
        if document.id in seen:
            raise _fail(f"id {document.id!r} was already used on line {seen[document.id]}; ids must be unique",
                        str(path), number)
        seen[document.id] = number
        documents.append(document)
    if not documents:
        raise InputError("the gold file has no documents; write one JSON object a line", path=str(path))
    return documents


# ---------------------------------------------------------------------------------------------------- scores
@dataclass(frozen=True, slots=True)
class Score:
    """True positives, false positives, false negatives, and the ratios made from them.

    >>> s = Score(3, 1, 2)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.75, 0.6, 0.667)
    >>> Score(0, 0, 0).f1
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold claims found (0 when there is no gold claim)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        """Counts and ratios (rounded to 4 places) for JSON.

        >>> Score(1, 1, 0).as_dict()
        {'tp': 1, 'fp': 1, 'fn': 0, 'gold': 1, 'predicted': 2, 'precision': 0.5, 'recall': 1.0, 'f1': 0.6667}
        """
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "gold": self.tp + self.fn,
                "predicted": self.tp + self.fp, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """A missed gold claim, a spurious prediction, or a prediction of an ``absent`` claim, with its sentence."""

    doc_id: str
    subject: str
    relation: str
    object: str
    polarity: str
    modality: str
    evidence: str
    confidence: float | None = None

    def describe(self) -> str:
        """One report line.

        >>> ErrorItem("d1", "A", "acquired", "B", "negative", "asserted", "A did not buy B.", 0.8).describe()
        'd1: not A acquired B (0.80) | A did not buy B.'
        """
        negation = "not " if self.polarity == "negative" else ""
        modality = "" if self.modality == "asserted" else f" [{self.modality}]"
        confidence = "" if self.confidence is None else f" ({self.confidence:.2f})"
        evidence = " ".join(self.evidence.split()) or "(no sentence names both)"
        return f"{self.doc_id}: {negation}{self.subject} {self.relation} {self.object}{modality}{confidence} | {evidence}"


@dataclass(frozen=True, slots=True)
class PairResult:
    """Whether two gold names resolved to the same IRI (alias pair: should; homonym pair: should not)."""

    doc_id: str
    kind: Literal["alias", "homonym"]
    first: str
    second: str
    first_iris: tuple[str, ...]
    second_iris: tuple[str, ...]

    @property
    def same_spelling(self) -> bool:
        """Both senses are written alike ("小米" the company and 小米 the grain): judged occurrence by occurrence."""
        return self.first == self.second

    @property
    def merged(self) -> bool:
        """Both names reached a common IRI; for one spelling used in two senses, every occurrence got the same
        answer (``first_iris`` then lists one IRI, or "" for "no entity", per occurrence in the text).

        >>> PairResult("d", "homonym", "Go", "Go", ("ent:go", "", "ent:go"), ()).merged
        False
        >>> PairResult("d", "homonym", "Go", "Go", ("ent:go", "ent:go"), ()).merged
        True
        """
        if self.same_spelling:
            return len(set(self.first_iris)) < 2
        return bool((set(self.first_iris) & set(self.second_iris)) - {""})

    @property
    def correct(self) -> bool:
        """Alias pairs must merge; homonym pairs must not.

        >>> PairResult("d", "homonym", "Apple", "apple (fruit)", ("ent:apple",), ()).correct
        True
        """
        return self.merged if self.kind == "alias" else not self.merged


@dataclass(slots=True)
class EvalReport:
    """Everything ``kg eval`` reports."""

    gold: str
    mode: EvalMode
    threshold: float
    documents: int
    micro: Score
    relaxed: Score
    by_relation: dict[str, Score]
    curve: list[tuple[float, Score]]
    pairs: list[PairResult] = field(default_factory=list)
    missed: list[ErrorItem] = field(default_factory=list)
    spurious: list[ErrorItem] = field(default_factory=list)
    absent_found: list[ErrorItem] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def pair_accuracy(self, kind: Literal["alias", "homonym"]) -> tuple[int, int]:
        """(correct, total) pairs of one kind."""
        chosen = [p for p in self.pairs if p.kind == kind]
        return sum(p.correct for p in chosen), len(chosen)

    def to_json(self) -> dict[str, Any]:
        """Machine-readable results (the shape ``kg eval --json`` prints; see the README)."""
        def pairs(kind: Literal["alias", "homonym"]) -> dict[str, Any]:
            correct, total = self.pair_accuracy(kind)
            return {"correct": correct, "total": total, "accuracy": round(correct / total, 4) if total else None}

        def item(e: ErrorItem) -> dict[str, Any]:
            return dataclasses.asdict(e)

        return {
            "gold": self.gold, "mode": self.mode.value, "threshold": self.threshold, "documents": self.documents,
            "micro": self.micro.as_dict(), "relaxed": self.relaxed.as_dict(),
            "by_relation": {name: score.as_dict() for name, score in sorted(self.by_relation.items())},
            "curve": [{"threshold": t, **score.as_dict()} for t, score in self.curve],
            "resolution": {"alias_pairs": pairs("alias"), "homonym_pairs": pairs("homonym"),
                           "failures": [dataclasses.asdict(p) for p in self.pairs if not p.correct]},
            "missed": [item(e) for e in self.missed], "spurious": [item(e) for e in self.spurious],
            "absent_found": [item(e) for e in self.absent_found],
            "contradictions": [{"kind": c.kind, "first": _claim_json(c.first), "second": _claim_json(c.second)}
                               for c in self.contradictions],
        }

    def render(self, *, show_errors: bool = False) -> str:
        """The plain-text report ``kg eval`` prints: an aligned table, the curve, resolution, contradictions."""
        lines = [(f"gold {self.gold}  documents {self.documents}  mode {self.mode.value}  "
                  f"threshold {self.threshold:.2f}"), ""]
        header = f"{'relation':<18}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'f1':>8}"
        lines += [header, "-" * len(header)]

        def row(name: str, s: Score) -> str:
            return (f"{name:<18}{s.tp + s.fn:>6}{s.tp + s.fp:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                    f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>8.3f}")

        lines += [row(name, score) for name, score in sorted(self.by_relation.items())]
        lines += ["-" * len(header), row("micro", self.micro), row("micro relaxed", self.relaxed),
                  "(relaxed: polarity and modality ignored)", "",
                  "precision/recall by confidence threshold (strict):",
                  f"{'threshold':>11}{'precision':>11}{'recall':>8}{'f1':>8}{'pred':>6}"]
        lines += [f"{t:>11.2f}{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp + s.fp:>6}" for t, s in self.curve]
        lines.append("")
        for kind, label in (("alias", "alias pairs merged"), ("homonym", "homonym pairs kept apart")):
            correct, total = self.pair_accuracy(cast(Literal["alias", "homonym"], kind))
            share = f"{100 * correct / total:.1f}%" if total else "n/a"
            lines.append(f"resolution: {label}: {correct}/{total} ({share})")
        for pair in self.pairs:
            if not pair.correct:
                lines.append(f"  FAIL {pair.kind} {pair.doc_id}: {pair.first!r} → {list(pair.first_iris) or '-'}  "
                             f"{pair.second!r} → {list(pair.second_iris) or '-'}")
        if self.absent_found:
            lines.append(f"absent claims extracted: {len(self.absent_found)}")
        lines.append(f"contradictions among the predictions: {len(self.contradictions)}")
        lines += [f"  {c.describe()}" for c in self.contradictions]
        if show_errors:
            for title, items in (("missed", self.missed), ("spurious", self.spurious),
                                 ("absent but extracted", self.absent_found)):
                lines.append(f"\n{title} ({len(items)}):")
                lines += [f"  {e.describe()}" for e in items]
        return "\n".join(lines)


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {"doc_id": claim.doc_id, "subject": claim.subject_name, "relation": claim.relation,
            "object": claim.object_name, "polarity": claim.polarity, "modality": claim.modality,
            "confidence": round(claim.confidence, 3), "evidence": claim.evidence}


# ---------------------------------------------------------------------------------------------------- matching
@dataclass(frozen=True, slots=True)
class _EntityRef:
    """Everything a gold name may be matched by: normalised keys of all its names and the IRIs they resolve to."""

    keys: frozenset[str]
    iris: frozenset[str]
    surfaces: tuple[str, ...]

    def matches(self, iri: str, surface: str) -> bool:
        return iri in self.iris or entity_key(surface) in self.keys


def _entity_ref(name: str, document: GoldDocument, schema: Schema, base_iri: str) -> _EntityRef:
    names = {name}
    for entity in document.entities:
        if entity_key(name) in {entity_key(n) for n in entity.names}:
            names.update(entity.names)
    iris: set[str] = set()
    for one in tuple(names):  # names grows inside the loop
        known = schema.entities_by_key.get(entity_key(one))
        if known is not None:
            iris.add(known.iri)
            names.update(known.names)
    iris.update(mint_entity_iri(n, base_iri=base_iri) for n in names)
    return _EntityRef(frozenset(entity_key(n) for n in names), frozenset(iris), tuple(sorted(names)))


def _dedupe(claims: Iterable[Claim], symmetric: frozenset[str], *, strict: bool) -> list[Claim]:
    """One prediction per (subject, relation, object[, polarity, modality]), the most confident; best first."""
    best: dict[tuple[str, ...], Claim] = {}
    for claim in claims:
        ends = (claim.subject, claim.object)
        if claim.relation in symmetric:
            ends = (min(ends), max(ends))
        key: tuple[str, ...] = (claim.relation, *ends)
        if strict:
            key += (claim.polarity, claim.modality)
        if key not in best or claim.confidence > best[key].confidence:
            best[key] = claim
    return sorted(best.values(), key=lambda c: (-c.confidence, c.start, c.relation, c.subject, c.object))


def _claim_matches(gold: GoldClaim, claim: Claim, refs: dict[str, _EntityRef], symmetric: frozenset[str], *,
                   strict: bool) -> bool:
    if gold.relation != claim.relation:
        return False
    if strict and (gold.polarity != claim.polarity or gold.modality != claim.modality):
        return False
    subject, obj = refs[gold.subject], refs[gold.object]
    if subject.matches(claim.subject, claim.subject_name) and obj.matches(claim.object, claim.object_name):
        return True
    return claim.relation in symmetric and subject.matches(claim.object, claim.object_name) \
        and obj.matches(claim.subject, claim.subject_name)


def _match(golds: Sequence[GoldClaim], predictions: Sequence[Claim], refs: dict[str, _EntityRef],
           symmetric: frozenset[str], *, strict: bool) -> tuple[list[GoldClaim], list[Claim], list[GoldClaim]]:
    """Greedy one-to-one matching: (matched gold, unmatched predictions, unmatched gold)."""
    free = list(predictions)
    matched: list[GoldClaim] = []
    missed: list[GoldClaim] = []
    for gold in golds:
        hit = next((p for p in free if _claim_matches(gold, p, refs, symmetric, strict=strict)), None)
        if hit is None:
            missed.append(gold)
        else:
            free.remove(hit)
            matched.append(gold)
    return matched, free, missed


def _unique_gold(claims: Iterable[GoldClaim], *, strict: bool) -> list[GoldClaim]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for claim in claims:
        key: tuple[str, ...] = (claim.subject, claim.relation, claim.object)
        if strict:
            key += (claim.polarity, claim.modality)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _sentence_with(text: str, first: _EntityRef, second: _EntityRef) -> str:
    """The first sentence naming both entities (any of their names), for showing a missed claim."""
    for sentence in _SENTENCE_END.split(text):
        folded = sentence.casefold()
        if any(s.casefold() in folded for s in first.surfaces) and any(s.casefold() in folded for s in second.surfaces):
            return sentence.strip()
    return ""


# ---------------------------------------------------------------------------------------------------- running
def given_entities_schema(base: Schema, entities: Sequence[GoldEntity], *, base_iri: str) -> Schema:
    """``base`` plus the gold entity list, as ``--entities`` would add it; a gold entity that shares a name with
    a known one extends that entity (its IRI and Wikidata link stay) with the gold class and names.

    >>> from graph.schema import load_schema
    >>> schema = given_entities_schema(load_schema(), [GoldEntity("星河智能", "Organization", ("Xinghe",)),
    ...                                                GoldEntity("深度求索", "Organization", ("DeepSeekAI",))],
    ...                                base_iri="https://w3id.org/claimgraph/")
    >>> schema.entities_by_key[entity_key("Xinghe")].label, schema.entities_by_key[entity_key("DeepSeekAI")].label
    ('星河智能', 'DeepSeek')
    """
    added: dict[str, KnownEntity] = {}
    for entity in entities:
        known = next((base.entities_by_key[k] for k in map(entity_key, entity.names) if k in base.entities_by_key),
                     None)
        if known is not None:
            names = set(known.aliases) | set(entity.names)
            added[known.iri] = KnownEntity(known.iri, entity.type, known.label_en, known.label_zh,
                                           tuple(sorted(names - {known.label_en, known.label_zh})), known.same_as)
            continue
        iri = mint_entity_iri(entity.name, base_iri=base_iri)
        is_zh = any("\u4e00" <= ch <= "\u9fff" for ch in entity.name)
        added[iri] = KnownEntity(iri, entity.type, None if is_zh else entity.name, entity.name if is_zh else None,
                                 tuple(a for a in entity.aliases if a != entity.name))
    return Schema(relations=base.relations, cues=base.cues, entities={**base.entities, **added},
                  ontology_files=base.ontology_files)


def _occurrence_iris(surface: str, docs: Sequence[Doc]) -> tuple[str, ...]:
    """One answer per place ``surface`` is written (case as given, whole words for Latin letters): the IRI of
    the mention spelled exactly so there, or "" where the extractor saw no entity. Occurrences inside a longer
    mention ("Gemini" in "Gemini Ultra", "Go" in "AlphaGo") belong to that other name and are skipped.

    >>> import spacy
    >>> doc = spacy.blank("en")("Apple sells apple juice.")
    >>> doc.ents = [doc.char_span(0, 5, label="Organization", kb_id="ent:apple")]
    >>> _occurrence_iris("Apple", [doc]), _occurrence_iris("apple", [doc])
    (('ent:apple',), ('',))
    """
    latin = bool(re.match(r"^\w", surface, re.ASCII)) or bool(re.search(r"\w$", surface, re.ASCII))
    pattern = re.compile((r"(?<![A-Za-z0-9])" if latin else "") + re.escape(surface) +
                         (r"(?![A-Za-z0-9])" if latin else ""))
    answers: list[str] = []
    for doc in docs:
        for match in pattern.finditer(doc.text):
            covering = [e for e in doc.ents if e.start_char <= match.start() and match.end() <= e.end_char]
            exact = [e for e in covering if (e.start_char, e.end_char) == match.span()]
            if covering and not exact:
                continue
            answers.append(exact[0].kb_id_ if exact else "")
    return tuple(answers)


def _resolve_homonym(name: str, docs: Sequence[Doc], builder: Builder, lang: str) -> tuple[str, ...]:
    """What the extractor made of one sense of a homonym pair: the answers at its occurrences, or (when the
    gold names it in a way the text does not spell, "apple (fruit)") the alias lookup."""
    surface = _QUALIFIER.sub("", name).strip() or name
    answers = _occurrence_iris(surface, docs)
    return answers if answers else _resolve_name(name, docs, builder, lang)


def _resolve_name(name: str, docs: Sequence[Doc], builder: Builder, lang: str) -> tuple[str, ...]:
    """IRIs the extractor gives ``name``: its mentions in the document, else the name read on its own.

    A trailing qualifier is not part of the name: "apple (fruit)" is looked up as "apple".
    """
    surface = _QUALIFIER.sub("", name).strip() or name
    ents = [e for doc in docs for e in doc.ents]
    iris = {e.kb_id_ for e in ents if e.text == surface}
    if not iris:
        iris = {e.kb_id_ for e in ents if entity_key(e.text) == entity_key(surface)}
    if not iris:
        alone = builder.extractor.doc_for(surface, lang=lang)
        iris = {e.kb_id_ for e in alone.ents if e.start == 0 and e.end == len(alone)}
    return tuple(sorted(i for i in iris if i))


def evaluate_documents(documents: Sequence[GoldDocument], *, mode: EvalMode = EvalMode.OPEN,
                       threshold: float = 0.5, settings: Settings | None = None, gold: str = "<gold>") -> EvalReport:
    """Extract from every gold document and score the result (see the module docstring for the rules).

    >>> doc = GoldDocument("d1", "Google acquired DeepMind.", claims=(GoldClaim("Google", "acquired", "DeepMind"),),
    ...                    alias_pairs=(("Google", "谷歌"),))
    >>> report = evaluate_documents([doc])
    >>> report.micro.f1, report.pair_accuracy("alias")
    (1.0, (1, 1))
    """
    from graph.schema import load_schema

    settings = (settings or Settings()).replace(assert_threshold=threshold)
    base_schema = load_schema(settings)
    open_builder = Builder(settings=settings, schema=base_schema) if mode is EvalMode.OPEN else None
    symmetric = frozenset(name for name, spec in base_schema.relations.items() if spec.symmetric)
    unknown = sorted({c.relation for d in documents for c in (*d.claims, *d.absent)} - set(base_schema.relations))
    if unknown:
        raise InputError(f"unknown relation(s) {', '.join(unknown)} in the gold; the schema has "
                         f"{', '.join(sorted(base_schema.relations))}", path=gold)

    all_claims: list[Claim] = []
    per_document: list[tuple[GoldDocument, list[Claim], dict[str, _EntityRef]]] = []
    pairs: list[PairResult] = []
    builder: Builder = open_builder if open_builder is not None else Builder(settings=settings, schema=base_schema)
    for document in documents:
        if open_builder is None:
            schema = given_entities_schema(base_schema, document.entities, base_iri=settings.base_iri)
            builder = Builder(settings=settings, schema=schema)
        parts = list(_make_documents(f"gold:{document.id}", document.text, title=document.title, date=document.date,
                                     lang=document.lang, max_chars=settings.max_chunk_chars))
        extraction = builder.extract_parts(parts)
        claims = [dataclasses.replace(c, doc_id=document.id) for c in extraction.claims]
        all_claims.extend(claims)
        names = {n for c in (*document.claims, *document.absent) for n in (c.subject, c.object)}
        refs = {n: _entity_ref(n, document, builder.schema, settings.base_iri) for n in names}
        per_document.append((document, claims, refs))
        if document.alias_pairs or document.homonym_pairs:
            docs = [builder.extractor.doc_for(part.text, lang=part.lang) for part in parts]
            for first, second in document.alias_pairs:
                pairs.append(PairResult(document.id, "alias", first, second,
                                        _resolve_name(first, docs, builder, parts[0].lang),
                                        _resolve_name(second, docs, builder, parts[0].lang)))
            for first, second in document.homonym_pairs:
                # One spelling in two senses can only be told apart occurrence by occurrence.
                first_iris = _resolve_homonym(first, docs, builder, parts[0].lang)
                pairs.append(PairResult(document.id, "homonym", first, second, first_iris,
                                        () if first == second else
                                        _resolve_homonym(second, docs, builder, parts[0].lang)))

    def score_at(cutoff: float, *, strict: bool, collect: bool) -> tuple[Score, dict[str, Score]]:
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for document, claims, refs in per_document:
            predictions = _dedupe((c for c in claims if c.confidence >= cutoff), symmetric, strict=strict)
            golds = _unique_gold(document.claims, strict=strict)
            matched, spurious, missed = _match(golds, predictions, refs, symmetric, strict=strict)
            tp.update(g.relation for g in matched)
            fp.update(p.relation for p in spurious)
            fn.update(g.relation for g in missed)
            if collect:
                report.missed.extend(ErrorItem(document.id, g.subject, g.relation, g.object, g.polarity, g.modality,
                                               _sentence_with(document.text, refs[g.subject], refs[g.object]))
                                     for g in missed)
                report.spurious.extend(ErrorItem(document.id, p.subject_name, p.relation, p.object_name, p.polarity,
                                                 p.modality, p.evidence, p.confidence) for p in spurious)
                hits, _, _ = _match(document.absent, predictions, refs, symmetric, strict=True)
                for hit in hits:
                    report.absent_found.append(ErrorItem(document.id, hit.subject, hit.relation, hit.object,
                                                         hit.polarity, hit.modality,
                                                         _sentence_with(document.text, refs[hit.subject],
                                                                        refs[hit.object])))
        relations = set(tp) | set(fp) | set(fn)
        by_relation = {r: Score(tp[r], fp[r], fn[r]) for r in relations}
        return sum(by_relation.values(), Score()), by_relation

    report = EvalReport(gold=gold, mode=mode, threshold=threshold, documents=len(documents), micro=Score(),
                        relaxed=Score(), by_relation={}, curve=[], pairs=pairs)
    report.micro, report.by_relation = score_at(threshold, strict=True, collect=True)
    report.relaxed, _ = score_at(threshold, strict=False, collect=False)
    report.curve = [(t, score_at(t, strict=True, collect=False)[0]) for t in CURVE_THRESHOLDS]
    dates = {d.id: d.date for d in documents}
    found = contradictions_of([c for c in all_claims if c.confidence >= threshold], builder.writer, dates=dates)
    # Several sentences repeating one claim give identical-looking pairs; the report lists each pair once.
    report.contradictions = list({c.describe(): c for c in found}.values())
    return report


def evaluate_gold(path: str | Path, *, mode: EvalMode = EvalMode.OPEN, threshold: float = 0.5,
                  settings: Settings | None = None) -> EvalReport:
    """Load a gold JSONL file and score the extractor on it (``kg eval``).

    >>> import tempfile, pathlib
    >>> gold = pathlib.Path(tempfile.mkdtemp()) / "gold.jsonl"
    >>> _ = gold.write_text('{"id": "a", "text": "OpenAI released Sora.", "claims": [["OpenAI", "released", "Sora"]]}')
    >>> evaluate_gold(gold).micro.as_dict()["f1"]
    1.0
    """
    return evaluate_documents(load_gold(path), mode=mode, threshold=threshold, settings=settings, gold=str(path))


__all__ = ["CURVE_THRESHOLDS", "ErrorItem", "EvalMode", "EvalReport", "GoldClaim", "GoldDocument", "GoldEntity",
           "PairResult", "Score", "evaluate_documents", "evaluate_gold", "given_entities_schema", "load_gold",
           "parse_gold_record"]
