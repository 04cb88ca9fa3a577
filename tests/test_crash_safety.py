"""SIGKILL at random moments of ``kg build`` and ``kg export`` never leaves a truncated or corrupt output.

20 kills in total (seeded random delays spread over a whole run: interpreter start, reading, extraction,
serialisation, rename). After each, the output is absent, the previous complete file, or the complete new one
(byte-equal to an uninterrupted run, and it parses strictly); the only other files allowed are our own
``.NAME.PID.RANDOM.tmp`` temporaries, which the next write of the same output removes.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import build_to_file

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "articles"
KILLS_PER_COMMAND = 10
TEMPORARY = re.compile(r"^\.(?P<target>.+)\.\d+\.[^.]+\.tmp$")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def kg(*args: object) -> list[str]:
    return [sys.executable, "-m", "graph", *(str(a) for a in args)]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package the subprocesses run from (``python -m graph`` finds it first in their working
    folder), so an edit to the working tree during the test cannot make two runs of "the same" build differ."""
    folder = tmp_path_factory.mktemp("frozen")
    shutil.copytree(REPO / "graph", folder / "graph", ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    return folder


def run_to_end(command: list[str], cwd: Path) -> float:
    """Run once uninterrupted; returns its duration, which sets the range of the kill delays."""
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, timeout=600)
    return time.monotonic() - started


def kill_after(command: list[str], delay: float, cwd: Path) -> int | None:
    """Start ``command``, SIGKILL it after ``delay`` seconds; its return code (-9 when it was killed)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=60)


def check_folder(folder: Path, output: Path, *, previous: bytes | None, reference: bytes) -> str:
    """The output is absent, the previous or the reference version; nothing else but our temporaries."""
    for path in folder.iterdir():
        if path == output:
            continue
        match = TEMPORARY.match(path.name)
        assert match and match["target"] == output.name, f"unexpected file left behind: {path.name}"
    if not output.exists():
        return "absent"
    data = output.read_bytes()
    if previous is not None and data == previous:
        return "previous"
    assert data == reference, f"{output.name} is neither the previous nor the complete new version"
    return "complete"


def parse_strictly(path: Path) -> None:
    if path.suffix in (".gexf", ".graphml"):
        ET.parse(path)
    else:
        assert list(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]) or ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def older_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete graph of a different input: the "previous version" a killed run must not damage."""
    folder = tmp_path_factory.mktemp("older")
    (folder / "a.txt").write_text("Older\n\nGoogle acquired DeepMind in 2014.\n", encoding="utf-8")
    out = folder / "older.trig"
    build_to_file([folder / "a.txt"], out)
    return out


def _kill_loop(command: list[str], output: Path, previous_version: Path, *, kills: int, seed: int,
               cwd: Path) -> dict[str, int]:
    """Kill ``command`` ``kills`` times; every other run starts with a previous version in place."""
    duration = run_to_end(command, cwd)
    reference = output.read_bytes()
    parse_strictly(output)
    rng = random.Random(seed)
    outcomes: dict[str, int] = {}
    for i in range(kills):
        output.unlink(missing_ok=True)
        previous = None
        if i % 2:
            shutil.copyfile(previous_version, output)
            previous = output.read_bytes()
        returncode = kill_after(command, rng.uniform(0.0, duration * 1.1), cwd)
        outcome = check_folder(output.parent, output, previous=previous, reference=reference)
        if outcome == "complete":
            parse_strictly(output)
        key = f"{outcome}{' (killed)' if returncode == -signal.SIGKILL else ''}"
        outcomes[key] = outcomes.get(key, 0) + 1
    run_to_end(command, cwd)  # a complete run afterwards removes what the killed ones left
    assert output.read_bytes() == reference
    assert [p.name for p in output.parent.iterdir() if TEMPORARY.match(p.name)] == []
    return outcomes


def test_kill_9_during_kg_build_never_leaves_a_broken_output(tmp_path: Path, older_graph: Path, frozen: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    output = out_dir / "graph.ttl"
    previous_version = tmp_path / "older.ttl"
    build_to_file([older_graph.parent / "a.txt"], previous_version)
    outcomes = _kill_loop(kg("build", EXAMPLES, "-o", output, "--quiet"), output, previous_version,
                          kills=KILLS_PER_COMMAND, seed=1, cwd=frozen)
    print(f"\nkg build, {KILLS_PER_COMMAND} SIGKILLs: {outcomes}")


def test_kill_9_during_kg_export_never_leaves_a_broken_output(tmp_path: Path, examples_trig: Path,
                                                              older_graph: Path, frozen: Path) -> None:
    for seed, fmt in ((2, "gexf"), (3, "graphml")):
        out_dir = tmp_path / fmt
        out_dir.mkdir()
        output = out_dir / f"graph.{fmt}"
        previous_version = tmp_path / f"older.{fmt}"
        subprocess.run(kg("export", older_graph, "--to", fmt, "-o", previous_version), check=True,
                       capture_output=True, cwd=frozen, timeout=600)
        command = kg("export", examples_trig, "--to", fmt, "-o", output)
        kills = KILLS_PER_COMMAND // 2  # per format: KILLS_PER_COMMAND for kg export in all
        outcomes = _kill_loop(command, output, previous_version, kills=kills, seed=seed, cwd=frozen)
        print(f"\nkg export --to {fmt}, {kills} SIGKILLs: {outcomes}")


def test_a_stale_temporary_of_a_dead_writer_is_removed_by_the_next_write(tmp_path: Path) -> None:
    from graph.atomic import atomic_path

    target = tmp_path / "graph.ttl"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".graph.ttl.{dead.pid}.x1y2.tmp"
    stale.write_text("half a file")
    other_target = tmp_path / f".other.ttl.{dead.pid}.zz.tmp"
    other_target.write_text("not ours to remove")
    with atomic_path(target) as tmp:
        tmp.write_text("complete")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other_target.name, "graph.ttl"])


def test_an_output_path_that_is_a_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path, run_kg: object) -> None:
    (tmp_path / "graph.ttl").mkdir()
    (tmp_path / "a.txt").write_text("Google acquired DeepMind in 2014.", encoding="utf-8")
    outcome = run_kg(["build", tmp_path / "a.txt", "-o", tmp_path / "graph.ttl"])  # type: ignore[operator]
    assert outcome.exit_code == 2
    assert "graph.ttl" in outcome.output and "folder" in outcome.output and "Traceback" not in outcome.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "graph.ttl"]


def test_a_full_disk_while_writing_is_an_output_error_and_keeps_the_previous_file(tmp_path: Path) -> None:
    import errno

    from graph.atomic import atomic_path
    from graph.exceptions import OutputError

    target = tmp_path / "graph.ttl"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(OutputError, match="No space left"), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
