"""The ``tei`` command: a thin layer over the library API.

Each command parses its arguments, calls one library function, prints what it
reported (``file:line:col: severity CODE: message``) and exits 0 (clean), 1
(errors found) or 2 (unusable input or a usage error).
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Iterable, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tei import __version__
from tei.config import Config, default_build_date
from tei.errors import Location, TeiError

app = typer.Typer(
    name="tei",
    help="Turn OCR'd and PDF-extracted scholarly text into archival TEI P5, validate it, and render it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"


class RenderTarget(str, Enum):
    html = "html"
    text = "text"


class NotesMode(str, Enum):
    end = "end"
    page = "page"


def _version(value: bool) -> None:
    if value:
        print(f"tei {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Turn OCR'd and PDF-extracted scholarly text into archival TEI P5, validate it, and render it.

    Start with `tei build` (seeds/ -> out/).
    """


# --- shared options (one definition each, so names and help stay the same) -------------------
def _date_option() -> Any:
    return typer.Option(None, "--date", metavar="YYYY-MM-DD",
                        help="Processing date written to revisionDesc (default: SOURCE_DATE_EPOCH, else today).")


def _register_option() -> Any:
    return typer.Option(None, "--register", "-r", exists=False, dir_okay=False,
                        help="TEI file with listPerson/listPlace/listOrg whose entries take priority (repeatable).")


def _config(date: str | None, registers: Iterable[Path] | None, encoding: str | None = None,
            strict: bool = False, no_model: bool = False) -> Config:
    if date:
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(f"'{date}' is not an ISO date (YYYY-MM-DD)", param_hint="--date") from None
    regs = tuple(registers or ())
    for r in regs:
        if not r.is_file():
            raise typer.BadParameter(f"{r}: no such file", param_hint="--register")
    return Config(strict=strict, build_date=date or default_build_date(), encoding=encoding,
                  registers=regs, use_model=not no_model)


def _print_diagnostics(diags: Iterable[TeiError], *, quiet_warnings: bool = False) -> tuple[int, int]:
    n_err = n_warn = 0
    for d in diags:
        if d.severity == "error":
            n_err += 1
        else:
            n_warn += 1
            if quiet_warnings:
                continue
        err.print(str(d), markup=False)
    return n_err, n_warn


def _fail(e: TeiError, code: int = 1) -> typer.Exit:
    err.print(str(e), markup=False)
    return typer.Exit(code)


# --- commands ---------------------------------------------------------------------------------
@app.command()
def build(
    paths: List[Path] = typer.Argument(None, help="Input files or folders of *.txt (default: seeds/)."),
    out_dir: Path = typer.Option(Path("out"), "--out", "-o", help="Build folder."),
    force: bool = typer.Option(False, "--force", help="Rebuild every input, changed or not."),
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip schema validation."),
    date: Optional[str] = _date_option(),
    register: Optional[List[Path]] = _register_option(),
    no_model: bool = typer.Option(False, "--no-model", help="Recognise names by rules only (no spaCy model)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the summary line."),
) -> None:
    """Convert, validate and render every input into the build folder.

    Writes OUT/tei/<stem>.xml, OUT/html/<stem>.html, OUT/html/index.html, OUT/txt/<stem>.txt
    and OUT/report.json.  Inputs unchanged since the last build are skipped (--force rebuilds).
    Exits 1 if any document fails conversion or validation; the others are still written.

    Example:  tei build seeds/ -o out/
    """
    from tei.batch import build as run_build

    config = _config(date, register, no_model=no_model)
    inputs = paths or [Path("seeds")]
    try:
        from tei.batch import find_inputs
        n = len(find_inputs(inputs))
    except TeiError as e:
        raise _fail(e, 2) from None
    show_bar = n > 1 and not quiet and err.is_terminal
    progress = Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True, disable=not show_bar)
    with progress:
        task = progress.add_task("building", total=n)
        seen: set[str] = set()

        def step(stem: str, what: str) -> None:
            if stem != "*" and stem not in seen and what in ("convert", "unchanged"):
                if seen:
                    progress.advance(task)
                seen.add(stem)
            progress.update(task, description=f"{what} {stem if stem != '*' else ''}".strip()[:28])
            if not show_bar and not quiet and stem != "*" and what in ("convert", "unchanged"):
                err.print(f"{what}: {stem}", markup=False)

        report = run_build(inputs, out_dir, config, force=force, validate=not no_validate, progress=step)
        progress.update(task, completed=n)
    n_err = n_warn = 0
    for r in report.results:
        errs, warns = _print_diagnostics(r.errors + r.warnings, quiet_warnings=True)
        n_err += errs
        n_warn += warns
    if not quiet:
        table = Table(title=f"tei build -> {out_dir}", title_justify="left", box=None, padding=(0, 1))
        table.add_column("document", no_wrap=True)
        table.add_column("status", no_wrap=True)
        for col in ("pages", "notes", "pers", "place", "org", "dates", "fixes", "secs"):
            table.add_column(col, justify="right", no_wrap=True, min_width=len(col))
        for r in report.results:
            c = r.counts
            status = "unchanged" if r.skipped else ("ok" if r.ok else "FAILED")
            table.add_row(r.stem, status, *(str(c.get(k, "")) for k in ("pb", "note", "persName", "placeName",
                                                                         "orgName", "date", "choice")),
                          f"{sum(r.seconds.values()):.1f}")
        out.print(table)
    failed = sum(1 for r in report.results if not r.ok)
    out.print(f"{len(report.results)} documents, {failed} failed; {n_err} errors, {n_warn} warnings "
              f"(details in {out_dir / 'report.json'})", markup=False)
    raise typer.Exit(1 if failed else 0)


@app.command()
def convert(
    input: Path = typer.Argument(..., help="The text file to convert."),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="TEI file to write (default: standard output)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", "-e",
                                           help="Input encoding (default: detect UTF-8, BOMs, UTF-16, cp1252)."),
    date: Optional[str] = _date_option(),
    register: Optional[List[Path]] = _register_option(),
    no_model: bool = typer.Option(False, "--no-model", help="Recognise names by rules only (no spaCy model)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
) -> None:
    """Convert one text file to TEI P5 (not validated; see `tei validate`).

    Example:  tei convert seeds/000_b7f73842bc1c9dd8.txt -o 000.xml
    """
    from tei.batch import convert as run_convert

    config = _config(date, register, encoding=encoding, no_model=no_model)
    try:
        conv = run_convert(input, config, out=output)
    except TeiError as e:
        raise _fail(e, 2 if e.code.startswith("ING") else 1) from None
    except OSError as e:
        raise _fail(TeiError.make("CLI003", path=output, reason=e.strerror or str(e))) from None
    n_err, n_warn = _print_diagnostics(conv.doc.diagnostics)
    if output is None:
        sys.stdout.buffer.write(conv.xml)
    raise typer.Exit(1 if n_err or (strict and n_warn) else 0)


@app.command()
def validate(
    files: List[Path] = typer.Argument(..., help="TEI files to validate."),
    fmt: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the report here (default: standard output)."),
    schema: Optional[List[str]] = typer.Option(
        None, "--schema", "-s", help="Schemas to use: rng, xsd, sch, tei_all (repeatable; default: all available)."),
) -> None:
    """Validate TEI files against the project's RELAX NG, XSD and Schematron, and tei_all.

    Prints one line per problem, file:line:col: error CODE: message.  Exits 0 when all are
    valid, 1 when any is invalid, 2 when a file cannot be read.

    Example:  tei validate out/tei/*.xml --format junit -o report.xml
    """
    from tei import reports
    from tei.validate import validate_many

    missing = [f for f in files if not f.is_file()]
    for f in missing:
        err.print(str(TeiError.make("CLI001", Location(str(f)), path=f)), markup=False)
    present = [f for f in files if f.is_file()]
    kinds = tuple(schema) if schema else None
    try:
        results = validate_many(present, schemas=kinds) if kinds else validate_many(present)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--schema") from None
    if fmt is OutputFormat.text:
        lines = [str(e) for f in present for e in results.get(f, [])]
        n_bad = sum(1 for f in present if results.get(f))
        n_errors = sum(len(results.get(f, [])) for f in present)
        lines.append(f"{n_errors} errors in {n_bad} of {len(present)} files")
        body = "\n".join(lines) + "\n"
    elif fmt is OutputFormat.json:
        body = reports.to_json(results)
    else:
        body = reports.to_junit(results).decode("utf-8")
    if output:
        from tei.serialize import write_atomic
        write_atomic(output, body.encode("utf-8"))
    else:
        sys.stdout.write(body)
    if missing:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(results.get(f) for f in present) else 0)


@app.command()
def render(
    file: Path = typer.Argument(..., help="The TEI file to render."),
    to: RenderTarget = typer.Option(RenderTarget.html, "--to", "-t", help="Output format."),
    diplomatic: bool = typer.Option(False, "--diplomatic", help="The source as printed (repairs undone, furniture kept)."),
    width: int = typer.Option(72, "--width", min=20, help="Line width of the text output."),
    notes: NotesMode = typer.Option(NotesMode.end, "--notes", help="Text: notes as endnotes, or after each page."),
    page_markers: bool = typer.Option(True, "--page-markers/--no-page-markers",
                                      help="Show printed page numbers ([p. 181] in text, the margin in HTML)."),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
) -> None:
    """Render a TEI file as an HTML reading edition or plain text, with XSLT 3.0.

    Example:  tei render out/tei/000_b7f73842bc1c9dd8.xml --to text --diplomatic
    """
    from tei.render import render as run_render

    if not file.is_file():
        raise _fail(TeiError.make("CLI001", Location(str(file)), path=file), 2)
    try:
        result = run_render(file, to=to.value, diplomatic=diplomatic, width=width, notes=notes.value,
                            page_markers=page_markers)
    except TeiError as e:
        raise _fail(e) from None
    _print_diagnostics(result.messages)
    if output:
        from tei.serialize import write_atomic
        write_atomic(output, result.output.encode("utf-8"))
    else:
        sys.stdout.write(result.output)


@app.command()
def registers(
    paths: List[Path] = typer.Argument(..., help="TEI files (or folders of *.xml) built by tei."),
    output: Path = typer.Option(..., "--out", "-o", help="Register file to write (TEI with standOff)."),
) -> None:
    """Collect the persons, places and organisations found across a corpus into one register.

    Curate the file by hand and pass it back with `tei build --register FILE`.

    Example:  tei registers out/tei -o registers.xml
    """
    from tei.registers import collect_registers
    from tei.serialize import write_atomic

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(p.glob("*.xml"))
        elif p.is_file():
            files.append(p)
        else:
            raise _fail(TeiError.make("CLI001", Location(str(p)), path=p), 2)
    try:
        data = collect_registers(files)
    except TeiError as e:
        raise _fail(TeiError(e.code, e.message, e.location, "error", e.upstream)) from None
    write_atomic(output, data)
    out.print(f"wrote {output}", markup=False)


@app.command()
def deposit(
    build_dir: Path = typer.Argument(..., help="A folder written by `tei build`."),
    bag_dir: Path = typer.Option(..., "--out", "-o", help="The bag to create (must not exist)."),
    allow_invalid: bool = typer.Option(False, "--allow-invalid", help="Package even if some TEI is invalid."),
    description: str = typer.Option("", "--description", help="External-Description for bag-info.txt."),
    date: Optional[str] = _date_option(),
) -> None:
    """Package a build as a BagIt bag (sha256 and sha512 manifests) for archival deposit.

    The bag holds the TEI, HTML and text, the original inputs, the schemas and stylesheets
    that produced them, and the validation report.

    Example:  tei deposit out/ -o deposit-2026-11/
    """
    from tei.deposit import deposit as run_deposit

    if not build_dir.is_dir():
        raise _fail(TeiError.make("CLI001", Location(str(build_dir)), path=build_dir), 2)
    _config(date, None)
    try:
        bag = run_deposit(build_dir, bag_dir, allow_invalid=allow_invalid, source_description=description, date=date)
    except TeiError as e:
        raise _fail(e) from None
    out.print(f"bag written: {bag}", markup=False)


@app.command()
def verify(
    bag_dir: Path = typer.Argument(..., help="A bag written by `tei deposit`."),
) -> None:
    """Check a bag: every file's checksums, and every TEI file against the schemas in the bag.

    Each missing, extra or altered file is reported with its path (and the expected and found
    checksums).  Exits 0 only when the bag is intact and all its TEI is valid.

    Example:  tei verify deposit-2026-11/
    """
    from tei.deposit import verify as run_verify

    if not bag_dir.is_dir():
        raise _fail(TeiError.make("CLI001", Location(str(bag_dir)), path=bag_dir), 2)
    problems = run_verify(bag_dir)
    n_err, _ = _print_diagnostics(problems)
    out.print(f"{bag_dir}: " + ("intact and valid" if not n_err else f"{n_err} problems"), markup=False)
    raise typer.Exit(1 if n_err else 0)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
