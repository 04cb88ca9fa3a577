"""Readers: metadata from each format, encodings, bad files reported by name while the rest is still built."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from conftest import CliOutcome

from graph.build import run_build
from graph.documents import Document, ReadProblem, Severity, read_documents
from graph.settings import Settings

RunKg = Callable[[Sequence[str]], CliOutcome]


def _read(*paths: Path, max_chars: int = 200_000) -> tuple[list[Document], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    docs = list(read_documents(list(paths), on_problem=problems.append, max_chars=max_chars))
    return docs, problems


def test_txt_title_is_the_first_line_and_date_is_guessed_from_an_early_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("微软向 OpenAI 追加投资\n2023年1月23日\n\n微软宣布向 OpenAI 投资 100 亿美元。\n", encoding="utf-8")
    (doc,), problems = _read(path)
    assert problems == []
    assert doc.title == "微软向 OpenAI 追加投资"
    assert doc.date == "2023-01-23"
    assert doc.lang == "zh"


def test_markdown_front_matter_gives_title_date_url_author_and_lang(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Amazon backs Anthropic\ndate: 2024-03-27\nurl: https://example.com/a\n"
        "author: Jane Doe\nlang: en\n---\n# Heading\n\n**Amazon** invested in [Anthropic](https://x.y).\n",
        encoding="utf-8",
    )
    (doc,), _ = _read(path)
    assert (doc.title, doc.date, doc.url, doc.author, doc.lang) == (
        "Amazon backs Anthropic", "2024-03-27", "https://example.com/a", "Jane Doe", "en")
    assert "---" not in doc.text and "**" not in doc.text and "https://x.y" not in doc.text
    assert "Amazon invested in Anthropic." in doc.text


def test_html_main_text_drops_navigation_footer_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<html lang="en"><head><title>Meta ships Llama 3</title>'
        '<meta name="date" content="2024-04-18"><script>var tracking = "Google acquired Meta";</script></head>'
        "<body><nav>Home | World | Tech</nav><article><h1>Meta ships Llama 3</h1>"
        "<p>Meta released Llama 3 on Thursday.</p></article>"
        "<footer>Copyright Example News</footer></body></html>",
        encoding="utf-8",
    )
    (doc,), _ = _read(path)
    assert doc.title == "Meta ships Llama 3"
    assert doc.date == "2024-04-18"
    assert "Meta released Llama 3 on Thursday." in doc.text
    for chrome in ("Home | World", "tracking", "Copyright Example News"):
        assert chrome not in doc.text


def test_jsonl_reads_metadata_and_reports_a_bad_line_by_number_while_reading_the_others(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    good = {"title": "Nvidia buys Run:ai", "date": "2024-12-31", "url": "https://example.com/n", "lang": "en",
            "text": "Nvidia acquired Run:ai."}
    lines = [json.dumps(good), "{not json", json.dumps({"text": "Google acquired DeepMind in 2014."}),
             json.dumps({"title": "no text"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = _read(path)
    assert [d.text for d in docs] == ["Nvidia acquired Run:ai.", "Google acquired DeepMind in 2014."]
    assert (docs[0].title, docs[0].date, docs[0].url) == ("Nvidia buys Run:ai", "2024-12-31", "https://example.com/n")
    assert [(p.line, p.severity) for p in problems] == [(2, Severity.ERROR), (4, Severity.ERROR)]
    assert all(str(path) in str(p) for p in problems)


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffOpenAI 发布 o1\n\n正文。".encode())
    (doc,), problems = _read(path)
    assert problems == []
    assert doc.title == "OpenAI 发布 o1"
    assert not doc.text.startswith("\ufeff")


def test_gbk_and_gb18030_chinese_files_are_decoded(tmp_path: Path) -> None:
    text = "英伟达发布新芯片\n\n英伟达今天在北京发布了新一代人工智能芯片,百度和阿里巴巴将率先采用。\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "gb18030.txt").write_bytes(text.encode("gb18030"))
    docs, problems = _read(tmp_path)
    assert problems == []
    assert [d.title for d in docs] == ["英伟达发布新芯片", "英伟达发布新芯片"]
    assert all("百度和阿里巴巴" in d.text for d in docs)


def test_empty_file_is_a_warning_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "real.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    docs, problems = _read(tmp_path)
    assert [Path(d.path).name for d in docs] == ["real.txt"]
    assert len(problems) == 1
    assert problems[0].severity is Severity.WARNING
    assert problems[0].path.endswith("empty.txt")


def test_binary_file_is_an_error_naming_it_and_other_files_are_still_built(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (tmp_path / "real.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    result = run_build([tmp_path])
    assert [p.severity for p in result.problems] == [Severity.ERROR]
    assert "blob.txt" in str(result.problems[0])
    assert [c.triple_names for c in result.claims] == [("Google", "acquired", "DeepMind")]


def test_missing_path_exits_2_naming_the_path(tmp_path: Path, run_kg: RunKg) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    outcome = run_kg(["build", missing, "-o", tmp_path / "out.ttl"])
    assert outcome.exit_code == 2
    assert "article.txt" in outcome.output
    assert "Traceback" not in outcome.output
    assert not (tmp_path / "out.ttl").exists()


def test_strict_with_an_empty_file_exits_1_and_leaves_the_existing_output_untouched(tmp_path: Path,
                                                                                   run_kg: RunKg) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.md").write_bytes(b"")
    (tmp_path / "in" / "real.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    out = tmp_path / "out.ttl"
    out.write_text("previous content\n", encoding="utf-8")
    outcome = run_kg(["build", tmp_path / "in", "-o", out, "--strict"])
    assert outcome.exit_code == 1
    assert "empty.md" in outcome.output
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.ttl"], "no temporary file left behind"


def test_strict_with_an_empty_file_writes_nothing_when_there_was_no_output(tmp_path: Path, run_kg: RunKg) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out" / "graph.ttl"
    outcome = run_kg(["build", tmp_path / "empty.txt", "-o", out, "--strict"])
    assert outcome.exit_code == 1
    assert not out.exists()


def test_long_text_is_split_at_paragraphs_with_global_offsets(tmp_path: Path) -> None:
    paragraphs = [
        "Google acquired DeepMind in 2014.",
        "Microsoft invested in OpenAI in 2019.",
        "Amazon invested in Anthropic in 2023.",
        "Nvidia acquired Run:ai in 2024.",
    ]
    text = "Deals\n\n" + "\n\n".join(paragraphs) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    settings = Settings(max_chunk_chars=60)
    docs, _ = _read(path, max_chars=settings.max_chunk_chars)
    assert len(docs) > 1
    assert len({d.doc_id for d in docs}) == 1
    assert "".join(d.text for d in docs) == text
    for doc in docs:
        assert text[doc.text_offset:doc.text_offset + len(doc.text)] == doc.text
        # a cut lands at a paragraph boundary, never inside a sentence
        assert doc.text.endswith("\n\n") or doc is docs[-1]
    result = run_build([path], settings=settings)
    assert len(result.claims) == 4
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.evidence
    assert max(c.start for c in result.claims) > 60, "later parts must carry their offset in the whole document"


def test_jsonl_lines_that_differ_only_in_dropped_characters_are_one_document(tmp_path: Path) -> None:
    # Found by the property tests: cleaning removes NUL and other controls, and the identity is the cleaned text's.
    path = tmp_path / "dups.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "\x00OpenAI released o1.\x00"}) + "\n"
                    + json.dumps({"id": "a", "text": "\x01OpenAI released o1.\x02"}) + "\n", encoding="utf-8")
    problems: list[ReadProblem] = []
    documents = list(read_documents([path], on_problem=problems.append))
    assert len(documents) == 1 and documents[0].text == "OpenAI released o1."
    assert len(problems) == 1 and problems[0].line == 2 and "duplicate" in problems[0].message
