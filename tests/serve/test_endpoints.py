#!/usr/bin/env python3
"""`rubric serve`, every endpoint over real HTTP, as a browser and as an attacker would call it.

    test_endpoints.py RUBRIC WORK_DIR

Checks the answers of each endpoint on the reference rubric and the Chinese example data, and the
refusals: paths that try to leave the listing (../, %2e%2e, absolute paths), oversized bodies,
a missing or wrong token, another Origin or Host, malformed requests; the server must answer each
with JSON (or close the connection) and stay up. Exits 1 with the failures listed.
"""
import http.client
import json
import os
import re
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from workbench_server import RUBRIC, Workbench  # noqa: E402

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


class Client:
    def __init__(self, bench):
        self.bench = bench
        self.host = f"127.0.0.1:{bench.port}"
        page = self.request("GET", "/")[2]
        self.token = re.search(r'name="rubric-token" content="([0-9a-f]+)"', page).group(1)

    def request(self, method, path, body=None, headers=None, host=None, token=True, origin=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.bench.port, timeout=30)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or self.host)
        all_headers = dict(headers or {})
        if method == "POST":
            if token is True:
                all_headers.setdefault("X-Rubric-Token", self.token)
            elif token:
                all_headers["X-Rubric-Token"] = token
            if origin is True:
                all_headers.setdefault("Origin", f"http://{self.host}")
            elif origin:
                all_headers["Origin"] = origin
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        if data is not None:
            all_headers.setdefault("Content-Type", "application/json")
            all_headers["Content-Length"] = str(len(data))
        for name, value in all_headers.items():
            connection.putheader(name, value)
        connection.endheaders(data)
        answer = connection.getresponse()
        text = answer.read().decode()
        connection.close()
        return answer.status, answer.getheader("Content-Type", ""), text

    def json(self, method, path, body=None, **kw):
        status, kind, text = self.request(method, path, body, **kw)
        expect(kind.startswith("application/json"), f"{method} {path}: answered {kind}, not JSON")
        try:
            return status, json.loads(text)
        except json.JSONDecodeError:
            failures.append(f"{method} {path}: not JSON: {text[:200]}")
            return status, {}


def raw(bench, data, read=True):
    """Sends bytes as they are and returns what comes back (b"" when the server only closes)."""
    with socket.create_connection(("127.0.0.1", bench.port), timeout=30) as s:
        try:
            s.sendall(data)
            if not read:
                return b""
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server answered and closed before reading all of it
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except ConnectionResetError:
            pass
        return b"".join(chunks)


def version_text(name):
    with open(os.path.join(RUBRIC, name), encoding="utf-8") as f:
        return f.read()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    with Workbench(binary, work) as bench:
        c = Client(bench)
        amendment = version_text("2023-09.rubric")

        # The page: Chinese for the Chinese rubric, with its token; the script and style.
        status, kind, page = c.request("GET", "/")
        expect(status == 200 and kind.startswith("text/html"), "GET / is the page")
        expect('lang="zh-CN"' in page and "工作台" in page, "the page is in Chinese for the Chinese rubric")
        for asset, kind_word in (("/workbench.js", "javascript"), ("/workbench.css", "css")):
            status, kind, _ = c.request("GET", asset)
            expect(status == 200 and kind_word in kind, f"GET {asset}")
        status, strings = c.json("GET", "/api/ui")
        expect(status == 200 and strings.get("save") == "另存为新版本", f"the page's words in Chinese: {strings.get('save')}")

        # The listing and each version by its index.
        status, listing = c.json("GET", "/api/versions")
        ids = [(v["id"], v["effective"]) for v in listing.get("versions", [])]
        expect(ids == [("2023-04", "2023-04-01"), ("2023-09", "2023-09-01")], f"versions listed by date: {ids}")
        status, one = c.json("GET", "/api/versions/1")
        expect(status == 200 and one.get("text") == amendment, "GET /api/versions/1 is 2023-09.rubric as on disk")
        status, _ = c.json("GET", "/api/versions/2")
        expect(status == 404, f"a version beyond the listing: {status}")

        # No path from a request reaches the file system.
        for path in ("/api/versions/../../../../etc/passwd", "/api/versions/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                     "/api/versions/..%2F2023-09.rubric", "/api/versions//etc/passwd", "/etc/passwd",
                     "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/versions/2023-09.rubric",
                     "/api/versions/-1", "/api/versions/1/../0", "http://127.0.0.1/etc/passwd",
                     "/workbench.js/../../../etc/passwd", "/api/versions/99999999999999999999"):
            status, kind, text = c.request("GET", path)
            expect(status in (400, 404) and "root:" not in text and "细则" not in text,
                   f"traversal {path}: {status} {text[:80]}")
        status, answer = c.json("POST", "/api/diff", {"text": amendment, "base": "../2023-04.rubric"})
        expect(status == 400, f"a base given as a path is refused: {status}")
        status, answer = c.json("POST", "/api/save", {"text": amendment, "id": "../../escaped", "effective": "2023-09-01"})
        expect(status == 400 and not os.path.exists(os.path.join(work, "escaped.rubric")), f"a save id with a path: {status}")
        status, answer = c.json("POST", "/api/save", {"text": amendment, "id": "/tmp/escaped", "effective": "2023-09-01"})
        expect(status == 400, f"a save id that is an absolute path: {status}")

        # Check: a misspelled kind is R2001 at its place, in UTF-16 offsets; the clean text has none.
        broken = amendment.replace("每次 不文明行为：扣 10 分", "每次 不文明形为：扣 10 分")
        status, checked = c.json("POST", "/api/check", {"text": broken})
        codes = [(d["code"], broken[d["from"]:d["to"]]) for d in checked.get("diagnostics", [])]
        expect(status == 200 and checked.get("ok") is False and ("R2001", "不文明形为") in codes, f"check finds the misspelled kind: {codes}")
        expect(all(d.get("message") for d in checked.get("diagnostics", [])), "each diagnostic has its message")
        status, checked = c.json("POST", "/api/check", {"text": amendment})
        expect(status == 200 and checked.get("ok") is True and checked.get("id") == "2023-09", f"the amendment checks clean: {checked}")

        # Format: the canonical layout, which the CLI's fmt also gives.
        status, formatted = c.json("POST", "/api/format", {"text": amendment.replace("\n\n\n", "\n\n")})
        expect(status == 200 and "细则「南国新家园" in formatted.get("text", ""), "format gives the text back laid out")
        status, formatted = c.json("POST", "/api/format", {"text": broken})
        expect(status == 422 and formatted.get("diagnostics"), "format refuses a text with errors, saying why")

        # Diff and impact of the 2023-09 amendment against 2023-04.
        status, diff = c.json("POST", "/api/diff", {"text": amendment, "base": 0})
        expect(status == 200 and diff.get("changes", 0) > 0 and "2023-04" in diff.get("text", ""), f"diff: {status} {diff.get('changes')}")
        status, impact = c.json("POST", "/api/impact", {"text": amendment, "base": 0})
        expect(status == 200 and impact.get("flags_gained") == 7 and impact.get("flags_lost") == 7,
               f"impact as `rubric impact` says (7 flags gained, 7 lost): {impact.get('flags_gained')} {impact.get('flags_lost')}")
        expect("<svg" in impact.get("chart", "") and impact.get("units"), "impact has its chart and the units whose year changes")
        status, impact = c.json("POST", "/api/impact", {"text": broken, "base": 0})
        expect(status == 422, f"impact refuses a draft with errors: {status}")

        # Scores and explanations.
        status, scores = c.json("GET", "/api/scores")
        expect(status == 200 and len(scores.get("units", [])) > 0 and len(scores.get("periods", [])) > 0, "scores of the year")
        status, explained = c.json("GET", "/api/explain?unit=0")
        expect(status == 200 and explained.get("text"), "a unit's year explained")
        status, explained = c.json("GET", "/api/explain?unit=0&period=0")
        expect(status == 200 and explained.get("text"), "a unit's month explained")
        for query in ("unit=99999", "unit=../0", "unit=0&period=999", "unit=", "period=0"):
            status, _ = c.json("GET", f"/api/explain?{query}")
            expect(status in (400, 404), f"explain?{query} refused: {status}")

        # Save: refused with errors, over an existing version, with a header that says otherwise;
        # a new id and date make a new file with exactly the text.
        status, saved = c.json("POST", "/api/save", {"text": broken, "id": "2023-09", "effective": "2023-09-01"})
        expect(status == 422, f"a draft with errors is not saved: {status}")
        status, saved = c.json("POST", "/api/save", {"text": amendment, "id": "2023-09", "effective": "2023-09-01"})
        expect(status == 409, f"an existing version is never replaced: {status}")
        expect(open(os.path.join(bench.folder, "2023-09.rubric"), encoding="utf-8").read() == amendment, "2023-09 unchanged")
        new_version = amendment.replace("版本「2023-09」 自 2023年9月1日", "版本「2024-01」 自 2024年1月1日")
        status, saved = c.json("POST", "/api/save", {"text": new_version, "id": "2024-02", "effective": "2024-01-01"})
        expect(status == 422 and not os.path.exists(os.path.join(bench.folder, "2024-02.rubric")),
               f"an id the header does not say is refused: {status}")
        status, saved = c.json("POST", "/api/save", {"text": new_version, "id": "2024-01", "effective": "2024-01-01"})
        path = os.path.join(bench.folder, "2024-01.rubric")
        expect(status == 201 and os.path.exists(path), f"saved as a new version: {status} {saved}")
        expect(os.path.exists(path) and open(path, encoding="utf-8").read() == new_version, "the new file holds the draft")
        leftovers = [n for n in os.listdir(bench.folder) if n.startswith(".")]
        expect(not leftovers, f"no temporary file left: {leftovers}")
        status, listing = c.json("GET", "/api/versions")
        expect([v["id"] for v in listing.get("versions", [])][-1:] == ["2024-01"], "the listing shows the saved version")
        status, saved = c.json("POST", "/api/save", {"text": new_version, "id": "2024-01", "effective": "2024-01-01"})
        expect(status == 409, f"saving the same version twice: {status}")
        # Back-dated: it would change months already scored (before the first version: all of them).
        for back, date, chinese in [("2023-06", "2023-06-01", "2023年6月1日"), ("2022-01", "2022-01-01", "2022年1月1日")]:
            dated = amendment.replace("版本「2023-09」 自 2023年9月1日", f"版本「{back}」 自 {chinese}")
            status, saved = c.json("POST", "/api/save", {"text": dated, "id": back, "effective": date})
            expect(status == 422 and not os.path.exists(os.path.join(bench.folder, back + ".rubric")),
                   f"a version dated before the latest is refused: {back} {status} {saved}")
        device = new_version.replace("版本「2024-01」 自 2024年1月1日", "版本「CON」 自 2024年2月1日")
        status, saved = c.json("POST", "/api/save", {"text": device, "id": "CON", "effective": "2024-02-01"})
        expect(status == 400 and not os.path.exists(os.path.join(bench.folder, "CON.rubric")), f"a Windows device name as id: {status}")

        # State-changing requests: the token, and the workbench's own Origin.
        for label, kw in (("no token", {"token": None}), ("a wrong token", {"token": "0" * 32}),
                          ("another Origin", {"origin": "http://evil.example"}),
                          ("no Origin", {"origin": None}),
                          ("another port's Origin", {"origin": "http://127.0.0.1:1"})):
            status, answer = c.json("POST", "/api/check", {"text": amendment}, **kw)
            expect(status == 403 and answer.get("error"), f"POST with {label}: {status}")
            status, answer = c.json("POST", "/api/save", {"text": new_version.replace("2024-01", "2024-03").replace("2024年1月1日", "2024年3月1日"),
                                                          "id": "2024-03", "effective": "2024-03-01"}, **kw)
            expect(status == 403 and not os.path.exists(os.path.join(bench.folder, "2024-03.rubric")), f"save with {label}: {status}")
        # DNS rebinding: another name for this address.
        for host in ("evil.example", f"evil.example:{bench.port}", "127.0.0.1", f"127.0.0.1:{bench.port + 1}"):
            status, answer = c.json("GET", "/api/versions", host=host)
            expect(status == 403, f"Host {host}: {status}")
        status, answer = c.json("GET", "/api/versions", host=f"localhost:{bench.port}")
        expect(status == 200, f"Host localhost:{bench.port}: {status}")
        # Two Hosts (or Origins, or tokens): refused, whichever comes first.
        for twice in (f"Host: evil.example\r\nHost: {c.host}", f"Host: {c.host}\r\nHost: evil.example",
                      f"Host: {c.host}\r\nOrigin: http://{c.host}\r\nOrigin: http://evil.example\r\nX-Rubric-Token: {c.token}",
                      f"Host: {c.host}\r\nX-Rubric-Token: {c.token}\r\nX-Rubric-Token: {c.token}"):
            answer = raw(bench, f"GET /api/versions HTTP/1.1\r\n{twice}\r\n\r\n".encode())
            expect(b" 400 " in answer.split(b"\r\n")[0], f"repeated header ({twice!r}): {answer[:40]!r}")

        # Bodies: bounded at 4 MB; other methods; bodies that are not the request's JSON.
        big = b'{"text": "' + b"x" * (5 << 20) + b'"}'
        head = (f"POST /api/check HTTP/1.1\r\nHost: {c.host}\r\nOrigin: http://{c.host}\r\nX-Rubric-Token: {c.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(big)}\r\n\r\n").encode()
        answer = raw(bench, head)
        expect(b" 413 " in answer.split(b"\r\n")[0] and b"application/json" in answer, f"5 MB body: {answer[:60]}")
        chunked = (f"POST /api/check HTTP/1.1\r\nHost: {c.host}\r\nOrigin: http://{c.host}\r\nX-Rubric-Token: {c.token}\r\n"
                   f"Transfer-Encoding: chunked\r\n\r\n").encode()
        for _ in range(5):
            chunked += b"100000\r\n" + b"x" * 0x100000 + b"\r\n"
        answer = raw(bench, chunked)
        expect(b" 413 " in answer.split(b"\r\n")[0], f"5 MB chunked body: {answer[:60]}")
        status, answer = c.json("PUT", "/api/save", b"{}")
        expect(status in (403, 405), f"PUT: {status}")
        status, answer = c.json("DELETE", "/api/versions/0")
        expect(status == 405, f"DELETE: {status}")
        for body in (b"not json", b"[]", b'{"text": 5}', b'{"text": "x", "base": -1}', b"\xff\xfe"):
            status, answer = c.json("POST", "/api/diff", body)
            expect(status == 400 and answer.get("error"), f"body {body!r}: {status}")

        # Malformed HTTP: a JSON 400 or a closed connection, never a crash.
        for data in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
                     b"POST /api/check HTTP/1.1\r\nHost: " + c.host.encode() + b"\r\nContent-Length: -5\r\n\r\n",
                     b"POST /api/check HTTP/1.1\r\nHost: " + c.host.encode() + b"\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                     b"GET / HTTP/1.1\r\nHost: " + c.host.encode() + b"\r\n" + b"X-Long: " + b"a" * 70000 + b"\r\n\r\n",
                     b"\r\n\r\n\r\n", b"GET / HTTP/1.1\r\nHost: " + c.host.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"):
            answer = raw(bench, data)
            first = answer.split(b"\r\n")[0]
            expect(answer == b"" or re.match(rb"HTTP/1\.[01] 4\d\d ", first), f"malformed {data[:40]!r}: {first!r}")
            expect(bench.alive(), f"the server survives {data[:40]!r}")
        raw(bench, b"POST /api/check HTTP/1.1\r\nHost: " + c.host.encode() + b"\r\nContent-Length: 100\r\n\r\nhalf", read=False)
        status, listing = c.json("GET", "/api/versions")
        expect(status == 200 and bench.alive(), "still serving after all of it")

    # Without data files: scores and impact say what is missing.
    with Workbench(binary, work + "-nodata", with_data=False) as bench:
        c = Client(bench)
        status, answer = c.json("GET", "/api/scores")
        expect(status == 409 and "--events" in answer.get("error", ""), f"scores without data: {status}")

    # --listen with --token: every request carries the token, the page too (in its address).
    secret = "s3cret-for-the-council-0123"
    with Workbench(binary, work + "-listen", with_data=False, extra=["--listen", "127.0.0.1", "--token", secret]) as bench:
        with open(bench.stderr_path, "rb") as f:
            expect(f"?token={secret}".encode() in f.read(), "the printed address carries the token")
        connection = http.client.HTTPConnection("127.0.0.1", bench.port, timeout=30)
        for path, headers, wanted in (("/", {}, 403), (f"/?token={secret}", {}, 200), ("/?token=wrong", {}, 403),
                                      ("/api/versions", {}, 403), ("/api/versions", {"X-Rubric-Token": secret}, 200),
                                      ("/api/versions", {"X-Rubric-Token": secret[:-1]}, 403),
                                      # a browser may escape any character of the address
                                      ("/?token=" + "".join(f"%{ord(ch):02X}" for ch in secret), {}, 200)):
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            answer.read()
            expect(answer.status == wanted, f"--listen: GET {path} with {headers}: {answer.status}, not {wanted}")
        connection.close()
    for arguments in (["--listen", "127.0.0.1"], ["--token", "0123456789abcdef"], ["--listen", "127.0.0.1", "--token", "short"],
                      ["--listen", "127.0.0.1", "--token", "0123456789abcdef<script>"],
                      ["--units", "u.csv"]):
        run = subprocess.run([binary, "serve", "--rubric", RUBRIC, "--port", "0"] + arguments,
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        expect(run.returncode == 2, f"serve {' '.join(arguments)}: exit {run.returncode}, not 2")

    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("all endpoint checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
