"""Rules, model or both: the relation scorer confirms, re-scores or rejects rule claims and proposes pairs the
rules missed.

:class:`HybridExtractor` is a :class:`graph.claims.ClaimExtractor` whose ``extract`` runs the rules (unless the
mode is ``model``) and then the scorer over every ordered pair of ``doc.ents`` that share a sentence (the
mentions the rules see). Each claim records which path made it in ``Claim.extractor``:
``extractor-rules-1`` (untouched rule claim), ``extractor-hybrid-<v>`` (rule claim re-scored by the model),
``extractor-model-<v>`` (pair proposed by the model).

>>> from graph.settings import ExtractorMode
>>> resolve_mode(ExtractorMode.RULES) is ExtractorMode.RULES
True
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
from spacy.tokens import Doc, Span

from graph.claims import (
    Claim,
    ClaimExtractor,
    Modality,
    Polarity,
    TopicEntity,
    _governing_triggers,
    _trigger_arguments,
    _with_readings_for,
)
from graph.mentions import is_reference
from graph.nlp import text_of
from graph.schema import Cue, Schema, Trigger
from graph.settings import ExtractorMode, Settings

if TYPE_CHECKING:
    from graph.relation_scorer.component import RelationScorer
    from graph.relation_scorer.features import CandidatePair

#: The shipped model (``make train`` writes it); hybrid is the default only when it is present.
BUNDLED_MODEL = Path(__file__).resolve().parent / "relation_scorer" / "model"


@dataclass(frozen=True, slots=True)
class HybridThresholds:
    """How model probabilities and rule confidences combine (chosen on our gold dev set, see docs/model.md)."""

    #: Drop a rule claim when the model gives "none" at least this and the relation at most ``reject_max``;
    #: None (the default) never drops one: on held-out halves of our dev set, rejecting cost more recall than it
    #: gained precision, because our news is outside the corpora's domain.
    reject_none: float | None = None
    reject_max: float = 0.02
    #: A pair the rules missed becomes a claim at this probability (hybrid): higher than the model's own cut,
    #: because the rules already find the easy pairs and what is left is mostly noise (dev halves: 0.7 best) ...
    propose: float | None = 0.7
    #: ... and, in model-only mode, at this one. None means the model's own ``propose_threshold``, which
    #: training chose on its calibration split.
    model_accept: float | None = None
    #: A pair that shares no sentence becomes a claim at this probability; None: as ``propose`` / ``model_accept``.
    propose_cross: float | None = None
    #: The encoder (most of the hybrid's cost) skips an ordered entity pair of a sentence when the linear model
    #: alone, scored as if the encoder agreed with it, puts every relation of all its mention pairs that their
    #: types can hold (in either order) at least this many logits (of the calibrated probability) below the
    #: proposal cut, unless its scores re-score a rule claim (the claim's own sentence and direction): such a
    #: pair sets no claim's confidence and almost never reaches the cut. The band is a cascade's: the encoder lifts a pair by at
    #: most a few logits over the linear model, and only pairs that reach the hybrid's cut (``propose``, 0.7)
    #: matter. On the FinRE/Re-DocRED/dev calibration split (2,394 pairs, chosen there, never on held-out
    #: data) the encoder lifted no pair that reached 0.7 by more than 3.5 logits, and none reached it from
    #: more than 2.5 below (2 lost two, 3 none): 2.5 sends 15% of those pairs through the encoder, 5 sent 58%.
    #: On the examples one pair of 1,622 reached 0.7 from further below (4 to 5 logits, lost at 4 too); the
    #: encoder pairs go from 950 to about 300. None: every pair through the encoder.
    screen: float | None = 2.5


def model_available(path: Path | None = None) -> bool:
    """Whether a trained scorer is on disk (the bundled one unless ``path`` is given).

    >>> model_available(Path("/nonexistent"))
    False
    """
    return ((path or BUNDLED_MODEL) / "config.cfg").is_file()


#: Whether an unset ``Settings.extractor`` means hybrid when a model is present (issue 7). It was off until the
#: hybrid was shown to be at least as good as the rules on our own held-out gold sets and at least half as fast
#: in a build (docs/model.md and BENCHMARKS.md have the figures); ``--extractor rules`` opts out.
HYBRID_BY_DEFAULT = True


def resolve_mode(mode: ExtractorMode | None, *, model_path: Path | None = None) -> ExtractorMode:
    """The mode to run: the one asked for, else hybrid when the model is present (``HYBRID_BY_DEFAULT``), else
    rules.

    >>> resolve_mode(None, model_path=Path("/nonexistent")) is ExtractorMode.RULES
    True
    """
    if mode is not None:
        return mode
    if HYBRID_BY_DEFAULT and model_available(model_path):
        return ExtractorMode.HYBRID
    return ExtractorMode.RULES


@functools.lru_cache(maxsize=4)
def load_scorer(path: Path | None = None) -> RelationScorer:
    """The scorer component of a saved model, loaded once per process (lazily, offline)."""
    from graph.relation_scorer.component import FACTORY, RelationScorer
    from graph.relation_scorer.trainer import load_model

    nlp = load_model(path or BUNDLED_MODEL)
    scorer = nlp.get_pipe(FACTORY)
    assert isinstance(scorer, RelationScorer)
    return scorer


class HybridExtractor(ClaimExtractor):
    """A ClaimExtractor whose claims the relation scorer re-scores and completes (see the module docstring)."""

    def __init__(self, schema: Schema, *, settings: Settings | None = None, mode: ExtractorMode,
                 scorer: RelationScorer | None = None, thresholds: HybridThresholds | None = None) -> None:
        super().__init__(schema, settings=settings)
        if mode is ExtractorMode.RULES:
            from graph.relation_scorer import ExtractorModeError

            raise ExtractorModeError("HybridExtractor needs mode 'model' or 'hybrid', got 'rules'; use ClaimExtractor "
                                     "for 'rules'")
        self.mode = mode
        self.scorer = scorer if scorer is not None else load_scorer(self.settings.model_path)
        self.thresholds = thresholds or HybridThresholds()
        self.model_name = f"extractor-model-{self.scorer.version}"
        self.hybrid_name = f"extractor-hybrid-{self.scorer.version}"
        # Cue phrases by kind and language, each with the cue (some apply to a few relations only: "the deal
        # collapsed", "a bid for"). Chinese plan cues only where they are whole words of intent ("同意", "计划",
        # "拟"): 将 (and 将会) also marks an object or a plain future.
        self._negation = self._cues_of(schema, "negation")
        self._hedge = self._cues_of(schema, "hedge")
        self._plan = self._cues_of(schema, "plan", leave_out=("将", "将会"))
        self._typed_for_model: dict[tuple[str, str], bool] = {}
        self._fitting: dict[tuple[str, str], Any] = {}
        #: Same-sentence pairs scored, and pairs the screen kept from the encoder (the benchmark reports them).
        self.pairs_scored = 0
        self.pairs_screened = 0
        #: The rules' trigger decisions in the document being extracted (reset by ``extract``): the triggers the
        #: rules found, as ``(start token, end token, relation, phrase)``, and those they declined, with the
        #: entity ids of the arguments they had found for it (empty when the word lost to another reading).
        self._triggers_seen: list[tuple[int, int, str, str]] = []
        self._triggers_declined: list[tuple[int, int, str, str, frozenset[str]]] = []

    @property
    def extractor_names(self) -> tuple[str, ...]:
        """Every ``Claim.extractor`` value this extractor can produce."""
        names = (self.model_name,) if self.mode is ExtractorMode.MODEL else (
            self.settings.extractor_name, self.hybrid_name, self.model_name)
        return names

    def extract(self, doc: Doc, *, lang: str, topic: Sequence[TopicEntity] = (), doc_id: str = "",
                offset: int = 0) -> list[Claim]:
        """Rule claims re-scored by the model, plus the model's own claims (see :class:`HybridThresholds`)."""
        from graph.relation_scorer.component import candidate_pairs

        self._triggers_seen, self._triggers_declined = [], []
        rule_claims = [] if self.mode is ExtractorMode.MODEL else super().extract(
            doc, lang=lang, topic=topic, doc_id=doc_id, offset=offset)
        # The mentions the rules take as arguments: a Chinese name glued to a verb or cue ("担任公司") is none for
        # them, so it is none for the model either.
        ents = list(doc.ents) if self.mode is ExtractorMode.MODEL else self._argument_mentions(doc, lang)
        # Each mention's sentence, looked up once (``Span.sent`` walks the tokens on every call).
        sentences = [ent.sent for ent in ents]
        sentence_keys = [_sentence_key(s, offset) for s in sentences]
        located, linear = self._that_can_matter(list(candidate_pairs(ents, lang="en" if lang == "en" else "zh")),
                                                ents, sentences, sentence_keys, rule_claims)
        out = self._sentence_level(rule_claims, ents, sentence_keys, located, linear, lang=lang, doc_id=doc_id,
                                   offset=offset)
        out.extend(self._cross_sentence(doc, ents, out, lang=lang, doc_id=doc_id, offset=offset))
        return sorted(out, key=lambda c: (c.start, c.relation, c.subject, c.object))

    def _find_triggers(self, doc: Doc, lang: str, *, ents: Sequence[Span] | None = None) -> list[
            tuple[Span, Trigger]]:
        """The rules' triggers, recording for :meth:`_declined` each trigger word a longer trigger of another
        relation took over ("joined" inside "joined forces with") and each trigger another governs ("推迟发布":
        a delay, not a release): the rules read the word and chose another reading."""
        found = super()._find_triggers(doc, lang, ents=ents)
        spans = [(span.start, span.end) for span, _ in found]
        declined = []
        for match_id, start, end in self._matcher(lang, "trigger")(doc):
            trigger = self._trigger_by_key.get(doc.vocab.strings[match_id])
            if trigger is not None and any(a <= start and end <= b and b - a > end - start for a, b in spans):
                declined.append((start, end, trigger.relation, doc[start:end].text, frozenset[str]()))
        governing = {(span.start, span.end, trigger.relation) for span, trigger in _governing_triggers(found, doc)}
        declined += [(span.start, span.end, trigger.relation, span.text, frozenset[str]()) for span, trigger in found
                     if (span.start, span.end, trigger.relation) not in governing]
        self._triggers_seen = [(span.start, span.end, trigger.relation, span.text) for span, trigger in found]
        self._triggers_declined = sorted(declined, key=lambda d: d[:4])
        return found

    def _claims_for_trigger(self, ctx: Any, trig: Span, trigger: Trigger, cues: Any, topic: Sequence[TopicEntity],
                            doc_id: str, offset: int) -> list[Claim]:
        """The rules' claims for one trigger; one that gives none although the rules found both its arguments
        was declined by a rule (an aspectual use, "started his career with"; a member, not an employee, "joined
        the Green Party"; types the relation's domain and range exclude; a part of a company bought ...), and
        is recorded with those arguments for :meth:`_declined`. One whose arguments were not found is a miss,
        not a decision, and the model may still read the pair."""
        claims = super()._claims_for_trigger(ctx, trig, trigger, cues, topic, doc_id, offset)
        if not claims:
            spec = self.schema.relations[trigger.relation]
            agent, patient, _ = _trigger_arguments(_with_readings_for(ctx, spec), trig, trigger, spec)
            if agent and patient:
                found = frozenset(span.kb_id_ for span in agent.spans + patient.spans)
                self._triggers_declined.append((trig.start, trig.end, trigger.relation, trig.text, found))
        return claims

    def _declined(self, relation: str, head: Span, tail: Span) -> str | None:
        """A trigger of ``relation`` between the two mentions that the rules declined (see
        :meth:`_find_triggers` and :meth:`_claims_for_trigger`; one with arguments counts when the pair shares
        one of them), if any: the rules read that word and decided it states no such relation here, and the
        model, which sees the word as one feature among many, must not say it does."""
        low, high = min(head.end, tail.end), max(head.start, tail.start)
        pair = {head.kb_id_, tail.kb_id_}
        for start, end, rel, phrase, arguments in self._triggers_declined:
            if rel == relation and low <= start and end <= high and (not arguments or arguments & pair):
                return phrase
        return None

    def _cue_between(self, relation: str, head: Span, tail: Span) -> str:
        """What a model-only claim shows as its trigger: a trigger phrase of its relation between the two
        mentions, else the words between them (up to ``_GAP_SHOWN`` characters; a longer stretch explains
        nothing), so a reader sees what the model read."""
        low, high = min(head.end, tail.end), max(head.start, tail.start)
        for start, end, rel, phrase in self._triggers_seen:
            if rel == relation and low <= start and end <= high:
                return phrase
        first, second = sorted((head, tail), key=lambda s: s.start_char)
        gap = text_of(head.doc)[first.end_char:second.start_char].strip(_GAP_STRIP)
        return gap if len(gap) <= _GAP_SHOWN else ""

    def _that_can_matter(self, located: list[tuple[int, int, CandidatePair]], ents: list[Span],
                         sentences: list[Span], sentence_keys: list[int], rule_claims: list[Claim]) -> tuple[
                             list[tuple[int, int, CandidatePair]], Any]:
        """The candidate pairs whose scores can change a claim, and their linear scores when the screen ran
        (else None): an entity pair (in one sentence, both orders, all their mentions) is scored only if a rule
        claim links the two or the types fit some relation the model knows, in either direction, and then only
        through its closest two mentions (:func:`_closest`). The rest (two
        places, two dates ...) could neither be re-scored nor proposed, and scoring them was about a third of the
        hybrid's cost; the claims are the same without them. Then :attr:`HybridThresholds.screen` keeps from the
        encoder every pair that the linear model puts far below the cut, except those whose exact scores set a
        rule claim's confidence (:meth:`_rescored`)."""
        ruled = {frozenset((c.subject, c.object)) for c in rule_claims}
        kb_ids = [ent.kb_id_ for ent in ents]
        groups = [(sentences[i].start, frozenset((kb_ids[i], kb_ids[j]))) for i, j, _ in located]
        needed = set()
        for (i, j, _), group in zip(located, groups, strict=True):
            if group not in needed and (group[1] in ruled or self._types_fit(ents[i].label_, ents[j].label_)):
                needed.add(group)
        kept_groups = _closest([(item, group) for item, group in zip(located, groups, strict=True) if group in needed],
                               kb_ids)
        kept = [item for item, _ in kept_groups]
        screen = self.thresholds.screen
        if screen is None or getattr(self.scorer, "encoder_weight", 0.0) <= 0 or not kept:
            self.pairs_scored += len(kept)
            return kept, None
        linear = self.scorer.linear_scores([pair for _, _, pair in kept])
        cut = self._accept()
        # The calibrated probability ``screen`` logits below the cut.
        floor = cut / (cut + (1 - cut) * math.exp(screen))
        # Only the relations some mention pair of the two entities can hold, in either order, count: a proposal
        # needs its relation to accept the witnessing mentions' types, and a reverse outscores a proposal only in
        # the proposal's relation. A Person-Organization pair high in "acquired" alone changes no claim.
        fitting: dict[tuple[int, frozenset[str]], Any] = {}
        for (i, j, _), group in kept_groups:
            mask = self._fitting_labels(ents[i].label_, ents[j].label_)
            fitting[group] = mask if group not in fitting else fitting[group] | mask
        masks = numpy.asarray([fitting[group] for _, group in kept_groups])
        agreeing = numpy.where(masks, self.scorer.calibrate(linear), -1.0).max(axis=1)
        keys = [(sentence_keys[i], kb_ids[i], kb_ids[j]) for i, j, _ in kept]
        # By ordered entity pair of a sentence (all its mention pairs, so its best scores and the mentions that
        # witness a proposal stay those of the full run): one whose mention pairs are all below the floor can reach
        # no cut, so it can neither become a claim nor outscore the reverse of one (a proposal needs the cut in its
        # own direction and more than the reverse's score). Its reverse is decided on its own scores.
        hopeful = {key for key, p in zip(keys, agreeing, strict=True) if p >= floor}
        hopeful |= self._rescored(rule_claims, set(keys))
        rows = [k for k, key in enumerate(keys) if key in hopeful]
        self.pairs_scored += len(rows)
        self.pairs_screened += len(kept) - len(rows)
        return [kept[k] for k in rows], linear[rows]

    def _rescored(self, rule_claims: list[Claim], present: set[tuple[int, str, str]]) -> set[tuple[int, str, str]]:
        """The ``(sentence key, head, tail)`` of the pairs whose exact probabilities re-score a rule claim: its
        own sentence and direction (both for a symmetric relation, or when the model may reject it, which reads
        "none" in both), as :meth:`_sentence_level` reads them. A claim with no pair in its direction is re-scored
        from the reverse pairs' presence alone, so those stay too. A pair the rules link in another sentence, or
        the reverse of an asymmetric claim, only matters as a proposal, which the screen decides."""
        out: set[tuple[int, str, str]] = set()
        both = self.thresholds.reject_none is not None
        from graph.relation_scorer.labels import SYMMETRIC

        for claim in rule_claims:
            if claim.inferred or claim.relation not in self.scorer.labels:
                continue
            forward = (claim.start, claim.subject, claim.object)
            out.add(forward)
            if both or claim.relation in SYMMETRIC or forward not in present:
                out.add((claim.start, claim.object, claim.subject))
        return out

    def _types_fit(self, a: str, b: str) -> bool:
        known = self._typed_for_model.get((a, b))
        if known is None:
            specs = [spec for name, spec in self.schema.relations.items() if name in self.scorer.labels]
            known = any(spec.accepts(a, b) or spec.accepts(b, a) for spec in specs)
            self._typed_for_model[(a, b)] = known
        return known

    def _fitting_labels(self, a: str, b: str) -> Any:
        """Per scorer label, whether it is a relation of the schema that accepts types ``a`` and ``b`` in
        either order ("none" never is)."""
        mask = self._fitting.get((a, b))
        if mask is None:
            relations = self.schema.relations
            mask = numpy.asarray([label in relations and (relations[label].accepts(a, b)
                                                          or relations[label].accepts(b, a))
                                  for label in self.scorer.labels], dtype=bool)
            self._fitting[(a, b)] = mask
        return mask

    def _sentence_level(self, rule_claims: list[Claim], ents: list[Span], sentence_keys: list[int],
                        located: list[tuple[int, int, CandidatePair]], linear: Any, *, lang: str, doc_id: str,
                        offset: int) -> list[Claim]:
        """Rule claims re-scored, plus proposals for same-sentence pairs the rules missed (``sentence_keys``:
        :func:`_sentence_key` of each mention's sentence; ``linear``: the pairs' linear scores, or None)."""
        if not located:
            return list(rule_claims)
        pairs = [pair for _, _, pair in located]
        scores = self.scorer.score(pairs) if linear is None else self.scorer.score(pairs, linear=linear)
        # Per sentence and ordered entity pair, the best probability of each relation over their mentions.
        best: dict[tuple[int, str, str], dict[str, float]] = {}
        witness: dict[tuple[int, str, str], tuple[Span, Span]] = {}
        for (i, j, _), probs in zip(located, scores, strict=True):
            head, tail = ents[i], ents[j]
            key = (sentence_keys[i], head.kb_id_, tail.kb_id_)
            merged = best.setdefault(key, {})
            for label, p in probs.items():
                if label == "none":
                    # The pair has a relation if any of its mention pairs has one: "none" takes the minimum.
                    merged[label] = min(merged.get(label, 1.0), p)
                else:
                    merged[label] = max(merged.get(label, 0.0), p)
            witness.setdefault(key, (head, tail))
        out: list[Claim] = []
        seen: set[tuple[int, str, str, str]] = set()
        t = self.thresholds
        for claim in rule_claims:
            pair_probs = self._probabilities(best, claim.start, claim.subject, claim.object, claim.relation)
            if claim.inferred or pair_probs is None or claim.relation not in self.scorer.labels:
                out.append(claim)  # nothing the model can say about it
                continue
            p_rel, p_none = pair_probs
            seen.add((claim.start, claim.subject, claim.relation, claim.object))
            if t.reject_none is not None and p_none >= t.reject_none and p_rel <= t.reject_max:
                continue
            if claim.polarity == "negative":
                # The model scores whether the relation holds, not whether the sentence denies it: its agreement
                # ("Oracle did not acquire TikTok" scores high for acquired) is no evidence for the denial.
                out.append(claim)
                continue
            # Noisy-OR: the model's agreement raises the rule's confidence; its silence leaves it as it was
            # (only a confident "none" above removes a rule claim).
            confidence = round(min(0.99, claim.confidence + (1 - claim.confidence) * p_rel), 3)
            out.append(_replace(claim, confidence=confidence, extractor=self.hybrid_name))
        accept = self._accept()
        # Pairs a rule claim denies in a sentence ("华为并没有收购寒武纪"): the rules read a negation there, and the
        # model, which cannot, proposes no other relation for them in that sentence.
        denied = {(c.start, frozenset((c.subject, c.object))) for c in rule_claims if c.polarity == "negative"}
        for (start, subject, obj), label_probs in best.items():
            head, tail = witness[(start, subject, obj)]
            if (start, frozenset((subject, obj))) in denied:
                continue
            for relation, prob in label_probs.items():
                if relation == "none" or prob < accept or relation not in self.schema.relations:
                    continue
                spec = self.schema.relations[relation]
                # The reverse competes only when its types fit the relation: a reading the ontology's domain and
                # range exclude (an organisation working for a person) is no rival to the one they allow.
                reverse = best.get((start, obj, subject), {}).get(relation, 0.0) \
                    if spec.accepts(tail.label_, head.label_) else 0.0
                if not spec.symmetric and (reverse > prob or (reverse == prob and obj < subject)):
                    continue  # both directions scored high: only the likelier one is a claim
                s_span, o_span = head, tail
                if spec.symmetric and s_span.kb_id_ > o_span.kb_id_:
                    s_span, o_span = o_span, s_span
                claim_key = (start, s_span.kb_id_, relation, o_span.kb_id_)
                if claim_key in seen or not spec.accepts(s_span.label_, o_span.label_):
                    continue
                if any(c.start == start and c.relation == relation and {c.subject, c.object} ==
                       {s_span.kb_id_, o_span.kb_id_} and (spec.symmetric or c.subject == s_span.kb_id_)
                       for c in rule_claims):
                    continue  # the rules have it (perhaps rejected above): no second copy
                if self._declined(relation, head, tail) is not None:
                    continue  # the rules read this relation's trigger between the two and said no
                if relation == "owns" and any(c.start == start and c.relation == "subsidiaryOf" and
                                              {c.subject, c.object} == {o_span.kb_id_, s_span.kb_id_}
                                              for c in rule_claims):
                    # "字节跳动旗下的火山引擎": the rules read the narrower subsidiaryOf, which implies the parent's
                    # ownership; an owns proposal either way adds nothing or contradicts it.
                    continue
                if relation in _ONE_PER_SENTENCE_OBJECT and any(
                        c.start == start and c.relation == relation and c.object == o_span.kb_id_ and
                        c.subject != s_span.kb_id_ for c in rule_claims):
                    # "Facebook bought Instagram, the app started by Kevin Systrom": the rules read what the
                    # founder founded through the clause; the model's other company for them is the clause's
                    # neighbour (Facebook), not a second foundation told in one sentence.
                    continue
                if self.mode is ExtractorMode.HYBRID and (is_reference(head.text) or is_reference(tail.text)):
                    # "it", "她", "the company": the rules resolve a reference through its clause; the model sees
                    # only the word ("Character.AI foundedBy 她" from "她指控 Character.AI …").
                    continue
                seen.add(claim_key)
                out.append(self._model_claim(s_span, o_span, relation, round(prob, 3), lang=lang, doc_id=doc_id,
                                             offset=offset, trigger=self._cue_between(relation, head, tail)))
        return out

    def _accept(self) -> float:
        t = self.thresholds
        accept = t.model_accept if self.mode is ExtractorMode.MODEL else t.propose
        return self.scorer.propose_threshold if accept is None else accept

    def _cross_sentence(self, doc: Doc, ents: list[Span], claims: list[Claim], *, lang: str, doc_id: str,
                        offset: int) -> list[Claim]:
        """Proposals for entity pairs that share no sentence (:mod:`graph.relation_scorer.docpairs`), when the model was
        trained with them; never a triple the document already has a claim for."""
        window = getattr(self.scorer, "cross_sentence_window", 0)
        if window <= 0 or len(ents) < 2:
            return []
        from graph.relation_scorer.docpairs import DocMention, cross_sentence_pairs

        sentences = list(doc.sents)
        index_of = {sent.start: i for i, sent in enumerate(sentences)}
        mentions = [DocMention(e.kb_id_, e.label_, index_of[e.sent.start], e.start_char - e.sent.start_char,
                               e.end_char - e.sent.start_char, i) for i, e in enumerate(ents) if e.kb_id_]
        located = list(cross_sentence_pairs([s.text for s in sentences], mentions, window=window,
                                            lang="en" if lang == "en" else "zh"))
        if not located:
            return []
        # The mentions each pair was scored on are its evidence.
        witness = {(h.key, t.key): (ents[h.ref], ents[t.ref]) for h, t, _ in located}
        scores = {(h.key, t.key): probs for (h, t, _), probs in
                  zip(located, self.scorer.score([pair for _, _, pair in located]), strict=True)}
        have = {(c.subject, c.relation, c.object) for c in claims}
        have |= {(o, r, s) for s, r, o in have if r in self.schema.relations and self.schema.relations[r].symmetric}
        accept = self._accept() if self.thresholds.propose_cross is None else self.thresholds.propose_cross
        out = []
        for (head, tail), probs in scores.items():
            for relation, prob in probs.items():
                if relation == "none" or prob < accept or relation not in self.schema.relations:
                    continue
                spec = self.schema.relations[relation]
                reverse = scores.get((tail, head), {}).get(relation, 0.0)
                if reverse > prob or (reverse == prob and tail < head):
                    continue  # one claim per unordered pair and relation: the likelier direction
                if (head, relation, tail) in have:
                    continue
                s_span, o_span = witness[(head, tail)]
                if not spec.accepts(s_span.label_, o_span.label_):
                    continue
                have.add((head, relation, tail))
                out.append(self._model_claim(s_span, o_span, relation, round(prob, 3), lang=lang, doc_id=doc_id,
                                             offset=offset))
        return out

    @staticmethod
    def _probabilities(best: dict[tuple[int, str, str], dict[str, float]], start: int, subject: str, obj: str,
                       relation: str) -> tuple[float, float] | None:
        forward = best.get((start, subject, obj))
        backward = best.get((start, obj, subject))
        if forward is None and backward is None:
            return None
        p = (forward or {}).get(relation, 0.0)
        from graph.relation_scorer.labels import SYMMETRIC

        if relation in SYMMETRIC:
            p = max(p, (backward or {}).get(relation, 0.0))
        p_none = min((forward or {}).get("none", 1.0), (backward or {}).get("none", 1.0))
        return p, p_none

    @staticmethod
    def _cues_of(schema: Schema, kind: str, *,
                 leave_out: tuple[str, ...] = ()) -> dict[str, tuple[tuple[str, Cue], ...]]:
        return {lang: tuple((c.phrase.lower(), c) for c in schema.cues
                            if c.kind == kind and c.lang == lang and c.phrase not in leave_out)
                for lang in ("zh", "en")}

    def _model_claim(self, subject: Span, obj: Span, relation: str, probability: float, *, lang: str,
                     doc_id: str, offset: int, trigger: str = "") -> Claim:
        # The evidence is the sentence, or for a cross-sentence pair every sentence from one mention to the other.
        region_start = min(subject.sent.start_char, obj.sent.start_char)
        text = text_of(subject.doc)[region_start:max(subject.sent.end_char, obj.sent.end_char)]
        stripped = len(text) - len(text.lstrip())
        evidence = text.strip()
        start = offset + region_start + stripped
        first, second = sorted((subject, obj), key=lambda s: s.start_char)
        between = text_of(subject.doc)[first.end_char:second.start_char].lower()
        key = "en" if lang == "en" else "zh"
        # The model gives no polarity or modality: cue phrases between the two names decide, as a rule would.
        # English cues count as whole words: "not" is not in "another", "expect" not in "expected".
        def said(cues: tuple[tuple[str, Cue], ...], where: str) -> bool:
            return any(cue.applies_to(relation) and _said(phrase, where, key) for phrase, cue in cues)

        polarity: Polarity = "negative" if said(self._negation[key], between) else "positive"
        modality: Modality = "hedged" if said(self._hedge[key], text.lower()) else "asserted"
        # A plan cue between the two names ("Alphabet 已同意以320亿美元现金收购 Wiz") makes the claim a plan.
        if modality == "asserted" and said(self._plan[key], between):
            modality = "planned"
        return Claim(doc_id=doc_id, relation=relation, subject=subject.kb_id_, subject_name=subject.text,
                     subject_type=subject.label_, object=obj.kb_id_, object_name=obj.text, object_type=obj.label_,
                     polarity=polarity, modality=modality, confidence=probability, inferred=False, evidence=evidence,
                     start=start, end=start + len(evidence), trigger=trigger, extractor=self.model_name)


#: The longest stretch between two mentions that a model-only claim shows as its trigger text.
_GAP_SHOWN = 60
#: Spaces and punctuation trimmed from that stretch ("，" and "," are no words).
_GAP_STRIP = " \t\n,，、;；:：()（）\"'“”‘’"


#: Relations whose object rarely takes two subjects in one sentence: a founder founds one thing per telling.
_ONE_PER_SENTENCE_OBJECT = frozenset(["foundedBy"])


def _said(cue: str, text: str, lang: str) -> bool:
    """Whether a cue phrase occurs in ``text``: as whole words in English ("will", not "goodwill").

    >>> _said("will", "the goodwill it built", "en"), _said("agreed to", "they agreed to sell", "en")
    (False, True)
    """
    if lang != "en":
        return cue in text
    return re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", text) is not None


def _closest(kept_groups: list[tuple[tuple[int, int, CandidatePair], tuple[int, frozenset[str]]]],
             kb_ids: list[str]) -> list[tuple[tuple[int, int, CandidatePair], tuple[int, frozenset[str]]]]:
    """Of the mention pairs of one ordered entity pair in one sentence, only the closest two mentions (the
    least text between them, the first such pair on a tie): a name repeated in a sentence made a pair per
    mention, a fifth of the pairs on the examples, and the nearer mentions are the ones a relation is read
    from. Mentions without an entity id are kept as they are (their pairs are not one entity pair)."""
    closest: dict[tuple[int, str, str], tuple[int, int]] = {}
    for k, ((i, j, pair), (start, _)) in enumerate(kept_groups):
        if not (kb_ids[i] and kb_ids[j]):
            continue
        gap = max(pair.head[0], pair.tail[0]) - min(pair.head[1], pair.tail[1])
        key = (start, kb_ids[i], kb_ids[j])
        if key not in closest or gap < closest[key][0]:
            closest[key] = (gap, k)
    chosen = {k for _, k in closest.values()}
    return [item for k, item in enumerate(kept_groups)
            if k in chosen or not (kb_ids[item[0][0]] and kb_ids[item[0][1]])]


def _sentence_key(sent: Span, offset: int) -> int:
    """The claim ``start`` of a sentence: its first non-space character in the whole document."""
    text = text_of(sent.doc)[sent.start_char:sent.end_char]  # sent.text would join its tokens again
    return offset + sent.start_char + len(text) - len(text.lstrip())


def _replace(claim: Claim, **changes: object) -> Claim:
    import dataclasses

    return dataclasses.replace(claim, **changes)  # type: ignore[arg-type]


def make_extractor(schema: Schema, *, settings: Settings) -> ClaimExtractor:
    """The extractor ``settings.extractor`` asks for (hybrid when unset and a model is present, else rules).

    >>> from graph.schema import load_schema
    >>> s = Settings(extractor=ExtractorMode.RULES)
    >>> type(make_extractor(load_schema(), settings=s)).__name__
    'ClaimExtractor'
    """
    mode = resolve_mode(settings.extractor, model_path=settings.model_path)
    if mode is ExtractorMode.RULES:
        return ClaimExtractor(schema, settings=settings)
    if not model_available(settings.model_path):
        from graph.relation_scorer import ModelMissingError

        raise ModelMissingError(f"--extractor {mode.value} needs the relation scorer model at "
                         f"{settings.model_path or BUNDLED_MODEL}, which is missing; run `make train` or use "
                         "--extractor rules")
    return HybridExtractor(schema, settings=settings, mode=mode)
