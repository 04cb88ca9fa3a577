"""In-document alias links: two names the text itself says are one thing get one IRI, and each link says why.

The gazetteer and the normalised key (``graph.resolve.entity_key``) merge names across documents. Within one
document the text adds its own evidence, and these functions read it:

* ``short_forms``: "Musk" after "Elon Musk", "Inflection" after "Inflection AI", "元宝" after "腾讯元宝" (a
  Chinese product name that starts with its owner's name is later written without it);
* ``bracket_aliases``: "Lenovo (联想)", "幻方量化（High-Flyer）": a name and its other-script or short form in
  brackets;
* ``stated_aliases``: "X, the social network formerly called Twitter", "Apollo Go, known in China as 萝卜快跑",
  "the company was known as Codeium until this spring", "脸书（现更名为 Meta）", "X，原名Y", "A 更名为 B".

Each returns the new list of mentions and writes its decisions into ``links`` (span offsets → rule, evidence),
which ``graph.mentions`` stores on the Doc for the entity table and the RDF (``kg:NameResolution``).

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("X, the social network formerly called Twitter, was sold.")
>>> ents = [Span(doc, 0, 1, label="Entity", kb_id="e:x"), Span(doc, 7, 8, label="Entity", kb_id="e:twitter")]
>>> links: Links = {}
>>> [(e.text, e.kb_id_) for e in stated_aliases(doc, ents, lang="en", known_iris=set(), links=links)]
[('X', 'e:x'), ('Twitter', 'e:x')]
>>> links[(38, 45)][0]
'stated-alias'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.name_types import ORG_NAME_HEADS, infer_type
from graph.nlp import NAME_DOTS, text_of, words_of
from graph.resolve import entity_key
from graph.senses import other_sense

#: (start_char, end_char) of a mention → (rule, evidence): why the mention got the IRI it has.
Links = dict[tuple[int, int], tuple[str, str]]

_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_OPENERS = ("(", "\uff08")
_SENTENCE_END = re.compile(r"[.!?。！？\n]")
_CLOSERS = (")", "\uff09")
#: What may sit between a name and its stated alias (lower-cased text between the two mentions).
_STATED_EN = re.compile(
    # "X, the social network formerly called Twitter", "Facebook (now Meta)", "X, formerly Twitter"
    r"^\s*[,(]?\s*(?:(?:the|a|an)\s+[^,;()]{0,40}?\s+)?(?:(?:which|that|who)\s+(?:was|is)\s+)?"
    r"(?:formerly|previously|once|originally|until\s+recently|now)\s*,?\s*"
    r"(?:(?:known|called|named|branded)\s+(?:in\s+[^,;()]{1,25}?\s+)?(?:as\s+)?)?(?:the\s+)?$"
    # "Apollo Go, known in China as 萝卜快跑", "…, also known as …", "Norvale Bank, known until 1998 as the …"
    r"|^\s*[,(]?\s*(?:(?:which|that|who)\s+(?:was|is)\s+)?(?:also\s+|better\s+|widely\s+|commonly\s+)?"
    # "BMW's maker, known everywhere simply as BMW": up to two such adverbs.
    r"known\s+(?:(?:locally|internationally|informally|colloquially|simply|everywhere|widely|generally|"
    r"universally|popularly|usually|mostly|affectionately)\s+){0,2}"
    r"(?:(?:in|until|till|before|since|from)\s+[^,;()]{1,25}?\s+)?as\s+(?:the\s+)?$"
    # "IBM, nicknamed Big Blue", "Quorra Cloud, a.k.a. QX", "Norvale Bank, also called Norvale": a second name
    # given by a naming verb right before it ("called" alone is too loose: "a unit called …").
    r"|^\s*[,(]\s*(?:(?:which|that|who)\s+(?:is|was|has\s+been)\s+)?(?:(?:often|sometimes|also|widely|commonly|"
    r"affectionately|informally)\s+)?(?:nicknamed|dubbed|a\.?k\.?a\.?)\s+(?:the\s+)?$"
    r"|^\s*[,(]\s*(?:(?:which|that|who)\s+(?:is|was)\s+)?(?:often|sometimes|also|commonly|usually)\s+called\s+"
    r"(?:the\s+)?$"
    # "Facebook renamed itself Meta", "Bard was renamed Gemini", "… changed its name to …"
    # "Dantrix, which changed its name to Solvane": the same statements as a relative clause.
    r"|^\s*(?:,?\s*(?:which|that)\s+)?(?:has\s+|had\s+|later\s+)?(?:renamed|rebranded)\s+itself\s+(?:as\s+|to\s+)?$"
    r"|^\s*(?:,?\s*(?:which|that)\s+)?(?:was|has\s+been|had\s+been)\s+(?:later\s+)?(?:renamed|rebranded)\s+(?:as\s+|to\s+)?$"
    r"|^\s*(?:,?\s*(?:which|that)\s+)?(?:has\s+|had\s+|later\s+)?changed\s+its\s+name\s+to\s+$"
    # "the company was known as Codeium until this spring"
    r"|^\s*(?:was|had\s+been)\s+(?:formerly\s+|previously\s+|once\s+|originally\s+)?(?:known\s+as|called)\s+(?:the\s+)?$"
    # A company history's first name: "Marlow Instruments was founded in 1921 as the Marlow Gauge Company",
    # "Vantor Foods, incorporated as the Vantor Canning Company"; "founded as a spin-off of X" names another.
    r"|^\s*,?\s*(?:(?:which|that)\s+)?(?:was\s+|had\s+been\s+)?(?:originally\s+|first\s+)?"
    # "It began in 1921 as Castell & Pryce", "started life as …": a history's first name for its topic.
    r"(?:founded|established|incorporated|formed|registered|started|set\s+up|began|began\s+life|started\s+life|"
    r"started\s+out)\s+"
    r"(?:(?:in|on)\s+[^,;()]{1,30}?\s+)?(?:under\s+the\s+name|as)\s+(?:the\s+)?$"
    # "Corland Energy changed its name from Corland Oil", "Dravis Motor, which traded as Dravis Cars until 1999",
    # "Quorra Software in 2008 and renamed Quorra Cloud in 2015"
    r"|^\s*(?:,?\s*(?:which|that)\s+)?(?:has\s+|had\s+|later\s+)?changed\s+its\s+name\s+from\s+(?:the\s+)?$"
    r"|^\s*,?\s*(?:(?:which|that)\s+)?(?:has\s+|had\s+|once\s+|previously\s+|formerly\s+)?"
    r"(?:traded|trading|operated|operating|did\s+business|doing\s+business)\s+as\s+(?:the\s+)?$"
    r"|^\s*(?:(?:in|on)\s+[^,;()]{1,20}?\s+)?,?\s*and\s+(?:was\s+)?(?:later\s+)?(?:renamed|rebranded)\s+(?:as\s+|to\s+)?$"
    # "Haloway Brothers … and took its current name, Haloway Retail", "Corland Oil adopted the name Corland Energy"
    r"|^\s*(?:(?:in|on)\s+[^,;()]{1,20}?\s+)?,?\s*(?:(?:and|which|that)\s+)?(?:later\s+|then\s+)?"
    r"(?:took|adopted|assumed)\s+(?:its\s+(?:current|present|new)\s+name|the\s+name)\s*,?\s*(?:the\s+)?$")
#: A rename stated past a description of the company, which may name others: "Square, the payments company
#: founded by Jack Dorsey, renamed itself Block" (the names in between are no part of the statement).
_RENAMED_PAST_APPOSITIVE_EN = re.compile(
    r"^\s*,\s*(?:the|a|an)\s+[^;()]{0,70}?,\s*(?:has\s+|had\s+)?"
    r"(?:(?:renamed|rebranded)\s+itself\s+(?:as\s+|to\s+)?|changed\s+its\s+name\s+to\s+)$")
#: When a rename happened, written between the old name and 更名为: "于2015年", "在2018年3月", "同年".
_ZH_WHEN = r"(?:(?:于|在)?\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|同年|次年|当年|随后|此后|之后|后来)\s*)"
_STATED_ZH = re.compile(
    r"^\s*(?:的)?[，,(（]?\s*(?:现|后|已|正式|早已)?(?:原名|原称|曾用名|旧称|又称|又名|也称|亦称|别称|简称|全称|英文名称?|中文名称?|"
    r"前身为|前身是|更名为|改名为|改称|更名|改名)(?:为|是|叫)?\s*[:：]?\s*$"
    # "X，外界通常称其为Y", "X（俗称Y）", "X，业内称之为Y": a name others call it by.
    r"|^\s*[，,(（]\s*(?:外界|业内|业界|市场|人们|媒体|坊间|网友|大家)?(?:通常|一般|常常|常|也|多|习惯)?"
    r"(?:称其为|称之为|俗称|昵称|人称)\s*[:：]?\s*$"
    # "蓝鲸数据于2015年更名为蓝鲸智能", "青云软件在2018年正式改名为青云科技": a rename with its date.
    r"|^\s*[，,]?\s*" + _ZH_WHEN + r"[，,]?\s*(?:正式|已)?(?:更名为|改名为|更名|改名|改称)(?:为)?\s*$")


#: Last words that only say what kind of company a name is: "Inflection AI" and "Dravel Software Inc." are
#: later written "Inflection" and "Dravel". Words that name a unit ("Research", "Cloud", "Gaming", "Labs") are not
#: among them: "Microsoft Research" is a body of its own, and so is its short form.
_ORG_TAILS = frozenset([
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "LLC", "Co", "Co.", "Company", "Limited",
    "Incorporated", "plc", "PLC", "AG", "SE", "SA", "NV", "GmbH", "Group", "Holdings", "AI", "Technologies",
    "Technology", "Software", "Systems", "Robotics", "Records", "Motors", "Pharmaceuticals", "Networks",
    "Semiconductor", "S.A.", "N.V.", "LP", "L.P.", "LLP", "Plc", "AB", "Oy", "Oyj", "ASA", "SpA", "S.p.A.", "BV",
    "B.V.", "KK", "K.K.",
    # The line of business a company's name ends with: "Norvale Bank", "Stratos Airways", "Lyra Biosciences" are
    # later "Norvale", "Stratos", "Lyra".
    "Bank", "Bancorp", "Airways", "Airlines", "Biosciences", "Therapeutics", "Pharma", "Industries", "Logistics",
    "Foods", "Energy", "Financial", "Insurance", "Electronics", "Brewing", "Communications", "Telecom",
    # Investment firms and makers: "Northfield Capital Partners", "Halden Ventures", "Fiat Chrysler Automobiles"
    # are later "Northfield", "Halden", "Fiat Chrysler".
    "Capital", "Partners", "Ventures", "Investments", "Management", "Associates", "Advisors", "Enterprises",
    "Automobiles", "Automotive", "Chemicals", "Petroleum", "Mining", "Resources"])
#: First words that only say what kind of company a name is: "Groupe PSA", "Grupo Bimbo", "Banco Santander" are
#: later "PSA", "Bimbo", "Santander".
_ORG_LEADS = frozenset(["Groupe", "Grupo", "Gruppo", "Banco", "Banca", "Banque"])
#: Words no person's name is made of: a name holding one is an organisation's, a place's or a work's, and its
#: first or last word alone ("Varnley" of "Varnley Post", "Brelmont" of "University of Brelmont") is another thing.
_NOT_PERSON_WORDS = ORG_NAME_HEADS | _ORG_TAILS | frozenset([
    "County", "City", "Province", "District", "Region", "State", "Republic", "Kingdom", "Empire", "River", "Lake",
    "Mountain", "Mount", "Island", "Islands", "Bay", "Valley", "Park", "Street", "Avenue", "Road", "Bridge",
    "Station", "Airport", "Church", "Cathedral", "Castle", "Palace", "Museum", "Stadium", "Festival", "Award",
    "Awards", "Prize", "Championship", "Championships", "Cup", "Games", "Olympics", "War", "Battle", "Act",
    "Treaty", "Series", "Album", "Show", "Tour", "Center", "Centre", "Hall", "Tower", "Square", "Gardens",
    "Research", "Labs", "Lab", "Cloud", "Capital", "Ventures", "Partners", "Media", "Studio", "Hotel", "Bee"])
#: Lower-case words inside people's names.
_NAME_PARTICLES = frozenset(["bin", "ibn", "bint", "al", "el", "de", "da", "do", "dos", "das", "del", "della",
                             "di", "van", "von", "der", "den", "la", "le", "du", "ter", "ten"])
#: Words after a surname that make it another person's name: "Paul Desmarais Jr." is not "Paul Desmarais".
_GENERATIONS = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _name_word(word: str) -> bool:
    """A capitalised word or an initial: "Zola", "McNamara", "D'Alessio", "Çetingöz", "H."."""
    if _INITIAL.match(word):
        return True
    return word[:1].isupper() and not word.isupper() and all(ch.isalpha() or ch in "'’-" for ch in word)


def _words(ent: Span) -> list[str]:
    return [w.rstrip(",") for w in ent.text.split() if w.rstrip(",")]


def person_shaped(ent: Span) -> bool:
    """Whether a multi-word name reads as a person's: two to four capitalised words or initials, none of them
    a word organisations, places or works are named with, and not listed or typed as anything but a person.

    >>> import spacy
    >>> doc = spacy.blank("en")("Halvard Brinmoe Tessaker met J. K. Vantorrel at the Varnley Post .")
    >>> [person_shaped(Span(doc, a, b, label="Entity")) for a, b in ((0, 3), (4, 7), (9, 11))]
    [True, True, False]
    >>> person_shaped(Span(spacy.blank("en")("Ursa von der Tessaker"), 0, 4, label="Entity"))
    True
    """
    if ent.label_ not in ("Person", "Entity"):
        return False
    words = _words(ent)
    if not 2 <= len(words) <= 5 or any(w in _NOT_PERSON_WORDS for w in words):
        return False
    words = words[:-1] if words[-1] in _GENERATIONS else words
    # "Mohammed bin Salman", "Ursula von der Leyen": particles between the given name and the surname.
    inner = [w for w in words[1:-1] if w not in _NAME_PARTICLES]
    return all(_name_word(w) for w in [words[0], *inner, words[-1]]) and not _INITIAL.match(words[-1])


def _same_given(a: str, b: str) -> bool:
    """"John" and "J." may be one given name; two full given names must be equal."""
    if _INITIAL.match(a) or _INITIAL.match(b):
        return a[0] == b[0]
    return a == b


def same_person_name(first: list[str], second: list[str]) -> bool:
    """Two names of one person: the same surname and generation, compatible first names, and middle names that
    agree where both give them ("William H. Armstrong" / "William Hepburn Armstrong", "Halvard Tessaker" /
    "Halvard Brinmoe Tessaker"); "Kimbal Drasko" / "Elon Drasko" and "George H. W. Bush" / "George W. Bush" are
    two.

    >>> same_person_name("J. K. Vantorrel".split(), "John Kevin Vantorrel".split())
    True
    >>> same_person_name("Kimbal Drasko".split(), "Elon Drasko".split())
    False
    """
    if first[-1] != second[-1] or len(first) < 2 or len(second) < 2:
        return False
    if first[-1] in _GENERATIONS:
        return same_person_name(first[:-1], second[:-1])
    if not _same_given(first[0], second[0]):
        return False
    middle_a, middle_b = first[1:-1], second[1:-1]
    if middle_a and middle_b and (len(middle_a) != len(middle_b) or not all(
            _same_given(a, b) for a, b in zip(middle_a, middle_b, strict=True))):
        return False
    # Two bare initials ("J. Vantorrel", "J. Vantorrel") are not enough for one person without a full given name.
    return not (_INITIAL.match(first[0]) and _INITIAL.match(second[0]))


def _named_together(first: Span, second: Span) -> bool:
    """Whether two mentions are named as a pair ("Kimbal Drasko and Elon Drasko"): a few tokens apart."""
    return abs(second.start - first.end) <= 3 or abs(first.start - second.end) <= 3


#: Legal forms, the words only a company's registered name ends with.
_LEGAL_TAILS = frozenset(["Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "LLC", "Co", "Co.", "Limited",
                          "Incorporated", "plc", "PLC", "Plc", "AG", "SE", "SA", "NV", "GmbH", "S.A.", "N.V.", "LP",
                          "L.P.", "LLP",
                          # Nordic, Italian, Dutch and Japanese forms: "Lindqvist & Berg AB", "Vesta Oyj".
                          "AB", "Oy", "Oyj", "ASA", "SpA", "S.p.A.", "BV", "B.V.", "KK", "K.K."])


def _without_legal_form(ent: Span) -> str:
    """A company's name without the legal form it ends with ("Palvera" of "Palvera Corp."), or "".

    >>> import spacy
    >>> doc = spacy.blank("en")("Palvera Corp. and Palvera Labs")
    >>> _without_legal_form(Span(doc, 0, 2, label="Entity")), _without_legal_form(Span(doc, 3, 5, label="Entity"))
    ('Palvera', '')
    """
    words = _words(ent)
    if len(words) < 2 or words[-1] not in _LEGAL_TAILS or ent.label_ not in ("Organization", "Entity"):
        return ""
    while len(words) > 1 and words[-1] in _LEGAL_TAILS:
        words.pop()
    return " ".join(words) if words[-1][:1].isupper() else ""


def _short_candidates(ent: Span) -> list[tuple[str, int]]:
    """The shorter names a multi-word name is later written as, each with its rank (0 first): a person's surname
    or given name ("Musk"), a company's name without the words that only say it is a company ("Inflection" of
    "Inflection AI"), a model's tier ("Behemoth" of "Llama 4 Behemoth"); then (rank 1) the first or last word of
    another name of capitalised words only, none of them one that organisations, places or works are named with
    ("Apollo" of "Apollo Go")."""
    words = _words(ent)
    out: list[tuple[str, int]] = []
    stem = list(words)
    if len(words) >= 2 and words[0] in _ORG_LEADS and words[1][:1].isupper():
        rest = words[1:]
        while len(rest) > 1 and rest[-1] in _ORG_TAILS:
            rest.pop()
        out.append((" ".join(rest), 0))
    while len(stem) > 1 and stem[-1] in _ORG_TAILS:
        stem.pop()
        if stem[-1][:1].isupper():
            out.append((" ".join(stem), 0))
    if words[-1] in _LEGAL_TAILS and len(stem) > 1 and stem[0] not in _NOT_PERSON_WORDS and \
            _name_word(stem[0]) and len(stem[0]) > 2:
        # A registered name ("Rivermark Capital Partners LP") is a company's, whatever words it is made of: its
        # first word is what the text calls the company afterwards ("Rivermark").
        out.append((stem[0], 1))
    if person_shaped(ent):
        names = words[:-1] if words[-1] in _GENERATIONS else words
        out.extend((w, 0) for w in (names[0], names[-1]) if len(w) > 2 and not _INITIAL.match(w))
        # "De Vries" of "Elisabeth de Vries": the surname with its particles (matched by normalised key, so a
        # capital at the start of a sentence is the same name).
        k = len(names) - 1
        while k > 1 and names[k - 1] in _NAME_PARTICLES:
            k -= 1
        if k < len(names) - 1:
            out.append((" ".join(names[k:]), 0))
        # "Su" of "Lisa Su", "Ng" of "Andrew Ng": a two-letter surname, never a two-letter given name ("Al").
        if len(names[-1]) == 2 and names[-1][0].isupper() and names[-1][1].islower():
            out.append((names[-1], 0))
    elif len(stem) > 1 and not any(w in _NOT_PERSON_WORDS or w[:1].islower() or (w.isalpha() and w.isupper() and
                                                                                 len(w) > 1) for w in stem):
        # Names built of parts ("Episcopal Diocese of Connecticut", "HGTV Canada", "FC U Craiova") give none.
        # A model's tier or version written alone: "Behemoth" after "Llama 4 Behemoth", "V3.5" after "星火 V3.5".
        # Legal forms are left out first: "Goldman" of "Goldman Sachs Group Inc.".
        rank = 0 if ent.label_ in ("Product", "AIModel") else 1
        out.extend((w, rank) for w in stem[-1:] if w[:1].isupper() and len(w) > 2)
        out.extend((w, 1) for w in stem[:1] if w[:1].isupper() and len(w) > 2)
    return out


#: Words after a one-word name that make it a family's name: "the Halden family", "the Warner brothers".
_FAMILY_WORDS = frozenset(["family", "families", "brothers", "sisters", "clan", "dynasty", "household", "heirs"])
_HONORIFICS = frozenset(["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Lady", "Lord"])


def _family_name_use(ent: Span) -> bool:
    """Whether a one-word name is used as a family's or a person's surname ("the Halden family", "Mr. Halden"),
    so it is no short form of a company's name."""
    doc = ent.doc
    after = doc[ent.end].text if ent.end < len(doc) else ""
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    return len(ent) == 1 and (after.lower() in _FAMILY_WORDS or before in _HONORIFICS)


def short_forms(ents: list[Span], known_iris: Container[str], *, links: Links,
                blocked: Container[int] = ()) -> list[Span]:
    """Later, shorter names of an entity named in full: a person's surname or given name ("Musk" after "Elon
    Musk"), the same person with fewer or abbreviated given names ("Halvard Tessaker" after "Halvard Brinmoe
    Tessaker"), a company without its legal form or kind word ("Inflection" after "Inflection AI"), and a Chinese
    name that is an earlier name minus its owner's name at the front ("元宝" after "腾讯元宝", when 腾讯 is a name
    of its own). A short name that two different entities named so far could have ("Drasko" after "Kimbal Drasko"
    and "Elon Drasko") stays its own, unless one of them is the text's first name, its topic. Gazetteer matches keep their own IRI; tokens in ``blocked`` (a name
    written in its other sense, graph.senses) are never linked.

    >>> import spacy
    >>> doc = spacy.blank("en")("Elon Musk spoke. Musk left.")
    >>> ents = [Span(doc, 0, 2, label="Person", kb_id="e:elon"), Span(doc, 4, 5, label="Person", kb_id="e:musk")]
    >>> [e.kb_id_ for e in short_forms(ents, set(), links={})]
    ['e:elon', 'e:elon']
    """
    out: list[Span] = []
    full: dict[str, dict[str, tuple[int, Span]]] = {}  # short name → IRI → (rank, the full name)
    heads: dict[str, dict[str, Span]] = {}  # last word of a name that is no person's → IRI → that name
    people: list[Span] = []
    persons: set[str] = set()  # IRIs some mention of which reads as a person's (listed, a given name, a role)
    written: dict[str, dict[str, Span]] = {}  # a name as written → IRI → its first mention
    topic = ents[0] if ents else None
    for ent in ents:
        if ent.label_ == "Person" or (ent.label_ == "Entity" and infer_type(ent) == "Person"):
            persons.add(ent.kb_id_)
        if ent.kb_id_ not in known_iris and ent.label_ != "Place":
            # Keyed by the normalised name: "StableWave" and "Stable-Wave" are "Stablewave" of "Stablewave AI".
            ranked = full.get(entity_key(ent.text), {})
            best = min((rank for rank, _ in ranked.values()), default=0)
            candidates = {iri: span for iri, (rank, span) in ranked.items() if rank == best}
            # "the Bee" after "the Sacramento Bee", "the Chiefs" after "the Kansas City Chiefs": the head of a name
            # after "the" stands for the whole name.
            if not candidates and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
                candidates = heads.get(ent.text, {})
            legal_stem = _without_legal_form(ent)
            if not candidates and legal_stem:
                # "Palvera Corp. … Palvera Corporation", "Brightwell … Brightwell Ltd.": one company under two
                # spellings of its legal form, or named first without it.
                candidates = {iri: span for iri, (rank, span) in full.get(entity_key(legal_stem), {}).items()
                              if rank == 0 and not person_shaped(span)} or written.get(legal_stem, {})
            if _family_name_use(ent):
                # "the Halden family" after "Halden Ventures": a family's name, not the firm's short form.
                candidates = {iri: span for iri, span in candidates.items() if person_shaped(span)}
            ante: Span | None = next(iter(candidates.values())) if len(candidates) == 1 else None
            if len(candidates) > 1 and topic is not None and topic.kb_id_ in candidates and \
                    not any(_named_together(topic, other) for other in candidates.values() if other is not topic):
                # "Carter" after "Rufus Seaman Carter … the son of William Dobson Carter": the text's topic, named
                # first and not as one of a pair, is the one its short name stands for; else it stays undecided.
                ante = candidates[topic.kb_id_]
            if ante is None and person_shaped(ent):
                words = _words(ent)
                same = {p.kb_id_: p for p in people if p.kb_id_ != ent.kb_id_ and same_person_name(_words(p), words)
                        and (p.kb_id_ in persons or ent.kb_id_ in persons)}
                ante = next(iter(same.values())) if len(same) == 1 else None
            if ante is not None and ante.kb_id_ != ent.kb_id_:
                ent = Span(ent.doc, ent.start, ent.end, label=ante.label_ if ante.label_ != "Entity" else ent.label_,
                           kb_id=ante.kb_id_)
                links[(ent.start_char, ent.end_char)] = ("short-form", ante.text)
        if ent.label_ in ("Organization", "Entity") and (ent.start_char, ent.end_char) not in links:
            written.setdefault(ent.text, {}).setdefault(ent.kb_id_, ent)
        if len(ent.text.split()) > 1:
            for short, rank in _short_candidates(ent):
                seen = full.setdefault(entity_key(short), {})
                if ent.kb_id_ not in seen or seen[ent.kb_id_][0] > rank:
                    seen[ent.kb_id_] = (rank, ent)
            if person_shaped(ent):
                people.append(ent)
            else:
                last = _words(ent)[-1]
                if len(last) > 2 and _name_word(last) and last not in _ORG_TAILS:
                    heads.setdefault(last, {}).setdefault(ent.kb_id_, ent)
        out.append(ent)
    out = _transliterated_surnames(out, links=links, blocked=blocked)
    return _owner_prefixed(_legal_forms(out, known_iris, links=links), links=links, blocked=blocked)


_NAME_DOT = re.compile("[" + "".join(sorted(NAME_DOTS)) + "]")


def _transliterated_surnames(ents: list[Span], *, links: Links, blocked: Container[int]) -> list[Span]:
    """"谢尔盖·沃罗宁 … 沃罗宁": a foreign person's name written in Chinese is later written by its last part, the
    surname, wherever it stands on word boundaries; a surname two such people share is left alone."""
    surnames: dict[str, dict[str, Span]] = {}
    for ent in ents:
        parts = _NAME_DOT.split(ent.text)
        if ent.label_ in ("Person", "Entity") and len(parts) >= 2 and _HAS_CJK.search(parts[-1]) and \
                len(parts[-1]) >= 2 and all(parts):
            surnames.setdefault(parts[-1], {}).setdefault(ent.kb_id_, ent)
    if not surnames:
        return ents
    doc = ents[0].doc
    text = text_of(doc)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for surname, people in surnames.items():
        if len(people) != 1:
            continue
        full = next(iter(people.values()))
        for match in re.finditer(re.escape(surname), text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is None or span.start < full.end or any(i in taken or i in blocked for i in range(span.start,
                                                                                                       span.end)):
                continue
            taken.update(range(span.start, span.end))
            links[(span.start_char, span.end_char)] = ("short-form", full.text)
            out.append(Span(doc, span.start, span.end, label="Person", kb_id=full.kb_id_))
    return sorted(out, key=lambda e: e.start)


#: Chinese legal forms that a company's name is written with or without: "游戏科学公司" is "游戏科学".
_ZH_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司")
#: Where a registered Chinese company name starts: its province or city, which its short name leaves out
#: ("深圳市蓝鲸数据科技有限公司" is called "蓝鲸数据").
ZH_REGION_PREFIX = re.compile(
    "^(?:北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
    "云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|杭州|南京|苏州|武汉|成都|西安|厦门|宁波|青岛|"
    "大连|长沙|郑州|合肥|济南|福州|无锡|东莞|珠海|佛山|沈阳|哈尔滨|长春|昆明|南昌|贵阳|石家庄|太原|南宁|海口|兰州)"
    "(?:省|市|特别行政区|自治区)?")
#: Words at the end of a registered name that its short name drops: "北京字节跳动科技有限公司" is "字节跳动".
_ZH_TRADE_TAILS = ("信息技术", "网络技术", "信息科技", "网络科技", "科技", "技术", "集团", "控股", "股份", "实业",
                   # "远山资本管理有限公司" is "远山资本", "华岳基金管理有限公司" "华岳基金", "深圳锐芯微电子有限公司"
                   # "锐芯": a fund manager's and a chip maker's trade words (a short name is only taken when the
                   # text writes it on its own). "资产管理" is not dropped whole: "青石资产管理" is "青石资产".
                   "管理", "微电子", "半导体")


def _zh_short_names(name: str) -> list[str]:
    """The shorter names a Chinese company's registered name is written as: without its legal form, then
    without its province or city, then without the trade words that end it.

    >>> _zh_short_names("深圳市蓝鲸数据科技有限公司")
    ['深圳市蓝鲸数据科技', '蓝鲸数据科技', '蓝鲸数据']
    >>> _zh_short_names("游戏科学公司"), _zh_short_names("北京大学")
    (['游戏科学'], ['北京大学'])
    >>> _zh_short_names("华鼎汽车集团"), _zh_short_names("北京科技集团")
    (['华鼎汽车集团', '华鼎汽车'], ['北京科技集团', '北京科技'])
    """
    suffix = next((s for s in _ZH_LEGAL_SUFFIXES if name.endswith(s)), "")
    stem = name[:-len(suffix)] if suffix else name
    out = [stem]
    # "华鼎汽车集团 … 华鼎汽车", "远航控股 … 远航": a group or holding company is named with and without the word;
    # the name keeps the place it starts
    # with, which is no registered name's region here ("北京汽车集团" is not "汽车").
    grouped = not suffix and name.endswith(("集团", "控股")) and len(name) >= 4
    if not suffix and not grouped:
        return out
    region = ZH_REGION_PREFIX.match(stem)
    if suffix and region and len(stem) - region.end() >= 2:
        stem = stem[region.end():]
        out.append(stem)
    while True:
        tail = next((t for t in _ZH_TRADE_TAILS if stem.endswith(t) and len(stem) - len(t) >= 2), None)
        if tail is None or ZH_REGION_PREFIX.fullmatch(stem[:-len(tail)]):
            break  # "北京科技集团" is not "北京": a place alone is no short name
        stem = stem[:-len(tail)]
        out.append(stem)
    return list(dict.fromkeys(out))


def _legal_forms(ents: list[Span], known_iris: Container[str], *, links: Links) -> list[Span]:
    """A new Chinese name written once with its legal form and once without is one company, whichever
    comes first ("游戏科学公司 … 游戏科学"); so is its registered name without the province or city it starts
    with and the trade words it ends with ("深圳市蓝鲸数据科技有限公司 … 蓝鲸数据")."""
    bare: dict[str, Span] = {}
    for ent in ents:
        if ent.label_ in ("Organization", "Entity") and _HAS_CJK.search(ent.text):
            for stem in _zh_short_names(ent.text):
                if len(stem) >= 2:
                    bare.setdefault(stem, ent)
    out = []
    # The bare name of a company first written with its legal form is a mention wherever it stands alone.
    doc = ents[0].doc if ents else None
    if doc is not None:
        text = text_of(doc)
        taken = {i for e in ents for i in range(e.start, e.end)}
        for stem, ent in list(bare.items()):
            if ent.text == stem or ent.kb_id_ in known_iris:
                continue
            for match in re.finditer(re.escape(stem), text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
                if span is None:
                    continue
                # "海尔智家股份有限公司 … 海尔智家称": a listed name the short name starts with ("海尔") is part of it,
                # as it is of the registered name; any other mention in the way leaves it alone.
                inside = [e for e in ents if e.start < span.end and span.start < e.end]
                if inside and span.start < ent.end or any(
                        e.start < span.start or e.end > span.end or e.kb_id_ not in known_iris or
                        e.label_ != "Organization" or (e.start, e.end) == (span.start, span.end) for e in inside) or \
                        any(i in taken and not any(e.start <= i < e.end for e in inside)
                            for i in range(span.start, span.end)):
                    continue
                if inside:
                    ents = [e for e in ents if e not in inside]
                taken.update(range(span.start, span.end))
                links[(span.start_char, span.end_char)] = ("short-form", ent.text)
                out.append(Span(doc, span.start, span.end, label=ent.label_, kb_id=ent.kb_id_))
    for ent in ents:
        first = next((bare[stem] for stem in _zh_short_names(ent.text) if stem in bare), None) \
            if _HAS_CJK.search(ent.text) else None
        if first is not None and first.kb_id_ != ent.kb_id_ and ent.kb_id_ not in known_iris:
            links[(ent.start_char, ent.end_char)] = ("short-form", first.text)
            ent = Span(ent.doc, ent.start, ent.end, label=first.label_ if first.label_ != "Entity" else ent.label_,
                       kb_id=first.kb_id_)
        out.append(ent)
    return sorted(out, key=lambda e: e.start)


def _owner_prefixed(ents: list[Span], *, links: Links, blocked: Container[int]) -> list[Span]:
    """"腾讯元宝 … 元宝": the rest of a product name after its owner's name, written alone later in the text."""
    doc = ents[0].doc if ents else None
    if doc is None:
        return ents
    owners = {e.text for e in ents if e.label_ == "Organization" and _HAS_CJK.search(e.text)}
    products = [e for e in ents if e.label_ in ("Product", "AIModel") and _HAS_CJK.search(e.text)]
    rests: dict[str, Span] = {}
    for product in products:
        for owner in owners:
            rest = product.text[len(owner):]
            if product.text.startswith(owner) and len(rest) >= 2 and _HAS_CJK.fullmatch(rest[0]):
                rests.setdefault(rest, product)
    if not rests:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    words = words_of(doc)
    out = list(ents)
    for i, word in enumerate(words):
        full = rests.get(word)
        # "“元宝”一词原本指…": a short name written in its other sense is no mention (graph.senses).
        if full is not None and i not in taken and i not in blocked and i >= full.end and \
                not other_sense(doc[i:i + 1], lang="zh", entity_type=full.label_):
            out.append(Span(doc, i, i + 1, label=full.label_, kb_id=full.kb_id_))
            links[(doc[i].idx, doc[i].idx + len(word))] = ("short-form", full.text)
    return filter_spans(out)


#: Role nouns a Chinese word before a person's name ends with: "行政总裁祈耀年（Georges Elhedery）" names 祈耀年.
_ZH_ROLE_ENDS = ("总裁", "董事长", "总经理", "执行官", "创始人", "负责人", "主席", "总监", "董事", "教授", "研究员",
                 "工程师", "分析师", "发言人", "科学家", "技术官", "财务官", "运营官", "CEO", "CTO")
#: Labels before a name in brackets that say it is the same thing's name in another script or form.
_BRACKET_LABELS = frozenset(["中文名", "中文名称", "英文名", "英文名称", "中文", "英文", "简称", "全称", "又称", "原名",
                             "Chinese", "English"])
_LABEL_COLONS = frozenset([":", "："])


def bracket_aliases(doc: Doc, ents: list[Span], *, known_iris: Container[str], links: Links,
                    not_in_name: Container[str] = ()) -> list[Span]:
    """"Lenovo (联想)", "幻方量化 (High-Flyer)": the name before a bracket and the name inside are one entity.

    When only one side was recognised, the other side becomes a mention too: up to two Chinese words before
    the bracket, or the whole bracket content when it is a short name in the other script. The gazetteer's IRI
    wins when the two sides disagree.

    >>> import spacy
    >>> doc = spacy.blank("en")("Lenovo (联想) said so.")
    >>> ents = [Span(doc, 0, 1, label="Organization", kb_id="e:lenovo")]
    >>> [(e.text, e.kb_id_) for e in bracket_aliases(doc, ents, known_iris={"e:lenovo"}, links={})]
    [('Lenovo', 'e:lenovo'), ('联想', 'e:lenovo')]
    """
    words = words_of(doc)
    n = len(words)
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    out = list(ents)

    def relabel(spans: list[Span], keep: Span, evidence: str) -> None:
        nonlocal out
        # The short forms already linked to the side that loses go with it: "RuiCore" after "深圳锐芯微电子有限公司
        # （RuiCore Microelectronics）" is the company, not a name of its own.
        lost = {e.kb_id_ for e in spans if e.kb_id_ != keep.kb_id_ and e.kb_id_ not in known_iris}
        moved = [e for e in out if e.kb_id_ in lost and e not in spans and
                 links.get((e.start_char, e.end_char), ("",))[0] == "short-form"]
        out = [Span(doc, e.start, e.end, label=keep.label_, kb_id=keep.kb_id_) if e in spans or e in moved else e
               for e in out]
        for e in spans:
            if e.kb_id_ != keep.kb_id_:
                links[(e.start_char, e.end_char)] = ("bracket-alias", evidence)

    for inner in ents:
        opener = inner.start - 1
        # "鹿明机器人（英文名：Lumiq Robotics）": a label saying which name the bracket holds may come first.
        if opener >= 2 and words[opener] in _LABEL_COLONS and words[opener - 1] in _BRACKET_LABELS:
            opener -= 2
        if opener < 1 or words[opener] not in _OPENERS or inner.end >= n or words[inner.end] not in _CLOSERS:
            continue
        evidence = doc[max(0, opener - 4):inner.end + 1].text
        outer = by_end.get(opener)
        if outer is not None and person_shaped(outer) and person_shaped(inner) and \
                not set(_words(outer)) & set(_words(inner)) and \
                "Person" in (outer.label_, inner.label_, infer_type(outer), infer_type(inner)):
            continue  # "Penelope Blake (Samantha Sloyan)": a role and its actor, two people's full names
        if outer is not None:
            if outer.kb_id_ != inner.kb_id_:
                keep = outer if outer.kb_id_ in known_iris or inner.kb_id_ not in known_iris else inner
                relabel([outer, inner], keep, evidence)
            continue
        start = opener
        taken = {i for e in out for i in range(e.start, e.end)}
        parts = 0
        while start > 0 and parts < 2 and _HAS_CJK.search(words[start - 1]) and \
                words[start - 1] not in not_in_name and start - 1 not in taken and \
                not (start < opener and words[start - 1].endswith(_ZH_ROLE_ENDS)):
            start -= 1
            parts += 1
            # "平克·弗洛伊德（Pink Floyd）": the parts of a foreign name written in Chinese go in with their dots,
            # and the name ends at its first part ("取自平克·弗洛伊德" names 平克·弗洛伊德).
            while start > 1 and _NAME_DOT.fullmatch(words[start - 1]) and _HAS_CJK.search(words[start - 2]) and \
                    {start - 1, start - 2}.isdisjoint(taken) and words[start - 2] not in not_in_name:
                start -= 2
                parts = 2
        # "蓝图智能（Blueprint AI）": a new one-word name glued before the words taken in ("蓝图", guessed a person's
        # name) is the first part of the name the bracket glosses.
        glued = next((e for e in out if e.end == start and e.end - e.start == 1 and e.kb_id_ not in known_iris and
                      _HAS_CJK.search(e.text) and not doc[e.start].whitespace_), None) if start < opener else None
        if glued is not None and opener - glued.start <= 3:
            out = [e for e in out if e is not glued]
            start = glued.start
        if start < opener and (start not in by_start or by_start[start] is glued):
            out.append(Span(doc, start, opener, label=inner.label_, kb_id=inner.kb_id_))
            links[(doc[start].idx, doc[opener - 1].idx + len(doc[opener - 1]))] = ("bracket-alias", evidence)
    out = _tickers(doc, out, links=links)
    # A recognised name followed by an unrecognised short name in the other script: "Lenovo (联想)".
    for outer in list(out):
        opener = outer.end
        if opener + 2 >= n + 1 or opener >= n or words[opener] not in _OPENERS:
            continue
        first = opener + 1
        if first + 1 < n and words[first] in _BRACKET_LABELS and words[first + 1] in _LABEL_COLONS:
            first += 2  # "Lumiq Robotics（中文名：鹿明机器人）"
        close = next((k for k in range(first, min(n, first + 5)) if words[k] in _CLOSERS), None)
        if close is None or close == first or any(e.start > opener and e.start < close for e in out):
            continue
        content = doc[first:close]
        text = content.text
        other_script = bool(_HAS_CJK.search(text)) != bool(_HAS_CJK.search(outer.text))
        if not other_script or len(text) > 24 or not re.fullmatch(r"[\w\u3400-\u9fff·.\- ]+", text) or \
                text.replace(" ", "").isdigit():
            continue
        out.append(Span(doc, first, close, label=outer.label_, kb_id=outer.kb_id_))
        links[(content.start_char, content.end_char)] = ("bracket-alias", doc[outer.start:close + 1].text)
    return filter_spans(out)


#: "(NYSE: KLVR)", "（纳斯达克：BIDU）", "(Nasdaq: ORBS)": a company's stock ticker in brackets after its name.
_TICKER = re.compile(r"^[（(]\s*(?:NYSE|NASDAQ|Nasdaq|NYSE American|LSE|TSX|ASX|HKEX|SEHK|SGX|TSE|Euronext|"
                     r"纽交所|纽约证券交易所|纳斯达克|纳斯达克交易所|港交所|香港交易所|联交所)\s*[:：]\s*"
                     r"([A-Z][A-Z.]{0,5}|\d{4,6})\s*[）)]")


def _tickers(doc: Doc, ents: list[Span], *, links: Links) -> list[Span]:
    """The ticker in "Kelvara Holdings (NYSE: KLVR)" is a name of the company before it: a mention with its IRI
    (and so is the same ticker written alone elsewhere in the text, by ``same_name_same_iri``)."""
    text = text_of(doc)
    if ":" not in text and "：" not in text:
        return ents
    out = list(ents)
    for outer in ents:
        if outer.label_ in ("Place", "Person"):
            continue
        match = _TICKER.match(text[outer.end_char:outer.end_char + 40].lstrip(" "))
        if match is None:
            continue
        offset = outer.end_char + len(text[outer.end_char:]) - len(text[outer.end_char:].lstrip(" "))
        span = doc.char_span(offset + match.start(1), offset + match.end(1), alignment_mode="strict")
        if span is None:
            continue
        out = [e for e in out if e.end <= span.start or e.start >= span.end]
        out.append(Span(doc, span.start, span.end, label=outer.label_, kb_id=outer.kb_id_))
        links[(span.start_char, span.end_char)] = ("bracket-alias", text[outer.start_char:offset + match.end()])
    return sorted(out, key=lambda e: e.start)


#: Small words an initialism leaves out: "CCC" is the Civilian Conservation Corps, "USGS" the United States
#: Geological Survey, "AAAS" the American Association for the Advancement of Science.
_INITIALISM_SKIPS = frozenset(["of", "and", "the", "for", "in", "on", "at", "to", "&", "de", "du", "des", "la", "le",
                               "der", "von", "und", "y", "e", "-", "–"])
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Z&]{1,6}$")


def initials(name: str) -> str:
    """The capitals an initialism of ``name`` would be made of, or "" when a word of it is not capitalised.

    >>> initials("Pellmore Rural Transit Authority"), initials("Asia-Pacific Economic Cooperation")
    ('PRTA', 'APEC')
    >>> initials("the board of Pellmore"), initials("Quill")
    ('', '')
    """
    words = [w for w in re.split(r"[\s\-–]+", name.strip(" ,")) if w and w.lower() not in _INITIALISM_SKIPS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def initialisms(ents: list[Span], known_iris: Container[str], *, links: Links) -> list[Span]:
    """An unlisted all-capitals name spelling the initials of a name in the same text is that entity ("PRTA" and
    "the Pellmore Rural Transit Authority", "FOB" and "Fall Out Boy"), wherever the two stand. When two entities
    of the text have those initials the short name is left alone. Listed initialisms keep their IRI.

    >>> import spacy
    >>> doc = spacy.blank("en")("Fall Out Boy toured. FOB sold out.")
    >>> ents = [Span(doc, 0, 3, label="Organization", kb_id="e:fob1"), Span(doc, 5, 6, label="Entity", kb_id="e:fob")]
    >>> [e.kb_id_ for e in initialisms(ents, set(), links={})]
    ['e:fob1', 'e:fob1']
    """
    by_initials: dict[str, dict[str, Span]] = {}
    for ent in ents:
        if len(ent.text.split()) > 1 and ent.label_ != "Place":
            letters = initials(ent.text)
            if len(letters) >= 2:
                by_initials.setdefault(letters, {}).setdefault(ent.kb_id_, ent)
    if not by_initials:
        return ents
    out = []
    for ent in ents:
        if ent.kb_id_ not in known_iris and _INITIALISM.match(ent.text):
            found = by_initials.get(ent.text.replace(".", "").replace("&", ""), {})
            if len(found) == 1:
                full = next(iter(found.values()))
                if full.kb_id_ != ent.kb_id_:
                    ent = Span(ent.doc, ent.start, ent.end, label=full.label_ if full.label_ != "Entity" else
                               ent.label_, kb_id=full.kb_id_)
                    links[(ent.start_char, ent.end_char)] = ("initialism", full.text)
        out.append(ent)
    return out


#: Rules whose link one mention's name carries to the other mentions of that name.
_CARRIED = frozenset(["short-form", "bracket-alias", "initialism", "stated-alias"])


def same_name_same_iri(ents: list[Span], known_iris: Container[str], *, links: Links,
                       blocked: Container[int] = ()) -> list[Span]:
    """A name the text linked to an entity once ("PRTA" in "the Pellmore Rural Transit Authority (PRTA)") is that
    entity wherever else it is written alone in the text, unless it was linked to two; a Chinese one is found
    wherever it stands on word boundaries ("星河动力" after "（以下简称“星河动力”）"). Tokens in ``blocked`` (a name
    written in its other sense) are left alone.

    >>> import spacy
    >>> doc = spacy.blank("en")("Lenovo (联想) grew. 联想 hired.")
    >>> ents = [Span(doc, 0, 1, kb_id="e:lenovo"), Span(doc, 2, 3, kb_id="e:lenovo"), Span(doc, 6, 7, kb_id="e:lx")]
    >>> [e.kb_id_ for e in same_name_same_iri(ents, set(), links={(8, 10): ("bracket-alias", "Lenovo (联想)")})]
    ['e:lenovo', 'e:lenovo', 'e:lenovo']
    """
    linked: dict[str, dict[str, Span]] = {}
    for ent in ents:
        link = links.get((ent.start_char, ent.end_char))
        if link is not None and link[0] in _CARRIED:
            linked.setdefault(entity_key(ent.text), {}).setdefault(ent.kb_id_, ent)
    if not linked:
        return ents
    doc = ents[0].doc
    text = text_of(doc)
    taken = {i for e in ents for i in range(e.start, e.end)}
    extra = []
    for spans in linked.values():
        if len(spans) != 1:
            continue
        first = next(iter(spans.values()))
        if not _HAS_CJK.search(first.text) or len(first.text) < 2:
            continue  # Latin names are found by their capitals; Chinese ones may stand anywhere
        for match in re.finditer(re.escape(first.text), text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is None or any(i in taken or i in blocked for i in range(span.start, span.end)) or \
                    other_sense(span, lang="zh", entity_type=first.label_):
                continue
            taken.update(range(span.start, span.end))
            links[(span.start_char, span.end_char)] = links[(first.start_char, first.end_char)]
            extra.append(Span(doc, span.start, span.end, label=first.label_, kb_id=first.kb_id_))
    out = extra
    for ent in ents:
        found = linked.get(entity_key(ent.text), {})
        if len(found) == 1 and ent.kb_id_ not in found and ent.kb_id_ not in known_iris and \
                (ent.start_char, ent.end_char) not in links and \
                not (_family_name_use(ent) and next(iter(found.values())).label_ != "Person"):
            first = next(iter(found.values()))
            rule, evidence = links[(first.start_char, first.end_char)]
            ent = Span(ent.doc, ent.start, ent.end, label=first.label_, kb_id=first.kb_id_)
            links[(ent.start_char, ent.end_char)] = (rule, evidence)
        out.append(ent)
    return sorted(out, key=lambda e: e.start)


def _other_script_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Chinese words in English text are names here only as a stated alias candidate ("known in China as
    萝卜快跑"): an unlinked Chinese token after such a phrase becomes an untyped mention for the check below."""
    text = text_of(doc)
    if not _HAS_CJK.search(text):
        return ents  # most English documents: nothing to look at
    taken = {i for e in ents for i in range(e.start, e.end)}
    extra = []
    for i, word in enumerate(words_of(doc)):
        if i in taken or len(word) > 12 or not _HAS_CJK.search(word):
            continue
        before = [e for e in ents if e.end <= i and e.label_ != "Place"]
        if before and _STATED_EN.match(text[before[-1].end_char:doc[i].idx].lower()):
            extra.append(Span(doc, i, i + 1, label="Entity"))
    return sorted(ents + extra, key=lambda e: e.start) if extra else ents


#: "（以下简称“星河动力”）", "（简称远景能源）": the short name a Chinese text gives a company right after its full name.
#: A stock code may come first: "（300750.SZ，下称“星河动力”）".
_ZH_ABBREVIATED = re.compile(r"^\s*[（(]\s*(?:(?P<code>\d{5,6}\.(?:SH|SZ|HK|BJ)|[A-Z]{1,5}\.(?:O|N|US))\s*[，,；;]\s*)?"
                             r"(?:以下|下文|下同，)?(?:简称|下称|称)(?:为)?\s*[:：]?\s*[“\"「『]?"
                             r"(?P<name>[^“”\"「」『』（）()，,。；]{2,16}?)[”\"」』]?\s*[）)，,；]")


#: "芯原微电子，又称芯原，", "蓝驰数据原名蓝驰信息", "星桥智能的前身为星桥软件": another name stated after a name
#: without brackets, up to the next punctuation mark; a description ("前身为一家软件公司") is no name.
_ZH_STATED_NAME = re.compile(r"^(?:的)?\s*[，,（(]?\s*(?:又称|又名|也称|亦称|别称|简称|原名|原称|曾用名|旧称|前身为|前身是|"
                             # "X于2015年更名为Y，": the new name, up to the punctuation after it.
                             r"" + _ZH_WHEN + r"?[，,]?\s*(?:正式|已)?(?:更名为|改名为)|"
                             r"中文名称?|英文名称?|全称)"
                             r"\s*[:：]?\s*[“\"「『]?(?![一该这某其此])(?P<name>[^“”\"「」『』（）()，,。；;、\s的]{2,12})[”\"」』]?"
                             r"\s*(?=[，,。；;、）)]|$)")


def _zh_abbreviated(doc: Doc, ents: list[Span], *, links: Links, known_iris: Container[str] = ()) -> list[Span]:
    """The short name stated in brackets after a name ("浙江星河动力科技有限公司（以下简称“星河动力”）") is a
    mention of that entity, found or not by the other rules, and so is a stock code before it ("（300750.SZ，下称
    “星河动力”）"); so is another name stated after it, in brackets or not ("芯原微电子，又称芯原，", "X原名Y",
    "X（曾用名Y）", "X的前身为Y"), where the other rules found none or only pieces of it. When the short name is a
    listed company's, the full name is that company's registered name and takes its IRI ("贵州茅台酒股份有限公司
    （以下简称“贵州茅台”）"), with the name found glued before it ("贵州茅台" + "酒股份有限公司")."""
    text = text_of(doc)
    if not re.search("称|原名|曾用名|前身|全称|更名|改名", text):
        return ents
    out = list(ents)
    for ent in ents:
        after = text[ent.end_char:ent.end_char + 40]
        match = _ZH_ABBREVIATED.match(after)
        bracketed = match is not None
        match = match or _ZH_STATED_NAME.match(after)
        if match is None or ent.label_ == "Place" or ent not in out:
            continue
        start, end = ent.end_char + match.start("name"), ent.end_char + match.end("name")
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None:
            continue
        inside = [e for e in out if e.start < span.end and span.start < e.end]
        listed = [e for e in inside if (e.start, e.end) == (span.start, span.end) and e.kb_id_ in known_iris]
        if bracketed and listed and ent.kb_id_ not in known_iris:
            # The registered name of a listed company: it, and the listed name glued before it, get the IRI.
            short = listed[0]
            before = [e for e in out if e.end == ent.start and (e.kb_id_ == short.kb_id_ or e.kb_id_ not in known_iris)
                      and e.label_ in ("Organization", "Entity")]
            first = before[0].start if before else ent.start
            full = Span(doc, first, ent.end, label=short.label_, kb_id=short.kb_id_)
            out = [e for e in out if e.end <= first or e.start >= ent.end]
            out = [full if e.kb_id_ == ent.kb_id_ else e for e in out] + [full]
            links[(full.start_char, full.end_char)] = ("stated-alias", text[full.start_char:ent.end_char + match.end()])
            ent = full
        elif not bracketed and any(e.start < span.start or e.end > span.end or e.kb_id_ in known_iris
                                   for e in inside):
            continue  # found names are left to the rule below, which knows the gazetteer's word on them
        else:
            out = [e for e in out if e.end <= span.start or e.start >= span.end]
            out.append(Span(doc, span.start, span.end, label=ent.label_, kb_id=ent.kb_id_))
            links[(start, end)] = ("stated-alias", text[ent.start_char:ent.end_char + match.end()])
        code = match.groupdict().get("code")
        if code:
            code_span = doc.char_span(ent.end_char + match.start("code"), ent.end_char + match.end("code"),
                                      alignment_mode="expand")
            if code_span is not None and not any(e.start < code_span.end and code_span.start < e.end for e in out):
                out.append(Span(doc, code_span.start, code_span.end, label=ent.label_, kb_id=ent.kb_id_))
                links[(code_span.start_char, code_span.end_char)] = ("bracket-alias", text[ent.start_char:
                                                                                             ent.end_char + match.end()])
    return sorted(filter_spans(out), key=lambda e: e.start)


#: Words after a name that say the name that follows is another of its names: "星联通信原名星联网络".
_ZH_NAME_CUE_BEFORE = re.compile(r"^(?:原名|原称|曾用名|旧称|前身为|前身是|又称|又名|亦称|也称)(?:为|是)?$")
#: The words of a rename's date between the old name and 更名为: "在2018年正式".
_ZH_WHEN_WORDS = frozenset(["于", "在", "年", "月", "日", "正式", "已", "同年", "次年", "当年", "随后", "此后", "之后",
                            "后来"])
#: Nouns that name a kind of thing, not one: "公司原名…" is a description's statement.
_ZH_KIND_NOUNS = ("公司", "集团", "企业", "品牌", "产品", "平台", "机构", "银行", "工厂", "学校", "大学", "项目", "团队",
                  "部门", "网站", "应用", "软件", "模型", "后者", "前者", "双方", "对方")
_ZH_CLAUSE_ADVERBS = frozenset(["去年", "今年", "明年", "此前", "目前", "如今", "现在", "当时", "后来", "随后", "最初",
                                "早年", "其中", "同时", "而", "但", "并", "且", "即", "也", "则", "当年", "同年"])
#: A clause opener, so the words between it and the cue are the whole subject.
_ZH_CLAUSE_MARK = frozenset(["，", "。", "；", "！", "？", "、", "：", "\n", ",", ";", ":", "（", "(", "”", "“"])


def _zh_named_before_cue(doc: Doc, ents: list[Span], *, links: Links) -> list[Span]:
    """"星联通信原名星联网络", "X由Y更名而来": the clause's subject before 原名/又称/前身为 and a found name after it is the same
    entity under its other name, even when the words of the subject were found as no name: one to three Chinese
    words (two to eight characters) from the start of the clause; a description ("该公司", "这家企业") is none.

    >>> from graph.nlp import get_pipeline
    >>> doc = get_pipeline("zh")("星联通信原名星联网络。")
    >>> ents = [doc.char_span(6, 10, label="Organization", kb_id="e:x", alignment_mode="expand")]
    >>> [(e.text, e.kb_id_) for e in _zh_named_before_cue(doc, ents, links={})]
    [('星联通信', 'e:x'), ('星联网络', 'e:x')]
    """
    words = words_of(doc)
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        cue = ent.start - 1
        # "青云数据由青云网络更名而来": the new name is the subject, the old one stands between 由 and 更名.
        renamed_from = cue >= 1 and words[cue] == "由" and text_of(doc)[ent.end_char:ent.end_char + 4].startswith(
            ("更名而来", "改名而来", "更名而成", "改名而成"))
        renamed_to = cue >= 1 and words[cue] in ("更名为", "改名为")
        if cue < 1 or ent.label_ in ("Place", "Person") or not (_ZH_NAME_CUE_BEFORE.match(words[cue]) or
                                                                 renamed_from or renamed_to):
            continue
        if renamed_to:
            # "青云软件在2018年正式更名为青云科技": the old name stands before the rename's date.
            while cue > 0 and (words[cue - 1] in _ZH_WHEN_WORDS or words[cue - 1].isdigit()):
                cue -= 1
            if cue == ent.start - 1:
                continue  # no date: "X更名为Y" is read by stated_aliases when X was found
        start = cue
        while start > 0 and cue - start < 3 and start - 1 not in taken and words[start - 1] not in _ZH_CLAUSE_MARK \
                and _HAS_CJK.fullmatch(words[start - 1][:1]) and not doc[start - 1].whitespace_:
            start -= 1
        opens = start == 0 or words[start - 1] in _ZH_CLAUSE_MARK or doc[start - 1].whitespace_
        # "去年星联通信原名…": a time or linking word opening the clause is no part of the name.
        while start < cue and (words[start] in _ZH_CLAUSE_ADVERBS or words[start].endswith(("年", "月", "日"))):
            start += 1
        subject = "".join(words[start:cue])
        if start == cue or not 2 <= len(subject) <= 8 or subject[0] in "该这此其本它他她" or \
                subject.endswith(_ZH_KIND_NOUNS) and len(subject) <= 3 or \
                not opens:
            continue
        span = Span(doc, start, cue, label=ent.label_, kb_id=ent.kb_id_)
        taken.update(range(start, cue))
        out.append(span)
        links[(span.start_char, span.end_char)] = ("stated-alias", text_of(doc)[span.start_char:ent.end_char])
    return sorted(out, key=lambda e: e.start) if len(out) > len(ents) else ents


#: "Pellam Brothers became Pellam Retail in 1962": a company's new name after "became", when the clause ends there
#: or with a year ("Altman became OpenAI CEO", "X became Y's partner" say other things).
_BECAME_EN = re.compile(r"^\s*(?:,\s*(?:which|that)\s+)?(?:later\s+|eventually\s+|then\s+|officially\s+)?became\s+$")
#: "Vantex Group, the former Harlan Steel, …": the company's former name as an appositive (a name ending it).
_FORMER_APPOSITIVE_EN = re.compile(r"^\s*,\s*the\s+former\s+$")
_APPOSITIVE_END_EN = re.compile(r"^\s*(?:[,.;)]|$)")
_BECAME_END_EN = re.compile(r"^\s*(?:in\s+\d{4}\b|[,.;]|and\b|$)")


#: "Originally named Tessaro Labs, the company became Tessaro Health": a first name given before the clause whose
#: subject, a description, took the second.
_ORIGINALLY_BEFORE_EN = re.compile(r"(?:^|[.!?;]\s+|\n)(?:originally|formerly|first|once)\s+(?:named|called|known\s+as)"
                                   r"\s+(?:the\s+)?$")
_ORIGINALLY_BETWEEN_EN = re.compile(r"^\s*,\s*(?:the|this)\s+(?:company|firm|business|group|bank|brand|startup|"
                                    r"maker)\s+(?:later\s+)?(?:became|was\s+renamed|renamed\s+itself|"
                                    r"changed\s+its\s+name\s+to|rebranded\s+as)\s+(?:the\s+)?$")


def _became_renamed(first: Span, second: Span, between: str) -> bool:
    """Whether "first became second" states a rename: two organisations' names, the clause ending after the second.

    >>> import spacy
    >>> doc = spacy.blank("en")("Pellam Brothers became Pellam Retail in 1962 .")
    >>> a, b = Span(doc, 0, 2, label="Organization"), Span(doc, 3, 5, label="Organization")
    >>> _became_renamed(a, b, " became ")
    True
    >>> doc = spacy.blank("en")("Sam Vell became Pellam Retail chief in 1962 .")  # the clause goes on
    >>> _became_renamed(Span(doc, 0, 2, label="Entity"), Span(doc, 3, 5, label="Organization"), " became ")
    False
    """
    former = bool(_FORMER_APPOSITIVE_EN.match(between.lower()))
    if not (_BECAME_EN.match(between.lower()) or former):
        return False
    kinds = {first.label_, second.label_, infer_type(first), infer_type(second)}
    if "Person" in kinds or "Place" in kinds or (former and person_shaped(first)):
        return False  # "Dana Whitlock, the former …": a person's appositive is a role
    after = text_of(first.doc)[second.end_char:second.end_char + 12]
    # "the former Harlan Steel chairman" describes a person: the name must end the appositive.
    return bool(_APPOSITIVE_END_EN.match(after) if former else _BECAME_END_EN.match(after))


def stated_aliases(doc: Doc, ents: list[Span], *, lang: str, known_iris: Container[str], links: Links,
                   descriptions: Container[tuple[int, int]] = ()) -> list[Span]:
    """Two mentions the sentence between them declares one thing ("formerly called", "known in China as",
    "原名", "更名为") get one IRI in the whole document: the gazetteer's if either has one, else the first's.
    Two different gazetteer entities are left apart: the entity list has the last word on them. So are
    ``descriptions`` (token ranges of "the company"-like mentions), whose antecedent is only a guess."""
    if lang != "zh":
        ents = _other_script_names(doc, ents)
    else:
        ents = _zh_abbreviated(doc, ents, links=links, known_iris=known_iris)
        ents = _zh_named_before_cue(doc, ents, links=links)
    # Places are skipped: "known in China as" names a place on the way, not an alias.
    # Descriptions are skipped too: in "Brelmor Systems, the company formerly known as Dantix" the description is
    # the appositive the statement is made with, and the names on either side are the pair.
    ordered = sorted((e for e in ents if e.label_ != "Place" and (e.start, e.end) not in descriptions),
                     key=lambda e: e.start)
    renames: dict[str, tuple[str, str, str]] = {}  # losing IRI → (winning IRI, label, evidence)
    pattern = _STATED_ZH if lang == "zh" else _STATED_EN
    pairs = list(itertools.pairwise(ordered))
    if lang != "zh":
        pairs += [(first, second) for i, second in enumerate(ordered) for first in ordered[:max(0, i - 1)]
                  if second.start_char - first.end_char <= 110 and _RENAMED_PAST_APPOSITIVE_EN.match(
                      text_of(doc)[first.end_char:second.start_char].lower())]
    for first, second in pairs:
        if first.kb_id_ == second.kb_id_ or (first.start, first.end) in descriptions or \
                (second.start, second.end) in descriptions:
            continue  # "the company was known as X": the description's antecedent is a guess; no merge on it
        between = text_of(doc)[first.end_char:second.start_char]
        if _SENTENCE_END.search(between) or not (
                (len(between) <= 70 and pattern.match(between.lower() if lang != "zh" else between)) or
                (lang != "zh" and _RENAMED_PAST_APPOSITIVE_EN.match(between.lower())) or
                (lang != "zh" and _became_renamed(first, second, between)) or
                (lang != "zh" and _ORIGINALLY_BEFORE_EN.search(text_of(doc)[max(0, first.start_char - 40):
                                                                           first.start_char].lower()) and
                 _ORIGINALLY_BETWEEN_EN.match(between.lower()))):
            continue
        if first.kb_id_ in known_iris and second.kb_id_ in known_iris:
            continue
        if second.end < len(doc) and doc[second.end].text in ("'s", "’s", "'", "’", "的"):
            continue  # "Microsoft, now OpenAI's biggest backer": the second name describes something else
        keep, lose = (second, first) if second.kb_id_ in known_iris and first.kb_id_ not in known_iris \
            else (first, second)
        evidence = text_of(doc)[first.start_char:second.end_char]
        renames.setdefault(lose.kb_id_, (keep.kb_id_, keep.label_, evidence))
    # "Corrigan Motor Company was founded in 1908. The firm was renamed Corrigan Automotive in 1952": a company
    # history states its renames of the company it is about through a description. The description's antecedent is
    # only trusted when it is the text's topic, the organisation it names first.
    topic = next((e for e in ordered if e.label_ == "Organization"), None)
    for described in ents:
        if topic is None or (described.start, described.end) not in descriptions or described.kb_id_ != topic.kb_id_:
            continue
        renamed = next((e for e in ordered if e.start >= described.end), None)
        if renamed is None or renamed.kb_id_ == topic.kb_id_ or renamed.kb_id_ in renames or \
                (renamed.kb_id_ in known_iris and (topic.kb_id_ in known_iris or topic.kb_id_ in renames)):
            continue
        between = text_of(doc)[described.end_char:renamed.start_char]
        if len(between) <= 40 and not _SENTENCE_END.search(between) and \
                pattern.match(between.lower() if lang != "zh" else between) and \
                not (renamed.end < len(doc) and doc[renamed.end].text in ("'s", "’s", "'", "’", "的")):
            evidence = text_of(doc)[described.start_char:renamed.end_char]
            if renamed.kb_id_ in known_iris:
                # "Bayerische Motoren Werke AG was founded in 1916. The company, known simply as BMW, …": an
                # unlisted topic stated to be a listed name is that listed entity.
                renames[topic.kb_id_] = (renamed.kb_id_, renamed.label_, evidence)
                break
            renames[renamed.kb_id_] = (topic.kb_id_, topic.label_, evidence)
    if not renames:
        return ents
    out = []
    for ent in ents:
        target = renames.get(ent.kb_id_)
        if target is None:
            out.append(ent)
            continue
        iri, label, evidence = target
        out.append(Span(doc, ent.start, ent.end, label=label if label != "Entity" else ent.label_, kb_id=iri))
        links[(ent.start_char, ent.end_char)] = ("stated-alias", evidence)
    return out
