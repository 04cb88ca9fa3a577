"""Load the Turtle schema: relations with their trigger phrases, cue phrases, and the known-entity gazetteer.

Everything the extractor looks for comes from here, so a relation added to a Turtle file is extracted with no
code change. Parsing uses pyoxigraph (strict, fast); the result is plain dataclasses.

>>> schema = load_schema()
>>> schema.relations["acquired"].label_en
'acquired'
>>> schema.relations["competesWith"].symmetric
True
>>> schema.entities_by_key["英伟达"].iri.endswith("nvidia")
True
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.exceptions import SchemaError
from graph.namespaces import KG, OWL, RDF, RDFS, SKOS
from graph.overrides import NameOverride, load_name_overrides
from graph.resolve import entity_key, mint_entity_iri
from graph.settings import Settings

#: Entity classes in the order a user list may name them (case-insensitive local names).
ENTITY_CLASSES = ("Organization", "Person", "Product", "AIModel", "Place", "Entity")
#: Which classes count as which for domain/range checks (AIModel is a Product, everything is an Entity).
SUPERCLASSES: dict[str, frozenset[str]] = {
    "Organization": frozenset({"Organization", "Entity"}),
    "Person": frozenset({"Person", "Entity"}),
    "Product": frozenset({"Product", "Entity"}),
    "AIModel": frozenset({"AIModel", "Product", "Entity"}),
    "Place": frozenset({"Place", "Entity"}),
    "Entity": frozenset({"Entity"}),
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase that signals a relation; ``inverse`` means its grammatical agent is the relation's object.

    ``recipient`` (kg:recipientTrigger, a two-part phrase) means neither argument is the agent: the relation's
    object sits between the parts and its subject right after them ("sold Motorola to Lenovo": Lenovo acquired
    Motorola; the seller before the verb is a third party).
    """

    phrase: str
    lang: str
    relation: str
    inverse: bool
    recipient: bool = False


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """One relation of the ontology, as the extractor needs it."""

    name: str
    iri: str
    label_en: str
    label_zh: str
    domain: frozenset[str]
    range: frozenset[str]
    symmetric: bool
    triggers: tuple[Trigger, ...]
    #: "X's Y" / "X 的 Y" (X in the range, Y in the domain) states relation(Y, X): kg:readFromPossessive true.
    possessive: bool = False

    def accepts(self, subject_type: str, object_type: str) -> bool:
        """Whether the types fit domain and range (an unknown type ``Entity`` always fits).

        >>> spec = load_schema().relations["worksFor"]
        >>> spec.accepts("Person", "Organization"), spec.accepts("Organization", "Person")
        (True, False)
        """
        return fits(subject_type, self.domain) and fits(object_type, self.range)


def fits(entity_type: str, allowed: frozenset[str]) -> bool:
    """Whether an entity of ``entity_type`` may fill a role restricted to ``allowed`` classes.

    >>> fits("AIModel", frozenset({"Product"})), fits("Entity", frozenset({"Person"}))
    (True, True)
    """
    if not allowed or entity_type == "Entity":
        return True
    return bool(SUPERCLASSES.get(entity_type, frozenset({entity_type})) & allowed)


#: Where a cue counts: before the trigger in its clause, anywhere before it in the sentence, anywhere after it,
#: or after it in its own clause ("X 收购 Y 的传闻被否认" denies that report, not the clause after a comma).
CUE_SCOPES = ("before", "sentence", "after", "clause-after")


@dataclass(frozen=True, slots=True)
class Cue:
    """A modality, polarity or attribution cue phrase."""

    phrase: str
    lang: str
    kind: str  # negation | hedge | plan | attribution | attribution-prefix
    scope: str  # one of CUE_SCOPES
    #: The relations it applies to (``kg:cueRelation``); empty: all. "the deal collapsed" undoes an acquisition,
    #: not a product launch mentioned in the same sentence.
    relations: frozenset[str] = frozenset()

    def applies_to(self, relation: str | None) -> bool:
        """Whether the cue may change a claim of ``relation`` (``None``: a claim of no particular relation).

        >>> Cue("collapsed", "en", "negation", "after", frozenset({"acquired"})).applies_to("released")
        False
        >>> Cue("not", "en", "negation", "before").applies_to("released")
        True
        """
        return not self.relations or relation is None or relation in self.relations


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity from entities.ttl or a user list."""

    iri: str
    type: str
    label_en: str | None
    label_zh: str | None
    aliases: tuple[str, ...]
    same_as: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The preferred display label."""
        return self.label_en or self.label_zh or self.aliases[0]

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form: labels first, then aliases."""
        out = [n for n in (self.label_en, self.label_zh) if n]
        out.extend(a for a in self.aliases if a not in out)
        return tuple(out)


@dataclass(slots=True)
class Schema:
    """Relations, cues and known entities, ready for the matchers."""

    relations: dict[str, RelationSpec]
    cues: tuple[Cue, ...]
    entities: dict[str, KnownEntity]
    entities_by_key: dict[str, KnownEntity] = field(default_factory=dict)
    ontology_files: tuple[Path, ...] = ()
    #: A user's resolution overrides by normalised name (graph.overrides).
    name_overrides: dict[str, NameOverride] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the alias index after entities were added."""
        index: dict[str, KnownEntity] = {}
        for entity in self.entities.values():
            for name in entity.names:
                index.setdefault(entity_key(name), entity)
        self.entities_by_key = index

    @property
    def triggers(self) -> list[Trigger]:
        """All trigger phrases of all relations."""
        return [t for spec in self.relations.values() for t in spec.triggers]


def _parse_turtle(path: Path) -> list[ox.Triple]:
    if path.is_dir():
        raise SchemaError(f"{path}: is a folder; pass a file (Turtle .ttl, or .csv for an entity list)")
    try:
        return [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    except FileNotFoundError:
        raise SchemaError(f"{path}: schema file not found; pass an existing Turtle file") from None
    except SyntaxError as exc:
        raise SchemaError(f"{path}: not valid Turtle: {exc}") from None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _lang_of(literal: ox.Literal) -> str:
    return (literal.language or "en").split("-")[0].lower()


def _class_set(node: ox.NamedNode | ox.BlankNode, by_subject: dict[object, list[ox.Triple]]) -> frozenset[str]:
    """A named class, or the members of an ``owl:unionOf`` list."""
    if isinstance(node, ox.NamedNode):
        return frozenset({_local(node.value)})
    members: set[str] = set()
    for triple in by_subject.get(node, []):
        if triple.predicate == OWL.unionOf:
            item: object = triple.object
            while isinstance(item, ox.BlankNode):
                first = [t.object for t in by_subject.get(item, []) if t.predicate == RDF.first]
                rest = [t.object for t in by_subject.get(item, []) if t.predicate == RDF.rest]
                members.update(_local(f.value) for f in first if isinstance(f, ox.NamedNode))
                item = rest[0] if rest else None
    return frozenset(members)


def parse_ontology(triples: Sequence[ox.Triple]) -> tuple[dict[str, RelationSpec], list[Cue]]:
    """Relations (subjects typed ``kg:Relation``) and cues (instances of the cue classes)."""
    by_subject: dict[object, list[ox.Triple]] = defaultdict(list)
    for triple in triples:
        by_subject[triple.subject].append(triple)
    relations: dict[str, RelationSpec] = {}
    cues: list[Cue] = []
    cue_kinds: dict[ox.NamedNode, str] = {
        KG.NegationCue: "negation", KG.HedgeCue: "hedge", KG.PlanCue: "plan",
        KG.AttributionCue: "attribution", KG.AttributionPrefixCue: "attribution-prefix",
    }
    for subject, rows in by_subject.items():
        types = {t.object for t in rows if t.predicate == RDF.type}
        if KG.Relation in types and isinstance(subject, ox.NamedNode):
            name = _local(subject.value)
            labels = {_lang_of(t.object): t.object.value for t in rows
                      if t.predicate == RDFS.label and isinstance(t.object, ox.Literal)}
            domain = frozenset().union(*[_class_set(t.object, by_subject) for t in rows
                                         if t.predicate == RDFS.domain
                                         and isinstance(t.object, (ox.NamedNode, ox.BlankNode))])
            range_ = frozenset().union(*[_class_set(t.object, by_subject) for t in rows
                                         if t.predicate == RDFS.range
                                         and isinstance(t.object, (ox.NamedNode, ox.BlankNode))])
            triggers = tuple(
                Trigger(t.object.value.strip(), _lang_of(t.object), name, t.predicate == KG.inverseTrigger,
                        recipient=t.predicate == KG.recipientTrigger)
                for t in sorted(rows, key=lambda r: (r.predicate.value, str(r.object)))
                if t.predicate in (KG.trigger, KG.inverseTrigger, KG.recipientTrigger)
                and isinstance(t.object, ox.Literal) and t.object.value.strip()
            )
            for trigger in triggers:
                if trigger.recipient and trigger.phrase.count("…") != 1:
                    raise SchemaError(f"{subject}: kg:recipientTrigger {trigger.phrase!r} has no gap mark; write it "
                                      f"as two parts with '…' where the object goes, e.g. 'sold … to'")
            relations[name] = RelationSpec(
                name=name, iri=subject.value, label_en=labels.get("en", name), label_zh=labels.get("zh", name),
                domain=domain, range=range_, symmetric=OWL.SymmetricProperty in types, triggers=triggers,
                possessive=any(t.predicate == KG.readFromPossessive and isinstance(t.object, ox.Literal)
                               and t.object.value.lower() in ("true", "1") for t in rows),
            )
        kinds = [cue_kinds[t] for t in types if isinstance(t, ox.NamedNode) and t in cue_kinds]
        if kinds:
            scopes = [t.object.value for t in rows if t.predicate == KG.cueScope and isinstance(t.object, ox.Literal)]
            scope = scopes[0] if scopes else "before"
            if scope not in CUE_SCOPES:
                raise SchemaError(f"{subject}: kg:cueScope {scope!r} is not one of "
                                  f"{', '.join(repr(s) for s in CUE_SCOPES)}")
            limited_to = frozenset(_local(t.object.value) for t in rows
                                   if t.predicate == KG.cueRelation and isinstance(t.object, ox.NamedNode))
            for t in rows:
                if t.predicate == KG.cuePhrase and isinstance(t.object, ox.Literal) and t.object.value.strip():
                    cues.append(Cue(t.object.value.strip(), _lang_of(t.object), kinds[0], scope, limited_to))
    unknown = sorted({r for cue in cues for r in cue.relations} - set(relations))
    if unknown:
        raise SchemaError(f"kg:cueRelation names {', '.join(unknown)}, which is not a kg:Relation of the schema; "
                          f"valid: {', '.join(sorted(relations))}")
    return relations, sorted(cues, key=lambda c: (c.kind, c.scope, c.lang, c.phrase))


def parse_entities(triples: Sequence[ox.Triple], *, source: str) -> dict[str, KnownEntity]:
    """Known entities: subjects typed with one of the entity classes, with labels and aliases."""
    by_subject: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode):
            by_subject[triple.subject].append(triple)
    entities: dict[str, KnownEntity] = {}
    for subject, rows in by_subject.items():
        types = [_local(t.object.value) for t in rows if t.predicate == RDF.type and isinstance(t.object, ox.NamedNode)]
        types = [t for t in types if t in SUPERCLASSES]
        if not types:
            continue
        labels = [t.object for t in rows if t.predicate == RDFS.label and isinstance(t.object, ox.Literal)]
        en = next((lit.value for lit in labels if _lang_of(lit) == "en"), None)
        zh = next((lit.value for lit in labels if _lang_of(lit) == "zh"), None)
        aliases = tuple(sorted({t.object.value for t in rows if t.predicate in (SKOS.altLabel, RDFS.label)
                                and isinstance(t.object, ox.Literal)} - {en, zh}))
        if not (en or zh or aliases):
            raise SchemaError(f"{source}: entity <{subject.value}> has no rdfs:label or skos:altLabel; give it a name")
        same_as = tuple(sorted(t.object.value for t in rows
                               if t.predicate == OWL.sameAs and isinstance(t.object, ox.NamedNode)))
        # The most specific class wins (AIModel over Product).
        entity_type = max(types, key=lambda c: len(SUPERCLASSES[c]))
        entities[subject.value] = KnownEntity(subject.value, entity_type, en, zh, aliases, same_as)
    return entities


def read_entity_csv(path: Path, *, base_iri: str) -> dict[str, KnownEntity]:
    """A user entity list: CSV with header ``name,type,aliases`` (aliases separated by ``|``)."""
    entities: dict[str, KnownEntity] = {}
    valid = {c.lower(): c for c in ENTITY_CLASSES}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            if "name" not in header:
                raise SchemaError(f"{path}:1: expected a header with 'name,type,aliases', got {header!r}")
            for number, row in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                name = row.get("name", "")
                if not name:
                    raise SchemaError(f"{path}:{number}: empty name; every row needs a name")
                type_name = row.get("type", "") or "Entity"
                if type_name.lower() not in valid:
                    raise SchemaError(f"{path}:{number}: unknown type {type_name!r}; use one of "
                                      f"{', '.join(ENTITY_CLASSES)}")
                aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
                iri = mint_entity_iri(name, base_iri=base_iri)
                is_zh = any("\u4e00" <= ch <= "\u9fff" for ch in name)
                entities[iri] = KnownEntity(iri, valid[type_name.lower()], None if is_zh else name,
                                            name if is_zh else None, aliases)
    except UnicodeDecodeError:
        raise SchemaError(f"{path}: entity list is not UTF-8; save it as UTF-8 (with or without BOM)") from None
    except IsADirectoryError:
        raise SchemaError(f"{path}: is a folder; pass a .csv or .ttl entity file") from None
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read entity list ({exc.strerror or exc})") from None
    return entities


def load_entities(path: Path, *, base_iri: str) -> dict[str, KnownEntity]:
    """Entities from a Turtle file (shape of entities.ttl) or a CSV list, by suffix."""
    if path.suffix.lower() == ".csv":
        return read_entity_csv(path, base_iri=base_iri)
    return parse_entities(_parse_turtle(path), source=str(path))


@functools.lru_cache(maxsize=8)
def _load_cached(ontology: tuple[Path, ...], entity_files: tuple[Path, ...], base_iri: str) -> Schema:
    triples: list[ox.Triple] = []
    for path in ontology:
        triples.extend(_parse_turtle(path))
    relations, cues = parse_ontology(triples)
    if not relations:
        raise SchemaError(f"no kg:Relation found in {', '.join(map(str, ontology))}; "
                          "an ontology must type its relations with kg:Relation")
    # A user schema may also carry entities; entity files may also carry relations.
    entities = parse_entities(triples, source="ontology")
    for path in entity_files:
        entities.update(load_entities(path, base_iri=base_iri))
    return Schema(relations=relations, cues=tuple(cues), entities=entities, ontology_files=ontology)


def load_schema(
    settings: Settings | None = None,
    *,
    extra_schemas: Iterable[str | Path] = (),
    extra_entities: Iterable[str | Path] = (),
) -> Schema:
    """The bundled ontology and entities plus any user schema or entity files (cached per file set)."""
    settings = settings or Settings()
    ontology = tuple(settings.ontology_paths) + tuple(Path(p) for p in extra_schemas)
    entity_files = tuple(settings.entity_paths) + tuple(Path(p) for p in extra_entities)
    if settings.name_overrides:
        # Keyed by modification time too: a user edits the override file between builds in one session.
        return _with_overrides(ontology, entity_files, settings.base_iri,
                               tuple((Path(p), _stamp(Path(p))) for p in settings.name_overrides))
    return _load_cached(ontology, entity_files, settings.base_iri)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)  # the loader reports the missing file with its name
    return (stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _with_overrides(ontology: tuple[Path, ...], entity_files: tuple[Path, ...], base_iri: str,
                    paths: tuple[tuple[Path, tuple[int, int]], ...]) -> Schema:
    schema = _load_cached(ontology, entity_files, base_iri)
    overrides: dict[str, NameOverride] = {}
    for path, _ in paths:
        overrides.update(load_name_overrides(path, known_names=set(schema.entities_by_key)))
    return Schema(relations=schema.relations, cues=schema.cues, entities=schema.entities,
                  ontology_files=schema.ontology_files, name_overrides=overrides)
