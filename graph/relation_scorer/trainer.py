"""Train the relation scorer from FinRE, Re-DocRED and (optionally) our own gold JSONL, with a fixed seed.

``python -m graph.relation_scorer.trainer --data ../shared/train --out graph/relation_scorer/model`` (what ``make train`` runs).
Held out and never trained on: FinRE's ``valid.txt`` and 20% of Re-DocRED documents; a further share of the
training documents fits the calibration.

>>> from graph.relation_scorer.features import CandidatePair
>>> pairs = [CandidatePair("A 收购 B", (0, 1), (5, 6), lang="zh", labels=frozenset({"acquired"})),
...          CandidatePair("A 收购 B", (5, 6), (0, 1), lang="zh")] * 20
>>> nlp = train_scorer(pairs, pairs, config=load_training_config(overrides={"model.length": 4096}))
>>> scorer = nlp.get_pipe("claimgraph_relation_scorer")
>>> scores = scorer.score(pairs[:2])
>>> scores[0]["acquired"] > 0.5 > scores[1]["acquired"]
True
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from thinc.api import Adam, Config, fix_random_seed

from graph.relation_scorer import ModelMissingError, TrainingDataError
from graph.relation_scorer.component import FACTORY, RelationScorer, featurise, margins, sigmoid
from graph.relation_scorer.corpora import (
    FinreInstance,
    RedocDocument,
    finre_pairs,
    gold_pairs,
    read_finre,
    read_redocred,
    redocred_pairs,
    split_documents,
)
from graph.relation_scorer.encoder import encode_pair
from graph.relation_scorer.features import CandidatePair, TriggerIndex
from graph.relation_scorer.labels import REDOCRED, SCORER_LABELS

#: Our relations Re-DocRED's labels map to.
REDOCRED_RELATIONS = frozenset(m.relation for m in REDOCRED.values())

#: The training configuration ``make train`` uses.
DEFAULT_CONFIG = Path(__file__).resolve().parent / "config.cfg"
#: Where the shipped model lives (package data).
MODEL_DIR = Path(__file__).resolve().parent / "model"


def load_training_config(path: str | Path = DEFAULT_CONFIG, *, overrides: dict[str, Any] | None = None) -> Config:
    """The config file, with dotted overrides (``{"training.epochs": 2}``).

    >>> load_training_config(overrides={"training.epochs": 2})["training"]["epochs"]
    2
    """
    config = Config().from_disk(path)
    for dotted, value in (overrides or {}).items():
        section, key = dotted.split(".", 1)
        config[section][key] = value
    return config


def _in_calibration(group: str, share: float) -> bool:
    # A stable hash of the document key: the same documents go to calibration on every machine and run.
    return (zlib.crc32(group.encode("utf-8")) % 1000) < share * 1000


@dataclass(slots=True)
class TrainingData:
    """Pairs to train on and to calibrate on, and the held-out measurement sets."""

    train: list[CandidatePair] = field(default_factory=list)
    calibration: list[CandidatePair] = field(default_factory=list)
    finre_valid: list[FinreInstance] = field(default_factory=list)
    redocred_held_out: list[RedocDocument] = field(default_factory=list)


def collect_data(data: str | Path | None, *, config: Config, gold: Sequence[str | Path] = (),
                 limit: int | None = None) -> TrainingData:
    """Read the corpora under ``data`` (``finre/``, ``redocred/``; each optional) and gold JSONL files.

    ``limit`` keeps only the first N FinRE instances and Re-DocRED documents (the CI smoke test).
    """
    share = float(config["training"]["calibration_share"])
    seed = int(config["training"]["seed"])
    out = TrainingData()
    pairs: list[CandidatePair] = []
    root = Path(data) if data is not None else None
    if root is not None and not root.is_dir():
        raise TrainingDataError(f"training data folder {str(root)!r} does not exist; pass the folder that holds "
                         "finre/ and redocred/ (e.g. --data ../shared/train)")
    if root is not None and (root / "finre" / "train.txt").is_file():
        train = read_finre(root / "finre" / "train.txt")[:limit]
        pairs.extend(finre_pairs(train))
        if (root / "finre" / "valid.txt").is_file():
            out.finre_valid = read_finre(root / "finre" / "valid.txt")[:limit]
    if root is not None and (root / "redocred" / "dev_revised.json").is_file():
        docs = read_redocred(root / "redocred" / "dev_revised.json")[:limit]
        train_docs, out.redocred_held_out = split_documents(
            docs, held_out=float(config["training"]["redocred_held_out"]), seed=seed)
        window = int(config["training"].get("cross_sentence_window", 0))
        # Only pairs whose types some mapped relation accepts: the hybrid never proposes the others, and without
        # them "none" is 62% fewer rows while 94% of positives stay (Re-DocRED is 99.5% "none" otherwise).
        from graph.schema import load_schema

        relations = [spec for name, spec in load_schema().relations.items() if name in REDOCRED_RELATIONS]
        for doc in train_docs:
            pairs.extend(pair for _, _, pair in redocred_pairs(doc, window=window)
                         if any(spec.accepts(pair.head_type, pair.tail_type) for spec in relations))
    for path in gold:
        pairs.extend(gold_pairs(path))
    for pair in pairs:
        (out.calibration if _in_calibration(pair.group, share) else out.train).append(pair)
    return out


def _targets(pairs: Sequence[CandidatePair], labels: Sequence[str]) -> Any:
    """One row per pair, 1 for each label it has ("none" when it has none of ours)."""
    y = numpy.zeros((len(pairs), len(labels)), dtype="float32")
    column = {label: i for i, label in enumerate(labels)}
    for row, pair in enumerate(pairs):
        known = [column[label] for label in pair.labels if label in column]
        y[row, known or [0]] = 1.0  # column 0 is "none"
    return y


def softmax(scores: Any) -> Any:
    """Row-wise softmax, shifted by the row maximum so large scores do not overflow.

    >>> [round(float(p), 3) for p in softmax(numpy.array([[0.0, 0.0], [1000.0, 0.0]])).ravel()]
    [0.5, 0.5, 1.0, 0.0]
    """
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = numpy.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def choose_threshold(probabilities: Any, targets: Any, *, grid: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                                                                                   0.9)) -> float:
    """The probability cut (from ``grid``) at which "argmax relation, if not none, at least this probable" has the
    best pair-level micro-F1 on ``targets``; ties go to the higher (more precise) cut.

    >>> p = numpy.array([[0.1, 0.9], [0.6, 0.4], [0.45, 0.55]]); y = numpy.array([[0, 1], [1, 0], [0, 1]])
    >>> choose_threshold(p, y)  # 0.4 would add the "none" row as a false positive, 0.6 would miss the third
    0.5
    """
    best, best_f1 = max(grid), -1.0
    winner = probabilities[:, 1:].argmax(axis=1) + 1
    prob = probabilities[numpy.arange(len(winner)), winner]
    hit = targets[numpy.arange(len(winner)), winner] > 0
    positives = float(targets[:, 1:].sum())
    for cut in sorted(grid, reverse=True):
        chosen = prob >= cut
        tp, fp = float(numpy.sum(chosen & hit)), float(numpy.sum(chosen & ~hit))
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return best


def fit_platt(logits: Any, targets: Any) -> tuple[float, float]:
    """Platt scaling: (a, b) so that sigmoid(a * logit + b) matches the targets (log-loss, L-BFGS).

    >>> x = numpy.array([-2.0, -1.0, 1.0, 2.0, 0.5, -0.5]); y = numpy.array([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    >>> a, b = fit_platt(x, y)
    >>> 0 < a < 10
    True
    """
    from scipy.optimize import minimize

    x = numpy.asarray(logits, dtype="float64")
    # Platt's smoothed targets keep a separable split from sending a to infinity.
    positives = float(numpy.sum(targets))
    negatives = len(x) - positives
    t = numpy.where(numpy.asarray(targets) > 0.5, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(params: Any) -> tuple[float, Any]:
        z = params[0] * x + params[1]
        # log(1 + e^z) computed stably; loss = sum(log1pexp(z) - t*z)
        value = numpy.sum(numpy.logaddexp(0.0, z) - t * z)
        p = sigmoid(z)
        grad = numpy.array([numpy.sum((p - t) * x), numpy.sum(p - t)])
        return float(value), grad

    result = minimize(loss, numpy.array([1.0, 0.0]), jac=True, method="L-BFGS-B")
    return float(result.x[0]), float(result.x[1])


def train_scorer(train: Sequence[CandidatePair], calibration: Sequence[CandidatePair], *, config: Config,
                 triggers: TriggerIndex | None = None, log: Any = None) -> Language:
    """A blank pipeline holding a trained, calibrated ``claimgraph_relation_scorer``."""
    if not train:
        raise TrainingDataError("no training pairs: the data folder has neither finre/ nor redocred/ and no gold file "
                         "was given")
    training = config["training"]
    seed = int(training["seed"])
    fix_random_seed(seed)
    labels = list(SCORER_LABELS)
    nlp = spacy.blank("xx")
    encoder = config.get("encoder", {})
    scorer = nlp.add_pipe(FACTORY, config={
        "length": int(config["model"]["length"]), "labels": labels, "version": str(config["version"]["name"]),
        "encoder": dict(encoder["model"]) if float(encoder.get("weight", 0)) > 0 else None})
    assert isinstance(scorer, RelationScorer)
    if triggers is None:
        from graph.schema import load_schema

        triggers = TriggerIndex.from_schema(load_schema())
    scorer.set_triggers(triggers)
    scorer.cross_sentence_window = int(training.get("cross_sentence_window", 0))
    model = scorer.model
    features = featurise(train, triggers=triggers)
    y = _targets(train, labels)
    model.initialize(X=featurise(train[:2], triggers=triggers), Y=y[:2])
    optimizer = Adam(float(training["learn_rate"]), L2=float(training["L2"]))
    # Multi-label rows (rare) share the target mass; "none" rows weigh less (see config.cfg none_weight).
    target = y / y.sum(axis=1, keepdims=True)
    none_weight = training["none_weight"]
    # Per language (= per corpus here): FinRE pairs are 30% related, Re-DocRED pairs 1%, so one weight cannot
    # balance both.
    row_none_weight = numpy.asarray([float(none_weight[p.lang] if isinstance(none_weight, dict) else none_weight)
                                     for p in train], dtype="float32")
    weights = numpy.where(y[:, 0] > 0, row_none_weight, 1.0).astype("float32")[:, None]
    keys, _values, lengths = features
    row_starts = numpy.concatenate([[0], numpy.cumsum(lengths)])

    def forward(rows: list[int]) -> tuple[Any, Any]:
        batch_keys = numpy.concatenate([keys[row_starts[r]:row_starts[r + 1]] for r in rows])
        X = (batch_keys, numpy.ones(len(batch_keys), dtype="float32"), lengths[rows])
        scores, backprop = model.begin_update(X)
        return softmax(scores), backprop

    _fit_softmax(model, forward, len(train), target, weights, optimizer=optimizer, seed=seed,
                 epochs=int(training["epochs"]), batch_size=int(training["batch_size"]), log=log, name="")
    if scorer.encoder is not None:
        _train_encoder(scorer.encoder, train, target, weights, encoder, seed=seed, log=log)
        scorer.encoder_weight = float(encoder["weight"])
        scorer.reset_inference()
    if calibration:
        margin = margins(scorer.logits(calibration))
        y_cal = _targets(calibration, labels)
        scorer.calibration = [fit_platt(margin[:, i], y_cal[:, i]) if y_cal[:, i].sum() >= 2 else (1.0, 0.0)
                              for i in range(len(labels))]
        scorer.propose_threshold = choose_threshold(scorer.probabilities(calibration), y_cal)
        if log is not None:
            log(f"proposal threshold (best F1 on the calibration split): {scorer.propose_threshold}")
    return nlp


def _train_encoder(model: Any, train: Sequence[CandidatePair], target: Any, weights: Any, settings: Any, *,
                   seed: int, log: Any = None) -> None:
    """Train the neural pair encoder on the same pairs, targets and row weights as the linear model (softmax
    cross-entropy, thinc's Adam without parameter averaging: averaging every embedding row each step was most of
    the training time)."""
    fix_random_seed(seed)
    encoded = [encode_pair(pair) for pair in train]
    model.initialize(X=encoded[:8], Y=target[:8])
    optimizer = Adam(float(settings["learn_rate"]), use_averages=False)
    _fit_softmax(model, lambda rows: model.begin_update([encoded[r] for r in rows]), len(encoded), target,
                 weights, optimizer=optimizer, seed=seed, epochs=int(settings["epochs"]),
                 batch_size=int(settings["batch_size"]), log=log, name="encoder ")


def _fit_softmax(model: Any, forward: Any, n_rows: int, target: Any, weights: Any, *, optimizer: Any, seed: int,
                 epochs: int, batch_size: int, log: Any, name: str) -> None:
    """Weighted softmax cross-entropy by minibatch: ``forward(rows)`` gives the rows' probabilities and the
    backprop callback taking the gradient with respect to the logits (probs - target, for a softmax)."""
    order = list(range(n_rows))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        loss = 0.0
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            probs, backprop = forward(rows)
            gradient = (probs - target[rows]) * weights[rows]
            loss -= float(numpy.sum(weights[rows] * target[rows] * numpy.log(probs + 1e-9)))
            backprop(gradient.astype("float32") / len(rows))
            model.finish_update(optimizer)
        if log is not None:
            log(f"{name}epoch {epoch + 1}: weighted cross-entropy {loss / max(1, len(order)):.4f}")


def save_model(nlp: Language, path: str | Path, *, meta: dict[str, Any]) -> None:
    """Write the pipeline (config, meta, scorer weights) so ``spacy.load(path)`` reads it back offline."""
    nlp.meta.update({"name": "claimgraph_relation_scorer", "version": "0.1.0", **meta})
    nlp.to_disk(path)


def load_model(path: str | Path = MODEL_DIR) -> Language:
    """Load a saved scorer pipeline (no network access: everything it needs is in ``path``).

    >>> try:
    ...     load_model("/nonexistent/model")
    ... except ModelMissingError as exc:
    ...     print("not found" in str(exc), "--extractor rules" in str(exc))
    True True
    """
    import graph.relation_scorer.component  # noqa: F401  (registers the factory spacy.load needs)

    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise ModelMissingError(f"relation scorer model {str(path)!r} not found; run `make train` or pass "
                         "--extractor rules")
    return spacy.load(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: train, calibrate, save, print the time it took."""
    parser = argparse.ArgumentParser(prog="python -m graph.relation_scorer.trainer", description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="folder with finre/ and redocred/ (e.g. ../shared/train)")
    parser.add_argument("--gold", action="append", default=[], help="our gold JSONL to add (repeatable)")
    parser.add_argument("--out", default=str(MODEL_DIR), help="where to write the model")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG))
    parser.add_argument("--limit", type=int, default=None, help="use only the first N instances/documents")
    parser.add_argument("--epochs", type=int, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    overrides: dict[str, Any] = {}
    if args.epochs is not None:
        overrides["training.epochs"] = args.epochs
    config = load_training_config(args.config, overrides=overrides)
    gold = [g for g in args.gold if Path(g).is_file()]
    data = collect_data(args.data, config=config, gold=gold, limit=args.limit)
    print(f"training pairs {len(data.train)}, calibration pairs {len(data.calibration)}", flush=True)
    nlp = train_scorer(data.train, data.calibration, config=config, log=lambda m: print(m, flush=True))
    seconds = time.perf_counter() - started
    save_model(nlp, args.out, meta={"claimgraph": {"training_seconds": round(seconds, 1), "seed":
                                                   int(config["training"]["seed"]), "gold": [Path(g).name for g in gold]}})
    print(f"model written to {args.out}; training took {seconds:.1f} s")
    print(json.dumps({"training_seconds": round(seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
