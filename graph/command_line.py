"""The ``kg`` command line: parse arguments, call one library function, print the result. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graph.exceptions import ClaimgraphError, MissingPathError, StrictModeError
from graph.export.registry import ExportFormat, export_graph
from graph.query import QueryEngine, QueryOutput
from graph.rdf_files import RdfFileFormat
from graph.settings import ExtractorMode

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


def _build_failure(exc: ClaimgraphError) -> typer.Exit:
    """The exit of a failed build (file or store): 2 for bad input, 1 when --strict turned warnings fatal."""
    if isinstance(exc, MissingPathError):
        return _fail(f"{exc.path}: no such file or folder; check the path", 2)
    return _fail(str(exc), 1 if isinstance(exc, StrictModeError) else 2)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .jsonl), read recursively.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file; format from its suffix.")] = Path(
        "exports/graph.ttl"),
    fmt: Annotated[RdfFileFormat | None, typer.Option("--format", "-f", help="Output format (else by suffix).")] = None,
    schema: Annotated[list[Path] | None, typer.Option("--schema", help="Extra ontology Turtle (relations, triggers).")] = None,
    entities: Annotated[list[Path] | None, typer.Option("--entities", help="Extra entities: CSV name,type,aliases or Turtle.")] = None,
    name_overrides: Annotated[list[Path] | None, typer.Option("--name-overrides", help="CSV name,decision that reverses or forces entity merges (decision: separate, none, an IRI or a known name).")] = None,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Confidence at which a claim is also asserted as a triple.")] = 0.5,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (and write nothing) on any reading warning or error.")] = False,
    spacy_model: Annotated[str | None, typer.Option("--spacy-model", help="Installed English spaCy model to add NER (e.g. en_core_web_sm).")] = None,
    extractor: Annotated[ExtractorMode | None, typer.Option(
        "--extractor", help="rules, model or hybrid (default: hybrid when the relation scorer model is present, else rules).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
    export: Annotated[str | None, typer.Option(
        "--export", help="Also write these formats next to the output, comma-separated (e.g. gexf,graphml,csv).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Extract in this many processes (small inputs stay in-process).")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", help="Extract on a Dask cluster: scheduler address (tcp://host:8786) or 'local'.")] = None,
    store: Annotated[str | None, typer.Option("--store", help="Keep the graph in this persistent store folder, or on a SPARQL server (http(s)://host:port), incrementally: unchanged documents are skipped; --output is not written.")] = None,
) -> None:
    """Build an RDF graph from documents and write it (Turtle by default), or add them to a store (--store)."""
    from graph.build import build_to_file
    from graph.parallel import Execution
    from graph.progress import progress_bar, should_show
    from graph.settings import Settings

    settings = Settings(assert_threshold=threshold, strict=strict, spacy_model_en=spacy_model, extractor=extractor,
                        name_overrides=tuple(name_overrides or ()))
    if store is not None:
        if workers > 1 or dask or export:
            raise _fail("--store builds in-process and writes no files: drop --workers/--dask/--export "
                        "(export from the store with `kg export --store DIR`)", 2)
        _build_store(paths, store, settings=settings, schema=schema or [], entities=entities or [], quiet=quiet)
        return
    try:  # a bad --export list fails before the (slow) build, not after it
        export_formats = ExportFormat.parse_list(export) if export is not None else []
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None

    def report(problem: object) -> None:
        typer.secho(str(problem), fg=typer.colors.YELLOW, err=True)

    try:
        execution = Execution(workers=workers, dask_address=dask)
        with progress_bar(enabled=should_show(quiet=quiet)) as on_progress:
            result = build_to_file(paths, output, fmt=fmt, settings=settings, extra_schemas=schema or (),
                                   extra_entities=entities or (), on_problem=report, execution=execution,
                                   on_progress=on_progress)
        # A build that spilled to disk keeps no quads in memory; the exports then read the written file.
        exported = export_graph(result.quads or output, output, to=export_formats) if export_formats else []
    except ClaimgraphError as exc:
        raise _build_failure(exc) from None
    stats = result.stats
    errors = [p for p in result.problems if p.severity.value == "error"]
    if not quiet:
        typer.echo(f"wrote {output} ({stats.quads or len(result.quads)} triples; extraction {stats.execution})")
        typer.echo(f"documents {stats.documents}  entities {stats.entities}  claims {stats.claims}  "
                   f"asserted {stats.asserted}  ({stats.chars:,} chars in {stats.seconds:.2f} s, "
                   f"{stats.chars_per_second:,.0f} chars/s)")
        for relation, count in sorted(stats.by_relation.items(), key=lambda kv: (-kv[1], kv[0])):
            typer.echo(f"  {relation:<16} {count}")
        if result.problems:
            typer.echo(f"{len(result.problems)} file(s) skipped; see the messages above")
        for path in exported:
            typer.echo(f"wrote {path}")
    if errors:
        raise typer.Exit(1)


def _build_store(paths: list[Path], directory: str, *, settings: object, schema: list[Path], entities: list[Path],
                 quiet: bool) -> None:
    from graph.settings import Settings
    from graph.store import build_into_store

    assert isinstance(settings, Settings)
    try:
        report = build_into_store(paths, directory, settings=settings, extra_schemas=schema, extra_entities=entities,
                                  on_problem=lambda problem: typer.secho(str(problem), fg=typer.colors.YELLOW, err=True))
    except ClaimgraphError as exc:
        raise _build_failure(exc) from None
    if not quiet:
        typer.echo(f"store {directory}: {report.render()} ({report.seconds:.2f} s)")
    if any(p.severity.value == "error" for p in report.problems):
        raise typer.Exit(1)


@app.command()
def remove(
    documents: Annotated[list[str], typer.Argument(help="Documents to delete: the path they were built from, their doc IRI or id.")],
    store: Annotated[str, typer.Option("--store", help="The store folder (or SPARQL server URL) kg build --store wrote.")],
) -> None:
    """Delete documents from a store, with every claim, triple and count they alone supported."""
    from graph.store import remove_from_store

    try:
        report = remove_from_store(store, documents)
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(f"store {store}: {report.render()}")


@app.command()
def stats(
    graph_file: Annotated[Path | None, typer.Argument(help="An RDF file kg build wrote (.ttl .nt .nq .trig .jsonld); or use --store.")] = None,
    store: Annotated[str | None, typer.Option("--store", help="Read a persistent store folder (kg build --store) instead of a file.")] = None,
    top: Annotated[int, typer.Option(min=1, help="How many entities in each top list.")] = 10,
    communities: Annotated[int, typer.Option(min=0, help="How many of the biggest communities to list.")] = 5,
) -> None:
    """Counts by type and relation, top entities by degree and PageRank, and Louvain communities."""
    from graph.stats import graph_stats
    from graph.store import graph_source

    try:
        result = graph_stats(graph_source(graph_file, store), top=top, max_communities=communities)
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    typer.echo(result.render())


@app.command()
def query(
    graph_file: Annotated[str | None, typer.Argument(help="An RDF file kg build wrote (.ttl .nt .nq .trig .jsonld); or use --store.")] = None,
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query (or use --file / --name).")] = None,
    query_file: Annotated[Path | None, typer.Option("--file", help="Read the SPARQL query from this .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A named query from schemas/queries (e.g. competitors).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="KEY=VALUE, e.g. entity=英伟达 (any alias), relation=acquired, type=Organization.")] = None,
    fmt: Annotated[QueryOutput | None, typer.Option("--format", "-f", help="Output format; default table on a terminal, csv when piped.")] = None,
    timeout: Annotated[float, typer.Option(min=0.001, help="Stop the query after this many seconds.")] = 30.0,
    engine: Annotated[QueryEngine, typer.Option(help="SPARQL engine.")] = QueryEngine.OXIGRAPH,
    store: Annotated[str | None, typer.Option("--store", help="Read a persistent store folder (kg build --store) instead of a file.")] = None,
) -> None:
    """Run a SPARQL query (text, --file or --name with --param) over a built graph and print the result."""
    from graph.query import QueryTimeoutError, ResultFormat, answer_query, format_result
    from graph.store import graph_source

    params: dict[str, str] = {}
    for item in param or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _fail(f"--param {item!r} is not KEY=VALUE (e.g. --param entity=OpenAI)", 2)
        params[key.strip()] = value
    try:
        if graph_file is not None and store is not None and sparql is None:
            graph_file, sparql = None, graph_file  # with --store, the one positional is the query
        result = answer_query(graph_source(graph_file, store), sparql=sparql, query_file=query_file, name=name, params=params,
                              timeout=timeout, engine=engine.value)
    except QueryTimeoutError as exc:
        raise _fail(str(exc), 1) from None
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    chosen = fmt or (QueryOutput.TABLE if sys.stdout.isatty() else QueryOutput.CSV)
    typer.echo(format_result(result, ResultFormat(chosen.value)).rstrip("\n"))


@app.command()
def serve(
    graph_file: Annotated[Path | None, typer.Argument(help="An RDF file kg build wrote (.ttl .nt .nq .trig .jsonld); or use --store.")] = None,
    store: Annotated[str | None, typer.Option("--store", help="Read a persistent store folder (kg build --store) instead of a file.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds a query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Most rows (or triples) one answer returns.")] = 10_000,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (with a query page at /) until Ctrl-C."""
    from graph.serve import EndpointSettings
    from graph.serve import serve as serve_graph
    from graph.store import graph_source

    def ready(url: str) -> None:
        typer.echo(f"SPARQL endpoint on {url} (query page at {url.rsplit('/', 1)[0]}/); Ctrl-C stops it")

    try:
        serve_graph(graph_source(graph_file, store), host=host, port=port, settings=EndpointSettings(timeout=timeout, max_rows=max_rows),
                    on_ready=ready)
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: one document a line with text, entities, claims (see README).")],
    given_entities: Annotated[bool, typer.Option("--given-entities", help="Add each document's gold entity list to the gazetteer.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable results.")] = False,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List missed and spurious claims with their sentences.")] = False,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Predictions are claims at or above this confidence.")] = 0.5,
    extractor: Annotated[ExtractorMode | None, typer.Option(
        "--extractor", help="rules, model or hybrid, as for kg build (default: the build default).")] = None,
) -> None:
    """Score extraction on gold documents: P/R/F1 per relation, a threshold curve, resolution, contradictions."""
    import json

    from graph.evaluate import EvalMode, evaluate_gold
    from graph.settings import Settings

    mode = EvalMode.GIVEN_ENTITIES if given_entities else EvalMode.OPEN
    try:
        report = evaluate_gold(gold, mode=mode, threshold=threshold, settings=Settings(extractor=extractor))
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(report.render(show_errors=show_errors))


@app.command("export")
def export_command(
    to: Annotated[ExportFormat, typer.Option("--to", "-t", help="Format to write.")],
    graph_file: Annotated[Path | None, typer.Argument(help="An RDF file kg build wrote (.ttl .nt .nq .trig .jsonld); or use --store.")] = None,
    store: Annotated[str | None, typer.Option("--store", help="Read a persistent store folder (kg build --store) instead of a file.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output file (CSV writes NAME.nodes.csv and NAME.edges.csv); default: beside GRAPH.")] = None,
    include_hedged: Annotated[bool, typer.Option("--include-hedged", help="Edges also from hedged and planned claims.")] = False,
    include_negated: Annotated[bool, typer.Option("--include-negated", help="Edges also from negative claims.")] = False,
    no_inferred: Annotated[bool, typer.Option("--no-inferred", help="Leave out claims with an argument inferred from the title.")] = False,
    collapse: Annotated[bool, typer.Option("--collapse", help="One edge per entity pair (relations joined with |).")] = False,
) -> None:
    """Write a built graph for Gephi and other tools: gexf, graphml, csv, html, or another RDF syntax."""
    from graph.store import graph_source

    if output is None and graph_file is None:
        raise _fail("with --store, give the output file with --output/-o", 2)
    target = output or Path(str(graph_file)).with_suffix(to.suffix)
    try:
        written = export_graph(graph_source(graph_file, store), target, to=to, include_hedged=include_hedged,
                               include_negated=include_negated, include_inferred=not no_inferred, collapse=collapse)
    except ClaimgraphError as exc:
        raise _fail(str(exc), 2) from None
    for path in written:
        typer.echo(f"wrote {path}")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted; outputs already written are complete, none is half-written", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
