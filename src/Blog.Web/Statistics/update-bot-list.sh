#!/usr/bin/env bash
# Refreshes crawler-user-agents.txt (and its licence) from the crawler-user-agents npm package:
#   bash src/Blog.Web/Statistics/update-bot-list.sh [version]
# Needs npm and node; the blog itself never does (the list is embedded in the app when it is built).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
version="${1:-latest}"
(cd "$work" && npm pack "crawler-user-agents@$version" --silent >/dev/null && tar xzf crawler-user-agents-*.tgz)
node -e '
const fs = require("fs");
const pkg = JSON.parse(fs.readFileSync(process.argv[1] + "/package/package.json"));
const list = JSON.parse(fs.readFileSync(process.argv[1] + "/package/crawler-user-agents.json"));
const head = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(l => l.startsWith("#"))
  .map(l => l.replace(/crawler-user-agents \d+\.\d+\.\d+/, "crawler-user-agents " + pkg.version));
fs.writeFileSync(process.argv[2], [...head, ...list.map(e => e.pattern)].join("\n") + "\n");
' "$work" "$here/crawler-user-agents.txt"
cp "$work/package/LICENSE" "$here/crawler-user-agents.LICENSE"
echo "crawler-user-agents.txt: $(grep -vc '^#' "$here/crawler-user-agents.txt") patterns"
