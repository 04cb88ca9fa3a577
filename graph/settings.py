"""One frozen :class:`Settings` object carries every tunable; functions take it as a keyword argument.

>>> s = Settings()
>>> s.assert_threshold
0.5
>>> s.replace(assert_threshold=0.7).assert_threshold
0.7
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

#: Where the bundled ontology, entities and shapes live: the repository's ``schemas/`` folder, which the package
#: carries as ``graph/schemas_bundled`` (a link in the repository, real files in a built wheel).
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas_bundled"


class ExtractorMode(StrEnum):
    """Which path makes claims: the schema rules, the trained relation scorer, or the rules re-scored by it."""

    RULES = "rules"
    MODEL = "model"
    HYBRID = "hybrid"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a build can be tuned with. Immutable so one object can be shared across workers."""

    #: Base of every minted IRI: ``{base}entity/…``, ``{base}claim/…``, ``{base}doc/…``.
    base_iri: str = "https://w3id.org/claimgraph/"
    #: Claims that are positive, asserted (not hedged or planned) and at least this confident are also
    #: written as the plain triple ``X p Y``.
    assert_threshold: float = 0.5
    #: Multiplier on confidence when an argument was filled from the document topic rather than read.
    inferred_factor: float = 0.7
    #: Optional installed spaCy models whose NER adds open-vocabulary names; None means blank pipelines.
    spacy_model_en: str | None = None
    spacy_model_zh: str | None = None
    #: Texts longer than this are split at paragraph boundaries so memory stays bounded.
    max_chunk_chars: int = 200_000
    #: Ontology, entity and shapes files; the bundled ones unless replaced.
    ontology_paths: tuple[Path, ...] = field(default_factory=lambda: (SCHEMA_DIR / "ontology.ttl",))
    entity_paths: tuple[Path, ...] = field(default_factory=lambda: (SCHEMA_DIR / "entities.ttl",))
    #: CSV files (name,decision) that reverse or force entity merges; see graph.overrides.
    name_overrides: tuple[Path, ...] = ()
    #: Emit known entities that are mentioned but in no claim (they are precise, so they are worth keeping).
    keep_mentioned_known_entities: bool = True
    #: Treat reader warnings (empty files) as failures.
    strict: bool = False
    #: rules | model | hybrid; None means hybrid when the relation scorer model is present, else rules
    #: (graph.hybrid.resolve_mode).
    extractor: ExtractorMode | None = None
    #: A relation scorer model folder to use instead of the bundled ``graph/relation_scorer/model``.
    model_path: Path | None = None
    #: Inputs smaller than this (bytes of document files) are extracted in-process even with --workers N:
    #: each worker needs about a second to load its pipelines, more than a small input takes in total.
    parallel_min_bytes: int = 1_000_000
    #: Characters of documents sent to a worker as one task (fewer round trips; small enough to balance).
    batch_chars: int = 200_000
    #: Claims whose quads are held in memory before they are spilled to a sorted run on disk; the runs are
    #: merged at the end, so memory stays bounded by this and not by the corpus.
    spill_claims: int = 200_000

    def replace(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def extractor_name(self) -> str:
        """Identifies the rules and their version in ``prov:wasGeneratedBy``."""
        return "extractor-rules-1"
