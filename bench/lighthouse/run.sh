#!/usr/bin/env bash
# Lighthouse mobile measurement of the published blog (not part of the tests):  bash bench/lighthouse/run.sh
#
# Publishes the app in Release (ReadyToRun, as bench/run.sh and the README's deploy command do), starts it once on a
# fresh database so it writes the sample content a new blog gets, adds a photo essay (bench/BlogBench ... photos: a
# cover, a twelve-photo gallery of mixed shapes and a wide photo, through the library's own upload pipeline), starts
# it again and runs Lighthouse 12.2.3 (pinned in package.json; `npm ci` here installs it) with its default mobile
# settings (a Moto G Power-sized screen, simulated slow 4G and a 4x slower CPU) on the home page and the photo essay,
# LH_RUNS times each (default 3), in turn. Prints each run and the median of the performance score, LCP, CLS and TBT.
# Needs Node and Chromium (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/blog-lighthouse.XXXXXX)"
runs="${LH_RUNS:-3}"
port="${LH_PORT:-5331}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
app_pid=""

cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[[ -x "$here/node_modules/.bin/lighthouse" ]] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)

echo "Building (Release)..."
dotnet publish "$root/src/Blog.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" --nologo -v q >/dev/null
dotnet build "$root/bench/BlogBench" -c Release -o "$work/seeder" --nologo -v q >/dev/null

start_app() {
  ( cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ConnectionStrings__Blog="Data Source=$work/blog.db" Logging__LogLevel__Default=Warning exec dotnet Blog.Web.dll ) >>"$work/app.log" 2>&1 &
  app_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.1
  done
}

stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

start_app   # a new blog: the sample posts and About page
stop_app
dotnet "$work/seeder/BlogBench.dll" "$work/blog.db" photos
start_app
for path in / /blog/twelve-photographs; do curl -fs -o /dev/null "http://127.0.0.1:$port$path"; done  # kept by the page cache

declare -A reports
for ((round = 1; round <= runs; round++)); do
  for path in / /blog/twelve-photographs; do
    out="$work/lh-$round-${path//\//_}.json"
    "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet --only-categories=performance \
      --output=json --output-path="$out" --chrome-flags="--headless=new --no-sandbox --disable-gpu"
    reports[$path]+="$out "
  done
done

for path in / /blog/twelve-photographs; do
  # shellcheck disable=SC2086
  node - "$path" ${reports[$path]} <<'JS'
const fs = require('fs');
const [path, ...files] = process.argv.slice(2);
const runs = files.map(f => JSON.parse(fs.readFileSync(f, 'utf8'))).map(r => ({
  score: Math.round(r.categories.performance.score * 100),
  lcp: r.audits['largest-contentful-paint'].numericValue,
  cls: r.audits['cumulative-layout-shift'].numericValue,
  tbt: r.audits['total-blocking-time'].numericValue,
  bytes: r.audits['total-byte-weight'].numericValue,
}));
const median = k => { const v = runs.map(r => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const show = r => `score ${r.score}, LCP ${(r.lcp / 1000).toFixed(2)} s, CLS ${r.cls.toFixed(3)}, TBT ${Math.round(r.tbt)} ms, ${Math.round(r.bytes / 1024)} KB`;
runs.forEach((r, i) => console.log(`${path} run ${i + 1}: ${show(r)}`));
console.log(`${path} median: ${show({ score: median('score'), lcp: median('lcp'), cls: median('cls'), tbt: median('tbt'), bytes: median('bytes') })}`);
JS
done
