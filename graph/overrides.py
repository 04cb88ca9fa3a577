"""A user's word on entity resolution: a CSV that undoes (or forces) the merges the rules made.

Every mention records why it got its IRI (``kg:NameResolution``: rule and evidence). When a rule was wrong for a
corpus, a row in an override file reverses it on the next build, without touching code or the entity list::

    name,decision
    Musk,separate                # never merge "Musk" into "Elon Musk"; it gets its own IRI
    Gemini,https://example.org/zodiac/gemini
    Cursor,none                  # not an entity in this corpus
    Codeium,Windsurf             # one entity: the IRI of the known entity named "Windsurf"

Names match after normalisation (case, width, spaces and hyphens do not matter). A decision is ``separate``,
``none``, an absolute IRI, or the name of a known entity. Text after ``#`` is a comment.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "overrides.csv"
>>> _ = path.write_text("name,decision\\nMusk,separate\\nApple,none  # fruit corpus\\n", encoding="utf-8")
>>> sorted((o.name, o.decision) for o in load_name_overrides(path).values())
[('Apple', 'none'), ('Musk', 'separate')]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from graph.exceptions import SchemaError
from graph.resolve import entity_key

#: Decisions that are not an entity: keep the name apart from every other, or drop the mention.
SEPARATE = "separate"
NONE = "none"


@dataclass(frozen=True, slots=True)
class NameOverride:
    """One row: the name as written, what to do with it, and where the row is (for the resolution record)."""

    name: str
    decision: str
    source: str

    def iri_for(self, *, minted: str, known_iris: set[str], known_by_key: dict[str, str]) -> str | None:
        """The IRI a mention of this name gets (None: no mention).

        >>> row = NameOverride("Musk", "separate", "o.csv:2")
        >>> row.iri_for(minted="b/entity/musk", known_iris=set(), known_by_key={})
        'b/entity/musk'
        >>> row.iri_for(minted="b/entity/musk", known_iris={"b/entity/musk"}, known_by_key={})
        'b/entity/musk-separate'
        """
        if self.decision == NONE:
            return None
        if self.decision == SEPARATE:
            # The minted IRI of a gazetteer name is the gazetteer's own IRI; a separate thing needs another one.
            return f"{minted}-separate" if minted in known_iris else minted
        if "://" in self.decision or self.decision.startswith("urn:"):
            return self.decision
        return known_by_key[entity_key(self.decision)]


def load_name_overrides(path: str | Path, *, known_names: set[str] | None = None) -> dict[str, NameOverride]:
    """Rows of an override file by normalised name; a bad row is an error naming the file, line and value.

    ``known_names``: normalised names of the known entities, to check decisions that name one.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SchemaError(f"{path}: override file not found; pass a CSV with the columns name,decision") from None
    except UnicodeDecodeError:
        raise SchemaError(f"{path}: override file is not UTF-8; save it as UTF-8") from None
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read override file ({exc.strerror or exc})") from None
    rows: dict[str, NameOverride] = {}
    # "#" starts a comment at the start of a line or after a space, so IRIs with fragments stay whole.
    lines = [re.sub(r"(?:^|\s)#.*$", "", line) for line in text.splitlines()]
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(lines))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or (number == 1 and [c.lower() for c in cells[:2]] == ["name", "decision"]):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise SchemaError(f"{path}:{number}: expected two columns name,decision, got {row!r}; a decision is "
                              f"'{SEPARATE}', '{NONE}', an IRI or the name of a known entity")
        name, decision = cells[0], cells[1]
        is_keyword = decision.lower() in (SEPARATE, NONE)
        is_iri = "://" in decision or decision.startswith("urn:")
        if not is_keyword and not is_iri and known_names is not None and entity_key(decision) not in known_names:
            raise SchemaError(f"{path}:{number}: decision {decision!r} for {name!r} is neither '{SEPARATE}', "
                              f"'{NONE}', an IRI nor the name of a known entity; add the entity to an entity "
                              "list or write its IRI")
        rows[entity_key(name)] = NameOverride(name, decision.lower() if is_keyword else decision,
                                              f"{path.name}:{number}")
    return rows
