"""Doc + mentions → claims: who does what to whom, in which sentence, how surely, and who says so.

The rules are general, not sentence-specific: a trigger phrase from the schema, the nearest entity on each side
within its clause (lists expand to one claim per member), voice (``by``, 被/由/遭/获 flip the agent; ``N of X``
reads as ``X's N``; ``A 是 B 的 N``), domain/range checks, cue phrases for polarity, modality and attribution,
and the document topic for a missing argument (marked as inferred, at lower confidence).

>>> from graph.schema import load_schema
>>> extractor = ClaimExtractor(load_schema())
>>> [c.triple_names for c in extractor.extract_text("Microsoft was acquired by nobody. Google acquired DeepMind.")]
[('Google', 'acquired', 'DeepMind')]
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.documents import HAN_CHARACTER
from graph.mentions import (
    PARENT_NOUNS,
    MentionFinder,
    is_demonym,
    is_description,
    is_reference,
    names_parent_of,
    other_reading,
    plural_members,
    possessor_of,
)
from graph.nlp import words_of
from graph.schema import Cue, RelationSpec, Schema, Trigger, fits
from graph.settings import Settings

Polarity = Literal["positive", "negative"]
Modality = Literal["asserted", "hedged", "planned"]

_ZH_CLAUSE_BREAKS = frozenset(",;:()\uff0c\uff1b\uff1a\uff08\uff09\u2014\u3010\u3011\u300c\u300d\u300e\u300f!?\uff01\uff1f\u3002\n")
_EN_CLAUSE_BREAKS = frozenset(";:()—–[]\n") | {"--"}
_EN_SUBORDINATORS = frozenset(["but", "while", "whereas", "although", "though", "which", "who", "whom", "after", "before", "when", "because", "since", "unless", "until"])
#: Coordinators that, after a comma outside a coordinated list, open a new clause.
_EN_CLAUSE_COORDINATORS = frozenset(["and", "or", "so", "yet"])
_EN_SEQUENCE_ADVERBS = frozenset(["then", "later", "also", "now", "soon", "subsequently", "since", "thereafter"])
_EN_SUBJECT_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i"])
_LIST_SEPARATORS = frozenset(["、", ",", "/", "和", "与", "及", "以及", "跟", "同", "或", "and", "or", "&",
                              "as", "well", "plus"])
#: Words that count things before the list that spells them out ("three computers: A, B and C").
_COUNT_WORDS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
                          "2", "3", "4", "5", "6", "7", "8", "9", "10"])
#: Prepositions that make a counted phrase an adjunct of the verb ("in three sizes", "for two markets").
_EN_ADJUNCT_PREPOSITIONS = frozenset(["in", "at", "for", "with", "from", "to", "on", "by", "into", "over", "across",
                                      "among", "between", "under", "within"])
_ZH_MEASURE_WORDS = frozenset("款个家种项台部")
#: How far after its trigger a counted list may open, in tokens.
_MAX_ENUMERATION_LEAD = 24
_CONJUNCTIONS = frozenset(["和", "与", "跟", "同", "及", "and", "&", "with", "以及"])
_ZH_PASSIVE = frozenset(["被", "遭", "遭到", "获", "获得", "由", "受到", "受"])
#: Markers that put the patient before the verb: 把/将 (disposal), 向/对/给 ("向 B 投资" invests in B).
_ZH_OBJECT_MARKERS = frozenset(["将", "把", "向", "对", "给"])
#: English verbs of leaving or returning: their employer is the name right after them (see ``arguments``).
_EN_DEPARTURE_VERBS = frozenset(["left", "quit", "departed", "resigned from", "stepped down from", "returned to"])
#: Roles in a funding round said with the investor alone ("A 领投，B 跟投"): the company is the round's raiser.
_ZH_ROUND_ROLES = frozenset(["领投", "跟投", "参投", "联合领投", "独家投资"])
#: Relations whose Chinese verb takes the thing moved as subject ("X 并入 Y", "X 与 Y 合并"): said with 把, that
#: thing is 把's object, and whoever moves it is no argument.
_ZH_MOVED_THING_RELATIONS = frozenset(["subsidiaryOf", "mergedWith"])
#: Words that follow 将 as "will" rather than as an object marker: "将于明年并入", "将与 B 合并", "将正式并入".
_ZH_WILL_ADVERBIALS = frozenset(["于", "在", "会", "要", "与", "和", "同", "跟", "正式", "全面", "逐步", "进一步", "继续",
                                 "从", "以", "通过", "由", "被", "不", "不再", "可能", "或", "整体", "完全", "彻底"])
_EN_RELATIVE_PRONOUNS = frozenset(["that", "which", "who", "whom", "whose"])
_EN_GAP_WORDS = frozenset(["in", "at", "on", "for", "last", "this", "earlier", "later", ",", ".", ";", "and", "to", "from", "with", "after", "before", "during", "since", "as", "when", "while", "but"])
#: Words that may follow a verb whose object is left out: particles, adverbs, time words.
_FILLERS = frozenset(["了", "着", "过", "的", "地", "得", "也", "都", "就", "已", "已经", "还", "又", "再", "才", "正在", "将", "会", "能", "吗", "呢", "吧", "啊", "呀", "啦", "嘛", "等", "中", "后", "前", "时", "今天", "昨天", "明天", "本周", "上周", "本月", "今年", "去年", "明年", "年", "月", "日", "号", "此前", "之后", "之前", "以来", "目前", "现在", "yet", "already", "too", "also", "again", "now", "today", "yesterday", "earlier", "later", "this", "week", "month", "year", "last", "next", "in", "on", "at", "by", "for", "of", "to", "the", "a", "an", "last", "soon"])
_BE_FORMS = frozenset(["was", "were", "is", "are", "been", "be", "being", "'s"])
_ZH_TEMPORAL_END = frozenset(["之后", "之前", "后", "前", "时", "以来", "期间", "以后", "以前"])
_EN_TEMPORAL = frozenset(["after", "before", "since", "when", "while", "until", "once"])
#: Copulas: "A 是 B 的 N"; 变身(为) is "to become" in business news ("A 将变身 B 的第二大股东"), like 成为.
_ZH_COPULA = frozenset(["是", "为", "系", "成为", "作为", "乃", "变身", "变身为"])
_ZH_POSSESSIVE = frozenset(["的", "之", "旗下"])
_ZH_NEGATORS = frozenset("不没未非无")
#: Ends of nouns for an edition of a product ("新版本", "升级版", "第二代", "Pro 机型"): announcing one announces
#: the product.
_ZH_EDITION_ENDINGS = ("版本", "版", "代", "系列", "型号", "机型", "款")
#: A demo or preview of a product, which announces it: "发布了 Sora 的演示", "展示了 X 的演示视频", "X 的预告片".
_ZH_DEMO_NOUNS = ("演示", "预告", "概念视频", "概念机")
#: Nouns for events in a product's life: "推迟了 GPT-5 的发布" is about GPT-5.
_ZH_PRODUCT_EVENTS = frozenset(["发布", "上市", "推出", "发售", "开源", "上线", "交付", "量产", "首发", "更新",
                                "升级", "预售", "公测", "内测", "测试"])
#: Verbs of taking or holding an office: "X 担任首席执行官" makes X the holder of the role noun.
_ZH_OFFICE_VERBS = frozenset(["担任", "出任", "现任", "兼任", "转任", "升任", "接任", "任", "曾任", "历任"])
#: Dashes as jieba cuts them ("——" is two tokens).
_DASHES = frozenset(["—", "——", "–", "－", "-"])
#: Words that may open a clause before its subject: conjunctions, adverbs of time and sequence ("此前", "随后").
_ZH_CLAUSE_OPENERS = frozenset(["但", "但是", "而", "并", "且", "同时", "此外", "另外", "随后", "如果", "若", "即",
                                "则", "因此", "所以", "不过", "然而", "其中", "近日", "日前", "近期", "当天", "当日",
                                "去年", "今年", "本月", "上月", "此后", "最终", "早在", "截至", "截止", "昨日", "今日",
                                "昨晚", "今晚", "当晚", "本周", "上周", "周一", "周二", "周三", "周四", "周五", "周六",
                                "周日", "首先", "其次", "随即", "进而", "从而", "也就是说"])
#: Markers before a mention that make it no subject of its clause: comitatives, object and passive markers.
_ZH_CLAUSE_MARKERS = frozenset(["与", "和", "同", "跟", "对", "向", "将", "把", "被", "由", "给", "从", "以", "在"])
#: Words between a list and a verb of contest or partnership it is the subject of: "A、B 等也在争夺", "A 和 B
#: 双方展开合作", "A、B 两大巨头激烈竞争".
_ZH_LIST_TAIL_WORDS = frozenset(["等", "均", "纷纷", "正在", "在", "曾", "共同", "一起", "相互", "互相", "彼此",
                                 "激烈", "展开", "进行", "形成", "之", "双方", "三方", "各方", "两家", "三家",
                                 "几家", "多家", "两大", "三大", "四大", "持续", "一直", "长期", "直接", "正面",
                                 # Light verbs before a relation noun: "A、B 达成战略合作", "A、B 签署合作协议".
                                 "达成", "签署", "签订", "建立", "开展", "宣布", "启动", "深化", "结成", "缔结", "开启"])
#: Words that name the organisation already in play ("担任公司首席执行官"), not a new one.
_ZH_OWN_ORG = frozenset(["公司", "该公司", "本公司", "其", "集团", "该集团"])
#: "与其" is 与 + 其 ("与其海外产品 TikTok 合并") unless it opens "与其…不如" (rather than).
_ZH_COMITATIVE = frozenset(["与", "和", "同", "跟", "与其"])
#: Words that introduce examples of a noun just said: "竞争对手，包括 A、B", "子公司，如 A".
_ZH_EXAMPLE_WORDS = frozenset(["包括", "如", "例如", "比如", "譬如"])
#: Hands and mouths something is taken out of: "从 B 手中抢夺", "从 B 口中夺食".
_ZH_HAND_WORDS = frozenset(["手中", "手里", "手上", "口中", "嘴里", "那里"])
#: Adverbs of joint action before a verb ("联合收购", "共同出资"), and coverbs that join an agent to the subject
#: before a verb ("A 携手 B 推出…").
_ZH_JOINT_ADVERBS = frozenset(["联合", "共同"])
_ZH_COVERBS = frozenset(["携手", "联手", "联合", "牵手"])
#: Words that may stand between a joint subject and the adverb: "A 与 B 已就共同出资…", "A 宣布与 B 联合…".
_ZH_JOINT_LEAD_WORDS = frozenset(["就", "将", "拟", "计划", "决定", "宣布", "一起", "再次", "首次", "此次"])
#: Nouns of institutions that a verb before them describes ("投资机构", "合作银行", "研发公司").
_ZH_INSTITUTION_NOUNS = frozenset(["机构", "公司", "基金", "集团", "银行", "企业", "机关"])
#: Words of holding between a seller and the company whose stake it sells: "Z 所持有的 Y", "Z 手中的 Y".
_ZH_HOLDING_WORDS = frozenset(["持有", "所持", "所持有", "所", "手中", "手上", "手里"])
#: Holding words that are triggers of their own: "X 所持 Y 股份" states X's stake in Y. Both are listed as triggers,
#: so jieba keeps "所持有" whole instead of cutting it into "所持" and "有".
_ZH_HELD_MARKERS = frozenset(["所持", "所持有"])
#: Words between a product and its launch or delay verb that leave the product the verb's subject ("X 功能将推迟",
#: "X 的大规模出货可能推迟", "X 将于明年推出").
_ZH_UNACCUSATIVE_LEAD = frozenset(["功能", "将", "可能", "或", "或将", "于", "被迫", "再次", "再度", "一再", "的", "大规模",
                                   "出货", "上市", "发布", "正式", "预计", "最终"])
#: Verbs of saying that may introduce a described subject ("A 称，这个模型…", "A 表示该芯片…").
_ZH_SPEECH_VERBS = frozenset(["称", "表示", "说", "指出", "透露", "宣称", "声称", "介绍"])
#: Class nouns of such a description.
_ZH_DESCRIBED_NOUNS = ("模型", "芯片", "产品", "系统", "平台", "版本", "应用", "手机", "公司", "机型")
#: Ties that name a second person by the first ("A 与其妹妹 B", "A 和其搭档 B") inside a list of people.
_ZH_KIN_NOUNS = frozenset(["妹妹", "姐姐", "哥哥", "弟弟", "兄弟", "姐妹", "妻子", "丈夫", "父亲", "母亲", "儿子", "女儿",
                           "搭档", "同事", "同学", "合伙人", "老同学"])
#: Words that close a "在 … 上" frame: "在 X 上", "在 X 中", "在 X 里", "在 X 内".
_ZH_FRAME_ENDS = frozenset(["上", "中", "里", "内"])
#: Dating words inside a "在 … 上" frame before the name it frames ("在今年的 GTC 大会上", "在本届 X 峰会上").
_ZH_FRAME_DATING = frozenset(["今年", "去年", "明年", "本届", "此次", "这次", "上届", "首届", "年度", "一年一度", "的", "第"])
#: Verbs of holding a post whose employer stands in a 在 phrase before them ("A 曾在 B 任职", "在 B 担任研究员").
_ZH_POST_AT_VERBS = frozenset(["任职", "就职", "担任", "效力"])
#: Adverbs between a post holder and 在 ("曾", "先后", "一直"): they date or repeat the post, never name another party.
_ZH_POST_ADVERBS = frozenset(["曾", "曾经", "先后", "一直", "长期", "此前", "早年", "多年", "随后", "后来", "现", "目前", "也", "还"])
#: Verbs of what a product carries or uses, which open a relative clause on the product in launch news and are
#: no relation's trigger: "发布搭载麒麟芯片的手机", "推出采用 Blackwell 架构的 GPU".
_ZH_FEATURE_VERBS = frozenset(["搭载", "采用", "内置", "集成", "配备", "使用"])
#: Verbs of owning, which like the holding words name a possessor before a noun ("A 拥有的 B", "A 控股的 B").
_ZH_OWNING_VERBS = frozenset(["拥有", "控股", "持股", "控制", "全资"])
#: Heads of company names that are verbs too: "泛海控股", "南通投资" are companies, "控股"/"投资" alone are verbs.
_ZH_ORG_NAME_HEADS = frozenset(["控股", "投资"])
#: Legal forms and kinds that end a company's full name ("新华联控股有限公司", "河南投资集团").
_ZH_COMPANY_FORMS = ("公司", "集团", "基金", "银行", "证券")
#: Verbs of holding a stake that may state it as a bare figure: "A 持股 40%", "A 持有 5% 的股份".
_ZH_STAKE_VERBS = frozenset(["持股", "持有"])
#: Words before 股东 that make it a class of holders ("全体股东", "中小股东"), not one named holder.
_ZH_CLASS_OF_HOLDERS = frozenset(["全体", "所有", "广大", "中小", "部分", "其他", "其余", "现有", "原有", "各", "各位"])
#: What may follow such a verb when the figure is all it states (FinRE masks numbers as "<N>").
_ZH_STAKE_FIGURE_WORDS = frozenset(["N", "<", ">", "%", ".", "．", "％", "的", "股权", "股份", "股", "万股", "亿股", "和",
                                    "、", "及", "左右", "以上", "以外", "外", "分别", "约", "近", "超过", "经济权益",
                                    "权益", "万", "亿"])
#: A stake after what 收购 buys ("收购 B 30% 股权", "对 B 部分股权的收购"): the quantity words, then the stake noun.
_ZH_STAKE_BOUGHT = re.compile(r"^的?(?P<q>(?:约|共|合计|总计|已发行|的|剩余|余下|全部|所有|部分|少数股东|少数|控股|"
                              r"[0-9.．<>N%％]|万|亿)*)(?:控股权|股权|股份|权益|股票|股)")
#: Quantities that give the buyer control ("全部股权", "剩余 20% 股权" makes it whole, "控股权"): an acquisition.
_ZH_CONTROL_STAKE = re.compile(r"全部|所有|控股|剩余|余下")
#: Words after "A 与 B" that make it a coordinated subject ("A 与 B 均…", "A 与 B 分别…"), not A with B.
_ZH_COORDINATE_TAILS = frozenset(["均", "都", "分别", "共同", "一起", "双方", "两家", "同时", "皆", "各自", "先后", "相继"])
#: "X 用于/用来 V": X is what is used for V, a resource, not V's agent.
_ZH_PURPOSE_VERBS = frozenset(["用于", "用来", "用以", "用作"])
#: Words between a shareholder noun and the holders it names: "股东分别为 A 和 B", "大股东之一 A", "股东包括 A、B".
_ZH_SHAREHOLDER_LINKS = frozenset(["分别", "分别是", "分别为", "之一", "包括", "即", "有", "均", "、", "：", ":"])
#: Verbs of making that found a company when what they make is one ("OpenAI was created by …").
_EN_CREATE_VERBS = frozenset(["created", "creates", "create", "creating"])
_EN_COMITATIVE = frozenset(["with", "and"])
_SPEAKER_TYPES = frozenset({"Person", "Organization", "Entity"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted relation with provenance; IRIs for RDF, names for people."""

    doc_id: str
    relation: str
    subject: str
    subject_name: str
    subject_type: str
    object: str
    object_name: str
    object_type: str
    polarity: Polarity
    modality: Modality
    confidence: float
    inferred: bool
    evidence: str
    start: int
    end: int
    trigger: str
    attributed_to: str | None = None
    attributed_name: str | None = None
    extractor: str = "extractor-rules-1"

    @property
    def triple_names(self) -> tuple[str, str, str]:
        """``(subject name, relation, object name)``, handy in tests and reports."""
        return (self.subject_name, self.relation, self.object_name)

    @property
    def claim_id(self) -> str:
        """Content hash: the same claim from the same document always gets the same IRI."""
        key = "\x1f".join([self.doc_id, self.relation, self.subject, self.object, str(self.start), str(self.end),
                           self.polarity, self.modality, self.trigger])
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def is_asserted(self, threshold: float) -> bool:
        """Whether this claim also becomes the plain triple ``X p Y``."""
        return self.polarity == "positive" and self.modality == "asserted" and self.confidence >= threshold


@dataclass(slots=True)
class _Arg:
    """One side of a relation: the mentions filling it and how they were found."""

    spans: list[Span] = field(default_factory=list)
    fallback: bool = False  # found by the sentence-subject fallback, not in the trigger's clause

    def __bool__(self) -> bool:
        return bool(self.spans)


@dataclass(frozen=True, slots=True)
class TopicEntity:
    """An entity the document is about (from its title), usable to fill a missing argument."""

    iri: str
    name: str
    type: str


class ClaimExtractor:
    """Holds the trigger and cue matchers for one schema; ``extract`` runs on a Doc with ``doc.ents`` set."""

    def __init__(self, schema: Schema, *, settings: Settings | None = None,
                 mention_finder: MentionFinder | None = None) -> None:
        self.schema = schema
        self.settings = settings or Settings()
        zh_phrases = [part for t in schema.triggers if t.lang == "zh" for part in _phrase_parts(t.phrase)]
        zh_phrases += [c.phrase for c in schema.cues if c.lang == "zh"]
        self.mentions = mention_finder or MentionFinder(
            schema, base_iri=self.settings.base_iri,
            models={"en": self.settings.spacy_model_en, "zh": self.settings.spacy_model_zh},
            extra_words=zh_phrases,
        )
        self._trigger_matchers: dict[str, PhraseMatcher] = {}
        self._cue_matchers: dict[str, PhraseMatcher] = {}
        self._trigger_by_key: dict[str, Trigger] = {}
        #: Keys of the closing part of a two-part trigger ("运行在…之上"), by the key of its opening part.
        self._closer_key: dict[str, str] = {}
        self._cue_by_key: dict[str, Cue] = {}
        self._zh_suffixes: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ matchers
    def _matcher(self, lang: str, kind: Literal["trigger", "cue"]) -> PhraseMatcher:
        cache = self._trigger_matchers if kind == "trigger" else self._cue_matchers
        if lang in cache:
            return cache[lang]
        nlp = self.mentions.nlp(lang)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        items: Sequence[Trigger | Cue] = self.schema.triggers if kind == "trigger" else self.schema.cues
        for item in items:
            # English phrases match English text; Chinese phrases match Chinese-pipeline text, and so do English
            # ones, because mixed articles quote English sentences.
            if item.lang != lang and not (lang == "zh" and item.lang == "en"):
                continue
            if isinstance(item, Trigger):
                key = f"T|{item.relation}|{int(item.inverse)}{'r' if item.recipient else ''}|{item.phrase}"
                self._trigger_by_key[key] = item
                parts = _phrase_parts(item.phrase)
                if len(parts) == 2:
                    # A two-part trigger: the opening part is the trigger span, the closing part must follow it
                    # in the same clause, and the argument sits between them ("运行在 X 之上", "参与 X 的融资").
                    self._closer_key[key] = f"{key}|close"
                    matcher.add(key, [nlp.make_doc(parts[0])])
                    matcher.add(f"{key}|close", [nlp.make_doc(parts[1])])
                    continue
            else:
                key = f"C|{item.kind}|{item.scope}|{item.phrase}"
                self._cue_by_key[key] = item
            matcher.add(key, [nlp.make_doc(item.phrase)])
        cache[lang] = matcher
        return matcher

    # ------------------------------------------------------------------ public API
    def doc_for(self, text: str, *, lang: str) -> Doc:
        """Tokenise, split sentences and find mentions."""
        nlp = self.mentions.nlp(lang)
        doc = nlp(text)
        focus: list[Span] = []
        if lang == "zh":
            # Sentences with a trigger get the slower name tagger; most sentences have none.
            starts = {start for _, start, _ in self._matcher(lang, "trigger")(doc)}
            focus = [sent for sent in doc.sents if any(sent.start <= i < sent.end for i in starts)] if starts else []
        return self.mentions(doc, lang=lang, focus=focus)

    def topic_of(self, title: str | None, doc: Doc | None = None, *, lang: str) -> list[TopicEntity]:
        """Entities in the title, in order; else the entity the document mentions most (at least twice)."""
        topic: list[TopicEntity] = []
        if title:
            # A short form in the title ("Brockman") is the full name the body uses ("Greg Brockman").
            full_names: dict[str, Span] = {}
            for ent in (doc.ents if doc is not None else ()):
                words = ent.text.split()
                if len(words) > 1:
                    for word in (words[0], words[-1]):
                        full_names.setdefault(word, ent)
            for ent in self.doc_for(title, lang=lang).ents:
                iri, name, label = ent.kb_id_, ent.text, ent.label_
                if iri not in self.schema.entities and name in full_names:
                    full = full_names[name]
                    iri, name, label = full.kb_id_, full.text, full.label_
                if iri and all(t.iri != iri for t in topic):
                    topic.append(TopicEntity(iri, name, label))
        if not topic and doc is not None:
            counts: dict[str, int] = {}
            first: dict[str, Span] = {}
            for ent in doc.ents:
                counts[ent.kb_id_] = counts.get(ent.kb_id_, 0) + 1
                first.setdefault(ent.kb_id_, ent)
            best = sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]].start))
            if best and best[0][1] >= 2:
                span = first[best[0][0]]
                topic.append(TopicEntity(span.kb_id_, span.text, span.label_))
        return topic

    def extract_text(self, text: str, *, lang: str | None = None, title: str | None = None,
                     doc_id: str = "text") -> list[Claim]:
        """Claims in a plain string (tokenises and finds mentions first)."""
        from graph.documents import detect_lang

        lang = lang or detect_lang(text)
        doc = self.doc_for(text, lang=lang)
        return self.extract(doc, lang=lang, topic=self.topic_of(title, doc, lang=lang), doc_id=doc_id)

    def extract(self, doc: Doc, *, lang: str, topic: Sequence[TopicEntity] = (), doc_id: str = "",
                offset: int = 0) -> list[Claim]:
        """Claims in a Doc whose ``ents`` are set; ``offset`` shifts character offsets (long documents)."""
        ents = self._argument_mentions(doc, lang)
        triggers = self._find_triggers(doc, lang, ents=ents)
        possessive = [spec for spec in self.schema.relations.values() if spec.possessive]
        if not triggers and not possessive:
            return []
        cues = self._find_cues(doc, lang, ents=ents)
        found: dict[tuple[str, str, str, str, str, int], Claim] = {}
        sents = list(doc.sents)
        # Bucket triggers, mentions and cues by sentence in one pass each (long documents have many sentences).
        starts = [s.start for s in sents]
        by_sent_triggers: dict[int, list[tuple[Span, Trigger]]] = defaultdict(list)
        by_sent_mentions: dict[int, list[Span]] = defaultdict(list)
        by_sent_cues: dict[int, list[tuple[Span, Cue]]] = defaultdict(list)
        for pair in triggers:
            by_sent_triggers[bisect_right(starts, pair[0].start) - 1].append(pair)
        for ent in ents:
            k = bisect_right(starts, ent.start) - 1
            if ent.end <= sents[k].end:
                by_sent_mentions[k].append(ent)
        for cue_pair in cues:
            by_sent_cues[bisect_right(starts, cue_pair[0].start) - 1].append(cue_pair)
        for k, sent in enumerate(sents):
            if possessive and by_sent_mentions.get(k):
                for claim in self._possessive_claims(doc, sent, by_sent_mentions[k], by_sent_cues.get(k, []),
                                                     possessive, doc_id, offset, lang):
                    key = (claim.relation, claim.subject, claim.object, claim.polarity, claim.modality, claim.start)
                    found.setdefault(key, claim)
            if k not in by_sent_triggers or k not in by_sent_mentions:
                continue
            sent_triggers = _governing_triggers(by_sent_triggers[k], doc)
            if not sent_triggers:
                continue
            mentions = by_sent_mentions[k]
            sent_cues = by_sent_cues.get(k, [])
            context = _Sentence(doc, sent, mentions, lang,
                                sources=_prefixed_sources(mentions, sent_cues, [span for span, _ in sent_triggers]),
                                trigger_spans=[span for span, _ in sent_triggers])
            by_span: dict[tuple[int, int], list[Claim]] = defaultdict(list)
            for span, trigger in sent_triggers:
                by_span[span.start, span.end].extend(
                    self._claims_for_trigger(context, span, trigger, sent_cues, topic, doc_id, offset))
            for (start, end), span_claims in by_span.items():
                span_claims = _narrowest_readings(span_claims, self.schema)
                if context.is_english:
                    span_claims += _gapped_claims(context, doc[start:end], span_claims, self.schema)
                    span_claims += _elliptical_claims(context, doc[start:end], span_claims, self.schema)
                else:
                    span_claims += _listed_posts(context, doc[start:end], span_claims, self.schema)
                for claim in span_claims:
                    key = (claim.relation, claim.subject, claim.object, claim.polarity, claim.modality, claim.start)
                    if key not in found or found[key].confidence < claim.confidence:
                        found[key] = claim
        return sorted(found.values(), key=lambda c: (c.start, c.relation, c.subject, c.object))

    def _possessive_claims(self, doc: Doc, sent: Span, mentions: list[Span], cues: list[tuple[Span, Cue]],
                           specs: Sequence[RelationSpec], doc_id: str, offset: int, lang: str) -> list[Claim]:
        """"Meta's Llama 3", "阿里巴巴的 Qwen2.5": relations the schema marks kg:readFromPossessive."""
        ctx: _Sentence | None = None
        claims = []
        words = words_of(doc)
        pairs = []
        for owner, owned in itertools.pairwise(mentions):
            between = [w for w in words[owner.end:owned.start] if not w.isspace()]
            if _is_possessive_marker(between):
                pairs.append((owner, owned, doc[owner.end:owned.start]))
        for owned in mentions:
            # "Its EyeQ chips", "其 MI308 芯片", "its new GPT Store": a possessive pronoun right before the name
            # (or before a word of novelty) stands for the organisation it was resolved to.
            j = owned.start - 1
            while j > sent.start and words[j].lower() in _POSSESSIVE_FILLERS:
                j -= 1
            owner_pronoun = possessor_of(doc, j) if j >= sent.start else None
            if owner_pronoun is not None:
                pairs.append((owner_pronoun, owned, owner_pronoun))
        pairs.extend(self._appositive_possessors(doc, sent, mentions, words))
        owns = self.schema.relations.get("owns")
        for owner, owned in itertools.pairwise(mentions):
            kind = _owned_kind(words[owner.end:owned.start])
            # "Sprint's prepaid brand Boost Mobile", "Musk's rocket company SpaceX", "字节跳动的短视频应用抖音": the
            # noun between names what is owned (a brand, an app, a person's company), not what was developed.
            if owns is None or kind is None or owner.kb_id_ == owned.kb_id_:
                continue
            # A brand or an app is a product, and its owner a person or an organisation: the kind noun types names
            # no list knows ("Sprint's prepaid brand Boost Mobile" with neither name listed).
            owner_type, owned_type = owner.label_, owned.label_
            if kind in _OWNED_KINDS:
                owner_type = "Organization" if owner_type == "Entity" else owner_type
                owned_type = "Product" if owned_type == "Entity" else owned_type
            if not (fits(owner_type, owns.domain) and fits(owned_type, owns.range)) or \
                    "Entity" in (owner_type, owned_type) or \
                    (kind in _PERSON_OWNED_KINDS and owner_type != "Person"):
                continue
            if ctx is None:
                ctx = _Sentence(doc, sent, mentions, lang)
            marker = doc[owner.end:owned.start]
            polarity, _ = _modality(ctx, marker, cues, left_end=owner.end, relation="owns")
            evidence, start, end = ctx.evidence(offset)
            claims.append(Claim(
                doc_id=doc_id, relation="owns", subject=owner.kb_id_, subject_name=owner.text,
                subject_type=owner_type, object=owned.kb_id_, object_name=owned.text, object_type=owned_type,
                polarity=polarity, modality="asserted", confidence=0.6, inferred=False, evidence=evidence,
                start=start, end=end, trigger=marker.text.strip(), extractor=self.settings.extractor_name,
            ))
        for owner, owned, marker in pairs:
            if "Entity" in (owner.label_, owned.label_) or owner.kb_id_ == owned.kb_id_:
                continue
            for spec in specs:
                if not (fits(owned.label_, spec.domain) and fits(owner.label_, spec.range)):
                    continue
                if ctx is None:
                    ctx = _Sentence(doc, sent, mentions, lang)
                # "据业内人士分析，华为的昇腾 910C 有望…": a possessive is presupposed, outside the scope of the
                # sentence's hedge or plan; only a negation right before it ("并非谷歌的 Gemini") reaches it.
                polarity, _ = _modality(ctx, marker, cues, left_end=owner.end, relation=spec.name)
                modality: Modality = "asserted"
                evidence, start, end = ctx.evidence(offset)
                # "该公司的 Kimi": a description or pronoun as owner shows the entity it points at.
                owner_name = ctx.names.get(owner.kb_id_, owner.text) \
                    if marker is owner or is_description(owner.text) else owner.text
                claims.append(Claim(
                    doc_id=doc_id, relation=spec.name, subject=owned.kb_id_, subject_name=owned.text,
                    subject_type=owned.label_, object=owner.kb_id_, object_name=owner_name, object_type=owner.label_,
                    polarity=polarity, modality=modality, confidence=0.6, inferred=False, evidence=evidence,
                    start=start, end=end, trigger=marker.text.strip(), extractor=self.settings.extractor_name,
                ))
        return claims

    def _appositive_possessors(self, doc: Doc, sent: Span, mentions: list[Span],
                               words: Sequence[str]) -> list[tuple[Span, Span, Span]]:
        """(possessor, name, marker) of English appositions of a possessed common noun: "Orbis, Veltrano's new
        phone,", "Orbis, the company's next generation of chips", "Orbis, its first phone." say whose the name is,
        as "Veltrano's Orbis" would.

        The noun phrase holds only plain words (no trigger, so "Veltrano's rival" or "its parent" stay what their
        own relations say) and the apposition closes at a comma or the sentence's end.
        """
        out: list[tuple[Span, Span, Span]] = []
        if HAN_CHARACTER.search(sent.text):
            return out
        starts = {m.start: m for m in mentions}
        named = {i for m in mentions for i in range(m.start, m.end)}
        for owned in mentions:
            i = owned.end
            # A comma that closes the sentence ("... 01.AI,") opens no apposition.
            if i + 1 >= sent.end or words[i] != "," or _closes_fronted_clause(words, sent.start, i):
                continue
            i += 1
            owner = starts.get(i)
            if owner is not None:
                marker_at = owner.end
                if marker_at >= sent.end or words[marker_at].replace("\u2019", "'") != "'s":
                    continue
                marker = doc[marker_at:marker_at + 1]
            else:
                owner = possessor_of(doc, i) if words[i].lower() == "its" else None
                if owner is None:
                    continue
                marker, marker_at = owner, i
            j = marker_at + 1
            noun: list[int] = []
            while j < sent.end and words[j] not in (",", ".", ";", "!", "?", "\u2014") and len(noun) <= 6:
                noun.append(j)
                j += 1
            closed = j >= sent.end or words[j] in (",", ".", ";", "!", "?", "\u2014")
            if not noun or not closed or len(noun) > 6 or any(k in named for k in noun) or \
                    any(words[k].lower() in self._plain_noun_stops for k in noun) or \
                    not all(words[k].replace("-", "").isalpha() and
                            (words[k].islower() or words[k].isupper() and len(words[k]) <= 4) for k in noun):
                continue
            if _is_role_noun(" ".join(words[k] for k in noun)):
                continue  # "Mara Quist, its chief executive,": a person's role, not a thing the owner made
            out.append((owner, owned, marker))
        return out

    @functools.cached_property
    def _plain_noun_stops(self) -> frozenset[str]:
        """Words that make an apposition more than a possessed noun: any one-word English trigger or cue, and the
        verbs of a relative clause."""
        phrases = {t.phrase.lower() for t in self.schema.triggers if t.lang == "en"}
        phrases |= {c.phrase.lower() for c in self.schema.cues if c.lang == "en"}
        return frozenset(p for p in phrases if " " not in p) | _EN_RELATIVE_PRONOUNS | _BE_FORMS | {"to"}

    # ------------------------------------------------------------------ finding
    def _argument_mentions(self, doc: Doc, lang: str) -> list[Span]:
        """The Doc's mentions, less Chinese names the tagger glued to a verb, cue or role ("担任公司", "谷歌母公司").

        A name the schema does not know with a word that is a whole trigger or cue phrase is a phrase, not a name:
        its words are read as the trigger or cue they are, and it is no argument. The closing part of a two-part
        trigger ("上" of "运行在…上") is no verb, and a company's name may end in a head that is also a verb
        ("泛海控股", "南通投资").
        """
        if lang != "zh":
            return list(doc.ents)
        phrases = {_phrase_parts(t.phrase)[0].lower() for t in self.schema.triggers if t.lang == "zh"}
        phrases |= {c.phrase.lower() for c in self.schema.cues if c.lang == "zh"}
        return [ent for ent in doc.ents
                if ent.kb_id_ in self.schema.entities or len(ent) < 2 or is_description(ent.text)
                or not any(token.lower_ in phrases for token in _zh_name_words(ent))]

    def _find_triggers(self, doc: Doc, lang: str, *, ents: Sequence[Span] | None = None) -> list[tuple[Span, Trigger]]:
        matcher = self._matcher(lang, "trigger")
        taken = {i for ent in (doc.ents if ents is None else ents) for i in range(ent.start, ent.end)}
        spans = []
        closers: dict[str, list[int]] = defaultdict(list)
        matches = []
        for match_id, start, end in matcher(doc):
            if any(i in taken for i in range(start, end)):
                continue  # "Open" inside "OpenAI"-like names never triggers
            key = doc.vocab.strings[match_id]
            if key.endswith("|close"):
                closers[key].append(start)
            else:
                matches.append((key, start, end))
        for key, start, end in matches:
            if key in self._closer_key and not _closed_within(doc, end, closers.get(self._closer_key[key], [])):
                continue  # the opening part alone ("参与", "运行在") says nothing
            spans.append(Span(doc, start, end, label=key))
        if lang == "zh":
            # jieba keeps some modifier + verb compounds whole ("价格竞争", "正面竞争", "深度合作"); Chinese compounds
            # put their head last, so a word ending in a trigger is that trigger.
            matched = {i for _, start, end in matches for i in range(start, end)} | taken
            for token in doc:
                if token.i not in matched:
                    spans.extend(Span(doc, token.i, token.i + 1, label=key) for key in self._zh_headed_by(token.text))
        if lang == "zh":
            # "量化投资机构幻方量化", "合作银行": a verb before an institution noun describes the institution.
            spans = [s for s in spans if s.label_ in self._closer_key or _is_zh_role_noun(s.text) or
                     s.end >= len(doc) or doc[s.end].text not in _ZH_INSTITUTION_NOUNS]
        # A two-part trigger is the more specific reading of its opening word: "made Sora available" is a release,
        # not a "made" (manufacture).
        two_part = {(s.start, s.end) for s in spans if s.label_ in self._closer_key}
        spans = [s for s in spans if s.label_ in self._closer_key or (s.start, s.end) not in two_part]
        # Longest match wins ("竞争对手" over "对手"), but a phrase listed by several relations ("旗下": owns,
        # subsidiaryOf) keeps all of them: domain and range then decide.
        kept = {(s.start, s.end) for s in filter_spans(spans)}
        out = [(span, self._trigger_by_key[span.label_]) for span in spans if (span.start, span.end) in kept]
        return sorted(out, key=lambda pair: (pair[0].start, pair[0].label_))

    def _zh_headed_by(self, word: str) -> list[str]:
        """Keys of the longest one-part Chinese trigger that ends ``word`` and is shorter than it.

        A negated or foreign compound ("不合作", "非开源") is not headed by its trigger.
        """
        if self._zh_suffixes is None:
            self._zh_suffixes = defaultdict(list)
            for key, trigger in self._trigger_by_key.items():
                phrase = trigger.phrase
                if trigger.lang == "zh" and key not in self._closer_key and len(phrase) >= 2 and \
                        all("\u4e00" <= ch <= "\u9fff" for ch in phrase):
                    self._zh_suffixes[phrase].append(key)
        if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            return []
        for size in range(len(word) - 1, 1, -1):
            keys = self._zh_suffixes.get(word[-size:])
            if keys:
                return [] if word[-size - 1] in _ZH_NEGATORS else list(keys)
        return []

    def _find_cues(self, doc: Doc, lang: str, *, ents: Sequence[Span] | None = None) -> list[tuple[Span, Cue]]:
        matcher = self._matcher(lang, "cue")
        taken = {i for ent in (doc.ents if ents is None else ents) for i in range(ent.start, ent.end)}
        out = []
        for match_id, start, end in matcher(doc):
            if any(i in taken for i in range(start, end)):
                continue
            key = doc.vocab.strings[match_id]
            out.append((Span(doc, start, end), self._cue_by_key[key]))
        return out

    # ------------------------------------------------------------------ one trigger
    def _claims_for_trigger(self, ctx: _Sentence, trig: Span, trigger: Trigger,
                            cues: list[tuple[Span, Cue]], topic: Sequence[TopicEntity], doc_id: str,
                            offset: int) -> list[Claim]:
        spec = self.schema.relations[trigger.relation]
        if ctx.is_english and spec.name == "manufacturedBy" and trig.text.lower().startswith("produc") and \
                set(ctx.words(ctx.clause_start(trig.start), trig.end + 4)) & _EN_WORK_NOUNS:
            return []  # "a television series produced by X", "produced a documentary": a work is made, not manufactured
        if ctx.is_english and spec.name == "manufacturedBy" and trig.text.lower() in ("made", "makes") and \
                set(ctx.words(max(ctx.clause_start(trig.start), trig.start - 3), trig.start)) & _EN_SOFTWARE_NOUNS:
            # "Cursor, the editor made by Anysphere", "an app made by X": software is written, not manufactured.
            spec = self.schema.relations.get("developedBy", spec)
        if not ctx.is_english and spec.name == "outperforms" and \
                (ctx.words(trig.end, trig.end + 1) or [""])[0][:1] in _ZH_NUMBER_STARTS:
            return []  # "投资超过 130 亿美元", "用户超过一亿": an amount is exceeded, no rival is beaten
        if ctx.is_english and spec.name == "mergedWith" and trig.text.lower() == "merger" and \
                ctx.words(trig.end, trig.end + 1) == ["agreement"]:
            return []  # "a merger agreement" is the contract of a purchase as often as of a merger of equals
        if ctx.is_english and spec.name == "manufacturedBy" and trig.text.lower() in ("made", "makes", "make"):
            after = next((m for m in ctx.mentions if m.start >= trig.end), None)
            if after is not None and set(ctx.words(trig.end, after.start)) & _EN_PREPOSITIONS:
                # "Adobe made a bid for Figma", "made a deal with X": what is made is the noun before the
                # preposition; the name after it is no product.
                return []
        if ctx.is_english and spec.name == "basedOn" and trig.text.lower() in _EN_RUNS_ON and \
                set(ctx.words(trig.end, min(trig.end + 6, ctx.sent.end))) & _EN_DEVICE_NOUNS:
            return []  # "Gemini Nano will run on the Pixel 8 Pro phone": a device hosts the model, it is no base
        if ctx.is_english and _is_aspectual_use(ctx.words(trig.end, trig.end + 2), trig.text):
            return []  # "it led to the founding of X", "he started his career with X": no leader, no founder
        if ctx.is_english and trig.start - 2 >= ctx.sent.start and \
                not any(m.start <= trig.start - 2 < m.end for m in ctx.mentions) and \
                _common_noun_compound(list(ctx.w[trig.start - 2:trig.start]), ctx.words(trig.end, trig.end + 1)):
            return []  # "he headed the state-owned monopoly X": the state owns it, not the mention before
        if not ctx.is_english and spec.name == "developedBy" and \
                (ctx.words(trig.start - 1, trig.start) or [""])[0] in _ZH_PURPOSE_VERBS:
            # "H100 被微软用于训练 GPT-4", "这些数据将用于训练新模型": the sentence is about what is used (chips, data)
            # and what for; whoever trains or builds the model is not named as its developer.
            return []
        if not ctx.is_english and spec.name == "investedIn" and trigger.inverse and \
                (ctx.words(trig.start - 1, trig.start) or [""])[0] in _ZH_CLASS_OF_HOLDERS:
            # "向海通证券全体股东发行股票", "A 的中小股东": a class of holders, none of them named; the company
            # before it is whose shares they hold, not a holder itself.
            return []
        if not ctx.is_english and spec.name == "released" and "announced" in self.schema.relations:
            after = next((m for m in ctx.mentions if m.start >= trig.end), None)
            if after is not None and ctx.light_gap(trig.end, after.start) and ctx.shows_demo(after):
                # "发布了 Sora 的演示": a demo announces the product; it is not out yet.
                spec = self.schema.relations["announced"]
        ctx = _with_readings_for(ctx, spec)
        agent, patient, penalty = _trigger_arguments(ctx, trig, trigger, spec)
        if spec.name in _WHOLE_COMPANY_RELATIONS and ctx.is_english and not trigger.inverse and \
                len(patient.spans) == 1 and patient.spans[0].start >= trig.end and ctx.names_a_part(patient.spans[0]):
            # "its purchase of IBM's x86 server business", "bought the chip unit of Acme": buying (or merging
            # with, investing in) a part of a company is no claim on the company, and the part has no name here.
            return []
        if spec.name == "subsidiaryOf" and ctx.is_english and trig.text.lower().endswith(" of") and \
                ctx.part_is_object(trig):
            # "Siemens agreed to buy the appliance division of Bosch": the part is the object of the verb before
            # it, not a description of that verb's subject.
            return []
        subj, obj = (patient, agent) if trigger.inverse else (agent, patient)
        if not subj and not obj:
            return []
        if ctx.is_english and spec.name == "developedBy" and trig.text.lower() in _EN_CREATE_VERBS and subj and \
                all(m.label_ == "Organization" and not ctx.names_a_part(m) for m in subj.spans) and \
                "foundedBy" in self.schema.relations:
            # "OpenAI was created by Sam Altman", "the studio created by X": a company that is created is founded.
            spec = self.schema.relations["foundedBy"]
        # A lone argument takes the role its type fits ("Sora 的跳票": Sora is what was delayed).
        if bool(subj) != bool(obj):
            lone = subj or obj
            in_subject_role = bool(subj)
            types = [s.label_ for s in lone.spans]
            fits_subject = all(fits(t, spec.domain) for t in types)
            fits_object = all(fits(t, spec.range) for t in types)
            if in_subject_role and not fits_subject and fits_object:
                subj, obj = _Arg(), lone
            elif not in_subject_role and not fits_object and fits_subject:
                subj, obj = lone, _Arg()
        if bool(subj) != bool(obj) and _is_role_noun(trig.text):
            # "Jensen Huang, its chief executive, said …", "A, its founder": a possessive pronoun before the role
            # noun names whose role it is, the organisation the pronoun was resolved to.
            owner = _role_possessor(ctx.doc, trig, ctx.sent.start)
            present = subj or obj
            # The named one holds the role: the employee of worksFor, the founder of foundedBy.
            if owner is not None and owner.label_ == "Organization" and \
                    all(m.kb_id_ != owner.kb_id_ and m.label_ in ("Person", "Entity") for m in present.spans):
                if "Person" in spec.domain and fits(owner.label_, spec.range):
                    subj, obj = present, _Arg([owner])
                elif "Person" in spec.range and fits(owner.label_, spec.domain):
                    subj, obj = _Arg([owner]), present
            elif owner is not None and owner.label_ == "Organization" and \
                    all(m.kb_id_ != owner.kb_id_ and m.label_ == "Organization" for m in present.spans):
                # "SoftBank remains its largest shareholder", "Microsoft, its biggest backer": a company holds the
                # role of the pronoun's company. The holder is what a role noun names ("OpenAI's backer,
                # Microsoft"), its grammatical patient: the subject for an inverse trigger, else the object.
                holder_slot, other_slot = (spec.domain, spec.range) if trigger.inverse else (spec.range, spec.domain)
                if all(fits(m.label_, holder_slot) for m in present.spans) and fits(owner.label_, other_slot):
                    subj, obj = (present, _Arg([owner])) if trigger.inverse else (_Arg([owner]), present)
        if not trigger.inverse and all(m.start >= trig.end for m in obj.spans) and (obj or subj):
            # "released Claude 3, a family of three models named A, B and C", "released three models: A, B and
            # C": the listed names are released too.
            obj = _Arg(obj.spans + ctx.enumerated_members(trig, obj.spans + subj.spans), obj.fallback)
        inferred = False
        doubtful_fill = False
        lone_spans = (subj or obj).spans
        if spec.symmetric and not (subj and obj) and len(lone_spans) == 2 and \
                lone_spans[0].start == lone_spans[1].start:
            # "结束了双方的竞争", "the two companies will cooperate": a plural reference alone names both sides.
            subj, obj = _Arg([lone_spans[0]]), _Arg([lone_spans[1]])
        if not subj or not obj:
            # Symmetric relations are mostly said with nouns ("竞争对手", "rivals"): their missing side is the
            # possessor, not a verb's empty slot.
            # A bare inverse verb reads as unaccusative only when its lone argument can be the thing created.
            unaccusative = trigger.inverse and not _is_zh_role_noun(trig.text) and \
                all(fits(m.label_, spec.domain) for m in (subj or obj).spans)
            # Which slot is empty: the one before the trigger (a dropped subject, common in Chinese and in
            # "Developed by X, the models…") or the one after it (a dropped object must leave its slot bare).
            said = (subj or obj).spans
            missing_agent = not any(0 <= m.end <= trig.start for m in said)
            if missing_agent and not spec.symmetric and not ctx.light_gap(trig.end, min(m.start for m in said)):
                return []  # "开源社区普遍采用 LLaMA": the verb's object is a common noun; LLaMA belongs to 采用
            if not missing_agent and not spec.symmetric and _is_role_noun(trig.text):
                return []  # "起诉 Character.AI 及其创始人": an unnamed holder is no one to fill in
            if ctx.words(trig.end, trig.end + 1) in (["后"], ["之后"], ["以后"]):
                return []  # "合并后的用户总数", "合并之后": the event as a time refers back; it states nothing new
            if ctx.in_background(trig) or not (spec.symmetric or ctx.role_slot_empty(trig, missing_subject=missing_agent,
                                                                              inverse=unaccusative)):
                return []
            missing_is_subject = not subj
            present = obj if missing_is_subject else subj
            filled = self._from_topic(spec, present, topic, as_subject=missing_is_subject)
            if filled is None:
                return []
            # Another entity in the sentence could fill the role and the topic is not mentioned: the filled
            # claim stays, but below the assertion threshold.
            allowed = spec.domain if missing_is_subject else spec.range
            taken = {s.kb_id_ for s in present.spans} | {filled.spans[0].kb_id_}
            rivals = [m for m in ctx.mentions if m.kb_id_ not in taken and m.label_ != "Entity"
                      and fits(m.label_, allowed)]
            topic_here = any(m.kb_id_ == filled.spans[0].kb_id_ for m in ctx.mentions)
            doubtful_fill = bool(rivals) and not topic_here
            if missing_is_subject:
                subj = filled
            else:
                obj = filled
            inferred = True
        explicit_left = [sp.end for arg in (subj, obj) for sp in arg.spans if 0 <= sp.end <= trig.start]
        # A negation after the first argument scopes over the rest of the clause, other arguments included: "华为
        # 不再与寒武纪合作", "DeepMind 并没有被谷歌收购", "A 不再是 B 的第一大股东".
        left_end = min(explicit_left) if explicit_left else None
        polarity, modality = _modality(ctx, trig, cues, left_end=left_end,
                                       title_start=ctx.title_start(trig, subj, obj), relation=spec.name)
        attributed = _attribution(ctx, trig, cues)
        evidence, start, end = ctx.evidence(offset)
        if spec.name == "acquired" and len(obj.spans) >= 1 and \
                (ctx.en_minority_stake(trig, obj.spans[0]) if ctx.is_english else
                 len(obj.spans) == 1 and ctx.minority_stake(trig, obj.spans[0])):
            # "A 收购 B 30% 股权", "A 收购 B 部分股权": A buys into B without taking control. The verb's
            # polarity and modality (above) stay those of the purchase.
            spec = self.schema.relations["investedIn"]
        claims = []
        def name(span: Span) -> str:
            # "the company" names no one; show the entity it points at.
            pointer = is_description(span.text) or span.text.lower() in _POSSESSIVE_PRONOUN_WORDS
            return ctx.names.get(span.kb_id_, span.text) if pointer else span.text

        subject_spans, object_spans = _compared_readings(subj.spans, obj.spans, spec)
        for subject_span in subject_spans:
            for object_span in object_spans:
                # Fresh names per pair: a swap below must not leak into the next pair of the loop.
                s, o = subject_span, object_span
                if s.kb_id_ == o.kb_id_:
                    continue
                if spec.name == "foundedBy" and ctx.is_english and o.label_ == "Organization" and \
                        set(ctx.words(o.end, o.end + 1)) & _EN_STAFF_NOUNS:
                    continue  # "founded by former OpenAI staff": the people founded it; the company only employed them
                if not spec.accepts(s.label_, o.label_) and len(subj.spans) == len(obj.spans) == 1:
                    # Only a lone pronoun: one listed with names ("它与 Meta 旗下的…") is more likely misparsed.
                    s, o = _pronoun_readings(s, o, spec)
                if spec.name == "worksFor" and ctx.is_english and trig.text.lower() in _EN_JOIN_VERBS and \
                        ctx.membership_body(o):
                    continue  # "joined the Labour Party", "joined the band X": a member, not an employee
                s_type, o_type = s.label_, o.label_
                swap_penalty = 0.0
                if not spec.accepts(s_type, o_type):
                    # A passive's "by" fixes who did it: "Mojang, the studio created by Markus Persson" does not
                    # make Persson the product when Mojang cannot be one.
                    by_fixed = ctx.is_english and (ctx.by_agent(trig, o) or ctx.by_agent(trig, s))
                    if not spec.symmetric and spec.accepts(o_type, s_type) and not inferred and not by_fixed:
                        s, o = o, s
                        s_type, o_type = o_type, s_type
                        swap_penalty = 0.1
                    else:
                        continue
                confidence = 0.85 - penalty - swap_penalty
                confidence -= 0.1 * sum(1 for t in (s_type, o_type) if t == "Entity")
                if subj.fallback or obj.fallback:
                    confidence -= 0.1
                if inferred:
                    confidence *= self.settings.inferred_factor * (0.8 if doubtful_fill else 1.0)
                confidence = round(min(0.99, max(0.05, confidence)), 3)
                if spec.symmetric and s.kb_id_ > o.kb_id_:
                    s, o = o, s
                    s_type, o_type = o_type, s_type
                claims.append(Claim(
                    doc_id=doc_id, relation=spec.name, subject=s.kb_id_, subject_name=name(s), subject_type=s_type,
                    object=o.kb_id_, object_name=name(o), object_type=o_type, polarity=polarity, modality=modality,
                    confidence=confidence, inferred=inferred, evidence=evidence, start=start, end=end,
                    trigger=trig.text, attributed_to=attributed.kb_id_ if attributed is not None else None,
                    attributed_name=name(attributed) if attributed is not None else None,
                    extractor=self.settings.extractor_name,
                ))
        return claims

    def _from_topic(self, spec: RelationSpec, present: _Arg, topic: Sequence[TopicEntity], *,
                    as_subject: bool) -> _Arg | None:
        taken = {s.kb_id_ for s in present.spans}
        allowed = spec.domain if as_subject else spec.range
        for entity in topic:
            if entity.iri in taken or not fits(entity.type, allowed):
                continue
            doc = present.spans[0].doc
            # A zero-width stand-in would lose the name; a detached Span over the title is not possible, so
            # the topic entity travels as a Span-like record.
            return _Arg([_TopicSpan(doc, entity)])  # type: ignore[list-item]
        return None


class _TopicSpan:
    """Quacks like the parts of a Span the claim builder reads, for an entity filled from the topic."""

    def __init__(self, doc: Doc, entity: TopicEntity) -> None:
        self.doc = doc
        self.kb_id_ = entity.iri
        self.text = entity.name
        self.label_ = entity.type
        self.start = self.end = -1


class _Sentence:
    """One sentence with its mentions, clauses and coordinated lists."""

    def __init__(self, doc: Doc, sent: Span, mentions: list[Span], lang: str,
                 sources: frozenset[int] = frozenset(), trigger_spans: Sequence[Span] = ()) -> None:
        self.doc = doc
        self.trigger_spans = trigger_spans
        #: First real name of each entity in the Doc, for claims whose argument is "the company".
        self.names: dict[str, str] = doc.user_data.setdefault(
            "claimgraph_names", {})
        if not self.names:
            for ent in doc.ents:
                if not is_description(ent.text):
                    self.names.setdefault(ent.kb_id_, ent.text)
        self.sent = sent
        # An untyped "Danish" or "Greek" is an adjective of origin or a language (given mentions keep them as
        # names): no argument of any claim, nor a subject that a later verb could share.
        self.mentions = [m for m in mentions if not (m.label_ == "Entity" and len(m) == 1 and is_demonym(m.text))]
        #: Starts of mentions that name a source ("according to Reuters"): never an argument.
        self.sources = sources
        self.lang = lang
        #: Token texts of the whole Doc (shared, computed once per Doc): cheaper than building Tokens.
        self.w = words_of(doc)
        self.is_english = not any("\u4e00" <= ch <= "\u9fff" for ch in sent.text)
        self.bracketed = self._alias_brackets()
        # "两人", "the two companies" stand for both members of a list named before: a list of their own.
        self.mentions = [member for m in self.mentions if m.start not in self.bracketed for member in plural_members(m)]
        self.groups = self._group_lists()
        self.clause = self._clause_ids()
        self.paren = self._parentheticals() if lang == "en" or self.is_english else {}

    def _alias_brackets(self) -> set[int]:
        """Tokens of a short bracket right after a mention ("谷歌大脑（Google Brain）"): an alias, not a clause.

        A bracket that holds a trigger says something of the name ("Harlow (owner of Brightline)"): a clause.
        """
        out: set[int] = set()
        starts = {m.end: m for m in self.mentions}
        w = self.w
        triggers = {t.start for t in self.trigger_spans}
        for i in starts:
            if i < self.sent.end and w[i] in ("(", "\uff08"):
                for j in range(i + 1, min(i + 8, self.sent.end)):
                    if w[j] in (")", "\uff09"):
                        if not triggers & set(range(i + 1, j)):
                            out.update(range(i, j + 1))
                        break
        return out

    def _group_lists(self) -> list[list[Span]]:
        """Mentions joined only by separators ("A、B 和 C", "A/B/C", "A, B and C") form one list."""
        groups: list[list[Span]] = []
        english = self.lang == "en" or self.is_english
        skip: Span | None = None
        for mention in self.mentions:
            if mention is skip:
                continue  # already placed as the possessed member of a list
            if groups and groups[-1][-1].start == mention.start:
                groups[-1].append(mention)  # the members of one plural reference
                continue
            if groups and mention.start not in self.sources and groups[-1][-1].start not in self.sources:
                prev = groups[-1][-1]
                between = [self.w[i].lower() for i in range(prev.end, mention.start)
                           if not self.w[i].isspace() and i not in self.bracketed]
                if 0 < len(between) <= 3 and all(w in _LIST_SEPARATORS for w in between) and \
                        not self._parallel_possessors(prev, mention) and \
                        not (english and self.elliptical_subject(mention)):
                    possessed = self._possessed_by(mention)
                    if possessed is not None:
                        # "超过了 DeepSeek-V3 和 Meta 的 Llama", "beat X and Meta's Llama": the last member is what
                        # the possessor owns; the possessor itself is no member of the list.
                        groups[-1].append(possessed)
                        skip = possessed
                        continue
                    groups[-1].append(mention)
                    continue
                if between[:1] == ["及其"] and 1 < len(between) <= 3 and \
                        all(_is_zh_role_noun(w) for w in between[1:]):
                    # "起诉 OpenAI 及其首席执行官萨姆·奥特曼": the company and its officer, both.
                    groups[-1].append(mention)
                    continue
                if self._kin_joined(prev, mention):
                    # "由 A 与其妹妹 B 创立", "A 和其搭档 B": the second person is named with their tie to the first.
                    groups[-1].append(mention)
                    continue
                if not between and prev.end == mention.start and self.lang == "zh":
                    groups[-1].append(mention)
                    continue
                if english and self._described_member(prev, mention):
                    groups[-1].append(mention)
                    continue
                if english and self._titled_member(prev, mention):
                    groups[-1].append(mention)
                    continue
            groups.append([mention])
        # English lists end with a conjunction ("A, B and C"); "Hock Tan, Broadcom's president" is an
        # apposition, not a list of two.
        out: list[list[Span]] = []
        for group in groups:
            if len(group) > 1 and english and group[0].start != group[-1].start:
                joints = {self.w[i].lower() for i in range(group[0].end, group[-1].start)}
                if not joints & {"and", "or", "&", "plus", "/", "as"} and \
                        not self._open_list_tail(group[-1].end) and \
                        not all(self._titled_member(a, b) for a, b in itertools.pairwise(group)):
                    out.extend([m] for m in group)
                    continue
            if english and len(group) == 1 and out:
                # "by Amnon Shashua, a professor at the Hebrew University, and the businessman Ziv Aviram": a
                # member described by an apposition, which may name other entities, then "and" and the last one.
                for earlier in reversed(out[-3:]):
                    same_type = earlier[-1].label_ == group[0].label_ or "Entity" in (earlier[-1].label_,
                                                                                       group[0].label_)
                    if same_type and self._after_apposition(earlier[-1], group[0]):
                        earlier.append(group[0])
                        break
                else:
                    out.append(group)
                continue
            out.append(group)
        return out

    def _described_after_speech(self, speaker: Span, trig: Span) -> bool:
        """Whether a verb of saying follows ``speaker`` and a demonstrative description ("这个模型", "这款 MoE 模型",
        "该芯片") stands between that verb and ``trig``: the description, not the speaker, is the subject."""
        words = [self.w[i] for i in range(speaker.end, trig.start) if not self.w[i].isspace()]
        said = next((k for k, w in enumerate(words) if w in _ZH_SPEECH_VERBS), None)
        if said is None or said > 2:
            return False
        rest = "".join(words[said + 1:])
        return bool(re.match(r"[，,：:]?(?:这|该|此)(?:个|款|一|颗|家|部|台)?", rest)) and \
            any(noun in rest for noun in _ZH_DESCRIBED_NOUNS)

    def _kin_joined(self, prev: Span, mention: Span) -> bool:
        """"A 与其妹妹 B", "A 和其搭档 B": two people in one list, the second named by a tie to the first."""
        between = [self.w[i] for i in range(prev.end, mention.start) if not self.w[i].isspace()]
        return self.lang == "zh" and prev.label_ == mention.label_ == "Person" and 2 <= len(between) <= 3 and \
            "".join(between[:-1]) in ("与其", "和其", "及其", "同其") and between[-1] in _ZH_KIN_NOUNS

    def _open_list_tail(self, end: int) -> bool:
        """Whether an unnamed rest closes the list ending at token ``end``: "A, B, C and others", "A, B, among
        others". The "and" then sits after the last name, but the commas before it still join a list."""
        tail = self.words(end, min(end + 4, self.sent.end))
        return any(tail[:len(t)] == list(t) for t in _EN_OPEN_LIST_TAILS)

    def _titled_member(self, prev: Span, mention: Span) -> bool:
        """Whether ``mention`` continues a list of titled people that ``prev`` opens: "X's chief executive A,
        co-founder B and …", "chief executive A and president B". Each name follows its own role noun, so the
        comma before the next title separates list members, not an apposition; the list ends without "and" when
        an unnamed member closes it ("…, co-founder B and some of the staff").
        """
        if prev.label_ != "Person" or mention.label_ != "Person":
            return False
        roles = [t for t in self.trigger_spans if _is_role_noun(t.text)]
        before_prev = [t for t in roles if t.end <= prev.start and not self.words(t.end, prev.start)]
        between = [t for t in roles if t.start >= prev.end and t.end <= mention.start and
                   not self.words(t.end, mention.start)]
        if not before_prev or not between:
            return False
        joint = self.words(prev.end, between[-1].start)
        return joint in ([","], ["and"], [",", "and"])

    def _description_words(self, start: int, end: int) -> bool:
        """Whether tokens ``start``..``end`` are a short description before a name: an optional article and one
        or two lower-case nouns ("bassist", "the businessman"), none of them a trigger ("chief executive")."""
        words = [i for i in range(start, end) if not self.w[i].isspace()]
        if words and self.w[words[0]].lower() in ("the", "a", "an"):
            words = words[1:]
        triggers = {i for t in self.trigger_spans for i in range(t.start, t.end)}
        return 0 < len(words) <= 2 and all(
            self.w[i].isalpha() and self.w[i].islower() and i not in triggers and
            not self.w[i].endswith(("ing", "ed", "ly")) and self.w[i] not in _EN_SUBORDINATORS and
            self.w[i] not in _EN_RELATIVE_PRONOUNS and self.w[i] not in _FILLERS for i in words)

    def membership_body(self, mention: Span) -> bool:
        """Whether ``mention`` names a body one joins as a member, not an employer: a party, an armed force, a
        band, a club or team, by the last word of its name ("the Labour Party", "the British Army", "Chelsea FC")
        or by the noun before it ("the band Radiohead", "the club Ajax")."""
        words = mention.text.split()
        if words and (words[-1] in _MEMBERSHIP_NAME_HEADS or words[-1].upper() in _CLUB_INITIALS or
                      words[0].upper() in _CLUB_INITIALS and len(words) > 1):
            return True
        before = self.words(mention.start - 2, mention.start)
        return len(before) == 2 and before[0] in ("the", "a", "an") and before[1] in _MEMBERSHIP_NOUNS

    def elliptical_subject(self, mention: Span) -> bool:
        """Whether ``mention`` is the subject of a clause whose verb stands for the one before: "Amazon invested in
        Anthropic, and Google did too", "…, and Google followed suit". Such a name opens a clause of its own; it is
        no member of the list before it."""
        return _is_elliptical_predicate(self.words(mention.end, mention.end + 5))

    def _described_member(self, prev: Span, mention: Span) -> bool:
        """"Bernard Sumner and bassist Peter Hook", "A, drummer B and singer C": a list member after its
        separators may carry a short description. The two are of one type, and ``prev`` closes no apposition
        ("A, a professor at the Hebrew University, and the businessman B": B joins A, not the university)."""
        if prev.label_ != mention.label_ or any(
                self.w[k] == "," and self.w[k + 1].lower() in ("a", "an", "the") and
                any(m.end == k for m in self.mentions)
                for k in range(max(self.sent.start, prev.start - _MAX_APPOSITION), prev.start)):
            return False
        i = prev.end
        while i < mention.start and (self.w[i].isspace() or self.w[i].lower() in (",", "and", "or")):
            i += 1
        if not (i > prev.end and any(self.w[k].lower() in (",", "and", "or") for k in range(prev.end, i))):
            return False
        # "taught at Brask University and the Tovel Institute": the article of a name that takes one is no
        # description, and the last conjunct starts after it. The name must end the noun phrase: in "acquired
        # DeepMind and the Kestrel Society praised it" a verb follows, and "and" joins two clauses.
        rest = [k for k in range(i, mention.start) if not self.w[k].isspace()]
        if [self.w[k].lower() for k in rest] == ["the"] and self.w[i - 1].lower() in ("and", "or"):
            after = next((self.w[k] for k in range(mention.end, self.sent.end) if not self.w[k].isspace()), ".")
            return not after[:1].isalpha() or after.lower() in _EN_PHRASE_ENDERS
        return self._description_words(i, mention.start)

    def _after_apposition(self, first: Span, last: Span) -> bool:
        """Whether ``first`` (with an apposition: ", a professor at X,") and ``last`` are the last two members of a
        list: ", a/an/the … , and [description] last"."""
        w = self.w
        if first.end + 1 >= last.start or w[first.end] != "," or w[first.end + 1].lower() not in ("a", "an", "the"):
            return False
        close = next((j for j in range(first.end + 1, min(last.start, first.end + _MAX_APPOSITION))
                      if w[j] == "," and j + 1 < len(w) and w[j + 1].lower() == "and"), None)
        if close is None:
            return False
        inner = {w[j].lower() for j in range(first.end + 1, close)}
        if inner & (_EN_SUBORDINATORS | _EN_RELATIVE_PRONOUNS | {"and", ",", ";"}):
            return False
        return close + 2 == last.start or self._description_words(close + 2, last.start)

    def _possessed_by(self, mention: Span) -> Span | None:
        """The name ``mention`` possesses right after a possessive marker ("Meta 的 Llama", "Meta's Llama"), or
        None. Only a name after the marker counts: "A 和 B 的合作" is a list of two possessors of a common noun."""
        after = [m for m in self.mentions if m.start >= mention.end and m.start - mention.end <= 3]
        if not after or self.words(mention.end, after[0].start) not in (["的"], ["'s"], ["\u2019s"]):
            return None
        return after[0]

    def _parallel_possessors(self, prev: Span, mention: Span) -> bool:
        """"Meta 旗下的 Instagram Reels、Google 旗下的 YouTube Shorts": a possessed head, then the possessor of
        the next item; the two are separate noun phrases, not one list."""
        def marker_before(span: Span) -> bool:
            return bool(set(self.words(span.start - 2, span.start)) & {"旗下", "的", "'s", "\u2019s"})

        def marker_after(span: Span) -> bool:
            return bool(set(self.words(span.end, span.end + 1)) & {"旗下", "的", "'s", "\u2019s"})

        return marker_before(prev) and marker_after(mention) and \
            any(m.start > mention.end and m.start - mention.end <= 3 for m in self.mentions)

    def _possessed_list(self, first: Span, right: list[Span]) -> list[Span]:
        """"OpenAI's GPT-4 and Google's Gemini", "Meta 的 Llama 和阿里巴巴的 Qwen": the possessed items of a list of
        possessives, starting at ``first``."""
        items = [first]
        k = right.index(first) if first in right else -1
        while 0 <= k and k + 2 < len(right):
            owner, owned = right[k + 1], right[k + 2]
            joint = self.words(items[-1].end, owner.start)
            marker = self.words(owner.end, owned.start)
            if not (joint and all(w in _LIST_SEPARATORS for w in joint)) or marker not in (["的"], ["'s"], ["\u2019s"]):
                break
            items.append(owned)
            k += 2
        return items if len(items) > 1 else []

    def enumerated_members(self, trig: Span, taken: Sequence[Span]) -> list[Span]:
        """"released Claude 3, a family of three models named A, B and C", "announced M1 and three computers
        that use it: A, B and C", "推出了三款产品：A、B 和 C": after the trigger, a count of things, then a colon or
        "named"/"called" and the list that spells them out. The listed names are arguments of the trigger too.

        The count must stand between the trigger and the colon with no other trigger or clause break between
        ("said: A and B" counts nothing); the list must start right after the colon and hold two names at least.
        """
        w = self.w
        triggers = {i for t in self.trigger_spans if t.start != trig.start for i in range(t.start, t.end)}
        counted = blocked = False
        opener = None
        for k in range(trig.end, min(self.sent.end, trig.end + _MAX_ENUMERATION_LEAD)):
            word = w[k].lower()
            if word in (";", "\uff1b", ".", "\u3002") or (counted and k in triggers):
                return []
            if k in triggers:
                # A verb between ("M1, the first processor it has designed, and three computers: …") owns what
                # follows unless ", and" opens a new member of the trigger's own object.
                blocked = True
            elif word == "and" and k > 0 and w[k - 1] == ",":
                blocked = False
            if word in _COUNT_WORDS or (self.lang == "zh" and len(word) <= 3 and word[:1] in _ZH_NUMERALS
                                         and word[-1:] in _ZH_MEASURE_WORDS):
                before = next((w[j].lower() for j in range(k - 1, trig.start - 1, -1) if not w[j].isspace()), "")
                if blocked or before in _EN_ADJUNCT_PREPOSITIONS:
                    return []  # "introduced Gemini in three sizes: …": sizes of the one model, no list of objects
                counted = True
            elif counted and (word in (":", "\uff1a") or (self.is_english and word in ("named", "called"))):
                opener = k
                break
        if opener is None:
            return []
        taken_ids = {m.kb_id_ for m in taken}
        members: list[Span] = []
        last = opener + 1
        for mention in self.mentions:
            if mention.start < last:
                continue
            gap = [w[i] for i in range(last, mention.start) if not w[i].isspace()]
            # A member may carry an article and a short description: "a new MacBook Air", "a 13-inch MacBook Pro".
            described = [g for g in gap if g.lower() not in _LIST_SEPARATORS and g.lower() not in ("a", "an", "the")]
            if len(described) > 3 or not all(g.islower() or g.isdigit() or g == "-" for g in described) or \
                    any(i in triggers for i in range(last, mention.start)):
                break
            if members and not set(gap) & _LIST_SEPARATORS:
                break
            members.append(mention)
            last = mention.end
        if len(members) < 2:
            return []
        return [m for m in members if m.kb_id_ not in taken_ids]

    def group_of(self, span: Span) -> list[Span]:
        for group in self.groups:
            if span in group:
                return group
        return [span]

    def joined_by_conjunction(self, group: list[Span]) -> bool:
        if len(group) != 2:
            return False
        between = {self.w[i].lower() for i in range(group[0].end, group[1].start)}
        return bool(between & _CONJUNCTIONS)

    def _clause_ids(self) -> dict[int, int]:
        """Clause number of each token; list separators inside a coordinated list never break a clause."""
        inside_list = {i for g in self.groups if len(g) > 1 for i in range(g[0].start, g[-1].end)}
        clause = 0
        ids: dict[int, int] = {}
        w = self.w
        end = self.sent.end
        english = self.lang != "zh" or self.is_english
        breaks_set = _EN_CLAUSE_BREAKS if english else _ZH_CLAUSE_BREAKS
        for i in range(self.sent.start, end):
            text = w[i]
            breaks = False
            if i not in inside_list and i not in self.bracketed:
                stripped = text.strip()
                breaks = text in breaks_set or (bool(stripped) and stripped in breaks_set)
                if text == "," and english:
                    # English commas separate list items and appositives; only ", which/but/while …" splits,
                    # and ", and" outside a list, which joins two clauses ("A bought a start-up, and B took a
                    # stake in it": the second verb's arguments are not the first's).
                    breaks = i + 1 < end and (w[i + 1].lower() in _EN_SUBORDINATORS or
                                              (w[i + 1].lower() in _EN_CLAUSE_COORDINATORS and
                                               self._opens_subject(i + 2)))
            if breaks:
                clause += 1
                ids[i] = -1  # the break itself belongs to no clause
                continue
            ids[i] = clause
        return ids

    def _opens_subject(self, i: int) -> bool:
        """Whether a new subject starts at token ``i`` (after ", and"): a name or a pronoun, past an adverb of
        sequence. Without one ("bought a café, and called it …") the verbs share the subject, one clause.

        Only a subject tells two clauses from two verb phrases in a parser-less pipeline.
        """
        while i < self.sent.end and self.w[i].lower() in _EN_SEQUENCE_ADVERBS:
            i += 1
        return i < self.sent.end and (self.w[i].lower() in _EN_SUBJECT_PRONOUNS or
                                      any(m.start == i for m in self.mentions))

    def _parentheticals(self) -> dict[int, int]:
        """English appositives and relative clauses between commas: ``X, which …, did Y``; token → segment id.

        A trigger outside such a segment does not see the mentions inside it; a trigger inside sees its own
        segment and the head just before the opening comma.
        """
        openers = {"which", "who", "whose", "whom", "a", "an", "the", "one", "its", "his", "her", "their", "once",
                   "formerly", "now", "then", "based", "best", "known", "founded", "headquartered"}
        w = self.w
        start, end = self.sent.start, self.sent.end
        inside_list = {i for g in self.groups if len(g) > 1 for i in range(g[0].start, g[-1].end)}
        ids: dict[int, int] = {}
        seg = 0
        k = start
        while k < end:
            if w[k] == "," and k not in inside_list and k + 1 < end and \
                    (w[k + 1].lower() in openers or self._possessive_apposition(k)):
                close = next((j for j in range(k + 1, end)
                              if w[j] in (",", ";", "\u2014") and j not in inside_list), None)
                if close is None and w[end - 1] in (".", "!", "?"):
                    close = end - 1  # a closing apposition: "…competes with Waymo, the Alphabet unit."
                if close is not None and close + 1 <= end:
                    seg += 1
                    for j in range(k + 1, close):
                        ids[j] = seg
                    k = close
            k += 1
        return ids

    def _possessive_apposition(self, comma: int) -> bool:
        """Whether the comma at ``comma`` opens an apposition of a possessed common noun after a name: "Samsung,
        Apple's largest supplier, sued Qualcomm", "ByteDance, TikTok's parent, said". The possessor belongs to
        the apposition, not to the clause around it, so the verb after it takes the name before the comma.

        Only a name just before the comma, a name and "'s" just after it, and a few plain words (no verb of a
        clause, no other name) up to the next comma or the sentence's end make one: "After OpenAI released GPT-4,
        Microsoft's shares rose" has a verb there.
        """
        w, end = self.w, self.sent.end
        if not any(m.end == comma for m in self.mentions) or _closes_fronted_clause(w, self.sent.start, comma):
            return False
        owner = next((m for m in self.mentions if m.start == comma + 1), None)
        if owner is None or owner.end >= end or w[owner.end].replace("\u2019", "'") != "'s":
            return False
        words: list[str] = []
        for j in range(owner.end + 1, end):
            if w[j] in (",", ";", "\u2014") or (j == end - 1 and w[j] in (".", "!", "?")):
                break
            if any(m.start <= j < m.end for m in self.mentions):
                return False
            words.append(w[j])
        else:
            return False
        return 0 < len(words) <= 5 and all(
            x.replace("-", "").isalpha() and x.islower() and x not in _BE_FORMS and x not in _EN_RELATIVE_PRONOUNS
            and x not in ("and", "or", "to") and not x.endswith("ed") for x in words)

    def _opens_coordinated_clause(self, trig: Span, mention: Span) -> bool:
        """Whether ``mention``, after ``trig``, is the subject of a coordinated verb rather than its object: only
        time adjuncts, then "and", stand between them, and a verb follows the mention at once ("created in 2007
        and the company released …")."""
        gap = self.words(trig.end, mention.start)
        if gap[-1:] != ["and"] or not all(w in _EN_ADJUNCT_WORDS or w.isdigit() for w in gap[:-1]):
            return False
        return any(t.start >= mention.end and not self.words(mention.end, t.start) and not _is_role_noun(t.text)
                   for t in self.trigger_spans)

    def paren_head(self, trig: Span) -> Span | None:
        """The mention just before the parenthetical a trigger sits in, if it sits in one."""
        seg = self.paren.get(trig.start, 0)
        if seg == 0:
            return None
        first = min(i for i, s in self.paren.items() if s == seg)
        heads = [m for m in self.mentions if m.end <= first - 1 and self.paren.get(m.start, 0) == 0]
        return heads[-1] if heads else None

    def _relative_head(self, trig: Span) -> Span | None:
        """The head a subject relative clause describes, if ``trig`` is its verb: "A met B, who founded C in 1990"
        → B, not the sentence subject A. Only the relative pronoun and a few adverbs or auxiliaries stand between
        the comma and the verb."""
        seg = self.paren.get(trig.start, 0)
        if seg == 0:
            return None
        first = min(i for i, s in self.paren.items() if s == seg)
        lead = self.words(first, trig.start)
        if not lead or lead[0] not in ("who", "which") or len(lead) > 4 or \
                not all(w in _EN_RELATIVE_LEAD_WORDS or w.endswith("ly") for w in lead[1:]):
            return None
        if set(lead) & _BE_FORMS and not _is_role_noun(trig.text):
            return None  # "B, which are wholly owned": an agentless passive's head is its patient
        return self.paren_head(trig)

    def names_a_part(self, mention: Span) -> bool:
        """Whether an English ``mention`` is the owner of an unnamed business part right after it ("IBM's x86
        server business", "Acme's chip unit") or the "of" complement of one just before it ("the chip unit of
        Acme"), so that what a verb acts on is the part, not the company."""
        after = self.words(mention.end, min(mention.end + 6, self.sent.end))
        if after[:1] in (["'s"], ["\u2019s"]):
            for k, w in enumerate(after[1:], start=mention.end + 1):
                if w in _EN_BUSINESS_PARTS:
                    return True
                if not (w[:1].isalnum() or w == "-") or \
                        any(m.start <= k < m.end and m.label_ != "Place" for m in self.mentions):
                    # A comma, a verb's particle or another name: the possessive phrase ended. A place names
                    # where the part works ("TikTok's US business", "IBM's China unit").
                    break
        before = self.words(max(self.sent.start, mention.start - 3), mention.start)
        return len(before) >= 2 and before[-1] == "of" and before[-2] in _EN_BUSINESS_PARTS

    def part_is_object(self, trig: Span) -> bool:
        """Whether the noun phrase a part noun heads ("the appliance division of Bosch") is the object of another
        trigger right before it in the clause: no comma, copula or name stands between that verb and the phrase."""
        for t in self.trigger_spans:
            if t.end > trig.start or t.start == trig.start or _is_role_noun(t.text):
                continue
            between = self.words(t.end, trig.start)
            if len(between) <= 5 and not set(between) & (_BE_FORMS | {",", "as", "became", "remains", "stays"}) and \
                    not any(t.end <= m.start and m.end <= trig.start for m in self.mentions):
                return True
        return False

    def visible_from(self, trig: Span, mentions: list[Span]) -> list[Span]:
        """The mentions a trigger may take as arguments, given parentheticals."""
        if not self.paren:
            return mentions
        seg = self.paren.get(trig.start, 0)
        if seg == 0:
            return [m for m in mentions if self.paren.get(m.start, 0) == 0]
        inside = [m for m in mentions if self.paren.get(m.start, 0) == seg]
        first = min(i for i, s in self.paren.items() if s == seg)
        heads = [m for m in mentions if m.end <= first - 1 and self.paren.get(m.start, 0) == 0]
        return (heads[-1:] if heads else []) + inside

    def same_clause(self, a: int, b: int) -> bool:
        return self.clause.get(a, -2) == self.clause.get(b, -3) and self.clause.get(a, -1) >= 0

    def clause_start(self, i: int) -> int:
        cid = self.clause.get(i)
        start = i
        while start - 1 >= self.sent.start and self.clause.get(start - 1) == cid:
            start -= 1
        return start

    def _in_relative_clause(self, trig: Span, mention: Span) -> bool:
        """Whether ``mention``, the first name after ``trig``, is the object of another verb that opens a 的
        relative clause between them ("推出基于 X 的 Y": 基于 X 的 describes Y). A holding or possessive word is no
        such verb ("收购华为旗下的 X" is handled as a possessive), and a clause break between ends the test."""
        if self.words(mention.end, mention.end + 2)[:1] != ["的"] or not self.same_clause(trig.end - 1, mention.start):
            return False
        if any(self.w[i] in _ZH_FEATURE_VERBS for i in range(trig.end, mention.start)):
            return True
        return any(t.start >= trig.end and t.end <= mention.start and
                   t.text not in _ZH_HOLDING_WORDS | _ZH_POSSESSIVE | _ZH_OWNING_VERBS
                   for t in self.trigger_spans)

    def words(self, start: int, end: int) -> list[str]:
        return [self.w[i].lower() for i in range(max(start, 0), min(end, len(self.w))) if not self.w[i].isspace()]

    # ------------------------------------------------------------------ argument finding
    def _noun_complement(self, group: list[Span], trig: Span) -> bool:
        """Whether ``group``, before ``trig``, completes another trigger noun with "of"/"between" ("the merger of
        A and B", "the partnership between A and B") and only adverbs stand between it and ``trig``."""
        if group[-1].end > trig.start or \
                not all(w.endswith("ly") for w in self.words(group[-1].end, trig.start)):
            return False
        before = self.words(group[0].start - 1, group[0].start)
        if before not in (["of"], ["between"]):
            return False
        k = group[0].start - 1
        while k > self.sent.start and self.w[k - 1].isspace():
            k -= 1
        return any(t.end == k and t.start != trig.start for t in self.trigger_spans)

    def _possessed_role(self, owner: Span, named: Span) -> bool:
        """Whether ``owner``'s role noun (a trigger right after "'s", a modifier or two before it allowed) stands
        between ``owner`` and ``named``: "Fitbit's rival Pebble", "Blizzard's parent Vivendi Games"."""
        words = self.words(owner.end, named.start)
        if words[:1] not in (["'s"], ["\u2019s"]) or len(words) > 4:
            return False
        return any(owner.end < t.start and t.end <= named.start and not self.words(t.end, named.start)
                   for t in self.trigger_spans)

    def recipient_arguments(self, trig: Span, closer: str, spec: RelationSpec) -> tuple[_Arg, _Arg]:
        """(subject, object) of a recipient trigger (kg:recipientTrigger): the object is the one name between the
        parts, the subject the name right after the closing part ("sold Motorola to Lenovo", "将摩托罗拉出售给联想").

        The object must be the whole thing handed over, by name, straight after the opening part (an article or
        possessive between at most) and followed only by a business-part noun ("its Motorola unit") or a price
        ("for $2.9 billion", "以 29 亿美元"). Where the relation could take a company, a product sold to a buyer
        is trade ("sold H100 chips to Meta"); a stake in a company is no company ("sold its stake in X to Y"); a
        buyer named only by a description ("a consortium led by X") is not named at all.

        >>> from graph.build import extract
        >>> [c.triple_names for c in extract("Google sold Motorola Mobility to Lenovo in 2014.")]
        [('Lenovo', 'acquired', 'Motorola Mobility')]
        """
        closing = "".join(closer.lower().split())
        # The closing part as one to three tokens ("to"; "出售给", or "出售" + "给" where jieba split it).
        found = next(((k, k + n) for k in range(trig.end, min(trig.end + _CIRCUMFIX_GAP + 1, self.sent.end))
                      for n in (1, 2, 3) if "".join(self.doc[k:k + n].text.lower().split()) == closing), None)
        if found is None:
            return _Arg(), _Arg()
        close_at, close_end = found
        inside = [m for m in self.mentions if trig.end <= m.start and m.end <= close_at]
        after = next((m for m in self.mentions if m.start >= close_end), None)
        if len(inside) != 1 or after is None or inside[0].start in self.sources or after.start in self.sources:
            return _Arg(), _Arg()
        thing = inside[0]
        if is_reference(thing.text):
            # "SoftBank later sold it to Hyundai": the pronoun was read as the nearest company, often the seller
            # of an earlier clause; a sale needs the thing sold by name.
            return _Arg(), _Arg()
        lead = [w for w in self.words(trig.end, thing.start) if w not in ("its", "their", "the", "a", "其", "旗下")]
        tail = self.words(thing.end, close_at)
        if self.is_english:
            price = "for" in tail and all(w in _EN_BUSINESS_PARTS for w in tail[:tail.index("for")])
            # "its NAND business": an unknown name before a part noun names a line of business, not a company.
            tail_ok = (all(w in _EN_BUSINESS_PARTS for w in tail) or price) and \
                (thing.label_ == "Organization" or not tail or tail[0] == "for")
        else:
            tail_ok = not any("股" in w or w in ("产品", "芯片", "设备") for w in tail) and \
                (thing.label_ == "Organization" or not set(tail) & _ZH_BUSINESS_PARTS)
        # Where a company could be meant (acquired), a product handed over is a sale to a customer.
        traded = thing.label_ in ("Product", "AIModel") and "Organization" in spec.range
        if lead or not tail_ok or traded or \
                not fits(thing.label_, spec.range) or not fits(after.label_, spec.domain) or \
                not self.light_gap(close_end, after.start) or not self.same_clause(close_at, after.start):
            return _Arg(), _Arg()
        return _Arg([after]), _Arg([thing])

    def _second_as_post(self, trig: Span, spec: RelationSpec, usable: list[Span]) -> tuple[_Arg, _Arg, float] | None:
        """(holder, organisation, penalty) of a post in a later "and as ROLE of X" conjunct: "Lu Qi served as a
        vice president at Microsoft and as president of Baidu". The holder is the name before the first "as"
        of the sentence, the subject of "served as"/"worked as"; the organisation the name after the role."""
        before = self.words(max(self.sent.start, trig.start - 3), trig.start)
        if not self.is_english or not trig.text.lower().endswith((" of", " at")) or \
                before[-3:] not in (["and", "as", "a"], ["and", "as", "an"], ["and", "as", "the"]) and \
                before[-2:] != ["and", "as"]:
            return None
        first_as = next((i for i in range(self.sent.start, trig.start - 1) if self.w[i].lower() == "as"), None)
        holder = [m for m in usable if first_as is not None and m.end <= first_as and fits(m.label_, spec.domain)
                  and m.label_ != "Entity"]
        post_of = next((m for m in usable if m.start >= trig.end), None)
        if not holder or post_of is None or not fits(post_of.label_, spec.range) or \
                self.words(trig.end, post_of.start) not in ([], ["the"]):
            return None
        return _Arg([holder[-1]]), _Arg([post_of]), 0.05

    def _fronted_participle(self, trig: Span, usable: list[Span]) -> tuple[_Arg, _Arg, float] | None:
        """(agent, patient, penalty) of a passive participle clause that opens an English sentence: "Founded in
        1998 by Larry Page and Sergey Brin, Google became …", "Acquired by Google in 2014, DeepMind …". The agents
        follow "by" inside the clause; the patient is the first name after the comma that closes it."""
        if not self.is_english or self.words(self.sent.start, trig.start) or \
                not self.w[trig.end - 1].lower().endswith(("ed", "built", "made", "bought", "led", "run", "sold")):
            return None
        comma = next((i for i in range(trig.end, self.sent.end) if self.w[i] == ","), None)
        by = next((i for i in range(trig.end, comma) if self.w[i].lower() == "by"), None) if comma else None
        if comma is None or by is None:
            return None
        agents = [m for m in usable if by < m.start and m.end <= comma]
        patient = next((m for m in usable if m.start > comma), None)
        if not agents or patient is None or not set(self.words(comma + 1, patient.start)) <= {"the", "a", "an"}:
            return None
        group = [m for m in self.group_of(agents[0]) if m.end <= comma]
        return _Arg(group), _Arg([patient]), 0.05

    def arguments(self, trig: Span, spec: RelationSpec, *, inverse: bool = False) -> tuple[_Arg, _Arg, float]:
        """(agent, patient, confidence penalty) for a trigger, by position and voice.

        ``inverse``: the trigger's grammatical patient is the relation's subject (创立, developed), which lets a
        bare Chinese verb read as unaccusative ("DeepMind 于2010年在伦敦成立，…": DeepMind is what was founded).
        """
        # A mention that can fill neither role ("伦敦" for foundedBy) is not an argument candidate.
        usable = [m for m in self.mentions if (fits(m.label_, spec.domain) or fits(m.label_, spec.range))
                  and m.start not in self.sources and not _is_venue(m.text)]
        participle_clause = self._fronted_participle(trig, usable)
        if participle_clause is not None:
            return participle_clause
        second_post = self._second_as_post(trig, spec, usable)
        if second_post is not None:
            return second_post
        usable = [m for m in self.visible_from(trig, usable) if not self._is_adjunct(m) or
                  spec.symmetric and self._out_of_hands(m)]
        left = [m for m in usable if m.end <= trig.start and self.same_clause(m.end - 1, trig.start)]
        right = [m for m in usable if m.start >= trig.end and self.same_clause(m.start, trig.end - 1)]
        prior = [m for m in usable if m.end <= trig.start]
        described_subject = bool(prior) and self.lang == "zh" and not self.is_english and \
            self._described_after_speech(prior[-1], trig)
        if described_subject:
            # "DeepSeek 称，这个 32B 模型超过了 o1-mini": the subject is a description the speaker introduces
            # (unresolved here, so no mention); the speaker is neither the verb's agent nor a carried subject.
            left = []
        if not right and self.lang == "zh" and not self.is_english:
            # "旗下全资子公司——平安证券", "主要竞争对手——X": a dash after a noun introduces what it names.
            at = trig.end
            while at < self.sent.end and self.w[at] in _DASHES:
                at += 1
            if at == trig.end and (_is_zh_role_noun(trig.text) or _is_zh_kind_noun(trig.text)) and \
                    self.words(at, at + 2)[:1] in (["，"], [","]) and self.words(at + 1, at + 2)[:1] and \
                    self.words(at + 1, at + 2)[0] in _ZH_EXAMPLE_WORDS:
                # "遇到众多竞争对手，包括 A、B", "下属九家全资子公司，包括 A、B": the list that follows names them.
                at += 2
            if at > trig.end and any(m.start == at for m in usable):
                right = [m for m in usable if m.start >= at and self.same_clause(m.start, at)]
        if right and trig.text.lower() in _EN_DEPARTURE_VERBS and self.words(trig.end, right[0].start) not in ([], ["the"]):
            # "she left a bequest to X", "returned to Austria and signed for Y": a verb of leaving names an employer
            # only as its direct object; another object or a place in between is what was left or returned to.
            right = []
        if right and trig.text == "旗下" and any(trig.end <= m.start < right[0].start and
                                               m not in self.group_of(right[0]) for m in self.mentions):
            # "Meta 旗下的 Instagram Reels、Google 旗下的 YouTube Shorts": 旗下 holds the name right after it; a
            # later name of the relation's type (Google for subsidiaryOf) is the next phrase's possessor.
            right = []
        if right and (self.lang == "en" or self.is_english) and \
                set(self.words(trig.end, right[0].start)) & _EN_RELATIVE_PRONOUNS:
            # "Waymo, the Alphabet unit that operates robotaxis in US cities": a mention past a relative pronoun
            # belongs to the relative clause, not to the trigger before it.
            right = []
        if right and (self.lang == "en" or self.is_english) and \
                _reduced_relative_agent(self.words(trig.end, right[0].start)):
            # "run on lines operated by SNCF", "trained on chips made by TSMC": the mention is the agent of a
            # participle that describes a common noun after the trigger; that noun, not the mention, is the object.
            right = []
        if len(right) > 1 and trig.text.lower() not in PARENT_NOUNS and names_parent_of(right[0], right[1]):
            # "隶属于谷歌母公司 Alphabet": the parent heads the phrase; the name before it says whose parent it is.
            right = right[1:]
        if right and right[0].end < self.sent.end and self._modifies_role(right[0], trig):
            # "its purchase of the Roomba maker", "加入的还有 Inflection AI 的联合创始人 X": the mention modifies an
            # agent noun naming someone else.
            right = []
        role_chain = bool(right) and (self.lang == "en" or self.is_english) and \
            self._coordinated_role_of(trig, right[0])
        if right and (self.lang == "en" or self.is_english) and _is_role_noun(trig.text) and not role_chain and \
                self.words(trig.end, right[0].start) not in ([], [","]) and \
                self.words(trig.end, trig.end + 1) != ["of"] and \
                not _role_domain_then_at(self.words(trig.end, right[0].start)):
            # "the Roomba maker, blaming the European Commission": an agent noun's holder stands next to it.
            right = []
        if right and self.lang == "zh" and not self.is_english and _is_zh_role_noun(trig.text):
            last_role = self._last_listed_role(trig)
            if last_role is not trig:
                # "华为常务董事、终端 BG 董事长余承东": one holder, named after the last role of the list.
                right = [m for m in right if m.start >= last_role.end]
            if trig.text.endswith("股东") and right and not self._names_holder(trig, right[0]):
                # "航天机电大股东上海航天与华融签约", "大股东和管理层未和复星商谈": the holder a shareholder noun
                # names stands right after it (or after 为/是/包括); a later mention is some other word's.
                right = []
        if right and self.lang == "zh" and not self.is_english and not _is_zh_role_noun(trig.text) and \
                not _is_zh_kind_noun(trig.text):
            # "接入京东投资的物流平台", "收购腾讯开发的 X": a name followed by a verb and 的 is the agent of a relative
            # clause that modifies the verb's object; the object is what comes after 的, if it is named. A holding
            # word is no such verb: "收购 A 所持有的股权", "A 旗下的 B" name the seller and the parent.
            at = right[0].end
            while at < self.sent.end and self.w[at].isspace():
                at += 1
            verb = next((t for t in self.trigger_spans if t.start == at and t.start != trig.start), None)
            if verb is not None and self.words(verb.end, verb.end + 1) == ["的"] and \
                    verb.text not in _ZH_HOLDING_WORDS | _ZH_POSSESSIVE | _ZH_OWNING_VERBS:
                named_after = [m for m in right if m.start > verb.end]
                # "A 旗下的 B 发布的公告": 旗下 takes no object, so the relative clause modifies the common noun
                # after 的 and B stays what A holds, unless a name follows (then that name is the one held).
                if named_after or trig.text not in _ZH_POSSESSIVE:
                    right = named_after
        if right and self.lang == "zh" and not self.is_english and not _is_zh_role_noun(trig.text) and \
                not _is_zh_kind_noun(trig.text) and self._in_relative_clause(trig, right[0]):
            # "推出基于 LaMDA 的对话机器人 Bard", "发布搭载麒麟芯片的手机": a verb between the trigger and the first
            # name, and 的 after the name, make a relative clause on the trigger's object; the name is that
            # clause's object, and the trigger's object is the name after 的, if one is given.
            de_at = next(i for i in range(right[0].end, self.sent.end) if not self.w[i].isspace())
            right = [m for m in right if m.start > de_at]
        if right and self.lang == "zh" and not self.is_english and spec.name in ("announced", "released") and \
                not _is_zh_role_noun(trig.text) and self._modifies_common_noun(right[0]) and \
                not (spec.name == "announced" and self.shows_demo(right[0])):
            # "没有公布可灵的训练数据来源", "发布了 Sora 的演示": what is announced is the noun after 的, an
            # attribute or a demo of the product, not the product ("发布了鸿蒙的新版本" still releases it).
            right = []
        if not right and left and self.lang == "zh" and not self.is_english:
            fronted = self._fronted_zuowei_subject(trig, left[-1], usable)
            if fronted is not None:
                right = [fronted]
        english = self.lang == "en" or self.is_english
        if english and len(right) >= 2 and right[0].start >= trig.end and self._possessed_role(right[0], right[1]):
            # "acquired Fitbit's rival Pebble", "merged with Blizzard's parent Vivendi Games": the name after the
            # possessed role noun heads the phrase the verb acts on; the possessor only says whose rival it is.
            right = right[1:]
        if right and english and trig.text.lower() in _EN_PART_NOUNS and \
                self.words(trig.end, right[0].start)[:1] in (["to"], ["from"], ["for"], ["with"]):
            # "the sale of its x86 server unit to Lenovo": a name after a preposition is where the part went or
            # came from, not the part's name ("its unit Waymo", "the unit, Waymo").
            right = []
        left_mention = left[-1] if left else None
        right_mention = right[0] if right else None
        if self.lang == "zh" and not english and left_mention is not None and right_mention is None and \
                spec.name == "investedIn" and trig.text in _ZH_ROUND_ROLES:
            raiser = self._round_raiser(left_mention, trig)
            if raiser is not None:
                # "月之暗面完成新一轮融资，阿里巴巴领投，腾讯跟投": the investor leads or joins the round that the
                # company named with 融资 earlier in the sentence raised.
                return _Arg(self.group_of(left_mention)), _Arg([raiser]), 0.05
        if self.lang == "zh" and not english and left_mention is not None and \
                spec.name in _ZH_MOVED_THING_RELATIONS and self._unnamed_disposal_object(left_mention, trig):
            # "腾讯把搜狗并入腾讯云" with 搜狗 unrecognised: what is folded in is the object of 把, unnamed here;
            # the mention before 把 only does the folding and is neither the part nor the whole.
            return _Arg(), _Arg(), 0.0
        if english and len(left) > 1 and trig.text.lower() in _EN_PART_NOUNS and \
                self.words(left[-2].end, left[-1].start) in (["'s"], ["\u2019s"]) and \
                not self.words(left[-1].end, trig.start) and \
                (right_mention is None or self.words(trig.end, right_mention.start) not in ([], [","])):
            # "Alphabet's Waymo unit", "Sega's Sonic Team division": the possessor owns the named part; the
            # possessor holds the slot the trigger's own possessor or agent noun would ("the Alphabet unit Waymo").
            return _Arg([left[-2]]), _Arg([left[-1]]), 0.0
        if english and left_mention is not None and self.words(trig.end, trig.end + 1) == ["by"] and \
                _object_of_preposition(self.words(left_mention.end, trig.start)):
            # "Gemini runs on chips designed by Google": the participle describes the noun right before it, the
            # object of a preposition; the mention before is the subject of another verb, and the patient is unnamed.
            return _Arg(), _Arg(), 0.0
        if right_mention is not None and self.words(trig.end, trig.end + 1) in (["为"], ["成"], ["成为"], ["into"]) \
                and not _is_zh_role_noun(trig.text):
            # "合并为 Google DeepMind", "merged into X": the result, not a participant; after a role noun 为 is a
            # copula and names the holders ("创始人为 A、B 和 C").
            right_mention = None
            right = []
        possessed_list: list[Span] = []
        between_next = self.words(right_mention.end, right[1].start) if right_mention is not None and len(right) > 1 \
            else []
        if right_mention is not None and len(right) > 1 and between_next and \
                (between_next[-1] in ("'s", "的") and
                 all(w in ("'s", "的", "系列", "家族", "旗下", "架构", "series", "family", "architecture")
                     or w in _ZH_HOLDING_WORDS
                     for w in between_next) or
                 # "不及英伟达最新的 B200": a word of novelty may come between the maker and the product.
                 self.lang == "zh" and _is_possessive_marker(between_next)) and \
                right[1].start - right_mention.end <= 3:
            # "outperformed OpenAI's GPT-4" / "优于 OpenAI 的 GPT-4" / "发布了 Blackwell 架构的 B200": the possessed
            # (or built-on) thing is the argument; so is
            # the stake a seller holds ("收购中国人寿所持有的中保康联股权": 中保康联 is what is bought).
            right_mention = right[1]
            possessed_list = self._possessed_list(right_mention, right)
        elif right_mention is not None and self.lang != "zh" and len(right) > 2 and \
                self.words(right[1].end, right[2].start) in (["'s"], ["\u2019s"]):
            # "compete with ChatGPT, Google's Bard and Anthropic's Claude": a plain first item, then possessives;
            # the possessed items are the list's members, not their possessors.
            possessed_list = self._possessed_list(right_mention, right)
        zh = self.lang == "zh" and not self.is_english
        if zh and right_mention is not None and not possessed_list and not _is_zh_role_noun(trig.text) and \
                not _is_zh_kind_noun(trig.text) and \
                self.words(right_mention.end, right_mention.end + 1) and \
                self.words(right_mention.end, right_mention.end + 1)[0] in _ZH_HOLDING_WORDS:
            # "受让广钢集团所持的股份", "收购中国人寿手中的股权": a mention followed by a holding word is the seller,
            # not what is bought; the stake it holds has no name here.
            right_mention = None
            right = []
        if zh and trig.text in _ZH_HELD_MARKERS:
            # "中铝所持力拓股份", "将所持 5% 的万科股权转让": 所持 modifies the noun phrase after it, so what is held
            # stands right there; its holder is the mention before it, unless a holder noun comes between
            # ("拍卖公司将大股东所持莲花味精股份拍卖": the major shareholder's, not the auctioneer's).
            if right_mention is not None and not all(
                    w in ("有", "的", "N", "<", ">", "%", ".", "其") or any(ch.isdigit() for ch in w)
                    for w in self.words(trig.end, right_mention.start)):
                right_mention = None
                right = []
            if left_mention is not None and any(left_mention.end <= t.start and t.end <= trig.start
                                                for t in self.trigger_spans):
                return _Arg(), _Arg(), 0.0
        if right_mention is not None and left_mention is not None and (self.lang == "en" or self.is_english) and \
                self.words(left_mention.end, trig.start) in (["'s"], ["\u2019s"]) and \
                self.words(trig.end, right_mention.start) not in ([], [","]):
            # "Instagram's founders left Facebook": a possessed role noun's holder stands right next to it
            # ("OpenAI's president, Greg Brockman"); a later mention is some verb's object.
            right_mention = None
            right = []
        if english and left_mention is not None and right_mention is not None and _is_role_noun(trig.text) and \
                not self.words(trig.end, right_mention.start) and \
                self.words(left_mention.end, trig.start) in (["and"], [","], [",", "and"]):
            # "Eskom chairperson A and chief executive B", "Windsurf's chief executive A, co-founder B": titles in
            # a row share the organisation of the first.
            title_org = self._title_owner(left_mention)
            if title_org is not None:
                left, left_mention = [title_org], title_org
        if english and left_mention is not None and right_mention is not None and _is_role_noun(trig.text) and \
                self._second_predicate_role(left_mention, trig):
            # "A is vice president of X and a senior editor at Y", "A, brother of B and a professor at Y": the
            # second role is A's too; X and B are the objects of the first one's preposition.
            holder = self._sentence_subject(trig)
            if holder is not None and holder.kb_id_ != left_mention.kb_id_ and holder.label_ in ("Person", "Entity"):
                left, left_mention = [holder], holder
        penalty = 0.0
        agent, patient = _Arg(), _Arg()
        if zh and spec.symmetric and trig.text in _ZH_JOINT_ADVERBS and (right_mention is None or not all(
                w in _FILLERS for w in self.words(trig.end, right_mention.start))):
            # "A 与 B 联合收购 C", "A 和 B 共同出资设立 C": an adverb of joint action before a verb ("联合了 B" is the
            # verb); the partners are the joint subject, and the verb's object is none of them.
            joint = self._joint_subjects(left_mention, trig)
            if joint[0] or right_mention is not None or trig.text != "联合":
                return joint
        words_after = self.words(trig.end, min(trig.end + 2, self.sent.end))

        if zh and left_mention is not None and right_mention is None and len(left) > 1 and \
                not spec.symmetric and not _is_zh_role_noun(trig.text) and \
                self.words(left_mention.end, trig.start) == ["的"] and \
                self.words(left_mention.start - 1, left_mention.start) == ["在"] and \
                all(w in _FILLERS or w in _ZH_COPULA_ADVERBS for w in self.words(left[-2].end, left_mention.start - 1)):
            # "保利集团在保利香港的持股量", "高盛在双汇的投资": A's holding in B is a claim of A on B.
            return _Arg(self.group_of(left[-2])), _Arg([left_mention]), penalty
        if zh and left_mention is not None and right_mention is None and trig.text in _ZH_POST_AT_VERBS and \
                "Person" in spec.domain:
            employer = self._zh_post_at(left, trig)
            if employer is not None:
                return employer[0], employer[1], penalty
        if self.lang == "zh" and left_mention is not None:
            passive = self._zh_passive(left, trig)
            if passive is not None:
                agent_span, patient_span = passive
                agent = _Arg(self.group_of(agent_span))
                if patient_span is not None:
                    patient = _Arg(self.group_of(patient_span))
                elif right_mention is not None:
                    patient = _Arg(self.group_of(right_mention))
                else:
                    # "DeepMind 于 2010 年创立，2014 年被谷歌收购": the clause chain shares the sentence subject.
                    subject = self._sentence_subject(trig)
                    if subject is not None and subject.kb_id_ not in {g.kb_id_ for g in agent.spans}:
                        patient = _Arg(self.group_of(subject), fallback=True)
                if spec.symmetric and not any(fits(m.label_, spec.range) for m in patient.spans) and \
                        len(agent.spans) > 1 and self.joined_by_conjunction(agent.spans):
                    # "该平台由科大讯飞与华为联合打造": the joint agents are each other's partners (the platform,
                    # of a type no partner has, is what they made).
                    return _Arg([agent.spans[0]]), _Arg(agent.spans[1:]), penalty
                return agent, patient, penalty
            holder = self._zh_role_holder(left, trig, right_mention)
            if holder is not None:
                # "科大讯飞成立于1999年，刘庆峰是创始人之一": the role belongs to the sentence subject (else the topic).
                subject = self._sentence_subject(trig)
                owner = _Arg()
                if subject is not None and subject.end <= self.clause_start(trig.start) and \
                        subject.kb_id_ != holder.kb_id_:
                    owner = _Arg(self.group_of(subject), fallback=True)
                return owner, _Arg(self.group_of(holder)), penalty
            copula = self._zh_copula(left, trig, right_mention)
            if copula is not None:
                return _Arg(self.group_of(copula[0])), _Arg(self.group_of(copula[1])), penalty
            disposal = self._zh_disposal(left, trig)
            if disposal is not None and spec.name in _ZH_MOVED_THING_RELATIONS:
                # "字节跳动把 Musical.ly 并入了 TikTok": the object of 把 is what is folded in; the one folding it
                # is no argument, and the whole it joins is not named as an organisation here.
                return _Arg(self.group_of(disposal[0])), _Arg(), penalty
            if disposal is not None:
                patient_span, disposal_agent = disposal
                patient = _Arg(self.group_of(patient_span))
                if disposal_agent is not None:
                    agent = _Arg(self.group_of(disposal_agent),
                                 fallback=disposal_agent.start < self.clause_start(trig.start))
                return agent, patient, penalty

        if zh and left_mention is not None and right_mention is None and not spec.symmetric and \
                spec.range == frozenset(["Product"]) and "Product" not in spec.domain and \
                left_mention.label_ in ("Product", "AIModel") and not _is_zh_role_noun(trig.text) and \
                all(w in _FILLERS or w in _ZH_UNACCUSATIVE_LEAD or any(ch.isdigit() for ch in w)
                    for w in self.words(left_mention.end, trig.start)):
            # "苹果承认，Siri 功能将推迟到明年", "GPT-5 将于明年推出": a product before a launch or delay verb with
            # nothing after it is what is launched or delayed; the agent is an organisation named earlier in the
            # sentence, else (no agent here) the document's topic.
            makers = [m for m in usable if m.end <= left_mention.start and m.label_ in ("Organization", "Person")]
            agent = _Arg(self.group_of(makers[-1]), fallback=True) if makers else _Arg()
            return agent, _Arg(self.group_of(left_mention)), penalty + 0.05
        if left_mention is not None and self.lang == "en" or (left_mention is not None and self.is_english):
            assert left_mention is not None
            relative = self.words(left_mention.start - 1, left_mention.start)
            # An object gap right after the verb ("that Amazon bought in 2015") tells a relative clause from a
            # complement clause ("adding that Microsoft invested in OpenAI").
            gap_after = self.words(trig.end, trig.end + 1)
            object_gap = not gap_after or gap_after[0] in _EN_GAP_WORDS
            if relative and relative[0] in ("that", "which", "whom") and object_gap:
                # "the chip designer that Amazon bought": the head before the relative pronoun is the patient.
                heads = [m for m in usable if m.end <= left_mention.start - 1]
                if heads and heads[-1].kb_id_ != left_mention.kb_id_:
                    return _Arg(self.group_of(left_mention)), _Arg(self.group_of(heads[-1])), penalty + 0.05
        if left_mention is not None and not _is_role_noun(trig.text) and \
                any(left_mention.end <= t.start and t.end <= trig.start for t in self.trigger_spans):
            # "AMD completed its purchase of Silo AI and agreed to buy ZT Systems": Silo AI is the earlier
            # verb's object; the coordinated verb shares the sentence subject. Coordinated role nouns share their
            # possessor instead ("DeepMind's co-founder and chief executive").
            subject = self._sentence_subject(trig)
            if subject is not None and subject.end <= left_mention.start:
                left = [m for m in left if m.end <= subject.end]
                left_mention = subject
        if left_mention is not None and english and not _is_role_noun(trig.text) and words_after[:1] != ["by"]:
            # "A joined X in 1990 and later worked for Y", "Google acquired X in 2001 and founded Y": the mention
            # before the coordinated verb is the earlier verb's object; both verbs share the earlier one's agent.
            agent_of_earlier = self._coordinated_verb_agent(trig, left_mention)
            if agent_of_earlier is not None:
                left = [m for m in left if m.end <= agent_of_earlier.end]
                left_mention = agent_of_earlier
        if left_mention is not None and right_mention is not None and english and \
                self.passive_agent(trig, right_mention):
            # "a game developed by Raven Software and published by Activision", "designed by A and released by B",
            # "founded by A and is owned by B": a passive participle coordinated with an earlier one shares its
            # patient; the mention before "and" is the earlier participle's agent.
            earlier = [t for t in self.trigger_spans
                       if t.end <= left_mention.start and self.passive_agent(t, left_mention)]
            if earlier and all(w in _EN_COORDINATED_VERB_JOINTS or w.endswith("ly")
                               for w in self.words(left_mention.end, trig.start)):
                left = [m for m in left if m.end <= earlier[-1].start]
                left_mention = left[-1] if left else None
        if left_mention is not None and english and words_after[:1] == ["by"] and \
                self._agent_of_earlier_by(left_mention) and \
                all(w in _EN_COORDINATED_VERB_JOINTS or w.endswith("ly") for w in self.words(left_mention.end, trig.start)):
            # "a novel by A, published by B", "written by A and published by B": the mention before is the agent of
            # an earlier "by" (after a noun, or a verb no relation reads); the participle describes what that
            # phrase describes, not its agent.
            left = [m for m in left if m.end < left_mention.start]
            left = [m for m in left if not self._agent_of_earlier_by(m)][-1:] if left else []
            left_mention = left[-1] if left else None
        if left_mention is not None and english and _is_role_noun(trig.text) and self._indefinite_role(trig):
            # "Bob met a professor at the University of Oslo": an indefinite role names someone new, not the
            # mention before it; only an apposition or a copula ("A, a professor at X", "A was a curator at X")
            # gives it a holder.
            return _Arg(), _Arg(), penalty
        if english and left_mention is not None and right_mention is not None and \
                self._noun_complement(self.group_of(left_mention), trig):
            # "The merger of Exxon and Mobil created ExxonMobil": the verb's agent is the noun phrase the names
            # complete (the merger), not either name.
            return _Arg(), _Arg(), penalty
        if spec.symmetric and english and right_mention is not None and trig.text.lower() in ("merged", "merge") \
                and self.words(trig.end, right_mention.start) in ([], ["its"], ["the"], ["their"]):
            # "Google merged Brain and DeepMind": the merging company joins its objects with each other; one
            # object alone ("merged DeepMind into …") is folded into something unnamed here.
            group = [m for m in self.group_of(right_mention) if m.start >= trig.end]
            return (*_every_pair(group), penalty)
        if spec.symmetric and english and right_mention is not None and \
                self.words(trig.end, right_mention.start) in (["between"], ["among"], ["of"]) and \
                len(self.group_of(right_mention)) > 1:
            # "The partnership between Microsoft and OpenAI", "a rivalry among A, B and C", "the merger of Exxon
            # and Mobil": the noun's parties follow it; every pair of them, whatever is named before.
            group = self.group_of(right_mention)
            return (*_every_pair(group), penalty)
        if left_mention is not None:
            group = self.group_of(left_mention)
            if any(m.start > trig.start for m in group):
                # "by A, a professor at X, and the businessman B": the apposition describes A alone.
                group = [left_mention]
            agent = _Arg(group + self._coverb_agents(group))
            if spec.symmetric and right_mention is None and self.joined_by_conjunction(group):
                after = self.words(trig.end, trig.end + 2)
                if english and (trig.text.lower().split()[-1] in ("with", "against") and after[:1] != ["each"] or
                                after[:1] in (["with"], ["against"]) and after[1:2] not in (["each"], ["one"])):
                    # "Uber and Lyft compete with taxis", "A and B did not cooperate with regulators": the verb's
                    # own partner is an unnamed group; the two subjects act side by side, not with each other.
                    return _Arg(), _Arg(), penalty
                return _Arg([group[0]]), _Arg([group[1]]), penalty
            if spec.symmetric and right_mention is None and len(group) > 2 and \
                    self.words(group[0].end, group[1].start)[:1] in (["与"], ["同"], ["跟"]) and \
                    not set(self.words(group[-1].end, group[-1].end + 2)) & {"之间", "间"}:
                # "阿里云与百度、华为等…形成竞争": the first against the rest of the list.
                return _Arg([group[0]]), _Arg(group[1:]), penalty
            if spec.symmetric and len(group) > 1 and (
                    set(self.words(group[-1].end, group[-1].end + 2)) & {"之间", "间", "among"} or
                    self.words(group[0].start - 1, group[0].start) in (["between"], ["among"])):
                # "字节跳动、阿里云和百度之间的竞争", "rivalry between A, B and C": every pair.
                return (*_every_pair(group), penalty)
            if spec.symmetric and right_mention is None and self.lang == "zh" and len(group) > 1 and \
                    self._reciprocal_list(group, trig):
                # "A、B、C 三足鼎立", "A、B 等也在争夺本土资源": a list that is the whole subject of a verb of
                # contest or partnership is its parties, each against each.
                return (*_every_pair(group), penalty)
            if spec.symmetric and right_mention is None and self.lang == "zh":
                # "A 正与 X 的 B、Y 的 C 争夺用户": A on one side, the non-possessor mentions after 与 on the other.
                in_lists = {i for g in self.groups if len(g) > 1 for i in range(g[0].start, g[-1].end)}
                rather = "不如" in self.words(self.sent.start, self.sent.end)
                # "面临来自 A、B 等巨头的竞争": competition from someone is competition with them; so is taking
                # something out of someone's hands ("从 B 手中抢夺市场", "从 A、B 的口中夺食").
                marker = next((i for i in range(self.clause_start(trig.start), trig.start)
                               if (self.w[i] in _ZH_COMITATIVE or self.w[i] in ("来自", "从") and
                                   any(m.start == i + 1 for m in left) and
                                   (self.w[i] == "来自" or set(self.words(i + 1, trig.start)) & _ZH_HAND_WORDS))
                               and i not in in_lists
                               and not (rather and self.w[i] == "与其")), None)
                if marker is not None:
                    before_marker = [m for m in left if m.end <= marker]
                    after_marker = [m for m in left if m.start > marker and not self._possessor(m)]
                    if after_marker:
                        if before_marker:
                            return _Arg(self.group_of(before_marker[-1])), _Arg(after_marker), penalty
                        subject = self._carried_subject(trig, after_marker, usable)
                        if subject is not None and subject.kb_id_ not in {m.kb_id_ for m in after_marker}:
                            return _Arg(self.group_of(subject), fallback=True), _Arg(after_marker), penalty
            if spec.symmetric and right_mention is None:
                before = self.words(left_mention.start - 1, left_mention.start)
                comitative = _ZH_COMITATIVE if self.lang == "zh" else _EN_COMITATIVE
                if before and before[0] in comitative and left_mention is group[0]:
                    # "A 宣布与 B 合作" / "A said it would partner and B": the partner follows the marker.
                    others = [m for m in left if m.end <= left_mention.start - 1]
                    if others:
                        return _Arg(self.group_of(others[-1])), _Arg(group), penalty
                    subject = self._carried_subject(trig, group, usable)
                    if subject is not None and subject.kb_id_ not in {g.kb_id_ for g in group}:
                        return _Arg(self.group_of(subject), fallback=True), _Arg(group), penalty
        else:
            subject = self._relative_head(trig) if english else None
            if subject is None:
                subject = self._sentence_subject(trig)
            if subject is None and self.lang == "zh" and not english and right_mention is not None:
                # "中国南车公告称，全资子公司 X 与…签订合同", "A 拟以 N 元的价格，将持有的 B 股权转让": a clause
                # without a subject shares the one of the clause before.
                subject = self._carried_subject(trig, [], usable)
            if subject is not None and (right_mention is None or subject.start < right_mention.start) and \
                    not described_subject:
                agent = _Arg(self._carried_group(subject, trig), fallback=True)
            elif subject is None and right_mention is not None and english and (
                    trig.text.lower().endswith(" of") or
                    words_after[:1] == ["of"] and _is_role_noun(trig.text)):
                # "The current president of RBF is Stephen Heintz": a copula after the organisation names the holder;
                # so does an apposition there ("The chief executive of OpenAI, Sam Altman, said", "the founder of X,
                # Jonas Prell.") that a comma or the sentence's end closes.
                later = [m for m in usable if m.start >= right_mention.end and self.same_clause(m.start, trig.start)]
                link = self.words(right_mention.end, later[0].start) if later else []
                closed = bool(later) and self.words(later[0].end, later[0].end + 1) in ([], [","], ["."], [";"])
                if later and later[0].label_ != right_mention.label_ and (
                        link in (["is"], ["was"], ["has", "been"]) or
                        link == [","] and closed and _is_role_noun(trig.text.lower().removesuffix(" of"))):
                    agent = _Arg([later[0]])
        if (right_mention is None or english and self._opens_coordinated_clause(trig, right_mention)) and \
                left_mention is not None and self.paren:
            # "GitHub, which Microsoft owns," / "Annapurna Labs, the chip designer that Amazon bought":
            # inside an object relative clause the head noun before the comma is the patient; so it is when a
            # second relative clause follows ("which A created in 2007 and the company released in 2009").
            head = self.paren_head(trig)
            if head is not None and head.kb_id_ not in {g.kb_id_ for g in agent.spans} and \
                    self.paren.get(left_mention.start, 0) == self.paren.get(trig.start, 0):
                return agent, _Arg(self.group_of(head)), penalty + 0.05
        if right_mention is not None:
            group = self.group_of(right_mention)
            # "chief executive A, co-founder B and …": each title holds only the name right after it.
            if _is_role_noun(trig.text) and not self.words(trig.end, right_mention.start) and \
                    any(self._titled_member(a, b) for a, b in itertools.pairwise(group)):
                group = [right_mention]
            if _is_role_noun(trig.text) and len(group) > 1 and group[0] is right_mention and \
                    self._kin_joined(group[0], group[1]):
                # "OpenAI 研究副总裁 A 与其妹妹 B": the title is A's; B is named by her tie to A, not by the title.
                group = [right_mention]
            patient = _Arg(possessed_list or group)
            gap = right_mention.start - trig.end
            penalty += min(0.15, max(0, gap - 6) * 0.01)
        if left_mention is not None:
            gap = trig.start - left_mention.end
            penalty += min(0.15, max(0, gap - 6) * 0.01)

        # English voice: "X was acquired by Y"; noun "N of X" reads as "X's N" ("the founder of X").
        phrase_words = trig.text.lower().split()
        last = phrase_words[-1] if phrase_words else ""
        by_agent = right_mention is not None and self.by_agent(trig, right_mention)
        passive_voice = words_after[:1] == ["by"] or by_agent
        possessor_follows = (words_after[:1] == ["of"] or role_chain) and right_mention is not None
        if last not in ("by", "of", "with", "to", "in", "on", "from", "against") and (passive_voice or possessor_follows):
            agent, patient = patient, agent
        elif agent and not patient and self.words(agent.spans[-1].end, agent.spans[-1].end + 1) in (["'s"], ["’s"]):
            # "Hock Tan, Broadcom's chief executive," / "Facebook's general counsel, Jennifer Newstead": the
            # title's holder stands in apposition, before or after.
            possessor = agent.spans[0]
            before = self.words(possessor.start - 1, possessor.start)
            after = self.words(trig.end, trig.end + 1)
            holders = [m for m in usable if m.end == possessor.start - 1] if before == [","] else []
            if not holders and after == [","]:
                holders = [m for m in usable if m.start == trig.end + 1]
            if not holders and english and not is_description(possessor.text):
                # "Ilya Sutskever is OpenAI's chief scientist", "A serves as RBF's chairwoman": a copula before
                # the possessor names the holder. "the company's" is left out: which company it means is a guess.
                holders = [m for m in left if m.end <= possessor.start and
                           _is_copula(self.words(m.end, possessor.start))][-1:]
            if holders:
                patient = _Arg([holders[0]])
        elif agent and not patient and self._agentless_passive(trig, inverse=inverse) and \
                (not inverse or all(fits(m.label_, spec.domain) for m in agent.spans)):
            # "OpenAI was founded in 2015" / "深度求索成立于 2023 年": the entity before the verb is its patient.
            agent, patient = _Arg(), agent
        elif english and agent and patient and not spec.symmetric and last not in _EN_PREPOSITIONS:
            # "Larry Page founded Google in 1998 with Sergey Brin": "with" after the object adds co-agents.
            allowed = spec.range if inverse else spec.domain
            agent = _Arg(agent.spans + self._comitative_agents(trig, patient, usable, allowed), agent.fallback)
        elif zh and agent and not patient and trig.text in _ZH_STAKE_VERBS and not agent.fallback:
            # "董东煤业成立于 2005 年，A 持股 40%", "黄光裕持有国美 34% 的股权，陈晓则持股 1%": a stake given only
            # as a figure is one in the company the sentence is about.
            company = self._stake_company(trig, agent.spans, usable)
            if company is not None:
                patient = _Arg([company], fallback=True)
        return agent, patient, penalty

    def _stake_company(self, trig: Span, holders: Sequence[Span], usable: Sequence[Span]) -> Span | None:
        """The company a stake stated only as a figure ("A 持股 40%", "A、B 分别持有 60% 和 40% 的股份") is in: the
        one an earlier stake verb of the sentence names ("A 持有 X 5% 的股权，B 持有 3%"), else the first mention of
        the sentence, in an earlier clause ("X 成立于 2005 年，A 持股 40%"); none when anything but the figure follows
        the verb ("A 持有其 5% 的股权", "A 持股的公司")."""
        end = trig.end
        while end < self.sent.end and self.same_clause(trig.start, end) and \
                (self.w[end] in _ZH_STAKE_FIGURE_WORDS or self.w[end].isspace() or
                 any(ch.isdigit() for ch in self.w[end])):
            end += 1
        if end == trig.end or (end < self.sent.end and self.same_clause(trig.start, end)):
            return None
        taken = {m.kb_id_ for m in holders}
        start = self.clause_start(trig.start)
        for earlier in sorted((t for t in self.trigger_spans if t.end <= start and t.text in _ZH_STAKE_VERBS),
                              key=lambda t: -t.start):
            named = [m for m in usable if m.start >= earlier.end and self.same_clause(m.start, earlier.start)]
            if named and not self.words(earlier.end, named[0].start) and named[0].kb_id_ not in taken:
                return named[0]
        first = next((m for m in usable if m.start not in self.sources), None)
        if first is None or first.end > start or first.kb_id_ in taken or \
                self.clause.get(first.start) == self.clause.get(trig.start):
            return None
        # "股权结构为 A 持有 60%，B 持有 40%": a first mention that holds a stake itself is no company here.
        after = [w for w in self.words(first.end, min(first.end + 3, self.sent.end)) if w not in _FILLERS]
        if after[:1] and (after[0] in _ZH_STAKE_VERBS or after[0] == "持"):
            return None
        return first

    def en_minority_stake(self, trig: Span, bought: Span) -> bool:
        """Whether an English purchase verb buys shares or a stake in ``bought`` short of control: "bought shares
        in B", "bought a 9 per cent stake in B", "bought shares of B and C". A majority, controlling or whole stake,
        or a figure of 50 % or more, is an acquisition of B."""
        if bought.start < trig.end or not self.same_clause(trig.start, bought.start):
            return False
        words = [w.lower() for w in self.words(trig.end, bought.start)]
        if len(words) > 8 or words[-1:] not in (["in"], ["of"]) or \
                not set(words) & {"share", "shares", "stake", "stakes", "holding", "holdings", "interest"}:
            return False
        if set(words) & {"majority", "controlling", "control", "all", "entire", "whole", "remaining", "rest", "full"}:
            return False
        figure = re.search(r"([0-9]+(?:\.[0-9]+)?)\s*(?:%|per cent|percent)", " ".join(words))
        return figure is None or float(figure.group(1)) < 50

    def minority_stake(self, trig: Span, bought: Span) -> bool:
        """Whether what a Chinese purchase verb buys is a stake in ``bought`` short of control: a figure under 50 %
        ("收购 B 30% 的股权", "B 20% 股权被 A 收购"), a count of shares ("5000 万股"), or 部分/少数 ("收购 B 部分股权",
        "少数股东股权"). All of it, the rest of it, a controlling stake, 50 % or more, a figure of unknown size or a
        bare "收购 B 股权" is an acquisition of B."""
        end = trig.start if bought.end <= trig.start else min(self.sent.end, bought.end + 12)
        if bought.end > end or not self.same_clause(bought.start, trig.start):
            return False
        words = []
        for i in range(bought.end, end):
            if self.w[i] in _ZH_CLAUSE_BREAKS or any(m.start == i for m in self.mentions):
                break
            words.append(self.w[i].strip())
        found = _ZH_STAKE_BOUGHT.match("".join(words))
        if found is None:
            return False
        quantity = found.group("q")
        if _ZH_CONTROL_STAKE.search(quantity) or found.group(0).endswith("控股权"):
            return False
        figure = re.search(r"([0-9]+(?:[.．][0-9]+)?)\s*[%％]", quantity)
        if figure is not None:
            return float(figure.group(1).replace("．", ".")) < 50
        # A masked figure ("<N>%", in corpora) may be any size: the verb's acquisition stands.
        return bool(re.search(r"部分|少数", quantity)) or ("<N>" not in quantity and bool(re.search(r"万|亿", quantity)))

    def _names_holder(self, role: Span, mention: Span) -> bool:
        """Whether a mention after a Chinese shareholder noun is the holder it names: right after it ("大股东 X",
        "*ST" and "单位" may come between), in the list it opens ("股东分别为 Y、X", "前三大股东 Y、X"), or
        after a description ending in a kind noun ("第二大股东、欧洲乳业巨头 X")."""
        between = self.words(role.end, mention.start)
        if between[:1] in (["，"], [","]) and between[1:2] and between[1] in _ZH_SHAREHOLDER_LINKS:
            between = between[1:]  # "共有 5 家股东，包括 X"
        if not between or between[0] in _ZH_COPULA or between[0] in _ZH_SHAREHOLDER_LINKS:
            return True
        if between[-1] == "、" and len(between) <= 4 and not any(w in _ZH_CLAUSE_BREAKS for w in between):
            return True  # "前三大股东惠州控股、X": a list of holders whose first name is not marked
        if between[0] in ("、", "，", ",") and _is_zh_kind_noun(between[-1]):
            return True
        return all(w in _FILLERS or w in _DASHES or w == "单位" or w.strip("*").isupper() for w in between)

    def _joint_subjects(self, nearest: Span | None, trig: Span) -> tuple[_Arg, _Arg, float]:
        """The parties of a joint action right before its adverb ("A、B 和 C 共同…": each against each; "A 将与 B
        共同…": A against B); else none ("X 是公司和 B 共同投资的企业": the list is the relative clause's)."""
        none = _Arg(), _Arg(), 0.0
        if nearest is None:
            return none
        group = self.group_of(nearest)
        between = self.words(group[-1].end, trig.start)
        if len(between) > 4 or not all(w in _FILLERS or w in _ZH_COPULA_ADVERBS or w in _ZH_JOINT_LEAD_WORDS
                                       for w in between):
            return none
        if len(group) > 1 and self.joined_by_conjunction(group):
            return (*_every_pair(group), 0.0)
        start = self.clause_start(group[0].start)
        # The comitative marker may stand before a description of the partner ("与香港上市公司 B 联合宣布").
        marker = next((i for i in range(group[0].start - 1, start - 1, -1) if self.w[i] in _ZH_COMITATIVE), None)
        if marker is None:
            return none
        before = [m for m in self.mentions if start <= m.start and m.end <= marker and m.start not in self.sources]
        if not before or not all(w in _FILLERS or w in _ZH_COPULA_ADVERBS or w in _ZH_JOINT_LEAD_WORDS
                                 for w in self.words(before[-1].end, marker)) or \
                any(m.start > marker and m.end <= group[0].start for m in self.mentions):
            return none
        return _Arg(self.group_of(before[-1])), _Arg(group), 0.0

    def _coverb_agents(self, group: list[Span]) -> list[Span]:
        """The mention before a coverb of joining ("A 携手 B 收购 C", "A 联手 B 入股 C"): A acts with B, so it is an
        agent of the verb too."""
        at = group[0].start - 1
        if not (self.lang == "zh" and not self.is_english and self.words(at, at + 1) and
                self.words(at, at + 1)[0] in _ZH_COVERBS):
            return []
        before = [m for m in self.mentions if m.end <= at and self.same_clause(m.end - 1, at)
                  and m.start not in self.sources]
        if not before or not all(w in _FILLERS or w in _ZH_COPULA_ADVERBS or w in ("再次", "首次", "此次", "将")
                                 for w in self.words(before[-1].end, at)):
            return []
        ids = {m.kb_id_ for m in group}
        return [m for m in self.group_of(before[-1]) if m.kb_id_ not in ids]

    def _comitative_agents(self, trig: Span, patient: _Arg, usable: list[Span], allowed: frozenset[str]) -> list[Span]:
        """The list after "with" or "together with" that follows a verb's object in its clause ("founded Google with
        Sergey Brin"), if its members can be agents; "along with" adds to the object instead."""
        last = patient.spans[-1]
        if last.start < trig.end:
            return []
        after = [m for m in usable if m.start >= last.end and self.same_clause(m.start, trig.start)]
        if not after:
            return []
        first = after[0]
        between = self.words(last.end, first.start)
        if "with" not in between or "along" in between or not all(
                w in _EN_ADJUNCT_WORDS or w.isdigit() or w in ("with", "together") for w in between):
            return []
        group = self.group_of(first)
        return group if all(fits(m.label_, allowed) and m.label_ == group[0].label_ for m in group) else []

    def _coordinated_verb_agent(self, trig: Span, nearest: Span) -> Span | None:
        """The agent an active verb shares with an earlier verb it is coordinated with, if ``nearest`` (the
        mention right before it) is that verb's object: "A joined X in 1990 and later worked for Y" → A.

        The object follows the earlier verb at once (after an article at most), and only a conjunction, adverbs
        and time adjuncts stand between the object and the later verb.
        """
        group = self.group_of(nearest)
        joint = self.words(group[-1].end, trig.start)
        # "A left X to join Y", "quit X to found Y": a purpose infinitive right after the object has the
        # earlier verb's subject as its own.
        infinitive = trig.text.lower().startswith("to ")
        purpose = joint[-1:] == ["to"] or infinitive
        if purpose and not infinitive:
            joint = joint[:-1]
        # A comma alone opens an apposition ("merged with X, parent of Y"); "N of" is a noun, not a verb.
        if trig.text.lower().endswith(" of") or not (purpose or set(joint) & {"and", "then"}) or not all(
                w in _EN_COORDINATED_VERB_JOINTS and not purpose or w in _EN_ADJUNCT_WORDS or w.isdigit() or
                w.endswith("ly") or purpose and w in _FILLERS for w in joint):
            return None
        earlier = [t for t in self.trigger_spans if t.end <= group[0].start and not _is_role_noun(t.text) and
                   self.same_clause(t.start, trig.start) and
                   all(w in ("the", "a", "an") for w in self.words(t.end, group[0].start))]
        if not earlier or self._agentless_passive(earlier[-1]):
            return None
        if purpose and earlier[-1].text.lower() in _EN_OBJECT_CONTROL:
            return None  # "Microsoft hired Suleyman to lead its AI unit": the one hired does what follows
        # The earlier verb's agent may stand outside a closing ", then joined Y" that hides it from this verb.
        agents = [m for m in self.mentions if m.end <= earlier[-1].start and m.start not in self.sources and
                  self.same_clause(m.start, earlier[-1].start)]
        if not agents or agents[-1].kb_id_ in {m.kb_id_ for m in group}:
            return None
        return agents[-1]

    def _coordinated_role_of(self, trig: Span, mention: Span) -> bool:
        """Whether a role noun is coordinated with a later "ROLE of" whose organisation is ``mention``: "the
        founder and chief executive of X", "co-founder and president of X" (both roles are held at X)."""
        if not _is_role_noun(trig.text):
            return False
        joint = self.words(trig.end, trig.end + 1)
        if joint not in (["and"], ["&"]):
            return False
        at = trig.end + 1
        while at < mention.start and self.w[at].isspace():
            at += 1
        later = [t for t in self.trigger_spans if t.start == at and t.end <= mention.start]
        return any(self.words(t.end, mention.start) in ([], ["the"]) and t.text.lower().endswith(" of") or
                   _is_role_noun(t.text) and self.words(t.end, mention.start) in (["of"], ["of", "the"])
                   for t in later)

    def _agent_of_earlier_by(self, mention: Span) -> bool:
        """Whether ``mention`` follows "by", maybe past a short description ("by the Indian writer X"), not past
        punctuation or another name."""
        named = {k for m in self.mentions if m.kb_id_ != mention.kb_id_ for k in range(m.start, m.end)}
        i = mention.start - 1
        seen = 0
        while i >= self.sent.start and seen < 4:
            word = self.w[i]
            if word.isspace():
                i -= 1
                continue
            if word.lower() == "by":
                return True
            if not word.isalpha() or i in named:
                return False
            seen += 1
            i -= 1
        return False

    def passive_agent(self, trig: Span, mention: Span) -> bool:
        """Whether ``mention`` is the agent of a passive ``trig``: after its "by" ("developed in 2004 by X"), or
        right after a trigger phrase that ends in "by" ("is owned by X", "hired by X")."""
        return self.by_agent(trig, mention) or (
            trig.text.lower().endswith(" by") and not self.words(trig.end, mention.start))

    def by_agent(self, trig: Span, mention: Span) -> bool:
        """Whether ``mention`` is the agent a passive ``trig`` introduces with "by".

        "developed primarily by X", "founded in 1975 in London by X", "formed by guitarist X": "by" may follow
        a few words of any kind, or a longer run of time and place adjuncts, and a short description ("the
        businessman", "guitarist") may stand between "by" and the name.
        """
        words = [(i, self.w[i]) for i in range(trig.end, mention.start) if not self.w[i].isspace()]
        by_at = [k for k, (_, word) in enumerate(words) if word.lower() == "by"]
        if not by_at:
            return False
        k = by_at[-1]
        before, after = words[:k], words[k + 1:]
        if len(after) > _MAX_AGENT_DESCRIPTION or not all(
                word.isalpha() and word.islower() and not word.endswith(("ing", "ed")) and
                word not in _EN_SUBORDINATORS and word not in _EN_RELATIVE_PRONOUNS for _, word in after):
            return False  # "acquired by investors led by X": X is the agent of another verb
        if len(before) <= 3 and not after:
            return True
        inside = {i for m in self.mentions for i in range(m.start, m.end)}
        return len(before) <= _MAX_ADJUNCT_GAP and all(
            i in inside or word.isdigit() or word.lower() in _EN_ADJUNCT_WORDS for i, word in before)

    def _title_owner(self, holder: Span, depth: int = 0) -> Span | None:
        """The organisation of the title a person holds ("Eskom chairperson A", "Windsurf's chief executive A"),
        also through earlier titles in a row ("X chairman A, chief executive B and president C")."""
        roles = [t for t in self.trigger_spans if t.end <= holder.start and not self.words(t.end, holder.start)
                 and _is_role_noun(t.text)]
        if not roles or depth > 3:
            return None
        role = roles[-1]
        before = [m for m in self.mentions if m.end <= role.start and m.start >= self.sent.start]
        if not before:
            return None
        nearest = before[-1]
        joint = self.words(nearest.end, role.start)
        if nearest.label_ != "Person" and joint in ([], ["'s"], ["\u2019s"]):
            return nearest
        if nearest.label_ == "Person" and joint in (["and"], [","], [",", "and"]):
            return self._title_owner(nearest, depth + 1)
        return None

    def _second_predicate_role(self, nearest: Span, trig: Span) -> bool:
        """Whether ``trig`` opens an indefinite noun phrase coordinated after a phrase ending in ``nearest``, the
        object of a preposition: "vice president of X and a senior editor at Y", "brother of B and a professor".
        """
        between = self.words(nearest.end, trig.start)
        if between[:1] == [","]:
            between = between[1:]
        if between[:2] not in (["and", "a"], ["and", "an"]) or len(between) > 4:
            return False
        if not all(w.isalpha() and w.islower() for w in between[2:]):
            return False
        before = self.words(max(self.sent.start, nearest.start - 2), nearest.start)
        if before[-1:] == ["the"]:
            before = before[:-1]
        return before[-1:] in (["of"], ["at"], ["for"], ["with"])

    def _indefinite_role(self, trig: Span) -> bool:
        """Whether a role noun opens an indefinite noun phrase ("a professor", "a computer science professor")
        that is neither an apposition nor a copula's complement."""
        k = trig.start - 1
        while k >= self.sent.start and trig.start - k <= 4 and self.w[k].isalpha() and self.w[k].islower() and \
                self.w[k] not in ("a", "an"):
            k -= 1
        if k < self.sent.start or self.w[k] not in ("a", "an"):
            return False
        before = self.words(k - 1, k)
        return bool(before) and before[0] not in _EN_ROLE_COPULAS

    def _last_listed_role(self, trig: Span) -> Span:
        """The last Chinese role noun of a list of roles that ``trig`` opens ("常务董事、终端 BG 董事长", "主席兼首席执行官").

        A later role may carry its own organisation ("终端 BG"); a person between two roles ends the list, since
        that person holds the earlier role.
        """
        last = trig
        people = {i for m in self.mentions if m.label_ == "Person" for i in range(m.start, m.end)}
        inside = {i for m in self.mentions for i in range(m.start, m.end)}
        for nxt in sorted(self.trigger_spans, key=lambda t: t.start):
            if nxt.start < last.end or not _is_zh_role_noun(nxt.text):
                continue
            between = range(last.end, nxt.start)
            words = [self.w[i] for i in between if i not in inside and not self.w[i].isspace()]
            if nxt.start - last.end > _MAX_ROLE_LIST_GAP or any(i in people for i in between) or \
                    not words or words[0] not in _ZH_ROLE_JOINERS or \
                    any(w not in _ZH_ROLE_JOINERS and not _is_zh_unit_word(w) for w in words[1:]):
                break
            last = nxt
        return last

    def title_start(self, trig: Span, subj: _Arg, obj: _Arg) -> int | None:
        """Where a title starts: an organisation, a role noun and its holder in a row ("Microsoft chief
        executive Satya Nadella", "TikTok 首席执行官周受资"), else None."""
        if not _is_role_noun(trig.text):
            return None
        spans = [sp for arg in (subj, obj) for sp in arg.spans]
        before = [sp for sp in spans if sp.end <= trig.start and not self.words(sp.end, trig.start)]
        after = [sp for sp in spans if sp.start >= trig.end and not self.words(trig.end, sp.start)]
        return before[0].start if before and after else None

    def _is_adjunct(self, mention: Span) -> bool:
        """Places and instruments are not arguments: "在 Hugging Face 上", "以 MIT License 开源", "at its conference"."""
        before = self.words(mention.start - 1, mention.start)
        if not before or any(t.start <= mention.start - 1 < t.end for t in self.trigger_spans):
            return False  # "built on X", "runs on X": the preposition belongs to the trigger
        if self.lang == "zh" and not self.is_english:
            if before[0] in ("以", "通过", "凭借", "用", "借助", "比", "从"):
                # instruments, the standard of a comparison ("比 ChatGPT 更强大的模型"), a source ("从软银手中")
                return True
            return before[0] == "在" and any(w in _ZH_FRAME_ENDS for w in self.words(mention.end, mention.end + 2)) \
                or self._zh_framed_place(mention)
        if before[0] == "at" and any(t.end <= mention.start and (_is_role_noun(t.text) or t.text.endswith(" of")) and
                                     _role_domain_then_at(self.words(t.end, mention.start))
                                     for t in self.trigger_spans):
            return False  # "head of analytics at Acme": the employer of a role, not a place
        if any(t.end < mention.start <= t.end + _CIRCUMFIX_GAP and "…" in t.label_ and
               t.label_.rsplit("…", 1)[1].strip().lower() == before[0].lower() for t in self.trigger_spans):
            return False  # "taught law at X": the closing part of a two-part trigger ("taught … at")
        return before[0] in ("at", "on", "via", "using")

    def _zh_post_at(self, left: list[Span], trig: Span) -> tuple[_Arg, _Arg] | None:
        """"A 曾在 B 任职", "A 先后在 B 和 C 担任研究员": a post held at an organisation names the employer in a 在
        phrase right before the verb, and the holder before 在; the verb itself has no object to the right."""
        group = self.group_of(left[-1])
        if self.words(group[0].start - 1, group[0].start) != ["在"] or \
                not all(w in _FILLERS for w in self.words(group[-1].end, trig.start)):
            return None
        holders = [m for m in left if m.end <= group[0].start - 1]
        if not holders or holders[-1].label_ not in ("Person", "Entity"):
            return None
        if not all(w in _FILLERS or w in _ZH_POST_ADVERBS for w in self.words(holders[-1].end, group[0].start - 1)):
            return None
        return _Arg(self.group_of(holders[-1])), _Arg(group)

    def _zh_framed_place(self, mention: Span) -> bool:
        """A name inside a longer "在 … 上/中" frame: "在今年的 GTC 大会上发布", "在 Create 开发者大会上", "在 A、B 等
        基准上超过": an event, venue or benchmark where something happens, not who acts. The frame may hold dating
        words before the name and a list or head noun after it, but no verb (a trigger) and no punctuation."""
        group = self.group_of(mention)
        i = group[0].start - 1
        while i >= self.sent.start and (self.w[i].isspace() or self.w[i] in _ZH_FRAME_DATING or
                                        self.w[i].isdigit() or self.w[i].endswith("年")):
            i -= 1
        if i < self.sent.start or self.w[i] != "在":
            return False
        j, seen = group[-1].end, 0
        while j < self.sent.end and seen < 4:
            word = self.w[j]
            if word.isspace():
                j += 1
                continue
            if word in _ZH_FRAME_ENDS:
                return True
            if any(ch in _ZH_CLAUSE_BREAKS for ch in word) or any(t.start <= j < t.end for t in self.trigger_spans) or \
                    any(m.start <= j < m.end for m in self.mentions):
                return False
            j, seen = j + 1, seen + 1
        return False

    def _out_of_hands(self, mention: Span) -> bool:
        """"从 B 手中", "从 A、B 的口中": what is taken from someone's hands is a source for a purchase, but makes
        the one it is taken from a party of a contest ("从 B 手中抢夺市场")."""
        group = self.group_of(mention)
        return self.lang == "zh" and self.words(group[0].start - 1, group[0].start) == ["从"] and \
            bool(set(self.words(group[-1].end, group[-1].end + 2)) & _ZH_HAND_WORDS)

    def _agentless_passive(self, trig: Span, *, inverse: bool = False) -> bool:
        """A passive with no agent: be + participle in English, TRIGGER + 于 in Chinese, and for an inverse
        Chinese trigger a verb whose clause ends right after it ("X 于2010年成立，", "X 由此诞生。")."""
        after = self.words(trig.end, trig.end + 2)
        if self.lang == "zh" and not self.is_english:
            if after[:1] == ["于"]:
                return True
            rest = after[1:] if after[:1] == ["了"] else after
            return inverse and not _is_zh_role_noun(trig.text) and (not rest or rest[0] in _ZH_CLAUSE_BREAKS)
        before = [w for w in self.words(max(self.sent.start, trig.start - 3), trig.start)
                  if not w.endswith("ly") and w not in ("also", "not", "never", "later", "first", "then", "just")]
        return bool(before) and before[-1] in _BE_FORMS

    def _fronted_zuowei_subject(self, trig: Span, holder: Span, usable: Sequence[Span]) -> Span | None:
        """The subject a fronted 作为 phrase describes: "作为 B 旗下的上市公司，A …", "作为 B 的大股东，A …" say of A
        what "B 旗下的 A", "B 的大股东 A" say, so A, which opens the next clause, is the mention after the trigger.

        Only when the trigger's clause is that phrase: it opens with 作为, ``holder`` (B) stands between 作为 and
        the trigger, and nothing after the trigger but its own description reaches the comma.
        """
        start = self.clause_start(trig.start)
        lead = self.words(start, holder.start)
        if lead != ["作为"] or holder.start <= start:
            return None
        end = trig.end
        while end < self.sent.end and self.clause.get(end) == self.clause.get(trig.start):
            end += 1
        if end >= self.sent.end or self.w[end] not in (",", "\uff0c"):
            return None
        if any(t.start >= trig.end and t.start < end for t in self.trigger_spans):
            return None  # another predicate in the phrase ("作为 B 旗下收购 C 的平台"): not a plain description
        nxt = end + 1
        while nxt < self.sent.end and self.w[nxt].isspace():
            nxt += 1
        return next((m for m in usable if m.start == nxt), None)

    def _modifies_role(self, mention: Span, trig: Span) -> bool:
        """Whether a mention is followed by a role noun (after 的/'s at most) of another relation than ``trig``'s.

        "担任零一万物首席执行官": the role says what 担任 says, and 零一万物 serves both.
        """
        at = mention.end
        while at < self.sent.end and (self.w[at].isspace() or self.w[at].lower() in ("的", "'s", "\u2019s")):
            at += 1
        relation = trig.label_.split("|")[1] if trig.label_.count("|") >= 3 else ""
        return any(t.start == at and t.start != trig.start and _is_role_noun(t.text)
                   and t.label_.split("|")[1:2] != [relation] for t in self.trigger_spans)

    def _modifies_common_noun(self, mention: Span) -> bool:
        """Whether a Chinese mention is followed by 的 and a common noun that is neither a name, nor a version
        or edition of the named thing, nor an event of it ("可灵的训练数据", "Sora 的演示"; not "鸿蒙的新版本",
        "GPT-5 的发布")."""
        i = self._after_de(mention)
        if i is None or any(m.start == i for m in self.mentions):
            return False
        word = self.w[i]
        if not HAN_CHARACTER.match(word[:1]) or any(t.start == i for t in self.trigger_spans):
            return False
        return not (word.endswith(_ZH_EDITION_ENDINGS) or word in _ZH_PRODUCT_EVENTS or
                    i + 1 < self.sent.end and self.w[i + 1].endswith(_ZH_EDITION_ENDINGS))

    def shows_demo(self, mention: Span) -> bool:
        """Whether a Chinese mention is followed by 的 and a demo or preview of it ("Sora 的演示", "Gemini 的演示视频",
        "新车的预告片"): showing one announces the product without releasing it."""
        i = self._after_de(mention)
        return i is not None and self.w[i].startswith(_ZH_DEMO_NOUNS)

    def _after_de(self, mention: Span) -> int | None:
        """The first word after a 的 that follows ``mention`` (spaces skipped), or None when no 的 follows it."""
        i = mention.end
        while i < self.sent.end and self.w[i].isspace():
            i += 1
        if i >= self.sent.end or self.w[i] != "的":
            return None
        i += 1
        while i < self.sent.end and self.w[i].isspace():
            i += 1
        return i if i < self.sent.end else None

    def _possessor(self, mention: Span) -> bool:
        """"谷歌内部的 Google Brain", "OpenAI 的 GPT-4": a mention that modifies the next one through 的."""
        starts = {m.start for m in self.mentions}
        i, seen = mention.end, 0
        while i < self.sent.end and seen < 3:
            word = self.w[i]
            if word == "的":
                nxt = i + 1
                while nxt < self.sent.end and self.w[nxt].isspace():
                    nxt += 1
                return seen == 0 or nxt in starts or nxt + 1 in starts  # "苹果即将上市的新款 iPhone"
            if word in _LIST_SEPARATORS or i in starts:
                return False  # "豆包、百度的文心一言": 的 belongs to the next item of the list
            if not word.isspace():
                seen += 1
            i += 1
        return False

    def light_gap(self, start: int, end: int) -> bool:
        """Whether the words between two tokens are at most two content words besides particles and "by"/"of"."""
        content = [w for w in self.words(start, end) if any(ch.isalnum() for ch in w)
                   and w not in _FILLERS and w not in ("by", "of", "由", "被", "its", "their")]
        return len(content) <= 2

    def role_slot_empty(self, trig: Span, *, missing_subject: bool, inverse: bool = False) -> bool:
        """Whether the text leaves the missing argument's place empty, so the topic may fill it.

        "…Devin就已经受邀内测了" leaves the object empty; "同样推出大模型的云服务商" fills it with a common noun, and
        an agentless passive ("is not being released yet") leaves the agent out on purpose.
        """
        if self._agentless_passive(trig, inverse=inverse):
            return False
        if missing_subject:
            return True
        end = self.sent.end
        i = trig.end
        while i < end and self.clause.get(i, -1) == self.clause.get(trig.start, -2):
            word = self.w[i]
            if not (word.isspace() or word in _FILLERS or word.isdigit() or not any(ch.isalnum() for ch in word)):
                return False
            i += 1
        return True

    def in_background(self, trig: Span) -> bool:
        """A trigger in a temporal adverbial ("在 ChatGPT 问世一年之后", "after X launched Y"): background, whose
        missing argument is not the document's topic."""
        start = self.clause_start(trig.start)
        first = self.words(start, start + 1)
        if self.lang == "zh" and not self.is_english:
            rest = self.words(trig.end, min(self.sent.end, trig.end + 8))
            return first == ["在"] and any(w in _ZH_TEMPORAL_END for w in rest)
        return bool(first) and first[0] in _EN_TEMPORAL

    def _reciprocal_list(self, group: list[Span], trig: Span) -> bool:
        """Whether a list is the whole subject of a symmetric trigger: it opens its clause (no marker before it)
        and only a kind noun, "等" and adverbs stand between it and the trigger ("A、B 等巨头也在争夺…")."""
        start = self.clause_start(group[0].start)
        before = [w for w in self.words(start, group[0].start) if w not in ("，", ",")]
        if any(w in _ZH_CLAUSE_MARKERS or w in _ZH_COMITATIVE or w == "来自" for w in before):
            return False
        between = self.words(group[-1].end, trig.start)
        return len(between) <= 5 and all(w in _FILLERS or w in _ZH_LIST_TAIL_WORDS or _is_zh_kind_noun(w)
                                         for w in between)

    def _carried_subject(self, trig: Span, partners: Sequence[Span], usable: Sequence[Span]) -> Span | None:
        """The subject a Chinese clause without one shares with an earlier clause of its sentence.

        "爱立信面临着选择，即主要与阿朗、诺西竞争": the mention that opens the nearest earlier clause with mentions (no
        marker, verb or preposition before it there). Rivals and partners are of one kind: "xAI 随后推出了 Grok，与
        OpenAI 的 ChatGPT 展开竞争" sets Grok, the product that clause names, against the product ChatGPT. Else the
        sentence subject. Only ``usable`` mentions count: a place ("北京大模型公司月之暗面") is no one's subject.
        """
        cid = self.clause.get(trig.start, -1)
        kinds = {m.label_ for m in partners if m.label_ != "Entity"}
        for earlier in range(cid - 1, -1, -1):
            inside = [m for m in usable if self.clause.get(m.start) == earlier]
            if not inside:
                continue
            first = inside[0]
            lead = [w for w in self.words(self.clause_start(first.start), first.start) if any(ch.isalnum() for ch in w)]
            # Time words, conjunctions and a dateline ("本报讯", "中国证券网讯") may open the clause.
            if not all(w in _FILLERS or w in _ZH_CLAUSE_OPENERS or w.isdigit() or w == "N" or
                       w.endswith(("年", "月", "日", "讯")) for w in lead) or self._is_adjunct(first):
                break
            same_kind = [m for m in inside if any(fits(m.label_, frozenset({k})) or fits(k, frozenset({m.label_}))
                                                  for k in kinds)]
            if kinds and first.label_ != "Entity" and first not in same_kind and same_kind:
                return same_kind[-1]
            return self._phrase_head(first, trig)
        return self._sentence_subject(trig)

    def _carried_group(self, subject: Span, trig: Span) -> list[Span]:
        """The subject an earlier clause lends a Chinese verb, with its list. "A 与 B 合作多年，去年又收购了 C": 与
        before B and a verb (not 均/分别/共同…) is a comitative, so the lent subject is A alone; "A 与 B 均已上市，
        并…" is a coordinated subject."""
        group = self.group_of(subject)
        if self.lang != "zh" or len(group) != 2 or self.same_clause(subject.start, trig.start) or \
                not set(self.words(group[0].end, group[1].start)) & {"与", "同", "跟"}:
            return group
        after = [w for w in self.words(group[-1].end, group[-1].end + 2) if w not in _FILLERS]
        if after[:1] and after[0] in _ZH_COORDINATE_TAILS:
            return group
        return [group[0]]

    def _sentence_subject(self, trig: Span) -> Span | None:
        """The entity that opens the sentence (a topic-prominent subject carried over commas); never a source
        ("据《华尔街日报》报道，Meta 已…": Meta)."""
        for mention in self.mentions:
            if mention.start in self.sources:
                continue
            if mention.start >= trig.start:
                return None
            lead = [t for t in self.doc[self.sent.start:mention.start] if not (t.is_punct or t.is_space)]
            if len(lead) <= 2:
                return self._phrase_head(mention, trig)
            return None
        return None

    def _phrase_head(self, mention: Span, trig: Span) -> Span:
        """The head of the noun phrase a mention opens: "阿里巴巴旗下的阿里云" → 阿里云, "特斯拉首席执行官埃隆·马斯克"
        → 埃隆·马斯克, "Nvidia chief executive Jensen Huang" → Jensen Huang; else the mention itself."""
        later = [m for m in self.mentions if mention.end <= m.start < trig.start and m.start - mention.end <= 4]
        if not later:
            return mention
        head = later[0]
        between = [w for w in self.words(mention.end, head.start)]
        if between and all(w in _ZH_POSSESSIVE or w in ("'s", "\u2019s") for w in between):
            return head
        roles = [t for t in self.trigger_spans if mention.end <= t.start and t.end <= head.start]
        if roles and all(_is_role_noun(t.text) or t.text.lower() in PARENT_NOUNS for t in roles) and \
                len(between) == sum(len(self.words(t.start, t.end)) for t in roles) + \
                sum(1 for w in between if w in _ZH_POSSESSIVE or w in ("'s", "\u2019s")):
            return head
        return mention

    def _zh_passive(self, left: list[Span], trig: Span) -> tuple[Span, Span | None] | None:
        """``Y 被 X 收购`` / ``Y 由 X 开发`` / ``由 X 开发的 Y`` / ``Y 获 X 投资``: (agent, patient or None)."""
        if trig.text in _ZH_POSSESSIVE:
            return None  # "Y 由 X 旗下的 Z 完成": 旗下 joins a noun phrase; the 由 belongs to the verb after it
        agent = left[-1]
        between = self.words(agent.end, trig.start)
        if any(w in _ZH_PASSIVE for w in between):
            return None  # marker after the nearest entity: "X 被收购" has no agent here
        group = self.group_of(agent)
        if agent.label_ == "Organization" and _is_zh_role_noun(trig.text) and \
                self._title_words(agent.end, trig.start, field=True) and \
                any(m.label_ == "Person" and self._title_words(trig.end, m.start) for m in self.mentions):
            # "由前 Google 工程师 A 开发": the marker governs the holder of the title, and the role noun reads
            # the organisation as the holder's employer, not as an agent.
            return None
        marker_at = self._marker_before(self._titled_start(group[0]), _ZH_PASSIVE)
        if marker_at is None:
            return None
        before = [m for m in left if m.end <= marker_at]
        patient = before[-1] if before else None
        return agent, patient

    def _titled_start(self, holder: Span) -> int:
        """Where the noun phrase of a title holder starts: "腾讯首席执行官马化腾", "前 Google 工程师 A" open with
        the organisation of the title, which is part of the holder's description, not another argument."""
        owners = [m for m in self.mentions if m.end <= holder.start and holder.start - m.end <= 4
                  and m.label_ == "Organization" and self.same_clause(m.start, holder.start)]
        if owners and any(owners[-1].end <= t.start and t.end <= holder.start and _is_zh_role_noun(t.text) and
                          self._title_words(owners[-1].end, t.start, field=True) and
                          self._title_words(t.end, holder.start)
                          for t in self.trigger_spans):
            return owners[-1].start
        return holder.start

    def _title_words(self, start: int, end: int, *, field: bool = False) -> bool:
        """Whether only a possessive and role nouns of a list of titles stand between two tokens ("腾讯的首席
        执行官", "Google 工程师"): nothing that names another argument or an action.

        ``field``: ``end`` is where a role noun starts, and up to two plain words naming its field may come first
        ("OpenAI 研究副总裁", "苹果软件工程高级副总裁"): no punctuation, marker, trigger or name among them.
        """
        triggers = {i for t in self.trigger_spans if _is_zh_role_noun(t.text) for i in range(t.start, t.end)}
        if field:
            plain = 0
            while end > start and plain < 2:
                word = self.w[end - 1]
                if word.isspace():
                    end -= 1
                    continue
                if any(ch in _ZH_CLAUSE_BREAKS for ch in word) or word in _ZH_CLAUSE_MARKERS or \
                        word in _ZH_POSSESSIVE or word in _ZH_ROLE_JOINERS or \
                        any(t.start <= end - 1 < t.end for t in self.trigger_spans) or \
                        any(m.start <= end - 1 < m.end for m in self.mentions):
                    break
                end, plain = end - 1, plain + 1
        return start <= end and all(self.w[i].isspace() or self.w[i] in _ZH_POSSESSIVE or
                                    self.w[i] in _ZH_ROLE_JOINERS or i in triggers for i in range(start, end))

    def _marker_before(self, start: int, markers: frozenset[str]) -> int | None:
        """Where a marker (被/由, 将/把/对) stands before the mention starting at ``start``, if one does.

        "由量化投资机构幻方量化出资设立", "对以色列网络设备商 Mellanox 的收购": a short description may stand between
        the marker and its mention, if it names no other entity (a place may qualify it) and stays in the clause.
        """
        at = start - 1
        while at >= self.sent.start and self.doc[at].is_space:
            at -= 1
        if at >= self.sent.start and self.doc[at].text in markers:
            return at
        look = at
        while look >= self.sent.start and at - look < 4 and self.doc[look].text not in markers and \
                self.doc[look].text not in _ZH_COPULA and self.clause.get(look, -1) == self.clause.get(start, -2) and \
                not any(m.start <= look < m.end and m.label_ != "Place" for m in self.mentions):
            look -= 1
        # 将 also means "will" ("这将是 Google 历史上…"): as a marker it stands right before its noun phrase.
        if look >= self.sent.start and self.doc[look].text in markers and self.doc[look].text != "将" and \
                self.clause.get(look, -1) == self.clause.get(start, -2):
            return look
        return None

    def _round_raiser(self, investor: Span, trig: Span) -> Span | None:
        """The company that raised the round an investor leads or joins ("X 完成新一轮融资，A 领投，B 跟投"): the
        last organisation before an earlier clause's 融资, in this sentence, other than the investors."""
        start = self.clause_start(investor.start)
        rounds = [i for i in range(self.sent.start, start) if self.w[i].endswith("融资")]
        if not rounds:
            return None
        at = rounds[-1]
        investors = {m.kb_id_ for m in self.group_of(investor)}
        before = [m for m in self.mentions if m.end <= at and m.label_ == "Organization" and
                  m.kb_id_ not in investors and at - m.end <= 12 and m.start not in self.sources]
        return before[-1] if before else None

    def _unnamed_disposal_object(self, mention: Span, trig: Span) -> bool:
        """Whether 把 (or 将 used as 把) stands between ``mention`` and ``trig`` with words but no name after it:
        "A 把该业务并入 B", not "A 将于明年并入 B" (将 as "will") nor "A 将与 B 合并"."""
        for i in range(mention.end, trig.start):
            word = self.w[i]
            if word not in ("把", "将") or not self.same_clause(i, trig.start):
                continue
            after = [w for w in self.words(i + 1, trig.start) if not w.isspace()]
            if not after or any(i < m.start and m.end <= trig.start for m in self.mentions):
                return False
            return word == "把" or after[0] not in _ZH_WILL_ADVERBIALS
        return False

    def _zh_disposal(self, left: list[Span], trig: Span) -> tuple[Span, Span | None] | None:
        """``X 将/把 Y (的发布) 推迟``: Y is the patient, X (or the sentence subject) the agent."""
        patient = left[-1]
        group = self.group_of(patient)
        at = self._marker_before(group[0].start, _ZH_OBJECT_MARKERS)
        if at is None:
            return None
        before = [m for m in left if m.end <= at]
        if before:
            return patient, before[-1]
        subject = self._sentence_subject(trig)
        return patient, subject if subject is not None and subject.kb_id_ != patient.kb_id_ else None

    def _zh_role_holder(self, left: list[Span], trig: Span, right: Span | None) -> Span | None:
        """``A 是 N(之一)``, no possessor: A holds the role a Chinese role noun names ("刘庆峰是创始人之一")."""
        if right is not None or not left or not _is_zh_role_noun(trig.text):
            return None
        holder = left[-1]
        if self.clause_start(trig.start) != self.clause_start(holder.start) or \
                any(m.end <= holder.start and self.same_clause(m.start, trig.start) for m in left):
            return None
        between = [self.w[i] for i in range(holder.end, trig.start) if not self.w[i].isspace()]
        # "刘庆峰是创始人之一", "黄仁勋至今仍担任首席执行官", "冯骥目前担任公司首席执行官": a copula or a verb of
        # taking office, a few adverbs before it, and at most "the company" after it.
        verbs = [k for k, w in enumerate(between) if w in _ZH_COPULA or w in _ZH_OFFICE_VERBS]
        if not verbs or verbs[0] > 3:
            return None
        return holder if all(w in _FILLERS or w in _ZH_OWN_ORG for w in between[verbs[0] + 1:]) else None

    def _zh_copula(self, left: list[Span], trig: Span, right: Span | None) -> tuple[Span, Span] | None:
        """``A 是 B 的 N``: B is the possessor (agent of the noun), A what the noun names (patient)."""
        if right is not None or not left:
            return None
        possessor = left[-1]
        roles = {i for t in self.trigger_spans if _is_zh_role_noun(t.text) for i in range(t.start, t.end)}
        between = [self.w[i] for i in range(possessor.end, trig.start)
                   if i not in self.bracketed and not self.w[i].isspace() and i not in roles]
        if not _is_zh_role_noun(trig.text) and self.words(trig.end, trig.end + 1) == ["的"]:
            # "A 是 B 在2023年11月推出的模型", "A 是 B 于去年发布的": a time adjunct inside the relative clause stands
            # between its agent and its verb.
            between = [w for w in between if not (w in _ZH_TIME_ADJUNCT_WORDS or w in _FILLERS or
                                                  any(ch.isdigit() for ch in w))]
            # "A 是 B 专门为中国市场设计的芯片": a manner adverb and a purpose phrase (为/针对/面向 …) stand between
            # the agent and the verb too; the purpose phrase runs up to the verb.
            purpose = next((k for k, w in enumerate(between) if w in _ZH_PURPOSE_PREPOSITIONS), None)
            if purpose is not None and not any(_is_zh_copula(w) for w in between[purpose + 1:]):
                between = between[:purpose]
            between = [w for w in between if w not in _ZH_MANNER_ADVERBS]
        elif trig.text.endswith("公司") and any(w in _ZH_POSSESSIVE for w in between):
            # "A 是 B 的云计算子公司": a business noun (one or two words, jieba splits 云计算) may qualify the
            # company noun.
            mark = max(k for k, w in enumerate(between) if w in _ZH_POSSESSIVE)
            kind = between[mark + 1:]
            if 0 < len(kind) <= 2 and len("".join(kind)) <= 4 and \
                    all("\u4e00" <= ch <= "\u9fff" for ch in "".join(kind)):
                between = between[:mark + 1]
        # "A 是 B 的联合创始人和前首席科学家": earlier coordinated roles and a time prefix (前, 原) keep the
        # possessor and holder of the last role.
        # A rank or kind may qualify the role too: "成为 B 的第二大流通股股东".
        if not all(w in _ZH_POSSESSIVE or w in _ZH_ROLE_JOINERS or w in _ZH_ROLE_TIME_PREFIXES or
                   _is_zh_role_modifier(w) for w in between):
            return None
        first_group = self.group_of(possessor)
        candidates = [m for m in left if m.end <= first_group[0].start]
        if candidates:
            head = candidates[-1]
            return (possessor, head) if any(_is_zh_copula(w) for w in self.words(head.end, first_group[0].start)) \
                else None
        # "深度求索成立于 2023 年，…，是幻方量化旗下的 AI 公司": a clause opening with 是 predicates the sentence subject.
        clause_words = self.words(self.clause_start(trig.start), first_group[0].start)
        subject = self._sentence_subject(trig)
        if clause_words and clause_words[0] in _ZH_COPULA and subject is not None and \
                subject.end <= self.clause_start(trig.start) and subject.kb_id_ != possessor.kb_id_:
            return possessor, subject
        return None

    def evidence(self, offset: int) -> tuple[str, int, int]:
        """The sentence text, stripped, with its character offsets in the whole document."""
        text = self.sent.text
        start = self.sent.start_char
        stripped_left = len(text) - len(text.lstrip())
        text = text.strip()
        start += stripped_left
        return text, offset + start, offset + start + len(text)


#: Relations between whole companies: what a verb of these acts on is a business part when the mention only owns it.
_WHOLE_COMPANY_RELATIONS = frozenset(["acquired", "mergedWith", "investedIn"])
#: Chinese business-part nouns: "英特尔将其 NAND 业务出售给…" sells a line of business, not a company named NAND.
_ZH_BUSINESS_PARTS = frozenset(["业务", "部门", "事业部", "业务部门", "板块", "资产", "工厂"])
#: Nouns that name an unnamed part of a company's business ("IBM's x86 server business").
_EN_BUSINESS_PARTS = frozenset(["business", "businesses", "unit", "units", "division", "divisions", "operations",
                                "operation", "arm", "assets", "segment", "subsidiary", "subsidiaries", "brand",
                                "brands", "factory", "factories", "plant", "plants"])

#: Kinds of software: what is "made by" a company is developed by it, not manufactured.
_EN_SOFTWARE_NOUNS = frozenset(["editor", "app", "apps", "application", "software", "tool", "tools", "model",
                                "models", "chatbot", "assistant", "platform", "service", "browser", "game", "games",
                                "program", "programme", "website", "site", "api", "agent", "library", "framework"])

#: Words of a Chinese time adjunct ("在2023年11月", "于去年底") besides digits and the fillers.
_ZH_TIME_ADJUNCT_WORDS = frozenset(["在", "于", "底", "初", "中旬", "上旬", "下旬", "年底", "年初", "月底", "月初",
                                    "N"])

_NOMINALISERS = frozenset(["的", "the", "its", "their", "his", "her"])
#: Words of the time and place adjuncts that may stand between a passive participle and its "by" ("founded in
#: early 1998 in Paris, France, by"); mentions (places) and numbers may too.
_EN_ADJUNCT_WORDS = frozenset(["in", "on", "at", "during", "around", "about", "circa", "c.", "early", "late", "mid",
                               "the", "of", ",", "january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december", "spring", "summer",
                               "autumn", "fall", "winter", "year", "years", "later", "jointly", "originally",
                               "primarily", "mainly", "partly"])
#: How many adjunct words may stand between a participle and "by", and description words between "by" and the name.
_MAX_ADJUNCT_GAP = 10
_MAX_AGENT_DESCRIPTION = 3
#: Words before "a ROLE" that give the role a holder: an apposition's comma, a copula, "as", "and".
_EN_ROLE_COPULAS = frozenset([",", "is", "was", "are", "were", "be", "been", "being", "as", "became", "becomes",
                              "become", "remains", "remained", "and", "also", "now", "then", "later"])
#: Prepositions a trigger phrase may end in ("partnered with", "invested in"): the argument after them is its own.
_EN_PREPOSITIONS = frozenset(["by", "of", "with", "to", "in", "on", "from", "against", "for", "at"])
#: How long an apposition inside a list may be ("a computer science professor at the Hebrew University").
_MAX_APPOSITION = 16
#: Words that may follow the last name of a noun-phrase list: prepositions and conjunctions of time, place
#: and manner ("taught at A and the B in Chicago", "… and the B until 2001").
_EN_PHRASE_ENDERS = frozenset(["in", "at", "on", "for", "from", "until", "till", "since", "between", "during",
                               "after", "before", "as", "with", "where", "when", "while", "and", "but", "respectively"])
#: First characters of a number written in digits or in Chinese ("130 亿", "一亿", "百亿", "两成", "半数").
_ZH_NUMBER_STARTS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两半数")
#: Prepositions that close a verb's direct object ("made a bid for X": X is not what was made).
_EN_PREPOSITIONS = frozenset(["for", "to", "with", "on", "in", "of", "from", "about", "against", "into"])
#: Verbs whose object, not their subject, does what a purpose infinitive after it says ("hired A to lead X").
_EN_OBJECT_CONTROL = frozenset(["hired", "hires", "hire", "appointed", "appoints", "named", "names", "tapped",
                                "taps", "asked", "asks", "invited", "invites", "recruited", "recruits", "poached",
                                "chose", "picked", "persuaded", "enlisted"])
#: What may join two coordinated participles: "developed by A and published by B", "designed by A, then sold by B".
_EN_COORDINATED_VERB_JOINTS = frozenset(["and", ",", "then", "later", "also", "was", "were", "is", "are", "but", "now",
                                          "still", "has", "have", "been"])
#: Nouns of creative works: one "produced" is made by its producer, not manufactured ("a telenovela produced by X").
#: ("series" is left out: a product line is a series too, "the Galaxy S series produced by Samsung".)
_EN_WORK_NOUNS = frozenset(["film", "films", "movie", "movies", "show", "shows", "programme", "program",
                            "documentary", "album", "albums", "single", "singles", "song", "songs", "record", "ep",
                            "sitcom", "sitcoms", "soap", "opera", "drama", "telenovela", "episode", "episodes",
                            "franchise", "musical", "anime", "cartoon", "podcast", "soundtrack"])
#: Verbs of leading and starting, which also say "cause" ("led to its collapse") and "begin" ("started playing
#: for X", "started his career with X"): then they name no leader and found nothing.
_EN_LEAD_VERBS = frozenset(["led", "leads", "lead", "leading"])
_EN_START_VERBS = frozenset(["started", "starts", "start", "starting"])
_EN_POSSESSIVE_PRONOUNS = frozenset(["his", "her", "their", "its", "my", "our", "your"])


def _is_aspectual_use(after: list[str], trigger: str) -> bool:
    """Whether a verb of leading or starting is used for causing or beginning, given the two words after it.

    >>> _is_aspectual_use(["to", "the"], "led"), _is_aspectual_use(["playing", "for"], "started")
    (True, True)
    >>> _is_aspectual_use(["his", "career"], "started"), _is_aspectual_use(["the", "company"], "started")
    (True, False)
    >>> _is_aspectual_use(["Brightline", "in"], "led"), _is_aspectual_use(["to", "work"], "started")
    (False, False)
    """
    verb = trigger.lower()
    words = [w.lower() for w in after]
    if verb in _EN_LEAD_VERBS:
        return words[:1] == ["to"]
    if verb in _EN_START_VERBS and words:
        return (words[0].endswith("ing") and words[0].isalpha() and len(words[0]) > 4) or \
            (words[0] in _EN_POSSESSIVE_PRONOUNS and words[1:2] == ["career"])
    return False


#: Nouns of an organisation's parts that may follow the part's name: "Alphabet's Waymo unit".
_EN_PART_NOUNS = frozenset(["unit", "subsidiary", "division"])
#: Verbs of joining: what they join decides whether the subject became an employee or a member.
_EN_JOIN_VERBS = frozenset(["joined", "join", "joins", "joining", "rejoined", "will join"])
#: Last words of the names of bodies people join as members: parties, armed forces, bands, clubs and teams.
_MEMBERSHIP_NAME_HEADS = frozenset(["Party", "Army", "Navy", "Force", "Forces", "Corps", "Legion", "Guard", "Militia",
                                    "Brigade", "Regiment", "Battalion", "Marines", "Club", "Team", "Band", "Movement",
                                    "Front", "Brotherhood", "Choir"])
#: Initials that mark a sports club's name ("Chelsea FC", "AC Milan", "Graz EC").
_CLUB_INITIALS = frozenset(["FC", "F.C.", "AFC", "A.F.C.", "CF", "SC", "AC", "EC", "SV", "FK", "HC", "BC", "RFC", "CFC"])
#: Nouns before a name that make it such a body: "joined the band Radiohead".
_MEMBERSHIP_NOUNS = frozenset(["band", "party", "club", "team", "army", "navy", "militia", "choir", "squad",
                               "side", "movement", "duo", "trio", "quartet"])


def _reduced_relative_agent(words: list[str]) -> bool:
    """Whether ``words`` (between a trigger and a mention) end in a common noun, a participle and "by": the mention
    is the agent of a participle that modifies the noun ("lines operated by", "chips made by").

    >>> _reduced_relative_agent(["lines", "operated", "by"]), _reduced_relative_agent(["the", "chips", "made", "by"])
    (True, True)
    >>> _reduced_relative_agent(["and", "published", "by"]), _reduced_relative_agent(["in", "2014", "by"])
    (False, False)
    >>> _reduced_relative_agent(["by"]), _reduced_relative_agent(["was", "later", "bought", "by"])
    (False, False)
    """
    if len(words) < 3 or words[-1] != "by":
        return False
    participle, noun = words[-2], words[-3]
    return (participle.endswith("ed") or participle in _EN_IRREGULAR_PARTICIPLES) and noun.isalpha() and \
        noun not in _BE_FORMS and noun not in _EN_NOT_NOUNS and not noun.endswith(("ly", "ed"))


def _object_of_preposition(words: list[str]) -> bool:
    """Whether ``words`` (between a mention and a participle) end in a preposition and a common noun ("runs on
    chips"), which the participle then describes. "of" is left out: "a line of phones made by X" describes X's line.

    >>> _object_of_preposition(["runs", "on", "chips"]), _object_of_preposition(["is", "a", "line", "of", "phones"])
    (True, False)
    >>> _object_of_preposition(["is", "a", "player"]), _object_of_preposition(["on"])
    (False, False)
    """
    return len(words) >= 2 and words[-2] in _EN_NOUN_PREPOSITIONS and words[-1].isalpha() and \
        words[-1] not in _BE_FORMS and words[-1] not in _EN_NOT_NOUNS and not words[-1].endswith("ly")


_EN_NOUN_PREPOSITIONS = frozenset(["on", "in", "with", "from", "using", "into", "onto", "against", "to", "via",
                                   "under", "over", "through"])
#: Irregular past participles that head a reduced relative clause ("chips made by TSMC").
_EN_IRREGULAR_PARTICIPLES = frozenset(["made", "built", "run", "owned", "held", "led", "written", "sold", "bought",
                                       "taken", "given", "known", "set", "begun", "drawn", "grown", "shown"])
#: Words before a participle that make it a verb of the clause, not a modifier of a noun.
_EN_NOT_NOUNS = frozenset(["and", "or", "but", "been", "being", "then", "also", "later", "first", "jointly", "once",
                           "now", "since", "both", "either", "not", "never", "were", "was", "is", "are", "be", "has",
                           "have", "had", "it", "he", "she", "they", "which", "who", "that", "originally", "partly",
                           "in", "on", "at", "of", "to", "for", "with", "as", "all"])


def _is_elliptical_predicate(words: list[str]) -> bool:
    """Whether ``words`` (after a subject) are a verb that stands for the verb phrase before it: "did too", "did
    so", "does as well", "followed suit", "later followed", "has too".

    >>> _is_elliptical_predicate(["did", "too", "."]), _is_elliptical_predicate(["also", "followed", "suit"])
    (True, True)
    >>> _is_elliptical_predicate(["followed", "."]), _is_elliptical_predicate(["has", "as", "well"])
    (True, True)
    >>> _is_elliptical_predicate(["did", "not", "comment"]), _is_elliptical_predicate(["followed", "the", "deal"])
    (False, False)
    >>> _is_elliptical_predicate(["has", "also", "invested"]), _is_elliptical_predicate([])
    (False, False)
    """
    while words and words[0] in _EN_SEQUENCE_ADVERBS:
        words = words[1:]
    if not words:
        return False
    verb, rest = words[0], words[1:3]
    ends = not rest or not rest[0][:1].isalpha()
    if verb in ("did", "does", "do"):
        return ends or rest[0] in ("too", "so", "likewise", "the", "as", "also", "similarly")
    if verb in ("followed", "follows", "follow"):
        return ends or rest[0] in ("suit", "too", "later", "soon", "shortly", "in", "on", "months", "weeks", "days")
    if verb in ("has", "have", "had", "was", "is", "will", "would"):
        return bool(rest) and (rest[0] in ("too", "likewise") or rest == ["as", "well"])
    return False


def _common_noun_compound(before: list[str], after: list[str]) -> bool:
    """Whether a participle is the head of a compound whose first part, a common noun, is its agent ("state-owned",
    "family-run", "venture-backed"), with no "by" after it that names one ("majority-owned by X" does).

    >>> _common_noun_compound(["state", "-"], ["monopoly"]), _common_noun_compound(["Google", "-"], ["YouTube"])
    (True, False)
    >>> _common_noun_compound(["majority", "-"], ["by"]), _common_noun_compound(["the"], ["company"])
    (False, False)
    """
    return len(before) == 2 and before[1] in _DASHES and before[0].isalpha() and before[0].islower() and \
        after[:1] != ["by"]


#: Words that may stand between a relative pronoun and its verb: "who later joined", "which has since been", "who
#: was a curator at".
_EN_RELATIVE_LEAD_WORDS = frozenset(["already", "also", "later", "then", "once", "first", "now", "still", "since",
                                     "had", "has", "have", "was", "were", "is", "are", "been", "would", "will",
                                     "a", "an", "the", "long"])
#: How far the closing part of a two-part trigger may follow its opening part, in tokens.
_CIRCUMFIX_GAP = 12


#: Last characters of Chinese role nouns: 创始人, 竞争者, 首席执行官, 董事长, 主席, 总裁, 总经理, 总监, 董事, 研究员, 对手,
#: 投资方, 合作伙伴, 股东, 工程师, 科学家.
_ZH_ROLE_SUFFIXES = frozenset("人者官长席裁理监事员手方伴东师家授")  # 授: 教授, 副教授


def _zh_name_words(ent: Span) -> Span:
    """The words of a Chinese name that may be a verb the tagger glued to it ("担任公司", "谷歌母公司").

    A head that is also a verb ends a company's short name ("泛海控股"); a full name, a name word then more words
    then a legal form ("新华联控股有限公司", "北京联想科技投资公司"), is a company's whatever its middle says, so
    only its first word may be a glued verb ("收购该集团" is two tokens, "宣布成立XX公司" starts with one).
    """
    if ent[-1].text in _ZH_ORG_NAME_HEADS:
        return ent[:-1]
    if len(ent) >= 3 and ent[-1].text.endswith(_ZH_COMPANY_FORMS):
        return ent[:1]
    return ent


#: Last characters of Chinese kind nouns after a list of companies: 企业, 公司, 巨头, 品牌, 厂商, 集团, 银行, 机构.
_ZH_KIND_SUFFIXES = ("企业", "公司", "巨头", "品牌", "厂商", "厂家", "集团", "银行", "机构", "运营商", "车企", "房企", "平台",
                     "药企", "酒企", "商")


def _is_zh_kind_noun(word: str) -> bool:
    """Whether a word names the kind of the companies listed before it ("企业", "互联网巨头", "运营商").

    >>> _is_zh_kind_noun("巨头"), _is_zh_kind_noun("国际石油巨头"), _is_zh_kind_noun("收购")
    (True, True, False)
    """
    return word.endswith(_ZH_KIND_SUFFIXES) and all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _is_zh_role_noun(phrase: str) -> bool:
    """Whether a Chinese trigger names a role (a noun, "创始人") rather than an action (a verb, "合并").

    >>> _is_zh_role_noun("联合创始人"), _is_zh_role_noun("首席执行官"), _is_zh_role_noun("合并")
    (True, True, False)
    """
    phrase = phrase.strip()
    return bool(phrase) and "\u4e00" <= phrase[-1] <= "\u9fff" and phrase[-1] in _ZH_ROLE_SUFFIXES


#: English agent-noun endings: founder, maker, investor, president, scientist, executive, chairman, employee.
_EN_AGENT_NOUN_ENDINGS = ("er", "ers", "or", "ors", "ent", "ents", "ist", "ists", "ive", "ives", "man", "men", "person",
                          "ee", "ees")
#: Titles written as initials: CEO, CTO, CFO, COO.
_EN_TITLE_INITIALS = frozenset(["ceo", "cto", "cfo", "coo", "chair", "head"])


#: Words that open a fronted adverbial clause: "After OpenAI released GPT-4, Microsoft's shares rose" ends that
#: clause at the comma, which opens no apposition of GPT-4.
_EN_FRONTED_CLAUSE_OPENERS = frozenset(["after", "before", "when", "while", "as", "since", "because", "although",
                                        "though", "if", "once", "until", "unless", "whereas"])


def _closes_fronted_clause(words: Sequence[str], sent_start: int, comma: int) -> bool:
    """Whether the comma at ``comma`` is the first of its sentence and the sentence opens with a subordinator.

    >>> w = "After OpenAI released GPT-4 , Microsoft 's shares rose .".split()
    >>> _closes_fronted_clause(w, 0, 4), _closes_fronted_clause("Orbis , Veltrano 's new phone .".split(), 0, 1)
    (True, False)
    """
    return words[sent_start].lower() in _EN_FRONTED_CLAUSE_OPENERS and \
        not any(words[k] in (",", ";") for k in range(sent_start, comma))


def _is_role_noun(phrase: str) -> bool:
    """Whether a trigger names the one who holds a role (创始人, founder, maker) rather than an action.

    >>> _is_role_noun("创始人"), _is_role_noun("co-founders"), _is_role_noun("chief executive"), _is_role_noun("CEO")
    (True, True, True, True)
    >>> _is_role_noun("acquired"), _is_role_noun("power"), _is_role_noun("chief executive of")
    (False, False, False)
    """
    words = phrase.lower().split()
    if not words:
        return False
    if _is_zh_role_noun(phrase):
        return True
    last = words[-1]
    return last.isascii() and (last in _EN_TITLE_INITIALS or (
        last.endswith(_EN_AGENT_NOUN_ENDINGS) and last not in _EN_NOT_AGENT_NOUNS))


#: Trigger words that end like agent nouns but are not ("power", "partner" is one, "offer" is not).
_EN_NOT_AGENT_NOUNS = frozenset(["power", "powers", "over", "under", "after", "better", "faster", "together", "other",
                                 "for", "order", "counter", "transfer", "offer", "consider", "prior", "major"])


#: Head nouns of courts: where a case is heard, not a party to it ("向北京知识产权法院提起诉讼", "sued him in the
#: Delaware Court of Chancery").
_ZH_VENUE_HEADS = ("法院", "法庭", "仲裁庭", "仲裁委员会")
_EN_VENUE_WORDS = frozenset(["court", "tribunal"])


def _is_venue(name: str) -> bool:
    """Whether a name is a court's, which hears claims but is no argument of one.

    >>> _is_venue("北京知识产权法院"), _is_venue("Delaware Court of Chancery"), _is_venue("Courtera"), _is_venue("腾讯")
    (True, True, False, False)
    """
    return name.endswith(_ZH_VENUE_HEADS) or bool(_EN_VENUE_WORDS & set(name.lower().split()))


def _phrase_parts(phrase: str) -> list[str]:
    """A trigger phrase split at its gap mark: "运行在…之上" has two parts, "收购" one.

    >>> _phrase_parts("运行在…之上"), _phrase_parts("paid … for"), _phrase_parts("收购")
    (['运行在', '之上'], ['paid', 'for'], ['收购'])
    """
    return [part.strip() for part in phrase.split("\u2026") if part.strip()]


def _role_domain_then_at(words: list[str]) -> bool:
    """Whether the words between a role noun and a mention name the role's field, then ``at`` or ``for`` its
    employer.

    "head of analytics, data and innovation at Morgan Stanley", "vice president of engineering at Acme", "a
    columnist for the Daily Courier": the field is a short run of nouns (commas and ``and`` may list several); a
    verb or a clause word in between ("the Roomba maker, blaming the European Commission") means the mention
    belongs elsewhere.

    >>> _role_domain_then_at(["analytics", ",", "data", "and", "innovation", "at"])
    True
    >>> _role_domain_then_at(["blaming", "the"]), _role_domain_then_at(["at"]), _role_domain_then_at(["at", "the"])
    (False, True, True)
    >>> _role_domain_then_at(["for"]), _role_domain_then_at(["of", "sports", "for", "the"])
    (True, True)
    """
    if words[-1:] == ["the"]:
        words = words[:-1]  # "a professor at the University of Oslo"
    if not words or words[-1] not in ("at", "for") or len(words) > _MAX_ROLE_FIELD_WORDS:
        return False
    return all(w in (",", "and", "&") or (w.isalpha() and w.islower() and not w.endswith(("ing", "ed")) and
                                          w not in _EN_SUBORDINATORS and w not in _EN_RELATIVE_PRONOUNS)
               for w in words[:-1])


#: A role's field ("head of analytics, data and innovation at") is a few words; more is another clause.
_MAX_ROLE_FIELD_WORDS = 8


#: Words of a copula or a verb of holding an office: "is", "was also", "serves as", "became", "has been".
_EN_COPULA_WORDS = frozenset(["is", "was", "are", "were", "be", "been", "has", "have", "had", "also", "now",
                              "currently", "still", "then", "later", "serves", "served", "serving", "as", "became",
                              "becomes", "become", "remains", "remained", "the"])


def _is_copula(words: list[str]) -> bool:
    """Whether the words between a person and a possessed role make the person its holder.

    >>> _is_copula(["is"]), _is_copula(["serves", "as"]), _is_copula(["has", "also", "been"]), _is_copula(["met"])
    (True, True, True, False)
    >>> _is_copula(["as"]), _is_copula([])
    (False, False)
    """
    return 0 < len(words) <= 4 and all(w in _EN_COPULA_WORDS for w in words) and \
        any(w not in ("as", "the", "also", "now", "currently", "still", "then", "later") for w in words)


def _is_possessive_marker(words: list[str]) -> bool:
    """Whether the words between two mentions make the first the possessor of the second.

    Besides 's and 的, a word of generation or novelty may follow the possessor or replace 的: "英伟达新一代
    Blackwell", "华为的下一代麒麟", "Apple's new iPhone", "Nvidia's next-generation Blackwell".

    >>> _is_possessive_marker(["的"]), _is_possessive_marker(["新一代"]), _is_possessive_marker(["'s", "new"])
    (True, True, True)
    >>> _is_possessive_marker(["和"]), _is_possessive_marker([]), _is_possessive_marker(["new"])
    (False, False, False)
    """
    joined = "".join(words).replace("\u2019", "'")
    if joined in ("'s", "的"):
        return True
    # "Sony, whose PlayStation console …": the relative possessive stands for the name before the comma.
    if joined.lower() == ",whose":
        return True
    if joined.startswith("'s"):
        return " ".join(words[1:]).lower() in _EN_GENERATION_WORDS
    return joined.removeprefix("的") in _ZH_GENERATION_WORDS


#: Nouns of what is owned rather than made, between a possessor and a name: "Sprint's prepaid brand Boost Mobile".
_OWNED_KINDS = frozenset(["brand", "brands", "app", "label", "品牌", "应用", "子品牌"])
#: Nouns of a company a person owns ("Musk's rocket company SpaceX"); a company's "company" is its subsidiary.
_PERSON_OWNED_KINDS = frozenset(["company", "start-up", "startup", "firm", "公司"])


def _owned_kind(words: list[str]) -> str | None:
    """The noun of an owned thing that ends a possessive before a name, with up to two modifiers between:
    "'s prepaid brand", "'s artificial intelligence start-up", "的短视频应用"; else None.

    >>> _owned_kind(["'s", " ", "prepaid", " ", "brand", " "]), _owned_kind(["的", "短视频", "应用"])
    ('brand', '应用')
    >>> _owned_kind(["'s", " ", "new", " ", "model", " "]), _owned_kind(["and", " ", "brand"])
    (None, None)
    """
    parts = [w.replace("\u2019", "'") for w in words if not w.isspace()]
    if len(parts) < 2 or parts[0] not in ("'s", "的") or len(parts) > 4:
        return None
    noun = parts[-1].lower()
    modifiers = parts[1:-1]
    if noun not in _OWNED_KINDS | _PERSON_OWNED_KINDS or not all(
            m.islower() or not m.isascii() for m in modifiers):
        return None
    return noun


#: Words that may stand between a possessive pronoun and the name it owns: "its new GPT Store", "其新款 X".
#: Possessive pronouns that stand for an organisation before a noun ("its chief executive", "其创始人").
_POSSESSIVE_PRONOUN_WORDS = frozenset(["its", "其"])
#: Words between a possessive pronoun and a role noun that leave the role the pronoun's ("its longtime chief
#: executive", "its former president").
_ROLE_FILLERS = frozenset(["longtime", "long-time", "former", "current", "then", "new", "interim", "first", "own",
                           # "its largest shareholder", "its biggest backer", "its main rival"
                           "largest", "biggest", "main", "major", "second-largest", "single", "early",
                           "longest-serving", "principal", "controlling", "key"])


def _role_possessor(doc: Doc, trig: Span, sent_start: int) -> Span | None:
    """The organisation a possessive pronoun right before a role noun stands for ("its chief executive"), as
    the one-token span of the pronoun, or None.

    >>> from graph.mentions import MentionFinder
    >>> from graph.schema import load_schema
    >>> finder = MentionFinder(load_schema())
    >>> doc = finder(finder.nlp("en")("Mobileye grew fast. Amnon Shashua, its longtime chief executive, spoke."))
    >>> _role_possessor(doc, doc[9:11], 4).kb_id_.rsplit("/", 1)[-1]
    'mobileye'
    """
    words = words_of(doc)
    j = trig.start - 1
    while j > sent_start and words[j].lower() in _ROLE_FILLERS:
        j -= 1
    if j < sent_start or words[j].lower() not in _POSSESSIVE_PRONOUN_WORDS:
        return None
    return possessor_of(doc, j)


_POSSESSIVE_FILLERS = frozenset(["new", "latest", "newest", "next-generation", "own", "新一代", "下一代", "新款", "最新款"])
#: Words of generation or novelty that may sit between a maker and its product ("英伟达新一代 Blackwell").
_ZH_GENERATION_WORDS = frozenset(["新一代", "下一代", "最新一代", "新款", "最新款", "新一代的", "下一代的",
                                  # "英伟达最新的 B200": novelty, like 新一代, between the maker and the product.
                                  "最新的", "最新"])
#: Nouns that close a Chinese adverbial of circumstance ("在没有…的情况下", "在未…的前提下") before the verb.
_ZH_CIRCUMSTANCE_NOUNS = frozenset(["情况下", "前提下", "条件下"])
#: "own" stresses the possessor without changing it: "Google's own Bard", "its own Exynos chips".
_EN_GENERATION_WORDS = frozenset(["new", "latest", "next-generation", "next - generation", "newest", "own"])


def _is_zh_copula(word: str) -> bool:
    """A copula, alone or after an adverb jieba keeps with it ("仍为", "也是", "现为").

    >>> _is_zh_copula("是"), _is_zh_copula("仍为"), _is_zh_copula("认为"), _is_zh_copula("成为")
    (True, True, False, True)
    """
    return word in _ZH_COPULA or (len(word) == 2 and word[1] in "是为" and word[0] in _ZH_COPULA_ADVERBS)


#: Adverbs jieba may join to a following 是/为: still, also, all, then, already, now, and.
_ZH_COPULA_ADVERBS = frozenset("仍也都均即则已现还亦又就并皆乃")


def _is_zh_role_modifier(word: str) -> bool:
    """A rank or kind before a role noun: "第一大股东", "前十大股东", "主要股东", "流通股股东".

    >>> _is_zh_role_modifier("第二"), _is_zh_role_modifier("大"), _is_zh_role_modifier("流通股")
    (True, True, True)
    >>> _is_zh_role_modifier("竞争"), _is_zh_role_modifier("第")
    (False, False)
    """
    if word in _ZH_ROLE_MODIFIERS:
        return True
    core = word.removesuffix("大")
    return len(core) >= 2 and core[0] in "第前" and all(ch in _ZH_NUMERALS for ch in core[1:])


_ZH_NUMERALS = frozenset("一二三四五六七八九十两0123456789")
_ZH_ROLE_MODIFIERS = frozenset(["大", "最", "最大", "主要", "唯一", "单一", "重要", "流通", "流通股", "战略", "机构", "新",
                                "全资", "控股"])


#: Prepositions of purpose or audience inside a relative clause ("专门为中国市场设计的", "面向企业推出的").
_ZH_PURPOSE_PREPOSITIONS = frozenset(["为", "专为", "针对", "面向"])
#: Manner adverbs between the agent of a relative clause and its verb ("B 专门开发的", "B 自主研发的").
_ZH_MANNER_ADVERBS = frozenset(["专门", "自主", "独立", "自行", "单独", "特别", "联合", "共同"])
#: Words before a role noun that date it: "前首席科学家" (former), "现任董事长" (current), "首任总裁" (first).
_ZH_ROLE_TIME_PREFIXES = frozenset(["前", "原", "现任", "首任", "时任", "曾任"])
#: Words that join the roles of one holder: "常务董事、…董事长", "主席兼首席执行官", "创始人及首席执行官".
_ZH_ROLE_JOINERS = frozenset(["、", "兼", "及", "和", "以及", "同时", "兼任"])
#: How far apart two listed roles may stand (a short organisation name or unit may sit between).
_MAX_ROLE_LIST_GAP = 6


def _is_zh_unit_word(word: str) -> bool:
    """Whether a word may name a unit between listed roles ("终端", "云与智慧产业事业群"): Chinese or Latin letters.

    >>> _is_zh_unit_word("终端"), _is_zh_unit_word("BG"), _is_zh_unit_word("，")
    (True, True, False)
    """
    return word.isalnum()


def _every_pair(group: Sequence[Span]) -> tuple[_Arg, _Arg]:
    """Both sides of every pair of a list, each against each ("A、B、C 三足鼎立", "the rivalry between A and B")."""
    pairs = [(a, b) for k, a in enumerate(group) for b in group[k + 1:]]
    return _Arg([a for a, _ in pairs]), _Arg([b for _, b in pairs])


def _trigger_arguments(ctx: _Sentence, trig: Span, trigger: Trigger, spec: RelationSpec) -> tuple[_Arg, _Arg, float]:
    """(agent, patient, confidence penalty) of a trigger; a recipient trigger's agent is the relation's subject,
    the name after its closing part (so the inverse flip, which it never has, leaves them in place)."""
    if trigger.recipient:
        subject, obj = ctx.recipient_arguments(trig, _phrase_parts(trigger.phrase)[-1], spec)
        return subject, obj, 0.0
    return ctx.arguments(trig, spec, inverse=trigger.inverse)


def _closed_within(doc: Doc, end: int, closer_starts: Sequence[int]) -> bool:
    """Whether a closing part starts soon after ``end`` with no clause break between (two-part triggers)."""
    for start in closer_starts:
        if end < start <= end + _CIRCUMFIX_GAP and not any(
                doc[i].text in _ZH_CLAUSE_BREAKS or doc[i].text in (",", ".", ";") for i in range(end, start)):
            return True
    return False


#: What follows a frame verb whose object is a whole clause: "宣布，…", "announced: …", "announced that …".
_FRAME_OPENERS = frozenset(["，", ",", "：", ":", "that"])


def _gapped_claims(ctx: _Sentence, trig: Span, claims: list[Claim], schema: Schema) -> list[Claim]:
    """Claims of later conjuncts that leave the passive verb out (gapping).

    "Call of Duty is published by Activision, World of Warcraft by Blizzard and Candy Crush by King": after
    "P is VERBed by A", each ", P2 by A2" (also ", and" or "and") repeats the verb for a new pair.

    >>> from graph.build import extract
    >>> sorted(c.triple_names for c in extract(
    ...     "Windows is developed by Microsoft, Android by Google and iOS by Apple."))  # doctest: +NORMALIZE_WHITESPACE
    [('Android', 'developedBy', 'Google'), ('Windows', 'developedBy', 'Microsoft'), ('iOS', 'developedBy', 'Apple')]
    """
    if not claims:
        return []
    by_start = {m.start: m for m in ctx.mentions}
    agents = [m for m in ctx.mentions if m.start > trig.end and ctx.words(trig.end, m.start) == ["by"]]
    patients = [m for m in ctx.mentions if m.end <= trig.start]
    if not agents or not patients:
        return []
    agent = agents[0]
    out: list[Claim] = []
    for claim in claims:
        if claim.inferred or agent.kb_id_ not in (claim.subject, claim.object):
            continue
        agent_is_subject = claim.subject == agent.kb_id_
        spec = schema.relations.get(claim.relation)
        at = agent.end
        while True:
            # ", P2 by A2" / ", and P2 by A2" / "and P2 by A2": a conjunct that repeats only the arguments.
            i = at
            while i < ctx.sent.end and ctx.w[i].strip() in (",", "and", ""):
                i += 1
            patient2 = by_start.get(i) if i > at else None
            if patient2 is None:
                break
            j = patient2.end
            while j < ctx.sent.end and ctx.w[j].isspace():
                j += 1
            k = j + 1
            while k < ctx.sent.end and ctx.w[k].isspace():
                k += 1
            agent2 = by_start.get(k) if j < ctx.sent.end and ctx.w[j] == "by" else None
            if agent2 is None:
                break
            if spec is not None and (agent_is_subject and spec.accepts(agent2.label_, patient2.label_) or
                                     not agent_is_subject and spec.accepts(patient2.label_, agent2.label_)):
                subject, obj = (agent2, patient2) if agent_is_subject else (patient2, agent2)
                out.append(replace(claim, subject=subject.kb_id_, subject_name=ctx.names.get(subject.kb_id_, subject.text),
                                   subject_type=subject.label_, object=obj.kb_id_,
                                   object_name=ctx.names.get(obj.kb_id_, obj.text), object_type=obj.label_,
                                   confidence=round(claim.confidence * 0.9, 3)))
            at = agent2.end
    return out


#: Words that list a holder's posts after an office verb ("曾任 A 副总裁、B 总裁", "历任 A 董事及 B 总经理").
_ZH_POST_LIST_JOINERS = frozenset(["、", "和", "及", "以及"])
#: How many words a post may take after its organisation ("全球执行副总裁", "总裁兼首席运营官").
_MAX_POST_WORDS = 5


def _post_after(ctx: _Sentence, at: int, names: set[int]) -> int | None:
    """Where the post named right after an organisation ends ("百度[总裁兼首席运营官]"), or None when the words
    after it are no post: up to a few letters-only words ending in a role noun, with no name among them."""
    last_role: int | None = None
    k = at
    while k < ctx.sent.end and k - at < _MAX_POST_WORDS and k not in names:
        word = ctx.w[k]
        if word.isspace():
            k += 1
            continue
        if not _is_zh_unit_word(word) and word != "兼":
            break
        if _is_zh_role_noun(word):
            last_role = k + 1
        k += 1
    return last_role


def _listed_posts(ctx: _Sentence, trig: Span, claims: list[Claim], schema: Schema) -> list[Claim]:
    """Claims for the later posts of a list after a Chinese office verb: "陆奇曾任微软执行副总裁、百度总裁" says he
    worked for Baidu too. Each further item must be an organisation, then its post, joined by 、/和/及.

    >>> from graph.build import extract
    >>> sorted(c.triple_names for c in extract("张伟曾任阿里巴巴首席技术官、蚂蚁集团董事长。"))
    [('张伟', 'worksFor', '蚂蚁集团'), ('张伟', 'worksFor', '阿里巴巴')]
    >>> sorted(c.triple_names for c in extract("张伟曾任阿里巴巴首席技术官，蚂蚁集团今天宣布了新产品。"))
    [('张伟', 'worksFor', '阿里巴巴')]
    """
    spec = schema.relations.get("worksFor")
    if trig.text not in _ZH_OFFICE_VERBS or spec is None:
        return []
    by_start = {m.start: m for m in ctx.mentions}
    names = {i for m in ctx.mentions for i in range(m.start, m.end)}
    out: list[Claim] = []
    for claim in claims:
        if claim.relation != "worksFor" or claim.inferred:
            continue
        employer = next((m for m in ctx.mentions if m.start >= trig.end and m.kb_id_ == claim.object), None)
        if employer is None:
            continue
        seen = {claim.object}
        end = _post_after(ctx, employer.end, names)
        while end is not None:
            k = end
            while k < ctx.sent.end and ctx.w[k].isspace():
                k += 1
            if k >= ctx.sent.end or ctx.w[k] not in _ZH_POST_LIST_JOINERS:
                break
            k += 1
            while k < ctx.sent.end and ctx.w[k].isspace():
                k += 1
            nxt = by_start.get(k)
            if nxt is None or not spec.accepts(claim.subject_type, nxt.label_):
                break
            end = _post_after(ctx, nxt.end, names)
            if end is not None and nxt.kb_id_ not in seen:
                seen.add(nxt.kb_id_)
                out.append(replace(claim, object=nxt.kb_id_, object_name=ctx.names.get(nxt.kb_id_, nxt.text),
                                   object_type=nxt.label_, confidence=round(claim.confidence * 0.95, 3)))
    return out


def _elliptical_claims(ctx: _Sentence, trig: Span, claims: list[Claim], schema: Schema) -> list[Claim]:
    """Claims of a later clause whose verb stands for the trigger's: "Amazon invested in Anthropic, and Google did
    too" says Google invested in Anthropic. The new subject takes the place of the argument before the trigger
    (its subject, or the patient of a passive: "X was bought by A, and Y was too").

    >>> from graph.build import extract
    >>> sorted(c.triple_names for c in extract("Amazon invested in Anthropic, and Google did too."))
    [('Amazon', 'investedIn', 'Anthropic'), ('Google', 'investedIn', 'Anthropic')]
    """
    subjects = [m for m in ctx.mentions if m.start > trig.end and ctx.elliptical_subject(m) and
                set(ctx.words(m.start - 2, m.start)) & {",", "and", "but", "while"} and
                # "…, and Google did so with Gemma": a clause that names its own object is not a plain repeat.
                not any(o.start >= m.end and ctx.same_clause(m.start, o.start) for o in ctx.mentions)]
    out: list[Claim] = []
    for new in subjects:
        before = {m.kb_id_ for m in ctx.mentions if m.end <= trig.start and ctx.same_clause(m.start, trig.start)}
        for claim in claims:
            spec = schema.relations.get(claim.relation)
            if claim.inferred or spec is None or new.kb_id_ in (claim.subject, claim.object):
                continue
            if claim.subject in before and claim.object not in before and spec.accepts(new.label_, claim.object_type):
                out.append(replace(claim, subject=new.kb_id_, subject_name=ctx.names.get(new.kb_id_, new.text),
                                   subject_type=new.label_, confidence=round(claim.confidence * 0.9, 3)))
            elif claim.object in before and claim.subject not in before and \
                    spec.accepts(claim.subject_type, new.label_):
                out.append(replace(claim, object=new.kb_id_, object_name=ctx.names.get(new.kb_id_, new.text),
                                   object_type=new.label_, confidence=round(claim.confidence * 0.9, 3)))
    return out


def _with_readings_for(ctx: _Sentence, spec: RelationSpec) -> _Sentence:
    """The sentence with each "it"/"它" read as the entity of the kind the relation takes, where only the other
    reading fits either role ("GitHub previewed Copilot. … it runs on Codex": only a product runs on a model)."""
    def fits_either(span: Span) -> bool:
        return fits(span.label_, spec.domain) or fits(span.label_, spec.range)

    mentions = []
    for mention in ctx.mentions:
        alt = other_reading(mention)
        lone = alt is not None and len(ctx.group_of(mention)) == 1  # not listed with names, as in _pronoun_readings
        mentions.append(alt if alt is not None and lone and not fits_either(mention) and fits_either(alt)
                        else mention)
    if all(a is b for a, b in zip(mentions, ctx.mentions, strict=True)):
        return ctx
    return _Sentence(ctx.doc, ctx.sent, mentions, ctx.lang, sources=ctx.sources, trigger_spans=ctx.trigger_spans)


def _pronoun_readings(subject: Span, obj: Span, spec: RelationSpec) -> tuple[Span, Span]:
    """A pair the relation's types reject, with a pronoun read as the other kind of entity where that fits: "The
    company built it" is a product developed by the company, not a company developed by another."""
    for s, o in ((other_reading(subject), obj), (subject, other_reading(obj))):
        if s is not None and o is not None and s.kb_id_ != o.kb_id_ and spec.accepts(s.label_, o.label_):
            return s, o
    return subject, obj


def _compared_readings(subjects: list[Span], objects: list[Span],
                       spec: RelationSpec) -> tuple[list[Span], list[Span]]:
    """Both sides of a comparison with a lone pronoun read as the kind of entity it is compared with.

    A relation whose two sides take the same classes (outperforms, competesWith) compares like with like: "它 …
    超过了 Llama 2" after "星河科技开源了 Lumi-20B" is the model beating a model, not the company; "It beat
    Google in cloud sales" stays the company. The first name of the other side decides (the nearest one, which
    a list's later members follow). Relations of different domain and range are left to their types.

    >>> import spacy
    >>> from graph.schema import load_schema
    >>> from graph.mentions import OTHER_READING_KEY
    >>> doc = spacy.blank("en")("It beat Gemma.")
    >>> doc.user_data[OTHER_READING_KEY] = {0: ("lumi", "AIModel")}
    >>> it = Span(doc, 0, 1, label="Organization", kb_id="nimbus")
    >>> gemma = Span(doc, 2, 3, label="AIModel", kb_id="gemma")
    >>> spec = load_schema().relations["outperforms"]
    >>> [s.kb_id_ for s in _compared_readings([it], [gemma], spec)[0]]
    ['lumi']
    >>> [s.kb_id_ for s in _compared_readings([it], [Span(doc, 2, 3, label="Organization", kb_id="g")], spec)[0]]
    ['nimbus']
    """
    if spec.domain != spec.range or not subjects or not objects:
        return subjects, objects

    def organisation(span: Span) -> bool:
        return span.label_ == "Organization"

    def reread(lone: list[Span], other: Span) -> list[Span]:
        alt = other_reading(lone[0]) if len(lone) == 1 else None
        if alt is None or other.label_ == "Entity" or alt.kb_id_ == other.kb_id_:
            return lone
        if organisation(lone[0]) != organisation(other) and organisation(alt) == organisation(other):
            return [alt]
        return lone

    return reread(subjects, objects[0]), reread(objects, subjects[0])


def _narrowest_readings(claims: list[Claim], schema: Schema) -> list[Claim]:
    """Claims of one trigger phrase, without a reading that a narrower relation gives for the same pair.

    A phrase the schema lists under several relations ("旗下": owns and subsidiaryOf) is ambiguous only where
    the types allow both: between two organisations the relation with the narrower domain and range
    (subsidiaryOf, organisation to organisation) is the one meant, while "字节跳动旗下的抖音" (a product)
    fits owns alone and keeps it.

    >>> from graph.schema import load_schema
    >>> schema = load_schema()
    >>> def claim(relation: str, subject: str, obj: str) -> Claim:
    ...     return Claim(doc_id="d", relation=relation, subject=subject, subject_name=subject,
    ...                  subject_type="Organization", object=obj, object_name=obj, object_type="Organization",
    ...                  polarity="positive", modality="asserted", confidence=0.8, inferred=False,
    ...                  evidence="", start=0, end=0, trigger="旗下", extractor="rules")
    >>> [c.relation for c in _narrowest_readings([claim("owns", "P", "C"), claim("subsidiaryOf", "C", "P")],
    ...                                          schema)]
    ['subsidiaryOf']
    >>> [c.relation for c in _narrowest_readings([claim("owns", "P", "C")], schema)]
    ['owns']
    """
    def breadth(claim: Claim) -> int:
        spec = schema.relations.get(claim.relation)
        return len(spec.domain) + len(spec.range) if spec else 0

    kept = []
    for claim in claims:
        pair = {claim.subject, claim.object}
        if "Entity" in (claim.subject_type, claim.object_type):
            kept.append(claim)  # an untyped name fits every reading: the types cannot tell which one is meant
            continue
        # Polarity and modality must agree: only the relation is in doubt, not what the sentence says of it.
        if not any(other.relation != claim.relation and {other.subject, other.object} == pair and
                   other.polarity == claim.polarity and breadth(other) < breadth(claim) for other in claims):
            kept.append(claim)
    return kept


def _governing_triggers(triggers: list[tuple[Span, Trigger]], doc: Doc) -> list[tuple[Span, Trigger]]:
    """Drop triggers that only frame or are governed by another one in the same stretch of text.

    "宣布推迟 X" is a delay, not an announcement of X; "推迟 Sora 的发布" / "delayed the release of X" / "推迟发布 X"
    is a delay, not a release.
    """
    starts = {span.start for span, _ in triggers}
    # "推迟发布 X", "delayed releasing X": the event a delay verb governs is not itself asserted; nor is what a
    # test verb governs ("灰度测试接入 X 的搜索功能" tests the hook-up, it does not yet run on X).
    delayed_next = set()
    for span, trigger in triggers:
        if trigger.relation in ("delayed", "betaTested"):
            nxt = span.end
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            delayed_next.add(nxt)
    out = []
    for span, trigger in triggers:
        if span.start in delayed_next and trigger.relation not in ("delayed", "betaTested"):
            continue
        nxt = span.end
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt in starts and trigger.relation == "announced" and not any(
                s.start == nxt and t.relation == "released" for s, t in triggers):
            # A frame verb directly before another trigger ("宣布推迟 X"); announcing a launch ("宣布推出 X") is
            # still an announcement of the product, and the launch too.
            continue
        if trigger.relation == "announced" and nxt < len(doc) and doc[nxt].lower_ in _FRAME_OPENERS:
            continue  # "谷歌宣布，…", "announced that …": a speech act whose content has triggers of its own
        prev = span.start - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        if prev >= 0 and doc[prev].lower_ in _NOMINALISERS:
            earlier = [s for s, t in triggers if s.end <= span.start and span.start - s.end <= 8
                       and t.relation != trigger.relation
                       # a Chinese clause break ends the governed phrase ("…旗下的海思设计，海思是华为的全资子公司")
                       and not any(doc[i].text in "\u3002.;\uff1b!?\uff01\uff1f\uff0c" for i in range(s.end, span.start))]
            if earlier:
                continue
        out.append((span, trigger))
    return out


def _prefixed_sources(mentions: list[Span], cues: list[tuple[Span, Cue]],
                      triggers: Sequence[Span] = ()) -> frozenset[int]:
    """Mentions right after "according to" / "据" that name who speaks ("据腾讯介绍，…", "据路透社报道").

    A trigger in the prefixed phrase before its clause ends makes the mention its argument instead: "根据雀巢与
    阿里巴巴的合作规划，…" is the plan of a partnership, and the two companies are its partners.
    """
    out = set()
    for span, cue in cues:
        if cue.kind != "attribution-prefix":
            continue
        after = [m for m in mentions if span.end <= m.start <= span.end + 2]
        if not after:
            continue
        source = after[0]
        words = words_of(source.doc)
        close = source.end
        while close < len(words) and close < source.sent.end and words[close] not in _ZH_CLAUSE_BREAKS and \
                words[close] not in (",", ".", ";"):
            close += 1
        speech = [c.start for c, k in cues if k.kind == "attribution" and source.end <= c.start < close]
        said_at = min(speech) if speech else close
        # "according to Ashley Still, a vice president at Adobe": an English apposition describes the source; a
        # role trigger in it makes the source that claim's argument, so the apposition belongs to the phrase.
        # Only a role noun counts there ("…, a vice president at Adobe"): "according to Nvidia, the B200 beats
        # the H100" opens the reported clause itself.
        if not speech and close < source.sent.end and words[close] == "," and close + 1 < len(words) and \
                words[close + 1].lower() in _EN_APPOSITION_OPENERS:
            end = close + 1
            while end < source.sent.end and words[end] not in (",", ".", ";"):
                end += 1
            if any(close < t.start < end and _is_role_noun(t.text.removesuffix(" of")) for t in triggers):
                continue
        if not any(source.end <= t.start < said_at for t in triggers):
            out.add(source.start)
    return frozenset(out)


#: Nouns of a report passed on: "据多家媒体报道", "据市场消息", "据外媒报导".
_ZH_REPORT_NOUNS = ("报道", "报导", "消息")
#: Prepositions after 将 that make it the future ("将与 OpenAI 合作", "将在 Siri 中接入"), not the object marker.
_ZH_FUTURE_PREPOSITIONS = frozenset(["在", "向", "对", "为", "于", "从", "由", "被"])
#: Verbs after a plan cue that say a state goes on: "will remain chief executive", "将继续担任董事长".
_CONTINUATION_VERBS = frozenset(["remain", "stay", "continue", "继续", "仍", "依然", "留任"])


def _modality(ctx: _Sentence, trig: Span, cues: Iterable[tuple[Span, Cue]], *,
              left_end: int | None = None, title_start: int | None = None,
              relation: str | None = None) -> tuple[Polarity, Modality]:
    """Polarity and modality from cue phrases scoped over the trigger.

    A negation counts only between the trigger and its left argument ("X did not acquire Y"), so a "not" in a
    quoted clause before the subject does not leak into the next claim. ``title_start``: where a title
    ("Microsoft chief executive Satya Nadella") starts; a title is presupposed, so a hedge or plan before it
    ("…will join Microsoft, Microsoft chief executive Satya Nadella said") does not reach it. ``relation``: the
    claim's relation, for cues the schema limits to some relations (``kg:cueRelation``).
    """
    clause_start = ctx.clause_start(trig.start)
    negated = hedged = planned = False
    for span, cue in cues:
        if cue.kind not in ("negation", "hedge", "plan") or not cue.applies_to(relation):
            continue
        # A cue inside the trigger phrase ("will join") scopes over it like one before it.
        before_trigger = span.end <= trig.start or trig.start <= span.start < span.end <= trig.end
        in_scope = (
            (cue.scope == "before" and before_trigger and span.start >= clause_start)
            or (cue.scope == "sentence" and before_trigger)
            or (cue.scope == "after" and span.start >= trig.end)
            or (cue.scope == "clause-after" and span.start >= trig.end and ctx.same_clause(trig.start, span.start))
        )
        if not in_scope:
            continue
        if cue.kind in ("hedge", "plan") and title_start is not None and span.end <= title_start:
            continue
        # An apposition is presupposed like a title: in "Amazon will invest in Anthropic, the start-up behind
        # Claude" or "… on Trainium, chips designed by Amazon" the plan is the investment, not who made Claude.
        if cue.kind in ("hedge", "plan") and span.end <= trig.start and _apposition_between(ctx, span.end, trig):
            continue
        if cue.kind == "plan" and ctx.words(span.end, span.end + 1) and \
                ctx.words(span.end, span.end + 1)[0].lower() in _CONTINUATION_VERBS:
            continue  # "will remain chief executive", "将继续担任董事长": the state holds now, it is not planned
        # "谷歌将 Gemini 的发布推迟": 将 before a noun phrase marks the object, not the future.
        # 将 right before the trigger ("宣布，将收购优步中国") is the future whatever follows the verb.
        if cue.kind == "plan" and cue.phrase in ("将", "把") and span.end != trig.start and \
                (ctx.words(span.end, span.end + 1) or [""])[0] not in _ZH_COMITATIVE | _ZH_FUTURE_PREPOSITIONS and \
                any(m.start in (span.end, span.end + 1) for m in ctx.mentions):
            continue
        if cue.kind == "negation" and cue.scope == "before" and left_end is not None and span.start < left_end:
            continue
        if cue.kind == "negation" and cue.scope == "before" and \
                any(noun in "".join(ctx.words(span.end, trig.start)) for noun in _ZH_CIRCUMSTANCE_NOUNS):
            # "在没有举行发布会的情况下开售了 X": the negation sits in an adverbial of circumstance that closes
            # before the verb; it negates that circumstance, not the sale.
            continue
        if cue.kind == "negation" and cue.scope == "before" and span.end < trig.start and \
                ctx.words(span.end, trig.start) and ctx.words(trig.end, trig.end + 1) in (["后"], ["之后"], ["以后"]):
            # "没有披露合并后的用户总数": the trigger dates a noun ("after the merger"), inside the object of the
            # verb the negation denies (披露), so the merger itself is not denied.
            continue
        if cue.kind == "negation":
            # "not only" adds, it does not negate.
            nxt = ctx.doc[span.end].lower_ if span.end < len(ctx.doc) else ""
            if nxt not in ("only", "just", "仅", "仅仅", "只"):
                negated = not negated if cue.phrase in ("nor",) else True
        elif cue.kind == "hedge":
            hedged = True
        else:
            planned = True
    # "据 X 报道/消息，…": a claim passed on from a report is hedged, like "reportedly"; so is one from reports
    # of no named source, a word jieba keeps with the report noun ("据多家媒体报道", "据市场消息").
    prefixes = [span for span, cue in cues if cue.kind == "attribution-prefix" and span.end <= trig.start]
    reports = [span for span, cue in cues if cue.kind == "attribution" and span.end <= trig.start
               and span.text in ("报道", "reported", "消息")]
    reported = any(p.end <= r.start for p in prefixes for r in reports) or any(
        w.endswith(_ZH_REPORT_NOUNS) for p in prefixes if p.start >= ctx.sent.start
        for w in ctx.words(p.end, min(trig.start, p.end + 4)))
    # An explicit hedge outranks a plan ("reportedly plans to"); a plan outranks a second-hand report.
    modality: Modality = "hedged" if hedged else "planned" if planned else "hedged" if reported else "asserted"
    return ("negative" if negated else "positive"), modality


#: Words after the last named member of an English list whose other members go unnamed.
_EN_OPEN_LIST_TAILS = (("and", "others"), (",", "and", "others"), ("and", "other"), (",", "and", "other"),
                       ("and", "many", "others"), ("among", "others"), (",", "among", "others"),
                       ("and", "several", "others"), ("and", "more"))
#: Words that open an English apposition after a comma: "Anthropic, the start-up behind Claude".
_EN_APPOSITION_OPENERS = frozenset(["the", "a", "an"])


def _apposition_between(ctx: _Sentence, start: int, trig: Span) -> bool:
    """Whether the English trigger sits in an apposition that opens after token ``start``: ", the/a/an … TRIGGER"
    ("…, the head of Microsoft Gaming") or a reduced relative ", NOUN designed by" ("…, chips designed by Amazon").
    Chinese has no such comma apposition; the check is English only."""
    if ctx.lang == "zh" and not ctx.is_english:
        return False
    w = ctx.w
    for i in range(max(start, ctx.sent.start), trig.start):
        if w[i] != ",":
            continue
        after = [j for j in range(i + 1, trig.start) if not w[j].isspace()]
        if after and w[after[0]].lower() in _EN_APPOSITION_OPENERS:
            return True
        # ", chips designed by": at most two words, then a participle with its "by" agent.
        if len(after) <= 2 and all(w[j].isalpha() and w[j].islower() for j in after) and \
                trig.text.lower().endswith("ed") and trig.end < len(w) and w[trig.end].lower() == "by":
            return True
    return False


#: Plural nouns of a company's people: a company name before them only says where they worked.
_EN_STAFF_NOUNS = frozenset(["staff", "staffers", "employees", "engineers", "researchers", "scientists",
                             "executives", "veterans", "alumni", "workers"])
#: "runs on" reads as basedOn for a model under a product ("Copilot runs on Codex"), not for a device under a model.
_EN_RUNS_ON = frozenset(["runs on", "run on", "running on"])
#: Nouns of consumer hardware that a model or app runs on: "runs on Samsung's Galaxy S25 phones".
_EN_DEVICE_NOUNS = frozenset(["phone", "phones", "smartphone", "smartphones", "handset", "handsets", "laptop",
                              "laptops", "tablet", "tablets", "headset", "headsets", "device", "devices", "pc",
                              "pcs", "watch", "watches", "console", "consoles"])


def _attribution(ctx: _Sentence, trig: Span, cues: Iterable[tuple[Span, Cue]]) -> Span | None:
    """Who the sentence says makes the claim: "X 表示/said …", "…, X said", "according to X", "据 X"."""
    best: tuple[int, Span] | None = None
    for span, cue in cues:
        candidate: Span | None = None
        if cue.kind == "attribution":
            before = [m for m in ctx.mentions if m.end <= span.start and span.start - m.end <= 2]
            after = [m for m in ctx.mentions if m.start >= span.end and m.start - span.end <= 1]
            if before:
                candidate = before[-1]
            elif after and span.start > trig.end:
                candidate = after[0]
        elif cue.kind == "attribution-prefix":
            after = [m for m in ctx.mentions if m.start >= span.end and m.start - span.end <= 2]
            if after:
                candidate = after[0]
        if candidate is not None and candidate.label_ in _SPEAKER_TYPES:
            distance = abs(span.start - trig.start)
            if best is None or distance < best[0]:
                best = (distance, candidate)
    return best[1] if best else None
