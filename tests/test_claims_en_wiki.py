"""Claims from encyclopedic English (Wikipedia-style) sentences, with given entity mentions as a labelled corpus
gives them, and in open mode.

Every sentence here is invented. Each test states correct behaviour; a failure is an extractor bug to fix.
"""

from __future__ import annotations

import re

import pytest

from graph.claims import Claim, ClaimExtractor
from graph.relation_scorer.evaluation import given_entity_doc
from graph.schema import load_schema

_EXTRACTOR = ClaimExtractor(load_schema())
_TYPES = {"O": "Organization", "P": "Person", "E": "Entity", "L": "Place", "D": "Product"}


def _given(marked: str, *, references: bool = True) -> list[Claim]:
    """Claims in a text whose mentions are marked ``[name|T]`` (T: O, P, E, L, D), each name its own entity."""
    text, mentions, pos = "", [], 0
    for match in re.finditer(r"\[([^\]|]+)\|(\w)\]", marked):
        text += marked[pos:match.start()]
        start = len(text)
        text += match.group(1)
        mentions.append((start, len(text), _TYPES[match.group(2)], match.group(1)))
        pos = match.end()
    text += marked[pos:]
    doc = given_entity_doc(_EXTRACTOR, text, lang="en", mentions=mentions, references=references)
    return _EXTRACTOR.extract(doc, lang="en")


def _triples(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims if c.polarity == "positive" and c.confidence >= 0.5}


# ---------------------------------------------------------------- the article's subject in later sentences
@pytest.mark.parametrize("marked, expected", [
    ("[Starfall Quest|E] is a racing game for the [Zeta|E] console.\nIt was developed by [Moonbeam Studios|O].",
     ("Starfall Quest", "developedBy", "Moonbeam Studios")),
    ("[Tom Kettering|P] is a Norwegian engineer.\nIn 1975 he joined [Harlow Group|O].",
     ("Tom Kettering", "worksFor", "Harlow Group")),
    ("[Brightline|O] is a logistics firm in [Ohio|L].\nThe company was acquired by [Harlow Group|O] in 2001.",
     ("Harlow Group", "acquired", "Brightline")),
])
def test_a_pronoun_or_description_in_a_later_sentence_is_the_given_entity(
        marked: str, expected: tuple[str, str, str]) -> None:
    # A corpus that labels whole documents states these pairs; the pronoun resolves as in open mode, and a
    # given name of no known type (a work, a product) may be what "it" means.
    assert expected in _triples(_given(marked))
    assert expected not in _triples(_given(marked, references=False))


# ---------------------------------------------------------------- employment
@pytest.mark.parametrize("marked, expected", [
    ("[Tom Kettering|P] , the chief executive officer of [Harlow Group|O] , resigned in 2004 .",
     ("Tom Kettering", "worksFor", "Harlow Group")),
    ("[Tom Kettering|P] worked as a senior engineer for [Harlow Group|O] until 2001 .",
     ("Tom Kettering", "worksFor", "Harlow Group")),
    ("[Ana Ruiz|P] worked as a reporter at the [Daily Courier|O] in the 1990s .",
     ("Ana Ruiz", "worksFor", "Daily Courier")),
    ("[Ana Ruiz|P] is a columnist for the [Daily Courier|O] .", ("Ana Ruiz", "worksFor", "Daily Courier")),
    ("[Ana Ruiz|P] was a sports correspondent for [Radio Lumen|O] .", ("Ana Ruiz", "worksFor", "Radio Lumen")),
    ("The [Daily Courier|O] columnist [Ana Ruiz|P] called the phone overbuilt .",
     ("Ana Ruiz", "worksFor", "Daily Courier")),
    ("[Ana Ruiz|P] taught at [Eastwood University|O] from 1960 to 1970 .",
     ("Ana Ruiz", "worksFor", "Eastwood University")),
    ("[Ana Ruiz|P] is currently the manager of [Eastwood Rovers|O] .", ("Ana Ruiz", "worksFor", "Eastwood Rovers")),
    ("[Ana Ruiz|P] was employed by [Harlow Group|O] as a chemist .", ("Ana Ruiz", "worksFor", "Harlow Group")),
    ("From 1990 [Ana Ruiz|P] was employed at [Eastwood University|O] .",
     ("Ana Ruiz", "worksFor", "Eastwood University")),
    ("[Ana Ruiz|P] was a co - editor of the monthly magazine [Lantern|O] .", ("Ana Ruiz", "worksFor", "Lantern")),
])
def test_a_job_named_in_a_biography_gives_the_employer(marked: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_given(marked))


def test_working_as_something_somewhere_names_no_employer() -> None:
    # "worked as … for" needs an organisation after "for"; a place and a span of time are not employers.
    assert not _triples(_given("[Ana Ruiz|P] worked as a nurse in [Ohio|L] for ten years ."))


# ---------------------------------------------------------------- coordinated verbs
@pytest.mark.parametrize("marked, expected, wrong", [
    ("[Ana Ruiz|P] joined [Harlow Group|O] in 1990 and later worked for [Brightline|O] .",
     ("Ana Ruiz", "worksFor", "Brightline"), None),
    ("[Ana Ruiz|P] worked for [Harlow Group|O] , then joined [Brightline|O] in 1995 .",
     ("Ana Ruiz", "worksFor", "Brightline"), None),
    ("[Ana Ruiz|P] currently teaches at [Eastwood College|O] and previously taught at [Westbrook University|O] .",
     ("Ana Ruiz", "worksFor", "Westbrook University"), None),
    ("[Harlow Group|O] acquired [Brightline|O] in 2001 and founded [Moonbeam|O] in 2005 .",
     ("Moonbeam", "foundedBy", "Harlow Group"), ("Moonbeam", "foundedBy", "Brightline")),
])
def test_a_coordinated_verb_shares_the_earlier_verbs_agent(
        marked: str, expected: tuple[str, str, str], wrong: tuple[str, str, str] | None) -> None:
    # The mention before the second verb is the first verb's object, not the second verb's agent.
    triples = _triples(_given(marked))
    assert expected in triples, triples
    assert wrong not in triples


def test_an_apposition_after_an_object_is_no_coordinated_verb() -> None:
    # "merged with X, parent of Y": X is the parent; the apposition does not take the sentence subject.
    triples = _triples(_given("[Brightline|O] merged with [Harlow Group|O] , parent of [Moonbeam|O] , in 2005 ."))
    assert ("Moonbeam", "subsidiaryOf", "Harlow Group") in triples
    assert not {("Brightline", "owns", "Moonbeam"), ("Moonbeam", "subsidiaryOf", "Brightline")} & triples


@pytest.mark.parametrize("marked, expected, broader", [
    ("[Harlow Group|O] , the Canadian parent of [Moonbeam|O] , sold its stake .",
     ("Moonbeam", "subsidiaryOf", "Harlow Group"), ("Harlow Group", "owns", "Moonbeam")),
    ("[Harlow Group|O] , the parent company of [Moonbeam|O] , reported a loss .",
     ("Moonbeam", "subsidiaryOf", "Harlow Group"), ("Harlow Group", "owns", "Moonbeam")),
    ("[Moonbeam|O] 's parent company , [Harlow Group|O] , reported a loss .",
     ("Moonbeam", "subsidiaryOf", "Harlow Group"), ("Harlow Group", "owns", "Moonbeam")),
])
def test_the_parent_of_an_organisation_is_its_parent_organisation(
        marked: str, expected: tuple[str, str, str], broader: tuple[str, str, str]) -> None:
    # Between two organisations "parent" names the parent organisation (Wikidata P749), the narrower reading
    # of owns, as "subsidiary" does the other way round.
    triples = _triples(_given(marked))
    assert expected in triples and broader not in triples


def test_the_parent_of_a_product_owns_it() -> None:
    # A product or brand has no parent organisation: the parent owns it.
    assert ("Harlow Group", "owns", "Moonbeam") in _triples(
        _given("[Harlow Group|O] , the parent of the [Moonbeam|D] brand , reported a loss ."))


# ---------------------------------------------------------------- brackets
@pytest.mark.parametrize("marked, expected", [
    ("[Harlow Group|O] ( owner of [Brightline|O] ) reported a loss .", ("Harlow Group", "owns", "Brightline")),
    ("[Brightline|O] ( a subsidiary of [Harlow Group|O] ) opened a depot .",
     ("Brightline", "subsidiaryOf", "Harlow Group")),
    ("[Tom Kettering|P] ( founder of [Brightline|O] ) spoke at the event .", ("Brightline", "foundedBy", "Tom Kettering")),
])
def test_a_bracket_with_a_trigger_after_a_name_says_something_of_it(
        marked: str, expected: tuple[str, str, str]) -> None:
    # A short bracket after a name is read as its alias ("Moonbeam (formerly Lunar Works)"), unless a trigger in
    # it makes it a clause about the name.
    assert expected in _triples(_given(marked))


def test_a_short_bracket_without_a_trigger_is_still_an_alias() -> None:
    assert not _triples(_given("[Brightline|O] ( formerly [Lunar Works|O] ) opened a depot ."))


# ---------------------------------------------------------------- owners named by a role noun
@pytest.mark.parametrize("marked, expected", [
    ("[Brightline|O] 's owner , [Harlow Group|O] , reported a loss .", ("Harlow Group", "owns", "Brightline")),
    ("[Chelsea Rovers|O] owner [Tom Kettering|P] attended the match .", ("Tom Kettering", "owns", "Chelsea Rovers")),
])
def test_the_holder_of_an_owner_title_owns_its_possessor(marked: str, expected: tuple[str, str, str]) -> None:
    # "owner" is a role noun like "chief executive": the possessor or the name before it is what is owned, the
    # apposition or the name after it is the owner.
    assert expected in _triples(_given(marked))


def test_an_owner_description_without_a_possessor_owns_nothing() -> None:
    assert not any(r == "owns" for _, r, _ in _triples(_given(
        "[Tom Kettering|P] , a restaurant owner , sued [Harlow Group|O] .")))


# ---------------------------------------------------------------- coordinated passives and relative clauses
@pytest.mark.parametrize("marked, expected, wrong", [
    ("[Orbis Records|O] was founded in 1990 by [Kari Berg|P] and is owned by [Halvorsen Group|O] .",
     ("Halvorsen Group", "owns", "Orbis Records"), ("Kari Berg", "owns", "Halvorsen Group")),
    ("[Orbis Records|O] was founded by [Kari Berg|P] and is now owned by [Halvorsen Group|O] .",
     ("Halvorsen Group", "owns", "Orbis Records"), ("Kari Berg", "owns", "Halvorsen Group")),
])
def test_a_passive_coordinated_with_an_earlier_one_shares_its_patient(
        marked: str, expected: tuple[str, str, str], wrong: tuple[str, str, str]) -> None:
    # "founded by A and is owned by B": the mention before "and" is the first participle's agent; the second
    # participle (with "is" and an adverb repeated) is said of the sentence subject, like "and published by B".
    triples = _triples(_given(marked))
    assert expected in triples, triples
    assert wrong not in triples


@pytest.mark.parametrize("marked, expected, wrong", [
    ("[Tom Kettering|P] met [Kari Berg|P] , who founded [Brightline|O] in 1990 .",
     ("Brightline", "foundedBy", "Kari Berg"), ("Brightline", "foundedBy", "Tom Kettering")),
    ("[Tom Kettering|P] praised [Kari Berg|P] , who later joined [Harlow Group|O] in 1990 .",
     ("Kari Berg", "worksFor", "Harlow Group"), ("Tom Kettering", "worksFor", "Harlow Group")),
    ("The hall was named after [Kari Berg|P] , who was a curator at the [Harlow Museum|O] .",
     ("Kari Berg", "worksFor", "Harlow Museum"), None),
])
def test_a_subject_relative_clause_is_said_of_its_head(
        marked: str, expected: tuple[str, str, str], wrong: tuple[str, str, str] | None) -> None:
    # ", who founded C": the relative pronoun stands for the name before the comma, not for the sentence subject.
    triples = _triples(_given(marked))
    assert expected in triples, triples
    assert wrong not in triples


@pytest.mark.parametrize("marked", [
    "[Dusk Harbor|E] is a novel by [Ana Ruiz|P] , published by [Lantern Books|O] in 1990 .",
    "[Dusk Harbor|E] is a 1990 novel written by [Ana Ruiz|P] and published by [Lantern Books|O] .",
    "[Dusk Harbor|E] is a novel by the Chilean writer [Ana Ruiz|P] published by [Lantern Books|O] .",
])
def test_a_passive_after_an_earlier_by_phrase_describes_what_that_phrase_describes(marked: str) -> None:
    # The name after the first "by" is that phrase's agent (an author: no relation of ours); the publisher's
    # participle describes the work, as it would without the author.
    triples = _triples(_given(marked))
    assert ("Dusk Harbor", "publishedBy", "Lantern Books") in triples
    assert not any(s == "Ana Ruiz" and o == "Lantern Books" for s, _, o in triples)


# ---------------------------------------------------------------- coordinated roles
@pytest.mark.parametrize("marked, expected", [
    ("[Kari Berg|P] is the founder and chief executive of [Brightline|O] .", ("Brightline", "foundedBy", "Kari Berg")),
    ("[Kari Berg|P] , co-founder and president of [Brightline|O] , spoke .", ("Brightline", "foundedBy", "Kari Berg")),
    ("[Kari Berg|P] , founder and director of the [Harlow Museum|O] , died .",
     ("Harlow Museum", "foundedBy", "Kari Berg")),
])
def test_a_role_coordinated_with_a_later_role_of_an_organisation_is_held_there(
        marked: str, expected: tuple[str, str, str]) -> None:
    # "founder and chief executive of X": both roles are X's; the first one's holder is the mention before it.
    triples = _triples(_given(marked))
    assert expected in triples, triples
    assert (expected[2], "worksFor", expected[0]) in triples


def test_a_role_coordinated_with_an_unrelated_noun_phrase_takes_no_organisation() -> None:
    assert not _triples(_given("[Kari Berg|P] praised the founder and a critic of [Brightline|O] ."))


# ---------------------------------------------------------------- senses of "produced"
@pytest.mark.parametrize("marked", [
    "[Harbour Lights|E] is a Danish television drama produced by [Nordlys Media|O] .",
    "In 2004 [Nordlys Media|O] produced a documentary about the town called [Harbour Lights|E] .",
    "[Harbour Lights|E] is the first single produced by [Kari Berg|P] .",
])
def test_a_work_that_is_produced_is_not_manufactured(marked: str) -> None:
    # A film, show or record is produced by its producer: no manufacturedBy (Wikidata's P176 is for goods).
    assert not any(r == "manufacturedBy" for _, r, _ in _triples(_given(marked)))


def test_goods_that_are_produced_are_manufactured() -> None:
    triples = _triples(_given("The [Vela X2|D] is a phone produced by [Nordlys Electronics|O] in Oslo ."))
    assert ("Vela X2", "manufacturedBy", "Nordlys Electronics") in triples


# ---------------------------------------------------------------- causing and beginning
@pytest.mark.parametrize("marked", [
    "The [Kelm Report|E] led to the founding of [Vantor Systems|O] in 1990 .",
    "[Jonas Prell|P] started his career with [Vantor Systems|O] in 1990 .",
    "[Jonas Prell|P] started playing for [Vantor Systems|O] in 1990 .",
])
def test_leading_to_and_starting_to_do_name_no_leader_or_founder(marked: str) -> None:
    # "led to" is causing and "started playing", "started his career" are beginning: no worksFor, no foundedBy.
    assert not _triples(_given(marked))


def test_leading_and_starting_an_organisation_still_count() -> None:
    assert ("Jonas Prell", "worksFor", "Vantor Systems") in _triples(
        _given("[Jonas Prell|P] led [Vantor Systems|O] for ten years ."))
    assert ("Vantor Systems", "foundedBy", "Jonas Prell") in _triples(
        _given("[Jonas Prell|P] started [Vantor Systems|O] in 1990 ."))


# ---------------------------------------------------------------- lists of names with an article
def test_the_last_member_of_a_list_may_carry_its_article() -> None:
    # "the Tovel University" is a name that takes an article; the list still distributes the verb.
    triples = _triples(_given("[Mara Velden|P] taught at [Brask University|O] and the [Tovel University|O] in Ohio ."))
    assert {("Mara Velden", "worksFor", "Brask University"), ("Mara Velden", "worksFor", "Tovel University")} <= triples


def test_an_article_before_a_new_clause_subject_starts_no_list_member() -> None:
    # "and the Kelm Society praised it": the name is the subject of a second clause, not a second thing bought.
    triples = _triples(_given("[Harlow Group|O] acquired [Brightline|O] and the [Kelm Society|O] praised it ."))
    assert ("Harlow Group", "acquired", "Brightline") in triples
    assert ("Harlow Group", "acquired", "Kelm Society") not in triples


# ---------------------------------------------------------------- academic posts and a second role
@pytest.mark.parametrize("marked", [
    "[Jonas Prell|P] began teaching at [Brask University|O] in 1950 .",
    "[Jonas Prell|P] went on to teach history at [Brask University|O] .",
    "[Jonas Prell|P] has been a faculty member of [Brask University|O] since 1990 .",
    "[Jonas Prell|P] is on the faculty of [Brask University|O] .",
    "After the war [Jonas Prell|P] took a position with [Brask University|O] .",
])
def test_an_academic_post_or_a_position_names_the_employer(marked: str) -> None:
    assert ("Jonas Prell", "worksFor", "Brask University") in _triples(_given(marked))


@pytest.mark.parametrize("marked", [
    "[Jonas Prell|P] is vice president of the [Kestrel Society|O] and a senior editor at the [Brask University|O] .",
    "[Jonas Prell|P] , brother of [Mara Prell|P] and a professor at [Brask University|O] , protested .",
])
def test_a_second_role_after_a_prepositional_object_is_the_subjects(marked: str) -> None:
    # The mention before "and a ROLE" is the object of the first phrase's preposition, not the role's holder.
    triples = _triples(_given(marked))
    assert ("Jonas Prell", "worksFor", "Brask University") in triples
    assert ("Mara Prell", "worksFor", "Brask University") not in triples


# ---------------------------------------------------------------- the holder of a role after its organisation
@pytest.mark.parametrize("marked, expected", [
    ("The chief executive of [Vantor Systems|O] , [Jonas Prell|P] , said the sensor was ready .",
     ("Jonas Prell", "worksFor", "Vantor Systems")),
    ("It is the birthplace of the founder of [Vantor Systems|O] , [Jonas Prell|P] .",
     ("Vantor Systems", "foundedBy", "Jonas Prell")),
])
def test_an_apposition_after_the_organisation_of_a_role_is_its_holder(
        marked: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_given(marked))


def test_a_clause_subject_after_an_organisation_holds_no_role() -> None:
    # "After the acquisition of X, Y said": Y opens the main clause; no apposition closes after it.
    assert not _triples(_given("After the founder of [Vantor Systems|O] left , [Harlow Group|O] said it would grow ."))


# ---------------------------------------------------------------- compounds whose first part is the agent
@pytest.mark.parametrize("marked", [
    "From 1998 to 2008 [Jonas Prell|P] headed the state-owned power monopoly [Vantor Systems|O] .",
    "[Kelm Group|O] backed the newly-founded [Vantor Systems|O] .",
])
def test_a_common_noun_before_a_participle_is_its_agent(marked: str) -> None:
    # "state-owned X": the state owns X; the mention before the compound neither owns nor founded it.
    triples = _triples(_given(marked))
    assert ("Jonas Prell", "owns", "Vantor Systems") not in triples
    assert ("Vantor Systems", "foundedBy", "Kelm Group") not in triples


def test_a_name_before_a_participle_or_a_by_after_it_still_names_the_agent() -> None:
    assert ("Kelm Group", "owns", "Vantor Systems") in _triples(
        _given("[Harlow Group|O] said [Vantor Systems|O] is majority-owned by [Kelm Group|O] ."))


@pytest.mark.parametrize("marked, wrong", [
    ("The bridge opened in 1998 after ten years of [Danish|E] work .\nIt was designed by [Holm Consult|O] .",
     ("Danish", "developedBy", "Holm Consult")),
    ("The word comes from [Greek|E] and is a term created by the philosopher [Anna Varga|P] .",
     ("Greek", "developedBy", "Anna Varga")),
])
def test_an_untyped_adjective_of_origin_is_no_argument(marked: str, wrong: tuple[str, str, str]) -> None:
    # A corpus may give "Danish" or "Greek" as a mention of no known type; it is neither "it" nor a subject.
    assert wrong not in _triples(_given(marked)), _triples(_given(marked))


@pytest.mark.parametrize("marked, expected", [
    # Lawsuits in the plural, and a short "suit against".
    ("[Harlow Group|O] has filed patent lawsuits against [Brightline|O] in two countries.",
     ("Harlow Group", "sued", "Brightline")),
    ("[Harlow Group|O] brought a suit against [Brightline|O] last year.", ("Harlow Group", "sued", "Brightline")),
    # Stakes in several companies, and a holding raised.
    ("[Harlow Group|O] holds minority stakes in [Brightline|O] and [Moonbeam Studios|O].",
     ("Harlow Group", "investedIn", "Moonbeam Studios")),
    ("[Harlow Group|O] raised its holding in [Brightline|O] again.", ("Harlow Group", "investedIn", "Brightline")),
])
def test_plural_lawsuits_and_stakes_and_a_raised_holding(marked: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_given(marked))


@pytest.mark.parametrize("marked, expected, wrong", [
    # Shares or a small stake bought are a stake in the company, not the company.
    ("[Harlow Group|O] bought shares in [Brightline|O] and [Moonbeam Studios|O] last year.",
     ("Harlow Group", "investedIn", "Moonbeam Studios"), ("Harlow Group", "acquired", "Moonbeam Studios")),
    ("[Harlow Group|O] bought a 9 per cent stake in [Brightline|O].",
     ("Harlow Group", "investedIn", "Brightline"), ("Harlow Group", "acquired", "Brightline")),
    # A majority stake is control: the purchase stands.
    ("[Harlow Group|O] bought a majority stake in [Brightline|O].",
     ("Harlow Group", "acquired", "Brightline"), None),
])
def test_buying_shares_or_a_minority_stake_is_an_investment(
        marked: str, expected: tuple[str, str, str], wrong: tuple[str, str, str] | None) -> None:
    triples = _triples(_given(marked))
    assert expected in triples, triples
    assert wrong not in triples, triples
