"""Entity resolution: homonyms kept apart, aliases the text states merged, every decision recorded, overrides."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import run_build_texts
from graph.evaluate import GoldDocument, evaluate_documents
from graph.exceptions import SchemaError
from graph.mentions import MentionFinder, resolution_of
from graph.schema import Schema, load_schema
from graph.settings import Settings

# Invented names, so the tests do not lean on the bundled entity list.
ENTITIES = """name,type,aliases
Orca,Product,
Tavern,Organization,
Pavo,AIModel,
Kestrel,AIModel,KESTREL
甘蓝科技,Organization,
甘蓝,Organization,
Lumen Robotics,Organization,
栗子,Organization,
栗子科技,Organization,
栗子星河,Product,
Harrow Air Lines,Organization,
Tang Weiluo,Person,
"""


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Schema:
    path = tmp_path_factory.mktemp("resolution") / "entities.csv"
    path.write_text(ENTITIES, encoding="utf-8")
    return load_schema(Settings(), extra_entities=[path])


@pytest.fixture(scope="module")
def finder(schema: Schema) -> MentionFinder:
    return MentionFinder(schema)


def mentions(finder: MentionFinder, text: str, lang: str = "en") -> list[tuple[str, str]]:
    doc = finder(finder.nlp(lang)(text), lang=lang)
    return [(e.text, e.kb_id_.rsplit("/", 1)[-1]) for e in doc.ents]


# ------------------------------------------------------------------------------------------------ homonyms
@pytest.mark.parametrize("text", [
    "Orca, the ancient board game, is played on a grid.",
    "Few have mastered the game of Orca.",
    "Pavo, the constellation, is seen in the south.",
    "He named the company after the Tavern, the oldest inn in town.",
    "The name comes from Kestrel, a bird of prey.",
    "Pavo is a constellation of the southern sky.",
    "The city is named after the Tavern.",
    "The Pavo constellation is faint.",
    "In Chinese, Kestrel simply means a small falcon.",
    # A spaceflight, a dish, a river and a town of the same name.
    "NASA flew ten crewed Pavo missions in 1966.",
    "Tavern pie is served with cream.",
    "Deforestation along the Tavern rose again last year.",
    "Boats moored on the banks of the Tavern.",
    "The plant is far from the Tavern, whose basin floods each spring.",
    "Tavern, a town in Finland, gave the company its name.",
    # A sign of the zodiac.
    "People born under the Pavo sign are said to be curious.",
    "Those born under Pavo are said to be curious.",
])
def test_a_name_described_as_another_kind_of_thing_is_no_mention(finder: MentionFinder, text: str) -> None:
    assert [m for m in mentions(finder, text) if m[0] in ("Orca", "Tavern", "Pavo", "Kestrel")] == []


@pytest.mark.parametrize("text, name", [
    ("Tavern released Orca, the programming language, in 2009.", "Orca"),
    ("Tavern, the online retailer, bought a grocer.", "Tavern"),
    ("Jo was named chief executive after Tavern bought the firm.", "Tavern"),
    ("Pavo outperforms Kestrel on the benchmark.", "Pavo"),
    # A description that names the company's own kind, or a place only after "in", is the entity's.
    ("Tavern, a company in the city of Leeds, bought a grocer.", "Tavern"),
    ("Tavern, the company named after the river, bought a grocer.", "Tavern"),
    ("Tavern, the city's largest employer, bought a grocer.", "Tavern"),
    # "sign" as a verb after the name.
    ("Tavern and Pavo sign a supply deal.", "Tavern"),
])
def test_the_entity_sense_keeps_its_mention(finder: MentionFinder, text: str, name: str) -> None:
    assert name in [m[0] for m in mentions(finder, text)]


def test_a_capitalised_one_word_name_is_not_the_lower_case_word(finder: MentionFinder) -> None:
    found = [m[0] for m in mentions(finder, "A kestrel hovered while KESTREL and Kestrel were benchmarked.")]
    assert "kestrel" not in found and "Kestrel" in found


@pytest.mark.parametrize("text", [
    "他早上买了两斤甘蓝。",
    "甘蓝科技的名字来源于甘蓝。",
    "北方人常吃甘蓝，甘蓝也是一种蔬菜。",
    "甘蓝（Kestrel）是一种常见的蔬菜。",
    "甘蓝汁很受欢迎。",
    "甘蓝的意思是一种蔬菜。",
    # The name glued to a family name is part of a person's name.
    "当地居民李甘蓝说，他昨天买了一部手机。",
    "王甘蓝先生在银行工作。",
])
def test_chinese_common_noun_uses_of_a_name_are_no_mention(finder: MentionFinder, text: str) -> None:
    assert [m for m in mentions(finder, text, "zh") if m[0] == "甘蓝"] == []


@pytest.mark.parametrize("text, name", [
    ("乐队的专辑《甘蓝》于1973年发行。", "甘蓝"),  # a work's title after its kind
    ("出土的甘蓝是最早的成熟文字。", "甘蓝"),  # said to be a script
    ("双子座（Pavo）是黄道十二宫之一。", "Pavo"),  # a Latin name glossing a constellation
])
def test_chinese_text_marking_another_kind_of_thing_is_no_mention(finder: MentionFinder, text: str,
                                                                 name: str) -> None:
    assert [m for m in mentions(finder, text, "zh") if m[0] == name] == []


def test_a_work_s_kind_before_a_product_keeps_it(finder: MentionFinder) -> None:
    assert ("Orca", "orca") in mentions(finder, "游戏《Orca》上线了。", "zh")


def test_chinese_entity_sense_survives_a_copula(finder: MentionFinder) -> None:
    assert ("甘蓝", "甘蓝") in mentions(finder, "甘蓝是一家芯片公司。", "zh")


def test_chinese_talk_about_the_name_is_the_other_sense(finder: MentionFinder) -> None:
    text = "甘蓝科技发布了新芯片。“甘蓝”一词原本指一种蔬菜。这家公司与田里常见的甘蓝同名。"
    found = mentions(finder, text, "zh")
    assert ("甘蓝科技", "甘蓝科技") in found
    assert [m for m in found if m[0] == "甘蓝"] == []


# ------------------------------------------------------------------------------------------------ aliases
@pytest.mark.parametrize("text, first, second", [
    ("Lumen Robotics, the drone maker formerly called Quillworks, raised money.", "Lumen Robotics", "Quillworks"),
    ("Lumen Robotics (formerly Quillworks) raised money.", "Lumen Robotics", "Quillworks"),
    ("Quillworks, known in China as 羽毛科技, raised money.", "Quillworks", "羽毛科技"),
    ("Lumen Robotics (栗子) raised money.", "Lumen Robotics", "栗子"),
    ("In May Quillworks renamed itself Lumen Robotics.", "Quillworks", "Lumen Robotics"),
    # The rename as a relative clause on the first name.
    ("Quillworks, which changed its name to Tarnby in 2020, makes drones.", "Quillworks", "Tarnby"),
    ("Quillworks, which was renamed Tarnby in 2020, makes drones.", "Quillworks", "Tarnby"),
    # A company history's first name, a trading name, a name changed "from", a rename after "and".
    ("Lumen Robotics was founded in 1921 as the Quillworks Company.", "Lumen Robotics", "Quillworks Company"),
    ("Lumen Robotics, incorporated as Quillworks, grew fast.", "Lumen Robotics", "Quillworks"),
    ("Lumen Robotics, which traded as Quillworks until 1999, grew fast.", "Lumen Robotics", "Quillworks"),
    ("Locals say Lumen Robotics changed its name from Quillworks.", "Lumen Robotics", "Quillworks"),
    ("It was set up under the name Quillworks in 2008 and renamed Lumen Robotics in 2015.", "Quillworks",
     "Lumen Robotics"),
    ("Lumen Robotics, known locally as Quillworks, grew fast.", "Lumen Robotics", "Quillworks"),
    ("In 1990 Quillworks became Lumen Robotics, a maker of drones.", "Quillworks", "Lumen Robotics"),
    ("Originally named Quillworks, the company became Lumen Robotics in 2016.", "Quillworks", "Lumen Robotics"),
])
def test_an_alias_the_text_states_gets_one_iri(finder: MentionFinder, text: str, first: str, second: str) -> None:
    found = dict(mentions(finder, text))
    assert first in found and second in found
    assert found[first] == found[second]


@pytest.mark.parametrize("text, lang, first, second", [
    ("Quillworks（中文名：羽毛科技）成立于2019年。羽毛科技随后获得融资。", "zh", "Quillworks", "羽毛科技"),
    ("羽毛科技（英文名：Quillworks）成立于2019年。Quillworks 随后获得融资。", "zh", "羽毛科技", "Quillworks"),
    ("Analysts said Quillworks (Chinese: 羽毛科技) raised money.", "en", "Quillworks", "羽毛科技"),
])
def test_a_labelled_name_in_brackets_is_an_alias(finder: MentionFinder, text: str, lang: str, first: str,
                                                 second: str) -> None:
    found = mentions(finder, text, lang)
    assert {first, second} <= {name for name, _ in found}
    assert len({iri for name, iri in found if name in (first, second)}) == 1


def test_a_chinese_subject_before_its_former_name_is_that_entity(finder: MentionFinder) -> None:
    # The subject's words are found as no name; the former name after 原名 is.
    found = mentions(finder, "青禾通信原名青禾网络，2018年更名。青禾通信主营卫星宽带。", "zh")
    assert [name for name, _ in found].count("青禾通信") == 2 and "青禾网络" in dict(found)
    assert len({iri for name, iri in found if name in ("青禾通信", "青禾网络")}) == 1


def test_a_chinese_name_renamed_from_another_is_that_entity(finder: MentionFinder) -> None:
    found = mentions(finder, "青禾数据由青禾网络更名而来。青禾数据主要提供云服务。", "zh")
    assert [name for name, _ in found].count("青禾数据") == 2 and "青禾网络" in dict(found)
    assert len({iri for name, iri in found if name in ("青禾数据", "青禾网络")}) == 1


def test_a_chinese_name_before_its_english_gloss_is_taken_whole() -> None:
    # The first word was guessed as a person's name of its own; the bracket glosses the two words together.
    from spacy.tokens import Span

    from graph.alias_links import bracket_aliases
    from graph.nlp import get_pipeline
    doc = get_pipeline("zh")("白鹭智能（Egret AI）宣布完成融资。")
    words = [t.text for t in doc]
    first, gloss = words.index("白鹭"), words.index("Egret")
    ents = [Span(doc, first, first + 1, label="Person", kb_id="e:bailu"),
            Span(doc, gloss, gloss + 2, label="Organization", kb_id="e:egret")]
    links: dict[tuple[int, int], tuple[str, str]] = {}
    out = bracket_aliases(doc, ents, known_iris=set(), links=links)
    assert [(e.text, e.kb_id_) for e in out] == [("白鹭智能", "e:egret"), ("Egret AI", "e:egret")]
    assert links[(0, 4)][0] == "bracket-alias"


@pytest.mark.parametrize("text, first, second", [
    ("In 2020 Dana Reyes became Lumen Robotics chief executive.", "Dana Reyes", "Lumen Robotics"),
    ("In 2020 Quillworks became Lumen Robotics's biggest customer.", "Quillworks", "Lumen Robotics"),
])
def test_became_without_a_rename_merges_nothing(finder: MentionFinder, text: str, first: str, second: str) -> None:
    found = dict(mentions(finder, text))
    assert found[first] != found[second]


def test_chinese_stated_aliases_merge(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "羽毛科技（原名栗子）今天发布了新产品。", "zh"))
    assert found.get("羽毛科技") == found.get("栗子") == "栗子"


def test_a_rename_stated_past_a_description_merges(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "Quillworks, the drone maker founded by Mara Velde, renamed itself Lumen Robotics."))
    assert found["Quillworks"] == found["Lumen Robotics"] != found["Mara Velde"]


def test_a_company_history_s_rename_through_a_description_merges(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "Harnell Motor Company was founded in 1908 by Ada Quist. The firm was renamed "
                                  "Harnell Automotive in 1952."))
    assert found["Harnell Motor Company"] == found["Harnell Automotive"] != found["Ada Quist"]


@pytest.mark.parametrize("text", [
    "Tavern, the firm Mara Velde founded, renamed Orca last year.",
    "Tavern, the firm Mara Velde founded, said Orca renamed itself Kestrel.",
])
def test_a_rename_past_a_description_needs_the_reflexive(finder: MentionFinder, text: str) -> None:
    found = dict(mentions(finder, text))
    assert found["Tavern"] != found.get("Orca") and found["Tavern"] != found.get("Kestrel")


@pytest.mark.parametrize("text", [
    "Tavern, now Lumen Robotics's biggest customer, signed a deal.",
    "Tavern renamed Orca last year.",
    "Tavern, Lumen Robotics and Quillworks signed a deal.",
])
def test_nearby_names_that_are_not_stated_aliases_stay_apart(finder: MentionFinder, text: str) -> None:
    found = dict(mentions(finder, text))
    assert len({found[name] for name in found if name in ("Tavern", "Lumen Robotics", "Orca")}) == \
        len([name for name in found if name in ("Tavern", "Lumen Robotics", "Orca")])


def test_a_product_named_after_its_owner_is_linked_when_written_alone(finder: MentionFinder) -> None:
    found = mentions(finder, "栗子今天发布了栗子星河。星河上线一周，用户破百万。", "zh")
    assert ("星河", "栗子星河") in found


# ------------------------------------------------------------------------------------ recorded decisions
def test_every_name_records_the_rule_that_resolved_it(finder: MentionFinder) -> None:
    doc = finder(finder.nlp("en")("Lumen Robotics (formerly Quillworks) hired Dana Reyes. Reyes said so."))
    rules = {doc.text[a:b]: rule for (a, b), (rule, _) in resolution_of(doc).items()}
    assert rules == {"Lumen Robotics": "gazetteer", "Quillworks": "stated-alias", "Dana Reyes": "new-name",
                     "Reyes": "short-form"}


def test_resolution_decisions_are_in_the_graph() -> None:
    result = run_build_texts(["Elon Musk founded xAI in 2023. Musk said it would compete with OpenAI."])
    store = ox.Store()
    store.extend(result.quads)
    rows = list(store.query(
        "PREFIX kg: <https://w3id.org/claimgraph/ontology#> "
        "SELECT ?name ?entity ?rule ?evidence WHERE { ?r a kg:NameResolution ; kg:surfaceForm ?name ; "
        "kg:resolvedTo ?entity ; kg:resolutionRule ?rule ; kg:resolutionEvidence ?evidence }",
        substitutions={ox.Variable("name"): ox.Literal("Musk")}))
    assert [(r["entity"].value.rsplit("/", 1)[-1], r["rule"].value, r["evidence"].value) for r in rows] == \
        [("elon-musk", "short-form", "Elon Musk")]


# ------------------------------------------------------------------------------------------------ overrides
def _build_with(tmp_path: Path, rows: str, text: str) -> dict[str, str]:
    path = tmp_path / f"overrides-{abs(hash(rows))}.csv"
    path.write_text(rows, encoding="utf-8")
    result = run_build_texts([text], settings=Settings(name_overrides=(path,)))
    return {name: iri.rsplit("/", 1)[-1] for iri, record in result.entities.records.items() for name in record.names}


def test_an_override_file_reverses_a_merge(tmp_path: Path) -> None:
    text = "Elon Musk founded xAI in 2023. Musk said it would compete with OpenAI."
    assert _build_with(tmp_path, "name,decision\n", text)["Musk"] == "elon-musk"
    names = _build_with(tmp_path, "name,decision\nMusk,separate\n", text)
    assert names["Musk"] == "musk" and names["Elon Musk"] == "elon-musk"


def test_an_override_can_drop_a_name_or_force_an_iri(tmp_path: Path) -> None:
    text = "Elon Musk founded xAI in 2023. Musk said it would compete with OpenAI."
    names = _build_with(tmp_path, "name,decision\nxAI,none\nMusk,https://example.org/people#musk  # a fragment\n",
                        text)
    assert "xAI" not in names and names["Musk"] == "people#musk"


def test_a_known_name_kept_separate_gets_an_iri_of_its_own(tmp_path: Path) -> None:
    names = _build_with(tmp_path, "name,decision\nOpenAI,separate\n", "OpenAI released Sora.")
    assert names["OpenAI"] == "openai-separate"


def test_a_bad_override_row_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,decision\nMusk\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad.csv:2: expected two columns"):
        load_schema(Settings(name_overrides=(path,)))
    path.write_text("name,decision\nMusk,Nobody We Know\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad.csv:2: decision 'Nobody We Know'"):
        load_schema(Settings(name_overrides=(path,)))


def test_cli_takes_an_override_file(tmp_path: Path, run_kg) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.txt"
    doc.write_text("Elon Musk founded xAI in 2023. Musk said it would compete with OpenAI.", encoding="utf-8")
    rows = tmp_path / "o.csv"
    rows.write_text("name,decision\nMusk,separate\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    outcome = run_kg(["build", str(doc), "-o", str(out), "--name-overrides", str(rows), "-q"])
    assert outcome.exit_code == 0, outcome.output
    assert '"override"' in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ kg eval
def test_eval_judges_a_homonym_spelled_alike_occurrence_by_occurrence(tmp_path: Path) -> None:
    entities = tmp_path / "e.csv"
    entities.write_text("name,type,aliases\nOrca,Product,\n", encoding="utf-8")
    settings = Settings(entity_paths=(*Settings().entity_paths, entities))
    apart = GoldDocument("d1", "Orca, the ancient board game, is old. Tavern Labs released Orca in 2009.",
                         homonym_pairs=(("Orca", "Orca"),))
    merged = GoldDocument("d2", "Orca is old. Tavern Labs released Orca in 2009.", homonym_pairs=(("Orca", "Orca"),))
    report = evaluate_documents([apart, merged], settings=settings)
    assert [(p.doc_id, p.correct) for p in report.pairs] == [("d1", True), ("d2", False)]


def test_a_chinese_company_written_with_and_without_its_legal_form_is_one(finder: MentionFinder) -> None:
    found = mentions(finder, "星河动力有限公司今天成立。星河动力宣布完成融资。", "zh")
    assert ("星河动力", "星河动力有限公司") in found and ("星河动力有限公司", "星河动力有限公司") in found


@pytest.mark.parametrize("text", ["指控两家公司未经许可使用文章。", "海思是一家全资子公司。"])
def test_descriptions_ending_like_a_company_are_no_name(finder: MentionFinder, text: str) -> None:
    assert [m for m in mentions(finder, text, "zh") if m[0].endswith("公司")] == []


# ------------------------------------------------------------------------------------------- short forms
@pytest.mark.parametrize("text, full, short", [
    ("Maria Brinmoe Tessaker founded the firm. Maria Tessaker later left.", "Maria Brinmoe Tessaker", "Maria Tessaker"),
    ("Maria Brinmoe Tessaker founded the firm. Years later Tessaker retired.", "Maria Brinmoe Tessaker", "Tessaker"),
    ("William H. Vantorrel wrote it. William Hepburn Vantorrel was born in Leeds.", "William H. Vantorrel",
     "William Hepburn Vantorrel"),
    ("Dravel Software Inc. released Quill. Dravel Software said sales rose.", "Dravel Software Inc.",
     "Dravel Software"),
    ("Rufus Seaman Carling was born in Truro, the son of William Dobson Carling. Carling attended school.",
     "Rufus Seaman Carling", "Carling"),
    ("The Varnley Post is a newspaper. The Post was founded in 1901.", "Varnley Post", "Post"),
    ("The robotaxi service Orvella Go launched in Wuhan. Since then Orvella has expanded.", "Orvella Go", "Orvella"),
    # A two-letter surname; the first word of a listed company's name at the start of a sentence.
    ("Mara Yu runs the lab. Yu said the chip is ready.", "Mara Yu", "Yu"),
    ("Harrow Air Lines cut its forecast. Harrow said demand stayed strong.", "Harrow Air Lines", "Harrow"),
    # A listed person whose name is written family name first, later by it at the start of a sentence.
    ("Tang Weiluo founded the lab. Tang said the chip is ready.", "Tang Weiluo", "Tang"),
    # The short form spelled with other capitals or a hyphen.
    ("Brisquel AI released a model. BrisQuel said it runs on phones.", "Brisquel AI", "BrisQuel"),
    ("Brisquel AI released a model. Analysts said Bris-Quel had raised prices.", "Brisquel AI", "Bris-Quel"),
    # A short form that ends like an adjective of origin ("-ian") is still the company's name.
    ("Veridian Capital Partners LP bought a stake. Veridian said it would hold it.", "Veridian Capital Partners LP",
     "Veridian"),
    # An initialism at the start of a sentence, after the name it abbreviates.
    ("Royal Bank of Tessaker reported a loss. RBT blamed legal costs.", "Royal Bank of Tessaker", "RBT"),
    # A surname with its particle, capitalised at the start of a sentence.
    ("Marit de Tessaker chairs the board. De Tessaker joined in 2015.", "Marit de Tessaker", "De Tessaker"),
    # A legal form after a comma; a name with an ampersand and its legal form.
    ("Analysts said Tessaker Pharmaceuticals, Inc. won approval. Tessaker expects sales next year.",
     "Tessaker Pharmaceuticals, Inc.", "Tessaker"),
    ("Brinmoe Oil & Gas plc cut jobs. Brinmoe said prices were too low.", "Brinmoe Oil & Gas plc", "Brinmoe"),
    # A Nordic legal form.
    ("Halmqvist & Dahl AB was founded in Orebro. Halmqvist & Dahl makes valves.", "Halmqvist & Dahl AB",
     "Halmqvist & Dahl"),
])
def test_a_shorter_name_of_an_entity_named_in_full_is_that_entity(finder: MentionFinder, text: str, full: str,
                                                                  short: str) -> None:
    found = mentions(finder, text)
    iris = {iri for name, iri in found if name in (full, short)}
    assert {name for name, _ in found} >= {full, short} and len(iris) == 1


def test_a_listed_model_s_name_continued_by_a_surname_is_a_person(finder: MentionFinder) -> None:
    found = mentions(finder, "Pavo Lindqvist painted the harbour. Pavo outperforms Kestrel.")
    assert ("Pavo Lindqvist", "pavolindqvist") in found and ("Pavo", "pavo") in found


@pytest.mark.parametrize("text, first, second", [
    # Two people of one surname named as a pair: the surname alone is neither.
    ("Kimbal Drasko and Elon Drasko met. Drasko said he was pleased.", "Kimbal Drasko", "Drasko"),
    ("Kimbal Drasko and Elon Drasko met. Drasko said he was pleased.", "Elon Drasko", "Drasko"),
    ("Maria Drasko and Elena Drasko met.", "Maria Drasko", "Elena Drasko"),
    ("George H. W. Pellam met George W. Pellam.", "George H. W. Pellam", "George W. Pellam"),
    # A place or a unit a name is made of is not the name: the town, the university's city, the lab.
    ("The Varnley Post is based in Varnley. Varnley is a town.", "Varnley Post", "Varnley"),
    ("The University of Brelmont is in Brelmont. Brelmont is a city.", "University of Brelmont", "Brelmont"),
    ("FC Varnley plays in the league. The club moved to Varnley in 1950.", "FC Varnley", "Varnley"),
    ("Ostrava Lumen Group bought Ostrava Lumen Research. Ostrava Lumen Research hired staff.",
     "Ostrava Lumen Group", "Ostrava Lumen Research"),
])
def test_names_sharing_a_word_are_not_merged_without_evidence(finder: MentionFinder, text: str, first: str,
                                                              second: str) -> None:
    found = mentions(finder, text)
    assert {iri for name, iri in found if name == first}.isdisjoint({iri for name, iri in found if name == second})


# ------------------------------------------------------------------------------ initialisms, same name
@pytest.mark.parametrize("text", [
    "The Pellmore Rural Transit Authority runs buses. The PRTA added routes in 2010.",
    "The PRTA added routes in 2010, said the Pellmore Rural Transit Authority.",
    "The Pellmore Rural Transit Authority (PRTA) runs buses. In 2010 the PRTA added routes.",
])
def test_an_initialism_of_a_name_in_the_text_is_that_entity(finder: MentionFinder, text: str) -> None:
    found = mentions(finder, text)
    assert len({iri for _, iri in found}) == 1 and {name for name, _ in found} == {
        "Pellmore Rural Transit Authority", "PRTA"}


def test_an_initialism_two_names_could_have_is_left_alone(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "The Pellmore Rural Trust and the Pellmore Road Transit met. The PRT said no."))
    assert found["PRT"] not in (found["Pellmore Rural Trust"], found["Pellmore Road Transit"])


def test_a_name_linked_once_is_that_entity_wherever_it_stands(finder: MentionFinder) -> None:
    found = mentions(finder, "The Orvella Rail Works (Railvella) was founded in 1901. In 1950 Railvella built a "
                             "bridge, and Railvella closed in 1990.")
    assert [name for name, _ in found].count("Railvella") == 3 and len({iri for _, iri in found}) == 1


def test_accents_on_latin_letters_do_not_make_another_entity(finder: MentionFinder) -> None:
    found = mentions(finder, "Lórien Vastel wrote the report. Lorien Vastel defended it.")
    assert len({iri for _, iri in found}) == 1


def test_short_forms_of_the_united_states_are_the_country(finder: MentionFinder) -> None:
    found = mentions(finder, "He moved to the United States. The U.S. economy grew and the US dollar fell.")
    assert {iri for _, iri in found} == {"united-states"}


# ------------------------------------------------------------------------------------ Chinese short names
@pytest.mark.parametrize("text, full, short", [
    ("浙江云帆动力科技有限公司（以下简称“云帆动力”）今日宣布融资。云帆动力表示将扩大产能。", "浙江云帆动力科技有限公司",
     "云帆动力"),
    ("上海青禾能源股份有限公司（简称青禾能源）与栗子签约。", "上海青禾能源股份有限公司", "青禾能源"),
    ("杭州云图智能科技有限公司成立于2015年。云图智能随后获得融资。", "杭州云图智能科技有限公司", "云图智能"),
    # A group named with and without "集团".
    ("青禾汽车集团成立于1998年，总部位于合肥。此后青禾汽车在深圳上市。", "青禾汽车集团", "青禾汽车"),
    ("启航控股宣布收购一家物流企业。启航称交易金额为20亿元。", "启航控股", "启航"),
])
def test_a_chinese_company_s_short_name_is_that_company(finder: MentionFinder, text: str, full: str,
                                                       short: str) -> None:
    found = mentions(finder, text, "zh")
    assert {name for name, _ in found} >= {full, short}
    assert len({iri for name, iri in found if name in (full, short)}) == 1


def test_a_short_name_written_in_its_other_sense_is_no_mention(finder: MentionFinder) -> None:
    found = mentions(finder, "栗子今天发布了栗子星河。星河上线一周。“星河”一词原本指银河。", "zh")
    assert [name for name, _ in found].count("星河") == 1


def test_another_thing_of_the_same_name_is_no_mention(finder: MentionFinder) -> None:
    found = mentions(finder, "栗子科技收购了甘蓝。同名的甘蓝蔬菜店与此无关。", "zh")
    assert [name for name, _ in found].count("甘蓝") == 1


def test_a_company_s_global_arm_is_the_company_and_its_regional_arm_another(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "栗子中国的业务被出售，栗子全球获得股份，栗子表示满意。", "zh"))
    assert found["栗子全球"] == found["栗子"] != found["栗子中国"]


# ------------------------------------------------------------------------- legal forms, honorifics, first words
@pytest.mark.parametrize("text, full, short", [
    # A company named with its legal form, then alone at the start of a sentence.
    ("Brightwell Ltd. posted a loss. Brightwell blamed higher costs.", "Brightwell Ltd.", "Brightwell"),
    ("Kelvara Holdings agreed to buy a rival. Kelvara said the deal would close soon.", "Kelvara Holdings", "Kelvara"),
    # "Shares of X": the common noun and "of" are no part of the name.
    ("Orbisys Inc. said revenue rose. Shares of Orbisys climbed 8%.", "Orbisys Inc.", "Orbisys"),
    # An honorific before a name is no part of it, so the surname after one is the person.
    ("Mr. Davor Klemenc, the founder, left. Mr. Klemenc will stay an adviser.", "Davor Klemenc", "Klemenc"),
    ("Chief executive Marisol Quentaro spoke. Ms. Quentaro said margins improved.", "Marisol Quentaro", "Quentaro"),
    # Two spellings of one legal form, or the name first without it.
    ("Shares of Palvera Corp. fell after Palvera Corporation cut its forecast.", "Palvera Corp.", "Palvera Corporation"),
    ("Brightwell posted a loss. Brightwell Ltd. blamed higher costs.", "Brightwell", "Brightwell Ltd."),
    # A legal name whose group word comes before its legal form.
    ("Varmont Sachs Group Inc. advised on the deal, and Varmont earned a fee.", "Varmont Sachs Group Inc.", "Varmont"),
    # Legal forms of other countries, written in lower case or past a comma, are part of the name.
    ("Tarnwick Ventures LP bought a stake in a mill. Tarnwick said it would seek a board seat.",
     "Tarnwick Ventures LP", "Tarnwick"),
    ("Pellucid Cargo Group S.A. ordered ships. Pellucid Cargo said delivery starts in 2029.",
     "Pellucid Cargo Group S.A.", "Pellucid Cargo"),
    ("Drummore-Vance Energy plc cut its dividend. Drummore-Vance blamed lower prices.",
     "Drummore-Vance Energy plc", "Drummore-Vance"),
    ("Hanmir Shipping Co., Ltd. posted a loss. Hanmir said freight rates fell.", "Hanmir Shipping Co., Ltd.",
     "Hanmir"),
    # A company's line of business is left out of its short name.
    ("Quellon Biosciences raised money from investors. Quellon said trials start next year.", "Quellon Biosciences",
     "Quellon"),
    ("Ostrava Airways ordered 12 jets. Ostrava expects the first one in May.", "Ostrava Airways", "Ostrava"),
])
def test_a_company_s_legal_name_and_its_short_name_are_one(finder: MentionFinder, text: str, full: str,
                                                           short: str) -> None:
    found = mentions(finder, text)
    iris = {iri for name, iri in found if name in (full, short)}
    assert {name for name, _ in found} >= {full, short} and len(iris) == 1


def test_a_known_company_under_its_legal_name_is_that_company(finder: MentionFinder) -> None:
    assert mentions(finder, "Lumen Robotics Inc. hired staff. Tavern Group Ltd. did not.") == [
        ("Lumen Robotics Inc.", "lumenrobotics"), ("Tavern Group Ltd.", "tavern")]


def test_a_role_and_its_actor_in_brackets_are_two_people(finder: MentionFinder) -> None:
    found = dict(mentions(finder, "The episode introduced Dr. Marisol Quentaro (Helena Varnsby), a surgeon."))
    assert found["Marisol Quentaro"] != found["Helena Varnsby"]


@pytest.mark.parametrize("text, full, other", [
    # A former name stated with "the" before it, or with the years it was used.
    ("Brannock Mills, originally called the Brannock Spinning Company, was founded in 1790.", "Brannock Mills",
     "Brannock Spinning Company"),
    ("Dellowe Bank, known until 1998 as the Dellowe Savings Bank, has 120 branches.", "Dellowe Bank",
     "Dellowe Savings Bank"),
])
def test_a_former_name_stated_after_a_company_is_that_company(finder: MentionFinder, text: str, full: str,
                                                              other: str) -> None:
    found = dict(mentions(finder, text))
    assert found[full] == found[other]


# ----------------------------------------------------------------------------------- Chinese names stated
@pytest.mark.parametrize("text, full, short", [
    # Another name stated after a name without brackets: 又称, 原名, 的前身为.
    ("芯澜微电子，又称芯澜，是一家芯片设计公司。芯澜在上海设有总部。", "芯澜微电子", "芯澜"),
    ("芯澜科技的前身为芯澜软件，公司于2019年转型。", "芯澜科技", "芯澜软件"),
    ("蓝鲸数据科技有限公司原名蓝鲸信息，去年完成更名。", "蓝鲸数据科技有限公司", "蓝鲸信息"),
    ("Lumen Robotics的前身为Orvella Labs。", "Lumen Robotics", "Orvella Labs"),
    # The other name in brackets after a cue, and a cue word that is no part of the name after it.
    ("澜石医药（原名澜石生物）宣布新药获批。澜石医药称将于明年销售。", "澜石医药", "澜石生物"),
    ("青岚控股，又称青岚集团，是一家港口运营商。", "青岚控股", "青岚集团"),
    ("Vorlane Robotics（中文名：沃澜智能）完成融资。沃澜智能称资金将用于研发。", "Vorlane Robotics", "沃澜智能"),
    ("Quarrow AI（中文名：夸若智能）完成融资。夸若智能称资金将用于研发。", "Quarrow AI", "夸若智能"),
    # A stock code before the short name in the brackets is a name of the company too.
    ("岚峰新能源科技股份有限公司（300999.SZ，下称“岚峰新能源”）拟建新厂。", "岚峰新能源科技股份有限公司", "300999.SZ"),
    ("岚峰新能源科技股份有限公司（300999.SZ，下称“岚峰新能源”）拟建新厂。", "岚峰新能源科技股份有限公司", "岚峰新能源"),
    # A foreign person's name in Chinese, later written by its surname.
    ("创始人谢尔盖·沃罗宁表示公司将扩大团队。沃罗宁此前在一家银行工作。", "谢尔盖·沃罗宁", "沃罗宁"),
])
def test_a_chinese_text_s_other_name_for_an_entity_is_that_entity(finder: MentionFinder, text: str, full: str,
                                                                  short: str) -> None:
    found = mentions(finder, text, "zh")
    iris = {iri for name, iri in found if name in (full, short)}
    assert {name for name, _ in found} >= {full, short} and len(iris) == 1


def test_the_registered_name_of_a_listed_company_is_that_company(finder: MentionFinder) -> None:
    found = mentions(finder, "甘蓝酒业股份有限公司（以下简称“甘蓝”）发布年报。甘蓝表示将提高分红。", "zh")
    assert found[0] == ("甘蓝酒业股份有限公司", "甘蓝") and {iri for _, iri in found} == {"甘蓝"}


def test_a_description_stated_as_a_former_self_is_no_name(finder: MentionFinder) -> None:
    assert [name for name, _ in mentions(finder, "甘蓝科技的前身为一家软件公司。", "zh")] == ["甘蓝科技"]


def test_a_surname_two_people_share_is_left_alone(finder: MentionFinder) -> None:
    found = mentions(finder, "伊万·彼得罗夫和安娜·彼得罗夫都反对。彼得罗夫说。", "zh")
    assert [name for name, _ in found] == ["伊万·彼得罗夫", "安娜·彼得罗夫"]


def test_a_registered_name_starts_with_its_city(finder: MentionFinder) -> None:
    assert mentions(finder, "北京甘蓝科技有限公司今日成立。", "zh") == [("北京甘蓝科技有限公司", "甘蓝科技")]


# ------------------------------------------------------------------ tickers, appositives, honorifics, games
@pytest.mark.parametrize("text, lang, full, short", [
    ("Kelvara Holdings (NYSE: KLVR) agreed to buy a rival. KLVR shares rose.", "en", "Kelvara Holdings", "KLVR"),
    ("甘蓝科技（纳斯达克：GANL）公布财报。", "zh", "甘蓝科技", "GANL"),
    # A description between a name and its stated former name is the appositive the statement is made with.
    ("Brelmor Systems, the company formerly known as Dantix, hired 200 people.", "en", "Brelmor Systems", "Dantix"),
])
def test_a_ticker_or_a_former_name_stated_after_a_name_is_that_entity(finder: MentionFinder, text: str, lang: str,
                                                                      full: str, short: str) -> None:
    found = mentions(finder, text, lang)
    iris = {iri for name, iri in found if name in (full, short)}
    assert {name for name, _ in found} >= {full, short} and len(iris) == 1


def test_a_chinese_name_before_an_honorific_is_a_person_wherever_it_stands(finder: MentionFinder) -> None:
    found = mentions(finder, "公司创始人张洛川表示将推出新品。张洛川先生此前在一家银行工作。", "zh")
    assert [name for name, _ in found] == ["张洛川", "张洛川"] and len({iri for _, iri in found}) == 1


def test_the_board_game_of_a_name_is_no_mention(finder: MentionFinder) -> None:
    assert mentions(finder, "AlphaGo beat a champion at the board game Orca.") == [("AlphaGo", "alphago")]


# ------------------------------------------------------------------------------------------- gazetteer
@pytest.mark.parametrize("text, iri", [
    ("字节跳动发布了新模型。字节表示，用户数增长。", "bytedance"),
    ("硅基流动与无问芯穹宣布合作。", "siliconflow"),
    ("思爱普在华增加投资。", "sap"),
])
def test_chinese_names_of_known_companies_are_those_companies(finder: MentionFinder, text: str, iri: str) -> None:
    assert iri in {found for _, found in mentions(finder, text, "zh")}


def test_a_short_company_name_that_is_also_a_unit_is_no_mention_after_a_measure_word(finder: MentionFinder) -> None:
    assert mentions(finder, "每个汉字占两个字节。", "zh") == []


def test_chinese_brand_short_names_are_the_listed_model_or_product(finder: MentionFinder) -> None:
    found = mentions(finder, "百度升级了文心，文心的推理更强。腾讯元宝上线，元宝的用户增长很快。刘勰著有《文心雕龙》。", "zh")
    assert ("文心", "ernie") in found and ("元宝", "tencent-yuanbao") in found
    assert [m for m in found if m[1] == "ernie" and m[0] != "文心"] == []


def test_a_listed_company_s_registered_name_starts_with_its_province(finder: MentionFinder) -> None:
    # The province is no mention of its own here; the registered name still takes it in.
    found = dict(mentions(finder, "江苏甘蓝科技有限公司发布年报。甘蓝科技称研发投入增长。", "zh"))
    assert found.get("江苏甘蓝科技有限公司") == found.get("甘蓝科技") == "甘蓝科技"


def test_a_transliterated_name_whose_given_name_is_also_a_place_word(finder: MentionFinder) -> None:
    # The dictionary tags the given name as a place; with the dot it is a person's, and the surname follows it.
    found = mentions(finder, "亚历山大·彼得连科出任首席技术官。彼得连科此前在一家芯片企业任职。", "zh")
    assert ("亚历山大·彼得连科", "亚历山大彼得连科") in found
    assert len({iri for name, iri in found if name in ("亚历山大·彼得连科", "彼得连科")}) == 1


# ------------------------------------------------------------------------------------- session 9: aliases
def _iri_of(found: list[tuple[str, str]], name: str) -> set[str]:
    return {iri for text, iri in found if text == name}


@pytest.mark.parametrize("text, full, short", [
    ("Marrow Lane Capital Partners led the round. Marrow Lane has backed three robot makers.",
     "Marrow Lane Capital Partners", "Marrow Lane"),
    ("Tessan Automobiles cut its prices. Analysts said Tessan would lose money this year.",
     "Tessan Automobiles", "Tessan"),
    ("Groupe Valmerre sold its glass unit. Valmerre will keep the packaging business.",
     "Groupe Valmerre", "Valmerre"),
])
def test_a_company_is_later_written_without_its_kind_words(finder: MentionFinder, text: str, full: str,
                                                           short: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, full) and _iri_of(found, full) == _iri_of(found, short)


def test_a_family_s_name_is_no_short_form_of_a_company(finder: MentionFinder) -> None:
    found = mentions(finder, "Halvorsen Ventures backed Brightpath. The Halvorsen family also owns a hotel, "
                             "and Mr. Halvorsen runs it.")
    firm = _iri_of(found, "Halvorsen Ventures")
    assert firm and not [m for m in found if m[0] == "Halvorsen" and m[1] in firm]


@pytest.mark.parametrize("text, first, second", [
    ("Corvane Systems, nicknamed Big Orange, cut prices. Big Orange also hired staff.", "Corvane Systems",
     "Big Orange"),
    ("Pellham Freight, also called Northline, opened a depot in Leeds.", "Pellham Freight", "Northline"),
    ("Lorvane Paper Ltd is a Welsh mill. It began in 1901 as Pryde & Sons, a family shop.", "Lorvane Paper Ltd",
     "Pryde & Sons"),
])
def test_a_nickname_or_a_first_name_stated_for_a_company_is_that_company(finder: MentionFinder, text: str,
                                                                         first: str, second: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, first) and _iri_of(found, first) == _iri_of(found, second)


@pytest.mark.parametrize("text, first, second", [
    ("Corvane Systems released a chip called Ostra Pro last week.", "Corvane Systems", "Ostra Pro"),
    ("Lorvane Paper Ltd is a Welsh mill. It began in 1901 as a supplier to Pryde & Sons.", "Lorvane Paper Ltd",
     "Pryde & Sons"),
])
def test_a_name_after_called_or_began_as_a_description_is_another_entity(finder: MentionFinder, text: str,
                                                                         first: str, second: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, first) and _iri_of(found, second) and not _iri_of(found, first) & _iri_of(found, second)


def test_an_unlisted_topic_stated_to_be_a_listed_name_is_that_entity(finder: MentionFinder) -> None:
    found = mentions(finder, "Harbeck Vintners AG was founded in 1890. The company, known everywhere simply as "
                             "Tavern, sells wine.")
    assert _iri_of(found, "Harbeck Vintners AG") == {"tavern"}
    # Without the statement a listed name the topic deals with stays another entity.
    found = mentions(finder, "Harbeck Vintners AG was founded in 1890. The company later bought Tavern.")
    assert _iri_of(found, "Harbeck Vintners AG") and "tavern" not in _iri_of(found, "Harbeck Vintners AG")


def test_a_bracketed_person_s_other_script_name_leaves_the_role_out(finder: MentionFinder) -> None:
    found = mentions(finder, "栗子科技首席执行官林晓舟（Lin Xiaozhou）表示，公司将扩招。", "zh")
    assert _iri_of(found, "林晓舟") and _iri_of(found, "林晓舟") == _iri_of(found, "Lin Xiaozhou")
    assert not [m for m in found if m[0].startswith("首席执行官")]


def test_a_bracketed_transliterated_name_is_taken_whole_with_its_dot(finder: MentionFinder) -> None:
    found = mentions(finder, "乐队的名字取自约翰·柯川（John Coltrane）的一张唱片。", "zh")
    assert _iri_of(found, "约翰·柯川") and _iri_of(found, "约翰·柯川") == _iri_of(found, "John Coltrane")
    assert not [m for m in found if m[0].startswith("取自")]


def test_short_forms_go_with_a_name_a_bracket_makes_another_s(finder: MentionFinder) -> None:
    found = mentions(finder, "深圳奎隆微电子有限公司（Quillon Microelectronics）成立于2019年。Quillon 的客户包括多家车企，"
                             "奎隆还计划扩产。", "zh")
    company = _iri_of(found, "深圳奎隆微电子有限公司")
    assert company and _iri_of(found, "Quillon") == company and _iri_of(found, "奎隆") == company


def test_a_fund_manager_s_registered_name_is_later_written_without_its_trade_words(finder: MentionFinder) -> None:
    found = mentions(finder, "远川资本管理有限公司领投了本轮融资。远川资本合伙人表示看好农业机器人。", "zh")
    firm = _iri_of(found, "远川资本管理有限公司")
    assert firm and _iri_of(found, "远川资本") == firm
    # An asset manager keeps its trade word: "青石资产管理" is "青石资产", never the bare "青石" of a village.
    found = mentions(finder, "青石资产管理有限公司领投了本轮融资。青石村的农民也来参观。", "zh")
    firm = _iri_of(found, "青石资产管理有限公司")
    assert firm and not [m for m in found if m[0] == "青石" and m[1] in firm]


def test_a_former_name_after_qianshen_wei_is_whole_words(finder: MentionFinder) -> None:
    found = mentions(finder, "泰和纺织股份有限公司的前身为泰和县棉纺厂，始建于1965年。", "zh")
    assert _iri_of(found, "泰和县棉纺厂") and _iri_of(found, "泰和县棉纺厂") == _iri_of(found, "泰和纺织股份有限公司")


def test_a_name_others_call_a_company_by_is_that_company(finder: MentionFinder) -> None:
    found = mentions(finder, "浙江栗园数字服务集团，业内通常称之为栗子科技，成立于2015年。", "zh")
    assert _iri_of(found, "浙江栗园数字服务集团") == {"栗子科技"}
    # The cue must open the clause: a speaker's words about another company state no name.
    found = mentions(finder, "浙江栗园数字服务集团的董事长称其为栗子科技的对手。", "zh")
    assert "栗子科技" not in _iri_of(found, "浙江栗园数字服务集团")


def test_a_listed_company_s_name_glued_to_more_name_and_a_legal_form_is_another_company(
        finder: MentionFinder) -> None:
    # "甘蓝" is listed; "甘蓝云图股份有限公司" is a company of its own, and so is its short name written later.
    found = mentions(finder, "甘蓝旗下的甘蓝云图股份有限公司发布年报。甘蓝云图称，甘蓝的订单也在增长。", "zh")
    unit = _iri_of(found, "甘蓝云图股份有限公司")
    assert unit and "甘蓝" not in unit and _iri_of(found, "甘蓝云图") == unit
    assert _iri_of(found, "甘蓝") == {"甘蓝"}
    # A stake is no part of a name: "持有甘蓝股份" leaves the listed company alone.
    assert ("甘蓝", "甘蓝") in mentions(finder, "栗子科技持有甘蓝股份，双方合作多年。", "zh")


@pytest.mark.parametrize("text, old, new", [
    ("The firm was founded as Tallis Brothers in 1890 and took its current name, Tallis Retail, in 1961.",
     "Tallis Brothers", "Tallis Retail"),
    ("Corland Oil adopted the name Corland Energy in 2004.", "Corland Oil", "Corland Energy"),
])
def test_a_company_that_took_a_new_name_is_one_entity(finder: MentionFinder, text: str, old: str, new: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, old) and _iri_of(found, old) == _iri_of(found, new)


def test_taking_a_founder_s_name_merges_no_person(finder: MentionFinder) -> None:
    found = mentions(finder, "Corland Oil took the name of its founder, Mary Corland, in 2004.")
    assert _iri_of(found, "Mary Corland") and not _iri_of(found, "Mary Corland") & _iri_of(found, "Corland Oil")


@pytest.mark.parametrize("text, old, new", [
    ("青岚软件在2018年更名为青岚科技。青岚科技随后上市。", "青岚软件", "青岚科技"),
    ("华昱电子2010年改名为华昱半导体。", "华昱电子", "华昱半导体"),
    ("蓝汐数据科技有限公司于2015年更名为蓝汐智能科技有限公司，总部迁往杭州。", "蓝汐数据科技有限公司", "蓝汐智能科技有限公司"),
])
def test_a_chinese_rename_with_its_date_is_one_entity(finder: MentionFinder, text: str, old: str, new: str) -> None:
    found = mentions(finder, text, "zh")
    assert _iri_of(found, old) and _iri_of(found, old) == _iri_of(found, new)


def test_a_rename_denied_in_a_noun_phrase_merges_nothing(finder: MentionFinder) -> None:
    found = mentions(finder, "栗子科技在2019年更名为栗园集团的说法并不属实。", "zh")
    assert not [m for m in found if "说法" in m[0]]
    assert _iri_of(found, "栗子科技") == {"栗子科技"} and "栗子科技" not in _iri_of(found, "栗园集团")


@pytest.mark.parametrize("text, old, new", [
    ("Vantex Group, the former Harlan Steel, cut 200 jobs.", "Harlan Steel", "Vantex Group"),
    ("Harlan Steel, which became Vantex Group in 2003, cut jobs.", "Harlan Steel", "Vantex Group"),
])
def test_a_former_name_as_an_appositive_or_a_relative_clause_is_one_entity(finder: MentionFinder, text: str,
                                                                          old: str, new: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, old) and _iri_of(found, old) == _iri_of(found, new)


@pytest.mark.parametrize("text", [
    "Dana Whitlock, the former Harlan Steel chairman, joined Vantex Group.",
    "Harlan Steel, which became Vantex Group's biggest client, grew.",
])
def test_a_role_or_a_possessive_after_the_former_names_no_rename(finder: MentionFinder, text: str) -> None:
    found = mentions(finder, text)
    assert _iri_of(found, "Harlan Steel") and not _iri_of(found, "Harlan Steel") & _iri_of(found, "Vantex Group")
