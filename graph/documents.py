"""Read documents: ``.txt``, ``.md`` (YAML front matter), ``.html`` (main text) and ``.jsonl`` (one a line).

Every reader yields :class:`Document` values; problems (empty, binary or undecodable files, bad JSONL lines)
are reported through a callback so the rest of a folder is still read. Identity is a hash of the path and the
content, so the same input always gives the same document IRI.

>>> docs = list(read_text_document("a.txt", "OpenAI 发布 o1\\n\\n正文。"))
>>> docs[0].title, docs[0].lang
('OpenAI 发布 o1', 'zh')
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import yaml

from graph.exceptions import InputError, MissingPathError

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
#: One Han character (CJK unified ideographs, extension A, compatibility ideographs); nlp.py uses it too.
HAN_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_DATE = re.compile(r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?!\d)")
# Strings a reader must not pass on: XML/RDF-illegal controls, lone surrogates, the BOM.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufeff\ufffe\uffff]")


class Severity(str, Enum):
    """How bad a reading problem is: warnings skip a file, errors mean it could not be read."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A file (or JSONL line) that was skipped, and why."""

    path: str
    message: str
    severity: Severity
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{self.severity.value}: {where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    """One document's text and metadata. Long texts arrive as several parts sharing ``doc_id``."""

    doc_id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    lang: str = "en"
    content_hash: str = ""
    #: Offset of ``text`` in the whole document (non-zero for the later parts of a long document).
    text_offset: int = 0
    part: int = 0


ProblemHandler = Callable[[ReadProblem], None]


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters make up a fair share of the letters, else ``en``.

    Mixed text goes to the Chinese pipeline because jieba handles Latin words inside Chinese sentences.

    >>> detect_lang("OpenAI 发布了 o1 模型"), detect_lang("OpenAI released o1")
    ('zh', 'en')
    """
    sample = text[:20_000]
    cjk = len(HAN_CHARACTER.findall(sample))
    latin_words = len(re.findall(r"[A-Za-z]+", sample))
    return "zh" if cjk and cjk >= 0.3 * latin_words else "en"


def normalize_date(value: object) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from common spellings, or None.

    >>> normalize_date("2024年9月14日"), normalize_date("2024-09-14T10:38:00Z"), normalize_date("soon")
    ('2024-09-14', '2024-09-14', None)
    """
    if value is None:
        return None
    match = _DATE.search(str(value))
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def clean_text(text: str) -> str:
    r"""Normalise newlines and drop characters no RDF or XML output can carry.

    >>> clean_text("a\r\nb\x00c\ufeff")
    'a\nbc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def document_id(path: str, content_hash: str) -> str:
    """Stable identity from the path and the content hash.

    >>> document_id("a.txt", "00") == document_id("a.txt", "00") != document_id("b.txt", "00")
    True
    """
    # surrogatepass: a JSONL id may carry a lone surrogate (valid JSON escape, not encodable UTF-8).
    return hashlib.sha256(f"{path}\x1f{content_hash}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def split_parts(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Split a long text at paragraph (else line, else hard) boundaries into ``(offset, part)`` pairs.

    >>> [(o, p) for o, p in split_parts("aa\\n\\nbb\\n\\ncc", 5)]
    [(0, 'aa\\n\\n'), (4, 'bb\\n\\n'), (8, 'cc')]
    """
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + (2 if text.startswith("\n\n", cut) else 1)
        yield start, text[start:end]
        start = end


def _make_documents(
    path: str,
    text: str,
    *,
    title: str | None,
    date: str | None,
    url: str | None = None,
    author: str | None = None,
    lang: str | None = None,
    max_chars: int = 200_000,
) -> Iterator[Document]:
    text = clean_text(text)
    content_hash = _content_hash(text)
    doc_id = document_id(path, content_hash)
    lang_code = lang if lang in ("zh", "en") else detect_lang(text)
    for part, (offset, chunk) in enumerate(split_parts(text, max_chars)):
        yield Document(
            doc_id=doc_id, path=path, text=chunk, title=title, date=date, url=url, author=author,
            lang=lang_code, content_hash=content_hash, text_offset=offset, part=part,
        )


def _guess_title_and_date(text: str) -> tuple[str | None, str | None]:
    """Plain text: the first short non-empty line is the title; a date in the first lines is the date."""
    title = None
    date = None
    for i, line in enumerate(text.split("\n", 30)[:30]):
        stripped = line.strip()
        if not stripped:
            continue
        if title is None and len(stripped) <= 200:
            title = stripped
            continue
        if date is None and i < 15 and len(stripped) <= 60:
            date = normalize_date(stripped)
        if title and date:
            break
    return title, date


def read_text_document(path: str, text: str, *, max_chars: int = 200_000) -> Iterator[Document]:
    """A ``.txt`` document: title from its first line, date from an early date line."""
    title, date = _guess_title_and_date(text)
    yield from _make_documents(path, text, title=title, date=date, max_chars=max_chars)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|`)", re.MULTILINE)


def markdown_to_text(body: str) -> str:
    """Strip the Markdown markup that would otherwise end up in evidence sentences.

    >>> markdown_to_text("# Title\\n**OpenAI** [released](http://x) o1")
    'Title\\nOpenAI released o1'
    """
    body = re.sub(r"^```.*?^```[ \t]*$", "", body, flags=re.DOTALL | re.MULTILINE)
    body = _MD_LINK.sub(r"\1", body)
    return _MD_MARKUP.sub("", body)


def read_markdown_document(path: str, text: str, *, max_chars: int = 200_000) -> Iterator[Document]:
    """A ``.md`` document with optional YAML front matter (title, date, url, author, lang)."""
    meta: dict[str, object] = {}
    match = _FRONT.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise InputError(f"front matter is not valid YAML ({exc.__class__.__name__}); fix or remove it",
                             path=path) from None
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
        text = text[match.end():]
    body = markdown_to_text(text)
    guessed_title, guessed_date = _guess_title_and_date(body)
    yield from _make_documents(
        path, body,
        title=_str_or_none(meta.get("title")) or guessed_title,
        date=normalize_date(meta.get("date")) or guessed_date,
        url=_str_or_none(meta.get("url")), author=_str_or_none(meta.get("author")),
        lang=_lang_or_none(meta.get("lang")), max_chars=max_chars,
    )


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = clean_text(str(value)).strip()
    return text or None


def _lang_or_none(value: object) -> str | None:
    text = str(value or "").lower()
    if text.startswith("zh") or text == "mixed":
        return "zh"
    if text.startswith("en"):
        return "en"
    return None


class _MainTextParser(HTMLParser):
    """Collects visible text, preferring <article>/<main>; skips scripts, navigation and page chrome."""

    SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
            "button", "iframe"})
    BLOCK: ClassVar[frozenset[str]] = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "main",
             "blockquote", "pre", "ul", "ol", "table", "title", "dd", "dt", "figcaption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.main_depth = 0
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("name") or attr.get("property") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.meta.setdefault(key, attr["content"])
        elif tag == "link" and attr.get("rel", "").lower() == "canonical" and attr.get("href"):
            self.meta.setdefault("canonical", attr["href"])
        elif tag == "html" and attr.get("lang"):
            self.meta.setdefault("lang", attr["lang"])
        elif tag == "time" and attr.get("datetime"):
            self.meta.setdefault("time", attr["datetime"])
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in ("article", "main"):
            self.main_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in ("article", "main") and self.main_depth:
            self.main_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self._emit(data)

    def _emit(self, data: str) -> None:
        if self.skip_depth:
            return
        self.all_parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of a page (one paragraph a line) and its metadata (title, date, url, lang).

    >>> text, meta = html_to_text("<title>T</title><nav>menu</nav><article><h1>H</h1><p>a b</p></article>")
    >>> text, meta["title"]
    ('H\\n\\na b', 'T')
    """
    parser = _MainTextParser()
    parser.feed(html)
    parser.close()
    parts = parser.main_parts if "".join(parser.main_parts).strip() else parser.all_parts
    raw = "".join(parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    text = re.sub(r"(?<!\n)\n(?!\n)", "\n\n", text)
    meta = parser.meta
    result = {
        "title": " ".join("".join(parser.title_parts).split()) or " ".join("".join(parser.h1_parts).split()),
        "date": meta.get("date") or meta.get("article:published_time") or meta.get("pubdate")
        or meta.get("datepublished") or meta.get("dc.date") or meta.get("time") or "",
        "url": meta.get("og:url") or meta.get("canonical") or "",
        "author": meta.get("author") or "",
        "lang": meta.get("lang") or "",
    }
    return text, result


def read_html_document(path: str, html: str, *, max_chars: int = 200_000) -> Iterator[Document]:
    """An ``.html`` page: its main text, not its markup."""
    text, meta = html_to_text(html)
    yield from _make_documents(
        path, text, title=meta["title"] or None, date=normalize_date(meta["date"]),
        url=meta["url"] or None, author=meta["author"] or None, lang=_lang_or_none(meta["lang"]),
        max_chars=max_chars,
    )


def read_jsonl_documents(
    path: str, lines: Iterable[str], *, on_problem: ProblemHandler, max_chars: int = 200_000
) -> Iterator[Document]:
    """One document per JSONL line: ``text`` plus optional ``title``, ``date``, ``url``, ``author``, ``lang``.

    A bad line is reported with its number and the rest of the file is still read. A line repeating an
    earlier one (same ``id`` and text) is the same document, so it is reported and skipped.
    """
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            on_problem(ReadProblem(path, f"not valid JSON ({exc.msg} at column {exc.colno})",
                                   Severity.ERROR, number))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            on_problem(ReadProblem(path, 'expected an object with a string "text" field', Severity.ERROR, number))
            continue
        if not record["text"].strip():
            on_problem(ReadProblem(path, '"text" is empty; line skipped', Severity.WARNING, number))
            continue
        doc_path = f"{path}#{clean_text(str(record['id']))}" if record.get("id") is not None else f"{path}#L{number}"
        # The identity is computed on the cleaned text (as the document's own hash is), so two lines that differ
        # only in characters cleaning drops are one document; a digest, so a huge file's texts are not all kept.
        key = (doc_path, _content_hash(clean_text(record["text"])))
        if key in seen:
            on_problem(ReadProblem(path, f"same id and text as line {seen[key]}; duplicate skipped",
                                   Severity.WARNING, number))
            continue
        seen[key] = number
        yield from _make_documents(
            doc_path, record["text"],
            title=_str_or_none(record.get("title")), date=normalize_date(record.get("date")),
            url=_str_or_none(record.get("url")), author=_str_or_none(record.get("author")),
            lang=_lang_or_none(record.get("lang")), max_chars=max_chars,
        )


def decode_bytes(data: bytes, *, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; refuse binary data.

    >>> decode_bytes("英伟达".encode("gbk"), path="x.txt")
    '英伟达'
    """
    head = data[:8192]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    utf16 = _bomless_utf16(head)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise InputError(f"looks like {utf16.upper()} without a byte order mark but does not decode as it; "
                             "convert it to UTF-8", path=path) from None
    if b"\x00" in head:
        raise InputError("looks like a binary file (NUL bytes); expected UTF-8 or GB18030 text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        sample = text[:4000]
        # Big5 and other CJK encodings also "decode" as GB18030, into rare and private-use characters.
        if len(HAN_CHARACTER.findall(sample)) >= 0.2 * max(1, len(sample.strip())) and not _PRIVATE_USE.search(sample):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is neither UTF-8 nor GB18030

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError("cannot detect the text encoding; convert it to UTF-8", path=path)
    # Short Western text fits cp1250, cp1252 and Latin-9 equally well; the detector then picks the first by
    # name (cp1250, turning è into č). Windows-1252 (a superset of Latin-1) is by far the likelier one.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"cannot decode as {best.encoding}; convert it to UTF-8", path=path) from None


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _bomless_utf16(head: bytes) -> str | None:
    r"""``utf-16-le`` or ``utf-16-be`` when NUL bytes sit on one side of most byte pairs (Latin text saved as
    UTF-16 without a byte order mark), else None. Binary files have NULs on both sides.

    >>> _bomless_utf16("OpenAI released o1.".encode("utf-16-le")), _bomless_utf16(b"\x89PNG\x00\x00\x00\rIHDR")
    ('utf-16-le', None)
    """
    pairs = len(head) // 2
    if pairs < 4 or len(head) % 2:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable document file under the given files and folders, in a stable order.

    Missing paths raise :class:`MissingPathError` before anything is read; symlink loops are not followed.
    """
    resolved = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise MissingPathError("no such file or folder; check the path", path=str(raw))
        resolved.append(path)
    for path in resolved:
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            yield from _walk(path, seen)
        else:
            yield path


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        stat = folder.stat()
    except OSError:
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in SUFFIXES and entry.is_file():
            yield entry


_BLOCK_BYTES = 1 << 20


def _decoded_blocks(path: Path, encoding: str) -> Iterator[str]:
    r"""The file's text, cleaned as :func:`clean_text` would clean the whole, one block at a time.

    A carriage return at the end of a block waits for the next one, so CR LF split across blocks stays one newline.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    held = ""
    with path.open("rb") as handle:
        while True:
            block = handle.read(_BLOCK_BYTES)
            text = held + decoder.decode(block, final=not block)
            held = ""
            if block and text.endswith("\r"):
                text, held = text[:-1], "\r"
            if text:
                yield clean_text(text)
            if not block:
                return


def split_stream(blocks: Iterable[str], max_chars: int) -> Iterator[tuple[int, str]]:
    r""":func:`split_parts` over text arriving in blocks: the same cuts, holding at most ``max_chars`` + a block.

    >>> text = "aa\n\nbb\n\ncc"
    >>> list(split_stream(["aa\n", "\nbb", "\n\ncc"], 5)) == list(split_parts(text, 5))
    True
    """
    pending = iter(blocks)
    buffer = ""
    offset = 0
    exhausted = False
    while True:
        while len(buffer) <= max_chars and not exhausted:
            block = next(pending, None)
            if block is None:
                exhausted = True
            else:
                buffer += block
        if not buffer:
            return
        # One step of split_parts with start 0: the buffer holds more than max_chars unless the text ended.
        _, part = next(split_parts(buffer, max_chars))
        yield offset, part
        offset += len(part)
        buffer = buffer[len(part):]


def _scan(path: Path, encoding: str, *, head_chars: int) -> tuple[str, str, bool] | None:
    """First pass: content hash, the head (title, date, language) and whether any text; None if undecodable."""
    digest = hashlib.sha256()
    head: list[str] = []
    head_len = 0
    has_text = False
    try:
        for text in _decoded_blocks(path, encoding):
            digest.update(text.encode("utf-8", "surrogatepass"))
            has_text = has_text or bool(text.strip())
            if head_len < head_chars:
                head.append(text[: head_chars - head_len])
                head_len += len(head[-1])
    except UnicodeDecodeError:
        return None
    return digest.hexdigest(), "".join(head), has_text


def read_large_text_file(path: Path, *, max_chars: int = 200_000) -> Iterator[Document] | None:
    r"""A big ``.txt`` read in two streaming passes (hash, then parts), never whole; same documents as
    :func:`read_text_document` on the whole text. None when the file is not plainly UTF-8 or GB18030 text
    (the caller then reads it whole, with encoding detection).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "big.txt"
    >>> text = "Title\n\n" + "Google acquired DeepMind.\n\n" * 40
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> list(read_large_text_file(path, max_chars=100)) == list(read_text_document(str(path), text, max_chars=100))
    True
    """
    name = str(path)
    with path.open("rb") as handle:
        start = handle.read(8192)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in start:
        return None
    head_chars = max(20_000, 4 * max_chars)  # the title and date lines, and detect_lang's sample
    for encoding in ("utf-8-sig", "gb18030"):
        scanned = _scan(path, encoding, head_chars=head_chars)
        if scanned is None:
            continue
        content_hash, head, has_text = scanned
        if not has_text:
            return None  # the whole-file reader reports it
        if encoding == "gb18030" and (len(HAN_CHARACTER.findall(head[:4000])) < 0.2 * max(1, len(head[:4000].strip()))
                                      or _PRIVATE_USE.search(head[:4000])):
            return None  # as decode_bytes: not clearly Chinese, so let encoding detection decide
        return _streamed_documents(path, name, encoding, content_hash, head, max_chars)
    return None


def _streamed_documents(path: Path, name: str, encoding: str, content_hash: str, head: str,
                        max_chars: int) -> Iterator[Document]:
    title, date = _guess_title_and_date(head)
    doc_id = document_id(name, content_hash)
    lang = detect_lang(head)
    for part, (offset, chunk) in enumerate(split_stream(_decoded_blocks(path, encoding), max_chars)):
        yield Document(doc_id=doc_id, path=name, text=chunk, title=title, date=date, lang=lang,
                       content_hash=content_hash, text_offset=offset, part=part)


def read_path(path: Path, *, on_problem: ProblemHandler, max_chars: int = 200_000) -> Iterator[Document]:
    """All documents in one file; problems go to ``on_problem`` instead of stopping the build."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if not path.is_file():  # a pipe or device named on the command line would block the read forever
            on_problem(ReadProblem(name, "not a regular file (a pipe, socket or device); skipped", Severity.ERROR))
            return
        if suffix == ".jsonl":
            yield from _read_jsonl_file(path, on_problem=on_problem, max_chars=max_chars)
            return
        if suffix not in (".md", ".markdown", ".html", ".htm") and path.stat().st_size > 4 * max_chars:
            # Bigger than any one part can be (UTF-8 is at most 4 bytes a character): read it in pieces.
            streamed = read_large_text_file(path, max_chars=max_chars)
            if streamed is not None:
                yield from streamed
                return
        data = path.read_bytes()
        if not data.strip():
            on_problem(ReadProblem(name, "file is empty; skipped", Severity.WARNING))
            return
        text = decode_bytes(data, path=name)
        if not text.strip():
            on_problem(ReadProblem(name, "file has no text; skipped", Severity.WARNING))
            return
        if suffix in (".md", ".markdown"):
            yield from read_markdown_document(name, text, max_chars=max_chars)
        elif suffix in (".html", ".htm"):
            yield from read_html_document(name, text, max_chars=max_chars)
        else:
            yield from read_text_document(name, text, max_chars=max_chars)
    except InputError as exc:
        on_problem(ReadProblem(name, exc.message, Severity.ERROR, exc.line))
    except OSError as exc:
        on_problem(ReadProblem(name, f"cannot read ({exc.strerror or exc}); check permissions", Severity.ERROR))


def _read_jsonl_file(path: Path, *, on_problem: ProblemHandler, max_chars: int) -> Iterator[Document]:
    name = str(path)
    # Read line by line so a huge JSONL file never sits in memory whole.
    with path.open("rb") as handle:
        def lines() -> Iterator[str]:
            for number, raw in enumerate(handle, start=1):
                try:
                    yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    on_problem(ReadProblem(name, "line is not UTF-8; skipped", Severity.ERROR, number))
                    yield ""
        yield from read_jsonl_documents(name, lines(), on_problem=on_problem, max_chars=max_chars)


def read_documents(
    paths: Iterable[str | Path], *, on_problem: ProblemHandler, max_chars: int = 200_000
) -> Iterator[Document]:
    """Every document under ``paths`` (files or folders, recursive), in a stable order."""
    for path in iter_files(paths):
        yield from read_path(path, on_problem=on_problem, max_chars=max_chars)
