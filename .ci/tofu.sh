#!/usr/bin/env bash
# OpenTofu for the acceptance tests and the demo, built from source: OpenTofu
# is a Go module, so the Go module proxy serves it like any dependency. `go
# install` refuses it (its go.mod has a replace directive), so this downloads
# the module, builds ./cmd/tofu in a writable copy (the module cache is
# read-only) and keeps the binary in a cache folder outside the repository:
#
#   ${TOFU_CACHE:-$(dirname "$(go env GOCACHE)")/opentofu}/<version>/tofu
#
# Usage: .ci/tofu.sh [build|path|test [go test flags]]
#   build  (default) build it unless the cached binary already runs; print its path
#   path   print where the binary is (or would be), build nothing
#   test   build it, then run the acceptance tests (internal/services/...,
#          internal/provider) with it, against the in-process emulator (or the
#          Logto LOGTO_ENDPOINT names), and print a summary of the results
# TOFU_VERSION picks the module version (default below: the newest the proxy
# served when this was written; `go list -m -versions github.com/opentofu/opentofu`
# lists them). Nothing is fetched except through GOPROXY; `direct` is dropped
# from it, so a failing proxy is an error rather than a clone from GitHub.
set -euo pipefail

version=${TOFU_VERSION:-v1.12.6}
case $version in v*) ;; *) version=v$version ;; esac
cache=${TOFU_CACHE:-$(dirname "$(go env GOCACHE)")/opentofu}
bin=$cache/$version/tofu

# Prints the version line of a working binary, or nothing.
runs() { CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null | head -1; }

mode=${1:-build}
case $mode in
path)
  echo "$bin"
  exit 0
  ;;
build | test) ;;
*)
  echo "usage: $0 [build|path|test [go test flags]]" >&2
  exit 2
  ;;
esac
[ $# -gt 0 ] && shift

# Runs the acceptance tests with $bin. OpenTofu reads an implied provider
# "logto" as registry.opentofu.org/hashicorp/logto, so the in-process provider
# is served under that host (TF_ACC_PROVIDER_HOST); with terraform-plugin-
# testing's default host, `tofu init` refuses the address it is given.
acceptance() {
  cd "$(dirname "$0")/.."
  if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
    unset TF_CLI_CONFIG_FILE # a missing file only makes the CLI warn on every run
  fi
  log=$(mktemp "${TMPDIR:-/tmp}/testacc-tofu.XXXXXX")
  echo "==> $(runs "$bin"): go test ./internal/services/... ./internal/provider/ $*" >&2
  echo "==> full output: $log" >&2
  start=$(date +%s)
  set +e
  TF_ACC=1 TF_ACC_TERRAFORM_PATH=$bin TF_ACC_PROVIDER_HOST=registry.opentofu.org \
    CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 \
    go test -count=1 -timeout "${TEST_TIMEOUT:-20m}" -v "$@" ./internal/services/... ./internal/provider/ >"$log" 2>&1
  rc=$?
  set -e
  # The output of failed tests (go test -v names the test each line belongs
  # to in its === lines), the package results, then the counts of top-level
  # tests (subtests are indented).
  awk '
    NR == FNR { if ($1 == "---" && $2 == "FAIL:") failed[$3] = 1; next }
    /^=== (RUN|CONT|NAME|PAUSE)/ { cur = $3; next }
    /^(ok|FAIL|\?)[ \t]/ { print; cur = ""; next }
    /^(PASS|FAIL)$/ { cur = ""; next }
    /^panic:/ || (cur in failed) { print }
  ' "$log" "$log"
  pass=$(grep -c '^--- PASS' "$log" || true)
  fail=$(grep -c '^--- FAIL' "$log" || true)
  skip=$(grep -c '^--- SKIP' "$log" || true)
  echo "tofu acceptance tests: $pass passed, $fail failed, $skip skipped in $(($(date +%s) - start))s (exit $rc)"
  return "$rc"
}

if [ -x "$bin" ] && [ "$(runs "$bin")" = "OpenTofu $version" ]; then
  if [ "$mode" = test ]; then
    acceptance "$@"
    exit
  fi
  echo "$bin"
  exit 0
fi

proxy=$(go env GOPROXY | tr ',|' '\n\n' | grep -vx -e direct -e '' | paste -sd, -)
if [ -z "$proxy" ]; then
  proxy=https://proxy.golang.org
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
start=$(date +%s)
echo "==> downloading github.com/opentofu/opentofu@$version through $proxy" >&2
# Outside any module, so this repository's go.mod and go.sum stay untouched.
dir=$(cd "$work" && GOPROXY=$proxy GOFLAGS= go mod download -json "github.com/opentofu/opentofu@$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
  echo "error: go mod download did not return the module directory of github.com/opentofu/opentofu@$version" >&2
  exit 1
fi
cp -R "$dir" "$work/src"
chmod -R u+w "$work/src"
echo "==> building tofu (a cold build takes a few minutes; later runs reuse $bin)" >&2
mkdir -p "$(dirname "$bin")"
# version.dev=no: report "OpenTofu v1.12.6" as release builds do, not "-dev".
(cd "$work/src" && GOPROXY=$proxy GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp.$$" ./cmd/tofu)
mv -f "$bin.tmp.$$" "$bin"
got=$(runs "$bin")
if [ "$got" != "OpenTofu $version" ]; then
  echo "error: the built binary reports '$got', expected 'OpenTofu $version'" >&2
  exit 1
fi
echo "==> built $got in $(($(date +%s) - start))s" >&2
if [ "$mode" = test ]; then
  acceptance "$@"
  exit
fi
echo "$bin"
