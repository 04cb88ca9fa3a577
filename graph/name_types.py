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

from spacy.tokens import Span

from graph.nlp import text_of

#: Head nouns that describe an organisation or a product ("the start-up X", "X, a chatbot").
_ORG_HEADS = frozenset([
    "company", "firm", "start-up", "startup", "lab", "laboratory", "maker", "chipmaker", "carmaker", "automaker",
    "manufacturer", "developer", "group", "giant", "conglomerate", "retailer", "carrier", "operator", "bank",
    "fund", "investor", "agency", "regulator", "publisher", "studio", "unit", "subsidiary", "division",
    "newspaper", "outlet", "broadcaster", "university", "institute", "foundation", "nonprofit", "non-profit",
    "organisation", "organization", "consortium", "exchange", "insurer", "brokerage", "provider", "supplier",
    "foundry", "rival", "competitor", "partner", "owner", "parent", "unicorn", "incumbent", "vendor"])
_PRODUCT_HEADS = frozenset([
    "model", "chatbot", "bot", "assistant", "app", "application", "tool", "service", "platform", "product",
    "chip", "processor", "accelerator", "gpu", "phone", "smartphone", "handset", "device", "headset", "system",
    "software", "browser", "engine", "editor", "agent", "game", "console", "car", "vehicle", "robot", "drone",
    "feature", "api", "operating", "language", "framework", "library", "series", "family", "generator"])
_PERSON_ROLES = frozenset([
    "ceo", "cto", "cfo", "coo", "chief", "executive", "founder", "co-founder", "cofounder", "president",
    "chairman", "chairwoman", "chair", "director", "head", "researcher", "scientist", "engineer", "professor",
    "analyst", "investor", "actress", "actor", "singer", "author", "writer", "journalist", "reporter",
    "lawyer", "attorney", "judge", "senator", "minister", "secretary", "governor", "mayor", "spokesperson",
    "spokesman", "spokeswoman", "officer", "manager", "partner", "mr", "ms", "mrs", "dr", "sir", "dame",
    "prof", "economist", "entrepreneur", "billionaire", "designer", "programmer", "developer"])
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
    names = span.text.split()
    if 2 <= len(names) <= 3 and names[0].lower() in GIVEN_NAMES and all(n[:1].isupper() for n in names):
        return "Person"
    # "Ross Alger (August 20, 1920 – January 5, 1992)", "Jane Roe (born 1950)", "Jane Roe was born in …": a life's
    # dates or birth after the name are said of people only.
    if _LIFE_AFTER.match(after):
        return "Person"
    # "Royal Canadian Air Force", "Lakefield College School", "University of Toronto": a multi-word name whose
    # head is a kind of organisation.
    if len(names) > 1 and names[-1].isalpha() and (names[-1] in ORG_NAME_HEADS or (
            names[0] in ORG_NAME_HEADS and names[1] in ("of", "for", "on"))):
        return "Organization"
    if _MODEL_NUMBER.match(span.text):
        return "Product"  # letters and digits in one word ("Qwen2.5-72B", "V3", "H800"): a product or model
    return span.label_


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
    "Hospital", "Laboratory", "Laboratories", "Team", "Ensemble", "Choir", "Legion"])
_MODEL_NUMBER = re.compile(r"^(?=[^ ]*[A-Za-z])(?=[^ ]*\d)(?![^ ]*-(?:based|born)$)[A-Za-z][\w.+-]*$")


def _kind(word: str) -> str | None:
    if word in _ORG_HEADS:
        return "Organization"
    if word in _PRODUCT_HEADS:
        return "Product"
    if word in _PERSON_ROLES:
        return "Person"
    return None
