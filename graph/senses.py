"""Homonyms: a gazetteer name written in another sense ("Go, the ancient board game"; "与寒武纪同名") is no mention.

The gazetteer matches names on token boundaries and, for names that are ordinary words, on case ("apple" is not
Apple). What case cannot tell apart is the same spelling used for two things: Amazon the company and the river,
Go the language and the board game, 寒武纪 the chipmaker and the geological period. News text marks the other
sense in a few recurring ways, and those are what this module reads:

* a description of another kind of thing next to the name: "Go, the ancient board game", "the constellation
  Gemini", "the game of Go", "Amazon, the largest river on Earth";
* talk about the name itself: "named the company after the Amazon", "has nothing to do with X", "not to be
  confused with X", "the word X"; in Chinese "“元宝”一词", "与……寒武纪同名", "同名的豆包助手" (another thing of
  the same name).

A name with no such marking keeps its gazetteer sense: most texts that name an entity mean it.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Go, the ancient board game, is hard. Google released Go in 2009.")
>>> [other_sense(doc[i:i + 1], lang="en", entity_type="Product") for i in (0, 10)]
[True, False]
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from graph.nlp import text_of, words_of

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
#: Nouns after a name that make it a game or sport: "the Go champion", "a Go board".
_GAME_HEADS = frozenset(["champion", "champions", "grandmaster", "tournament", "stones"])
#: Other nouns a name modifies only in its other sense: a spaceflight ("the Gemini missions"), a fruit ("apple
#: pie"), a river ("the Amazon basin"). Kept apart from the kinds above: "Apple, the juice maker" is a company.
_OTHER_HEADS_EN = frozenset(["mission", "missions", "spacecraft", "capsule", "astronaut", "astronauts", "pie",
                             "juice", "cider", "orchard", "orchards", "seeds", "basin", "estuary", "tributary",
                             "tributaries", "headwaters", "banks", "waters"])
#: Kinds of place a description after a name can give ("Nokia, a town in Finland", "X is a city in …"); only
#: there: "the city Apple calls home" and "the city's largest employer" say nothing of the name.
_PLACE_KIND_EN = frozenset(["town", "village", "city", "municipality", "island", "province", "county"])
#: Words that end the description a name is given: a place or clause after its head ("a company in the city of
#: …", "the firm that …") or the entity's own kind ("the company named after the river").
_DESCRIPTION_END_EN = frozenset([
    "in", "on", "at", "from", "with", "near", "that", "which", "who", "whose", "named", "after", "based",
    "company", "companies", "firm", "maker", "makers", "retailer", "group", "startup", "start-up", "giant",
    "lab", "laboratory", "developer", "operator", "carrier", "airline", "bank", "brand", "platform", "app",
    "model", "chatbot", "service", "chipmaker", "automaker", "carmaker", "conglomerate", "producer", "supplier",
    "manufacturer", "provider", "business", "corporation", "software", "tool", "assistant", "engine"])
#: Words before "the X" that put a river there: "along the Amazon", "boats down the Amazon".
_RIVER_BEFORE_EN = frozenset(["along", "down", "up", "across", "downstream", "upstream", "beside"])
#: Nouns before "of the X" that make X a river or a region: "the banks of the Amazon".
_PART_OF_EN = frozenset(["banks", "bank", "mouth", "basin", "source", "shores", "shore", "waters"])
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
#: Chinese words after the name that make it a word under discussion: "“元宝”一词", "寒武纪这个词",
#: "元宝原本指…", "豆包本义是…".
_NAME_TALK_AFTER_ZH = ("一词", "二字", "这个词", "这个名字", "这个字眼", "原本指", "本指", "原指", "本义",
                       "原意", "字面意思", "的意思是", "意为", "的本义")
#: Nouns a name can modify only in its other sense: "亚马逊雨林", "小米粥", "苹果树".
_OTHER_HEAD_ZH = ("雨林", "河", "流域", "星座", "粥", "树", "汁", "派", "饭", "面粉", "地质")
#: Kinds of thing no company, product or model is: "小米也是一种粮食", "寒武纪是一个地质年代".
_OTHER_KIND_ZH = ("粮食", "谷物", "作物", "水果", "蔬菜", "食物", "食品", "面食", "点心", "小吃", "动物", "植物",
                  "花卉", "星座", "星宿", "地质年代", "地质时期", "年代", "时期", "纪元", "河流", "山脉", "货币",
                  "钱币", "词语", "成语", "棋类", "神话", "神兽", "数学家", "诗人", "小说家", "哲学家", "文字",
                  "汉字", "文物")
#: Kinds of work or natural thing written right before a name ("专辑《月之暗面》", "小说《三体》"): the name is
#: that work's title. Only organisations and models are kept from it: a product may be a work ("游戏《原神》").
_WORK_BEFORE_ZH = re.compile(r"(?:专辑|歌曲|单曲|唱片|电影|影片|小说|诗集|名著|著作|古籍|典籍|星座|动画|电视剧|纪录片)"
                             r"[《“「\"']?$")
#: Chinese words that a Latin name in brackets translates ("双子座（Gemini）", "西北风（mistral）"): the name means
#: what they mean, a constellation, a wind, a rainforest, a god.
_GLOSSED_KIND_ZH = re.compile(r"(?:座|风|雨林|女神|之神)[（(]$")
#: Verbs that say where a name comes from: "名字来源于小米加步枪", "得名于亚马逊河".
_NAME_SOURCE_ZH = re.compile(r"(?:名字|名称|得名|取名|命名|由来)[^，。；！？\n]{0,8}"
                             r"(?:来自|来源于|源于|源自|取自|出自|于|借用了?|是|为)[“「\"']?$")
#: A measure word before the name makes it a common noun: "一个苹果", "两斤小米" (companies take 家, not these).
_CLASSIFIER_ZH = re.compile(r"(?:[一二两三四五六七八九十几半数这那每]|\d+)[个颗粒斤碗袋棵只头片块根串杯盘]$")
#: Common Chinese family names: a tagged "person" must start with one ("奥兰多" is a city, "智慧" a word).
SURNAMES_ZH = frozenset(
    ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "常", "温", "康", "施", "文", "牛", "樊", "葛", "邢", "安", "齐", "易", "乔", "伍", "庞", "颜", "倪", "庄", "聂", "章", "鲁", "岳", "翟", "殷", "詹", "申", "欧", "耿", "关", "兰", "焦", "俞", "左", "柳", "甘", "祝", "包", "宁", "尚", "符", "舒", "阮", "柯", "纪", "梅", "童", "凌", "毕", "单", "季", "裴", "霍", "涂", "成", "苗", "谷", "盛", "曲", "翁", "冉", "骆", "蓝", "路", "游", "辛", "靳", "管", "柴", "蒙", "鲍", "华", "喻", "祁", "蒲", "房", "滕", "屈", "饶", "解", "牟", "艾", "尤", "阳", "时", "穆", "农", "司", "卓", "古", "吉", "缪", "简", "车", "项", "连", "芦", "麦", "褚", "娄", "窦", "戚", "岑", "景", "党", "宫", "费", "卜", "冷", "晏", "席", "卫", "米", "柏", "宗", "瞿", "桂", "全", "佟", "应", "臧", "闵", "苟", "邬", "边", "卞", "姬", "师", "和", "仇", "栾", "隋", "商", "刁", "沙", "荣", "巫", "寇", "桑", "郎", "甄", "丛", "仲", "虞", "敖", "巩", "明", "佘", "池", "查", "麻", "苑", "迟", "邝", "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙"])
#: Who a person in a news story is ("当地居民李华为说"): a family name after one of these starts a person's name, and
#: a company's name glued to that family name is part of the person's ("华为" in "李华为").
_PERSON_NOUNS_ZH = ("居民", "村民", "市民", "网友", "学生", "员工", "职工", "老师", "教师", "医生", "记者", "司机", "店主",
                    "老板", "顾客", "游客", "名叫", "叫做", "同学", "农民", "工人", "消费者", "用户", "患者", "律师",
                    "男子", "女子", "老人", "大爷", "大妈", "市民们", "孩子", "儿子", "女儿")
#: What follows a person's name only: "王华为先生".
_AFTER_PERSON_ZH = ("先生", "女士", "同学", "老师", "师傅", "大爷", "阿姨")
#: Verbs no company is the object of: "常吃甘蓝", "种小米".
_FOOD_VERB_ZH = re.compile(r"(?:吃|喝|种|种植|煮|烤|炒|腌|采摘|摘|熬)(?:了|过|着)?$")
_COPULA_ZH = re.compile(r"^(?:也|则|就|本来|原本|本身|其实)?(?:是|为|属于|指)")
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
        return _other_sense_zh(span, entity_type)
    return _other_sense_en(span, entity_type)


def _other_sense_en(span: Span, entity_type: str) -> bool:
    # Only a window around the name is read; lower-casing the whole Doc per name would be quadratic.
    offset = max(0, span.start - 10)
    words = [w.lower() for w in words_of(span.doc)[offset:span.end + 8]]
    start, end = span.start - offset, span.end - offset
    other_kinds = _OTHER_KIND_EN - _PERSON_KIND_EN if entity_type == "Person" else _OTHER_KIND_EN
    # "X, the ancient board game," / "X the programming language": the description that follows the name.
    after = end + 1 if end < len(words) and words[end] == "," else end
    if after < len(words) and words[after] in ("the", "a", "an") and \
            _describes_other_kind(words[after + 1:after + 6], other_kinds | _PLACE_KIND_EN):
        return True
    # "the Amazon rainforest", "the Gemini constellation": the name modifies a noun of another kind.
    if end < len(words) and (words[end] in other_kinds or words[end] in _GAME_HEADS | _OTHER_HEADS_EN) and \
            words[end] != "character":
        return True  # "Go champion", "the Go board": a game, not a product
    # "the Gemini sign", "born under Gemini": a sign of the zodiac ("Apple and Nvidia sign a deal" is a verb, so
    # only "the" before the name makes "sign" a noun here).
    if (end < len(words) and words[end] == "sign" and start >= 1 and words[start - 1] == "the") or \
            " born under " in " " + " ".join(words[max(0, start - 3):start]) + " ":
        return True
    # "the Amazon, whose basin covers …": a river's or a region's parts.
    if words[end:end + 2] == [",", "whose"] and end + 2 < len(words) and words[end + 2] in _OTHER_HEADS_EN:
        return True
    # "萝卜 simply means radish", "the name Gemini translates as twins": talk about the word itself.
    following = words[end:end + 3]
    if following[:1] in (["means"], ["translates"]) or following[:2] in (["simply", "means"],
                                                                          ["literally", "means"]):
        return True
    # "the constellation Gemini", "the game of Go": the description that comes before it.
    before = start - 1
    if before >= 0 and words[before] in _QUOTES:
        before -= 1
    if before >= 0 and words[before] in other_kinds and words[before] != "board":
        return True
    if before >= 1 and words[before] == "of" and words[before - 1] in _KIND_OF_EN:
        return True
    # "along the Amazon", "the banks of the Amazon": a river, which only "the" and a place's words go before.
    if before >= 1 and words[before] == "the" and (words[before - 1] in _RIVER_BEFORE_EN or (
            before >= 2 and words[before - 1] == "of" and words[before - 2] in _PART_OF_EN | _KIND_OF_EN)):
        return True
    if before >= 1 and words[before] == "game" and words[before - 1] == "board":
        return True  # "the board game Go"
    # "named the company after the Amazon", "the name comes from X": talk about the name, not the thing.
    window = words[max(0, start - 8):start]
    while window and window[-1] in _QUOTES | {"the", "a", "an"}:
        window.pop()
    # "changed its name from X" states X as the entity's former name, not where a name comes from.
    renamed = len(window) >= 4 and window[-4] in ("changed", "change", "changes", "changing")
    if not renamed and any(tuple(window[-len(cue):]) == cue for cue in _NAME_TALK_BEFORE_EN):
        return True
    if window and window[-1] in ("after", "for") and "named" in window:
        named = len(window) - 1 - window[::-1].index("named")
        between = window[named + 1:-1]
        # "is named after X" (nothing between) or "named the company after X", but not "named CEO after X".
        return not between or (between[0] in _NAMED_OBJECTS and not _ROLE_WORDS & set(between))
    # "X is a grain", "Gemini was a constellation": a copula describing the name as another kind of thing.
    if end + 1 < len(words) and words[end] in ("is", "was", "are", "were") and words[end + 1] in ("a", "an", "the"):
        return _describes_other_kind(words[end + 2:end + 7], other_kinds | _PLACE_KIND_EN)
    return False


def _describes_other_kind(description: list[str], kinds: frozenset[str]) -> bool:
    """Whether a description ("the largest river on Earth", "a town in Finland") names one of ``kinds`` before
    the place, clause or entity kind that ends it ("a company in the city of …" is no city).

    >>> _describes_other_kind("a town in Finland".split()[1:], _PLACE_KIND_EN)
    True
    >>> _describes_other_kind("company named after the river".split(), _OTHER_KIND_EN)
    False
    """
    for i, word in enumerate(description):
        if word in _CLAUSE_END or word in _DESCRIPTION_END_EN:
            return False
        if word in kinds and description[i + 1:i + 2] not in (["'s"], ["’s"]):
            return True
    return False


def _other_sense_zh(span: Span, entity_type: str) -> bool:
    doc = span.doc
    text = text_of(doc)
    start, end = span.start_char, span.end_char
    # What follows the name, past closing quotes and a bracketed alias: "双子座（Gemini）是…".
    after = re.sub(r"^[”」』\"'’ ）)]*(?:[（(][^（）()]{0,30}[）)])?", "", text[end:end + 60])
    rest = after[:6]
    if rest.startswith(_NAME_TALK_AFTER_ZH) or text[end:end + 2].startswith(_OTHER_HEAD_ZH):
        return True
    clause_start = max(text.rfind(mark, 0, start) for mark in "，。；！？\n")
    before = text[clause_start + 1:start]
    # "当地居民李华为说", "王华为先生": a family name glued before the name makes it part of a person's name.
    if before[-1:] in SURNAMES_ZH and (before[:-1].endswith(_PERSON_NOUNS_ZH) or
                                       text[end:end + 2].startswith(_AFTER_PERSON_ZH)):
        return True
    # "这家公司与地质年代中的寒武纪同名": the thing the company shares its name with is not the company.
    if rest.startswith("同名"):
        return "与" in before or "和" in before
    # "同名的豆包智能助手": another thing that bears the same name as the one just named.
    if before.rstrip().endswith(("同名的", "同名")):
        return True
    if _NAME_SOURCE_ZH.search(before) or _CLASSIFIER_ZH.search(before.rstrip()) or \
            _FOOD_VERB_ZH.search(before.rstrip()) or _GLOSSED_KIND_ZH.search(before.rstrip()):
        return True
    if entity_type in ("Organization", "AIModel") and _WORK_BEFORE_ZH.search(before.rstrip()):
        return True
    # "小米也是一种粮食": the name is said to be another kind of thing within the clause.
    copula = _COPULA_ZH.match(rest)
    if copula:
        described = re.split(r"[，。；！？\n]", after[copula.end():], maxsplit=1)[0]
        return any(kind in described[:16] for kind in _OTHER_KIND_ZH)
    return False
