"""Bad inputs: every reader error names its file (and JSONL line) and the build goes on; mislabelled encodings are
detected; a corpus with 10% broken files loses none of the other files' claims; symlink loops, pipes and
unreadable files neither hang nor crash a folder walk."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.build import BuildResult, run_build
from graph.documents import ReadProblem, Severity, read_documents

CLAIM_SENTENCES = [
    ("Google acquired DeepMind in 2014.", ("Google", "acquired", "DeepMind")),
    ("Amazon invested in Anthropic in 2023.", ("Amazon", "investedIn", "Anthropic")),
    ("微软投资了OpenAI。", ("微软", "investedIn", "OpenAI")),
    ("Meta competes with Google.", ("Google", "competesWith", "Meta")),
]


def _read(path: Path) -> tuple[list[str], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    texts = [d.text for d in read_documents([path], on_problem=problems.append)]
    return texts, problems


@pytest.mark.parametrize("encoding, text", [
    ("gbk", "英伟达收购了一家以色列公司。这笔交易价值七亿美元。"),
    ("gb18030", "微软投资了OpenAI。双方合作开发人工智能。"),
    ("utf-16", "Google acquired DeepMind in 2014. 英伟达收购了一家公司。"),  # with a byte order mark
    ("utf-16-le", "Google acquired DeepMind in 2014. Microsoft invested in OpenAI."),  # without one
    ("utf-16-be", "Google acquired DeepMind in 2014. Microsoft invested in OpenAI."),
    ("latin-1", "Café Société acquired Élan Systèmes in 2024. Señor Müller welcomed the deal."),
    ("cp1252", "Renée’s “Café Labs” acquired Zoë Robotics in 2024."),
    ("big5", "輝達收購了以色列公司,這筆交易價值七億美元。"),
])
def test_a_txt_file_in_another_encoding_is_decoded_to_its_text(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "article.txt"  # the suffix says nothing about the encoding
    path.write_bytes(text.encode(encoding))
    texts, problems = _read(path)
    assert problems == []
    assert texts == [text]


def test_a_gbk_file_builds_the_same_claims_as_its_utf8_twin(tmp_path: Path) -> None:
    text = "腾讯投资了一家公司。\n\n微软投资了OpenAI。\n"
    (tmp_path / "gbk").mkdir()
    (tmp_path / "utf8").mkdir()
    (tmp_path / "gbk" / "a.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "utf8" / "a.txt").write_text(text, encoding="utf-8")
    gbk, utf8 = run_build([tmp_path / "gbk"]), run_build([tmp_path / "utf8"])
    assert [c.triple_names for c in gbk.claims] == [c.triple_names for c in utf8.claims]
    assert ("微软", "investedIn", "OpenAI") in [c.triple_names for c in gbk.claims]


BROKEN_FILES: dict[str, bytes] = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "noise.txt": bytes((i * 7919 + 13) % 128 + 128 for i in range(3000)),  # no encoding fits
    "lines.jsonl": b'{"text": "Google acquired DeepMind."\n[1, 2]\n{"title": "no text"}\n\xff\xfe{"text": "x"}\n',
    "front.md": b"---\ntitle: [unclosed\n---\nGoogle acquired DeepMind.\n",
    "empty.html": b"   \n",
}


def _problem_at(problems: list[ReadProblem], name: str) -> list[ReadProblem]:
    return [p for p in problems if Path(p.path.split("#")[0]).name == name]


def test_every_reader_problem_names_its_file_and_jsonl_line_and_the_rest_is_read(tmp_path: Path) -> None:
    for name, data in BROKEN_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("Deals\n\nGoogle acquired DeepMind in 2014.\n", encoding="utf-8")
    result = run_build([tmp_path])
    assert [c.triple_names for c in result.claims] == [("Google", "acquired", "DeepMind")]
    for name in BROKEN_FILES:
        assert _problem_at(result.problems, name), f"no problem reported for {name}: {result.problems}"
    lines = sorted(p.line for p in _problem_at(result.problems, "lines.jsonl") if p.line is not None)
    assert lines == [1, 2, 3, 4]
    assert "binary" in str(_problem_at(result.problems, "binary.txt")[0])
    assert "encoding" in str(_problem_at(result.problems, "noise.txt")[0])
    assert "YAML" in str(_problem_at(result.problems, "front.md")[0])
    assert all(str(tmp_path) in str(p) for p in result.problems)  # the full path, not just a name


def _good_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` files of every kind the readers take, each with one known claim."""
    paths = []
    for i in range(count):
        sentence, _ = CLAIM_SENTENCES[i % len(CLAIM_SENTENCES)]
        kind = i % 4
        if kind == 0:
            path = folder / f"doc{i:03}.txt"
            path.write_text(f"Article {i}\n\n{sentence}\n", encoding="utf-8")
        elif kind == 1:
            path = folder / f"doc{i:03}.md"
            path.write_text(f"---\ntitle: Article {i}\ndate: 2024-05-{i % 28 + 1:02}\n---\n{sentence}\n", encoding="utf-8")
        elif kind == 2:
            path = folder / f"doc{i:03}.html"
            path.write_text(f"<title>Article {i}</title><article><p>{sentence}</p></article>", encoding="utf-8")
        else:
            path = folder / f"doc{i:03}.jsonl"
            # A good file may hold a bad line: the other lines still count.
            path.write_text(f'{{"id": "{i}", "text": "{sentence}"}}\nnot json\n', encoding="utf-8")
        paths.append(path)
    return paths


def _claims(result: BuildResult) -> set[tuple[object, ...]]:
    return {(c.doc_id, c.claim_id, c.evidence, c.start, c.end, c.confidence) for c in result.claims}


def test_a_corpus_with_ten_percent_broken_files_yields_every_claim_of_the_good_ones(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = _good_corpus(corpus, 36)
    broken_names = [f"broken{i}-{name}" for i, name in enumerate(list(BROKEN_FILES) * 2)][:4]
    for name in broken_names:
        (corpus / name).write_bytes(BROKEN_FILES[name.split("-", 1)[1]])
    assert len(broken_names) / (len(good) + len(broken_names)) == 0.1
    mixed = run_build([corpus])
    reference = run_build(good)  # the same paths, so the same document IRIs
    assert len(reference.claims) == 36
    assert _claims(mixed) == _claims(reference)
    assert {q for q in mixed.quads if "/claim/" in str(q.subject)} == \
        {q for q in reference.quads if "/claim/" in str(q.subject)}
    for name in broken_names:
        assert _problem_at(mixed.problems, name)


def _walk_with_deadline(paths: list[Path], seconds: float = 60) -> BuildResult:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run_build, paths).result(timeout=seconds)  # a hang fails here instead of forever


@pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo"), reason="needs POSIX links and pipes")
def test_symlink_loops_dangling_links_and_pipes_do_not_hang_or_crash_a_folder_walk(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    (corpus / "loop").symlink_to(corpus)  # corpus/loop/loop/loop/...
    (corpus / "sub" / "up").symlink_to("..")
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "self.txt").symlink_to("self.txt")
    os.mkfifo(corpus / "pipe.txt")  # reading it would block forever
    result = _walk_with_deadline([corpus])
    assert [c.triple_names for c in result.claims] == [("Google", "acquired", "DeepMind")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes")
def test_a_pipe_named_on_the_command_line_is_reported_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    result = _walk_with_deadline([pipe])
    assert result.claims == []
    assert [(Path(p.path).name, p.severity) for p in result.problems] == [("pipe.txt", Severity.ERROR)]
    assert "regular file" in result.problems[0].message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads chmod 000 files anyway, so there is nothing unreadable to test")
def test_unreadable_files_and_folders_are_reported_by_name_and_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "inside.txt").write_text("Amazon invested in Anthropic.", encoding="utf-8")
    (corpus / "secret.txt").write_text("Meta competes with Google.", encoding="utf-8")
    (corpus / "ok.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    os.chmod(corpus / "secret.txt", 0)
    os.chmod(corpus / "locked", 0)
    try:
        result = _walk_with_deadline([corpus])
    finally:
        os.chmod(corpus / "locked", 0o755)
        os.chmod(corpus / "secret.txt", 0o644)
    assert [c.triple_names for c in result.claims] == [("Google", "acquired", "DeepMind")]
    assert any(Path(p.path).name == "secret.txt" and "permission" in p.message.lower() for p in result.problems)


def test_a_folder_walk_survives_a_file_vanishing_midway(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    problems: list[ReadProblem] = []
    documents = []
    for document in read_documents([corpus], on_problem=problems.append):
        documents.append(document)
        (corpus / "2.txt").unlink(missing_ok=True)  # removed after the walk listed the folder
    assert [Path(d.path).name for d in documents] == ["0.txt", "1.txt"]
    assert all(Path(p.path).name == "2.txt" for p in problems)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "big5", "utf-16"])
def test_a_file_over_the_size_limit_is_read_in_parts_with_its_whole_text(tmp_path: Path, encoding: str) -> None:
    paragraph = "輝達收購了以色列公司,這筆交易價值七億美元。" if encoding == "big5" else "英伟达收购了一家公司。Google acquired DeepMind."
    text = "Title\n\n" + "\n\n".join(f"{i} {paragraph}" for i in range(200)) + "\n"
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode(encoding))
    max_chars = 300  # files over 4 × max_chars bytes are streamed (UTF-16 is read whole, and split the same way)
    assert path.stat().st_size > 4 * max_chars
    problems: list[ReadProblem] = []
    documents = list(read_documents([path], on_problem=problems.append, max_chars=max_chars))
    assert problems == []
    assert len(documents) > 10 and all(len(d.text) <= max_chars for d in documents)
    assert len({d.doc_id for d in documents}) == 1
    assert "".join(d.text for d in documents).lstrip("\ufeff") == text
