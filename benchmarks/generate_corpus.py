"""Generate synthetic news corpora (Chinese, English or mixed) for build-speed benchmarks.

Sentences come from our own templates (releases, investments, acquisitions, partnerships, lawsuits, hires,
hedged and negated variants, and background sentences with numbers and no relation), filled with names from
``schemas/entities.ttl`` plus invented company and person names. The output is deterministic for a seed and is
streamed to disk one document at a time, so 1 GB needs no more memory than 1 MB.

Usage::

    python benchmarks/generate_corpus.py --lang zh --size 5MB --seed 1 [--out DIR] [--format txt|jsonl]

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     summary = generate_corpus(Path(tmp) / "c", lang="en", size_bytes=20_000, seed=1)
...     summary.documents > 3, summary.bytes_written >= 20_000
(True, True)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
ENTITIES_TTL = REPO / "schemas" / "entities.ttl"
CORPORA_DIR = REPO / "benchmarks" / "corpora"

Lang = Literal["zh", "en", "mixed"]
LANGS: tuple[Lang, ...] = ("zh", "en", "mixed")
#: Documents per sub-folder: a 1 GB corpus has ~300,000 files and one flat folder of that size is slow to list.
FILES_PER_FOLDER = 1000

_KG = "https://w3id.org/claimgraph/ontology#"
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1000, "KB": 1000, "M": 1000**2, "MB": 1000**2, "G": 1000**3, "GB": 1000**3}


class CorpusFormat(str, Enum):
    """How documents are written: one ``.txt`` file each (first line the title) or one ``corpus.jsonl``."""

    TXT = "txt"
    JSONL = "jsonl"


def parse_size(text: str) -> int:
    """Bytes from ``5MB``, ``500kB``, ``1GB`` or a plain number (decimal units, as ``du --si`` prints).

    >>> parse_size("5MB"), parse_size("1.5kb"), parse_size("1GB"), parse_size("300")
    (5000000, 1500, 1000000000, 300)
    """
    match = _SIZE.match(text)
    if not match or match.group(2).upper() not in _UNITS:
        raise ValueError(f"size {text!r} is not understood; expected a number with an optional unit "
                         "B, kB, MB or GB, e.g. 5MB")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


@dataclass(slots=True)
class NamePool:
    """Entity names by kind and language, the real ones from the gazetteer plus invented ones."""

    org: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    person: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    product: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    place: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})

    def pick(self, rng: random.Random, kind: str, lang: str) -> str:
        """A name of ``kind`` (org, person, product, place) for text in ``lang``.

        >>> pool = NamePool(org={"en": ["Acme"], "zh": ["艾克美"]})
        >>> pool.pick(random.Random(1), "org", "zh")
        '艾克美'
        """
        names: list[str] = getattr(self, kind)[lang] or getattr(self, kind)["en"]
        return rng.choice(names)


_KIND_OF_CLASS = {"Organization": "org", "Person": "person", "Product": "product", "AIModel": "product",
                  "Place": "place"}


def load_gazetteer_names(path: Path = ENTITIES_TTL) -> NamePool:
    """Labels and aliases of the known entities in ``path``, by kind and language tag.

    >>> pool = load_gazetteer_names()
    >>> "OpenAI" in pool.org["en"], "英伟达" in pool.org["zh"]
    (True, True)
    """
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    pool = NamePool()
    kinds: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, _RDF_TYPE, None):
        kind = _KIND_OF_CLASS.get(str(getattr(quad.object, "value", "")).removeprefix(_KG))
        if kind and isinstance(quad.subject, ox.NamedNode):
            kinds[quad.subject.value] = kind
    for predicate in (_RDFS_LABEL, _ALT_LABEL):
        for quad in store.quads_for_pattern(None, predicate, None):
            kind = kinds.get(quad.subject.value) if isinstance(quad.subject, ox.NamedNode) else None
            literal = quad.object
            if kind and isinstance(literal, ox.Literal) and literal.language in ("en", "zh"):
                names = getattr(pool, kind)[literal.language]
                if literal.value not in names:
                    names.append(literal.value)
    for kind in ("org", "person", "product", "place"):
        for names in getattr(pool, kind).values():
            names.sort()  # the store's order is not guaranteed; the corpus must not depend on it
    return pool


_EN_STEMS = ("Nova", "Quant", "Lumen", "Vector", "Helix", "Orbit", "Cobalt", "Aster", "Pixel", "Cipher", "Zephyr",
             "Kestrel", "Falcon", "Granite", "Vertex", "Sable", "Tidal", "Ember", "Atlas", "Nimbus")
_EN_TAILS = ("Labs", "AI", "Robotics", "Systems", "Technologies", "Networks", "Software", "Dynamics")
_EN_FIRST = ("Alice", "Brian", "Carla", "David", "Elena", "Frank", "Grace", "Henry", "Irene", "James", "Karen",
             "Liam", "Maya", "Noah", "Olivia", "Peter", "Rosa", "Samuel", "Tara", "Victor")
_EN_LAST = ("Anderson", "Baker", "Chen", "Dawson", "Evans", "Fischer", "Garcia", "Hughes", "Ivanov", "Jensen",
            "Kumar", "Lopez", "Morgan", "Nakamura", "Okafor", "Patel", "Reyes", "Schmidt", "Turner", "Wang")
_ZH_STEMS = ("星河", "云图", "深蓝", "智源", "天枢", "远景", "灵犀", "极光", "磐石", "青藤", "鲲鹏", "凌云",
             "澜舟", "赛博", "北辰", "量子", "启明", "墨子", "瀚海", "蓝鲸")
_ZH_TAILS = ("科技", "智能", "集团", "科技有限公司", "实验室", "研究院", "资本")
_ZH_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"
_ZH_GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英",
             "建华", "志强", "海燕", "晓东")


def invent_names(pool: NamePool, rng: random.Random, *, count: int = 120) -> None:
    """Add ``count`` invented organisations and people per language, so open-vocabulary rules get work too.

    >>> pool = NamePool()
    >>> invent_names(pool, random.Random(3), count=5)
    >>> len(pool.org["en"]), len(pool.person["zh"])
    (5, 5)
    """
    for _ in range(count):
        first, second = rng.sample(_EN_STEMS, 2)
        pool.org["en"].append(f"{first}{second.lower()} {rng.choice(_EN_TAILS)}")
        pool.person["en"].append(f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}")
        first, second = rng.sample(_ZH_STEMS, 2)
        pool.org["zh"].append(f"{first}{second}{rng.choice(_ZH_TAILS)}")
        pool.person["zh"].append(f"{rng.choice(_ZH_SURNAMES)}{rng.choice(_ZH_GIVEN)}")


# Templates: {o}/{o2} organisations, {p} person, {m} product or model, {c} place, {n}/{n2} numbers, {y} year,
# {mo} month. Each list mixes plain, hedged, planned and negated wording, as real news does.
_EN_RELATION = (
    "{o} released {m} on {mo} {d}, calling it its most capable system so far.",
    "{o} launched {m} for enterprise customers in {c}.",
    "{o} reportedly plans to release {m} before the end of {y}.",
    "{o} did not release {m} this quarter, according to people familiar with the matter.",
    "{o} acquired {o2} for ${n} million in cash and stock.",
    "{o} agreed to acquire {o2}, the companies said on {mo} {d}.",
    "{o} is said to be in talks to acquire {o2}.",
    "{o} has no plans to acquire {o2}, a spokesperson said.",
    "{o} invested in {o2} as part of a ${n} million funding round.",
    "{o} led a ${n} million investment in {o2}, valuing the startup at ${n2} billion.",
    "{o} partnered with {o2} to bring {m} to data centers in {c}.",
    "{o} and {o2} announced a partnership on cloud infrastructure.",
    "{o} sued {o2} in federal court in {c}, alleging copyright infringement.",
    "{o} filed a lawsuit against {o2} over the use of news articles to train {m}.",
    "{o} hired {p} as chief scientist, {p2} told reporters.",
    "{p} joined {o} after six years at {o2}.",
    "{p} co-founded {o} in {y} with a team from {o2}.",
    "{o} delayed {m} to {mo}, citing safety testing.",
    "{m} outperforms {m2} on most reasoning benchmarks, {o} said.",
    "{m} is based on {m2}, according to a technical report.",
    "{o} competes with {o2} in the market for AI chips.",
    "{o} developed {m} with a team of {n} engineers.",
    "{o} announced {m} at its developer conference in {c}.",
    "{o} merged with {o2} to form a new company based in {c}.",
)
_EN_BACKGROUND = (
    "Revenue rose {n} percent year over year to ${n2} billion in the quarter ending in {mo}.",
    "The company employs about {n},{n3}00 people and has offices in {c}.",
    "Shares closed up {n3}.{n3} percent at ${n2} on {mo} {d}.",
    "Analysts expect spending on data centers to exceed ${n} billion by {y}.",
    "The model was trained on {n} trillion tokens using {n2},000 GPUs.",
    "Training costs have fallen by roughly {n3}0 percent since {y}.",
    "The survey of {n},000 developers was conducted between {mo} and {mo2}.",
    "Usage doubled in the past {n3} months, the report said.",
    "The benchmark contains {n} questions in {n3} languages.",
    "Investors poured ${n} billion into generative AI startups last year.",
)
_ZH_RELATION = (
    "{o}于{y}年{mm}月{d}日正式发布了{m},称其为迄今最强的系统。",
    "{o}在{c}推出了面向企业客户的{m}。",
    "据报道,{o}计划在{y}年底前发布{m}。",
    "{o}本季度并未发布{m}。",
    "{o}以{n}亿元收购了{o2}。",
    "{o}宣布收购{o2},交易预计在{y}年完成。",
    "据知情人士透露,{o}正在洽谈收购{o2}。",
    "{o}表示没有收购{o2}的计划。",
    "{o}投资了{o2},本轮融资总额为{n}亿元。",
    "{o}领投了{o2}的{n}亿元融资,估值达到{n2}亿美元。",
    "{o}与{o2}达成合作,将在{c}的数据中心部署{m}。",
    "{o}和{o2}宣布建立战略合作伙伴关系。",
    "{o}在{c}起诉了{o2},指控其侵犯版权。",
    "{o}聘请{p}担任首席科学家。",
    "{p}此前在{o2}工作了六年,近日加入{o}。",
    "{p}于{y}年创立了{o}。",
    "{o}推迟了{m}的发布,理由是需要更多安全测试。",
    "{o}表示,{m}在多数推理基准上超越了{m2}。",
    "{m}基于{m2}开发。",
    "{o}与{o2}在AI芯片市场上竞争。",
    "{o}开发了{m},研发团队约有{n}名工程师。",
    "{o}与{o2}合并,新公司总部设在{c}。",
)
_ZH_BACKGROUND = (
    "该季度营收同比增长{n}%,达到{n2}亿元。",
    "公司目前约有{n}{n3}00名员工,在{c}设有办公室。",
    "{mm}月{d}日收盘,股价上涨{n3}.{n3}%,报{n2}元。",
    "分析师预计,到{y}年数据中心支出将超过{n}亿美元。",
    "该模型使用{n2}000块GPU,在{n}万亿个token上完成训练。",
    "自{y}年以来,训练成本已下降约{n3}0%。",
    "这项调查覆盖了{n}000名开发者,于{mm}月至{mm2}月进行。",
    "报告称,过去{n3}个月使用量翻了一番。",
    "该基准包含{n3}种语言的{n}道题目。",
    "去年投资者向生成式AI初创企业投入了{n}亿美元。",
)
_EN_TITLES = ("{o} unveils {m} as competition with {o2} heats up", "{o} and {o2}: what the deal means",
              "Inside {o}'s push into {c}", "{m} arrives, and {o} bets big", "Why {o} is suing {o2}")
_ZH_TITLES = ("{o}发布{m},与{o2}竞争加剧", "{o}与{o2}达成合作", "{o}加码{c}市场", "{m}来了:{o}押注大模型",
              "{o}起诉{o2}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class SentenceMaker:
    """Fills templates with names and numbers from one seeded random generator."""

    def __init__(self, pool: NamePool, rng: random.Random, *, lang: Lang) -> None:
        self.pool = pool
        self.rng = rng
        self.lang = lang

    def _slots(self, text_lang: str) -> dict[str, str]:
        rng = self.rng
        # Mixed articles are Chinese prose that writes most names in Latin script, as Chinese tech press does.
        name_lang = "en" if self.lang == "mixed" and rng.random() < 0.7 else text_lang
        org, org2 = rng.sample(self.pool.org[name_lang], 2)
        product, product2 = rng.sample(self.pool.product[name_lang] or self.pool.product["en"], 2)
        return {
            "o": org, "o2": org2, "m": product, "m2": product2,
            "p": self.pool.pick(rng, "person", name_lang), "p2": self.pool.pick(rng, "person", name_lang),
            "c": self.pool.pick(rng, "place", text_lang),
            "n": str(rng.randint(2, 990)), "n2": str(rng.randint(2, 90)), "n3": str(rng.randint(1, 9)),
            "y": str(rng.randint(2015, 2026)), "d": str(rng.randint(1, 28)),
            "mm": str(rng.randint(1, 12)), "mm2": str(rng.randint(1, 12)),
            "mo": rng.choice(_MONTHS), "mo2": rng.choice(_MONTHS),
        }

    def sentence(self) -> str:
        """One sentence: a relation about 40% of the time, background otherwise.

        >>> maker = SentenceMaker(load_gazetteer_names(), random.Random(7), lang="en")
        >>> maker.sentence().endswith(".")
        True
        """
        text_lang = "en" if self.lang == "en" or (self.lang == "mixed" and self.rng.random() < 0.1) else "zh"
        relational = self.rng.random() < 0.4
        if text_lang == "en":
            template = self.rng.choice(_EN_RELATION if relational else _EN_BACKGROUND)
        else:
            template = self.rng.choice(_ZH_RELATION if relational else _ZH_BACKGROUND)
        sentence = template.format(**self._slots(text_lang))
        # An English sentence quoted in Chinese prose still needs a space before the next sentence.
        return sentence + " " if text_lang == "en" and self.lang == "mixed" else sentence

    def title(self) -> str:
        """A headline naming the document's main entities.

        >>> SentenceMaker(load_gazetteer_names(), random.Random(7), lang="zh").title() != ""
        True
        """
        templates = _EN_TITLES if self.lang == "en" else _ZH_TITLES
        return self.rng.choice(templates).format(**self._slots("en" if self.lang == "en" else "zh"))

    def document(self) -> tuple[str, str]:
        """A title and a body of paragraphs of 3–6 sentences, about 1–5 kB in UTF-8.

        >>> title, body = SentenceMaker(load_gazetteer_names(), random.Random(7), lang="mixed").document()
        >>> 1000 <= len(body.encode()) <= 5200
        True
        """
        target = self.rng.randint(1000, 5000)
        joiner = " " if self.lang == "en" else ""
        paragraphs: list[str] = []
        size = 0
        while True:
            paragraph = joiner.join(self.sentence() for _ in range(self.rng.randint(3, 6)))
            grown = size + len(paragraph.encode()) + 2
            if paragraphs and grown > target:
                break
            paragraphs.append(paragraph)
            size = grown
            if size >= 1000 and self.rng.random() < 0.15:
                break
        return self.title(), "\n\n".join(paragraphs)


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """What was written."""

    folder: Path
    documents: int
    bytes_written: int


def default_folder(*, lang: Lang, size: str, seed: int) -> Path:
    """Where a corpus goes unless told otherwise.

    >>> default_folder(lang="zh", size="5MB", seed=1).name
    'zh-5MB-seed1'
    """
    return CORPORA_DIR / f"{lang}-{size}-seed{seed}"


def iter_documents(*, lang: Lang, seed: int, pool: NamePool | None = None) -> Iterator[tuple[str, str]]:
    """An endless, seed-determined stream of ``(title, body)`` documents.

    >>> a = next(iter_documents(lang="zh", seed=2)); b = next(iter_documents(lang="zh", seed=2))
    >>> a == b
    True
    """
    rng = random.Random(seed)
    pool = pool or load_gazetteer_names()
    invent_names(pool, rng)
    maker = SentenceMaker(pool, rng, lang=lang)
    while True:
        yield maker.document()


def generate_corpus(out: Path, *, lang: Lang, size_bytes: int, seed: int = 1,
                    fmt: CorpusFormat = CorpusFormat.TXT) -> CorpusSummary:
    """Write documents under ``out`` until ``size_bytes`` of text are written; one document in memory at a time.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     s = generate_corpus(Path(tmp), lang="zh", size_bytes=8000, seed=1, fmt=CorpusFormat.JSONL)
    ...     sorted(p.name for p in Path(tmp).iterdir()), s.documents > 1
    (['.complete', 'corpus.jsonl'], True)
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    count = 0
    documents = iter_documents(lang=lang, seed=seed)
    if fmt is CorpusFormat.JSONL:
        with (out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
            while written < size_bytes:
                title, body = next(documents)
                line = json.dumps({"id": f"d{count:07d}", "title": title, "text": body, "lang": lang},
                                  ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode())
                count += 1
    else:
        while written < size_bytes:
            title, body = next(documents)
            folder = out / f"{count // FILES_PER_FOLDER:04d}"
            if count % FILES_PER_FOLDER == 0:
                folder.mkdir(exist_ok=True)
            data = f"{title}\n\n{body}\n".encode()
            (folder / f"{lang}-{count:07d}.txt").write_bytes(data)
            written += len(data)
            count += 1
    # Written last, so a consumer (make bench) can tell a finished corpus from an interrupted one.
    (out / ".complete").write_text(f"{count} documents, {written} bytes, lang {lang}, seed {seed}\n")
    return CorpusSummary(out, count, written)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit code (2 for bad arguments, as argparse does)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lang", choices=LANGS, required=True)
    parser.add_argument("--size", default="5MB", help="total size, e.g. 1MB, 5MB, 1GB (default 5MB)")
    parser.add_argument("--out", type=Path, default=None, help="folder (default benchmarks/corpora/LANG-SIZE-seedN)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=[f.value for f in CorpusFormat], default=CorpusFormat.TXT.value)
    args = parser.parse_args(argv)
    try:
        size_bytes = parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    out = args.out or default_folder(lang=args.lang, size=args.size, seed=args.seed)
    summary = generate_corpus(out, lang=args.lang, size_bytes=size_bytes, seed=args.seed,
                              fmt=CorpusFormat(args.format))
    print(f"wrote {summary.documents} documents, {summary.bytes_written:,} bytes to {summary.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
