#!/usr/bin/env python3
"""The Vim files load in Vim and highlight both surfaces.

Opens a Chinese and an English rubric in `vim -Es` with editors/vim first on 'runtimepath' (so
ftdetect, ftplugin and syntax are found as an installed plugin's would be), and asks Vim, with
synID() at chosen places, which syntax group colours them: a keyword of each kind, a number, a
date, a label, a comment, a declared name. Also: the file type is `rubric`, the comment leader
`#`, an English word in a Chinese file (`（person）`) is a name, not a keyword, and a new file
gets the colours of the surface its first statement is written in once it is saved.

Usage: vim_test.py EDITORS_VIM ZH.rubric EN.rubric   (exit 77, skipped, when vim is absent)
"""
import os
import shutil
import subprocess
import sys
import tempfile

ZH_EXPECT = [  # (text to find, offset into it, expected syntax group)
    ("细则「", 0, "rubricZhStatement"),
    ("每月最多扣", 2, "rubricZhKeyword"),
    ("物品 为", 3, "rubricZhOperator"),
    ("默认 否", 3, "rubricZhBoolean"),
    ("「南国新家园", 1, "rubricString"),
    ("基础分 100", 4, "rubricNumber"),
    ("自 2023年9月1日", 2, "rubricDate"),
    ("# 南国", 0, "rubricComment"),
    ("（unit）", 3, "rubricName"),
    ("（person）", 3, "rubricName"),
    ("人员（person）", 0, "rubricName"),
    ("扣 2 分", 2, "rubricNumber"),
    ("扣 2 分", 4, "rubricZhKeyword"),
    ("最多扣 15", 4, "rubricNumber"),
    # A keyword inside a name is part of the name: 飞线充电一票否决 is a veto's label.
    ("飞线充电一票否决", 4, "rubricName"),
    # 为 is a keyword, but 不文明行为 is one name.
    ("每次 不文明行为", 7, ""),
]
EN_EXPECT = [
    ("rubric \"", 0, "rubricStatement"),
    ("each dispute", 0, "rubricKeyword"),
    ("if resolved", 0, "rubricKeyword"),
    ("capped at -15", 10, "rubricNumber"),
    ("effective 2023-09-01", 10, "rubricDate"),
    ("\"单元\"", 1, "rubricString"),
    ("# 三长", 0, "rubricComment"),
    ("role building_head", 5, "rubricName"),
    ("item is one", 5, "rubricOperator"),
]


def positions(path, expectations):
    """Vim's (line, byte column) of each expectation, both 1-based."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found = []
    for text, offset, group in expectations:
        for number, line in enumerate(lines, 1):
            at = line.find(text)
            if at >= 0:
                column = len(line[: at + offset].encode("utf-8")) + 1
                found.append((number, column, text, group))
                break
        else:
            sys.exit(f"vim test: `{text}` is not in {path}; choose another place")
    return found


def ask_vim(runtime, path, places):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.txt")
        script = os.path.join(tmp, "probe.vim")
        probes = "\n".join(
            f"call add(s:out, synIDattr(synID({line}, {column}, 1), 'name'))" for line, column, _, _ in places)
        escaped_path = path.replace(" ", "\\ ")
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"""set nocompatible encoding=utf-8
let &runtimepath = {vim_string(runtime)} . ',' . &runtimepath
filetype plugin on
syntax on
edit {escaped_path}
let s:out = [&filetype, &commentstring]
{probes}
call writefile(s:out, {vim_string(out)})
qall!
""")
        result = subprocess.run(["vim", "-Es", "-N", "-u", "NONE", "-i", "NONE", "-S", script],
                                capture_output=True, text=True, timeout=60)
        if not os.path.exists(out):
            sys.exit(f"vim test: vim wrote nothing (exit {result.returncode}): {result.stdout}{result.stderr}")
        with open(out, encoding="utf-8") as f:
            return f.read().split("\n")


def new_chinese_file(runtime):
    """The group of `细则` in a new file before and after it is first written."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.txt")
        script = os.path.join(tmp, "probe.vim")
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"""set nocompatible encoding=utf-8
let &runtimepath = {vim_string(runtime)} . ',' . &runtimepath
filetype plugin on
syntax on
edit {os.path.join(tmp, 'new.rubric')}
call setline(1, ['细则「x」 版本「1」 自 2024年1月1日 起施行'])
write
call writefile([synIDattr(synID(1, 1, 1), 'name')], {vim_string(out)})
qall!
""")
        subprocess.run(["vim", "-Es", "-N", "-u", "NONE", "-i", "NONE", "-S", script], capture_output=True, timeout=60)
        with open(out, encoding="utf-8") as f:
            return f.read().strip()


def vim_string(text):
    return "'" + text.replace("'", "''") + "'"


def main():
    if shutil.which("vim") is None:
        print("skipped: vim is not installed (scripts/setup.sh installs it)")
        sys.exit(77)
    runtime, zh, en = (os.path.abspath(a) for a in sys.argv[1:4])
    failures = []
    for path, expectations in ((zh, ZH_EXPECT), (en, EN_EXPECT)):
        places = positions(path, expectations)
        answer = ask_vim(runtime, path, places)
        if answer[:2] != ["rubric", "# %s"]:
            failures.append(f"{path}: filetype and commentstring are {answer[:2]}, not ['rubric', '# %s']")
        for (line, column, text, group), got in zip(places, answer[2:]):
            if got != group:
                failures.append(f"{path}:{line}:{column} (`{text}`): {got or 'no group'}, expected {group or 'no group'}")
    written = new_chinese_file(runtime)
    if written != "rubricZhStatement":
        failures.append(f"a new file's `细则`, once written, is {written or 'in no group'}, not rubricZhStatement")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"vim: {len(ZH_EXPECT) + len(EN_EXPECT)} places highlighted as expected in both surfaces, and a new Chinese file once written")


if __name__ == "__main__":
    main()
