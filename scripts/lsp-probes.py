#!/usr/bin/env python3
"""Two language-server figures the shared harness does not take, measured with its client.

    scripts/lsp-probes.py [BINARY]        default: target/release/copydesk

1. A hundred stories open at once (the harness's article under a hundred names, so that every
   name is shared across stories): time until all hundred have diagnostics, the time from one
   keystroke in one story to its diagnostics, and peak resident memory.
2. A 10 MB document (the harness's 5 MB stress document twice): open -> diagnostics, one
   keystroke -> diagnostics, and how long a hover waits while a check of the whole document
   runs (it must not wait for the check).

Needs Python 3 and ../shared/lsp-bench beside the repository (its client is reused, and its
generator writes the stress document into a temporary folder). Prints one JSON object.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO.parent / "shared" / "lsp-bench"
sys.path.insert(0, str(HARNESS))
import lsp_bench  # noqa: E402  (the shared harness: Server, client_capabilities)

TIMEOUT = 300


def start(binary, root):
    srv = lsp_bench.Server([str(binary), "lsp"])
    _, init = srv.call("initialize", {
        "processId": None, "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "capabilities": lsp_bench.client_capabilities()}, TIMEOUT)
    if not init or "result" not in init:
        sys.exit(f"lsp-probes: initialize failed: {init}")
    srv.notify("initialized", {})
    return srv


def open_doc(srv, uri, text):
    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}})


def pull(srv, uri):
    ms, msg = srv.call("textDocument/diagnostic", {"textDocument": {"uri": uri}}, TIMEOUT)
    items = ((msg or {}).get("result") or {}).get("items", [])
    return ms, items


def type_char(srv, uri, version, line, character):
    pos = {"line": line, "character": character}
    srv.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "x"}]})


def hundred_stories(binary, work):
    article = (HARNESS / "docs" / "article.md").read_text(encoding="utf-8")
    folder = work / "stories"
    folder.mkdir()
    srv = start(binary, folder)
    uris = [(folder / f"story-{n:03}.md").as_uri() for n in range(100)]
    t0 = time.perf_counter()
    for uri in uris:
        open_doc(srv, uri, article)
    counts = [len(pull(srv, uri)[1]) for uri in uris]
    all_open_ms = (time.perf_counter() - t0) * 1000
    middle = article.count("\n") // 2
    t0 = time.perf_counter()
    type_char(srv, uris[0], 2, middle, 0)
    _, items = pull(srv, uris[0])
    edit_ms = (time.perf_counter() - t0) * 1000
    stats = srv.proc_stats()
    srv.close()
    return {"stories": len(uris), "all_diagnosed_ms": round(all_open_ms, 1),
            "diagnostics_each": sorted(set(counts)), "edit_to_diagnostics_ms": round(edit_ms, 2),
            "diagnostics_after_edit": len(items), "peak_rss_mb": round(stats["VmHWM"] / 1024, 1)}


def ten_megabytes(binary, work):
    harness = work / "lsp-bench"
    shutil.copytree(HARNESS, harness)
    subprocess.run([sys.executable, "gen_docs.py"], cwd=harness, check=True,
                   stdout=subprocess.DEVNULL)
    stress = (harness / "docs" / "stress-5mb.md").read_text(encoding="utf-8")
    text = stress + "\n" + stress
    folder = work / "big"
    folder.mkdir()
    srv = start(binary, folder)
    uri = (folder / "ten-megabytes.md").as_uri()
    t0 = time.perf_counter()
    open_doc(srv, uri, text)
    _, items = pull(srv, uri)
    open_ms = (time.perf_counter() - t0) * 1000
    middle = text.count("\n") // 2
    t0 = time.perf_counter()
    type_char(srv, uri, 2, middle, 0)
    _, _ = pull(srv, uri)
    edit_ms = (time.perf_counter() - t0) * 1000
    # A keystroke starts a check of the whole document; a hover sent right after it is
    # answered from the last result instead of waiting.
    type_char(srv, uri, 3, middle, 0)
    hover_ms, hover = srv.call("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}, TIMEOUT)
    _, _ = pull(srv, uri)
    stats = srv.proc_stats()
    srv.close()
    return {"bytes": len(text.encode("utf-8")), "open_to_diagnostics_ms": round(open_ms, 1),
            "diagnostics": len(items), "edit_to_diagnostics_ms": round(edit_ms, 1),
            "hover_during_check_ms": None if hover_ms is None else round(hover_ms, 2),
            "hover_answered": hover is not None, "peak_rss_mb": round(stats["VmHWM"] / 1024, 1)}


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "target" / "release" / "copydesk")
    if not binary.exists():
        sys.exit(f"lsp-probes: no binary at {binary} (build it: cargo build --release)")
    if not (HARNESS / "lsp_bench.py").exists():
        sys.exit(f"lsp-probes: the shared harness is not at {HARNESS}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = {"hundred_stories": hundred_stories(binary.resolve(), work),
                  "ten_megabytes": ten_megabytes(binary.resolve(), work)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
