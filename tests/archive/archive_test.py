#!/usr/bin/env python3
"""The archive of publications (docs/archive.md), on a real SQLite file.

  archive_test.py RUBRIC_BINARY CASE

Each case publishes examples/nanguo-zh (copied, so it can be changed) with `rubric publish
--archive` and checks the archive with `rubric verify` and with Python's sqlite3 module. Prints
what failed and exits 1, or exits 0.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
DATA = os.path.join(ROOT, "examples", "nanguo-zh")
PERIOD = "2023-10"
TABLES = ("publication", "rubric_version", "input_file", "result_figure")


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


class Community:
    """A copy of the example data in a temporary folder, and the commands on it."""

    def __init__(self, binary, tmp):
        self.binary, self.tmp = binary, tmp
        for name in ("units.csv", "people.csv", "events.csv"):
            shutil.copy(os.path.join(DATA, name), os.path.join(tmp, name))
        self.archive = os.path.join(tmp, "archive.db")

    def path(self, name):
        return os.path.join(self.tmp, name)

    def data_args(self, events="events.csv", period=PERIOD):
        return ["--rubric", RUBRIC, "--units", self.path("units.csv"), "--people", self.path("people.csv"),
                "--events", self.path(events), "--period", period, "--lang", "en"]

    def run(self, args):
        proc = subprocess.run([self.binary] + args, capture_output=True, cwd=self.tmp)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def publish_args(self, out="site", events="events.csv"):
        return ["publish", "--archive", self.archive, "--out", self.path(out), "--published", "2023-11-05",
                "--force"] + self.data_args(events)

    def publish(self, out="site", events="events.csv"):
        code, out_text, err = self.run(self.publish_args(out, events))
        check(code == 0, f"publish exited {code}:\n{err}")
        return err

    def verify(self, events="events.csv", extra=()):
        return self.run(["verify", "--archive", self.archive] + self.data_args(events) + list(extra))

    def scores(self, events="events.csv"):
        code, out, err = self.run(["score", "--format", "json"] + self.data_args(events))
        check(code == 0, f"score exited {code}:\n{err}")
        return {u["unit"]: u["score"] for u in json.loads(out)["months"][0]["units"]}

    def tamper_events(self, name="events.csv"):
        """Moves one October row of the events file to another unit; returns the two units."""
        with open(self.path("events.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        units = [l.strip() for l in open(self.path("units.csv"), encoding="utf-8").read().splitlines()[1:]]
        for i, line in enumerate(lines[1:], start=1):
            cells = line.split(",")
            if cells[0].startswith(PERIOD) and cells[2] == "好人好事":
                other = next(u for u in units if u.split(",")[0] != cells[1]).split(",")[0]
                moved_from, cells[1] = cells[1], other
                lines[i] = ",".join(cells)
                with open(self.path(name), "w", encoding="utf-8") as f:
                    f.write("\n".join(lines) + "\n")
                return moved_from, other
        raise Failed("no October 好人好事 row in the example to tamper with")

    def db(self):
        return sqlite3.connect(self.archive)


def publish_then_verify(c):
    err = c.publish()
    check("archived as revision 1" in err, f"publish does not say it archived revision 1:\n{err}")
    code, out, err = c.verify()
    check(code == 0, f"verify of the files just published exited {code}:\n{out}{err}")
    check(f"{PERIOD} revision 1" in out and "verified" in out, f"verify does not say what it verified:\n{out}")
    with c.db() as db:
        check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check fails")
        check(db.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "the archive is not in WAL mode")
        roles = [r[0] for r in db.execute("SELECT role FROM input_file ORDER BY position")]
        check(roles == ["units", "people", "events"], f"inputs recorded: {roles}")
        rows = db.execute("SELECT rows FROM input_file WHERE role = 'events'").fetchone()[0]
        expected = len(open(c.path("events.csv"), encoding="utf-8").read().splitlines()) - 1
        check(rows == expected, f"events rows recorded {rows}, the file has {expected}")
        scores = dict(db.execute("SELECT subject, value FROM result_figure WHERE what = 'score'"))
    want = {u: str(s) for u, s in c.scores().items()}
    check(scores == want, f"archived scores {scores} are not the scores {want}")


def tampered_events(c):
    c.publish()
    before = c.scores()
    moved_from, moved_to = c.tamper_events()
    after = c.scores()
    changed = {u for u in before if before[u] != after[u]}
    check(changed, "tampering changed no score: the test data is wrong")
    code, out, err = c.verify()
    check(code == 1, f"verify of a tampered events file exited {code}:\n{out}{err}")
    check(f"events file `{c.path('events.csv')}` differs" in out, f"verify does not name the events file:\n{out}")
    for unit in changed:
        line = f"{PERIOD}, {unit}, score: archived {before[unit]}, now {after[unit]}"
        check(line in out, f"verify does not say `{line}`:\n{out}")


def tampered_archive(c):
    c.publish()
    with c.db() as db:
        db.execute("DROP TRIGGER result_figure_no_update")
        db.execute("UPDATE result_figure SET value = '999' WHERE what = 'score' AND subject = '3-3'")
    now = c.scores()["3-3"]
    code, out, err = c.verify()
    check(code == 1, f"verify of a tampered archive exited {code}:\n{out}{err}")
    check(f"{PERIOD}, 3-3, score: archived 999, now {now}" in out, f"verify does not name the changed figure:\n{out}")
    check("was altered after it was recorded" in out, f"verify does not say the revision was altered:\n{out}")


def append_only(c):
    c.publish()
    with c.db() as db:
        for table in TABLES:
            for sql in (f"UPDATE {table} SET rowid = rowid", f"DELETE FROM {table}"):
                try:
                    db.execute(sql)
                except sqlite3.DatabaseError as e:
                    check("append-only" in str(e), f"`{sql}` refused for another reason: {e}")
                else:
                    raise Failed(f"`{sql}` was allowed")
        counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
    check(all(counts), f"rows lost: {dict(zip(TABLES, counts))}")


def republish(c):
    c.publish()
    err = c.publish()
    check("already archived as revision 1" in err, f"the same data again does not say it is archived:\n{err}")
    with c.db() as db:
        check(db.execute("SELECT count(*) FROM publication").fetchone()[0] == 1, "the same data again added a revision")
    before = c.scores()
    c.tamper_events()
    after = c.scores()
    err = c.publish()
    check("archived as revision 2" in err, f"changed data is not revision 2:\n{err}")
    with c.db() as db:
        revisions = [r[0] for r in db.execute("SELECT revision FROM publication ORDER BY revision")]
    check(revisions == [1, 2], f"revisions {revisions}")
    html = open(c.path("site/index.html"), encoding="utf-8").read()
    check('id="corrections"' in html, "the bulletin has no correction notice")
    section = html[html.index('id="corrections"'):]
    section = section[:section.index("</section>")]
    for unit in (u for u in before if before[u] != after[u]):
        row = (f'<td data-label="unit">{unit}</td><td data-label="what changed">score</td>'
               f'<td data-label="before">{before[unit]}</td><td data-label="after">{after[unit]}</td>')
        check(row in section.replace("\n", ""), f"the correction notice lacks {unit}'s score {before[unit]} -> {after[unit]}:\n{section}")
    # Each revision verifies against its own files only.
    shutil.copy(os.path.join(DATA, "events.csv"), c.path("original.csv"))
    check(c.verify("original.csv", ["--revision", "1"])[0] == 0, "revision 1 does not verify with its files")
    check(c.verify("original.csv")[0] == 1, "the latest revision verifies with the files of revision 1")
    check(c.verify()[0] == 0, "the latest revision does not verify with its files")


def concurrent(c):
    rounds = 20
    variants = []
    with open(c.path("events.csv"), encoding="utf-8") as f:
        base = f.read()
    for r in range(rounds):
        for side in (0, 1):
            name = f"events-{r}-{side}.csv"
            # One more commendation on a distinct day: every file differs, so every publish is a revision.
            day = 1 + (r * 2 + side) % 28
            with open(c.path(name), "w", encoding="utf-8") as f:
                f.write(base + f"{PERIOD}-{day:02d},{'3-1' if side else '4-1'},好人好事,,,,,,,,\n")
            variants.append(name)
    published = {}
    for r in range(rounds):
        procs = []
        for side in (0, 1):
            name = variants[r * 2 + side]
            args = [c.binary] + c.publish_args(f"site-{side}", name)
            procs.append((name, subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=c.tmp)))
        for name, proc in procs:
            out, err = proc.communicate()
            check(proc.returncode == 0, f"round {r}: publish of {name} exited {proc.returncode}:\n{err.decode()}")
            text = err.decode()
            revision = int(text.split("archived as revision ")[1].split()[0])
            check(revision not in published, f"round {r}: revision {revision} given twice")
            published[revision] = name
    check(sorted(published) == list(range(1, 2 * rounds + 1)), f"revisions {sorted(published)}")
    with c.db() as db:
        check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check fails")
        figures = set(db.execute("SELECT count(*) FROM result_figure GROUP BY publication").fetchall())
        check(len(figures) == 1, f"revisions hold different numbers of figures: {figures}")
    for revision, name in published.items():
        code, out, err = c.verify(name, ["--revision", str(revision)])
        check(code == 0, f"revision {revision} does not verify with {name}:\n{out}{err}")


def not_an_archive(c):
    with open(c.archive, "w") as f:
        f.write("unit,score\n")
    code, out, err = c.run(c.publish_args())
    check(code == 2 and "is not a rubric archive" in err, f"publish to a text file: exit {code}\n{err}")
    check(not os.path.exists(c.path("site")), "publish to a text file wrote the site")
    os.remove(c.archive)
    with sqlite3.connect(c.archive) as db:
        db.execute("CREATE TABLE t (x)")
    code, out, err = c.verify()
    check(code == 2 and "not a rubric archive" in err, f"verify of another SQLite file: exit {code}\n{err}")
    os.remove(c.archive)
    c.publish()
    with c.db() as db:
        db.execute("PRAGMA user_version = 99")
    code, out, err = c.verify()
    check(code == 2 and "schema version 99, newer" in err, f"verify of a newer archive: exit {code}\n{err}")
    code, out, err = c.run(["verify", "--archive", c.path("missing.db")] + c.data_args())
    check(code == 2 and "no such archive file" in err, f"verify of a missing archive: exit {code}\n{err}")
    check(not os.path.exists(c.path("missing.db")), "verify created the archive it was asked to read")


CASES = {f.__name__: f for f in (publish_then_verify, tampered_events, tampered_archive, append_only, republish,
                                 concurrent, not_an_archive)}


def main():
    binary, case = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            CASES[case](Community(binary, tmp))
        except Failed as e:
            print(f"FAIL {case}: {e}")
            return 1
    print(f"ok {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
