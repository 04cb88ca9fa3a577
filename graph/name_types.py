"""What kind of thing an unlisted name is, from the name and the words around it.

A name no entity list has starts as ``Entity``; relations check their domain and range, so knowing that
"Scarlett Johansson" is a person and "Runway" (in "the video start-up Runway") an organisation keeps a person
from being "developed by" a company and lets "X, the app started by Y" find its founder. The evidence, most
specific first:

* a description next to the name: "the video start-up Runway", "Runway, a start-up", "Copilot, a tool";
* a role or title before it: "chief executive Jane Roe", "Dr. Jane Roe", "actress Scarlett Johansson";
* a common given name as its first word, in a two- or three-word name: "Jeff McMillan", "Douglas Chen";
* a life's dates or birth after it ("Ross Alger (August 20, 1920 – …)", "… was born in"): a person;
* an organisation's kind as the head of a multi-word name: "Royal Canadian Air Force", "University of Toronto".

>>> import spacy
>>> doc = spacy.blank("en")("The video start-up Runway hired Douglas Chen, and Copilot, a tool, shipped.")
>>> [infer_type(doc.char_span(a, b, label="Entity")) for a, b in ((19, 25), (32, 44), (50, 57))]
['Organization', 'Person', 'Product']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Span

from graph.nlp import text_of

#: Head nouns that describe an organisation or a product ("the start-up X", "X, a chatbot").
_ORG_HEADS = frozenset([
    "company", "firm", "start-up", "startup", "lab", "laboratory", "maker", "chipmaker", "carmaker", "automaker",
    "manufacturer", "developer", "group", "giant", "conglomerate", "retailer", "carrier", "operator", "bank",
    "fund", "investor", "agency", "regulator", "publisher", "studio", "unit", "subsidiary", "division",
    "newspaper", "outlet", "broadcaster", "university", "institute", "foundation", "nonprofit", "non-profit",
    "organisation", "organization", "consortium", "exchange", "insurer", "brokerage", "provider", "supplier",
    "foundry", "rival", "competitor", "partner", "owner", "parent", "unicorn", "incumbent", "vendor", "chain",
    "site", "website", "journal", "magazine"])
_PRODUCT_HEADS = frozenset([
    "model", "chatbot", "bot", "assistant", "app", "application", "tool", "service", "platform", "product",
    "chip", "processor", "accelerator", "gpu", "phone", "smartphone", "handset", "device", "headset", "system",
    "software", "browser", "engine", "editor", "agent", "game", "console", "car", "vehicle", "robot", "drone",
    "feature", "api", "operating", "language", "framework", "library", "series", "family", "generator", "brand",
    "franchise", "voice"])
_PERSON_ROLES = frozenset([
    "ceo", "cto", "cfo", "coo", "chief", "executive", "founder", "co-founder", "cofounder", "president",
    "chairman", "chairwoman", "chair", "director", "head", "researcher", "scientist", "engineer", "professor",
    "analyst", "investor", "actress", "actor", "singer", "author", "writer", "journalist", "reporter",
    "lawyer", "attorney", "judge", "senator", "minister", "secretary", "governor", "mayor", "spokesperson",
    "spokesman", "spokeswoman", "officer", "manager", "partner", "mr", "ms", "mrs", "dr", "sir", "dame",
    "prof", "economist", "entrepreneur", "billionaire", "designer", "programmer", "developer", "businessman",
    "businesswoman"])
#: Common given names (English and international, as written in English news); a two- or three-word
#: capitalised name starting with one is a person's.
_GIVEN_NAMES_TEXT = """
aaron abigail adam adrian ahmed aidan aisha alan albert alejandro alex alexander alexandra alexis alfred ali
alice alicia allison amanda amber amelia amit amy ana andre andrea andreas andrew andy angela angelina anil
anita ann anna anne anthony antonio anuj arjun arthur ashley ashok audrey austin barbara barry ben benjamin
bernard beth betty bill billy bob bobby bonnie brad bradley brandon brenda brian bruce bryan caitlin calvin
cameron carl carla carlos carmen carol caroline carolyn catherine charles charlie charlotte chen cheryl chris
christian christina christine christopher cindy claire clara claudia clement colin connor craig cristina
cynthia dale dan daniel daniela danielle dario david dean deborah debra demis dennis derek diana diane diego
dmitri dominic donald donna doris dorothy douglas dylan eddie edward eileen elaine eleanor elena eli elijah
elizabeth ella ellen elon emad emily emma emmett eric erica erik erin ethan eugene eva evan evelyn fan felix
fernando fiona frances francesca francis francisco frank fred frederick gabriel gabriela gary gavin gene
george georgia gerald gina giovanni gloria gordon grace greg gregory guillaume gustavo hannah harold harry
hassan heather helen helena henry holly howard hugo ian ilya irene isaac isabel isabella ivan jack jackie
jacob jacqueline jake james jamie jan jane janet janice jared jason javier jay jean jeff jeffrey jennifer
jenny jensen jeremy jerry jesse jessica jim jimmy joan joanna joe joel johan john johnny jon jonathan jordan
jorge jose joseph josh joshua joy joyce juan judith judy julia julian julie justin kai karen karl kate
katherine kathleen kathryn kathy katie kayla keith kelly ken kenneth kevin kim kimberly kirk kristen kyle
lana larry laura lauren lawrence leah lee leo leon leonard leslie liam lily linda lisa logan lois lorenzo
louis louise lucas lucy luis luke lynn madison marc marco marcus margaret maria marie marilyn mario mark
martha martin mary mason matt matthew maureen max megan melissa michael michelle miguel mike mila miles
mira mohammed mohammad monica morgan muhammad mustafa nadia nancy naomi narendra natalie nathan neil nicholas
nick nicole nikhil nina noah noam nora norman olga oliver olivia omar oscar owen pablo pamela paolo pat
patricia patrick paul paula pedro peggy peter philip phillip pierre pooja priya rachel rafael raj rajesh
ralph ramon randy ravi ray raymond rebecca reed reid richard rick rita rob robert roberto robin rodney roger
rohan ron ronald rose roy ruby russell ruth ryan sabrina sally sam samantha samuel sandra sara sarah satya
scott sean sebastian sergey shane shannon sharon shawn sheila sheryl shirley simon sofia sophia sophie
stacy stanley stefan stephanie stephen steve steven stuart sundar susan suzanne sylvia tamara tanya ted
teresa terry theodore theresa thomas tiffany tim timothy tina todd tom tommy tony tracy travis trevor tyler
valerie vanessa varun victor victoria vijay vikram vincent virginia vivek walter wanda warren wayne wendy
william willie xavier yann yasmin yuki yusuf zachary zoe
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())


def infer_type(span: Span) -> str:
    """The class of an unlisted name: Organization, Product or Person when the text says so, else its label."""
    text = text_of(span.doc)
    # Whitespace words, so "start-up" and "co-founder" stay whole whatever the tokenizer did with hyphens.
    before = text[max(0, span.start_char - 60):span.start_char].split()[-3:]
    after = text[span.end_char:span.end_char + 60]
    heads = [w.lower().strip(".") for w in before]
    if heads and not heads[-1].endswith(("'s", "’s", ",", ";", ":")):
        # "the video start-up Runway", "chief executive Jane Roe": the word just before the name.
        kind = _kind(heads[-1])
        if kind:
            return kind
    # "Runway, a start-up that …", "Copilot, a tool that …": an appositive right after it.
    if after.startswith(","):
        words = after[1:].split()
        if words and words[0].lower() in ("a", "an", "the"):
            for raw in words[1:5]:
                word = raw.lower().rstrip(",.;:")
                if word in ("that", "which", "who", "with", "of", "for", "in", "from", "by"):
                    break
                kind = _kind(word)
                if kind:
                    return kind
                if raw.endswith((",", ".", ";", ":")):
                    break
    kind = _zh_cue(before[-1] if before else "", after) or _en_cue_after(before, after)
    if kind:
        return kind
    # "a voice called Sky", "three models named Haiku": the noun before "called" says what the name is.
    if len(heads) >= 2 and heads[-1] in ("called", "named", "dubbed"):
        kind = _kind(heads[-2]) or (_kind(heads[-2][:-1]) if heads[-2].endswith("s") else None)
        if kind:
            return kind
    # "Jane Roe, who runs …": "who" is said of people; "Halo was developed by …": made things are products.
    if re.match(r",\s+who\b", after):
        return "Person"
    if re.match(r"\s+(?:is|was|were|are|has been|had been)\s+(?:\w+ly\s+)?(?:developed|published|designed|released)"
                r"\s+by\b", after):
        return "Product"
    names = span.text.split()
    if 2 <= len(names) <= 3 and names[0].lower() in GIVEN_NAMES and all(n[:1].isupper() for n in names):
        return "Person"
    # "Ross Alger (August 20, 1920 – January 5, 1992)", "Jane Roe (born 1950)", "Jane Roe was born in …": a life's
    # dates or birth after the name are said of people only.
    if _LIFE_AFTER.match(after):
        return "Person"
    # "Royal Canadian Air Force", "Lakefield College School", "University of Toronto": a multi-word name whose
    # head is a kind of organisation.
    if len(names) > 1 and names[-1].isalpha() and (names[-1] in ORG_NAME_HEADS or any(
            head in ORG_NAME_HEADS and word in ("of", "for", "on") for head, word in pairwise(names))):
        return "Organization"  # also "Hebrew University of Jerusalem", "National Academy of Sciences"
    if _MODEL_NUMBER.match(span.text):
        return "Product"  # letters and digits in one word ("Qwen2.5-72B", "V3", "H800"): a product or model
    return span.label_


#: Chinese descriptions ending right before a name ("网络设备商 Mellanox", "聊天机器人 Pi", "联合创始人 Jane Roe"),
#: matched as the end of the preceding run of characters, since Chinese writes the noun phrase without spaces.
_ZH_BEFORE = (
    ("Organization", ("公司", "机构", "设备商", "制造商", "供应商", "运营商", "厂商", "芯片商", "媒体", "集团", "实验室",
                      "银行", "基金", "大学", "研究院", "研究所", "企业", "工作室", "交易所", "出版社", "组织", "期刊", "杂志",
                      "报纸")),
    ("Product", ("应用", "机器人", "芯片", "手机", "平台", "浏览器", "游戏", "软件", "处理器", "助手", "模型")),
    ("Person", ("创始人", "首席执行官", "首席科学家", "首席技术官", "负责人", "总裁", "董事长", "总经理", "教授", "研究员",
                "工程师", "分析师", "演员", "作家", "CEO", "CTO")))
#: Chinese words right after a name that say what it is: "Edge 浏览器", "Hopper 架构"; "Acme 公司", "Acme 创始人",
#: "Acme 旗下" (only an organisation has a founder, a chief executive or things under it). "芯片" and "手机" after a
#: name are left out: "寒武纪芯片" are a company's chips as often as a chip's name.
_ZH_AFTER = re.compile(r"^\s*(?:(?P<product>浏览器|架构|系列|大模型|模型|平台|排行榜|榜单)|(?P<org>公司|旗下|创始人|联合创始人|首席执行官|董事长))")
#: English product nouns right after a name ("its EyeQ chips", "the Roomba maker"); only after a determiner or a
#: possessive, since "Acme chips" with nothing before is as often the chips a company makes.
_EN_AFTER_PRODUCT = frozenset(["chip", "processor", "browser", "app", "chatbot", "platform", "smartphone", "phone",
                               "handset", "headset", "console", "software", "maker", "model", "assistant", "robot",
                               "vacuum", "architecture", "series", "engine"])
_DETERMINERS = frozenset(["its", "their", "his", "her", "whose", "the", "a", "an", "our", "new", "latest", "this"])
#: "Acme's chief executive", "Acme's co-founder": a role held at the name, so the name is an organisation.
_EN_ROLE_AT = re.compile(r"^['’]s\s+(?:(?:new|former|then|current)\s+)?(?:chief\s+executive|chief\s+technology"
                         r"|ceo|cto|cfo|founder|co-?founder|chairman|chairwoman|board|shareholders|employees"
                         r"|headquarters)\b", re.IGNORECASE)


def _zh_cue(previous: str, after: str) -> str | None:
    """A Chinese description before the name or a Chinese head word after it.

    >>> _zh_cue("以色列网络设备商", ""), _zh_cue("", " 浏览器。"), _zh_cue("", " 旗下的"), _zh_cue("去年", "")
    ('Organization', 'Product', 'Organization', None)
    >>> _zh_cue("学术期刊《", "》本周"), _zh_cue("据", " 报道，")
    ('Organization', 'Organization')
    """
    # "期刊《自然》", "游戏《黑神话》": the description stands before the title's opening bracket.
    previous = previous.rstrip("《“「\"")
    if previous.endswith("据") and re.match(r"\s*(?:》|”|」)?\s*(?:报道|称|援引)", after):
        return "Organization"  # "据 The Information 报道": a report is a newspaper's
    if previous and "\u4e00" <= previous[-1] <= "\u9fff" or previous.endswith(("CEO", "CTO")):
        for kind, suffixes in _ZH_BEFORE:
            if previous.endswith(suffixes):
                return kind
    found = _ZH_AFTER.match(after)
    if found:
        return "Product" if found.group("product") else "Organization"
    return None


def _en_cue_after(before: list[str], after: str) -> str | None:
    """An English product noun or a role after the name.

    >>> _en_cue_after(["Its"], " chips are used"), _en_cue_after([], " chips are used")
    ('Product', None)
    >>> _en_cue_after(["the"], " maker, blaming"), _en_cue_after(["at"], "'s chief executive said")
    ('Product', 'Organization')
    """
    if _EN_ROLE_AT.match(after):
        return "Organization"
    if before and before[-1].lower() in _DETERMINERS and re.match(r"\s+(?:group|lab|team|studio)s?\b", after):
        return "Organization"  # "the CompVis group", "the Quillbox lab"
    words = after.split()
    if before and words and not after[:1].isalnum() and (
            before[-1].lower() in _DETERMINERS or before[-1].endswith(("'s", "’s"))):
        word = words[0].rstrip(",.;:").lower()
        if word in _EN_AFTER_PRODUCT or (word.endswith("s") and word[:-1] in _EN_AFTER_PRODUCT):
            return "Product"
    return None


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_LIFE_AFTER = re.compile(
    r"^\s*(?:\(\s*(?:born\b|b\.\s|(?:\d{1,2}\s+)?" + _MONTH + r"\b[^()]{0,12}?\d{4}\s*[–-]|"
    r"(?:c\.\s*)?\d{4}\s*[–-]\s*(?:\d{4}\s*)?\)|\d{4}\s*[–-]\s*" + _MONTH + r")|(?:was|is)\s+born\b)")
#: Last words of multi-word organisation names ("… Air Force", "… College School", "… Records"); with "of" after
#: them, first words ("University of …", "Ministry of …").
ORG_NAME_HEADS = frozenset([
    "University", "College", "School", "Academy", "Institute", "Party", "Army", "Navy", "Force", "Forces", "Corps",
    "Committee", "Council", "Commission", "Agency", "Ministry", "Department", "Bureau", "Authority", "Association",
    "Society", "Club", "League", "Union", "Federation", "Confederation", "Records", "Studios", "Pictures",
    "Entertainment", "Airlines", "Airways", "Motors", "Press", "Orchestra", "Bank", "Railway", "Railways",
    "Company", "Corporation", "Group", "Organization", "Organisation", "Foundation", "Trust", "Guild", "Senate",
    "Parliament", "Assembly", "Congress", "Court", "Police", "Network", "Broadcasting", "Magazine",
    "Newspaper", "Times", "Post", "Gazette", "Herald", "Tribune", "Journal", "Insurance", "Industries", "Brewery",
    "Hospital", "Laboratory", "Laboratories", "Team", "Ensemble", "Choir", "Legion", "Capital", "Partners",
    "Ventures", "Holdings", "Labs", "Technologies", "Management"])
_MODEL_NUMBER = re.compile(r"^(?=[^ ]*[A-Za-z])(?=[^ ]*\d)(?![^ ]*-(?:based|born)$)[A-Za-z][\w.+-]*$")


def _kind(word: str) -> str | None:
    if word in _ORG_HEADS:
        return "Organization"
    if word in _PRODUCT_HEADS:
        return "Product"
    if word in _PERSON_ROLES:
        return "Person"
    return None


#: What may stand between two names of one list: "A, B and C", "A、B 和 C", "A or B".
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s*、\s*|,?\s+(?:and|or)\s+|\s*(?:和|与|及|以及|或)\s*)$")
_CONJUNCTION = re.compile(r"、|\b(?:and|or)\b|和|与|及|或")


def list_kinds(ents: Sequence[Span], kinds: Sequence[str]) -> list[str]:
    """Each name's kind, untyped names in a list taking the one kind the list's typed names share.

    A list joins things of one kind ("UC Berkeley, Carnegie Mellon and Acme", "A、B 和 C"), so an unlisted name
    among organisations is one. Lists whose typed names disagree, or that have no conjunction (", " alone is as
    often an apposition: "Acme, Paris") or only two names joined by ", and" (two clauses, as often), teach
    nothing; nor does a person paired with one other name ("Jane Roe and Acme" are often the two sides of a case).

    >>> import spacy
    >>> doc = spacy.blank("en")("Amazon and Acme said so; Jane Roe and Zork met.")
    >>> ents = [doc[0:1], doc[2:3], doc[6:8], doc[9:10]]
    >>> list_kinds(ents, ["Organization", "Entity", "Person", "Entity"])
    ['Organization', 'Organization', 'Person', 'Entity']
    >>> list_kinds(ents, ["Organization", "Entity", "Entity", "Entity"])
    ['Organization', 'Organization', 'Entity', 'Entity']
    >>> doc = spacy.blank("en")("Jane Roe, John Doe and Zork met.")
    >>> list_kinds([doc[0:2], doc[3:5], doc[6:7]], ["Person", "Person", "Entity"])
    ['Person', 'Person', 'Person']
    >>> doc = spacy.blank("en")("Go by Acme, and Zork by Bob.")
    >>> list_kinds([doc[2:3], doc[5:6]], ["Organization", "Entity"])
    ['Organization', 'Entity']
    """
    order = sorted(range(len(ents)), key=lambda i: ents[i].start_char)
    text = text_of(ents[0].doc) if ents else ""
    out = list(kinds)
    groups: list[list[int]] = []
    for n, i in enumerate(order):
        if n and _LIST_GAP.match(text[ents[order[n - 1]].end_char:ents[i].start_char]):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if len(group) < 2:
            continue
        gaps = "".join(text[ents[a].end_char:ents[b].start_char] for a, b in pairwise(group))
        known = {kinds[i] for i in group if kinds[i] != "Entity"}
        # Two names joined by ", and" are as often two clauses ("… by Blizzard, and Candy Crush by King").
        if len(known) == 1 and _CONJUNCTION.search(gaps) and not (len(group) == 2 and "," in gaps):
            kind = known.pop()
            if kind == "Person" and len(group) == 2:
                continue  # "a suit between Jane Roe and Acme": a person and one other party is a common pair
            for i in group:
                if out[i] == "Entity":
                    out[i] = kind
    return out
