"""Property tests: hostile Unicode in texts, titles, metadata and entity names never crashes a build or breaks an output.

Examples per property scale with the Hypothesis profile (``HYPOTHESIS_PROFILE``: dev, ci, deep; see conftest.py):
under ``ci`` the shares below add up to more than 10,000 examples. Building is the expensive part, so one
:class:`graph.build.Builder` serves the whole session, and documents are made by the JSONL reader (the path real
metadata takes). Readers are strict and independent of the writers: pyoxigraph for RDF, xml.etree (expat) for
GEXF/GraphML, the csv module, html.parser.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from graph.build import Builder, BuildResult
from graph.documents import Document, ReadProblem, read_jsonl_documents
from graph.exceptions import ClaimgraphError
from graph.export.html_page import MissingBundleError
from graph.export.registry import ExportFormat, export_graph
from graph.rdf_files import RdfFileFormat, write_rdf

REPO = Path(__file__).resolve().parent.parent


def examples(share: float) -> int:
    """This property's examples: ``share`` times the profile's ``max_examples`` (ci: 1000 → shares sum to > 10)."""
    profile = settings.default
    return max(3, round((profile.max_examples if profile is not None else 25) * share))


def _known_names() -> list[str]:
    """Every label and alias of schemas/entities.ttl, so generated texts mention real entities and make claims."""
    names = set()
    for triple in ox.parse(path=str(REPO / "schemas" / "entities.ttl"), format=ox.RdfFormat.TURTLE):
        if isinstance(triple.object, ox.Literal) and triple.predicate.value.endswith(("#label", "#altLabel")):
            names.add(triple.object.value)
    return sorted(names)


KNOWN_NAMES = _known_names()
TRIGGERS = ["acquired", "收购", "competes with", "与", "竞争", "partnered with", "合作", "released", "发布",
            "invested in", "投资", "did not acquire", "未收购", "plans to acquire", "据报道", "said", "表示", "delayed",
            "推迟", "sued", "起诉", "merged with", "and", "和", "、", ",", ", ", "'s", "的", "by", "被"]
#: Characters that break naive writers: XML-illegal controls, lone surrogates, BOM and non-characters,
#: bidi controls, zero-width characters, line and paragraph separators, quotes and markup.
NASTY = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\udbff\udc00", "\ufeff",
         "\ufffe", "\uffff", "\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
         "\u2028", "\u2029", "\r", "\r\n", "\n", "\n\n", "\t", '"', "'", '"""', "<", ">", "&", "&amp;", "]]>", "\\",
         "\\u003E", "#", "{", "}", "@", "^^", "`", "%", "%ZZ", "<script>", "</script>", "--", "\U0001f680", "𠀀",
         "é", "e\u0301", "ﷺ", "ا", "עברית"]
PUNCTUATION = ["。", "!", "?", ".", ",", "、", ";", "…", "—", "(", ")", "(", ")", "《", "》", "“", "”"]


@st.composite
def repeated_punctuation(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(PUNCTUATION)) * draw(st.integers(2, 200))


@st.composite
def long_token(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["A", "x", "中", "9", "-", "_", "ab"])) * draw(st.integers(200, 3000))


#: One piece of a document; pieces are joined with or without spaces.
PIECE = st.one_of(
    st.sampled_from(KNOWN_NAMES),
    st.sampled_from(TRIGGERS),
    st.sampled_from(NASTY),
    st.sampled_from(PUNCTUATION),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),  # any code point, surrogates included
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
    st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True),
    repeated_punctuation(),
)


@st.composite
def document_text(draw: st.DrawFn) -> str:
    """Pieces joined with or without spaces; at most one very long token (they dominate the build time)."""
    pieces = draw(st.lists(PIECE, max_size=20))
    if draw(st.integers(0, 3)) == 0:
        pieces.insert(draw(st.integers(0, len(pieces))), draw(long_token()))
    return draw(st.sampled_from(["", " ", "\n"])).join(pieces)


TEXT = document_text()
META = st.one_of(st.none(), st.text(st.characters(codec=None, exclude_categories=()), max_size=40),
                 st.lists(st.sampled_from(NASTY + KNOWN_NAMES[:50]), max_size=6).map("".join))
URL = st.one_of(st.none(), META, st.sampled_from(['http://example.com/a"b', "https://x/<y>", "http://e/a b",
                                                   "https://example.com/ok", "javascript:alert(1)", "http://[::1",
                                                   "https://例子.测试/路径?q=1#f"]))
DATE = st.one_of(st.none(), META, st.sampled_from(["2024-02-30", "2024-09-14", "2024年9月14日", "0000-00-00",
                                                    "9999-12-31T99:99", "2024/1/2"]))


@st.composite
def record(draw: st.DrawFn) -> dict[str, object]:
    """A JSONL document: text plus hostile metadata (title, date, url, author, lang, id)."""
    fields: dict[str, object] = {"text": draw(TEXT) + draw(st.sampled_from(["", "Google acquired DeepMind."]))}
    for key, strategy in (("title", META), ("date", DATE), ("url", URL), ("author", META),
                          ("lang", st.sampled_from([None, "zh", "en", "mixed", "xx", 7])),
                          ("id", st.one_of(st.none(), META, st.integers())),):
        value = draw(strategy)
        if value is not None:
            fields[key] = value
    return fields


def read_records(records: Sequence[dict[str, object]], *, name: str = "fuzz.jsonl") -> list[Document]:
    """Documents as the JSONL reader makes them; json.dumps escapes lone surrogates, json.loads restores them."""
    problems: list[ReadProblem] = []
    lines = [json.dumps(r) for r in records]
    documents = list(read_jsonl_documents(name, lines, on_problem=problems.append))
    assert all(p.path == name and p.line is not None for p in problems), problems
    return documents


@pytest.fixture(scope="session")
def builder() -> Builder:
    """One builder (pipelines and matchers loaded once) for every property."""
    return Builder()


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the examples overwrite their outputs in (a per-example tmp_path would cost more than the build)."""
    return tmp_path_factory.mktemp("properties")


def build(builder: Builder, documents: Sequence[Document]) -> BuildResult:
    """Build, allowing only claimgraph's own errors (which the CLI turns into a message)."""
    try:
        return builder.process(documents)
    except ClaimgraphError:
        reject()  # an allowed outcome (never seen so far), but nothing to check the outputs of


def full_texts(documents: Sequence[Document]) -> dict[str, str]:
    """Each document's whole (cleaned) text, its parts joined in order."""
    texts: dict[str, list[str]] = {}
    for document in documents:
        parts = texts.setdefault(document.doc_id, [])
        assert document.text_offset == sum(len(p) for p in parts)
        parts.append(document.text)
    return {doc_id: "".join(parts) for doc_id, parts in texts.items()}


def claim_keys(result: BuildResult) -> set[tuple[object, ...]]:
    return {(c.doc_id, c.claim_id, c.relation, c.subject, c.object, c.polarity, c.modality, c.confidence,
             c.evidence, c.start, c.end, c.trigger, c.attributed_to) for c in result.claims}


@settings(max_examples=examples(3.7))
@given(records=st.lists(record(), min_size=1, max_size=3))
def test_every_claim_offset_points_at_its_evidence(builder: Builder, records: list[dict[str, object]]) -> None:
    documents = read_records(records)
    result = build(builder, documents)
    texts = full_texts(documents)
    for claim in result.claims:
        assert 0 <= claim.start <= claim.end <= len(texts[claim.doc_id])
        assert texts[claim.doc_id][claim.start:claim.end] == claim.evidence
        # A pair the model proposed has no trigger phrase (the hybrid is the default); a rule claim always has one.
        assert claim.trigger or claim.extractor.startswith("extractor-model")


@settings(max_examples=examples(2.0))
@given(records=st.lists(record(), min_size=1, max_size=3))
def test_building_the_same_input_twice_gives_identical_quads(builder: Builder, records: list[dict[str, object]]) -> None:
    first = build(builder, read_records(records))
    second = build(builder, read_records(records))
    assert first.quads == second.quads
    assert claim_keys(first) == claim_keys(second)


def _iri(node: object) -> str:
    return node.value if isinstance(node, ox.NamedNode) else ""


def _asserted(result: BuildResult) -> set[ox.Quad]:
    """``ent:x kg:p ent:y`` statements: the asserted triples."""
    return {q for q in result.quads if isinstance(q.graph_name, ox.DefaultGraph) and "/entity/" in _iri(q.subject)
            and "/entity/" in _iri(q.object) and "/ontology#" in q.predicate.value}


def _graph_quads(result: BuildResult) -> set[ox.Quad]:
    return {q for q in result.quads if not isinstance(q.graph_name, ox.DefaultGraph)}


def _default_graph_statements(result: BuildResult, predicate_suffixes: tuple[str, ...]) -> set[ox.Quad]:
    return {q for q in result.quads if isinstance(q.graph_name, ox.DefaultGraph)
            and q.predicate.value.endswith(predicate_suffixes)}


@settings(max_examples=examples(1.8))
@given(a=record(), b=record())
def test_building_a_then_b_equals_building_a_and_b_together(builder: Builder, a: dict[str, object],
                                                            b: dict[str, object]) -> None:
    # Distinct ids so A and B are two documents even when their texts are equal.
    a, b = {**a, "id": "A"}, {**b, "id": "B"}
    alone_a = build(builder, read_records([a]))
    alone_b = build(builder, read_records([b]))
    together = build(builder, read_records([a, b]))
    assert claim_keys(together) == claim_keys(alone_a) | claim_keys(alone_b)
    # Claims live in their documents' graphs: those quads, and each document's metadata, do not depend on company.
    assert _graph_quads(together) == _graph_quads(alone_a) | _graph_quads(alone_b)
    about_documents = ("terms/title", "terms/created", "terms/source", "#sourcePath", "#contentHash",
                       "terms/language")
    assert _default_graph_statements(together, about_documents) == \
        _default_graph_statements(alone_a, about_documents) | _default_graph_statements(alone_b, about_documents)
    # Asserted triples are the union too (aggregates and mention counts add up, so they are not compared).
    assert _asserted(together) == _asserted(alone_a) | _asserted(alone_b)


RDF_OUTPUTS = [(RdfFileFormat.TURTLE, ox.RdfFormat.TURTLE), (RdfFileFormat.NTRIPLES, ox.RdfFormat.N_TRIPLES),
               (RdfFileFormat.TRIG, ox.RdfFormat.TRIG), (RdfFileFormat.JSONLD, ox.RdfFormat.JSON_LD)]


@settings(max_examples=examples(1.5))
@given(records=st.lists(record(), min_size=1, max_size=2))
def test_every_rdf_output_parses_strictly_and_round_trips(builder: Builder, out_dir: Path,
                                                         records: list[dict[str, object]]) -> None:
    result = build(builder, read_records(records))
    for fmt, ox_format in RDF_OUTPUTS:
        path = out_dir / f"graph.{fmt.value}"
        write_rdf(result.quads, path, fmt=fmt)
        parsed = list(ox.parse(path=str(path), format=ox_format))
        if fmt.keeps_graphs:
            assert set(parsed) == set(result.quads)
        else:
            assert {q.triple for q in parsed} == {q.triple for q in result.quads}


class _StrictHtml(HTMLParser):
    """Counts the elements that must be balanced in our page and keeps the embedded JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open_scripts = 0
        self.data_json = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.open_scripts += 1
            self._in_data = ("id", "kg-data") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.open_scripts -= 1
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_json += data


def _html_bundle_built() -> bool:
    from graph.export.html_page import bundle_path

    return bundle_path().exists()


@settings(max_examples=examples(1.0))
@given(records=st.lists(record(), min_size=1, max_size=2), title=META)
def test_network_exports_parse_with_strict_readers(builder: Builder, out_dir: Path,
                                                    records: list[dict[str, object]], title: str | None) -> None:
    result = build(builder, read_records(records))
    formats = [ExportFormat.GEXF, ExportFormat.GRAPHML, ExportFormat.CSV]
    if _html_bundle_built():  # tests/test_export_html.py covers the bundle's absence (and CI builds it)
        formats.append(ExportFormat.HTML)
    try:
        written = export_graph(result.quads, out_dir / "net.ttl", to=formats, title=title or "claimgraph")
    except MissingBundleError:
        written = export_graph(result.quads, out_dir / "net.ttl", to=formats[:3])
    entities = {_iri(q.subject) for q in result.quads if q.predicate.value.endswith("#mentionCount")}
    for path in written:
        if path.suffix in (".gexf", ".graphml"):
            root = ET.parse(path).getroot()  # expat: any XML-illegal character or bad escape fails here
            nodes = [e for e in root.iter() if e.tag.endswith("}node")]
            assert {n.get("id") for n in nodes} <= entities
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle, strict=True))
            assert rows and all(len(row) == len(rows[0]) for row in rows)
            if path.name.endswith(".nodes.csv"):
                assert {row[0] for row in rows[1:]} <= entities
        else:
            page = path.read_text(encoding="utf-8")
            parser = _StrictHtml()
            parser.feed(page)
            parser.close()
            assert parser.open_scripts == 0
            json.loads(parser.data_json)  # the embedded data survives the page intact
            assert not re.search(r"</script", parser.data_json, re.IGNORECASE)


def _entity_csv(path: Path, names: Sequence[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "type", "aliases"])
        for i, name in enumerate(names):
            writer.writerow([name, ["Organization", "Person", "Product", "AIModel", "Place"][i % 5], ""])
    return path


USER_NAME = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=2, max_size=20),
    st.lists(st.sampled_from(NASTY[16:] + ["Acme", "Labs", "中科", "AI", " ", "} UNION {", "> <http://e/x"]),
             min_size=2, max_size=6).map("".join),
)


def _user_entity_chunks(names: Sequence[str]) -> Iterator[str]:
    for i, name in enumerate(names):
        other = names[(i + 1) % len(names)]
        yield f"{name} acquired {other}. {name}收购了{other}。"


@settings(max_examples=examples(0.2))  # a Builder per example (new entity list): the costliest
@given(names=st.lists(USER_NAME, min_size=1, max_size=4, unique=True))
def test_user_entity_names_with_syntax_in_them_give_valid_outputs(out_dir: Path, names: list[str]) -> None:
    csv_path = _entity_csv(out_dir / "entities.csv", names)
    try:
        user_builder = Builder(extra_entities=[csv_path])
    except ClaimgraphError:
        return  # a name the entity reader refuses (e.g. only spaces) is reported, not a crash
    result = build(user_builder, read_records([{"text": " ".join(_user_entity_chunks(names)), "title": names[0]}]))
    for fmt, ox_format in RDF_OUTPUTS:
        path = out_dir / f"user.{fmt.value}"
        write_rdf(result.quads, path, fmt=fmt)
        assert set(ox.parse(path=str(path), format=ox_format))
    for path in export_graph(result.quads, out_dir / "user.ttl", to=[ExportFormat.GEXF, ExportFormat.GRAPHML]):
        ET.parse(path)
    for literal in (q.object for q in result.quads if isinstance(q.object, ox.Literal)):
        assert "\x00" not in literal.value
