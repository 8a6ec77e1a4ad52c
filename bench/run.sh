#!/usr/bin/env bash
# The speed benchmark (not part of the tests):  bash bench/run.sh
#
# Builds the blog in Release, fills fresh databases with N generated posts (N = 10 and 10,000), starts the app and
# measures with wrk on loopback: requests/s and p50/p99 latency for the home page, a post, a tag page, the feed
# and a search at 64 connections; the same post's HTML served by nginx in the same run (the ratio app/nginx is the
# figure that matters: absolute numbers vary between machines); the post and home page with output caching off;
# the p50 ratio between 10,000 and 10 posts; time from process start to the first 200; resident memory after load.
# With the page cache off it also reads random posts from the whole archive, so most reads miss the in-memory read
# cache too: what a page costs when nothing about it is remembered.
# Environment: BENCH_DURATION (seconds per measurement, default 10), BENCH_WARMUP (seconds of load before each
# measurement, default 15: the JIT's second tier and dynamic PGO take that long to settle on two cores),
# BENCH_CONNECTIONS (default 64), BENCH_SIZES.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/blog-bench.XXXXXX)"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-15}"
connections="${BENCH_CONNECTIONS:-64}"
sizes="${BENCH_SIZES:-10 10000}"
app_port=5310
nginx_port=5311
app_pid=""
nginx_pid=""

cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "bench needs $1 (Debian package $2)" >&2; exit 1
  fi
}
need wrk wrk
need nginx nginx-light
need curl curl
need sqlite3 sqlite3

echo "Building (Release)..."
dotnet publish "$root/src/Blog.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" --nologo -v q >/dev/null
dotnet build "$root/bench/BlogBench" -c Release -o "$work/seeder" --nologo -v q >/dev/null

start_app() { # $1 database, $2 output cache on/off
  local started; started=$(date +%s%N)
  ( cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
      ConnectionStrings__Blog="Data Source=$1" Blog__OutputCache__Enabled="$2" Blog__SeedSampleContent=false \
      Logging__LogLevel__Default=Warning exec dotnet Blog.Web.dll ) >"$work/app.log" 2>&1 &
  app_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$app_port/"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.02
  done
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

# wrk's latency report in ms: "<rps> <p50> <p99>"; a second argument is a wrk Lua script.
measure() {
  local url="$1" script=() out
  [[ -n "${2:-}" ]] && script=(-s "$2")
  # Warm-up first: the JIT's second tier and the caches settle before anything is counted.
  wrk -t2 -c"$connections" -d"${warmup}s" "${script[@]}" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$connections" -d"${duration}s" --latency "${script[@]}" "$url" >"$work/wrk.txt" 2>&1 || true
  out=$(awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    $1=="50%" { p50=ms($2) }
    $1=="99%" { p99=ms($2) }
    /Non-2xx/ { bad=$NF }
    END { printf "%.0f %.2f %.2f %s", rps, p50, p99, (bad==""?0:bad) }' "$work/wrk.txt")
  echo "$out"
}

declare -A result
rows=()
record() { # name rps p50 p99
  result["$1"]="$2 $3 $4"
  rows+=("$1")
}

for n in $sizes; do
  db="$work/blog-$n.db"
  dotnet "$work/seeder/BlogBench.dll" "$db" "$n"
  post=$(sqlite3 "$db" "SELECT Slug FROM Posts ORDER BY PublishedAtUtc LIMIT 1 OFFSET $((n / 2));" 2>/dev/null || true)
  if [[ -z "$post" ]]; then post=$(curl -s "http://127.0.0.1:$app_port/" | grep -o 'href="/blog/[^"/]*"' | head -1 | cut -d/ -f3 | tr -d '"'); fi

  start_app "$db" true
  result["start-$n"]="$startup_ms"
  [[ -z "$post" ]] && post=$(curl -s "http://127.0.0.1:$app_port/" | grep -o 'href="/blog/[^"/]*"' | head -1 | cut -d/ -f3 | tr -d '"')
  declare -A urls=(
    [home]="/"
    [post]="/blog/$post"
    [tag]="/blog/tag/travel"
    [feed]="/feed/rss"
    [search]="/search?q=harbour"
  )
  for name in home post tag feed search; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app_port${urls[$name]}")
    if [[ "$status" != 200 ]]; then record "$name N=$n" "n/a($status)" "-" "-"; continue; fi
    curl -s -o /dev/null "http://127.0.0.1:$app_port${urls[$name]}" # warm the cache
    read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$app_port${urls[$name]}")
    record "$name N=$n" "$rps" "$p50" "$p99"
  done
  result["rss-$n"]=$(( $(ps -o rss= -p "$app_pid" | tr -d ' ') / 1024 ))

  if [[ "$n" == "${sizes##* }" ]]; then
    # nginx serving the very same bytes of the post page.
    mkdir -p "$work/static/blog" "$work/nginx"
    curl -s "http://127.0.0.1:$app_port/blog/$post" -o "$work/static/blog/$post.html"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location / { try_files \$uri.html =404; }
  }
}
CONF
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
    nginx_pid=$!
    sleep 0.5
    read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$nginx_port/blog/$post")
    record "nginx post (same bytes)" "$rps" "$p50" "$p99"
    kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
    stop_app

    start_app "$db" false
    result["start-uncached"]="$startup_ms"
    for name in home post; do
      read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$app_port${urls[$name]}")
      record "$name N=$n uncached" "$rps" "$p50" "$p99"
    done

    # Random posts from the whole archive: the read cache holds a few hundred, so nearly every read is a miss.
    sqlite3 "$db" "SELECT Slug FROM Posts;" | awk 'BEGIN { print "local paths = {" } { printf "  \"/blog/%s\",\n", $0 } END {
      print "}"; print "math.randomseed(42)"; print "request = function() return wrk.format(\"GET\", paths[math.random(#paths)]) end" }' >"$work/random.lua"
    read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$app_port/" "$work/random.lua")
    record "random post N=$n uncached" "$rps" "$p50" "$p99"
  fi
  stop_app
done

# The table.
printf '\n%-30s %10s %10s %10s\n' "what" "req/s" "p50 ms" "p99 ms"
for row in "${rows[@]}"; do
  read -r rps p50 p99 <<<"${result[$row]}"
  printf '%-30s %10s %10s %10s\n' "$row" "$rps" "$p50" "$p99"
done

big="${sizes##* }"; small="${sizes%% *}"
nginx_rps=$(awk '{print $1}' <<<"${result["nginx post (same bytes)"]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0 || a !~ /^[0-9.]+$/) print "n/a"; else printf "%.2f", a/b }'; }
echo
echo "cached post / nginx (req/s):   $(ratio "$(awk '{print $1}' <<<"${result["post N=$big"]}")" "$nginx_rps")   (target >= 0.6)"
echo "uncached post / nginx (req/s): $(ratio "$(awk '{print $1}' <<<"${result["post N=$big uncached"]}")" "$nginx_rps")   (target >= 0.25)"
for name in home post tag search; do
  echo "p50 $name N=$big / N=$small:        $(ratio "$(awk '{print $2}' <<<"${result["$name N=$big"]}")" "$(awk '{print $2}' <<<"${result["$name N=$small"]}")")   (target <= 1.2)"
done
for n in $sizes; do
  echo "N=$n: start to first 200 ${result["start-$n"]} ms (target < 1000), resident memory after load ${result["rss-$n"]} MB (target < 150)"
done
echo "N=$big, page cache off: start to first 200 ${result["start-uncached"]} ms"
