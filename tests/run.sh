#!/usr/bin/env bash
# Runs every test of the blog, on a fresh machine too:
#   bash tests/run.sh
# It makes sure a Chromium is there for the browser tests (Debian's package where apt can install it; otherwise the
# tests fall back to Playwright's own download) PostgreSQL's server binaries for the PostgreSQL tests and nginx for the several-instances test, runs the whole solution's tests, and ends with one summary line
# counted from the test results file: "Tests: N passed, N failed[, N skipped]". Exit code: 0 only if all passed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

find_chromium() {
  if [[ -n "${BLOG_TEST_CHROMIUM:-}" && -x "${BLOG_TEST_CHROMIUM}" ]]; then echo "$BLOG_TEST_CHROMIUM"; return 0; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [[ -x "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! chromium_path="$(find_chromium)"; then
  if command -v apt-get >/dev/null 2>&1 && { [[ "$(id -u)" == 0 ]] || sudo -n true 2>/dev/null; }; then
    as_root=(); [[ "$(id -u)" == 0 ]] || as_root=(sudo -n)
    echo "Installing Debian's chromium for the browser tests..."
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
    chromium_path="$(find_chromium)" || { echo "chromium was installed but is not where expected" >&2; exit 1; }
  else
    echo "No system Chromium and no apt: the browser tests will try Playwright's own download and fail if it cannot be had."
  fi
fi
[[ -n "${chromium_path:-}" ]] && echo "Browser tests use ${chromium_path}" && export BLOG_TEST_CHROMIUM="$chromium_path"

# PostgreSQL for the tests that run on the second provider: Debian's server binaries, installed through apt when missing.
# The tests start their own server from them (tests/Blog.Web.Tests/Infrastructure/PostgresTestServer.cs) and FAIL,
# saying why, when they cannot: they are never skipped.
find_postgres() {
  if [[ -n "${BLOG_TEST_POSTGRES_BIN:-}" && -x "${BLOG_TEST_POSTGRES_BIN}/initdb" ]]; then echo "$BLOG_TEST_POSTGRES_BIN"; return 0; fi
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$bin" && -x "$bin/initdb" && -x "$bin/postgres" ]] && echo "$bin"
}
if ! postgres_bin="$(find_postgres)"; then
  if command -v apt-get >/dev/null 2>&1 && { [[ "$(id -u)" == 0 ]] || sudo -n true 2>/dev/null; }; then
    as_root=(); [[ "$(id -u)" == 0 ]] || as_root=(sudo -n)
    echo "Installing Debian's postgresql for the PostgreSQL tests..."
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq postgresql >/dev/null
    postgres_bin="$(find_postgres)" || { echo "postgresql was installed but its binaries are not under /usr/lib/postgresql" >&2; exit 1; }
  else
    echo "No PostgreSQL server binaries and no apt: the PostgreSQL tests will FAIL (install Debian's postgresql package)."
  fi
fi
if [[ -n "${postgres_bin:-}" ]]; then
  echo "PostgreSQL tests use $("$postgres_bin/postgres" --version) from ${postgres_bin}"
  export BLOG_TEST_POSTGRES_BIN="$postgres_bin"
fi

# nginx for the test with two instances behind a load balancer (tests/Blog.Web.Tests/Instances/BehindNginxTests.cs):
# Debian's package, installed through apt when missing; without it that test FAILS, saying why.
find_nginx() {
  if [[ -n "${BLOG_TEST_NGINX:-}" && -x "${BLOG_TEST_NGINX}" ]]; then echo "$BLOG_TEST_NGINX"; return 0; fi
  for candidate in /usr/sbin/nginx /usr/bin/nginx; do
    if [[ -x "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! nginx_path="$(find_nginx)"; then
  if command -v apt-get >/dev/null 2>&1 && { [[ "$(id -u)" == 0 ]] || sudo -n true 2>/dev/null; }; then
    as_root=(); [[ "$(id -u)" == 0 ]] || as_root=(sudo -n)
    echo "Installing Debian's nginx for the several-instances test..."
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq nginx-light >/dev/null
    nginx_path="$(find_nginx)" || { echo "nginx was installed but is not where expected" >&2; exit 1; }
  else
    echo "No nginx and no apt: the several-instances test behind nginx will FAIL (install Debian's nginx package)."
  fi
fi
[[ -n "${nginx_path:-}" ]] && echo "The several-instances test uses ${nginx_path}" && export BLOG_TEST_NGINX="$nginx_path"

# The tests' own tools (smtp4dev, the SMTP server the email tests send through), from .config/dotnet-tools.json.
dotnet tool restore

results="$root/TestResults"
rm -rf "$results"

status=0
dotnet test "$root/Blog.Web.sln" --configuration Release \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "No test results were written: the build or the test run failed before any test ran." >&2
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

# Count outcomes from the TRX files' own counters, not from the runner's console text.
counter() { # sums one attribute of the <Counters> element over all result files
  local total=0 value
  for file in "${trx_files[@]}"; do
    value=$(grep -o "<Counters [^>]*" "$file" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0)
    total=$((total + ${value:-0}))
  done
  echo "$total"
}
passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(counter notExecuted)

summary="Tests: ${passed} passed, ${failed} failed"
[[ "$skipped" -gt 0 ]] && summary+=", ${skipped} skipped"
echo "$summary"

if [[ "$status" -ne 0 || "$failed" -ne 0 || "$passed" -eq 0 ]]; then
  exit 1
fi
