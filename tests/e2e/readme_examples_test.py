#!/usr/bin/python3
"""Fails when the README's CLI examples drift from the binaries' output.

Runs tests/e2e/readme_examples.sh (a fresh claimcheckd preloaded with the
sample articles, each example command run for real) and compares every
```console block it prints with the blocks of the README's "## CLI examples"
section, in order. Page tokens are signed with a per-database secret, so
they are compared as <token>.

  /usr/bin/python3 tests/e2e/readme_examples_test.py BUILD_DIR
To update the README after an intended change, paste the script's output:
  tests/e2e/readme_examples.sh build
"""

import difflib
import os
import re
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BLOCK = re.compile(r"```console\n.*?```\n", re.S)
TOKEN = re.compile(r"--page-token=[A-Za-z0-9_-]+")


def readme_blocks():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    start = text.index("## CLI examples")
    end = text.index("\n## ", start + 1)
    return BLOCK.findall(text[start:end])


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    run = subprocess.run(
        ["bash", os.path.join(REPO, "tests/e2e/readme_examples.sh"), build],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        sys.stderr.write(run.stdout + run.stderr)
        return 1
    got = [TOKEN.sub("--page-token=<token>", b) for b in BLOCK.findall(run.stdout)]
    want = [TOKEN.sub("--page-token=<token>", b) for b in readme_blocks()]
    if not got:
        sys.stderr.write("FAIL: readme_examples.sh printed no example\n")
        return 1
    if got == want:
        print("PASS: the README's %d CLI examples match the binaries" % len(got))
        return 0
    diff = difflib.unified_diff("".join(want).splitlines(True),
                                "".join(got).splitlines(True),
                                "README.md (CLI examples)",
                                "tests/e2e/readme_examples.sh output")
    sys.stderr.write("".join(diff))
    sys.stderr.write("FAIL: the README's CLI examples drifted from the "
                     "binaries; regenerate: tests/e2e/readme_examples.sh "
                     "build\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
