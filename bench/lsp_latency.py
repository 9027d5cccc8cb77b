#!/usr/bin/env python3
"""End-to-end keystroke latency of `rubric lsp`: the time from sending one incremental change
(one character typed, then deleted) to receiving its diagnostics, on a rubric file.

    bench/lsp_latency.py build/rubric FILE.rubric [ROUNDS]

Prints the median and the slowest, in milliseconds. The file is read, never written."""
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "lsp"))
import lsp_client  # noqa: E402


def main():
    rubric, path = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client = lsp_client.Client(rubric)
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "rubric", "version": 1, "text": text}})
    client.diagnostics(uri)
    # Type a space at the end of the middle line, then delete it: two keystrokes per round.
    middle = text.count("\n") // 2
    line = text.split("\n")[middle]
    end = {"line": middle, "character": len(line.encode("utf-16-le")) // 2}
    after = {"line": middle, "character": end["character"] + 1}
    times = []
    version = 1
    for _ in range(rounds):
        for change in ({"range": {"start": end, "end": end}, "text": " "}, {"range": {"start": end, "end": after}, "text": ""}):
            version += 1
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            client.diagnostics(uri)
            times.append((time.perf_counter() - start) * 1000)
    client.request("shutdown", None)
    client.notify("exit", None)
    client.process.wait(timeout=30)
    print(f"{path.name}: {text.count(chr(10))} lines, {len(times)} keystrokes: "
          f"median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms")


if __name__ == "__main__":
    main()
