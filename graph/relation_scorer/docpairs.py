"""Cross-sentence candidates: entity pairs that never share a sentence but are mentioned a few sentences apart.

About half of Re-DocRED's gold triples link entities that no sentence mentions together ("Mojang is a studio ...
It developed Minecraft"), which a sentence-level scorer cannot see. For every ordered pair of entities (by
identity: all mentions of one entity count as one) that has no sentence in common, the closest pair of their
mentions within ``window`` sentences becomes one :class:`~graph.relation_scorer.features.CandidatePair` whose text is the
two sentences joined by a space, with document-level features in ``extra``: the sentence distance, whether each
entity appears in the first sentence (the article's subject), and how often each is mentioned.

The same function serves training (Re-DocRED documents, :mod:`graph.relation_scorer.corpora`) and extraction
(``doc.ents`` of a built Doc, :mod:`graph.hybrid`), so the features cannot drift apart.

>>> sentences = ["Mojang is a Swedish studio.", "It developed Minecraft."]
>>> mentions = [DocMention("m", "Organization", 0, 0, 6), DocMention("mc", "Entity", 1, 13, 22)]
>>> [(h.key, t.key, p.text, p.text[p.head[0]:p.head[1]]) for h, t, p in cross_sentence_pairs(
...     sentences, mentions, window=3, lang="en")][0]
('m', 'mc', 'Mojang is a Swedish studio. It developed Minecraft.', 'Mojang')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from graph.relation_scorer.features import CandidatePair


class DocMention(NamedTuple):
    """One mention: its entity's key, the entity's type, its sentence index and offsets inside that sentence, and
    the caller's own index for it (e.g. into ``doc.ents``), handed back with the chosen pair."""

    key: str
    type: str
    sentence: int
    start: int
    end: int
    ref: int = -1


def _count_bucket(count: int) -> str:
    return str(count) if count < 3 else "3+"


def cross_sentence_pairs(sentences: Sequence[str], mentions: Sequence[DocMention], *, window: int,
                         lang: str) -> Iterator[tuple[DocMention, DocMention, CandidatePair]]:
    """``(head mention, tail mention, candidate)`` for every ordered entity pair with no shared sentence whose
    closest mentions (the ones returned) are at most ``window`` sentences apart (ties: the earlier mentions).

    Entities without a type (``""``) are skipped, as the sentence-level readers skip them.

    >>> ms = [DocMention("a", "Person", 0, 0, 1), DocMention("b", "Organization", 4, 0, 1)]
    >>> list(cross_sentence_pairs(["A x.", "", "", "", "B y."], ms, window=3, lang="en"))
    []
    """
    by_entity: dict[str, list[DocMention]] = defaultdict(list)
    for mention in mentions:
        if mention.type:
            by_entity[mention.key].append(mention)
    sentences_of = {key: {m.sentence for m in ms} for key, ms in by_entity.items()}
    first_sentence = {key: min(found) for key, found in sentences_of.items()}
    for head_key, head_mentions in by_entity.items():
        for tail_key, tail_mentions in by_entity.items():
            if head_key == tail_key or sentences_of[head_key] & sentences_of[tail_key]:
                continue  # same-sentence pairs are the sentence-level scorer's
            distance, h, t = min((abs(h.sentence - t.sentence), h, t) for h in head_mentions for t in tail_mentions)
            if distance > window:
                continue
            yield h, t, _joined(sentences, h, t, lang=lang, extra=(
                f"xs:{distance}", "xs", f"xs:ty:{h.type}>{t.type}",
                f"xs:h0:{int(first_sentence[head_key] == 0)}", f"xs:t0:{int(first_sentence[tail_key] == 0)}",
                f"xs:hn:{_count_bucket(len(sentences_of[head_key]))}",
                f"xs:tn:{_count_bucket(len(sentences_of[tail_key]))}"))


def _joined(sentences: Sequence[str], head: DocMention, tail: DocMention, *, lang: str,
            extra: tuple[str, ...]) -> CandidatePair:
    """The two mentions' sentences as one text (earlier first), with the spans moved accordingly."""
    first, second = (head, tail) if head.sentence < tail.sentence else (tail, head)
    left = sentences[first.sentence]
    shift = len(left) + 1
    text = f"{left} {sentences[second.sentence]}"

    def span(m: DocMention) -> tuple[int, int]:
        return (m.start, m.end) if m is first else (m.start + shift, m.end + shift)

    return CandidatePair(text, span(head), span(tail), head_type=head.type, tail_type=tail.type, lang=lang,
                         extra=extra)
