"""examples/gold.jsonl as a to-do list: every gold claim extracted, no ``absent`` claim asserted.

A gold claim without ``polarity``/``modality`` means positive and asserted. Entity names are matched by
resolving them through the schema's alias index (so "微软" and "Microsoft" are the same), or failing that by
the claim's surface name key. All failures are collected and reported in one assertion.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO

from graph.build import BuildResult
from graph.claims import Claim
from graph.resolve import entity_key
from graph.schema import Schema, load_schema

GOLD = REPO / "examples" / "gold.jsonl"


@dataclass(frozen=True)
class GoldEntity:
    """A gold name, as the IRI it resolves to (when known) and its normalised key."""

    name: str
    iri: str | None
    key: str

    @classmethod
    def of(cls, name: str, schema: Schema) -> GoldEntity:
        key = entity_key(name)
        known = schema.entities_by_key.get(key)
        return cls(name, known.iri if known else None, key)

    def matches(self, iri: str | None, surface: str | None) -> bool:
        if self.iri is not None and iri == self.iri:
            return True
        return surface is not None and entity_key(surface) == self.key


def _load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _claims_by_gold_entry(result: BuildResult) -> dict[tuple[str, int | None], list[Claim]]:
    """Claims per (repo-relative file, JSONL index); JSONL documents are numbered in file order."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in result.claims:
        by_doc[claim.doc_id].append(claim)
    out: dict[tuple[str, int | None], list[Claim]] = {}
    jsonl_index: dict[str, int] = defaultdict(int)
    for info in result.documents:
        path, _, fragment = info.path.partition("#")
        relative = Path(path).resolve().relative_to(REPO).as_posix()
        if fragment:
            index: int | None = jsonl_index[relative]
            jsonl_index[relative] += 1
        else:
            index = None
        out[(relative, index)] = by_doc.get(info.doc_id, [])
    return out


def _matches(claim: Claim, gold: dict[str, Any], schema: Schema) -> bool:
    if claim.relation != gold["relation"]:
        return False
    subject = GoldEntity.of(gold["subject"], schema)
    obj = GoldEntity.of(gold["object"], schema)

    def forward(c_subj: tuple[str, str], c_obj: tuple[str, str]) -> bool:
        return subject.matches(*c_subj) and obj.matches(*c_obj)

    s, o = (claim.subject, claim.subject_name), (claim.object, claim.object_name)
    spec = schema.relations.get(claim.relation)
    return forward(s, o) or bool(spec and spec.symmetric and forward(o, s))


def _describe(claims: list[Claim]) -> str:
    return "; ".join(f"{c.triple_names} {c.polarity}/{c.modality}"
                     + (f" by {c.attributed_name}" if c.attributed_name else "") for c in claims) or "no claims"


def _check_entry(entry: dict[str, Any], claims: list[Claim], schema: Schema) -> tuple[int, list[str]]:
    """How many gold claims were found, and a line per problem."""
    where = entry["file"] + (f"[{entry['index']}]" if entry.get("index") is not None else "")
    problems: list[str] = []
    found = 0
    for gold in entry["claims"]:
        label = f"{where}: {gold['subject']} {gold['relation']} {gold['object']}"
        candidates = [c for c in claims if _matches(c, gold, schema)]
        if not candidates:
            same_relation = [c for c in claims if c.relation == gold["relation"]]
            problems.append(f"MISSING  {label}  (got {gold['relation']}: {_describe(same_relation)})")
            continue
        polarity = gold.get("polarity", "positive")
        modality = gold.get("modality", "asserted")
        right = [c for c in candidates if c.polarity == polarity and c.modality == modality]
        if not right:
            problems.append(f"WRONG    {label}: expected {polarity}/{modality}, got {_describe(candidates)}")
            continue
        if gold.get("attributed_to"):
            speaker = GoldEntity.of(gold["attributed_to"], schema)
            if not any(speaker.matches(c.attributed_to, c.attributed_name) for c in right):
                problems.append(f"SOURCE   {label}: expected attributed to {gold['attributed_to']}, "
                                f"got {_describe(right)}")
                continue
        found += 1
    for gold in entry.get("absent", []):
        asserted = [c for c in claims if _matches(c, gold, schema)
                    and c.polarity == "positive" and c.modality == "asserted"]
        if asserted:
            problems.append(f"WRONGLY  {where}: asserted {gold['subject']} {gold['relation']} {gold['object']}: "
                            f"{_describe(asserted)}")
    return found, problems


@pytest.mark.skipif(not GOLD.exists(), reason="examples/gold.jsonl not present")
def test_every_gold_claim_is_extracted_and_no_absent_claim_is_asserted(examples_result: BuildResult) -> None:
    schema = load_schema()
    by_entry = _claims_by_gold_entry(examples_result)
    found = total = 0
    problems: list[str] = []
    for entry in _load_gold():
        key = (entry["file"], entry.get("index"))
        if not (REPO / entry["file"]).resolve().is_relative_to(EXAMPLES):
            problems.append(f"BAD GOLD {entry['file']}: not under examples/articles")
            continue
        if key not in by_entry:
            problems.append(f"NO DOC   {entry['file']} index {entry.get('index')}: not built from the examples")
            total += len(entry["claims"])
            continue
        entry_found, entry_problems = _check_entry(entry, by_entry[key], schema)
        found += entry_found
        total += len(entry["claims"])
        problems.extend(entry_problems)
    assert not problems, f"{found}/{total} gold claims found; {len(problems)} problem(s):\n" + "\n".join(problems)
