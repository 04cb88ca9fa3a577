"""The ``kg`` command line: parse arguments, call one library function, print the result. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from graph.errors import ClaimgraphError, MissingPathError, StrictModeError
from graph.rdf_files import RdfFileFormat

app = typer.Typer(
    name="kg",
    help="claimgraph: build an RDF knowledge graph of entities and sourced claims from Chinese/English text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """claimgraph: build an RDF knowledge graph of entities and sourced claims from Chinese/English text."""


def _fail(message: str, code: int) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .jsonl), read recursively.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file; format from its suffix.")] = Path(
        "exports/graph.ttl"),
    fmt: Annotated[Optional[RdfFileFormat], typer.Option("--format", "-f", help="Output format (else by suffix).")] = None,
    schema: Annotated[Optional[list[Path]], typer.Option("--schema", help="Extra ontology Turtle (relations, triggers).")] = None,
    entities: Annotated[Optional[list[Path]], typer.Option("--entities", help="Extra entities: CSV name,type,aliases or Turtle.")] = None,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Confidence at which a claim is also asserted as a triple.")] = 0.5,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (and write nothing) on any reading warning or error.")] = False,
    spacy_model: Annotated[Optional[str], typer.Option("--spacy-model", help="Installed English spaCy model to add NER (e.g. en_core_web_sm).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Build an RDF graph from documents and write it (Turtle by default)."""
    from graph.build import build_to_file
    from graph.settings import Settings

    settings = Settings(assert_threshold=threshold, strict=strict, spacy_model_en=spacy_model)

    def report(problem: object) -> None:
        typer.secho(str(problem), fg=typer.colors.YELLOW, err=True)

    try:
        result = build_to_file(paths, output, fmt=fmt, settings=settings, extra_schemas=schema or (),
                               extra_entities=entities or (), on_problem=report)
    except MissingPathError as exc:
        raise _fail(f"{exc.path}: no such file or folder; check the path", 2) from None
    except StrictModeError as exc:
        raise _fail(str(exc), 1) from None
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    stats = result.stats
    errors = [p for p in result.problems if p.severity.value == "error"]
    if not quiet:
        typer.echo(f"wrote {output} ({len(result.quads)} triples)")
        typer.echo(f"documents {stats.documents}  entities {stats.entities}  claims {stats.claims}  "
                   f"asserted {stats.asserted}  ({stats.chars:,} chars in {stats.seconds:.2f} s, "
                   f"{stats.chars_per_second:,.0f} chars/s)")
        for relation, count in sorted(stats.by_relation.items(), key=lambda kv: (-kv[1], kv[0])):
            typer.echo(f"  {relation:<16} {count}")
        if result.problems:
            typer.echo(f"{len(result.problems)} file(s) skipped; see the messages above")
    if errors:
        raise typer.Exit(1)


@app.command()
def stats(
    graph_file: Annotated[Path, typer.Argument(help="An RDF file kg build wrote (.ttl .nt .nq .trig .jsonld).")],
    top: Annotated[int, typer.Option(min=1, help="How many entities in each top list.")] = 10,
    communities: Annotated[int, typer.Option(min=0, help="How many of the biggest communities to list.")] = 5,
) -> None:
    """Counts by type and relation, top entities by degree and PageRank, and Louvain communities."""
    from graph.stats import graph_stats

    try:
        result = graph_stats(graph_file, top=top, max_communities=communities)
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(result.render())


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted; outputs already written are complete, none is half-written", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
