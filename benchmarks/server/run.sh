#!/usr/bin/env bash
# Speed and memory benchmarks of registry-server, each figure next to a baseline measured in
# the same run on the same machine:
#   1. upload of a 200 MB JAR (store and hash only)   vs  sha256sum + cp + sync of the same file
#   2. 8 concurrent 200 MB uploads at -Xmx256m         all succeed, peak heap vs max heap
#   3. download of a 200 MB JAR                        vs  nginx serving the same file (loopback)
#   4. resolve of 3 identifiers, 64 connections (wrk)  H2 and PostgreSQL, vs nginx returning the
#                                                      same answer; targets 5,000 req/s, p99 < 20 ms
#   5. resolve with a registry API token and with an   vs anonymous resolve on the same server, rounds
#      OpenID Connect access token (a signed JWT)      interleaved; target >= 0.90x
#
# The servers trust an OpenID Connect provider played by this script: an RSA key made with openssl,
# its JWK set served by python3's http.server on loopback, and JWTs signed by util.py. Uploads and
# metrics use a JWT whose group makes it a platform administrator; resolve runs anonymously
# (registry.auth.anonymous-read=true), with a viewer API token created through the API, and with a
# JWT whose group is mapped to the viewer role of the default workspace.
#
# Usage: benchmarks/server/run.sh            (from anywhere; builds the server if it is not built)
# Environment: BUILD=1 rebuilds first; SIZE_MB (200), UPLOADS (5), CONCURRENT (8), DOWNLOADS (5),
#   WRK_WARMUP (10s, one warm-up round; rounds repeat until fewer than 50 methods are JIT-compiled
#   in a round and req/s is within 10% of the round before, at most WARMUP_ROUNDS=12), WRK_DURATION (15s),
#   AUTH_ROUNDS (3 rounds of anonymous, API token, JWT; each round starts with the next mode),
#   PG_URL_BASE (jdbc:postgresql://127.0.0.1:5432/test),
#   PGHOST/PGUSER/PGDATABASE for psql (127.0.0.1 / postgres / test), SKIP_PG=1 skips PostgreSQL,
#   PROFILE=1 samples the server's threads (jcmd Thread.print) during the measured phases and
#   prints the hottest frames (this slows the server: figures of a PROFILE run are not comparable).
# Everything listens on and talks to 127.0.0.1 only; every wait is bounded; all is cleaned up on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
UTIL="python3 $HERE/util.py"
RUN_STARTED=$EPOCHREALTIME

SIZE_MB=${SIZE_MB:-200}
UPLOADS=${UPLOADS:-5}
CONCURRENT=${CONCURRENT:-8}
DOWNLOADS=${DOWNLOADS:-5}
WRK_WARMUP=${WRK_WARMUP:-10s}
WRK_DURATION=${WRK_DURATION:-15s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-12}
HEAP=${HEAP:-256m}
PG_URL_BASE=${PG_URL_BASE:-jdbc:postgresql://127.0.0.1:5432/test}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

SERVER_JAR_SRC=$ROOT/registry-server/target/registry-server-0.1.0-SNAPSHOT.jar
SAMPLE_SEQUENCE=$ROOT/sample-connectors/sequence-source/target/sample-sequence-source-0.1.0-SNAPSHOT.jar
SAMPLE_ROW_FILE=$ROOT/sample-connectors/row-file-sink/target/sample-row-file-sink-0.1.0-SNAPSHOT.jar
SAMPLE_PSV=$ROOT/sample-connectors/psv-format/target/sample-psv-format-0.1.0-SNAPSHOT.jar
RESOLVE_BODY='{"identifiers":[{"identifier":"sequence"},{"identifier":"row-file"},{"identifier":"psv"}]}'

# ---------------------------------------------------------------------------------------------
# Helpers

elapsed() { awk -v a="$RUN_STARTED" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[%7ss] %s\n' "$(elapsed)" "$*"; }
die() { printf '[%7ss] FAILED: %s\n' "$(elapsed)" "$*" >&2; exit 1; }
now() { printf '%s' "$EPOCHREALTIME"; }
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
verdict() { # value op target
    if [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v v="$1" -v op="$2" -v t="$3" \
        'BEGIN { exit !((op == "<=" && v + 0 <= t + 0) || (op == ">=" && v + 0 >= t + 0) || (op == "<" && v + 0 < t + 0)) }'; then
        echo PASS
    elif [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
        echo MISS
    else
        echo "n/a"
    fi
}
CLK_TCK=$(getconf CLK_TCK)
machine_load() { # load average and CPU pressure: other processes on this machine skew every figure
    local pressure=""
    [[ -r /proc/pressure/cpu ]] && pressure=", CPU pressure $(awk '/^some/ { sub("avg10=", "", $2); print $2 "%" }' /proc/pressure/cpu) (10 s)"
    printf 'load %s%s' "$(cut -d' ' -f1 /proc/loadavg)" "$pressure"
}
cpu_ms() { awk -v hz="$CLK_TCK" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }

SERVER_PID="" NGINX_PID="" JWKS_PID="" POLL_PID="" SAMPLER_PID="" PG_SCHEMA="" WORK=""
BACKGROUND_PIDS=()

stop_pid() { # pid [seconds before SIGKILL]
    local pid=$1 grace=${2:-30} waited=0
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < grace * 10)); do sleep 0.1; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    for pid in "${BACKGROUND_PIDS[@]}"; do stop_pid "$pid" 2; done
    [[ -n $POLL_PID ]] && stop_pid "$POLL_PID" 2
    [[ -n $SAMPLER_PID ]] && stop_pid "$SAMPLER_PID" 2
    [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID" 30
    [[ -n $NGINX_PID ]] && stop_pid "$NGINX_PID" 10
    [[ -n $JWKS_PID ]] && stop_pid "$JWKS_PID" 5
    if [[ -n $PG_SCHEMA ]]; then
        timeout 30 psql -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1
    fi
    [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools: install from Debian what is missing (apt-get update once, then install)

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v curl >/dev/null || missing+=(curl)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v sha256sum >/dev/null || missing+=(coreutils)
command -v openssl >/dev/null || missing+=(openssl)
if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO=sudo
    log "installing from Debian: ${missing[*]}"
    timeout 600 $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null || die "java (17+) is needed"
command -v python3 >/dev/null || die "python3 is needed"

# ---------------------------------------------------------------------------------------------
# The server and the sample connectors

if [[ ${BUILD:-0} == 1 || ! -f $SERVER_JAR_SRC || ! -f $SAMPLE_SEQUENCE || ! -f $SAMPLE_ROW_FILE || ! -f $SAMPLE_PSV ]]; then
    for attempt in 1 2 3; do
        log "building (mvn -B -q -ntp install -DskipTests), attempt $attempt"
        if (cd "$ROOT" && timeout 1800 mvn -B -q -ntp install -DskipTests); then break; fi
        ((attempt < 3)) || die "the build failed"
        sleep 120
    done
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/registry-bench.XXXXXX")
chmod 755 "$WORK"   # nginx's workers may run as another user
mkdir -p "$WORK/jars" "$WORK/out"
# Private copies, so a rebuild by someone else during the run changes nothing here.
cp "$SERVER_JAR_SRC" "$WORK/registry-server.jar"
cp "$SAMPLE_SEQUENCE" "$WORK/jars/sequence.jar"
cp "$SAMPLE_ROW_FILE" "$WORK/jars/row-file.jar"
cp "$SAMPLE_PSV" "$WORK/jars/psv.jar"
REVISION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain -- registry-server registry-analyzer 2>/dev/null) ]] && REVISION="$REVISION+uncommitted"

# ---------------------------------------------------------------------------------------------
# An OpenID Connect provider for the servers: a signing key, its JWK set on loopback, signed JWTs

mkdir -p "$WORK/oidc/www"
timeout 60 openssl genrsa -out "$WORK/oidc/key.pem" 2048 2>/dev/null || die "openssl could not make an RSA key"
$UTIL jwks "$WORK/oidc/key.pem" >"$WORK/oidc/www/jwks.json"
JWKS_PORT=$($UTIL free-port)
python3 -m http.server "$JWKS_PORT" --bind 127.0.0.1 --directory "$WORK/oidc/www" >"$WORK/oidc/http.log" 2>&1 &
JWKS_PID=$!
JWKS_URL=http://127.0.0.1:$JWKS_PORT/jwks.json
waited=0
until curl -fsS --max-time 2 -o /dev/null "$JWKS_URL" 2>/dev/null; do
    ((waited < 100)) && kill -0 "$JWKS_PID" 2>/dev/null || { cat "$WORK/oidc/http.log" >&2; die "the JWK set server did not start"; }
    sleep 0.1
    waited=$((waited + 1))
done
ADMIN_JWT=$($UTIL jwt "$WORK/oidc/key.pem" bench-admin bench-admins registry-bench 14400)
VIEWER_JWT=$($UTIL jwt "$WORK/oidc/key.pem" bench-viewer bench-viewers registry-bench 14400)
export REGISTRY_TOKEN=$ADMIN_JWT   # util.py metric/poll
AUTH=(-H "Authorization: Bearer $ADMIN_JWT")
AUTH_ARGS=(--registry.auth.anonymous-read=true --registry.auth.oidc.jwk-set-uri="$JWKS_URL"
    --registry.auth.oidc.audiences=registry-bench --registry.auth.oidc.platform-admin-groups=bench-admins
    --registry.auth.oidc.group-roles[0].group=bench-viewers --registry.auth.oidc.group-roles[0].workspace=default
    --registry.auth.oidc.group-roles[0].role=viewer)

log "registry-server benchmarks: revision $REVISION, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "machine before start: $(machine_load) (other processes on the machine share its cores)"
LOADS=()

SERVER_LOG="" BASE="" API=""
start_server() { # name data-dir [extra arguments]
    local name=$1 data=$2 port waited=0 started=$EPOCHREALTIME
    shift 2
    port=$($UTIL free-port)
    SERVER_LOG=$WORK/out/server-$name.log
    java -Xmx"$HEAP" -jar "$WORK/registry-server.jar" --server.port="$port" --server.address=127.0.0.1 \
        --registry.storage.data-dir="$data" "${AUTH_ARGS[@]}" "$@" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    BASE=http://127.0.0.1:$port
    API=$BASE/api/v1/workspaces/default
    until curl -fsS --max-time 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$SERVER_LOG" >&2; die "the $name server exited while starting"; }
        ((waited < 1200)) || { tail -40 "$SERVER_LOG" >&2; die "the $name server did not start within 180 s"; }
        sleep 0.1
        waited=$((waited + 1))
    done
    log "$name server up on $BASE (pid $SERVER_PID) after $(ms_since "$started") ms"
}

stop_server() {
    [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID" 30
    SERVER_PID=""
}

# POST a JAR as a raw body (streamed by curl, not read into its memory first); prints "status seconds".
post_jar() { # file url response-body response-headers
    curl -sS --max-time 600 -o "$3" -D "$4" -w '%{http_code} %{time_total}' -X POST "${AUTH[@]}" \
        -H 'Content-Type: application/java-archive' -H 'Expect:' -T "$1" "$2"
}

server_timing() { # headers-file receive|register
    tr -d '\r' <"$1" | awk -v key="$2" 'tolower($0) ~ /^server-timing:/ { if (match($0, key ";dur=[0-9.]+")) { s = substr($0, RSTART, RLENGTH); sub(/.*=/, "", s); print s } }'
}

register_samples() { # connector names = identifiers
    local name result
    for name in sequence row-file psv; do
        result=$(post_jar "$WORK/jars/$name.jar" "$API/connectors?name=$name" "$WORK/out/register-$name.json" "$WORK/out/register-$name.h")
        [[ ${result%% *} == 201 ]] || { cat "$WORK/out/register-$name.json" >&2; die "registering $name answered ${result%% *}"; }
    done
    log "registered sequence, row-file, psv"
}

# Thread sampling (PROFILE=1): top frames of runnable threads while a phase runs.
start_sampler() { # label
    [[ ${PROFILE:-0} == 1 ]] || return 0
    local label=$1
    (
        end=$((SECONDS + 120))
        while ((SECONDS < end)) && kill -0 "$SERVER_PID" 2>/dev/null; do
            timeout 5 jcmd "$SERVER_PID" Thread.print 2>/dev/null
            echo '=== SAMPLE END ==='
            sleep 0.2
        done
    ) >"$WORK/out/threads-$label.txt" &
    SAMPLER_PID=$!
}

stop_sampler() { # label
    [[ ${PROFILE:-0} == 1 && -n $SAMPLER_PID ]] || return 0
    stop_pid "$SAMPLER_PID" 5
    SAMPLER_PID=""
    echo "--- hottest frames of runnable threads during $1 ($(grep -c 'SAMPLE END' "$WORK/out/threads-$1.txt") dumps) ---"
    python3 "$HERE/hot_frames.py" "$WORK/out/threads-$1.txt" 25 || true
}

# ---------------------------------------------------------------------------------------------
# Test inputs: distinct, valid connector JARs of SIZE_MB each

log "building $((1 + UPLOADS + CONCURRENT)) distinct ${SIZE_MB} MB connector JARs"
big=()
for i in $(seq 0 "$UPLOADS"); do big+=("$WORK/jars/upload-$i.jar"); done
for i in $(seq 1 "$CONCURRENT"); do big+=("$WORK/jars/concurrent-$i.jar"); done
timeout 900 python3 "$HERE/make_jar.py" "$WORK/jars/sequence.jar" "$SIZE_MB" "${big[@]}"
timeout 300 sync   # so that no earlier dirty data is flushed by the fsyncs measured below
JAR_BYTES=$(stat -c %s "$WORK/jars/upload-1.jar")
log "inputs ready ($JAR_BYTES bytes each)"

# ---------------------------------------------------------------------------------------------
# H2 server: uploads, downloads, concurrent uploads, resolve

start_server h2 "$WORK/data-h2"
register_samples

log "1. upload: warm-up upload (not counted), then $UPLOADS measured, each after its baseline"
result=$(post_jar "$WORK/jars/upload-0.jar" "$API/connectors/sequence/versions" "$WORK/out/upload-0.json" "$WORK/out/upload-0.h")
[[ ${result%% *} == 201 ]] || { cat "$WORK/out/upload-0.json" >&2; die "warm-up upload answered ${result%% *}"; }
log "   warm-up: receive $(server_timing "$WORK/out/upload-0.h" receive) ms, register $(server_timing "$WORK/out/upload-0.h" register) ms, curl ${result#* } s"
receive=() register=() curl_ms=() baseline=() hash_ms=() copy_ms=()
start_sampler upload
cpu_before=$(cpu_ms "$SERVER_PID")
for i in $(seq 1 "$UPLOADS"); do
    f=$WORK/jars/upload-$i.jar
    t=$(now)
    sha256sum "$f" >/dev/null
    h=$(ms_since "$t")
    cp "$f" "$WORK/copy.jar"
    sync "$WORK/copy.jar"
    b=$(ms_since "$t")
    rm -f "$WORK/copy.jar"
    baseline+=("$b") hash_ms+=("$h") copy_ms+=("$(awk -v b="$b" -v h="$h" 'BEGIN { printf "%.1f", b - h }')")
    result=$(post_jar "$f" "$API/connectors/sequence/versions" "$WORK/out/upload-$i.json" "$WORK/out/upload-$i.h")
    [[ ${result%% *} == 201 ]] || { cat "$WORK/out/upload-$i.json" >&2; die "upload $i answered ${result%% *}"; }
    r=$(server_timing "$WORK/out/upload-$i.h" receive)
    g=$(server_timing "$WORK/out/upload-$i.h" register)
    c=$(awk -v s="${result#* }" 'BEGIN { printf "%.1f", s * 1000 }')
    receive+=("$r") register+=("$g") curl_ms+=("$c")
    log "   upload $i: receive $r ms, register $g ms, curl $c ms | baseline $b ms (sha256sum $h ms, cp+sync ${copy_ms[-1]} ms)"
done
upload_cpu=$(( $(cpu_ms "$SERVER_PID") - cpu_before ))
LOADS+=("1: $(machine_load)")
stop_sampler upload
RECEIVE=$(median "${receive[@]}") REGISTER=$(median "${register[@]}") CURL=$(median "${curl_ms[@]}")
BASELINE=$(median "${baseline[@]}") HASH=$(median "${hash_ms[@]}") COPY=$(median "${copy_ms[@]}")
DOWNLOAD_SHA=$($UTIL json-get "$WORK/out/upload-1.json" version.sha256)
log "   medians: receive $RECEIVE ms, register $REGISTER ms, curl $CURL ms, baseline $BASELINE ms; server CPU $upload_cpu ms for $UPLOADS uploads (incl. analysis in-process part)"

log "3. download: registry vs nginx serving the same file (hard link of the stored blob)"
BLOB=$(find "$WORK/data-h2" -name "$DOWNLOAD_SHA.jar" -type f | head -1)
[[ -n $BLOB ]] || die "the stored blob $DOWNLOAD_SHA.jar was not found under the data directory"
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp" "$WORK/nginx/logs"
ln "$BLOB" "$WORK/nginx/www/$DOWNLOAD_SHA.jar" 2>/dev/null || cp "$BLOB" "$WORK/nginx/www/$DOWNLOAD_SHA.jar"
curl -fsS --max-time 30 -o "$WORK/out/resolve-h2.json" -X POST "${AUTH[@]}" -H 'Content-Type: application/json' -d "$RESOLVE_BODY" "$API/resolve"
NGINX_PORT=$($UTIL free-port)
cat >"$WORK/nginx/nginx.conf" <<EOF
user $(id -un) $(id -gn);
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000000;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    types { application/java-archive jar; }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/www;
        location = /resolve {
            default_type application/json;
            return 200 $($UTIL nginx-string "$WORK/out/resolve-h2.json");
        }
    }
}
EOF
"$NGINX" -e "$WORK/nginx/logs/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
waited=0
until curl -fsS --max-time 2 -o /dev/null -I "http://127.0.0.1:$NGINX_PORT/$DOWNLOAD_SHA.jar" 2>/dev/null; do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/logs/error.log" >&2; die "nginx exited"; }
    ((waited < 100)) || die "nginx did not start within 10 s"
    sleep 0.1
    waited=$((waited + 1))
done
REGISTRY_URL=$API/jars/$DOWNLOAD_SHA
NGINX_URL=http://127.0.0.1:$NGINX_PORT/$DOWNLOAD_SHA.jar
for url in "$REGISTRY_URL" "$NGINX_URL"; do   # warm-up, and both serve exactly the stored bytes
    got=$(curl -fsS --max-time 120 "${AUTH[@]}" "$url" | sha256sum | cut -d' ' -f1)
    [[ $got == "$DOWNLOAD_SHA" ]] || die "$url served bytes with SHA-256 $got"
done
registry_speed=() nginx_speed=()
start_sampler download
cpu_before=$(cpu_ms "$SERVER_PID")
for i in $(seq 1 "$DOWNLOADS"); do
    r=$(curl -fsS --max-time 120 "${AUTH[@]}" -o /dev/null -w '%{speed_download}' "$REGISTRY_URL")
    n=$(curl -fsS --max-time 120 -o /dev/null -w '%{speed_download}' "$NGINX_URL")
    registry_speed+=("$(awk -v s="$r" 'BEGIN { printf "%.1f", s / 1e6 }')")
    nginx_speed+=("$(awk -v s="$n" 'BEGIN { printf "%.1f", s / 1e6 }')")
    log "   download $i: registry ${registry_speed[-1]} MB/s, nginx ${nginx_speed[-1]} MB/s"
done
download_cpu=$(( $(cpu_ms "$SERVER_PID") - cpu_before ))
LOADS+=("3: $(machine_load)")
stop_sampler download
DL_REGISTRY=$(median "${registry_speed[@]}") DL_NGINX=$(median "${nginx_speed[@]}")
log "   medians: registry $DL_REGISTRY MB/s, nginx $DL_NGINX MB/s; server CPU $download_cpu ms for $DOWNLOADS downloads of $((JAR_BYTES / 1048576)) MiB (sendfile keeps it near 0 in user space)"

log "2. $CONCURRENT concurrent ${SIZE_MB} MB uploads to the -Xmx$HEAP server, heap polled every 100 ms"
HEAP_IDLE=$($UTIL metric "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap")
HEAP_MAX=$($UTIL metric "$BASE/actuator/metrics/jvm.memory.max?tag=area:heap")
HEAP_FLAG=$(timeout 10 jcmd "$SERVER_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' || true)
[[ -n $HEAP_FLAG ]] || HEAP_FLAG=$HEAP_MAX
rm -f "$WORK/out/poll.stop"
$UTIL poll "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap" "$SERVER_PID" "$WORK/out/poll.txt" "$WORK/out/poll.stop" 900 &
POLL_PID=$!
sleep 0.5
start_sampler concurrent
t=$(now)
BACKGROUND_PIDS=()
for i in $(seq 1 "$CONCURRENT"); do
    post_jar "$WORK/jars/concurrent-$i.jar" "$API/connectors/sequence/versions" "$WORK/out/concurrent-$i.json" \
        "$WORK/out/concurrent-$i.h" >"$WORK/out/concurrent-$i.result" 2>&1 &
    BACKGROUND_PIDS+=($!)
done
for pid in "${BACKGROUND_PIDS[@]}"; do wait "$pid" || true; done
BACKGROUND_PIDS=()
CONCURRENT_MS=$(ms_since "$t")
LOADS+=("2: $(machine_load)")
stop_sampler concurrent
sleep 0.3
touch "$WORK/out/poll.stop"
wait "$POLL_PID" || true
POLL_PID=""
read -r POLL_SAMPLES HEAP_PEAK RSS_PEAK POLL_FAILURES <"$WORK/out/poll.txt"
statuses=() ok=0 conc_receive=()
for i in $(seq 1 "$CONCURRENT"); do
    s=$(cut -d' ' -f1 <"$WORK/out/concurrent-$i.result")
    statuses+=("$s")
    [[ $s == 201 ]] && ok=$((ok + 1))
    conc_receive+=("$(server_timing "$WORK/out/concurrent-$i.h" receive || true)")
    log "   upload $i: status $s, curl $(cut -d' ' -f2 <"$WORK/out/concurrent-$i.result") s, receive ${conc_receive[-1]:-?} ms, register $(server_timing "$WORK/out/concurrent-$i.h" register || true) ms"
done
kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during the concurrent uploads"
grep -q OutOfMemoryError "$SERVER_LOG" && log "   WARNING: OutOfMemoryError in the server log"
log "   statuses: ${statuses[*]}; $ok/$CONCURRENT created in $CONCURRENT_MS ms; heap idle $(mib "$HEAP_IDLE") MiB, peak $(mib "$HEAP_PEAK") MiB of max $(mib "$HEAP_FLAG") MiB ($POLL_SAMPLES samples, $POLL_FAILURES late); peak RSS $((RSS_PEAK / 1024)) MiB"

resolve_lua() { # file [bearer-token]: wrk script POSTing the resolve body, with the token if given
    {
        echo 'wrk.method = "POST"'
        echo "wrk.body = '$RESOLVE_BODY'"
        echo 'wrk.headers["Content-Type"] = "application/json"'
        [[ -z ${2:-} ]] || echo "wrk.headers[\"Authorization\"] = \"Bearer $2\""
    } >"$1"
}
WRK_LUA=$WORK/resolve.lua
resolve_lua "$WRK_LUA"
resolve_lua "$WORK/resolve-jwt.lua" "$VIEWER_JWT"
MODES=(anonymous token jwt)
AUTH_ROUNDS=${AUTH_ROUNDS:-3}

jit_compiled() { # methods the server's JIT has compiled so far (0 when jstat is missing)
    timeout 10 jstat -compiler "$SERVER_PID" 2>/dev/null | awk 'NR == 2 { print $1 }' | grep . || echo 0
}

run_wrk() { # label url duration [lua] -> $WORK/out/wrk-LABEL.parsed: "rps p99_ms non2xx socket_errors requests"
    timeout 120 wrk -t2 -c64 -d"$3" --latency -s "${4:-$WRK_LUA}" "$2" >"$WORK/out/wrk-$1.txt" 2>&1 || die "wrk ($1) failed: $(cat "$WORK/out/wrk-$1.txt")"
    $UTIL wrk "$WORK/out/wrk-$1.txt" >"$WORK/out/wrk-$1.parsed"
}

per_request() { # cpu-ms wrk-parsed-file -> microseconds of CPU per request
    awk -v ms="$1" '{ if ($5 > 0) printf "%.0f", ms * 1000 / $5; else print "?" }' "$2"
}

mode_lua() { # anonymous|token|jwt -> the wrk script of that caller
    case $1 in
        anonymous) echo "$WRK_LUA" ;;
        token) echo "$WORK/resolve-token.lua" ;;
        jwt) echo "$WORK/resolve-jwt.lua" ;;
    esac
}

check_resolve() { # label mode: one resolve as that caller answers 200 with the 3 identifiers
    local header=() status count
    case $2 in
        token) header=(-H "Authorization: Bearer $VIEWER_TOKEN") ;;
        jwt) header=(-H "Authorization: Bearer $VIEWER_JWT") ;;
    esac
    status=$(curl -sS --max-time 30 -o "$WORK/out/resolve-$1-$2.json" -w '%{http_code}' -X POST "${header[@]}" \
        -H 'Content-Type: application/json' -d "$RESOLVE_BODY" "$API/resolve")
    count=$($UTIL json-get "$WORK/out/resolve-$1-$2.json" resolved 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' || echo 0)
    [[ $status == 200 && $count == 3 ]] || { cat "$WORK/out/resolve-$1-$2.json" >&2; die "resolve ($1, $2) answered $status with $count identifiers"; }
}

resolve_bench() { # label: warm-up, then AUTH_ROUNDS rounds of anonymous, API token and JWT, each round starting with the next
    local label=$1 mode round=0 previous=0 compiled delta cpu_before cpu
    # A viewer API token of the default workspace, created through the API as any CI pipeline would.
    curl -fsS --max-time 30 -o "$WORK/out/token-$label.json" -X POST "${AUTH[@]}" -H 'Content-Type: application/json' \
        -d '{"name":"bench-viewer","workspace":"default","role":"viewer","expiresInDays":1}' "$BASE/api/v1/tokens" \
        || die "creating a viewer API token failed"
    VIEWER_TOKEN=$($UTIL json-get "$WORK/out/token-$label.json" token)
    resolve_lua "$WORK/resolve-token.lua" "$VIEWER_TOKEN"
    for mode in "${MODES[@]}"; do check_resolve "$label" "$mode"; done
    log "   resolve answers 200 with 3 identifiers anonymously, with an API token and with a JWT; warm-up: rounds of wrk -d$WRK_WARMUP until the JIT is quiet and req/s steady (at most $WARMUP_ROUNDS), then one round with each credential"
    while :; do
        round=$((round + 1))
        compiled=$(jit_compiled)
        run_wrk "$label-warmup-$round" "$API/resolve" "$WRK_WARMUP"
        delta=$(( $(jit_compiled) - compiled ))
        read -r rps p99 non2xx errors requests <"$WORK/out/wrk-$label-warmup-$round.parsed"
        log "   warm-up $round: $rps req/s, p99 $p99 ms, non-2xx $non2xx, $delta methods JIT-compiled meanwhile, $(machine_load)"
        ((round < WARMUP_ROUNDS)) || break
        if ((delta < 50)) && awk -v p="$previous" -v r="$rps" 'BEGIN { exit !(p > 0 && r >= 0.9 * p && r <= 1.1 * p) }'; then
            break
        fi
        previous=$rps
    done
    echo "$round" >"$WORK/out/warmup-rounds-$label"
    for mode in token jwt; do
        run_wrk "$label-warmup-$mode" "$API/resolve" "$WRK_WARMUP" "$(mode_lua "$mode")"
        log "   warm-up ($mode): $(cut -d' ' -f1 "$WORK/out/wrk-$label-warmup-$mode.parsed") req/s"
    done
    start_sampler "resolve-$label"
    local order
    for round in $(seq 1 "$AUTH_ROUNDS"); do
        # Each round starts with the next mode, so that no mode always runs first (or last) after another.
        order=("${MODES[@]:$(( (round - 1) % 3 ))}" "${MODES[@]:0:$(( (round - 1) % 3 ))}")
        for mode in "${order[@]}"; do
            cpu_before=$(cpu_ms "$SERVER_PID")
            run_wrk "$label-$mode-$round" "$API/resolve" "$WRK_DURATION" "$(mode_lua "$mode")"
            cpu=$(( $(cpu_ms "$SERVER_PID") - cpu_before ))
            read -r rps p99 non2xx errors requests <"$WORK/out/wrk-$label-$mode-$round.parsed"
            echo "$rps $p99 $non2xx $errors $requests $cpu" >>"$WORK/out/rounds-$label-$mode"
            log "   round $round, $mode: $rps req/s, p99 $p99 ms, $requests requests, non-2xx $non2xx, socket errors $errors, server CPU $(awk -v ms="$cpu" -v n="$requests" 'BEGIN { if (n > 0) printf "%.0f", ms * 1000 / n; else print "?" }') us per request, $(machine_load)"
        done
    done
    LOADS+=("4 $label: $(machine_load)")
    stop_sampler "resolve-$label"
    for mode in "${MODES[@]}"; do
        # The median round by req/s stands for the mode; non-2xx and socket errors are summed over all rounds.
        sort -g "$WORK/out/rounds-$label-$mode" | awk -v n="$AUTH_ROUNDS" 'NR == int((n + 1) / 2) { print $1, $2 }
            { non2xx += $3; errors += $4; requests += $5; cpu += $6 }
            END { printf "%d %d %d %.0f\n", non2xx, errors, requests, (requests > 0 ? cpu * 1000 / requests : 0) }' \
            | paste -sd' ' >"$WORK/out/summary-$label-$mode"
        read -r rps p99 non2xx errors requests cpu <"$WORK/out/summary-$label-$mode"
        echo "$rps $p99 $non2xx $errors $requests" >"$WORK/out/wrk-$label-$mode.parsed"
        echo "$cpu" >"$WORK/out/cpu-$label-$mode"
        log "   $mode (median of $AUTH_ROUNDS rounds): $rps req/s, p99 $p99 ms; over all rounds $requests requests, non-2xx $non2xx, socket errors $errors, server CPU $cpu us per request"
    done
    cp "$WORK/out/wrk-$label-anonymous.parsed" "$WORK/out/wrk-$label.parsed"
    cp "$WORK/out/cpu-$label-anonymous" "$WORK/out/cpu-$label"
    timeout 60 wrk -t1 -c1 -d5s --latency -s "$WRK_LUA" "$API/resolve" >"$WORK/out/wrk-$label-c1.txt" 2>&1 || die "wrk -c1 ($label) failed"
    $UTIL wrk "$WORK/out/wrk-$label-c1.txt" >"$WORK/out/wrk-$label-c1.parsed"
    log "   one connection (wrk -t1 -c1 -d5s): $(cut -d' ' -f1 "$WORK/out/wrk-$label-c1.parsed") req/s, p50 $(awk '$1 == "50%" { print $2 }' "$WORK/out/wrk-$label-c1.txt"), p99 $(cut -d' ' -f2 "$WORK/out/wrk-$label-c1.parsed") ms"
}

log "4. resolve (H2): wrk -t2 -c64 -d$WRK_DURATION --latency"
resolve_bench h2
read -r H2_RPS H2_P99 H2_NON2XX H2_ERRORS H2_REQUESTS <"$WORK/out/wrk-h2.parsed"
stop_server

log "4. resolve baseline: nginx returning the same JSON answer (same wrk script and settings)"
run_wrk nginx-warmup "http://127.0.0.1:$NGINX_PORT/resolve" 3s
nginx_cpu() { local total=0 pid; for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); do total=$((total + $(cpu_ms "$pid"))); done; echo "$total"; }
cpu_before=$(nginx_cpu)
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/resolve" "$WRK_DURATION"
per_request "$(( $(nginx_cpu) - cpu_before ))" "$WORK/out/wrk-nginx.parsed" >"$WORK/out/cpu-nginx"
LOADS+=("4 nginx: $(machine_load)")
read -r NG_RPS NG_P99 NG_NON2XX NG_ERRORS NG_REQUESTS <"$WORK/out/wrk-nginx.parsed"
log "   nginx: $NG_RPS req/s, p99 $NG_P99 ms, non-2xx $NG_NON2XX; nginx CPU per request: $(cat "$WORK/out/cpu-nginx") us"
stop_pid "$NGINX_PID" 10
NGINX_PID=""

PG_RPS=nan PG_P99=nan PG_NON2XX=- PG_ERRORS=- PG_REQUESTS=0
if [[ ${SKIP_PG:-0} != 1 ]]; then
    PG_SCHEMA=bench_$$_$RANDOM
    timeout 30 psql -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null || die "could not create schema $PG_SCHEMA with psql"
    log "4. resolve (PostgreSQL, schema $PG_SCHEMA)"
    start_server postgres "$WORK/data-pg" \
        --spring.datasource.url="$PG_URL_BASE?currentSchema=$PG_SCHEMA" --spring.datasource.username="$PGUSER" \
        --spring.flyway.schemas="$PG_SCHEMA" --spring.flyway.default-schema="$PG_SCHEMA"
    register_samples
    resolve_bench postgres
    read -r PG_RPS PG_P99 PG_NON2XX PG_ERRORS PG_REQUESTS <"$WORK/out/wrk-postgres.parsed"
    stop_server
fi

# ---------------------------------------------------------------------------------------------
# Summary

TOTAL=$(elapsed)
row() { printf '%-4s %-44s %-22s %-22s %-16s %s\n' "$@"; }
echo
echo "=========================================== SUMMARY (revision $REVISION) ==========================================="
row "#" "figure" "registry" "baseline" "ratio" "target"
row "1" "upload ${SIZE_MB} MB: server 'receive' (median of $UPLOADS)" "$RECEIVE ms" "$BASELINE ms" "$(ratio "$RECEIVE" "$BASELINE")x" "<= 2.00x  $(verdict "$(ratio "$RECEIVE" "$BASELINE")" '<=' 2)"
row "1b" "upload ${SIZE_MB} MB: curl end-to-end (median)" "$CURL ms" "$BASELINE ms" "$(ratio "$CURL" "$BASELINE")x" "(info; incl. analysis)"
row "1c" "upload ${SIZE_MB} MB: server 'register' (median)" "$REGISTER ms" "-" "-" "(info)"
row "1d" "baseline split: sha256sum | cp+sync" "-" "$HASH | $COPY ms" "-" "(info)"
row "2" "$CONCURRENT concurrent ${SIZE_MB} MB uploads, -Xmx$HEAP" "$ok/$CONCURRENT created" "statuses" "$(printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{ printf "%s%sx%s", (NR > 1 ? "," : ""), $1, $2 }')" "all 201  $([[ $ok == "$CONCURRENT" ]] && echo PASS || echo MISS)"
row "2b" "  peak heap during them (100 ms polls)" "$(mib "$HEAP_PEAK") MiB" "max $(mib "$HEAP_FLAG") MiB" "$(ratio "$HEAP_PEAK" "$HEAP_FLAG")x of max" "< 1.00x  $(verdict "$(ratio "$HEAP_PEAK" "$HEAP_FLAG")" '<' 1)"
row "2c" "  wall time, peak RSS, idle heap" "$CONCURRENT_MS ms" "RSS $((RSS_PEAK / 1024)) MiB" "idle $(mib "$HEAP_IDLE") MiB" "(info)"
row "3" "download ${SIZE_MB} MB (median of $DOWNLOADS)" "$DL_REGISTRY MB/s" "nginx $DL_NGINX MB/s" "$(ratio "$DL_REGISTRY" "$DL_NGINX")x" ">= 0.80x  $(verdict "$(ratio "$DL_REGISTRY" "$DL_NGINX")" '>=' 0.8)"
row "4a" "resolve 3 ids, H2 (anonymous): requests/s" "$H2_RPS" "nginx $NG_RPS" "$(ratio "$H2_RPS" "$NG_RPS")x" ">= 5000/s  $(verdict "$H2_RPS" '>=' 5000)"
row "4b" "resolve 3 ids, H2: p99 latency" "$H2_P99 ms" "nginx $NG_P99 ms" "$(ratio "$H2_P99" "$NG_P99")x" "< 20 ms  $(verdict "$H2_P99" '<' 20)"
row "4c" "resolve 3 ids, H2: non-2xx | socket errors" "$H2_NON2XX | $H2_ERRORS of $H2_REQUESTS" "nginx $NG_NON2XX | $NG_ERRORS" "-" "0  $([[ $H2_NON2XX == 0 && $H2_ERRORS == 0 ]] && echo PASS || echo MISS)"
row "4c'" "resolve, H2: server CPU per request" "$(cat "$WORK/out/cpu-h2" 2>/dev/null || echo ?) us" "nginx $(cat "$WORK/out/cpu-nginx") us" "$(ratio "$(cat "$WORK/out/cpu-h2" 2>/dev/null || echo 0)" "$(cat "$WORK/out/cpu-nginx")")x" "(info; load-independent)"
row "4d" "resolve 3 ids, PostgreSQL (anonymous): req/s" "$PG_RPS" "nginx $NG_RPS" "$(ratio "$PG_RPS" "$NG_RPS")x" ">= 5000/s  $(verdict "$PG_RPS" '>=' 5000)"
row "4e" "resolve 3 ids, PostgreSQL: p99 latency" "$PG_P99 ms" "nginx $NG_P99 ms" "$(ratio "$PG_P99" "$NG_P99")x" "< 20 ms  $(verdict "$PG_P99" '<' 20)"
row "4f" "resolve 3 ids, PostgreSQL: non-2xx | errors" "$PG_NON2XX | $PG_ERRORS of $PG_REQUESTS" "nginx $NG_NON2XX | $NG_ERRORS" "-" "0  $([[ $PG_NON2XX == 0 && $PG_ERRORS == 0 ]] && echo PASS || echo MISS)"
row "4f'" "resolve, PostgreSQL: server CPU per request" "$(cat "$WORK/out/cpu-postgres" 2>/dev/null || echo -) us" "nginx $(cat "$WORK/out/cpu-nginx") us" "$(ratio "$(cat "$WORK/out/cpu-postgres" 2>/dev/null || echo 0)" "$(cat "$WORK/out/cpu-nginx")")x" "(info; JVM only, not PostgreSQL's)"
auth_rows() { # label name
    local label=$1 name=$2 anon mode rps
    [[ -f $WORK/out/wrk-$label-anonymous.parsed ]] || { row "5" "resolve, $name: with credentials" "-" "-" "-" "(skipped)"; return 0; }
    anon=$(cut -d' ' -f1 "$WORK/out/wrk-$label-anonymous.parsed")
    for mode in token jwt; do
        rps=$(cut -d' ' -f1 "$WORK/out/wrk-$label-$mode.parsed")
        row "5" "resolve, $name, $([[ $mode == token ]] && echo "API token" || echo "OIDC JWT"): requests/s" "$rps" "anonymous $anon" "$(ratio "$rps" "$anon")x" ">= 0.90x  $(verdict "$(ratio "$rps" "$anon")" '>=' 0.9)"
        row "5'" "  server CPU per request" "$(cat "$WORK/out/cpu-$label-$mode") us" "anonymous $(cat "$WORK/out/cpu-$label-anonymous") us" "$(ratio "$(cat "$WORK/out/cpu-$label-$mode")" "$(cat "$WORK/out/cpu-$label-anonymous")")x" "(info; load-independent)"
        row "5''" "  p99 | non-2xx | socket errors" "$(cut -d' ' -f2 "$WORK/out/wrk-$label-$mode.parsed") ms | $(cut -d' ' -f3,4 "$WORK/out/wrk-$label-$mode.parsed" | tr ' ' '|')" "anonymous $(cut -d' ' -f2 "$WORK/out/wrk-$label-anonymous.parsed") ms" "-" "0 non-2xx  $([[ $(cut -d' ' -f3 "$WORK/out/wrk-$label-$mode.parsed") == 0 ]] && echo PASS || echo MISS)"
    done
}
auth_rows h2 H2
auth_rows postgres PostgreSQL
echo "Note: with 64 connections the mean latency is 64 / (req/s) (Little's law): 5,000 req/s means a 12.8 ms mean, so"
echo "      p99 < 20 ms also needs p99 within 1.6x of the mean; CPU per request bounds req/s at (cores x 1,000,000 us) / (us per request)."
echo
echo "Commands (server: java -Xmx$HEAP -jar registry-server-0.1.0-SNAPSHOT.jar --server.port=PORT --registry.storage.data-dir=DIR [PostgreSQL: --spring.datasource.url=$PG_URL_BASE?currentSchema=SCHEMA ...]):"
echo " 1   registry: curl -sS -o R -D H -w '%{http_code} %{time_total}' -X POST -H 'Content-Type: application/java-archive' -H 'Expect:' -T upload-N.jar \$API/connectors/sequence/versions  -> Server-Timing receive;dur"
echo "     baseline: sha256sum upload-N.jar && cp upload-N.jar copy.jar && sync copy.jar   (same file, run just before its upload)"
echo " 2   the same curl for concurrent-1..$CONCURRENT.jar at once; python3 util.py poll \$BASE/actuator/metrics/jvm.memory.used?tag=area:heap every 100 ms; max = -XX:MaxHeapSize"
echo " 3   curl -s -o /dev/null -w '%{speed_download}' \$API/jars/<sha256>   vs   the same on http://127.0.0.1:NGINX/<sha256>.jar (nginx: sendfile on, a hard link of the stored blob)"
echo " 4   wrk -t2 -c64 -d$WRK_DURATION --latency -s resolve.lua \$API/resolve   (after $(cat "$WORK/out/warmup-rounds-h2" 2>/dev/null || echo ?) (H2) / $(cat "$WORK/out/warmup-rounds-postgres" 2>/dev/null || echo -) (PostgreSQL) warm-up rounds of wrk -d$WRK_WARMUP); resolve.lua POSTs $RESOLVE_BODY"
echo "     baseline: the same wrk on nginx 'location = /resolve { return 200 <the registry's answer>; }'"
echo " 5   the same wrk with resolve-token.lua / resolve-jwt.lua (an 'Authorization: Bearer' header: a viewer API token made with"
echo "     POST /api/v1/tokens, or an RS256 JWT of group bench-viewers from util.py jwt); $AUTH_ROUNDS rounds of anonymous, token, JWT (each round"
echo "     starting with the next) on the same server, each figure the median round; anonymous by --registry.auth.anonymous-read=true"
echo
echo "Inputs: $((1 + UPLOADS + CONCURRENT)) JARs of $JAR_BYTES bytes (sample-sequence-source entries + one STORED random entry), by make_jar.py"
echo "Machine load right after each measured phase (the benchmark itself included): ${LOADS[*]/%/;}"
echo "Total run time: ${TOTAL} s"
