"""Candidate entity pairs and their features: one string per feature, hashed into the model's sparse input.

A candidate is a sentence (or short window) with two marked mentions, *head* (the relation's would-be subject)
and *tail* (its object). The features only need the text and the offsets, so the corpora train without
running our tokeniser, and a Doc from the build gives the same features at extraction time.

>>> from graph.schema import load_schema
>>> index = TriggerIndex.from_schema(load_schema())
>>> pair = CandidatePair(text="Google acquired DeepMind in 2014.", head=(0, 6), tail=(16, 24),
...                      head_type="Organization", tail_type="Organization", lang="en")
>>> feats = pair_features(pair, triggers=index)
>>> "tg:b:acquired:0:HT" in feats, "ty:Organization>Organization" in feats
(True, True)
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from spacy.strings import hash_string  # type: ignore[attr-defined]

from graph.schema import Schema

if TYPE_CHECKING:
    from spacy.tokens import Span

#: How far left of the first and right of the second mention we look, in characters, per language:
#: a Chinese character carries about as much as a short English word.
_WINDOW = {"zh": 15, "en": 40}
_EN_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_ZH_PASSIVE = ("被", "由", "遭", "获")
_EN_PASSIVE = (" by ",)
#: Types the features see: AIModel is a Product to the scorer (the corpora never say AIModel).
_FEATURE_TYPE = {"AIModel": "Product"}


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """One ordered pair of mentions in a piece of text; ``labels`` are our relations (head, tail) holds."""

    text: str
    head: tuple[int, int]
    tail: tuple[int, int]
    head_type: str = "Entity"
    tail_type: str = "Entity"
    lang: str = "en"
    labels: frozenset[str] = field(default_factory=frozenset)
    #: The document it came from: held-out splits are made by document, never by sentence.
    group: str = ""
    #: Extra features computed from a parsed Doc (dependency path), when a parser ran.
    extra: tuple[str, ...] = ()


#: A trigger entry: its position in ``TriggerIndex.phrases`` (hits come out in that order), phrase, relation, inverse.
_Entry = tuple[int, str, str, bool]


@dataclass(frozen=True, slots=True)
class TriggerIndex:
    """The schema's trigger phrases, lower-cased, per language, for substring look-up."""

    phrases: dict[str, tuple[tuple[str, str, bool], ...]]
    #: Per language: plain phrases by their first character, padded (English) phrases by their first word, and
    #: the few that fit neither, always tried. ``hits`` runs for three segments of every candidate pair, and
    #: trying all ~500 phrases on each was the largest single cost of the hybrid; a phrase can only be in a
    #: text that contains its first character (or word), so only those are tried — the hits are the same.
    _first: dict[str, tuple[dict[str, list[_Entry]], dict[str, list[_Entry]], list[_Entry]]] = field(
        init=False, repr=False, compare=False)
    _hits: Callable[[str, str], tuple[tuple[str, bool], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = {}
        for lang, entries in self.phrases.items():
            by_char: dict[str, list[_Entry]] = {}
            by_word: dict[str, list[_Entry]] = {}
            always: list[_Entry] = []
            for k, (phrase, relation, inverse) in enumerate(entries):
                entry = (k, phrase, relation, inverse)
                words = _EN_WORD.findall(phrase)
                if not phrase.startswith(" "):
                    if phrase:
                        by_char.setdefault(phrase[0], []).append(entry)
                    else:
                        always.append(entry)
                elif words and phrase == f" {' '.join(words)} ":
                    by_word.setdefault(words[0], []).append(entry)
                else:
                    always.append(entry)
            first[lang] = (by_char, by_word, always)
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_hits", functools.lru_cache(maxsize=4096)(self._scan))

    @classmethod
    def from_schema(cls, schema: Schema) -> TriggerIndex:
        """Index every trigger of ``schema`` (English ones are padded with spaces to match whole words)."""
        by_lang: dict[str, list[tuple[str, str, bool]]] = {"zh": [], "en": []}
        for trigger in schema.triggers:
            if trigger.recipient:
                continue  # both arguments after the verb, neither its agent: the order features would misread it
            phrase = trigger.phrase.lower()
            if trigger.lang == "en":
                phrase = f" {' '.join(_EN_WORD.findall(phrase))} "
            by_lang.setdefault(trigger.lang, []).append((phrase, trigger.relation, trigger.inverse))
        # Mixed articles quote English inside Chinese, so Chinese text is searched with both lists.
        zh = tuple(by_lang.get("zh", ())) + tuple(by_lang.get("en", ()))
        return cls({"zh": zh, "en": tuple(by_lang.get("en", ()))})

    def hits(self, text: str, *, lang: str) -> list[tuple[str, bool]]:
        """``(relation, inverse)`` of every trigger phrase in ``text``, in the order of ``phrases``: plain
        phrases are substrings of the lower-cased text, padded ones of its words joined by single spaces.

        >>> from graph.schema import load_schema
        >>> ("acquired", False) in TriggerIndex.from_schema(load_schema()).hits("has bought", lang="en")
        True
        >>> index = TriggerIndex({"en": ((" buy ", "acquired", False), ("收购", "acquired", False),
        ...                              (" sold to ", "acquired", True), ("", "owns", False))})
        >>> index.hits("They SOLD, to Z and buy", lang="zh")
        [('acquired', False), ('acquired', True), ('owns', False)]
        """
        return list(self._hits(text, lang if lang in self.phrases else "en"))

    def _scan(self, text: str, lang: str) -> tuple[tuple[str, bool], ...]:
        # The three segments of a pair are looked up again for its reverse (the same text around both mentions)
        # and for every pair sharing its first mention: __post_init__ wraps this in a small LRU cache.
        by_char, by_word, always = self._first[lang]
        lowered = text.lower()
        words = _EN_WORD.findall(lowered)
        padded = f" {' '.join(words)} "
        found = [entry for entry in always if entry[1] in (padded if entry[1].startswith(" ") else lowered)]
        for char in by_char.keys() & set(lowered):
            found.extend(entry for entry in by_char[char] if entry[1] in lowered)
        for word in by_word.keys() & set(words):
            found.extend(entry for entry in by_word[word] if entry[1] in padded)
        found.sort()
        return tuple((relation, inverse) for _, _, relation, inverse in found)


def _ngrams(text: str, sizes: Sequence[int]) -> Iterable[str]:
    for n in sizes:
        for i in range(len(text) - n + 1):
            yield text[i:i + n]


def _bucket(length: int) -> str:
    for limit in (0, 2, 5, 10, 20, 40):
        if length <= limit:
            return str(limit)
    return "far"


def _marked_ngrams(text: str, first: tuple[int, int], second: tuple[int, int], *, head_first: bool,
                   lang: str) -> list[str]:
    """N-grams that cross a mention boundary, with the mention replaced by a head or tail marker.

    "H收购T", "T的H", "H and T" read the relation and its direction together, which the between-text features
    (that never touch the mentions) cannot (on FinRE's calibration split within noise, about ±0.01 F1).

    >>> sorted(_marked_ngrams("甲收购乙", (0, 1), (3, 4), head_first=True, lang="zh"))
    ['mk:<H>收', 'mk:<H>收购', 'mk:<H>收购<T>', 'mk:收购<T>', 'mk:购<T>']
    >>> _marked_ngrams("Google bought DeepMind", (0, 6), (14, 22), head_first=False, lang="en")
    ['mk:<T>_bought', 'mk:bought_<H>', 'mk:<T>_bought_<H>']
    """
    text = text.lower()
    first_mark, second_mark = ("<H>", "<T>") if head_first else ("<T>", "<H>")
    # Only the n-grams that start at most n - 1 units before a marker contain one, so they reach at most
    # n - 1 units past it: of a long text between the markers, only its first and last n - 1 units can be in
    # one (the others' n-grams are the between-features). Taking only those, a marker's n-grams and their order
    # stay the same (the markers stay more than n units apart), and the between text is not split per pair.
    if lang == "zh":
        # Characters, each marker one unit.
        sizes: tuple[int, ...] = (2, 3, 4)
        joiner = ""
        left = list(text[max(0, first[0] - 3):first[0]])
        middle = text[first[1]:second[0]]
        middle_units = list(middle if len(middle) <= 6 else middle[:3] + middle[-3:])
        right = list(text[second[1]:second[1] + 3])
    else:
        sizes, joiner = (2, 3), "_"
        left = _EN_WORD.findall(text[:first[0]])[-2:]
        middle_units = _EN_WORD.findall(text[first[1]:second[0]])
        if len(middle_units) > 4:
            middle_units = middle_units[:2] + middle_units[-2:]
        right = _EN_WORD.findall(text[second[1]:])[:2]
    units = [*left, first_mark, *middle_units, second_mark, *right]
    marks = (len(left), len(left) + 1 + len(middle_units))
    out: list[str] = []
    for n in sizes:
        starts = sorted({i for m in marks for i in range(max(0, m - n + 1), min(m, len(units) - n) + 1)})
        out.extend("mk:" + joiner.join(units[i:i + n]) for i in starts)
    return out


@functools.lru_cache(maxsize=2048)
def _context(text: str, first: tuple[int, int], second: tuple[int, int],
             lang: str) -> tuple[str, str, str, tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """What a pair's features read around and between its mentions, whichever is the head: the text between,
    left and right of them, the parts of the features that carry no order (context n-grams, the sentence's
    bigrams, context words) and the words between. A pair's reverse asks again (the cache answers)."""
    between = text[first[1]:second[0]]
    window = _WINDOW.get(lang, 30)
    left = text[max(0, first[0] - window):first[0]]
    right = text[second[1]:second[1] + window]
    low = between.lower()
    shared: list[tuple[str, ...]] = []
    if lang == "zh":
        shared.append((*(f"l:{g}" for g in _ngrams(left.lower(), (1, 2))),
                       *(f"r:{g}" for g in _ngrams(right.lower(), (1, 2)))))
        # Headlines put the verb anywhere ("A、B 宣布合并"): the whole sentence's bigrams count too.
        shared.append(_sentence_bigrams(text))
    shared.append((*(f"lw:{w}" for w in _EN_WORD.findall(left.lower())[-3:]),
                   *(f"rw:{w}" for w in _EN_WORD.findall(right.lower())[:3])))
    return between, left, right, tuple(shared), tuple(_EN_WORD.findall(low))


@functools.lru_cache(maxsize=256)
def _sentence_bigrams(text: str) -> tuple[str, ...]:
    return tuple(f"s:{g}" for g in _ngrams(text.lower(), (2,)))


@functools.lru_cache(maxsize=256)
def _sentence_grams(text: str, order: str) -> tuple[tuple[str, ...], ...] | None:
    """The between-text features ``b<order>:<n-gram>`` (Chinese, n = 1, 2, 3) of every start in the whole
    lower-cased text, one tuple per size: a pair's are a slice of each (see :class:`_Slice`), and the pairs of a
    sentence (ten on average in Chinese news) share them. None when lower-casing a piece of the text could
    differ from slicing the lower-cased text (a character whose lower case is longer, or the final-sigma rule)."""
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text:
        return None
    return tuple(tuple(f"b{order}:{lowered[i:i + n]}" for i in range(len(lowered) - n + 1)) for n in (1, 2, 3))


class _Slice(NamedTuple):
    """Part of a cached tuple of features: ``whole[start:stop]`` (:func:`pair_keys` slices its hashes)."""

    whole: tuple[str, ...]
    start: int
    stop: int


@functools.lru_cache(maxsize=1024)
def _pair_kind(order: str, head_type: str, tail_type: str, distance: str, lang: str) -> tuple[str, ...]:
    """The features of a pair's order, types, distance and language (few values, shared by many pairs)."""
    return ("bias", f"o:{order}", f"ty:{head_type}>{tail_type}", f"tyo:{head_type}>{tail_type}:{order}",
            f"d:{distance}:{order}", f"lang:{lang}")


@functools.lru_cache(maxsize=2048)
def _name(prefix: str, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A mention's last two characters and its character uni/bigrams as features (``prefix`` h or t)."""
    return (f"{prefix}s:{name[-2:]}",), tuple(f"{prefix}n:{g}" for g in _ngrams(name, (1, 2)))


def _feature_parts(pair: CandidatePair, *, triggers: TriggerIndex) -> list[Sequence[str] | _Slice]:
    """:func:`pair_features` in parts, in order: a tuple is a part many pairs share (it comes from a cache and
    :func:`pair_keys` hashes it once), a :class:`_Slice` a piece of one, a list is this pair's own."""
    text = pair.text
    head_first = pair.head[0] <= pair.tail[0]
    order = "HT" if head_first else "TH"
    first, second = (pair.head, pair.tail) if head_first else (pair.tail, pair.head)
    between, left, right, shared, words = _context(text, first, second, pair.lang)
    head_type = _FEATURE_TYPE.get(pair.head_type, pair.head_type)
    tail_type = _FEATURE_TYPE.get(pair.tail_type, pair.tail_type)
    parts: list[Sequence[str] | _Slice] = [_pair_kind(order, head_type, tail_type, _bucket(len(between)), pair.lang),
                                  *shared]
    feats: list[str] = []
    low = between.lower()
    # The words between carry the relation; prefixed by the order because "A 收购 B" and "B 收购 A" share them.
    if pair.lang == "zh":
        grams = _sentence_grams(text, order)
        if grams is None:
            feats.extend([f"b{order}:{g}" for g in _ngrams(low, (1, 2, 3))])
        else:  # the n-grams of ``low``: those that start at first[1] and end by second[0]
            parts.extend(_Slice(whole, first[1], max(first[1], second[0] - n + 1))
                         for n, whole in enumerate(grams, start=1))
        feats.append(f"ba{order}:{low[:2]}")
        feats.append(f"bz{order}:{low[-2:]}")
    feats.extend([f"bw{order}:{w}" for w in words])
    feats.extend([f"bw2{order}:{a}_{b}" for a, b in itertools.pairwise(words)])
    if words:
        feats.append(f"bwa{order}:{words[0]}")
        feats.append(f"bwz{order}:{words[-1]}")
    # Trigger hits from the schema, by where they sit, conjoined with order and voice: the rules' knowledge
    # as features the model can weigh.
    passive = any(m in between for m in _ZH_PASSIVE) or any(m in f" {low} " for m in _EN_PASSIVE)
    for place, segment in (("b", between), ("l", left), ("r", right)):
        for relation, inverse in triggers.hits(segment, lang=pair.lang):
            feats.append(f"tg:{place}:{relation}:{int(inverse)}:{order}")
            feats.append(f"tgv:{place}:{relation}:{int(inverse ^ passive)}:{order}")
            feats.append(f"tr:{relation}")
    feats.extend(_marked_ngrams(text, first, second, head_first=head_first, lang=pair.lang))
    parts.append(feats)
    # The names themselves: suffixes such as 公司/银行/集团 or "Inc"/"University" hint at the type, and their
    # character uni/bigrams too: "银行", "证券", "Motors" inside a name say what kind of party it is, which
    # FinRE (no entity types) only shows this way (on FinRE's calibration split within noise, about ±0.01 F1).
    head_suffix, head_grams = _name("h", text[pair.head[0]:pair.head[1]].lower())
    tail_suffix, tail_grams = _name("t", text[pair.tail[0]:pair.tail[1]].lower())
    parts.extend((head_suffix, tail_suffix, head_grams, tail_grams))
    if pair.extra:
        parts.append(list(pair.extra))
    return parts


def pair_features(pair: CandidatePair, *, triggers: TriggerIndex) -> list[str]:
    """Feature strings of one candidate pair (their order does not matter; duplicates count once)."""
    return [feature for part in _feature_parts(pair, triggers=triggers)
            for feature in (part.whole[part.start:part.stop] if isinstance(part, _Slice) else part)]


@functools.lru_cache(maxsize=4096)
def _hashed(part: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(map(hash_string, part))


def pair_keys(pair: CandidatePair, *, triggers: TriggerIndex) -> list[int]:
    """``hash_string`` of every feature of :func:`pair_features`, in the same order, for the model's sparse
    input. The parts many pairs share (the sentence's bigrams, the text around both mentions, a name's n-grams:
    most of a Chinese pair's features) are hashed once, not once per pair: hashing the strings was a third of
    the features' cost."""
    keys: list[int] = []
    for part in _feature_parts(pair, triggers=triggers):
        if isinstance(part, _Slice):
            keys.extend(_hashed(part.whole)[part.start:part.stop])
        else:
            keys.extend(_hashed(part) if isinstance(part, tuple) else map(hash_string, part))
    return keys


def dependency_features(head: Span, tail: Span) -> tuple[str, ...]:
    """The dependency labels on the path between two mentions' roots, when the Doc was parsed.

    Blank pipelines (the default) have no parser; then there is nothing to add.
    """
    doc = head.doc
    if not doc.has_annotation("DEP"):
        return ()
    up_head = [head.root, *head.root.ancestors]
    up_tail = [tail.root, *tail.root.ancestors]
    tail_ids = {t.i for t in up_tail}
    common = next((t for t in up_head if t.i in tail_ids), None)
    if common is None:
        return ()
    path_h = [t.dep_ for t in up_head[:[t.i for t in up_head].index(common.i)]]
    path_t = [t.dep_ for t in up_tail[:[t.i for t in up_tail].index(common.i)]]
    path = "/".join(path_h) + "^" + common.lemma_.lower() + "^" + "/".join(reversed(path_t))
    return (f"dep:{path}", f"deproot:{common.lemma_.lower()}")
