"""Claims whose two arguments are not named in one sentence: pronouns, descriptions ("the newspaper", "该平台")
and the sentence before naming whom they stand for.

Each test states correct behaviour with invented sentences; a failure here is an extractor bug to fix.
"""

from __future__ import annotations

import functools

import pytest

import graph.build
from graph.claims import Claim, ClaimExtractor
from graph.schema import load_schema
from graph.settings import ExtractorMode, Settings

#: These tests are about the rules: pinned to them, whatever the default extractor (the hybrid's own tests are
#: tests/test_hybrid.py).
extract = functools.partial(graph.build.extract, settings=Settings(extractor=ExtractorMode.RULES))


def _triples(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {c.triple_names for c in claims}


# ---------------------------------------------------------------- pronouns
def test_a_pronoun_after_a_preposed_of_phrase_stands_for_the_earlier_subject() -> None:
    # "The daughter of X, she …": X, governed by "of", is not the subject the pronoun continues.
    triples = _triples(extract("Anna Varga is a Hungarian chemist. The daughter of the surgeon Peter Varga, "
                               "she later joined Pfizer in Budapest."))
    assert ("Anna Varga", "worksFor", "Pfizer") in triples
    assert ("Peter Varga", "worksFor", "Pfizer") not in triples


def test_a_name_after_a_preposition_is_not_the_subject_it_continues() -> None:
    triples = _triples(extract("According to Reuters, Nimbus Labs lost money last year. "
                               "It was acquired by Oracle in May."))
    assert ("Oracle", "acquired", "Nimbus Labs") in triples
    assert ("Oracle", "acquired", "Reuters") not in triples


def test_a_paragraph_break_does_not_shorten_the_look_back_of_a_pronoun() -> None:
    text = "Anna Varga is a Hungarian chemist.\n\nIn 1990 the family moved to Vienna.\n\nShe later joined Pfizer."
    assert ("Anna Varga", "worksFor", "Pfizer") in _triples(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Skyfall Rumble is an arcade game for children. It was developed by Nintendo.",
     ("Skyfall Rumble", "developedBy", "Nintendo")),
    ("Harbor Lights premiered on a cable network in 2004. It was published by Crestline Media.",
     ("Harbor Lights", "publishedBy", "Crestline Media")),
])
def test_it_may_stand_for_a_name_of_no_known_type(text: str, expected: tuple[str, str, str]) -> None:
    # A game or a show the text does not type is still something "it" can name; a person never is.
    assert expected in _triples(extract(text))


# ---------------------------------------------------------------- descriptions
@pytest.mark.parametrize("text, expected", [
    ("Blue Harbor is a weekly newspaper in Maine. The newspaper was founded in 1901 by Samuel Pike.",
     ("Blue Harbor", "foundedBy", "Samuel Pike")),
    ("Skyfall Rumble is a racing video game released in 2009. The game was developed by Monster Games.",
     ("Skyfall Rumble", "developedBy", "Monster Games")),
    ("Copper Road is a 1998 album by the band Tin Owls. The album was published by Northway Records.",
     ("Copper Road", "publishedBy", "Northway Records")),
])
def test_a_definition_calls_a_name_by_its_class_noun(text: str, expected: tuple[str, str, str]) -> None:
    # "X is a weekly newspaper …" calls X a newspaper, so a later "the newspaper" names X.
    assert expected in _triples(extract(text))


def test_a_class_noun_no_entity_is_called_by_reaches_back_one_sentence_only() -> None:
    text = "苹果发布了 iPhone 16。市场反应平淡。分析师表示销量有限。该平台由微软与甲骨文联合打造。"
    triples = _triples(extract(text))
    assert ("iPhone 16", "developedBy", "微软") not in triples


@pytest.mark.parametrize("text", [
    "星辰科技于2015年在杭州成立。公司于2020年收购了云帆网络。",
    "星辰科技成立于2015年，总部位于杭州。2020年，公司收购了云帆网络。",
])
def test_a_bare_gongsi_opening_a_clause_is_the_company_in_focus(text: str) -> None:
    # Chinese news says "公司" with no demonstrative for the company it is about.
    assert ("星辰科技", "acquired", "云帆网络") in _triples(extract(text))


def test_a_bare_gongsi_inside_a_clause_is_no_mention() -> None:
    # "担任公司首席执行官": the company of a role, which the role rules read; only a clause's first word is a subject.
    extractor = ClaimExtractor(load_schema())
    doc = extractor.doc_for("星辰科技成立于2015年。公司于2020年聘请李明担任公司首席执行官。", lang="zh")
    bare = [e for e in doc.ents if e.text == "公司"]
    assert [e.start for e in bare] == [7]
    assert bare[0].kb_id_ == next(e.kb_id_ for e in doc.ents if e.text == "星辰科技")



# ---------------------------------------------------------------- comparisons
@pytest.mark.parametrize("text, expected, wrong", [
    ("星河科技本月初开源了 Lumi-20B 模型。发布后不久，它在排行榜上位居第一，成绩超过了 Llama 3。",
     ("Lumi-20B", "outperforms", "Llama 3"), ("星河科技", "outperforms", "Llama 3")),
    ("Tarn Labs released Vexa-7 in March. It competes with Google in cloud services.",
     ("Google", "competesWith", "Tarn Labs"), ("Google", "competesWith", "Vexa-7")),
])
def test_a_pronoun_compared_with_a_name_is_of_the_same_kind(text: str, expected: tuple[str, str, str],
                                                             wrong: tuple[str, str, str]) -> None:
    # A comparison sets like against like: "它 … 超过了 Llama 3" is the model just released, not its company,
    # while "it competes with Google" is the company.
    triples = _triples(extract(text))
    assert expected in triples
    assert wrong not in triples


def test_it_after_an_apposition_stands_for_the_name_the_apposition_gives() -> None:
    # "The first Helix product, the Z900": the sentence is about the Z900; Helix only modifies "product".
    triples = _triples(extract("Orbix on Monday unveiled Helix, its new chip family. The first Helix product, "
                               "the Z900, combines two dies. It is made by Samsung using a custom process."))
    assert ("Z900", "manufacturedBy", "Samsung") in triples
    assert ("Helix", "manufacturedBy", "Samsung") not in triples
