"""Coverage-guided fuzzing of reading + extraction + RDF writing with atheris (libFuzzer), for long runs by hand.

Each input becomes a JSONL line (text, title, url, date from the fuzzer's bytes, lone surrogates included) that is
read, built, written as TriG and N-Triples, and parsed back strictly; every claim's offsets must point at its
evidence. Anything but a :class:`graph.exceptions.ClaimgraphError` is a crash that atheris saves as ``crash-*``.
Not part of CI (the Hypothesis properties in tests/test_properties.py are); see docs/testing.md.

    .venv/bin/python benchmarks/fuzz_build.py -max_total_time=3600 -max_len=8192 fuzz-corpus/
    .venv/bin/python benchmarks/fuzz_build.py crash-<hash>        # replay one failure
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["graph"]):
    import pyoxigraph as ox

    from graph.build import Builder
    from graph.documents import ReadProblem, read_jsonl_documents
    from graph.exceptions import ClaimgraphError

BUILDER = Builder()


def one_input(data: bytes) -> None:
    """Build one fuzzer input and check what the properties check."""
    provider = atheris.FuzzedDataProvider(data)
    title = provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 80))
    url = provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 40))
    date = provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 20))
    text = provider.ConsumeUnicode(provider.remaining_bytes())
    line = json.dumps({"text": "Google acquired DeepMind. " + text, "title": title, "url": url, "date": date})
    problems: list[ReadProblem] = []
    try:
        documents = list(read_jsonl_documents("fuzz.jsonl", [line], on_problem=problems.append))
        result = BUILDER.process(documents)
    except ClaimgraphError:
        return
    whole = "".join(d.text for d in documents)
    for claim in result.claims:
        if whole[claim.start:claim.end] != claim.evidence:
            raise AssertionError(f"offsets {claim.start}:{claim.end} do not point at the evidence {claim.evidence!r}")
    for fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES):
        items = result.quads if fmt is ox.RdfFormat.TRIG else [q.triple for q in result.quads]
        written = ox.serialize(items, format=fmt)
        assert written is not None
        parsed = list(ox.parse(written, format=fmt))
        if len({(q.subject, q.predicate, q.object) for q in parsed}) != len({q.triple for q in result.quads}):
            raise AssertionError(f"{fmt} round trip lost or added triples")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
