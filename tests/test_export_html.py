"""The self-contained HTML view: safe embedding, determinism, claim rows, and a real render in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.build import run_build_texts
from graph.export import html_page as html_export
from graph.export.html_page import MissingBundleError, claim_rows, page_data, render_html, write_html

ENT = "https://w3id.org/claimgraph/entity/"
HOSTILE = "Evil</script><script>document.title='pwned'</script>\u2028&amp;<!--"


def small_view() -> nx.MultiDiGraph:
    """Twelve entities of every type, a few relations, and one name that tries to break out of the page."""
    view = nx.MultiDiGraph()
    nodes = [
        ("openai", "OpenAI", "Organization", "Open AI|OpenAI Inc.", "Q21708200", 5),
        ("microsoft", "Microsoft", "Organization", "微软", "Q2283", 3),
        ("nvidia", "英伟达", "Organization", "NVIDIA|Nvidia", "Q182477", 2),
        ("sam-altman", "Sam Altman", "Person", "", "", 2),
        ("gpt-4o", "GPT-4o", "AIModel", "", "", 2),
        ("sora", "Sora", "AIModel", "", "", 1),
        ("h100", "H100", "Product", "", "", 1),
        ("azure", "Azure", "Product", "", "", 1),
        ("san-francisco", "San Francisco", "Place", "旧金山", "", 1),
        ("evil", HOSTILE, "Entity", "", "", 1),
        ("anthropic", "Anthropic", "Organization", "", "", 1),
        ("claude", "Claude", "AIModel", "", "", 1),
    ]
    for key, label, kind, aliases, wikidata, claims in nodes:
        view.add_node(ENT + key, label=label, type=kind, aliases=aliases, wikidata=wikidata, claims=claims)
    edges = [
        ("openai", "gpt-4o", "developed", False), ("openai", "sora", "developed", False),
        ("microsoft", "openai", "investedIn", False), ("openai", "microsoft", "partnersWith", True),
        ("sam-altman", "openai", "leads", False), ("openai", "h100", "uses", False),
        ("microsoft", "azure", "developed", False), ("openai", "san-francisco", "locatedIn", False),
        ("nvidia", "h100", "developed", False), ("evil", "openai", "sued", False),
        ("anthropic", "claude", "developed", False), ("anthropic", "openai", "competesWith", True),
    ]
    for source, target, relation, symmetric in edges:
        view.add_edge(ENT + source, ENT + target, key=relation, relation=relation, label=relation, weight=2,
                      confidence_mean=0.8, confidence_max=0.9, sources=1, first_date="2024-05-13",
                      last_date="2024-05-13", symmetric=symmetric)
    return view


def small_claims() -> list[dict[str, str]]:
    return [
        {"subject": ENT + "openai", "object": ENT + "gpt-4o", "relation": "developed",
         "evidence": "OpenAI released GPT-4o in May.", "polarity": "positive", "modality": "asserted",
         "confidence": "0.850", "source_title": "GPT-4o", "source_url": "https://example.com/gpt4o",
         "date": "2024-05-13"},
        {"subject": ENT + "evil", "object": ENT + "openai", "relation": "sued",
         "evidence": HOSTILE, "polarity": "negative", "modality": "hedged", "confidence": "0.400",
         "source_title": "", "source_url": "javascript:alert(1)", "date": ""},
    ]


def embedded_data(page: str) -> dict[str, object]:
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, flags=re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_hostile_names_cannot_close_the_data_script_element() -> None:
    page = render_html(small_view(), title=HOSTILE, claims=small_claims(), bundle="/* viewer */")
    # Exactly the two script elements the page opens: nothing in the data started or ended another.
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "\u2028" not in page.split('id="kg-data"')[1].split("</script>")[0]
    data = embedded_data(page)
    labels = {n["label"] for n in data["nodes"]}  # type: ignore[attr-defined]
    assert HOSTILE in labels
    assert data["claims"][1]["evidence"] == HOSTILE  # type: ignore[index]


def test_bundle_text_that_looks_like_a_closing_tag_is_escaped() -> None:
    page = render_html(nx.MultiDiGraph(), bundle='var s = "</script><!--";')
    assert 'var s = "<\\/script><\\!--";' in page
    assert page.count("</script>") == 2


def test_page_is_identical_whatever_the_insertion_order() -> None:
    view = small_view()
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(view.nodes(data=True))))
    reordered.add_edges_from(reversed(list(view.edges(keys=True, data=True))))
    first = render_html(view, claims=small_claims(), bundle="")
    assert first == render_html(reordered, claims=small_claims(), bundle="")


def test_page_fetches_nothing_from_the_network() -> None:
    page = render_html(small_view(), claims=small_claims(), bundle="/* viewer */")
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_missing_bundle_raises_a_clear_error_and_writes_nothing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_export, "bundle_path", lambda: tmp_path / "no-bundle" / "view.js")
    target = tmp_path / "view.html"
    with pytest.raises(MissingBundleError, match="make web"):
        write_html(small_view(), target)
    assert not target.exists()
    assert issubclass(MissingBundleError, FileNotFoundError)


def test_node_size_grows_with_claims_and_types_get_their_colours() -> None:
    data = page_data(small_view())
    size = {n["label"]: n["size"] for n in data["nodes"]}
    assert size["OpenAI"] > size["Microsoft"] > size["Sora"]
    colors = {t["type"]: t["color"] for t in data["types"]}
    assert len(set(colors.values())) == len(colors) == 6
    assert {n["label"]: n["aliases"] for n in data["nodes"]}["英伟达"] == ["NVIDIA", "Nvidia"]


def test_claim_rows_carry_evidence_polarity_and_source_from_a_build() -> None:
    quads = run_build_texts(["Google acquired DeepMind in 2014.", "Microsoft did not acquire OpenAI."],
                            titles=["Google buys DeepMind", None]).quads
    rows = {(r["relation"], r["polarity"]): r for r in claim_rows(quads)}
    assert rows[("acquired", "positive")]["evidence"] == "Google acquired DeepMind in 2014."
    assert rows[("acquired", "positive")]["source_title"] == "Google buys DeepMind"
    assert rows[("acquired", "positive")]["subject"] == ENT + "google"
    assert rows[("acquired", "negative")]["object"] == ENT + "openai"


def test_claim_rows_read_flattened_turtle_as_well_as_named_graphs() -> None:
    quads = run_build_texts(["Google acquired DeepMind in 2014."]).quads
    flattened = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
    assert claim_rows(flattened) == claim_rows(quads)
    assert len(claim_rows(quads)) == 1


def test_min_confidence_filters_claims() -> None:
    quads = run_build_texts(["Google acquired DeepMind in 2014."]).quads
    confidence = float(claim_rows(quads)[0]["confidence"])
    assert len(claim_rows(quads, min_confidence=confidence)) == 1
    assert claim_rows(quads, min_confidence=confidence + 0.001) == []


# --- A real render in headless Chromium --------------------------------------------------------------------

def _require(tool: str | None, what: str) -> None:
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is required in CI (installed by `make tools` / `make web`)")
        pytest.skip(f"{what} is not available; run `make tools web`")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run_chromium(binary: str, page: Path, *extra: str, fragment: str = "") -> subprocess.CompletedProcess[bytes]:
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        return subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--window-size=1200,800",
             *extra, page.as_uri() + fragment],
            capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and unfiltered rows of an 8-bit RGB/RGBA PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color_type in (2, 6), (depth, color_type)
    bpp = 3 if color_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            up_left = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def _coloured_pixels(png: bytes, *, left: int, top: int, right: int, bottom: int) -> int:
    """Pixels in the box whose colour is clearly not grey: the type colours of drawn nodes."""
    width, height, bpp, rows = _png_pixels(png)
    count = 0
    for y in range(top, min(bottom, height)):
        row = rows[y]
        for x in range(left, min(right, width)):
            r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
            if max(r, g, b) - min(r, g, b) > 40:
                count += 1
    return count


def test_page_draws_every_node_in_headless_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    _require(chromium, "chromium")
    _require(str(html_export.bundle_path()) if html_export.bundle_path().is_file() else None,
             "the viewer bundle (graph/export/web/dist/view.js)")
    assert chromium is not None
    page = tmp_path / "view.html"
    write_html(small_view(), page, title=HOSTILE, claims=small_claims())

    dom = _run_chromium(chromium, page, "--dump-dom").stdout.decode("utf-8", "replace")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None, dom[:2000]
    assert "data-render-error" not in body.group(0), body.group(0)
    assert 'data-rendered-nodes="12"' in body.group(0)
    assert 'data-rendered-edges="12"' in body.group(0)
    assert "<title>pwned</title>" not in dom  # the hostile name stayed data and never ran

    shot = tmp_path / "view.png"
    _run_chromium(chromium, page, f"--screenshot={shot}")
    # The graph pane is left of the 360 px side panel and below the header; blank would be all white.
    coloured = _coloured_pixels(shot.read_bytes(), left=0, top=80, right=830, bottom=800)
    assert coloured > 500, f"only {coloured} coloured pixels in the graph pane: nothing was drawn"


def test_link_to_an_alias_opens_the_entity_panel_with_its_evidence(tmp_path: Path) -> None:
    chromium = _chromium()
    _require(chromium, "chromium")
    _require(str(html_export.bundle_path()) if html_export.bundle_path().is_file() else None,
             "the viewer bundle (graph/export/web/dist/view.js)")
    assert chromium is not None
    page = tmp_path / "view.html"
    write_html(small_view(), page, claims=small_claims())
    dom = _run_chromium(chromium, page, "--dump-dom", fragment="#Open%20AI").stdout.decode("utf-8", "replace")
    panel = dom.split('id="kg-panel"', 1)[1].split("</aside>", 1)[0]
    assert "<h2>OpenAI</h2>" in panel
    assert "OpenAI released GPT-4o in May." in panel
    assert 'href="https://example.com/gpt4o"' in panel
    assert "javascript:alert(1)" in panel  # a non-http source URL is shown as text, never as a link
    assert 'href="javascript:' not in panel
