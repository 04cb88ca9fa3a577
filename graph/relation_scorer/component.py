"""The spaCy component ``claimgraph_relation_scorer``: calibrated relation probabilities per entity pair.

The model is a thinc ``SparseLinear`` over hashed features (a bag of character n-grams, words, types and
schema-trigger hits per candidate pair, like spaCy's TextCatBOW), trained as one softmax over "none" and the
relations, optionally ensembled with a small neural pair encoder (:mod:`graph.relation_scorer.encoder`): the pair's score
is then the weighted sum of the two models' log-probabilities. Each label's *margin* (its score minus the best
other label's) is Platt-scaled on a held-out split, so a label's probability says how often the pair really has
it when the model scores it that way; a label wins the argmax exactly when its margin is positive.

Registering the factory happens when this module is imported; nothing heavy runs at import.

>>> import spacy
>>> nlp = spacy.blank("xx")
>>> scorer = nlp.add_pipe("claimgraph_relation_scorer", config={"length": 1024})
>>> scorer.labels[0]
'none'
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Model, SparseLinear

from graph.nlp import text_of
from graph.relation_scorer.encoder import EncoderInference, encode_pair
from graph.relation_scorer.features import CandidatePair, TriggerIndex, dependency_features, pair_keys
from graph.relation_scorer.labels import SCORER_LABELS

FACTORY = "claimgraph_relation_scorer"


@registry.architectures("claimgraph.RelationBOW.v1")  # type: ignore[untyped-decorator]
def build_relation_bow(n_labels: int, length: int) -> Model[Any, Any]:
    """A linear layer over hashed sparse features, one output (logit) per label."""
    model: Model[Any, Any] = SparseLinear(nO=n_labels, length=length)
    return model


def featurise(pairs: Sequence[CandidatePair], *, triggers: TriggerIndex) -> tuple[Any, Any, Any]:
    """The (keys, values, lengths) arrays SparseLinear reads, one row per pair.

    >>> from graph.schema import load_schema
    >>> keys, values, lengths = featurise([CandidatePair("A 收购 B", (0, 1), (5, 6), lang="zh")],
    ...                                   triggers=TriggerIndex.from_schema(load_schema()))
    >>> int(lengths[0]) == len(keys) == len(values)
    True
    """
    keys: list[int] = []
    lengths: list[int] = []
    for pair in pairs:
        hashed = set(pair_keys(pair, triggers=triggers))
        keys.extend(hashed)
        lengths.append(len(hashed))
    return (numpy.asarray(keys, dtype="uint64"), numpy.ones(len(keys), dtype="float32"),
            numpy.asarray(lengths, dtype="int32"))


def margins(scores: Any) -> Any:
    """Each column's score minus the largest other column's: positive exactly for the argmax.

    >>> margins(numpy.array([[1.0, 3.0, 0.0]])).tolist()
    [[-2.0, 2.0, -3.0]]
    """
    scores = numpy.asarray(scores, dtype="float32")
    if scores.shape[1] < 2:
        return scores
    top2 = numpy.sort(scores, axis=1)[:, -2:]
    best_other = numpy.where(scores >= top2[:, 1:2], top2[:, 0:1], top2[:, 1:2])
    return scores - best_other


def log_softmax(scores: Any) -> Any:
    """Row-wise log-softmax (shifted by the row maximum, so large scores do not overflow).

    >>> [round(float(v), 3) for v in log_softmax(numpy.array([[0.0, 0.0]])).ravel()]
    [-0.693, -0.693]
    """
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True))


def sigmoid(x: Any) -> Any:
    """Elementwise logistic function, safe for large magnitudes.

    >>> float(sigmoid(numpy.array([0.0]))[0])
    0.5
    """
    return 0.5 * (1.0 + numpy.tanh(0.5 * x))


class RelationScorer:
    """Scores candidate pairs; as a pipe it stores ``doc._.relation_scores`` for every ordered pair of
    ``doc.ents`` in one sentence: ``{(i, j): {label: probability}}`` with i, j indices into ``doc.ents``."""

    def __init__(self, nlp: Language, name: str = FACTORY, *, model: Model[Any, Any],
                 labels: Sequence[str] = SCORER_LABELS, version: str = "0",
                 encoder: Model[Any, Any] | None = None) -> None:
        self.name = name
        self.model = model
        #: The neural pair encoder (None: linear model only) and its share of the ensemble's log-probabilities
        #: (0 until training sets it, so an untrained encoder never moves a score).
        self.encoder = encoder
        self.encoder_weight: float = 0.0
        self.labels: list[str] = list(labels)
        self.version = version
        #: Platt parameters (a, b) per label: p = sigmoid(a * margin + b); identity until calibrated.
        self.calibration: list[tuple[float, float]] = [(1.0, 0.0)] * len(self.labels)
        #: The probability at which a pair the rules missed becomes a claim, chosen on the calibration split at
        #: training time (best F1 there); 0.5 until calibrated.
        self.propose_threshold: float = 0.5
        #: Entity pairs sharing no sentence are scored when at most this many sentences apart; 0 (models trained
        #: without them) means never.
        self.cross_sentence_window: int = 0
        #: Trigger phrases the model was trained with, kept with it so its features never drift from training.
        self.trigger_phrases: dict[str, list[tuple[str, str, bool]]] = {}
        self._triggers: TriggerIndex | None = None
        #: The encoder's numpy forward pass, built from its weights on first use (see :meth:`reset_inference`).
        self._inference: EncoderInference | None = None
        if not Doc.has_extension("relation_scores"):
            Doc.set_extension("relation_scores", default=None)

    # ------------------------------------------------------------------ scoring
    @property
    def triggers(self) -> TriggerIndex:
        """The trigger index the features use (from the saved phrases, else the bundled schema)."""
        if self._triggers is None:
            if self.trigger_phrases:
                self._triggers = TriggerIndex({k: tuple(tuple(p) for p in v)  # type: ignore[misc]
                                               for k, v in self.trigger_phrases.items()})
            else:
                from graph.schema import load_schema

                self.set_triggers(TriggerIndex.from_schema(load_schema()))
                assert self._triggers is not None
        return self._triggers

    def set_triggers(self, index: TriggerIndex) -> None:
        """Use (and save with the model) this trigger index."""
        self._triggers = index
        self.trigger_phrases = {k: [list(p) for p in v] for k, v in index.phrases.items()}  # type: ignore[misc]

    def linear_scores(self, pairs: Sequence[CandidatePair]) -> Any:
        """The linear model's raw scores, one row per pair, one column per label."""
        if not pairs:
            return numpy.zeros((0, len(self.labels)), dtype="float32")
        return self.model.predict(featurise(pairs, triggers=self.triggers))

    def logits(self, pairs: Sequence[CandidatePair], *, linear: Any = None) -> Any:
        """Raw scores, one row per pair, one column per label: the linear model's, or with an encoder
        ``(1 - w) * log_softmax(linear) + w * log(encoder)`` (the same margins as the linear scores when w = 0).
        ``linear``: the pairs' :meth:`linear_scores`, when already computed."""
        if not pairs:
            return numpy.zeros((0, len(self.labels)), dtype="float32")
        if linear is None:
            linear = self.linear_scores(pairs)
        if self.encoder is None or self.encoder_weight <= 0:
            return linear
        return ((1 - self.encoder_weight) * log_softmax(linear)
                + self.encoder_weight * numpy.log(self.encoder_probabilities(pairs) + 1e-9))

    def encoder_probabilities(self, pairs: Sequence[CandidatePair], *, batch_size: int = 256) -> Any:
        """The encoder's softmax, one row per pair (through :class:`EncoderInference` when the encoder has its
        shape: the same outputs up to float rounding, in less time than thinc's layer by layer calls)."""
        assert self.encoder is not None
        if self._inference is None:
            self._inference = EncoderInference.from_model(self.encoder)
        predict = self.encoder.predict if self._inference is None else self._inference.predict
        encoded = [encode_pair(pair) for pair in pairs]
        return numpy.concatenate([predict(encoded[start:start + batch_size])
                                  for start in range(0, len(encoded), batch_size)])

    def reset_inference(self) -> None:
        """Forget the encoder's fast forward pass, which copies its weights: call after changing them."""
        self._inference = None

    def probabilities(self, pairs: Sequence[CandidatePair], *, linear: Any = None) -> Any:
        """Calibrated probabilities, one row per pair, one column per label (see the module docstring)."""
        return self.calibrate(self.logits(pairs, linear=linear))

    def calibrate(self, scores: Any) -> Any:
        """Probabilities from raw scores (one row per pair): each label's margin through its Platt curve.

        Given :meth:`linear_scores`, this is what the ensemble would give if the encoder agreed exactly with the
        linear model (two equal log-softmaxes average to the same one); the hybrid screens pairs with it.
        """
        a = numpy.asarray([c[0] for c in self.calibration], dtype="float32")
        b = numpy.asarray([c[1] for c in self.calibration], dtype="float32")
        return sigmoid(margins(scores) * a + b)

    def score(self, pairs: Sequence[CandidatePair], *, linear: Any = None) -> list[dict[str, float]]:
        """``{label: probability}`` per pair (``linear``: their :meth:`linear_scores`, when already computed)."""
        probs = self.probabilities(pairs, linear=linear)
        return [dict(zip(self.labels, (float(p) for p in row), strict=True)) for row in probs]

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        index_pairs, pairs = [], []
        for i, j, pair in candidate_pairs(ents, lang=doc.lang_ if doc.lang_ == "en" else "zh"):
            index_pairs.append((i, j))
            pairs.append(pair)
        scores = self.score(pairs)
        doc._.relation_scores = dict(zip(index_pairs, scores, strict=True))
        return doc

    # ------------------------------------------------------------------ serialisation
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write ``model.gz`` and ``encoder.gz`` (thinc bytes, gzipped) and ``cfg.json`` (labels, calibration,
        threshold, triggers, version)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        _write_weights(self.model, path / "model")
        if self.encoder is not None and self.encoder_weight > 0:
            _write_weights(self.encoder, path / "encoder")
        cfg = {"labels": self.labels, "calibration": self.calibration, "version": self.version,
               "propose_threshold": self.propose_threshold, "cross_sentence_window": self.cross_sentence_window,
               "encoder_weight": self.encoder_weight, "triggers": self.trigger_phrases}
        (path / "cfg.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=0), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationScorer:
        """Read what :meth:`to_disk` wrote."""
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        self.labels = list(cfg["labels"])
        self.calibration = [(float(a), float(b)) for a, b in cfg["calibration"]]
        self.version = str(cfg["version"])
        self.propose_threshold = float(cfg.get("propose_threshold", 0.5))
        self.cross_sentence_window = int(cfg.get("cross_sentence_window", 0))
        self.trigger_phrases = cfg.get("triggers", {})
        self._triggers = None
        _read_weights(self.model, path / "model")
        self.encoder_weight = float(cfg.get("encoder_weight", 0.0))
        if self.encoder is not None and self.encoder_weight > 0:
            _read_weights(self.encoder, path / "encoder")
        self.reset_inference()
        return self


# Embedding tables at least this large are stored as int8 with a scale per row (see :func:`_write_weights`).
QUANTISED_MIN_SIZE = 100_000


def _write_weights(model: Model[Any, Any], path: Path) -> None:
    """``model``'s thinc bytes, gzipped, at ``path`` + ``.gz``; its large 2-D tables as int8 in ``path`` + ``.q8.gz``.

    The linear model's hashed table is about 92 % zeros (13.6 MB raw, 1 MB gzipped), and every retrain is a new
    version of these files in git. The encoder's hash-embedding tables (11 MB of dense float32) do not compress,
    so each row is stored as int8 with its own scale (``max |x| / 127``): a quarter of the bytes, and an error of
    at most half a step, 0.4 % of the row's largest weight, which the pair scores do not notice (docs/model.md).
    In the thinc bytes those tables are zeros, which gzip removes. ``mtime=0`` keeps the bytes a function of the
    weights alone, so a reproduced model is byte-identical.
    """
    tables: dict[str, dict[str, numpy.ndarray]] = {}
    kept: list[tuple[Model[Any, Any], str, Any]] = []
    for index, node in enumerate(model.walk()):
        for name in node.param_names:
            if not node.has_param(name):
                continue
            weights = numpy.asarray(node.get_param(name))
            if weights.ndim != 2 or weights.size < QUANTISED_MIN_SIZE:
                continue
            scale = numpy.abs(weights).max(axis=1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            tables[f"{index}:{name}"] = {"q": numpy.rint(weights / scale).astype(numpy.int8),
                                         "scale": scale.astype(numpy.float32)}
            kept.append((node, name, node.get_param(name)))
            node.set_param(name, node.ops.alloc2f(*weights.shape))
    try:
        packed = model.to_bytes()
    finally:
        for node, name, weights in kept:
            node.set_param(name, weights)
    path.with_suffix(".gz").write_bytes(gzip.compress(packed, compresslevel=9, mtime=0))
    quantised = path.with_suffix(".q8.gz")
    if tables:
        quantised.write_bytes(gzip.compress(srsly.msgpack_dumps(tables), compresslevel=9, mtime=0))
    else:
        quantised.unlink(missing_ok=True)
    path.unlink(missing_ok=True)  # a plain copy left by an older writer would be stale and never read


def _read_weights(model: Model[Any, Any], path: Path) -> None:
    """Read what :func:`_write_weights` wrote, or the plain thinc bytes at ``path`` (models written before it)."""
    packed = path.with_suffix(".gz")
    if not packed.is_file():
        model.from_disk(path)
        return
    model.from_bytes(gzip.decompress(packed.read_bytes()))
    quantised = path.with_suffix(".q8.gz")
    if not quantised.is_file():
        return  # written before the tables were quantised: the thinc bytes hold them in full
    tables = srsly.msgpack_loads(gzip.decompress(quantised.read_bytes()))
    for index, node in enumerate(model.walk()):
        for name in node.param_names:
            table = tables.get(f"{index}:{name}")
            if table is not None:
                weights = table["q"].astype(numpy.float32) * table["scale"]
                node.set_param(name, node.ops.asarray2f(weights))


def candidate_pairs(ents: Sequence[Span], *, lang: str) -> Iterable[tuple[int, int, CandidatePair]]:
    """Every ordered pair of distinct entities whose mentions share a sentence, as CandidatePairs.

    >>> from graph.build import Builder
    >>> b = Builder()
    >>> doc = b.extractor.doc_for("Google acquired DeepMind.", lang="en")
    >>> [(p.head, p.tail) for _, _, p in candidate_pairs(list(doc.ents), lang="en")]
    [((0, 6), (16, 24)), ((16, 24), (0, 6))]
    """
    # ``Span.sent`` walks the tokens back to the sentence start on every call: look each mention's up once.
    sents = [ent.sent for ent in ents]
    kb_ids = [ent.kb_id_ for ent in ents]
    in_sentence: dict[int, list[int]] = {}
    for i, sent in enumerate(sents):
        in_sentence.setdefault(sent.start, []).append(i)
    parsed = bool(ents) and ents[0].doc.has_annotation("DEP")
    doc_text = text_of(ents[0].doc) if ents else ""  # doc.text would join every token again
    for i, head in enumerate(ents):
        sent = sents[i]
        base = sent.start_char
        text = doc_text[base:sent.end_char]  # = sent.text, without joining its tokens again
        head_span = (head.start_char - base, head.end_char - base)
        for j in in_sentence[sent.start]:
            if i == j or (kb_ids[i] and kb_ids[i] == kb_ids[j]):
                continue
            tail = ents[j]
            extra = dependency_features(head, tail) if parsed else ()
            yield i, j, CandidatePair(text, head_span, (tail.start_char - base, tail.end_char - base),
                                      head_type=head.label_, tail_type=tail.label_, lang=lang, extra=extra)


@Language.factory(FACTORY, default_config={"length": 2 ** 17, "labels": list(SCORER_LABELS), "version": "0",
                                           "encoder": None})
def make_relation_scorer(nlp: Language, name: str, length: int, labels: list[str], version: str,
                         encoder: Model[Any, Any] | None) -> RelationScorer:
    """Factory for ``nlp.add_pipe("claimgraph_relation_scorer")``; ``encoder`` is an architecture block
    (``{"@architectures": "claimgraph.RelationCNN.v1", ...}``) or None for the linear model alone."""
    return RelationScorer(nlp, name, model=build_relation_bow(len(labels), length), labels=labels, version=version,
                          encoder=encoder)
