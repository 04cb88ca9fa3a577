"""Figures for docs/model.md: micro-F1 of rules, model and hybrid on held-out FinRE and Re-DocRED (given
entities) and on our own gold JSONL (open mode: our own mention finding).

``python -m graph.relation_scorer.evaluation --data ../shared/train [--gold tests/gold/dev.jsonl] [--kg-eval GOLD]`` prints
the tables.
A prediction is a positive claim at or above the assertion threshold, restricted to the relations the corpus's
labels map to; symmetric relations are compared without direction.

>>> Score(tp=3, fp=1, fn=2).f1
0.667
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from graph.claims import Claim, ClaimExtractor
from graph.mentions import resolve_references
from graph.relation_scorer.corpora import (
    FinreInstance,
    RedocDocument,
    finre_spans,
    normalise_triple,
    read_finre,
    read_redocred,
    split_documents,
)
from graph.relation_scorer.labels import FINRE_ACTIVE, REDOCRED
from graph.schema import Schema, load_schema
from graph.settings import ExtractorMode, Settings

FINRE_RELATIONS = frozenset(FINRE_ACTIVE.values())
REDOCRED_RELATIONS = frozenset(m.relation for m in REDOCRED.values())


@dataclass(slots=True)
class Score:
    """Micro-averaged counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[tuple[str, str, str]], predicted: set[tuple[str, str, str]]) -> None:
        """Count one unit (sentence or document)."""
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.tp / max(1, self.tp + self.fp), self.tp / max(1, self.tp + self.fn)
        return round(2 * p * r / (p + r), 3) if p + r else 0.0


def given_entity_doc(extractor: ClaimExtractor, text: str, *, lang: str,
                     mentions: Iterable[tuple[int, int, str, str]], references: bool = False) -> Doc:
    """Tokenise ``text`` and set ``doc.ents`` to the given mentions ``(start, end, type, id)`` (character offsets;
    overlapping mentions keep the first).

    A token that runs over a mention's edge is split there: jieba joins a name to the word next to it ("为华立",
    "称宝能"), and a given name is given with its edges.

    ``references``: also resolve pronouns and descriptions to the given entities, as open mode does ("Halo is a
    game. It was developed by Bungie."); a corpus that labels whole documents (Re-DocRED) labels what they say.

    >>> from graph.schema import load_schema
    >>> doc = given_entity_doc(ClaimExtractor(load_schema()), "公告称宝能已增持万科。", lang="zh",
    ...                        mentions=[(3, 5, "Entity", "宝能"), (8, 10, "Entity", "万科")])
    >>> [e.text for e in doc.ents], [t.text for t in doc][:3]
    (['宝能', '万科'], ['公告', '称', '宝能'])
    """
    mentions = list(mentions)
    doc = _split_at(extractor.mentions.nlp(lang)(text), {k for start, end, _, _ in mentions for k in (start, end)})
    spans: list[Span] = []
    taken: set[int] = set()
    for start, end, kind, ident in sorted(mentions):
        span = doc.char_span(start, end, label=kind or "Entity", kb_id=ident, alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        spans.append(span)
    doc.ents = resolve_references(doc, spans, lang) if references else spans
    return doc


def _split_at(doc: Doc, offsets: set[int]) -> Doc:
    """``doc`` with every token that a character offset falls inside split at that offset."""
    cuts = []
    for token in doc:
        inside = sorted(k for k in offsets if token.idx < k < token.idx + len(token.text))
        if inside:
            edges = [token.idx, *inside, token.idx + len(token.text)]
            cuts.append((token, [token.text[a - token.idx:b - token.idx] for a, b in itertools.pairwise(edges)]))
    if cuts:
        with doc.retokenize() as retokenizer:
            for token, pieces in cuts:
                retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
    return doc


def entailed(triples: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """``triples`` with what our ontology says they imply: a parent owns its subsidiary (subsidiaryOf is the
    narrower reading of owns between two organisations, schemas/ontology.ttl). Wikidata annotators say the same:
    in Re-DocRED most pairs labelled parent organization/subsidiary (P749/P355) are labelled owned by (P127) too,
    so a claim "Y subsidiaryOf X" that is not also read as "X owns Y" would count as a miss.

    >>> sorted(entailed({("y", "subsidiaryOf", "x"), ("a", "worksFor", "b")}))
    [('a', 'worksFor', 'b'), ('x', 'owns', 'y'), ('y', 'subsidiaryOf', 'x')]
    """
    out = set(triples)
    out.update((o, "owns", s) for s, r, o in list(out) if r == "subsidiaryOf")
    return out


def _predicted(claims: Iterable[Claim], relations: frozenset[str], threshold: float,
               gold: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The claims as normalised triples of the corpus's relations, plus what they entail where the gold says it.

    An entailed triple the gold does not list is left out rather than counted as spurious: the corpus labels
    some parent/subsidiary pairs owned-by too and some not, and the claim itself is scored either way.
    """
    said = {(c.subject, c.relation, c.object) for c in claims
            if c.polarity == "positive" and c.confidence >= threshold}
    stated = {normalise_triple(s, r, o) for s, r, o in said if r in relations}
    implied = {normalise_triple(s, r, o) for s, r, o in entailed(said) if r in relations}
    return stated | (implied & gold)


def evaluate_finre(instances: Sequence[FinreInstance], extractors: dict[str, ClaimExtractor], *,
                   threshold: float = 0.5) -> dict[str, Score]:
    """Per extractor, micro-F1 over FinRE sentences with the two given entities (typed unknown)."""
    scores = {name: Score() for name in extractors}
    first = next(iter(extractors.values()))
    for inst in instances:
        spans = finre_spans(inst)
        if spans is None:
            continue
        (hs, he), (ts, te) = spans
        doc = given_entity_doc(first, inst.sentence, lang="zh",
                               mentions=[(hs, he, "Entity", inst.head), (ts, te, "Entity", inst.tail)])
        gold = inst.gold()
        for name, extractor in extractors.items():
            claims = extractor.extract(doc, lang="zh", doc_id="finre")
            scores[name].add(gold, _predicted(claims, FINRE_RELATIONS, threshold, gold))
    return scores


def evaluate_redocred(docs: Sequence[RedocDocument], extractors: dict[str, ClaimExtractor], *,
                      threshold: float = 0.5) -> dict[str, Score]:
    """Per extractor, micro-F1 over held-out Re-DocRED documents with the given (typed) entity mentions."""
    scores = {name: Score() for name in extractors}
    first = next(iter(extractors.values()))
    for doc_record in docs:
        text_parts, starts, pos = [], [], 0
        for sentence in doc_record.sentences:
            starts.append(pos)
            text_parts.append(sentence)
            pos += len(sentence) + 1
        # One sentence a line: our sentence splitter ends a sentence at a newline, so the corpus's split holds.
        text = "\n".join(text_parts)
        mentions = [(starts[sid] + a, starts[sid] + b, entity.type or "Entity", str(index))
                    for index, entity in enumerate(doc_record.entities) if entity.type
                    for sid, a, b in entity.mentions]
        doc = given_entity_doc(first, text, lang="en", mentions=mentions, references=True)
        gold = {normalise_triple(str(h), r, str(t)) for h, r, t in doc_record.gold}
        for name, extractor in extractors.items():
            claims = extractor.extract(doc, lang="en", doc_id="redocred")
            scores[name].add(gold, _predicted(claims, REDOCRED_RELATIONS, threshold, gold))
    return scores


def evaluate_gold(path: str | Path, extractors: dict[str, ClaimExtractor], *,
                  threshold: float = 0.5) -> dict[str, Score]:
    """Per extractor, micro-F1 on our gold JSONL in open mode (our mention finding; names matched by alias)."""
    scores = {name: Score() for name in extractors}
    first = next(iter(extractors.values()))
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        lang = "en" if record.get("lang") == "en" else "zh"
        canonical: dict[str, str] = {}
        for entity in record.get("entities", ()):
            for name in [entity["name"], *entity.get("aliases", ())]:
                canonical[name.casefold()] = entity["name"]
        gold = {normalise_triple(canonical.get(c["subject"].casefold(), c["subject"]), c["relation"],
                                 canonical.get(c["object"].casefold(), c["object"]))
                for c in record.get("claims", ()) if c.get("polarity", "positive") == "positive"}
        doc = first.doc_for(record["text"], lang=lang)
        topic = first.topic_of(record.get("title"), doc, lang=lang)
        for name, extractor in extractors.items():
            claims = extractor.extract(doc, lang=lang, topic=topic, doc_id=record.get("id", ""))
            predicted = {normalise_triple(canonical.get(c.subject_name.casefold(), c.subject_name), c.relation,
                                          canonical.get(c.object_name.casefold(), c.object_name))
                         for c in claims if c.polarity == "positive" and c.confidence >= threshold}
            scores[name].add(gold, predicted)
    return scores


def kg_eval_totals(path: str | Path, *, model_path: Path | None = None) -> dict[str, Score]:
    """Rules vs hybrid on a gold JSONL scored exactly as ``kg eval`` scores it (open mode), micro totals only:
    held-out sets may be compared this way without reading a single error.

    >>> import tempfile, pathlib
    >>> gold = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = gold.write_text('{"id": "a", "text": "OpenAI released Sora.", "claims": [["OpenAI", "released", "Sora"]]}')
    >>> {name: score.f1 for name, score in kg_eval_totals(gold).items()}
    {'rules': 1.0, 'hybrid': 1.0}
    """
    from graph.evaluate import evaluate_gold as kg_evaluate

    out = {}
    for mode in (ExtractorMode.RULES, ExtractorMode.HYBRID):
        micro = kg_evaluate(path, settings=Settings(extractor=mode, model_path=model_path)).micro
        out[mode.value] = Score(micro.tp, micro.fp, micro.fn)
    return out


def make_extractors(schema: Schema, *, model_path: Path | None = None) -> dict[str, ClaimExtractor]:
    """rules, model and hybrid extractors sharing one scorer; "hybrid, model's cut" proposes pairs at the
    threshold training chose on the corpora's calibration split instead of the hybrid default (which is chosen for
    our own news), so the table shows what that choice costs on the corpora."""
    from graph.hybrid import HybridExtractor, HybridThresholds, load_scorer

    settings = Settings(model_path=model_path)
    scorer = load_scorer(model_path)
    return {
        "rules": ClaimExtractor(schema, settings=settings),
        "model": HybridExtractor(schema, settings=settings, mode=ExtractorMode.MODEL, scorer=scorer),
        "hybrid": HybridExtractor(schema, settings=settings, mode=ExtractorMode.HYBRID, scorer=scorer),
        "hybrid, model's cut": HybridExtractor(schema, settings=settings, mode=ExtractorMode.HYBRID, scorer=scorer,
                                               thresholds=HybridThresholds(propose=None)),
    }


def format_table(rows: dict[str, dict[str, Score]]) -> str:
    """A Markdown table: one row per data set, P/R/F1 per extractor.

    >>> print(format_table({"x": {"rules": Score(1, 1, 1)}}))
    | set | rules P / R / F1 |
    |---|---|
    | x | 0.5 / 0.5 / **0.5** |
    """
    names = list(next(iter(rows.values())).keys())
    lines = ["| set | " + " | ".join(f"{n} P / R / F1" for n in names) + " |", "|---|" + "---|" * len(names)]
    for title, scores in rows.items():
        cells = [f"{s.precision} / {s.recall} / **{s.f1}**" for s in scores.values()]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the figures table."""
    parser = argparse.ArgumentParser(prog="python -m graph.relation_scorer.evaluation")
    parser.add_argument("--data", default=None, help="folder with finre/ and redocred/")
    parser.add_argument("--gold", action="append", default=[], help="our gold JSONL (repeatable)")
    parser.add_argument("--kg-eval", action="append", default=[], metavar="GOLD",
                        help="gold JSONL scored as `kg eval` does, rules vs hybrid, totals only (repeatable)")
    parser.add_argument("--model", default=None, help="model folder (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--held-out", type=float, default=0.2)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    model_path = Path(args.model) if args.model else None
    extractors = make_extractors(load_schema(), model_path=model_path)
    rows: dict[str, dict[str, Score]] = {}
    if args.data and (Path(args.data) / "finre" / "valid.txt").is_file():
        rows["FinRE valid (given entities)"] = evaluate_finre(read_finre(Path(args.data) / "finre" / "valid.txt"),
                                                              extractors)
    if args.data and (Path(args.data) / "redocred" / "dev_revised.json").is_file():
        docs = read_redocred(Path(args.data) / "redocred" / "dev_revised.json")
        _, held_out = split_documents(docs, held_out=args.held_out, seed=args.seed)
        rows["Re-DocRED held-out 20% (given entities)"] = evaluate_redocred(held_out, extractors)
    for gold in args.gold:
        if Path(gold).is_file():
            rows[f"{Path(gold).name} (open mode)"] = evaluate_gold(gold, extractors)
    kg_rows = {f"{Path(gold).name} (kg eval, open mode)": kg_eval_totals(gold, model_path=model_path)
               for gold in args.kg_eval if Path(gold).is_file()}
    if not rows and not kg_rows:
        print("nothing to evaluate: pass --data with finre/ or redocred/, --gold FILE or --kg-eval FILE",
              file=sys.stderr)
        return 2
    for table in (rows, kg_rows):
        if table:
            print(format_table(table))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
