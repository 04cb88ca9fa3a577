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

import bisect
import functools
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

from graph.relation_scorer.features import CandidatePair

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
    bucket = _bucket(abs(d))
    return bucket if d > 0 else -bucket


def _bucket(a: int) -> int:
    """The bucket of an absolute distance: exact up to 5, then wider and wider, 10 beyond 40."""
    return a if a <= 5 else 6 if a <= 8 else 7 if a <= 12 else 8 if a <= 20 else 9 if a <= 40 else 10


def _cover(spans: Sequence[tuple[int, int]], start: int, end: int, *,
           bounds: tuple[Sequence[int], Sequence[int]] | None = None) -> tuple[int, int] | None:
    """The range of the units that overlap ``[start, end)``, or None. Units are sorted and disjoint, so their
    starts and ends both increase and two bisections find it (``bounds``: the starts and ends, when at hand).

    >>> _cover([(0, 2), (3, 5), (6, 9)], 4, 7), _cover([(0, 2), (3, 5)], 2, 3)
    ((1, 3), None)
    """
    starts, ends = bounds if bounds is not None else ([s for s, _ in spans], [e for _, e in spans])
    first = bisect.bisect_right(ends, start)  # the first unit ending after ``start``
    last = bisect.bisect_left(starts, end)  # one past the last unit starting before ``end``
    return (first, last) if first < last else None


#: Hashes of the position columns' values, by signed bucket (index bucket + 10); buckets by absolute distance.
_DISTANCE_HASHES = {side: numpy.asarray([hash_string(f"{side}{b}") for b in range(-10, 11)], dtype="uint64")
                    for side in "ht"}


@functools.lru_cache(maxsize=512)
def _bucket_table(size: int) -> Any:
    """The bucket of every absolute distance below ``size``."""
    return numpy.asarray([_bucket(a) for a in range(size)], dtype="int64")


@functools.lru_cache(maxsize=256)
def _sentence_units(text: str, lang: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...], Any, Any,
                                                   tuple[tuple[int, ...], tuple[int, ...]]]:
    """A text's units (spans and lower-cased strings) with the hashes of each unit and of the bigram ending
    there, and the units' starts and ends (for :func:`_cover`), computed once for all the pairs of a sentence
    (they share them; only the positions differ)."""
    lowered = text.lower()
    if lang == "zh":
        spans = tuple((i, i + 1) for i in range(len(lowered)) if not lowered[i].isspace())
    else:
        spans = tuple(m.span() for m in _EN_UNIT.finditer(lowered))
    units = tuple(lowered[s:e] for s, e in spans)
    unit_hashes = numpy.asarray([hash_string(u) for u in units], dtype="uint64")
    bigram_hashes = numpy.asarray([hash_string(f"{p}|{u}") for p, u in zip(("<s>", *units), units)], dtype="uint64")
    return spans, units, unit_hashes, bigram_hashes, (tuple(s for s, _ in spans), tuple(e for _, e in spans))


@functools.lru_cache(maxsize=1024)
def _mark_hashes(kind: str) -> Any:
    """The mark column's three values (head, tail, outside) for a pair's types, order and language."""
    return numpy.asarray([hash_string(kind + m) for m in "HTO"], dtype="uint64")


def _signed_buckets(keep: Any, span: tuple[int, int]) -> Any:
    """:func:`_distance` of every unit index in ``keep`` (an array) to ``span``."""
    d = numpy.where(keep < span[0], keep - span[0], numpy.where(keep >= span[1], keep - span[1] + 1, 0))
    return numpy.sign(d) * _bucket_table(int(numpy.abs(d).max()) + 1)[numpy.abs(d)]


@functools.lru_cache(maxsize=4096)
def _distance_column(size: int, span: tuple[int, int], side: str) -> Any:
    """The hashed distance column (``side`` h or t) of every unit of a sentence of ``size`` units to a mention
    covering ``span``: once per mention, not per pair (a mention is in about ten pairs in Chinese news)."""
    return _DISTANCE_HASHES[side][_signed_buckets(numpy.arange(size), span) + 10]


def encode_pair(pair: CandidatePair) -> EncodedPair:
    """The hashed unit columns (one row per kept unit) and the four segments to pool, in row coordinates."""
    spans, units, unit_hashes, bigram_hashes, bounds = _sentence_units(pair.text, pair.lang)
    head = _cover(spans, *pair.head, bounds=bounds) or (0, min(1, len(spans)))
    tail = _cover(spans, *pair.tail, bounds=bounds) or (0, min(1, len(spans)))
    if not spans:
        spans, units, head, tail = ((0, 0),), ("",), (0, 1), (0, 1)
        unit_hashes = numpy.asarray([hash_string("")], dtype="uint64")
        bigram_hashes = numpy.asarray([hash_string("<s>|")], dtype="uint64")
    first, second = sorted([head, tail])
    context = _CONTEXT.get(pair.lang, 8)
    low, high = max(0, first[0] - context), min(len(spans), second[1] + context)
    limit = _MAX_BETWEEN.get(pair.lang, 40)
    # The kept units: the window, without the middle of a long gap (``gap`` = the dropped range, maybe empty).
    gap = (first[1] + limit // 2, second[0] - limit // 2) if second[0] - first[1] > limit else (high, high)
    # Most windows have no gap: a slice of the sentence's columns then, else the indices of the kept units.
    keep: Any = slice(low, high) if gap[0] == gap[1] else numpy.concatenate(
        [numpy.arange(low, gap[0]), numpy.arange(gap[1], high)])
    order = "HT" if head[0] <= tail[0] else "TH"
    marks = _mark_hashes(f"{pair.head_type}>{pair.tail_type}:{order}:{pair.lang}")
    mark = numpy.full(len(spans), 2)  # outside; the head's units win over the tail's where they overlap
    mark[tail[0]:tail[1]] = 1
    mark[head[0]:head[1]] = 0
    ids = numpy.empty((high - low - (gap[1] - gap[0]), 5), dtype="uint64")
    ids[:, 0] = unit_hashes[keep]
    ids[:, 1] = bigram_hashes[keep]
    # A bigram pairs a unit with the unit kept before it: the first kept one starts the sequence, and the one
    # after the gap follows the last one before it.
    ids[0, 1] = hash_string(f"<s>|{units[low]}")
    if gap[0] < gap[1]:
        ids[gap[0] - low, 1] = hash_string(f"{units[gap[0] - 1]}|{units[gap[1]]}")
    ids[:, 2] = _distance_column(len(spans), head, "h")[keep]
    ids[:, 3] = _distance_column(len(spans), tail, "t")[keep]
    ids[:, 4] = marks[mark[keep]]

    def row(k: int) -> int:
        return k - low - (gap[1] - gap[0] if k >= gap[1] else 0)

    h = (row(head[0]), row(head[1] - 1) + 1)
    t = (row(tail[0]), row(tail[1] - 1) + 1)
    a, b = sorted([h, t])
    between = (a[1], b[0]) if b[0] > a[1] else None
    return ids, (h, t, between, (0, len(ids)))


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


class EncoderInference:
    """The trained RelationCNN's forward pass for prediction only, in numpy with the model's own weights.

    Scoring a document's pairs through thinc spent as much time in per-layer calls as in arithmetic, and the
    first layer (five hashed embeddings concatenated, then a maxout) is linear before its maximum: its product
    with each embedding table is computed once here, so a unit's pre-activation is a sum of table rows instead
    of a matrix product. The CNN then runs over one array for all pairs, each padded by ``depth`` zero rows as
    ``with_array(..., pad=depth)`` does in training, so a pair's score never depends on its neighbours. The
    outputs equal ``model.predict``'s up to float rounding (the sums run in another order; test_scorer checks
    it). :meth:`from_model` returns None for a model of another shape, which then runs through thinc.
    """

    def __init__(self, model: Model[Any, Any]) -> None:
        nodes = list(model.walk(order="dfs_pre"))
        embeds = [n for n in nodes if n.name == "hashembed"]
        maxouts = [n for n in nodes if n.name == "maxout"]
        norms = [n for n in nodes if n.name == "layernorm"]
        softmax = [n for n in nodes if n.name == "softmax"]
        if (len(embeds) != 5 or len(maxouts) < 3 or len(norms) != len(maxouts) - 1 or len(softmax) != 1
                or sorted(e.attrs["column"] for e in embeds) != list(range(5))):
            raise ValueError("not a claimgraph.RelationCNN.v1 model")
        self.ops: Any = model.ops  # thinc's array types are stricter than the numpy arrays passed here
        first = maxouts[0]
        n_out, n_pieces, n_in = _param(first, "W").shape
        weights = _param(first, "W").reshape(n_out * n_pieces, n_in)
        self.tables: list[tuple[Any, int]] = []  # (embedding table times its slice of the first weights, seed)
        column = 0
        for embed in sorted(embeds, key=lambda e: e.attrs["column"]):
            table = _param(embed, "E")
            part = weights[:, column:column + table.shape[1]]
            self.tables.append((numpy.ascontiguousarray(table @ part.T, dtype="float32"), int(embed.attrs["seed"])))
            column += table.shape[1]
        if column != n_in:
            raise ValueError("embedding widths do not add up to the first layer's input")
        self.first = (_param(first, "b").reshape(-1), n_out, n_pieces)
        self.first_norm = (_param(norms[0], "G"), _param(norms[0], "b"))
        # Each later maxout as (W transposed for X @ W, b, pieces); the window ones with their LayerNorm.
        dense = [(numpy.ascontiguousarray(_param(m, "W").reshape(-1, _param(m, "W").shape[-1]).T),
                  _param(m, "b").reshape(-1), _param(m, "W").shape[1]) for m in maxouts[1:]]
        self.window = [(*layer, _param(norm, "G"), _param(norm, "b"))
                       for layer, norm in zip(dense[:-1], norms[1:], strict=True)]
        self.hidden = dense[-1]
        self.out = (numpy.ascontiguousarray(_param(softmax[0], "W").T), _param(softmax[0], "b"))
        #: Zero rows around each pair: one per window layer, as ``with_array(clone(window, depth), pad=depth)``.
        self.pad = len(self.window)

    @classmethod
    def from_model(cls, model: Model[Any, Any]) -> EncoderInference | None:
        """The fast path for ``model``, or None when its layers are not those of ``build_relation_cnn``."""
        try:
            return cls(model)
        except (ValueError, KeyError):
            return None

    def predict(self, encoded: Sequence[EncodedPair]) -> Any:
        """The softmax over the labels, one row per pair (what ``model.predict(encoded)`` gives)."""
        ids = numpy.ascontiguousarray(numpy.concatenate([x[0] for x in encoded]), dtype="uint64")
        units = _layer_norm(_maxout(self._first_layer(ids)), *self.first_norm)
        n_out = units.shape[1]
        # One array for the whole batch, ``pad`` zero rows before every pair and after the last (thinc's flatten).
        lengths = numpy.asarray([len(x[0]) for x in encoded])
        starts = numpy.cumsum(lengths) - lengths + self.pad * numpy.arange(1, len(encoded) + 1)
        rows = numpy.zeros((int(lengths.sum()) + self.pad * (len(encoded) + 1), n_out), dtype="float32")
        rows[numpy.repeat(starts - numpy.cumsum(lengths) + lengths, lengths) + numpy.arange(len(ids))] = units
        for weights, b, pieces, gain, shift in self.window:
            pre = numpy.matmul(self.ops.seq2col(rows, 1), weights)
            pre += b
            rows += _layer_norm(_maxout(pre.reshape(len(rows), -1, pieces)), gain, shift)
        # Max-pool every pair's four segments (an empty or missing one is zeros): reduceat over (start, end).
        bounds: list[int] = []
        valid: list[bool] = []
        for start, (_, segments) in zip(starts, encoded, strict=True):
            for segment in segments:
                ok = segment is not None and segment[1] > segment[0]
                bounds.extend((start + segment[0], start + segment[1]) if ok else (0, 1))  # type: ignore[index]
                valid.append(ok)
        pooled = numpy.maximum.reduceat(rows, numpy.asarray(bounds), axis=0)[::2]
        pooled[~numpy.asarray(valid)] = 0.0
        weights, b, pieces = self.hidden
        pre = numpy.matmul(pooled.reshape(len(encoded), -1), weights)
        pre += b
        hidden = _maxout(pre.reshape(len(encoded), -1, pieces))
        weights, b = self.out
        scores = numpy.matmul(hidden, weights) + b
        scores = numpy.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def _first_layer(self, ids: Any) -> Any:
        """The first maxout's pieces, ``(rows, n_out, n_pieces)``: the bias plus, column by column, the sum of
        the table rows the column's hashes pick (thinc's HashEmbed and product, as in :meth:`__init__`).

        The pairs of a sentence share its units and bigrams, and the distance and mark columns take a few dozen
        values, so each distinct value's rows are summed once and then spread: summing them for every row was a
        third of the forward pass. The bias and the unit and bigram sums are added per distinct (unit, bigram),
        then the other columns in order: the additions of the row-by-row sum, so the same floats."""
        bias, n_out, n_pieces = self.first

        def rows_of(c: int, values: Any) -> Any:
            table, seed = self.tables[c]
            return self.ops.gather_add(table, self.ops.hash(numpy.ascontiguousarray(values), seed) % table.shape[0])

        # The distinct (unit, bigram) pairs, through one integer code per row (``unique(axis=0)`` sorts rows as
        # byte strings, which was slower than the sums it saves).
        units, unit_of = numpy.unique(ids[:, 0], return_inverse=True)
        bigrams, bigram_of = numpy.unique(ids[:, 1], return_inverse=True)
        codes, inverse = numpy.unique(unit_of.reshape(-1) * len(bigrams) + bigram_of.reshape(-1),
                                      return_inverse=True)
        start = numpy.empty((len(codes), bias.shape[0]), dtype="float32")
        start[:] = bias
        start += rows_of(0, units[codes // len(bigrams)])
        start += rows_of(1, bigrams[codes % len(bigrams)])
        pre = start[inverse.reshape(-1)]
        for c in range(2, len(self.tables)):
            values, inverse = numpy.unique(ids[:, c], return_inverse=True)
            pre += rows_of(c, values)[inverse.reshape(-1)]
        return pre.reshape(len(ids), n_out, n_pieces)


def _param(node: Model[Any, Any], name: str) -> Any:
    return node.get_param(name)


def _maxout(pieces: Any) -> Any:
    """The largest of each unit's pieces (the last axis): thinc's ``ops.maxout`` without the argmax, which
    prediction never reads (the values are the same; this takes about half the time).

    >>> _maxout(numpy.asarray([[[1.0, 3.0, 2.0]]], dtype="float32")).tolist()
    [[3.0]]
    """
    out = pieces[..., 0]
    for k in range(1, pieces.shape[-1]):
        out = numpy.maximum(out, pieces[..., k])
    return out


def _layer_norm(x: Any, gain: Any, shift: Any) -> Any:
    """thinc's LayerNorm at prediction time: ``(x - mean) * (var + 1e-8) ** -0.5 * gain + shift``, with the
    centred rows computed once (``numpy.var`` centres them again and averages their squares, as here: the
    same operations in the same order, so the same floats).

    >>> x = numpy.asarray([[1.0, 2.0, 4.0]], dtype="float32")
    >>> mu = x.mean(axis=1, keepdims=True)
    >>> bool((_layer_norm(x, 1.0, 0.0) == (x - mu) * (x.var(axis=1, keepdims=True) + 1e-08) ** -0.5).all())
    True
    """
    centred = x - x.mean(axis=1, keepdims=True)
    var = numpy.square(centred).mean(axis=1, keepdims=True) + 1e-08
    # The products and the sum in place, in the formula's order (fewer arrays of every unit's values made).
    centred *= var ** (-1.0 / 2.0)
    centred *= gain
    centred += shift
    return centred
