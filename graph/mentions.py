"""Doc → entity mentions as spaCy spans in ``doc.ents``: label = entity class, ``kb_id`` = entity IRI.

Three sources, highest precedence first: the gazetteer (bundled and user entity lists, matched on token
boundaries so ``o1`` is not found in ``o10``), names from an installed spaCy NER model, and open-vocabulary names
(Latin names inside Chinese, Chinese organisation names by suffix, capitalised English names).

>>> from graph.schema import load_schema
>>> finder = MentionFinder(load_schema())
>>> doc = finder.nlp("zh")("英伟达和GPT4o以及 o10 与北京智谱华章科技有限公司")
>>> [(e.text, e.label_) for e in finder(doc).ents]
[('英伟达', 'Organization'), ('GPT4o', 'AIModel'), ('o10', 'Product'), ('北京智谱华章科技有限公司', 'Organization')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.alias_links import (
    ZH_REGION_PREFIX,
    Links,
    bracket_aliases,
    initialisms,
    initials,
    same_name_same_iri,
    short_forms,
    stated_aliases,
)
from graph.documents import HAN_CHARACTER
from graph.name_types import ORG_NAME_HEADS, infer_type, list_kinds
from graph.nlp import NAME_DOTS, default_word_tags, get_pipeline, text_of, words_of
from graph.resolve import entity_key, mint_entity_iri
from graph.schema import KnownEntity, Schema
from graph.senses import SURNAMES_ZH as _SURNAMES
from graph.senses import other_sense

#: Where a Doc keeps why each mention got its IRI: (start_char, end_char) → (rule, evidence).
RESOLUTION_KEY = "claimgraph.resolution"
#: Where a Doc keeps the other reading of an "it"/"它": token start → (IRI, class) of an entity of the other kind.
OTHER_READING_KEY = "claimgraph.other_reading"
#: Where a Doc keeps what each "its"/"其" stands for: token index → (IRI, class).
POSSESSOR_KEY = "claimgraph.possessor"
#: Where a Doc keeps the members a plural reference ("两人", "the two companies") stands for: token start →
#: [(IRI, class), ...].
PLURAL_KEY = "claimgraph.plural"

#: Latin aliases this short (or shorter) must match case-sensitively: "Go", "Meta", "o1".
SHORT_ALIAS = 4
_DEMONYM = re.compile(r"(?:ish|ese|ian|ean)$|^(?:American|German|Mexican|Dominican|Israeli|Pakistani|Saudi|Iraqi|"
                      r"Kuwaiti|Emirati|Qatari|Omani|Thai|Nepali|Bangladeshi|Somali|Dutch|French|Swiss|Greek|Czech)$")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
_EN_TITLE = re.compile(r"\b(?:titled|entitled|called|named)\s+[\"“]([^\"”\n]{3,150})[\"”]")
_ZH_BOOK_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:[-.+':][A-Za-z0-9\u00c0-\u024f]+)*$")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_ORG_SUFFIXES: tuple[str, ...] = ("有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "科技", "银行", "股份", "控股",
                 "实验室", "研究院", "研究所", "基金", "资本", "大学", "学院", "基金会", "协会", "委员会", "出版社",
                 "电视台", "工作室", "交易所", "研究中心", "事务所", "联盟")
#: Kind words that, right before an organisation's name, describe it ("量化基金幻方") rather than end a name.
_ZH_BARE_KIND_WORDS = frozenset(["公司", "基金", "集团", "机构"])
#: Trade words that end a company's short name after a name-like word: "中新药业", "华泰证券", "东方航空".
_ZH_TRADE_SUFFIXES: tuple[str, ...] = (
    "药业", "制药", "医药", "证券", "保险", "人寿", "财险", "信托", "期货", "租赁", "电器", "电气", "电子", "光电",
    "影业", "传媒", "实业", "地产", "房产", "置业", "矿业", "能源", "电力", "热电", "煤电", "煤业", "钢铁", "化工",
    "航空", "物流", "速递", "快递", "酒店", "重工", "机械", "食品", "乳业", "啤酒", "酒业", "水泥", "纸业", "农业",
    "百货", "商业", "汽车", "环保", "生物", "建工", "港务", "航运", "海运", "网络", "互娱", "游戏", "娱乐")
_SUFFIX_LAST = frozenset(s[-1] for s in _ORG_SUFFIXES + _ZH_TRADE_SUFFIXES)
#: Verbs that company names are made of ("华泰联合证券", "中关村发展集团", "江苏开发投资"): they do not end a name.
_ZH_NAME_VERBS = frozenset(["控股", "开发", "联合", "出版", "希望", "拍卖", "制造", "担保", "创新", "发展", "建设",
                            "管理", "发电", "运营", "服务", "咨询", "交易", "合成", "通用", "投资", "超市"])
#: Words for someone's role towards the name that follows: "大股东同盛集团", "对手空中客车公司", "本报讯…".
_ZH_DESCRIBERS: tuple[str, ...] = ("股东", "企业", "公司", "子公司", "行动人", "控制人", "对手", "伙伴", "客户", "巨头", "龙头", "翘楚", "报讯",
                                   "重组方", "收购方", "买方", "卖方", "投资方", "合作方", "对方", "投资者", "供应商")
#: Kinds of service a Chinese brand names its products by ("腾讯会议", "百度地图", "讯飞输入法"); not the generic
#: 手机/云/广告, which after a brand mostly mean the company's phones, cloud or ad business, nor 打车/健康, which
#: name companies too (滴滴打车, 京东健康).
_ZH_SERVICE_NOUNS = frozenset(["会议", "文档", "地图", "视频", "音乐", "新闻", "翻译", "输入法", "浏览器", "搜索",
                               "网盘", "邮箱", "阅读", "文库", "百科", "贴吧", "外卖"])
#: Words ending like a company that name a relation, not a company: "谷歌母公司", "全资子公司".
_ZH_RELATION_NOUNS = frozenset(["母公司", "子公司", "分公司", "全资子公司", "控股子公司", "孙公司", "总公司",
                                "合资公司", "关联公司", "控股公司", "上市公司", "空壳公司", "壳公司"])
#: Category nouns that stand before a name as its description, not inside it: "教育机构可汗学院".
_ZH_CATEGORY = frozenset(["机构", "组织", "企业", "平台", "应用", "公司", "集团", "品牌", "旗下", "部门", "团队", "媒体",
                          "网站", "初创公司", "创业公司", "非营利", "实验室", "厂商", "巨头", "大厂"])
#: Tokens that never start or sit inside a Chinese organisation name found by suffix.
_ZH_NOT_IN_NAME = frozenset(["的", "了", "在", "与", "和", "及", "或", "是", "为", "被", "由", "将", "把", "对", "从", "向", "给", "让", "也", "都", "就", "还", "又", "等", "这", "那", "其", "该", "此", "年", "月", "日", "个", "家", "位", "名", "和", "说", "称", "表示", "宣布", "发布", "推出", "收购", "投资", "合作", "已", "已经", "正在", "今天", "昨天", "旗下", "成为", "作为", "据", "根据",
                             "本周", "上周", "下周", "本月", "上月", "今年", "去年", "明年", "此前", "目前", "当天",
                             "周一", "周二", "周三", "周四", "周五", "周六", "周日", "近日", "日前", "随后",
                             "包括", "其中", "以及", "还有", "通过", "对于", "关于", "由于", "因为", "所以", "如果",
                             # Words that state another name: "X，又称Y集团" names Y集团, not "又称Y集团".
                             "又称", "又名", "也称", "亦称", "别称", "简称", "下称", "全称", "原名", "原称", "曾用名",
                             "旧称", "更名为", "改名为", "前身", "前身为", "前身是", "原名为",
                             # Office verbs jieba's dictionary lacks (they would pass for nouns): "李明曾任云帆集团
                             # 董事长" names 云帆集团, not "李明曾任云帆集团".
                             "担任", "出任", "曾任", "历任", "现任", "兼任", "转任", "升任", "接任", "任职", "就职"])
#: Words that state another name, given to jieba as words: without them it cuts "前身为明湖县化肥厂" into
#: "前身", "为明", "湖县", and the name stated after the cue is no run of whole words.
_ZH_NAME_STATING_WORDS = ("前身为", "前身是", "更名为", "改名为", "原名为")
#: Latin words inside Chinese text that are vocabulary, not names.
_LATIN_STOP = frozenset(
    ["ai", "api", "app", "apps", "ceo", "cto", "cfo", "coo", "gpu", "gpus", "cpu", "tpu", "llm", "llms", "rl", "cot", "sft", "rlhf", "nlp", "cv", "agi", "asr", "tts", "iot", "saas", "ip", "ok", "vs", "etc", "pr", "ppt", "pdf", "url", "http", "https", "www", "com", "cn", "html", "json", "ui", "ux", "id", "it", "pc", "mac", "ios", "android", "app", "sdk", "prompt", "agent", "token", "tokens", "context", "scale", "scaling", "law", "model", "models", "data", "inference", "benchmark", "demo", "beta", "alpha", "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "is", "are", "was", "were", "be", "at", "as", "it", "this", "that", "these", "those", "we", "you", "i", "he", "she", "they", "not", "but", "if", "so", "do", "does", "did", "has", "have", "had", "can", "will", "just", "also", "only", "more", "most", "very", "new", "end"]
)
_EN_STOP_START = frozenset(
    ["The", "A", "An", "In", "On", "At", "For", "From", "By", "With", "After", "Before", "During", "Since", "Until", "While", "When", "Where", "Why", "How", "What", "Who", "This", "That", "These", "Those", "It", "Its", "Their", "Our", "Your", "His", "Her", "We", "They", "I", "He", "She", "You", "If", "But", "And", "Or", "So", "Yet", "Also", "However", "Meanwhile", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Earlier", "Later", "According", "Under", "Over", "Among", "Despite", "Although", "Though", "Because", "As", "Both", "Each", "Every", "Some", "Many", "Most", "Other", "Such", "No", "Not", "One", "Two", "Three", "Mr", "Ms", "Mrs", "Dr", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Chinese", "American", "European", "Japanese", "Korean", "British", "French", "Ltd", "Inc", "Corp", "Co", "CEO", "CTO", "AI"]
)
_EN_ORG_SUFFIX = frozenset(["Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "LLC", "Labs", "Lab", "AI", "Technologies", "Technology", "Group", "Holdings", "Capital", "Ventures", "Partners", "Bank", "Systems", "Robotics", "Research", "Foundation", "University", "Institute", "Company", "Co.", "Networks", "Software", "Semiconductor"])
#: Capitalised words after a company name that do not make a new name ("Microsoft Corporation" is Microsoft).
_UNIT_STOP = _EN_STOP_START | _EN_ORG_SUFFIX | frozenset([
    "Chief", "Executive", "Officer", "President", "Chairman", "Chairwoman", "Founder", "Cofounder", "Director",
    "Head", "Vice", "Senior", "Spokesperson", "Spokesman", "Spokeswoman", "Engineer", "Engineers", "Researcher",
    "Researchers", "Scientist", "Analyst", "Analysts", "Says", "Said", "Shares", "Stock", "Co", "Platforms",
    "Incorporated", "Limited", "Plc", "PLC", "AG", "SE", "SA", "NV", "GmbH", "US", "USA", "UK", "China"])
_EN_CONNECTORS = frozenset({"of", "&", "de", "for"})
#: Lines of business a company's name ends with, whose first word is the company's short name ("Lyra" of "Lyra
#: Biosciences"): graph.alias_links links the two.
_EN_BUSINESS_WORDS = frozenset(["Airways", "Airlines", "Biosciences", "Therapeutics", "Pharma", "Pharmaceuticals",
                                "Industries", "Logistics", "Foods", "Energy", "Financial", "Insurance", "Electronics",
                                "Brewing", "Communications", "Telecom", "Bancorp", "Motors"])
_NER_LABELS = {"ORG": "Organization", "PERSON": "Person", "PRODUCT": "Product", "GPE": "Place", "LOC": "Place",
               "FAC": "Place", "WORK_OF_ART": "Product", "NORP": None, "EVENT": None}


#: First characters of the Chinese units and counters that make a number an amount: 13亿美元, 5%, 3倍, 2024年.
_ZH_QUANTITY_UNITS = frozenset("亿万千百元%％倍年月日个家款名位股")


def _is_quantity(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a number glued to a unit or counter after it ("13" in "13亿美元", "5" in "5%"): an
    amount, not a product's version.

    >>> import spacy
    >>> doc = spacy.blank("en").make_doc("Inflection 13%")
    >>> _is_quantity(doc, 1), _is_quantity(doc, 0)
    (True, False)
    """
    token = doc[i]
    if not token.text.replace(".", "").isdigit() or token.whitespace_ or i + 1 >= len(doc):
        return False
    return doc[i + 1].text[:1] in _ZH_QUANTITY_UNITS


#: Tokens that continue a product name as its version: numbers ("2.0", "4", "70B") and tier words.
_VERSION = re.compile(r"^(?!(?:19|20)\d\d$)(?:[a-zA-Z]?\d+(?:\.\d+)*[A-Za-z]{0,2}|Pro|Ultra|Max|Turbo|mini|Mini|Plus|Lite|Flash|Sonnet|Opus|"
                      r"Haiku|Nano|Instruct|Preview|Omni|Air|Speed)$")
#: A model number after a name: "60", "S24"-like tokens are names of their own, so only digits (and v2).
_NUMBERED = re.compile(r"^(?!(?:19|20)\d\d$)[vV]?\d+(?:\.\d+)*[A-Za-z]{0,2}$")
#: Generic words before 公司/集团…: "芯片公司" is a kind of company, not a name.
_ZH_GENERIC = frozenset(["这家", "一家", "该", "本", "其", "两家", "多家", "各家", "芯片", "科技", "互联网", "人工智能", "AI", "创业", "初创", "上市", "母", "子", "投资", "咨询", "软件", "硬件", "汽车", "电商", "游戏", "半导体", "技术", "网络", "安全", "数据", "模型", "平台", "云", "独角兽", "新", "大型", "小型", "美国", "中国", "国内", "海外", "外国", "国外", "大", "小", "头部", "龙头", "全球", "跨国", "科研", "研究", "金融", "传媒", "媒体", "能源", "制药", "医药", "手机", "电子", "通信", "大模型", "算力", "机器人", "自动驾驶", "设计", "制造", "代工", "研发", "服务", "设备", "通信", "电信", "物流", "零售",
                         "广告", "支付", "社交", "搜索", "视频", "音乐", "出行", "云计算", "存储", "生物", "医疗",
                         "教育", "传媒", "短视频", "直播", "新能源", "电动车", "造车", "民营", "国有", "私营", "外资", "合资", "央企", "国企", "全部", "上述", "部分", "所有", "剩余", "综合"])


def alias_variants(name: str) -> set[str]:
    """Spellings of one alias the matcher should accept: as written, and with hyphens/spaces swapped or dropped.

    >>> sorted(alias_variants("GPT-4o"))
    ['GPT 4o', 'GPT-4o', 'GPT4o']
    >>> sorted(alias_variants("SK海力士"))
    ['SK 海力士', 'SK海力士']
    """
    variants = {name}
    if "-" in name:
        variants |= {name.replace("-", " "), name.replace("-", "")}
    if " " in name and not _HAS_CJK.search(name):
        variants |= {name.replace(" ", "-"), name.replace(" ", "")}
    if _HAS_CJK.search(name) and _LATIN_OR_DIGIT.search(name):
        # "SK海力士" / "SK 海力士", "问界M9" / "问界 M9": mixed text often spaces Latin words off Chinese ones.
        glued = _SCRIPT_GAP.sub("", name)
        variants |= {glued, _SCRIPT_BOUNDARY.sub(" ", glued)}
    return {v for v in variants if v.strip()}


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
#: A space between a Chinese character and a Latin letter or digit, either way round.
_SCRIPT_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[\u4e00-\u9fff])")
_SCRIPT_BOUNDARY = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


#: "优步中国", "苹果中国": a company's name with a region right after it is its regional company, when the
#: region ends the noun phrase.
_ZH_REGIONS = frozenset(["中国", "美国", "日本", "韩国", "欧洲", "印度", "香港", "台湾", "新加坡", "英国", "德国",
                         "法国", "亚太", "全球", "国际"])
#: Deal verbs rare enough in jieba's dictionary to pass for name parts: "参股公司", "受让君邦公司".
_ZH_DEAL_VERBS = frozenset(["参股", "减持", "增持", "受让", "增资", "注资", "持股", "竞拍", "竞得", "出售", "转让",
                            "并购", "划转", "托管"])
#: The heads of a company named right after it: "X 总裁", "X 发言人".
_ZH_COMPANY_HEADS = frozenset(["董事长", "总裁", "副总裁", "总经理", "首席执行官", "发言人"])
#: Words right after a company's name that say it is one: its leaders' roles, 旗下, an announcement.
_ZH_NAME_CUES = _ZH_COMPANY_HEADS | frozenset(["创始人", "联合创始人", "董事会", "旗下", "公告", "方面"])
#: Verbs of saying after "X方面" ("游戏科学方面表示"): the side that speaks is an organisation.
_ZH_SPEECH_AFTER_SIDE = frozenset(["表示", "称", "回应", "透露", "证实", "确认", "否认", "指出", "介绍"])
#: What may stand between the announcer and 公告: "X今日公告称", "X昨晚发布公告".
_ZH_ANNOUNCE_GAP = frozenset(["今日", "昨日", "昨晚", "今晚", "近日", "日前", "发布", "晚间", "早间", "当日", "同日"])
#: Where a clause opens: the announcer of "X公告" comes right after one of these or starts the text.
_ZH_CLAUSE_OPEN = frozenset(["，", ",", "。", "；", ";", "：", ":", "\n", "、", "讯", "日", "”", "）", ")"])
#: Foreign countries: before a Chinese company description they say where it is, they do not start its name.
_ZH_COUNTRIES = frozenset(["美国", "日本", "韩国", "英国", "德国", "法国", "意大利", "西班牙", "荷兰", "瑞士", "瑞典",
                           "丹麦", "挪威", "芬兰", "俄罗斯", "印度", "加拿大", "澳大利亚", "新加坡", "以色列", "阿联酋",
                           "沙特", "巴西", "墨西哥", "欧洲", "亚洲", "非洲", "美洲"])
#: Roles after "company + region" that make the two a regional arm: "谷歌中国总裁", "苹果中国发言人".
_ZH_REGIONAL_HEADS = _ZH_COMPANY_HEADS | frozenset(["负责人", "掌门人"])
_ZH_AFTER_REGION = frozenset(["的", "，", "。", "、", "和", "与", "及", "；", "）", ")"])
_ZH_FUNCTION = frozenset(["的", "了", "在", "与", "和", "及", "或", "是", "为", "被", "由", "将", "把", "对", "从",
                          "向", "给", "也", "都", "就", "还", "又", "等", "这", "那", "其", "该", "此", "已", "今天"])
#: Company-form words: after a known name they only spell out its legal form.
_ZH_LEGAL_FORMS = frozenset(["公司", "有限公司", "集团", "科技", "有限责任公司", "股份有限公司", "集团公司",
                             "控股有限公司", "有限责任", "有限", "股份公司"])
_ZH_AND = frozenset(["和", "与", "、", "及", "以及", "同"])
#: Sentences whose tags a MentionFinder keeps: at news sentence lengths, a few MB of tuples at most.
_TAGGED_CACHE_SIZE = 4096


def _join_name_parts(tagged: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Put back together a name jieba split: a one-character surname tagged as a name before a given name
    ("王" + "小川"), or a two-character name before a bound morpheme ("陈云" + "霁", tagged *g).

    >>> _join_name_parts([("陈云", "nr", 0), ("霁", "vg", 2), ("兄弟", "n", 3)])
    [('陈云霁', 'nr', 0), ('兄弟', 'n', 3)]
    >>> _join_name_parts([("张勇", "nr", 0), ("在", "p", 2)])
    [('张勇', 'nr', 0), ('在', 'p', 2)]
    """
    out: list[tuple[str, str, int]] = []
    for word, flag, start in tagged:
        if out:
            last, last_flag, last_start = out[-1]
            adjacent = last_start + len(last) == start
            surname_then_name = len(last) == 1 and last in _SURNAMES and last_flag == "nr" and flag == "nr" and \
                len(word) <= 2
            name_then_morpheme = last_flag == "nr" and len(last) == 2 and len(word) == 1 and flag.endswith("g") \
                and _CJK_WORD.match(word) is not None
            if adjacent and (surname_then_name or name_then_morpheme):
                out[-1] = (last + word, "nr", last_start)
                continue
        out.append((word, flag, start))
    return out


class MentionFinder:
    """Finds entity mentions in Docs; holds the phrase matchers, built once per schema."""

    def __init__(self, schema: Schema, *, base_iri: str = "https://w3id.org/claimgraph/",
                 models: dict[str, str | None] | None = None, extra_words: Iterable[str] = ()) -> None:
        self.schema = schema
        self.base_iri = base_iri
        self.models = models or {}
        self._words = tuple(sorted(self._jieba_words(extra_words)))
        self._matchers: dict[str, tuple[PhraseMatcher, PhraseMatcher]] = {}
        self._entity_by_match: dict[int, KnownEntity] = {}
        self._pos_tagger: Any = None
        self._tagged_cache: dict[str, list[tuple[str, str, int]]] = {}
        self._tier_words: frozenset[str] | None = None

    def _jieba_words(self, extra: Iterable[str]) -> set[str]:
        words = {n for e in self.schema.entities.values() for n in e.names}
        words.update(extra)
        words.update(_ZH_NAME_STATING_WORDS)
        return {w for w in words if _HAS_CJK.search(w) or _LATIN_NAME.match(w)}

    def nlp(self, lang: str) -> Language:
        """The pipeline for a language, with known names in jieba's dictionary."""
        return get_pipeline(lang, words=self._words if lang == "zh" else (),
                            model=self.models.get(lang))

    def _matchers_for(self, lang: str) -> tuple[PhraseMatcher, PhraseMatcher]:
        if lang in self._matchers:
            return self._matchers[lang]
        nlp = self.nlp(lang)
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entity in self.schema.entities.values():
            short: list[Doc] = []
            long: list[Doc] = []
            for name in entity.names:
                for variant in alias_variants(name):
                    doc = nlp.make_doc(variant)
                    # Short aliases ("Go", "o1") and plain capitalised words ("Apple", "Gemini", "Amazon") match
                    # only as written: "apple" and "amazon rainforest" are other things.
                    # A one-word name with capitals ("LLaMA", "Grok") is a word in lower case ("llama", "grok").
                    is_short = not _HAS_CJK.search(variant) and (
                        len(variant) <= SHORT_ALIAS or (variant.isalpha() and not variant.islower()))
                    (short if is_short else long).append(doc)
                    if is_short and len(variant) > SHORT_ALIAS:
                        # "NVIDIA" is also written "Nvidia", "LLaMA" "LLAMA"; only all-lower-case is a word.
                        short.extend(nlp.make_doc(v) for v in {variant.title(), variant.upper()} - {variant})
            key = nlp.vocab.strings.add(entity.iri)
            self._entity_by_match[key] = entity
            if short:
                exact.add(entity.iri, short)
            if long:
                folded.add(entity.iri, long)
        self._matchers[lang] = (exact, folded)
        return exact, folded

    def __call__(self, doc: Doc, *, lang: str | None = None, focus: Sequence[Span] = ()) -> Doc:
        """Set ``doc.ents`` to the mentions found; returns the same Doc.

        ``focus``: sentences worth a closer (slower) look for Chinese person and organisation names, usually
        the ones that contain a relation trigger.
        """
        lang = lang or ("zh" if doc.lang_ == "xx" else "en")
        exact, folded = self._matchers_for(lang)
        spans: list[Span] = []
        for matcher in (exact, folded):
            for match_id, start, end in matcher(doc):
                entity = self._entity_by_match[match_id]
                spans.append(Span(doc, start, end, label=entity.type, kb_id=entity.iri))
        listed = {(s.start, s.end, s.kb_id_) for s in spans}
        # A known name written in its other sense ("Go, the ancient board game") is no mention, and no open-name
        # rule may bring it back.
        other = [s for s in filter_spans(spans) if other_sense(s, lang=lang, entity_type=s.label_)]
        blocked = {i for span in other for i in range(span.start, span.end)}
        known = [self._with_unit(self._with_version(span)) for span in filter_spans(spans) if span not in other]
        known = filter_spans(known)
        taken = {i for span in known for i in range(span.start, span.end)}
        found = self._model_names(doc) + self._open_names(doc, lang, known=known)
        if lang == "zh":
            found += self._zh_marked_names(doc) + self._zh_tagged_names(doc, focus, known) + \
                self._zh_cued_names(doc, known) + [self._new_span(doc, span.start, span.end, "Person")
                                                   for span in _zh_honoured_people(doc, known)]
        else:
            found += self._quoted_titles(doc)
        found = [self._with_version(s) for s in found if not other_sense(s, lang=lang, entity_type=s.label_)]
        # A place inside a longer name is part of that name: "The New York Times", "Bank of China".
        places = [k for k in known if k.label_ == "Place"]
        for span in found:
            # "据美国科技" is no name: in Chinese only a company name found by its suffix ("北京中关村发展集团")
            # starts with a place.
            cjk_company = span.label_ == "Organization" and span.text.endswith(_ORG_SUFFIXES + _ZH_TRADE_SUFFIXES +
                                                                               tuple(_ZH_LEGAL_FORMS))
            if _HAS_CJK.search(span.text) and not cjk_company:
                continue
            inner = [p for p in places if span.start <= p.start and p.end <= span.end and (p.start, p.end) !=
                     (span.start, span.end) and span.label_ != "Place" and (p.start == span.start or not cjk_company)]
            if inner:
                known = [k for k in known if k not in inner]
                places = [p for p in places if p not in inner]
        # "NASA's Project Gemini": capitalised words before a listed product's name that are no name of their
        # own make a different thing ("Google Gemini" stays Gemini: Google is a name).
        for span in found:
            if _HAS_CJK.search(span.text):
                continue
            inner = [k for k in known if k.label_ in ("AIModel", "Product") and k.end == span.end and
                     span.start < k.start]
            if len(inner) == 1 and not any(k.start < inner[0].start and k.end > span.start for k in known) and \
                    not any(entity_key(w) in self.schema.entities_by_key for w in words_of(doc)[span.start:
                                                                                              inner[0].start]):
                known = [k for k in known if k is not inner[0]] + [span]
        # "Claude Monet", "Claude Shannon": a listed one-word model or product name followed by a capitalised word
        # that none of the listed products' longer names use ("Claude Opus", "Gemini Ultra" do) is another name.
        for span in found:
            inner = [k for k in known if k.label_ in ("AIModel", "Product") and k.start == span.start and
                     k.end == k.start + 1 == span.end - 1]
            second = doc[span.end - 1] if inner else None
            if second is not None and not second.is_sent_start and _is_name_token(second.text) and \
                    second.text.isalpha() and second.text[1:].islower() and \
                    second.text not in self._listed_tier_words() and \
                    entity_key(second.text) not in self.schema.entities_by_key:
                known = [k for k in known if k is not inner[0]] + [span]
        # "萨姆·奥特曼" holds the listed "奥特曼": the whole transliterated name is the mention, of that person
        # unless the whole name is listed itself.
        for span in found:
            if span.label_ != "Person" or not any(ch in NAME_DOTS for ch in span.text):
                continue
            inner = [k for k in known if k.label_ == "Person" and span.start <= k.start and k.end <= span.end
                     and (k.start, k.end) != (span.start, span.end)]
            if len(inner) == 1:
                known = [k for k in known if k is not inner[0]]
                person = self.schema.entities.get(inner[0].kb_id_)
                given = re.split("[" + "".join(NAME_DOTS) + "]", span.text)[0]
                # Only a given name the person is listed with makes it that person ("乔丹·马斯克" is not Elon).
                if span.kb_id_ not in self.schema.entities and person is not None and any(
                        re.split("[" + "".join(NAME_DOTS) + "]", name)[0] == given for name in person.names):
                    span = Span(doc, span.start, span.end, label="Person", kb_id=inner[0].kb_id_)
                known.append(span)
        known = filter_spans(known)
        if lang == "zh":
            known = _with_registered_region(known)
            known = self._zh_brand_products(doc, known)
        taken = {i for span in known for i in range(span.start, span.end)}
        extra = [s for s in found if not any(i in taken or i in blocked for i in range(s.start, s.end))]
        ents = filter_spans(known + extra)
        links: Links = {}
        known_iris = self.schema.entities
        ents = short_forms(ents, known_iris, links=links, blocked=blocked)
        ents = bracket_aliases(doc, ents, known_iris=known_iris, links=links,
                               not_in_name=_ZH_NOT_IN_NAME | _ZH_GENERIC)
        ents = initialisms(ents, known_iris, links=links)
        # Names are typed before pronouns look for antecedents: "he" needs a person, "it" anything but one.
        ents = self._typed(ents)
        ents = filter_spans(ents + _definite_descriptions(doc, ents, lang))
        ents = stated_aliases(doc, ents, lang=lang, known_iris=known_iris, links=links,
                              descriptions={(e.start, e.end) for e in ents if is_description(e.text)})
        ents = same_name_same_iri(ents, known_iris, links=links, blocked=blocked)
        ents = self._typed(ents)
        if self.schema.name_overrides:
            ents = self._overridden(ents, links)
        doc.ents = ents
        doc.user_data[RESOLUTION_KEY] = {
            (e.start_char, e.end_char): self._resolution(e, listed, links) for e in ents if not is_description(e.text)}
        return doc

    def _listed_tier_words(self) -> frozenset[str]:
        """Words of the gazetteer's longer model and product names ("Opus", "Ultra", "Code" of "Claude Code"):
        the words a model's name is continued with."""
        if self._tier_words is None:
            self._tier_words = frozenset(word for entity in self.schema.entities.values()
                                         if entity.type in ("AIModel", "Product") for name in entity.names
                                         for word in name.split()[1:])
        return self._tier_words

    def _typed(self, ents: list[Span]) -> list[Span]:
        """Unlisted names typed by what the text says of them (graph.name_types), every mention of one IRI
        alike: "the video start-up Runway" makes each "Runway" an organisation."""
        types: dict[str, str] = {}
        for ent in ents:
            if ent.label_ == "Entity" and ent.kb_id_ not in self.schema.entities and not is_description(ent.text):
                found = infer_type(ent)
                if found != "Entity":
                    types.setdefault(ent.kb_id_, found)
        # The weakest evidence last: a name in a list of one kind ("Amazon and Acme said") is of that kind, unless
        # something said of the name itself already typed it.
        names = [e for e in ents if not is_description(e.text)]
        current = [types.get(e.kb_id_, e.label_) for e in names]
        for ent, kind in zip(names, list_kinds(names, current)):
            if kind != "Entity" and ent.label_ == "Entity" and ent.kb_id_ not in self.schema.entities:
                types.setdefault(ent.kb_id_, kind)
        if not types:
            return ents
        return [Span(e.doc, e.start, e.end, label=types[e.kb_id_], kb_id=e.kb_id_)
                if e.label_ == "Entity" and e.kb_id_ in types else e for e in ents]

    def _resolution(self, ent: Span, listed: set[tuple[int, int, str]], links: Links) -> tuple[str, str]:
        """Why a mention has its IRI: (rule, evidence); the rules are listed in ``resolution_of``."""
        link = links.get((ent.start_char, ent.end_char))
        if link is not None:
            return link
        known = self.schema.entities.get(ent.kb_id_)
        if (ent.start, ent.end, ent.kb_id_) in listed and known is not None:
            return "gazetteer", known.label
        if known is not None:
            return "gazetteer-normalised", known.label
        return "new-name", entity_key(ent.text)

    def _overridden(self, ents: list[Span], links: Links) -> list[Span]:
        """The user's override file has the last word on the names it lists (graph.overrides)."""
        known_iris = set(self.schema.entities)
        by_key = {key: e.iri for key, e in self.schema.entities_by_key.items()}
        out = []
        for ent in ents:
            row = self.schema.name_overrides.get(entity_key(ent.text))
            if row is None or is_description(ent.text):
                out.append(ent)
                continue
            iri = row.iri_for(minted=mint_entity_iri(ent.text, base_iri=self.base_iri),
                              known_iris=known_iris, known_by_key=by_key)
            if iri is None:
                continue
            known = self.schema.entities.get(iri)
            out.append(Span(ent.doc, ent.start, ent.end, label=known.type if known else ent.label_, kb_id=iri))
            links[(ent.start_char, ent.end_char)] = ("override", f"{row.source}: {row.name},{row.decision}")
        return out

    def _with_unit(self, span: Span) -> Span:
        """A known organisation's name followed by capitalised words names something of its own: a unit or a
        product ("Microsoft Gaming", "Morgan Stanley Wealth Management"), resolved by the longer name. Company
        suffixes ("Microsoft Corporation"), roles ("Nvidia Chief Executive") and known names stop it."""
        if span.label_ != "Organization":
            return span
        if _HAS_CJK.search(span.text):
            return self._with_unit_zh(span)
        doc = span.doc
        legal = _en_legal_form_end(doc, span.end)
        if legal > span.end:
            # "Nvidia Corp.", "Goldman Sachs Group Inc.", "JPMorgan Chase & Co.": the company under its legal name.
            return Span(doc, span.start, legal, label=span.label_, kb_id=span.kb_id_)
        end = span.end
        while end < len(doc) and end - span.end < 3 and doc[end - 1].whitespace_ == " " and \
                not doc[end].is_sent_start and _is_name_token(doc[end].text) and doc[end].text.isalpha() and \
                doc[end].text not in _UNIT_STOP and entity_key(doc[end].text) not in self.schema.entities_by_key:
            end += 1
        if end == span.end:
            return span
        return self._new_span(doc, span.start, end, "Entity")

    def _with_unit_zh(self, span: Span) -> Span:
        """"联想投资有限公司", "优步中国": a known company's name, then a company suffix or a country, is a company
        of its own (a subsidiary), unless the longer name is itself a listed alias ("阿里巴巴集团")."""
        doc = span.doc
        words = words_of(doc)
        end = span.end
        if doc[span.end - 1].whitespace_:
            return span
        # "小米科技有限责任公司", "阿里巴巴集团": the company's own legal form, the same company.
        form = end
        # 股份/控股 are a legal form only before another one ("比亚迪股份有限公司"); alone they are a stake or a verb.
        while form < len(doc) and (words[form] in _ZH_LEGAL_FORMS or (
                words[form] in ("股份", "控股") and form + 1 < len(doc) and words[form + 1] in _ZH_LEGAL_FORMS)):
            form += 1
        if form > end:
            return Span(doc, span.start, form, label=span.label_, kb_id=span.kb_id_)
        if span.end < len(doc) and words[span.end] == "全球":
            # "优步全球": the company as a whole, set against its regional arms ("优步中国"), is the company.
            return Span(doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id_)
        if span.end + 1 < len(doc) and words[span.end] in _ZH_REGIONS and (
                words[span.end + 1] in _ZH_AFTER_REGION or words[span.end + 1] in _ZH_REGIONAL_HEADS):
            # "优步中国的品牌"; "谷歌中国总裁": a regional arm's head is that arm's, not the group's.
            return self._new_span(doc, span.start, span.end + 1, "Organization")
        if end < len(doc) and words[end] in _ZH_TRADE_SUFFIXES and entity_key(words[end]) not in \
                self.schema.entities_by_key:
            # "恒大地产", "平安证券": a group's name and a trade is its business in that trade, a company of its own.
            while end + 1 < len(doc) and words[end + 1] in _ZH_LEGAL_FORMS:
                end += 1
            return self._new_span(doc, span.start, end + 1, "Organization")
        # More name before a suffix: nouns only, none of them a known name ("东航已经获得浦发银行" is a sentence).
        tags = self._word_tags()

        def name_part(word: str) -> bool:
            tag = tags.get(word) or "n"
            return bool(_CJK_WORD.match(word)) and word not in _ZH_FUNCTION and word != "控股" and \
                not word.endswith(_ORG_SUFFIXES) and (tag[0] == "n" or tag == "vn")

        while end < len(doc) and end - span.end < 3 and name_part(words[end]):
            if entity_key(words[end]) in self.schema.entities_by_key:
                return span
            end += 1
        # 股份/控股 end the name only before a legal form ("海尔智家股份有限公司"); alone they are a stake or a verb.
        registered = end + 1 < len(doc) and words[end] in ("控股", "股份") and words[end + 1] in _ZH_LEGAL_FORMS
        if end < len(doc) and words[end].endswith(_ORG_SUFFIXES) and _CJK_WORD.match(words[end]) and \
                (words[end] not in ("控股", "股份") or (registered and end > span.end)) and \
                words[end] not in _ZH_RELATION_NOUNS and \
                entity_key(words[end]) not in self.schema.entities_by_key:
            # "联想投资有限公司", "腾讯研究院": more name before the suffix, or a unit's suffix: another body.
            while end + 1 < len(doc) and words[end + 1] in _ZH_LEGAL_FORMS:
                end += 1
            return self._new_span(doc, span.start, end + 1, "Organization")
        return span

    def _with_version(self, span: Span) -> Span:
        """A product or model name followed by a version ("Gemini 2.0 Flash", "文心一言 5.0") is that version:
        a different entity, resolved by its own name (known if the gazetteer lists it, else minted)."""
        doc = span.doc
        end = span.end
        if end < len(doc) and _is_quantity(doc, end):
            return span  # "Inflection 13亿美元的融资", "Pixel 8%": a number with its unit is an amount, no version
        if span.label_ == "Entity" and not _HAS_CJK.search(span.text) and end < len(doc) and \
                _NUMBERED.match(doc[end].text):
            # An unknown Latin name with a model number ("Mate 60 Pro", "Pixel 8") is a product.
            span = Span(doc, span.start, span.end, label="Product", kb_id=span.kb_id_)
        if span.label_ not in ("AIModel", "Product"):
            return span
        while end < len(doc) and end - span.end < 3 and _VERSION.match(doc[end].text) and \
                not (end > span.end and doc[end - 1].text in ("-",)) and not doc[end - 1].text.endswith("\n"):
            end += 1
        # A family name after the number is part of it: "Llama 4 Behemoth", "Galaxy S24 Ultra" (not "Monday").
        if end < len(doc) and _NUMBERED.match(doc[end - 1].text) and doc[end - 1].whitespace_ == " " and \
                _is_name_token(doc[end].text) and doc[end].text.isalpha() and doc[end].text not in _UNIT_STOP and \
                entity_key(doc[end].text) not in self.schema.entities_by_key and not doc[end].is_sent_start:
            end += 1
        if end == span.end:
            return span
        return self._new_span(doc, span.start, end, span.label_)

    def _quoted_titles(self, doc: Doc) -> list[Span]:
        """The title of a work in quotes after "titled", "entitled", "called": 'a paper titled "Attention Is All
        You Need"' names one work, however many words it has."""
        spans = []
        for match in _EN_TITLE.finditer(text_of(doc)):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if span is not None and len(span) > 1:
                spans.append(self._new_span(doc, span.start, span.end, "Product"))
        return spans

    def _zh_cued_names(self, doc: Doc, known: Sequence[Span]) -> list[Span]:
        """Company names no dictionary has and no suffix marks, read from the word after them: a leader's role
        ("海曜董事长王某"), 旗下 ("鼎锋旗下的…") or an announcement ("昊天今日公告称")."""
        words = words_of(doc)
        known_tokens = {i for span in known for i in range(span.start, span.end)}
        spans = []
        for i, word in enumerate(words):
            if word not in _ZH_NAME_CUES or i == 0 or i - 1 in known_tokens:
                continue
            if word == "方面" and (i + 1 >= len(words) or words[i + 1] not in _ZH_SPEECH_AFTER_SIDE):
                continue  # "X方面表示" speaks for X; "技术方面" is a field, not a speaker
            cue = i
            if word == "公告":
                # "X今日公告称", "X昨晚发布公告": the announcer starts the clause.
                while cue > 0 and words[cue - 1] in _ZH_ANNOUNCE_GAP:
                    cue -= 1
            start = cue
            while start > 0 and cue - start < 3 and len("".join(words[start - 1:cue])) <= 6 and \
                    self._name_piece(words[start - 1]) and start - 1 not in known_tokens:
                start -= 1
            if start == cue or len("".join(words[start:cue])) < 2 or not self._proper_looking(words[start]):
                continue
            if word == "公告" and start > 0 and words[start - 1] not in _ZH_CLAUSE_OPEN:
                continue
            spans.append(self._new_span(doc, start, cue, "Organization"))
        return spans

    def _name_piece(self, word: str) -> bool:
        """A word that may sit inside a Chinese company name: no function word, common verb or category noun."""
        if not _CJK_WORD.match(word) or word in _ZH_NOT_IN_NAME or word in _ZH_CATEGORY or word in _ZH_GENERIC or \
                word in _ZH_DEAL_VERBS or word.endswith(("区", "部")):  # "华东区总裁": a unit's region
            return False
        tag = self._word_tags().get(word) or "n"
        return tag[0] not in "dpmqrcutfv" or (tag[0] == "v" and self._word_freq().get(word, 0) < 200)

    def _zh_marked_names(self, doc: Doc) -> list[Span]:
        """Names Chinese typography marks: transliterated foreign names with · (特拉维斯·卡兰尼克) and titles of
        publications and works in 《》 (《纽约时报》)."""
        spans = []
        words = words_of(doc)
        n = len(words)
        tags = self._word_tags() if any(w in NAME_DOTS for w in words) else {}

        def piece(word: str) -> bool:
            # A transliteration piece is no dictionary word, or one tagged as a name: "执行官萨姆" stops at 执行官.
            tag = tags.get(word)
            # "亚历山大·科瓦连科": a given name the dictionary knows as a place's ("ns") is a piece too, unless it is
            # a place the gazetteer lists ("中国·杭州" is a dateline) or short like most place words.
            foreign_given = tag == "ns" and len(word) >= 3 and entity_key(word) not in self.schema.entities_by_key
            return word not in _ZH_NOT_IN_NAME and (tag is None or tag.startswith("nr") or tag in ("nz", "x") or
                                                    foreign_given)

        for i, word in enumerate(words):
            if word not in NAME_DOTS or i == 0 or i + 1 >= n:
                continue
            # Take whole tokens on each side, at most five characters a side: "特拉维斯·卡兰尼克当天" keeps 卡兰尼克.
            start, size = i, 0
            while start > 0 and _CJK_WORD.match(words[start - 1]) and size + len(words[start - 1]) <= 5 and \
                    piece(words[start - 1]):
                start -= 1
                size += len(words[start])
            end, size = i + 1, 0
            while end < n and (_CJK_WORD.match(words[end]) or words[end] in NAME_DOTS) and \
                    size + len(words[end]) <= 5 and (words[end] in NAME_DOTS or piece(words[end])):
                size = 0 if words[end] in NAME_DOTS else size + len(words[end])
                end += 1
            if start < i and end > i + 1:
                spans.append(self._new_span(doc, start, end, "Person"))
        for match in _ZH_BOOK_TITLE.finditer(text_of(doc)):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if span is not None:
                spans.append(self._new_span(doc, span.start, span.end, "Entity"))
        return spans

    def _zh_tagged_names(self, doc: Doc, focus: Sequence[Span], known: Sequence[Span] = ()) -> list[Span]:
        """Person (nr) and organisation (nt) names by jieba's part-of-speech tagger, in focus sentences only:
        the tagger's HMM finds names no dictionary has (谭待, 冯骥) but costs several times plain segmentation.

        A proper noun (nz) or a word the dictionary lacks, joined by 和/与/、 to a listed organisation, is an
        organisation too ("百度和搜狗在输入法市场竞争", "小米与徕卡达成合作"): lists join names of one kind."""
        if not focus:
            return []
        known_orgs = {(span.start_char, span.end_char) for span in known if span.label_ == "Organization"}
        spans = []
        for sent in focus:
            offset = sent.start_char
            tagged = self._tagged_words(sent.text)
            people: set[int] = set()
            for k, (word, flag, start) in enumerate(tagged):
                if flag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 4 and word not in _ZH_GENERIC and \
                        word not in _ZH_NOT_IN_NAME and (word[0] in _SURNAMES or word[:2] in _SURNAMES):
                    if k >= 2 and tagged[k - 1][1] == "ns" and tagged[k - 2][0] in _ZH_LOCATIVE_PREPOSITIONS:
                        continue  # "在福建宁德创立", "位于广东韶关": a city after its province, not a person
                    label = "Person"
                    people.add(k)
                elif flag == "nt" and len(word) >= 2 and word not in _ZH_GENERIC and word not in _ZH_RELATION_NOUNS:
                    label = "Organization"
                else:
                    continue
                span = doc.char_span(offset + start, offset + start + len(word), alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(self._new_span(doc, span.start, span.end, label))
            # "由朱骏和阳陆育创立": a surname-led word coordinated with a person's name is a name too.
            for k, (word, flag, start) in enumerate(tagged):
                if k in people or not (2 <= len(word) <= 3) or not _CJK_WORD.match(word) or \
                        word[0] not in _SURNAMES or word in _ZH_NOT_IN_NAME or word in _ZH_GENERIC or \
                        flag not in ("n", "nr", "nz", "ng", "vn", "a", "v"):
                    continue
                beside = _listed_beside(tagged, k)
                if any(j in people for j in beside):
                    span = doc.char_span(offset + start, offset + start + len(word), alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(self._new_span(doc, span.start, span.end, "Person"))
            for k, (word, flag, start) in enumerate(tagged):
                if not (2 <= len(word) <= 4) or not _CJK_WORD.match(word) or flag not in ("nz", "x", "j") or \
                        word in _ZH_NOT_IN_NAME or word in _ZH_GENERIC or not self._proper_looking(word):
                    continue
                beside = _listed_beside(tagged, k)
                if any((offset + tagged[j][2], offset + tagged[j][2] + len(tagged[j][0])) in known_orgs for j in beside):
                    span = doc.char_span(offset + start, offset + start + len(word), alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(self._new_span(doc, span.start, span.end, "Organization"))
            for first, last in _titled_names(tagged):
                # "百度首席技术官王海峰表示", "百度 CTO 王海峰称": a title, then a surname-led name, then a speech
                # verb or a clause break is a person the tagger split ("王" + "海峰") or took for a noun.
                if any(k in people for k in range(first, last + 1)):
                    continue
                begin, end = tagged[first][2], tagged[last][2] + len(tagged[last][0])
                span = doc.char_span(offset + begin, offset + end, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(self._new_span(doc, span.start, span.end, "Person"))
        return spans

    def _tagged_words(self, text: str) -> list[tuple[str, str, int]]:
        """jieba's (word, tag, offset) for one sentence, name parts joined. Kept per sentence text, because the
        tagger's HMM is the costliest step of Chinese mention finding and rebuilt or re-read texts repeat it."""
        found = self._tagged_cache.get(text)
        if found is not None:
            return found
        tagged: list[tuple[str, str, int]] = []
        position = 0
        for word, flag in self._tagger().cut(text):
            start = text.find(word, position)
            if start < 0:
                continue
            position = start + len(word)
            tagged.append((word, flag, start))
        tagged = _join_name_parts(tagged)
        if len(self._tagged_cache) >= _TAGGED_CACHE_SIZE:
            self._tagged_cache.clear()  # bounded memory on long corpora; a cleared cache only costs time
        self._tagged_cache[text] = tagged
        return tagged

    def _word_tags(self) -> dict[str, str]:
        """jieba's dictionary part-of-speech tags (word → tag), without running its tagger."""
        return getattr(self._tagger(), "word_tag_tab", None) or {}

    def _tagger(self) -> Any:
        if self._pos_tagger is None:
            import jieba.posseg

            tokenizer = getattr(self.nlp("zh").tokenizer, "jieba", None)
            if tokenizer is None:
                self._pos_tagger = jieba.posseg.POSTokenizer()
            else:
                # POSTokenizer() would re-read jieba's whole dictionary file (a second or more) for every build.
                tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
                tagger.tokenizer = tokenizer
                tagger.word_tag_tab = dict(default_word_tags())
                self._pos_tagger = tagger
        return self._pos_tagger

    def _model_names(self, doc: Doc) -> list[Span]:
        out = []
        for ent in doc.ents:  # set by a statistical NER when a model is installed
            label = _NER_LABELS.get(ent.label_)
            if label:
                out.append(self._new_span(doc, ent.start, ent.end, label))
        return out

    def _zh_brand_products(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Known Chinese company names glued to a kind of service ("腾讯会议", "百度地图", "讯飞输入法"): jieba
        cuts the brand off, but the whole is the product's name (the company's product, not the company).

        >>> from graph.schema import load_schema
        >>> finder = MentionFinder(load_schema())
        >>> doc = finder(finder.nlp("zh")("腾讯会议接入了混元。"), lang="zh")
        >>> [(e.text, e.label_) for e in doc.ents]
        [('腾讯会议', 'Product'), ('混元', 'AIModel')]
        """
        out = []
        for span in known:
            end = span.end
            if span.label_ == "Organization" and end < len(doc) and not doc[end - 1].whitespace_ and \
                    _HAS_CJK.search(span.text) and doc[end].text in _ZH_SERVICE_NOUNS and \
                    (end + 1 >= len(doc) or doc[end + 1].text not in _ZH_SERVICE_NOUNS):
                out.append(self._new_span(doc, span.start, end + 1, "Product"))
            else:
                out.append(span)
        return out

    def _new_span(self, doc: Doc, start: int, end: int, label: str) -> Span:
        span = Span(doc, start, end, label=label)
        known = self.schema.entities_by_key.get(entity_key(span.text))
        if known is not None:
            return Span(doc, start, end, label=known.type, kb_id=known.iri)
        return Span(doc, start, end, label=label, kb_id=mint_entity_iri(span.text, base_iri=self.base_iri))

    def _open_names(self, doc: Doc, lang: str, *, known: Sequence[Span] = ()) -> list[Span]:
        if lang != "zh":
            return self._open_names_en(doc, known)
        return self._open_names_zh(doc, known)

    def _open_names_zh(self, doc: Doc, known: Sequence[Span]) -> list[Span]:
        from spacy.attrs import SPACY

        known_tokens = {i for span in known for i in range(span.start, span.end)}
        # A known place's last token → its first: "北京" before "中关村发展集团".
        places = {span.end - 1: span.start for span in known if span.label_ == "Place"}

        spans = []
        words = words_of(doc)
        glued_space = [row == 1 for row in doc.to_array(SPACY).tolist()] if len(doc) else []
        for i, text in enumerate(words):
            if not text or (text[-1] not in _SUFFIX_LAST and not ("A" <= text[0] <= "z")):
                continue  # most tokens: neither Latin nor ending like an organisation suffix
            if text == "ST" and i + 1 < len(words) and not glued_space[i] and _CJK_WORD.match(words[i + 1]):
                # "*ST宝硕", "ST东源": a listed company under special treatment; the name is what follows.
                end = i + 1
                # Whole words, only as many as make two characters: "ST东源公告" is 东源.
                while end < len(words) and len("".join(words[i + 1:end])) < 2 and _CJK_WORD.match(words[end]) and \
                        words[end] not in _ZH_NOT_IN_NAME and len("".join(words[i + 1:end + 1])) <= 4:
                    end += 1
                if len("".join(words[i + 1:end])) >= 2:
                    spans.append(self._new_span(doc, i + 1, end, "Organization"))
            elif _LATIN_NAME.match(text) and text.lower() not in _LATIN_STOP and len(text) >= 2:
                # A name, not a word: capitalised, camel-case or with digits (GPT4o, xAI, Devin).
                looks_like_name = any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text) \
                    or text[0].isupper()
                if looks_like_name and not text.isdigit():
                    # "Guillaume Lample", "Le Chat", "MIT License": capitalised Latin words joined by single spaces.
                    end = i + 1
                    while end < len(words) and glued_space[end - 1] and _LATIN_NAME.match(words[end]) and \
                            words[end][:1].isupper() and (words[end].lower() not in _LATIN_STOP or (
                                # "Open LLM Leaderboard": an acronym inside a name, with more name after it
                                words[end].isupper() and end + 1 < len(words) and glued_space[end] and
                                words[end + 1][:1].isupper() and _LATIN_NAME.match(words[end + 1]) is not None)):
                        end += 1
                    # "Moonshot AI（月之暗面）", "Galaxy AI": "AI" after a capitalised name is part of it (a company's or
                    # a product's: the text types it).
                    if end < len(words) and words[end] == "AI" and glued_space[end - 1] and words[end - 1][:1].isupper():
                        end += 1
                    spans.append(self._new_span(doc, i, end, "Entity"))
            elif _HAS_CJK.search(text) and text not in _ZH_RELATION_NOUNS and (
                    text.endswith(_ORG_SUFFIXES) or text.endswith(_ZH_TRADE_SUFFIXES)):
                span = self._zh_suffix_name(doc, i, known_tokens, places)
                if span is not None:
                    spans.append(span)
        # "网络安全公司 CrowdStrike", "共享单车公司摩拜", "量化基金幻方": a bare kind word (公司, 基金, 集团, 机构) right
        # before an organisation's name says what kind of organisation the name is; the words before it are a
        # description, not a second organisation.
        # A word after it that reads like a name's and that no rule found is that company's name.
        name_starts = {span.start for span in known if span.label_ == "Organization"} | \
            {span.start for span in spans if not _HAS_CJK.search(span.text)}
        kept = []
        for span in spans:
            registered = span.text.endswith(("有限公司", "有限责任公司", "股份公司", "集团公司"))
            if words[span.end - 1] not in _ZH_BARE_KIND_WORDS or registered or span.end >= len(words):
                kept.append(span)
            elif span.end in name_starts:
                continue
            elif span.end not in known_tokens and 2 <= len(words[span.end]) <= 4 and \
                    self._proper_looking(words[span.end]) and (span.end + 1 >= len(words) or (
                        words[span.end + 1] in _ZH_CLAUSE_OPEN or words[span.end + 1] in _ZH_FUNCTION)):
                # the name ends its noun phrase: "收购了共享单车公司摩拜。", not "…公司发布公告"
                kept.append(self._new_span(doc, span.end, span.end + 1, "Organization"))
            else:
                kept.append(span)
        return kept

    def _zh_suffix_name(self, doc: Doc, i: int, known_tokens: set[int], places: dict[int, int]) -> Span | None:
        """The organisation name that ends in the suffix word at token ``i`` ("北京智谱华章科技有限公司",
        "华泰联合证券"), or None when the words before the suffix are no name ("这家芯片公司")."""
        words = words_of(doc)
        text = words[i]
        tags = self._word_tags()
        freq = self._word_freq()
        start = i
        while start > 0 and i - start < 6 and len("".join(words[start - 1:i])) <= 12:
            prev = words[start - 1]
            # "阿联酋技术创新研究所": a known name (here a place) or a category noun ends the name, and so does a
            # verb, numeral or pronoun ("指控两家公司", "持有华夏基金"): a verb common enough to be no name part
            # (jieba tags the rare 可汗 as one) unless company names use it ("华泰联合证券").
            tag = tags.get(prev) or "n"
            common_verb = tag in ("v", "vd", "vi") and prev not in _ZH_NAME_VERBS and \
                freq.get(prev, 0) >= (200 if len(prev) >= 2 else 50000)
            if not _HAS_CJK.search(prev) or prev in _ZH_DEAL_VERBS or (prev in _ZH_NOT_IN_NAME and not (
                    prev == "投资" and start == i and text in _ZH_LEGAL_FORMS)) or len(prev) > 6 or \
                    start - 1 in known_tokens or prev in _ZH_CATEGORY or tag[0] in "dpmqrcu" or common_verb or \
                    prev.endswith(_ZH_DESCRIBERS):
                break
            start -= 1
        prefix = words[start:i]
        if prefix and all(w in _ZH_GENERIC for w in prefix) and len(text) <= 4:
            return None  # "这家芯片公司", "科技公司": a description, not a name
        if len("".join(prefix)) == 1 and len(text) <= 4 and not self._proper_looking(prefix[0]):
            return None  # "酒公司": one common noun before the suffix is a kind of company
        if not text.endswith(_ORG_SUFFIXES):
            # A trade word ("药业", "证券", "航空") ends a name only after a first word that looks like a name's:
            # unknown to the dictionary or tagged as a proper noun ("中新药业", "华泰证券"), not "新能源汽车".
            stem = prefix or ([text[:-2]] if len(text) > 2 and tags.get(text) is None else [])
            if not stem or any(w in _ZH_GENERIC or w in _ZH_NOT_IN_NAME for w in stem) or \
                    not self._proper_looking(stem[0]):
                return None
        elif not (start < i or len(text) > 4):
            return None
        end = i + 1
        while end < len(doc) and words[end] in _ZH_LEGAL_FORMS and not doc[end - 1].whitespace_:
            end += 1  # "酒钢集团" + "有限责任公司": the legal form after the name is part of it
        # "北京中关村发展集团", "上海工业投资有限公司": the city or province a company is registered in starts its
        # name; a foreign country before it describes it ("阿联酋技术创新研究所"), unless the legal form
        # makes the whole a registered name.
        if start < i and start - 1 in places and (
                words[end - 1] in _ZH_LEGAL_FORMS or "".join(words[places[start - 1]:start]) not in _ZH_COUNTRIES):
            start = places[start - 1]
        return self._new_span(doc, start, end, "Organization")

    def _proper_looking(self, word: str) -> bool:
        """Whether a Chinese word reads like part of a proper name: unknown to jieba's dictionary, tagged as a
        name or abbreviation (nr, ns, nt, nz, j), or a single character its HMM left alone."""
        if not _CJK_WORD.match(word) or word in _ZH_NOT_IN_NAME or word in _ZH_GENERIC:
            return False
        tag = self._word_tags().get(word)
        if tag is None:
            return True
        if len(word) == 1:
            return tag[0] not in "dpmqrcuvfy"
        freq = self._word_freq().get(word, 0)
        # jieba tags some common words as abbreviations (房地产, 仓储: j); only rare ones are names' parts.
        return tag in ("nr", "nrt", "nrfg", "ns", "nt", "nz") or (tag == "j" and freq < 100) or freq < 5

    def _word_freq(self) -> dict[str, int]:
        """jieba's dictionary word frequencies (0 or absent: a word it does not know)."""
        tokenizer = getattr(self.nlp("zh").tokenizer, "jieba", None)
        freq: dict[str, int] = getattr(tokenizer, "FREQ", None) or {}
        return freq

    @staticmethod
    def _short_form_words(w: list[str], sent_start: list[bool]) -> set[str]:
        """Words a longer name of the text would be shortened to: the first word of a run of capitalised words
        ending in a company's legal form or kind ("Brightwell" of "Brightwell Ltd."), and the last word of a
        run of two or three capitalised words (a surname: "Quentaro" of "Marisol Quentaro").

        >>> sorted(MentionFinder._short_form_words("Kelvara Holdings rose . Marisol Quentaro spoke".split(),
        ...                                        [True, False, False, False, True, False, False]))
        ['Kelvara', 'Quentaro']
        """
        out: set[str] = set()
        n = len(w)
        i = 0
        while i < n:
            end = i
            # "Karsten Oil & Gas plc": an ampersand between capitalised words stays inside the run.
            while end < n and (_is_name_token(w[end]) or (w[end] == "&" and end > i and end + 1 < n and
                                                          _is_name_token(w[end + 1])) or
                               (w[end] in _EN_LEGAL_FORMS and end > i)) and \
                    (end == i or not sent_start[end]):
                end += 1
            run = w[i:end]
            if len(run) >= 2:
                if (run[-1] in _EN_ORG_SUFFIX or run[-1] in _EN_LEGAL_FORMS or run[-1] in _EN_BUSINESS_WORDS) and \
                        run[0] not in _UNIT_STOP:
                    out.add(run[0])
                elif len(run) <= 3 and run[-1] not in _UNIT_STOP and run[-1].isalpha() and \
                        not any(x in _UNIT_STOP or x in ORG_NAME_HEADS for x in run[1:]):
                    out.add(run[-1])
            i = max(end, i + 1)
        return out

    def _open_names_en(self, doc: Doc, known: Sequence[Span] = ()) -> list[Span]:
        from spacy.attrs import SENT_START, SPACY

        spans: list[Span] = []
        w = words_of(doc)
        n = len(w)
        if not n:
            return spans
        flags = doc.to_array([SENT_START, SPACY]).tolist()
        sent_start = [row[0] == 1 for row in flags]
        glued = [row[1] == 0 for row in flags]  # no whitespace after the token
        # Capitalised words seen away from a sentence start are names; a lone capitalised first word
        # ("Regulators", "Image") counts only if the document also capitalises it elsewhere.
        # A lower-case first letter before a capital ("iRobot", "eBay") is a name's at a sentence start too: no
        # common word is written so.
        inner_caps = {w[k] for k in range(n) if (not sent_start[k] and w[k][:1].isupper()) or
                      (_LOWER_CAMEL.match(w[k]) and _is_name_token(w[k]))}
        # "Brightwell Ltd. posted a loss. Brightwell blamed …": a lone first word is also a name when the text
        # writes it elsewhere as the short form of a longer name (graph.alias_links.short_forms links the two).
        short_forms = self._short_form_words(w, sent_start)
        inner_caps |= short_forms
        # "Delta Air Lines cut its forecast. Delta said …": so is the first word of a listed company's longer name,
        # and of a listed person's two-word name, the surname of a name written family name first ("Liang
        # Wenfeng … Liang said").
        inner_caps |= {w[k.start] for k in known if (k.label_ == "Organization" and k.end - k.start > 1 or
                                                     k.label_ == "Person" and k.end - k.start == 2) and
                       _is_name_token(w[k.start]) and w[k.start] not in _UNIT_STOP and w[k.start + 1] != "of"}
        inner_keys = {entity_key(word) for word in inner_caps}
        # "Royal Bank of Scotland reported a loss. RBS blamed …": a first word spelling the initials of a name
        # the text wrote before is that name's short form (graph.alias_links.initialisms links the two).
        initials_seen = {initials(k.text) for k in known} - {""}
        i = 0
        while i < n:
            if not _is_name_token(w[i]):
                i += 1
                continue
            end = i + 1
            # "Run:ai": a colon glued between two word parts stays inside the name.
            while end + 1 < n and w[end] == ":" and glued[end - 1] and glued[end] and w[end + 1][:1].isalnum():
                end += 2
            while end < n:
                nxt = w[end]
                # "Bank of China"; "for" and "on" only after an organisation's kind ("Council on Foreign
                # Relations", "Institute for Advanced Study"), not in "OpenAI for Microsoft".
                connector = nxt in _EN_CONNECTORS and (nxt != "for" or w[end - 1] in ORG_NAME_HEADS) or (
                    nxt == "on" and w[end - 1] in ORG_NAME_HEADS)
                if _is_name_token(nxt) or (connector and end + 1 < n and _is_name_token(w[end + 1])):
                    end += 1
                elif nxt == "-" and glued[end - 1] and glued[end] and end + 1 < n and _is_name_token(w[end + 1]):
                    end += 2  # "T-Mobile", "Mercedes-Benz": a hyphen glued between name parts
                else:
                    break
            # "Hollis-Wren Energy plc", "Hanjin Shipping Co., Ltd.": a legal form the capitals did not take in.
            end = _en_legal_form_end(doc, end)
            if w[end - 1] in ("Co", "Co.") and end + 1 < n and w[end] == "," and w[end + 1] in ("Ltd", "Ltd."):
                end += 2
            if end < n and w[end] == "-" and glued[end - 1] and end + 1 < n and w[end + 1].lower() in ("based", "born"):
                i = end + 2  # "Jerusalem-based": a place describing something else
                continue
            # ... unless the text names a company with it first ("Veridian Capital Partners LP … Veridian said").
            if end - i == 1 and end < n and _DEMONYM.search(w[i]) and w[end][:1].islower() and \
                    w[i] not in short_forms:
                i = end  # "the Israeli maker", "the Finnish lab": an adjective of origin, not a name
                continue
            start = i
            # "Shares of Orbisys climbed": a sentence-initial common noun before "of" is no part of the name that
            # follows (organisations' kinds are: "University of Toronto", "Bank of China").
            if sent_start[i] and end - i > 2 and w[i + 1] == "of" and w[i] not in inner_caps and \
                    w[i].lower() in _EN_COMMON_BEFORE_OF:
                start = i + 2
            # A sentence-initial function word is not part of the name: "The Information" stays, "After X" drops.
            while start < end and w[start] in _EN_STOP_START:
                # A capitalised "The" inside a sentence belongs to the name ("according to The Information").
                if w[start] == "The" and not sent_start[start] and end - start > 1:
                    break
                # "European Parliament", "British Armed Forces": an origin before an institution's kind.
                if w[start] in _EN_ORIGIN_WORDS and end - start > 1 and w[end - 1] in ORG_NAME_HEADS:
                    break
                start += 1
            # ... unless it reads like a subject name: "Salesforce, the software giant, …", "Nvidia's chips".
            # So does one joined by "and" to a capitalised name ("Exxon and Mobil merged", "Activision and
            # Blizzard"): lists join names of one kind.
            joined_to_name = end + 1 < n and w[end] == "and" and _is_name_token(w[end + 1]) and \
                w[end + 1] not in _EN_STOP_START and _EN_PLURAL_PEOPLE.search(w[start]) is None
            followed_like_name = end < n and (w[end] in (",", "'s", "’s") or joined_to_name) and \
                not w[start].endswith("ly") and w[start].lower() not in _EN_STOP_WORDS
            # Compared by normalised key: "StableWave said …" after "Stablewave AI" is that name in other capitals.
            lone_initial = end - start == 1 and sent_start[start] and entity_key(w[start]) not in inner_keys \
                and not followed_like_name and w[start] not in initials_seen
            if start < end and not lone_initial:
                label = "Organization" if (w[end - 1] in _EN_ORG_SUFFIX or w[end - 1] in _EN_LEGAL_FORMS) and \
                    end - start > 1 else "Entity"
                text = "".join(w[k] + ("" if glued[k] or k == end - 1 else " ") for k in range(start, end))
                if text.lower() not in _LATIN_STOP and not text.isdigit():
                    spans.append(self._new_span(doc, start, end, label))
                    initials_seen.add(initials(text))
            i = end
        return spans


#: Endings of plural nouns for groups of people, which open sentences as common nouns ("Investors and Microsoft
#: backed OpenAI", "Analysts and regulators"): no lone initial word with them is a name.
_EN_PLURAL_PEOPLE = re.compile(r"(?:ers|ors|ists|ants|ents|ials|ees|ics|ies|ians)$")


#: Honorifics after a Chinese person's full name: "张洛川先生", "李欣悦女士".
_ZH_HONORIFICS = frozenset(["先生", "女士"])


#: Prepositions before a place: a province after one is followed by its city, not by a person ("在福建宁德").
_ZH_LOCATIVE_PREPOSITIONS = frozenset(["在", "于", "位于", "来自", "落户", "总部位于"])


def _zh_honoured_people(doc: Doc, known: Sequence[Span]) -> list[Span]:
    """People named with an honorific ("张洛川先生", "李欣悦女士"): a surname and one or two more characters
    before 先生/女士 make a person's full name, which is that person wherever else the text writes it.

    >>> doc = get_pipeline("zh")("王启明说。王启明先生曾在银行工作。")
    >>> [s.text for s in _zh_honoured_people(doc, [])]
    ['王启明', '王启明']
    """
    words = words_of(doc)
    text = text_of(doc)
    known_tokens = {i for span in known for i in range(span.start, span.end)}
    names: set[str] = set()
    for i, word in enumerate(words):
        if word not in _ZH_HONORIFICS or doc[i].idx < 2:
            continue
        end = doc[i].idx
        for size in (3, 2):
            name = text[max(0, end - size):end]
            if len(name) == size and _CJK_WORD.match(name) and (name[0] in _SURNAMES or name[:2] in _SURNAMES) and \
                    name not in _ZH_NOT_IN_NAME:
                span = doc.char_span(end - size, end, alignment_mode="strict")
                if span is not None and not any(k in known_tokens for k in range(span.start, span.end)):
                    names.add(name)
                    break
    spans = []
    for name in names:
        for match in re.finditer(re.escape(name), text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is not None and not any(k in known_tokens for k in range(span.start, span.end)):
                spans.append(Span(doc, span.start, span.end, label="Person"))
    return spans


#: Legal forms that end a Chinese company's registered name, which starts with where it is registered.
_ZH_REGISTERED_ENDS = ("有限公司", "有限责任公司", "股份公司")


def _with_registered_region(known: list[Span]) -> list[Span]:
    """"北京月之暗面科技有限公司": the city or province right before a company's registered name (one ending in
    its legal form) is part of that name, and the whole is the company the rest names.

    >>> import spacy
    >>> doc = spacy.blank("zh")("北京星河科技有限公司成立")
    >>> place, org = Span(doc, 0, 2, label="Place", kb_id="e:bj"), Span(doc, 2, 10, label="Organization", kb_id="e:x")
    >>> [(e.text, e.kb_id_) for e in _with_registered_region([place, org])]
    [('北京星河科技有限公司', 'e:x')]
    >>> [(e.text, e.kb_id_) for e in _with_registered_region([org])]
    [('北京星河科技有限公司', 'e:x')]
    """
    by_end = {k.end: k for k in known if k.label_ == "Place"}
    taken = {i for k in known for i in range(k.start, k.end)}
    out: list[Span] = []
    merged: set[int] = set()
    for span in known:
        place = by_end.get(span.start)
        if place is None and span.label_ == "Organization" and span.text.endswith(_ZH_REGISTERED_ENDS):
            # "江苏恒瑞医药股份有限公司": the province or city need not be a mention of its own to start the name.
            doc = span.doc
            place = next((Span(doc, span.start - k, span.start, label="Place") for k in (1, 2)
                          if span.start - k >= 0 and not any(i in taken for i in range(span.start - k, span.start))
                          and ZH_REGION_PREFIX.fullmatch(doc[span.start - k:span.start].text)), None)
        if span.label_ == "Organization" and place is not None and span.text.endswith(_ZH_REGISTERED_ENDS) and \
                not span.doc[place.end - 1].whitespace_ and ZH_REGION_PREFIX.fullmatch(place.text):
            merged.add(place.start)
            span = Span(span.doc, place.start, span.end, label=span.label_, kb_id=span.kb_id_)
        out.append(span)
    return [s for s in out if not (s.label_ == "Place" and s.start in merged)]


#: English legal forms a company's name is written with: "Nvidia Corp.", "Meta Platforms Inc.", "Arm Holdings plc".
_EN_LEGAL_FORMS = frozenset(["Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "L.L.C.", "plc", "PLC",
                             "Plc", "Corporation", "Incorporated", "Limited", "AG", "SE", "N.V.", "NV", "S.A.", "SA",
                             "GmbH", "Co.,Ltd.", "LP", "L.P.", "AB", "Oy", "Oyj", "ASA", "SpA", "S.p.A.", "BV", "B.V.",
                             "KK", "K.K."])
#: Words between a company's name and its legal form: "Goldman Sachs Group Inc.", "Alibaba Group Holding Ltd.".
_EN_BEFORE_LEGAL = frozenset(["Group", "Holdings", "Holding", "&"])


def _en_legal_form_end(doc: Doc, end: int) -> int:
    """Where the legal form written after a name that ends at token ``end`` ends ("Corp." in "Nvidia Corp.",
    "Group Inc." in "Goldman Sachs Group Inc.", "& Co." in "JPMorgan Chase & Co."), or ``end`` when there is none.

    >>> import spacy
    >>> doc = spacy.blank("en")("Goldman Sachs Group Inc. said so; Nvidia Group said no; Hanjin Co., Ltd. too.")
    >>> _en_legal_form_end(doc, 2), _en_legal_form_end(doc, 8), _en_legal_form_end(doc, 13)
    (4, 8, 16)
    >>> _en_legal_form_end(spacy.blank("en")("Delmont Pharmaceuticals, Inc. won approval."), 2)
    4
    """
    k = end
    while k < len(doc) and k - end < 2 and doc[k].text in _EN_BEFORE_LEGAL and doc[k - 1].whitespace_:
        k += 1
    if k < len(doc) and doc[k].text in _EN_LEGAL_FORMS and doc[k - 1].whitespace_ and not doc[k].is_sent_start:
        # "Samsung Electronics Co., Ltd.": the registered form of Asian companies goes on past a comma.
        if doc[k].text in ("Co", "Co.") and k + 2 < len(doc) and doc[k + 1].text == "," and \
                doc[k + 2].text in ("Ltd", "Ltd.", "Limited"):
            return k + 3
        return k + 1
    # "Delmont Pharmaceuticals, Inc.": a US company's registered name puts a comma before the legal form.
    if k == end and k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].text in _EN_COMMA_LEGAL and \
            (k + 2 == len(doc) or not doc[k + 2].text[:1].isupper()):
        return k + 2
    return end


#: Legal forms written after a comma: "Delmont Pharmaceuticals, Inc.", "Acme Holdings, LLC".
_EN_COMMA_LEGAL = frozenset(["Inc", "Inc.", "LLC", "L.L.C.", "Ltd", "Ltd.", "L.P.", "LP", "LLP", "PLC", "plc"])


#: A name written with a lower-case first letter before a capital: "iRobot", "eBay", "iTunes".
_LOWER_CAMEL = re.compile(r"^[a-z][A-Z][a-z]")
#: Adjectives of origin that start names of institutions: "European Parliament", "British Airways".
_EN_ORIGIN_WORDS = frozenset(["Chinese", "American", "European", "Japanese", "Korean", "British", "French"])

#: Common nouns news text starts a sentence with before "of" and a name: "Shares of Orbisys rose".
_EN_COMMON_BEFORE_OF = frozenset([
    "shares", "stock", "stocks", "users", "customers", "clients", "investors", "shareholders", "employees", "staff",
    "workers", "executives", "officials", "members", "owners", "rivals", "fans", "critics", "sales", "revenue",
    "profits", "parts", "most", "some", "many", "all", "none", "much", "one", "two", "three", "each", "both",
    "makers", "developers", "engineers", "researchers", "analysts", "sources", "versions", "units", "products",
    "rumors", "rumours", "news", "details", "reports", "results"])
_EN_STOP_WORDS = frozenset(EN_STOP_WORDS) | {"however", "meanwhile", "still", "instead", "today", "yesterday"}


_DEFINITE: dict[str, dict[tuple[str, ...], str]] = {
    "en": {("the", "company"): "Organization", ("the", "firm"): "Organization", ("the", "startup"): "Organization",
           ("the", "lab"): "Organization", ("the", "chipmaker"): "Organization", ("the", "group"): "Organization",
           ("the", "model"): "AIModel",
           ("the", "chip"): "Product", ("the", "processor"): "Product", ("the", "app"): "Product",
           ("the", "game"): "Product", ("the", "phone"): "Product", ("the", "smartphone"): "Product",
           ("the", "chatbot"): "Product", ("the", "carrier"): "Organization", ("the", "studio"): "Organization",
           ("the", "carmaker"): "Organization", ("the", "automaker"): "Organization",
           **{("the", noun): "Organization" for noun in (
               "university", "college", "institute", "agency", "organization", "organisation", "party", "club",
               "band", "airline", "bank", "label", "channel", "station", "broadcaster", "corporation",
               "conglomerate", "manufacturer", "publisher", "developer", "retailer", "foundation", "charity")},
           **{("the", noun): "Work" for noun in ("newspaper", "magazine", "journal")},
           **{("the", noun): "Product" for noun in (
               "album", "film", "movie", "series", "show", "book", "novel", "song", "program",
               "programme", "software", "console", "device", "vehicle", "aircraft", "engine", "missile", "rifle",
               "drug", "website", "browser")},
           ("it",): "Thing", ("he",): "Person", ("she",): "Person"},
    "zh": {("该公司",): "Organization", ("这家公司",): "Organization", ("该", "公司"): "Organization",
           ("这家", "公司"): "Organization", ("该", "模型"): "AIModel", ("这", "款", "模型"): "AIModel",
           ("该", "集团"): "Organization", ("它",): "Thing", ("他",): "Person", ("她",): "Person"},
}
#: Chinese class nouns a demonstrative turns into a description of the entity just named ("这颗芯片", "该平台",
#: "这家实验室"), with the class the antecedent must have. Jieba splits these phrases in several ways ("这款",
#: "这 款", "这 部手机"), so they are found in the text and kept only where they fall on word boundaries.
_ZH_CLASS_NOUNS: dict[str, str] = {
    **dict.fromkeys(["公司", "集团", "实验室", "机构", "企业", "初创公司", "创业公司", "初创企业", "厂商", "银行",
                     "研究院", "工作室"], "Organization"),
    **dict.fromkeys(["模型", "大模型"], "AIModel"),
    **dict.fromkeys(["芯片", "处理器", "手机", "游戏", "平台", "应用", "产品", "操作系统", "系统", "软件",
                     "设备", "机型", "聊天机器人"], "Product"),
}
_ZH_DEMONSTRATIVE = re.compile("(?:该|这一|这|此)(?:家|款|颗|枚|批|部|台|个|项|套|支)?("
                               + "|".join(sorted(_ZH_CLASS_NOUNS, key=len, reverse=True)) + ")")


def resolution_of(doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
    """Why each name mention in ``doc.ents`` has its IRI, by character offsets: (rule, evidence).

    Rules: ``gazetteer`` (an entity list name as written), ``gazetteer-normalised`` (a spelling of a listed
    name: case, width, hyphens), ``new-name`` (a name no list has; evidence is the key every spelling of it
    shares), ``short-form`` / ``bracket-alias`` / ``stated-alias`` (graph.alias_links; evidence is the text
    that links the names) and ``override`` (a user's override file row).

    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder(finder.nlp("en")("Elon Musk founded xAI. Musk said so."))
    >>> [(doc.text[a:b], rule) for (a, b), (rule, _) in sorted(resolution_of(doc).items())]
    [('Elon Musk', 'gazetteer'), ('xAI', 'gazetteer'), ('Musk', 'short-form')]
    """
    found: dict[tuple[int, int], tuple[str, str]] = doc.user_data.get(RESOLUTION_KEY, {})
    return found


def other_reading(span: Span) -> Span | None:
    """The same pronoun read as the most salient entity of the other kind (organisation vs product), if any.

    The other reading is the antecedent chosen by the same salience among entities of the other kind; a name
    still untyped when pronouns are resolved has no kind and gives none.

    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder(finder.nlp("en")("Nvidia unveiled the H100 in March. It is made by TSMC."))
    >>> it = [e for e in doc.ents if e.text == "It"][0]
    >>> it.label_, other_reading(it).label_, other_reading(it).text
    ('Organization', 'Product', 'It')
    """
    found = span.doc.user_data.get(OTHER_READING_KEY, {}).get(span.start)
    if found is None or len(span) != 1:
        return None
    iri, label = found
    return Span(span.doc, span.start, span.end, label=label, kb_id=iri)


def is_description(text: str) -> bool:
    """Whether a mention is a definite description ("the company", "该公司", "这款芯片") rather than a name.

    >>> is_description("The company"), is_description("该公司"), is_description("这颗芯片"), is_description("OpenAI")
    (True, True, True, False)
    """
    return "".join(text.lower().split()) in _DEFINITE_JOINED or _ZH_DEMONSTRATIVE.fullmatch(text) is not None or \
        _is_modified_description(text) or \
        text in _ZH_BARE_NOUNS or text in _ZH_PLURALS or tuple(text.lower().split()) in _EN_PLURALS


#: Titles a person's name follows in Chinese news ("首席技术官王海峰", "CEO 张勇"): the Latin ones, words ending
#: in a title character (首席技术官, 董事长, 总裁, 总经理, 总监, 主席, 董事, 研究员, 工程师) and a few ending in 人.
_ZH_LATIN_TITLES = frozenset(["CEO", "CTO", "COO", "CFO", "CSO"])
_ZH_TITLE_ENDS = frozenset("官长裁理监席事员师")
_ZH_TITLE_WORDS = frozenset(["创始人", "联合创始人", "负责人", "掌门人", "高管", "合伙人", "创办人"])
#: What may follow a titled name: a speech verb, a clause break, or a verb of the name's own clause.
_ZH_AFTER_TITLED_NAME = _ZH_SPEECH_AFTER_SIDE | frozenset(["说", "认为", "宣布", "强调", "坦言", "，", "。",
                                                           "在", "也", "则", "还", "曾", "日前", "近日"])


def _titled_names(tagged: Sequence[tuple[str, str, int]]) -> list[tuple[int, int]]:
    """(first, last) word indexes of surname-led names right after a title and before a speech verb or a
    clause break: "百度首席技术官王海峰表示" gives the words of 王海峰, whether jieba cut it "王" + "海峰" or kept it.

    >>> _titled_names([("百度", "n", 0), ("首席技术官", "n", 2), ("王", "nr", 7), ("海峰", "n", 8), ("表示", "v", 10)])
    [(2, 3)]
    >>> _titled_names([("百度", "n", 0), ("首席技术官", "n", 2), ("王", "nr", 7), ("海峰", "n", 8), ("的", "uj", 10)])
    []
    """
    words = [(k, w) for k, (w, _, _) in enumerate(tagged) if not w.isspace()]
    out = []
    for j in range(1, len(words) - 1):
        title = words[j - 1][1]
        if not (title in _ZH_LATIN_TITLES or title in _ZH_TITLE_WORDS or
                len(title) >= 2 and _CJK_WORD.match(title) is not None and title[-1] in _ZH_TITLE_ENDS):
            continue
        k, word = words[j]
        if not _CJK_WORD.match(word) or word[0] not in _SURNAMES or word in _ZH_NOT_IN_NAME or word in _ZH_GENERIC:
            continue
        if len(word) == 1 and j + 2 < len(words):
            rest = words[j + 1][1]
            if 1 <= len(rest) <= 2 and _CJK_WORD.match(rest) is not None and rest not in _ZH_NOT_IN_NAME and \
                    words[j + 2][1] in _ZH_AFTER_TITLED_NAME:
                out.append((k, words[j + 1][0]))
        elif 2 <= len(word) <= 3 and words[j + 1][1] in _ZH_AFTER_TITLED_NAME:
            out.append((k, k))
    return out


def _listed_beside(tagged: Sequence[tuple[str, str, int]], k: int) -> list[int]:
    """Indexes of the words joined to word ``k`` by 和/与/、 on either side ("朱骏和阳陆育", "百度和搜狗").

    >>> _listed_beside([("百度", "n", 0), ("和", "c", 2), ("搜狗", "nz", 3)], 2)
    [0]
    """
    beside = [k - 2] if k >= 2 and tagged[k - 1][0] in _ZH_AND else []
    return beside + ([k + 2] if k + 2 < len(tagged) and tagged[k + 1][0] in _ZH_AND else [])


def is_reference(text: str) -> bool:
    """Whether a mention is a pronoun or a definite description, which stands for a name said elsewhere.

    >>> is_reference("it"), is_reference("她"), is_reference("the company"), is_reference("Instagram")
    (True, True, True, False)
    """
    return text.lower() in _PRONOUNS or text.lower() in _POSSESSIVE_PRONOUNS or is_description(text)


#: The description patterns with their words joined: "the company" and "thecompany" alike, as jieba may or may
#: not split "该公司". A set, because is_description runs for every mention of every document.
_DEFINITE_JOINED = frozenset("".join(pattern) for patterns in _DEFINITE.values() for pattern in patterns)


_DEFINITE_MATCHERS: dict[tuple[int, str], PhraseMatcher] = {}


#: Prepositions that open a phrase before a comma ("In a post on X, …", "According to Reuters, …").
_EN_PHRASE_PREPOSITIONS = frozenset(["on", "in", "at", "from", "to", "with", "for", "by", "of", "into", "after",
                                     "before", "since", "during", "like", "than", "under", "via"])
#: Words after a place that make it describe something else: "the Jerusalem-based company".
_EN_PLACE_PARTICIPLES = frozenset(["based", "headquartered"])
#: Short capitalised words that premodify a kind of company: "the AI startup", "the US chipmaker".
_EN_SHORT_MODIFIERS = frozenset(["AI", "US", "U.S.", "UK", "EU", "tech"])


def _is_modified_description(text: str) -> bool:
    """Whether ``text`` is one of :func:`_en_modified_descriptions`' descriptions.

    >>> _is_modified_description("the San Francisco-based AI startup"), _is_modified_description("the start-up")
    (True, True)
    >>> _is_modified_description("the rival company"), _is_modified_description("The Information")
    (False, False)
    """
    words = text.split()
    if len(words) < 2 or words[0].lower() != "the":
        return False
    last = words[-1]
    if not (last.lower() == "start-up" or last.islower() and ("the", last) in _DEFINITE["en"] and len(words) > 2):
        return False
    middle = words[1:-1]
    for k, word in enumerate(middle):
        placed = word.rsplit("-", 1)[-1].lower() in _EN_PLACE_PARTICIPLES and "-" in word
        if not (placed or is_demonym(word) or word in _EN_SHORT_MODIFIERS or word[:1].isupper() and any(
                "-" in later and later.rsplit("-", 1)[-1].lower() in _EN_PLACE_PARTICIPLES for later in middle[k:])):
            return False
    return True


def _en_modified_descriptions(doc: Doc) -> list[tuple[str, int, int]]:
    """English definite descriptions whose noun has modifiers that say where the entity is from or what field
    it is in ("the Jerusalem-based company", "the San Francisco-based AI startup", "the Israeli chipmaker", "the
    London-based start-up"), as ``(wanted class, start, end)`` like the description matcher's matches. Only
    such modifiers: "the rival company" or "the parent company" is someone else.

    >>> import spacy
    >>> doc = spacy.blank("en")("Helix bought the Jerusalem-based company and the Israeli start-up.")
    >>> [(wanted, doc[i:end].text) for wanted, i, end in _en_modified_descriptions(doc)]
    [('Organization', 'the Jerusalem-based company'), ('Organization', 'the Israeli start-up')]
    """
    words = [t.text for t in doc]
    n = len(words)
    out: list[tuple[str, int, int]] = []
    for i in range(n - 1):
        if words[i].lower() != "the":
            continue
        j, modified = i + 1, False
        while j < n:
            if is_demonym(words[j]) or words[j] in _EN_SHORT_MODIFIERS:
                j, modified = j + 1, True
                continue
            k = j
            while k < n and k - j < 3 and words[k][:1].isupper():
                k += 1
            if j < k and k + 1 < n and words[k] == "-" and words[k + 1].lower() in _EN_PLACE_PARTICIPLES:
                j, modified = k + 2, True
                continue
            break
        if j + 2 < n and [w.lower() for w in words[j:j + 3]] == ["start", "-", "up"]:
            out.append(("Organization", i, j + 3))  # "the start-up": three tokens, no phrase of the matcher
        elif modified and j < n and ("the", words[j].lower()) in _DEFINITE["en"] and words[j].islower():
            out.append((_DEFINITE["en"][("the", words[j].lower())], i, j + 1))
    return out


def _definite_matcher(vocab: object, lang: str) -> PhraseMatcher:
    """One PhraseMatcher per vocabulary and language for the description patterns (label = wanted class)."""
    key = (id(vocab), lang)
    if key not in _DEFINITE_MATCHERS:
        from spacy.tokens import Doc as _Doc

        matcher = PhraseMatcher(vocab, attr="LOWER")  # type: ignore[arg-type]
        for words, wanted in _DEFINITE[lang].items():
            matcher.add(wanted, [_Doc(vocab, words=list(words))])  # type: ignore[arg-type]
        _DEFINITE_MATCHERS[key] = matcher
    return _DEFINITE_MATCHERS[key]


def resolve_references(doc: Doc, ents: Sequence[Span], lang: str) -> list[Span]:
    """``ents`` (given mentions, as from a labelled corpus) plus the pronouns and definite descriptions that refer
    to them, resolved as :class:`MentionFinder` resolves its own: "Halo is a game. It was developed by Bungie."

    A given mention of no known type ("Entity": a work, product or event) may be what "it" means.

    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder.nlp("en")("Halo is a game. It was developed by Bungie.")
    >>> given = [Span(doc, 0, 1, label="Entity", kb_id="halo"), Span(doc, 9, 10, label="Organization", kb_id="bungie")]
    >>> [(e.text, e.label_, e.kb_id_) for e in resolve_references(doc, given, "en")]
    [('Halo', 'Entity', 'halo'), ('It', 'Entity', 'halo'), ('Bungie', 'Organization', 'bungie')]
    """
    ents = list(ents)
    return filter_spans(ents + _definite_descriptions(doc, ents, lang))


def _definite_descriptions(doc: Doc, ents: list[Span], lang: str) -> list[Span]:
    """"the company" / "该公司" / "这颗芯片" → an earlier entity of a compatible class (a simple coreference).

    A description takes the nearest such entity, preferring one the text calls by the description's noun; a
    pronoun takes the most salient one (``_salient``) and keeps the most salient entity of the other kind as its
    other reading (``other_reading``). Descriptions resolved earlier are antecedents too. Names are typed
    before this step, so one still of no known type (a work, an event) may be what "it" means, never "he".
    """
    patterns = _DEFINITE.get(lang, {})
    if not patterns:
        return []
    matcher = _definite_matcher(doc.vocab, lang)
    taken = {i for e in ents for i in range(e.start, e.end)}
    # A paragraph break is a "sentence" of its own; it must not use up the look-back of a pronoun.
    sentence_starts = [t.i for t in doc if t.is_sent_start and not t.is_space]
    names = frozenset(i for e in ents if e.label_ != "Place" for i in range(e.start, e.end))
    out = []
    found = [(doc.vocab.strings[match_id], i, end) for match_id, i, end in matcher(doc)]
    if lang == "zh":
        found = sorted(found + _zh_demonstratives(doc) + _zh_bare_nouns(doc), key=lambda m: (m[1], -m[2]))
    # "the Jerusalem-based company": a place inside a description's modifiers is part of the description.
    modified: set[tuple[int, int]] = set()
    if lang == "en":
        extra = _en_modified_descriptions(doc)
        modified = {(i, end) for _, i, end in extra if end - i > 2}
        found = sorted(found + extra, key=lambda m: (m[1], -m[2]))
    places = {i for e in ents if e.label_ == "Place" for i in range(e.start, e.end)}
    # A description resolved earlier is itself an antecedent ("这家实验室被收购。该实验室…它…").
    pool = list(ents)
    # A pronoun may also continue an earlier pronoun ("It was trained on Google Cloud, and it is backed by …").
    chain = list(ents)
    # The names a description may stand in apposition to: not one after a preposition, which ends an opening
    # phrase ("In a post on X, the company said …").
    name_starts = {e.start: e.label_ for e in ents if e.label_ != "Place"}
    name_ends = {e.end for e in ents if e.label_ != "Place" and
                 (e.start == 0 or doc[e.start - 1].lower_ not in _EN_PHRASE_PREPOSITIONS)}
    for wanted, i, end in found:
        if any(j in taken and not ((i, end) in modified and j in places) for j in range(i, end)):
            continue
        if lang == "en" and end in name_starts and (name_starts[end] == "Entity" or
                                                     name_starts[end] in _ANTECEDENT_LABELS.get(wanted, (wanted,))):
            # "acquired by the American company Oracle", "the company Oracle": a description right before a
            # name says what the name is; it refers to no one else ("the model OpenAI announced" is a relative
            # clause: a model is no company).
            continue
        if lang == "en" and i >= 2 and doc[i - 1].text == "," and i - 1 in name_ends and doc[i].lower_ == "the" and \
                (end >= len(doc) or doc[end].text not in ("'s", "\u2019s")):
            # "Cognition, the start-up behind Devin, …": an apposition restates the name before it; its words
            # stay words, for the relation they carry ("start-up behind") and the apposition rules.
            continue
        # Pronouns look back only a short way (this sentence or the one before): "it" is an organisation or a
        # product, never a person or place.
        # A bare "公司" opening a clause is read like a pronoun: the company the text is about, not the nearest.
        pronoun = end - i == 1 and (doc[i].lower_ in _PRONOUNS or doc[i].text in _ZH_BARE_NOUNS)
        window = i - 60 if pronoun else -1
        # An untyped "Danish" or "Greek" (a given mention of origin or language) is nothing "it" can mean.
        antecedents = [e for e in (chain if pronoun else pool) if window <= e.start and e.end <= i and
                       e.label_ in _ANTECEDENT_LABELS.get(wanted, (wanted,)) and
                       not (e.label_ == "Entity" and len(e) == 1 and is_demonym(e.text))]
        noun = "startup" if doc[end - 1].lower_ == "up" else doc[end - 1].lower_  # "start-up" is three tokens
        # A noun of a kind ("the chip", "这家实验室") tells entities of one class apart; every organisation is
        # "the company", and a company is not "called" a company by ", the company said" after its name.
        by_noun = not pronoun and wanted != "Thing" and noun not in _GENERIC_CLASS_NOUNS
        if by_noun:
            # A name of no known class that the text calls by the description's noun ("A17 Pro 芯片 … 这颗芯片")
            # is of the description's class.
            antecedents = sorted(antecedents + [e for e in pool if e.label_ == "Entity" and e.end <= i and
                                                _called(doc, ents, e.kb_id_, noun, i)], key=lambda e: e.start)
            if not any(_called(doc, ents, e.kb_id_, noun, i) for e in antecedents):
                # No entity is called by the noun: one of its class is meant only if it was named in this
                # sentence or the one before ("GPT-4V …。这一版本…。该平台…" names no GPT-4V platform).
                here = bisect.bisect_right(sentence_starts, i) - 1
                near = sentence_starts[max(0, here - 1)] if sentence_starts else 0
                antecedents = [e for e in antecedents if e.start >= near]
        if not pronoun and wanted == "Organization" and noun in _GENERIC_CLASS_NOUNS:
            speaker = _untyped_speaker(doc, ents, sentence_starts, i)
            if speaker is not None and all(e.start < speaker.start for e in antecedents):
                # "iRobot also said … that A, who co-founded the company, would step down": the sentence is what
                # the untyped name says about itself; "the company" is the speaker, not an organisation named
                # in an earlier sentence.
                antecedents = antecedents + [speaker]
        if not pronoun and (noun in _GENERIC_CLASS_NOUNS or wanted == "Organization" and lang == "en") and \
                not _opens_clause(doc, i) and \
                not any(by_noun and _called(doc, ents, e.kb_id_, noun, i) for e in antecedents):
            # "美团和腾讯都投资过这家公司", "Meta and Google both backed the company": a company named earlier in
            # the same clause, unless as a possessor ("OpenAI 的员工离开了该公司"), is that clause's subject, which
            # the description after the verb is not; with no other antecedent the description stays unresolved.
            clause = _clause_start(doc, i)
            # "Intel, which bought the Jerusalem-based company, …": a relative clause's subject is the name
            # before its comma.
            relative_subject_end = clause - 1 if lang == "en" and clause >= 2 and doc[clause - 1].text == "," and \
                doc[clause].lower_ in ("which", "who", "that") else -1
            antecedents = [e for e in antecedents if (e.start < clause or _is_possessor(doc, e)) and
                           e.end != relative_subject_end]
        if antecedents:
            if pronoun:
                ante = _salient(antecedents, sentence_starts, i, names)
                # "Apple announced M1. It is made by TSMC": "it" may mean the company or the product; the other
                # class's most salient entity is kept for a relation whose types only it fits.
                other = [e for e in antecedents if (e.label_ == "Organization") != (ante.label_ == "Organization")]
                if wanted == "Thing" and other:
                    alt = _salient(other, sentence_starts, i, names)
                    doc.user_data.setdefault(OTHER_READING_KEY, {})[i] = (alt.kb_id_, alt.label_)
            else:
                # "M1, the first processor … and a Mac mini. The chip is …": among several entities of the class,
                # the one the text calls by the description's noun ("A17 Pro 芯片", "the B200 chip") is meant.
                described = [e for e in antecedents if by_noun and _called(doc, ents, e.kb_id_, noun, i)]
                if (i, end) in modified and not described:
                    # "the Jerusalem-based company", "the Israeli start-up": an epithet of the entity the text is
                    # about (news varies its name so), not of the last name before it ("… trading on the Nasdaq.
                    # Intel, which bought the Jerusalem-based company …": Mobileye).
                    ante = _salient(antecedents, sentence_starts, i, names)
                elif described or noun not in _GENERIC_CLASS_NOUNS or not _opens_clause(doc, i):
                    ante = (described or antecedents)[-1]
                else:
                    # "该公司", "The company" opening a clause name no kind that tells companies apart: like a
                    # pronoun they continue the organisation in focus, the subject of this sentence or of an
                    # earlier one, not the nearest name ("月之暗面由杨植麟创立，成员多来自清华大学。该公司的 Kimi…":
                    # 月之暗面). After a verb or preposition ("a stake in the company") the nearest name is meant.
                    ante = _salient(antecedents, sentence_starts, i, names)
            # An untyped antecedent gives the description its class; "it" and "the newspaper" name no one class.
            label = ante.label_ if ante.label_ != "Entity" else "Entity" if wanted in ("Thing", "Work") else wanted
            out.append(Span(doc, i, end, label=label, kb_id=ante.kb_id_))
            if not pronoun:
                # A pronoun's referent is chosen by salience, not nearness: it must not become the nearest
                # antecedent of a later "the company" ("… but it is not taking a stake in the company").
                pool = sorted(pool + out[-1:], key=lambda e: e.start)
            chain = sorted(chain + out[-1:], key=lambda e: e.start)
            taken.update(range(i, end))
    _resolve_possessors(doc, chain, sentence_starts, names)
    out += _plural_references(doc, sorted(ents + out, key=lambda e: e.start), sentence_starts, taken)
    return out


#: Plural references to the two members of a list named just before ("A 和 B 于2021年创立了公司。两人…"), with
#: the class both members must have ("Thing": any class but a place).
_ZH_PLURALS: dict[str, str] = {"两人": "Person", "二人": "Person", "两位": "Person", "两家公司": "Organization",
                               "两家": "Organization", "两款模型": "AIModel", "双方": "Thing"}
_EN_PLURALS: dict[tuple[str, ...], str] = {
    ("the", "two", "companies"): "Organization", ("both", "companies"): "Organization",
    ("the", "two", "firms"): "Organization", ("the", "two", "men"): "Person", ("the", "two", "women"): "Person",
    ("the", "two", "founders"): "Person", ("the", "two", "models"): "AIModel", ("both", "models"): "AIModel"}
_ZH_PLURAL = re.compile("|".join(sorted(_ZH_PLURALS, key=len, reverse=True)))
#: Words that join the two members of a list.
_PAIR_JOINERS = frozenset(["和", "与", "及", "以及", "、", "跟", "同", "and", "&"])


#: Verbs of saying after a sentence's subject ("X said", "X also announced", "X 表示").
_SPEECH_VERBS = frozenset(["said", "says", "announced", "announces", "told", "confirmed", "disclosed", "stated",
                           "表示", "宣布", "称", "透露", "披露"])
#: Words that may stand between the subject and its verb of saying.
_SPEECH_LEAD = frozenset(["also", "later", "then", "on", "has", "had", "have", "已", "也", "还", "则", "同时", "随后",
                          "今天", "周一", "周二", "周三", "周四", "周五"])


def _untyped_speaker(doc: Doc, ents: list[Span], sentence_starts: list[int], i: int) -> Span | None:
    """The name of no known type that opens the sentence of token ``i`` as the subject of a verb of saying
    ("iRobot also said …"); a product does not speak, so such a name is a person or an organisation, and one
    that is not known to be a person may be what a later "the company" in the sentence means.

    >>> import spacy
    >>> doc = spacy.blank("en")("Zorvex also said that the company would cut staff.")
    >>> name = Span(doc, 0, 1, label="Entity", kb_id="zorvex")
    >>> _untyped_speaker(doc, [name], [0], 5).text
    'Zorvex'
    """
    here = bisect.bisect_right(sentence_starts, i) - 1
    start = sentence_starts[here] if here >= 0 else 0
    first = next((e for e in ents if e.start >= start), None)
    if first is None or first.label_ != "Entity" or first.start != start or first.end >= i:
        return None
    k = first.end
    while k < i and (doc[k].is_space or doc[k].lower_ in _SPEECH_LEAD or doc[k].lower_.endswith("day")):
        k += 1
    return first if k < i and doc[k].lower_ in _SPEECH_VERBS else None


def _plural_references(doc: Doc, ents: list[Span], sentence_starts: list[int], taken: set[int]) -> list[Span]:
    """"两人", "双方", "the two companies" → the two members of the last list of two names of a fitting class in
    this sentence or the two before (a simple plural coreference). The span carries the first member; the
    members are kept under ``PLURAL_KEY`` (see :func:`plural_members`)."""
    # Both scripts are read everywhere: each pattern is written in one script, so it only matches words of
    # that script, and a mixed document may open in either language.
    found: list[tuple[str, int, int]] = []
    if HAN_CHARACTER.search(doc.text):
        for match in _ZH_PLURAL.finditer(doc.text):
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                found.append((_ZH_PLURALS[match.group(0)], span.start, span.end))
    lowered = [t.lower_ for t in doc]
    for words, wanted in _EN_PLURALS.items():
        n = len(words)
        found += [(wanted, i, i + n) for i in range(len(lowered) - n + 1) if tuple(lowered[i:i + n]) == words]
    out, members = [], {}
    for wanted, i, end in sorted(found, key=lambda m: m[1]):
        if any(j in taken for j in range(i, end)):
            continue
        here = bisect.bisect_right(sentence_starts, i) - 1
        earliest = sentence_starts[max(0, here - 2)] if sentence_starts else 0
        before = [e for e in ents if earliest <= e.start and e.end <= i and e.label_ != "Place"]
        pair = None
        for first, second in zip(before[-2::-1], before[:0:-1], strict=False):
            joint = [t.text.lower() for t in doc[first.end:second.start] if not t.is_space]
            if len(joint) == 1 and joint[0] in _PAIR_JOINERS:
                pair = (first, second)
                break
        if pair is None or pair[0].kb_id_ == pair[1].kb_id_ or pair[0].label_ != pair[1].label_ or \
                pair[0].label_ not in _ANTECEDENT_LABELS.get(wanted, (wanted,)):
            continue
        members[i] = [(m.kb_id_, m.label_) for m in pair]
        out.append(Span(doc, i, end, label=pair[0].label_, kb_id=pair[0].kb_id_))
        taken.update(range(i, end))
    if members:
        doc.user_data[PLURAL_KEY] = members
    return out


def plural_members(span: Span) -> list[Span]:
    """The members a plural reference stands for, as spans over its words; else ``[span]``.

    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder(finder.nlp("en")("Larry Page and Sergey Brin met in 1995. The two men founded Google."))
    >>> [(m.text, m.kb_id_.rsplit("/", 1)[-1]) for e in doc.ents for m in plural_members(e) if e.text == "The two men"]
    [('The two men', 'larry-page'), ('The two men', 'sergey-brin')]
    """
    found = span.doc.user_data.get(PLURAL_KEY, {}).get(span.start)
    if found is None:
        return [span]
    return [Span(span.doc, span.start, span.end, label=label, kb_id=iri) for iri, label in found]


def _clause_start(doc: Doc, i: int) -> int:
    """The first token of the clause of token ``i``: after the last sentence start, comma, semicolon or colon."""
    k = i
    while k > 0 and not doc[k].is_sent_start and "\n" not in doc[k - 1].text and \
            doc[k - 1].text not in _ZH_CLAUSE_OPENERS:
        k -= 1
    return k


def _is_possessor(doc: Doc, e: Span) -> bool:
    """Whether a name is followed by a possessive marker ("OpenAI 的", "OpenAI's")."""
    return e.end < len(doc) and doc[e.end].text in ("的", "'s", "\u2019s")


def _opens_clause(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens its sentence or a clause (after a comma, semicolon or colon)."""
    k = i - 1
    while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
        k -= 1
    return k < 0 or doc[i].is_sent_start or "\n" in doc[k].text or doc[k].text in _ZH_CLAUSE_OPENERS


#: Linking verbs between a name and a description of it ("SoftBank remains its largest shareholder").
_EN_COPULAS = frozenset(["is", "was", "remains", "remained", "becomes", "became", "has become", "stays", "stayed"])


def _resolve_possessors(doc: Doc, chain: list[Span], sentence_starts: list[int], names: frozenset[int]) -> None:
    """Record the organisation each "its"/"其" stands for ("Its EyeQ chips", "其 MI308 芯片"), chosen like the
    antecedent of "it"; the possessive pronoun is no mention, so it never fills a verb's slot."""
    found: dict[int, tuple[str, str]] = {}
    for token in doc:
        if token.lower_ not in _POSSESSIVE_PRONOUNS:
            continue
        candidates = [e for e in chain if token.i - 60 <= e.start and e.end <= token.i and e.label_ == "Organization"]
        between = [t.lower_ for t in doc[candidates[-1].end:token.i]] if candidates else []
        if len(candidates) > 1 and (between == [","] or len(between) == 1 and between[0] in _EN_COPULAS):
            # "SoftBank remains its largest shareholder", "Microsoft, its biggest backer,": the name that the
            # phrase with "its" describes is not whose it is ("its own" would say so).
            candidates = candidates[:-1]
        if candidates:
            ante = _salient(candidates, sentence_starts, token.i, names)
            found[token.i] = (ante.kb_id_, ante.label_)
    if found:
        doc.user_data[POSSESSOR_KEY] = found


def is_demonym(word: str) -> bool:
    """Whether ``word`` is an adjective of origin or a language ("Danish", "Greek", "Malaysian"), not a name.

    >>> is_demonym("Danish"), is_demonym("Greek"), is_demonym("Denmark"), is_demonym("Ramboll")
    (True, True, False, False)
    """
    return bool(_DEMONYM.search(word)) and word[:1].isupper()


def possessor_of(doc: Doc, i: int) -> Span | None:
    """The organisation the possessive pronoun at token ``i`` stands for, as a one-token span, if any.

    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder(finder.nlp("en")("Mobileye was founded in 1999. Its EyeQ chips are used by carmakers."))
    >>> possessor_of(doc, 6).text, possessor_of(doc, 6).kb_id_.rsplit("/", 1)[-1]
    ('Its', 'mobileye')
    """
    found = doc.user_data.get(POSSESSOR_KEY, {}).get(i)
    if found is None:
        return None
    iri, label = found
    return Span(doc, i, i + 1, label=label, kb_id=iri)


#: Possessive pronouns of a single organisation: "its", 其 ("其 MI308 芯片").
_POSSESSIVE_PRONOUNS = frozenset(["its", "其"])


_PRONOUNS = frozenset(["it", "he", "she", "它", "他", "她"])
#: Labels of the antecedents of a description that names no single class. "it" stands for an organisation or a
#: product, or for a name of no known type (a game, a show: "Breakout is an arcade game. It was designed by …"),
#: never a person or place; a newspaper or magazine is an organisation or a published work.
_ANTECEDENT_LABELS: dict[str, tuple[str, ...]] = {
    "Thing": ("Organization", "Product", "AIModel", "Entity"),
    "Work": ("Organization", "Product"),
    "AIModel": ("AIModel", "Product"),
}


def _called(doc: Doc, ents: list[Span], iri: str, noun: str, before: int) -> bool:
    """Whether a mention of ``iri`` before token ``before`` stands next to ``noun`` (or its plural, or the noun
    inside a longer word): "A17 Pro 芯片", "芯片 A17 Pro", "M1, the first processor", "the B200 chip"."""
    for ent in ents:
        if ent.kb_id_ != iri or ent.end > before:
            continue
        if noun.isascii():
            # English says what a thing is after its name: "the B200 chip", "M1, the first processor", or in a
            # definition, "Breakout is an arcade video game developed by …", "X was a weekly Catholic newspaper".
            near = [t.lower_ for t in doc[ent.end:min(before, ent.end + 4)]]
            if near[:1] in (["is"], ["was"], ["are"], ["were"]) or near[:2] in ([",", "a"], [",", "an"]):
                for t in doc[ent.end + 2:min(before, ent.end + 12)]:
                    if t.is_punct or t.lower_ in _DEFINITION_ENDS:
                        break
                    near.append(t.lower_)
        else:
            # Chinese puts the class noun right before or right after the name: "芯片 A17 Pro", "A17 Pro 芯片".
            near = [t.lower_ for t in doc[max(0, ent.start - 1):ent.start]] + \
                [t.lower_ for t in doc[ent.end:min(before, ent.end + 1)]]
        kind = _CLASS_SYNONYMS.get(noun, frozenset([noun]))
        if any(word in kind or word.removesuffix("s") in kind or (not noun.isascii() and any(
                len(k) > 1 and k in word for k in kind)) for word in near):
            return True
    return False


#: Words that end the noun phrase of a definition ("X is a video game developed by …", "a newspaper for …").
_DEFINITION_ENDS = frozenset(["that", "which", "who", "of", "by", "for", "in", "at", "on", "from", "with", "and",
                              "developed", "published", "produced", "created", "made", "owned", "founded",
                              "based", "released", "written", "directed", "designed"])
#: Class nouns every entity of the class answers to, which therefore tell none apart.
_GENERIC_CLASS_NOUNS = frozenset(["company", "firm", "group", "公司", "集团", "企业"])
#: Nouns that name the same class, so "the chip" finds "M1, the first processor" and "这颗芯片" "麒麟处理器".
_CLASS_SYNONYMS: dict[str, frozenset[str]] = {
    **dict.fromkeys(["chip", "processor", "芯片", "处理器"], frozenset(["chip", "processor", "chipset", "芯片",
                                                                 "处理器"])),
    **dict.fromkeys(["phone", "smartphone", "手机", "机型"], frozenset(["phone", "smartphone", "手机", "机型"])),
}


def _zh_demonstratives(doc: Doc) -> list[tuple[str, int, int]]:
    """(wanted class, start, end) of each "这/该/此 (+ measure word) + class noun" that falls on word boundaries.

    >>> nlp = get_pipeline("zh")
    >>> doc = nlp("这颗芯片由台积电代工，该平台开放。这款游戏机很贵。")
    >>> [(wanted, doc[start:end].text) for wanted, start, end in _zh_demonstratives(doc)]
    [('Product', '这颗芯片'), ('Product', '该平台')]
    """
    out = []
    for match in _ZH_DEMONSTRATIVE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:  # "这款游戏机": the noun runs on, so this is a description of another kind
            out.append((_ZH_CLASS_NOUNS[match.group(1)], span.start, span.end))
    return out


#: Class nouns that Chinese uses bare, with no demonstrative, for the organisation in focus ("公司表示", "集团于
#: 2019年收购了…"): only at the start of a clause, where they are the subject.
_ZH_BARE_NOUNS = frozenset(["公司", "集团"])
_ZH_CLAUSE_OPENERS = frozenset("，。；：！？,;:!?")


def _zh_bare_nouns(doc: Doc) -> list[tuple[str, int, int]]:
    """(class, start, end) of each bare "公司"/"集团" word that opens a clause.

    >>> nlp = get_pipeline("zh")
    >>> doc = nlp("星辰科技成立于2015年。公司于2020年收购了云帆网络，并担任公司顾问。")
    >>> [doc[start:end].text for _, start, end in _zh_bare_nouns(doc)]
    ['公司']
    """
    out = []
    for token in doc:
        if token.text not in _ZH_BARE_NOUNS:
            continue
        k = token.i - 1
        while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
            k -= 1
        if k < 0 or "\n" in doc[k].text or doc[k].text in _ZH_CLAUSE_OPENERS:
            out.append(("Organization", token.i, token.i + 1))
    return out


def _salient(candidates: list[Span], sentence_starts: list[int], at: int,
             names: frozenset[int] = frozenset()) -> Span:
    """The antecedent a pronoun most likely means: the subject (first compatible mention) of its own sentence
    when one comes before it ("Anthropic was founded … and it has become …"), else the subject of the nearest
    earlier sentence that has one ("Amazon completed the purchase of MGM. Five years earlier it had bought …"),
    else the nearest mention.

    A mention after a preposition is no subject: in "The daughter of X, she was born …" or "Born in Y, the son of
    X, he joined …" the pronoun is the subject, and the sentence before names whom it stands for. ``names``: the
    tokens of mentions other than places, which no description before a name contains."""
    here = bisect.bisect_right(sentence_starts, at) - 1
    for index in range(here, max(-1, here - 3), -1):
        start = sentence_starts[index] if index >= 0 else 0
        stop = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else at
        inside = [c for c in candidates if start <= c.start < min(stop, at) and not _governed(c, names)]
        if inside:
            # "The first Helix product, the Z900, …": the subject is the product the apposition names; the
            # name before it only modifies the noun.
            if len(inside) > 1 and (_modifies_appositive(inside[0], inside[1]) or
                                    names_parent_of(inside[0], inside[1])):
                return inside[1]
            return inside[0]
    return candidates[-1]


_EN_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our"])
#: Nouns for the owner of a company: "Google parent Alphabet", "谷歌母公司 Alphabet" name Alphabet, the phrase's
#: head, which is the one that acts ("谷歌母公司 Alphabet 宣布收购 Wiz": Alphabet buys).
PARENT_NOUNS = frozenset(["parent", "parent company", "parent firm", "parent group", "母公司", "控股公司"])


def names_parent_of(first: Span, second: Span) -> bool:
    """Whether ``first`` only says whose parent ``second`` is: "Google parent Alphabet", "Google's parent company
    Alphabet", "谷歌母公司 Alphabet", "脸书的母公司 Meta" (the second name is the phrase's head, what "it" means).

    >>> import spacy
    >>> doc = spacy.blank("en")("Zorvex parent Helix said it would sell.")
    >>> names_parent_of(Span(doc, 0, 1), Span(doc, 2, 3))
    True
    >>> names_parent_of(Span(doc, 0, 1), Span(doc, 4, 5))
    False
    """
    words = [t.lower_ for t in first.doc[first.end:second.start] if not t.is_space]
    if words[:1] in (["'s"], ["\u2019s"], ["的"]):
        words = words[1:]
    joined = ("" if words and all("\u4e00" <= w[:1] <= "\u9fff" for w in words) else " ").join(words)
    return joined in PARENT_NOUNS



def _modifies_appositive(first: Span, second: Span) -> bool:
    """Whether ``first`` premodifies a noun that ``second``, in apposition, names: "the first Helix product, the
    Z900" (a determiner, the name, one or two lowercase words, a comma, the second name).

    >>> import spacy
    >>> doc = spacy.blank("en")("The first Helix product, the Z900, is fast. Orbix said, the Z900 is fast.")
    >>> _modifies_appositive(Span(doc, 2, 3), Span(doc, 6, 7))
    True
    >>> _modifies_appositive(Span(doc, 11, 12), Span(doc, 15, 16))
    False
    """
    doc = first.doc
    k = first.start - 1
    while k >= max(0, first.start - 3) and doc[k].lower_ not in _EN_DETERMINERS and doc[k].is_lower:
        k -= 1
    if k < 0 or k < first.start - 3 or doc[k].lower_ not in _EN_DETERMINERS:
        return False
    k = first.end
    while k < second.start and k < first.end + 2 and doc[k].is_alpha and doc[k].is_lower:
        k += 1
    if k == first.end or k >= second.start or doc[k].text != ",":
        return False
    rest = [t.lower_ for t in doc[k + 1:second.start]]
    return rest in ([], ["the"], ["a"], ["an"])


#: Prepositions whose object is no subject of its sentence ("the son of X", "据 X 报道").
_SUBJECTLESS_BEFORE = frozenset(["of", "by", "in", "at", "for", "with", "from", "to", "on", "under", "about",
                                 "than", "against", "into", "via", "据", "对", "向", "从", "被", "由", "比"])


def _governed(mention: Span, names: frozenset[int]) -> bool:
    """Whether a preposition governs ``mention``: the word before it, or before a short description of words
    with no digit, punctuation or name other than a place ("of Tunisian politician X", "of the businessman X")."""
    doc = mention.doc
    k, words = mention.start - 1, 0
    while k >= 0 and words <= 3:
        token = doc[k]
        if token.is_space:
            k -= 1
            continue
        if token.lower_ in _SUBJECTLESS_BEFORE:
            return True
        if token.is_punct or token.like_num or not token.is_alpha or k in names:
            return False
        words += 1
        k -= 1
    return False


def _is_name_token(text: str) -> bool:
    # "Disney+", "Apple TV+": a streaming service's plus sign is part of its name's last word.
    core = text.rstrip(".")
    core = core[:-1] if len(core) > 1 and core.endswith("+") and core[-2].isalnum() else core
    if not text or not (text[0].isupper() or _LOWER_CAMEL.match(text)) or not _LATIN_NAME.match(core):
        return False
    return not (text.isupper() and len(text) > 6)
