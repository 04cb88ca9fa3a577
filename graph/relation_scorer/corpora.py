"""Read the public corpora (FinRE, Re-DocRED) and our own gold JSONL into candidate pairs with our labels.

The corpora are never part of the repository: every reader takes the path the user gives (``--data``).

>>> pairs = finre_pairs([FinreInstance("甲公司收购乙公司", "甲公司", "乙公司", frozenset({"收购"}))])
>>> [(p.text[p.head[0]:p.head[1]], sorted(p.labels)) for p in pairs]
[('甲公司', ['acquired']), ('乙公司', [])]
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.relation_scorer.docpairs import DocMention, cross_sentence_pairs
from graph.relation_scorer.features import CandidatePair
from graph.relation_scorer.labels import REDOCRED_TYPES, SYMMETRIC, map_finre, map_redocred


@dataclass(frozen=True, slots=True)
class FinreInstance:
    """One FinRE sentence with its given (head, tail) and every label given for that ordered pair."""

    sentence: str
    head: str
    tail: str
    labels: frozenset[str]

    def gold(self) -> set[tuple[str, str, str]]:
        """Our (subject, relation, object) triples for this pair, symmetric ones in name order."""
        out = set()
        for label in self.labels:
            mapped = map_finre(label)
            if mapped is None:
                continue
            s, o = (self.tail, self.head) if mapped.swap else (self.head, self.tail)
            out.add(normalise_triple(s, mapped.relation, o))
        return out


def normalise_triple(subject: str, relation: str, obj: str) -> tuple[str, str, str]:
    """Symmetric relations in a fixed argument order, so (A competes B) equals (B competes A).

    >>> normalise_triple("B", "competesWith", "A"), normalise_triple("B", "acquired", "A")
    (('A', 'competesWith', 'B'), ('B', 'acquired', 'A'))
    """
    if relation in SYMMETRIC and obj < subject:
        return obj, relation, subject
    return subject, relation, obj


def read_finre(path: str | Path) -> list[FinreInstance]:
    """FinRE lines ``head<TAB>tail<TAB>relation<TAB>sentence``; one instance per (sentence, unordered pair).

    The corpus lists each pair in both orders with one label per line; they are merged here, the second
    order's labels turned around (``被收购`` for (B, A) is ``收购`` for (A, B)).
    """
    merged: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        head, tail, label, sentence = (p.strip() for p in parts)
        if not head or not tail or head == tail:
            continue
        if (sentence, tail, head) in merged:
            flipped = label[1:] if label.startswith("被") else f"被{label}"
            merged[(sentence, tail, head)].add(flipped)
        else:
            merged[(sentence, head, tail)].add(label)
    return [FinreInstance(s, h, t, frozenset(labels)) for (s, h, t), labels in merged.items()]


def _locate(text: str, name: str, avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    start = text.find(name)
    while start >= 0:
        span = (start, start + len(name))
        if avoid is None or span[1] <= avoid[0] or span[0] >= avoid[1]:
            return span
        start = text.find(name, start + 1)
    return None


def finre_spans(instance: FinreInstance) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Character spans of head and tail in the sentence (non-overlapping), or None if one is missing."""
    head = _locate(instance.sentence, instance.head)
    if head is None:
        return None
    tail = _locate(instance.sentence, instance.tail, avoid=head)
    if tail is None:
        return None
    return head, tail


def finre_pairs(instances: Iterable[FinreInstance]) -> list[CandidatePair]:
    """Both ordered pairs of every instance, labelled with our relations (FinRE gives no types)."""
    out = []
    for inst in instances:
        spans = finre_spans(inst)
        if spans is None:
            continue
        head, tail = spans
        gold = inst.gold()
        forward = frozenset(r for s, r, o in gold if (s, o) == (inst.head, inst.tail) or r in SYMMETRIC)
        backward = frozenset(r for s, r, o in gold if (s, o) == (inst.tail, inst.head) or r in SYMMETRIC)
        out.append(CandidatePair(inst.sentence, head, tail, lang="zh", labels=forward, group=inst.sentence))
        out.append(CandidatePair(inst.sentence, tail, head, lang="zh", labels=backward, group=inst.sentence))
    return out


@dataclass(frozen=True, slots=True)
class RedocEntity:
    """A Re-DocRED entity: its name, our type, and mentions as (sentence id, char start, char end)."""

    name: str
    type: str
    mentions: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True, slots=True)
class RedocDocument:
    """One Re-DocRED document: sentences as text, entities, and gold triples over entity indices."""

    title: str
    sentences: tuple[str, ...]
    entities: tuple[RedocEntity, ...]
    gold: frozenset[tuple[int, str, int]]


def read_redocred(path: str | Path) -> list[RedocDocument]:
    """Re-DocRED JSON; tokens are joined by spaces, TIME/NUM entities dropped (our pipeline never has them)."""
    out = []
    for raw in json.loads(Path(path).read_text(encoding="utf-8")):
        sentences: list[str] = []
        starts: list[list[int]] = []
        for tokens in raw["sents"]:
            offsets, pos = [], 0
            for token in tokens:
                offsets.append(pos)
                pos += len(token) + 1
            offsets.append(pos)
            starts.append(offsets)
            sentences.append(" ".join(tokens))
        entities = []
        for vertex in raw["vertexSet"]:
            kind = vertex[0]["type"]
            mentions = []
            for m in vertex:
                sid, (a, b) = m["sent_id"], m["pos"]
                mentions.append((sid, starts[sid][a], starts[sid][b] - 1))
            entities.append(RedocEntity(vertex[0]["name"], REDOCRED_TYPES.get(kind, "Entity" if kind == "MISC" else ""),
                                        tuple(mentions)))
        gold = set()
        for label in raw.get("labels", ()):
            mapped = map_redocred(label["r"])
            if mapped is None:
                continue
            h, t = (label["t"], label["h"]) if mapped.swap else (label["h"], label["t"])
            gold.add((h, mapped.relation, t))
        out.append(RedocDocument(raw["title"], tuple(sentences), tuple(entities), frozenset(gold)))
    return out


def redocred_pairs(doc: RedocDocument, *, window: int = 0) -> Iterator[tuple[int, int, CandidatePair]]:
    """Ordered mention pairs of two different (typed) entities in one sentence, with the entity indices; with
    ``window`` > 0 also the entity pairs that share no sentence but are at most that many sentences apart
    (:func:`graph.relation_scorer.docpairs.cross_sentence_pairs`)."""
    if window > 0:
        doc_mentions = [DocMention(str(index), entity.type, sid, start, end)
                        for index, entity in enumerate(doc.entities) for sid, start, end in entity.mentions]
        for head, tail, pair in cross_sentence_pairs(doc.sentences, doc_mentions, window=window, lang="en"):
            h, t = int(head.key), int(tail.key)
            labels = frozenset(r for gh, r, gt in doc.gold if (gh, gt) == (h, t))
            yield h, t, dataclasses.replace(pair, labels=labels, group=doc.title)
    by_sentence: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for index, entity in enumerate(doc.entities):
        if not entity.type:
            continue
        for sid, start, end in entity.mentions:
            by_sentence[sid].append((index, start, end))
    for sid, mentions in sorted(by_sentence.items()):
        for h, hs, he in mentions:
            for t, ts, te in mentions:
                if h == t or not (he <= ts or te <= hs):
                    continue
                labels = frozenset(r for gh, r, gt in doc.gold if (gh, gt) == (h, t))
                yield h, t, CandidatePair(doc.sentences[sid], (hs, he), (ts, te),
                                          head_type=doc.entities[h].type, tail_type=doc.entities[t].type,
                                          lang="en", labels=labels, group=doc.title)


def split_documents(docs: Sequence[RedocDocument], *, held_out: float, seed: int) -> tuple[list[RedocDocument],
                                                                                           list[RedocDocument]]:
    """(train, held-out) by document with a fixed seed.

    >>> docs = [RedocDocument(str(i), (), (), frozenset()) for i in range(10)]
    >>> train, test = split_documents(docs, held_out=0.2, seed=13)
    >>> len(train), len(test), sorted(d.title for d in test) == sorted(d.title for d in split_documents(
    ...     docs, held_out=0.2, seed=13)[1])
    (8, 2, True)
    """
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    cut = round(len(docs) * held_out)
    test = set(order[:cut])
    return [d for i, d in enumerate(docs) if i not in test], [d for i, d in enumerate(docs) if i in test]


_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|(?<=[.])\s")


def gold_pairs(path: str | Path) -> list[CandidatePair]:
    """Candidate pairs from our gold JSONL (``tests/gold/dev.jsonl``): every listed entity name or alias found
    in a sentence is a mention; a pair is labelled with the claims (positive ones) that link the two entities."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        lang = "en" if record.get("lang") == "en" else "zh"
        names: dict[str, tuple[str, str]] = {}
        for entity in record.get("entities", ()):
            for name in [entity["name"], *entity.get("aliases", ())]:
                if name:
                    names[name] = (entity["name"], entity.get("type", "Entity"))
        relations: dict[tuple[str, str], set[str]] = defaultdict(set)
        for claim in record.get("claims", ()):
            if claim.get("polarity", "positive") != "positive":
                continue
            s, o = names.get(claim["subject"]), names.get(claim["object"])
            if s and o:
                relations[(s[0], o[0])].add(claim["relation"])
                if claim["relation"] in SYMMETRIC:
                    relations[(o[0], s[0])].add(claim["relation"])
        text = record["text"]
        for sentence in re.split(r"(?<=[。！？!?；;])|(?<=\. )|\n", text):
            found: list[tuple[int, int, str, str]] = []
            for name, (canonical, kind) in sorted(names.items(), key=lambda kv: -len(kv[0])):
                pos = sentence.find(name)
                while pos >= 0:
                    if all(pos >= e or pos + len(name) <= s for s, e, _, _ in found):
                        found.append((pos, pos + len(name), canonical, kind))
                    pos = sentence.find(name, pos + 1)
            for hs, he, h, htype in found:
                for ts, te, t, ttype in found:
                    if h == t:
                        continue
                    out.append(CandidatePair(sentence, (hs, he), (ts, te), head_type=htype, tail_type=ttype,
                                             lang=lang, labels=frozenset(relations.get((h, t), ())),
                                             group=record.get("id", "")))
    return out
