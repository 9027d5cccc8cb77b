#!/usr/bin/env python3
"""A scripted LSP client for `rubric lsp`: spawns the server, speaks JSON-RPC over its standard
input and output, and checks every answer. One surface per run:

    lsp_client.py build/rubric zh     # rubrics/nanguo-xinjiayuan (Chinese)
    lsp_client.py build/rubric en     # rubrics/nanguo-xinjiayuan/en (its English copy)
    lsp_client.py build/rubric zh --lang en   # the Chinese rubric, messages asked for in English

The documents are the reference rubric's 2023-09 version, opened under their real file:// URIs
(so that the folder's other version is read from disk), with text changed only in memory."""

import json
import os
import pathlib
import subprocess
import sys
import threading
import queue

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Per surface: the folder, a kind reference to misspell, the rule to hover, what completion after
# `each ` must offer, and a rename.
SURFACES = {
    "zh": {
        "folder": ROOT / "rubrics/nanguo-xinjiayuan",
        "good": "每次 楼道杂物：",
        "bad": "每次 楼道杂务：",
        "word": "楼道杂物",
        "misspelt": "楼道杂务",
        "rule_name": "corridor_clutter",
        "rule_line_start": "规则 楼道杂物（corridor_clutter）",
        "hover_must": ["楼道杂物", "10 分", "轮椅"],
        "each_line": "\n规则 新规则（new_rule） 属于 环境卫生\n  每次 ",
        "each_expect": ["楼道杂物", "矛盾纠纷", "飞线充电"],
        "kind_name": "clutter",
        "kind_decl": "事件 楼道杂物（clutter）",
        "rename_to": "走廊卫生杂物",  # 卫 shares a byte with 」: a byte-set test refused it
        "blank": "　 ",
        "reserved": "每次",
        "existing": "矛盾纠纷",
        "chinese_messages": True,
    },
    "en": {
        "folder": ROOT / "rubrics/nanguo-xinjiayuan/en",
        "good": "each clutter:",
        "bad": "each clutterr:",
        "word": "clutter",
        "misspelt": "clutterr",
        "rule_name": "corridor_clutter",
        "rule_line_start": "rule corridor_clutter",
        "hover_must": ["楼道杂物", "10", "轮椅"],
        "each_line": "\nrule new_rule \"新规则\" in hygiene\n  each ",
        "each_expect": ["clutter", "dispute", "flying_wire"],
        "kind_name": "clutter",
        "kind_decl": "event clutter",
        "rename_to": "corridor_items",
        "blank": "  ",
        "reserved": "each",
        "existing": "dispute",
        "chinese_messages": False,
    },
}

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def utf16_column(line, index):
    """The UTF-16 code units before byte-free string index `index` of `line`."""
    return len(line[:index].encode("utf-16-le")) // 2


def position_of(text, index):
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_column(text[line_start:], index - line_start)}


def index_of(text, position):
    lines = text.split("\n")
    start = sum(len(l) + 1 for l in lines[: position["line"]])
    line = lines[position["line"]]
    units = 0
    i = 0
    while i < len(line) and units < position["character"]:
        units += len(line[i].encode("utf-16-le")) // 2
        i += 1
    return start + i


def apply_edits(text, edits):
    located = sorted(((index_of(text, e["range"]["start"]), index_of(text, e["range"]["end"]), e["newText"]) for e in edits),
                     reverse=True)
    for begin, end, new in located:
        text = text[:begin] + new + text[end:]
    return text


def has_chinese(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


class Client:
    def __init__(self, rubric, options=()):
        self.process = subprocess.Popen([rubric, "lsp", *options], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env={**os.environ, "LANG": "C", "LC_ALL": ""})
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, value = line.split(":", 1)
                headers[name.lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def next_message(self):
        message = self.messages.get(timeout=30)
        if message is None:
            raise RuntimeError("the server closed its output")
        return message

    def response(self, expected_id):
        """The response to `expected_id`, keeping the notifications that came before it."""
        while True:
            message = self.next_message()
            if "id" in message and "method" not in message and message["id"] == expected_id:
                return message
            self.pending.append(message)

    pending = []

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.response(self.next_id)

    def diagnostics(self, uri):
        """The next publishDiagnostics for `uri`."""
        while True:
            message = self.pending.pop(0) if self.pending else self.next_message()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]


def run(rubric, surface, options):
    s = dict(SURFACES[surface])
    if options == ["--lang", "en"]:
        s["chinese_messages"] = False
        s["hover_must"] = [word for word in s["hover_must"] if word != "10 分"] + ["at most 10"]
    path = s["folder"] / "2023-09.rubric"
    uri = path.as_uri()
    good_text = path.read_text(encoding="utf-8")
    assert s["good"] in good_text
    bad_text = good_text.replace(s["good"], s["bad"], 1)
    doc = {"uri": uri}

    client = Client(rubric, options)
    # Before initialize, a request is refused with ServerNotInitialized.
    early = client.request("textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 0}})
    check(early.get("error", {}).get("code") == -32002, f"request before initialize: {early}")

    init = client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = init["result"]["capabilities"]
    check(caps["textDocumentSync"]["change"] == 2, "incremental sync is offered")
    for provider in ["hoverProvider", "definitionProvider", "referencesProvider", "renameProvider",
                     "documentFormattingProvider", "documentSymbolProvider", "completionProvider"]:
        check(provider in caps, f"capability {provider}")
    client.notify("initialized", {})

    # 1. A misspelt kind: R2001 at its line and column (UTF-16), in the rubric's language.
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "rubric", "version": 1, "text": bad_text}})
    diags = client.diagnostics(uri)
    wrong_at = bad_text.index(s["bad"]) + s["bad"].index(s["misspelt"])
    expected = position_of(bad_text, wrong_at)
    r2001 = [d for d in diags if d["code"] == "R2001"]
    check(len(r2001) == 1, f"{surface}: one R2001 for the misspelt kind, got {diags}")
    if r2001:
        d = r2001[0]
        check(d["range"]["start"] == expected, f"{surface}: R2001 starts at {expected}, got {d['range']['start']}")
        end = position_of(bad_text, wrong_at + len(s["misspelt"]))
        check(d["range"]["end"] == end, f"{surface}: R2001 ends at {end}, got {d['range']['end']}")
        check(d["severity"] == 1, "R2001 is an error")
        check(has_chinese(d["message"].split("`")[0]) == s["chinese_messages"],
              f"{surface}: the message is in the rubric's language: {d['message']!r}")
        check(s["word"] in d["message"], f"{surface}: the hint offers `{s['word']}`: {d['message']!r}")
        hint = "\n提示：" if s["chinese_messages"] else "\nhelp: "
        check(hint in d["message"], f"{surface}: the hint on its own line: {d['message']!r}")

    # 2. An incremental change that fixes it (the range in UTF-16 units): no diagnostics left.
    start = position_of(bad_text, wrong_at)
    end = position_of(bad_text, wrong_at + len(s["misspelt"]))
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"range": {"start": start, "end": end}, "text": s["word"]}]})
    diags = client.diagnostics(uri)
    check(diags == [], f"{surface}: the fix clears the diagnostics, got {diags}")
    text = good_text

    # 3. Hover on the rule's name: its label, amount, cap and exemption in plain words.
    rule_at = text.index(s["rule_line_start"]) + s["rule_line_start"].index(s["rule_name"])
    hover = client.request("textDocument/hover", {"textDocument": doc, "position": position_of(text, rule_at + 2)})
    value = (hover.get("result") or {}).get("contents", {}).get("value", "")
    for must in s["hover_must"]:
        check(must in value, f"{surface}: hover on the rule says {must!r}: {value!r}")

    # 4. Definition and references of the kind, from a reference to it.
    reference_at = text.index(s["good"]) + s["good"].index(s["word"])
    definition = client.request("textDocument/definition", {"textDocument": doc, "position": position_of(text, reference_at + 1)})
    declared_at = text.index(s["kind_decl"]) + s["kind_decl"].index(s["kind_name"])
    check((definition.get("result") or {}).get("range", {}).get("start") == position_of(text, declared_at),
          f"{surface}: definition of the kind at its declaration: {definition}")
    references = client.request("textDocument/references", {"textDocument": doc, "position": position_of(text, reference_at),
                                                            "context": {"includeDeclaration": True}})
    starts = [r["range"]["start"] for r in references.get("result", [])]
    check(position_of(text, reference_at) in starts and position_of(text, declared_at) in starts,
          f"{surface}: references include the rule's and the declaration: {starts}")

    # 5. Document symbols: the kind, with its attributes and their choices inside.
    symbols = client.request("textDocument/documentSymbol", {"textDocument": doc})["result"]
    clutter = [x for x in symbols if x["kind"] == 5 and x["name"] == s["word"]]
    check(len(clutter) == 1, f"{surface}: one outline entry for the kind: {[x['name'] for x in symbols]}")
    if clutter:
        children = clutter[0].get("children", [])
        check(len(children) == 2 and len(children[0].get("children", [])) == 6,
              f"{surface}: the kind's two attributes, the first with six choices: {children}")
    check(any(x["kind"] == 12 for x in symbols), f"{surface}: rules are in the outline")

    # 6. Completion after `each ` / `每次 ` on a half-typed rule: the kinds.
    end_of_text = position_of(text, len(text))
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"range": {"start": end_of_text, "end": end_of_text},
                                                                 "text": s["each_line"]}]})
    client.diagnostics(uri)
    typed = text + s["each_line"]
    completion = client.request("textDocument/completion", {"textDocument": doc, "position": position_of(typed, len(typed)),
                                                            "context": {"triggerKind": 2, "triggerCharacter": " "}})
    labels = [item["label"] for item in completion["result"]["items"]]
    for kind in s["each_expect"]:
        check(kind in labels, f"{surface}: completion after each offers {kind}: {labels}")
    check(not any(label in ("rule", "规则") for label in labels), f"{surface}: no keywords after each: {labels}")
    # A space typed where only keywords fit pops nothing up; asked for (Ctrl+Space), the keywords.
    line_start = position_of(typed, typed.rindex("\n") + 1)
    typed_space = client.request("textDocument/completion", {"textDocument": doc, "position": line_start,
                                                             "context": {"triggerKind": 2, "triggerCharacter": " "}})
    check(typed_space["result"]["items"] == [], f"{surface}: no keywords on a typed space: {typed_space}")
    invoked = client.request("textDocument/completion", {"textDocument": doc, "position": line_start,
                                                         "context": {"triggerKind": 1}})
    keyword = "规则" if surface == "zh" else "rule"
    check(keyword in [item["label"] for item in invoked["result"]["items"]], f"{surface}: keywords when asked")
    # Remove the half-typed rule again.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                             "contentChanges": [{"range": {"start": end_of_text, "end": position_of(typed, len(typed))},
                                                                 "text": ""}]})
    check(client.diagnostics(uri) == [], f"{surface}: clean again")

    # 7. Rename: refused to a reserved word and to an existing name; done otherwise.
    for refused, why in [(s["reserved"], "reserved"), (s["existing"], "already")]:
        answer = client.request("textDocument/rename", {"textDocument": doc, "position": position_of(text, reference_at),
                                                        "newName": refused})
        error = answer.get("error", {})
        check(error.get("code") == -32803 and refused in error.get("message", ""),
              f"{surface}: rename to {refused!r} refused ({why}): {answer}")
    answer = client.request("textDocument/rename", {"textDocument": doc, "position": position_of(text, reference_at),
                                                    "newName": s["blank"]})
    check(answer.get("error", {}).get("code") == -32803, f"{surface}: rename to blanks refused: {answer}")
    answer = client.request("textDocument/rename", {"textDocument": doc, "position": position_of(text, reference_at),
                                                    "newName": s["rename_to"]})
    edits = answer.get("result", {}).get("changes", {}).get(uri, [])
    renamed = apply_edits(text, edits)
    check(s["rename_to"] in renamed and len(edits) >= 2, f"{surface}: rename gives edits: {edits}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                             "contentChanges": [{"text": renamed}]})
    diags = client.diagnostics(uri)
    check(not [d for d in diags if d["severity"] == 1], f"{surface}: the renamed rubric checks clean: {diags}")

    # 8. Formatting: a badly laid out text comes back in canonical layout, in its own surface.
    messy = text.replace("\n  ", "\n        ", 3).replace(s["good"], s["good"].replace(" ", "   ", 1), 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{"text": messy}]})
    client.diagnostics(uri)
    formatting = client.request("textDocument/formatting", {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}})
    check(apply_edits(messy, formatting.get("result", [])) == text, f"{surface}: formatting restores the canonical text")

    # 9. Garbage: JSON-RPC errors, and the server keeps serving.
    client.raw(b"Content-Length: 7\r\n\r\nnot js!")
    client.raw(b"Content-Length: 2\r\n\r\n[]")
    client.raw(b"X" * 5000 + b"\r\n\r\n")
    client.raw(b"Content-Length: %d\r\n\r\n" % (81 << 20) + b" " * (81 << 20))
    client.raw(b"Content-Length: 2000\r\n\r\n" + b"[" * 2000)
    codes = [client.response(None)["error"]["code"] for _ in range(5)]
    check(codes == [-32700, -32600, -32600, -32600, -32600], f"errors for garbage: {codes}")
    # A message with no header, then one with two Content-Lengths: one error, and the server finds
    # the next message (it read every later message wrongly before). The headerless shutdown is
    # never obeyed: the requests below are answered.
    client.raw(b'\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}')
    client.raw(b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")
    check(client.response(None)["error"]["code"] == -32600, "two Content-Lengths refused")
    unknown = client.request("textDocument/unknownThing", {})
    check(unknown.get("error", {}).get("code") == -32601, f"unknown method: {unknown}")
    bad_params = client.request("textDocument/hover", {"textDocument": doc, "position": "here"})
    check(bad_params.get("error", {}).get("code") == -32602, f"invalid params: {bad_params}")
    check("json.exception" not in bad_params["error"]["message"], f"the library's tag is not shown: {bad_params}")
    # A second initialize is refused; a response from the client is not answered (the next
    # message read is the answer to the request after it).
    again = client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    check(again.get("error", {}).get("code") == -32600, f"second initialize: {again}")
    client.send({"jsonrpc": "2.0", "id": 4242, "result": None})
    after = client.request("textDocument/unknownThing", {})
    answered = [m for m in client.pending if m.get("id") == 4242]
    check(after.get("error", {}).get("code") == -32601 and not answered, f"a client response was answered: {answered}")

    # 10. Shutdown and exit: status 0.
    check(client.request("shutdown", None).get("result", "x") is None, "shutdown answers null")
    client.notify("exit", None)
    status = client.process.wait(timeout=30)
    check(status == 0, f"exit status after shutdown: {status}")


def main():
    rubric, surface, options = sys.argv[1], sys.argv[2], sys.argv[3:]
    run(rubric, surface, options)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print(f"lsp {surface} {' '.join(options)}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
