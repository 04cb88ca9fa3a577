"""Build speed, side by side on the same Chinese and English corpora: raw tokenisers versus claimgraph.

Measures, each in characters per second over the same texts:

(a) ``jieba.lcut`` (default mode, dictionary loaded before timing);
(b) ``spacy.blank("en")`` tokenisation (``make_doc``);
(c) (b) plus an entity ruler whose phrase patterns are the gazetteer names ("tokenisation+ruler");
(d) claimgraph end to end: ``graph.build.build_to_file`` on the corpus folder to Turtle, reading and writing
    included (schema loading and pipeline building too; interpreter start is not);
(e) claimgraph extraction only: documents already read, Doc → mentions → claims, no RDF, no file.

Usage::

    python benchmarks/run_build_speed.py [--zh DIR] [--en DIR] [--size 5MB] [--profile]

Missing corpora are generated first (``benchmarks/generate_corpus.py``, seed 1).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate_corpus sits next to this file

from generate_corpus import (
    CorpusFormat,
    default_folder,
    generate_corpus,
    load_gazetteer_names,
    parse_size,
)

LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Timing:
    """One measure on one corpus."""

    name: str
    lang: str
    chars: int
    seconds: float
    note: str = ""

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


def machine_description() -> str:
    """CPU model, logical cores, RAM and Python version of this machine.

    >>> "cores" in machine_description()
    True
    """
    model = platform.processor() or "unknown CPU"
    ram_gb = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024**2
                break
    except OSError:
        pass  # not Linux: keep what platform knows
    return (f"{model}, {os.cpu_count()} cores, {ram_gb:.1f} GiB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def ensure_corpus(folder: Path | None, *, lang: str, size: str) -> Path:
    """The corpus folder; the default one is generated (seed 1) when missing or left incomplete.

    A folder given by the user is never written to: it may hold real articles.
    """
    if folder is not None:
        if not folder.is_dir():
            raise SystemExit(f"corpus folder {folder} does not exist; omit --{lang} to generate one")
        return folder
    folder = default_folder(lang=lang, size=size, seed=1)  # type: ignore[arg-type]
    if not (folder / ".complete").exists():
        print(f"generating {lang} corpus of {size} in {folder} ...", flush=True)
        generate_corpus(folder, lang=lang, size_bytes=parse_size(size), seed=1,  # type: ignore[arg-type]
                        fmt=CorpusFormat.TXT)
    return folder


def read_texts(folder: Path) -> list[str]:
    """Every ``.txt`` file under ``folder``, in path order (the same texts for every measure)."""
    return [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.txt"))]


def timed(action: Callable[[], object]) -> float:
    """Wall-clock seconds of ``action()``.

    >>> timed(lambda: None) >= 0
    True
    """
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure_jieba(texts: Sequence[str], lang: str) -> Timing:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # the dictionary is loaded once per process; not what we compare
    jieba.lcut(texts[0])
    seconds = timed(lambda: [jieba.lcut(text) for text in texts])
    return Timing("(a) jieba.lcut", lang, sum(map(len, texts)), seconds)


def measure_spacy_blank(texts: Sequence[str], lang: str) -> Timing:
    import spacy

    nlp = spacy.blank("en")
    nlp.make_doc(texts[0])
    seconds = timed(lambda: [nlp.make_doc(text) for text in texts])
    return Timing("(b) spaCy blank en, tokenise", lang, sum(map(len, texts)), seconds)


def measure_spacy_ruler(texts: Sequence[str], lang: str) -> Timing:
    import spacy

    pool = load_gazetteer_names()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for kind in ("org", "person", "product", "place"):
        for names in getattr(pool, kind).values():
            patterns += [{"label": kind.upper(), "pattern": name} for name in names]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    list(nlp.pipe(texts[:2]))
    seconds = timed(lambda: sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256)))
    return Timing("(c) spaCy blank en + entity ruler", lang, sum(map(len, texts)), seconds,
                  f"{len(patterns)} phrase patterns")


def measure_claimgraph_build(folder: Path, texts: Sequence[str], lang: str, *, profile: bool) -> Timing:
    from graph.build import build_to_file
    from graph.nlp import get_pipeline

    get_pipeline.cache_clear()  # a cold build: pipelines and jieba dictionary are part of its cost
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "graph.ttl"
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = build_to_file([folder], output)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        size = output.stat().st_size
    if profiler:
        report = io.StringIO()
        pstats.Stats(profiler, stream=report).sort_stats("cumulative").print_stats(25)
        print(f"\n--- cProfile of (d) claimgraph build, {lang}: top 25 by cumulative time ---")
        print(report.getvalue())
    stats = result.stats
    return Timing("(d) claimgraph build → Turtle", lang, sum(map(len, texts)), seconds,
                  f"{stats.documents} docs, {stats.claims} claims, {stats.asserted} asserted, "
                  f"{stats.entities} entities, {size / 1e6:.1f} MB Turtle")


def measure_claimgraph_extract(folder: Path, texts: Sequence[str], lang: str) -> Timing:
    from graph.build import Builder
    from graph.documents import read_documents

    builder = Builder()
    documents = list(read_documents([folder], on_problem=lambda problem: None))
    extractor = builder.extractor
    extractor.extract_text(texts[0], lang=documents[0].lang)  # builds pipelines and matchers outside the timing
    claims = 0

    def run() -> None:
        nonlocal claims
        for document in documents:
            doc = extractor.doc_for(document.text, lang=document.lang)
            topic = extractor.topic_of(document.title, doc, lang=document.lang)
            claims += len(extractor.extract(doc, lang=document.lang, topic=topic, doc_id=document.doc_id))

    seconds = timed(run)
    return Timing("(e) claimgraph extraction only", lang, sum(map(len, texts)), seconds, f"{claims} claims")


def format_table(timings: Sequence[Timing]) -> str:
    """A Markdown table: one row a measure, one column pair (chars/s, seconds) a language.

    >>> print(format_table([Timing("x", "zh", 1000, 0.5)]))
    | measure | zh chars/s | zh s |
    |---|---:|---:|
    | x | 2,000 | 0.50 |
    """
    langs = list(dict.fromkeys(t.lang for t in timings))
    names = list(dict.fromkeys(t.name for t in timings))
    by_key = {(t.name, t.lang): t for t in timings}
    lines = ["| measure | " + " | ".join(f"{lang} chars/s | {lang} s" for lang in langs) + " |",
             "|---|" + "---:|---:|" * len(langs)]
    for name in names:
        cells = []
        for lang in langs:
            t = by_key.get((name, lang))
            cells.append(f"{t.chars_per_second:,.0f} | {t.seconds:.2f}" if t else "– | –")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="claimgraph build speed versus raw tokenisers")
    parser.add_argument("--zh", type=Path, default=None, help="Chinese corpus folder (default: generated)")
    parser.add_argument("--en", type=Path, default=None, help="English corpus folder (default: generated)")
    parser.add_argument("--size", default="5MB", help="size of generated corpora (default 5MB)")
    parser.add_argument("--profile", action="store_true", help="cProfile (d) and print the top 25 functions")
    parser.add_argument("--langs", nargs="+", choices=LANGS, default=list(LANGS))
    args = parser.parse_args(argv)
    try:
        parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"machine: {machine_description()}")
    print(f"date:    {dt.datetime.now().astimezone().isoformat(timespec='seconds')}")
    timings: list[Timing] = []
    for lang in args.langs:
        folder = ensure_corpus(getattr(args, lang), lang=lang, size=args.size)
        texts = read_texts(folder)
        print(f"\n{lang}: {folder} — {len(texts)} files, {sum(map(len, texts)):,} chars, "
              f"{sum(len(t.encode()) for t in texts):,} bytes", flush=True)
        for measure in (measure_jieba, measure_spacy_blank, measure_spacy_ruler):
            timings.append(measure(texts, lang))
            print(f"  {timings[-1].name}: {timings[-1].chars_per_second:,.0f} chars/s", flush=True)
        timings.append(measure_claimgraph_build(folder, texts, lang, profile=args.profile))
        print(f"  {timings[-1].name}: {timings[-1].chars_per_second:,.0f} chars/s ({timings[-1].note})", flush=True)
        timings.append(measure_claimgraph_extract(folder, texts, lang))
        print(f"  {timings[-1].name}: {timings[-1].chars_per_second:,.0f} chars/s ({timings[-1].note})", flush=True)
    print()
    print(format_table(timings))
    by_key = {(t.name.split()[0], t.lang): t for t in timings}
    print()
    for lang, baseline in (("zh", "(a)"), ("en", "(c)")):
        if (("(d)", lang) in by_key) and ((baseline, lang) in by_key):
            ratio = by_key[("(d)", lang)].chars_per_second / by_key[(baseline, lang)].chars_per_second
            print(f"{lang}: (d)/{baseline} = {ratio:.3f}  (claimgraph runs at {ratio:.1%} of the baseline's speed; "
                  f"{1 / ratio:.1f}x slower)")
    for t in timings:
        if t.note:
            print(f"{t.lang} {t.name}: {t.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
