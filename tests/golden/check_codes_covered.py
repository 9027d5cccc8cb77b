#!/usr/bin/env python3
"""Every diagnostic code in lang/diag/codes.def and every finding code in engine/findings.cpp
appears in some expected golden output."""
import glob
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
codes = set(re.findall(r'"(R\d{4})"', open(os.path.join(ROOT, "lang/diag/codes.def")).read()))
codes |= set(re.findall(r'"(E\d{4})"', open(os.path.join(ROOT, "engine/findings.cpp")).read()))
seen = set()
for path in glob.glob(os.path.join(ROOT, "tests/golden/**/*.expected"), recursive=True):
    seen |= set(re.findall(r"\b([RE]\d{4})\b", open(path, encoding="utf-8").read()))
missing = sorted(codes - seen)
if missing:
    print("codes with no golden test:", ", ".join(missing))
    sys.exit(1)
print(f"all {len(codes)} codes appear in golden tests")
