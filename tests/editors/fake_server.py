#!/usr/bin/env python3
"""Stand-in for `copydesk lsp`: a stdio LSP server that speaks copydesk's editor contract.

A self-check of the editor harness (`FAKE_SERVER=1 tests/editors/run.sh`), independent of
copydesk's rules: it flags exactly what fixture/expect.json says the real server flags in
the story, with the same rule ids, titles and fixed lines, and implements the same surface:
settings in initializationOptions and workspace/didChangeConfiguration (rule severity and
on/off), quick fixes, `source.fixAll.copydesk`, and the `copydesk.fixAll` command answered
with workspace/applyEdit. Stdlib only. Like `copydesk lsp`, it takes exactly one argument,
`lsp`, and exits 2 on anything else (a client that adds `--stdio` must fail here too).
"""
import json
import os
import sys

if sys.argv[1:] != ["lsp"]:
    sys.stderr.write(f"fake copydesk: expected the single argument `lsp`, got {sys.argv[1:]}\n")
    sys.exit(2)
HERE = os.path.dirname(os.path.realpath(__file__))
EXPECT = json.load(open(os.path.join(HERE, "fixture", "expect.json"), encoding="utf-8"))
SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}
IN, OUT = sys.stdin.buffer, sys.stdout.buffer
docs = {}
rules = {}
next_id = [1000]


def send(msg):
    body = json.dumps(dict(msg, jsonrpc="2.0")).encode("utf-8")
    OUT.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    OUT.flush()


def read():
    length = None
    while True:
        line = IN.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        key, _, value = line.decode("ascii").partition(":")
        if key.lower() == "content-length":
            length = int(value)
    return json.loads(IN.read(length))


def utf16(s):
    return len(s.encode("utf-16-le")) // 2


def problems(text):
    """(rule, title, range, edit) for each expected problem still in the text."""
    lines = text.split("\n")
    entries = [(q, False) for q in EXPECT["quickfixes"]] + [(f, True) for f in EXPECT["fixAll"]]
    for entry, safe in entries:
        if entry["line"] not in lines:
            continue
        n = lines.index(entry["line"])
        line, after = entry["line"], entry["after"]
        if after is None:  # the whole line goes, with its line break (and `removes` - 1 more lines)
            rng = {"start": {"line": n, "character": 0}, "end": {"line": n, "character": utf16(line)}}
            end = n + entry.get("removes", 1)
            edit = {"range": {"start": {"line": n, "character": 0}, "end": {"line": end, "character": 0}}, "newText": ""}
        else:  # the part of the line that differs
            p = 0
            while p < min(len(line), len(after)) and line[p] == after[p]:
                p += 1
            s = 0
            while s < min(len(line), len(after)) - p and line[-1 - s] == after[-1 - s]:
                s += 1
            start, end = utf16(line[:p]), utf16(line[: len(line) - s])
            rng = {"start": {"line": n, "character": start}, "end": {"line": n, "character": max(end, start + 1)}}
            edit = {"range": {"start": {"line": n, "character": start}, "end": {"line": n, "character": end}},
                    "newText": after[p : len(after) - s]}
        yield entry["rule"], entry.get("title", "Fix"), rng, edit, safe


def typed(text):
    """The line the VS Code test types after a restart (expect.json `typed`), if present."""
    lines = text.split("\n")
    entry = EXPECT.get("typed")
    if entry and entry["text"] in lines:
        n = lines.index(entry["text"])
        yield entry["rule"], {"start": {"line": n, "character": 0}, "end": {"line": n, "character": utf16(entry["text"])}}


def diagnostics(text):
    out = []
    found = [(rule, rng) for rule, _, rng, _, _ in problems(text)] + list(typed(text))
    for rule, rng in found:
        setting = rules.get(rule, {})
        if setting.get("enabled") is False:
            continue
        out.append({"range": rng, "severity": SEVERITY.get(setting.get("severity"), 2),
                    "source": "copydesk", "code": rule, "message": f"fake `{rule}` finding"})
    return out


def publish(uri):
    send({"method": "textDocument/publishDiagnostics",
          "params": {"uri": uri, "diagnostics": diagnostics(docs[uri])}})


def apply_settings(settings):
    global rules
    copydesk = (settings or {}).get("copydesk") or {}
    rules = copydesk.get("rules") or {}


def fix_all_edit(uri):
    edits = [edit for _, _, _, edit, safe in problems(docs.get(uri, "")) if safe]
    return {"changes": {uri: edits}}


def code_actions(p):
    uri, want = p["textDocument"]["uri"], p["range"]
    only = p.get("context", {}).get("only")
    actions = []
    if not only or "quickfix" in only:
        for rule, title, rng, edit, _ in problems(docs.get(uri, "")):
            if rng["start"]["line"] <= want["end"]["line"] and rng["end"]["line"] >= want["start"]["line"]:
                actions.append({"title": title, "kind": "quickfix", "isPreferred": True,
                                "edit": {"changes": {uri: [edit]}}})
    if not only or any(k in ("source", "source.fixAll", "source.fixAll.copydesk") for k in only):
        actions.append({"title": "Fix all safe copydesk findings", "kind": "source.fixAll.copydesk",
                        "edit": fix_all_edit(uri)})
    return actions


while True:
    msg = read()
    if msg is None:
        sys.exit(0)
    method, mid, p = msg.get("method"), msg.get("id"), msg.get("params") or {}
    sys.stderr.write("fake copydesk <- %s\n" % (method or "response"))
    if method == "initialize":
        apply_settings(p.get("initializationOptions"))
        send({"id": mid, "result": {
            "capabilities": {
                "textDocumentSync": {"openClose": True, "change": 1},
                "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.copydesk"]},
                "executeCommandProvider": {"commands": ["copydesk.fixAll", "copydesk.addToHouseStyle"]}},
            "serverInfo": {"name": "fake-copydesk", "version": "0.0.0"}}})
    elif method == "workspace/didChangeConfiguration":
        apply_settings(p.get("settings"))
        for uri in docs:
            publish(uri)
    elif method == "textDocument/didOpen":
        if p["textDocument"]["languageId"] not in ("markdown", "plaintext"):
            continue  # copydesk checks these two language ids unless told otherwise
        docs[p["textDocument"]["uri"]] = p["textDocument"]["text"]
        publish(p["textDocument"]["uri"])
    elif method == "textDocument/didChange" and p["textDocument"]["uri"] in docs:
        docs[p["textDocument"]["uri"]] = p["contentChanges"][-1]["text"]
        publish(p["textDocument"]["uri"])
    elif method == "textDocument/didClose":
        docs.pop(p["textDocument"]["uri"], None)
    elif method == "textDocument/codeAction":
        send({"id": mid, "result": code_actions(p)})
    elif method == "workspace/executeCommand" and p.get("command") == "copydesk.fixAll":
        next_id[0] += 1
        send({"id": next_id[0], "method": "workspace/applyEdit",
              "params": {"label": "copydesk: fix all", "edit": fix_all_edit(p["arguments"][0])}})
        send({"id": mid, "result": None})
    elif method == "shutdown":
        send({"id": mid, "result": None})
    elif method == "exit":
        sys.exit(0)
    elif mid is not None and method is not None:
        send({"id": mid, "error": {"code": -32601, "message": "method not found: " + method}})
