#!/usr/bin/env python3
"""`rubric publish --pdf`: the bulletin printed by headless Chromium, as the council pins it on
the notice board. Poppler's tools read the PDF back: `pdfinfo` its pages and paper, `pdftotext`
each page's text, `pdftoppm` each page as an image (written under OUT_DIR/pages to be looked at).

  pdf_pages.py RUBRIC_BINARY CASE OUT_DIR

  example      the example community's bulletin (12 units): its ranking whole on the first A4 page
  60-units     a generated community of 60 units: still the first page
  150-units    a generated community of 150 units: more pages, each with the table's header
  year         a year under the version of 2023-09 alone, September to December (generated): each
               month's bulletin and the year page, each as its own PDF (2023-09.pdf ... 2023.pdf),
               every unit on the year's
  no-browser   no chromium on PATH: exit 2, an error naming the Debian package, no site written
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
PERIOD = "2023-10"
A4_POINTS = (595, 842)  # 210 × 297 mm, rounded as pdfinfo prints it
# A row of the printed ranking as `pdftotext -layout` gives it: rank (or - when unranked), unit, score.
RANKING_ROW = re.compile(r"^\s*(?:\d+|-)\s+(\d+-\d+)\s+-?\d+(?:\.\d+)?\s", re.M)
HEADER = re.compile(r"名次\s+单元\s+得分")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, timeout=600, **kwargs)


def need_poppler():
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"`{tool}` is not installed: install the Debian package poppler-utils (scripts/setup.sh does)")


def community(case, scratch):
    """The data folder of the case: the example, or one generated with the example's generator."""
    if case == "example" or case == "no-browser":
        return os.path.join(ROOT, "examples", "nanguo-zh")
    units, start, months = (12, "2023-09", 4) if case == "year" else (int(case.split("-")[0]), PERIOD, 1)
    folder = os.path.join(scratch, case)
    proc = run([sys.executable, os.path.join(ROOT, "bench", "gen_events.py"), folder, "--units", str(units),
                "--events", str(units * 12 * months), "--start", start, "--months", str(months), "--labels"])
    if proc.returncode != 0:
        sys.exit(f"gen_events.py failed:\n{proc.stderr.decode()}")
    return folder


def publish(binary, data, site, env=None, period=("--period", PERIOD), rubric=RUBRIC):
    args = [binary, "publish", "--rubric", rubric, "--units", os.path.join(data, "units.csv"),
            "--people", os.path.join(data, "people.csv"), "--events", os.path.join(data, "events.csv"),
            *period, "--out", site, "--published", "2023-11-01", "--pdf"]
    return run(args, cwd=ROOT, env=env)


def units_of(data):
    with open(os.path.join(data, "units.csv"), encoding="utf-8-sig") as f:
        return [line.split(",")[0].strip() for line in f.read().splitlines()[1:] if line.strip()]


def pdf_pages(pdf):
    info = run(["pdfinfo", pdf]).stdout.decode()
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return pages, (round(float(size.group(1))), round(float(size.group(2))))


def page_text(pdf, number):
    return run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-"]).stdout.decode()


def main():
    binary, case, out = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    need_poppler()
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        data = community(case, scratch)
        site = os.path.join(out, "site")
        if case == "no-browser":
            # An empty folder as the whole PATH: no chromium there (the folder of python3 may be
            # /usr/bin, where Debian puts chromium too).
            empty = os.path.join(scratch, "empty-bin")
            os.makedirs(empty, exist_ok=True)
            env = dict(os.environ, PATH=empty)
            if shutil.which("chromium", path=env["PATH"]):
                sys.exit(f"chromium is in {env['PATH']}: cannot test its absence")
            proc = publish(binary, data, site, env)
            err = proc.stderr.decode("utf-8", "replace")
            if proc.returncode != 2:
                problems.append(f"exit status {proc.returncode}, expected 2")
            if "`chromium`" not in err:
                problems.append(f"the error does not name the package `chromium`: {err!r}")
            if os.path.exists(site):
                problems.append("a site was written although the PDF asked for cannot be printed")
        elif case == "year":
            # The version of 2023-09 alone, so that the year is four months: four bulletins to print.
            rubric = os.path.join(scratch, "rubric")
            os.makedirs(rubric)
            shutil.copy(os.path.join(RUBRIC, "2023-09.rubric"), rubric)
            proc = publish(binary, data, site, period=("--year", "2023"), rubric=rubric)
            if proc.returncode != 0:
                sys.exit(f"rubric publish --year --pdf exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}")
            pdfs = sorted(f for f in os.listdir(site) if f.endswith(".pdf"))
            expected = ["2023-09.pdf", "2023-10.pdf", "2023-11.pdf", "2023-12.pdf", "2023.pdf"]
            if pdfs != expected:
                problems.append(f"the PDFs of the year are {pdfs}, expected {expected}")
            else:
                year_text = "".join(page_text(os.path.join(site, "2023.pdf"), n)
                                    for n in range(1, pdf_pages(os.path.join(site, "2023.pdf"))[0] + 1))
                for unit in units_of(data):
                    if unit not in year_text:
                        problems.append(f"unit {unit} is not on the year page's PDF")
                if not re.search(r"2023-11|2023年11月", page_text(os.path.join(site, "2023-11.pdf"), 1)):
                    problems.append("2023-11.pdf is not the bulletin of 2023-11")
            print(f"year: {pdfs}")
        else:
            proc = publish(binary, data, site)
            if proc.returncode != 0:
                sys.exit(f"rubric publish --pdf exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}")
            pdf = os.path.join(site, f"{PERIOD}.pdf")
            if not os.path.exists(pdf):
                sys.exit(f"no {os.path.relpath(pdf, out)} in the site: {sorted(os.listdir(site))}")
            pages, size = pdf_pages(pdf)
            if size != A4_POINTS:
                problems.append(f"the paper is {size[0]} × {size[1]} pt, not A4 {A4_POINTS[0]} × {A4_POINTS[1]}")
            units = units_of(data)
            texts = [page_text(pdf, n) for n in range(1, pages + 1)]
            # Where the ranking is: the pages with its rows (rank, unit, score at a line's start;
            # the chart's lines start with the unit), and which units each shows.
            ranked = {n: {m.group(1) for m in RANKING_ROW.finditer(text)} for n, text in enumerate(texts, 1)}
            ranking_pages = [n for n, found in ranked.items() if found]
            missing = set(units) - set().union(*ranked.values())
            if missing:
                problems.append(f"units with no row in the printed ranking: {sorted(missing)}")
            if len(units) <= 60 and ranking_pages != [1]:
                problems.append(f"{len(units)} units: the ranking is on pages {ranking_pages}; up to 60 units it "
                                f"fits the first A4 page")
            # The chart is one sheet at most: beside a short ranking (the example's 12 units: the whole
            # bulletin on one sheet for the notice board), on the sheet after a long one.
            if len(units) <= 12 and pages != 1:
                problems.append(f"{len(units)} units: the bulletin takes {pages} pages; it fits one A4 sheet")
            if len(units) <= 60 and pages > 2:
                problems.append(f"{len(units)} units: the bulletin takes {pages} pages; the ranking and the chart fit two")
            if len(units) > 60 and len(ranking_pages) < 2:
                problems.append(f"{len(units)} units: the ranking is on pages {ranking_pages}; expected it to go on "
                                f"to more pages")
            for n in ranking_pages:
                # The ranking's header on every page it continues on (名次 rank, 得分 score).
                if not HEADER.search(texts[n - 1]):
                    problems.append(f"page {n} continues the ranking without its header (名次 … 得分)")
            print(f"{case}: {len(units)} units, the ranking on pages {ranking_pages} of {pages}")
            images = os.path.join(out, "pages")
            os.makedirs(images)
            run(["pdftoppm", "-r", "60", "-png", pdf, os.path.join(images, "page")])
            print(f"{case}: {pages} page(s) of {size[0]} × {size[1]} pt; images in {images}")
    for problem in problems:
        print("FAIL", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
