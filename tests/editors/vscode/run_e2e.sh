#!/usr/bin/env bash
# Real VS Code (code-server) + headless Chromium test of editors/vscode, installed from its
# .vsix like a user would. Needs: NODE24_BIN (folder with node 24 for code-server),
# CODE_SERVER (code-server binary), VSIX (packaged extension), PW_DIR (folder with
# node_modules/playwright-core), COPYDESK_BIN (server binary). Screenshots go to $OUT_DIR.
# Called by tests/editors/run.sh, which installs all of these. KEEP_WORK=1 keeps the temporary
# user-data folder (logs, settings) for a look after a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${NODE24_BIN:?}" "${CODE_SERVER:?}" "${VSIX:?}" "${PW_DIR:?}" "${COPYDESK_BIN:?}"
OUT_DIR=${OUT_DIR:-$here/out}
# A free port: another run on the same machine (a CI job, a second checkout) may hold any fixed one.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-vscode.XXXXXX")
mkdir -p "$work/ud/User" "$work/ud/Machine" "$work/ext" "$work/ws/.git" "$work/xdg" "$OUT_DIR"
rm -f "$OUT_DIR"/*.png
export PATH="$NODE24_BIN:$PATH" XDG_CONFIG_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg"
cp "$here/../fixture/story.md" "$work/ws/story.md"
# copydesk.server.path is a machine setting: in code-server those live in Machine/settings.json.
machine_settings=$work/ud/Machine/settings.json
python3 - "$work/ud/User/settings.json" "$machine_settings" "$COPYDESK_BIN" "$here/../fixture/expect.json" <<'PY'
import json, sys
expect = json.load(open(sys.argv[4]))
json.dump({"copydesk.server.path": sys.argv[3]}, open(sys.argv[2], "w"), indent=1)
json.dump({
  # What a user sets for copydesk (editors/vscode/README.md).
  "copydesk.configPath": expect["settings"]["copydesk"]["configPath"],
  "copydesk.rules": expect["settings"]["copydesk"]["rules"],
  "copydesk.trace.server": "messages",  # the LSP traffic in the output channel, for failures
  # Keep the workbench quiet and offline.
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": False,
  "workbench.welcomePage.walkthroughs.openOnInstall": False,
  "security.workspace.trust.enabled": False,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": False,
  "extensions.autoCheckUpdates": False,
  "update.mode": "none",
  "chat.disableAIFeatures": True,
  "window.commandCenter": False,
  "editor.minimap.enabled": False,
  "editor.stickyScroll.enabled": False,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "files.autoSave": "off",
}, open(sys.argv[1], "w"), indent=1)
PY
"$CODE_SERVER" --extensions-dir "$work/ext" --user-data-dir "$work/ud" --install-extension "$VSIX"
# Its own process group, so that the server, its extension host and copydesk all stop at the end.
setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$work/ud" --extensions-dir "$work/ext" "$work/ws" >"$work/code-server.log" 2>&1 &
cs_pid=$!
stop() {
  kill -- -"$cs_pid" 2>/dev/null || true
  wait "$cs_pid" 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 1' INT TERM # (the EXIT trap still stops code-server)
for _ in $(seq 1 150); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  if ! kill -0 "$cs_pid" 2>/dev/null; then
    echo "code-server exited before it served:"
    cat "$work/code-server.log"
    exit 1
  fi
  sleep 0.2
done
rc=0
NODE_PATH="$PW_DIR/node_modules" node "$here/e2e.cjs" "http://127.0.0.1:$PORT/?folder=$work/ws" \
  "$OUT_DIR" "$work/ws/story.md" "$machine_settings" "$work/ud" || rc=$?
if [ $rc -ne 0 ]; then
  echo "--- code-server log"
  tail -40 "$work/code-server.log"
  find "$work/ud/logs" -name '*copydesk*' -exec sh -c 'echo "--- $1"; tail -80 "$1"' _ {} \; 2>/dev/null || true
fi
exit $rc
