"""Build the spaCy pipelines: Chinese segmented by jieba, English by spaCy's tokenizer, sentences for both.

This is the one place where components and Doc extensions are registered. Nothing heavy happens at import:
pipelines are built on first use and cached per (language, word list, model).

>>> nlp = get_pipeline("zh", words=("英伟达",))
>>> [t.text for t in nlp("买英伟达股票。OpenAI 发布 o1")][:3]
['买', '英伟达', '股票']
>>> [s.text for s in nlp("第一句。第二句!第三句").sents]
['第一句。', '第二句!', '第三句']
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graph.documents import HAN_CHARACTER

#: Characters that end a sentence in either script; a newline does too (titles and list items have no stop).
SENTENCE_END = frozenset("\u3002!?\uff01\uff1f;\uff1b\u2026")
ENGLISH_END = frozenset(".!?;")
#: Capitalised words that open an English sentence and never continue a name after an abbreviation ("Inc. The").
_SENTENCE_OPENERS = frozenset(["The", "It", "Its", "This", "That", "These", "Those", "They", "Their", "He", "His",
                               "She", "Her", "We", "Our", "But", "However", "Meanwhile"])
#: What may follow a decimal point glued to it: a digit, or the "<" of a number placeholder ("<N>.<N>").
_GLUED_AFTER_POINT = frozenset("0123456789<")
#: Abbreviations of legal forms and titles whose point is no full stop when Chinese text goes on right after it
#: ("与 Tishman Construction Corp. 合作", "Apple Inc.已经"): Chinese ends its sentences with 。, and jieba, unlike
#: spaCy's English tokenizer, cuts the point off the abbreviation.
_ABBREVIATIONS = frozenset(["inc", "corp", "co", "ltd", "plc", "llc", "lp", "bhd", "jr", "sr", "mr", "ms", "mrs", "dr"])
#: Closing quotes and brackets that belong to the sentence they follow.
CLOSERS = frozenset("\u201d\u2019\"')\uff09\u300d\u300f\u3011\u300b")

_ALNUM = re.compile(r"^[A-Za-z0-9\u00c0-\u024f]+$")
_LATIN_JOINERS = frozenset(".-_+")
_LATIN_TOKEN = re.compile(r"^[A-Za-z0-9\u00c0-\u024f]+(?:[.\-_+][A-Za-z0-9\u00c0-\u024f]+)*$")


def _merge_latin(words: list[str], spaces: list[bool]) -> tuple[list[str], list[bool]]:
    """Rejoin Latin names jieba cut apart: alnum runs, and alnum-joiner-alnum ("o1" "0", "Qwen2" "." "5").

    >>> _merge_latin(["o1", "0", "和", "GPT", "-", "4o", "."], [False] * 7)[0]
    ['o10', '和', 'GPT-4o', '.']
    """
    out_words: list[str] = []
    out_spaces: list[bool] = []
    i = 0
    n = len(words)
    while i < n:
        word, space = words[i], spaces[i]
        if _LATIN_TOKEN.match(word):
            while i + 1 < n and not space:
                nxt = words[i + 1]
                if _LATIN_TOKEN.match(nxt):
                    word += nxt
                    space = spaces[i + 1]
                    i += 1
                elif (nxt in _LATIN_JOINERS and not spaces[i + 1] and i + 2 < n and _LATIN_TOKEN.match(words[i + 2])) \
                        or (nxt == ":" and not spaces[i + 1] and i + 2 < n and words[i + 2].isascii()
                            and words[i + 2].isalpha() and word[-1:].isalpha()):
                    # "Run:ai": a colon between two Latin words inside a name.
                    word += nxt + words[i + 2]
                    space = spaces[i + 2]
                    i += 2
                else:
                    break
        out_words.append(word)
        out_spaces.append(space)
        i += 1
    return out_words, out_spaces


WORDS_KEY = "claimgraph_words"


def words_of(doc: Doc) -> list[str]:
    """Token texts of a Doc, computed once: the rules read them often and a spaCy Token is built per access.

    >>> words_of(get_pipeline("en")("OpenAI released o1."))
    ['OpenAI', 'released', 'o1', '.']
    """
    words = doc.user_data.get(WORDS_KEY)
    if words is None or len(words) != len(doc):
        from spacy.attrs import ORTH

        strings = doc.vocab.strings
        words = [strings[h] for h in doc.to_array(ORTH).tolist()] if len(doc) else []
        doc.user_data[WORDS_KEY] = words
    return list(words) if not isinstance(words, list) else words


TEXT_KEY = "claimgraph_text"


def text_of(doc: Doc) -> str:
    """A Doc's text, computed once: ``doc.text`` joins every token again on each access.

    >>> text_of(get_pipeline("en")("OpenAI released o1."))
    'OpenAI released o1.'
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


#: Function characters jieba's HMM glues to the end or start of a word it does not know ("迪恩则", "由前").
_GLUED_AFTER = frozenset("则于在将称说的和与等是也又就都自从")
_GLUED_BEFORE = frozenset("由被于在将把与和及对从向据")
#: The dots between the parts of a foreign name written in Chinese ("萨姆·奥特曼", "谢尔盖·沃罗宁").
NAME_DOTS = frozenset(["\u00b7", "\u2022", "\u30fb", "\u2027"])
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_NEVER_SURNAME = frozenset("由被把及对从向据")
#: The most common one-character family names, to leave two-character names ("张和") whole.
_SURNAME_CHARS = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


@functools.lru_cache(maxsize=1)
def _default_jieba() -> Any:
    """jieba's default dictionary, loaded once; never given words of its own (copies are, see JiebaTokenizer)."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@functools.lru_cache(maxsize=1)
def default_word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags (word → tag), read from its dictionary file once a process.

    Callers that hand it to a jieba tagger give that tagger a copy: jieba merges user tags into its table.

    >>> default_word_tags()["发布"]
    'v'
    """
    import jieba.posseg  # its import reads the dictionary's tags into a module-level tagger, `dt`

    return dict(jieba.posseg.dt.word_tag_tab)


class JiebaTokenizer:
    """A spaCy tokenizer over its own jieba dictionary, so one build's entity names never leak into another's."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = ()) -> None:
        import jieba  # heavy: loaded on first pipeline build, not at import

        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.vocab = vocab
        # Each tokenizer gets its own copy of the default dictionary, so added names stay this build's, but the
        # dictionary is read from disk once a process: `kg eval --given-entities` makes a pipeline per document.
        base = _default_jieba()
        self.jieba = jieba.Tokenizer()
        self.jieba.FREQ = dict(base.FREQ)
        self.jieba.total = base.total
        self.jieba.initialized = True
        for word in sorted(set(words)):
            # Spaces inside a name cannot be one jieba word; the phrase matcher joins the pieces instead.
            if word and not any(ch.isspace() for ch in word):
                self.jieba.add_word(word, freq=max(self.jieba.suggest_freq(word, tune=False), 20000))

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for piece in self._pieces(text):
            if piece == " " and words and not spaces[-1]:
                spaces[-1] = True
                continue
            words.append(piece)
            spaces.append(False)
        words, spaces = _merge_latin(words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORDS_KEY] = words
        return doc

    def _pieces(self, text: str) -> Iterable[str]:
        """jieba's words, with a function character its HMM glued to an unknown word split off again:
        "迪恩则" → "迪恩", "则"; "人于" → "人", "于" (the dictionary's own words are left alone)."""
        freq = self.jieba.FREQ
        # Pieces since the last name dot: in "伯克希尔·哈撒韦于" the HMM's "韦于" ends a transliteration, whose
        # syllables are no family name, so the two-character given-name guard below does not apply to it.
        transliterating = False
        for piece in self.jieba.cut(text, cut_all=False, HMM=True):
            if piece in NAME_DOTS:
                transliterating = True
                yield piece
                continue
            unknown = len(piece) >= 2 and not freq.get(piece) and _CJK_ONLY.match(piece)
            after_dot, transliterating = transliterating, transliterating and bool(unknown or not freq.get(piece))
            if unknown:
                # Two characters may be a given name ("张和"): split those only after a non-surname.
                if piece[-1] in _GLUED_AFTER and (len(piece) >= 3 or piece[0] not in _SURNAME_CHARS or after_dot):
                    transliterating = False
                    yield piece[:-1]
                    yield piece[-1]
                    continue
                if piece[0] in _GLUED_BEFORE and (len(piece) >= 3 or piece[0] in _NEVER_SURNAME):
                    yield piece[0]
                    yield piece[1:]
                    continue
            yield piece

    def to_bytes(self, **kwargs: Any) -> bytes:  # spaCy asks for these when a pipeline is serialised
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> JiebaTokenizer:
        return self


@Language.component("claimgraph_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts after 。！？；… (and . ! ? ; in Latin text), after closing quotes, and after newlines.

    The column is computed in Python and set once: assigning ``token.is_sent_start`` token by token makes spaCy
    rescan the Doc each time, which is quadratic in its length.
    """
    if not len(doc):
        return doc
    import numpy
    from spacy.attrs import SENT_START, SPACY

    starts = numpy.full((len(doc),), -1, dtype="int64")
    starts[0] = 1
    ending = False
    words = words_of(doc)
    spaced = doc.to_array(SPACY).tolist()
    # spaCy and our jieba tokenizer both make a newline its own token, so token texts are enough here.
    for i, text in enumerate(words):
        if i and ending and text not in CLOSERS and not (text and text[0] in SENTENCE_END):
            starts[i] = 1
            ending = False
        if "\n" in text:
            ending = True
        elif text == "." and not spaced[i] and i + 1 < len(words) and words[i + 1][:1] in _GLUED_AFTER_POINT:
            # "<N>.<N>亿元" (corpora mask numbers so), "3 .5": a point glued to a digit or a number placeholder is
            # a decimal point, not a full stop.
            continue
        elif text == "." and i and words[i - 1].lower() in _ABBREVIATIONS and i + 1 < len(words) and \
                HAN_CHARACTER.match(words[i + 1][:1]):
            continue
        elif text and (text[-1] in SENTENCE_END or text in ENGLISH_END):
            # "Inc." stays inside a sentence: spaCy's English tokenizer keeps such abbreviations whole.
            ending = True
        elif len(text) > 1 and text[-1] == "." and i + 1 < len(words) and words[i + 1] in _SENTENCE_OPENERS:
            # "... built into X. The name comes from ...", "Apple Inc. It said ...": an abbreviation or initial
            # that ends a sentence swallows its full stop; a capitalised pronoun or determiner after it opens the
            # next sentence (no name or title goes on with one).
            ending = True
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
    return doc


def register_extensions() -> None:
    """Doc/Span extensions claimgraph sets; idempotent."""
    from spacy.tokens import Span

    if not Doc.has_extension("doc_id"):
        Doc.set_extension("doc_id", default=None)
    if not Span.has_extension("entity_iri"):
        Span.set_extension("entity_iri", default=None)


@functools.lru_cache(maxsize=8)
def get_pipeline(lang: str, *, words: tuple[str, ...] = (), model: str | None = None) -> Language:
    """A cached pipeline for ``zh`` or ``en``; ``model`` names an installed spaCy model to use instead.

    A model that is named but not installed is an error only when named explicitly: the default is blank.
    """
    register_extensions()
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}; expected 'zh' or 'en'")
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError:
            raise ValueError(f"spaCy model {model!r} is not installed; install it or leave the setting "
                             "empty to use the blank pipeline") from None
    else:
        nlp = spacy.blank(lang) if lang == "en" else spacy.blank("xx")
    if lang == "zh":
        nlp.tokenizer = JiebaTokenizer(nlp.vocab, words)
    # Our own sentence rule runs first; a parser or senter in a model may refine it.
    if "claimgraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("claimgraph_sentences", first=True)
    return nlp
