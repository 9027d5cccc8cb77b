#!/usr/bin/env python3
"""The Chinese catalogue is complete, current and consistent.

  check_catalogue.py messages   every message of lang/, engine/ and cli/ has a Chinese translation
  check_catalogue.py codes      every diagnostic code of lang/diag/codes.def has a translated summary
  check_catalogue.py terms      each term of TERMS is one Chinese word everywhere

Messages are found as gettext finds them: xgettext with the keywords tr, trn, text and text_in
(lang/i18n.hpp), and RUBRIC_ERROR (the syntax errors of lang/grammar_errors.hpp).
A message passes when some i18n/zh/*.po has it translated (not empty, not fuzzy) with the same
arguments ({} in order, or {0}, {1} by position; the same format specs); the catalogue passes when
it holds no obsolete entry (#~) and no entry that the code no longer has, and no message is
translated two different ways in two files. Prints every problem, exits 1 when there is one.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

try:
    import polib
except ImportError:  # Debian's python3-polib (scripts/setup.sh) when python3 is another install
    sys.path.append("/usr/lib/python3/dist-packages")
    import polib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CATALOGUES = sorted(glob.glob(os.path.join(ROOT, "i18n", "zh", "*.po")))
SOURCE_FOLDERS = ["lang", "engine", "cli"]
CODE_LINE = re.compile(r'^X\(\s*\w+\s*,\s*"(R\d+)"\s*,\s*\w+\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)', re.M)
# A term the council meets in many messages is one Chinese word in all of them, never a near
# synonym: a residential council's half year is 半年 (the grammar's word, docs/zh/语言.md); 学期 is
# a school's term. {English word: (the Chinese word, the words it must not be)}
TERMS = {"semester": ("半年", ("学期",))}
FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def arguments(message):
    """The arguments a fmt format string uses: {index: spec}, or None when it mixes the styles."""
    used, automatic, positional = {}, 0, False
    for match in FIELD.finditer(message):
        if match.group(1) is None:
            continue  # {{ or }}: a brace, not an argument
        name, _, spec = match.group(1).partition(":")
        if name == "":
            index = automatic
            automatic += 1
        elif name.isdigit():
            index, positional = int(name), True
        else:
            return None
        if automatic and positional:
            return None
        used.setdefault(index, set()).add(spec)
    return used


def extracted_messages():
    files = []
    for folder in SOURCE_FOLDERS:
        for ext in ("cpp", "hpp"):
            files += glob.glob(os.path.join(ROOT, folder, "**", f"*.{ext}"), recursive=True)
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "rubric.pot")
        subprocess.run(["xgettext", "--language=C++", "--from-code=UTF-8", "--keyword=tr", "--keyword=trn:1,2",
                        "--keyword=text", "--keyword=text_in:1c,2",
                        # the syntax errors, a table of literals in lang/grammar_errors.hpp
                        "--keyword=RUBRIC_ERROR:2", "--sort-output", "-o", pot]
                       + sorted(os.path.relpath(f, ROOT) for f in files), cwd=ROOT, check=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))  # xgettext drops non-ASCII text in the C locale
        return [e for e in polib.pofile(pot) if e.msgid] if os.path.exists(pot) else []


def load_catalogues():
    entries, problems = {}, []
    for path in CATALOGUES:
        name = os.path.relpath(path, ROOT)
        po = polib.pofile(path)
        for entry in po.obsolete_entries():
            problems.append(f"{name}: obsolete entry (#~) {entry.msgid!r}: delete it")
        for entry in po:
            if not entry.msgid or entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in entries and translations(entries[key][1]) != translations(entry):
                problems.append(f"{name}: {entry.msgid!r} is translated differently in {entries[key][0]}")
            entries.setdefault(key, (name, entry))
    return entries, problems


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def check_entry(key, wanted_plural, entries):
    context, msgid = key
    label = f"[{context}] {msgid!r}" if context else repr(msgid)
    if key not in entries:
        return [f"no Chinese translation of {label}: add it to i18n/zh/<area>.po (docs/i18n.md)"]
    name, entry = entries[key]
    problems = []
    if "fuzzy" in entry.flags:
        problems.append(f"{name}: the translation of {label} is marked fuzzy: review it and remove the flag")
    if wanted_plural and entry.msgid_plural != wanted_plural:
        problems.append(f"{name}: {label} needs msgid_plural {wanted_plural!r}")
    texts = translations(entry)
    if not texts or any(not t for t in texts):
        problems.append(f"{name}: the translation of {label} is empty")
        return problems
    wanted = arguments(msgid)
    for t in texts:
        got = arguments(t)
        if got is None or wanted is None or got != wanted:
            problems.append(f"{name}: the translation of {label} uses other arguments than the English: {t!r}")
    return problems


def check_terms(entries):
    problems = []
    for (context, msgid), (name, entry) in sorted(entries.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        english = msgid + " " + (entry.msgid_plural or "")
        for term, (word, others) in TERMS.items():
            if not re.search(rf"\b{term}s?\b", english):
                continue
            for text in translations(entry):
                if word not in text or any(other in text for other in others):
                    problems.append(f"{name}: {msgid!r} is translated {text!r}: {term} is {word} everywhere")
    return problems


def main(what):
    entries, problems = load_catalogues()
    if what == "terms":
        problems += check_terms(entries)
        for p in problems:
            print(p)
        print(f"terms: {len(TERMS)} checked, {len(problems)} problem(s)")
        return 1 if problems else 0
    wanted = {}
    if what == "messages":
        for e in extracted_messages():
            wanted[(e.msgctxt, e.msgid)] = e.msgid_plural
    codes_def = open(os.path.join(ROOT, "lang", "diag", "codes.def"), encoding="utf-8").read()
    codes = {(code, summary.replace('\\"', '"')): None for code, summary in CODE_LINE.findall(codes_def)}
    if what == "codes":
        wanted = codes
        if not codes:
            problems.append("no codes found in lang/diag/codes.def")
    for key, plural in sorted(wanted.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        problems += check_entry(key, plural, entries)
    if what == "messages":
        # An entry the code no longer has is dead weight, and hides a message that changed.
        known = set(wanted) | set(codes)
        for key, (name, entry) in sorted(entries.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            if key not in known:
                problems.append(f"{name}: {entry.msgid!r} is no longer a message of the code: delete it")
    for p in problems:
        print(p)
    print(f"{what}: {len(wanted)} checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("messages", "codes", "terms"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
