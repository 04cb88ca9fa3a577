"""Hybrid extraction: the model confirms, re-scores or rejects rule claims and proposes missed pairs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy
import pytest
from typer.testing import CliRunner

from graph.build import run_build_texts
from graph.command_line import app
from graph.hybrid import HybridExtractor, HybridThresholds, load_scorer
from graph.relation_scorer import ModelMissingError
from graph.relation_scorer.features import CandidatePair
from graph.relation_scorer.labels import SCORER_LABELS
from graph.schema import load_schema
from graph.settings import ExtractorMode, Settings


class FixedScorer:
    """Stands in for the trained scorer: the same probabilities for every pair."""

    version = "test"
    propose_threshold = 0.5

    def __init__(self, **probabilities: float) -> None:
        self.labels = list(SCORER_LABELS)
        self.probabilities = {label: probabilities.get(label, 0.0) for label in self.labels}

    def score(self, pairs: Sequence[CandidatePair]) -> list[dict[str, float]]:
        return [dict(self.probabilities) for _ in pairs]


def _extract(text: str, scorer: FixedScorer, mode: ExtractorMode = ExtractorMode.HYBRID,
             thresholds: HybridThresholds | None = None) -> list:  # type: ignore[type-arg]
    extractor = HybridExtractor(load_schema(), mode=mode, scorer=scorer, thresholds=thresholds)  # type: ignore[arg-type]
    return extractor.extract_text(text, lang="en")


def test_rules_only_build_works_without_a_model(tmp_path: Path) -> None:
    settings = Settings(extractor=ExtractorMode.RULES, model_path=tmp_path / "no-model")
    result = run_build_texts(["Google acquired DeepMind in 2014."], settings=settings)
    assert [(c.triple_names, c.extractor) for c in result.claims] == [
        (("Google", "acquired", "DeepMind"), "extractor-rules-1")]


def test_default_falls_back_to_rules_when_the_model_is_absent(tmp_path: Path) -> None:
    result = run_build_texts(["Google acquired DeepMind in 2014."], settings=Settings(model_path=tmp_path))
    assert {c.extractor for c in result.claims} == {"extractor-rules-1"}


def test_asking_for_the_model_when_it_is_absent_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="--extractor rules"):
        run_build_texts(["x"], settings=Settings(extractor=ExtractorMode.HYBRID, model_path=tmp_path))


def test_model_agreement_raises_a_rule_claims_confidence() -> None:
    [claim] = _extract("Google acquired DeepMind in 2014.", FixedScorer(acquired=0.6, none=0.3))
    assert claim.triple_names == ("Google", "acquired", "DeepMind")
    assert claim.extractor == "extractor-hybrid-test"
    assert claim.confidence > 0.85


def test_a_confident_none_rejects_the_rule_claim_only_when_rejection_is_on() -> None:
    kept = _extract("Google acquired DeepMind in 2014.", FixedScorer(none=0.99))
    assert [c.triple_names for c in kept] == [("Google", "acquired", "DeepMind")]
    assert _extract("Google acquired DeepMind in 2014.", FixedScorer(none=0.99),
                    thresholds=HybridThresholds(reject_none=0.95)) == []


def test_a_proposal_needs_the_hybrid_threshold_and_only_one_direction_wins() -> None:
    assert _extract("Google and DeepMind, in one sentence.", FixedScorer(partnersWith=0.6, none=0.3)) == []
    claims = _extract("Google and DeepMind, in one sentence.", FixedScorer(acquired=0.8, none=0.1))
    # The fixed scorer gives both orders 0.8: one acquisition claim, not two contradicting ones.
    assert len(claims) == 1 and claims[0].relation == "acquired"


def test_model_proposes_a_pair_the_rules_missed() -> None:
    claims = _extract("Google and DeepMind, in one sentence.", FixedScorer(partnersWith=0.9, none=0.05))
    assert [(c.triple_names[1], c.extractor) for c in claims] == [("partnersWith", "extractor-model-test")]


def test_model_only_mode_ignores_the_rules() -> None:
    claims = _extract("Google acquired DeepMind in 2014.", FixedScorer(none=0.9), mode=ExtractorMode.MODEL)
    assert claims == []


def test_hybrid_build_writes_an_extractor_node_for_each_name_used() -> None:
    settings = Settings(extractor=ExtractorMode.HYBRID)
    result = run_build_texts(["Google acquired DeepMind in 2014."], settings=settings)
    used = {c.extractor for c in result.claims}
    version = load_scorer().version
    assert used and used <= {"extractor-rules-1", f"extractor-hybrid-{version}", f"extractor-model-{version}"}
    typed = {q.subject.value.rsplit("#", 1)[1] for q in result.quads
             if q.predicate.value.endswith("22-rdf-syntax-ns#type") and q.object.value.endswith("#Extractor")}
    generated = {q.object.value.rsplit("#", 1)[1] for q in result.quads if q.predicate.value.endswith("wasGeneratedBy")}
    assert generated == used and used <= typed


def test_cli_extractor_option_accepts_the_modes_and_rejects_others(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "g.ttl"), "--extractor", "rules", "-q"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "g.ttl"), "--extractor", "magic"])
    assert bad.exit_code == 2


def test_cross_sentence_pairs_are_proposed_once_when_the_model_was_trained_with_them() -> None:
    text = "Google is based in California. DeepMind is a London laboratory."
    scorer = FixedScorer(subsidiaryOf=0.9, none=0.05)
    assert _extract(text, scorer) == []  # a model trained without cross-sentence pairs never scores them
    scorer.cross_sentence_window = 1  # type: ignore[attr-defined]
    claims = _extract(text, scorer)
    # Both orders score 0.9: one claim, whose evidence covers both sentences.
    assert [(c.relation, c.extractor, c.evidence) for c in claims] == [("subsidiaryOf", "extractor-model-test", text)]
    scorer.cross_sentence_window = 0  # type: ignore[attr-defined]


def test_a_scorer_with_the_neural_encoder_plugs_into_the_hybrid() -> None:
    from graph.relation_scorer.trainer import load_training_config, train_scorer

    pairs = []
    for buyer, bought in [("Acme", "Widget"), ("Globex", "Initech"), ("Hooli", "Piedpiper"), ("Umbrella", "Soylent")]:
        text = f"{buyer} bought {bought} last year."
        head, tail = (0, len(buyer)), (len(buyer) + 8, len(buyer) + 8 + len(bought))
        pairs.append(CandidatePair(text, head, tail, head_type="Organization", tail_type="Organization",
                                   labels=frozenset({"acquired"}), group=text))
        pairs.append(CandidatePair(text, tail, head, head_type="Organization", tail_type="Organization", group=text))
    nlp = train_scorer(pairs * 5, [], config=load_training_config(overrides={"model.length": 4096}))
    scorer = nlp.get_pipe("claimgraph_relation_scorer")
    assert scorer.encoder is not None and scorer.encoder_weight > 0
    extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer)
    claims = extractor.extract_text("Google acquired DeepMind in 2014.", lang="en")
    assert [c.triple_names for c in claims] == [("Google", "acquired", "DeepMind")]
    assert claims[0].extractor in {"extractor-rules-1", f"extractor-hybrid-{scorer.version}"}


class CountingScorer(FixedScorer):
    """A FixedScorer that remembers the pairs it was asked about."""

    def __init__(self, **probabilities: float) -> None:
        super().__init__(**probabilities)
        self.seen: list[CandidatePair] = []

    def score(self, pairs: Sequence[CandidatePair]) -> list[dict[str, float]]:
        self.seen.extend(pairs)
        return super().score(pairs)


def test_pairs_whose_types_no_model_relation_accepts_are_not_scored() -> None:
    scorer = CountingScorer(none=0.9)
    extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer)  # type: ignore[arg-type]
    doc = extractor.doc_for("Google and DeepMind met in London and Paris.", lang="en")
    types = {e.text: e.label_ for e in doc.ents}
    assert types.get("London") == types.get("Paris") == "Place", types
    extractor.extract(doc, lang="en")
    scored = {(p.text[p.head[0]:p.head[1]], p.text[p.tail[0]:p.tail[1]]) for p in scorer.seen}
    assert ("Google", "DeepMind") in scored and ("DeepMind", "Google") in scored
    assert ("London", "Paris") not in scored and ("Paris", "London") not in scored


class ScreenedScorer(CountingScorer):
    """A CountingScorer with an encoder: its linear model says "acquired" for sentences with "praised" (so a
    real encoder could still lift them to the cut) and a confident "none" for every other pair."""

    encoder_weight = 0.5

    def linear_scores(self, pairs: Sequence[CandidatePair]) -> numpy.ndarray:  # type: ignore[type-arg]
        rows = numpy.zeros((len(pairs), len(self.labels)), dtype="float32")
        for row, pair in zip(rows, pairs, strict=True):
            row[self.labels.index("acquired" if "praised" in pair.text else "none")] = 20.0
        return rows

    def calibrate(self, scores: numpy.ndarray) -> numpy.ndarray:  # type: ignore[type-arg]
        from graph.relation_scorer.component import margins, sigmoid

        return sigmoid(margins(scores))  # type: ignore[no-any-return]

    def score(self, pairs: Sequence[CandidatePair], *, linear: object = None) -> list[dict[str, float]]:
        return super().score(pairs)


def _screened(text: str, thresholds: HybridThresholds, claims: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """(sentence, head, tail) of the pairs the encoder scored in ``text``, whose claims must be ``claims``."""
    scorer = ScreenedScorer(none=0.9)
    extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer,  # type: ignore[arg-type]
                                thresholds=thresholds)
    assert [c.triple_names for c in extractor.extract_text(text, lang="en")] == claims
    return {(p.text.strip(), p.text[p.head[0]:p.head[1]], p.text[p.tail[0]:p.tail[1]]) for p in scorer.seen}


def test_the_encoder_skips_pairs_the_linear_model_puts_far_below_the_cut_unless_a_rule_links_them() -> None:
    text = "Google and DeepMind met in London. Microsoft praised OpenAI. Google acquired Anthropic."
    claims = [("Google", "acquired", "Anthropic")]
    screened = {(head, tail) for _, head, tail in _screened(text, HybridThresholds(), claims)}
    assert ("Microsoft", "OpenAI") in screened and ("OpenAI", "Microsoft") in screened  # could reach the cut
    assert ("Google", "Anthropic") in screened  # its scores set the rule claim's confidence
    # The reverse of an asymmetric rule claim only matters as a proposal, which the linear model rules out.
    assert ("Anthropic", "Google") not in screened
    assert ("Google", "DeepMind") not in screened and ("DeepMind", "Google") not in screened
    unscreened = {(head, tail) for _, head, tail in _screened(text, HybridThresholds(screen=None), claims)}
    assert {("Google", "DeepMind"), ("Anthropic", "Google")} <= unscreened  # the screen off: every pair


def test_the_screen_keeps_both_orders_of_a_symmetric_rule_claim_in_its_own_sentence_only() -> None:
    text = "Google partnered with Anthropic. Google and Anthropic met in London."
    claims = [("Anthropic", "partnersWith", "Google")]
    # partnersWith reads both orders; the same two in the next sentence set no claim's confidence.
    first = "Google partnered with Anthropic."
    assert _screened(text, HybridThresholds(), claims) == {(first, "Google", "Anthropic"),
                                                          (first, "Anthropic", "Google")}
    assert len(_screened(text, HybridThresholds(screen=None), claims)) == 4


def test_the_screen_counts_only_the_relations_the_pairs_types_can_hold() -> None:
    # The linear model says "acquired" for both sentences: two companies can hold it, a person and a company
    # in neither order, so that pair can neither become a claim nor outscore one and skips the encoder.
    text = "Sam Altman praised Microsoft. Microsoft praised OpenAI."
    screened = {(head, tail) for _, head, tail in _screened(text, HybridThresholds(), [])}
    assert ("Microsoft", "OpenAI") in screened and ("OpenAI", "Microsoft") in screened
    assert ("Sam Altman", "Microsoft") not in screened and ("Microsoft", "Sam Altman") not in screened
    unscreened = {(head, tail) for _, head, tail in _screened(text, HybridThresholds(screen=None), [])}
    assert ("Sam Altman", "Microsoft") in unscreened  # a Person-Organization pair is scored (worksFor fits it)


class NearScorer(ScreenedScorer):
    """A ScreenedScorer whose linear model leaves "noted" sentences' pairs 3 logits below the hybrid's 0.7 cut in
    every relation (a margin of -2.15: "none" at 2.15, the relations at 0)."""

    def linear_scores(self, pairs: Sequence[CandidatePair]) -> numpy.ndarray:  # type: ignore[type-arg]
        rows = super().linear_scores(pairs)
        for row, pair in zip(rows, pairs, strict=True):
            if "noted" in pair.text:
                row[:] = 0.0
                row[self.labels.index("none")] = 2.15
        return rows


def test_the_screen_band_is_narrow_a_pair_three_logits_below_the_cut_skips_the_encoder() -> None:
    # On the calibration split no pair reached the 0.7 cut from more than 2.5 logits below its linear score:
    # the default band keeps this one from the encoder, the earlier band of 5 let it through.
    text = "Microsoft noted OpenAI. Google praised Anthropic."
    claims: list[tuple[str, str, str]] = []

    def seen(thresholds: HybridThresholds) -> set[tuple[str, str]]:
        scorer = NearScorer(none=0.9)
        extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer,  # type: ignore[arg-type]
                                    thresholds=thresholds)
        assert [c.triple_names for c in extractor.extract_text(text, lang="en")] == claims
        return {(p.text[p.head[0]:p.head[1]], p.text[p.tail[0]:p.tail[1]]) for p in scorer.seen}

    assert HybridThresholds().screen == 2.5
    narrow, wide = seen(HybridThresholds()), seen(HybridThresholds(screen=5.0))
    assert ("Google", "Anthropic") in narrow and ("Google", "Anthropic") in wide
    assert ("Microsoft", "OpenAI") not in narrow
    assert ("Microsoft", "OpenAI") in wide and ("OpenAI", "Microsoft") in wide


def test_a_repeated_name_is_paired_through_its_closest_mention_only() -> None:
    scorer = CountingScorer(none=0.9)
    extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer)  # type: ignore[arg-type]
    text = "Google said on Monday that Google had bought DeepMind."
    doc = extractor.doc_for(text, lang="en")
    assert [e.text for e in doc.ents].count("Google") == 2, [e.text for e in doc.ents]
    extractor.extract(doc, lang="en")
    second = text.index("Google", 1)
    pairs = sorted((p.head, p.tail) for p in scorer.seen)
    # One pair per order, through the second "Google" (the nearer one), not one per mention.
    assert pairs == [((second, second + 6), (45, 53)), ((45, 53), (second, second + 6))]


def test_no_proposal_where_the_rules_declined_that_relations_trigger_between_the_pair() -> None:
    # "joined" a party makes a member, not an employee: the rules say no, and the model may not say yes.
    scorer = FixedScorer(worksFor=0.95, none=0.01)
    assert [c.triple_names for c in _extract("Maria Lopez joined the Green Party in 2019.", scorer)] == []
    # Without the declined word between them the same scores still make a proposal.
    [claim] = _extract("Maria Lopez of the Green Party spoke in 2019.", scorer)
    assert claim.triple_names == ("Maria Lopez", "worksFor", "Green Party")
    assert claim.extractor == "extractor-model-test"


def test_a_pair_the_rules_deny_gets_no_model_claim_and_no_raised_confidence() -> None:
    claims = _extract("Oracle did not acquire TikTok.", FixedScorer(acquired=0.9, owns=0.9, none=0.01))
    # The model cannot read the negation: the denial keeps the rules' confidence, and no "Oracle owns TikTok".
    assert [(c.triple_names, c.polarity, c.confidence, c.extractor) for c in claims] == [
        (("Oracle", "acquired", "TikTok"), "negative", 0.85, "extractor-rules-1")]


def test_a_model_only_claim_shows_the_words_between_the_pair_as_its_trigger() -> None:
    [claim] = _extract("Google, together with DeepMind, in one sentence.", FixedScorer(partnersWith=0.9, none=0.05))
    assert claim.extractor == "extractor-model-test"
    assert claim.trigger == "together with"


def test_no_proposal_has_a_pronoun_or_a_description_as_an_argument() -> None:
    # The rules resolve "it" through its clause; the model sees only the word, so it proposes nothing for it.
    scorer = FixedScorer(foundedBy=0.95, none=0.01)
    claims = _extract("Stripe is a payments firm. Two years later it hired Maria Lopez.", scorer)
    assert not [c for c in claims if c.extractor == "extractor-model-test" and
                (c.subject_name.lower() == "it" or c.object_name.lower() == "it")], [c.triple_names for c in claims]


def test_a_plan_cue_between_the_pair_makes_a_model_claim_planned() -> None:
    scorer = FixedScorer(acquired=0.95, none=0.01)
    [claim] = _extract("Google, which agreed to pay for Wiz, in one sentence.", scorer)
    assert claim.extractor == "extractor-model-test" and claim.modality == "planned"
    [plain] = _extract("Google, together with Wiz, in one sentence.", scorer)
    assert plain.modality == "asserted"


def test_english_cues_of_a_model_claim_count_as_whole_words_and_for_their_relations() -> None:
    scorer = FixedScorer(partnersWith=0.95, none=0.01)
    # "another" holds "not", "expected" holds "expect": neither negates nor hedges.
    [claim] = _extract("Google, another sponsor, and Wiz were expected at the fair.", scorer)
    assert claim.extractor == "extractor-model-test"
    assert (claim.polarity, claim.modality) == ("positive", "asserted")
    # A bid plans a purchase, not a partnership.
    [bid] = _extract("Google, with a bid ready, and Wiz met.", scorer)
    assert bid.modality == "asserted"
    [negated] = _extract("Google, not Wiz, in one sentence.", scorer)
    assert negated.polarity == "negative"


def test_no_owns_proposal_where_the_rules_read_the_narrower_subsidiary() -> None:
    # A parent owns its subsidiary: "owns" beside the rules' subsidiaryOf says nothing new and counts twice.
    scorer = FixedScorer(owns=0.95, none=0.01)
    extractor = HybridExtractor(load_schema(), mode=ExtractorMode.HYBRID, scorer=scorer)  # type: ignore[arg-type]
    triples = {c.triple_names for c in extractor.extract_text("阿里巴巴旗下的阿里云发布了新模型。", lang="zh")}
    assert ("阿里云", "subsidiaryOf", "阿里巴巴") in triples
    assert not [t for t in triples if t[1] == "owns"], triples


def test_no_second_company_for_a_founder_the_rules_placed_in_the_same_sentence() -> None:
    # The rules read "the app started by X" as Instagram's founding; the model's Facebook foundedBy X is the
    # neighbouring clause, not a second foundation.
    scorer = FixedScorer(foundedBy=0.95, none=0.01)
    triples = {c.triple_names for c in _extract(
        "Facebook bought Instagram, the photo-sharing app started by Kevin Systrom, in 2012.", scorer)}
    assert ("Instagram", "foundedBy", "Kevin Systrom") in triples
    assert ("Facebook", "foundedBy", "Kevin Systrom") not in triples, triples
