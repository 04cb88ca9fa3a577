"""Claims from Chinese finance-news constructions: stakes, subsidiaries, rivals and partners said the way business
news says them (lists, carried subjects, "来自…的竞争", 据/根据 phrases, full company names).

Every sentence here is invented for the test. Each test states correct behaviour; a failure is an extractor bug.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pytest

import graph.build
from graph.claims import Claim, ClaimExtractor
from graph.schema import load_schema
from graph.settings import ExtractorMode, Settings

#: These tests are about the rules: pinned to them, whatever the default extractor (the hybrid's own tests are
#: tests/test_hybrid.py).
extract = functools.partial(graph.build.extract, settings=Settings(extractor=ExtractorMode.RULES))


def _triples(claims: Sequence[Claim]) -> set[tuple[str, str, str]]:
    return {c.triple_names for c in claims}


def _symmetric(claims: Sequence[Claim], relation: str) -> set[frozenset[str]]:
    return {frozenset((c.subject_name, c.object_name)) for c in claims if c.relation == relation}


_EXTRACTOR: ClaimExtractor | None = None


def _given(text: str, *names: str) -> list[Claim]:
    """Claims with the names given as (untyped) entities, every occurrence marked, as in the corpus evaluation."""
    from graph.relation_scorer.evaluation import given_entity_doc

    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = ClaimExtractor(load_schema())
    mentions = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            if all(at + len(name) <= a or at >= b for a, b in taken):
                taken.append((at, at + len(name)))
                mentions.append((at, at + len(name), "Entity", name))
            at = text.find(name, at + 1)
    doc = given_entity_doc(_EXTRACTOR, text, lang="zh", mentions=mentions)
    return _EXTRACTOR.extract(doc, lang="zh")


# ---------------------------------------------------------------- names and sentences
def test_a_full_company_name_with_a_verb_inside_is_an_argument() -> None:
    # 控股/投资/开发 inside a full name ("…控股有限公司", "…投资公司") are part of the name, not verbs glued to it.
    claims = _given("东方明珠控股有限公司收购了星河地产。", "东方明珠控股有限公司", "星河地产")
    assert ("东方明珠控股有限公司", "acquired", "星河地产") in _triples(claims)
    claims = _given("远景科技投资公司持有蓝海股份的部分股权。", "远景科技投资公司", "蓝海股份")
    assert ("远景科技投资公司", "investedIn", "蓝海股份") in _triples(claims)


def test_a_verb_glued_before_a_company_word_is_still_no_name() -> None:
    # "收购该集团" is no company; a name whose first word is a trigger stays out ("宣布成立新公司").
    claims = _given("腾讯宣布成立公司。", "腾讯", "宣布成立公司")
    assert not claims


def test_a_masked_decimal_point_ends_no_sentence() -> None:
    # Corpora mask numbers ("<N>.<N>%"); the point between two masks is a decimal point.
    from graph.nlp import get_pipeline

    sents = [s.text for s in get_pipeline("zh")("华润持有万科<N>.<N>%的股权。第二句。").sents]
    assert sents == ["华润持有万科<N>.<N>%的股权。", "第二句。"]
    claims = _given("华润持有万科<N>.<N>%的股权,是其第一大股东。", "华润", "万科")
    assert ("华润", "investedIn", "万科") in _triples(claims)


def test_the_point_of_a_legal_form_before_chinese_ends_no_sentence() -> None:
    # jieba cuts "Corp." into "Corp" + "."; in Chinese text the point of a legal form or title is no full stop.
    from graph.nlp import get_pipeline

    nlp = get_pipeline("zh")
    assert [s.text for s in nlp("华信集团将与 Norvale Shipping Corp. 合作建造货轮。第二句。").sents] == [
        "华信集团将与 Norvale Shipping Corp. 合作建造货轮。", "第二句。"]
    # A point that Latin text follows still ends its sentence.
    assert len(list(nlp("The deal closed at Norvale Ltd. Then 华信 left.").sents)) == 2
    claims = _given("华信集团将与 Norvale Shipping Corp. 合作建造货轮。", "华信集团", "Norvale Shipping Corp")
    assert _symmetric(claims, "partnersWith") == {frozenset({"华信集团", "Norvale Shipping Corp"})}


# ---------------------------------------------------------------- 据/根据
def test_a_mention_after_genju_that_a_trigger_governs_is_an_argument() -> None:
    # "根据 A 与 B 的合作协议": the partners of the agreement, not its source.
    claims = _given("根据长城汽车与宁德时代的合作协议,双方将共建电池工厂。", "长城汽车", "宁德时代")
    assert _symmetric(claims, "partnersWith") == {frozenset({"长城汽车", "宁德时代"})}


def test_a_speaker_after_ju_is_still_the_source() -> None:
    claims = extract("据新华社报道，吉利汽车已收购宝腾汽车。")
    acquired = [c for c in claims if c.relation == "acquired"]
    assert acquired and all(c.subject_name == "吉利汽车" for c in acquired), _triples(claims)
    assert not any("新华社" in (c.subject_name, c.object_name) for c in claims)


# ---------------------------------------------------------------- rivals and partners
def test_a_clause_without_subject_competes_as_the_subject_of_the_clause_before() -> None:
    # The sentence opens with a clause of its own, so the sentence subject is not the one carried.
    claims = _given("受原材料涨价影响,海尔近年来加快了海外布局,即主要与惠而浦、伊莱克斯在高端市场竞争。",
                    "海尔", "惠而浦", "伊莱克斯")
    assert _symmetric(claims, "competesWith") == {frozenset({"海尔", "惠而浦"}), frozenset({"海尔", "伊莱克斯"})}


def test_the_carried_rival_is_of_the_kind_of_its_rival() -> None:
    # A product competes with a product: the product the earlier clause launched, not the company launching it.
    claims = extract("月之暗面随后推出了智能助手 Kimi，与百度的文心一言展开竞争。")
    rivals = _symmetric(claims, "competesWith")
    assert frozenset({"Kimi", "文心一言"}) in rivals, _triples(claims)
    assert frozenset({"月之暗面", "文心一言"}) not in rivals


def test_a_listed_subject_of_a_contest_verb_is_each_against_each() -> None:
    claims = _given("美团、饿了么和京东等平台也在争夺外卖用户。", "美团", "饿了么", "京东")
    assert _symmetric(claims, "competesWith") == {frozenset({"美团", "饿了么"}), frozenset({"美团", "京东"}),
                                                  frozenset({"饿了么", "京东"})}


def test_competition_from_a_list_is_competition_with_each_member() -> None:
    claims = _given("阿里云今年将面临来自腾讯云、华为云等厂商的竞争。", "阿里云", "腾讯云", "华为云")
    assert _symmetric(claims, "competesWith") == {frozenset({"阿里云", "腾讯云"}), frozenset({"阿里云", "华为云"})}


def test_a_partner_after_yu_is_not_part_of_the_subject_a_later_clause_shares() -> None:
    # "A 与 B 合作多年，又收购了 C": 与 B is a comitative of 合作; the clause after shares A alone. "A 与 B 均…"
    # is a coordinated subject, shared whole.
    names = ("星河集团", "华安电器", "蓝海股份")
    claims = _given("星河集团与华安电器合作多年，去年又收购了蓝海股份。", *names)
    assert {c.triple_names for c in claims if c.relation == "acquired"} == {("星河集团", "acquired", "蓝海股份")}
    claims = _given("星河集团与华安电器均已上市，并先后收购了蓝海股份。", *names)
    assert {c.triple_names for c in claims if c.relation == "acquired"} == {
        ("星河集团", "acquired", "蓝海股份"), ("华安电器", "acquired", "蓝海股份")}


# ---------------------------------------------------------------- stakes and subsidiaries
def test_a_clause_without_subject_holds_the_stake_of_the_clause_before() -> None:
    claims = _given("为偿还到期债务,星河集团拟以三亿元的价格,将持有的蓝海股份股权挂牌转让。", "星河集团", "蓝海股份")
    assert ("星河集团", "investedIn", "蓝海股份") in _triples(claims)


def test_the_largest_shareholder_is_a_shareholder() -> None:
    # "最大股东": jieba splits 最 from 大股东; the rank still qualifies the role.
    claims = _given("交易完成后,黑石集团成为星河地产的最大股东。", "黑石集团", "星河地产")
    assert ("黑石集团", "investedIn", "星河地产") in _triples(claims)


def test_a_dash_after_a_subsidiary_noun_introduces_the_subsidiary() -> None:
    # "X 发布公告称，全资子公司——Y …": the speaker of the announcement is the parent, the name after the dash its
    # subsidiary.
    claims = _given("星河集团昨日发布公告称,全资子公司——蓝海科技已完成增资。", "星河集团", "蓝海科技")
    assert {("星河集团", "owns", "蓝海科技"), ("蓝海科技", "subsidiaryOf", "星河集团")} <= _triples(claims)


def test_a_held_company_that_heads_a_relative_clause_is_still_held() -> None:
    # "A 旗下的 B 发布的公告": 旗下 takes no object, so "B 发布的" describes the announcement and B stays A's;
    # a verb's object is still read past such a clause ("收购 B 开发的 C": C is what was bought).
    claims = _given("星河集团旗下的上市公司蓝海科技发布的公告显示,其利润大增。", "星河集团", "蓝海科技")
    assert ("星河集团", "owns", "蓝海科技") in _triples(claims)
    claims = _given("星河集团收购了蓝海科技开发的云图平台。", "星河集团", "蓝海科技", "云图平台")
    assert ("星河集团", "acquired", "蓝海科技") not in _triples(claims)


@pytest.mark.parametrize("text, expected", [
    ("作为星河集团旗下唯一的上市公司,蓝海科技今年扭亏为盈。", ("星河集团", "owns", "蓝海科技")),
    ("作为星河集团的第一大股东,蓝海科技将全额参与此次增发。", ("蓝海科技", "investedIn", "星河集团")),
    ("作为星河集团的主要竞争对手,蓝海科技上季度的市场份额有所下降。", ("星河集团", "competesWith", "蓝海科技")),
])
def test_a_fronted_zuowei_phrase_describes_the_subject_after_the_comma(text: str,
                                                                     expected: tuple[str, str, str]) -> None:
    # "作为 B 旗下的…，A …" says of A what "B 旗下的 A" says: A opens the clause the phrase is fronted to.
    assert expected in _triples(_given(text, "星河集团", "蓝海科技"))


def test_a_fronted_zuowei_phrase_needs_a_subject_right_after_it() -> None:
    # A phrase that is not fronted, or a name later in the clause, is no such subject.
    assert not _given("他作为星河集团的股东,对蓝海科技今年的业绩很满意。", "星河集团", "蓝海科技")


@pytest.mark.parametrize("text, names, expected", [
    ("去年,远洋资本入主星河地产,成为其第一大股东。", ("远洋资本", "星河地产"), ("远洋资本", "investedIn", "星河地产")),
    ("宝能系再度举牌蓝海股份。", ("宝能系", "蓝海股份"), ("宝能系", "investedIn", "蓝海股份")),
])
def test_taking_control_or_disclosing_a_stake_is_a_stake(text: str, names: tuple[str, str],
                                                         expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_given(text, *names))


@pytest.mark.parametrize("text, names, expected", [
    # The company takes the investor in: the name after 引入/引进 or before 的战略投资 is the investor.
    ("蓝海科技去年引入星河资本作为战略投资者。", ("蓝海科技", "星河资本"), ("星河资本", "investedIn", "蓝海科技")),
    ("蓝海科技宣布获得了星河资本的战略投资。", ("蓝海科技", "星河资本"), ("星河资本", "investedIn", "蓝海科技")),
    ("蓝海科技上月获得星河资本的投资。", ("蓝海科技", "星河资本"), ("星河资本", "investedIn", "蓝海科技")),
    # Shares bought on the market, named by their stake noun.
    ("星河资本近期买入蓝海科技股权。", ("星河资本", "蓝海科技"), ("星河资本", "investedIn", "蓝海科技")),
])
def test_a_strategic_investor_taken_in_or_shares_bought_are_stakes(text: str, names: tuple[str, str],
                                                                   expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_given(text, *names))


def test_an_investment_return_gained_names_no_investor() -> None:
    # "获得 X 投资收益": 投资收益 is income, not X's investment.
    assert not _given("蓝海科技去年获得星河资本投资收益。", "蓝海科技", "星河资本")


@pytest.mark.parametrize("text", [
    "星河集团和蓝海科技通力协作,完成了方案。",
    # jieba keeps 合作意向 as one word, so 合作 alone does not match inside it.
    "星河集团与蓝海科技签订合作意向协议。",
])
def test_working_together_or_a_cooperation_intent_is_a_partnership(text: str) -> None:
    claims = _given(text, "星河集团", "蓝海科技")
    assert _symmetric(claims, "partnersWith") == {frozenset(("星河集团", "蓝海科技"))}


@pytest.mark.parametrize("text, names", [
    ("去年,蓝海集团提出兼并星河水泥的计划。", ("蓝海集团", "星河水泥")),
    ("国资委批复了蓝海股份吸并星河水泥的方案。", ("蓝海股份", "星河水泥")),
])
def test_absorbing_a_company_is_a_merger(text: str, names: tuple[str, str]) -> None:
    # 兼并 and 吸并 (short for 吸收合并) absorb one company into the other, as 吸收合并 does.
    assert _symmetric(_given(text, *names), "mergedWith") == {frozenset(names)}


def test_bianshen_becomes_a_role_like_chengwei() -> None:
    # 变身 ("to become") links the holder to a shareholder noun as 成为 does.
    claims = _given("增发完成后,星河资本将变身蓝海科技的第二大股东。", "星河资本", "蓝海科技")
    assert ("星河资本", "investedIn", "蓝海科技") in _triples(claims)


# ---------------------------------------------------------------- polarity and modality
@pytest.mark.parametrize("text, relation", [
    ("此后小米不再与富士康合作。", "partnersWith"),
    ("软银不再是阿里巴巴的第一大股东。", "investedIn"),
    ("谷歌此后不再持有星河科技的股份。", "investedIn"),
])
def test_no_longer_negates_the_relation(text: str, relation: str) -> None:
    claims = [c for c in extract(text) if c.relation == relation]
    assert claims and all(c.polarity == "negative" for c in claims), _triples(claims)


def test_a_negation_before_a_passive_marker_negates_the_claim() -> None:
    # The negation follows the first argument; the agent after 被 is inside its scope.
    claims = [c for c in extract("DeepMind 并没有被微软收购。") if c.relation == "acquired"]
    assert claims and all(c.polarity == "negative" for c in claims), _triples(claims)


def test_a_report_of_no_named_source_is_hedged() -> None:
    # jieba keeps "媒体报道" as one word; "据多家媒体报道" passes a report on like "据路透社报道".
    claims = [c for c in _given("据多家媒体报道，吉利汽车已收购宝腾汽车。", "吉利汽车", "宝腾汽车")
              if c.relation == "acquired"]
    assert claims and all(c.modality == "hedged" for c in claims), _triples(claims)
    # A company telling of itself asserts.
    claims = [c for c in _given("据吉利汽车介绍，吉利汽车已收购宝腾汽车。", "吉利汽车", "宝腾汽车")
              if c.relation == "acquired"]
    assert claims and all(c.modality == "asserted" for c in claims), _triples(claims)


@pytest.mark.parametrize("text, names", [
    ("吉利汽车与宝腾汽车正式联姻。", ("吉利汽车", "宝腾汽车")),
    ("雅虎和阿里巴巴这对昔日盟友正在分道扬镳。", ("雅虎", "阿里巴巴")),
    ("康佳与创维在海外建立战略联盟。", ("康佳", "创维")),
])
def test_tie_up_and_alliance_words_are_partnerships(text: str, names: tuple[str, str]) -> None:
    claims = _given(text, *names)
    assert _symmetric(claims, "partnersWith") == {frozenset(names)}, _triples(claims)


# ---------------------------------------------------------------- stakes held, bought and taken over
@pytest.mark.parametrize("text, holder, held", [
    ("截至年底，星河资本所持蓝海股份的股权已升至百分之八。", "星河资本", "蓝海股份"),
    ("远景集团拟将所持5%的华安电器股权挂牌转让。", "远景集团", "华安电器"),
    ("去年，远景集团通过二级市场购入华安电器300万股。", "远景集团", "华安电器"),
    ("东湖投资以2亿元受让华安电器股份，成为第二大股东。", "东湖投资", "华安电器"),
])
def test_a_stake_held_bought_or_taken_over_is_an_investment(text: str, holder: str, held: str) -> None:
    claims = _given(text, holder, held)
    assert (holder, "investedIn", held) in _triples(claims), _triples(claims)


def test_a_seller_before_a_holding_word_is_not_what_is_bought() -> None:
    # "受让 B 所持的股份": B holds the shares sold; the company they are in is not named.
    claims = _given("东湖投资受让远景集团所持的全部股份。", "东湖投资", "远景集团")
    assert not [c for c in claims if c.relation in ("investedIn", "acquired")], _triples(claims)
    claims = _given("东湖投资收购远景集团手中的股权。", "东湖投资", "远景集团")
    assert not [c for c in claims if c.relation in ("investedIn", "acquired")], _triples(claims)
    # A role noun's holder may stand before the holding word: "大股东 X 持有的股份" still names X's role.
    claims = _given("华安电器的大股东远景集团持有的股份已被冻结。", "华安电器", "远景集团")
    assert ("远景集团", "investedIn", "华安电器") in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text, relation", [
    # A stake short of control is an investment in the company, not its acquisition ...
    ("星河集团以5亿元收购了蓝海股份 30% 的股权。", "investedIn"),
    ("星河集团拟收购蓝海股份的部分股权。", "investedIn"),
    ("星河集团收购蓝海股份少数股东股权。", "investedIn"),
    ("星河集团完成了对蓝海股份 20% 股权的收购。", "investedIn"),
    ("蓝海股份 15% 的股份被星河集团收购。", "investedIn"),
    # ... all of it, the rest of it, a controlling stake or a majority is one; so is a figure of unknown size.
    ("星河集团收购蓝海股份全部股权。", "acquired"),
    ("星河集团收购蓝海股份 100% 股权。", "acquired"),
    ("星河集团收购蓝海股份剩余 20% 的股权。", "acquired"),
    ("星河集团收购蓝海股份 51% 股权。", "acquired"),
    ("星河集团收购蓝海股份控股权。", "acquired"),
    ("星河集团收购蓝海股份<N>%股权。", "acquired"),
    ("星河集团收购了蓝海股份。", "acquired"),
])
def test_buying_a_stake_short_of_control_is_an_investment(text: str, relation: str) -> None:
    claims = [c for c in _given(text, "星河集团", "蓝海股份") if c.relation in ("investedIn", "acquired")]
    assert {c.triple_names for c in claims} == {("星河集团", relation, "蓝海股份")}, _triples(claims)


def test_what_is_held_stands_right_after_the_holding_word() -> None:
    # "所持…股份" names the holder right before it; a holder noun between ("大股东所持") is someone else, and a
    # mention further on ("…出售给 B") is no stake of the holder's.
    claims = _given("拍卖行将大股东所持华安电器股份公开拍卖。", "拍卖行", "华安电器")
    assert ("拍卖行", "investedIn", "华安电器") not in _triples(claims), _triples(claims)
    claims = _given("远景集团同意将所持股份以协议转让的方式出售给东湖投资。", "远景集团", "东湖投资")
    assert ("远景集团", "investedIn", "东湖投资") not in _triples(claims), _triples(claims)


# ---------------------------------------------------------------- joint action
def test_an_adverb_of_joint_action_pairs_the_joint_subject_not_the_verbs_object() -> None:
    # "A 与 B 联合收购 C": A and B are partners and both buy C; C is no partner of theirs.
    claims = _given("星河资本与东湖投资联合收购了蓝海股份。", "星河资本", "东湖投资", "蓝海股份")
    assert _symmetric(claims, "partnersWith") == {frozenset(("星河资本", "东湖投资"))}, _triples(claims)
    assert {("星河资本", "acquired", "蓝海股份"), ("东湖投资", "acquired", "蓝海股份")} <= _triples(claims)
    claims = _given("远景集团和华安电器共同出资设立了一家合资公司。", "远景集团", "华安电器")
    assert _symmetric(claims, "partnersWith") == {frozenset(("远景集团", "华安电器"))}, _triples(claims)
    claims = _given("东湖投资将与远景集团共同开发新城项目。", "东湖投资", "远景集团")
    assert _symmetric(claims, "partnersWith") == {frozenset(("东湖投资", "远景集团"))}, _triples(claims)
    # "联合了 B" is the verb: the mention after it is the partner.
    claims = _given("星河资本联合了东湖投资推出新基金。", "星河资本", "东湖投资")
    assert _symmetric(claims, "partnersWith") == {frozenset(("星河资本", "东湖投资"))}, _triples(claims)


def test_a_joint_subject_inside_a_relative_clause_is_not_the_head_nouns_partner() -> None:
    claims = _given("蓝海电机是公司和华安电器共同投资组建的企业。", "蓝海电机", "华安电器")
    assert not _symmetric(claims, "partnersWith"), _triples(claims)


@pytest.mark.parametrize("coverb", ["携手", "联手", "联合"])
def test_the_subject_before_a_coverb_of_joining_shares_the_verb(coverb: str) -> None:
    # "A 携手 B 收购 C": A buys C together with B.
    claims = _given(f"星河资本{coverb}东湖投资收购了蓝海股份。", "星河资本", "东湖投资", "蓝海股份")
    assert {("星河资本", "acquired", "蓝海股份"), ("东湖投资", "acquired", "蓝海股份")} <= _triples(claims), \
        _triples(claims)


# ---------------------------------------------------------------- contest
@pytest.mark.parametrize("text, names", [
    ("星河电器正在从华安电器手中抢夺市场。", ("星河电器", "华安电器")),
    ("在东南亚，星河电器很难从华安电器口中夺食。", ("星河电器", "华安电器")),
    ("星河电器与华安电器在北京开战了。", ("星河电器", "华安电器")),
    ("星河电器或将抢占华安电器的市场份额。", ("星河电器", "华安电器")),
    ("星河电器与华安电器正在争抢经销商资源。", ("星河电器", "华安电器")),
])
def test_taking_from_a_rivals_hands_and_going_to_war_are_competition(text: str, names: tuple[str, str]) -> None:
    claims = _given(text, *names)
    assert _symmetric(claims, "competesWith") == {frozenset(names)}, _triples(claims)


@pytest.mark.parametrize("text, names", [
    ("星河电器与华安电器的渠道争夺战愈演愈烈。", ("星河电器", "华安电器")),
    ("家电零售之争：星河电器对战华安电器。", ("星河电器", "华安电器")),
    ("星河电器与华安电器将在华东市场正面对决。", ("星河电器", "华安电器")),
    ("星河电器与华安电器的价格战仍在升级。", ("星河电器", "华安电器")),
    ("星河电器董事长立下目标：五年内赶超华安电器。", ("星河电器", "华安电器")),
    ("星河电器与华安电器同台竞技。", ("星河电器", "华安电器")),
])
def test_a_fight_or_a_chase_between_two_companies_is_competition(text: str, names: tuple[str, str]) -> None:
    claims = _given(text, *names)
    assert _symmetric(claims, "competesWith") == {frozenset(names)}, _triples(claims)


@pytest.mark.parametrize("text, relation", [
    ("星河电器、华安电器达成战略合作。", "partnersWith"),
    ("星河电器、华安电器签署了合作协议。", "partnersWith"),
    ("星河电器、华安电器宣布结成战略联盟。", "partnersWith"),
])
def test_a_list_before_a_light_verb_and_a_relation_noun_is_its_parties(text: str, relation: str) -> None:
    # "A、B 达成战略合作": the list is the whole subject; the light verb only carries the relation noun.
    claims = _given(text, "星河电器", "华安电器")
    assert _symmetric(claims, relation) == {frozenset(("星河电器", "华安电器"))}, _triples(claims)


def test_a_purchase_out_of_a_sellers_hands_is_no_contest() -> None:
    # "从 B 手中收购": B is the seller, a source, not a party to the deal.
    claims = _given("星河电器从华安电器手中收购了蓝海股份。", "星河电器", "华安电器", "蓝海股份")
    assert ("星河电器", "acquired", "华安电器") not in _triples(claims), _triples(claims)
    assert not _symmetric(claims, "competesWith"), _triples(claims)


def test_a_list_introduced_by_baokuo_after_a_noun_names_what_the_noun_means() -> None:
    # "遇到众多竞争对手，包括 A、B": the list names the rivals.
    claims = _given("星河电器将遇到众多竞争对手，包括华安电器、蓝海电机等。", "星河电器", "华安电器", "蓝海电机")
    assert _symmetric(claims, "competesWith") == {frozenset(("星河电器", "华安电器")),
                                                   frozenset(("星河电器", "蓝海电机"))}, _triples(claims)


@pytest.mark.parametrize("text", [
    "交易完成后，星河资本在蓝海股份的持股比例从5%增至9%。",
    "星河资本在蓝海股份的投资已经收回。",
])
def test_a_holding_in_a_company_after_zai_is_the_holders(text: str) -> None:
    # "A 在 B 的持股": A's stake in B, not B's.
    claims = _given(text, "星河资本", "蓝海股份")
    assert ("星河资本", "investedIn", "蓝海股份") in _triples(claims), _triples(claims)
    assert ("蓝海股份", "investedIn", "星河资本") not in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text", [
    "蓝海股份大股东远景控股与星河资本签署了合作协议。",
    "蓝海股份的大股东和管理层均未与星河资本接触。",
])
def test_a_mention_further_after_a_shareholder_noun_is_not_its_holder(text: str) -> None:
    # The holder of "大股东" stands right after it; 星河资本 here belongs to 与/签署, not to the noun.
    claims = _given(text, "蓝海股份", "星河资本")
    assert ("星河资本", "investedIn", "蓝海股份") not in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text", [
    "蓝海股份的第一大股东为星河资本。",
    "蓝海股份共有三家股东，包括星河资本、远景控股和一名自然人。",
    "蓝海股份前两大股东远景控股、星河资本的持股数量没有变化。",
    "蓝海股份宣布，其第二大股东、欧洲能源巨头星河资本将派出两名董事。",
])
def test_a_shareholder_noun_names_its_holder_after_a_copula_a_list_or_a_description(text: str) -> None:
    claims = _given(text, "蓝海股份", "星河资本")
    assert ("星河资本", "investedIn", "蓝海股份") in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text, holder, company", [
    ("蓝海股份成立于2015年，星河资本持股40%。", "星河资本", "蓝海股份"),
    ("远景控股持有蓝海股份30%的股权，星河资本则持股12%。", "星河资本", "蓝海股份"),
    ("蓝海股份成立于2015年，远景控股与星河资本分别持有60%和40%的股份。", "星河资本", "蓝海股份"),
])
def test_a_stake_stated_as_a_figure_is_in_the_company_the_sentence_is_about(text: str, holder: str,
                                                                            company: str) -> None:
    claims = _given(text, "蓝海股份", "远景控股", "星河资本")
    assert (holder, "investedIn", company) in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text", [
    "股权结构为蓝海股份持有60%，星河资本持有40%。",
    "蓝海股份成立于2015年，星河资本持有其他公司的股份。",
])
def test_a_bare_stake_after_a_holder_or_with_its_own_object_takes_no_company(text: str) -> None:
    claims = _given(text, "蓝海股份", "星河资本")
    assert ("星河资本", "investedIn", "蓝海股份") not in _triples(claims), _triples(claims)


@pytest.mark.parametrize("text, expected", [
    # Subscribing for new shares is buying a stake.
    ("去年，星河资本以五亿元认购蓝海股份15%的股份。", ("星河资本", "investedIn", "蓝海股份")),
    # Taking the other side to a court, named or not.
    ("蓝海股份把星河资本告上杭州市中级人民法院。", ("蓝海股份", "sued", "星河资本")),
    # A joint venture makes the two partners.
    ("蓝海股份与星河资本合资建设的储能工厂今年投产。", ("蓝海股份", "partnersWith", "星河资本")),
])
def test_subscribing_suing_in_court_and_a_joint_venture(text: str, expected: tuple[str, str, str]) -> None:
    claims = _given(text, "蓝海股份", "星河资本")
    triples = _triples(claims) | {(o, r, s) for s, r, o in _triples(claims) if r == "partnersWith"}
    assert expected in triples, _triples(claims)


@pytest.mark.parametrize("text", [
    "蓝海股份拟向星河资本全体股东发行新股。",
    "星河资本的中小股东对蓝海股份的报价表示不满。",
])
def test_a_class_of_shareholders_names_no_holder(text: str) -> None:
    claims = _given(text, "蓝海股份", "星河资本")
    assert not {t for t in _triples(claims) if t[1] == "investedIn"}, _triples(claims)
