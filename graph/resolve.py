"""Mentions → entities: one IRI per real-world thing, whatever the script, case, spacing or hyphenation.

Known entities keep the IRI their Turtle gives them; a new name gets a readable IRI minted from its
normalised key, so ``GPT4o``, ``GPT-4o`` and ``gpt 4o`` meet in one node. Every decision is recorded with the
rule that made it.

>>> entity_key("GPT-4o") == entity_key("gpt4o") == entity_key("ＧＰＴ 4o")
True
>>> entity_key("The New York Times") == entity_key("New York Times")
True
>>> mint_entity_iri("Mistral AI")
'https://w3id.org/claimgraph/entity/mistralai'
>>> mint_entity_iri('a <b> "c"')
'https://w3id.org/claimgraph/entity/a-b-c-...'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.·・•'’]+")
_SAFE = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def _without_latin_accents(text: str) -> str:
    """"Lórien" → "Lorien", "Durán" → "Duran": accents on Latin letters are dropped (Wikipedia and news spell
    the same name with and without them); marks on other scripts stay ("ガ" is not "カ").

    >>> _without_latin_accents("Níkos Aliágas ガ")
    'Nikos Aliagas ガ'
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def entity_key(name: str) -> str:
    """The normalised form two names must share to be the same entity (NFKC, casefold, no separators, no accents
    on Latin letters).

    >>> entity_key("Lórien") == entity_key("Lorien")
    True
    """
    folded = _without_latin_accents(unicodedata.normalize("NFKC", name)).casefold().strip()
    # "The New York Times" and "New York Times" are one name; a bare "The" stays itself.
    if folded.startswith("the ") and len(folded) > 4:
        folded = folded[4:]
    return _SEPARATORS.sub("", folded)


def mint_entity_iri(name: str, *, base_iri: str = "https://w3id.org/claimgraph/") -> str:
    """A readable, always-valid IRI for a name: its key, with a short hash if characters had to go.

    >>> mint_entity_iri("英伟达")
    'https://w3id.org/claimgraph/entity/英伟达'
    >>> mint_entity_iri("😀")
    'https://w3id.org/claimgraph/entity/e-...'
    """
    key = entity_key(name)
    slug = _SAFE.sub("-", key).strip("-")[:80]
    if slug != key or not slug:
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"e-{digest}"
    return f"{base_iri}entity/{slug}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """Why a surface name became an IRI: ``known-alias`` (the gazetteer), ``minted`` (a new name)."""

    name: str
    iri: str
    rule: str


class KnownLike(Protocol):
    """What the table reads from a gazetteer entry (``graph.schema.KnownEntity``)."""

    @property
    def type(self) -> str: ...
    @property
    def label_en(self) -> str | None: ...
    @property
    def label_zh(self) -> str | None: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def same_as(self) -> tuple[str, ...]: ...
    @property
    def label(self) -> str: ...


@dataclass(slots=True)
class EntityRecord:
    """What the graph says about one entity: its IRI, class, names seen and where it was mentioned."""

    iri: str
    type: str
    label: str
    known: bool
    names: set[str]
    mention_count: int = 0
    documents: set[str] | None = None
    same_as: tuple[str, ...] = ()
    label_en: str | None = None
    label_zh: str | None = None
    aliases: tuple[str, ...] = ()
    rule: str = "minted"
    #: Why each name became this IRI: name → (rule, evidence), the first decision seen (graph.mentions rules).
    resolutions: dict[str, tuple[str, str]] = field(default_factory=dict)


class EntityTable:
    """Accumulates entities across documents; the first, most specific type seen wins for new names.

    >>> table = EntityTable()
    >>> rec = table.add("https://w3id.org/claimgraph/entity/gpt4o", "GPT4o", "Entity", doc_id="d1")
    >>> rec = table.add("https://w3id.org/claimgraph/entity/gpt4o", "GPT-4o", "AIModel", doc_id="d2")
    >>> (rec.type, sorted(rec.names), rec.mention_count)
    ('AIModel', ['GPT-4o', 'GPT4o'], 2)
    """

    def __init__(self) -> None:
        self.records: dict[str, EntityRecord] = {}

    def add(self, iri: str, name: str, entity_type: str, *, doc_id: str, known: KnownLike | None = None,
            resolution: tuple[str, str] | None = None) -> EntityRecord:
        """Record one mention of ``iri`` under surface ``name``, and why the name got that IRI."""
        record = self.records.get(iri)
        if record is None:
            record = EntityRecord(iri=iri, type=entity_type, label=name, known=False, names=set(), documents=set())
            if known is not None:
                record.known = True
                record.rule = "known-alias"
                record.type = known.type
                record.label = known.label
                record.label_en = known.label_en
                record.label_zh = known.label_zh
                record.aliases = known.aliases
                record.same_as = known.same_as
            self.records[iri] = record
        elif not record.known and record.type == "Entity" and entity_type != "Entity":
            record.type = entity_type
        record.names.add(name)
        if resolution is not None:
            record.resolutions.setdefault(name, resolution)
        record.mention_count += 1
        assert record.documents is not None
        record.documents.add(doc_id)
        return record

    def merge(self, other: EntityTable) -> None:
        """Fold another table (from a worker) into this one."""
        for iri, rec in other.records.items():
            mine = self.records.get(iri)
            if mine is None:
                self.records[iri] = rec
                continue
            mine.names |= rec.names
            for name, decision in rec.resolutions.items():
                mine.resolutions.setdefault(name, decision)
            mine.mention_count += rec.mention_count
            if mine.documents is not None and rec.documents:
                mine.documents |= rec.documents
            if not mine.known and mine.type == "Entity":
                mine.type = rec.type
