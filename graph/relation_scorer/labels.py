"""Map the public corpora's labels onto our ontology's relations (or to "none"), with the direction fixed.

A corpus label becomes a :class:`Mapped` relation plus whether the corpus's (head, tail) must be swapped to read
as our relation's (subject, object). FinRE's passive twins (``被收购``: head *was acquired by* tail) and Wikidata
properties that point the other way (P127 *owned by*, P355 *subsidiary*) are swapped.

>>> map_finre("收购"), map_finre("被收购"), map_finre("纠纷")
(Mapped(relation='acquired', swap=False), Mapped(relation='acquired', swap=True), None)
>>> map_redocred("P127")
Mapped(relation='owns', swap=True)
"""

from __future__ import annotations

from typing import NamedTuple

#: The "no relation of ours" label the scorer also outputs a probability for.
NONE = "none"


class Mapped(NamedTuple):
    """Our relation, and whether the corpus's (head, tail) is our (object, subject)."""

    relation: str
    swap: bool


#: FinRE active labels → our relation; each also has a ``被`` twin with the direction reversed.
#: 拟收购 ("plans to acquire") is an acquisition claim with planned modality in our model, so it maps too.
FINRE_ACTIVE: dict[str, str] = {
    "竞争": "competesWith",
    "合作": "partnersWith",
    "合并": "mergedWith",
    "收购": "acquired",
    "拟收购": "acquired",
    "持股": "investedIn",
    "入股": "investedIn",
    "注资": "investedIn",
    "增持": "investedIn",
    "买资": "investedIn",
    "拥有": "owns",
}

#: Re-DocRED (Wikidata) properties → our relation; ``swap`` when the property's head is our object.
REDOCRED: dict[str, Mapped] = {
    "P178": Mapped("developedBy", False),  # developer: (product, developer)
    "P176": Mapped("manufacturedBy", False),  # manufacturer: (product, maker)
    "P127": Mapped("owns", True),  # owned by: (owned, owner)
    "P749": Mapped("subsidiaryOf", False),  # parent organization: (child, parent)
    "P355": Mapped("subsidiaryOf", True),  # subsidiary: (parent, child)
    "P112": Mapped("foundedBy", False),  # founded by: (org, founder)
    "P108": Mapped("worksFor", False),  # employer: (person, employer)
    "P123": Mapped("publishedBy", False),  # publisher: (work, publisher)
}

#: Re-DocRED entity types → our classes (MISC covers works, products and events alike, so it stays unknown).
REDOCRED_TYPES: dict[str, str] = {"ORG": "Organization", "PER": "Person", "LOC": "Place"}

#: Every relation the scorer can output, in a fixed order (the model's output columns), "none" first.
SCORER_LABELS: tuple[str, ...] = (NONE, *sorted(set(FINRE_ACTIVE.values()) | {m.relation for m in REDOCRED.values()}))

#: Relations that hold both ways: a pair labelled one way is labelled the other way too.
SYMMETRIC: frozenset[str] = frozenset({"competesWith", "partnersWith", "mergedWith"})


def map_finre(label: str) -> Mapped | None:
    """Our relation for a FinRE label, or None when it is none of ours (``unknown``, ``自己``, ``纠纷`` ...).

    >>> map_finre("被拥有")
    Mapped(relation='owns', swap=True)
    """
    passive = label.startswith("被")
    active = label[1:] if passive else label
    relation = FINRE_ACTIVE.get(active)
    if relation is None:
        return None
    # A symmetric relation has no direction to reverse.
    return Mapped(relation, passive and relation not in SYMMETRIC)


def map_redocred(prop: str) -> Mapped | None:
    """Our relation for a Wikidata property id, or None.

    >>> map_redocred("P17") is None
    True
    """
    return REDOCRED.get(prop)
