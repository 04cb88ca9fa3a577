"""Homonyms: a gazetteer name written in another sense ("Go, the ancient board game"; "与寒武纪同名") is no mention.

The gazetteer matches names on token boundaries and, for names that are ordinary words, on case ("apple" is not
Apple). What case cannot tell apart is the same spelling used for two things: Amazon the company and the river,
Go the language and the board game, 寒武纪 the chipmaker and the geological period. News text marks the other
sense in a few recurring ways, and those are what this module reads:

* a description of another kind of thing next to the name: "Go, the ancient board game", "the constellation
  Gemini", "the game of Go", "Amazon, the largest river on Earth";
* talk about the name itself: "named the company after the Amazon", "has nothing to do with X", "not to be
  confused with X", "the word X"; in Chinese "“元宝”一词", "与……寒武纪同名".

A name with no such marking keeps its gazetteer sense: most texts that name an entity mean it.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Go, the ancient board game, is hard. Google released Go in 2009.")
>>> [other_sense(doc[i:i + 1], lang="en", entity_type="Product") for i in (0, 10)]
[True, False]
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp import words_of

#: Nouns that describe something no organisation, product or model is: a description of the name with one of
#: these ("Amazon, the largest river", "the constellation Gemini") means the other sense.
_OTHER_KIND_EN = frozenset([
    "river", "rainforest", "forest", "jungle", "mountain", "lake", "fruit", "vegetable", "animal", "mammal",
    "bird", "fish", "plant", "flower", "tree", "grain", "crop", "word", "term", "verb", "noun", "adjective",
    "slang", "constellation", "zodiac", "star", "planet", "period", "era", "epoch", "dynasty", "goddess", "god",
    "deity", "myth", "mythology", "legend", "dish", "food", "bread", "bun", "snack", "coin", "currency",
    "mathematician", "novelist", "poet", "philosopher", "statistician", "painter", "composer", "emperor",
    "king", "queen", "saint", "hero", "character", "board",  # "board game"
])
#: Of these a person can be: only for names of people does "the novelist X" describe the entity itself.
_PERSON_KIND_EN = frozenset(["mathematician", "novelist", "poet", "philosopher", "statistician", "painter",
                             "composer", "emperor", "king", "queen", "saint", "hero"])
#: Nouns that, placed before "of X", make X the thing described: "the game of Go", "the land of …".
_KIND_OF_EN = frozenset(["game", "word", "term", "constellation", "river", "sign", "god", "goddess", "myth",
                         "legend", "land", "period", "era"])
#: Words just before the name that make it the name under discussion: "the word X", "the same name as X".
_NAME_TALK_BEFORE_EN = (("the", "word"), ("the", "term"), ("same", "name", "as"), ("its", "name", "with"),
                        ("name", "comes", "from"), ("name", "nods", "to"), ("name", "from"))
#: Objects of "named … after X" that make it an act of naming, not a job ("was named chief executive after …").
_NAMED_OBJECTS = frozenset(["it", "them", "him", "her", "the", "its", "his", "their", "this", "our"])
_ROLE_WORDS = frozenset(["chief", "executive", "ceo", "president", "head", "director", "chair", "chairman",
                         "officer", "leader", "manager", "partner", "member", "winner"])
#: Chinese words after the name that make it a word under discussion: "“元宝”一词", "寒武纪这个词".
_NAME_TALK_AFTER_ZH = ("一词", "二字", "这个词", "这个名字", "这个字眼")
_CLAUSE_END = frozenset([",", ";", ".", ":", "!", "?", "，", "；", "。", "：", "！", "？"])
_QUOTES = frozenset(['"', "“", "”", "'", "‘", "’", "「", "」"])


def other_sense(span: Span, *, lang: str, entity_type: str) -> bool:
    """Whether the text around a gazetteer match marks it as the other thing spelled the same way.

    >>> import spacy
    >>> doc = spacy.blank("en")("He named the company after the Amazon, the largest river on Earth.")
    >>> other_sense(doc[6:7], lang="en", entity_type="Organization")
    True
    >>> doc = spacy.blank("en")("Amazon, the online retailer, bought Whole Foods.")
    >>> other_sense(doc[0:1], lang="en", entity_type="Organization")
    False
    """
    if entity_type == "Place":
        return False
    if lang == "zh":
        return _other_sense_zh(span)
    return _other_sense_en(span, entity_type)


def _other_sense_en(span: Span, entity_type: str) -> bool:
    words = [w.lower() for w in words_of(span.doc)]
    start, end = span.start, span.end
    other_kinds = _OTHER_KIND_EN - _PERSON_KIND_EN if entity_type == "Person" else _OTHER_KIND_EN
    # "X, the ancient board game," / "X the programming language": the description that follows the name.
    after = end + 1 if end < len(words) and words[end] == "," else end
    if after < len(words) and words[after] in ("the", "a", "an"):
        for word in words[after + 1:after + 6]:
            if word in _CLAUSE_END:
                break
            if word in other_kinds:
                return True
    # "the constellation Gemini", "the game of Go": the description that comes before it.
    before = start - 1
    if before >= 0 and words[before] in _QUOTES:
        before -= 1
    if before >= 0 and words[before] in other_kinds and words[before] != "board":
        return True
    if before >= 1 and words[before] == "of" and words[before - 1] in _KIND_OF_EN:
        return True
    # "named the company after the Amazon", "the name comes from X": talk about the name, not the thing.
    window = words[max(0, start - 8):start]
    while window and window[-1] in _QUOTES | {"the", "a", "an"}:
        window.pop()
    if any(tuple(window[-len(cue):]) == cue for cue in _NAME_TALK_BEFORE_EN):
        return True
    if window and window[-1] in ("after", "for") and "named" in window:
        named = len(window) - 1 - window[::-1].index("named")
        between = window[named + 1:-1]
        return bool(between) and between[0] in _NAMED_OBJECTS and not _ROLE_WORDS & set(between)
    return False


def _other_sense_zh(span: Span) -> bool:
    doc = span.doc
    text = doc.text
    start, end = span.start_char, span.end_char
    rest = text[end:end + 6].lstrip("”」\"' ")
    if rest.startswith(_NAME_TALK_AFTER_ZH):
        return True
    # "这家公司与地质年代中的寒武纪同名": the thing the company shares its name with is not the company.
    if rest.startswith("同名"):
        clause_start = max(text.rfind(mark, 0, start) for mark in "，。；！？\n")
        return "与" in text[clause_start + 1:start] or "和" in text[clause_start + 1:start]
    return False
