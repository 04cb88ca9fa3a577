"""The schema drives extraction: a user relation or entity list works with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import extract, run_build_texts
from graph.exceptions import SchemaError

LICENSED_TTL = """\
@prefix kg: <https://w3id.org/claimgraph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:licensed a owl:ObjectProperty , kg:Relation ;
    rdfs:label "licensed"@en , "授权"@zh ;
    rdfs:domain kg:Organization ; rdfs:range kg:Product ;
    kg:trigger "licensed"@en , "licenses"@en , "授权"@zh .
"""


@pytest.fixture(scope="module")
def licensed_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "licensed.ttl"
    path.write_text(LICENSED_TTL, encoding="utf-8")
    return path


def test_a_user_relation_is_extracted_without_code_change(licensed_schema: Path) -> None:
    text = "Microsoft licensed GPT-4 from OpenAI for use in Bing."
    assert not [c for c in extract(text) if c.relation == "licensed"], "the bundled schema has no licensed relation"
    claims = [c for c in extract(text, extra_schemas=[licensed_schema]) if c.relation == "licensed"]
    assert [c.triple_names for c in claims] == [("Microsoft", "licensed", "GPT-4")]


def test_a_user_relation_works_in_chinese_and_in_the_passive(licensed_schema: Path) -> None:
    claims = extract("GPT-4 被微软授权用于必应搜索。", extra_schemas=[licensed_schema])
    assert [c.triple_names for c in claims if c.relation == "licensed"] == [("微软", "licensed", "GPT-4")]


def test_a_user_relation_appears_in_the_output_ontology(licensed_schema: Path) -> None:
    result = run_build_texts(["Microsoft licensed GPT-4 for use in Bing."], extra_schemas=[licensed_schema])
    predicates = {q.predicate.value for q in result.quads}
    subjects = {q.subject.value for q in result.quads}
    assert "https://w3id.org/claimgraph/ontology#licensed" in subjects | predicates


def test_a_user_recipient_trigger_gives_the_relation_to_the_name_after_it(tmp_path: Path) -> None:
    path = tmp_path / "licensed_to.ttl"
    path.write_text(LICENSED_TTL.replace('kg:trigger "licensed"@en', 'kg:recipientTrigger "licensed … to"@en , '
                                         '"将…授权给"@zh ; kg:trigger "licensed"@en'), encoding="utf-8")
    for text in ("OpenAI licensed GPT-4 to Microsoft.", "OpenAI 将 GPT-4 授权给微软。"):
        triples = [c.triple_names for c in extract(text, extra_schemas=[path]) if c.relation == "licensed"]
        assert triples == [(("Microsoft" if "Microsoft" in text else "微软"), "licensed", "GPT-4")], (text, triples)


def test_a_recipient_trigger_without_a_gap_is_a_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(LICENSED_TTL.replace('kg:trigger "licensed"@en', 'kg:recipientTrigger "licensed to"@en ; '
                                         'kg:trigger "licensed"@en'), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"recipientTrigger 'licensed to' has no gap mark.*'…'"):
        extract("OpenAI licensed GPT-4 to Microsoft.", extra_schemas=[path])


def test_a_user_entity_csv_types_an_unknown_name_and_merges_its_aliases(tmp_path: Path) -> None:
    entities = tmp_path / "entities.csv"
    entities.write_text("name,type,aliases\nZephyr Robotics,Organization,Zephyr|和风机器人|ZR Labs\n"
                        "Breeze-7,AIModel,Breeze 7B\n", encoding="utf-8")
    texts = ["Zephyr Robotics released Breeze-7 on Monday.", "和风机器人发布了 Breeze 7B。",
             "ZR Labs released Breeze-7 last week."]
    plain = run_build_texts(texts)
    plain_subjects = {c.subject for c in plain.claims if c.relation == "released"}
    assert len(plain_subjects) != 1, "without the list, the three names should not already meet in one IRI"
    result = run_build_texts(texts, extra_entities=[entities])
    released = [c for c in result.claims if c.relation == "released"]
    assert len(released) == 3, [c.triple_names for c in result.claims]
    assert len({c.subject for c in released}) == 1
    assert len({c.object for c in released}) == 1
    record = result.entities.records[released[0].subject]
    assert record.type == "Organization"
    assert {"Zephyr Robotics", "和风机器人", "ZR Labs"} <= record.names
    assert result.entities.records[released[0].object].type == "AIModel"
