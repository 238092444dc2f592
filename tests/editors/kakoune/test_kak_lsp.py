#!/usr/bin/env python3
"""Headless Kakoune + kak-lsp test of editors/kakoune/copydesk.kak.

  KAK_LSP=.tools/kak-lsp/bin/kak-lsp COPYDESK_BIN=target/debug/copydesk \
    python3 tests/editors/kakoune/test_kak_lsp.py

Starts `kak -ui dummy` with a kakrc like the README's (kak-lsp, `source copydesk.kak`,
`copydesk_settings`, `lsp-enable`) and `copydesk` on PATH, opens the fixture story, polls
the session with `kak -p`: each expected diagnostic is listed by `lsp-diagnostics`, the
cursor goes to it, `lsp-code-action <title>` applies the quick fix, the line and the
listing are checked; then `copydesk-fix-all` and the whole buffer. Tested with Debian 12's
Kakoune 2022.10.31 and kak-lsp 22.0.0 from crates.io. Exit 0 = pass.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(os.path.dirname(here)))
expect = json.load(open(os.path.join(here, "..", "fixture", "expect.json"), encoding="utf-8"))
server = os.environ.get("COPYDESK_BIN") or os.path.join(repo, "target", "debug", "copydesk")
kak_lsp = os.environ.get("KAK_LSP") or shutil.which("kak-lsp")
if not kak_lsp:
    sys.exit("kak-lsp not found: set KAK_LSP")
timeout = float(os.environ.get("TEST_TIMEOUT", "15"))
work = tempfile.mkdtemp(prefix="copydesk-kak-")
os.makedirs(os.path.join(work, "project", ".git"))
os.makedirs(os.path.join(work, "bin"))
story = os.path.join(work, "project", "story.md")
out = os.path.join(work, "out.txt")
shutil.copy(os.path.join(here, "..", "fixture", "story.md"), story)
# `copydesk` on PATH, as after `cargo install`; kak-lsp too (lsp.kak runs it by name).
os.symlink(os.path.abspath(server), os.path.join(work, "bin", "copydesk"))
os.symlink(os.path.abspath(kak_lsp), os.path.join(work, "bin", "kak-lsp"))


def toml_settings(value, prefix=""):
    """The settings object as dotted TOML keys (what a user writes in copydesk_settings)."""
    lines = []
    for key, v in value.items():
        if isinstance(v, dict):
            lines += toml_settings(v, f"{prefix}{key}.")
        elif v is not None:
            lines.append(f"{prefix}{key} = {json.dumps(v)}")
    return lines


kakrc = os.path.join(work, "kakrc")
with open(kakrc, "w") as f:
    f.write(f"""
evaluate-commands %sh{{kak-lsp}}
# kak-lsp 22's lsp-diagnostics buffer uses an option from Kakoune >= 2024: declare it for 2022.
try %{{ declare-option int jump_current_line 0 }}
source {repo}/editors/kakoune/copydesk.kak
set-option global copydesk_settings %{{
{chr(10).join(toml_settings(expect["settings"]["copydesk"]))}
}}
lsp-enable
edit {story}
""")
session = "copydesk%d" % os.getpid()
env = dict(os.environ, PATH=os.path.join(work, "bin") + os.pathsep + os.environ["PATH"],
           XDG_CONFIG_HOME=os.path.join(work, "cfg"), XDG_RUNTIME_DIR=work, TMPDIR=work)
kak = subprocess.Popen(["kak", "-s", session, "-ui", "dummy", "-e", f"source {kakrc}"],
                       env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "kak.err"), "w"))


def kak_eval(cmd):
    """Run cmd in the client's context; return what it wrote to `out`."""
    if os.path.exists(out):
        os.remove(out)
    subprocess.run(["kak", "-p", session], input=f"evaluate-commands -client client0 %{{ {cmd} }}",
                   text=True, env=env, check=True)
    for _ in range(50):
        if os.path.exists(out):
            time.sleep(0.05)
            return open(out).read()
        time.sleep(0.05)
    return None


def wait_for(cmd, pred):
    end = time.time() + timeout
    val = None
    while time.time() < end:
        val = kak_eval(cmd)
        if val is not None and pred(val):
            return val
        time.sleep(0.2)
    return val


def finish(ok, msg):
    print(("PASS: " if ok else "FAIL: ") + msg, flush=True)
    if not ok:
        print(open(os.path.join(work, "kak.err")).read()[-3000:])
        dbg = kak_eval(f"evaluate-commands -buffer *debug* %{{ execute-keys '%'; echo -to-file {out} %val{{selection}} }}")
        print("--- *debug* buffer:\n" + (dbg or "")[-4000:])
    try:
        subprocess.run(["kak", "-p", session], input="kill!", text=True, env=env, timeout=5)
        kak.wait(timeout=5)
    except Exception:
        kak.kill()
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


def expect_buffer(expected, failure):
    """Wait until the buffer reads `expected` (a list of lines), else fail with `failure`."""
    lines = wait_for(f"evaluate-commands -draft %{{ execute-keys '%'; echo -to-file {out} %val{{selection}} }}",
                     lambda v: v.split("\n") == expected)
    if lines is None or lines.split("\n") != expected:
        finish(False, f"{failure}; buffer:\n{lines}")


def listing():
    """`lsp-diagnostics` output: `story.md:LINE:COL: [severity][copydesk][rule] message` lines."""
    kak_eval(f"lsp-diagnostics; echo -to-file {out} requested")
    text = kak_eval(f"evaluate-commands -buffer *diagnostics* %{{ execute-keys '%'; echo -to-file {out} %val{{selection}} }}")
    kak_eval(f"buffer {story}; echo -to-file {out} ok")
    return text or ""


def find(text, rule, line):
    for entry in text.split("\n"):
        m = re.match(r".*story\.md:(\d+):(\d+): (.*)", entry)
        if m and int(m.group(1)) == line and f"[{rule}]" in m.group(3):
            return int(m.group(2)), m.group(3)
    return None


def wait_listing(pred):
    end = time.time() + timeout
    text = ""
    while time.time() < end:
        text = listing()
        if pred(text):
            return text
        time.sleep(0.3)
    return text


# A `timeout` around the test must not leave the Kakoune session behind.
signal.signal(signal.SIGTERM, lambda *_: finish(False, "stopped (SIGTERM)"))
time.sleep(0.5)
print("kakoune", kak_eval(f"echo -to-file {out} %val{{version}}"), "filetype",
      wait_for(f"echo -to-file {out} %opt{{filetype}}", lambda v: v == "markdown"))
expected = open(story, encoding="utf-8").read().split("\n")
for i, fix in enumerate(expect["quickfixes"]):
    if fix["line"] not in expected:
        finish(False, f"story has no line {fix['line']!r}")
    n = expected.index(fix["line"]) + 1
    text = wait_listing(lambda t: find(t, fix["rule"], n))
    found = find(text, fix["rule"], n)
    if not found:
        finish(False, f"no {fix['rule']} diagnostic on line {n}; listing:\n{text}")
    col, entry = found
    print(f"diagnostic {n}:{col}: {entry}")
    if i == 0 and not entry.startswith(f"[{expect['severity']}]"):
        finish(False, f"severity from copydesk_settings not applied: {entry}")
    kak_eval(f"select {n}.{col},{n}.{col}; echo -to-file {out} ok")
    kak_eval(f"lsp-code-action %{{^{re.escape(fix['title'])}$}}; echo -to-file {out} queued")
    if fix["after"] is None:
        del expected[n - 1 : n - 1 + fix.get("removes", 1)]
    else:
        expected[n - 1] = fix["after"]
    expect_buffer(expected, f"quick fix {fix['title']!r} not applied")
    print(f"applied {fix['title']!r}; line {n}: {expected[n - 1] if n <= len(expected) else ''}")
    text = wait_listing(lambda t: not find(t, fix["rule"], n))
    if find(text, fix["rule"], n):
        finish(False, f"{fix['rule']} diagnostic not cleared; listing:\n{text}")

targets = []  # where the fix-all changes land, found before it runs
for change in expect["fixAll"]:
    if change["line"] not in expected:
        finish(False, f"story has no line {change['line']!r}")
    n = expected.index(change["line"]) + 1
    text = wait_listing(lambda t: find(t, change["rule"], n))
    if not find(text, change["rule"], n):
        finish(False, f"no {change['rule']} diagnostic on line {n} before copydesk-fix-all; listing:\n{text}")
    targets.append((n, change["after"]))
kak_eval(f"copydesk-fix-all; echo -to-file {out} done")
for n, after in targets:
    expected[n - 1] = after
expect_buffer(expected, "copydesk-fix-all did not give the expected text")
for n, after in targets:
    print(f"after copydesk-fix-all, line {n}: {after}")
text = wait_listing(lambda t: "story.md:" not in t)
if "story.md:" in text:
    finish(False, f"diagnostics left after copydesk-fix-all:\n{text}")
finish(True, "diagnostics listed, quick fixes applied via lsp-code-action, diagnostics cleared, copydesk-fix-all applied")
