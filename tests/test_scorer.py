"""The relation scorer: label mapping, corpus readers, training on a tiny sample, the shipped model."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import numpy
import pytest

from graph.relation_scorer import ModelMissingError, TrainingDataError
from graph.relation_scorer.component import featurise, log_softmax
from graph.relation_scorer.corpora import (
    RedocDocument,
    RedocEntity,
    finre_pairs,
    read_finre,
    read_redocred,
    redocred_pairs,
)
from graph.relation_scorer.encoder import encode_pair
from graph.relation_scorer.features import CandidatePair
from graph.relation_scorer.labels import SCORER_LABELS, map_finre, map_redocred
from graph.relation_scorer.trainer import (
    MODEL_DIR,
    collect_data,
    load_model,
    load_training_config,
    main,
    save_model,
    train_scorer,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "train"


def test_passive_twins_and_inverse_properties_reverse_the_direction() -> None:
    assert map_finre("被收购") == ("acquired", True)
    assert map_finre("收购") == ("acquired", False)
    assert map_finre("被竞争") == ("competesWith", False)  # symmetric: nothing to reverse
    assert map_redocred("P355") == ("subsidiaryOf", True)
    assert map_redocred("P749") == ("subsidiaryOf", False)
    assert map_finre("纠纷") is None and map_redocred("P17") is None


def test_finre_reader_merges_both_orders_of_a_pair(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("甲公司\t乙公司\tunknown\t甲公司收购乙公司\n\n乙公司\t甲公司\t被收购\t甲公司收购乙公司\n\n",
                    encoding="utf-8")
    [instance] = read_finre(path)
    assert instance.gold() == {("甲公司", "acquired", "乙公司")}
    forward, backward = finre_pairs([instance])
    assert forward.labels == {"acquired"} and backward.labels == frozenset()


def test_redocred_cross_sentence_pairs_carry_the_entity_pairs_labels() -> None:
    doc = RedocDocument("t", ("Mojang is a studio .", "It developed Minecraft .", "Sweden ."),
                        (RedocEntity("Mojang", "Organization", ((0, 0, 6),)),
                         RedocEntity("Minecraft", "Entity", ((1, 13, 22),)),
                         RedocEntity("Sweden", "Place", ((2, 0, 6),))),
                        frozenset({(1, "developedBy", 0)}))
    assert list(redocred_pairs(doc)) == []  # no two entities share a sentence
    found = {(h, t): pair for h, t, pair in redocred_pairs(doc, window=1)}
    assert set(found) == {(0, 1), (1, 0), (1, 2), (2, 1)}  # Mojang and Sweden are two sentences apart
    pair = found[(1, 0)]
    assert pair.labels == {"developedBy"} and not found[(0, 1)].labels
    assert pair.text[pair.head[0]:pair.head[1]] == "Minecraft" and "xs:1" in pair.extra


def test_redocred_evaluation_reads_a_subsidiary_as_owned_by_its_parent() -> None:
    # Wikidata annotators label most parent/subsidiary pairs "owned by" (P127) as well; our ontology's
    # subsidiaryOf is the narrower reading of owns, so the claim must count for both labels.
    from graph.claims import ClaimExtractor
    from graph.relation_scorer.evaluation import evaluate_redocred
    from graph.schema import load_schema

    doc = RedocDocument("Tarvo Lines", ("Tarvo Lines is a subsidiary of Kelmar Group .",),
                        (RedocEntity("Tarvo Lines", "Organization", ((0, 0, 11),)),
                         RedocEntity("Kelmar Group", "Organization", ((0, 31, 43),))),
                        frozenset({(0, "subsidiaryOf", 1), (1, "owns", 0)}))
    rules = {"rules": ClaimExtractor(load_schema())}
    score = evaluate_redocred([doc], rules)["rules"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
    # Where the corpus labels the subsidiary only, the ownership it implies is no spurious prediction.
    only_parent = RedocDocument(doc.title, doc.sentences, doc.entities, frozenset({(0, "subsidiaryOf", 1)}))
    score = evaluate_redocred([only_parent], rules)["rules"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def _toy_pairs() -> list[CandidatePair]:
    pairs = []
    for buyer, bought in [("甲", "乙"), ("丙", "丁"), ("戊", "己"), ("庚", "辛")]:
        text = f"{buyer}公司宣布收购{bought}公司"
        head, tail = (0, 3), (len(text) - 3, len(text))
        pairs.append(CandidatePair(text, head, tail, lang="zh", labels=frozenset({"acquired"}), group=text))
        pairs.append(CandidatePair(text, tail, head, lang="zh", group=text))
        text = f"{buyer}公司和{bought}公司是竞争对手"
        pairs.append(CandidatePair(text, (0, 3), (4, 7), lang="zh", labels=frozenset({"competesWith"}), group=text))
    return pairs * 5


def test_trained_scorer_separates_relations_and_round_trips_through_disk(tmp_path: Path) -> None:
    # The linear model alone (the encoder needs more than 60 toy pairs to learn direction; tested below).
    config = load_training_config(overrides={"model.length": 8192, "training.epochs": 5, "encoder.weight": 0.0})
    pairs = _toy_pairs()
    nlp = train_scorer(pairs, [], config=config)
    scorer = nlp.get_pipe("claimgraph_relation_scorer")
    probe = [CandidatePair("某公司宣布收购另一家公司", (0, 3), (9, 12), lang="zh"),
             CandidatePair("某公司宣布收购另一家公司", (9, 12), (0, 3), lang="zh")]
    before = scorer.score(probe)
    assert before[0]["acquired"] > 0.5 > before[1]["acquired"]
    save_model(nlp, tmp_path / "model", meta={})
    loaded = load_model(tmp_path / "model").get_pipe("claimgraph_relation_scorer")
    for got, want in zip(loaded.score(probe), before, strict=True):
        assert got == pytest.approx(want)
    assert loaded.labels == list(SCORER_LABELS)
    assert loaded.propose_threshold == scorer.propose_threshold
    # A model folder written before the weights were gzipped (plain thinc bytes in ``model``) still loads.
    weights = tmp_path / "model" / "claimgraph_relation_scorer" / "model"
    weights.write_bytes(gzip.decompress(weights.with_suffix(".gz").read_bytes()))
    weights.with_suffix(".gz").unlink()
    plain = load_model(tmp_path / "model").get_pipe("claimgraph_relation_scorer")
    for got, want in zip(plain.score(probe), before, strict=True):
        assert got == pytest.approx(want)


def test_encoder_sees_both_mentions_the_gap_and_a_bounded_window() -> None:
    ids, (head, tail, between, window) = encode_pair(
        CandidatePair("Yesterday Acme Corp bought Widget Labs .", (10, 19), (27, 38), lang="en"))
    assert (head, tail, between, window) == ((1, 3), (4, 6), (3, 4), (0, 7))  # one row per word and "."
    assert ids.shape == (7, 5)
    # Reversed roles: same units, the segments swap and the position columns change.
    ids_r, (head_r, tail_r, _, _) = encode_pair(
        CandidatePair("Yesterday Acme Corp bought Widget Labs .", (27, 38), (10, 19), lang="en"))
    assert (head_r, tail_r) == (tail, head) and (ids_r[:, 0] == ids[:, 0]).all() and (ids_r[:, 2] != ids[:, 2]).any()
    # A long gap keeps its two ends only, and context is cut to 20 characters each side in Chinese.
    text = "前" * 30 + "甲公司" + "的" * 200 + "乙公司" + "后" * 30
    _, (head, tail, between, window) = encode_pair(CandidatePair(text, (30, 33), (233, 236), lang="zh"))
    assert head == (20, 23) and between == (23, 103) and window == (0, 126)


def test_an_encoder_score_does_not_depend_on_the_other_pairs_in_the_batch() -> None:
    from graph.relation_scorer.encoder import build_relation_cnn

    model = build_relation_cnn(len(SCORER_LABELS))
    encoded = [encode_pair(p) for p in _toy_pairs()[:6]]
    model.initialize(X=encoded)
    softmax = model.layers[-1]  # thinc starts it at zero, which would hide any difference
    softmax.set_param("W", numpy.random.default_rng(0).normal(size=softmax.get_param("W").shape).astype("float32"))
    together = model.predict(encoded)
    alone = numpy.concatenate([model.predict([e]) for e in encoded])
    assert numpy.allclose(together, alone, atol=1e-6)


def test_encoder_weight_zero_ships_the_linear_model_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_training_config(overrides={"model.length": 8192, "encoder.weight": 0.0})
    pairs = _toy_pairs()
    scorer = train_scorer(pairs, [], config=config).get_pipe("claimgraph_relation_scorer")
    assert scorer.encoder is None and scorer.encoder_weight == 0.0
    with_encoder = train_scorer(pairs, [], config=load_training_config(overrides={"model.length": 8192}))
    ensemble = with_encoder.get_pipe("claimgraph_relation_scorer")
    assert ensemble.encoder is not None and ensemble.encoder_weight == load_training_config()["encoder"]["weight"]
    # The toy encoder's tables are smaller than the shipped model's: quantise them too.
    monkeypatch.setattr("graph.relation_scorer.component.QUANTISED_MIN_SIZE", 1000)
    save_model(with_encoder, tmp_path / "m", meta={})
    folder = tmp_path / "m" / "claimgraph_relation_scorer"
    assert (folder / "encoder.gz").is_file() and (folder / "encoder.q8.gz").is_file()
    loaded = load_model(tmp_path / "m").get_pipe("claimgraph_relation_scorer")
    assert loaded.encoder_weight == ensemble.encoder_weight
    # The embedding tables come back from int8: each weight within half a step of its row's scale.
    for got, want in zip(loaded.score(pairs[:4]), ensemble.score(pairs[:4]), strict=True):
        assert got == pytest.approx(want, abs=0.01)
    quantised = [n.get_param("E") for n in loaded.encoder.walk() if n.has_param("E")]
    exact = [n.get_param("E") for n in ensemble.encoder.walk() if n.has_param("E")]
    assert quantised and all(q.shape == e.shape and not numpy.array_equal(q, e) for q, e in zip(quantised, exact))
    steps = [numpy.abs(e).max(axis=1, keepdims=True) / 127 for e in exact]
    assert all((numpy.abs(q - e) <= s / 2 + 1e-7).all() for q, e, s in zip(quantised, exact, steps))
    # A folder written before the tables were quantised (full floats in encoder.gz, no encoder.q8.gz) loads as it was.
    (folder / "encoder.gz").write_bytes(gzip.compress(ensemble.encoder.to_bytes()))
    (folder / "encoder.q8.gz").unlink()
    full = load_model(tmp_path / "m").get_pipe("claimgraph_relation_scorer")
    for got, want in zip(full.score(pairs[:4]), ensemble.score(pairs[:4]), strict=True):
        assert got == pytest.approx(want)
    # Without an encoder the scores are the linear model's; with one, the weighted sum of log-probabilities.
    features = featurise(pairs[:2], triggers=scorer.triggers)
    assert numpy.allclose(scorer.logits(pairs[:2]), scorer.model.predict(features))
    w = ensemble.encoder_weight
    expected = ((1 - w) * log_softmax(ensemble.model.predict(features))
                + w * numpy.log(ensemble.encoder_probabilities(pairs[:2]) + 1e-9))
    assert numpy.allclose(ensemble.logits(pairs[:2]), expected, atol=1e-5)


def test_training_without_any_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="does not exist"):
        collect_data(tmp_path / "missing", config=load_training_config())
    with pytest.raises(TrainingDataError, match="no training pairs"):
        train_scorer([], [], config=load_training_config())


def test_missing_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="make train"):
        load_model(tmp_path)


def test_shipped_model_loads_offline_and_scores_a_pair() -> None:
    scorer = load_model(MODEL_DIR).get_pipe("claimgraph_relation_scorer")
    assert sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file()) < 30_000_000
    [scores] = scorer.score([CandidatePair("腾讯收购了搜狗", (0, 2), (5, 7), lang="zh")])
    assert set(scores) == set(SCORER_LABELS) and all(0.0 <= p <= 1.0 for p in scores.values())


@pytest.mark.skipif(not (SHARED / "finre").is_dir(), reason="public training corpora (../shared/train) not present")
def test_training_code_runs_on_a_sample_of_the_public_corpora(tmp_path: Path) -> None:
    docs = read_redocred(SHARED / "redocred" / "dev_revised.json")[:20]
    assert any(pair.labels for doc in docs for _, _, pair in redocred_pairs(doc))
    code = main(["--data", str(SHARED), "--limit", "150", "--epochs", "1", "--out", str(tmp_path / "m")])
    assert code == 0
    scorer = load_model(tmp_path / "m").get_pipe("claimgraph_relation_scorer")
    assert scorer.version == load_training_config()["version"]["name"]
    # The sample has a calibration split, so Platt scaling was fitted (not the identity) and saved with the model.
    assert any(tuple(c) != (1.0, 0.0) for c in scorer.calibration)


def test_trigger_hits_are_those_of_trying_every_phrase() -> None:
    from graph.relation_scorer.features import TriggerIndex
    from graph.schema import load_schema

    index = TriggerIndex.from_schema(load_schema())
    segments = ["宣布以 20 亿元收购了", "和", "的全资子公司，", " has agreed to buy ", "was founded by the",
                "is a subsidiary of", "；双方在芯片领域展开竞争，并与", "", "Acquired, then SOLD to", "与其合作开发"]

    def every_phrase(text: str, lang: str) -> list[tuple[str, bool]]:
        lowered = text.lower()
        padded = " " + " ".join(re.findall(r"[a-z0-9]+(?:['\-][a-z0-9]+)*", lowered)) + " "
        return [(relation, inverse) for phrase, relation, inverse in index.phrases[lang]
                if phrase in (padded if phrase.startswith(" ") else lowered)]

    for lang in ("zh", "en"):
        for segment in segments:
            assert index.hits(segment, lang=lang) == every_phrase(segment, lang)
    assert index.hits("宣布以 20 亿元收购了", lang="zh") and index.hits(" has agreed to buy ", lang="en")


def test_encoder_bigrams_follow_the_kept_units_across_a_dropped_gap() -> None:
    from spacy.strings import hash_string

    text = "前" * 30 + "甲公司" + "的" * 200 + "乙公司" + "后" * 30
    ids, _ = encode_pair(CandidatePair(text, (30, 33), (233, 236), lang="zh"))
    kept = [*text[10:73], *text[193:256]]  # 20 of context, the gap's first and last 40, 20 of context
    assert len(ids) == len(kept)
    expected = [hash_string(f"{prev}|{unit}") for prev, unit in zip(["<s>", *kept], kept, strict=False)]
    assert [int(v) for v in ids[:, 1]] == expected
    assert [int(v) for v in ids[:, 0]] == [hash_string(unit) for unit in kept]


def test_encoder_inference_gives_the_models_own_outputs() -> None:
    from graph.relation_scorer.encoder import EncoderInference, build_relation_cnn

    model = build_relation_cnn(len(SCORER_LABELS))
    encoded = [encode_pair(p) for p in _toy_pairs()]
    model.initialize(X=encoded)
    rng = numpy.random.default_rng(0)
    for node in model.walk():  # thinc starts some at zero, which would hide a difference
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, rng.normal(scale=0.5, size=node.get_param(name).shape).astype("float32"))
    inference = EncoderInference.from_model(model)
    assert inference is not None
    assert numpy.allclose(inference.predict(encoded), model.predict(encoded), atol=1e-5)
    assert numpy.allclose(inference.predict(encoded[3:4]), model.predict(encoded)[3:4], atol=1e-5)
    from thinc.api import Softmax

    assert EncoderInference.from_model(Softmax(3, 4)) is None  # another architecture: thinc's own predict


def test_encoder_cover_by_bisection_finds_the_units_a_scan_finds() -> None:
    from graph.relation_scorer.encoder import _cover

    rng = numpy.random.default_rng(3)
    for _ in range(200):
        cuts = numpy.sort(rng.choice(60, size=2 * int(rng.integers(1, 12)), replace=False)).tolist()
        spans = list(zip(cuts[::2], cuts[1::2], strict=True))  # sorted, disjoint, with gaps (the spaces)
        start = int(rng.integers(0, 60))
        end = start + int(rng.integers(0, 8))
        inside = [k for k, (s, e) in enumerate(spans) if s < end and e > start]
        assert _cover(spans, start, end) == ((inside[0], inside[-1] + 1) if inside else None)


def test_encoder_maxout_and_layer_norm_give_thincs_floats_exactly() -> None:
    from thinc.api import NumpyOps

    from graph.relation_scorer.encoder import _layer_norm, _maxout

    rng = numpy.random.default_rng(5)
    pieces = (rng.standard_normal((300, 64, 3)) * 3).astype("float32")
    best = NumpyOps().maxout(pieces)[0]
    assert numpy.array_equal(_maxout(pieces), best)
    gain, shift = rng.standard_normal(64).astype("float32"), rng.standard_normal(64).astype("float32")
    # The formula the encoder ran before (mean and variance each computed from scratch), bit for bit.
    before = (best - best.mean(axis=1, keepdims=True)) * (best.var(axis=1, keepdims=True) + 1e-08) ** -0.5
    assert numpy.array_equal(_layer_norm(_maxout(pieces), gain, shift), before * gain + shift)


def test_marked_ngrams_are_those_of_scanning_every_start() -> None:
    from graph.relation_scorer.features import _EN_WORD, _marked_ngrams

    def scanned(text: str, first: tuple[int, int], second: tuple[int, int], head_first: bool, lang: str) -> list[str]:
        text = text.lower()
        a, b = ("<H>", "<T>") if head_first else ("<T>", "<H>")
        if lang == "zh":
            units = [*text[max(0, first[0] - 3):first[0]], a, *text[first[1]:second[0]], b,
                     *text[second[1]:second[1] + 3]]
            sizes, joiner = (2, 3, 4), ""
        else:
            units = [*_EN_WORD.findall(text[:first[0]])[-2:], a, *_EN_WORD.findall(text[first[1]:second[0]]), b,
                     *_EN_WORD.findall(text[second[1]:])[:2]]
            sizes, joiner = (2, 3), "_"
        return ["mk:" + joiner.join(units[i:i + n]) for n in sizes for i in range(len(units) - n + 1)
                if a in units[i:i + n] or b in units[i:i + n]]

    rng = numpy.random.default_rng(7)
    letters = list("ab c甲乙的 x-y'")
    for _ in range(500):
        text = "".join(rng.choice(letters, size=int(rng.integers(2, 40))))
        a, b, c, d = sorted(int(v) for v in rng.integers(0, len(text) + 1, size=4))
        for lang in ("zh", "en"):
            for head_first in (True, False):
                assert _marked_ngrams(text, (a, b), (c, d), head_first=head_first, lang=lang) == scanned(
                    text, (a, b), (c, d), head_first, lang)


def test_pair_keys_are_the_hashes_of_the_feature_strings_in_order() -> None:
    from spacy.strings import hash_string

    from graph.relation_scorer.features import TriggerIndex, pair_features, pair_keys
    from graph.schema import load_schema

    triggers = TriggerIndex.from_schema(load_schema())
    rng = numpy.random.default_rng(11)
    # "İ" lower-cases to two characters and "Σ" by its neighbours: sliced lower-cased text would differ.
    letters = list("ab c甲乙收购的 x-y'AB") + [" bought ", " by ", "公司", "Inc", "İ", "Σ"]
    for _ in range(400):
        text = "".join(rng.choice(letters, size=int(rng.integers(2, 30))))
        a, b, c, d = sorted(int(v) for v in rng.integers(0, len(text) + 1, size=4))
        for lang in ("zh", "en"):
            for head, tail in (((a, b), (c, d)), ((c, d), (a, b))):
                pair = CandidatePair(text, head, tail, head_type="Organization", tail_type="AIModel", lang=lang,
                                     extra=("dep:x", "xs:1") if a % 2 else ())
                # Twice: the second time the shared parts come from the caches.
                for _ in range(2):
                    features = pair_features(pair, triggers=triggers)
                    assert pair_keys(pair, triggers=triggers) == [hash_string(f) for f in features]
                # The between n-grams (Chinese) are those of the lower-cased text between, in order.
                order = "HT" if head <= tail else "TH"
                low = text[b:c].lower()
                grams = [f"b{order}:{low[i:i + n]}" for n in (1, 2, 3) for i in range(len(low) - n + 1)]
                assert [f for f in features if f.startswith(f"b{order}:")] == (grams if lang == "zh" else [])


def test_encoder_first_layer_sums_each_distinct_value_once_with_the_same_floats() -> None:
    from graph.relation_scorer.encoder import EncoderInference, build_relation_cnn

    model = build_relation_cnn(len(SCORER_LABELS))
    pairs = _toy_pairs()
    encoded = [encode_pair(p) for p in pairs]
    model.initialize(X=encoded)
    rng = numpy.random.default_rng(1)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, rng.normal(scale=0.5, size=node.get_param(name).shape).astype("float32"))
    inference = EncoderInference.from_model(model)
    assert inference is not None
    ids = numpy.concatenate([x[0] for x in encoded])
    assert len(numpy.unique(ids[:, 0])) < len(ids)  # units repeat, so the distinct-value path is exercised
    # The sum row by row, as the forward pass computed it before.
    bias, n_out, n_pieces = inference.first
    row_by_row = numpy.empty((len(ids), bias.shape[0]), dtype="float32")
    row_by_row[:] = bias
    for c, (table, seed) in enumerate(inference.tables):
        keys = inference.ops.hash(numpy.ascontiguousarray(ids[:, c]), seed) % table.shape[0]
        row_by_row += inference.ops.gather_add(table, keys)
    assert numpy.array_equal(inference._first_layer(ids), row_by_row.reshape(len(ids), n_out, n_pieces))
