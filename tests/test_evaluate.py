"""kg eval: exact scores on tiny gold sets, matching rules, modes, resolution pairs, JSON and CLI behaviour."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.command_line import app
from graph.evaluate import (
    CURVE_THRESHOLDS,
    EvalMode,
    GoldClaim,
    GoldDocument,
    GoldEntity,
    Score,
    evaluate_documents,
    load_gold,
)
from graph.exceptions import InputError


def _write_gold(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


THREE_SENTENCES = "Google acquired DeepMind. Microsoft partnered with OpenAI. OpenAI released Sora."


def test_scores_count_true_and_false_positives_and_misses_exactly() -> None:
    gold = GoldDocument("d1", THREE_SENTENCES, claims=(
        GoldClaim("Google", "acquired", "DeepMind"),       # found
        GoldClaim("OpenAI", "released", "Sora"),           # found
        GoldClaim("Meta", "acquired", "Scale AI"),         # not in the text: missed
    ))                                                     # Microsoft partnersWith OpenAI is not gold: spurious
    report = evaluate_documents([gold])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (2, 1, 1)
    assert report.by_relation["acquired"] == Score(1, 0, 1)
    assert report.by_relation["partnersWith"] == Score(0, 1, 0)
    assert report.by_relation["released"] == Score(1, 0, 0)
    assert round(report.micro.precision, 4) == round(report.micro.recall, 4) == 0.6667
    assert [e.relation for e in report.missed] == ["acquired"]
    assert [(e.subject, e.object) for e in report.spurious] == [("Microsoft", "OpenAI")]


def test_symmetric_relation_matches_in_either_direction_but_directed_ones_do_not() -> None:
    symmetric = GoldDocument("d1", "Nvidia competes with AMD.", claims=(GoldClaim("Nvidia", "competesWith", "AMD"),))
    directed = GoldDocument("d2", "Google acquired DeepMind.", claims=(GoldClaim("DeepMind", "acquired", "Google"),))
    assert evaluate_documents([symmetric]).micro == Score(1, 0, 0)
    assert evaluate_documents([directed]).micro == Score(0, 1, 1)


def test_gold_names_match_through_schema_aliases_and_the_gold_entity_list() -> None:
    across_scripts = GoldDocument("d1", "Google acquired DeepMind.", claims=(GoldClaim("谷歌", "acquired", "DeepMind"),))
    listed_alias = GoldDocument("d2", "Google acquired DeepMind.", claims=(GoldClaim("G Corp", "acquired", "DeepMind"),),
                                entities=(GoldEntity("G Corp", "Organization", ("Google",)),))
    unknown_name = GoldDocument("d3", "Google acquired DeepMind.", claims=(GoldClaim("G Corp", "acquired", "DeepMind"),))
    assert evaluate_documents([across_scripts]).micro == Score(1, 0, 0)
    assert evaluate_documents([listed_alias]).micro == Score(1, 0, 0)
    assert evaluate_documents([unknown_name]).micro == Score(0, 1, 1)


def test_polarity_and_modality_count_in_strict_scores_but_not_in_relaxed_ones() -> None:
    gold = GoldDocument("d1", "Google did not acquire DeepMind.", claims=(GoldClaim("Google", "acquired", "DeepMind"),))
    report = evaluate_documents([gold])
    assert report.micro == Score(0, 1, 1)
    assert report.relaxed == Score(1, 0, 0)


def test_duplicate_predictions_in_one_document_count_once() -> None:
    gold = GoldDocument("d1", "OpenAI released Sora. OpenAI released Sora again.",
                        claims=(GoldClaim("OpenAI", "released", "Sora"),))
    assert evaluate_documents([gold]).micro == Score(1, 0, 0)


def test_given_entities_mode_lets_the_extractor_find_names_it_cannot_find_alone() -> None:
    gold = GoldDocument("d1", "Zorblax acquired Quintor Labs.", claims=(GoldClaim("Zorblax", "acquired", "Quintor Labs"),),
                        entities=(GoldEntity("Zorblax", "Organization"), GoldEntity("Quintor Labs", "Organization")))
    assert evaluate_documents([gold], mode=EvalMode.OPEN).micro == Score(0, 0, 1)
    assert evaluate_documents([gold], mode=EvalMode.GIVEN_ENTITIES).micro == Score(1, 0, 0)


def test_threshold_leaves_out_less_confident_predictions_and_the_curve_agrees() -> None:
    gold = GoldDocument("d1", "Google acquired DeepMind.", claims=(GoldClaim("Google", "acquired", "DeepMind"),))
    low, high = evaluate_documents([gold], threshold=0.5), evaluate_documents([gold], threshold=0.95)
    assert low.micro == Score(1, 0, 0)
    assert high.micro == Score(0, 0, 1)
    curve = dict(low.curve)
    assert list(curve) == list(CURVE_THRESHOLDS)
    assert curve[0.5] == low.micro


def test_alias_pairs_must_merge_and_homonym_pairs_must_stay_apart() -> None:
    gold = GoldDocument("d1", "英伟达(NVIDIA)发布了新芯片。Google 发布了 Gemini。",
                        alias_pairs=(("英伟达", "NVIDIA"), ("Google", "Gemini")),
                        homonym_pairs=(("Google", "Gemini"), ("英伟达", "NVIDIA (the chipmaker)")))
    report = evaluate_documents([gold])
    assert report.pair_accuracy("alias") == (1, 2)
    assert report.pair_accuracy("homonym") == (1, 2)
    failures = {(p.kind, p.first) for p in report.pairs if not p.correct}
    assert failures == {("alias", "Google"), ("homonym", "英伟达")}


def test_eval_lists_contradictions_between_documents() -> None:
    docs = [GoldDocument("a", "Google acquired DeepMind.", date="2024-05-01"),
            GoldDocument("b", "Google did not acquire DeepMind.", date="2024-06-01")]
    report = evaluate_documents(docs)
    assert [(c.kind, c.first.doc_id, c.second.doc_id) for c in report.contradictions] == [
        ("opposite polarity", "a", "b")]


def test_absent_claims_that_were_extracted_are_reported() -> None:
    gold = GoldDocument("d1", "Google acquired DeepMind.", absent=(GoldClaim("Google", "acquired", "DeepMind"),))
    assert [e.object for e in evaluate_documents([gold]).absent_found] == ["DeepMind"]


def test_json_output_has_scores_curve_resolution_and_errors(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [
        {"id": "d1", "lang": "en", "text": THREE_SENTENCES, "claims": [["Google", "acquired", "DeepMind"]],
         "alias_pairs": [["Google", "谷歌"]]}])
    result = CliRunner().invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"gold", "mode", "threshold", "documents", "micro", "relaxed", "by_relation", "curve",
                         "resolution", "missed", "spurious", "absent_found", "contradictions"}
    assert data["mode"] == "open" and data["documents"] == 1
    assert {k: data["micro"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 2, "fn": 0}
    assert set(data["micro"]) == {"tp", "fp", "fn", "gold", "predicted", "precision", "recall", "f1"}
    assert [row["threshold"] for row in data["curve"]] == list(CURVE_THRESHOLDS)
    assert data["resolution"]["alias_pairs"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert {e["relation"] for e in data["spurious"]} == {"partnersWith", "released"}
    assert all(e["evidence"] for e in data["spurious"])


def test_cli_table_and_errors_show_relations_and_sentences(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [
        {"id": "d1", "text": THREE_SENTENCES, "claims": [["Google", "acquired", "DeepMind"],
                                                         ["Meta", "acquired", "Scale AI"]]}])
    # The rules' confidence (0.85) is what the line shows; the hybrid would re-score it.
    result = CliRunner().invoke(app, ["eval", str(gold), "--show-errors", "--extractor", "rules"])
    assert result.exit_code == 0, result.output
    assert "micro relaxed" in result.output and "precision/recall by confidence threshold" in result.output
    assert "d1: Microsoft partnersWith OpenAI (0.85) | Microsoft partnered with OpenAI." in result.output
    assert "d1: Meta acquired Scale AI | (no sentence names both)" in result.output


def test_given_entities_flag_changes_the_cli_result(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [
        {"id": "d1", "text": "Zorblax acquired Quintor Labs.", "claims": [["Zorblax", "acquired", "Quintor Labs"]],
         "entities": [{"name": "Zorblax", "type": "Organization"}, {"name": "Quintor Labs", "type": "Organization"}]}])
    open_run = json.loads(CliRunner().invoke(app, ["eval", str(gold), "--json"]).output)
    given_run = json.loads(CliRunner().invoke(app, ["eval", str(gold), "--json", "--given-entities"]).output)
    assert (open_run["micro"]["tp"], given_run["micro"]["tp"]) == (0, 1)
    assert given_run["mode"] == "given-entities"


def test_cli_eval_takes_the_extractor_like_build(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [
        {"id": "d1", "text": THREE_SENTENCES, "claims": [["Google", "acquired", "DeepMind"]]}])
    rules = CliRunner().invoke(app, ["eval", str(gold), "--json", "--extractor", "rules"])
    assert rules.exit_code == 0, rules.output
    assert json.loads(rules.output)["micro"]["tp"] == 1
    wrong = CliRunner().invoke(app, ["eval", str(gold), "--extractor", "magic"])
    assert wrong.exit_code == 2 and "rules" in wrong.output


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "gold.jsonl:1: not valid JSON"),
    ('{"text": "x", "claims": [["A", "bought", "B"]]}', "unknown relation(s) bought"),
    ('{"text": "x", "entities": [{"name": "A", "type": "Company"}]}', "type 'Company'; use one of Organization"),
    ('{"text": "x", "claims": [{"subject": "A", "relation": "acquired", "object": "B", "polarity": "maybe"}]}',
     "polarity 'maybe'"),
    ('{"title": "no text"}', "no 'text'"),
])
def test_cli_rejects_bad_gold_with_a_message_and_exit_code_2(tmp_path: Path, line: str, message: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_gold_file_is_exit_code_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "gold file not found" in result.output


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    with pytest.raises(InputError, match="id 'a' was already used on line 1"):
        load_gold(gold)


def test_file_entries_are_read_like_kg_build_reads_them(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Deal\ndate: 2024-03-01\n---\nGoogle acquired DeepMind.\n", encoding="utf-8")
    gold = _write_gold(tmp_path / "gold.jsonl", [{"file": "article.md", "claims": [
        {"subject": "Google", "relation": "acquired", "object": "DeepMind"}]}])
    [document] = load_gold(gold)
    assert (document.id, document.date, document.title) == ("article.md#0", "2024-03-01", "Deal")
    assert evaluate_documents([document]).micro == Score(1, 0, 0)
