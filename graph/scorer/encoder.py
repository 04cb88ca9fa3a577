"""A small neural pair encoder trained from scratch (thinc, CPU), ensembled with the linear scorer.

Each candidate pair becomes a sequence of units (characters in Chinese, words in English) around and between
the two mentions. Every unit is embedded from hashed columns — the unit, the unit bigram ending there, its
bucketed distance to the head and to the tail mention, and the pair's types and order with a head/tail/outside
mark — then a window CNN (maxout, residual) reads the sequence, and the pair is the max-pool over the head, the
tail, the text between and the whole window, followed by a maxout layer and a softmax over "none" and the
relations. Entity positions enter as features (as in PCNN-style relation classifiers), so the encoder reads the
relation and its direction together from context the linear model's hashed n-grams cover only in pieces.

>>> ids, segments = encode_pair(CandidatePair("甲公司收购乙公司", (0, 3), (5, 8), lang="zh"))
>>> ids.shape, segments
((8, 5), ((0, 3), (5, 8), (3, 5), (0, 8)))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    Softmax,
    chain,
    clone,
    concatenate,
    expand_window,
    residual,
    with_array,
)

from graph.scorer.features import CandidatePair

#: Units kept left of the first and right of the second mention, and at most between them (the middle of a
#: longer gap is dropped): a Chinese character carries about as much as an English word's share of a clause.
_CONTEXT = {"zh": 20, "en": 8}
_MAX_BETWEEN = {"zh": 80, "en": 40}
_EN_UNIT = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[^\sa-z0-9]")
#: The four pooled segments: head mention, tail mention, between them, the whole window.
N_SEGMENTS = 4

Segment = tuple[int, int] | None
EncodedPair = tuple[Any, tuple[Segment, ...]]


def _distance(i: int, span: tuple[int, int]) -> int:
    """Signed distance of unit ``i`` to ``span`` (0 inside), in buckets that widen with distance."""
    if span[0] <= i < span[1]:
        return 0
    d = i - span[0] if i < span[0] else i - span[1] + 1
    a = abs(d)
    bucket = a if a <= 5 else 6 if a <= 8 else 7 if a <= 12 else 8 if a <= 20 else 9 if a <= 40 else 10
    return bucket if d > 0 else -bucket


def _cover(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [k for k, (s, e) in enumerate(spans) if s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


def encode_pair(pair: CandidatePair) -> EncodedPair:
    """The hashed unit columns (one row per kept unit) and the four segments to pool, in row coordinates."""
    text = pair.text.lower()
    if pair.lang == "zh":
        spans = [(i, i + 1) for i in range(len(text)) if not text[i].isspace()]
    else:
        spans = [m.span() for m in _EN_UNIT.finditer(text)]
    head = _cover(spans, *pair.head) or (0, min(1, len(spans)))
    tail = _cover(spans, *pair.tail) or (0, min(1, len(spans)))
    if not spans:
        spans, head, tail = [(0, 0)], (0, 1), (0, 1)
    first, second = sorted([head, tail])
    context = _CONTEXT.get(pair.lang, 8)
    keep = list(range(max(0, first[0] - context), min(len(spans), second[1] + context)))
    limit = _MAX_BETWEEN.get(pair.lang, 40)
    if second[0] - first[1] > limit:
        half = limit // 2
        keep = [k for k in keep if not first[1] + half <= k < second[0] - half]
    order = "HT" if head[0] <= tail[0] else "TH"
    kind = f"{pair.head_type}>{pair.tail_type}:{order}:{pair.lang}"
    rows, previous = [], "<s>"
    for k in keep:
        unit = text[spans[k][0]:spans[k][1]]
        mark = "H" if head[0] <= k < head[1] else "T" if tail[0] <= k < tail[1] else "O"
        rows.append((hash_string(unit), hash_string(f"{previous}|{unit}"), hash_string(f"h{_distance(k, head)}"),
                     hash_string(f"t{_distance(k, tail)}"), hash_string(kind + mark)))
        previous = unit
    row = {k: i for i, k in enumerate(keep)}
    h = (row[head[0]], row[head[1] - 1] + 1)
    t = (row[tail[0]], row[tail[1] - 1] + 1)
    a, b = sorted([h, t])
    between = (a[1], b[0]) if b[0] > a[1] else None
    return numpy.asarray(rows, dtype="uint64"), (h, t, between, (0, len(keep)))


def _pool_forward(model: Model[Any, Any], X: Sequence[EncodedPair], is_train: bool) -> tuple[Any, Callable[..., Any]]:
    """Max-pool the encoded units over each pair's segments (an empty segment pools to zeros)."""
    encoder = model.layers[0]
    H, backprop_encoder = encoder([x[0] for x in X], is_train)
    width = model.get_dim("nW")
    columns = numpy.arange(width)
    out = numpy.zeros((len(X), N_SEGMENTS * width), dtype="float32")
    winners: list[list[Any]] = []
    for r, (h, (_, segments)) in enumerate(zip(H, X, strict=True)):
        row_winners: list[Any] = []
        for j, segment in enumerate(segments):
            if segment is None or segment[1] <= segment[0]:
                row_winners.append(None)
                continue
            best = h[segment[0]:segment[1]].argmax(axis=0) + segment[0]
            out[r, j * width:(j + 1) * width] = h[best, columns]
            row_winners.append(best)
        winners.append(row_winners)

    def backprop(dY: Any) -> Any:
        dH = [numpy.zeros_like(h) for h in H]
        for r, row_winners in enumerate(winners):
            for j, best in enumerate(row_winners):
                if best is not None:
                    numpy.add.at(dH[r], (best, columns), dY[r, j * width:(j + 1) * width])
        return backprop_encoder(dH)

    return out, backprop


def _pool_init(model: Model[Any, Any], X: Sequence[EncodedPair] | None = None, Y: Any = None) -> None:
    model.layers[0].initialize(X=[x[0] for x in X] if X is not None else None)


@registry.architectures("claimgraph.RelationCNN.v1")  # type: ignore[untyped-decorator]
def build_relation_cnn(n_labels: int, width: int = 64, depth: int = 2, hidden: int = 128, unit_rows: int = 20000,
                       bigram_rows: int = 40000, dropout: float = 0.3) -> Model[Any, Any]:
    """Hashed unit embeddings -> window CNN -> max-pool over the pair's segments -> maxout -> softmax."""
    embed: Model[Any, Any] = concatenate(HashEmbed(48, unit_rows, column=0, seed=1), HashEmbed(48, bigram_rows, column=1, seed=2),
                        HashEmbed(16, 64, column=2, seed=3), HashEmbed(16, 64, column=3, seed=4),
                        HashEmbed(16, 512, column=4, seed=5))
    window = residual(chain(expand_window(window_size=1), Maxout(width, nP=3, normalize=True, dropout=dropout)))
    # The window layers see each pair's units only: ``pad`` puts ``depth`` zero rows between the pairs of a batch
    # (without it the window reached into the neighbouring pair, so a score depended on the batch).
    units: Model[Any, Any] = chain(with_array(chain(embed, Maxout(width, nP=3, normalize=True, dropout=dropout))),
                                   with_array(clone(window, depth), pad=depth))
    pool: Model[Any, Any] = Model("span_pool", _pool_forward, init=_pool_init, layers=[units],
                                  dims={"nO": N_SEGMENTS * width, "nW": width})
    model: Model[Any, Any] = chain(pool, Maxout(hidden, nP=2, dropout=dropout), Softmax(n_labels))
    return model
