"""Starts `rubric serve` on a copy of the reference rubric and the Chinese example data, on a free
port (--port 0; the port is read from the line the server prints on standard error), and stops it.
Shared by the HTTP tests (test_endpoints.py) and the browser test (browser_workbench.py)."""
import glob
import os
import re
import shutil
import subprocess
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
DATA = os.path.join(ROOT, "examples", "nanguo-zh")


class Workbench:
    def __init__(self, rubric_binary, work_dir, with_data=True, extra=()):
        self.binary = rubric_binary
        self.work_dir = work_dir
        self.with_data = with_data
        self.extra = list(extra)

    def __enter__(self):
        shutil.rmtree(self.work_dir, ignore_errors=True)
        self.folder = os.path.join(self.work_dir, "rubric")
        os.makedirs(self.folder)
        for path in glob.glob(os.path.join(RUBRIC, "*.rubric")):
            shutil.copy(path, self.folder)
        command = [self.binary, "serve", "--rubric", self.folder, "--port", "0"] + self.extra
        if self.with_data:
            command += ["--units", os.path.join(DATA, "units.csv"), "--people", os.path.join(DATA, "people.csv"),
                        "--events", os.path.join(DATA, "events.csv")]
        self.stderr_path = os.path.join(self.work_dir, "serve.stderr")
        self.stderr = open(self.stderr_path, "w+b")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(self.stderr_path, "rb") as f:
                match = re.search(rb"http://([^/\s]+):(\d+)/", f.read())
            if match:
                self.host = match.group(1).decode()
                self.port = int(match.group(2))
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.__exit__()
        with open(self.stderr_path, "rb") as f:
            raise RuntimeError(f"rubric serve did not start: {f.read().decode(errors='replace')}")

    def alive(self):
        return self.process.poll() is None

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()
