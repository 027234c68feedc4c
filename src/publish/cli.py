"""The `publish` command: parse arguments, call the pipeline or the linter, map errors to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from publish import report, sourcecheck, watch
from publish.audit import command as audit_command
from publish.errors import PublishError

# Each command imports what only it needs (the editions, the pipeline) when it runs: a one-file
# `publish lint`, in an editor or a pre-commit hook, then starts in about half the time.


def human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def cmd_build(args) -> int:
    from publish import pipeline
    from publish.editions import EDITIONS

    unknown = [name for name in args.editions if name not in EDITIONS]
    if unknown:
        print(f"publish: error: edition '{unknown[0]}' is not one of {', '.join(EDITIONS)}", file=sys.stderr)
        return 2
    source, out = Path(args.source), Path(args.out)
    built = pipeline.build(source, out, args.editions, progress=print, braille_page=args.braille_page,
                           voice=Path(args.voice) if args.voice else None)
    for item in built:
        print(f"{item.path}  {human_size(item.size)}")
    return check(source, out, args.braille_page) if args.check else 0


def check(source: Path, out: Path, braille_page: tuple[int, int] | None = None) -> int:
    """Lint the editions in `out` against the source, write the pages into out/NAME/, and keep the
    report in out/NAME/lint.txt only when it finds no errors, so `make` checks again until they are fixed."""
    from publish import lint, pages, pipeline

    site = pages.collect(source, out, braille_page)
    kept = pages.folder(site, out) / "lint.txt"
    for path in pages.write_pages(site, out):
        print(path)
    if not str(site.ctx.meta.get("contact") or "").strip():
        print(f"publish: warning: {source}: no `contact:` in the front matter, so the accessibility statement "
              "cannot say where to ask for another format; add an email address or web page", file=sys.stderr)
    sys.stdout.write(report.concise(site.result))
    status = 2 if site.result.unreadable else 1 if site.result.count(lint.Severity.ERROR) else 0
    if status:
        kept.unlink(missing_ok=True)
    else:
        pipeline.write_atomically(kept, report.concise(site.result, colour=False).encode("utf-8"))
    return status


def cmd_catalogue(args) -> int:
    from publish import catalogue, pages

    sources = [Path(s) for s in args.sources] or catalogue.discover(Path("source"))
    publications = catalogue.gather(sources, Path(args.out))
    for path in pages.write_catalogue(publications, catalogue.settings(), Path(args.out)):
        print(path)
    return 0


def cmd_new(args) -> int:
    import datetime as dt

    from publish import catalogue

    print(catalogue.new(args.title, Path(args.folder), catalogue.settings(), dt.date.today()))
    return 0


def cmd_lint(args) -> int:
    from publish import lint

    source = Path(args.source) if args.source else None
    if source is not None and not source.is_file():
        print(f"publish: error: {source}: no such source file (give the Markdown the files were built from)",
              file=sys.stderr)
        return 2
    settings = lint.Settings(
        wanted=lint.selector(args.select.split(",") if args.select else (), args.ignore.split(",") if args.ignore else ()),
        built_from=str(source) if source else "the Markdown source" if args.from_source else None,
        max_line=args.max_line_length,
        min_text_size=args.min_text_size,
        braille_page=args.braille_page,
    )
    result = lint_against(args.paths, source, settings) if source else lint.run(args.paths, settings)
    sys.stdout.write(report.FORMATTERS[args.format](result))
    if result.unreadable:
        return 2
    failing = result.count(lint.Severity.ERROR) + (result.count(lint.Severity.WARNING) if args.strict else 0)
    return 1 if failing else 0


def lint_against(paths, source: Path, settings):
    """Each file against what its edition built from `source` should say: only a lint against the
    source needs the pipeline."""
    from publish import pipeline

    return pipeline.lint_editions(paths, source, settings)


def cmd_editions(args) -> int:
    from publish.editions import EDITIONS

    for edition in EDITIONS.values():
        print(f"{edition.name}\tNAME{edition.suffix}\t{edition.label}")
    return 0


def cmd_rules(args) -> int:
    from publish.lint import RULES, policy

    if args.format == "markdown":
        sys.stdout.write(report.rules_markdown(RULES))
        return 0
    for r in sorted(RULES.values(), key=lambda r: (r.fmt, r.code)):
        print(f"{r.code}\t{r.severity.value}\t{r.name}\t{r.summary}\t{policy.basis(r) or ''}")
    return 0


def cmd_explain(args) -> int:
    from publish.lint import RULES, policy

    r = RULES.get(args.code.upper())
    if r is None:
        print(f"publish: error: no rule '{args.code}' (see `publish rules`)", file=sys.stderr)
        return 2
    print(f"# {r.code} {r.name} ({r.severity.value})\n\n{r.summary}. {policy.explanation(r)}\n\n{r.doc}\n")
    print(f"## Fix\n- In the Markdown source: {r.fix}\n- In the file itself: {r.fix_file}")
    if r.refs:
        print("\n## Standards\n" + "\n".join(f"- {ref}" for ref in r.refs))
    return 0


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of characters above 0")
    return int(text)


def braille_page(text: str) -> tuple[int, int]:
    from publish.braille.layout import PageSize

    try:
        size = PageSize.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return size.cells, size.lines


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="publish", description="Accessible editions from one Markdown master.")
    sub = top.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build editions from the Markdown source")
    build.add_argument("editions", nargs="*", metavar="EDITION",
                       help="an edition's name, as `publish editions` lists them (default: all)")
    build.add_argument("--source", default="source/letter.md", help="the Markdown master (default: %(default)s)")
    build.add_argument("--out", default="build", help="output folder (default: %(default)s)")
    build.add_argument("--check", action="store_true",
                       help="then lint every edition against the source and write the publication's pages, "
                            "accessibility report and lint.txt into OUT/NAME/; exit 1 on errors")
    build.add_argument("--braille-page", type=braille_page, metavar="CELLSxLINES",
                       help="braille page size, cells by lines (default: 40x25, UK paper)")
    build.add_argument("--voice", metavar="MODEL.onnx",
                       help="read the audio edition with this local Piper voice (pip install 'publish[piper]'; "
                            "default: eSpeak NG)")
    build.set_defaults(run=cmd_build)

    listing = sub.add_parser("catalogue", help="write the catalogue page and Atom feed of checked publications")
    listing.add_argument("sources", nargs="*", metavar="SOURCE", help="their sources (default: every one in source/)")
    listing.add_argument("--out", default="build", help="output folder (default: %(default)s)")
    listing.set_defaults(run=cmd_catalogue)

    new = sub.add_parser("new", help="start a new publication, its front matter filled in from the catalogue settings")
    new.add_argument("title")
    new.add_argument("--folder", default="source", help="where to write it (default: %(default)s)")
    new.set_defaults(run=cmd_new)

    lint = sub.add_parser("lint", help="check files for accessibility problems")
    lint.add_argument("paths", nargs="+", metavar="PATH")
    lint.add_argument("--format", choices=tuple(report.FORMATTERS), default="concise")
    lint.add_argument("--select", help="only these codes or prefixes, comma-separated (e.g. EPUB,PDF2)")
    lint.add_argument("--ignore", help="skip these codes or prefixes, comma-separated")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    lint.add_argument("--max-line-length", type=positive, metavar="N",
                      help="longest plain-text line allowed (TXT401; default: 80, as WCAG 1.4.8 asks)")
    lint.add_argument("--min-text-size", type=float, metavar="PT",
                      help="smallest PDF text size allowed (PDF421; default: 12, clear print; 16 for large print)")
    lint.add_argument("--braille-page", type=braille_page, metavar="CELLSxLINES",
                      help="braille page size the BRF files were made for (BRF401, BRF441; default: 40x25)")
    lint.add_argument("--from-source", action="store_true",
                      help="the files were built from Markdown: aim each fix at the source")
    lint.add_argument("--source", metavar="MARKDOWN",
                      help="the Markdown the files were built from: also check each file says what it says (*410)")
    lint.set_defaults(run=cmd_lint)

    editions = sub.add_parser("editions", help="list every edition: its name, file and what it is")
    editions.set_defaults(run=cmd_editions)
    rules = sub.add_parser("rules", help="list every lint rule")
    rules.add_argument("--format", choices=("tab", "markdown"), default="tab",
                       help="tab-separated lines, or the Markdown tables README.md shows")
    rules.set_defaults(run=cmd_rules)

    explain = sub.add_parser("explain", help="explain one lint rule")
    explain.add_argument("code")
    explain.set_defaults(run=cmd_explain)
    audit_command.register(sub)
    sourcecheck.register(sub)
    watch.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except PublishError as exc:
        message = str(exc)
        print(message if message.startswith("publish:") else f"publish: error: {message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
