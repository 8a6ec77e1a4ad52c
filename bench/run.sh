#!/usr/bin/env bash
# The speed benchmark (not part of the tests):  bash bench/run.sh
#
# Builds the blog in Release, fills fresh databases with N generated posts (N = 10 and 10,000), starts the app on each
# and measures with wrk on loopback: requests/s and p50/p99 latency for the home page, a post, a tag page, the feed and
# a search at 64 connections; the same post's HTML served by nginx in the same run (the ratio app/nginx is the figure
# that matters: absolute numbers vary between machines); the post and home page with the page cache off, and random
# posts from the whole archive with it off (nearly every read then misses the in-memory read cache too); the p50 ratio
# between 10,000 and 10 posts; time from process start to the first 200; resident memory after the load; the cached
# post read by a browser's user agent with reader statistics on and off, side by side (every request counted). Two
# floors in the same rounds: a bare Kestrel app writing the post's bytes (bench/BareKestrel), beside the cached post,
# and the template below rendering its near-empty home page, beside the uncached ones.
#
# The footprint beside the framework's own template: the ASP.NET Core Razor Pages template with Identity and EF Core
# SQLite (`dotnet new webapp -au Individual` from the installed SDK), published as the blog is (Release, ReadyToRun,
# framework-dependent), its database created once; then, alternately, each app restarted on its existing database
# BENCH_STARTS times: time to the first 200, resident memory (VmRSS) idle after start and after 10 s of load at 64
# connections (the template's home page, a post of the blog); medians and the ratios blog/template. Beside it a second
# anchor, the same template whose home page counts its users in its database (the least a blog's home page does: the
# template's own never opens its database, so it never pays for EF Core's first query), and the ratio to that. The
# templates are published once per SDK version into BENCH_CACHE (default ~/.cache/blog-bench; a publish takes minutes).
#
# Every measurement is taken BENCH_ROUNDS times, the rounds interleaved (10 posts, 10,000 posts, nginx, 10 posts, ...,
# every other round backwards), and the median is reported: a shared machine's speed drifts, and interleaving puts the
# drift into every figure alike. Environment: BENCH_DURATION (seconds per measurement, default 6), BENCH_WARMUP
# (seconds of load on each address before the rounds, default 15: the JIT's second tier and dynamic PGO take that long
# to settle on two cores), BENCH_ROUNDS (default 4), BENCH_CONNECTIONS (default 64), BENCH_SIZES (the two archive sizes, default "10 10000"),
# BENCH_STARTS (restarts of each app for the footprint, default 5), BENCH_PARTS (default "footprint reads"; either alone).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/blog-bench.XXXXXX)"
duration="${BENCH_DURATION:-6}"
warmup="${BENCH_WARMUP:-15}"
rounds="${BENCH_ROUNDS:-4}"
connections="${BENCH_CONNECTIONS:-64}"
read -r small big <<<"${BENCH_SIZES:-10 10000}"
starts="${BENCH_STARTS:-5}"
parts=" ${BENCH_PARTS:-footprint reads} "
cache="${BENCH_CACHE:-$HOME/.cache/blog-bench}"
nginx_port=5311
pids=()
nginx_pid=""

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
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
dotnet publish "$root/bench/BareKestrel" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bare" --nologo -v q >/dev/null

# The anchor: the framework's Razor Pages template with Identity on SQLite, published exactly as the blog is.
template="$cache/template-$(dotnet --version)"
if [[ ! -f "$template/app/Anchor.dll" ]]; then
  echo "Building the template anchor (dotnet new webapp -au Individual; once per SDK, into $template)..."
  rm -rf "$template" && mkdir -p "$template"
  ( cd "$template" && dotnet new webapp -au Individual -n Anchor -o src >/dev/null &&
    dotnet publish src -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o app --nologo -v q >/dev/null )
  # Its database, created once (the template ships it migrated; the app does not migrate in Production).
  [[ -n "$(sqlite3 "$template/app/app.db" "SELECT name FROM sqlite_master WHERE name = 'AspNetUsers';")" ]] ||
    { echo "the template's app.db has no Identity tables" >&2; exit 1; }
fi
# The second anchor: the same template whose home page reads its database once per request, as the least a blog's
# home page must do (the template's own never opens it, so it never pays for EF Core's first query).
if [[ "$parts" == *" footprint "* && ! -f "$template/app-db/Anchor.dll" ]]; then
  echo "Building the template anchor that reads its database (into $template/app-db)..."
  rm -rf "$template/src-db" "$template/app-db" && cp -r "$template/src" "$template/src-db" && rm -rf "$template/src-db/bin" "$template/src-db/obj"
  cat >"$template/src-db/Pages/Index.cshtml.cs" <<'CS'
using Anchor.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Anchor.Pages;

public class IndexModel(ApplicationDbContext db) : PageModel
{
    public int Users { get; private set; }

    public async Task OnGetAsync() => Users = await db.Users.AsNoTracking().Where(u => u.Email != null).CountAsync();
}
CS
  ( cd "$template" && dotnet publish src-db -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o app-db --nologo -v q >/dev/null )
  cp "$template/app/app.db" "$template/app-db/app.db"
fi

declare -A result

# Waits until the app of process $1 answers its first 200 on port $2; if it dies first, prints its log $3 and stops.
wait_up() {
  until curl -fs -o /dev/null "http://127.0.0.1:$2/"; do
    kill -0 "$1" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.01
  done
}

start_app() { # $1 name, $2 port, $3 database, $4 page cache true/false, $5 statistics (default true); records start-$1 and pid-$1
  local started pid; started=$(date +%s%N)
  ( cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$2" \
      ConnectionStrings__Blog="Data Source=$3" Blog__OutputCache__Enabled="$4" Blog__Statistics__Enabled="${5:-true}" Blog__SeedSampleContent=false \
      Logging__LogLevel__Default=Warning exec dotnet Blog.Web.dll ) >"$work/app-$1.log" 2>&1 &
  pid=$!
  wait_up "$pid" "$2" "$work/app-$1.log"
  result["start-$1"]=$(( ($(date +%s%N) - started) / 1000000 ))
  result["pid-$1"]=$pid
  pids+=("$pid")
}

stop_app() { # $1 name
  local pid="${result["pid-$1"]}"
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
rss_mb() { echo $(( $(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status") / 1024 )); }

# One wrk run: "<rps> <p50 ms> <p99 ms> <non-2xx>". $1 URL, $2 seconds, $3 optional wrk Lua script.
wrk_once() {
  local script=()
  if [[ -n "${3:-}" ]]; then script=(-s "$3"); fi
  # wrk's own exit status is not a verdict (it reports socket errors in its text); the figures are.
  { wrk -t2 -c"$connections" -d"$2s" --latency "${script[@]}" "$1" 2>&1 || true; } | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 }
    $1=="50%" { p50=ms($2) }
    $1=="99%" { p99=ms($2) }
    /Non-2xx/ { bad=$NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad==""?0:bad) }'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR]=$1 } END { print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2) }'; }

# Measures each "label|url|script" of the arguments in interleaved rounds after one warm-up each; records medians.
rows=()
measure_all() {
  local spec label url script rps p50 p99 bad
  declare -A all_rps all_p50 all_p99
  for spec in "$@"; do
    IFS='|' read -r label url script <<<"$spec"
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    [[ "$status" == 200 ]] || { echo "$label: $url answered $status" >&2; exit 1; }
    wrk_once "$url" "$warmup" "$script" >/dev/null
  done
  local order=("$@") reversed=() i
  for ((i = $# - 1; i >= 0; i--)); do reversed+=("${order[i]}"); done
  for ((round = 1; round <= rounds; round++)); do
    # Every other round runs backwards, so no address always follows the same one.
    local this_round=("${order[@]}")
    ((round % 2 == 0)) && this_round=("${reversed[@]}")
    for spec in "${this_round[@]}"; do
      IFS='|' read -r label url script <<<"$spec"
      read -r rps p50 p99 bad < <(wrk_once "$url" "$duration" "$script")
      [[ "$bad" == 0 ]] || { echo "$label: $bad responses were not 2xx" >&2; exit 1; }
      all_rps[$label]+="$rps "; all_p50[$label]+="$p50 "; all_p99[$label]+="$p99 "
    done
  done
  for spec in "$@"; do
    IFS='|' read -r label url script <<<"$spec"
    result["$label"]="$(median <<<"${all_rps[$label]}") $(median <<<"${all_p50[$label]}") $(median <<<"${all_p99[$label]}")"
    rows+=("$label")
  done
}

for n in $small $big; do
  dotnet "$work/seeder/BlogBench.dll" "$work/blog-$n.db" "$n"
done
post_small=$(sqlite3 "$work/blog-$small.db" "SELECT Slug FROM Posts ORDER BY PublishedAtUtc LIMIT 1 OFFSET $((small / 2));")
post_big=$(sqlite3 "$work/blog-$big.db" "SELECT Slug FROM Posts ORDER BY PublishedAtUtc LIMIT 1 OFFSET $((big / 2));")

# 0. The footprint beside the template. One restart of an app on its existing database sets fp to
#    "<ms to the first 200> <CPU ms spent by then> <MB idle> <MB after 10 s of load> <req/s of that load>". The CPU time
#    is the steadier figure on a busy machine: it does not count the time spent waiting for a core.
#    $1 name, $2 folder, $3 dll, $4 port, $5 path loaded, $6 "measure" or "warm" (start only), then environment.
fp=""
restart() {
  local name=$1 dir=$2 dll=$3 port=$4 path=$5 mode=$6; shift 6
  local started pid ms cpu idle loaded rps bad
  started=$(date +%s%N)
  ( cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" dotnet "$dll" ) \
    >"$work/restart-$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_up "$pid" "$port" "$work/restart-$name.log"
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  cpu=$(cpu_ms "$pid")
  if [[ $mode == measure ]]; then
    sleep "${BENCH_IDLE:-5}" # idle: what it holds once started and its first page answered
    idle=$(rss_mb "$pid")
    read -r rps _ _ bad < <(wrk_once "http://127.0.0.1:$port$path" 10)
    [[ "$bad" == 0 ]] || { echo "$name: $bad responses were not 2xx" >&2; exit 1; }
    loaded=$(rss_mb "$pid")
  fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  fp="$ms $cpu ${idle:-0} ${loaded:-0} ${rps:-0}"
}

if [[ "$parts" == *" footprint "* ]]; then
  echo "Footprint: $starts restarts of each app, alternately..."
  template_app=(template "$template/app" Anchor.dll 5320 /)
  template_db_app=(template-db "$template/app-db" Anchor.dll 5322 /)
  blog_app=(blog "$work/app" Blog.Web.dll 5321 "/blog/$post_big")
  blog_env=("ConnectionStrings__Blog=Data Source=$work/blog-$big.db")
  # One start of each first, unmeasured: the blog's first start on the seeded file and cold disk caches are not restarts.
  restart "${template_app[@]}" warm
  restart "${template_db_app[@]}" warm
  restart "${blog_app[@]}" warm "${blog_env[@]}"
  declare -A fps
  for ((i = 1; i <= starts; i++)); do
    # Every other restart the other app goes first.
    if ((i % 2)); then order=(template template-db blog); else order=(blog template-db template); fi
    for which in "${order[@]}"; do
      case $which in
        template) restart "${template_app[@]}" measure ;;
        template-db) restart "${template_db_app[@]}" measure ;;
        blog) restart "${blog_app[@]}" measure "${blog_env[@]}" ;;
      esac
      read -r ms cpu idle loaded rps <<<"$fp"
      fps[$which-ms]+="$ms "; fps[$which-cpu]+="$cpu "; fps[$which-idle]+="$idle "; fps[$which-loaded]+="$loaded "; fps[$which-rps]+="$rps "
    done
  done
  for which in template template-db blog; do
    for k in ms cpu idle loaded rps; do result["fp-$which-$k"]=$(median <<<"${fps[$which-$k]}"); done
  done
fi

if [[ "$parts" == *" reads "* ]]; then
# 1. The page cache on, for both archive sizes, beside nginx serving the very same bytes of the post page.
start_app "$small" 5310 "$work/blog-$small.db" true
start_app "$big" 5312 "$work/blog-$big.db" true
mkdir -p "$work/static/blog" "$work/nginx"
chmod 755 "$work" "$work/static" "$work/static/blog" # nginx's worker runs as nobody
curl -s "http://127.0.0.1:5312/blog/$post_big" -o "$work/static/blog/$post_big.html"
# As a static site would be served: a worker per core, sendfile.
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  # The default (1,000) closes each connection after 1,000 requests; the app never pays such reconnects.
  keepalive_requests 100000;
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
same=$(curl -s "http://127.0.0.1:$nginx_port/blog/$post_big" | cmp -s - "$work/static/blog/$post_big.html" && echo yes || echo no)
[[ "$same" == yes ]] || { echo "nginx does not serve the post's bytes" >&2; cat "$work/nginx/error.log" >&2; exit 1; }

# The floors, in the same rounds: Kestrel alone writing those bytes (bench/BareKestrel: what the page cache adds is the
# distance to it), and the framework's own template rendering its home page (a near-empty Razor page that reads no
# database: what the blog's uncached render costs beside the least a Razor page costs).
start_floor() { # $1 name, $2 folder, $3 dll, $4 port, then environment
  local name=$1 dir=$2 dll=$3 port=$4 pid; shift 4
  ( cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" dotnet "$dll" ) >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_up "$pid" "$port" "$work/$name.log"
}
start_floor bare "$work/bare" BareKestrel.dll 5315 "BENCH_BODY_FILE=$work/static/blog/$post_big.html"
start_floor template "$template/app" Anchor.dll 5316
curl -s "http://127.0.0.1:5315/blog/$post_big" | cmp -s - "$work/static/blog/$post_big.html" ||
  { echo "the bare Kestrel app does not serve the post's bytes" >&2; exit 1; }

specs=()
for page in home post tag feed search; do
  for n in $small $big; do
    port=$([[ $n == "$small" ]] && echo 5310 || echo 5312)
    post=$([[ $n == "$small" ]] && echo "$post_small" || echo "$post_big")
    case $page in
      home) path="/" ;; post) path="/blog/$post" ;; tag) path="/blog/tag/travel" ;; feed) path="/feed/rss" ;; search) path="/search?q=harbour" ;;
    esac
    specs+=("$page N=$n|http://127.0.0.1:$port$path|")
  done
  if [[ $page == post ]]; then
    specs+=("nginx post (same bytes)|http://127.0.0.1:$nginx_port/blog/$post_big|")
    specs+=("bare Kestrel (same bytes)|http://127.0.0.1:5315/blog/$post_big|")
  fi
done
measure_all "${specs[@]}"
result["rss-$small"]=$(rss_mb "${result["pid-$small"]}")
result["rss-$big"]=$(rss_mb "${result["pid-$big"]}")
stop_app "$small"
stop_app "$big"

# 2. The page cache off: what a render costs, from the read cache (home, one post) and from the database (random posts).
start_app uncached 5312 "$work/blog-$big.db" false
sqlite3 "$work/blog-$big.db" "SELECT Slug FROM Posts;" | awk 'BEGIN { print "local paths = {" } { printf "  \"/blog/%s\",\n", $0 } END {
  print "}"; print "math.randomseed(42)"; print "request = function() return wrk.format(\"GET\", paths[math.random(#paths)]) end" }' >"$work/random.lua"
measure_all \
  "home N=$big uncached|http://127.0.0.1:5312/|" \
  "post N=$big uncached|http://127.0.0.1:5312/blog/$post_big|" \
  "nginx post, again|http://127.0.0.1:$nginx_port/blog/$post_big|" \
  "template home (empty Razor page)|http://127.0.0.1:5316/|" \
  "random post N=$big uncached|http://127.0.0.1:5312/|$work/random.lua"
result["rss-uncached"]=$(rss_mb "${result["pid-uncached"]}")
stop_app uncached

# 3. Reader statistics on and off, in the same rounds: the cached post fetched with a browser's user agent, so that every
#    request is counted as a view (wrk sends none of its own, which the statistics would drop as a program's).
sqlite3 "$work/blog-$big.db" "VACUUM INTO '$work/blog-stats-off.db';"
start_app stats-on 5312 "$work/blog-$big.db" true true
start_app stats-off 5313 "$work/blog-stats-off.db" true false
printf 'wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"\n' >"$work/browser.lua"
measure_all \
  "post N=$big statistics on|http://127.0.0.1:5312/blog/$post_big|$work/browser.lua" \
  "post N=$big statistics off|http://127.0.0.1:5313/blog/$post_big|$work/browser.lua"
stop_app stats-on # (stopping writes the last counts)
result["counted"]=$(sqlite3 "$work/blog-$big.db" "SELECT coalesce(sum(Views), 0) FROM StatisticsPages;")
stop_app stats-off

fi

# The table.
field() { awk -v i="$2" '{ print $i }' <<<"${result[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0) print "n/a"; else printf "%.2f", a/b }'; }
if [[ "$parts" == *" reads "* ]]; then
printf '\n%-30s %10s %10s %10s\n' "what (median of $rounds)" "req/s" "p50 ms" "p99 ms"
for row in "${rows[@]}"; do
  read -r rps p50 p99 <<<"${result[$row]}"
  printf '%-30s %10s %10s %10s\n' "$row" "$rps" "$p50" "$p99"
done

echo
echo "cached post / nginx (req/s):   $(ratio "$(field "post N=$big" 1)" "$(field "nginx post (same bytes)" 1)")   (target >= 0.9)"
echo "  the floor, bare Kestrel / nginx: $(ratio "$(field "bare Kestrel (same bytes)" 1)" "$(field "nginx post (same bytes)" 1)"); cached post / bare Kestrel: $(ratio "$(field "post N=$big" 1)" "$(field "bare Kestrel (same bytes)" 1)")"
echo "uncached post / nginx (req/s): $(ratio "$(field "post N=$big uncached" 1)" "$(field "nginx post, again" 1)")   (target >= 0.25)"
echo "  the floor, the template's empty Razor page / nginx: $(ratio "$(field "template home (empty Razor page)" 1)" "$(field "nginx post, again" 1)"); uncached post / that page: $(ratio "$(field "post N=$big uncached" 1)" "$(field "template home (empty Razor page)" 1)")"
echo "random uncached posts of $big / nginx (req/s): $(ratio "$(field "random post N=$big uncached" 1)" "$(field "nginx post, again" 1)")   (target >= 0.05)"
echo "p50 random uncached posts of $big / the one uncached post: $(ratio "$(field "random post N=$big uncached" 2)" "$(field "post N=$big uncached" 2)")"
echo "cached post, statistics on / off (req/s): $(ratio "$(field "post N=$big statistics on" 1)" "$(field "post N=$big statistics off" 1)")   (target >= 0.95; ${result["counted"]} views counted)"
for page in home post tag search; do
  echo "p50 $page N=$big / N=$small:        $(ratio "$(field "$page N=$big" 2)" "$(field "$page N=$small" 2)")   (target <= 1.2)"
done
for n in $small $big; do
  echo "N=$n: start to first 200 ${result["start-$n"]} ms (target < 1000), resident memory after load ${result["rss-$n"]} MB (target < 150)"
done
echo "N=$big, page cache off: start to first 200 ${result["start-uncached"]} ms, resident memory after load ${result["rss-uncached"]} MB"
fi

if [[ "$parts" == *" footprint "* ]]; then
  echo
  printf '%-44s %10s %10s %10s %8s %8s\n' "footprint (median of $starts restarts)" template "reads db" blog ratio "to db"
  for k in ms cpu idle loaded rps; do
    case $k in
      ms) what="restart to the first 200 (ms)" target="(target <= 1.0)" ;;
      cpu) what="CPU time to the first 200 (ms)" target="" ;;
      idle) what="resident memory idle (MB)" target="(target <= 1.0)" ;;
      loaded) what="resident memory after 10 s of load (MB)" target="(target <= 1.0)" ;;
      rps) what="that load (req/s; home page / a post)" target="" ;;
    esac
    printf '%-44s %10s %10s %10s %8s %8s %s\n' "$what" "${result["fp-template-$k"]}" "${result["fp-template-db-$k"]}" "${result["fp-blog-$k"]}" \
      "$(ratio "${result["fp-blog-$k"]}" "${result["fp-template-$k"]}")" "$(ratio "${result["fp-blog-$k"]}" "${result["fp-template-db-$k"]}")" "$target"
  done
fi
